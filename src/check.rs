//! What `amend check` prints about a case: the plan's size, each active
//! amendment with where its operations landed, the conflicts, the identical
//! amendments and the warnings. Every lookup by amendment is made once, so
//! the report grows with the case, however many amendments it has.

use crate::case::{Analysis, Case};
use crate::error::Error;
use crate::locate::Edit;
use crate::render::{self, Lang};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The report of [`Case::analyze`]'s `an` on `case`, read from the file
/// named `file` (the errors are not in it: each is reported on its own).
pub fn report(case: &Case, an: &Analysis, file: &str) -> String {
    let doc = &an.doc;
    let headings = doc.blocks.iter().filter(|b| b.level().is_some()).count();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{file}: {} pages, {} blocks, {headings} headings",
        doc.pages(),
        doc.blocks.len(),
    );
    amendments(&mut o, case, an);
    conflicts(&mut o, an);
    if !an.warnings.is_empty() {
        let _ = writeln!(o, "\nwarnings: {}", an.warnings.len());
        for w in &an.warnings {
            let _ = writeln!(
                o,
                "  {} (operation {}): {}",
                w.amendment,
                w.op + 1,
                w.message
            );
        }
    }
    o
}

/// The amendment an error of locating it names.
fn failed_amendment(e: &Error) -> Option<&str> {
    match e {
        Error::QuoteNotFound { at, .. }
        | Error::QuoteAmbiguous { at, .. }
        | Error::NoSuchOccurrence { at, .. }
        | Error::HeadingNotFound { at, .. }
        | Error::HeadingAmbiguous { at, .. }
        | Error::NotInSection { at, .. }
        | Error::MissingField { at, .. }
        | Error::EmptyText { at, .. }
        | Error::BadOperation { at, .. } => Some(at.amendment.as_str()),
        Error::NoOperations { amendment } => Some(amendment.as_str()),
        _ => None,
    }
}

/// Each active amendment, ✓ or ✗, its label and where its edits are.
fn amendments(o: &mut String, case: &Case, an: &Analysis) {
    let failed: HashSet<&str> = an.errors.iter().filter_map(failed_amendment).collect();
    let active: Vec<_> = case.active().collect();
    let _ = writeln!(
        o,
        "\namendments: {} located, {} not",
        active.len() - failed.len(),
        failed.len()
    );
    let labels = render::labels(case, Lang::Sv);
    let mut edits: HashMap<&str, Vec<&Edit>> = HashMap::new();
    for e in &an.edits {
        edits.entry(e.amendment.as_str()).or_default().push(e);
    }
    for a in active {
        let mark = if failed.contains(a.id.as_str()) {
            "✗"
        } else {
            "✓"
        };
        let label = labels.get(&a.id).map_or("", |l| l.long.as_str());
        let _ = write!(o, "  {mark} {:<12} {label}", a.id);
        if a.from_wording {
            let _ = write!(o, "\n      (operations read from its wording: check them)");
        }
        for e in edits.get(a.id.as_str()).into_iter().flatten() {
            let _ = write!(o, "\n      {}", place(an, e));
        }
        o.push('\n');
    }
    let unread = case.unread();
    if !unread.is_empty() {
        let _ = writeln!(o, "\nwordings not read: {}", unread.len());
        for (id, why) in unread {
            let _ = writeln!(o, "  {id}: {why}");
        }
    }
}

/// "replace p. 3 ”2.1 Lokaler”": the action, the page and the section.
fn place(an: &Analysis, e: &Edit) -> String {
    let doc = &an.doc;
    let b = &doc.blocks[e.blocks.start];
    let section = doc
        .section_of(e.blocks.start)
        .map(|s| s.text.as_str())
        .unwrap_or("—");
    format!("{} p. {} ”{}”", e.action.name(), b.page, section)
}

/// The conflicting pairs, then the identical ones.
fn conflicts(o: &mut String, an: &Analysis) {
    let (conflicts, identical): (Vec<_>, Vec<_>) =
        an.conflicts.iter().partition(|c| c.is_conflict());
    for (title, between, pairs) in [
        ("conflicts", "⟷", conflicts),
        ("identical (likalydande)", "=", identical),
    ] {
        let _ = writeln!(o, "\n{title}: {}", pairs.len());
        for k in pairs {
            let (a, b) = (&k.a.amendment, &k.b.amendment);
            let _ = writeln!(o, "  {a} {between} {b}: {}", k.describe());
        }
    }
}
