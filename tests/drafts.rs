//! Proposals drafted apart and gathered (`amend draft`, `amend merge`), and a
//! case carried to a new version of its plan (`amend rebase`), on the
//! Alingsås example.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use amend::drafts::{merge, rebase, Draft, Outcome};
use amend::minutes::minutes_text;
use amend::procedure::decide;
use amend::render::Lang;
use amend::{Case, Op};
use common::amend_cli;
use std::path::PathBuf;

const CASE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");
const PLAN: &str = include_str!("../examples/alingsas-ks-2023-217/plan.txt");

fn example() -> Case {
    Case::from_json(CASE).unwrap()
}

/// One draft per proposer, as each would send theirs.
fn drafts_by_proposer(c: &Case) -> Vec<Draft> {
    let doc = c.document().unwrap();
    ["aa", "em", "hha"]
        .iter()
        .map(|p| Draft::of(c, &doc, Some(p)))
        .collect()
}

/// The secretary's case before the drafts: the plan and the procedure, no
/// proposals and no members.
fn empty_of(c: &Case) -> Case {
    let mut empty = c.clone();
    empty.amendments.clear();
    empty.members.clear();
    empty
}

fn sorted(c: &Case) -> Vec<amend::Amendment> {
    let mut a = c.amendments.clone();
    a.sort_by(|x, y| x.id.cmp(&y.id));
    a
}

#[test]
fn drafts_split_by_proposer_and_merged_back_give_the_full_case() {
    let full = example();
    let drafts = drafts_by_proposer(&full);
    assert_eq!(drafts[0].amendments.len(), 3, "aa tabled three");
    // a draft is small: the plan's fingerprint, not the plan
    let json = drafts[2].to_json();
    assert!(json.len() < 2_000, "{}", json.len());
    assert!(!json.contains("Kommunens resursfördelningsmodell"));

    let mut merged = empty_of(&full);
    let report = merge(&mut merged, &drafts).unwrap();
    assert_eq!(report.len(), 6);
    assert!(
        report
            .iter()
            .all(|m| m.outcome == Outcome::Added && m.other_version.is_none()),
        "{report:?}"
    );
    assert_eq!(sorted(&merged), sorted(&full));
    let mut members = merged.members.clone();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(members, full.members);
    // the same vote, the same adopted text and minutes
    let (d_full, d_merged) = (decide(&full).unwrap(), decide(&merged).unwrap());
    assert_eq!(
        d_merged
            .adopted
            .iter()
            .collect::<std::collections::BTreeSet<_>>(),
        d_full.adopted.iter().collect()
    );
    assert_eq!(
        minutes_text(&merged, &d_merged, Lang::Sv),
        minutes_text(&full, &d_full, Lang::Sv)
    );
    let adopted =
        |c: &Case, d: &amend::procedure::Decision| c.apply(&d.adopted, &[]).unwrap().1.text;
    assert_eq!(adopted(&merged, &d_merged), adopted(&full, &d_full));

    // merged again: every one is already there
    let again = merge(&mut merged, &drafts).unwrap();
    assert!(
        again
            .iter()
            .all(|m| matches!(m.outcome, Outcome::AlreadyThere { .. })),
        "{again:?}"
    );
    assert_eq!(merged.amendments.len(), 6);
}

