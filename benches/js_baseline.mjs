// Times two JavaScript diff libraries on the inputs of the Rust `diff`
// benchmark, for comparison with `amend::diff::compare`:
//
//   * jsdiff's `diffWords`;
//   * diff-match-patch's `diff_main` followed by `diff_cleanupSemantic`, with
//     its default `Diff_Timeout` of 1 s and with the timeout off (0).
//
// The inputs are written by the Rust side, so both time the very same texts:
//
//   cargo run --release --example bench_inputs   # writes target/bench-inputs/
//   node benches/js_baseline.mjs [--runs N] [--budget-ms MS]
//
// Every figure is the median of N runs (default 5) after one warm-up run; a
// library that takes longer than the budget (default 60 000 ms) on one
// input is stopped there and reported as "> budget".

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests', 'package.json'));
const { diffWords } = require('diff');
const DiffMatchPatch = require('diff-match-patch');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('--runs', 5);
const BUDGET = opt('--budget-ms', 60000);

const dir = join(root, 'target', 'bench-inputs');
const read = (f) => {
  try {
    return readFileSync(join(dir, f), 'utf8');
  } catch {
    console.error(`${join(dir, f)} is missing: run \`cargo run --release --example bench_inputs\` first`);
    process.exit(2);
  }
};
const old = read('old.txt');
const EDITS = [10, 200, 2000];

// Median time of RUNS runs of f(), after a warm-up run; null when one run
// alone takes longer than the budget (f then receives the time left).
function time(f) {
  const t0 = performance.now();
  const first = f(BUDGET);
  const warm = performance.now() - t0;
  if (first === undefined || warm > BUDGET) return null;
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

const jsdiff = (a, b) => (budget) => diffWords(a, b, { timeout: budget });
const dmp = (timeout) => (a, b) => () => {
  const d = new DiffMatchPatch();
  d.Diff_Timeout = timeout;
  const diffs = d.diff_main(a, b);
  d.diff_cleanupSemantic(diffs);
  return diffs;
};

const libs = [
  ['jsdiff diffWords', jsdiff],
  ['dmp + cleanupSemantic (timeout 1 s)', dmp(1.0)],
  ['dmp + cleanupSemantic (no timeout)', dmp(0)],
];

const fmt = (ms) => (ms === null ? `> ${BUDGET / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

console.log(`node ${process.version}, ${old.length} characters, median of ${RUNS} runs\n`);
const header = ['library', ...EDITS.map((n) => `${n} edits`)];
const rows = [];
for (const [name, make] of libs) {
  const row = [name];
  for (const n of EDITS) {
    const b = read(`new-${n}.txt`);
    row.push(fmt(time(make(old, b))));
  }
  rows.push(row);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
