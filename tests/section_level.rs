#![cfg(not(target_arch = "wasm32"))]
//! A new section whose heading has the level asked for
//! (`new_heading_level`): in the case file, in every export and in the
//! minutes' wording, on the Alingsås example (chapter "3 Åtgärder" at level
//! 2 with seven level-3 sub-sections, then "4 Uppföljning och genomförande").

use amend::amendment::{Amendment, AmendmentKind, InsertAs, Op, Position};
use amend::case::Case;
use amend::doc::{Document, SourceFormat};
use amend::export::{text_export, Export};
use amend::render::Lang;

const LAST_TEXT: &str = "Aktieägartillskott till Alingsåshem lokaler AB";
const NEXT_CHAPTER: &str = "4 Uppföljning och genomförande";

fn example() -> Case {
    Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json")).unwrap()
}

fn new_section(heading: &str, level: Option<u8>) -> Op {
    Op {
        new_heading: Some("Digitalisering".into()),
        new_heading_level: level,
        ..Op::insert_in_section(
            Position::End,
            heading,
            "Kommunen ska digitalisera sina tjänster.",
            InsertAs::Section,
        )
    }
}

/// The example with one more addition, by Amanda Andersson (MP), of `op`.
fn with(op: Op) -> Case {
    let mut case = example();
    case.amendments.push(Amendment {
        id: "dig".into(),
        proposer: "aa".into(),
        kind: AmendmentKind::Addition,
        ordinal: None,
        wording: "Under rubriken 3 Åtgärder läggs ett nytt avsnitt till.".into(),
        ops: vec![op],
        supporters: Vec::new(),
        withdrawn: false,
        conditional: false,
        from_wording: false,
        motivation: None,
        note: None,
    });
    case
}

/// The heading blocks of a plan text in the structured form: (level, text).
fn headings(text: &str) -> Vec<(u8, String)> {
    Document::parse(text, SourceFormat::Structured)
        .unwrap()
        .blocks
        .iter()
        .filter_map(|b| b.level().map(|l| (l, b.text.clone())))
        .collect()
}

/// The headings around the new one: the one before, itself, the one after.
fn around(headings: &[(u8, String)]) -> Vec<(u8, String)> {
    let i = headings
        .iter()
        .position(|(_, t)| t == "Digitalisering")
        .expect("the new heading");
    headings[i - 1..=i + 1].to_vec()
}

fn h(level: u8, text: &str) -> (u8, String) {
    (level, text.to_string())
}

#[test]
fn the_case_file_keeps_the_level_and_refuses_a_bad_one() {
    let case = with(new_section("3 Åtgärder", Some(3)));
    let json = case.to_json();
    assert!(json.contains("\"new_heading_level\": 3"), "{json}");
    assert_eq!(Case::from_json(&json).unwrap(), case);
    // left out when there is none
    assert!(!with(new_section("3 Åtgärder", None))
        .to_json()
        .contains("new_heading_level"));
    for (bad, message) in [
        (
            json.replace("\"new_heading_level\": 3", "\"new_heading_level\": 7"),
            "amendment dig, operation 1 (insert): \"new_heading_level\" is 7; a heading's level is 1 (the title) to 6",
        ),
        (
            json.replace("\"new_heading_level\": 3", "\"new_heading_level\": 0"),
            "amendment dig, operation 1 (insert): \"new_heading_level\" is 0; a heading's level is 1 (the title) to 6",
        ),
        (
            json.replace("\"as\": \"section\"", "\"as\": \"paragraph\""),
            "amendment dig, operation 1 (insert): \"new_heading_level\" is only for inserting a new section (\"as\": \"section\"), and this operation inserts a paragraph",
        ),
    ] {
        let e = Case::from_json(&bad).unwrap_err();
        assert_eq!(e.code(), "bad_operation");
        assert_eq!(e.to_string(), message);
    }
}

#[test]
fn a_sub_section_at_the_end_of_a_chapter_in_the_text_exports() {
    let case = with(new_section("3 Åtgärder", Some(3)));
    let doc = case.document().unwrap();
    let adopted = ["dig".to_string()];
    let md = text_export(&case, &doc, &adopted, Export::Markdown, Lang::Sv).unwrap();
    assert!(
        md.contains("\n\n### Digitalisering\n\nKommunen ska digitalisera sina tjänster.\n\n## 4 Uppföljning och genomförande\n"),
        "{md}"
    );
    assert_eq!(
        around(&headings(&md)),
        [h(3, LAST_TEXT), h(3, "Digitalisering"), h(2, NEXT_CHAPTER)]
    );
    // the same place as a new chapter would take, one level deeper
    let chapter = with(new_section("3 Åtgärder", None));
    let md2 = text_export(&chapter, &doc, &adopted, Export::Markdown, Lang::Sv).unwrap();
    assert_eq!(md2, md.replace("### Digitalisering", "## Digitalisering"));
    // plain text: the heading on its own, after the last sub-section's text
    let txt = text_export(&case, &doc, &adopted, Export::Text, Lang::Sv).unwrap();
    let at = txt.find("\n\nDigitalisering\n\nKommunen ska digitalisera sina tjänster.\n\n4 Uppföljning och genomförande\n");
    assert!(
        at.is_some_and(|at| at > txt.find(LAST_TEXT).unwrap()),
        "{txt}"
    );
    // tracked changes: an inserted level-3 heading, in one mark with its text
    let critic = text_export(&case, &doc, &adopted, Export::Critic, Lang::Sv).unwrap();
    assert!(
        critic.contains(&format!(
            "{{++\n\n### Digitalisering\n\nKommunen ska digitalisera sina tjänster.++}}{{>>Amanda Andersson (MP), tilläggsförslag 2<<}}\n\n## {NEXT_CHAPTER}\n"
        )),
        "{critic}"
    );
    let html = text_export(&case, &doc, &adopted, Export::TrackedHtml, Lang::Sv).unwrap();
    let new = html
        .match_indices("<h3")
        .map(|(i, _)| html[i..].split("</h3>").next().unwrap())
        .find(|x| x.contains("Digitalisering"));
    assert!(new.is_some_and(|x| x.contains("<ins")), "{html}");
}

