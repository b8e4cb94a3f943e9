// The vote (Votering): the order of propositions, how each was decided
// (the chair's finding or a roll call, with kontraproposition and the
// chair's casting vote), formal motions, presence and reservations — and
// beside them what follows: each proposal's status, the adopted text as
// tracked changes and the minutes. The engine works everything out (see
// state.vote); a procedure that does not add up is kept as entered and the
// problem is shown where it is.

import { download, h, slug } from '../dom.js';
import * as engine from '../wasm.js';
import { errorText, lang, t } from '../i18n.js';
import { chip, partyColours, patch, reuse, units } from '../render.js';
import { menuButton } from '../menu.js';
import * as P from '../procedure.js';
import { commit, label, member, setShown, setStatus, state, vote } from '../state.js';

// ---- names ----

function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** The base proposal's name as the minutes write it (in a sentence). */
function baseInSentence() {
  const b = state.case.base ?? {};
  if (lang() === 'en') return b.name_en || t('alt.baseMid');
  return b.name || t('alt.baseMid');
}

function baseName() {
  return capitalize(baseInSentence());
}

function memberName(id) {
  const m = member(id);
  return m ? (m.party ? `${m.name} (${m.party})` : m.name) : id;
}

function formal(id) {
  return (state.case.procedure?.formal ?? []).find((f) => f.id === id) ?? null;
}

/** An alternative's short name: "MP 2 + V 1", "Avslag", the base proposal's name. */
function altName(alt) {
  if (alt === P.BASE) return baseName();
  if (alt === P.REJECT) return t('alt.reject');
  if (alt === P.DECIDE) return t('alt.decide');
  const f = formal(alt);
  if (f) return t(f.kind === 'remit' ? 'alt.remit' : 'alt.postpone', { who: member(f.proposer)?.name ?? f.proposer });
  return P.parts(alt).map((id) => label(id).short).join(' + ');
}

/** An alternative's name inside a sentence ("… mot avslag"). */
function altMid(alt) {
  if (alt === P.BASE) return baseInSentence();
  if (alt === P.REJECT) return t('alt.rejectMid');
  if (alt === P.DECIDE) return t('alt.decideMid');
  const f = formal(alt);
  if (f) return t(f.kind === 'remit' ? 'alt.remitMid' : 'alt.postponeMid', { who: member(f.proposer)?.name ?? f.proposer });
  return altName(alt);
}

/** An alternative's long name: proposers and numbers written out. */
function altLong(alt) {
  const ids = P.parts(alt);
  if (ids.length && ids.every((id) => state.labels[id])) return ids.map((id) => label(id).long).join(t('list.and'));
  return altName(alt);
}

/** A proposal's name with its chip, for lists. */
function altChip(ctx, alt) {
  const ids = P.parts(alt).filter((id) => state.labels[id]);
  if (!ids.length) return h('span', { class: 'alt-name' }, altName(alt));
  return h('span', { class: 'alt-name' }, ids.map((id, i) => [i ? ' + ' : null, chip(ctx, id)]), ' ', h('span', { class: 'alt-long' }, altLong(alt)));
}

// ---- statuses ----

const STATUS_MARK = { adopted: '✓', rejected: '✕', fallen: '↘', withdrawn: '↩', open: '…' };

function statusText(s) {
  if (!s) return t('status.vote.open');
  if (s.status === 'fallen') return t('status.vote.fallen', { because: s.because ? altName(s.because) : '?' });
  if (formal(s.id)) return t(`status.vote.formal.${s.status}`);
  return t(`status.vote.${s.status}`);
}

function statusEl(s) {
  const st = s?.status ?? 'open';
  return h('span', { class: `st st-${st}` }, h('span', { 'aria-hidden': 'true' }, `${STATUS_MARK[st]} `), statusText(s));
}

// ---- notices and problems ----

function noticeText(n) {
  const [a, b] = n.ids.map(altName);
  const [p, q] = n.propositions.map((x) => x + 1);
  return t(`notice.${n.code}`, { a, b, p, q, message: n.message });
}

function problemText(pr, v) {
  const tally = pr.proposition !== null && pr.proposition !== undefined ? currentTotals(pr.proposition) : null;
  if (pr.code === 'tie' && tally && tally.ja + tally.nej + tally.avstar === 0) return t('problem.no_votes');
  const key = `problem.${pr.code}`;
  const text = t(key, {
    present: v.decision?.present ?? presentCount(),
    member: pr.reservation !== null && pr.reservation !== undefined && state.case.procedure.reservations[pr.reservation] ? who(state.case.procedure.reservations[pr.reservation]) : '',
  });
  if (text !== key) return text;
  const known = errorText(pr);
  return known === t('error.invalid') ? t('problem.invalid') : known;
}

/** The totals of the first round of proposition `i` that is tied without a casting vote. */
function currentTotals(i) {
  const rc = state.case.procedure?.propositions?.[i]?.roll_call;
  if (!rc) return null;
  const rounds = [...(rc.preliminary ?? []), rc.main];
  for (const r of rounds) {
    const c = r && P.tally(r);
    if (c && c.ja === c.nej && !r.casting_vote && !(r.found && !r.counts && !r.ballots?.length)) return c;
  }
  return null;
}

/** A problem that only says the votes have not been entered yet. */
function pending(pr) {
  // votes not entered yet, or a tie waiting for the chair's casting vote:
  // a step of the procedure, not an error
  return Boolean(pr) && (pr.code === 'no_votes' || pr.code === 'tie');
}

function problemBox(pr, v, id) {
  if (pending(pr)) {
    return h('div', { class: 'pending', id }, h('p', {}, h('span', { 'aria-hidden': 'true' }, '… '), problemText(pr, v)));
  }
  return h('div', { class: 'problem', id },
    h('p', {}, h('span', { 'aria-hidden': 'true' }, '✕ '), h('strong', {}, `${t('problem.title')}: `), problemText(pr, v)),
    h('details', {}, h('summary', {}, t('error.details')), h('p', { lang: 'en' }, pr.message)));
}

