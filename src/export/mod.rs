//! The files the browser app offers for download, by name, and one writer
//! per binary format.

#[cfg(feature = "formats")]
pub mod docx;

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
        Export::Markdown => render::escape_markdown_html(&applied.text),
        Export::Html => render::html_text(&case.title, &applied.text, lang),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Case, Document) {
        let case =
            Case::from_json(include_str!("../../examples/alingsas-ks-2023-217/case.json")).unwrap();
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
    fn a_conflicting_set_is_an_error() {
        let (case, doc) = example();
        let ids = vec!["mp1".to_string(), "v2".to_string()];
        let e = export(&case, &doc, &ids, Export::Text, Lang::Sv).unwrap_err();
        assert_eq!(e.code(), "conflict");
        assert!("pdf".parse::<Export>().is_err());
    }
}
