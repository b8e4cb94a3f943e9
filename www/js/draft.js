// Drafting and editing an amendment in a dialog: what to change (from a
// selection or a heading's menu), the proposer, the kind, and the wording
// for the minutes (suggested by the engine, editable). The draft is checked
// against the plan as it is typed.

import { h } from './dom.js';
import * as engine from './wasm.js';
import { errorText, lang, t } from './i18n.js';
import { amendment, commit, label, member, setFocus, setStatus, state, toggleShown } from './state.js';
import { firstBlockBelow } from './render.js';
import * as P from './procedure.js';
import * as typing from './typing.js';

const PROPOSER_KEY = 'amend.proposer';

let counter = 0;
const uid = (p) => `${p}-${++counter}`;

/** Opens a modal dialog; Escape closes it; focus returns where it was. */
export function modal(title, build, { className = '', focusAfter = null, onClose = null } = {}) {
  const opener = document.activeElement;
  const titleId = uid('dlg-title');
  const dialog = h('dialog', { class: `dialog ${className}`, 'aria-labelledby': titleId });
  const close = () => dialog.close();
  dialog.append(
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'close', 'aria-label': t('draft.close'), title: t('draft.close'), on: { click: close } }, '×')),
    build(close),
  );
  dialog.addEventListener('close', () => {
    onClose?.();
    dialog.remove();
    // the opener may have gone with the change (or with its menu): then the text
    const target = focusAfter?.() ?? (opener && document.contains(opener) ? opener : null) ?? document.getElementById('doc') ?? document.getElementById('main');
    target?.focus({ preventScroll: true });
  });
  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector('[autofocus]') ?? dialog.querySelector('textarea, input, select, button:not(.close)');
  first?.focus();
  return dialog;
}

function headingOccurrence(index) {
  const text = state.blocks[index].text.trim().toLowerCase();
  const same = state.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'heading' && b.text.trim().toLowerCase() === text);
  return same.length > 1 ? same.findIndex(({ i }) => i === index) + 1 : undefined;
}

function quoteOfBlock(index) {
  const text = state.blocks[index].text;
  return engine.call((w) => w.quoteAt(index, 0, index, text.length));
}

function narrowed(op, q) {
  if (q?.section) op.section = q.section;
  if (q?.occurrence) op.occurrence = q.occurrence;
  return op;
}

/** The operation a new draft starts from. */
function firstOp(spec) {
  const q = spec.quote;
  switch (spec.action) {
    case 'delete':
      return narrowed({ action: 'delete', quote: q.quote }, q);
    case 'replace':
      return narrowed({ action: 'replace', quote: q.quote, text: q.quote }, q);
    case 'insert':
      return narrowed({ action: 'insert', quote: q.quote, position: 'after', as: 'sentence', text: '' }, q);
    case 'delete_section':
    case 'delete_heading': {
      const op = { action: spec.action, heading: state.blocks[spec.block].text };
      const n = headingOccurrence(spec.block);
      if (n) op.occurrence = n;
      return op;
    }
    case 'change_heading': {
      const hq = quoteOfBlock(spec.block);
      return narrowed({ action: 'replace', quote: hq.quote, text: hq.quote }, hq);
    }
    case 'insert_end':
    case 'insert_start': {
      const op = { action: 'insert', heading: state.blocks[spec.block].text, position: spec.action === 'insert_end' ? 'end' : 'start', as: 'sentence', text: '' };
      const n = headingOccurrence(spec.block);
      if (n) op.occurrence = n;
      return op;
    }
    default:
      throw new Error(`unknown draft action ${spec.action}`);
  }
}

