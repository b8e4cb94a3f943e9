// Correcting the plan after it was pasted or opened ("Rätta planen"): a
// block made a heading of some level, body text or a list item, joined with
// the next block, split in two or removed. Each correction is one step of
// the app's undo history (Ångra, Ctrl+Z); after each, the amendments are
// located again and those that no longer find their text are named.
//
// The plan view shows a toggle button and, while it is pressed, a panel
// that acts on the current block: the one with the keyboard focus or the
// caret (click in the text, or move with the arrow keys). Keys in the plan
// while correcting: Alt+Shift+1…6 heading of that level, Alt+Shift+0 body
// text, Alt+Shift+P list item, Alt+Shift+J join with the next block,
// Alt+Shift+D split.

import { excerpt, h } from './dom.js';
import * as engine from './wasm.js';
import { errorText, t } from './i18n.js';
import { menuButton } from './menu.js';
import { modal } from './draft.js';
import { firstBlockBelow } from './render.js';
import { caretIn } from './selection.js';
import { commitPlan, label, setMode, setStatus, state, undo } from './state.js';

/** A block's kind in words: "rubrik nivå 2", "brödtext", "punkt i lista", "tabellrad". */
function kindName(b) {
  if (b.type === 'heading') return t('correct.kind.heading', { level: b.level });
  return t(`correct.kind.${b.type}`);
}

/** The labels ("MP 1, V 2") of amendment ids. */
function labels(ids) {
  return ids.map((id) => label(id).short).join(', ');
}

/** The sentence about the amendments a correction lost or found again. */
export function relocatedText(r) {
  if (!r) return '';
  const lost = r.failed.filter((f) => f.before).map((f) => f.amendment);
  const parts = [];
  if (lost.length) parts.push(t(lost.length === 1 ? 'correct.lost.one' : 'correct.lost', { n: lost.length, labels: labels(lost) }));
  if (r.found.length) parts.push(t(r.found.length === 1 ? 'correct.found.one' : 'correct.found', { n: r.found.length, labels: labels(r.found) }));
  return parts.join(' ');
}

/**
 * The correction mode of the plan view around `article` (#doc): {button,
 * panel, update(reason), unmount()}. `button` goes in the view's bar,
 * `panel` under it.
 */
