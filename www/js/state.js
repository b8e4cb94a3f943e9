// The app's shared state: the open case (in the engine), what the views
// derive from it, the user's choices, undo/redo, and keeping cases in the
// browser (store.js) in step with other tabs.
// Views read `state` and call the functions here; `subscribe` tells them to
// render again.

import * as engine from './wasm.js';
import { errorText, lang, setLang, t } from './i18n.js';
import * as store from './store.js';

const OLD_CASE_KEY = 'amend.case';
const UI_KEY = 'amend.ui';
const UNSAVED_KEY = 'amend.unsaved';
const UNDO_LIMIT = 200;

export const state = {
  /** The case without its plan: {format, title, meeting, members, base, amendments, procedure}. */
  case: null,
  /** The plan's blocks: {id, type, level, text, page, parent}. */
  blocks: [],
  pages: 1,
  /** Labels by amendment id: {short, long, party}. */
  labels: {},
  /** Located amendments, failures, conflicts and groups (engine's check). */
  check: { located: [], failed: [], warnings: [], conflicts: [], groups: [] },
  /** The recorded vote, worked out when a view asks for it (see vote()). */
  vote: null,
  /** Ids of the amendments shown as changes (and exported), tabled order. */
  shown: [],
  /** The amendment that wins when shown amendments change the same words. */
  focus: null,
  /**
   * Shown amendments the user chose to see in the text together with the
   * ones they conflict with (see inText()); by default a conflicting one
   * gives way, so that the text is one a vote could produce.
   */
  together: [],
  /** 'original' | 'changes' | 'clean' */
  mode: 'changes',
  /** The current view's id (see views/index.js). */
  view: 'plan',
  /** The current selection in the plan, as the engine quoted it. */
  selection: null,
  undo: [],
  redo: [],
  /** How the amendments located after the last correction of the plan (or its undoing): {failed, found}. */
  relocated: null,
  /** {text, kind: 'info' | 'error', details?} */
  status: null,
  /** Why the case could not be saved, until it can: {text, details}. */
  storageError: null,
  savedAt: null,
};

const listeners = new Set();

/** Calls `fn(reason)` after every change; returns an unsubscribe function. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function emit(reason = 'change') {
  for (const fn of listeners) fn(reason);
}

export function setStatus(text, kind = 'info', details = null) {
  state.status = { text, kind, details, at: Date.now() };
  emit('status');
}

function timeNow() {
  return new Date().toLocaleTimeString(lang() === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

// ---- deriving ----

function derive() {
  state.case = engine.parts();
  state.labels = engine.call((w) => w.labels(lang()));
  state.check = engine.call((w) => w.check());
  state.vote = null;
  const ids = new Set(state.case.amendments.map((a) => a.id));
  state.shown = state.case.amendments.filter((a) => state.shown.includes(a.id)).map((a) => a.id);
  if (state.focus && !ids.has(state.focus)) state.focus = null;
}

function deriveDocument() {
  state.blocks = engine.call((w) => w.blocks());
  state.pages = engine.call((w) => w.pages());
}

/**
 * The recorded vote: {decision, problem, minutes} (see the engine's vote),
 * worked out once per change of the case or the language.
 */
export function vote() {
  if (!state.vote) {
    try {
      state.vote = engine.call((w) => w.vote(lang()));
    } catch (e) {
      state.vote = { decision: null, problem: { code: e?.code ?? 'invalid', message: String(e?.message ?? e), proposition: null, reservation: null }, minutes: null };
    }
  }
  return state.vote;
}

/** Amendment ids in the order the overlay gives way: focus first. */
export function priority() {
  const rest = state.shown.filter((id) => id !== state.focus);
  return state.focus && state.shown.includes(state.focus) ? [state.focus, ...rest] : rest;
}

let partnersMemo = { check: null, map: new Map() };

/** Each amendment's conflicting partners (identical ones are not a conflict), from the check. */
export function conflictPartners() {
  if (partnersMemo.check !== state.check) {
    const map = new Map();
    for (const c of state.check.conflicts) {
      const [a, b] = [c.a.amendment, c.b.amendment];
      if (a === b) continue;
      for (const [x, y] of [[a, b], [b, a]]) {
        if (!map.has(x)) map.set(x, { conflicts: new Set(), identical: new Set() });
        map.get(x)[c.kind === 'identical' ? 'identical' : 'conflicts'].add(y);
      }
    }
    // two proposals identical in one operation and conflicting in another conflict
    for (const v of map.values()) for (const y of v.identical) v.conflicts.delete(y);
    partnersMemo = { check: state.check, map };
  }
  return partnersMemo.map;
}