function cleanOp(op) {
  const out = {};
  for (const [k, v] of Object.entries(op)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/** Editors for one operation; `changed()` is called on every edit. */
function opEditor(op, ctx, changed) {
  const fields = [];
  const legend = t(`draft.op.${op.action}`);
  const where = [];
  if (ctx.heading) where.push(`${t('draft.heading')}: ${ctx.heading}`);
  if (ctx.page && state.pages > 1) where.push(t('toc.page', { page: ctx.page }));
  if (op.quote !== undefined) {
    fields.push(h('div', { class: 'quote' },
      h('span', { class: 'field-label' }, t('draft.quote')),
      h('blockquote', { lang: 'sv' }, op.quote),
      where.length ? h('p', { class: 'where' }, where.join(' · ')) : null));
  } else if (op.heading !== undefined) {
    fields.push(h('div', { class: 'quote' },
      h('span', { class: 'field-label' }, t('draft.heading')),
      h('blockquote', { lang: 'sv' }, op.heading)));
  }
  if (op.action === 'replace' || op.action === 'insert') {
    const id = uid('text');
    const area = h('textarea', { id, lang: 'sv', rows: 4, required: true, 'data-field': 'text', on: { input: (e) => { op.text = e.target.value; changed(); } } });
    area.value = op.text ?? '';
    fields.push(h('div', { class: 'field' }, h('label', { for: id }, op.action === 'replace' ? t('draft.newText') : t('draft.insertText')), area));
  }
  if (op.action === 'insert') {
    const radios = (keyPrefix, values, current, onPick) => {
      const name = uid(keyPrefix);
      return h('div', { class: 'radios' }, values.map((v) => {
        const id = uid(keyPrefix);
        return h('label', { for: id, class: 'radio' },
          h('input', { type: 'radio', id, name, value: v, checked: v === current, on: { change: () => onPick(v) } }),
          ` ${t(`draft.${keyPrefix}.${v}`)}`);
      }));
    };
    const positions = op.quote !== undefined ? ['before', 'after', ...(ctx.heading ? ['end', 'start'] : [])] : ['end', 'start'];
    fields.push(h('fieldset', { class: 'choice' }, h('legend', {}, t('draft.position')),
      radios('pos', positions, op.position, (v) => {
        op.position = v;
        if ((v === 'end' || v === 'start') && op.quote !== undefined) {
          op.heading = ctx.heading;
          ctx.savedQuote = { quote: op.quote, section: op.section, occurrence: op.occurrence };
          delete op.quote;
          delete op.section;
          delete op.occurrence;
        } else if ((v === 'before' || v === 'after') && op.quote === undefined && ctx.savedQuote) {
          Object.assign(op, ctx.savedQuote);
          delete op.heading;
        }
        changed();
      })));
    const headingId = uid('newheading');
    const headingInput = h('input', { id: headingId, type: 'text', lang: 'sv', 'data-field': 'new_heading', 'aria-required': 'true', value: op.new_heading ?? '', on: { input: (e) => { op.new_heading = e.target.value; changed(); } } });
    const headingField = h('div', { class: 'field', hidden: op.as !== 'section' }, h('label', { for: headingId }, t('draft.newHeading')), headingInput);
    const levelField = levelChoice(op, ctx, changed);
    levelField.hidden = op.as !== 'section';
    fields.push(h('fieldset', { class: 'choice' }, h('legend', {}, t('draft.as')),
      radios('as', ['sentence', 'paragraph', 'section'], op.as ?? 'sentence', (v) => {
        op.as = v;
        headingField.hidden = v !== 'section';
        levelField.hidden = v !== 'section';
        // a level is only for a new section
        if (v !== 'section') {
          delete op.new_heading_level;
          levelField.querySelector('select').value = '';
        }
        changed();
      })));
    fields.push(headingField, levelField);
  }
  return h('fieldset', { class: 'op' }, h('legend', {}, legend), fields);
}

/**
 * A new section's heading level: the level of the section beside it (the
 * default, no `new_heading_level`), a sub-section of it, or any level 1–6.
 */
function levelChoice(op, ctx, changed) {
  const id = uid('level');
  const beside = ctx.headingIndex ?? (op.heading !== undefined
    ? state.blocks.findIndex((b) => b.type === 'heading' && b.text.trim() === op.heading.trim())
    : -1);
  const at = state.blocks[beside]?.type === 'heading' ? state.blocks[beside] : null;
  const level = at?.level;
  const options = [h('option', { value: '' }, level
    ? t('draft.level.same', { heading: at.text, level })
    : t('draft.level.sameUnknown'))];
  if (level && level < 6) options.push(h('option', { value: String(level + 1) }, t('draft.level.sub', { heading: at.text, level: level + 1 })));
  for (let n = 1; n <= 6; n++) {
    if (n !== level && n !== level + 1) options.push(h('option', { value: String(n) }, t('draft.level.n', { level: n })));
  }
  const select = h('select', { id, 'data-field': 'new_heading_level', on: { change: (e) => {
    if (e.target.value) op.new_heading_level = Number(e.target.value);
    else delete op.new_heading_level;
    changed();
  } } }, options);
  select.value = op.new_heading_level && op.new_heading_level !== level ? String(op.new_heading_level) : '';
  return h('div', { class: 'field' }, h('label', { for: id }, t('draft.headingLevel')), select);
}

function knownParties() {
  return [...new Set(state.case.members.map((m) => m.party).filter(Boolean))];
}

function memberFor(draft, name, party) {
  const n = name.trim().replace(/\s+/g, ' ');
  const p = party.trim();
  const found = draft.members.find((m) => m.name.toLowerCase() === n.toLowerCase() && m.party.toLowerCase() === p.toLowerCase());
  if (found) return found.id;
  const initials = n.split(' ').map((w) => w[0] ?? '').join('').toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '') || 'm';
  let id = initials;
  for (let i = 2; draft.members.some((m) => m.id === id); i++) id = `${initials}${i}`;
  draft.members.push({ id, name: n, party: p });
  return id;
}

function newId(draft, party) {
  const base = party.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '') || 'f';
  let i = 1;
  while (draft.amendments.some((a) => a.id === `${base}${i}`)) i++;
  return `${base}${i}`;
}