export function correction(article) {
  let on = false;
  let kinds = false; // are the blocks marked with their kind
  /** The mode shown before correcting, put back after. */
  let modeBefore = null;
  let current = null;
  /** The caret's offset (UTF-16) in the current block's text, if the caret is there. */
  let caretAt = null;
  let message = '';
  /** The relocation the message tells of (a correction undone from the header changes it). */
  let told = null;

  const toggle = h('button', { type: 'button', class: 'correct-toggle', 'aria-pressed': 'false', 'aria-controls': 'correct-panel', on: { click: () => setOn(!on) } });
  const title = h('h2', { id: 'correct-title' });
  const hint = h('p', { class: 'hint', id: 'correct-hint' });
  const keysSummary = h('summary');
  const keys = h('p', { class: 'hint' });
  const where = h('p', { class: 'correct-where', 'aria-live': 'polite' });
  const kindMenu = () => menuButton({
    text: `${t('correct.kind')} ▾`,
    label: t('correct.kind.label'),
    className: 'correct-kind',
    items: () => {
      const b = state.blocks[current];
      const items = [];
      for (let level = 1; level <= 6; level++) {
        if (b && b.type === 'heading' && b.level === level) continue;
        items.push({ label: t('correct.kind.heading.make', { level }), run: () => apply({ action: 'heading', level }) });
      }
      if (b?.type !== 'paragraph') items.push({ label: t('correct.paragraph'), run: () => apply({ action: 'paragraph' }) });
      if (b?.type !== 'list_item' && b?.type !== 'table_row') items.push({ label: t('correct.listItem'), run: () => apply({ action: 'list_item' }) });
      return items;
    },
  });
  let kindButton = kindMenu();
  const joinButton = h('button', { type: 'button', 'aria-keyshortcuts': 'Alt+Shift+J', on: { click: () => apply({ action: 'join' }) } });
  const splitButton = h('button', { type: 'button', 'aria-keyshortcuts': 'Alt+Shift+D', on: { click: () => split() } });
  const removeButton = h('button', { type: 'button', class: 'danger', on: { click: () => apply({ action: 'remove' }) } });
  const undoButton = h('button', { type: 'button', 'aria-keyshortcuts': 'Control+Z', on: { click: () => undoCorrection() } });
  const doneButton = h('button', { type: 'button', class: 'primary', on: { click: () => { setOn(false); toggle.focus(); } } });
  const tools = h('div', { class: 'correct-tools', role: 'group', 'aria-labelledby': 'correct-where' }, kindButton, joinButton, splitButton, removeButton, undoButton, doneButton);
  where.id = 'correct-where';
  const result = h('p', { class: 'correct-result', role: 'status' });
  const failedList = h('div', { class: 'correct-failed' });
  const panel = h('section', { id: 'correct-panel', class: 'correct', 'aria-labelledby': 'correct-title', hidden: true },
    title, hint, h('details', {}, keysSummary, keys), where, tools, result, failedList);

  function texts() {
    toggle.textContent = t('correct.toggle');
    title.textContent = t('correct.title');
    hint.textContent = t('correct.hint');
    keysSummary.textContent = t('correct.keysTitle');
    keys.textContent = t('correct.keys');
    joinButton.textContent = t('correct.join');
    splitButton.textContent = t('correct.split');
    removeButton.textContent = t('correct.remove');
    undoButton.textContent = t('correct.undo');
    doneButton.textContent = t('correct.done');
  }

  function setOn(value) {
    on = value;
    toggle.setAttribute('aria-pressed', String(on));
    panel.hidden = !on;
    article.classList.toggle('correcting', on);
    if (on) {
      // the full module makes the corrections: fetch it now, not at the first one
      engine.useFull().catch((e) => setStatus(errorText(e), 'error', e?.message));
      // corrections are of the plan as it was read: show it without changes
      if (state.mode !== 'original') {
        modeBefore = state.mode;
        setMode('original');
      }
      if (current === null) pick(firstInView());
    } else {
      if (modeBefore) setMode(modeBefore);
      modeBefore = null;
      message = '';
    }
    render();
  }

  function firstInView() {
    const visible = firstBlockBelow(article, 80);
    return visible ? Number(visible.dataset.index) : 0;
  }

  function pick(index) {
    if (index === null || index === undefined || index < 0 || index >= state.blocks.length) return;
    if (index !== current) caretAt = null;
    current = index;
    render();
  }

  /**
   * Runs a correction of the current block. Corrections are made by the
   * engine's full module, fetched when the panel first opens.
   */
  async function apply(edit, what = null) {
    if (!on || current === null) return;
    try {
      await engine.useFull();
    } catch (e) {
      setStatus(errorText(e), 'error', e?.message);
      return;
    }
    if (!on || current === null) return;
    const b = state.blocks[current];
    const full = { ...edit, block: current };
    const name = what ?? stepName(full, b);
    try {
      const r = commitPlan(name, full);
      told = r;
      if (edit.action === 'remove') current = Math.min(current, state.blocks.length - 1);
      caretAt = null;
      message = [t('correct.done.step', { what: name }), relocatedText(r)].filter(Boolean).join(' ');
      setStatus(message);
    } catch (e) {
      message = '';
      setStatus(errorText(e), 'error', e?.message);
    }
    render();
  }

  function stepName(edit, b) {
    const n = current + 1;
    switch (edit.action) {
      case 'heading': return t('correct.step.heading', { n, level: edit.level });
      case 'paragraph': return t('correct.step.paragraph', { n });
      case 'list_item': return t('correct.step.listItem', { n });
      case 'join': return t('correct.step.join', { n, m: n + 1 });
      case 'split': return t('correct.step.split', { n });
      case 'remove': return t('correct.step.remove', { n, text: excerpt(b.text, 40) });
      default: return edit.action;
    }
  }

  /** Splits at the caret, if it is inside the block's text; else asks where. */
  function split() {
    if (current === null) return;
    const text = state.blocks[current].text;
    if (caretAt !== null && text.slice(0, caretAt).trim() && text.slice(caretAt).trim()) {
      apply({ action: 'split', at: { utf16: caretAt } });
      return;
    }
    splitDialog(current, text);
  }

  function splitDialog(index, text) {
    modal(t('correct.splitTitle'), (close) => {
      const area = h('textarea', { id: 'split-text', rows: 8, readonly: true, lang: 'sv', 'aria-describedby': 'split-hint split-preview' });
      area.value = text;
      const preview = h('p', { id: 'split-preview', class: 'split-preview', 'aria-live': 'polite' });
      const err = h('p', { class: 'form-error', role: 'alert' });
      // a first guess: the first sentence's end after the middle
      const middle = text.indexOf('. ', Math.floor(text.length / 2));
      const guess = middle > 0 ? middle + 2 : Math.floor(text.length / 2);
      const show = () => {
        const at = area.selectionStart;
        const head = text.slice(0, at).trim();
        const tail = text.slice(at).trim();
        preview.textContent = head && tail
          ? t('correct.splitPreview', { head: excerpt(head.split(' ').slice(-6).join(' '), 60), tail: excerpt(tail, 60) })
          : t('correct.splitEdge');
      };
      area.addEventListener('keyup', show);
      area.addEventListener('click', show);
      area.addEventListener('select', show);
      requestAnimationFrame(() => { area.setSelectionRange(guess, guess); show(); });
      return h('form', {
        class: 'split-form',
        on: {
          submit: (e) => {
            e.preventDefault();
            const at = area.selectionStart;
            if (!text.slice(0, at).trim() || !text.slice(at).trim()) {
              err.textContent = t('correct.splitEdge');
              return;
            }
            close();
            current = index;
            apply({ action: 'split', at: { utf16: at } });
          },
        },
      },
      h('div', { class: 'field' },
        h('label', { for: 'split-text' }, t('correct.splitLabel')),
        h('p', { class: 'hint', id: 'split-hint' }, t('correct.splitHint')),
        area),
      preview,
      err,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, t('correct.splitHere')),
        h('button', { type: 'button', on: { click: close } }, t('draft.cancel'))));
    });
  }

  function undoCorrection() {
    if (!state.undo.at(-1)?.plan) return;
    try {
      const what = undo();
      told = state.relocated;
      message = [t('undo.what', { what }), relocatedText(state.relocated)].filter(Boolean).join(' ');
      setStatus(message);
    } catch (e) {
      setStatus(errorText(e), 'error', e?.message);
    }
    render();
  }

  /** Marks the current block in the text and says what it is. */
  function render() {
    for (const el of article.querySelectorAll('.blk.current-fix')) el.classList.remove('current-fix');
    // every block's kind while correcting (a long plan's blocks are only
    // gone through when that is on, or was)
    if (on || kinds) {
      for (const el of article.querySelectorAll('.blk[data-index]')) {
        const b = state.blocks[Number(el.dataset.index)];
        if (b) el.dataset.kind = on ? kindName(b) : '';
      }
      kinds = on;
    }
    if (!on) return;
    if (current !== null && current >= state.blocks.length) current = state.blocks.length - 1;
    const b = current === null ? null : state.blocks[current];
    if (b) article.querySelector(`.blk[data-index="${current}"]`)?.classList.add('current-fix');
    where.textContent = b
      ? t('correct.where', { n: current + 1, count: state.blocks.length, page: b.page, kind: kindName(b), text: excerpt(b.text) })
      : t('correct.none');
    const last = current === state.blocks.length - 1;
    const next = b && !last ? state.blocks[current + 1] : null;
    joinButton.disabled = !b || !next || b.type === 'table_row' || next.type === 'table_row';
    splitButton.disabled = !b || b.type === 'table_row';
    removeButton.disabled = !b || state.blocks.length < 2;
    kindButton.disabled = !b;
    undoButton.disabled = !state.undo.at(-1)?.plan;
    undoButton.title = state.undo.at(-1)?.plan ? t('undo.what', { what: state.undo.at(-1).what }) : t('undo.nothing');
    result.textContent = message;
    // every amendment that does not find its text now, with why
    const failed = state.check.failed;
    failedList.replaceChildren(...(failed.length
      ? [h('details', {},
        h('summary', {}, t('correct.failedNow', { n: failed.length, labels: labels(failed.map((f) => f.amendment)) })),
        h('ul', {}, failed.map((f) => h('li', { class: 'note bad' }, h('span', { 'aria-hidden': 'true' }, '✕ '), `${label(f.amendment).short}: `, h('span', { lang: 'en' }, f.message)))))]
      : []));
  }

  // the current block: where the focus or the caret is
  const onFocus = (e) => {
    const blk = e.target.closest?.('.blk[data-index]');
    if (blk && on) pick(Number(blk.dataset.index));
  };
  const onSelection = () => {
    if (!on) return;
    const p = caretIn(article);
    if (!p) return;
    if (p.index !== current) pick(p.index);
    caretAt = p.at;
  };
  const onKey = (e) => {
    if (!on || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    if (document.querySelector('dialog[open]')) return;
    const level = /^Digit([1-6])$/.exec(e.code);
    let edit = null;
    if (level) edit = { action: 'heading', level: Number(level[1]) };
    else if (e.code === 'Digit0') edit = { action: 'paragraph' };
    else if (e.code === 'KeyP') edit = { action: 'list_item' };
    else if (e.code === 'KeyJ') edit = { action: 'join' };
    else if (e.code === 'KeyD') {
      e.preventDefault();
      split();
      return;
    }
    if (!edit) return;
    e.preventDefault();
    apply(edit);
  };
  article.addEventListener('focusin', onFocus);
  document.addEventListener('selectionchange', onSelection);
  document.addEventListener('keydown', onKey);
  texts();

  return {
    button: toggle,
    panel,
    update(reason) {
      if (state.relocated && state.relocated !== told) {
        // a correction undone or redone elsewhere (Ctrl+Z, the header)
        told = state.relocated;
        message = relocatedText(told);
      }
      if (reason === 'lang') {
        texts();
        const fresh = kindMenu();
        kindButton.replaceWith(fresh);
        kindButton = fresh;
      }
      if (reason === 'open') {
        current = null;
        message = '';
        if (on) setOn(false);
      }
      render();
    },
    unmount() {
      article.removeEventListener('focusin', onFocus);
      document.removeEventListener('selectionchange', onSelection);
      document.removeEventListener('keydown', onKey);
      if (modeBefore) state.mode = modeBefore;
    },
  };
}
