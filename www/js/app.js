// The app's frame: header (views, undo/redo, case menu, language, status),
// routing between views by the URL's hash, keyboard shortcuts, and start-up
// (the saved case, or the Alingsås example).

import { h } from './dom.js';
import * as engine from './wasm.js';
import { errorText, lang, setLang, t } from './i18n.js';
import { views, viewForHash } from './views/index.js';
import { menuButton } from './menu.js';
import { modal, openDraft } from './draft.js';
import { casesDialog } from './cases.js';
import * as store from './store.js';
import * as typing from './typing.js';
import { startDraft } from './views/plan.js';
import { openPlanFile, PLAN_FILES, withFullEngine } from './files.js';
import { draftFromHash, gatherDialog, isDraft } from './drafts.js';
import { newVersionDialog } from './version.js';
import {
  commit, flushSave, keepMineAsCopy, newCase, newCaseFromRead, openCase, openKept, redo, refresh, restore, savedLang, scheduleSave,
  setLanguage, setStatus, setView, state, subscribe, takeTheirs, undo,
} from './state.js';

const EXAMPLE = 'examples/alingsas-ks-2023-217/case.json';

const header = document.getElementById('top');
const main = document.getElementById('main');
const statusEl = document.getElementById('status');
const alertEl = document.getElementById('alert');
main.setAttribute('tabindex', '-1');

let current = null; // { view, instance }

// ---- header ----

function renderHeader() {
  const title = state.case?.title ?? '';
  const canUndo = state.undo.length > 0;
  const canRedo = state.redo.length > 0;
  header.replaceChildren(
    h('a', { class: 'skip', href: '#main', on: { click: (e) => { e.preventDefault(); focusMain(); } } }, t('app.skip')),
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '§'), h('span', { class: 'name' }, t('app.name')), h('span', { class: 'tagline' }, t('app.tagline'))),
    h('h1', { class: 'case-title', lang: 'sv' }, title),
    h('nav', { class: 'views', 'aria-label': t('nav.views') },
      h('ul', {}, views.map((v) => h('li', {},
        h('a', { href: `#${v.hash}`, 'aria-current': current?.view === v ? 'page' : null }, t(v.label)))))),
    h('div', { class: 'tools' },
      h('button', {
        type: 'button', class: 'icon', disabled: !canUndo, 'aria-keyshortcuts': 'Control+Z',
        title: canUndo ? t('undo.what', { what: state.undo[state.undo.length - 1].what }) : t('undo.nothing'),
        on: { click: doUndo },
      }, h('span', { 'aria-hidden': 'true' }, '↶ '), t('undo')),
      h('button', {
        type: 'button', class: 'icon', disabled: !canRedo, 'aria-keyshortcuts': 'Control+Shift+Z',
        title: canRedo ? t('redo.what', { what: state.redo[state.redo.length - 1].what }) : t('redo.nothing'),
        on: { click: doRedo },
      }, h('span', { 'aria-hidden': 'true' }, '↷ '), t('redo')),
      menuButton({
        text: `${t('case.menu')} ▾`,
        label: t('case.menu'),
        items: () => [
          { label: t('case.list'), run: showCases },
          { label: t('case.new'), run: () => newCaseDialog() },
          { label: t('case.open'), run: () => fileInput.click() },
          { label: t('case.newVersion'), run: () => newVersionDialog() },
          { label: t('case.mine'), run: () => go('export-mine') },
          { label: t('case.example'), run: loadExample },
        ],
      }),
      h('button', {
        type: 'button', class: 'lang', lang: lang() === 'sv' ? 'en' : 'sv', title: t('lang.switch.label'),
        on: { click: () => setLanguage(lang() === 'sv' ? 'en' : 'sv') },
      }, t('lang.switch'))),
  );
}

function alertBox(a, onClose) {
  return h('div', { class: 'alert' },
    h('p', {}, h('strong', {}, `${t('status.error')}: `), a.text),
    a.details ? h('details', {}, h('summary', {}, t('error.details')), h('p', { lang: 'en' }, a.details)) : null,
    onClose ? h('button', { type: 'button', class: 'close', 'aria-label': t('draft.close'), on: { click: onClose } }, '×') : null);
}

