// A new version of the plan: a plan file opened as the next version of the
// open case's plan, compared with the one it has (by content, see the
// engine's plan::versions), the proposals whose passage changed listed with
// the old passage and the closest new one, and the case carried over when
// the user confirms (undoable, as a correction of the plan is).

import { h } from './dom.js';
import * as engine from './wasm.js';
import { errorText, t } from './i18n.js';
import { modal } from './draft.js';
import { openPlanFile } from './files.js';
import { full } from './drafts.js';
import { commitReplan, label, setStatus } from './state.js';

/** Opens a plan file as a new version of the open case's plan: the comparison, the proposals to look at, and a confirm. */
export function newVersionDialog() {
  return modal(t('version.title'), (close) => {
    const file = h('input', { id: 'version-file', type: 'file', accept: '.docx,.pdf,.md,.markdown,.txt', 'aria-describedby': 'version-intro' });
    const said = h('div', { class: 'version-said', role: 'status', 'aria-live': 'polite' });
    const body = h('div', { class: 'version-body' });
    const confirm = h('button', { type: 'button', class: 'primary', hidden: true }, t('version.confirm'));
    let rebased = null;
    file.addEventListener('change', async () => {
      const f = file.files[0];
      if (!f) return;
      confirm.hidden = true;
      body.replaceChildren();
      try {
        const read = await openPlanFile(f, (text) => { said.textContent = text; });
        if (read.kind === 'case') throw { message: t('version.notPlan') };
        const text = read.kind === 'read' ? read.read.text : read.text;
        const format = read.kind === 'read' ? read.read.format : 'auto';
        await full();
        rebased = engine.call((w) => w.rebase(text, format));
      } catch (x) {
        said.textContent = t('version.failed', { message: errorText(x) });
        return;
      }
      said.textContent = rebased.versions.chunks.every((c) => c.tag === 'equal')
        ? t('version.same') : t('version.summary', { n: rebased.moved.length });
      body.replaceChildren(
        h('h3', {}, t('version.changes')),
        comparison(rebased.versions),
        h('h3', {}, t('version.moved')),
        rebased.moved.length
          ? h('ul', { class: 'version-moved' }, rebased.moved.map((m) => h('li', {},
            h('strong', {}, `${label(m.id).short} (${m.id})`), ' ',
            h('span', {}, t('version.old')), ' ', h('q', { lang: 'sv' }, m.old), ' ',
            m.new ? [h('span', {}, t('version.new')), ' ', h('q', { lang: 'sv' }, m.new)] : h('span', {}, t('version.none')))))
          : h('p', {}, t('version.allFound')));
      confirm.hidden = false;
    });
    confirm.addEventListener('click', () => {
      if (!rebased) return;
      try {
        const relocated = commitReplan(t('version.undo'), rebased.plan);
        setStatus(t('version.done', { n: relocated.failed.length }));
        close();
      } catch (x) {
        said.textContent = t('version.failed', { message: errorText(x) });
      }
    });
    return h('div', { class: 'picker version-form' },
      h('p', { id: 'version-intro' }, t('version.intro')),
      h('div', { class: 'field' }, h('label', { for: 'version-file' }, t('version.file')), file),
      said,
      body,
      h('div', { class: 'buttons' }, confirm, h('button', { type: 'button', on: { click: close } }, t('draft.cancel'))));
  }, { className: 'version' });
}

// ---- the two versions in the plan view's three views ----

const MODES = ['original', 'changes', 'clean'];

/**
 * The comparison as the plan view shows a case: the old version, the
 * changes marked, or the new version (mode.original, mode.changes,
 * mode.clean); all of it, or only the changed paragraphs (the default);
 * and the paragraphs that only moved.
 */
