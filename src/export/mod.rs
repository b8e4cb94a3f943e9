//! The files the browser app offers for download, by name, and one writer
//! per binary format.

#[cfg(feature = "formats")]
pub mod docx;
#[cfg(feature = "formats")]
pub mod docx_package;
pub mod minutes;

use crate::case::Case;
use crate::doc::Document;
use crate::error::Error;
use crate::render::{self, Lang};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The adopted text as plain text.
    Text,
    /// The adopted text as Markdown.
    Markdown,
    /// The adopted text as a standalone HTML page.
    Html,
    /// Tracked changes as a standalone HTML page.
    TrackedHtml,
    /// Tracked changes as CriticMarkup.
    Critic,
    /// The case file.
    Case,
}

impl std::str::FromStr for Export {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "txt" | "text" => Export::Text,
            "md" | "markdown" => Export::Markdown,
            "html" => Export::Html,
            "tracked-html" => Export::TrackedHtml,
            "critic" | "tracked-md" => Export::Critic,
            "json" | "case" => Export::Case,
            _ => {
                return Err(Error::Invalid(format!(
                    "unknown export ”{s}”; use txt, md, html, tracked-html, critic or json"
                )))
            }
        })
    }
}

/// The file's text: the plan with the amendments `adopted` applied (in the
/// order they were tabled), or the case.
pub fn export(
    case: &Case,
    doc: &Document,
    adopted: &[String],
    what: Export,
    lang: Lang,
) -> Result<String, Error> {
    if what == Export::Case {
        return Ok(case.to_json());
    }
    text_export(case, doc, adopted, what, lang)
}

/// The text formats: the plan with the amendments `adopted` applied, or their
/// tracked changes. (The case file is written by the caller: the browser
/// writes it with its own JSON.)
pub fn text_export(
    case: &Case,
    doc: &Document,
    adopted: &[String],
    what: Export,
    lang: Lang,
) -> Result<String, Error> {
    let applied = case.apply_with(doc, adopted, &[])?;
    Ok(match what {
        Export::Text => render::plain_text(&applied.text),
        Export::Markdown => markdown(doc, &applied),
        Export::Html => render::html_accepted(&case.title, &applied.runs, lang),
        Export::TrackedHtml => render::html_tracked(
            &case.title,
            &applied.runs,
            &render::labels(case, lang),
            lang,
        ),
        Export::Critic => render::critic_markup(&applied.runs, &render::labels(case, lang)),
        Export::Case => return Err(Error::Invalid("the case file is not a text export".into())),
    })
}

/// The adopted text as Markdown: for a Markdown plan, every block that no
/// adopted change touches is written exactly as the plan's source has it
/// (with nothing adopted, the source byte for byte); other blocks as the
/// canonical text writes them, with the plan's emphasis as `**…**` and
/// `*…*`. HTML tags in the text are escaped, and links that would run
/// code (`javascript:`, `data:`) are written as text.
pub fn markdown(doc: &Document, applied: &crate::apply::Applied) -> String {
    let text = splice_source(doc, &applied.runs).unwrap_or_else(|| {
        if doc.marks.is_empty() {
            return applied.text.clone();
        }
        let mut out = String::with_capacity(applied.text.len());
        for r in applied
            .runs
            .iter()
            .filter(|r| r.tag != crate::diff::Tag::Delete)
        {
            emphasized(&mut out, &r.text, r.em);
        }
        out
    });
    render::escape_unsafe_links(&render::escape_markdown_html(&text))
}

