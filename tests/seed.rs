//! The Alingsås example (kommunstyrelsen § 217, 2023.476 KS) end to end: the six proposals
//! of the minutes are located, their conflicts found, and every adoptable set
//! applied with tracked changes that accept and reject exactly.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::apply::{accept_all, reject_all};
use amend::conflict::ConflictKind;
use amend::diff::Tag;
use amend::render::{self, Lang};
use amend::{Case, Error, Run};
use std::collections::BTreeSet;
use std::path::PathBuf;

const IDS: [&str; 6] = ["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"];

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/alingsas-ks-2023-217")
}

fn case() -> Case {
    let json = std::fs::read_to_string(example_dir().join("case.json")).unwrap();
    Case::from_json(&json).unwrap()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn prefer(winner: &str, loser: &str) -> Vec<(String, String)> {
    vec![(winner.to_string(), loser.to_string())]
}

/// The original canonical text with the blocks from the heading `heading`
/// up to (not including) the next heading of the same or a higher level cut
/// out — computed from the text alone, not with the crate's section logic.
fn without_section(canonical: &str, heading: &str) -> String {
    let blocks: Vec<&str> = canonical.trim_end_matches('\n').split("\n\n").collect();
    let level_of = |b: &str| {
        let n = b.chars().take_while(|&c| c == '#').count();
        (n > 0 && b[n..].starts_with(' ')).then_some(n)
    };
    let start = blocks
        .iter()
        .position(|b| level_of(b).is_some_and(|n| b[n + 1..] == *heading))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    let level = level_of(blocks[start]).unwrap();
    let end = blocks[start + 1..]
        .iter()
        .position(|b| level_of(b).is_some_and(|l| l <= level))
        .map_or(blocks.len(), |i| start + 1 + i);
    let mut kept: Vec<&str> = blocks[..start].to_vec();
    kept.extend_from_slice(&blocks[end..]);
    kept.join("\n\n") + "\n"
}

#[test]
fn case_plan_text_equals_plan_txt() {
    let plan = std::fs::read_to_string(example_dir().join("plan.txt")).unwrap();
    assert_eq!(
        case().plan.text,
        plan,
        "case.json's plan text and plan.txt have drifted apart"
    );
}

#[test]
fn every_proposal_is_located() {
    let c = case();
    let ids_in_case: Vec<&str> = c.amendments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids_in_case, IDS);
    let an = c.analyze().unwrap();
    assert!(an.errors.is_empty(), "{:#?}", an.errors);
    for id in IDS {
        let n = an.edits.iter().filter(|e| e.amendment == id).count();
        assert_eq!(n, 1, "{id} should resolve to exactly one edit");
    }
    let doc = &an.doc;
    let section = |id: &str| {
        let e = an.edits.iter().find(|e| e.amendment == id).unwrap();
        doc.section_of(e.blocks.start).map(|b| b.text.clone())
    };
    // each proposal lands in the section the minutes name
    assert_eq!(
        section("mp1").as_deref(),
        Some("Effektivisera den politiska målstyrningen")
    );
    assert_eq!(
        section("mp2").as_deref(),
        Some("Nämndbuffertar mot oförutsedda kostnader")
    );
    assert_eq!(
        section("v2").as_deref(),
        Some("Effektivisera den politiska målstyrningen")
    );
    assert_eq!(
        section("mp-tillagg").as_deref(),
        Some("Genomlysningar och metod för ständiga förbättringar")
    );
    assert_eq!(section("c-tillagg").as_deref(), Some("Lokaleffektivitet"));
    // the minutes place V's first proposal on page 3 and the second on page 4
    let page = |id: &str| {
        let e = an.edits.iter().find(|e| e.amendment == id).unwrap();
        doc.blocks[e.blocks.start].page
    };
    assert_eq!(page("v1"), 3);
    assert_eq!(page("v2"), 4);
    // v2's page hint is right, so there is nothing to warn about for it
    assert!(
        !an.warnings.iter().any(|w| w.amendment == "v2"),
        "{:#?}",
        an.warnings
    );
    // v2 replaces exactly the quoted passage (and the full stop after it)
    let v2 = an.edits.iter().find(|e| e.amendment == "v2").unwrap();
    let old = &doc.canonical[v2.range.clone()];
    assert!(old.starts_with("Förslagsvis har Alingsås kommun"), "{old}");
    assert!(
        old.ends_with("samtidigt som vi håller nere kostnaderna."),
        "{old}"
    );
    assert!(!old.contains('\n'), "{old:?}");
}

