//! Correcting the plan: `Case::edit_plan` and `amend plan`.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::doc::{BlockKind, SourceFormat};
use amend::plan::edit::{PlanEdit, SplitAt};
use amend::Case;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> String {
    root()
        .join("examples/alingsas-ks-2023-217/case.json")
        .display()
        .to_string()
}

fn example_case() -> Case {
    Case::from_json(&std::fs::read_to_string(example()).unwrap()).unwrap()
}

fn amend(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amend"))
        .args(args)
        .output()
        .expect("run amend")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8")
}

/// A scratch directory of this test process.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("amend-plan-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The index of the block with this text.
fn block(c: &Case, text: &str) -> usize {
    let doc = c.document().unwrap();
    doc.blocks
        .iter()
        .position(|b| b.text == text)
        .unwrap_or_else(|| panic!("no block ”{text}”"))
}

#[test]
fn a_correction_reports_the_amendments_it_strands_and_keeps_them() {
    let mut c = example_case();
    let before = c.amendments.clone();
    let goals = block(&c, "Effektivisera den politiska målstyrningen");
    let (doc, r) = c.edit_plan(&PlanEdit::Paragraph { block: goals }).unwrap();
    assert_eq!(doc.blocks[goals].kind, BlockKind::Paragraph);
    assert_eq!(c.plan.format, SourceFormat::Structured);
    // MP 1 deletes that section; V 2 quotes a passage "i avsnittet" of it
    let lost: Vec<&str> = r.lost().map(|f| f.amendment.as_str()).collect();
    assert_eq!(lost, ["mp1", "v2"]);
    assert_eq!(r.failed[0].code, "heading_not_found");
    assert!(
        r.failed[0]
            .message
            .contains("there is no heading ”Effektivisera den politiska målstyrningen”"),
        "{}",
        r.failed[0].message
    );
    assert!(r.found.is_empty());
    // the amendments are as they were
    assert_eq!(c.amendments, before);
    // the case written and read again has the corrected plan
    let again = Case::from_json(&c.to_json()).unwrap();
    assert_eq!(again.document().unwrap().blocks, doc.blocks);
    // made a heading again, they locate again
    let (_, r) = c
        .edit_plan(&PlanEdit::Heading {
            block: goals,
            level: 3,
        })
        .unwrap();
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    assert_eq!(r.found, ["mp1", "v2"]);
    assert_eq!(c.analyze().unwrap().errors, vec![]);
}

#[test]
fn a_split_and_a_join_leave_the_quotes_found() {
    let mut c = example_case();
    let plan_before = c.plan.clone();
    // V 2's passage: "Förslagsvis har Alingsås kommun ett övergripande mål …"
    let doc = c.document().unwrap();
    let p = doc
        .blocks
        .iter()
        .position(|b| b.text.contains("Förslagsvis har Alingsås kommun"))
        .unwrap();
    let n = doc.blocks.len();
    let (doc, r) = c
        .edit_plan(&PlanEdit::Split {
            block: p,
            at: SplitAt::Text("Det innebär att vi".into()),
        })
        .unwrap();
    assert_eq!(doc.blocks.len(), n + 1);
    assert!(doc.blocks[p]
        .text
        .ends_with("Sveriges mest effektiva kommun."));
    assert!(doc.blocks[p + 1].text.starts_with("Det innebär att vi"));
    // the quote runs across the two paragraphs now, and is still found
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    let (doc, r) = c.edit_plan(&PlanEdit::Join { block: p }).unwrap();
    assert_eq!(doc.blocks.len(), n);
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    // the same blocks as before, though the plan is now in the structured form
    let original = Case {
        plan: plan_before,
        ..c.clone()
    };
    assert_eq!(doc.blocks, original.document().unwrap().blocks);
    // an edit that cannot be made changes nothing
    let json = c.to_json();
    let e = c.edit_plan(&PlanEdit::Join { block: n - 1 }).unwrap_err();
    assert_eq!(e.code(), "plan_edit");
    assert_eq!(c.to_json(), json);
}

#[test]
fn amend_plan_lists_the_blocks() {
    let o = amend(&["plan", &example()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains(": 5 pages, 57 blocks, 12 headings\n"), "{out}");
    let lines: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(lines.len(), 57);
    assert_eq!(
        lines[0],
        "   1  p. 1   h1      Kommunkoncernövergripande ekonomisk handlingsplan"
    );
    assert!(
        lines[10].starts_with("  11  p. 1   li -    en hög inflation"),
        "{}",
        lines[10]
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with("  34  p. 4   h3      Effektivisera den politiska målstyrningen")
        ),
        "{out}"
    );
}

