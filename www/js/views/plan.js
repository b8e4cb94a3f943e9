// The plan: table of contents, the text with the chosen amendments as
// tracked changes (or the original, or the result), drafting from a
// selection or a heading's menu, and the list of amendments.

import { h, sr } from '../dom.js';
import * as engine from '../wasm.js';
import { errorText, failureText, lang, t } from '../i18n.js';
import { block, chip, chunks, firstBlockBelow, partyColours, patch, plainBlock, reuse, units } from '../render.js';
import { selectionIn } from '../selection.js';
import { menuButton } from '../menu.js';
import { confirmReading, deleteAmendment, openDraft, openPicker, openWordingDraft } from '../draft.js';
import { correction } from '../correct.js';
import {
  conflicting, failure, groupOf, inText, label, relations, setFocus, setMode, setSelection, setShown, setTogether, state,
  outOfPlay, toggleShown,
} from '../state.js';

// rendered blocks by key, one map a display mode, so that switching back to
// a mode reuses what it showed
const caches = new Map();
// the chunks the blocks are in, likewise; they show nothing of their own and
// outlive a change of language or colours, and keep the heights they were
// last laid out at (render.js, chunks)
const chunkCaches = new Map();
let cacheSig = '';
let lastOverlay = null;
/** The block that has (or last had) keyboard focus in the text. */
let currentBlock = null;

let sigText = '';
let sigVersion = 0;

/**
 * A short key for what every rendered element depends on: the language and
 * the parties' colours. What depends on particular amendments (their labels)
 * is in the keys of the blocks and cards that show them, so that a new
 * amendment re-renders only where it stands.
 */
function signature() {
  const text = `${lang()}|${JSON.stringify([...partyColours(state.case.members)])}`;
  if (text !== sigText) {
    sigText = text;
    sigVersion += 1;
  }
  return `v${sigVersion}`;
}

/** The labels of the amendments `ids`, as part of a key. */
function labelsKey(ids) {
  return JSON.stringify([...new Set(ids)].map((id) => state.labels[id] ?? id));
}

/** Every amendment a block of the overlay names: in its runs, its removal, its margin. */
function idsOf(b) {
  return [...(b.runs ?? []).flatMap((r) => r.by ?? []), ...(b.removed_by ?? []), ...(b.marks ?? [])];
}

/** Margin marks of the original text: where each located amendment stands. */
function originalMarks() {
  const marks = new Map();
  for (const l of state.check.located) {
    for (let i = l.blocks.start; i < l.blocks.end; i++) {
      if (!marks.has(i)) marks.set(i, []);
      if (!marks.get(i).includes(l.amendment)) marks.get(i).push(l.amendment);
    }
  }
  return marks;
}

let overlayMemo = { check: null, key: '', ov: null };

/**
 * The engine's tracked changes of the amendments the text shows (see
 * inText: of conflicting ones, only the first, unless the user chose to see
 * them together), worked out once a change of the case (the modes "with
 * changes" and "result" share them).
 */
function overlay() {
  const { ids } = inText();
  const key = JSON.stringify(ids); // the shown amendments, the focused first
  if (overlayMemo.check !== state.check || overlayMemo.key !== key) {
    overlayMemo = { check: state.check, key, ov: engine.call((w) => w.overlay(ids)) };
  }
  return overlayMemo.ov;
}

// each mode's items and what they were made from: a mode switched back to,
// nothing changed since, has them at once (and their keys, hashed before)
const itemsMemo = new Map();
// the original mode's keys by block, made anew for a block whose text or
// margin changed only
let originalKeys = [];

/**
 * Where every amendment stands: {state, because} by id, `state` one of
 * 'shown' (its changes are in the text), 'withdrawn', 'fallen' (in the
 * vote; see outOfPlay), 'failed' (cannot be placed), 'conflict' (gives way to `because`,
 * which is shown), 'off' (not chosen); and `clashes`: pairs of conflicting
 * amendments the user chose to see together.
 */
