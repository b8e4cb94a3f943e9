//! Benchmarks of the core on generated plans (see `gen/mod.rs`).
//!
//! * `apply/<pages>`: parse the plan, locate 2 amendments a page, apply them
//!   and split the tracked changes into blocks, as the app does when the
//!   adopted set changes;
//! * `apply_parts/*`: the same steps one at a time on the 100-page plan;
//! * `diff/<edits>`: [`amend::diff::compare`] of a 100-page plan and a
//!   version of it with that many scattered word edits;
//! * `cleanup/<changes>`: [`amend::diff::cleanup_semantic`] of a dense
//!   rewording, that many changed words with a space or a short word
//!   between them (every equality folds).
//!
//! Run `cargo bench --bench core -- --warm-up-time 1 --measurement-time 3`
//! (add `apply` or `diff` to run one group).

mod gen;

use amend::diff::{Chunk, Tag};
use amend::doc::{Document, SourceFormat};
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

fn diff(c: &mut Criterion) {
    let mut g = c.benchmark_group("diff");
    let old = gen::canonical(100, gen::SEED);
    for n in gen::DIFF_EDITS {
        let new = gen::edit_words(&old, n, gen::SEED + n as u64);
        // the benchmark must compare what it claims to
        let chunks = amend::diff::compare(&old, &new);
        assert_eq!(amend::diff::old_text(&chunks), old);
        assert_eq!(amend::diff::new_text(&chunks), new);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| amend::diff::compare(black_box(&old), black_box(&new)))
        });
    }
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

criterion_group!(benches, apply, diff, cleanup);
criterion_main!(benches);