function savedProposer() {
  try {
    return JSON.parse(localStorage.getItem(PROPOSER_KEY) || 'null');
  } catch {
    return null;
  }
}

/**
 * The proposer's name and party: the members and parties known offered, a
 * known member's party following the name. `given(errorEl)` says what is
 * missing (and focuses it); `remember()` keeps the proposer for the next
 * draft.
 */
function proposerFields(proposer) {
  const nameId = uid('name');
  const partyId = uid('party');
  const membersList = uid('members');
  const partiesList = uid('parties');
  const name = h('input', { id: nameId, type: 'text', autocomplete: 'off', list: membersList, required: true, value: proposer?.name ?? '' });
  const party = h('input', { id: partyId, type: 'text', autocomplete: 'off', list: partiesList, size: 6, 'aria-required': 'true', value: proposer?.party ?? '' });
  const follow = () => {
    const m = state.case.members.find((x) => x.name.toLowerCase() === name.value.trim().toLowerCase());
    if (m) party.value = m.party;
  };
  name.addEventListener('change', follow);
  name.addEventListener('input', follow);
  const fieldset = h('fieldset', { class: 'proposer' }, h('legend', {}, t('draft.proposer')),
    h('div', { class: 'field' }, h('label', { for: nameId }, t('draft.name')), name),
    h('div', { class: 'field party' }, h('label', { for: partyId }, t('draft.party')), party),
    h('datalist', { id: membersList }, state.case.members.map((m) => h('option', { value: m.name }))),
    h('datalist', { id: partiesList }, knownParties().map((p) => h('option', { value: p }))));
  const given = (errorEl) => {
    const missing = !name.value.trim() ? [name, 'draft.nameMissing'] : !party.value.trim() ? [party, 'draft.partyMissing'] : null;
    if (!missing) return true;
    errorEl.textContent = t(missing[1]);
    missing[0].focus();
    return false;
  };
  const remember = () => {
    try {
      localStorage.setItem(PROPOSER_KEY, JSON.stringify({ name: name.value.trim(), party: party.value.trim() }));
    } catch { /* remembering the proposer is a convenience */ }
  };
  return { fieldset, name, party, given, remember };
}

/**
 * The dialog for a new amendment (`spec` = {action, quote} from a selection
 * or {action, block} from a heading's menu) or an existing one (`editId`).
 */
