//! A bounded fuzzing loop over everything that reads input: case files,
//! plan texts in every format amend parses, locating, applying, comparing,
//! the vote and the minutes.
//!
//! ```sh
//! cargo run --example fuzz -- [--seconds N] [--seed N]
//! ```
//!
//! It starts from a corpus of real inputs (`tests/fuzz/corpus/`, the bad
//! inputs of `tests/bad/`, the example case and the plans of `tests/plans/`)
//! and mutates them: bytes flipped, inserted, deleted and repeated; pieces
//! of one input spliced into another; the strings and numbers of a case
//! file replaced by others from the corpus or by the texts that trip parsers
//! up. Each input runs through every stage that accepts it, and each stage
//! must either give an error or a result that holds together (accepting
//! every tracked change gives the adopted text, rejecting them the plan) —
//! never a panic. A failing input is written to `tests/fuzz/crashes/` and
//! the loop exits non-zero; add it to the corpus once fixed, so that the
//! corpus grows with every defect found. Built without optimisation (as
//! `cargo test` builds it), so arithmetic overflow panics too.

use amend::apply::{accept_all, reject_all};
use amend::doc::{Document, SourceFormat};
use amend::render::{self, Lang};
use amend::{compare, diff, procedure, Case};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A small, fast, seeded generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Texts that trip parsers and matchers up.
const NASTY: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\u{000C}",
    "# ",
    "## ",
    "- ",
    "1. ",
    "a) ",
    "| ",
    " |",
    "\\",
    "”",
    "\"",
    "’",
    "\u{00AD}",
    "-\n",
    "a\u{0308}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{00A0}",
    "\t",
    "{--",
    "--}",
    "{++",
    "~>",
    "<b>",
    "&amp;",
    "4294967295",
    "-1",
    "0",
    "1e309",
    "null",
    "[]",
    "{}",
];

fn corpus(root: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fuzz/corpus", "tests/bad", "tests/plans"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                matches!(
                    p.extension().and_then(|x| x.to_str()),
                    Some("json" | "txt" | "md")
                )
            }));
        }
    }
    files.push(root.join("examples/alingsas-ks-2023-217/case.json"));
    files.push(root.join("examples/alingsas-ks-2023-217/plan.txt"));
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| b.len() <= 512 * 1024)
        .collect()
}

/// One mutation of `input`, with material from `others`.
fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let s = NASTY[rng.below(NASTY.len())].as_bytes();
                out.splice(at..at, s.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let from = rng.below(out.len());
                let end = (from + 1 + rng.below(200)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            4 => {
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let end = (from + 1 + rng.below(400)).min(other.len());
                    out.splice(at..at, other[from..end].iter().copied());
                }
            }
            5 => return mutate_case(rng, &out, others).unwrap_or(out),
            _ => {}
        }
    }
    out
}

