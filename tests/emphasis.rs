#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "formats")]
//! Emphasis (bold, italic) beside the plan's text (`plan::emphasis`): each
//! reader finds it where the source has it, on files real programs made
//! (`tests/plans/em-features.*`, made by LibreOffice, see make.sh); each
//! writer puts it back on the runs of unchanged and deleted text; and the
//! marks stay on whole characters of the blocks' texts whatever is applied.

mod common;
mod fixed_seed;
use common::{document_xml, with_document};

use amend::apply::{accept_all, reject_all};
use amend::case::{Case, Member};
use amend::diff::Tag;
use amend::doc::{Document, SourceFormat};
use amend::export::docx_package::{case_docx, encode};
use amend::export::{export, markdown, Export};
use amend::plan::docx::read_docx;
use amend::plan::emphasis::{self, Em, Mark};
use amend::plan::pdf::read_pdf;
use amend::render::Lang;
use amend::{Amendment, AmendmentKind, Op};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The marked stretches of a text: `(text, "b" | "i" | "bi")`, in order.
fn marked(text: &str, marks: &[Mark]) -> Vec<(String, &'static str)> {
    marks
        .iter()
        .map(|m| (text[m.range.clone()].to_string(), m.em.code()))
        .collect()
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|(t, c)| (t.to_string(), *c)).collect()
}

/// A case around the .docx fixture, as `amend new` makes it: the reader's
/// text and marks, and (with `package`) the file itself.
fn docx_case(package: bool) -> Case {
    let bytes = fixture("em-features.docx");
    let read = read_docx(&bytes).unwrap();
    let mut case = Case::new("Handlingsplan för skolan", &read.text);
    case.plan.format = SourceFormat::Docx;
    if package {
        case.plan.docx = Some(encode(&bytes));
    }
    let mut doc = case.document().unwrap();
    case.set_read_marks(&mut doc, &read.marks);
    case.members.push(Member {
        id: "m".into(),
        name: "Maja Svensson".into(),
        party: "S".into(),
        substitute: false,
    });
    case
}

fn amendment(id: &str, op: Op) -> Amendment {
    Amendment {
        id: id.into(),
        proposer: "m".into(),
        kind: AmendmentKind::Change,
        ordinal: None,
        wording: String::new(),
        ops: vec![op],
        supporters: vec![],
        withdrawn: false,
        conditional: false,
        from_wording: false,
        motivation: None,
        note: None,
    }
}

/// The fixture's case with two changes: a word inserted inside the bold
/// "spara pengar", and the bold "positivt" reworded.
fn amended() -> (Case, Vec<String>) {
    let mut case = docx_case(true);
    case.amendments.push(amendment(
        "a1",
        Op::replace("ska spara pengar och", "ska spara mer pengar och"),
    ));
    case.amendments.push(amendment(
        "a2",
        Op::replace("vara positivt varje", "vara i balans varje"),
    ));
    (case, vec!["a1".into(), "a2".into()])
}

// ---------------------------------------------------------------------------
// Readers

#[test]
fn the_docx_reader_finds_emphasis_in_runs_and_styles_but_not_in_headings() {
    let case = docx_case(false);
    let doc = case.document().unwrap();
    assert_eq!(
        marked(&doc.canonical, &doc.marks),
        pairs(&[
            ("spara pengar", "b"),
            ("satsa", "i"),
            ("mycket viktigt", "bi"),
            // a character style that is bold
            ("gäller", "b"),
            // a paragraph style that is bold
            ("Hela stycket är fetstilt.", "b"),
            ("kostnaderna", "b"),
            ("positivt", "b"),
        ])
    );
    // the case keeps them, and reads them back as they were
    let again = Case::from_json(&case.to_json()).unwrap();
    assert_eq!(again.plan.marks, doc.marks);
    assert_eq!(again.document().unwrap().marks, doc.marks);
    let json = case.to_json();
    let line = json.lines().find(|l| l.contains("\"marks\"")).unwrap();
    assert!(
        line.trim().starts_with("\"marks\": \"") && line.contains("bi "),
        "{line}"
    );
    assert_eq!(
        emphasis::from_text(&emphasis::to_text(&doc.marks)).unwrap(),
        doc.marks
    );
    for bad in ["12-30", "12b", "30-12x", "-3b"] {
        assert!(emphasis::from_text(bad).is_err(), "{bad}");
    }
}