export function openDraft(spec, editId = null, restored = null) {
  const existing = editId ? amendment(editId) : null;
  const ops = restored?.ops ?? (existing ? structuredClone(existing.ops) : [firstOp(spec)]);
  const quote = spec?.quote;
  const heading = quote?.heading ?? (spec?.block !== undefined ? state.blocks[spec.block].text : null);
  const page = quote?.page ?? (spec?.block !== undefined ? state.blocks[spec.block].page : null);
  // the heading of the section the draft starts from
  const first = quote?.blocks?.start;
  const headingIndex = first !== undefined
    ? (state.blocks[first]?.type === 'heading' ? first : state.blocks[first]?.parent ?? undefined)
    : spec?.block;
  const ctx = { heading, page, headingIndex };
  const proposer = restored ? { name: restored.name, party: restored.party } : existing ? member(existing.proposer) : savedProposer();
  let wordingEdited = restored?.wordingEdited ?? Boolean(existing);
  let savedId = null;
  const additionByDefault = ops.every((o) => o.action === 'insert');

  return modal(existing ? t('draft.titleEdit', { label: label(editId).short }) : t('draft.titleNew'), (close) => {
    const kindId = uid('kind');
    const wordingId = uid('wording');
    const who = proposerFields(proposer);
    const { name, party } = who;
    const checkEl = h('p', { class: 'check', role: 'status', 'aria-live': 'polite' });
    const errorEl = h('p', { class: 'form-error', role: 'alert' });
    const wording = h('textarea', { id: wordingId, lang: 'sv', rows: 4, 'aria-describedby': `${wordingId}-hint`, on: { input: () => { wordingEdited = true; } } });
    const refresh = () => {
      const clean = ops.map(cleanOp);
      if (!clean.length) {
        checkEl.textContent = t('draft.noOpsCheck');
        checkEl.className = 'check';
        return;
      }
      try {
        engine.call((w) => w.locateOps(clean));
        checkEl.textContent = `✓ ${t('draft.ok')}`;
        checkEl.className = 'check ok';
      } catch (e) {
        const missingText = clean.some((o) => (o.action === 'replace' || o.action === 'insert') && !o.text?.trim());
        checkEl.replaceChildren(missingText
          ? t('draft.textMissing')
          : h('span', {}, `⚠ ${errorText(e)}`, e?.help ? h('small', { class: 'detail', lang: 'en' }, e.help) : null,
            e?.message ? h('details', {}, h('summary', {}, t('error.details')), h('small', { lang: 'en' }, e.message)) : null));
        checkEl.className = 'check bad';
      }
      if (!wordingEdited) {
        try {
          wording.value = engine.call((w) => w.wording(clean, 'sv'));
        } catch { /* shown by the check above */ }
      }
    };
    const kind = h('select', { id: kindId },
      h('option', { value: 'change', selected: existing ? existing.kind === 'change' : !additionByDefault }, t('draft.kind.change')),
      h('option', { value: 'addition', selected: existing ? existing.kind === 'addition' : additionByDefault }, t('draft.kind.addition')));
    wording.value = restored?.wording ?? existing?.wording ?? '';
    if (restored?.kind) kind.value = restored.kind;
    const conditional = h('input', { type: 'checkbox', id: uid('conditional'), checked: restored?.conditional ?? Boolean(existing?.conditional) });

    const submit = (e) => {
      e.preventDefault();
      errorEl.textContent = '';
      if (!who.given(errorEl)) return;
      if (ops.some((o) => o.as === 'section' && !o.new_heading?.trim())) {
        errorEl.textContent = t('draft.headingMissing');
        document.querySelector('dialog [data-field="new_heading"]')?.focus();
        return;
      }
      const clean = ops.map(cleanOp);
      if (clean.some((o) => (o.action === 'replace' || o.action === 'insert') && !o.text?.trim())) {
        errorEl.textContent = t('draft.textMissing');
        document.querySelector('dialog [data-field="text"]')?.focus();
        return;
      }
      let id = editId;
      const anchor = viewAnchor();
      const labelsBefore = new Map(state.case.amendments.map((a) => [a.id, label(a.id).short]));
      try {
        id = commit(existing ? `${t('list.edit')} ${label(editId).short}` : t('draft.titleNew'), (draft) => {
          const proposerId = memberFor(draft, name.value, party.value);
          const a = {
            ...(existing ?? {}),
            id: existing?.id ?? newId(draft, party.value),
            proposer: proposerId,
            kind: kind.value,
            wording: wording.value.trim(),
            ops: clean,
          };
          if (conditional.checked) a.conditional = true;
          else delete a.conditional;
          if (existing) draft.amendments = draft.amendments.map((x) => (x.id === a.id ? a : x));
          else draft.amendments.push(a);
          return a.id;
        }, (saved) => (existing ? setFocus(saved, true) : toggleShown(saved, true, true)));
      } catch (err) {
        errorEl.textContent = `${errorText(err)} ${err?.message ?? ''}`;
        return;
      }
      who.remember();
      savedId = id;
      close();
      // another proposal's label that changed with this one ("MP" is now "MP 1") is said, not left to be noticed
      const renamed = [...labelsBefore].filter(([x, was]) => x !== id && amendment(x) && label(x).short !== was)
        .map(([x, was]) => t('draft.renamed', { was, now: label(x).short }));
      setStatus([t('draft.saved', { label: label(id).short }), ...renamed].join(' '));
      keepAnchor(anchor);
    };

    // a new change may be the one a proposal whose wording could not be read lacks
    const orphans = existing ? [] : state.case.amendments.filter((a) => !a.ops.length);
    const attach = (a) => {
      const m = member(a.proposer);
      close();
      openDraft(spec, a.id, { ops: ops.map(cleanOp), name: m?.name ?? '', party: m?.party ?? '', kind: a.kind, conditional: Boolean(a.conditional), wording: a.wording ?? '', wordingEdited: true });
    };
    const form = h('form', { class: 'draft-form', on: { submit } },
      existing && !ops.length ? h('p', { class: 'note warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('draft.noOps')) : null,
      ops.map((op) => opEditor(op, ctx, refresh)),
      orphans.length ? h('fieldset', { class: 'attach' }, h('legend', {}, t('draft.attach')),
        h('p', { class: 'hint' }, t('draft.attachHint')),
        h('div', { class: 'buttons' }, orphans.map((a) => h('button', { type: 'button', on: { click: () => attach(a) } }, t('draft.attachTo', { label: label(a.id).short }))))) : null,
      checkEl,
      who.fieldset,
      h('div', { class: 'field' }, h('label', { for: kindId }, t('draft.kind')), kind),
      h('label', { class: 'radio' }, conditional, ` ${t('meeting.conditional')}`),
      h('div', { class: 'field' },
        h('label', { for: wordingId }, t('draft.wording')),
        wording,
        h('p', { class: 'hint', id: `${wordingId}-hint` }, t('draft.wordingHint'), ' ',
          h('button', { type: 'button', class: 'link', on: { click: () => { wordingEdited = false; refresh(); } } }, t('draft.wordingReset')))),
      errorEl,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, t('draft.save')),
        h('button', { type: 'button', on: { click: close } }, t('draft.cancel'))));
    refresh();
    // what is typed survives a reload (typing.js), until the dialog is closed
    const keep = () => typing.keep('draft', state.caseId, {
      spec, editId, ops, name: name.value, party: party.value, kind: kind.value, conditional: conditional.checked, wording: wording.value, wordingEdited,
    });
    form.addEventListener('input', keep);
    form.addEventListener('change', keep);
    if (restored) keep();
    return form;
  }, { className: 'draft', focusAfter: () => (savedId ? cardFor(savedId) : null), onClose: () => typing.keep('draft', null, null) });
}