/** Whether the amendments `a` and `b` conflict (identical ones do not). */
export function conflicting(a, b) {
  return conflictPartners().get(a)?.conflicts.has(b) ?? false;
}

/**
 * Amendments no vote can adopt any more: withdrawn ones, and those that fell
 * in the vote recorded (because another was adopted). Map id → {state:
 * 'withdrawn' | 'fallen', because}. They are left out of the text.
 */
export function outOfPlay() {
  const out = new Map();
  if (!state.case) return out;
  for (const a of state.case.amendments) if (a.withdrawn) out.set(a.id, { state: 'withdrawn' });
  if (state.case.procedure?.propositions?.length) {
    for (const s of vote().decision?.statuses ?? []) {
      if (s.status === 'fallen' && !out.has(s.id)) out.set(s.id, { state: 'fallen', because: s.because ?? null });
    }
  }
  return out;
}

/**
 * What the text shows of the shown amendments: in priority order, one that
 * conflicts with one already taken gives way (`hidden`: id → the one it
 * conflicts with), unless the user chose to show it together with it
 * (state.together); withdrawn and fallen ones are left out (outOfPlay).
 * Returns {ids, hidden}; `ids` goes to the overlay.
 */
export function inText() {
  const ids = [];
  const hidden = new Map();
  const together = new Set(state.together);
  const out = outOfPlay();
  for (const id of priority()) {
    if (out.has(id)) continue;
    // one the user chose to show together gives way to none, and none to it
    const against = together.has(id) ? null : ids.find((x) => !together.has(x) && conflicting(id, x));
    if (against) hidden.set(id, against);
    else ids.push(id);
  }
  return { ids, hidden };
}

// ---- saving ----
//
// Every case the user opens or starts is kept in the browser (store.js,
// IndexedDB) under an id, with a revision number that goes up with every
// save. `state.rev` is the revision the open case was read or last saved
// as; a save made from another revision than the stored one is refused and
// the user chooses (see `state.conflict`). The view state of each case (the
// proposals shown, the mode, the view), the language and the case last used
// are kept in localStorage (UI_KEY).

/** The case's id in the store (null: not kept yet), its revision, and a refused save's newer revision. */
Object.assign(state, { caseId: null, rev: 0, conflict: null });

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isQuotaError(e) {
  return e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
}

let edits = 0; // changes made to the case in this tab
let savedEdits = 0; // … of which saved
let pending = null; // a save scheduled
let saving = null; // the save under way (a promise)
let again = false; // a save was asked for while one was under way
let generation = 0; // cases opened in this tab; a save of one opened before does not touch the state

/** Whether the case has changes not yet saved. */
export function unsaved() {
  return edits !== savedEdits;
}

function readUi() {
  try {
    const ui = JSON.parse(storage()?.getItem(UI_KEY) || '{}');
    return ui && typeof ui === 'object' ? ui : {};
  } catch {
    return {};
  }
}

function writeUi(mutate) {
  try {
    const ui = readUi();
    mutate(ui);
    storage()?.setItem(UI_KEY, JSON.stringify(ui));
  } catch {
    /* the case itself is saved by save(), which reports */
  }
}

function caseUi() {
  return { shown: state.shown, together: state.together, focus: state.focus, mode: state.mode, view: state.view };
}

/** Saves the view state of the open case, the language and which case is open, quietly. */
export function saveUi() {
  writeUi((ui) => {
    ui.lang = lang();
    if (!state.caseId) return;
    ui.current = state.caseId;
    ui.cases = { ...(ui.cases ?? {}), [state.caseId]: caseUi() };
  });
}

/** Saves soon (after the screen is updated); see save(). */
export function scheduleSave() {
  edits += 1;
  if (pending) return;
  const run = () => {
    if (!pending) return;
    clearTimeout(pending);
    pending = null;
    save();
  };
  // after the frame that shows the change; at the latest in 200 ms (a
  // hidden tab gets no frames)
  pending = setTimeout(run, 200);
  requestAnimationFrame(() => setTimeout(run, 0));
}