function standing() {
  const ov = overlay();
  const { ids, hidden } = inText();
  for (const x of ov.hidden ?? []) hidden.set(x.amendment, x.because);
  const failed = new Set([...state.check.failed, ...(ov.failed ?? [])].map((f) => f.amendment));
  const out = outOfPlay();
  const inTextIds = new Set(ids.filter((id) => !hidden.has(id) && !failed.has(id)));
  const by = new Map();
  for (const a of state.case.amendments) {
    const id = a.id;
    let st;
    if (inTextIds.has(id)) st = { state: 'shown' };
    else if (out.has(id)) st = out.get(id);
    else if (failed.has(id)) st = { state: 'failed' };
    else if (hidden.has(id)) st = { state: 'conflict', because: hidden.get(id) };
    else st = { state: 'off' };
    by.set(id, st);
  }
  const shownIds = [...inTextIds];
  const clashes = [];
  shownIds.forEach((x, i) => shownIds.slice(i + 1).forEach((y) => { if (conflicting(x, y)) clashes.push(tabledPair(x, y)); }));
  return { by, clashes };
}

function tabledPair(x, y) {
  const order = state.case.amendments.map((a) => a.id);
  return order.indexOf(x) <= order.indexOf(y) ? [x, y] : [y, x];
}

/** Pairs of conflicting amendments whose changes both stand in the overlay block `b` (the user chose to see them together). */
function clashesIn(b) {
  const ids = [...new Set([...(b.runs ?? []).flatMap((r) => r.by ?? []), ...(b.removed_by ?? [])])];
  const out = [];
  ids.forEach((x, i) => ids.slice(i + 1).forEach((y) => { if (conflicting(x, y)) out.push(tabledPair(x, y)); }));
  return out;
}

/** The blocks to show, as render items, and the overlay's notes. */
function items() {
  const ov = state.mode === 'original' ? null : overlay();
  lastOverlay = ov;
  const from = [state.blocks, state.check, state.labels, state.pages, ov];
  const memo = itemsMemo.get(state.mode);
  if (memo && memo.from.every((x, i) => x === from[i])) return memo.out;
  const out = ov ? overlayItems(ov) : originalItems();
  itemsMemo.set(state.mode, { from, out });
  return out;
}

/** A function adding a page marker to `out` before a block on a new page. */
function pager(out) {
  let page = 0;
  const paged = state.pages > 1 && state.mode !== 'clean';
  return (b) => {
    if (!paged || b.index === null || b.page === undefined) return;
    if (b.page > page) {
      if (page > 0 || b.page > 1) out.push({ key: `page:${b.page}`, pageBreak: b.page });
      page = b.page;
    }
  };
}

function originalItems() {
  const out = [];
  const pageBreak = pager(out);
  const marks = originalMarks();
  const keys = [];
  state.blocks.forEach((pb, i) => {
    const b = plainBlock(pb, i, marks.get(i) ?? []);
    pageBreak(b);
    const labels = b.marks.length ? labelsKey(b.marks) : '';
    let k = originalKeys[i];
    if (k?.pb !== pb || k.labels !== labels) k = { pb, labels, key: `o|${i}|${pb.type}${pb.level ?? ''}${pb.marker ?? ''}|${pb.text}|${labels}` };
    keys.push(k);
    out.push({ key: k.key, block: b });
  });
  originalKeys = keys;
  return out;
}

function overlayItems(ov) {
  const out = [];
  const pageBreak = pager(out);
  let n = 0;
  let prevRemoved = '';
  for (const b of ov.blocks) {
    if (state.mode === 'clean' && (b.removed_by?.length || b.status === 'deleted')) continue;
    const removedKey = (b.removed_by ?? []).join(',');
    b.firstRemoved = removedKey !== '' && removedKey !== prevRemoved;
    prevRemoved = removedKey;
    if (state.mode === 'changes') {
      const c = clashesIn(b);
      if (c.length) b.clashes = c;
    }
    pageBreak(b);
    out.push({ key: `${state.mode}|${b.index ?? `n${n++}`}|${JSON.stringify(b)}|${labelsKey(idsOf(b))}`, block: b });
  }
  return out;
}

function headingMenu(b) {
  const text = state.blocks[b.index].text;
  return menuButton({
    text: '⋯',
    label: t('heading.menu', { heading: text }),
    className: 'heading-menu',
    items: () => [
      { label: t('heading.deleteSection'), run: () => openDraft({ action: 'delete_section', block: b.index }) },
      { label: t('heading.deleteHeading'), run: () => openDraft({ action: 'delete_heading', block: b.index }) },
      { label: t('heading.change'), run: () => openDraft({ action: 'change_heading', block: b.index }) },
      { label: t('heading.addEnd'), run: () => openDraft({ action: 'insert_end', block: b.index }) },
      { label: t('heading.addStart'), run: () => openDraft({ action: 'insert_start', block: b.index }) },
    ],
  });
}

