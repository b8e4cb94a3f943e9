// A new version of the plan: a plan file opened as the next version of the
// open case's plan, compared with the one it has (by content, see the
// engine's plan::versions), the proposals whose passage changed listed with
// the old passage and the closest new one, and the case carried over when
// the user confirms (undoable, as a correction of the plan is).

import { excerpt, h } from './dom.js';
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
      // a proposal with no passage (its wording not read) has nothing to carry
      const lookAt = rebased.moved.filter((m) => m.old);
      said.textContent = rebased.versions.chunks.every((c) => c.tag === 'equal')
        ? t('version.same') : t(lookAt.length === 1 ? 'version.summary.one' : 'version.summary', { n: lookAt.length });
      // the paragraphs, worked out once for every view
      const paras = paragraphs(rebased.versions);
      body.replaceChildren(...[
        structureWarning(paras),
        h('h3', {}, t('version.changes')),
        comparison(paras, rebased.versions.moved),
        h('h3', {}, t('version.moved')),
        lookAt.length
          ? h('ul', { class: 'version-moved' }, lookAt.map((m) => h('li', {},
            h('strong', {}, label(m.id).short), ' ',
            h('span', {}, t('version.old')), ' ', h('q', { lang: 'sv' }, m.old), ' ',
            m.new ? [h('span', {}, t('version.new')), ' ', h('q', { lang: 'sv' }, m.new)] : h('span', {}, t('version.none')))))
          : h('p', {}, t('version.allFound')),
      ].filter(Boolean));
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
function comparison(paras, moved) {
  const view = { mode: 'changes', onlyChanged: true };
  const out = h('div', { class: 'version-view' });
  const show = () => out.replaceChildren(text(paras, view));
  const modes = h('fieldset', { class: 'mode version-mode' },
    h('legend', {}, t('mode.label')),
    MODES.map((m) => h('label', {},
      h('input', { type: 'radio', name: 'version-mode', value: m, checked: m === view.mode, on: { change: () => { view.mode = m; show(); } } }),
      h('span', {}, t(`mode.${m}`)))));
  const only = h('label', { class: 'version-only' },
    h('input', { type: 'checkbox', checked: true, on: { change: (e) => { view.onlyChanged = e.target.checked; show(); } } }),
    h('span', {}, t('version.onlyChanged')));
  show();
  const movedList = moved.length
    ? [h('h4', {}, t('version.movedParas')),
      h('ul', { class: 'version-moved-paras', lang: 'sv' }, moved.map((m) => h('li', {}, excerpt(m.text.replace(/^#{1,6} /, ''), 140))))]
    : [];
  return h('div', { class: 'version-compare' }, h('div', { class: 'version-controls' }, modes, only), out, movedList);
}

/** A warning when the new version has far fewer headings than the current one: a file read as loose lines, not as the plan. */
function structureWarning(paras) {
  const headings = paras.filter((p) => p.heading);
  const before = headings.filter((p) => partsIn(p, 'original').length).length;
  const now = headings.filter((p) => partsIn(p, 'clean').length).length;
  if (now * 2 >= before) return null;
  return h('p', { class: 'note warn', role: 'alert' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('version.structure', { now, before }));
}

/**
 * The paragraphs of the comparison, as the tracked view cuts them at blank
 * lines, each with the heading it stands under and whether a deletion or
 * an insertion touched it; the same paragraphs in every view, each view
 * showing its parts (the old text leaves the insertions out, the new one
 * the deletions); and whether it only moved (`moved`).
 */
function paragraphs(versions) {
  const paras = [{ parts: [], changed: false }];
  for (const c of versions.chunks) {
    c.text.split(/\n\n+/).forEach((p, i) => {
      if (i > 0) paras.push({ parts: [], changed: false });
      const last = paras[paras.length - 1];
      if (!p.trim()) return;
      last.parts.push({ tag: c.tag, text: p });
      last.changed ||= c.tag !== 'equal';
    });
  }
  const moved = new Set(versions.moved.map((m) => squeeze(m.text)));
  let under = null;
  const out = [];
  for (const p of paras.filter((x) => x.parts.length)) {
    const heading = /^(#{1,6}) /.exec(p.parts[0].text);
    out.push({ ...p, heading: heading ? heading[1].length : 0, under, moved: movedWay(p, moved) });
    if (heading) under = p.parts.filter((x) => x.tag !== 'delete').map((x) => x.text).join('').slice(heading[0].length);
  }
  return out;
}

/** A paragraph's parts in a view, a heading's "## " marker left out; none when the view has nothing of it. */
function partsIn(p, mode) {
  const shown = p.parts.filter((c) => mode === 'changes' || c.tag === 'equal' || c.tag === (mode === 'original' ? 'delete' : 'insert'))
    .map((c) => (mode === 'changes' ? c : { tag: 'equal', text: c.text }));
  if (shown.length && p.heading) shown[0] = { ...shown[0], text: shown[0].text.replace(/^#{1,6} /, '') };
  return shown.filter((c) => c.text);
}

/** One view's text: every paragraph, or the changed ones as a list, each under its heading. */
function text(all, view) {
  const paras = all.filter((p) => p.changed || !view.onlyChanged)
    .map((p) => ({ ...p, shown: partsIn(p, view.mode) }));
  if (!paras.some((p) => p.changed)) return h('p', {}, t('version.same'));
  if (view.onlyChanged) {
    const gone = (p) => t(p.moved ? 'version.movedAway' : view.mode === 'original' ? 'version.notBefore' : 'version.notNow');
    return h('ol', { class: 'version-changes', lang: 'sv' }, paras.map((p) => h('li', {},
      p.under ? h('span', { class: 'version-where' }, t('version.under', { heading: p.under })) : null,
      p.moved && p.shown.length ? h('span', { class: 'version-where' }, t(p.moved === 'from' ? 'version.movedFrom' : 'version.movedTo')) : null,
      p.shown.length ? paragraph(p, view.mode, false) : h('span', { class: 'version-gone' }, gone(p)))));
  }
  return h('div', { class: 'version-text', lang: 'sv', tabindex: '0', role: 'region', 'aria-label': t(`mode.${view.mode}`) },
    paras.filter((p) => p.shown.length).map((p) => paragraph(p, view.mode, true)));
}

function squeeze(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether a paragraph is one that only moved: 'from' where it stood (all struck), 'to' where it stands now (all inserted). */
function movedWay(p, moved) {
  const tags = new Set(p.parts.map((c) => c.tag));
  if (tags.size !== 1 || tags.has('equal')) return null;
  if (!moved.has(squeeze(p.parts.map((c) => c.text).join('')))) return null;
  return tags.has('delete') ? 'from' : 'to';
}

/** A paragraph (a heading in bold); a changed one marked in words where no <del>/<ins> says so. */
function paragraph(p, mode, whole) {
  const mark = whole && p.changed && mode !== 'changes'
    ? h('span', { class: 'version-changed' }, t('version.changedMark'), ' ')
    : null;
  const cls = [p.heading ? 'version-heading' : '', p.changed ? 'changed' : ''].filter(Boolean).join(' ') || null;
  return h(whole ? 'p' : 'span', { class: cls }, mark, p.shown.map(part));
}

function part(c) {
  if (c.tag === 'insert') return h('ins', {}, h('span', { class: 'sr-only' }, `[${t('version.ins')}: `), c.text, h('span', { class: 'sr-only' }, ']'));
  if (c.tag === 'delete') return h('del', {}, h('span', { class: 'sr-only' }, `[${t('version.del')}: `), c.text, h('span', { class: 'sr-only' }, ']'));
  return c.text;
}
