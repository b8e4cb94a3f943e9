// Export and print: the adopted text (.docx, .txt, .md, .html) for the chosen set of
// amendments (by hand, or the set the vote adopted), the tracked changes
// (.docx with Word revisions, .html, CriticMarkup), the minutes (.docx, .html, .txt), the case (.json), a
// member's proposals ("Mina förslag": a draft file or a link carrying it), and printing.

import { download, h, slug } from '../dom.js';
import * as engine from '../wasm.js';
import { errorText, lang, t } from '../i18n.js';
import { chip, partyColours } from '../render.js';
import { label, setShown, setStatus, setView, state, toggleShown, vote } from '../state.js';
import { exportMinutes, MINUTES_FORMATS } from './vote.js';
import { draftLink, draftOf, exportDraft } from '../drafts.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FILES = {
  txt: { suffix: '-antagen.txt', type: 'text/plain' },
  md: { suffix: '-antagen.md', type: 'text/markdown' },
  html: { suffix: '-antagen.html', type: 'text/html' },
  'tracked-html': { suffix: '-andringar.html', type: 'text/html' },
  critic: { suffix: '-andringar.md', type: 'text/markdown' },
  json: { suffix: '.json', type: 'application/json' },
  docx: { suffix: '-antagen.docx', type: DOCX },
  'tracked-docx': { suffix: '-andringar.docx', type: DOCX },
};

/** A .docx file of the chosen amendments, made by the engine's full module. */
async function exportDocx(what) {
  if (!engine.isFull()) setStatus(t('export.loadingWord'));
  await engine.useFull();
  return engine.docx(state.shown, what === 'tracked-docx');
}

export async function exportFile(what) {
  if (what === 'minutes' || what.startsWith('minutes-')) {
    await exportMinutes(what === 'minutes' ? 'txt' : what.slice('minutes-'.length));
    return;
  }
  const file = `${slug(state.case.title)}${FILES[what].suffix}`;
  let content;
  try {
    content = FILES[what].type === DOCX
      ? await exportDocx(what)
      : what === 'json' ? engine.caseJson() : engine.call((w) => w.export(what, state.shown, lang()));
  } catch (e) {
    setStatus(t('export.failed', { message: errorText(e) }), 'error', e?.message);
    return;
  }
  download(file, content, FILES[what].type);
  setStatus(t('export.done', { file }));
}

function conflictsInChosen() {
  const shown = new Set(state.shown);
  return state.check.conflicts.filter((c) => c.kind !== 'identical' && shown.has(c.a.amendment) && shown.has(c.b.amendment) && c.a.amendment !== c.b.amendment);
}

/** "Mina förslag": a member's proposals as a draft file, or as a link that carries the draft. */
function myProposals() {
  const proposers = state.case.members.filter((m) => state.case.amendments.some((a) => a.proposer === m.id));
  if (!proposers.length) return null;
  const select = h('select', { id: 'mine-member' }, proposers.map((m) => h('option', { value: m.id }, m.party ? `${m.name} (${m.party})` : m.name)));
  const link = h('input', { id: 'mine-link', type: 'text', readonly: true, class: 'mine-link', 'aria-describedby': 'mine-hint', hidden: true });
  const linkLabel = h('label', { for: 'mine-link', hidden: true }, t('mine.link'));
  const copy = async () => {
    try {
      const url = await draftLink(await draftOf(select.value));
      link.value = url;
      link.hidden = false;
      linkLabel.hidden = false;
      // a browser that asks before letting the page write may never answer
      const copied = await Promise.race([
        navigator.clipboard.writeText(url).then(() => true, () => false),
        new Promise((done) => { setTimeout(() => done(false), 1500); }),
      ]).catch(() => false);
      link.select();
      setStatus(t(copied ? 'mine.copied' : 'mine.copyByHand'));
    } catch (e) {
      setStatus(t('export.failed', { message: errorText(e) }), 'error', e?.message);
    }
  };
  return h('section', { class: 'mine' }, h('h3', {}, t('mine.title')),
    h('p', { class: 'hint', id: 'mine-hint' }, t('mine.hint')),
    h('div', { class: 'field' }, h('label', { for: 'mine-member' }, t('mine.member')), select),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', 'data-export': 'draft', on: { click: () => exportDraft(select.value) } }, t('mine.file')),
      h('button', { type: 'button', 'data-export': 'draft-link', on: { click: copy } }, t('mine.copyLink'))),
    h('div', { class: 'field' }, linkLabel, link));
}

