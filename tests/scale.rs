//! Cases of a real meeting's size, generated (`benches/gen`): what is worked
//! out once for many amendments agrees with what is worked out for each, a
//! quote not found still names its near miss when the search is bounded, and
//! a very long replacement applies. Outcomes only: the times are the
//! benchmarks' (`benches/README.md`).

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../benches/gen/mod.rs"]
mod gen;

use amend::apply::{accept_all, reject_all};
use amend::doc::{Document, SourceFormat};
use amend::locate::locate;
use amend::render::{labels, Lang};
use amend::{Amendment, AmendmentKind, Case, Error, Op};

/// A dense case, with withdrawn amendments, amendments with their own
/// number, and a proposer who is no member.
fn many_proposers() -> Case {
    let (mut case, _) = gen::case_dense(20, 150, gen::SEED);
    for (i, a) in case.amendments.iter_mut().enumerate() {
        a.proposer = ["s1", "m1", "c1", "v1", "mp1", "nobody"][i % 6].to_string();
        if i % 7 == 0 {
            a.withdrawn = true;
        }
        if i % 11 == 0 {
            a.ordinal = Some(9);
        }
        if i % 5 == 0 {
            a.kind = AmendmentKind::Addition;
        }
    }
    // a party without amendments of one kind, and one with a single one
    case.amendments[1].proposer = "kd1".into();
    case.amendments[1].kind = AmendmentKind::Change;
    case
}

#[test]
fn labels_made_at_once_agree_with_each_amendment_s_own() {
    let case = many_proposers();
    let lookup = case.lookup();
    for lang in [Lang::Sv, Lang::En] {
        let all = labels(&case, lang);
        assert_eq!(all.len(), case.amendments.len());
        for a in &case.amendments {
            let l = &all[&a.id];
            assert_eq!(l.short, case.short_label(a, lang), "{}", a.id);
            assert_eq!(lookup.short_label(a, lang), case.short_label(a, lang));
            assert_eq!(lookup.ordinal(a), case.ordinal(a), "{}", a.id);
            assert_eq!(lookup.numbered(a), case.numbered(a), "{}", a.id);
            assert_eq!(lookup.proposer_label(a), case.proposer_label(a));
            assert!(l.long.starts_with(&case.proposer_label(a)), "{}", l.long);
            let numbered = case.numbered(a);
            let n = format!(" {}", case.ordinal(a));
            assert_eq!(l.long.ends_with(&n), numbered, "{} {}", a.id, l.long);
        }
    }
    // ordinals count the active amendments of a proposer's kind, from 1
    let kd = case
        .amendments
        .iter()
        .filter(|a| a.proposer == "kd1")
        .count();
    assert_eq!(kd, 1);
    assert!(!lookup.numbered(&case.amendments[1]));
    for a in &case.amendments {
        assert_eq!(lookup.amendment(&a.id).map(|x| &x.id), Some(&a.id));
        assert_eq!(lookup.member(&a.proposer), case.member(&a.proposer));
    }
    assert!(lookup.amendment("none").is_none());
}

#[test]
fn the_check_report_lists_each_active_amendment_with_its_edits() {
    let (case, _) = gen::case_dense(20, 150, gen::SEED);
    let an = case.analyze().unwrap();
    assert!(an.errors.is_empty(), "{:?}", an.errors.first());
    let report = amend::check::report(&case, &an, "case.json");
    assert!(
        report.contains("amendments: 150 located, 0 not"),
        "{report}"
    );
    let all = labels(&case, Lang::Sv);
    for a in case.active() {
        let line = format!("  ✓ {:<12} {}", a.id, all[&a.id].long);
        assert_eq!(report.matches(&format!("{line}\n")).count(), 1, "{line}");
    }
    let places = report.lines().filter(|l| l.starts_with("      ")).count();
    assert_eq!(places, an.edits.len());
}

/// The closest match the error of a quote not found names.
fn nearest(doc: &Document, quote: &str) -> amend::error::NearMatch {
    let a = Amendment::probe("x", vec![Op::delete(quote)]);
    match locate(doc, &a).unwrap_err().remove(0) {
        Error::QuoteNotFound {
            nearest: Some(n), ..
        } => *n,
        e => panic!("{e:?}"),
    }
}

/// Words, without Markdown's marks, for comparing passages.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn a_quote_with_a_phrase_changed_names_a_passage_at_least_as_close() {
    let plan = gen::plan(30, gen::SEED);
    let doc = Document::parse(&plan.text, SourceFormat::Auto).unwrap();
    let mut named = 0;
    for (quote, sentence) in gen::near_misses(&plan, 40, 7) {
        let n = nearest(&doc, &quote);
        // the sentence it came from, or one still more like the quote
        let own = amend::text::similarity(&quote, &sentence);
        assert!(n.similarity >= own - 1e-6, "{quote}: {} < {own}", n.text);
        named += usize::from(words(&n.text) == words(&sentence));
    }
    // the generated prose has few words, so a reworded sentence is now and
    // then closer to another one
    assert!(named >= 10, "{named} of 40");
}