/** Another tab saved the case while this one changed it: the user chooses which version goes on. */
function conflictBox(c) {
  const time = new Date(c.changed).toLocaleTimeString(lang() === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  const busy = (fn) => async (e) => {
    e.target.disabled = true;
    try {
      await fn();
    } catch (x) {
      setStatus(errorText(x), 'error', x?.message);
    }
    focusMain({ scroll: false });
  };
  return h('div', { class: 'alert conflict' },
    h('p', {}, h('strong', {}, `${t('sync.conflictTitle')}: `), t('sync.conflict', { time })),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'primary', on: { click: busy(keepMineAsCopy) } }, t('sync.keepCopy')),
      h('button', { type: 'button', on: { click: busy(takeTheirs) } }, t('sync.takeTheirs'))));
}

function renderStatus() {
  const s = state.status;
  const boxes = [];
  if (state.conflict) boxes.push(conflictBox(state.conflict));
  if (state.storageError) boxes.push(alertBox(state.storageError, null));
  if (s?.kind === 'error') boxes.push(alertBox(s, () => { state.status = null; renderStatus(); }));
  // an unchanged alert is left alone, so that it is not announced again
  const sig = `${lang()}|${boxes.map((b) => b.textContent).join('|')}`;
  if (alertEl.dataset.sig !== sig) {
    alertEl.replaceChildren(...boxes);
    alertEl.dataset.sig = sig;
  }
  const info = s && s.kind !== 'error' && Date.now() - s.at < 8000 ? s.text : null;
  const saved = state.conflict ? t('sync.unsaved') : state.savedAt ? t('status.saved', { time: state.savedAt }) : '';
  const text = info ?? saved;
  if (statusEl.textContent !== text) statusEl.textContent = text;
  statusEl.classList.toggle('unsaved', !state.savedAt);
}

// ---- views ----

function go(hash) {
  if (location.hash !== `#${hash}`) location.hash = `#${hash}`;
  else route();
}

/** A #utkast=… link: the draft it carries is gathered into a case; the hash goes back to the view. */
async function takeDraftLink() {
  const { hash } = location;
  let json;
  try {
    json = await draftFromHash(hash);
  } catch (e) {
    history.replaceState(null, '', `#${views[0].hash}`);
    setStatus(t('drafts.badLink', { message: errorText(e) }), 'error', e?.message);
    return false;
  }
  if (json === null) return false;
  history.replaceState(null, '', `#${current?.view.hash ?? views[0].hash}`);
  route();
  await gatherDialog(json, t('drafts.fromLink'));
  return true;
}

function route() {
  if (!state.case) return;
  if (location.hash.startsWith('#utkast=')) {
    takeDraftLink();
    return;
  }
  const { view, rest } = viewForHash(location.hash);
  if (current?.view !== view) {
    const switched = document.activeElement !== document.body;
    current?.instance.unmount();
    main.replaceChildren();
    current = { view, instance: view.mount(main) };
    if (state.view !== view.id) setView(view.id);
    renderHeader();
    document.title = `${t(view.label)} – ${state.case.title} – amend`;
    // the link that switched views went with the header: on to the view's
    // main content (the plan's text, or its heading)
    if (switched && !rest && (document.activeElement === document.body || !document.activeElement)) focusMain({ scroll: false });
  }
  if (rest && view.focus) view.focus(rest);
}

subscribe((reason) => {
  if (reason === 'cases') return;
  if (reason === 'status' || reason === 'saved') {
    renderStatus();
    return;
  }
  if (reason !== 'selection') renderHeader();
  if (reason === 'lang' && current) {
    current.instance.unmount();
    current = { view: current.view, instance: current.view.mount(main) };
    document.title = `${t(current.view.label)} – ${state.case.title} – amend`;
  } else {
    current?.instance.update(reason);
  }
  renderStatus();
});

