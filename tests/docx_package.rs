#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "formats")]
//! The .docx export that starts from the package the plan came in
//! (`export::docx_package`), on documents LibreOffice made
//! (`tests/plans/make.sh`): `alingsas.docx` and `features.docx` as the reader
//! reads them, and `pkg-alingsas.docx`, the Alingsås plan with a header, a
//! footer, a bookmark, a comment and tracked changes of its own.
//!
//! Word's *Accept All* is played by the plan's own .docx reader (which
//! accepts tracked changes); *Reject All* by taking the insertions out of
//! the XML and the deletions back in, then reading it the same way.

mod common;
use common::{convert, document_xml, parts, soffice, with_document, TempDir};

use std::path::Path;
use std::process::Command;

use amend::apply::{Applied, Run};
use amend::case::Case;
use amend::diff::Tag;
use amend::doc::{Document, SourceFormat};
use amend::export::docx::{authors, DocxOptions};
use amend::export::docx_package::{decode, encode, write_package, PackageError};
use amend::plan::docx::read_docx;
use quick_xml::events::Event;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Alingsås case with its plan read from the fixture `file`, the
/// package kept.
fn case_of(file: &str) -> Case {
    let bytes = fixture(file);
    let mut case =
        Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json")).unwrap();
    case.plan.text = read_docx(&bytes).unwrap().text;
    case.plan.format = SourceFormat::Docx;
    case.plan.docx = Some(encode(&bytes));
    case.meeting.date = Some("2023-10-16".into());
    case
}

fn options(case: &Case, tracked: bool) -> DocxOptions {
    DocxOptions {
        title: case.title.clone(),
        tracked,
        authors: authors(case),
        date: case.meeting.date.clone(),
        ..DocxOptions::default()
    }
}

/// The case with `ids` adopted: the plan, what was applied, and the export.
fn export(case: &Case, ids: &[&str], tracked: bool) -> (Document, Applied, Vec<u8>) {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let (doc, applied) = case.apply(&ids, &[]).unwrap();
    let package = decode(case.plan.docx.as_deref().unwrap()).unwrap();
    let docx = write_package(&package, &doc, &applied.runs, &options(case, tracked)).unwrap();
    (doc, applied, docx)
}

/// Every part but `word/document.xml` is the same, in the same order.
fn assert_other_parts_kept(original: &[u8], export: &[u8]) {
    let (a, b) = (parts(original), parts(export));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if name != "word/document.xml" {
            assert!(x == y, "{name} differs");
        }
    }
}