#[test]
fn a_quote_with_one_word_changed_names_its_sentence() {
    let doc = Document::parse(
        "# Plan\n\n## Lokaler\n\nKommunen ska se över lokalerna. Förskolorna ska bli färre och större.\n\n## Drift\n\nNämnden ska minska kostnaderna för driften under året.\n",
        SourceFormat::Auto,
    )
    .unwrap();
    let n = nearest(&doc, "Nämnden ska öka kostnaderna för driften under året.");
    assert_eq!(
        n.text,
        "Nämnden ska minska kostnaderna för driften under året."
    );
    assert_eq!(n.place.section.as_deref(), Some("Drift"));
    // the first word changed, and the last
    let n = nearest(&doc, "Skolorna ska bli färre och större.");
    assert_eq!(n.text, "Förskolorna ska bli färre och större.");
    let n = nearest(&doc, "Förskolorna ska bli färre och mindre.");
    assert_eq!(n.text, "Förskolorna ska bli färre och större.");
}

#[test]
fn a_long_quote_with_words_changed_names_its_passage() {
    let plan = gen::plan(40, gen::SEED);
    let doc = Document::parse(&plan.text, SourceFormat::Auto).unwrap();
    let (quote, original) = gen::long_near_miss(&plan, 1000, gen::SEED);
    let n = nearest(&doc, &quote);
    assert_eq!(words(&n.text), words(&original));
    assert!(n.similarity > 0.9, "{}", n.similarity);
}

#[test]
fn a_very_long_heading_not_found_is_an_error_without_a_match() {
    let plan = gen::plan(10, gen::SEED);
    let doc = Document::parse(&plan.text, SourceFormat::Auto).unwrap();
    let heading: String = gen::prose(4000, 3).chars().take(20_000).collect();
    let a = Amendment::probe("x", vec![Op::delete_section(&heading)]);
    match locate(&doc, &a).unwrap_err().remove(0) {
        Error::HeadingNotFound { nearest, .. } => assert!(nearest.is_none()),
        e => panic!("{e:?}"),
    }
}

#[test]
fn a_replacement_of_forty_thousand_words_applies() {
    let text = gen::prose(40_000, gen::SEED);
    let (case, quote) = gen::case_replacing(10, &text, gen::SEED);
    let (doc, applied) = case.apply(&["big".to_string()], &[]).unwrap();
    let (edits, _) = locate(&doc, &case.amendments[0]).unwrap();
    let r = edits[0].range.clone();
    assert_eq!(words(&doc.canonical[r.clone()]), words(&quote));
    let want = format!(
        "{}{text}{}",
        &doc.canonical[..r.start],
        &doc.canonical[r.end..]
    );
    assert_eq!(applied.text, want);
    assert_eq!(accept_all(&applied.runs), want);
    assert_eq!(reject_all(&applied.runs), doc.canonical);
    assert!(applied
        .runs
        .iter()
        .all(|r| r.by.is_empty() || r.by == ["big"]));
}

#[test]
fn a_section_deletion_over_many_edits_conflicts_with_each_once() {
    let (mut case, _) = gen::case_dense(20, 150, gen::SEED);
    // the whole plan's first chapter goes, with what the others change in it
    let doc = case.document().unwrap();
    let chapter = doc
        .blocks
        .iter()
        .find(|b| b.level() == Some(2))
        .unwrap()
        .text
        .clone();
    let mut big = Amendment::probe("big", vec![Op::delete_section(&chapter)]);
    big.proposer = "s1".into();
    case.amendments.push(big);
    let an = case.analyze().unwrap();
    let span = an
        .edits
        .iter()
        .find(|e| e.amendment == "big")
        .unwrap()
        .range
        .clone();
    let inside: Vec<&str> = an
        .edits
        .iter()
        .filter(|e| e.amendment != "big" && e.range.start < span.end && e.range.end > span.start)
        .map(|e| e.amendment.as_str())
        .collect();
    assert!(inside.len() > 5, "{}", inside.len());
    let with_big: Vec<_> = an
        .conflicts
        .iter()
        .filter(|c| c.a.amendment == "big" || c.b.amendment == "big")
        .collect();
    assert_eq!(with_big.len(), inside.len());
    // and none between the others, which do not overlap
    assert_eq!(an.conflicts.len(), with_big.len());
}