export default {
  id: 'export',
  hash: 'export',
  label: 'view.export',
  /** `#export-mine`: the member's own proposals, to send ("Mina förslag"). */
  focus(rest) {
    if (rest !== 'mine') return;
    const select = document.getElementById('mine-member');
    select?.scrollIntoView({ block: 'center' });
    select?.focus();
  },
  mount(main) {
    const update = (reason) => {
      if (reason === 'status' || reason === 'saved' || reason === 'selection') return;
      const ctx = { colours: partyColours(state.case.members) };
      const all = state.case.amendments.filter((a) => !a.withdrawn).map((a) => a.id);
      const conflicts = conflictsInChosen();
      const v = vote();
      const adopted = v.decision?.adopted ?? null;
      const decided = Boolean(v.decision && !v.problem && (state.case.procedure?.propositions ?? []).length);
      const blocked = conflicts.length > 0;
      const button = (what, key) => h('button', { type: 'button', 'data-export': what, disabled: blocked && what !== 'json', 'aria-describedby': blocked && what !== 'json' ? 'export-conflict' : null, on: { click: () => exportFile(what) } }, t(key));
      main.replaceChildren(h('section', { class: 'export', 'aria-labelledby': 'export-title' },
        h('h2', { id: 'export-title' }, t('export.title')),
        h('p', { class: 'intro' }, t('export.intro')),
        h('fieldset', { class: 'chosen' },
          h('legend', {}, t('export.chosen')),
          state.case.amendments.length
            ? h('ul', {}, state.case.amendments.map((a) => h('li', {},
              h('label', {},
                h('input', { type: 'checkbox', checked: state.shown.includes(a.id), on: { change: (e) => toggleShown(a.id, e.target.checked) } }),
                ' ', chip(ctx, a.id), ' ', label(a.id).long))))
            : h('p', {}, t('list.none')),
          h('div', { class: 'list-buttons' },
            h('button', { type: 'button', class: 'small', on: { click: () => setShown(all) } }, t('list.all')),
            h('button', { type: 'button', class: 'small', on: { click: () => setShown([]) } }, t('list.noneShown')),
            decided ? h('button', { type: 'button', class: 'small', id: 'export-use-decision', on: { click: () => setShown(adopted) } }, t('export.useDecision')) : null)),
        conflicts.length
          ? h('p', { class: 'note warn', id: 'export-conflict' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('error.conflict'), ' ',
            conflicts.map((c) => `${label(c.a.amendment).short} – ${label(c.b.amendment).short}`).filter((x, i, a) => a.indexOf(x) === i).join(', '))
          : null,
        h('div', { class: 'export-groups' },
          h('section', {}, h('h3', {}, t('export.adopted')),
            h('div', { class: 'buttons' }, button('docx', 'export.docx'), button('txt', 'export.txt'), button('md', 'export.md'), button('html', 'export.html'))),
          h('section', {}, h('h3', {}, t('export.tracked')),
            h('div', { class: 'buttons' }, button('tracked-docx', 'export.trackedDocx'), button('tracked-html', 'export.trackedHtml'), button('critic', 'export.critic'))),
          h('section', {}, h('h3', {}, t('export.minutesTitle')),
            v.minutes ? null : h('p', { class: 'hint', id: 'export-minutes-hint' }, t('export.minutesBlocked')),
            v.minutes?.notice ? h('p', { class: 'note warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), v.minutes.notice) : null,
            h('div', { class: 'buttons' }, MINUTES_FORMATS.map((f) => {
              const what = f === 'txt' ? 'minutes' : `minutes-${f}`;
              return h('button', { type: 'button', 'data-export': what, disabled: !v.minutes, 'aria-describedby': v.minutes ? null : 'export-minutes-hint', on: { click: () => exportFile(what) } }, t(`export.minutes.${f}`));
            }))),
          h('section', {}, h('h3', {}, t('export.case')),
            h('div', { class: 'buttons' }, button('json', 'export.json'))),
          myProposals(),
          h('section', {}, h('h3', {}, t('export.print')),
            h('p', { class: 'hint' }, t('export.printHint')),
            h('div', { class: 'buttons' }, h('button', { type: 'button', on: { click: () => { setView('plan'); location.hash = '#planen'; setTimeout(() => window.print(), 50); } } }, t('export.print')))))));
    };
    update('open');
    return { update, unmount() {} };
  },
};
