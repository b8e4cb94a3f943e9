//! The wording of an amendment as the minutes print it, generated from its
//! operations: "Rubriken ”…” tas bort.", "I avsnittet X ändras ”…” till:
//! ”…”", "Under rubriken X läggs följande mening till: ”…”".
//!
//! The wording names the section a passage stands in and, when the plan has
//! page numbers, the page, so that a reader of the minutes can find it. It is
//! a suggestion: the proposer may rephrase it, and the case keeps whatever
//! they settle on.

use crate::amendment::{Action, Amendment, AmendmentKind, InsertAs, Op, Position};
use crate::doc::Document;
use crate::locate::locate;
use crate::render::Lang;
use crate::text::{clean_quote, strip_enclosing_quotes};

/// Where an operation lands, as far as the wording needs it.
struct Context {
    /// The heading of the section the target is in (for a heading operation:
    /// the heading itself).
    section: Option<String>,
    page: Option<u32>,
}

fn context(doc: &Document, op: &Op) -> Context {
    let probe = Amendment {
        id: "wording".into(),
        proposer: String::new(),
        kind: AmendmentKind::Change,
        ordinal: None,
        wording: String::new(),
        ops: vec![op.clone()],
        supporters: Vec::new(),
        withdrawn: false,
    };
    let paged = doc.pages() > 1;
    match locate(doc, &probe) {
        Ok((edits, _)) => {
            let e = &edits[0];
            // for a heading operation the heading; for an insertion at a
            // section's start or end a block of the section's own text
            let anchor = e.blocks.start.min(doc.blocks.len().saturating_sub(1));
            let section = doc.section_of(anchor);
            // "Under rubriken X på sidan N": the page of the heading
            let page = match (op.action, op.position) {
                (Action::Insert, Some(Position::Start | Position::End)) => {
                    section.map_or(doc.blocks[anchor].page, |h| h.page)
                }
                _ => doc.blocks[anchor].page,
            };
            Context {
                section: section.map(|b| b.text.clone()),
                page: paged.then_some(page),
            }
        }
        Err(_) => Context {
            section: op.section.clone().or_else(|| op.heading.clone()),
            page: op.page,
        },
    }
}

/// A quoted passage as the minutes quote it: without enclosing quotation
/// marks, hyphenation at line ends joined, on one line.
fn passage(s: &str) -> String {
    let cleaned = clean_quote(s);
    let inner = strip_enclosing_quotes(&cleaned).unwrap_or(&cleaned);
    inner.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Quotation marks: Swedish uses ” on both sides, English “ ”.
fn quoted(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("”{s}”"),
        Lang::En => format!("“{s}”"),
    }
}

/// The text to be inserted or put in: paragraphs kept apart by a space.
fn new_text(s: Option<&str>) -> String {
    s.map(|t| {
        t.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    })
    .unwrap_or_default()
}