/**
 * A proposal that arrives as its Swedish wording (an e-mail, a paper): the
 * proposer, the kind and the wording pasted; what the engine reads from it
 * is shown as it is typed, located in the plan; saved, it is marked as read
 * from its wording until confirmed (or kept with no changes, to be given
 * them from a selection, when it cannot be read).
 */
// what was typed in a pasted proposal's dialog closed without saving (Esc,
// Avbryt), given back when it is opened again in the same case
let pastedLeft = null;

export function openWordingDraft() {
  let savedId = null;
  let typed = null; // what the dialog holds, for pastedLeft
  const left = pastedLeft?.caseId === state.caseId ? pastedLeft : null;
  pastedLeft = null;
  return modal(t('pasted.title'), (close) => {
    const kindId = uid('kind');
    const wordingId = uid('wording');
    // each pasted proposal is someone's: the fields start empty, and the
    // wording's opening ("Anna Berg (C) yrkar …") fills them until typed in
    const who = proposerFields(null);
    let typedProposer = false;
    who.fieldset.addEventListener('input', () => { typedProposer = true; });
    const readEl = h('div', { class: 'check', role: 'status', 'aria-live': 'polite', id: `${wordingId}-read` });
    const errorEl = h('p', { class: 'form-error', role: 'alert' });
    const kind = h('select', { id: kindId },
      h('option', { value: 'change' }, t('draft.kind.change')),
      h('option', { value: 'addition' }, t('draft.kind.addition')));
    const wording = h('textarea', { id: wordingId, lang: 'sv', rows: 8, required: true, 'aria-describedby': `${wordingId}-hint ${wordingId}-read` });
    if (left) {
      who.name.value = left.name;
      who.party.value = left.party;
      kind.value = left.kind;
      wording.value = left.wording;
      typedProposer = left.typedProposer;
    }
    typed = () => ({
      caseId: state.caseId, name: who.name.value, party: who.party.value, kind: kind.value, wording: wording.value, typedProposer,
    });
    let read = { ops: [] };
    const show = () => {
      const text = wording.value.trim();
      if (!text) {
        read = { ops: [] };
        readEl.textContent = '';
        return;
      }
      read = engine.readWording(text);
      if (read.unread) {
        readEl.className = 'check bad';
        readEl.replaceChildren(h('span', {}, '⚠ ', t('pasted.unread', { part: read.unread.part })),
          h('details', {}, h('summary', {}, t('error.details')), h('small', { lang: 'en' }, read.unread.why)));
        return;
      }
      let found = null;
      try {
        engine.call((w) => w.locateOps(read.ops));
      } catch (e) {
        found = e;
      }
      const as = engine.call((w) => w.wording(read.ops, 'sv'));
      readEl.className = found ? 'check bad' : 'check ok';
      readEl.replaceChildren(
        h('span', {}, found ? '⚠ ' : '✓ ', t(read.ops.length === 1 ? 'pasted.readAs.one' : 'pasted.readAs', { n: read.ops.length }), ' ', h('span', { class: 'read-as', lang: 'sv' }, as)),
        h('br'),
        found ? h('span', {}, t('pasted.notFound', { message: errorText(found) })) : h('span', {}, t('draft.ok')));
    };
    let timer = null;
    wording.addEventListener('input', () => {
      const opening = /^\s*([A-ZÅÄÖ][^()\n]{1,60}?)\s*\(([^()\n]{1,12})\)/.exec(wording.value);
      if (!typedProposer && opening && /\b(yrkar|föreslår|lämnar|lägger)\b/.test(wording.value)) {
        who.name.value = opening[1].trim();
        who.party.value = opening[2].trim();
      }
      clearTimeout(timer);
      timer = setTimeout(show, 250);
    });
    const submit = (e) => {
      e.preventDefault();
      clearTimeout(timer);
      show();
      errorEl.textContent = '';
      if (!who.given(errorEl)) return;
      if (!wording.value.trim()) {
        errorEl.textContent = t('pasted.wordingMissing');
        wording.focus();
        return;
      }
      const anchor = viewAnchor();
      try {
        savedId = commit(t('pasted.title'), (draft) => {
          const a = {
            id: newId(draft, who.party.value),
            proposer: memberFor(draft, who.name.value, who.party.value),
            kind: kind.value,
            wording: wording.value.trim(),
            ops: read.ops ?? [],
          };
          if (a.ops.length) a.from_wording = true;
          draft.amendments.push(a);
          return a.id;
        }, (saved) => toggleShown(saved, true, true));
      } catch (err) {
        errorEl.textContent = `${errorText(err)} ${err?.message ?? ''}`;
        return;
      }
      who.remember();
      close();
      setStatus(t('draft.saved', { label: label(savedId).short }));
      keepAnchor(anchor);
    };
    if (left) show();
    return h('form', { class: 'draft-form pasted', on: { submit } },
      h('p', { class: 'hint' }, t('pasted.intro')),
      who.fieldset,
      h('div', { class: 'field' }, h('label', { for: kindId }, t('draft.kind')), kind),
      h('div', { class: 'field' },
        h('label', { for: wordingId }, t('draft.wording')),
        wording,
        h('p', { class: 'hint', id: `${wordingId}-hint` }, t('pasted.hint'))),
      readEl,
      errorEl,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, t('draft.save')),
        h('button', { type: 'button', on: { click: close } }, t('draft.cancel'))));
  }, {
    className: 'draft',
    focusAfter: () => (savedId ? cardFor(savedId) : null),
    onClose: () => {
      const now = savedId ? null : typed?.();
      if (now?.wording.trim()) pastedLeft = now;
    },
  });
}