function renderDoc(article) {
  const sig = signature();
  if (sig !== cacheSig) {
    caches.clear();
    cacheSig = sig;
  }
  const cache = caches.get(state.mode) ?? new Map();
  const ctx = {
    mode: state.mode,
    colours: partyColours(state.case.members),
    interactive: state.mode !== 'clean',
    ids: true,
    headingMenu,
    firstRemoved: (b) => b.firstRemoved,
  };
  const next = new Map();
  const starts = [];
  const nextChunks = new Map();
  const els = chunks(units(ctx, items(), cache, next, starts), starts, chunkCaches.get(state.mode), nextChunks);
  caches.set(state.mode, next);
  chunkCaches.set(state.mode, nextChunks);
  patch(article, els);
  article.classList.toggle('mode-clean', state.mode === 'clean');
}

// ---- the toolbar: mode and actions on the selection ----

function modeSwitch() {
  const name = 'mode';
  return h('fieldset', { class: 'mode' },
    h('legend', {}, t('mode.label')),
    ['original', 'changes', 'clean'].map((m) => h('label', { class: 'seg' },
      h('input', { type: 'radio', name, value: m, checked: state.mode === m, on: { change: () => setMode(m) } }),
      h('span', {}, t(`mode.${m}`)))));
}

export function startDraft(action) {
  const q = state.selection;
  if (!q || state.mode === 'clean') return;
  openDraft({ action, quote: q });
}

/** Text selected that only proposals add (no original text in it): who adds it, or null. */
let insertedBy = null;

