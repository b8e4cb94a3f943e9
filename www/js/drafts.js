// Proposals drafted apart and gathered without a server: a member's
// proposals as a draft file ("amend-draft/1") or as a link that carries the
// draft in its fragment (#utkast=…, compressed; the fragment never leaves the
// browser), gathered into a case with the engine's merge. The engine's drafts
// live in the full module.

import { download, h, slug } from './dom.js';
import * as engine from './wasm.js';
import { errorText, t } from './i18n.js';
import { modal } from './draft.js';
import * as store from './store.js';
import { commit, label, member, openKept, setShown, setStatus, state } from './state.js';

export const DRAFT_FORMAT = 'amend-draft/1';
const FRAGMENT = 'utkast=';

/** Is this text a draft file? */
export function isDraft(text) {
  try {
    return JSON.parse(text)?.format === DRAFT_FORMAT;
  } catch {
    return false;
  }
}

/** Fetches the full module, which has the drafts, saying so the first time. */
export async function full() {
  if (!engine.isFull()) setStatus(t('drafts.loading'));
  await engine.useFull();
}

/** The draft file (JSON text) of `proposer`'s proposals in the open case. */
export async function draftOf(proposer) {
  await full();
  return engine.call((w) => w.draftOf(proposer));
}

/** The draft file's name: forslag-<member>-<case title>.json. */
export function draftName(proposer) {
  return `forslag-${slug(member(proposer)?.name ?? proposer)}-${slug(state.case.title)}.json`;
}

/** Downloads `proposer`'s proposals as a draft file. */
export async function exportDraft(proposer) {
  try {
    const json = await draftOf(proposer);
    const file = draftName(proposer);
    download(file, json, 'application/json');
    setStatus(t('export.done', { file }));
  } catch (e) {
    setStatus(t('export.failed', { message: errorText(e) }), 'error', e?.message);
  }
}

function base64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text) {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The app's address with `json` (a draft) in its fragment, compressed. */
export async function draftLink(json) {
  const packed = await through(new CompressionStream('deflate-raw'), new TextEncoder().encode(JSON.stringify(JSON.parse(json))));
  const here = new URL(location.href);
  here.hash = `${FRAGMENT}${base64url(packed)}`;
  return here.href;
}

/** The draft a #utkast=… fragment carries (JSON text), or null when the hash is not one. */
export async function draftFromHash(hash) {
  const at = hash.indexOf(FRAGMENT);
  if (!hash.startsWith('#') || at !== 1) return null;
  const bytes = await through(new DecompressionStream('deflate-raw'), unbase64url(hash.slice(1 + FRAGMENT.length)));
  return new TextDecoder().decode(bytes);
}

/** "a, b och c". */
function listed(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${t('drafts.and')} ${words.at(-1)}`;
}

/** What became of one proposal (`m`, the report's line; `was`, its id in the draft). */
function reportLine(m, was) {
  const name = `${label(m.id).short} (${m.id})`;
  const fields = () => listed((m.fields ?? []).map((f) => t(`drafts.field.${f}`)));
  const o = m.kind === 'added' ? t('drafts.added', { name })
    : m.kind === 'renamed' ? t('drafts.renamed', { from: m.from, name })
      : m.kind === 'updated' ? t('drafts.updated', { was: was ?? m.id, name, fields: fields() })
        : t('drafts.already', { was: was ?? m.id, name });
  if (!('other_version' in m)) return o;
  return `${o} ${m.other_version === null ? t('drafts.otherFound') : t('drafts.otherLost', { message: m.other_version })}`;
}

/** The sentence summing up a merge's report. */
function summary(report) {
  const n = (k) => report.filter((m) => m.kind === k).length;
  const look = report.filter((m) => typeof m.other_version === 'string').length;
  // "1 tillagt", "2 tillagda": the count's own key, '.one' for one
  const count = (key, k) => t(k === 1 ? `${key}.one` : key, { n: k });
  return t('drafts.summary', {
    added: count('drafts.added.n', n('added') + n('renamed')),
    already: n('already_there'),
    updated: count('drafts.updated.n', n('updated')),
    renamed: n('renamed'),
  })
    + (look ? ` ${count('drafts.needLook', look)}` : '');
}

/** Merges a draft (JSON text) into the open case, as one edit; returns the report. */
function mergeHere(json) {
  const r = engine.call((w) => w.mergeDraft(json));
  commit(t('drafts.undo'), (d) => {
    d.members = r.members;
    d.amendments = r.amendments;
  });
  // the proposals added or updated are shown
  const added = r.report.filter((m) => m.kind !== 'already_there').map((m) => m.id);
  if (added.length) setShown([...new Set([...state.shown, ...added])]);
  return r.report;
}

/**
 * Asks which case a draft (JSON text; `source` names where it came from)
 * goes into (the open one first), merges it and shows what became of each
 * proposal.
 */
export async function gatherDialog(json, source) {
  let cases = [];
  try {
    cases = (await store.list()).filter((c) => c.id !== state.caseId);
  } catch { /* only the open case */ }
  let draft = {};
  try {
    draft = JSON.parse(json);
  } catch { /* the engine says what is wrong */ }
  const count = Array.isArray(draft.amendments) ? draft.amendments.length : 0;
  return modal(t('drafts.gatherTitle'), (close) => {
    const select = h('select', { id: 'gather-case' },
      h('option', { value: '' }, state.case.title || t('new.untitled')),
      cases.map((c) => h('option', { value: c.id }, c.title || t('new.untitled'))));
    const said = h('div', { class: 'gather-said', role: 'status', 'aria-live': 'polite' });
    const go = h('button', { type: 'submit', class: 'primary' }, t('drafts.merge'));
    const cancel = h('button', { type: 'button', on: { click: close } }, t('draft.cancel'));
    return h('form', {
      class: 'gather-form',
      on: {
        submit: async (e) => {
          e.preventDefault();
          if (go.disabled) return;
          go.disabled = true;
          try {
            if (select.value && !(await openKept(select.value))) throw { message: t('cases.gone') };
            await full();
            const report = mergeHere(json);
            const line = summary(report);
            // the report's lines are in the draft's order
            said.replaceChildren(h('p', {}, line), h('ul', { class: 'gather-report' }, report.map((m, i) => h('li', {}, reportLine(m, draft.amendments?.[i]?.id)))));
            setStatus(line);
            select.disabled = true;
            go.remove();
            cancel.textContent = t('draft.close');
            cancel.focus();
          } catch (x) {
            go.disabled = false;
            said.replaceChildren(h('p', { class: 'form-error' }, t('drafts.failed', { message: errorText(x) })));
          }
        },
      },
    },
    h('p', {}, t('drafts.gatherIntro', { source, title: draft.title || t('new.untitled'), n: count })),
    h('div', { class: 'field' }, h('label', { for: 'gather-case' }, t('drafts.intoCase')), select),
    said,
    h('div', { class: 'buttons' }, go, cancel));
  }, { className: 'gather' });
}