// ---- undo, redo, shortcuts ----

/** The current view's main content: the plan's text, or the view's first heading. */
function focusMain({ scroll = true } = {}) {
  const target = main.querySelector('#doc') ?? main.querySelector('h2, h1') ?? main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  if (scroll) target.scrollIntoView({ block: 'nearest' });
}

/** Runs `fn`; if the focused element went away with the change, focus goes to its like, or the main content. */
function keepFocus(fn) {
  const was = document.activeElement;
  const keys = was?.getAttribute?.('aria-keyshortcuts');
  const label = was?.getAttribute?.('aria-label');
  const cardId = was?.closest?.('.am[data-id]')?.dataset.id;
  const blockIndex = was?.closest?.('#doc .blk[data-index]')?.dataset.index;
  const result = fn();
  const now = document.activeElement;
  if (now && now !== document.body && document.contains(now)) return result;
  let target = null;
  if (keys) target = header.querySelector(`[aria-keyshortcuts="${keys}"]:not(:disabled)`) ?? header.querySelector('.tools button:not(:disabled)');
  if (!target && cardId) {
    const card = main.querySelector(`.am[data-id="${CSS.escape(cardId)}"]`);
    target = (label && card ? [...card.querySelectorAll('[aria-label]')].find((el) => el.getAttribute('aria-label') === label) : null) ?? card;
  }
  if (!target && blockIndex !== undefined) target = main.querySelector(`#doc .blk[data-index="${blockIndex}"] > .txt`);
  if (target) {
    if (!target.matches('button, a, input, [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  } else {
    focusMain({ scroll: false });
  }
  return result;
}

function doUndo() {
  try {
    const what = keepFocus(undo);
    if (what) setStatus(t('undo.what', { what }));
  } catch (e) {
    setStatus(errorText(e), 'error', e?.message);
  }
}

function doRedo() {
  try {
    const what = keepFocus(redo);
    if (what) setStatus(t('redo.what', { what }));
  } catch (e) {
    setStatus(errorText(e), 'error', e?.message);
  }
}

function editable(el) {
  return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

document.addEventListener('keydown', (e) => {
  if (document.querySelector('dialog[open]')) return;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && (e.key === 'z' || e.key === 'Z') && !editable(document.activeElement)) {
    e.preventDefault();
    if (e.shiftKey) doRedo();
    else doUndo();
  } else if (mod && !e.altKey && !e.shiftKey && (e.key === 'y' || e.key === 'Y') && !editable(document.activeElement)) {
    e.preventDefault();
    doRedo();
  } else if (e.altKey && e.shiftKey && !mod && current?.view.id === 'plan') {
    const action = { KeyS: 'delete', KeyE: 'replace', KeyL: 'insert' }[e.code];
    if (action && state.selection) {
      e.preventDefault();
      startDraft(action);
    }
  }
});

// ---- opening cases ----

const fileInput = h('input', {
  type: 'file', accept: `.json,application/json,${PLAN_FILES}`, hidden: true,
  on: { change: async (e) => { const f = e.target.files[0]; e.target.value = ''; if (f) await openFile(f); } },
});
document.body.append(fileInput);

function titleFromText(text, fallback) {
  const first = text.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l.length > 0);
  return (first ?? fallback).slice(0, 120);
}

/** The sentence naming the case file's fields that amend does not use, if it has any. */
function unknownNote() {
  const fields = engine.unknownFields();
  if (fields.length === 0) return '';
  const list = fields.map((f) => (f.didYouMean ? t('status.didYouMean', { path: f.path, name: f.didYouMean }) : f.path)).join(', ');
  return t('status.unknownFields', { list });
}

/** Opens a case file or a plan (.docx, PDF, Markdown, text) as a new case. */
async function openFile(file) {
  const fallback = file.name.replace(/\.\w+$/, '');
  try {
    const plan = await openPlanFile(file, (text) => setStatus(text));
    if (plan.kind === 'case' && isDraft(plan.text)) {
      // a member's draft: gathered into a case, not opened as one
      await gatherDialog(plan.text, file.name);
      return;
    }
    if (plan.kind === 'case') {
      await withFullEngine(() => openCase(plan.text));
    } else if (plan.kind === 'read') {
      await newCaseFromRead(titleFromText(plan.read.text, fallback), plan.read);
    } else {
      await withFullEngine(() => newCase(titleFromText(plan.text, fallback), plan.text));
    }
    const notes = plan.read?.notes ?? [];
    // each note a sentence: "Sidnummer borttagna på 5 sidor."
    const sentence = (s) => `${s[0].toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;
    const said = notes.map((n) => sentence(lang() === 'sv' ? n[0] : n[1])).join(' ');
    setStatus([t('status.opened', { title: state.case.title }), said, unknownNote()].filter(Boolean).join(' '));
    go('planen');
  } catch (e) {
    setStatus(t('error.openFile', { file: file.name, message: errorText(e) }), 'error', e?.message);
  }
}

// a file dropped anywhere on the page opens like one picked with "Öppna…"
const dropHint = h('div', { class: 'drop-hint', 'aria-hidden': 'true' });
document.body.append(dropHint);
document.addEventListener('dragover', (e) => {
  if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
  e.preventDefault();
  dropHint.textContent = t('file.drop');
  document.body.classList.add('dropping');
});
document.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) document.body.classList.remove('dropping');
});
document.addEventListener('drop', async (e) => {
  document.body.classList.remove('dropping');
  const f = e.dataTransfer?.files?.[0];
  if (!f) return;
  e.preventDefault();
  if (document.querySelector('dialog[open]')) return;
  await openFile(f);
});

async function loadExample() {
  const res = await fetch(EXAMPLE);
  await openCase(await res.text(), {});
  setStatus(t('status.opened', { title: state.case.title }));
  go('planen');
}

function showCases() {
  casesDialog({
    open: async (id) => {
      try {
        if (!(await openKept(id))) {
          setStatus(t('cases.gone'), 'error');
          return;
        }
        setStatus(t('status.opened', { title: state.case.title }));
        go('planen');
      } catch (e) {
        setStatus(errorText(e), 'error', e?.message);
      }
    },
    // the open case was deleted: the last changed of the others, or the example
    deletedOpen: async () => {
      const others = await store.list();
      if (others.length && (await openKept(others[0].id))) return;
      await loadExample();
    },
  });
}

function newCaseDialog(restored = null) {
  modal(t('new.title'), (close) => {
    const keep = () => typing.keep('newCase', null, { title: titleInput.value, plan: planInput.value });
    const titleInput = h('input', { id: 'new-title', type: 'text', lang: 'sv', value: restored?.title ?? '', on: { input: () => keep() } });
    const planInput = h('textarea', { id: 'new-plan', rows: 12, lang: 'sv', 'aria-describedby': 'new-plan-hint', on: { input: () => keep() } });
    planInput.value = restored?.plan ?? '';
    const file = h('input', { id: 'new-file', type: 'file', accept: `.json,${PLAN_FILES}` });
    const err = h('p', { class: 'form-error', role: 'alert' });
    file.addEventListener('change', async () => {
      const f = file.files[0];
      if (!f) return;
      if (!/\.(md|markdown|txt)$/i.test(f.name)) {
        // a case file, a .docx or a PDF opens at once
        close();
        await openFile(f);
        return;
      }
      planInput.value = await f.text();
      if (!titleInput.value) titleInput.value = titleFromText(planInput.value, f.name);
      keep();
    });
    return h('form', {
      class: 'new-form',
      on: {
        submit: async (e) => {
          e.preventDefault();
          const text = planInput.value;
          const title = titleInput.value.trim() || titleFromText(text, t('new.untitled'));
          try {
            await withFullEngine(() => newCase(title, text));
          } catch (x) {
            err.textContent = `${errorText(x)} ${x?.message ?? ''}`;
            return;
          }
          close();
          setStatus(t('status.opened', { title }));
          go('planen');
        },
      },
    },
    h('p', { class: 'hint' }, t('new.replaceWarning')),
    h('div', { class: 'field' }, h('label', { for: 'new-title' }, t('new.caseTitle')), titleInput),
    h('div', { class: 'field' }, h('label', { for: 'new-plan' }, t('new.plan')), h('p', { class: 'hint', id: 'new-plan-hint' }, t('new.planHint')), planInput),
    h('div', { class: 'field' }, h('label', { for: 'new-file' }, t('new.file')), file),
    err,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('new.create')),
      h('button', { type: 'button', on: { click: close } }, t('draft.cancel'))));
  }, { onClose: () => typing.keep('newCase', null, null) });
}

// ---- start ----

function onCrash(e) {
  try {
    refresh();
  } catch { /* shown below */ }
  setStatus(t('status.crashed', { detail: String(e?.message ?? e) }), 'error');
}

async function start() {
  setLang(savedLang() ?? 'sv');
  renderHeader();
  statusEl.textContent = t('app.loading');
  const [saved] = await Promise.all([restore(), engine.start(onCrash)]);
  let restored = false;
  if (saved) {
    try {
      await withFullEngine(() => openCase(saved.json, saved.ui, { id: saved.id, rev: saved.rev }));
      restored = true;
      const when = new Date(saved.changed).toLocaleString(lang() === 'sv' ? 'sv-SE' : 'en-GB');
      state.savedAt = when;
      setStatus(t('status.restored', { time: when }));
      // a change this tab had not saved when it was left
      if (saved.unsaved) scheduleSave();
    } catch (e) {
      setStatus(errorText(e), 'error', e?.message);
    }
  }
  if (!restored) {
    const res = await fetch(EXAMPLE);
    await openCase(await res.text(), {});
  }
  const fieldView = typing.fieldHash(state.caseId);
  if (fieldView && !location.hash) history.replaceState(null, '', fieldView);
  if (!location.hash) {
    const view = views.find((v) => v.id === saved?.ui?.view) ?? views[0];
    history.replaceState(null, '', `#${view.hash}`);
  }
  window.addEventListener('hashchange', route);
  window.addEventListener('pagehide', flushSave);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushSave(); });
  route();
  renderStatus();
  restoreTyping();
  typing.followFields(main, () => state.caseId);
  document.body.classList.add('ready');
  performance.mark('amend-ready');
}