/** A word or two of a selection, cut at a word, for the hint. */
function shortQuote(q) {
  if (q.length <= 90) return q;
  const cut = q.slice(0, 90);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut} …`;
}

function actionBar() {
  const sel = state.selection;
  const disabled = !sel || state.mode === 'clean';
  const names = (ids) => ids.map((x) => label(x).short).join(t('list.and'));
  let text;
  let quoted = false;
  let edit = null;
  if (state.mode === 'clean') text = t('actions.hintClean');
  else if (sel) {
    text = t('actions.selected', { text: shortQuote(sel.quote) });
    quoted = true;
  } else if (insertedBy?.length) {
    text = t('actions.inInserted', { label: names(insertedBy) });
    edit = insertedBy.filter((id) => state.case.amendments.some((a) => a.id === id));
  } else text = [h('span', { class: 'hint-long' }, t('actions.hint')), h('span', { class: 'hint-short' }, t('actions.hintShort'))];
  // a disabled button says why: the hint beside it describes it
  const why = disabled ? 'sel-hint' : null;
  return h('div', { class: 'actions', role: 'toolbar', 'aria-label': t('actions.title') },
    h('div', { class: 'action-buttons' },
      h('button', { type: 'button', disabled, 'aria-describedby': why, 'aria-keyshortcuts': 'Alt+Shift+S', on: { click: () => startDraft('delete') } }, t('actions.delete')),
      h('button', { type: 'button', disabled, 'aria-describedby': why, 'aria-keyshortcuts': 'Alt+Shift+E', on: { click: () => startDraft('replace') } }, t('actions.change')),
      h('button', { type: 'button', disabled, 'aria-describedby': why, 'aria-keyshortcuts': 'Alt+Shift+L', on: { click: () => startDraft('insert') } }, t('actions.add')),
      h('button', { type: 'button', class: 'secondary', disabled: state.mode === 'clean', 'aria-describedby': state.mode === 'clean' ? 'sel-hint' : null, on: { click: () => pickInBlock() } }, t('actions.pick'))),
    h('p', { class: `sel-text${insertedBy?.length && !sel ? ' blocked' : ''}`, id: 'sel-hint', 'aria-live': 'polite', title: t('actions.keys') },
      quoted ? h('span', { lang: 'sv' }, text) : text,
      edit?.length ? [' ', edit.map((id) => h('button', { type: 'button', class: 'link', on: { click: () => openDraft(null, id) } }, t('actions.editIt', { label: label(id).short })))] : null));
}

/** The proposals whose inserted text holds the whole selection in `article` (none: null). */
function insertedSelection(article) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!article.contains(r.commonAncestorContainer)) return null;
  const at = (node) => (node.nodeType === Node.TEXT_NODE ? node.parentElement : node);
  const ins = at(r.commonAncestorContainer)?.closest('ins.chg');
  if (ins) return ins.dataset.by.split(' ');
  // across several insertions (or a paragraph a proposal adds)
  const ids = new Set();
  for (const el of article.querySelectorAll('ins.chg')) if (r.intersectsNode(el)) el.dataset.by.split(' ').forEach((x) => ids.add(x));
  return ids.size ? [...ids] : null;
}

function pickInBlock() {
  let index = currentBlock;
  if (index === null || index === undefined) {
    // the first block in view
    const visible = firstBlockBelow(document.getElementById('doc'), 80);
    index = visible ? Number(visible.dataset.index) : 0;
  }
  openPicker(index, (action, q) => {
    setSelection(q);
    openDraft({ action, quote: q });
  });
}

// ---- notes over the text ----

function notes() {
  const out = [];
  const ov = lastOverlay;
  if (ov) {
    const { by, clashes } = standing();
    for (const [id, st] of by) {
      if (st.state !== 'conflict') continue;
      out.push(h('li', { class: 'note info' },
        h('span', { 'aria-hidden': 'true' }, '◌ '),
        `${label(id).short}: ${t('flag.hidden', { other: label(st.because).short })} `,
        h('button', { type: 'button', class: 'link', on: { click: () => setFocus(id) } },
          t('list.instead', { label: label(id).short, other: label(st.because).short }))));
    }
    for (const [a, b] of clashes) {
      out.push(h('li', { class: 'note warn' },
        h('span', { 'aria-hidden': 'true' }, '⚠ '),
        `${t('note.together', { a: label(a).short, b: label(b).short })} `,
        h('button', { type: 'button', class: 'link', on: { click: () => apart([a, b]) } }, t('list.apart', { a: label(a).short, b: label(b).short }))));
    }
  }
  for (const f of ov?.failed ?? []) {
    out.push(h('li', { class: 'note bad' }, h('span', { 'aria-hidden': 'true' }, '✕ '), `${label(f.amendment).short}: ${t('flag.failed', { message: failureText(f) })}`, details(f)));
  }
  return out.length ? h('ul', { class: 'notes' }, out) : null;
}

// ---- table of contents ----

function tocSignature() {
  const headings = state.blocks.map((b, i) => (b.type === 'heading' ? `${i}:${b.level}:${b.page}:${b.text}` : '')).join('');
  return `${lang()}|${state.blocks.length}|${headings}|${state.case.title}|${state.check.located.map((l) => `${l.amendment}:${l.blocks.start}`).join(',')}`;
}

/** The contents: the plan's headings, each with the number of amendments under it. */
function toc(cache, next) {
  const counts = new Map();
  const headings = state.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'heading');
  const starts = headings.map(({ i }) => i);
  for (const l of state.check.located) {
    // the last heading at or before the amendment's first block
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= l.blocks.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) continue;
    const hIndex = starts[lo - 1];
    if (!counts.has(hIndex)) counts.set(hIndex, new Set());
    counts.get(hIndex).add(l.amendment);
  }
  // an item is made anew only when what it shows changed
  return headings.map(({ b, i }) => {
    const n = counts.get(i)?.size ?? 0;
    const key = `${lang()}|${i}|${b.level}|${state.pages > 1 ? b.page : ''}|${n}|${b.text}`;
    return reuse(cache, next, key, () => h('li', { class: `lvl-${b.level}` },
      h('a', { href: `#b-${i}`, on: { click: (e) => { e.preventDefault(); goToBlock(i); } } },
        h('span', { class: 'toc-text', lang: 'sv' }, b.text),
        state.pages > 1 ? h('span', { class: 'toc-page' }, t('toc.page', { page: b.page })) : null,
        n ? h('span', { class: 'toc-count', title: t(n === 1 ? 'toc.count.one' : 'toc.count', { n }) }, sr(`, ${t(n === 1 ? 'toc.count.one' : 'toc.count', { n })}`), h('span', { 'aria-hidden': 'true' }, `● ${n}`)) : null)));
  });
}

