//! Benchmarks of the core on generated plans (see `gen/mod.rs`).
//!
//! * `apply/<pages>`: parse the plan, locate 2 amendments a page, apply them
//!   and split the tracked changes into blocks, as the app does when the
//!   adopted set changes;
//! * `apply_parts/*`: the same steps one at a time on the 100-page plan;
//! * `diff/<edits>`: [`amend::diff::compare`] of a 100-page plan and a
//!   version of it with that many scattered word edits;
//! * `diff_shapes/<shape>`: the same for a copy (`identical`), paragraphs
//!   split, merged and moved among word edits (`structural`) and a tenth of
//!   the paragraphs rewritten (`rewritten`);
//! * `diff_long/5MB`: two different texts of 5 MB each;
//! * `cleanup/<changes>`: [`amend::diff::cleanup_semantic`] of a dense
//!   rewording, that many changed words with a space or a short word
//!   between them (every equality folds);
//! * `check/<amendments>`: what `amend check` does, [`amend::Case::analyze`]
//!   and [`amend::check::report`], on a case with 1,000 amendments on the
//!   100-page plan or 5,000 on the 200-page plan (some sentences amended
//!   more than once, in conflict);
//! * `not_found/*`: locating quotes that are not in the 100-page plan, so
//!   that the error names the closest match: 200 sentences with a phrase
//!   reworded, one passage of 1,000 words with a sentence in twenty
//!   reworded, and a heading of 20,000 characters;
//! * `apply_big/40000`: one amendment replacing a paragraph of the 100-page
//!   plan by 40,000 words, applied and split into blocks.
//!
//! See `benches/README.md` for the commands.

mod gen;

use amend::diff::{Chunk, Tag};
use amend::doc::{Document, SourceFormat};
use amend::{Amendment, Error, Op};
use criterion::{
    black_box, criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput,
};