/// One operation's sentence.
pub fn op_wording(doc: &Document, op: &Op, lang: Lang) -> String {
    let ctx = context(doc, op);
    let sv = lang == Lang::Sv;
    let page = match (ctx.page, lang) {
        (Some(p), Lang::Sv) => format!(" på sidan {p}"),
        (Some(p), Lang::En) => format!(" on page {p}"),
        (None, _) => String::new(),
    };
    let heading = op
        .heading
        .as_deref()
        .map(passage)
        .or_else(|| ctx.section.clone())
        .unwrap_or_default();
    let section = ctx.section.clone().unwrap_or_default();
    // a new section goes beside the one named by `heading`, or by the quote's
    let beside = if op.heading.is_some() {
        heading.clone()
    } else {
        section.clone()
    };
    // "I avsnittet X på sidan 4" / "In the section X on page 4,"
    let in_section = match (section.is_empty(), lang) {
        (false, Lang::Sv) => format!("I avsnittet {section}{page}"),
        (false, Lang::En) => format!("In the section {section}{page},"),
        (true, Lang::Sv) if !page.is_empty() => format!("På sidan{}", &page[" på sidan".len()..]),
        (true, Lang::En) if !page.is_empty() => format!("On page{},", &page[" on page".len()..]),
        (true, Lang::Sv) => "I planen".to_string(),
        (true, Lang::En) => "In the plan,".to_string(),
    };
    let q = op.quote.as_deref().map(passage).unwrap_or_default();
    let text = new_text(op.text.as_deref());
    let what = match (op.insert_as.unwrap_or_default(), lang) {
        (InsertAs::Sentence, Lang::Sv) => "följande mening",
        (InsertAs::Paragraph, Lang::Sv) => "följande stycke",
        (InsertAs::Sentence, Lang::En) => "the following sentence",
        (InsertAs::Paragraph, Lang::En) => "the following paragraph",
        (InsertAs::Section, _) => "",
    };
    // no full stop after a quote that ends a sentence: ”… bättre.”
    let stop = if q.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    let new_heading = op.new_heading.as_deref().map(passage).unwrap_or_default();
    match op.action {
        Action::DeleteSection if sv => format!(
            "Rubriken {}{page} och all text under den tas bort.",
            quoted(&heading, lang)
        ),
        Action::DeleteSection => format!(
            "The heading {}{page} and all text under it are deleted.",
            quoted(&heading, lang)
        ),
        Action::DeleteHeading if sv => format!(
            "Rubriken {}{page} tas bort; texten under den står kvar.",
            quoted(&heading, lang)
        ),
        Action::DeleteHeading => format!(
            "The heading {}{page} is deleted; the text under it remains.",
            quoted(&heading, lang)
        ),
        Action::Delete if sv => format!("{in_section} stryks {}{stop}", quoted(&q, lang)),
        Action::Delete => format!("{in_section} {} is deleted.", quoted(&q, lang)),
        Action::Replace if sv => format!(
            "{in_section} ändras {} till: {}",
            quoted(&q, lang),
            quoted(&text, lang)
        ),
        Action::Replace => format!(
            "{in_section} {} is changed to: {}",
            quoted(&q, lang),
            quoted(&text, lang)
        ),
        Action::Insert => {
            let position = op.position.unwrap_or(Position::End);
            let section_insert = op.insert_as == Some(InsertAs::Section);
            match (position, section_insert, lang) {
                (Position::End, false, Lang::Sv) => format!(
                    "Under rubriken {heading}{page} läggs {what} till: {}",
                    quoted(&text, lang)
                ),
                (Position::End, false, Lang::En) => format!(
                    "Under the heading {heading}{page}, {what} is added: {}",
                    quoted(&text, lang)
                ),
                (Position::Start, false, Lang::Sv) => format!(
                    "I början av avsnittet {heading}{page} läggs {what} till: {}",
                    quoted(&text, lang)
                ),
                (Position::Start, false, Lang::En) => format!(
                    "At the start of the section {heading}{page}, {what} is added: {}",
                    quoted(&text, lang)
                ),
                (Position::Before | Position::After, false, _) => {
                    let (where_sv, where_en) = if position == Position::Before {
                        ("före", "before")
                    } else {
                        ("efter", "after")
                    };
                    if sv {
                        format!(
                            "{in_section} läggs {what} till {where_sv} {}: {}",
                            quoted(&q, lang),
                            quoted(&text, lang)
                        )
                    } else {
                        format!(
                            "{in_section} {what} is added {where_en} {}: {}",
                            quoted(&q, lang),
                            quoted(&text, lang)
                        )
                    }
                }
                (Position::Start | Position::Before, true, Lang::Sv) => format!(
                    "Före avsnittet {beside}{page} läggs ett nytt avsnitt till med rubriken {}: {}",
                    quoted(&new_heading, lang),
                    quoted(&text, lang)
                ),
                (Position::End | Position::After, true, Lang::Sv) => format!(
                    "Efter avsnittet {beside}{page} läggs ett nytt avsnitt till med rubriken {}: {}",
                    quoted(&new_heading, lang),
                    quoted(&text, lang)
                ),
                (Position::Start | Position::Before, true, Lang::En) => format!(
                    "Before the section {beside}{page}, a new section headed {} is added: {}",
                    quoted(&new_heading, lang),
                    quoted(&text, lang)
                ),
                (Position::End | Position::After, true, Lang::En) => format!(
                    "After the section {beside}{page}, a new section headed {} is added: {}",
                    quoted(&new_heading, lang),
                    quoted(&text, lang)
                ),
            }
        }
    }
}