/** Saves now if a save is pending (the page is being left), and keeps what is not saved yet in this tab's session storage. */
export function flushSave() {
  if (pending) {
    clearTimeout(pending);
    pending = null;
    save();
  }
  if (unsaved() && state.caseId && !state.conflict) {
    try {
      window.sessionStorage.setItem(UNSAVED_KEY, JSON.stringify({ id: state.caseId, rev: state.rev, json: engine.caseJson() }));
    } catch { /* the save under way may still finish */ }
  }
}

function storageFailed(e) {
  const text = isQuotaError(e) ? t('status.storageFull') : t('status.storageUnavailable');
  state.storageError = { text, details: e ? String(e?.message ?? e) : null };
  state.savedAt = null;
  emit('status');
}

/**
 * Saves the case (and the view state) if it has changes: resolves true when
 * it is saved. A save refused because another tab saved in between sets
 * `state.conflict`; a failure is reported visibly.
 */
export function save() {
  if (saving) {
    again = true;
    return saving;
  }
  saving = saveNow().finally(() => {
    saving = null;
    if (again) {
      again = false;
      save();
    }
  });
  return saving;
}

async function saveNow() {
  if (state.conflict) return false;
  if (!state.caseId) return keep();
  if (!unsaved()) return true;
  const seq = edits;
  const gen = generation;
  const json = engine.caseJson();
  try {
    const r = await store.save(state.caseId, state.case.title, json, state.rev);
    if (gen !== generation) return true;
    if (r.conflict) {
      state.conflict = { rev: r.conflict.rev, changed: r.conflict.changed };
      state.savedAt = null;
      emit('status');
      return false;
    }
    state.rev = r.saved.rev;
    savedEdits = seq;
    state.savedAt = timeNow();
    state.storageError = null;
    saveUi();
    if (r.recreated) setStatus(t('sync.recreated'));
    emit('saved');
    return true;
  } catch (e) {
    if (gen === generation) storageFailed(e);
    return false;
  }
}

/** Keeps the open case as a new one in the store. */
async function keep() {
  const seq = edits;
  const gen = generation;
  const json = engine.caseJson();
  try {
    const meta = await store.create(state.case.title, json);
    if (gen !== generation) return true;
    state.caseId = meta.id;
    state.rev = meta.rev;
    savedEdits = seq;
    state.savedAt = timeNow();
    state.storageError = null;
    saveUi();
    emit('saved');
    if (unsaved()) save();
    return true;
  } catch (e) {
    if (gen === generation) storageFailed(e);
    return false;
  }
}

/**
 * The case to open at start: the last one used (or the last changed) as
 * {id, rev, json, ui, changed}, or null. The one case an earlier version
 * kept in localStorage is moved into the store the first time.
 */
export async function restore() {
  const ui = readUi();
  try {
    await store.openStore();
    let cases = await store.list();
    if (cases.length === 0) cases = await migrate(ui);
    const pick = cases.find((c) => c.id === ui.current) ?? cases[0];
    if (!pick) return null;
    const rec = await store.get(pick.id);
    if (!rec) return null;
    const kept = takeUnsaved(rec);
    return { id: rec.meta.id, rev: rec.meta.rev, json: kept ?? rec.json, unsaved: Boolean(kept), ui: ui.cases?.[rec.meta.id] ?? {}, changed: rec.meta.changed };
  } catch (e) {
    storageFailed(e);
    return null;
  }
}

/** A change this tab had not saved when it was left (see flushSave), if it still applies to the stored revision. */
function takeUnsaved(rec) {
  try {
    const raw = window.sessionStorage.getItem(UNSAVED_KEY);
    if (!raw) return null;
    window.sessionStorage.removeItem(UNSAVED_KEY);
    const u = JSON.parse(raw);
    return u.id === rec.meta.id && u.rev === rec.meta.rev && u.json !== rec.json ? u.json : null;
  } catch {
    return null;
  }
}

async function migrate(ui) {
  const store0 = storage();
  const json = store0?.getItem(OLD_CASE_KEY);
  if (!json) return [];
  let title = '';
  try {
    title = JSON.parse(json).title ?? '';
  } catch {
    return [];
  }
  const meta = await store.create(title, json);
  const old = { shown: ui.shown, focus: ui.focus, mode: ui.mode, view: ui.view };
  writeUi((u) => {
    for (const k of ['shown', 'focus', 'mode', 'view', 'savedAt']) delete u[k];
    u.current = meta.id;
    u.cases = { ...(u.cases ?? {}), [meta.id]: old };
  });
  store0.removeItem(OLD_CASE_KEY);
  return [meta];
}

