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
        changes(rebased.versions.chunks),
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

/** The changed paragraphs of a tracked comparison, each with its deletions and insertions marked (<del>, <ins>). */
function changes(chunks) {
  const paras = [[]];
  for (const c of chunks) {
    const parts = c.text.split(/\n\n+/);
    parts.forEach((p, i) => {
      if (i > 0) paras.push([]);
      if (p) paras[paras.length - 1].push({ tag: c.tag, text: p });
    });
  }
  const changed = paras.filter((p) => p.some((c) => c.tag !== 'equal'));
  // a heading's marker ("## ") as the comparison writes it, left out when unchanged
  for (const p of changed) {
    if (p[0]?.tag === 'equal') p[0] = { ...p[0], text: p[0].text.replace(/^#{1,6} /, '') };
  }
  if (!changed.length) return h('p', {}, t('version.same'));
  return h('ol', { class: 'version-changes', lang: 'sv' }, changed.map((p) => h('li', {}, p.map((c) => (c.tag === 'insert'
    ? h('ins', {}, h('span', { class: 'sr-only' }, `[${t('version.ins')}: `), c.text, h('span', { class: 'sr-only' }, ']'))
    : c.tag === 'delete'
      ? h('del', {}, h('span', { class: 'sr-only' }, `[${t('version.del')}: `), c.text, h('span', { class: 'sr-only' }, ']'))
      : c.text)))));
}
