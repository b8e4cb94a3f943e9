//! The Alingsås plan as it arrives in each format (the text pasted from the
//! PDF, a .docx and a PDF made by LibreOffice): every amendment of the
//! example is located in each, and every adoption gives the same text.
#![cfg(feature = "formats")]
#![cfg(not(target_arch = "wasm32"))]

use amend::case::Case;
use amend::doc::SourceFormat;
use amend::render::plain_text;

fn example() -> Case {
    Case::from_json(include_str!("../examples/alingsas-ks-2023-217/case.json")).unwrap()
}

/// The example with its plan read from `file`.
fn from_file(file: &str) -> Case {
    let bytes =
        std::fs::read(format!("{}/tests/plans/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let (text, format) = if file.ends_with(".docx") {
        (
            amend::plan::docx::read_docx(&bytes).unwrap().text,
            SourceFormat::Docx,
        )
    } else {
        let read = amend::plan::pdf::read_pdf(&bytes).unwrap();
        (read.text, SourceFormat::Pdf)
    };
    let mut case = example();
    case.plan.text = text;
    case.plan.format = format;
    case
}

fn adopted(case: &Case, ids: &[&str]) -> String {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let (_, applied) = case.apply(&ids, &[]).unwrap();
    plain_text(&applied.text)
}

#[test]
fn every_amendment_is_located_in_every_format() {
    for file in ["alingsas.docx", "alingsas.pdf"] {
        let case = from_file(file);
        let an = case.analyze().unwrap();
        assert!(an.errors.is_empty(), "{file}: {:?}", an.errors);
        let mut located: Vec<&str> = an.edits.iter().map(|e| e.amendment.as_str()).collect();
        located.dedup();
        assert_eq!(located.len(), 6, "{file}: {located:?}");
    }
}

#[test]
fn adopted_texts_are_equal_across_formats() {
    let text = example();
    for file in ["alingsas.docx", "alingsas.pdf"] {
        let other = from_file(file);
        for ids in [
            &[][..],
            &["v2"],
            &["mp2", "v1"],
            &["mp1", "c-tillagg"],
            &["v2", "mp-tillagg", "c-tillagg"],
        ] {
            assert_eq!(adopted(&other, ids), adopted(&text, ids), "{file}, {ids:?}");
        }
    }
}