// ---- opening ----

function reset(ui = {}) {
  state.undo = [];
  state.redo = [];
  state.relocated = null;
  state.selection = null;
  deriveDocument();
  state.shown = [];
  derive();
  const ids = state.case.amendments.filter((a) => !a.withdrawn).map((a) => a.id);
  state.shown = Array.isArray(ui.shown) ? ids.filter((id) => ui.shown.includes(id)) : ids;
  state.together = Array.isArray(ui.together) ? ui.together.filter((id) => ids.includes(id)) : [];
  state.focus = ui.focus ?? null;
  if (ui.mode) state.mode = ui.mode;
}

/**
 * Opens a case file's text (throws the engine's error object at once). With
 * `id` it is the kept case of that id and revision; without, it is kept as a
 * new case beside the others. Resolves once it is kept.
 */
export function openCase(json, ui = {}, { id = null, rev = 0 } = {}) {
  engine.open(json);
  return opened(ui, id, rev);
}

/** Starts a new case around a plan text; throws the engine's error object. */
export function newCase(title, text) {
  engine.fromPlan(title, text);
  return opened({}, null, 0);
}

/** Starts a new case around a plan file the full module read (.docx, PDF). */
export function newCaseFromRead(title, read) {
  engine.fromRead(title, read);
  return opened({}, null, 0);
}

function opened(ui, id, rev) {
  if (pending) {
    clearTimeout(pending);
    pending = null;
  }
  generation += 1;
  reset(ui);
  state.caseId = id;
  state.rev = rev;
  state.conflict = null;
  edits = 0;
  savedEdits = 0;
  emit('open');
  if (id) {
    saveUi();
    return Promise.resolve(true);
  }
  return save();
}

/** Opens a kept case by its id; resolves false when it is no longer kept. */
export async function openKept(id) {
  await save();
  const rec = await store.get(id);
  if (!rec) return false;
  const ui = readUi().cases?.[id] ?? {};
  await withFull(() => openCase(rec.json, ui, { id, rev: rec.meta.rev }));
  state.savedAt = timeOf(rec.meta.changed);
  emit('saved');
  return true;
}

/** Runs `fn`; when the main module does not read the case's plan, again in the full module. */
async function withFull(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e?.code !== 'format_not_built') throw e;
  }
  await engine.useFull();
  return fn();
}