function comparison(versions) {
  const view = { mode: 'changes', onlyChanged: true };
  const out = h('div', { class: 'version-view' });
  const show = () => out.replaceChildren(text(versions.chunks, view));
  const modes = h('fieldset', { class: 'mode version-mode' },
    h('legend', {}, t('mode.label')),
    MODES.map((m) => h('label', {},
      h('input', { type: 'radio', name: 'version-mode', value: m, checked: m === view.mode, on: { change: () => { view.mode = m; show(); } } }),
      h('span', {}, t(`mode.${m}`)))));
  const only = h('label', { class: 'version-only' },
    h('input', { type: 'checkbox', checked: true, on: { change: (e) => { view.onlyChanged = e.target.checked; show(); } } }),
    h('span', {}, t('version.onlyChanged')));
  show();
  const moved = versions.moved.length
    ? [h('h4', {}, t('version.movedParas')),
      h('ul', { class: 'version-moved-paras', lang: 'sv' }, versions.moved.map((m) => h('li', {}, excerpt(m.text.replace(/^#{1,6} /, '')))))]
    : [];
  return h('div', { class: 'version-compare' }, h('div', { class: 'version-controls' }, modes, only), out, moved);
}

function excerpt(text, max = 140) {
  return text.length > max ? `${text.slice(0, max).trimEnd()} …` : text;
}

/**
 * The paragraphs of one view: the chunks it shows (the old text leaves the
 * insertions out, the new one the deletions), cut at blank lines, each
 * marked changed when a deletion or an insertion touched it.
 */
function paragraphs(chunks, mode) {
  const shown = (tag) => tag === 'equal' || mode === 'changes' || tag === (mode === 'original' ? 'delete' : 'insert');
  const paras = [{ parts: [], changed: false }];
  for (const c of chunks) {
    if (!shown(c.tag)) continue;
    const changed = c.tag !== 'equal';
    c.text.split(/\n\n+/).forEach((p, i) => {
      if (i > 0) paras.push({ parts: [], changed });
      const last = paras[paras.length - 1];
      last.changed ||= changed;
      if (p.trim()) last.parts.push({ tag: mode === 'changes' ? c.tag : 'equal', text: p });
    });
  }
  return paras.filter((p) => p.parts.length);
}

/** One view's text: every paragraph, or the changed ones as a numbered list. */
function text(chunks, view) {
  const paras = paragraphs(chunks, view.mode).filter((p) => p.changed || !view.onlyChanged);
  if (!paras.some((p) => p.changed)) return h('p', {}, t('version.same'));
  if (view.onlyChanged) {
    return h('ol', { class: 'version-changes', lang: 'sv' }, paras.map((p) => h('li', {}, paragraph(p, view.mode, false))));
  }
  return h('div', { class: 'version-text', lang: 'sv', tabindex: '0', role: 'region', 'aria-label': t(`mode.${view.mode}`) },
    paras.map((p) => paragraph(p, view.mode, true)));
}

/** A paragraph, a heading (its "## " marker from the comparison) as one; a changed one marked in words where no <del>/<ins> says so. */
function paragraph(p, mode, whole) {
  const first = p.parts[0];
  const heading = /^(#{1,6}) /.exec(first.text);
  const parts = heading ? [{ ...first, text: first.text.slice(heading[0].length) }, ...p.parts.slice(1)] : p.parts;
  const mark = whole && p.changed && mode !== 'changes'
    ? h('span', { class: 'version-changed' }, t('version.changedMark'), ' ')
    : null;
  const attrs = heading
    ? { class: `version-heading${p.changed ? ' changed' : ''}`, role: 'heading', 'aria-level': String(Math.min(6, heading[1].length + 3)) }
    : { class: p.changed ? 'changed' : null };
  return h(whole ? 'p' : 'span', attrs, mark, parts.map(part));
}

function part(c) {
  if (c.tag === 'insert') return h('ins', {}, h('span', { class: 'sr-only' }, `[${t('version.ins')}: `), c.text, h('span', { class: 'sr-only' }, ']'));
  if (c.tag === 'delete') return h('del', {}, h('span', { class: 'sr-only' }, `[${t('version.del')}: `), c.text, h('span', { class: 'sr-only' }, ']'));
  return c.text;
}