/// The wording of a whole amendment: one sentence per operation.
pub fn wording(doc: &Document, ops: &[Op], lang: Lang) -> String {
    ops.iter()
        .map(|op| op_wording(doc, op, lang))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SourceFormat;

    fn doc() -> Document {
        Document::parse(
            "# Plan\n\n## Lokaler\n\nVi ska ha färre lokaler. De ska bli bättre.\n\n## Mål\n\nKommunen ska vara Sveriges mest effektiva kommun.\n",
            SourceFormat::Markdown,
        )
        .unwrap()
    }

    fn paged() -> Document {
        Document::parse(
            "Plan\n\nLokaler\nVi ska ha färre lokaler.\n\u{000C}Det blir billigare.\n\nMål\nKommunen ska vara effektiv.\n",
            SourceFormat::Text,
        )
        .unwrap()
    }

    #[test]
    fn deleting_a_section_and_a_heading() {
        let d = doc();
        assert_eq!(
            wording(&d, &[Op::delete_section("Mål")], Lang::Sv),
            "Rubriken ”Mål” och all text under den tas bort."
        );
        assert_eq!(
            wording(&d, &[Op::delete_heading("Mål")], Lang::Sv),
            "Rubriken ”Mål” tas bort; texten under den står kvar."
        );
        assert_eq!(
            wording(&d, &[Op::delete_section("Mål")], Lang::En),
            "The heading “Mål” and all text under it are deleted."
        );
    }

    #[test]
    fn rewording_names_the_section() {
        let d = doc();
        let op = Op::replace("Sveriges mest effektiva kommun", "en kommun i balans");
        assert_eq!(
            wording(&d, std::slice::from_ref(&op), Lang::Sv),
            "I avsnittet Mål ändras ”Sveriges mest effektiva kommun” till: ”en kommun i balans”"
        );
        assert_eq!(
            wording(&d, &[op], Lang::En),
            "In the section Mål, “Sveriges mest effektiva kommun” is changed to: “en kommun i balans”"
        );
    }

    #[test]
    fn deleting_a_passage() {
        let d = doc();
        assert_eq!(
            wording(&d, &[Op::delete("De ska bli bättre.")], Lang::Sv),
            "I avsnittet Lokaler stryks ”De ska bli bättre.”"
        );
        assert_eq!(
            wording(&d, &[Op::delete("färre")], Lang::En),
            "In the section Lokaler, “färre” is deleted."
        );
    }

    #[test]
    fn additions() {
        let d = doc();
        let end = Op::insert_in_section(
            Position::End,
            "Lokaler",
            "Skolor på landsbygden ska finnas kvar.",
            InsertAs::Sentence,
        );
        assert_eq!(
            wording(&d, &[end], Lang::Sv),
            "Under rubriken Lokaler läggs följande mening till: ”Skolor på landsbygden ska finnas kvar.”"
        );
        let para = Op::insert_in_section(Position::End, "Mål", "Nytt stycke.", InsertAs::Paragraph);
        assert_eq!(
            wording(&d, &[para], Lang::En),
            "Under the heading Mål, the following paragraph is added: “Nytt stycke.”"
        );
        let after = Op::insert_at_quote(
            Position::After,
            "färre lokaler",
            "Det sparar pengar.",
            InsertAs::Sentence,
        );
        assert_eq!(
            wording(&d, &[after], Lang::Sv),
            "I avsnittet Lokaler läggs följande mening till efter ”färre lokaler”: ”Det sparar pengar.”"
        );
        let mut section =
            Op::insert_in_section(Position::End, "Lokaler", "Text.", InsertAs::Section);
        section.new_heading = Some("Landsbygd".into());
        assert_eq!(
            wording(&d, &[section], Lang::Sv),
            "Efter avsnittet Lokaler läggs ett nytt avsnitt till med rubriken ”Landsbygd”: ”Text.”"
        );
    }

    #[test]
    fn pages_are_named_when_the_plan_has_them() {
        let d = paged();
        let end = Op::insert_in_section(Position::End, "Lokaler", "Ny mening.", InsertAs::Sentence);
        assert_eq!(
            wording(&d, &[end], Lang::Sv),
            "Under rubriken Lokaler på sidan 1 läggs följande mening till: ”Ny mening.”"
        );
        assert_eq!(d.pages(), 2);
        assert_eq!(
            wording(&d, &[Op::replace("effektiv", "bra")], Lang::Sv),
            "I avsnittet Mål på sidan 2 ändras ”effektiv” till: ”bra”"
        );
        assert_eq!(
            wording(&d, &[Op::delete_section("Lokaler")], Lang::Sv),
            "Rubriken ”Lokaler” på sidan 1 och all text under den tas bort."
        );
    }

    #[test]
    fn several_operations_and_quotes_as_typed() {
        let d = doc();
        let ops = [
            Op::delete("”färre”"),
            Op::replace("De ska bli\nbättre", "De ska vara bra"),
        ];
        assert_eq!(
            wording(&d, &ops, Lang::Sv),
            "I avsnittet Lokaler stryks ”färre”. I avsnittet Lokaler ändras ”De ska bli bättre” till: ”De ska vara bra”"
        );
    }

    #[test]
    fn unlocatable_operations_still_get_a_wording() {
        let d = doc();
        let op = Op::replace("finns inte", "ny").in_section("Mål");
        assert_eq!(
            wording(&d, &[op], Lang::Sv),
            "I avsnittet Mål ändras ”finns inte” till: ”ny”"
        );
    }
}