function noticeList(list, id) {
  if (!list.length) return null;
  return h('ul', { class: 'notices', id }, list.map((n) => h('li', { class: 'note warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), noticeText(n))));
}

// ---- editing ----

/** The element to focus after the next render, by id. */
let focusNext = null;

/** Changes the procedure (and anything else of the draft) with undo; errors go to the status line. */
function edit(what, fn, focus = null) {
  focusNext = focus;
  try {
    return commit(what, (d) => {
      const r = fn(P.proc(d), d);
      P.tidy(d.procedure);
      return r;
    });
  } catch (e) {
    setStatus(errorText(e), 'error', e?.message);
    return undefined;
  }
}

/** Edits from a text or number field wait until focus has moved on, so the render keeps it there. */
function later(fn) {
  setTimeout(fn, 0);
}

function count(v) {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function presentCount() {
  const p = state.case.procedure ?? {};
  return p.present_count ?? state.case.members.filter((m) => !(p.absent ?? []).includes(m.id)).length;
}

function presentMembers() {
  const absent = new Set(state.case.procedure?.absent ?? []);
  return state.case.members.filter((m) => !absent.has(m.id));
}

function round(prop, key) {
  return key === 'main' ? prop.roll_call.main : prop.roll_call.preliminary[Number(key.slice(3))];
}

// ---- a round of a roll call ----

function roundEditor(ctx, prop, i, key, r) {
  const pre = key !== 'main';
  const id = `p${i}-${key}`;
  const voted = Boolean(r.counts) || (r.ballots?.length ?? 0) > 0;
  const mode = pre && r.found && !voted ? 'finding' : r.counts ? 'counts' : 'ballots';
  const jaAlt = pre ? r.ja : prop.found;
  const nejAlt = pre ? r.nej : P.counterProposal(prop);
  const setRound = (what, fn, focus) => edit(what, (p) => {
    const q = p.propositions[i];
    fn(round(q, key), q);
    P.alignRounds(q);
  }, focus);
  const modes = pre ? ['finding', 'counts', 'ballots'] : ['counts', 'ballots'];
  const listed = state.case.members.length > 0;
  const out = [];
  out.push(h('p', { class: 'sides' },
    h('span', {}, t('vote.ja', { alt: jaAlt ? altMid(jaAlt) : '–' })), ' ',
    h('span', {}, t('vote.nej', { alt: nejAlt ? altMid(nejAlt) : t('vote.notYet') }))));
  out.push(h('div', { class: 'radios modes', role: 'radiogroup', 'aria-label': t('vote.how') },
    modes.map((m) => h('label', { class: 'radio' },
      h('input', {
        type: 'radio', name: `${id}-mode`, id: `${id}-mode-${m}`, value: m, checked: mode === m, disabled: m === 'ballots' && !listed,
        on: {
          change: () => setRound(t('undo.vote.method'), (x) => {
            delete x.counts;
            delete x.ballots;
            delete x.casting_vote;
            delete x.found;
            if (m === 'counts') x.counts = { ja: 0, nej: 0, avstar: 0 };
            if (m === 'finding') x.found = x.ja;
          }, `${id}-mode-${m}`),
        },
      }),
      ` ${t(`vote.mode.${m}`)}`))));
  if (!listed && !pre) out.push(h('p', { class: 'hint' }, t('vote.noMembers'), ' ', h('a', { href: '#sammantrade' }, t('vote.editMembers'))));
  if (mode === 'finding') {
    out.push(h('div', { class: 'radios', role: 'radiogroup', 'aria-label': t('vote.roundFinding') },
      [r.ja, r.nej].map((alt, k) => h('label', { class: 'radio' },
        h('input', {
          type: 'radio', name: `${id}-found`, id: `${id}-found-${k}`, checked: r.found === alt,
          on: { change: () => setRound(t('undo.vote.finding'), (x) => { x.found = alt; }, `${id}-found-${k}`) },
        }),
        ` ${t('vote.counterChosen', { alt: altName(alt) })}`))));
  } else if (mode === 'counts') {
    const c = r.counts ?? { ja: 0, nej: 0, avstar: 0 };
    out.push(h('div', { class: 'counts' }, ['ja', 'nej', 'avstar'].map((k) => h('div', { class: 'field count' },
      h('label', { for: `${id}-${k}` }, t(`vote.count.${k}`)),
      h('input', {
        type: 'number', id: `${id}-${k}`, min: '0', step: '1', inputmode: 'numeric', value: String(c[k] ?? 0),
        on: { change: (e) => { const n = count(e.target.value); later(() => setRound(t('undo.vote.counts'), (x) => { x.counts = { ...(x.counts ?? { ja: 0, nej: 0, avstar: 0 }), [k]: n }; })); } },
      })))));
  } else {
    out.push(ballotTable(r, id, (memberId, vote) => setRound(t('undo.vote.ballot'), (x) => {
      const order = state.case.members.map((m) => m.id);
      const list = (x.ballots ?? []).filter((b) => b.member !== memberId);
      if (vote) list.push({ member: memberId, vote });
      list.sort((a, b) => order.indexOf(a.member) - order.indexOf(b.member));
      x.ballots = list;
    }, `${id}-b-${memberId}-${vote || 'none'}`)));
  }
  const c = mode === 'finding' ? null : P.tally(r);
  if (c) {
    out.push(h('p', { class: 'totals' }, t('vote.totals', c)));
    if (c.ja === c.nej && c.ja + c.nej > 0) {
      out.push(h('fieldset', { class: 'casting' },
        h('legend', {}, t('vote.casting')),
        h('p', { class: 'hint' }, t('vote.castingHint', { n: c.ja })),
        h('div', { class: 'radios' }, ['ja', 'nej'].map((side) => h('label', { class: 'radio' },
          h('input', {
            type: 'radio', name: `${id}-casting`, id: `${id}-casting-${side}`, checked: r.casting_vote === side,
            on: { change: () => setRound(t('undo.vote.casting'), (x) => { x.casting_vote = side; }, `${id}-casting-${side}`) },
          }),
          ` ${t(`vote.casting.${side}`, { alt: (side === 'ja' ? jaAlt : nejAlt) ? altName(side === 'ja' ? jaAlt : nejAlt) : t('vote.notYet') })}`)))));
    }
  }
  return h('div', { class: `round ${pre ? 'round-pre' : 'round-main'}` }, out);
}

function ballotTable(r, id, set) {
  const votes = new Map((r.ballots ?? []).map((b) => [b.member, b.vote]));
  const choices = ['ja', 'nej', 'avstar', ''];
  return h('table', { class: 'ballots' },
    h('caption', { class: 'sr-only' }, t('vote.ballots')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('meeting.member')),
      choices.map((c) => h('th', { scope: 'col' }, t(`vote.choice.${c || 'none'}`))))),
    h('tbody', {}, presentMembers().map((m) => h('tr', {},
      h('th', { scope: 'row' }, memberName(m.id)),
      choices.map((c) => h('td', {},
        h('input', {
          type: 'radio', name: `${id}-b-${m.id}`, id: `${id}-b-${m.id}-${c || 'none'}`,
          'aria-label': `${memberName(m.id)}: ${t(`vote.choice.${c || 'none'}`)}`,
          checked: (votes.get(m.id) ?? '') === c,
          on: { change: () => set(m.id, c) },
        })))))));
}

// ---- a proposition ----

// How each proposition was decided, as the secretary is choosing it (by the
// proposition's case and alternatives): what "Inte avgjord" put aside, so that
// passing it with the arrow keys loses no finding or roll call, and the
// propositions set to acklamation whose finding is not chosen yet (none is
// chosen for the chair).
const setAside = new Map();
const findingToCome = new Set();

/** A proposition's key in those: the case and its alternatives. */
const choiceKey = (prop) => `${state.caseId}|${prop.alternatives.join('|')}`;

function outcome(ctx, prop, i) {
  const key = choiceKey(prop);
  const method = prop.roll_call ? 'roll' : prop.found || findingToCome.has(key) ? 'finding' : 'open';
  const id = `p${i}`;
  const out = [];
  out.push(h('div', { class: 'radios method', role: 'radiogroup', 'aria-label': t('vote.method') },
    ['open', 'finding', 'roll'].map((m) => h('label', { class: 'radio' },
      h('input', {
        type: 'radio', name: `${id}-method`, id: `${id}-method-${m}`, checked: method === m,
        disabled: prop.alternatives.length < 2 && m !== 'open',
        on: {
          change: () => edit(t('undo.vote.method'), (p) => {
            const q = p.propositions[i];
            const aside = setAside.get(key) ?? {};
            if (q.found || q.roll_call) setAside.set(key, { found: q.found, roll_call: q.roll_call ?? aside.roll_call });
            findingToCome.delete(key);
            if (m === 'open') {
              delete q.found;
              delete q.roll_call;
            } else if (m === 'finding') {
              q.found ??= aside.found;
              if (!q.found) {
                findingToCome.add(key);
                // nothing in the case changes yet: show the choice of finding
                requestAnimationFrame(() => rerender());
              }
              delete q.roll_call;
            } else {
              q.found ??= aside.found ?? q.alternatives[0];
              q.roll_call = aside.roll_call ?? { main: { counts: { ja: 0, nej: 0, avstar: 0 } } };
              P.alignRounds(q);
            }
          }, `${id}-method-${m}`),
        },
      }),
      ` ${t(`vote.method.${m}`)}`))));
  if (method === 'finding') {
    out.push(h('fieldset', { class: 'finding' },
      h('legend', {}, t('vote.finding')),
      h('div', { class: 'radios' }, prop.alternatives.map((alt, k) => h('label', { class: 'radio' },
        h('input', {
          type: 'radio', name: `${id}-found`, id: `${id}-found-${k}`, checked: prop.found === alt,
          on: { change: () => { findingToCome.delete(key); edit(t('undo.vote.finding'), (p) => { p.propositions[i].found = alt; }, `${id}-found-${k}`); } },
        }),
        ' ', altChip(ctx, alt))))));
  } else if (method === 'roll') {
    const mainId = `${id}-mainprop`;
    out.push(h('div', { class: 'field' },
      h('label', { for: mainId }, t('vote.mainProposal')),
      h('select', {
        id: mainId,
        on: {
          change: (e) => edit(t('undo.vote.finding'), (p) => {
            const q = p.propositions[i];
            q.found = e.target.value;
            P.alignRounds(q);
          }, mainId),
        },
      }, prop.alternatives.map((alt) => h('option', { value: alt, selected: prop.found === alt }, altName(alt)))),
      h('p', { class: 'hint' }, t('vote.mainProposalHint'))));
    if (state.case.members.length) {
      const demanded = prop.roll_call.demanded_by ?? [];
      out.push(h('fieldset', { class: 'demanded', 'aria-describedby': `${id}-demanded-hint` },
        h('legend', {}, t('vote.demandedBy')),
        h('p', { class: 'hint', id: `${id}-demanded-hint` }, t('vote.demandedByHint')),
        h('ul', {}, state.case.members.filter((m) => demanded.includes(m.id) || presentMembers().includes(m)).map((m) => h('li', {}, h('label', { class: 'radio' },
          h('input', {
            type: 'checkbox', id: `${id}-demanded-${m.id}`, checked: demanded.includes(m.id),
            on: {
              change: (e) => edit(t('undo.vote.demanded'), (p) => {
                const rc = p.propositions[i].roll_call;
                const set = new Set(rc.demanded_by ?? []);
                if (e.target.checked) set.add(m.id);
                else set.delete(m.id);
                rc.demanded_by = state.case.members.map((x) => x.id).filter((x) => set.has(x));
              }, `${id}-demanded-${m.id}`),
            },
          }),
          ` ${memberName(m.id)}`))))));
    }
    const pre = prop.roll_call.preliminary ?? [];
    if (pre.length) {
      out.push(h('h5', {}, t('vote.preliminary')));
      out.push(h('p', { class: 'hint' }, t('vote.preliminaryHint')));
      pre.forEach((r, k) => out.push(h('section', { class: 'round-box', 'aria-label': t('vote.round', { n: k + 1 }) },
        h('h6', {}, t('vote.round', { n: k + 1 })),
        roundEditor(ctx, prop, i, `pre${k}`, r))));
    }
    out.push(h('section', { class: 'round-box', 'aria-label': t('vote.mainVote') },
      h('h5', {}, t('vote.mainVote')),
      roundEditor(ctx, prop, i, 'main', prop.roll_call.main ?? {})));
  }
  return h('fieldset', { class: 'outcome' }, h('legend', {}, t('vote.decidedBy')), out);
}

function resultLine(ctx, i, v) {
  const r = v.decision?.propositions?.[i];
  const problemHere = v.problem?.proposition;
  if (!r) {
    if (problemHere !== null && problemHere !== undefined && i > problemHere) return h('p', { class: 'result muted' }, t('vote.afterProblem'));
    return null;
  }
  if (!r.winner) return h('p', { class: 'result muted' }, h('span', { 'aria-hidden': 'true' }, '… '), t('vote.notDecided'));
  const parts = [];
  let verdict;
  if (r.winner === P.REJECT) verdict = t('vote.rejects', { alt: altName(r.alternatives.find((a) => a !== P.REJECT) ?? '') });
  else if (r.winner === P.DECIDE) verdict = t('vote.decideToday');
  else if (formal(r.winner)) verdict = t('vote.formalCarried', { alt: altName(r.winner) });
  else verdict = t('vote.approves', { alt: altName(r.winner) });
  parts.push(h('strong', {}, verdict));
  if (r.main_vote) parts.push(' ', t('vote.tallyShort', { ...r.main_vote.counts }), r.main_vote.casting ? ` ${t('vote.byCasting')}` : '');
  for (const [fell, because] of r.fell ?? []) parts.push(h('span', { class: 'fell' }, ` ${t('vote.fell', { alt: altName(fell), because: altName(because) })}`));
  if (r.minority_remit) parts.push(' ', t('vote.minorityRemit'));
  return h('p', { class: 'result' }, h('span', { 'aria-hidden': 'true' }, '→ '), parts);
}

function propositionMenu(i, n) {
  return menuButton({
    text: `${t('vote.more')} ▾`,
    label: t('vote.moreFor', { n: i + 1 }),
    className: 'small',
    items: () => {
      const prop = state.case.procedure.propositions[i];
      const own = prop.alternatives.filter((x) => x !== P.BASE && x !== P.REJECT && x !== P.DECIDE);
      return [
        i + 1 < n ? { label: t('vote.joinNext', { n: i + 2 }), run: () => edit(t('undo.vote.join'), (p) => P.joinWithNext(p, i), `p${i}-menu`) } : null,
        own.length > 1 ? { label: t('vote.split'), run: () => edit(t('undo.vote.split'), (p, d) => P.split(d, p, i), `p${i}-menu`) } : null,
        { label: t('vote.remove'), run: () => edit(t('undo.vote.remove'), (p) => { p.propositions.splice(i, 1); }, 'vote-order-title') },
      ].filter(Boolean);
    },
  });
}

function alternativeMenu(i, k, alt) {
  const button = menuButton({ text: '⋯', label: t('vote.alt.menu', { alt: altName(alt) }), className: 'small alt-menu', items: () => alternativeItems(i, k, alt) });
  button.id = `p${i}-a${k}-menu`;
  return button;
}

function alternativeItems(i, k, alt) {
  const props = state.case.procedure.propositions;
  const items = [];
  if (P.parts(alt).length > 1) items.push({ label: t('vote.alt.split'), run: () => edit(t('undo.vote.split'), (p) => P.splitAlternative(p, i, k), `p${i}-a${k}-menu`) });
  const isAmendment = P.parts(alt).every((id) => state.labels[id]);
  if (isAmendment) {
    props[i].alternatives.forEach((other, k2) => {
      if (k2 !== k && P.parts(other).every((id) => state.labels[id])) {
        items.push({ label: t('vote.alt.join', { other: altName(other) }), run: () => edit(t('undo.vote.join'), (p) => P.joinAlternatives(p, i, k, k2), `p${i}-menu`) });
      }
    });
    props.forEach((_, j) => {
      if (j !== i) items.push({ label: t('vote.alt.moveTo', { n: j + 1 }), run: () => edit(t('undo.vote.move'), (p, d) => P.moveAlternative(d, p, i, k, j), `p${j}-title`) });
    });
    if (props[i].alternatives.length > 2) items.push({ label: t('vote.alt.own'), run: () => edit(t('undo.vote.move'), (p, d) => P.moveAlternative(d, p, i, k, null), `p${i + 1}-title`) });
  }
  items.push({ label: t('vote.alt.remove'), run: () => edit(t('undo.vote.removeAlt'), (p) => P.removeAlternative(p, i, k), `p${i}-menu`) });
  return items;
}

function addAlternative(i) {
  const button = menuButton({
    text: `${t('vote.addAlt')} ▾`,
    label: t('vote.addAltTo', { n: i + 1 }),
    className: 'small add-alt',
    items: () => {
      const prop = state.case.procedure.propositions[i];
      const taken = new Set(prop.alternatives.flatMap(P.parts));
      const choices = [P.BASE, P.REJECT, P.DECIDE, ...P.proposals(state.case)].filter((x) => !taken.has(x));
      return choices.map((x) => ({ label: altName(x), run: () => edit(t('undo.vote.addAlt'), (p) => P.addAlternative(p, i, x), `p${i}-add`) }));
    },
  });
  button.id = `p${i}-add`;
  return button;
}

/** The status of an alternative's proposals, when they share one. */
function altStatus(v, alt) {
  const ids = P.parts(alt).filter((id) => state.labels[id] || formal(id));
  if (!ids.length) return null;
  const list = ids.map((id) => v.decision?.statuses?.find((s) => s.id === id) ?? null);
  const same = list.every((s) => (s?.status ?? 'open') === (list[0]?.status ?? 'open') && s?.because === list[0]?.because);
  return same ? statusEl(list[0]) : null;
}

function propCard(ctx, prop, i, n, v) {
  const notices = (v.decision?.notices ?? []).filter((n) => n.propositions.includes(i));
  const problem = v.problem && v.problem.proposition === i ? v.problem : null;
  const titleId = `p${i}-title`;
  const describedBy = [notices.length ? `p${i}-notices` : null, problem ? `p${i}-problem` : null].filter(Boolean).join(' ') || null;
  const up = h('button', {
    type: 'button', class: 'small', id: `p${i}-up`, disabled: i === 0,
    on: { click: () => { edit(t('undo.vote.move'), (p) => P.move(p, i, -1), i - 1 === 0 ? `p${i - 1}-down` : `p${i - 1}-up`); announce(t('vote.moved', { from: i + 1, to: i })); } },
  }, h('span', { 'aria-hidden': 'true' }, '↑ '), t('vote.up'), h('span', { class: 'sr-only' }, t('vote.whichProposition', { n: i + 1 })));
  const down = h('button', {
    type: 'button', class: 'small', id: `p${i}-down`, disabled: i === n - 1,
    on: { click: () => { edit(t('undo.vote.move'), (p) => P.move(p, i, 1), i + 1 === n - 1 ? `p${i + 1}-up` : `p${i + 1}-down`); announce(t('vote.moved', { from: i + 1, to: i + 2 })); } },
  }, h('span', { 'aria-hidden': 'true' }, '↓ '), t('vote.down'), h('span', { class: 'sr-only' }, t('vote.whichProposition', { n: i + 1 })));
  const more = propositionMenu(i, n);
  more.id = `p${i}-menu`;
  const [first, ...rest] = prop.alternatives;
  const heading = first === undefined
    ? t('vote.empty')
    : rest.length ? t('vote.against', { a: altName(first), b: rest.map(altMid).join(t('list.and')) }) : altName(first);
  return h('li', { class: `prop${problem && !pending(problem) ? ' has-problem' : ''}`, id: `votering-${i + 1}`, 'aria-labelledby': titleId, 'aria-describedby': describedBy },
    h('div', { class: 'prop-head' },
      h('h4', { id: titleId, tabindex: '-1' }, h('span', { class: 'prop-n' }, t('vote.proposition', { n: i + 1 })), ' ', h('span', { class: 'prop-alts' }, heading)),
      h('div', { class: 'prop-tools' }, up, down, more)),
    h('ul', { class: 'alts', 'aria-label': t('vote.alternatives') }, prop.alternatives.map((alt, k) => h('li', {},
      altChip(ctx, alt),
      h('span', { class: 'alt-status' }, altStatus(v, alt)),
      alternativeMenu(i, k, alt)))),
    h('div', { class: 'add-alt-row' }, addAlternative(i)),
    noticeList(notices, `p${i}-notices`),
    problem ? problemBox(problem, v, `p${i}-problem`) : null,
    outcome(ctx, prop, i),
    resultLine(ctx, i, v));
}

// ---- the sections on the left ----

function presence() {
  const p = state.case.procedure ?? {};
  const members = state.case.members;
  const listed = members.filter((m) => !(p.absent ?? []).includes(m.id)).length;
  return h('section', { class: 'panel presence', 'aria-labelledby': 'vote-presence-title' },
    h('h3', { id: 'vote-presence-title' }, t('vote.presence')),
    h('div', { class: 'field inline' },
      h('label', { for: 'vote-present' }, t('vote.presentCount')),
      h('input', {
        type: 'number', id: 'vote-present', min: '0', step: '1', inputmode: 'numeric', value: p.present_count ?? '', placeholder: String(listed),
        'aria-describedby': 'vote-present-hint',
        on: {
          change: (e) => {
            const raw = e.target.value.trim();
            later(() => edit(t('undo.vote.present'), (q) => { if (raw === '') delete q.present_count; else q.present_count = count(raw); }));
          },
        },
      }),
      h('p', { class: 'hint', id: 'vote-present-hint' }, t('vote.presentHint', { n: listed }))),
    members.length
      ? h('fieldset', { class: 'absent' },
        h('legend', {}, t('vote.absent')),
        h('ul', {}, members.map((m) => h('li', {}, h('label', { class: 'radio' },
          h('input', {
            type: 'checkbox', id: `vote-absent-${m.id}`, checked: (p.absent ?? []).includes(m.id),
            on: {
              change: (e) => edit(t('undo.vote.absent'), (q) => {
                q.absent = q.absent.filter((x) => x !== m.id);
                if (e.target.checked) q.absent.push(m.id);
              }, `vote-absent-${m.id}`),
            },
          }),
          ` ${memberName(m.id)}`)))))
      : null,
    h('p', { class: 'hint' }, h('a', { href: '#sammantrade' }, t('vote.editMembers'))));
}

/** The top of the order of propositions: title, buttons, problems and warnings of the whole. */
function orderHead(v) {
  const c = state.case;
  const props = c.procedure?.propositions ?? [];
  const general = (v.decision?.notices ?? []).filter((n) => n.propositions.length === 0);
  const problem = v.problem && v.problem.proposition == null && v.problem.reservation == null ? v.problem : null;
  return [
    h('div', { class: 'section-head' },
      h('h3', { id: 'vote-order-title', tabindex: '-1' }, t('vote.order')),
      h('div', { class: 'buttons' },
        h('button', {
          type: 'button', id: 'vote-default', class: props.length ? '' : 'primary',
          on: {
            click: () => {
              if (props.length && !window.confirm(t('vote.defaultConfirm'))) return;
              let order;
              try {
                order = engine.call((w) => w.defaultOrder());
              } catch (e) {
                setStatus(errorText(e), 'error', e?.message);
                return;
              }
              edit(t('undo.vote.default'), (p) => { p.propositions = order; }, 'vote-order-title');
              announce(t('vote.defaultDone', { n: order.length }));
            },
          },
        }, props.length ? t('vote.defaultAgain') : t('vote.defaultOrder')),
        props.length || (c.procedure?.formal ?? []).length || (c.procedure?.reservations ?? []).length
          ? h('button', {
            type: 'button', id: 'vote-clear', class: 'danger',
            on: {
              click: () => {
                if (!window.confirm(t('vote.clearConfirm'))) return;
                edit(t('undo.vote.clear'), (p) => { p.propositions = []; p.formal = []; p.reservations = []; }, 'vote-default');
              },
            },
          }, t('vote.clear'))
          : null)),
    h('p', { class: 'hint' }, t('vote.orderHint')),
    h('fieldset', { class: 'steps' },
      h('legend', {}, t('vote.steps')),
      [['statement', 'vote.statement'], ['order_approved', 'vote.orderApproved']].map(([key, text]) => h('label', { class: 'radio' },
        h('input', {
          type: 'checkbox', id: `vote-${key}`, checked: Boolean(c.procedure?.[key]),
          on: { change: (e) => edit(t('undo.vote.steps'), (p) => { p[key] = e.target.checked; }, `vote-${key}`) },
        }),
        ` ${t(text)}`))),
    problem ? problemBox(problem, v, 'vote-problem') : null,
    noticeList(general, 'vote-notices'),
    props.length ? null : h('p', { class: 'empty' }, t('vote.noOrder')),
  ];
}

/** The bottom of the order of propositions: putting a proposal not yet put. */
function orderFoot() {
  const c = state.case;
  const put = P.putIds(c);
  const notPut = P.proposals(c).filter((id) => !put.has(id));
  const addId = 'vote-add-prop';
  return notPut.length
      ? h('div', { class: 'add-prop' },
        h('label', { for: addId }, t('vote.addProp')),
        h('select', {
          id: addId,
          on: {
            change: (e) => {
              const id = e.target.value;
              if (!id) return;
              edit(t('undo.vote.addProp'), (p, d) => { p.propositions.push(P.propositionFor(d, id)); }, addId);
            },
          },
        }, h('option', { value: '' }, t('vote.choose')), notPut.map((id) => h('option', { value: id }, altLong(id)))))
    : null;
}

/** What the cards show besides their own proposition, as a key. */
function cardContext(v) {
  const c = state.case;
  return JSON.stringify([lang(), c.amendments.map((a) => [a.id, state.labels[a.id], a.withdrawn]), c.members, c.base,
    c.procedure?.formal ?? [], c.procedure?.absent ?? [], v.decision?.present, v.problem?.proposition, (c.procedure?.propositions ?? []).length]);
}

/** The decision's notices by proposition and statuses by id, for the cards' keys. */
function byProposition(v) {
  const notices = new Map();
  for (const n of v.decision?.notices ?? []) {
    for (const i of n.propositions) {
      if (!notices.has(i)) notices.set(i, []);
      notices.get(i).push(n);
    }
  }
  return { notices, statuses: new Map((v.decision?.statuses ?? []).map((x) => [x.id, x])) };
}

/** Everything proposition `i`'s card shows, as a key: an unchanged card is reused. */
function cardKey(sig, prop, i, v, facts) {
  return JSON.stringify([sig, i, prop, findingToCome.has(choiceKey(prop)),
    v.decision?.propositions?.[i] ?? null,
    facts.notices.get(i) ?? null,
    v.problem?.proposition === i ? v.problem : null,
    prop.alternatives.flatMap(P.parts).map((id) => facts.statuses.get(id) ?? null)]);
}

function formalSection() {
  const c = state.case;
  const list = c.procedure?.formal ?? [];
  const kindId = 'formal-kind';
  const whoId = 'formal-who';
  const reasonId = 'formal-reason';
  const err = h('p', { class: 'form-error', role: 'alert', id: 'formal-error' });
  const add = (e) => {
    e.preventDefault();
    const form = e.target;
    const kind = form.querySelector(`#${kindId}`).value;
    const who = form.querySelector(`#${whoId}`).value;
    const reason = form.querySelector(`#${reasonId}`).value.trim();
    if (!who) { err.textContent = t('formal.whoMissing'); return; }
    if (kind === 'remit' && !reason) { err.textContent = t('formal.reasonMissing'); form.querySelector(`#${reasonId}`).focus(); return; }
    edit(t('undo.vote.formal'), (p, d) => {
      const id = P.newFormalId(d, kind);
      p.formal.push({ id, kind, proposer: who, reason });
      // formal motions are put first, each alone
      const at = p.propositions.findIndex((q) => !q.alternatives.some((a) => P.kindOf(d, a) === 'formal' || a === P.DECIDE));
      p.propositions.splice(at < 0 ? p.propositions.length : at, 0, { alternatives: [P.DECIDE, id] });
    }, kindId);
  };
  return h('section', { class: 'panel formal', 'aria-labelledby': 'vote-formal-title' },
    h('h3', { id: 'vote-formal-title' }, t('formal.title')),
    h('p', { class: 'hint' }, t('formal.hint')),
    list.length ? h('ul', { class: 'formal-list' }, list.map((f) => h('li', { class: f.withdrawn ? 'withdrawn' : '' },
      h('p', {}, h('strong', {}, altName(f.id)), f.reason ? [': ', h('span', { lang: 'sv' }, f.reason)] : null),
      h('div', { class: 'buttons' },
        h('label', { class: 'radio' }, h('input', {
          type: 'checkbox', id: `formal-${f.id}-withdrawn`, checked: Boolean(f.withdrawn),
          on: { change: (e) => edit(t('undo.vote.withdraw'), (p) => { p.formal.find((x) => x.id === f.id).withdrawn = e.target.checked; }, `formal-${f.id}-withdrawn`) },
        }), ` ${t('formal.withdrawn')}`),
        h('button', {
          type: 'button', class: 'small danger', 'aria-label': t('formal.removeLabel', { what: altName(f.id) }),
          on: { click: () => edit(t('undo.vote.formalRemove'), (p) => { p.formal = p.formal.filter((x) => x.id !== f.id); P.forget(p, f.id); }, 'vote-formal-title') },
        }, t('list.delete')))))) : null,
    c.members.length
      ? h('form', { class: 'formal-form', on: { submit: add } },
        h('div', { class: 'row' },
          h('div', { class: 'field' }, h('label', { for: kindId }, t('formal.kind')),
            h('select', { id: kindId }, h('option', { value: 'remit' }, t('formal.remit')), h('option', { value: 'postpone' }, t('formal.postpone')))),
          h('div', { class: 'field' }, h('label', { for: whoId }, t('formal.who')),
            h('select', { id: whoId }, h('option', { value: '' }, t('vote.choose')), c.members.map((m) => h('option', { value: m.id }, memberName(m.id)))))),
        h('div', { class: 'field' }, h('label', { for: reasonId }, t('formal.reason')), h('textarea', { id: reasonId, rows: 2, lang: 'sv' })),
        err,
        h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('formal.add'))))
      : h('p', { class: 'hint' }, t('vote.noMembers'), ' ', h('a', { href: '#sammantrade' }, t('vote.editMembers'))));
}

/** Reservations (by number) whose choice of decisions reserved against is open, though none is chosen. */
const againstOpen = new Set();

/** Who reserves: a member's name, or "ledamöterna för S". */
function who(r) {
  return r.group ? t('res.groupName', { party: r.group }) : memberName(r.member);
}

/** The parties of the members present, as the list writes them. */
function presentParties() {
  return [...new Set(presentMembers().map((m) => (m.party ?? '').trim()).filter(Boolean))];
}

function reservationSection(ctx, v) {
  const c = state.case;
  const list = c.procedure?.reservations ?? [];
  const parties = presentParties();
  const options = [P.BASE, P.REJECT, ...P.proposals(c)];
  const item = (r, j) => {
    const id = `res${j}`;
    const problem = v.problem && v.problem.reservation === j ? v.problem : null;
    const set = (what, fn, focus) => edit(what, (p) => fn(p.reservations[j]), focus);
    const own = !(r.in_favour_of?.length);
    return h('li', { class: `reservation${problem ? ' has-problem' : ''}`, 'aria-labelledby': `${id}-title` },
      h('h4', { id: `${id}-title`, class: 'sr-only' }, t('res.n', { n: j + 1 })),
      parties.length || r.group ? h('div', { class: 'radios', role: 'radiogroup', 'aria-label': t('res.by') },
        ['member', 'group'].map((by) => h('label', { class: 'radio' },
          h('input', {
            type: 'radio', name: `${id}-by`, id: `${id}-by-${by}`, checked: (by === 'group') === Boolean(r.group),
            on: {
              change: () => set(t('undo.vote.reservation'), (x) => {
                if (by === 'group') {
                  const party = member(x.member)?.party?.trim();
                  x.group = party && parties.includes(party) ? party : parties[0];
                  delete x.member;
                } else {
                  const first = presentMembers().find((m) => m.party.trim() === x.group) ?? presentMembers()[0] ?? c.members[0];
                  x.member = first.id;
                  delete x.group;
                }
              }, `${id}-by-${by}`),
            },
          }),
          ` ${t(by === 'group' ? 'res.byGroup' : 'res.byMember')}`))) : null,
      h('div', { class: 'row' },
        r.group
          ? h('div', { class: 'field' }, h('label', { for: `${id}-group` }, t('res.group')),
            h('select', { id: `${id}-group`, on: { change: (e) => set(t('undo.vote.reservation'), (x) => { x.group = e.target.value; }, `${id}-group`) } },
              [...new Set([...parties, r.group])].map((party) => h('option', { value: party, selected: party === r.group }, party))))
          : h('div', { class: 'field' }, h('label', { for: `${id}-who` }, t('res.member')),
            h('select', { id: `${id}-who`, on: { change: (e) => set(t('undo.vote.reservation'), (x) => { x.member = e.target.value; }, `${id}-who`) } },
              c.members.map((m) => h('option', { value: m.id, selected: m.id === r.member }, memberName(m.id))))),
        h('label', { class: 'radio written' }, h('input', {
          type: 'checkbox', id: `${id}-written`, checked: Boolean(r.written),
          on: { change: (e) => set(t('undo.vote.reservation'), (x) => { x.written = e.target.checked; }, `${id}-written`) },
        }), ` ${t('res.written')}`),
        h('button', {
          type: 'button', class: 'small danger', 'aria-label': t('res.removeLabel', { who: who(r) }),
          on: {
            click: () => {
              const open = [...againstOpen];
              againstOpen.clear();
              for (const k of open) if (k !== j) againstOpen.add(k > j ? k - 1 : k);
              edit(t('undo.vote.reservationRemove'), (p) => { p.reservations.splice(j, 1); }, 'vote-res-title');
            },
          },
        }, t('list.delete'))),
      h('fieldset', { class: 'favour' },
        h('legend', {}, t('res.favour')),
        h('label', { class: 'radio' }, h('input', {
          type: 'radio', name: `${id}-favour`, id: `${id}-own`, checked: own,
          on: { change: () => set(t('undo.vote.reservation'), (x) => { delete x.in_favour_of; }, `${id}-own`) },
        }), ` ${t('res.own')}`),
        h('label', { class: 'radio' }, h('input', {
          type: 'radio', name: `${id}-favour`, id: `${id}-chosen`, checked: !own,
          on: {
            change: () => set(t('undo.vote.reservation'), (x) => {
              const mine = P.ownProposals(state.case, x.member);
              x.in_favour_of = mine.length ? mine : [options.find((o) => o !== P.BASE && o !== P.REJECT) ?? P.BASE];
            }, `${id}-chosen`),
          },
        }), ` ${t('res.chosen')}`),
        own ? null : h('ul', { class: 'favour-list' }, options.map((o, k) => h('li', {}, h('label', { class: 'radio' },
          h('input', {
            type: 'checkbox', id: `${id}-f${k}`, checked: r.in_favour_of.includes(o),
            on: {
              change: (e) => set(t('undo.vote.reservation'), (x) => {
                const rest = (x.in_favour_of ?? []).filter((y) => y !== o);
                x.in_favour_of = e.target.checked ? options.filter((y) => y === o || rest.includes(y)) : rest;
              }, `${id}-f${k}`),
            },
          }),
          ' ', altChip(ctx, o)))))),
      h('details', {
        class: 'against-box', id: `${id}-against`, open: (r.against?.length ?? 0) > 0 || againstOpen.has(j),
        on: { toggle: (e) => { if (e.target.open) againstOpen.add(j); else againstOpen.delete(j); } },
      },
      h('summary', {}, t('res.againstSummary')),
      h('fieldset', { class: 'against', 'aria-describedby': `${id}-against-hint` },
        h('legend', {}, t('res.against')),
        h('p', { class: 'hint', id: `${id}-against-hint` }, t('res.againstHint')),
        h('ul', { class: 'against-list' }, options.map((o, k) => h('li', {}, h('label', { class: 'radio' },
          h('input', {
            type: 'checkbox', id: `${id}-a${k}`, checked: (r.against ?? []).includes(o),
            on: {
              change: (e) => set(t('undo.vote.reservation'), (x) => {
                const rest = (x.against ?? []).filter((y) => y !== o);
                x.against = e.target.checked ? options.filter((y) => y === o || rest.includes(y)) : rest;
              }, `${id}-a${k}`),
            },
          }),
          ' ', altChip(ctx, o))))))),
      h('div', { class: 'field' },
        h('label', { for: `${id}-text` }, t('res.text')),
        h('textarea', {
          id: `${id}-text`, rows: 3, lang: 'sv',
          on: {
            change: (e) => {
              const text = e.target.value.trim();
              later(() => set(t('undo.vote.reservation'), (x) => { if (text) x.text = text; else delete x.text; }));
            },
          },
        }, r.text ?? '')),
      problem ? problemBox(problem, v, `${id}-problem`) : null);
  };
  return h('section', { class: 'panel reservations', 'aria-labelledby': 'vote-res-title' },
    h('h3', { id: 'vote-res-title', tabindex: '-1' }, t('res.title')),
    list.length ? h('ol', { class: 'res-list' }, list.map(item)) : h('p', { class: 'empty' }, t('res.none')),
    c.members.length
      ? h('button', {
        type: 'button', id: 'res-add',
        on: { click: () => edit(t('undo.vote.reservationAdd'), (p) => { p.reservations.push({ member: c.members[0].id }); }, `res${list.length}-who`) },
      }, t('res.add'))
      : null);
}

/** Protokollsanteckningar: a member and the note's text, in the order they were made. */
function notesSection() {
  const c = state.case;
  const list = c.procedure?.protocol_notes ?? [];
  const err = h('p', { class: 'form-error', role: 'alert', id: 'note-error' });
  const add = (e) => {
    e.preventDefault();
    const form = e.target;
    const memberId = form.querySelector('#note-new-member').value;
    const text = form.querySelector('#note-new-text').value.trim();
    if (!text) {
      err.textContent = t('notes.textMissing');
      form.querySelector('#note-new-text').focus();
      return;
    }
    if (edit(t('undo.vote.noteAdd'), (p) => { p.protocol_notes = [...(p.protocol_notes ?? []), { member: memberId, text }]; return true; }, 'note-new-member')) {
      announce(t('notes.added', { who: memberName(memberId) }));
    }
  };
  const item = (n, j) => {
    const id = `note${j}`;
    const set = (fn, focus) => edit(t('undo.vote.note'), (p) => fn(p.protocol_notes[j]), focus);
    return h('li', { 'aria-labelledby': `${id}-title` },
      h('h4', { id: `${id}-title`, class: 'sr-only' }, t('notes.n', { n: j + 1 })),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: `${id}-who` }, t('notes.member')),
          h('select', { id: `${id}-who`, on: { change: (e) => set((x) => { x.member = e.target.value; }, `${id}-who`) } },
            c.members.map((m) => h('option', { value: m.id, selected: m.id === n.member }, memberName(m.id))))),
        h('button', {
          type: 'button', class: 'small danger', 'aria-label': t('notes.removeLabel', { n: j + 1, who: memberName(n.member) }),
          on: { click: () => edit(t('undo.vote.noteRemove'), (p) => { p.protocol_notes.splice(j, 1); }, 'vote-notes-title') },
        }, t('list.delete'))),
      h('div', { class: 'field' }, h('label', { for: `${id}-text` }, t('notes.text')),
        h('textarea', {
          id: `${id}-text`, rows: 3, lang: 'sv',
          on: { change: (e) => { const text = e.target.value.trim(); later(() => set((x) => { x.text = text; })); } },
        }, n.text)));
  };
  return h('section', { class: 'panel notes', 'aria-labelledby': 'vote-notes-title' },
    h('h3', { id: 'vote-notes-title', tabindex: '-1' }, t('notes.title')),
    h('p', { class: 'hint' }, t('notes.hint')),
    list.length ? h('ol', { class: 'notes-list' }, list.map(item)) : h('p', { class: 'empty' }, t('notes.none')),
    c.members.length
      ? h('form', { class: 'notes-form', on: { submit: add } },
        h('div', { class: 'field' }, h('label', { for: 'note-new-member' }, t('notes.newMember')),
          h('select', { id: 'note-new-member' }, presentMembers().map((m) => h('option', { value: m.id }, memberName(m.id))))),
        h('div', { class: 'field' }, h('label', { for: 'note-new-text' }, t('notes.newText')),
          h('textarea', { id: 'note-new-text', rows: 3, lang: 'sv', 'aria-describedby': 'note-error' })),
        err,
        h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'note-add' }, t('notes.add'))))
      : h('p', { class: 'hint' }, t('vote.noMembers'), ' ', h('a', { href: '#sammantrade' }, t('vote.editMembers'))));
}

