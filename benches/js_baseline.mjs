// Times `amend::diff::compare`, compiled to wasm, against two JavaScript
// diff libraries, in one Node process on the same inputs:
//
//   * amend's `compareTexts` (a Node build of the crate, see below);
//   * jsdiff's `diffWords`;
//   * diff-match-patch's `diff_main` followed by `diff_cleanupSemantic`, with
//     its default `Diff_Timeout` of 1 s and with the timeout off (0).
//
// The inputs are written by the Rust side, so that all of them time the very
// texts the Rust `diff`, `diff_shapes` and `diff_long` benchmarks use:
//
//   cargo run --release --example bench_inputs   # writes target/bench-inputs/
//   wasm-pack build --release --target nodejs --out-dir DIR -- --no-default-features --features compare-texts
//   node benches/js_baseline.mjs --pkg DIR [--runs N] [--budget-ms MS] [--only NAME,...]
//
// DIR may also be given as AMEND_PKG; without either the wasm column is left
// out. Every figure is the median of N runs (default 5) after one warm-up
// run; a library that takes longer than the budget (default 60 000 ms) on one
// input is stopped there and reported as "> budget". Each result of amend is
// checked to give back both texts.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests', 'package.json'));
const { diffWords } = require('diff');
const DiffMatchPatch = require('diff-match-patch');

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 5);
const BUDGET = Number(arg('--budget-ms') ?? 60000);
const PKG = arg('--pkg') ?? process.env.AMEND_PKG;
const ONLY = arg('--only')?.split(',');

const dir = join(root, 'target', 'bench-inputs');
const read = (f) => {
  try {
    return readFileSync(join(dir, f), 'utf8');
  } catch {
    console.error(`${join(dir, f)} is missing: run \`cargo run --release --example bench_inputs\` first`);
    process.exit(2);
  }
};

// (name, old file, new file)
const INPUTS = [
  ['10 edits', 'old.txt', 'new-10.txt'],
  ['200 edits', 'old.txt', 'new-200.txt'],
  ['2,000 edits', 'old.txt', 'new-2000.txt'],
  ['identical', 'old.txt', 'new-identical.txt'],
  ['structural', 'old.txt', 'new-structural.txt'],
  ['rewritten 10 %', 'old.txt', 'new-rewritten.txt'],
  ['two 5 MB texts', 'long-old.txt', 'long-new.txt'],
].filter(([name]) => !ONLY || ONLY.some((o) => name.startsWith(o)));

// Median time of RUNS runs of f(), after warming up (one run, or as many as
// fit in 300 ms, so that the engine has compiled the code it runs often with
// its optimising compiler); null when one run alone takes longer than the
// budget (f then receives the time left).
function time(f) {
  let t0 = performance.now();
  const first = f(BUDGET);
  let warm = performance.now() - t0;
  if (first === undefined || warm > BUDGET) return null;
  const start = t0;
  while (performance.now() - start < 300) {
    t0 = performance.now();
    f(BUDGET);
    warm = Math.min(warm, performance.now() - t0);
  }
  const runs = warm * RUNS > BUDGET ? Math.max(1, Math.floor(BUDGET / warm)) : RUNS;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f(BUDGET);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function amend() {
  const { compareTexts } = require(join(resolve(PKG), 'amend.js'));
  return (a, b) => {
    const chunks = compareTexts(a, b);
    const side = (skip) => chunks.filter((c) => c.tag !== skip).map((c) => c.text).join('');
    if (side('insert') !== a || side('delete') !== b) throw new Error('compareTexts lost text');
    return () => compareTexts(a, b);
  };
}
const jsdiff = (a, b) => (budget) => diffWords(a, b, { timeout: budget });
// "no timeout" stops at the budget all the same, and then counts as over it
const dmp = (timeout) => (a, b) => (budget) => {
  const d = new DiffMatchPatch();
  d.Diff_Timeout = timeout || budget / 1000;
  const t0 = performance.now();
  const diffs = d.diff_main(a, b);
  d.diff_cleanupSemantic(diffs);
  return timeout || performance.now() - t0 < budget ? diffs : undefined;
};

const libs = [
  ...(PKG ? [['amend compareTexts (wasm)', amend()]] : []),
  ['jsdiff diffWords', jsdiff],
  ['dmp + cleanupSemantic (timeout 1 s)', dmp(1.0)],
  ['dmp + cleanupSemantic (no timeout)', dmp(0)],
];

const fmt = (ms) => (ms === null ? `> ${BUDGET / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);

console.log(`node ${process.version}, median of ${RUNS} runs${PKG ? `, amend from ${PKG}` : ''}\n`);
const header = ['library', ...INPUTS.map(([name]) => name)];
const rows = [];
const texts = INPUTS.map(([, a, b]) => [read(a), read(b)]);
for (const [name, make] of libs) {
  const row = [name];
  for (const [a, b] of texts) row.push(fmt(time(make(a, b))));
  rows.push(row);
  console.error(`${name} done`);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