export function goToBlock(i) {
  const el = document.getElementById(`b-${i}`);
  if (!el) return;
  // at once, and again once the blocks around it are laid out: the sizes of
  // blocks not yet laid out are estimates, and the target moves as they are
  const bar = document.querySelector('.doc-bar');
  if (bar) document.documentElement.style.setProperty('--bar-height', `${Math.ceil(bar.getBoundingClientRect().height) + 12}px`);
  el.scrollIntoView({ block: 'start', behavior: 'instant' });
  const txt = el.querySelector('.txt');
  txt?.focus({ preventScroll: true });
  currentBlock = i;
  let tries = 0;
  const settle = () => {
    const top = el.getBoundingClientRect().top;
    const want = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
    if (Math.abs(top - want) > 2) el.scrollIntoView({ block: 'start', behavior: 'instant' });
    if (++tries < 4) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}

// ---- the list of amendments ----

/** Lets conflicting amendments shown together give way again (the first in priority stays). */
function apart(ids) {
  setShown(state.shown, state.together.filter((x) => !ids.includes(x)));
}

function flags(id, st, clashWith) {
  const out = [];
  const rel = relations(id);
  const names = (ids) => ids.map((x) => label(x).short).join(', ');
  const l = label(id).short;
  if (rel.identical.length) out.push(h('li', { class: 'flag same' }, h('span', { 'aria-hidden': 'true' }, '= '), t('flag.identical', { others: names(rel.identical) })));
  if (rel.conflicts.length) out.push(h('li', { class: 'flag conflict' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('flag.conflict', { others: names(rel.conflicts) })));
  if (st?.state === 'conflict' && state.mode !== 'original') {
    const other = label(st.because).short;
    out.push(h('li', { class: 'flag hidden' }, h('span', { 'aria-hidden': 'true' }, '◌ '), `${t('flag.hidden', { other })} `,
      h('span', { class: 'flag-actions' },
        h('button', { type: 'button', class: 'link', on: { click: () => setFocus(id) } }, t('list.instead', { label: l, other })),
        ' · ',
        h('button', { type: 'button', class: 'link', on: { click: () => setTogether(id, true) } }, t('list.together', { label: l, other })))));
  }
  if (st?.state === 'shown' && clashWith?.length && state.mode !== 'original') {
    out.push(h('li', { class: 'flag clash' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), `${t('flag.together', { others: names(clashWith) })} `,
      h('button', { type: 'button', class: 'link', on: { click: () => apart([id, ...clashWith]) } }, t('list.apart', { a: l, b: names(clashWith) }))));
  }
  if (st?.state === 'fallen') out.push(h('li', { class: 'flag hidden' }, h('span', { 'aria-hidden': 'true' }, '↘ '), st.because ? t('flag.fallen', { because: label(st.because).short }) : t('flag.fallenNo')));
  const f = failure(id);
  if (f) out.push(h('li', { class: 'flag bad' }, h('span', { 'aria-hidden': 'true' }, '✕ '), t('flag.failed', { message: failureText(f) }), details(f)));
  return out.length ? h('ul', { class: 'flags' }, out) : null;
}

let cards = new Map();

const LONG_WORDING = 600;

/** The wording on a card; a long one is cut to a few lines, with a button to show it all. */
function wordingOf(a) {
  const text = a.wording ?? '';
  if (text.length <= LONG_WORDING) return h('p', { class: 'am-wording', lang: 'sv' }, text);
  const id = `wording-${a.id}`;
  const p = h('p', { class: 'am-wording clamped', id, lang: 'sv' }, text);
  const button = h('button', {
    type: 'button', class: 'link more', 'aria-expanded': 'false', 'aria-controls': id,
    on: {
      click: () => {
        const open = p.classList.toggle('clamped') === false;
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? t('list.less') : t('list.more');
      },
    },
  }, t('list.more'));
  return h('div', { class: 'am-wording-box' }, p, button);
}

function card(ctx, a, facts) {
  const l = label(a.id);
  const cb = `show-${a.id}`;
  const supporters = (a.supporters ?? []).map((x) => state.case.members.find((m) => m.id === x)?.name ?? x);
  const first = state.check.located.find((x) => x.amendment === a.id);
  const group = groupOf(a.id);
  return h('li', { class: `am${state.focus === a.id ? ' focused' : ''}${a.withdrawn ? ' withdrawn' : ''}`, 'data-id': a.id },
    h('div', { class: 'am-head' },
      h('input', { type: 'checkbox', id: cb, checked: state.shown.includes(a.id), on: { change: (e) => toggleShown(a.id, e.target.checked) } }),
      h('label', { for: cb }, chip(ctx, a.id), ' ', h('span', { class: 'am-name' }, l.long), sr(` – ${t('list.show', { label: l.short })}`))),
    wordingOf(a),
    supporters.length ? h('p', { class: 'am-support' }, t('list.supporters', { names: supporters.join(', ') })) : null,
    a.withdrawn ? h('p', { class: 'am-support' }, t('list.withdrawn')) : null,
    a.conditional ? h('p', { class: 'am-support' }, t('list.conditional')) : null,
    a.from_wording ? h('p', { class: 'am-reading', role: 'note' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('list.fromWording'), ' ', readAs(a), ' ',
      // a reading not found in the plan is not one to confirm
      failure(a.id) ? null : h('button', { type: 'button', class: 'small', 'aria-label': `${t('list.confirm')} ${l.short}`, on: { click: () => confirmReading(a.id) } }, t('list.confirm'))) : null,
    flags(a.id, facts.standing.by.get(a.id), facts.clashWith.get(a.id)),
    h('div', { class: 'am-actions' },
      first ? h('button', { type: 'button', class: 'small', 'aria-label': `${t('list.goto')} ${l.short}`, on: { click: () => { setFocus(a.id); goToBlock(first.blocks.start); } } }, t('list.goto')) : null,
      group >= 0 ? h('a', { class: 'button small', href: `#jamfor-${group}`, 'aria-label': `${t('list.compare')} ${l.short}` }, t('list.compare')) : null,
      h('button', { type: 'button', class: 'small', 'aria-label': `${t('list.edit')} ${l.short}`, on: { click: () => openDraft(null, a.id) } }, t('list.edit')),
      h('button', { type: 'button', class: 'small danger', 'aria-label': `${t('list.delete')} ${l.short}`, on: { click: () => deleteAmendment(a.id) } }, t('list.delete'))));
}

/** What the cards show besides the amendment itself, computed once. */
function cardFacts() {
  const first = new Map();
  for (const l of state.check.located) if (!first.has(l.amendment)) first.set(l.amendment, l.blocks.start);
  const rel = new Map();
  for (const c of state.check.conflicts) {
    for (const [x, y] of [[c.a.amendment, c.b.amendment], [c.b.amendment, c.a.amendment]]) {
      if (x === y) continue;
      if (!rel.has(x)) rel.set(x, []);
      rel.get(x).push(`${c.kind}:${y}`);
    }
  }
  const failed = new Map(state.check.failed.map((f) => [f.amendment, f.message]));
  const group = new Map();
  state.check.groups.forEach((g, i) => g.amendments.forEach((id) => { if (!group.has(id)) group.set(id, i); }));
  const st = standing();
  const clashWith = new Map();
  for (const [x, y] of st.clashes) {
    for (const [p, q] of [[x, y], [y, x]]) {
      if (!clashWith.has(p)) clashWith.set(p, []);
      clashWith.get(p).push(q);
    }
  }
  return { first, rel, failed, group, shown: new Set(state.shown), standing: st, clashWith };
}

/** Everything a card shows, as a key: an unchanged card is reused. */
function cardKey(a, sig, f) {
  const supporters = (a.supporters ?? []).map((x) => state.case.members.find((m) => m.id === x)?.name ?? x);
  const st = f.standing.by.get(a.id);
  const labelsOf = (ids) => (ids ?? []).map((x) => state.labels[x]?.short ?? x);
  return JSON.stringify([sig, a, state.labels[a.id], supporters, f.shown.has(a.id), state.focus === a.id, state.mode === 'original',
    f.rel.get(a.id), f.failed.get(a.id), st, labelsOf(st?.because ? [st.because] : []), labelsOf(f.clashWith.get(a.id)),
    f.group.get(a.id), f.first.get(a.id)]);
}

/**
 * The list's summary: how many proposals the text shows, and of the others
 * why not — each counted and named, so that the parts add up to all.
 */
function summary(facts) {
  const list = state.case.amendments;
  const parts = { conflict: [], withdrawn: [], fallen: [], failed: [], off: [] };
  const short = (id) => label(id).short.replace(/ /g, '\u00a0'); // "V 2" is not broken
  let shown = 0;
  for (const a of list) {
    const st = facts.standing.by.get(a.id);
    if (st.state === 'shown') shown += 1;
    else parts[st.state].push(st.state === 'conflict' ? t('list.conflictItem', { label: short(a.id), other: short(st.because) }) : short(a.id));
  }
  const items = Object.entries(parts).filter(([, names]) => names.length)
    .map(([k, names]) => h('li', { 'data-part': k }, t(`list.count.${k}`, { n: names.length, names: names.join(', ') })));
  if (facts.standing.clashes.length) {
    items.push(h('li', { 'data-part': 'together', class: 'together' }, h('span', { 'aria-hidden': 'true' }, '⚠ '),
      t('list.count.together', { pairs: facts.standing.clashes.map(([x, y]) => `${short(x)} / ${short(y)}`).join(', ') })));
  }
  return h('div', { class: 'count', id: 'list-count' },
    h('p', {}, t('list.count', { shown, n: list.length })),
    items.length ? h('ul', { class: 'count-parts' }, items) : null);
}

function listHead(all, facts) {
  const list = state.case.amendments;
  const together = state.together.length > 0;
  const conflicts = list.some((a) => conflictPartnersOf(a.id));
  return h('div', { class: 'list-head' },
    h('h2', { id: 'list-title' }, t('list.title')),
    list.length ? summary(facts) : null,
    h('div', { class: 'list-buttons' },
      list.length ? h('button', { type: 'button', class: 'small', on: { click: () => setShown(all, []) } }, t('list.all')) : null,
      list.length ? h('button', { type: 'button', class: 'small', on: { click: () => setShown([], []) } }, t('list.noneShown')) : null,
      conflicts ? h('button', {
        type: 'button', class: 'small', 'aria-pressed': String(together),
        on: { click: () => (together ? setShown(state.shown, []) : setShown(all, all)) },
      }, t('list.allTogether')) : null,
      h('button', { type: 'button', class: 'small pasted-open', on: { click: () => openWordingDraft() } }, t('pasted.open'))));
}

function conflictPartnersOf(id) {
  return relations(id).conflicts.length > 0;
}

function renderList(aside, colours) {
  const list = state.case.amendments;
  const ctx = { colours };
  const sig = signature();
  const facts = cardFacts();
  const next = new Map();
  const els = list.map((a) => reuse(cards, next, cardKey(a, sig, facts), () => card(ctx, a, facts)));
  cards = next;
  const all = list.filter((a) => !a.withdrawn).map((a) => a.id);
  let ol = aside.querySelector('.am-list');
  const head = listHead(all, facts);
  if (!list.length) {
    aside.replaceChildren(head, h('p', { class: 'empty' }, t('list.none')));
    return;
  }
  if (!ol) {
    ol = h('ol', { class: 'am-list' });
    aside.replaceChildren(head, ol);
  } else {
    aside.firstChild.replaceWith(head);
  }
  patch(ol, els);
}

// ---- the view ----

function onSelectionChange(article) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (state.mode === 'clean') return;
      const sel = selectionIn(article);
      if (!sel) {
        // a click elsewhere clears it; a selection in a dialog keeps it
        const active = document.getSelection();
        if (active && !active.isCollapsed && !article.contains(active.anchorNode)) return;
        // text only a proposal adds cannot be drafted on: the hint says so
        const by = insertedSelection(article);
        const changed = JSON.stringify(by) !== JSON.stringify(insertedBy);
        insertedBy = by;
        if (state.selection || changed) setSelection(null);
        return;
      }
      insertedBy = null;
      try {
        const q = engine.call((w) => w.quoteAt(sel.first, sel.start, sel.last, sel.end));
        setSelection(q);
      } catch {
        setSelection(null);
      }
    }, 120);
  };
}