// ---- the sections on the right ----

function statusSection(ctx, v) {
  const c = state.case;
  const statuses = new Map((v.decision?.statuses ?? []).map((s) => [s.id, s]));
  const ids = [...c.amendments.map((a) => a.id), ...(c.procedure?.formal ?? []).map((f) => f.id)];
  return h('section', { class: 'panel statuses', 'aria-labelledby': 'vote-status-title' },
    h('h3', { id: 'vote-status-title' }, t('vote.statuses')),
    ids.length
      ? h('table', { class: 'status-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('vote.proposal')), h('th', { scope: 'col' }, t('vote.status')))),
        h('tbody', {}, ids.map((id) => h('tr', { 'data-id': id },
          h('th', { scope: 'row' }, altChip(ctx, id)),
          h('td', {}, statusEl(statuses.get(id) ?? (c.amendments.find((a) => a.id === id)?.withdrawn ? { id, status: 'withdrawn' } : null)))))))
      : h('p', { class: 'empty' }, t('list.none')));
}

let textCache = new Map();
let textMode = 'changes';

function adoptedSection(ctx, v) {
  const adopted = v.decision?.adopted ?? [];
  const body = h('div', { class: 'adopted-text doc', id: 'vote-adopted', tabindex: '0', 'aria-labelledby': 'vote-text-title' });
  let ov = null;
  try {
    ov = engine.call((w) => w.overlay(adopted));
  } catch (e) {
    body.append(h('p', { class: 'note bad' }, errorText(e)));
  }
  if (ov) {
    const rctx = { mode: textMode, colours: ctx.colours, interactive: false, ids: false };
    const items = [];
    let n = 0;
    for (const b of ov.blocks) {
      if (textMode === 'clean' && (b.removed_by?.length || b.status === 'deleted')) continue;
      items.push({ key: `${textMode}|${b.index ?? `n${n++}`}|${JSON.stringify(b)}`, block: { ...b, marks: [] } });
    }
    const next = new Map();
    patch(body, units(rctx, items, textCache, next));
    textCache = next;
  }
  const modes = h('fieldset', { class: 'mode' },
    h('legend', {}, t('mode.label')),
    ['changes', 'clean'].map((m) => h('label', { class: 'seg' },
      h('input', { type: 'radio', name: 'vote-text-mode', id: `vote-text-${m}`, value: m, checked: textMode === m, on: { change: () => { textMode = m; focusNext = `vote-text-${m}`; rerender(); } } }),
      h('span', {}, t(`mode.${m}`)))));
  const summary = adopted.length
    ? t('vote.adoptedList', { list: adopted.map((id) => label(id).short).join(', ') })
    : t('vote.adoptedNone');
  return h('section', { class: 'panel adopted', 'aria-labelledby': 'vote-text-title' },
    h('div', { class: 'section-head' },
      h('h3', { id: 'vote-text-title' }, t('vote.adoptedText')),
      modes),
    h('p', { class: 'hint' }, summary, ' ',
      h('button', { type: 'button', class: 'link', on: { click: () => { setShown(adopted); location.hash = '#planen'; } } }, t('vote.showInPlan'))),
    body);
}

function minutesTable(tb) {
  return h('table', { class: 'roll-call' },
    h('caption', {}, tb.caption),
    h('thead', {}, h('tr', {}, tb.head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, tb.rows.map((row) => h('tr', {}, row.map((x, k) => (k === 0 ? h('th', { scope: 'row' }, x) : h('td', {}, x)))))),
    h('tfoot', {}, h('tr', {}, tb.foot.map((x, k) => (k === 0 ? h('th', { scope: 'row' }, x) : h('td', {}, x))))));
}

// ---- the secretary's own text of a section ----

/** Sections whose editor is open, as `case|key|lang` (see openKey). */
const editing = new Set();
/** What is typed in an open editor, by `case|key|lang`: kept while the minutes around it change. */
const drafts = new Map();

/** A section's key in those: the case, the section and the minutes' language. */
const openKey = (s) => `${state.caseId}|${s.key}|${lang()}`;

const paragraphs = (text) => text.split('\n\n').map((para) => h('p', {}, para));

/** The case's edits but the one of section `key` in `code`. */
function otherEdits(d, key, code) {
  return (d.minutes_edits ?? []).filter((e) => !(e.section === key && e.lang === code));
}

/** Keeps `text` as the section's own text, against the text generated now. */
function saveSection(s, text) {
  const code = lang();
  const generated = s.edited ? s.edited.generated : s.text;
  editing.delete(openKey(s));
  drafts.delete(openKey(s));
  if (!s.edited && text === s.text) {
    focusNext = `min-${s.key}-edit`;
    rerender();
    announce(t('minutes.unchanged'));
    return;
  }
  edit(t('undo.minutes.edit'), (p, d) => {
    d.minutes_edits = [...otherEdits(d, s.key, code), { section: s.key, lang: code, title: s.title, text, generated }];
  }, `min-${s.key}-edit`);
  announce(t('minutes.savedStatus', { title: s.title }));
}

/** Drops the section's own text: the generated text is shown again. */
function resetSection(s) {
  const code = lang();
  editing.delete(openKey(s));
  drafts.delete(openKey(s));
  edit(t('undo.minutes.reset'), (p, d) => {
    d.minutes_edits = otherEdits(d, s.key, code);
  }, `min-${s.key}-edit`);
  announce(t('minutes.resetStatus', { title: s.title }));
}

/** One section of the minutes: its text (or table), or the editor of it; an edited one marked and, when the record changed, shown against the text generated now. */
function minutesPart(s) {
  const key = openKey(s);
  const open = editing.has(key);
  const id = `min-${s.key}`;
  const which = h('span', { class: 'sr-only' }, ` ${t('minutes.sectionOf', { title: s.title })}`);
  const tools = h('div', { class: 'buttons min-tools' },
    open ? null : h('button', {
      type: 'button', class: 'small', id: `${id}-edit`,
      on: { click: () => { editing.add(key); focusNext = `${id}-text`; rerender(); } },
    }, h('span', { 'aria-hidden': 'true' }, '✎ '), t('minutes.edit'), which.cloneNode(true)),
    s.edited ? h('button', {
      type: 'button', class: 'small', id: `${id}-reset`,
      on: { click: () => resetSection(s) },
    }, t('minutes.reset'), which.cloneNode(true)) : null);
  const mark = s.edited
    ? h('span', { class: 'edited-mark', id: `${id}-mark` }, h('span', { 'aria-hidden': 'true' }, '✎ '), t('minutes.edited'))
    : null;
  let content;
  if (open) {
    const area = h('textarea', {
      id: `${id}-text`, rows: Math.min(24, Math.max(4, Math.ceil(s.text.length / 70) + s.text.split('\n').length)),
      'aria-labelledby': id, 'aria-describedby': `${id}-hint`, lang: lang(),
      on: {
        input: (e) => drafts.set(key, e.target.value),
        keydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } },
      },
    });
    area.value = drafts.get(key) ?? s.text;
    const cancel = () => { editing.delete(key); drafts.delete(key); focusNext = `${id}-edit`; rerender(); };
    content = h('form', {
      class: 'min-editor',
      on: { submit: (e) => { e.preventDefault(); saveSection(s, area.value.replace(/\r\n?/g, '\n').replace(/\s+$/, '')); } },
    },
    h('p', { class: 'hint', id: `${id}-hint` }, t('minutes.editHint')),
    area,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary', id: `${id}-save` }, t('minutes.save')),
      h('button', { type: 'button', id: `${id}-cancel`, on: { click: cancel } }, t('minutes.cancel'))));
  } else {
    content = s.table ? minutesTable(s.table) : paragraphs(s.text);
  }
  const changed = s.edited?.changed
    ? h('div', { class: 'edit-changed' },
      h('p', { class: 'note warn', id: `${id}-changed` }, h('span', { 'aria-hidden': 'true' }, '⚠ '), h('strong', {}, t('minutes.changed')), ' ', t('minutes.changedHint')),
      h('details', { class: 'edit-compare' },
        h('summary', {}, t('minutes.compare')),
        h('div', { class: 'compare-cols' },
          h('div', { class: 'compare-col' }, h('h5', {}, t('minutes.yours')), paragraphs(s.text)),
          h('div', { class: 'compare-col' }, h('h5', {}, t('minutes.generatedNow')),
            s.edited.generated ? paragraphs(s.edited.generated) : h('p', { class: 'empty' }, t('minutes.gone'))))))
    : null;
  return h('section', {
    class: `min-sec${s.edited ? ' edited' : ''}`, 'aria-labelledby': id,
    'aria-describedby': [mark ? `${id}-mark` : null, changed ? `${id}-changed` : null].filter(Boolean).join(' ') || null,
  },
  h('div', { class: 'min-head' }, h('h4', { id }, s.title), mark, tools),
  changed,
  content);
}

