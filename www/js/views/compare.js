// Competing proposals side by side: for every passage that several
// amendments change (a group from the engine), the original text and each
// proposal as tracked changes against it. Identical proposals are marked.

import { h } from '../dom.js';
import * as engine from '../wasm.js';
import { t } from '../i18n.js';
import { block, chip, partyColours } from '../render.js';
import { amendment, label, state } from '../state.js';

function sectionOf(index) {
  const b = state.blocks[index];
  if (!b) return '';
  if (b.type === 'heading') return b.text;
  return b.parent !== null && b.parent !== undefined ? state.blocks[b.parent].text : '';
}

function pages(g) {
  const first = state.blocks[g.blocks.start]?.page;
  const last = state.blocks[g.blocks.end - 1]?.page;
  return first === last ? `${first}` : `${first}–${last}`;
}

function column(ctx, id, g) {
  const ov = engine.call((w) => w.column(id ?? undefined, g.blocks.start, g.blocks.end));
  const head = id
    ? h('div', { class: 'col-head' },
      h('h4', {}, chip(ctx, id), ' ', label(id).long),
      h('p', { class: 'col-wording', lang: 'sv' }, amendment(id)?.wording ?? ''))
    : h('div', { class: 'col-head' }, h('h4', {}, t('compare.base')));
  return h('div', { class: `col${id ? '' : ' base'}`, role: 'group', 'aria-label': id ? label(id).long : t('compare.base') },
    head,
    h('div', { class: 'col-text' }, ov.blocks.map((b) => block(ctx, { ...b, marks: [] }))));
}

function group(ctx, g, i) {
  const heading = sectionOf(g.blocks.start);
  const pairs = g.pairs
    .filter((p, k, all) => all.findIndex((q) => q.a.amendment === p.a.amendment && q.b.amendment === p.b.amendment) === k)
    .map((p) => {
      const a = label(p.a.amendment).short;
      const b = label(p.b.amendment).short;
      return p.kind === 'identical'
        ? h('li', { class: 'flag same' }, h('span', { 'aria-hidden': 'true' }, '= '), t('compare.identicalPair', { a, b }))
        : h('li', { class: 'flag conflict' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('compare.conflictPair', { a, b }));
    });
  const titleId = `jamfor-${i}-title`;
  return h('section', { class: 'group', id: `jamfor-${i}`, 'aria-labelledby': titleId, tabindex: '-1' },
    h('div', { class: 'group-head' },
      h('h3', { id: titleId }, t('compare.section', { heading: '' }), h('span', { lang: 'sv' }, heading),
        state.pages > 1 ? h('span', { class: 'pages' }, ` (${t('compare.pages', { pages: pages(g) })})`) : null),
      g.identical ? h('p', { class: 'badge same' }, h('span', { 'aria-hidden': 'true' }, '= '), t('compare.identical')) : null),
    h('ul', { class: 'flags' }, pairs),
    h('p', { class: 'scroll-cue', hidden: true }, h('span', { 'aria-hidden': 'true' }, '⇆ '), t('compare.scrollCue')),
    h('div', { class: 'columns', role: 'group', 'aria-label': t('compare.columns'), style: { '--cols': String(g.amendments.length + 1) } },
      column(ctx, null, g),
      g.amendments.map((id) => column(ctx, id, g))));
}

/** Columns wider than the screen scroll sideways: say so, and let the keyboard scroll them. */
function markScrolling(root) {
  for (const cols of root.querySelectorAll('.columns')) {
    const over = cols.scrollWidth > cols.clientWidth + 1;
    cols.classList.toggle('overflowing', over);
    if (over) cols.setAttribute('tabindex', '0');
    else cols.removeAttribute('tabindex');
    const cue = cols.previousElementSibling;
    if (cue?.classList.contains('scroll-cue')) cue.hidden = !over;
  }
}

export default {
  id: 'compare',
  hash: 'jamfor',
  label: 'view.compare',
  mount(main) {
    const update = (reason) => {
      if (reason === 'status' || reason === 'saved' || reason === 'selection') return;
      const ctx = { mode: 'changes', colours: partyColours(state.case.members), interactive: false, ids: false };
      const groups = state.check.groups;
      main.replaceChildren(h('section', { class: 'compare', 'aria-labelledby': 'compare-title' },
        h('h2', { id: 'compare-title' }, t('compare.title')),
        h('p', { class: 'intro' }, t('compare.intro')),
        groups.length ? groups.map((g, i) => group(ctx, g, i)) : h('p', { class: 'empty' }, t('compare.none'))));
      markScrolling(main);
    };
    update('open');
    const onResize = () => markScrolling(main);
    window.addEventListener('resize', onResize);
    return { update, unmount() { window.removeEventListener('resize', onResize); } };
  },
  /** `#jamfor-2` shows group 2. */
  focus(rest) {
    const el = document.getElementById(`jamfor-${rest}`);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  },
};