#[test]
fn conflicts_and_identical_pairs() {
    let an = case().analyze().unwrap();
    let pairs: Vec<(BTreeSet<&str>, ConflictKind)> = an
        .conflicts
        .iter()
        .map(|c| {
            (
                [c.a.amendment.as_str(), c.b.amendment.as_str()]
                    .into_iter()
                    .collect(),
                c.kind,
            )
        })
        .collect();
    assert_eq!(
        pairs.len(),
        2,
        "only mp1 ⟷ v2 and mp2 = v1: {:#?}",
        an.conflicts
    );
    let mp1_v2 = pairs
        .iter()
        .find(|(p, _)| *p == BTreeSet::from(["mp1", "v2"]))
        .expect("mp1 ⟷ v2 reported");
    assert_eq!(mp1_v2.1, ConflictKind::InsideDeletedSection);
    let mp2_v1 = pairs
        .iter()
        .find(|(p, _)| *p == BTreeSet::from(["mp2", "v1"]))
        .expect("mp2 = v1 reported");
    assert_eq!(mp2_v1.1, ConflictKind::Identical);
    assert!(!an
        .conflicts
        .iter()
        .find(|c| c.between("mp2", "v1"))
        .unwrap()
        .is_conflict());
    assert!(an
        .conflicts
        .iter()
        .find(|c| c.between("v2", "mp1"))
        .unwrap()
        .is_conflict());
}

#[test]
fn nothing_adopted_is_the_original() {
    let (doc, applied) = case().apply(&[], &[]).unwrap();
    assert_eq!(applied.text, doc.canonical);
    assert!(applied.runs.iter().all(|r| r.tag == Tag::Equal));
    assert!(applied.dropped.is_empty());
    insta::assert_snapshot!("nothing_adopted", render::plain_text(&applied.text));
}

#[test]
fn mp2_and_v1_adopted_remove_the_buffer_section_once() {
    let (doc, applied) = case().apply(&ids(&["mp2", "v1"]), &[]).unwrap();
    let expected = without_section(&doc.canonical, "Nämndbuffertar mot oförutsedda kostnader");
    assert_eq!(applied.text, expected);
    assert!(!applied.text.contains("Nämndbuffertar"));
    assert!(!applied.text.contains("buffert för oförutsedda kostnader"));
    // the removal is one change, attributed to both identical proposals
    let changed: Vec<&Run> = applied
        .runs
        .iter()
        .filter(|r| r.tag != Tag::Equal)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(changed[0].tag, Tag::Delete);
    assert_eq!(changed[0].by, ids(&["mp2", "v1"]));
    assert!(changed[0]
        .text
        .starts_with("### Nämndbuffertar mot oförutsedda kostnader\n\n"));
    // the order the ids are given in does not matter
    let (_, reversed) = case().apply(&ids(&["v1", "mp2"]), &[]).unwrap();
    assert_eq!(reversed, applied);
    insta::assert_snapshot!("mp2_v1_adopted", render::plain_text(&applied.text));
}

#[test]
fn v2_adopted() {
    let (doc, applied) = case().apply(&ids(&["v2"]), &[]).unwrap();
    let old = "Förslagsvis har Alingsås kommun ett övergripande mål om att vara Sveriges mest effektiva kommun. Det innebär att vi ska ha goda resultat och hög kvalitet inom alla kärnverksamheter, ha en ändamålsenlig myndighetsutövning, samtidigt som vi håller nere kostnaderna.";
    let new = "Vi ska ha goda resultat och hög kvalitet inom alla kärnverksamheter, ha en ändamålsenlig myndighetsutövning, samtidigt som vi använder våra ekonomiska resurser på rätt sätt.";
    assert_eq!(doc.canonical.matches(old).count(), 1);
    assert_eq!(applied.text, doc.canonical.replacen(old, new, 1));
    insta::assert_snapshot!("v2_adopted", render::plain_text(&applied.text));
}

fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

