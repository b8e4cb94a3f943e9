// The engine: the wasm module and the open case in it. Every call goes
// through `call`, which turns a crash of the module (a trap) into an error
// the user is shown, starts a fresh module and reopens the case as it was
// after the last successful change, so that no work is lost. Structured
// values cross as JavaScript values; the case file is JSON text.

let generation = 0;
let compiled = null; // the compiled module, kept for restarts
let mod = null; // the JS glue of the current instance
let ws = null; // the Workspace
let reopen = null; // makes the workspace the case was opened as
let applied = null; // the parts set on it since, merged
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
    if (reopen) {
      ws = reopen();
      if (applied) ws.setParts(applied);
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
}

/** Opens a case file (JSON text); throws the engine's error object. */
export function open(caseJson) {
  replace(() => new mod.Workspace(caseJson));
}

/** Starts a case around a plan text. */
export function fromPlan(title, text) {
  replace(() => mod.Workspace.fromPlan(title, text));
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
 * Replaces any of title, meeting, members, base, amendments, procedure
 * (an object of those that changed; it becomes the engine's, do not reuse it).
 */
export function setParts(parts) {
  call((w) => w.setParts(defined(parts)));
  applied = { ...applied, ...parts };
}

/** The case without its plan, as an object. */
export function parts() {
  return call((w) => w.parts());
}

/** The case file (JSON text), for saving and exporting. */
export function caseJson() {
  return call((w) => w.caseJson());
}

/** Crashes the module on purpose (to try the recovery). */
export function trap() {
  return call((w) => w.trap());
}

export function isReady() {
  return ws !== null;
}