#[test]
fn amend_plan_corrects_and_names_the_amendments_that_no_longer_locate() {
    let dir = scratch("correct");
    let one = dir.join("one.json").display().to_string();
    let two = dir.join("two.json").display().to_string();
    // block 34 is the heading "Effektivisera den politiska målstyrningen"
    let o = amend(&["plan", &example(), "--paragraph", "34", "-o", &one]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("note: block 34 is now p (p. 4) ”Effektivisera den politiska målstyrningen”"),
        "{err}"
    );
    assert!(
        err.contains("warning: 2 amendments no longer locate in the corrected plan: mp1, v2"),
        "{err}"
    );
    assert!(err.contains("error: amendment mp1, operation 1 (delete_section): there is no heading ”Effektivisera den politiska målstyrningen”"), "{err}");
    assert!(text(&o.stdout).is_empty());
    let c = Case::from_json(&std::fs::read_to_string(&one).unwrap()).unwrap();
    assert_eq!(c.plan.format, SourceFormat::Structured);
    assert_eq!(c.amendments, example_case().amendments);
    // check agrees
    assert_eq!(amend(&["check", &one]).status.code(), Some(1));

    // back to a heading: found again, exit 0; the case printed without -o
    let o = amend(&["plan", &one, "--heading", "34", "--level", "3"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("note: amendment mp1 now locates in the plan"),
        "{err}"
    );
    std::fs::write(&two, &o.stdout).unwrap();
    assert_eq!(amend(&["check", &two]).status.code(), Some(0));

    // join two paragraphs, split them again by text
    let o = amend(&["plan", &two, "--join", "4", "-o", &two]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("note: block 4 is now p ”Kommunstyrelsen gav"),
        "{err}"
    );
    let listed = text(&amend(&["plan", &two]).stdout);
    assert!(
        listed.contains(": 5 pages, 56 blocks, 12 headings"),
        "{listed}"
    );
    let o = amend(&[
        "plan",
        &two,
        "--split",
        "4",
        "--at",
        "Syftet med",
        "-o",
        &two,
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("note: block 5 is now p ”Syftet med handlingsplanen"),
        "{err}"
    );
    let listed = text(&amend(&["plan", &two]).stdout);
    assert!(
        listed.contains(": 5 pages, 57 blocks, 12 headings"),
        "{listed}"
    );
    assert_eq!(
        Case::from_json(&std::fs::read_to_string(&two).unwrap())
            .unwrap()
            .document()
            .unwrap()
            .blocks,
        example_case().document().unwrap().blocks
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn amend_plan_says_what_cannot_be_done() {
    for (args, want) in [
        (
            &["--join", "57"][..],
            "error: block 57 (”Handlingsplanen gäller tills vidare",
        ),
        (
            &["--join", "58"][..],
            "error: there is no block 58; the plan has 57 blocks",
        ),
        (&["--heading", "0"][..], "error: there is no block 0"),
        (
            &["--heading", "2", "--level", "7"][..],
            "a heading's level is 1 to 6, not 7",
        ),
        (
            &["--split", "2", "--at", "saknas"][..],
            "it does not have the text ”saknas”",
        ),
        (&["--split", "2"][..], "--split needs --at TEXT"),
        (
            &["--heading", "2", "--join", "3"][..],
            "cannot be used with",
        ),
        (&["--level", "2"][..], "--heading <N>"),
    ] {
        let mut all = vec!["plan", example().leak() as &str];
        all.extend_from_slice(args);
        let o = amend(&all);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(text(&o.stdout).is_empty(), "{args:?}");
    }
}

#[test]
fn fields_amend_does_not_know_are_warned_of_and_kept() {
    let dir = scratch("unknown");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    v["notes"] = "från ärendehanteringssystemet".into();
    v["members"][0]["email"] = "ledamot@example.se".into();
    v["amendments"][1]["withdrawm"] = true.into();
    let id = v["amendments"][1]["id"].as_str().unwrap().to_string();
    let with = dir.join("with.json").display().to_string();
    std::fs::write(&with, serde_json::to_string_pretty(&v).unwrap()).unwrap();

    let o = amend(&["check", &with]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("unknown field ”notes”: not used, kept as it is"),
        "{err}"
    );
    assert!(
        err.contains("unknown field ”members[") && err.contains("].email”"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "unknown field ”amendments[{id}].withdrawm” (did you mean ”withdrawn”?)"
        )),
        "{err}"
    );

    // a correction writes the case anew, the unknown fields where they were
    let out = dir.join("out.json").display().to_string();
    let o = amend(&["plan", &with, "--join", "4", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let w: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(w["notes"], v["notes"]);
    assert_eq!(w["members"][0]["email"], v["members"][0]["email"]);
    assert_eq!(w["amendments"][1]["withdrawm"], true);
    assert_ne!(w["plan"]["text"], v["plan"]["text"]);
}