/// A case file with one of its strings or numbers replaced, still JSON.
fn mutate_case(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Option<Vec<u8>> {
    let mut v: serde_json::Value = serde_json::from_slice(input).ok()?;
    let mut leaves = Vec::new();
    collect_leaves(&v, String::new(), &mut leaves);
    let path = leaves.get(rng.below(leaves.len()))?.clone();
    let leaf = v.pointer_mut(&path)?;
    *leaf = match rng.below(5) {
        0 => serde_json::json!(rng.next() as u32),
        1 => serde_json::json!(NASTY[rng.below(NASTY.len())]),
        2 => {
            // a piece of another input's text, such as a quote from a plan
            let other = String::from_utf8_lossy(&others[rng.below(others.len())]).into_owned();
            let chars: Vec<char> = other.chars().collect();
            let from = rng.below(chars.len());
            let end = (from + 1 + rng.below(80)).min(chars.len());
            serde_json::json!(chars[from.min(end)..end].iter().collect::<String>())
        }
        3 => serde_json::Value::Null,
        _ => match leaf.as_str() {
            Some(s) if !s.is_empty() => {
                let chars: Vec<char> = s.chars().collect();
                let cut = rng.below(chars.len());
                serde_json::json!(chars[cut..].iter().collect::<String>())
            }
            _ => serde_json::json!(true),
        },
    };
    serde_json::to_vec_pretty(&v).ok()
}

fn collect_leaves(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                collect_leaves(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_leaves(x, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// Runs every stage that accepts `input`; an error from a stage is fine,
/// a result that does not hold together is a failure (returned).
fn run(input: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    for format in [
        SourceFormat::Auto,
        SourceFormat::Text,
        SourceFormat::Markdown,
        SourceFormat::Structured,
    ] {
        if let Ok(doc) = Document::parse(&text, format) {
            let again = Document::parse(&doc.canonical, SourceFormat::Structured)
                .map_err(|e| format!("the canonical text of {format:?} does not parse: {e}"))?;
            if again.canonical != doc.canonical {
                return Err(format!(
                    "the canonical text of {format:?} does not parse back to itself"
                ));
            }
        }
    }
    if let Ok(case) = Case::from_json(&text) {
        run_case(&case)?;
    }
    Ok(())
}

fn run_case(case: &Case) -> Result<(), String> {
    let Ok(doc) = case.document() else {
        return Ok(());
    };
    let check = compare::check(case, &doc);
    let ids: Vec<String> = case.active().map(|a| a.id.clone()).collect();
    let _ = compare::overlay(case, &doc, &ids);
    // every amendment alone, then all that do not conflict
    let mut together: Vec<String> = Vec::new();
    for id in &ids {
        let clashes = check.conflicts.iter().any(|c| {
            (c.a.amendment == *id && together.contains(&c.b.amendment))
                || (c.b.amendment == *id && together.contains(&c.a.amendment))
        });
        if !clashes {
            together.push(id.clone());
        }
    }
    for adopted in ids.iter().map(|id| vec![id.clone()]).chain([together]) {
        let Ok(applied) = case.apply_with(&doc, &adopted, &[]) else {
            continue;
        };
        if accept_all(&applied.runs) != applied.text {
            return Err(format!(
                "accepting every change of {adopted:?} is not the adopted text"
            ));
        }
        if reject_all(&applied.runs) != doc.canonical {
            return Err(format!(
                "rejecting every change of {adopted:?} is not the plan"
            ));
        }
        match Document::parse(&applied.text, SourceFormat::Structured) {
            Ok(again) if again.canonical == applied.text => {}
            Ok(_) => {
                return Err(format!(
                    "the text with {adopted:?} adopted does not parse back to itself"
                ))
            }
            // an amendment's own text may hold what a plan may not (U+FFFD)
            Err(e) if e.code() == "not_text" => {}
            Err(e) => {
                return Err(format!(
                    "the text with {adopted:?} adopted does not parse: {e}"
                ))
            }
        }
        let labels = render::labels(case, Lang::Sv);
        let _ = render::critic_markup(&applied.runs, &labels);
        let _ = render::html_tracked(&case.title, &applied.runs, &labels, Lang::En);
        let _ = render::plain_text(&applied.text);
        let _ = amend::export::markdown(&doc, &applied);
        let _ = render::tracked_blocks(&applied.runs);
        let chunks = diff::compare(&doc.canonical, &applied.text);
        if diff::new_text(&chunks) != applied.text || diff::old_text(&chunks) != doc.canonical {
            return Err(format!(
                "comparing the plan with {adopted:?} adopted loses text"
            ));
        }
    }
    if let Ok(decision) = procedure::decide(case) {
        let _ = amend::minutes::minutes_text(case, &decision, Lang::Sv);
        let _ = amend::minutes::minutes_text(case, &decision, Lang::En);
    }
    let _ = procedure::default_order(case);
    Ok(())
}

fn arg(name: &str) -> Option<u64> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seconds = arg("--seconds").unwrap_or(60);
    let seed = arg("--seed").unwrap_or(217);
    let seeds = corpus(&root);
    assert!(!seeds.is_empty(), "the fuzz corpus is empty");
    // a panic is reported once, by the loop, not by the default hook
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let until = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut failures) = (0u64, 0u32);
    // the corpus itself first, then mutations of it
    let mut queue: Vec<Vec<u8>> = seeds.clone();
    while Instant::now() < until || !queue.is_empty() {
        let input = match queue.pop() {
            Some(input) => input,
            None => {
                let from = rng.below(seeds.len());
                mutate(&mut rng, &seeds[from], &seeds)
            }
        };
        runs += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&input)));
        let why = match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(why)) => why,
            Err(panic) => panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .map_or_else(|| "a panic".to_string(), |m| format!("a panic: {m}")),
        };
        failures += 1;
        let dir = root.join("tests/fuzz/crashes");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("crash-{seed}-{runs}.bin"));
        let _ = std::fs::write(&file, &input);
        eprintln!("fuzz: {why}\n      input written to {}", file.display());
        if failures >= 10 {
            break;
        }
    }
    println!(
        "fuzz: {runs} inputs run in {seconds} s from {} seeds (seed {seed}): {failures} failures",
        seeds.len()
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