/** An amendment's card in the list, made focusable. */
function cardFor(id) {
  const card = document.querySelector(`.am[data-id="${CSS.escape(id)}"]`);
  if (!card) return null;
  card.setAttribute('tabindex', '-1');
  // the list beside the text scrolls on its own (and only it: the text
  // stays where it is); below the text it is left where it is
  const slot = card.closest('.list-slot');
  if (slot && getComputedStyle(slot).position === 'sticky') {
    requestAnimationFrame(() => {
      const c = card.getBoundingClientRect();
      const r = slot.getBoundingClientRect();
      // the part of the list in the window
      const top = Math.max(r.top, 0);
      const bottom = Math.min(r.bottom, window.innerHeight);
      if (c.top < top) slot.scrollTop += c.top - top;
      else if (c.bottom > bottom) slot.scrollTop += Math.min(c.bottom - bottom, c.top - top);
    });
  }
  return card;
}

/** The first block of the text in view and where it stands. */
function viewAnchor() {
  const doc = document.getElementById('doc');
  const b = doc && firstBlockBelow(doc, 120);
  return b ? { index: b.dataset.index, top: b.getBoundingClientRect().top } : null;
}

/**
 * Scrolls so that the anchor's block stands where it stood: before the next
 * frame is drawn (not at once, which would lay the page out one more time),
 * and in the frames after, while the text around it is laid out and real
 * heights replace estimates (until it has stood still for three frames, ten
 * at most).
 */