/// Writes `text` with emphasis `em` as Markdown does (`**bold**`,
/// `*italic*`, `***both***`), white space at either end outside the
/// delimiters so that they still count.
fn emphasized(out: &mut String, text: &str, em: crate::plan::emphasis::Em) {
    let core = text.trim();
    let delimiter = match (em.bold, em.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    if delimiter.is_empty() || core.is_empty() {
        out.push_str(text);
        return;
    }
    let lead = text.len() - text.trim_start().len();
    out.push_str(&text[..lead]);
    out.push_str(delimiter);
    out.push_str(core);
    out.push_str(delimiter);
    out.push_str(&text[lead + core.len()..]);
}

/// The accepted text of `runs` (tracked changes over `doc`'s canonical
/// text) with each untouched block taken from the plan's source, or `None`
/// if the plan has no source to write back (see [`Document::source`]).
pub fn splice_source(doc: &Document, runs: &[crate::apply::Run]) -> Option<String> {
    use crate::diff::Tag;
    let source = doc.source.as_ref()?;
    let n = doc.blocks.len();
    let first = doc.blocks.first()?.source.clone()?;
    // block i's span of the canonical text: from its start to the next's
    let starts: Vec<usize> = doc.blocks.iter().map(|b| b.range.start).collect();
    let span_of = |p: usize| starts.partition_point(|&s| s <= p).saturating_sub(1);
    // insertions just before span i, the accepted text of span i (with the
    // plan's emphasis), and whether a change touches span i
    let mut before = vec![String::new(); n];
    let mut inside = vec![String::new(); n];
    let mut touched = vec![false; n];
    let mut orig = 0usize;
    for r in runs {
        if r.tag == Tag::Insert {
            let i = span_of(orig);
            if orig == starts[i] {
                before[i].push_str(&r.text);
            } else {
                touched[i] = true;
                inside[i].push_str(&r.text);
            }
            continue;
        }
        let mut rest = r.text.as_str();
        while !rest.is_empty() {
            let i = span_of(orig);
            let end = starts.get(i + 1).copied().unwrap_or(usize::MAX);
            let take = rest.len().min(end - orig);
            if r.tag == Tag::Equal {
                emphasized(&mut inside[i], &rest[..take], r.em);
            } else {
                touched[i] = true;
            }
            rest = &rest[take..];
            orig += take;
        }
    }
    let mut out = String::with_capacity(source.len());
    out.push_str(&source[..first.start]);
    for i in 0..n {
        out.push_str(&before[i]);
        match (&doc.blocks[i].source, touched[i]) {
            (Some(s), false) => out.push_str(&source[s.clone()]),
            _ => out.push_str(&inside[i]),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Case, Document) {
        let case = Case::from_json(include_str!(
            "../../examples/alingsas-ks-2023-217/case.json"
        ))
        .unwrap();
        let doc = case.document().unwrap();
        (case, doc)
    }

    #[test]
    fn every_format() {
        let (case, doc) = example();
        let ids = vec!["v2".to_string()];
        let get = |w: &str| export(&case, &doc, &ids, w.parse().unwrap(), Lang::Sv).unwrap();
        assert!(
            get("txt").contains("samtidigt som vi använder våra ekonomiska resurser på rätt sätt.")
        );
        assert!(!get("txt").contains("Sveriges mest effektiva kommun"));
        assert!(get("md").starts_with("# Kommunkoncernövergripande"));
        assert!(get("html").contains("<h1"));
        let tracked = get("tracked-html");
        assert!(tracked.contains("<del") && tracked.contains("<ins"));
        assert!(tracked.contains("Emily Munter (V)"));
        assert!(get("critic").contains("{>>Emily Munter (V)"));
        assert_eq!(Case::from_json(&get("json")).unwrap(), case);
    }

    #[test]
    fn a_markdown_plan_comes_back_as_it_was() {
        let md = "Plan\n====\n\n*Inledning* med\nbrutna rader.\n\n1) Spara\n2) Satsa\n   * mer\n\n| År | Kr |\n|--|--:|\n| 2024 | 4 500 |\n\nSlut.\n";
        let mut case = Case::new("Plan", md);
        case.plan.format = crate::doc::SourceFormat::Markdown;
        case.members.push(crate::case::Member {
            id: "m".into(),
            name: "Maja".into(),
            party: "S".into(),
            substitute: false,
        });
        let doc = case.document().unwrap();
        let none = case.apply_with(&doc, &[], &[]).unwrap();
        assert_eq!(markdown(&doc, &none), md);
        // a change rewrites only its own block
        case.amendments.push(crate::Amendment {
            id: "s1".into(),
            proposer: "m".into(),
            kind: crate::AmendmentKind::Change,
            ordinal: None,
            wording: String::new(),
            ops: vec![crate::Op::replace("Satsa", "Satsa mer")],
            supporters: vec![],
            withdrawn: false,
            conditional: false,
            from_wording: false,
            motivation: None,
            note: None,
        });
        let one = case.apply_with(&doc, &["s1".into()], &[]).unwrap();
        assert_eq!(
            markdown(&doc, &one),
            md.replace("2) Satsa\n", "2) Satsa mer\n")
        );
    }

    #[test]
    fn a_conflicting_set_is_an_error() {
        let (case, doc) = example();
        let ids = vec!["mp1".to_string(), "v2".to_string()];
        let e = export(&case, &doc, &ids, Export::Text, Lang::Sv).unwrap_err();
        assert_eq!(e.code(), "conflict");
        assert!("pdf".parse::<Export>().is_err());
    }
}