#[test]
fn the_minutes_word_a_sub_section() {
    let case = with(new_section("3 Åtgärder", Some(3)));
    let doc = case.document().unwrap();
    let op = &case.amendments.last().unwrap().ops;
    assert_eq!(
        amend::vote::wording::wording(&doc, op, Lang::Sv),
        "Under rubriken 3 Åtgärder på sidan 2 läggs ett nytt avsnitt till med underrubriken ”Digitalisering”: ”Kommunen ska digitalisera sina tjänster.”"
    );
    let chapter = [new_section(LAST_TEXT, Some(2))];
    assert_eq!(
        amend::vote::wording::wording(&doc, &chapter, Lang::En),
        "After the section 3 Åtgärder on page 5, a new section headed “Digitalisering” is added: “Kommunen ska digitalisera sina tjänster.”"
    );
    // as a new chapter after chapter 3 is worded without a level
    assert_eq!(
        amend::vote::wording::wording(&doc, &chapter, Lang::En),
        amend::vote::wording::wording(&doc, &[new_section("3 Åtgärder", None)], Lang::En)
    );
}

#[cfg(feature = "formats")]
mod docx {
    use super::*;
    use amend::export::docx_package::{case_docx, encode};
    use amend::plan::docx::read_docx;
    use std::io::Read as _;

    fn document_xml(docx: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// The `w:p` element holding `text`.
    fn paragraph<'a>(xml: &'a str, text: &str) -> &'a str {
        let at = xml.find(text).expect("the text in document.xml");
        let start = xml[..at]
            .rfind("<w:p>")
            .into_iter()
            .chain(xml[..at].rfind("<w:p "))
            .max()
            .unwrap();
        let end = at + xml[at..].find("</w:p>").unwrap();
        &xml[start..end]
    }

    fn tracked(case: &Case) -> Vec<u8> {
        let (doc, applied) = case.apply(&["dig".to_string()], &[]).unwrap();
        case_docx(case, &doc, &applied, true).unwrap()
    }

    #[test]
    fn a_tracked_docx_written_anew_has_the_heading_style_of_the_level() {
        let mut case = with(new_section("3 Åtgärder", Some(3)));
        case.meeting.date = Some("2023-10-16".into());
        let docx = tracked(&case);
        let xml = document_xml(&docx);
        // level 3: "heading 2" (level 1 is the title), an inserted paragraph
        let p = paragraph(&xml, ">Digitalisering<");
        assert!(p.contains("<w:pStyle w:val=\"Heading2\"/>"), "{p}");
        assert!(p.contains("<w:ins "), "{p}");
        assert!(p.contains("Amanda Andersson (MP)"), "{p}");
        // Word's Accept All
        let read = read_docx(&docx).unwrap();
        assert_eq!(
            around(&headings(&read.text)),
            [h(3, LAST_TEXT), h(3, "Digitalisering"), h(2, NEXT_CHAPTER)]
        );
    }

    /// The Alingsås plan as LibreOffice saved it: its styles.xml has
    /// "heading 1" and "heading 2" and no deeper heading style.
    fn from_package(op: Op) -> Case {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/plans/alingsas.docx"
        ))
        .unwrap();
        let mut case = with(op);
        case.plan.text = read_docx(&bytes).unwrap().text;
        case.plan.format = SourceFormat::Docx;
        case.plan.docx = Some(encode(&bytes));
        case.meeting.date = Some("2023-10-16".into());
        case
    }

    #[test]
    fn a_tracked_docx_into_the_package_takes_its_style_for_the_level() {
        let case = from_package(new_section("3 Åtgärder", Some(3)));
        let docx = tracked(&case);
        let xml = document_xml(&docx);
        let p = paragraph(&xml, ">Digitalisering<");
        assert!(p.contains("<w:pStyle w:val=\"Heading2\"/>"), "{p}");
        assert!(p.contains("<w:ins "), "{p}");
        let read = read_docx(&docx).unwrap();
        assert_eq!(
            around(&headings(&read.text)),
            [h(3, LAST_TEXT), h(3, "Digitalisering"), h(2, NEXT_CHAPTER)]
        );
    }

    #[test]
    fn a_level_the_package_has_no_style_for_is_still_a_heading_of_that_level() {
        let case = from_package(new_section("Lokaleffektivitet", Some(4)));
        let docx = tracked(&case);
        let xml = document_xml(&docx);
        let p = paragraph(&xml, ">Digitalisering<");
        assert!(p.contains("<w:ins "), "{p}");
        // Word counts outline levels from 0, under the title (amend's 1)
        assert!(p.contains("<w:outlineLvl w:val=\"2\"/>"), "{p}");
        let read = read_docx(&docx).unwrap();
        assert_eq!(
            around(&headings(&read.text)),
            [
                h(3, "Lokaleffektivitet"),
                h(4, "Digitalisering"),
                h(3, "Aktieägartillskott till Alingsåshem lokaler AB")
            ]
        );
    }
}