#[test]
fn v2_tracked_change_is_word_level() {
    let (_, applied) = case().apply(&ids(&["v2"]), &[]).unwrap();
    let runs = &applied.runs;
    let changed: Vec<&Run> = runs.iter().filter(|r| r.tag != Tag::Equal).collect();
    assert!(!changed.is_empty());
    for r in &changed {
        assert_eq!(r.by, ids(&["v2"]), "{r:?}");
        let letters = r.text.chars().filter(|c| c.is_alphanumeric()).count();
        assert!(letters >= 2, "one-letter fragment {r:?} in {changed:#?}");
    }
    // every change starts and ends on a word boundary, in the old and the
    // new text alike
    for (i, r) in runs.iter().enumerate() {
        if r.tag == Tag::Equal {
            continue;
        }
        let same_side = |t: Tag| t == Tag::Equal || t == r.tag;
        let before = runs[..i]
            .iter()
            .rev()
            .find(|x| same_side(x.tag))
            .and_then(|x| x.text.chars().next_back());
        let after = runs[i + 1..]
            .iter()
            .find(|x| same_side(x.tag))
            .and_then(|x| x.text.chars().next());
        let first = r.text.chars().next().unwrap();
        let last = r.text.chars().next_back().unwrap();
        assert!(
            !(before.is_some_and(char::is_alphanumeric) && first.is_alphanumeric()),
            "change {r:?} starts inside a word"
        );
        assert!(
            !(after.is_some_and(char::is_alphanumeric) && last.is_alphanumeric()),
            "change {r:?} ends inside a word"
        );
    }
    let struck: usize = changed
        .iter()
        .filter(|r| r.tag == Tag::Delete)
        .map(|r| words(&r.text))
        .sum();
    let inserted: usize = changed
        .iter()
        .filter(|r| r.tag == Tag::Insert)
        .map(|r| words(&r.text))
        .sum();
    // the passage has 38 words and the new wording 25; only the opening
    // (18 words → "Vi") and the end (3 words → 7) differ
    assert!(struck <= 21, "{struck} words struck: {changed:#?}");
    assert!(inserted <= 9, "{inserted} words inserted: {changed:#?}");
    assert!(changed.len() <= 4, "{changed:#?}");
    assert!(
        runs.iter().any(|r| r.tag == Tag::Equal
            && r.text
                .contains("ska ha goda resultat och hög kvalitet inom alla kärnverksamheter")),
        "the unchanged middle must stay one equal run: {changed:#?}"
    );
    assert!(runs
        .iter()
        .any(|r| r.tag == Tag::Delete && r.text.contains("håller nere kostnaderna")));
    assert!(runs
        .iter()
        .any(|r| r.tag == Tag::Insert && r.text.contains("använder våra ekonomiska resurser")));
}

#[test]
fn every_adoptable_subset_accepts_and_rejects_exactly() {
    let c = case();
    let original = c.document().unwrap().canonical;
    let mut tried = 0;
    for mask in 0u32..64 {
        let subset: Vec<&str> = (0..6)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| IDS[i])
            .collect();
        let conflicting = subset.contains(&"mp1") && subset.contains(&"v2");
        let pref = if conflicting {
            prefer("mp1", "v2")
        } else {
            vec![]
        };
        let (_, applied) = c
            .apply(&ids(&subset), &pref)
            .unwrap_or_else(|e| panic!("{subset:?}: {e}"));
        tried += 1;
        assert_eq!(accept_all(&applied.runs), applied.text, "{subset:?}");
        assert_eq!(reject_all(&applied.runs), original, "{subset:?}");
        // every change comes from an adopted amendment, and every adopted
        // amendment (but a loser) shows in the changes
        let mut shown: BTreeSet<&str> = BTreeSet::new();
        for r in &applied.runs {
            assert_eq!(r.tag == Tag::Equal, r.by.is_empty(), "{subset:?}: {r:?}");
            shown.extend(r.by.iter().map(String::as_str));
        }
        let mut expected: BTreeSet<&str> = subset.iter().copied().collect();
        if conflicting {
            expected.remove("v2");
            assert_eq!(applied.dropped, vec![("v2".to_string(), "mp1".to_string())]);
            // preferring mp1 is the same as not adopting v2
            let without: Vec<&str> = subset.iter().copied().filter(|&s| s != "v2").collect();
            let (_, plain) = c.apply(&ids(&without), &[]).unwrap();
            assert_eq!(plain.text, applied.text, "{subset:?}");
        } else {
            assert!(applied.dropped.is_empty(), "{subset:?}");
        }
        assert_eq!(shown, expected, "{subset:?}");
        assert_eq!(mask == 0, applied.text == original, "{subset:?}");
    }
    assert_eq!(tried, 64);
}

