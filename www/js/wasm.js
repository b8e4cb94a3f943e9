// The engine: the wasm module and the open case in it. Every call goes
// through `call`, which turns a crash of the module (a trap) into an error
// the user is shown, starts a fresh module and reopens the last good case, so
// that no work is lost. Structured values cross as JSON text.

let generation = 0;
let compiled = null; // the compiled module, kept for restarts
let mod = null; // the JS glue of the current instance
let ws = null; // the Workspace
let lastGood = null; // the case JSON the workspace was last in
let onCrash = () => {};

async function instantiate() {
  generation += 1;
  // a fresh copy of the glue has its own instance; the first one is cached
  const url = generation === 1 ? '../pkg/amend.js' : `../pkg/amend.js?restart=${generation}`;
  const glue = await import(url);
  if (!compiled) {
    const url = new URL('../pkg/amend_bg.wasm', import.meta.url);
    try {
      compiled = await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // a server that does not say application/wasm
      compiled = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
    }
  }
  await glue.default({ module_or_path: compiled });
  mod = glue;
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
    if (lastGood) ws = new mod.Workspace(lastGood);
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

/** Runs `fn(ws)` and parses the JSON it returns (parsing counts as engine time). */
export function json(fn) {
  const text = call(fn);
  const t0 = performance.now();
  const value = JSON.parse(text);
  stats.ms += performance.now() - t0;
  return value;
}

/** Opens a case file (JSON text); throws the engine's error object. */
export function open(caseJson) {
  const next = new mod.Workspace(caseJson);
  ws?.free();
  ws = next;
  lastGood = ws.caseJson();
  return lastGood;
}

/** Starts a case around a plan text. */
export function fromPlan(title, text) {
  const next = mod.Workspace.fromPlan(title, text);
  ws?.free();
  ws = next;
  lastGood = ws.caseJson();
  return lastGood;
}

/** Replaces title, members, amendments …; returns the new case JSON. */
export function setParts(parts) {
  call((w) => w.setParts(JSON.stringify(parts)));
  lastGood = call((w) => w.caseJson());
  return lastGood;
}

export function caseJson() {
  return lastGood;
}

/** Crashes the module on purpose (to try the recovery). */
export function trap() {
  return call((w) => w.trap());
}

export function isReady() {
  return ws !== null;
}