/** Half-typed work from before a reload: a draft dialog, the new case dialog, a field not yet left. */
function restoreTyping() {
  const draft = typing.take('draft', state.caseId);
  const fresh = typing.take('newCase', null);
  if (draft && (!draft.editId || state.case.amendments.some((a) => a.id === draft.editId))) {
    try {
      openDraft(draft.spec, draft.editId, draft);
      setStatus(t('typing.draft'));
      return;
    } catch { /* the plan changed under it: nothing to restore */ }
  }
  if (fresh) {
    newCaseDialog(fresh);
    setStatus(t('typing.newCase'));
    return;
  }
  const label = typing.restoreField(main, state.caseId);
  if (label) setStatus(t('typing.field', { label }));
}

// For trying things from the console, the end-to-end tests and the benchmark.
window.amend = {
  state,
  stats: engine.stats,
  open: async (json) => {
    await withFullEngine(() => openCase(json, {}));
    const note = unknownNote();
    if (note) setStatus(note);
  },
  openFile,
  commit,
  /** The open case as it is stored (its case file's text), or null. */
  stored: async () => (state.caseId ? (await store.get(state.caseId))?.json ?? null : null),
  trap: () => { try { engine.trap(); } catch { /* recovered */ } },
};

start().catch((e) => {
  statusEl.textContent = '';
  alertEl.replaceChildren(h('div', { class: 'alert' }, h('p', {}, `${t('status.error')}: ${errorText(e)}`), h('p', { lang: 'en' }, String(e?.message ?? e))));
});