function timeOf(iso) {
  return iso ? new Date(iso).toLocaleString(lang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '';
}

// ---- other tabs ----

/**
 * Another tab saved the open case: with no change of its own here, this tab
 * takes the newer case in, keeping the view; with one, its save is refused
 * and the user chooses (state.conflict).
 */
async function heard(msg) {
  if (msg.type === 'list') {
    emit('cases');
    return;
  }
  if (msg.id !== state.caseId) return;
  if (msg.type === 'deleted') {
    state.rev = 0;
    setStatus(t('sync.deleted'));
    return;
  }
  if (msg.type !== 'saved' || msg.rev <= state.rev) return;
  if (state.conflict) {
    state.conflict = { ...state.conflict, rev: msg.rev };
    emit('status');
    return;
  }
  if (unsaved() || saving || pending || taking) return; // the save finds the newer revision
  taking = true;
  try {
    await takeIn(false);
  } finally {
    taking = false;
  }
}

let taking = false; // a newer case being read in (both ways of hearing may bring the same save)

/** Reads the stored case in again, keeping the view; `theirs`: after a conflict, dropping this tab's changes. */
async function takeIn(theirs) {
  const id = state.caseId;
  const rec = await store.get(id);
  if (!rec || id !== state.caseId) return;
  if (!theirs && (rec.meta.rev <= state.rev || unsaved() || saving)) return;
  const known = new Set(state.case.amendments.map((a) => a.id));
  const fresh = [];
  const scroll = window.scrollY;
  await withFull(() => engine.open(rec.json));
  for (const a of engine.parts().amendments) if (!known.has(a.id) && !a.withdrawn) fresh.push(a.id);
  generation += 1;
  reset({ shown: [...state.shown, ...fresh], together: state.together, focus: state.focus, mode: state.mode });
  state.rev = rec.meta.rev;
  state.conflict = null;
  edits = 0;
  savedEdits = 0;
  state.savedAt = timeOf(rec.meta.changed);
  emit('open');
  window.scrollTo({ top: scroll, behavior: 'instant' });
  saveUi();
  setStatus(t(theirs ? 'sync.tookTheirs' : 'sync.tookIn'));
}

/** After a conflict: the other tab's version replaces this tab's changes. */
export function takeTheirs() {
  return takeIn(true);
}

/** After a conflict: this tab's version is kept as a new case (a copy); the other stays as it was. */
export async function keepMineAsCopy() {
  const was = state.case.title;
  const title = t('sync.copyTitle', { title: was });
  engine.setParts({ title });
  derive();
  generation += 1;
  state.caseId = null;
  state.rev = 0;
  state.conflict = null;
  edits += 1;
  emit('open');
  const ok = await save();
  if (ok) setStatus(t('sync.keptCopy', { copy: title, title: was }));
  return ok;
}

store.listen((msg) => { heard(msg).catch((e) => setStatus(errorText(e), 'error', e?.message)); });

export function setLanguage(code) {
  setLang(code);
  if (engine.isReady()) state.labels = engine.call((w) => w.labels(lang()));
  state.vote = null;
  saveUi();
  emit('lang');
}

// ---- editing, with undo ----

/** The parts of the case the app edits. */
const PARTS = ['title', 'meeting', 'members', 'base', 'amendments', 'procedure', 'minutes_edits', 'style'];

function parts() {
  const c = state.case;
  return structuredClone(Object.fromEntries(PARTS.map((k) => [k, c[k]])));
}

/** The parts of `after` that differ from `before`, and what they were. */
function changes(before, after) {
  const was = {};
  const now = {};
  for (const k of PARTS) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      was[k] = before[k];
      now[k] = after[k];
    }
  }
  return { was, now };
}

/**
 * Changes the case: `mutate(draft)` edits a copy of {title, meeting,
 * members, base, amendments, procedure}. If the engine rejects the result
 * nothing changes and its error object is thrown. `what` names the step for
 * the undo button. Only the parts that changed go to the engine and into
 * the undo history. `then(result)`, if given, changes what is shown (with
 * setShown, toggleShown or setFocus, quiet) once the case is changed: it
 * is shown with the change, in one re-render (or alone if nothing changed).
 */
export function commit(what, mutate, then = null) {
  const before = parts();
  const draft = parts();
  const result = mutate(draft);
  const { was, now } = changes(before, draft);
  if (Object.keys(now).length === 0) {
    if (then) {
      then(result);
      emit('shown');
    }
    return result;
  }
  engine.setParts(structuredClone(now));
  state.undo.push({ what, before: was, after: now });
  if (state.undo.length > UNDO_LIMIT) state.undo.shift();
  state.redo = [];
  derive();
  then?.(result);
  emit('edit');
  scheduleSave();
  return result;
}

/**
 * Corrects the plan: `edit` goes to the engine (see its editPlan). The step
 * is undone by putting the plan's text back. Returns how the amendments
 * locate in the corrected plan ({failed, found}); throws the engine's error
 * object, and nothing changes, when the edit cannot be made.
 */
export function commitPlan(what, edit) {
  const before = engine.planText();
  const relocated = engine.editPlan(edit);
  state.undo.push({ what, plan: { before, after: engine.planText() } });
  if (state.undo.length > UNDO_LIMIT) state.undo.shift();
  state.redo = [];
  replanned(relocated);
  return relocated;
}

/**
 * Replaces the plan's text (`plan`: {format, text}, as the engine's
 * planText gives it), as a new version of the plan; undone by putting the
 * old text back. Returns how the amendments locate in the new plan.
 */
export function commitReplan(what, plan) {
  const before = engine.planText();
  const relocated = engine.setPlanText(plan);
  state.undo.push({ what, plan: { before, after: plan } });
  if (state.undo.length > UNDO_LIMIT) state.undo.shift();
  state.redo = [];
  replanned(relocated);
  return relocated;
}

/** After the plan changed: the blocks and everything derived, and how the amendments locate now. */
function replanned(relocated) {
  state.relocated = relocated;
  state.selection = null;
  deriveDocument();
  derive();
  emit('edit');
  scheduleSave();
}