#[test]
fn mp1_and_v2_together_need_a_winner() {
    let c = case();
    let err = c.apply(&ids(&["mp1", "v2"]), &[]).unwrap_err();
    assert_eq!(err.code(), "conflict");
    match &err {
        Error::Conflict { a, b, .. } => {
            let pair: BTreeSet<&str> = [a.as_str(), b.as_str()].into_iter().collect();
            assert_eq!(pair, BTreeSet::from(["mp1", "v2"]));
        }
        e => panic!("{e:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("mp1") && msg.contains("v2"), "{msg}");
    // with more adopted around them, still the same pair
    let err = c
        .apply(&ids(&["mp2", "mp1", "c-tillagg", "v2"]), &[])
        .unwrap_err();
    assert!(matches!(&err, Error::Conflict { a, b, .. }
        if [a.as_str(), b.as_str()].contains(&"mp1") && [a.as_str(), b.as_str()].contains(&"v2")));

    // mp1 wins: v2 is dropped and the section goes
    let (doc, applied) = c.apply(&ids(&["mp1", "v2"]), &prefer("mp1", "v2")).unwrap();
    assert_eq!(applied.dropped, vec![("v2".to_string(), "mp1".to_string())]);
    assert_eq!(
        applied.text,
        without_section(&doc.canonical, "Effektivisera den politiska målstyrningen")
    );
    assert!(applied
        .runs
        .iter()
        .all(|r| !r.by.contains(&"v2".to_string())));

    // v2 wins: mp1 is dropped and only the wording changes
    let (_, applied) = c.apply(&ids(&["mp1", "v2"]), &prefer("v2", "mp1")).unwrap();
    assert_eq!(applied.dropped, vec![("mp1".to_string(), "v2".to_string())]);
    let (_, only_v2) = c.apply(&ids(&["v2"]), &[]).unwrap();
    assert_eq!(applied.text, only_v2.text);

    // a preference between amendments that do not conflict changes nothing
    let (_, a) = c
        .apply(&ids(&["v2", "c-tillagg"]), &prefer("c-tillagg", "v2"))
        .unwrap();
    assert!(a.dropped.is_empty());
    assert!(a.text.contains("använder våra ekonomiska resurser"));
}

#[test]
fn critic_markup_of_v2_and_both_additions() {
    let c = case();
    let (_, applied) = c
        .apply(&ids(&["v2", "mp-tillagg", "c-tillagg"]), &[])
        .unwrap();
    let labels = render::labels(&c, Lang::Sv);
    let critic = render::critic_markup(&applied.runs, &labels);
    assert!(critic.contains("{>>Emily Munter (V), ändringsförslag 2<<}"));
    assert!(critic.contains("{>>Amanda Andersson (MP), tilläggsförslag<<}"));
    assert!(critic.contains("{>>Heidi Hankanen Ängberg (C), tilläggsförslag<<}"));
    insta::assert_snapshot!("v2_mp_c_critic", critic);
}

/// Two members striking the last two sections of the plan, one each: the
/// removals meet at the blank line between the sections, which is no
/// conflict, and adopting both leaves a well-formed text.
#[test]
fn striking_the_last_two_sections_separately() {
    let mut c = case();
    let strike = |id: &str, proposer: &str, heading: &str| amend::Amendment {
        id: id.into(),
        proposer: proposer.into(),
        kind: amend::AmendmentKind::Change,
        ordinal: None,
        wording: format!("Avsnittet {heading} stryks."),
        ops: vec![amend::Op::delete_section(heading)],
        supporters: vec![],
        withdrawn: false,
        conditional: false,
        from_wording: false,
        motivation: None,
        note: None,
    };
    c.amendments.push(strike(
        "x1",
        "aa",
        "Aktieägartillskott till Alingsåshem lokaler AB",
    ));
    c.amendments
        .push(strike("x2", "em", "4 Uppföljning och genomförande"));
    let an = c.analyze().unwrap();
    assert!(an.errors.is_empty(), "{:#?}", an.errors);
    assert!(
        !an.conflicts.iter().any(|k| k.between("x1", "x2")),
        "{:#?}",
        an.conflicts
    );
    let (doc, applied) = c.apply(&ids(&["x1", "x2"]), &[]).unwrap();
    let expected = without_section(
        &without_section(
            &doc.canonical,
            "Aktieägartillskott till Alingsåshem lokaler AB",
        ),
        "4 Uppföljning och genomförande",
    );
    assert_eq!(applied.text, expected);
    assert!(
        applied.text.ends_with("att lämna ytor som inte används.\n"),
        "{}",
        &applied.text[applied.text.len() - 80..]
    );
    assert_eq!(reject_all(&applied.runs), doc.canonical);
    // in either order
    let (_, reversed) = c.apply(&ids(&["x2", "x1"]), &[]).unwrap();
    assert_eq!(reversed.text, applied.text);
    let deleted: Vec<&Run> = applied
        .runs
        .iter()
        .filter(|r| r.tag == Tag::Delete)
        .collect();
    assert_eq!(deleted.len(), 2);
    assert!(
        deleted[0].text.starts_with("\n\n### Aktieägartillskott"),
        "{:?}",
        deleted[0].text
    );
    assert!(
        deleted[1].text.starts_with("\n\n## 4 Uppföljning"),
        "{:?}",
        deleted[1].text
    );
}