/// A case around the PDF fixture, as `amend new` makes it: the reader's
/// text (pdftohtml's) and marks.
fn pdf_case() -> Case {
    let read = read_pdf(&fixture("em-features.pdf")).unwrap();
    let mut case = Case::new("Handlingsplan för skolan", &read.text);
    case.plan.format = SourceFormat::Pdf;
    let mut doc = case.document().unwrap();
    case.set_read_marks(&mut doc, &read.marks);
    case.members = docx_case(false).members;
    case
}

#[test]
fn the_pdf_reader_marks_the_words_the_docx_reader_does() {
    let read = read_pdf(&fixture("em-features.pdf")).unwrap();
    // the same words as in the .docx: bold, italic and bold italic type,
    // the bold character style and the paragraph in a bold style (a PDF
    // knows no styles, only the type each word is set in)
    assert_eq!(marked(&read.text, &read.marks), original_marks());
    let docx = read_docx(&fixture("em-features.docx")).unwrap();
    assert_eq!(
        marked(&read.text, &read.marks),
        marked(&docx.text, &docx.marks)
    );
    // the title, set large, has none
    let title = read.text.find("Handlingsplan").unwrap();
    assert!(read.marks.iter().all(|m| m.range.start > title + 10));
    // the case keeps them over its canonical text
    let case = pdf_case();
    let doc = case.document().unwrap();
    assert_eq!(marked(&doc.canonical, &doc.marks), original_marks());
    assert_eq!(case.plan.marks, doc.marks);
    let again = Case::from_json(&case.to_json()).unwrap();
    assert_eq!(again.document().unwrap().marks, doc.marks);
}