#[test]
fn a_clashing_id_is_renumbered_and_a_member_of_the_same_name_is_the_same_member() {
    let mut case = example();
    let doc = case.document().unwrap();
    // another member's draft, with an id the case already has
    let mut other = case.clone();
    other.members = vec![amend::case::Member {
        id: "aa".into(), // another member who happens to have the same initials
        name: "Anders Ahl".into(),
        party: "L".into(),
        substitute: false,
    }];
    let mut a = case.amendments[0].clone();
    a.ops = vec![Op::replace("stort antal mål", "fåtal mål")];
    a.wording = "”stort antal mål” ändras till ”fåtal mål”".into();
    other.amendments = vec![a];
    // and Amanda Andersson's own draft again, under another member id
    let mut hers = Draft::of(&case, &doc, Some("aa"));
    hers.members[0].id = "amanda".into();
    for a in &mut hers.amendments {
        a.proposer = "amanda".into();
    }
    let report = merge(&mut case, &[Draft::of(&other, &doc, None), hers]).unwrap();
    assert_eq!(report[0].outcome, Outcome::Renamed { from: "mp1".into() });
    assert_eq!(report[0].id, "mp3");
    let added = case.amendments.iter().find(|a| a.id == "mp3").unwrap();
    let ahl = case
        .members
        .iter()
        .find(|m| m.name == "Anders Ahl")
        .unwrap();
    assert_ne!(ahl.id, "aa", "the case's aa is Amanda Andersson");
    assert_eq!(added.proposer, ahl.id);
    // Amanda's draft is recognised as hers, already there
    assert!(
        report[1..]
            .iter()
            .all(|m| matches!(m.outcome, Outcome::AlreadyThere { .. })),
        "{report:?}"
    );
    assert_eq!(
        case.members
            .iter()
            .filter(|m| m.name == "Amanda Andersson")
            .count(),
        1
    );
    assert_eq!(case.amendments.len(), 7);
}

