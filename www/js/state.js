// The app's shared state: the open case (in the engine), what the views
// derive from it, the user's choices, undo/redo and saving to localStorage.
// Views read `state` and call the functions here; `subscribe` tells them to
// render again.

import * as engine from './wasm.js';
import { lang, setLang, t } from './i18n.js';

const CASE_KEY = 'amend.case';
const UI_KEY = 'amend.ui';
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

// ---- saving ----

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

let pending = null;

/** Saves soon (after the screen is updated); see save(). */
export function scheduleSave() {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    save();
  }, 0);
}

/** Saves now if a save is pending (the page is being left). */
export function flushSave() {
  if (!pending) return;
  clearTimeout(pending);
  pending = null;
  save();
}

/** Saves the case and the view state; reports a failure visibly. */
export function save() {
  const store = storage();
  if (!store) {
    state.storageError = { text: t('status.storageUnavailable'), details: null };
    state.savedAt = null;
    emit('status');
    return false;
  }
  try {
    store.setItem(CASE_KEY, engine.caseJson());
    store.setItem(UI_KEY, JSON.stringify(uiState()));
    state.savedAt = timeNow();
    state.storageError = null;
    emit('saved');
    return true;
  } catch (e) {
    const text = isQuotaError(e) ? t('status.storageFull') : t('status.storageUnavailable');
    state.storageError = { text, details: String(e?.message ?? e) };
    state.savedAt = null;
    emit('status');
    return false;
  }
}

function uiState() {
  return { shown: state.shown, focus: state.focus, mode: state.mode, view: state.view, lang: lang(), savedAt: new Date().toISOString() };
}

/** Saves only the view state (shown set, mode, language), quietly. */
export function saveUi() {
  try {
    storage()?.setItem(UI_KEY, JSON.stringify(uiState()));
  } catch {
    /* the case itself is saved by save(), which reports */
  }
}

/** The saved case and view state, if any. */
export function restore() {
  const store = storage();
  if (!store) return null;
  try {
    const json = store.getItem(CASE_KEY);
    if (!json) return null;
    const ui = JSON.parse(store.getItem(UI_KEY) || '{}');
    return { json, ui };
  } catch {
    return null;
  }
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
  state.focus = ui.focus ?? null;
  if (ui.mode) state.mode = ui.mode;
}

/** Opens a case file's text; throws the engine's error object. */
export function openCase(json, ui = {}, { persist = true } = {}) {
  engine.open(json);
  reset(ui);
  if (persist) save();
  emit('open');
}

/** Starts a new case around a plan text; throws the engine's error object. */
export function newCase(title, text) {
  engine.fromPlan(title, text);
  reset();
  save();
  emit('open');
}

/** Starts a new case around a plan file the full module read (.docx, PDF). */
export function newCaseFromRead(title, read) {
  engine.fromRead(title, read);
  reset();
  save();
  emit('open');
}

export function setLanguage(code) {
  setLang(code);
  if (engine.isReady()) state.labels = engine.call((w) => w.labels(lang()));
  state.vote = null;
  saveUi();
  emit('lang');
}

// ---- editing, with undo ----

/** The parts of the case the app edits. */
const PARTS = ['title', 'meeting', 'members', 'base', 'amendments', 'procedure'];

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
 * the undo history.
 */
export function commit(what, mutate) {
  const before = parts();
  const draft = parts();
  const result = mutate(draft);
  const { was, now } = changes(before, draft);
  if (Object.keys(now).length === 0) return result;
  engine.setParts(structuredClone(now));
  state.undo.push({ what, before: was, after: now });
  if (state.undo.length > UNDO_LIMIT) state.undo.shift();
  state.redo = [];
  derive();
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

export function setShown(ids) {
  state.shown = state.case.amendments.filter((a) => ids.includes(a.id)).map((a) => a.id);
  saveUi();
  emit('shown');
}

export function toggleShown(id, on) {
  const set = new Set(state.shown);
  if (on) set.add(id);
  else set.delete(id);
  if (on) state.focus = id;
  setShown([...set]);
}

export function setFocus(id) {
  state.focus = id;
  saveUi();
  emit('shown');
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