#[test]
fn a_tracked_docx_of_a_pdf_plan_has_bold_and_italic_on_the_right_words() {
    let mut case = pdf_case();
    case.amendments.push(amendment(
        "a1",
        Op::replace("ska spara pengar och", "ska spara mer pengar och"),
    ));
    case.amendments.push(amendment(
        "a2",
        Op::replace("vara positivt varje", "vara i balans varje"),
    ));
    let ids = vec!["a1".to_string(), "a2".to_string()];
    let doc = case.document().unwrap();
    let applied = case.apply_with(&doc, &ids, &[]).unwrap();
    let tracked = case_docx(&case, &doc, &applied, true).unwrap();
    let xml = document_xml(&tracked);
    assert!(
        xml.contains("<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">mycket viktigt</w:t>"),
        "{xml}"
    );
    // Accept All (the reader accepts) and Reject All: bold and italic on
    // the words of the PDF, "mer" inserted plain inside the bold
    assert_eq!(docx_marks(&tracked), adopted_marks());
    let back = with_document(&tracked, &common::reject_all_xml(&xml));
    assert_eq!(docx_marks(&back), original_marks());
}

#[test]
fn the_markdown_reader_keeps_emphasis_beside_the_text() {
    let md = "# Plan\n\nVi ska **spara\npengar** och *satsa* på\n***skolan***.\n\n- en **fet** punkt\n\n| **År** | Kr |\n|---|---|\n| 2024 | 5 |\n";
    let doc = Document::parse(md, SourceFormat::Markdown).unwrap();
    // the text is plain, the line break joined inside the bold words
    assert!(doc
        .canonical
        .contains("\n\nVi ska spara pengar och satsa på skolan.\n"));
    assert_eq!(
        marked(&doc.canonical, &doc.marks),
        pairs(&[
            ("spara pengar", "b"),
            ("satsa", "i"),
            ("skolan", "bi"),
            ("fet", "b"),
        ])
    );
    // a Markdown case keeps no marks: its source has them
    let mut case = Case::new("Plan", md);
    case.plan.format = SourceFormat::Markdown;
    assert_eq!(case.document().unwrap().marks, doc.marks);
    assert!(case.plan.marks.is_empty());
}

#[test]
fn pasted_text_has_no_emphasis() {
    let doc = Document::parse(
        "Rubrik\n\nVi ska *inte* läsa stjärnor som fetstil.\n",
        SourceFormat::Text,
    )
    .unwrap();
    assert!(doc.marks.is_empty());
}

// ---------------------------------------------------------------------------
// Runs

#[test]
fn unchanged_and_deleted_runs_carry_the_emphasis_inserted_ones_do_not() {
    let (case, ids) = amended();
    let (_, applied) = case.apply(&ids, &[]).unwrap();
    let seen: Vec<(Tag, &str, &str)> = applied
        .runs
        .iter()
        .filter(|r| r.tag != Tag::Equal || !r.em.is_plain())
        .map(|r| (r.tag, r.text.as_str(), r.em.code()))
        .collect();
    assert_eq!(
        seen,
        [
            (Tag::Equal, "spara ", "b"),
            (Tag::Insert, "mer ", ""),
            (Tag::Equal, "pengar", "b"),
            (Tag::Equal, "satsa", "i"),
            (Tag::Equal, "mycket viktigt", "bi"),
            (Tag::Equal, "gäller", "b"),
            (Tag::Equal, "Hela stycket är fetstilt.", "b"),
            (Tag::Equal, "kostnaderna", "b"),
            (Tag::Delete, "positivt", "b"),
            (Tag::Insert, "i balans", ""),
        ]
    );
    // the tracked blocks, which the app shows, carry them too
    let blocks = amend::render::tracked_blocks(&applied.runs);
    let first = blocks.iter().find(|b| b.status == "changed").unwrap();
    let json = serde_json::to_string(&first.runs).unwrap();
    assert!(
        json.contains(r#"{"tag":"equal","text":"spara ","em":"b"}"#),
        "{json}"
    );
    // a plan without marks gives the runs it always gave
    let mut plain = case.clone();
    plain.plan.marks.clear();
    let (_, bare) = plain.apply(&ids, &[]).unwrap();
    assert!(bare.runs.iter().all(|r| r.em.is_plain()));
    assert_eq!(accept_all(&bare.runs), accept_all(&applied.runs));
    assert!(!serde_json::to_string(&bare.runs)
        .unwrap()
        .contains("\"em\""));
}

// ---------------------------------------------------------------------------
// Writers

#[test]
fn html_exports_write_strong_and_em() {
    let (case, ids) = amended();
    let doc = case.document().unwrap();
    let html = export(&case, &doc, &ids, Export::Html, Lang::Sv).unwrap();
    assert!(
        html.contains(
            "Kommunen ska <strong>spara </strong>mer <strong>pengar</strong> och <em>satsa</em>"
        ),
        "{html}"
    );
    assert!(html.contains("<strong><em>mycket viktigt</em></strong>"));
    assert!(html.contains("vara i balans varje"));
    assert!(
        html.contains("<h2 class=\"block-equal\">Mål</h2>"),
        "headings are not emphasised"
    );
    let tracked = export(&case, &doc, &ids, Export::TrackedHtml, Lang::Sv).unwrap();
    assert!(tracked.contains("<strong>spara </strong><ins"));
    assert!(tracked.contains("struket, Maja Svensson (S), ändringsförslag 2:] </span><strong>positivt</strong></del>"), "{tracked}");
    // plain text and CriticMarkup are as they were
    let text = export(&case, &doc, &ids, Export::Text, Lang::Sv).unwrap();
    assert!(text.contains("Kommunen ska spara mer pengar och satsa"));
    let critic = export(&case, &doc, &ids, Export::Critic, Lang::Sv).unwrap();
    assert!(critic.contains("{~~positivt~>i balans~~}"));
    assert!(!critic.contains("**"));
}

#[test]
fn the_markdown_export_writes_emphasis_in_changed_blocks_only() {
    let md = "# Plan\n\nVi ska **spara\npengar** och *satsa* på skolan.\n\nOrört __stycke__ med _kursiv_.\n";
    let mut case = Case::new("Plan", md);
    case.plan.format = SourceFormat::Markdown;
    case.members.push(Member {
        id: "m".into(),
        name: "Maja".into(),
        party: "S".into(),
        substitute: false,
    });
    case.amendments
        .push(amendment("a", Op::replace("på skolan", "på förskolan")));
    let doc = case.document().unwrap();
    let none = case.apply_with(&doc, &[], &[]).unwrap();
    assert_eq!(markdown(&doc, &none), md);
    let one = case.apply_with(&doc, &["a".into()], &[]).unwrap();
    assert_eq!(
        markdown(&doc, &one),
        "# Plan\n\nVi ska **spara pengar** och *satsa* på förskolan.\n\nOrört __stycke__ med _kursiv_.\n"
    );
    // a plan from a .docx has no source: every block is written with it
    let (case, ids) = amended();
    let doc = case.document().unwrap();
    let out = export(&case, &doc, &ids, Export::Markdown, Lang::Sv).unwrap();
    assert!(
        out.contains("Kommunen ska **spara** mer **pengar** och *satsa* på"),
        "{out}"
    );
    assert!(out.contains("Det här är ***mycket viktigt*** för alla"));
    assert!(out.contains("- Minska **kostnaderna** snabbt."));
}

/// The marked stretches of a .docx file as the reader reads it.
fn docx_marks(docx: &[u8]) -> Vec<(String, &'static str)> {
    let read = read_docx(docx).unwrap();
    marked(&read.text, &read.marks)
}

fn adopted_marks() -> Vec<(String, &'static str)> {
    pairs(&[
        // the space after "spara" is bold in the source
        ("spara ", "b"),
        ("pengar", "b"),
        ("satsa", "i"),
        ("mycket viktigt", "bi"),
        ("gäller", "b"),
        ("Hela stycket är fetstilt.", "b"),
        ("kostnaderna", "b"),
    ])
}

fn original_marks() -> Vec<(String, &'static str)> {
    pairs(&[
        ("spara pengar", "b"),
        ("satsa", "i"),
        ("mycket viktigt", "bi"),
        ("gäller", "b"),
        ("Hela stycket är fetstilt.", "b"),
        ("kostnaderna", "b"),
        ("positivt", "b"),
    ])
}

#[test]
fn a_docx_written_anew_has_bold_and_italic_on_the_right_words() {
    let (mut case, ids) = amended();
    case.plan.docx = None;
    let doc = case.document().unwrap();
    let applied = case.apply_with(&doc, &ids, &[]).unwrap();
    let clean = case_docx(&case, &doc, &applied, false).unwrap();
    let xml = document_xml(&clean);
    assert!(xml.contains("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">spara </w:t></w:r><w:r><w:t xml:space=\"preserve\">mer </w:t></w:r>"), "{xml}");
    assert!(xml.contains("<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">mycket viktigt</w:t>"));
    // "spara " and "pengar" read back bold, one stretch each side of "mer"
    assert_eq!(docx_marks(&clean), adopted_marks());
    // tracked: Accept All (the reader accepts) and Reject All keep them
    let tracked = case_docx(&case, &doc, &applied, true).unwrap();
    assert_eq!(docx_marks(&tracked), adopted_marks());
    let back = with_document(&tracked, &common::reject_all_xml(&document_xml(&tracked)));
    assert_eq!(docx_marks(&back), original_marks());
    assert_eq!(read_docx(&back).unwrap().text, case.plan.text);
}

#[test]
fn a_docx_written_into_its_package_keeps_the_emphasis_of_unchanged_words() {
    let (case, ids) = amended();
    let doc = case.document().unwrap();
    let applied = case.apply_with(&doc, &ids, &[]).unwrap();
    let original = fixture("em-features.docx");
    let clean = case_docx(&case, &doc, &applied, false).unwrap();
    assert_eq!(docx_marks(&clean), adopted_marks());
    // the rewritten paragraph does not make every run bold as its first
    // bold run was, nor the inserted word
    let xml = document_xml(&clean);
    assert!(xml.contains("<w:t xml:space=\"preserve\">mer </w:t>"));
    let tracked = case_docx(&case, &doc, &applied, true).unwrap();
    assert_eq!(docx_marks(&tracked), adopted_marks());
    let back = with_document(&tracked, &common::reject_all_xml(&document_xml(&tracked)));
    assert_eq!(docx_marks(&back), original_marks());
    assert_eq!(
        read_docx(&back).unwrap().text,
        read_docx(&original).unwrap().text
    );
    // untouched paragraphs keep their XML byte for byte; nothing adopted,
    // the document comes back as it was
    let none = case.apply_with(&doc, &[], &[]).unwrap();
    let same = case_docx(&case, &doc, &none, true).unwrap();
    assert_eq!(document_xml(&same), document_xml(&original));
}

// ---------------------------------------------------------------------------
// Properties

mod properties {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "år", "Plan", "mål", "kärn-", "ö", "skola", "€", "x", "Åtgärd",
    ];

    fn words() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(WORDS), 1..8).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(crate::fixed_seed::config(200))]

        /// Whatever is replaced, and however the marks were given (any byte
        /// offsets), the marks lie on whole characters inside block texts,
        /// and every byte of the original in a mark is in a run of that
        /// emphasis; rejecting gives the original.
        #[test]
        fn marks_stay_on_characters_of_block_texts(
            paras in proptest::collection::vec(words(), 1..5),
            raw in proptest::collection::vec((0usize..200, 0usize..40, 0u8..3), 0..6),
            pick in 0usize..100,
            len in 1usize..4,
            new in words(),
        ) {
            let text = format!("# Rubrik\n\n{}\n", paras.join("\n\n"));
            let mut doc = Document::parse(&text, SourceFormat::Structured).unwrap();
            let marks: Vec<Mark> = raw
                .iter()
                .map(|&(s, n, k)| Mark {
                    range: s..s + n,
                    em: [Em::BOLD, Em::ITALIC, Em::BOLD.with(Em::ITALIC)][k as usize],
                })
                .collect();
            doc.set_marks(&marks);
            for m in &doc.marks {
                prop_assert!(doc.canonical.is_char_boundary(m.range.start));
                prop_assert!(doc.canonical.is_char_boundary(m.range.end));
                prop_assert!(m.range.start < m.range.end);
                prop_assert!(doc.blocks.iter().any(|b| b.text_range.start <= m.range.start
                    && m.range.end <= b.text_range.end));
            }
            prop_assert!(doc.marks.windows(2).all(|w| w[0].range.end <= w[1].range.start));
            // replace some words of a paragraph
            let b = &doc.blocks[1 + pick % paras.len()];
            let ws: Vec<&str> = b.text.split(' ').collect();
            let from = pick % ws.len();
            let quote = ws[from..(from + len).min(ws.len())].join(" ");
            let mut case = Case::new("Plan", &text);
            case.plan.format = SourceFormat::Structured;
            case.plan.marks = doc.marks.clone();
            case.members.push(Member { id: "m".into(), name: "M".into(), party: "S".into(), substitute: false });
            let mut a = amendment("a", Op::replace(&quote, &new));
            a.ops[0].occurrence = Some(1);
            case.amendments.push(a);
            let Ok(applied) = case.apply_with(&doc, &["a".into()], &[]) else {
                return Ok(());
            };
            prop_assert_eq!(reject_all(&applied.runs), doc.canonical.clone());
            let mut orig = 0;
            for r in &applied.runs {
                if r.tag == Tag::Insert {
                    prop_assert!(r.em.is_plain());
                    continue;
                }
                for (i, _) in r.text.char_indices() {
                    let at = orig + i;
                    let want = doc.marks.iter().find(|m| m.range.contains(&at)).map_or(Em::default(), |m| m.em);
                    prop_assert_eq!(r.em, want, "byte {} of {:?}", at, r.text);
                }
                orig += r.text.len();
            }
            // carried into a corrected plan: still on characters of block texts
            let edited = amend::plan::edit::edit(&doc, &amend::plan::edit::PlanEdit::Heading { block: 1, level: 2 }).unwrap();
            let mut again = Document::parse(&edited, SourceFormat::Structured).unwrap();
            again.set_marks(&emphasis::carry(&doc.canonical, &doc.marks, &again.canonical));
            for m in &again.marks {
                prop_assert!(again.canonical.is_char_boundary(m.range.start) && again.canonical.is_char_boundary(m.range.end));
            }
            let kept: Vec<String> = doc.marks.iter().map(|m| doc.canonical[m.range.clone()].to_string()).collect();
            let found: Vec<String> = again.marks.iter().map(|m| again.canonical[m.range.clone()].to_string()).collect();
            prop_assert_eq!(kept.concat(), found.concat());
        }
    }
}