#[test]
fn a_draft_on_another_version_of_the_plan_is_located_again_or_flagged() {
    let mut case = example();
    let doc = case.document().unwrap();
    let mut draft = Draft::of(&case, &doc, Some("em"));
    draft.plan = "0123456789abcdef".into();
    draft.amendments[0].id = "v3".into();
    draft.amendments[0].ordinal = Some(3);
    draft.amendments[0].ops = vec![Op::replace("stort antal mål", "fåtal mål")];
    draft.amendments[1].id = "v4".into();
    draft.amendments[1].ops = vec![Op::replace("en text som inte finns i planen", "x")];
    let report = merge(&mut case, &[draft]).unwrap();
    assert_eq!(
        report[0].other_version,
        Some(None),
        "located in this version"
    );
    let why = report[1].other_version.clone().flatten().expect("flagged");
    assert!(why.contains("not found") || why.contains("finns"), "{why}");
    assert!(report[1].needs_look());
    assert!(
        case.amendments.iter().any(|a| a.id == "v4"),
        "kept, never dropped"
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amend-drafts-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_command_line_drafts_and_merges() {
    let dir = scratch("cli");
    let case = dir.join("case.json");
    std::fs::write(&case, CASE).unwrap();
    let empty = dir.join("empty.json");
    std::fs::write(&empty, empty_of(&example()).to_json()).unwrap();
    let mut files = Vec::new();
    for m in ["aa", "em", "hha"] {
        let f = dir.join(format!("{m}.json"));
        let (code, _, err) = amend_cli(&[
            "draft",
            case.to_str().unwrap(),
            "--member",
            m,
            "-o",
            f.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        files.push(f.display().to_string());
    }
    let out = dir.join("merged.json");
    let mut args = vec!["merge".to_string(), empty.display().to_string()];
    args.extend(files.iter().cloned());
    args.extend(["-o".to_string(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = amend_cli(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches(": added").count(), 6, "{err}");
    let merged = Case::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sorted(&merged), sorted(&example()));

    // Amanda Andersson corrects mp1's wording and sends her draft again
    let again = dir.join("aa-again.json");
    let mut draft = Draft::from_json(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    draft.amendments[0].wording = "Avsnittet stryks.".into();
    std::fs::write(&again, draft.to_json()).unwrap();
    let (code, _, err) = amend_cli(&[
        "merge",
        out.to_str().unwrap(),
        again.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("mp1: updated: its wording changed"), "{err}");
    assert_eq!(err.matches("already there").count(), 2, "{err}");
    let merged = Case::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        merged.amendment("mp1").unwrap().wording,
        "Avsnittet stryks."
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The example plan with V 2's quoted sentence reworded.
fn reworded_plan() -> String {
    let old = "Förslagsvis har Alingsås kommun ett övergripande mål om";
    assert!(PLAN.contains(old));
    PLAN.replacen(
        old,
        "Förslagsvis har Alingsås kommun ett gemensamt mål om",
        1,
    )
}

#[test]
fn a_case_carried_to_a_new_version_lists_the_proposal_whose_passage_changed() {
    let mut case = example();
    let plan = amend::case::Plan {
        text: reworded_plan(),
        ..example().plan
    };
    let moved = rebase(&mut case, plan).unwrap();
    assert_eq!(moved.len(), 1, "{moved:?}");
    let v2 = &moved[0];
    assert_eq!(v2.id, "v2");
    assert!(v2.old.contains("ett övergripande mål om"), "{}", v2.old);
    let new = v2
        .new
        .as_deref()
        .expect("the closest passage of the new version");
    assert!(new.contains("ett gemensamt mål om"), "{new}");
    assert_eq!(case.amendments.len(), 6, "nothing dropped");
    assert_eq!(case.plan.text, reworded_plan());
    assert_eq!(
        case.analyze().unwrap().errors.len(),
        1,
        "the other five are located"
    );

    let dir = scratch("rebase");
    let (file, plan) = (dir.join("case.json"), dir.join("plan-v2.txt"));
    std::fs::write(&file, CASE).unwrap();
    std::fs::write(&plan, reworded_plan()).unwrap();
    let out = dir.join("out.json");
    let (code, _, err) = amend_cli(&[
        "rebase",
        file.to_str().unwrap(),
        plan.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("v2: its passage is not where it was"), "{err}");
    assert!(err.contains("the new version has: ”"), "{err}");
    assert!(err.contains("5 of 6 proposals located"), "{err}");
    assert!(Case::from_json(&std::fs::read_to_string(&out).unwrap()).is_ok());
    let _ = std::fs::remove_dir_all(dir);
}

/// The example with the secretary's note on mp1.
fn noted() -> Case {
    let mut case = example();
    case.amendments[0].note = Some("Kolla med MP om rubriken".into());
    case
}

/// Amanda Andersson's draft again, after she changed mp1 with `change`.
fn resent(change: impl Fn(&mut amend::Amendment)) -> Draft {
    let mut hers = example();
    change(&mut hers.amendments[0]);
    let doc = hers.document().unwrap();
    Draft::of(&hers, &doc, Some("aa"))
}

#[test]
fn a_proposal_re_sent_with_a_new_wording_replaces_the_old_and_keeps_the_note() {
    let mut case = noted();
    let draft = resent(|a| a.wording = "Avsnittet stryks i sin helhet.".into());
    let report = merge(&mut case, &[draft]).unwrap();
    assert_eq!(report[0].id, "mp1");
    assert_eq!(
        report[0].outcome,
        Outcome::Updated {
            fields: vec!["wording"]
        }
    );
    assert!(
        report[1..]
            .iter()
            .all(|m| matches!(m.outcome, Outcome::AlreadyThere { .. })),
        "{report:?}"
    );
    let mp1 = case.amendment("mp1").unwrap();
    assert_eq!(mp1.wording, "Avsnittet stryks i sin helhet.");
    assert_eq!(mp1.note.as_deref(), Some("Kolla med MP om rubriken"));
    assert_eq!(case.amendments.len(), 6);
}

#[test]
fn a_proposal_re_sent_unchanged_is_already_there() {
    let mut case = noted();
    let report = merge(&mut case, &[resent(|_| {})]).unwrap();
    assert!(
        report
            .iter()
            .all(|m| matches!(m.outcome, Outcome::AlreadyThere { .. })),
        "{report:?}"
    );
    assert_eq!(case.amendments, noted().amendments);
}

#[test]
fn a_proposal_re_sent_with_new_operations_is_updated_and_located() {
    let mut case = noted();
    let draft = resent(|a| a.ops = vec![Op::replace("stort antal mål", "fåtal mål")]);
    let report = merge(&mut case, &[draft]).unwrap();
    assert_eq!(report[0].id, "mp1");
    assert_eq!(
        report[0].outcome,
        Outcome::Updated {
            fields: vec!["ops"]
        }
    );
    assert_eq!(report[0].other_version, None);
    let mp1 = case.amendment("mp1").unwrap().clone();
    assert_eq!(mp1.ops, vec![Op::replace("stort antal mål", "fåtal mål")]);
    assert_eq!(mp1.note.as_deref(), Some("Kolla med MP om rubriken"));
    assert_eq!(case.amendments.len(), 6, "replaced, not added");
    let doc = case.document().unwrap();
    assert!(amend::locate::locate(&doc, &mp1).is_ok(), "located");
    assert!(case.analyze().unwrap().errors.is_empty());
}

#[test]
fn another_members_proposal_with_the_same_id_and_new_operations_is_not_an_update() {
    let mut case = noted();
    let mut draft = resent(|a| a.ops = vec![Op::replace("stort antal mål", "fåtal mål")]);
    draft.members[0].name = "Anna Ahl".into();
    let report = merge(&mut case, &[draft]).unwrap();
    assert_eq!(report[0].outcome, Outcome::Renamed { from: "mp1".into() });
    assert_eq!(
        case.amendment("mp1").unwrap().ops,
        example().amendments[0].ops,
        "Amanda Andersson's mp1 as it was"
    );
}

/// A member of L's draft: one change, `l1`, replacing `quote`.
fn liberal(id: &str, name: &str, quote: &str) -> Draft {
    let c = example();
    let doc = c.document().unwrap();
    let mut a = amend::Amendment::probe("l1", vec![Op::replace(quote, "x")]);
    a.proposer = id.into();
    a.wording = format!("”{quote}” ändras till ”x”");
    Draft {
        members: vec![amend::case::Member {
            id: id.into(),
            name: name.into(),
            party: "L".into(),
            substitute: false,
        }],
        amendments: vec![a],
        ..Draft::of(&c, &doc, Some("nobody"))
    }
}

#[test]
fn two_members_of_one_party_get_distinct_labels() {
    let mut case = example();
    let drafts = [
        liberal("nn", "Nils Nyström", "stort antal mål"),
        liberal("ll", "Lisa Larsson", "resursfördelningsmodell bygger på"),
    ];
    let report = merge(&mut case, &drafts).unwrap();
    assert_eq!(report[0].outcome, Outcome::Added);
    assert_eq!(report[1].outcome, Outcome::Renamed { from: "l1".into() });
    assert_eq!(report[1].id, "l2");
    let labels = amend::render::labels(&case, Lang::Sv);
    assert_eq!(labels["l1"].short, "L 1");
    assert_eq!(labels["l2"].short, "L 2");
    assert_eq!(labels["l1"].long, "Nils Nyström (L), ändringsförslag");
    assert_eq!(labels["l2"].long, "Lisa Larsson (L), ändringsförslag");
    // the others' labels as they were
    assert_eq!(labels["mp2"].short, "MP 2");
    assert_eq!(labels["v1"].short, "V 1");
    assert_eq!(labels["c-tillagg"].short, "C tillägg");
    // the minutes name each by its member, not "första" and "andra"
    let l1 = case.amendment("l1").unwrap();
    let l2 = case.amendment("l2").unwrap();
    assert!(!case.numbered(l1) && !case.numbered(l2));
    assert_eq!(case.short_label(l2, Lang::En), "L 2");
    let mut proposed = case.clone();
    proposed.procedure = Default::default();
    let text = minutes_text(&proposed, &decide(&proposed).unwrap(), Lang::Sv);
    assert!(text.contains("Nils Nyström (L)"), "{text}");
    assert!(text.contains("Lisa Larsson (L)"), "{text}");
    assert!(!text.contains("Larssons andra"), "{text}");
    assert!(!text.contains("Nyströms första"), "{text}");
    assert!(!text.contains("Liberal"), "{text}");
}