/// The paragraphs of a document part (not those nested in another), as written.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    loop {
        let from = reader.buffer_position() as usize;
        let event = reader.read_event().unwrap();
        let to = reader.buffer_position() as usize;
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"p" => {
                if depth == 0 {
                    start = from;
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 0 && e.local_name().as_ref() == b"p" => {
                out.push(xml[from..to].to_string())
            }
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                depth -= 1;
                if depth == 0 {
                    out.push(xml[start..to].to_string());
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// How many of `original`'s paragraphs `export` has byte for byte.
fn kept(original: &[String], export: &[String]) -> usize {
    original.iter().filter(|p| export.contains(p)).count()
}

/// Each revision of the part: "ins" or "del", its author, its text (empty
/// for a paragraph mark).
fn revisions(xml: &str) -> Vec<(String, String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e)
                if matches!(e.local_name().as_ref(), b"ins" | b"del") =>
            {
                let author = e.try_get_attribute("w:author").unwrap().unwrap();
                let kind = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
                let author = author
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned();
                out.push((kind, author, String::new()));
                open = Some(out.len() - 1);
            }
            Event::End(e) if matches!(e.local_name().as_ref(), b"ins" | b"del") => open = None,
            Event::Start(e) => in_text = matches!(e.local_name().as_ref(), b"t" | b"delText"),
            Event::Text(t) if in_text => {
                if let Some(i) = open {
                    out[i].2.push_str(&t.xml10_content().unwrap());
                }
            }
            Event::End(_) => in_text = false,
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// "Amanda Andersson (MP)" for a run by `aa`'s amendment; several joined.
fn label(case: &Case, run: &Run) -> String {
    let names = authors(case);
    let by: Vec<&str> = run.by.iter().map(|id| names[id].as_str()).collect();
    by.join(", ")
}

// ---------------------------------------------------------------------------
// Nothing adopted

#[test]
fn with_nothing_adopted_the_package_comes_back_as_it_was() {
    for file in ["alingsas.docx", "features.docx"] {
        let original = fixture(file);
        let mut case = case_of(file);
        if file == "features.docx" {
            case.amendments.clear(); // the example's quotes are not in it
            case.procedure = Default::default();
        }
        for tracked in [false, true] {
            let (_, _, docx) = export(&case, &[], tracked);
            assert_other_parts_kept(&original, &docx);
            assert_eq!(document_xml(&docx), document_xml(&original), "{file}");
        }
    }
}

/// In the package with Word's own changes and a comment, the two
/// paragraphs that hold them are written as read (changes accepted, the
/// comment's anchors out); every other paragraph, and every other part
/// (the comment's text, header, footer and styles included), stays byte
/// for byte.
#[test]
fn paragraphs_with_word_changes_and_comments_are_written_as_read() {
    let original = fixture("pkg-alingsas.docx");
    let case = case_of("pkg-alingsas.docx");
    let before = paragraphs(&document_xml(&original));
    let (_, applied, docx) = export(&case, &[], true);
    assert_other_parts_kept(&original, &docx);
    let xml = document_xml(&docx);
    let after = paragraphs(&xml);
    assert_eq!(after.len(), before.len());
    assert_eq!(kept(&before, &after), before.len() - 2);
    for gone in [
        "<w:ins ",
        "<w:del ",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
    ] {
        assert!(!xml.contains(gone), "{gone}");
    }
    assert!(xml.contains("w:bookmarkStart w:id=\"0\" w:name=\"inledning\""));
    assert_eq!(read_docx(&docx).unwrap().text, applied.text);
    assert_eq!(read_docx(&docx).unwrap().text, case.plan.text);
}

// ---------------------------------------------------------------------------
// The Alingsås amendments adopted

/// V 2 (a rewording), MP 2 = V 1 (a section struck), MP's and C's
/// additions (a sentence, a paragraph).
const ADOPTED: [&str; 5] = ["v2", "mp2", "v1", "mp-tillagg", "c-tillagg"];

#[test]
fn tracked_export_accepts_to_the_adopted_plan_and_rejects_to_the_original() {
    let original = fixture("pkg-alingsas.docx");
    let case = case_of("pkg-alingsas.docx");
    let (doc, applied, docx) = export(&case, &ADOPTED, true);
    let xml = document_xml(&docx);
    assert_eq!(read_docx(&docx).unwrap().text, applied.text);
    let rejected = with_document(&docx, &common::reject_all_xml(&xml));
    assert_eq!(read_docx(&rejected).unwrap().text, doc.canonical);
    assert_eq!(doc.canonical, case.plan.text);
    assert_other_parts_kept(&original, &docx);
    // the paragraphs no change touches, byte for byte: all but the two
    // written as read and those changed or deleted
    let changed = amend::render::tracked_blocks(&applied.runs)
        .iter()
        .filter(|b| matches!(b.status, "changed" | "deleted"))
        .count();
    assert_eq!(changed, 6); // V 2, MP's sentence, the struck heading and its 3 paragraphs
    let before = paragraphs(&document_xml(&original));
    let after = paragraphs(&xml);
    assert_eq!(kept(&before, &after), before.len() - 2 - changed);
    assert_eq!(after.len(), before.len() + 1); // C's paragraph
}

#[test]
fn every_revision_is_by_its_proposer_on_the_meeting_s_date() {
    let case = case_of("pkg-alingsas.docx");
    let (_, applied, docx) = export(&case, &ADOPTED, true);
    let xml = document_xml(&docx);
    let revs = revisions(&xml);
    assert_eq!(revs.len(), 15);
    for (kind, author, text) in &revs {
        let tag = if kind == "ins" {
            Tag::Insert
        } else {
            Tag::Delete
        };
        let by = applied
            .runs
            .iter()
            .filter(|r| r.tag == tag && r.text.contains(text.as_str()))
            .map(|r| label(&case, r))
            .collect::<Vec<_>>();
        assert!(
            by.contains(author),
            "{kind} {text:?} by {author}, not {by:?}"
        );
    }
    let mut names: Vec<&str> = revs.iter().map(|(_, a, _)| a.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names,
        [
            "Amanda Andersson (MP)",
            "Amanda Andersson (MP), Emily Munter (V)",
            "Emily Munter (V)",
            "Heidi Hankanen Ängberg (C)"
        ]
    );
    assert_eq!(xml.matches("w:date=\"2023-10-16T00:00:00Z\"").count(), 15);
    // the inserted paragraph's mark is inserted, the struck paragraphs' deleted
    assert_eq!(xml.matches("<w:rPr><w:ins ").count(), 1);
    assert_eq!(xml.matches("<w:rPr><w:del ").count(), 4);
}

#[test]
fn the_clean_export_is_the_adopted_plan_without_revisions() {
    let original = fixture("pkg-alingsas.docx");
    let case = case_of("pkg-alingsas.docx");
    let (_, applied, docx) = export(&case, &ADOPTED, false);
    let xml = document_xml(&docx);
    assert!(!xml.contains("<w:ins ") && !xml.contains("<w:del ") && !xml.contains("delText"));
    assert_eq!(read_docx(&docx).unwrap().text, applied.text);
    assert_other_parts_kept(&original, &docx);
    assert!(!xml.contains("Nämndbuffertar"));
    assert_eq!(
        paragraphs(&xml).len(),
        paragraphs(&document_xml(&original)).len() - 4 + 1
    );
}

#[test]
fn the_same_case_gives_the_same_bytes() {
    let case = case_of("pkg-alingsas.docx");
    for tracked in [false, true] {
        let (_, _, a) = export(&case, &ADOPTED, tracked);
        let (_, _, b) = export(&case, &ADOPTED, tracked);
        assert_eq!(a, b);
    }
    let json = case.to_json();
    let again = Case::from_json(&json).unwrap();
    assert_eq!(again.plan.docx, case.plan.docx);
    assert_eq!(
        export(&again, &["v2"], true).2,
        export(&case, &["v2"], true).2
    );
}

// ---------------------------------------------------------------------------
// New blocks, corrected plans, bad packages

/// An amendment by `aa` with the one operation `op` (JSON).
fn amendment(id: &str, op: &str) -> amend::Amendment {
    serde_json::from_str(&format!(
        r#"{{"id": "{id}", "proposer": "aa", "kind": "addition", "wording": "", "ops": [{op}]}}"#
    ))
    .unwrap()
}

/// A new list item takes the item before it's properties, so Word numbers
/// it; a new section's heading takes the package's heading style.
#[test]
fn new_list_items_and_headings_look_like_their_neighbours() {
    let mut case = case_of("alingsas.docx");
    case.amendments.push(amendment(
        "x1",
        r#"{"action": "insert", "position": "after", "as": "paragraph",
            "quote": "när konjunkturen mattas av", "text": "- fler ärenden om försörjningsstöd"}"#,
    ));
    case.amendments.push(amendment(
        "x2",
        r#"{"action": "insert", "position": "end", "as": "section", "heading": "Förutsättningar",
            "new_heading": "Omvärld", "text": "Omvärlden förändras snabbt."}"#,
    ));
    let (_, applied, docx) = export(&case, &["x1", "x2"], true);
    let xml = document_xml(&docx);
    let after = paragraphs(&xml);
    let find = |text: &str| after.iter().position(|p| p.contains(text)).unwrap();
    let item = &after[find("fler ärenden om försörjningsstöd")];
    let before = &after[find("fler ärenden") - 1];
    assert!(before.contains("när konjunkturen mattas av"));
    let ppr = |p: &str| p[p.find("<w:pPr>").unwrap()..p.find("<w:rPr>").unwrap()].to_string();
    assert!(ppr(before).contains("<w:numPr>"));
    assert_eq!(ppr(item), ppr(before));
    let heading = &after[find(">Omvärld<")];
    assert!(heading.starts_with("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:rPr><w:ins "));
    // Word numbers the new section, and the sections after it, by the style
    let numbered = applied
        .text
        .replace("## Omvärld", "## 3 Omvärld")
        .replace("## 3 Åtgärder", "## 4 Åtgärder")
        .replace("## 4 Uppföljning", "## 5 Uppföljning");
    let read = read_docx(&docx).unwrap().text;
    assert_eq!(read, numbered);
    assert!(read.contains("\n- fler ärenden om försörjningsstöd\n"));
    assert!(read.contains("\n\n## 3 Omvärld\n\nOmvärlden förändras snabbt.\n\n## 4 Åtgärder\n"));
}

/// The plan corrected after it was read (a line made a heading, two
/// paragraphs joined): the package's paragraphs are matched by content, the
/// corrected ones written from the plan, the others kept byte for byte.
#[test]
fn a_corrected_plan_is_matched_by_content() {
    let original = fixture("alingsas.docx");
    let mut case = case_of("alingsas.docx");
    let note = "Illustrativ rekonstruktion för exempelbruk – inte kommunens antagna handlingsplan.";
    let first = "Kommunstyrelsen gav i budgeten";
    let second = "\n\nSyftet med handlingsplanen";
    assert!(case.plan.text.contains(&format!("\n\n{note}\n\n")));
    case.plan.text = case
        .plan
        .text
        .replace(&format!("\n\n{note}\n\n"), &format!("\n\n### {note}\n\n"));
    let at = case.plan.text.find(second).unwrap();
    case.plan.text.replace_range(at..at + 2, " ");
    case.plan.format = SourceFormat::Structured;
    let (doc, _, docx) = export(&case, &["v2"], true);
    let before = paragraphs(&document_xml(&original));
    let after = paragraphs(&document_xml(&docx));
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(kept(&before, &after), before.len() - 4); // heading, joined pair, V 2
    let heading = after.iter().find(|p| p.contains(note)).unwrap();
    assert!(
        heading.contains("<w:pStyle w:val=\"Heading2\"/>"),
        "{heading}"
    );
    let joined = after.iter().find(|p| p.contains(first)).unwrap();
    assert!(joined.contains("Syftet med handlingsplanen"));
    let rejected = with_document(&docx, &common::reject_all_xml(&document_xml(&docx)));
    assert_eq!(read_docx(&rejected).unwrap().text, doc.canonical);
}

#[test]
fn a_package_that_is_not_base64_or_not_a_docx_is_an_error() {
    let e = decode("UEsDB*").unwrap_err();
    assert!(matches!(e, PackageError::NotBase64 { .. }));
    assert!(e
        .to_string()
        .starts_with("the kept .docx package is not base64"));
    let case = case_of("alingsas.docx");
    let (doc, applied) = case.apply(&[], &[]).unwrap();
    let odt = fixture("not-docx.odt");
    let e = write_package(&odt, &doc, &applied.runs, &options(&case, true)).unwrap_err();
    assert!(e.to_string().contains("no word/document.xml"), "{e}");
    let cut = &fixture("alingsas.docx")[..3000];
    assert!(write_package(cut, &doc, &applied.runs, &options(&case, true)).is_err());
}

// ---------------------------------------------------------------------------
// The command line and LibreOffice

fn amend() -> Command {
    Command::new(env!("CARGO_BIN_EXE_amend"))
}

/// `amend new plan.docx` keeps the package; `apply` and `track` write into
/// it; a case whose package is damaged is an error that says so.
#[test]
fn the_command_line_keeps_the_package_and_writes_into_it() {
    let dir = TempDir::new("pkg", "cli");
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plans/pkg-alingsas.docx");
    let made = amend().arg("new").arg(&plan).output().unwrap();
    assert!(made.status.success());
    let new = Case::from_json(&String::from_utf8(made.stdout).unwrap()).unwrap();
    assert_eq!(
        decode(new.plan.docx.as_deref().unwrap()).unwrap(),
        fixture("pkg-alingsas.docx")
    );
    let case = case_of("pkg-alingsas.docx");
    assert_eq!(new.plan.text, case.plan.text);
    let file = dir.join("case.json");
    std::fs::write(&file, case.to_json()).unwrap();
    let out = dir.join("tracked.docx");
    let run = amend()
        .arg("track")
        .arg(&file)
        .args(["--adopt", "v2", "--format", "docx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read(&out).unwrap(), export(&case, &["v2"], true).2);
    let run = amend()
        .arg("apply")
        .arg(&file)
        .args(["--adopt", "v2", "--format", "docx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        export(&case, &["v2"], false).2
    );
    let mut bad = case.clone();
    bad.plan.docx = Some("not base64!".into());
    std::fs::write(&file, bad.to_json()).unwrap();
    let run = amend()
        .arg("apply")
        .arg(&file)
        .args(["--format", "docx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("plan.docx: the kept .docx package is not base64"),
        "{stderr}"
    );
}

/// The tracked export as LibreOffice reads it: its text shows each change
/// (deleted text, then inserted), the header and footer are there, and the
/// PDF's fourth page (V 2's rewording) renders; `AMEND_KEEP_DOCX=1` keeps
/// the PNG to look at.
#[test]
fn libreoffice_reads_and_renders_the_export() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("pkg", "lo");
    let case = case_of("pkg-alingsas.docx");
    let file = dir.join("tracked.docx");
    std::fs::write(&file, export(&case, &ADOPTED, true).2).unwrap();
    let txt = std::fs::read_to_string(convert(&soffice, &dir, &file, "txt:Text")).unwrap();
    assert!(
        txt.contains("samtidigt som vi håller nere kostnadernaanvänder våra ekonomiska resurser")
    );
    assert!(txt.contains("Nämndbuffertar mot oförutsedda kostnader"));
    let pdf = convert(&soffice, &dir, &file, "pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let pdftotext = Command::new("pdftotext").arg(&pdf).arg("-").output();
    if let Ok(out) = pdftotext {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Alingsås kommun · Kommunstyrelsen · Dnr 2023.476 KS"));
        assert!(text.contains("Sida 4"));
    }
    let png = dir.join("page");
    match Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "4", "-l", "4"])
        .arg(&pdf)
        .arg(&png)
        .status()
    {
        Ok(status) => assert!(status.success()),
        Err(e) => assert!(std::env::var_os("CI").is_none(), "pdftoppm: {e}"),
    }
    if let Some(page) = std::fs::read_dir(&*dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("page-"))
    {
        assert!(std::fs::read(page.path()).unwrap().starts_with(b"\x89PNG"));
    }
}
