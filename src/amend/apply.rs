//! Applying adopted operations to the plan, with tracked changes.
//!
//! The result is the new text and a list of [`Run`]s in document order:
//! unchanged, inserted and deleted text, each change carrying the amendments
//! it comes from. Accepting every change (equal + inserted runs) gives the new
//! text; rejecting every change (equal + deleted runs) gives the original,
//! exactly. Replacements are refined to word level (see [`crate::diff`]).

use crate::conflict::{find_conflicts, Conflict};
use crate::diff::{diff_words, Tag};
use crate::error::Error;
use crate::locate::Edit;
use crate::plan::emphasis::Em;
use serde::{Deserialize, Serialize};

/// A run of the tracked text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub tag: Tag,
    pub text: String,
    /// The amendments behind an inserted or deleted run (more than one when
    /// identical proposals were adopted together); empty for equal runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
    /// The emphasis the plan has on this text (see
    /// [`crate::plan::emphasis`]): `"b"`, `"i"` or `"bi"`; inserted text is
    /// plain.
    #[serde(default, skip_serializing_if = "Em::is_plain")]
    pub em: Em,
}

/// The adopted text with its tracked changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The new canonical text (Markdown).
    pub text: String,
    pub runs: Vec<Run>,
    /// Amendments left out because one that wins over them was adopted:
    /// `(loser, winner)`.
    pub dropped: Vec<(String, String)>,
}

/// Accepting every change.
pub fn accept_all(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.tag != Tag::Delete)
        .map(|r| r.text.as_str())
        .collect()
}

/// Rejecting every change.
pub fn reject_all(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.tag != Tag::Insert)
        .map(|r| r.text.as_str())
        .collect()
}

/// Applies `edits` (the operations of the adopted amendments, in the order
/// the amendments were tabled) to `original`.
///
/// Edits that conflict are an error naming the pair, unless `prefer` has a
/// `(winner, loser)` pair for them: then the loser's amendment is left out
/// entirely and reported in [`Applied::dropped`].
pub fn apply(
    original: &str,
    edits: &[Edit],
    prefer: &[(String, String)],
) -> Result<Applied, Error> {
    let conflicts = find_conflicts(edits);
    let mut dropped: Vec<(String, String)> = Vec::new();
    let is_dropped = |d: &[(String, String)], id: &str| d.iter().any(|(l, _)| l == id);
    for c in conflicts.iter().filter(|c| c.is_conflict()) {
        let (a, b) = (&c.a.amendment, &c.b.amendment);
        if is_dropped(&dropped, a) || is_dropped(&dropped, b) {
            continue;
        }
        if a == b {
            return Err(Error::Invalid(format!(
                "amendment {a}: operations {} and {} change the same words; an amendment must not contradict itself",
                c.a.op + 1,
                c.b.op + 1
            )));
        }
        let winner = prefer
            .iter()
            .find(|(w, l)| (w == a && l == b) || (w == b && l == a));
        match winner {
            Some((w, l)) => dropped.push((l.clone(), w.clone())),
            None => return Err(conflict_error(c)),
        }
    }
    // keep, merge identical edits
    let mut kept: Vec<(Edit, Vec<String>)> = Vec::new();
    // the kept edits of each range, in order
    let mut by_range: std::collections::HashMap<(usize, usize), Vec<usize>, crate::text::FxBuild> =
        Default::default();
    for e in edits.iter().filter(|e| !is_dropped(&dropped, &e.amendment)) {
        let same = by_range.entry((e.range.start, e.range.end)).or_default();
        let twin = same.iter().copied().find(|&k| {
            crate::text::Normalized::key_of(&kept[k].0.insert)
                == crate::text::Normalized::key_of(&e.insert)
        });
        match twin {
            Some(k) => {
                let by = &mut kept[k].1;
                if !by.contains(&e.amendment) {
                    by.push(e.amendment.clone())
                }
            }
            None => {
                same.push(kept.len());
                kept.push((e.clone(), vec![e.amendment.clone()]));
            }
        }
    }
    kept.sort_by_key(|(e, _)| (e.range.start, e.range.end));
    // Removals of neighbouring blocks overlap by the blank line between them
    // when the second ends the plan, as it takes the blank line before it.
    // Together they end the plan, so the first takes the blank line before
    // it instead, as one removal of both would.
    let removal = |e: &Edit| e.insert.is_empty() && !e.range.is_empty();
    for i in (1..kept.len()).rev() {
        let (x, y) = (&kept[i - 1].0, &kept[i].0);
        if !(removal(x) && removal(y) && y.range.start < x.range.end) {
            continue;
        }
        let r = x.range.clone();
        let shift = r.start >= 2
            && original[..r.start].ends_with("\n\n")
            && original[..r.end].ends_with("\n\n")
            && !kept[..i - 1]
                .iter()
                .any(|(e, _)| !removal(e) && e.range.end > r.start - 2);
        if shift {
            kept[i - 1].0.range = r.start - 2..r.end - 2;
        }
    }

    let mut runs: Vec<Run> = Vec::with_capacity(kept.len() * 3 + 1);
    let mut at = 0;
    for (e, by) in &kept {
        // a removal may share the blank line before it with the removal
        // before it (see `find_conflicts`): it goes once
        let start = if e.insert.is_empty() {
            e.range.start.max(at).min(e.range.end)
        } else {
            e.range.start
        };
        if start > at {
            push(&mut runs, Tag::Equal, &original[at..start], &[]);
        }
        let old = &original[start..e.range.end];
        if e.action == crate::amendment::Action::Replace {
            for c in diff_words(old, &e.insert) {
                let who: &[String] = if c.tag == Tag::Equal { &[] } else { by };
                push(&mut runs, c.tag, &c.text, who);
            }
        } else {
            push(&mut runs, Tag::Delete, old, by);
            push(&mut runs, Tag::Insert, &e.insert, by);
        }
        at = at.max(e.range.end);
    }
    if at < original.len() {
        push(&mut runs, Tag::Equal, &original[at..], &[]);
    }
    Ok(Applied {
        text: accept_all(&runs),
        runs,
        dropped,
    })
}

/// Appends a run, joining it to the last one when tag and authors match.
pub(crate) fn push(runs: &mut Vec<Run>, tag: Tag, text: &str, by: &[String]) {
    push_em(runs, tag, text, by, Em::default())
}

/// Appends a run of emphasis `em`, joining it to the last one when tag,
/// authors and emphasis match.
pub(crate) fn push_em(runs: &mut Vec<Run>, tag: Tag, text: &str, by: &[String], em: Em) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.tag == tag && last.by == by && last.em == em {
            last.text.push_str(text);
            return;
        }
    }
    runs.push(Run {
        tag,
        text: text.to_string(),
        by: by.to_vec(),
        em,
    });
}

/// The error for adopting both sides of a conflict.
pub fn conflict_error(c: &Conflict) -> Error {
    Error::Conflict {
        a: c.a.amendment.clone(),
        b: c.b.amendment.clone(),
        reason: c.describe(),
    }
}