fn apply(c: &mut Criterion) {
    let mut g = c.benchmark_group("apply");
    for pages in [25, 50, 100, 200] {
        let (case, ids) = gen::case(pages, gen::SEED);
        // every amendment must apply, or the benchmark measures an error path
        case.apply(&ids, &[])
            .expect("the generated amendments apply");
        g.throughput(Throughput::Bytes(case.plan.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(pages), &pages, |b, _| {
            b.iter(|| {
                let (doc, applied) = case.apply(&ids, &[]).unwrap();
                let blocks = amend::render::tracked_blocks(&applied.runs);
                black_box((doc, applied, blocks))
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("apply_parts");
    let (case, ids) = gen::case(100, gen::SEED);
    let doc = case.document().unwrap();
    let applied = case.apply_with(&doc, &ids, &[]).unwrap();
    g.bench_function("parse", |b| {
        b.iter(|| Document::parse(black_box(&case.plan.text), SourceFormat::Auto).unwrap())
    });
    g.bench_function("locate_apply", |b| {
        b.iter(|| case.apply_with(black_box(&doc), &ids, &[]).unwrap())
    });
    g.bench_function("tracked_blocks", |b| {
        b.iter(|| amend::render::tracked_blocks(black_box(&applied.runs)))
    });
    g.finish();
}

/// Checks that the comparison of `old` and `new` gives back both texts (so
/// that the benchmark compares what it claims to).
fn check_compare(old: &str, new: &str) {
    let chunks = amend::diff::compare(old, new);
    assert_eq!(amend::diff::old_text(&chunks), old);
    assert_eq!(amend::diff::new_text(&chunks), new);
}

fn diff(c: &mut Criterion) {
    let mut g = c.benchmark_group("diff");
    let old = gen::canonical(100, gen::SEED);
    for n in gen::DIFF_EDITS {
        let new = gen::edit_words(&old, n, gen::SEED + n as u64);
        check_compare(&old, &new);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| amend::diff::compare(black_box(&old), black_box(&new)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("diff_shapes");
    for (name, new) in gen::diff_shapes(&old) {
        check_compare(&old, &new);
        g.bench_function(name, |b| {
            b.iter(|| amend::diff::compare(black_box(&old), black_box(&new)))
        });
    }
    g.finish();
}

fn diff_long(c: &mut Criterion) {
    let mut g = c.benchmark_group("diff_long");
    g.sample_size(10);
    // made on first use, so that a run of other groups does not wait for it
    let texts = std::cell::OnceCell::new();
    g.bench_function("5MB", |b| {
        let (old, new) = texts.get_or_init(|| {
            let (old, new) = gen::long_pair();
            check_compare(&old, &new);
            (old, new)
        });
        b.iter(|| amend::diff::compare(black_box(old), black_box(new)))
    });
    g.finish();
}

fn cleanup(c: &mut Criterion) {
    let mut g = c.benchmark_group("cleanup");
    for n in [2_000, 20_000] {
        let mut rng = gen::Rng::new(gen::SEED);
        let mut chunks = vec![Chunk::new(Tag::Equal, "Inledning")];
        for k in 0..n {
            chunks.push(Chunk::new(
                Tag::Equal,
                if k % 3 == 0 { " och " } else { " " },
            ));
            chunks.push(Chunk::new(Tag::Delete, rng.pick(gen::WORDS)));
            chunks.push(Chunk::new(Tag::Insert, rng.pick(gen::WORDS)));
        }
        chunks.push(Chunk::new(Tag::Equal, "."));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || chunks.clone(),
                |mut chunks| {
                    amend::diff::cleanup_semantic(&mut chunks);
                    chunks
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn check(c: &mut Criterion) {
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    for (pages, n) in [(100, 1000), (200, 5000)] {
        let (case, _) = gen::case_dense(pages, n, gen::SEED);
        let an = case.analyze().unwrap();
        // every amendment must locate, or the benchmark measures errors
        assert!(an.errors.is_empty(), "{:?}", an.errors.first());
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let an = case.analyze().unwrap();
                black_box(amend::check::report(&case, &an, "case.json"))
            })
        });
    }
    g.finish();
}

/// The error of locating `a`, which must be a quote or heading not found.
fn not_located(doc: &Document, a: &Amendment) -> Error {
    match amend::locate::locate(doc, a) {
        Err(mut e) => e.remove(0),
        Ok(_) => panic!("{} located", a.id),
    }
}

fn not_found(c: &mut Criterion) {
    let mut g = c.benchmark_group("not_found");
    let plan = gen::plan(100, gen::SEED);
    let doc = Document::parse(&plan.text, SourceFormat::Auto).unwrap();
    let quotes: Vec<Amendment> = gen::near_misses(&plan, 200, gen::SEED)
        .iter()
        .map(|(q, _)| Amendment::probe("x", vec![Op::delete(q)]))
        .collect();
    let (long, _) = gen::long_near_miss(&plan, 1000, gen::SEED);
    let long = Amendment::probe("x", vec![Op::delete(&long)]);
    let heading: String = gen::prose(4000, gen::SEED).chars().take(20_000).collect();
    let heading = Amendment::probe("x", vec![Op::delete_section(&heading)]);
    for a in quotes.iter().chain([&long]) {
        let e = not_located(&doc, a);
        assert!(
            matches!(
                e,
                Error::QuoteNotFound {
                    nearest: Some(_),
                    ..
                }
            ),
            "{e:?}"
        );
    }
    let e = not_located(&doc, &heading);
    assert!(matches!(e, Error::HeadingNotFound { .. }), "{e:?}");
    g.bench_function("200_quotes", |b| {
        b.iter(|| {
            for a in &quotes {
                black_box(not_located(&doc, a));
            }
        })
    });
    g.bench_function("1000_words", |b| b.iter(|| not_located(&doc, &long)));
    g.bench_function("heading_20000", |b| b.iter(|| not_located(&doc, &heading)));
    g.finish();
}

fn apply_big(c: &mut Criterion) {
    let mut g = c.benchmark_group("apply_big");
    g.sample_size(10);
    let words = 40_000;
    let text = gen::prose(words, gen::SEED);
    let (case, _) = gen::case_replacing(100, &text, gen::SEED);
    let ids = vec!["big".to_string()];
    let doc = case.document().unwrap();
    g.bench_with_input(BenchmarkId::from_parameter(words), &words, |b, _| {
        b.iter(|| {
            let applied = case.apply_with(&doc, &ids, &[]).unwrap();
            let blocks = amend::render::tracked_blocks(&applied.runs);
            black_box((applied, blocks))
        })
    });
    g.finish();
}

criterion_group!(benches, apply, diff, diff_long, cleanup, check, not_found, apply_big);
criterion_main!(benches);
