//! Writes the inputs of the diff benchmark to `target/bench-inputs/`, so that
//! `benches/js_baseline.mjs` times the JavaScript libraries on the very texts
//! `cargo bench --bench core -- diff` uses:
//!
//! * `old.txt`: the canonical text of a generated 100-page plan;
//! * `new-10.txt`, `new-200.txt`, `new-2000.txt`: the same with that many
//!   scattered word edits;
//! * `new-identical.txt`, `new-structural.txt`, `new-rewritten.txt`: a copy,
//!   paragraphs split, merged and moved among word edits, and a tenth of the
//!   paragraphs rewritten (see `gen::diff_shapes`);
//! * `long-old.txt`, `long-new.txt`: two different texts of 5 MB each.
//!
//! Also prints the generated plans' sizes and checks that they parse into the
//! blocks they were generated from.
//!
//! Run with `cargo run --release --example bench_inputs`.

#[path = "../benches/gen/mod.rs"]
mod gen;

use amend::doc::{BlockKind, Document, SourceFormat};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    for pages in [25, 50, 100, 200] {
        let plan = gen::plan(pages, gen::SEED);
        let doc = Document::parse(&plan.text, SourceFormat::Auto).expect("parses");
        let headings = |it: &mut dyn Iterator<Item = String>| it.collect::<Vec<_>>();
        let want = headings(&mut plan.blocks.iter().filter_map(|b| match b {
            gen::Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        }));
        let got = headings(&mut doc.blocks.iter().filter_map(|b| match b.kind {
            BlockKind::Heading { .. } => Some(b.text.clone()),
            _ => None,
        }));
        assert_eq!(got, want, "headings of the {pages}-page plan");
        let (case, ids) = gen::case(pages, gen::SEED);
        let (_, applied) = case.apply(&ids, &[]).expect("every amendment applies");
        println!(
            "{pages:>3} pages: {:>6} words, {:>3} pages parsed, {:>5} blocks, {:>7} bytes; {} amendments, {} runs",
            plan.words,
            doc.pages(),
            doc.blocks.len(),
            plan.text.len(),
            ids.len(),
            applied.runs.len(),
        );
    }

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-inputs");
    std::fs::create_dir_all(&dir)?;
    let old = gen::canonical(100, gen::SEED);
    std::fs::write(dir.join("old.txt"), &old)?;
    for n in gen::DIFF_EDITS {
        let new = gen::edit_words(&old, n, gen::SEED + n as u64);
        std::fs::write(dir.join(format!("new-{n}.txt")), &new)?;
    }
    for (name, new) in gen::diff_shapes(&old) {
        std::fs::write(dir.join(format!("new-{name}.txt")), &new)?;
    }
    let (long_old, long_new) = gen::long_pair();
    std::fs::write(dir.join("long-old.txt"), &long_old)?;
    std::fs::write(dir.join("long-new.txt"), &long_new)?;
    println!("wrote {}", dir.display());
    Ok(())
}