function amendmentIds() {
  return new Set(state.case.amendments.map((a) => a.id));
}

/** Amendments that come back (a deletion undone) are shown again. */
function showReturning(had) {
  state.shown = state.case.amendments
    .filter((a) => state.shown.includes(a.id) || (!had.has(a.id) && !a.withdrawn))
    .map((a) => a.id);
}

export function undo() {
  const step = state.undo.pop();
  if (!step) return null;
  if (step.plan) {
    const relocated = engine.setPlanText(step.plan.before);
    state.redo.push(step);
    replanned(relocated);
    return step.what;
  }
  const had = amendmentIds();
  engine.setParts(structuredClone(step.before));
  state.redo.push(step);
  derive();
  showReturning(had);
  emit('edit');
  scheduleSave();
  return step.what;
}

export function redo() {
  const step = state.redo.pop();
  if (!step) return null;
  if (step.plan) {
    const relocated = engine.setPlanText(step.plan.after);
    state.undo.push(step);
    replanned(relocated);
    return step.what;
  }
  const had = amendmentIds();
  engine.setParts(structuredClone(step.after));
  state.undo.push(step);
  derive();
  showReturning(had);
  emit('edit');
  scheduleSave();
  return step.what;
}

// ---- choices ----

// `quiet`: the change is shown by a re-render about to come (see commit)

export function setShown(ids, together = null, quiet = false) {
  state.shown = state.case.amendments.filter((a) => ids.includes(a.id)).map((a) => a.id);
  if (together) state.together = state.shown.filter((id) => together.includes(id));
  saveUi();
  if (!quiet) emit('shown');
}

/** Shows the amendment `id` in the text together with those it conflicts with (on), or lets it give way again (off). */
export function setTogether(id, on) {
  const set = new Set(state.together);
  if (on) set.add(id);
  else set.delete(id);
  state.together = state.case.amendments.map((a) => a.id).filter((x) => set.has(x));
  if (on && !state.shown.includes(id)) state.shown = state.case.amendments.filter((a) => a.id === id || state.shown.includes(a.id)).map((a) => a.id);
  saveUi();
  emit('shown');
}

export function toggleShown(id, on, quiet = false) {
  const set = new Set(state.shown);
  if (on) set.add(id);
  else set.delete(id);
  if (on) state.focus = id;
  setShown([...set], null, quiet);
}

export function setFocus(id, quiet = false) {
  state.focus = id;
  saveUi();
  if (!quiet) emit('shown');
}

export function setMode(mode) {
  state.mode = mode;
  state.selection = null;
  saveUi();
  emit('mode');
}

export function setView(view) {
  state.view = view;
  saveUi();
  emit('view');
}

export function setSelection(sel) {
  state.selection = sel;
  emit('selection');
}

/** Re-reads everything from the engine (after it was restarted). */
export function refresh() {
  deriveDocument();
  derive();
  emit('open');
}

// ---- helpers for views ----

export function amendment(id) {
  return state.case?.amendments.find((a) => a.id === id) ?? null;
}

export function member(id) {
  return state.case?.members.find((m) => m.id === id) ?? null;
}

export function label(id) {
  const l = state.labels[id] ?? { short: id, long: id, party: '' };
  // a proposer without a party: the label names the proposer instead of being blank
  if (!/\p{L}/u.test(l.short)) {
    const a = amendment(id);
    const name = (a && member(a.proposer)?.name) || id;
    return { ...l, short: `${name} ${l.short.trim()}`.trim() };
  }
  return l;
}

/** Conflicting and identical partners of an amendment. */
export function relations(id) {
  const identical = new Set();
  const conflicts = new Set();
  for (const c of state.check.conflicts) {
    let other = null;
    if (c.a.amendment === id) other = c.b.amendment;
    else if (c.b.amendment === id) other = c.a.amendment;
    if (!other || other === id) continue;
    if (c.kind === 'identical') identical.add(other);
    else conflicts.add(other);
  }
  for (const o of identical) conflicts.delete(o);
  return { identical: [...identical], conflicts: [...conflicts] };
}

export function failure(id) {
  return state.check.failed.find((f) => f.amendment === id) ?? null;
}

export function groupOf(id) {
  return state.check.groups.findIndex((g) => g.amendments.includes(id));
}

/** The interface language chosen last, or null. */
export function savedLang() {
  return readUi().lang ?? null;
}