function minutesSection(v) {
  const m = v.minutes;
  let body;
  if (!m) {
    const where = v.problem?.proposition != null
      ? t(pending(v.problem) ? 'minutes.pendingAt' : 'minutes.blockedAt', { n: v.problem.proposition + 1 })
      : v.problem?.reservation != null ? t('minutes.blockedRes', { n: v.problem.reservation + 1 }) : t('minutes.blocked');
    body = h('p', { class: 'note warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), where);
  } else {
    body = h('div', { class: `minutes-text${m.notice ? ' draft' : ''}`, lang: lang() },
      // a draft says so first, in words, and what is missing
      m.notice ? h('p', { class: 'note warn draft-notice', role: 'note' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), h('strong', {}, m.notice)) : null,
      m.sections.map((s) => minutesPart(s)));
  }
  return h('section', { class: 'panel minutes', 'aria-labelledby': 'vote-minutes-title' },
    h('div', { class: 'section-head' },
      h('h3', { id: 'vote-minutes-title' }, t('minutes.title')),
      h('div', { class: 'buttons minutes-downloads' },
        MINUTES_FORMATS.map((f) => h('button', { type: 'button', class: 'small', id: f === 'txt' ? 'minutes-download' : `minutes-download-${f}`, 'data-export': f === 'txt' ? 'minutes' : `minutes-${f}`, disabled: !m, on: { click: () => exportMinutes(f) } }, t(`minutes.download.${f}`))))),
    h('p', { class: 'hint' }, t('minutes.hint')),
    body);
}

/** The formats the minutes download in, the protocol's first. */
export const MINUTES_FORMATS = ['docx', 'html', 'txt'];

const MINUTES_FILES = {
  txt: { type: 'text/plain', make: () => engine.call((w) => w.minutesText(lang())) },
  html: { type: 'text/html', make: () => engine.call((w) => w.minutesHtml(lang())) },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

/** The minutes as a Word document, made by the engine's full module (fetched the first time). */
async function minutesDocx() {
  if (!engine.isFull()) setStatus(t('export.loadingWord'));
  await engine.useFull();
  return engine.minutesDocx(lang());
}

/**
 * Downloads the minutes in the interface's language as `format` (txt, html
 * or docx): the engine refuses, and the status says why, when the procedure
 * does not add up; a draft carries its notice in every format. Text and
 * HTML are saved in the click itself; a .docx once the full module is there.
 */
export function exportMinutes(format = 'txt') {
  const file = `${slug(state.case.title)}-protokoll.${format}`;
  const save = (content) => {
    download(file, content, MINUTES_FILES[format].type);
    setStatus(t('export.done', { file }));
  };
  const fail = (e) => setStatus(t('export.failed', { message: errorText(e) }), 'error', e?.message);
  if (format === 'docx') return minutesDocx().then(save, fail);
  try {
    save(MINUTES_FILES[format].make());
  } catch (e) {
    fail(e);
  }
  return Promise.resolve();
}

// ---- the view ----

let live = null;
let rerender = () => {};
let lastProblem = '';

function announce(text) {
  if (!live) return;
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 50);
}

export default {
  id: 'vote',
  hash: 'votering',
  label: 'view.vote',
  mount(main) {
    live = h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'vote-live' });
    const presenceSlot = h('div', { class: 'slot' });
    const head = h('div', { class: 'slot' });
    const list = h('ol', { class: 'props' });
    const foot = h('div', { class: 'slot' });
    const formalSlot = h('div', { class: 'slot' });
    const resSlot = h('div', { class: 'slot' });
    const notesSlot = h('div', { class: 'slot' });
    const left = h('div', { class: 'vote-edit' },
      presenceSlot,
      h('section', { class: 'panel order', 'aria-labelledby': 'vote-order-title' }, head, list, foot),
      formalSlot,
      resSlot,
      notesSlot);
    const statusSlot = h('div', { class: 'slot' });
    const adoptedSlot = h('div', { class: 'slot' });
    const minutesSlot = h('div', { class: 'slot' });
    const right = h('div', { class: 'vote-result' }, statusSlot, adoptedSlot, minutesSlot);
    let cards = new Map();
    const intro = h('p', { class: 'intro' }, t('vote.intro'));
    const title = h('h2', { id: 'vote-title' }, t('vote.title'));
    main.replaceChildren(h('section', { class: 'vote', 'aria-labelledby': 'vote-title' },
      title, intro, live, h('div', { class: 'vote-layout' }, left, right)));
    textCache = new Map();
    const render = () => {
      const active = document.activeElement;
      const keep = focusNext ?? (main.contains(active) && active.id ? active.id : null);
      let range = null;
      try {
        if (active && active.id === keep && typeof active.selectionStart === 'number') range = [active.selectionStart, active.selectionEnd];
      } catch { /* not a text field */ }
      focusNext = null;
      const v = vote();
      const ctx = { colours: partyColours(state.case.members) };
      const c = state.case;
      const p = c.procedure ?? {};
      const props = p.propositions ?? [];
      const sig = `c${version('cards', cardContext(v))}`;
      const labelSig = `l${version('labels', JSON.stringify([lang(), c.amendments.map((a) => [a.id, state.labels[a.id]]), c.members, c.base]))}`;
      memo(presenceSlot, [labelSig, p.absent, p.present_count], () => [presence()]);
      memo(head, [labelSig, p.statement, p.order_approved, props.length, (c.procedure?.formal ?? []).length, (p.reservations ?? []).length, v.problem, (v.decision?.notices ?? []).filter((n) => !n.propositions.length)], () => orderHead(v));
      const next = new Map();
      const facts = byProposition(v);
      const els = props.map((prop, i) => reuse(cards, next, cardKey(sig, prop, i, v, facts), () => propCard(ctx, prop, i, props.length, v)));
      cards = next;
      patch(list, els);
      list.hidden = props.length === 0;
      memo(foot, [labelSig, sig, props], () => [orderFoot() ?? '']);
      memo(formalSlot, [labelSig, p.formal], () => [formalSection()]);
      memo(resSlot, [labelSig, p.formal, p.absent, p.reservations, v.problem?.reservation != null ? v.problem : null], () => [reservationSection(ctx, v)]);
      memo(notesSlot, [labelSig, p.absent, p.protocol_notes], () => [notesSection()]);
      memo(statusSlot, [labelSig, p.formal, v.decision?.statuses], () => [statusSection(ctx, v)]);
      memo(adoptedSlot, [labelSig, version('amendments', JSON.stringify(c.amendments)), v.decision?.adopted, textMode], () => [adoptedSection(ctx, v)]);
      memo(minutesSlot, [lang(), v.minutes, v.problem, [...editing]], () => [minutesSection(v)]);
      const problemSig = v.problem ? `${v.problem.code}|${v.problem.proposition}|${v.problem.reservation}` : '';
      if (problemSig !== lastProblem) {
        lastProblem = problemSig;
        if (v.problem && !pending(v.problem)) {
          const where = v.problem.proposition != null ? t('vote.proposition', { n: v.problem.proposition + 1 }) : v.problem.reservation != null ? t('res.n', { n: v.problem.reservation + 1 }) : t('vote.order');
          announce(`${t('problem.title')} (${where}): ${problemText(v.problem, v)}`);
        }
      }
      if (keep && document.activeElement?.id !== keep) {
        const el = document.getElementById(keep);
        if (el) {
          el.focus({ preventScroll: true });
          if (range) { try { el.setSelectionRange(...range); } catch { /* not a text field */ } }
          // scrolled to only if out of view, once laid out anyway
          requestAnimationFrame(() => { if (document.activeElement === el && outOfView(el)) el.scrollIntoView({ block: 'nearest' }); });
        }
      }
    };
    rerender = render;
    const update = (reason) => {
      if (reason === 'status' || reason === 'saved' || reason === 'selection') return;
      render();
    };
    update('open');
    return {
      update,
      unmount() {
        live = null;
        rerender = () => {};
      },
    };
  },
  /** `#votering-2` shows proposition 2. */
  focus(rest) {
    const el = document.getElementById(`votering-${rest}`);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.querySelector('h4')?.focus({ preventScroll: true });
    }
  },
};

const versions = new Map();

/** A short stand-in for a long key: the same number while `text` stays the same. */
function version(name, text) {
  const was = versions.get(name);
  if (was?.text === text) return was.n;
  const n = (was?.n ?? 0) + 1;
  versions.set(name, { text, n });
  return n;
}

/** Fills `slot` by `build()` unless what it shows (`key`) is as before. */
function memo(slot, key, build) {
  const k = JSON.stringify(key);
  if (slot.dataset.key === k) return;
  slot.replaceChildren(...build().filter((x) => x !== null && x !== undefined && x !== false));
  slot.dataset.key = k;
}

/** Is `el` out of the window's view? */
function outOfView(el) {
  const r = el.getBoundingClientRect();
  return r.bottom < 0 || r.top > window.innerHeight;
}
