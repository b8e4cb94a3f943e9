// The engine: the wasm module and the open case in it. Every call goes
// through `call`, which turns a crash of the module (a trap) into an error
// the user is shown, starts a fresh module and reopens the case as it was
// after the last successful change, so that no work is lost. Structured
// values cross as JavaScript values; the case file is JSON text.

// Two builds of the one engine: the main module opens the app; the full one
// (amend_full) adds the Markdown, .docx and PDF readers and the .docx writer
// and is fetched only when one of those is needed (see `useFull`). Both have
// the same Workspace; the full one can stand in for the main one.
import { restoreFields, unknownFields as findUnknown } from './fields.js';

const MODULES = {
  main: { glue: '../pkg/amend.js', wasm: '../pkg/amend_bg.wasm' },
  full: { glue: '../pkg/amend_full.js', wasm: '../pkg/amend_full_bg.wasm' },
};

let generation = 0;
let kind = 'main'; // which module runs the workspace
const compiled = {}; // the compiled modules, kept for restarts
let mod = null; // the JS glue of the current instance
let ws = null; // the Workspace
let reopen = null; // makes the workspace the case was opened as
let applied = null; // the parts set on it since, merged
let plan = null; // the plan text set on it since (a correction), for restarts
let onCrash = () => {};
let kept = []; // the fields of the opened case file the engine does not know (fields.js)

async function compile(which) {
  if (!compiled[which]) {
    const url = new URL(MODULES[which].wasm, import.meta.url);
    try {
      compiled[which] = await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // a server that does not say application/wasm
      const res = await fetch(url);
      if (!res.ok) throw { code: 'module_missing', message: `${url}: ${res.status} ${res.statusText}` };
      compiled[which] = await WebAssembly.compile(await res.arrayBuffer());
    }
  }
  return compiled[which];
}

async function instantiate(which = kind) {
  generation += 1;
  // a fresh copy of the glue has its own instance; the first one is cached
  const base = MODULES[which].glue;
  const glue = await import(generation === 1 ? base : `${base}?restart=${generation}`);
  await glue.default({ module_or_path: await compile(which) });
  mod = glue;
  kind = which;
}

let toFull = null; // the move to the full module, while it is under way

async function moveToFull() {
  await instantiate('full');
  // the case as it is now (read after the await: a change made meanwhile
  // went to the old workspace), into a workspace of the full module
  if (ws) {
    const json = ws.caseJson();
    ws.free();
    ws = new mod.Workspace(json);
    reopen = () => new mod.Workspace(json);
    applied = null;
    plan = null;
  }
}

/**
 * Makes the full module run the workspace (fetching it the first time): the
 * open case moves over as it is. Resolves at once when it already does;
 * callers that ask while the move is under way share it.
 */
export function useFull() {
  if (toFull) return toFull;
  if (kind === 'full') return Promise.resolve();
  toFull = moveToFull().finally(() => {
    toFull = null;
  });
  return toFull;
}

/** Whether the full module runs the workspace. */
export function isFull() {
  return kind === 'full' && !toFull;
}

/** The full module's glue, for its file readers (after `useFull`). */
export function full() {
  if (kind !== 'full') throw new Error('the full module is not loaded');
  return mod;
}

export async function start(crashHandler) {
  onCrash = crashHandler;
  await instantiate();
}

function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || (e instanceof Error && /unreachable|recursive use of an object|null pointer passed to rust/i.test(e.message));
}

async function recover(e) {
  try {
    ws = null;
    await instantiate();
    if (reopen) {
      ws = reopen();
      if (applied) ws.setParts(applied);
      if (plan) ws.setPlanText(plan);
    }
  } finally {
    onCrash(e);
  }
}

/** Time spent in the engine (ms) and number of calls, for measuring. */
export const stats = { ms: 0, calls: 0 };

/** Runs `fn(ws)`; a trap restarts the module and rethrows as {code: 'crash'}. */
export function call(fn) {
  const t0 = performance.now();
  try {
    return fn(ws);
  } catch (e) {
    if (isTrap(e)) {
      recover(e);
      throw { code: 'crash', message: String(e?.message ?? e) };
    }
    throw e;
  } finally {
    stats.ms += performance.now() - t0;
    stats.calls += 1;
  }
}

function replace(make) {
  const next = make();
  ws?.free();
  ws = next;
  reopen = make;
  applied = null;
  plan = null;
}

/** Opens a case file (JSON text); throws the engine's error object. */
export function open(caseJson) {
  replace(() => new mod.Workspace(caseJson));
  kept = findUnknown(JSON.parse(caseJson), mod.caseShape(), (name, known) => mod.nearestField(name, known));
}

/** Starts a case around a plan text. */
export function fromPlan(title, text) {
  replace(() => mod.Workspace.fromPlan(title, text));
  kept = [];
}

/** Starts a case around a plan file read by the full module (`readDocx`, `readPdfPages`). */
export function fromRead(title, read) {
  replace(() => mod.Workspace.fromRead(title, read.text, read.format, read.docx ?? undefined, read.marks ?? undefined));
  kept = [];
}

/** The fields of the open case file that amend does not know, kept as they are: [{path, didYouMean}]. */
export function unknownFields() {
  return kept.map(({ path, didYouMean }) => ({ path, didYouMean }));
}

/** The plan as a .docx file (bytes), adopted or tracked; needs the full module. */
export function docx(adopted, tracked) {
  return call((w) => w.docx(adopted, tracked));
}

/** The minutes as a Word document (bytes) in `lang`; needs the full module. */
export function minutesDocx(lang) {
  return call((w) => w.minutesDocx(lang));
}

/** Leaves out properties whose value is undefined (a missing value to the engine). */
function defined(v) {
  if (Array.isArray(v)) {
    v.forEach(defined);
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (v[k] === undefined) delete v[k];
      else defined(v[k]);
    }
  }
  return v;
}

/**
 * Replaces any of title, meeting, members, base, amendments, procedure,
 * minutes_edits, style
 * (an object of those that changed; it becomes the engine's, do not reuse it).
 */
export function setParts(parts) {
  call((w) => w.setParts(defined(parts)));
  applied = { ...applied, ...parts };
}

/**
 * Corrects the plan (see the engine's editPlan); returns how the amendments
 * locate in the corrected plan. The correction outlives a restart.
 */
export function editPlan(edit) {
  const relocated = call((w) => w.editPlan(edit));
  plan = call((w) => w.planText());
  return relocated;
}

/** The plan's text: {format, text}. */
export function planText() {
  return call((w) => w.planText());
}

/** Puts back a plan text from planText(); returns how the amendments locate. */
export function setPlanText(text) {
  const relocated = call((w) => w.setPlanText(text));
  plan = text;
  return relocated;
}

/** The case without its plan, as an object. */
export function parts() {
  return call((w) => w.parts());
}

/** The case file (JSON text), for saving and exporting, with the fields amend does not know. */
export function caseJson() {
  return restoreFields(call((w) => w.caseJson()), kept);
}

/** A pasted list of members: [{name, party, substitute}]; throws the engine's error naming a line it cannot read. */
export function parseMembers(text) {
  return call(() => mod.parseMembers(text));
}

/** `members` with the listed ones not among them yet: {members, added}. */
export function addMembers(members, listed) {
  return call(() => mod.addMembers(members, listed));
}

/** The operations a proposal's Swedish wording asks for: {ops} or {unread: {part, why}}. */
export function readWording(wording) {
  return call(() => mod.readWording(wording));
}

/** Crashes the module on purpose (to try the recovery). */
export function trap() {
  return call((w) => w.trap());
}

export function isReady() {
  return ws !== null;
}
