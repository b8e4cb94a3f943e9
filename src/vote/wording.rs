//! The wording of an amendment as the minutes print it, generated from its
//! operations: "Rubriken ”…” tas bort.", "I avsnittet X ändras ”…” till:
//! ”…”", "Under rubriken X läggs följande mening till: ”…”".
//!
//! The wording names the section a passage stands in and, when the plan has
//! page numbers, the page, so that a reader of the minutes can find it. It is
//! a suggestion: the proposer may rephrase it, and the case keeps whatever
//! they settle on.

use crate::amendment::{Action, Amendment, InsertAs, Op, Position};
use crate::doc::Document;
use crate::locate::{locate, NewSection};
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
    let probe = Amendment::probe("wording", vec![op.clone()]);
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
                (_, true, _) if level_differs(doc, op) => new_section(
                    doc,
                    op,
                    &beside,
                    &page,
                    &quoted(&new_heading, lang),
                    &quoted(&text, lang),
                    lang,
                ),
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

/// Does a new section's heading have a level of its own, other than that of
/// the section beside it?
fn level_differs(doc: &Document, op: &Op) -> bool {
    match NewSection::of(doc, op) {
        Some(p) => p.level != p.default_level,
        None => op.new_heading_level.is_some(),
    }
}

/// A new section whose heading has a level of its own (`new_heading_level`,
/// other than that of the section beside it, which is worded as any new
/// section): deeper,
/// a sub-section ("Under rubriken X läggs ett nytt avsnitt till med
/// underrubriken ”Y”: ”…”", the level named when it is more than one
/// below); shallower, beside the section of its level that holds the one
/// named.
fn new_section(
    doc: &Document,
    op: &Op,
    beside: &str,
    page: &str,
    heading: &str,
    text: &str,
    lang: Lang,
) -> String {
    let sv = lang == Lang::Sv;
    let paged = doc.pages() > 1;
    let page_of = |b: usize| match (paged, lang) {
        (true, Lang::Sv) => format!(" på sidan {}", doc.blocks[b].page),
        (true, Lang::En) => format!(" on page {}", doc.blocks[b].page),
        (false, _) => String::new(),
    };
    let at_level = |level: u8| match lang {
        Lang::Sv => format!(" på rubriknivå {level}"),
        Lang::En => format!(" at heading level {level}"),
    };
    let before = matches!(op.position, Some(Position::Start | Position::Before));
    let (name, page, level) = match NewSection::of(doc, op) {
        Some(p) if p.level > p.default_level => {
            let x = &doc.blocks[p.beside].text;
            let page = page_of(p.beside);
            let level = if p.level > p.default_level + 1 {
                at_level(p.level)
            } else {
                String::new()
            };
            // before the section's first sub-section, if it has one
            let first = doc
                .blocks
                .get(p.at)
                .filter(|b| p.before && b.level().is_some_and(|l| l > p.default_level));
            return match (first, sv) {
                (Some(y), true) => format!(
                    "Under rubriken {x}{page} läggs ett nytt avsnitt till med underrubriken {heading}{level}, före avsnittet {}: {text}",
                    y.text
                ),
                (None, true) => format!(
                    "Under rubriken {x}{page} läggs ett nytt avsnitt till med underrubriken {heading}{level}: {text}"
                ),
                (Some(y), false) => format!(
                    "Under the heading {x}{page}, a new section with the sub-heading {heading}{level} is added before the section {}: {text}",
                    y.text
                ),
                (None, false) => format!(
                    "Under the heading {x}{page}, a new section with the sub-heading {heading}{level} is added: {text}"
                ),
            };
        }
        // beside the section of its level that holds the one named: the
        // page of its heading, or, after it, of where it ends
        Some(p) => {
            let outer = &doc.blocks[p.outer];
            let level = if outer.level() == Some(p.level) {
                String::new()
            } else {
                at_level(p.level)
            };
            let page = page_of(if p.before { p.outer } else { p.at - 1 });
            (outer.text.clone(), page, level)
        }
        None => (
            beside.to_string(),
            page.to_string(),
            at_level(op.new_heading_level.unwrap_or_default()),
        ),
    };
    match (before, sv) {
        (true, true) => format!(
            "Före avsnittet {name}{page} läggs ett nytt avsnitt till med rubriken {heading}{level}: {text}"
        ),
        (false, true) => format!(
            "Efter avsnittet {name}{page} läggs ett nytt avsnitt till med rubriken {heading}{level}: {text}"
        ),
        (true, false) => format!(
            "Before the section {name}{page}, a new section headed {heading}{level} is added: {text}"
        ),
        (false, false) => format!(
            "After the section {name}{page}, a new section headed {heading}{level} is added: {text}"
        ),
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

    fn chapters() -> Document {
        Document::parse(
            "# Plan\n\n## 3 Åtgärder\n\nÅtgärdstext.\n\n### 3.1 Lokaler\n\nLokaltext.\n\n## 4 Uppföljning\n\nUppföljningstext.\n",
            SourceFormat::Markdown,
        )
        .unwrap()
    }

    fn section(position: Position, at: &str, level: Option<u8>) -> Op {
        let mut op = if matches!(position, Position::Start | Position::End) {
            Op::insert_in_section(position, at, "Vi ska digitalisera.", InsertAs::Section)
        } else {
            Op::insert_at_quote(position, at, "Vi ska digitalisera.", InsertAs::Section)
        };
        op.new_heading = Some("Digitalisering".into());
        op.new_heading_level = level;
        op
    }

    #[test]
    fn a_sub_section_is_worded_under_its_heading() {
        let d = chapters();
        let end = section(Position::End, "3 Åtgärder", Some(3));
        assert_eq!(
            wording(&d, std::slice::from_ref(&end), Lang::Sv),
            "Under rubriken 3 Åtgärder läggs ett nytt avsnitt till med underrubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
        assert_eq!(
            wording(&d, &[end], Lang::En),
            "Under the heading 3 Åtgärder, a new section with the sub-heading “Digitalisering” is added: “Vi ska digitalisera.”"
        );
        // at the start: before the first sub-section
        let start = section(Position::Start, "3 Åtgärder", Some(3));
        assert_eq!(
            wording(&d, std::slice::from_ref(&start), Lang::Sv),
            "Under rubriken 3 Åtgärder läggs ett nytt avsnitt till med underrubriken ”Digitalisering”, före avsnittet 3.1 Lokaler: ”Vi ska digitalisera.”"
        );
        assert_eq!(
            wording(&d, &[start], Lang::En),
            "Under the heading 3 Åtgärder, a new section with the sub-heading “Digitalisering” is added before the section 3.1 Lokaler: “Vi ska digitalisera.”"
        );
        // a section without sub-sections, from a passage in it
        assert_eq!(
            wording(&d, &[section(Position::Before, "Uppföljningstext.", Some(3))], Lang::Sv),
            "Under rubriken 4 Uppföljning läggs ett nytt avsnitt till med underrubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
        // two levels down: the level is named
        assert_eq!(
            wording(&d, &[section(Position::End, "4 Uppföljning", Some(4))], Lang::Sv),
            "Under rubriken 4 Uppföljning läggs ett nytt avsnitt till med underrubriken ”Digitalisering” på rubriknivå 4: ”Vi ska digitalisera.”"
        );
        assert_eq!(
            wording(&d, &[section(Position::End, "4 Uppföljning", Some(5))], Lang::En),
            "Under the heading 4 Uppföljning, a new section with the sub-heading “Digitalisering” at heading level 5 is added: “Vi ska digitalisera.”"
        );
    }

    #[test]
    fn a_new_section_at_its_neighbours_level_is_worded_as_before() {
        let d = chapters();
        for (position, at, level) in [
            (Position::End, "3 Åtgärder", 2),
            (Position::Start, "3.1 Lokaler", 3),
            (Position::Before, "Uppföljningstext.", 2),
        ] {
            for lang in [Lang::Sv, Lang::En] {
                assert_eq!(
                    wording(&d, &[section(position, at, Some(level))], lang),
                    wording(&d, &[section(position, at, None)], lang),
                    "{at}"
                );
            }
        }
        assert_eq!(
            wording(&d, &[section(Position::End, "3 Åtgärder", None)], Lang::Sv),
            "Efter avsnittet 3 Åtgärder läggs ett nytt avsnitt till med rubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
    }

    #[test]
    fn a_new_chapter_beside_a_sub_section_names_the_chapter() {
        let d = chapters();
        assert_eq!(
            wording(&d, &[section(Position::End, "3.1 Lokaler", Some(2))], Lang::Sv),
            "Efter avsnittet 3 Åtgärder läggs ett nytt avsnitt till med rubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
        assert_eq!(
            wording(&d, &[section(Position::Before, "Lokaltext.", Some(2))], Lang::En),
            "Before the section 3 Åtgärder, a new section headed “Digitalisering” is added: “Vi ska digitalisera.”"
        );
        // a new title-level section after the plan's title's section
        assert_eq!(
            wording(&d, &[section(Position::End, "3.1 Lokaler", Some(1))], Lang::Sv),
            "Efter avsnittet Plan läggs ett nytt avsnitt till med rubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
        // no section of that level holds it (a level skipped): the level is named
        let skipped = Document::parse(
            "# Plan\n\n## 3 Åtgärder\n\n#### 3.1.1 Detalj\n\nText.\n",
            SourceFormat::Markdown,
        )
        .unwrap();
        assert_eq!(
            wording(&skipped, &[section(Position::End, "3.1.1 Detalj", Some(3))], Lang::Sv),
            "Efter avsnittet 3.1.1 Detalj läggs ett nytt avsnitt till med rubriken ”Digitalisering” på rubriknivå 3: ”Vi ska digitalisera.”"
        );
        // not found in the plan: the level is named
        assert_eq!(
            wording(&d, &[section(Position::End, "5 Finns inte", Some(3))], Lang::Sv),
            "Efter avsnittet 5 Finns inte läggs ett nytt avsnitt till med rubriken ”Digitalisering” på rubriknivå 3: ”Vi ska digitalisera.”"
        );
    }

    #[test]
    fn a_sub_section_names_its_headings_page() {
        let d = Document::parse(
            "Plan\n\n3 Åtgärder\nVi ska ha färre lokaler.\n\u{000C}Det blir billigare.\n\n4 Mål\nKommunen ska vara effektiv.\n",
            SourceFormat::Text,
        )
        .unwrap();
        assert_eq!(d.pages(), 2);
        assert_eq!(
            wording(&d, &[section(Position::After, "Det blir billigare.", Some(3))], Lang::Sv),
            "Under rubriken 3 Åtgärder på sidan 1 läggs ett nytt avsnitt till med underrubriken ”Digitalisering”: ”Vi ska digitalisera.”"
        );
    }
}