function keepAnchor(anchor) {
  if (!anchor) return;
  const fix = () => {
    const el = document.querySelector(`#doc .blk[data-index="${anchor.index}"]`);
    if (!el) return false;
    const d = el.getBoundingClientRect().top - anchor.top;
    if (Math.abs(d) <= 1) return false;
    window.scrollBy({ top: d, behavior: 'instant' });
    return true;
  };
  let frames = 0;
  let still = 0;
  const settle = () => {
    still = fix() ? 0 : still + 1;
    if (still < 3 && ++frames < 10) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}

/** Deletes an amendment (after asking). */
/** Confirms operations read from a proposal's wording: they stand as read. */
export function confirmReading(id) {
  const l = label(id).short;
  commit(t('list.confirmReading', { label: l }), (draft) => {
    const a = draft.amendments.find((x) => x.id === id);
    if (a) delete a.from_wording;
  });
  setStatus(t('list.readingConfirmed', { label: l }));
}

export function deleteAmendment(id) {
  const l = label(id).short;
  if (!window.confirm(t('draft.confirmDelete', { label: l }))) return;
  commit(`${t('list.delete')} ${l}`, (draft) => {
    draft.amendments = draft.amendments.filter((a) => a.id !== id);
    // and out of the recorded vote
    if (draft.procedure) {
      P.forget(P.proc(draft), id);
      P.tidy(draft.procedure);
    }
  });
  setStatus(t('draft.deleted', { label: l }));
}

/**
 * The keyboard way to select: a read-only copy of a block's text in a text
 * area, where Shift+arrows select; then an action.
 */
export function openPicker(index, onPick) {
  const text = state.blocks[index].text;
  return modal(t('draft.pickTitle'), (close) => {
    const id = uid('pick');
    // not `readonly`: Chromium gives a read-only text area no caret, so no
    // keyboard selection; edits are refused instead
    const area = h('textarea', { id, 'aria-readonly': 'true', spellcheck: 'false', lang: 'sv', rows: Math.min(12, Math.ceil(text.length / 70) + 1), autofocus: true });
    area.value = text;
    area.addEventListener('beforeinput', (e) => e.preventDefault());
    area.addEventListener('input', () => { area.value = text; });
    area.addEventListener('focus', () => area.setSelectionRange(0, 0), { once: true });
    const run = (action) => {
      const { selectionStart: s, selectionEnd: e } = area;
      if (s === e) { area.focus(); return; }
      let q;
      try {
        q = engine.call((w) => w.quoteAt(index, s, index, e));
      } catch (err) {
        msg.textContent = errorText(err);
        return;
      }
      close();
      onPick(action, q);
    };
    const msg = h('p', { class: 'form-error', role: 'alert' });
    area.addEventListener('keydown', (e) => {
      if (e.altKey && e.shiftKey) {
        const action = { KeyS: 'delete', KeyE: 'replace', KeyL: 'insert' }[e.code];
        if (action) { e.preventDefault(); run(action); }
      }
    });
    return h('div', { class: 'picker' },
      h('label', { for: id }, t('draft.pickLabel')),
      area,
      msg,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', 'aria-keyshortcuts': 'Alt+Shift+S', on: { click: () => run('delete') } }, t('actions.delete')),
        h('button', { type: 'button', 'aria-keyshortcuts': 'Alt+Shift+E', on: { click: () => run('replace') } }, t('actions.change')),
        h('button', { type: 'button', 'aria-keyshortcuts': 'Alt+Shift+L', on: { click: () => run('insert') } }, t('actions.add'))));
  }, { className: 'picker-dialog' });
}