function keyboard(article) {
  article.addEventListener('keydown', (e) => {
    if (e.target.closest('.menu, .menu-button')) return;
    const blocks = [...article.querySelectorAll('.blk[data-index] > .txt')];
    const i = blocks.indexOf(document.activeElement);
    const go = (j) => {
      const el = blocks[Math.max(0, Math.min(blocks.length - 1, j))];
      if (!el) return;
      e.preventDefault();
      el.focus();
      el.scrollIntoView({ block: 'nearest' });
    };
    if (e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'j') go(i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') go(i - 1);
    else if (e.key === 'Home' && document.activeElement !== article) go(0);
    else if (e.key === 'End' && document.activeElement !== article) go(blocks.length - 1);
    else if (e.key === 'Enter' && i >= 0) { e.preventDefault(); pickInBlock(); }
  });
  article.addEventListener('focusin', (e) => {
    const blk = e.target.closest('.blk[data-index]');
    if (blk) currentBlock = Number(blk.dataset.index);
  });
}

export default {
  id: 'plan',
  hash: 'planen',
  label: 'view.plan',
  mount(main) {
    const article = h('article', { id: 'doc', class: 'doc', tabindex: '0', 'aria-label': t('view.plan'), 'aria-describedby': 'doc-help' });
    const help = h('p', { id: 'doc-help', class: 'sr-only' }, `${t('actions.hint')} ${t('actions.keys')}`);
    const tocSlot = h('div', { class: 'toc-slot' });
    const barSlot = h('div', { class: 'bar-slot' });
    const notesSlot = h('div', { class: 'notes-slot' });
    const aside = h('aside', { class: 'amendments', 'aria-labelledby': 'list-title' });
    const fix = correction(article);
    const listSlot = h('div', { class: 'list-slot' }, aside);
    const layout = h('div', { class: 'plan-layout' },
      tocSlot,
      h('section', { class: 'doc-col', 'aria-label': t('view.plan') },
        h('div', { class: 'doc-bar' }, modeSwitch(), fix.button, barSlot, fix.panel),
        notesSlot,
        help,
        article),
      listSlot);
    main.replaceChildren(layout);
    keyboard(article);
    const selHandler = onSelectionChange(article);
    document.addEventListener('selectionchange', selHandler);

    let lastToc = '';
    let tocItems = new Map();
    const update = (reason) => {
      if (reason === 'status' || reason === 'saved') return;
      if (reason === 'selection') {
        barSlot.replaceChildren(actionBar());
        return;
      }
      const colours = partyColours(state.case.members);
      if (reason === 'mode' || reason === 'open') insertedBy = null;
      renderDoc(article);
      barSlot.replaceChildren(actionBar());
      notesSlot.replaceChildren(notes() ?? '');
      const tocKey = tocSignature();
      if (tocKey !== lastToc) {
        if (!tocSlot.firstChild || reason === 'lang') {
          // on a phone the contents are folded behind a button, so that the text is on the first screen
          const open = tocSlot.querySelector('.toc')?.classList.contains('open') ?? false;
          const nav = h('nav', { class: `toc${open ? ' open' : ''}`, 'aria-labelledby': 'toc-title' },
            h('h2', { id: 'toc-title' }, t('toc.title')),
            h('button', {
              type: 'button', class: 'toc-toggle small', 'aria-expanded': String(open), 'aria-controls': 'toc-list',
              on: {
                click: (e) => {
                  const now = nav.classList.toggle('open');
                  e.currentTarget.setAttribute('aria-expanded', String(now));
                },
              },
            }, h('span', { 'aria-hidden': 'true' }, '☰ '), t('toc.title')),
            h('ol', { id: 'toc-list' }));
          tocSlot.replaceChildren(nav);
        }
        const next = new Map();
        patch(tocSlot.querySelector('ol'), toc(tocItems, next));
        tocItems = next;
        lastToc = tocKey;
      }
      renderList(aside, colours);
      fix.update(reason);
      if (reason === 'lang' || reason === 'mode' || reason === 'open') {
        layout.querySelector('.doc-bar').replaceChildren(modeSwitch(), fix.button, barSlot, fix.panel);
        article.setAttribute('aria-label', t('view.plan'));
        help.textContent = `${t('actions.hint')} ${t('actions.keys')}`;
      }
    };
    update('open');
    return {
      update,
      unmount() {
        document.removeEventListener('selectionchange', selHandler);
        fix.unmount();
      },
    };
  },
};

/** Renders blocks for other views (compare columns, print). */
export function renderBlocks(blocks, ctx) {
  return blocks.map((b) => block(ctx, b));
}

/** The engine's own words on a failure (English), when the user's language said it otherwise. */
function details(f) {
  if (failureText(f) === f.message) return null;
  return h('details', { class: 'failure-details' }, h('summary', {}, t('error.details')),
    h('small', { lang: 'en' }, f.message, f.help ? ` ${f.help}` : ''));
}

/** What the engine read from a proposal's wording, as the minutes would word it ("Meningen ”…” stryks."). */
function readAs(a) {
  try {
    const read = engine.call((w) => w.wording(a.ops, 'sv'));
    return h('span', { class: 'am-read-as' }, t('list.readAs'), ' ', h('span', { class: 'read-as', lang: 'sv' }, read));
  } catch {
    return null;
  }
}
