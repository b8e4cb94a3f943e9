// The meeting (Sammanträde): what the minutes need besides the vote — the
// case's title, the body as the minutes name it, its kind, the paragraph,
// date and diarienummer, the base proposal's name and decision points, the
// members (name, party), who proposes approving the base proposal, each
// proposal's supporters, withdrawal and condition, and the minutes' house style.

import { h } from '../dom.js';
import { errorText, lang, t } from '../i18n.js';
import { chip, partyColours, patch } from '../render.js';
import * as P from '../procedure.js';
import { commit, label, setStatus, state } from '../state.js';
import * as engine from '../wasm.js';
import * as store from '../store.js';

let focusNext = null;

function edit(what, fn, focus = null) {
  focusNext = focus;
  try {
    commit(what, (d) => {
      fn(d);
      if (d.procedure) P.tidy(d.procedure);
    });
    return true;
  } catch (e) {
    setStatus(errorText(e), 'error', e?.message);
    return false;
  }
}

/** Edits from a text field wait until focus has moved on, so the render keeps it there. */
function later(fn) {
  setTimeout(fn, 0);
}

function textField({ id, labelKey, value, hint = null, lang = null, onSet, type = 'text', wide = false }) {
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: `field${wide ? ' wide' : ''}` },
    h('label', { for: id }, t(labelKey)),
    h('input', {
      type, id, value: value ?? '', lang, 'aria-describedby': hintId,
      on: { change: (e) => { const v = e.target.value; later(() => onSet(v)); } },
    }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

function meetingSection() {
  const c = state.case;
  const m = c.meeting ?? {};
  const setMeeting = (key) => (v) => edit(t('undo.meeting'), (d) => {
    d.meeting = { ...d.meeting };
    const x = v.trim();
    if (x) d.meeting[key] = x;
    else if (key === 'body') d.meeting.body = 'kommunstyrelsen';
    else delete d.meeting[key];
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'meeting-case-title' },
    h('h3', { id: 'meeting-case-title' }, t('meeting.case')),
    h('div', { class: 'grid' },
      textField({ id: 'meeting-title', labelKey: 'meeting.title', value: c.title, lang: 'sv', wide: true, onSet: (v) => { if (v.trim()) edit(t('undo.meeting'), (d) => { d.title = v.trim(); }); } }),
      textField({ id: 'meeting-body', labelKey: 'meeting.body', value: m.body, lang: 'sv', hint: t('meeting.bodyHint'), onSet: setMeeting('body') }),
      h('div', { class: 'field' },
        h('label', { for: 'meeting-kind' }, t('meeting.kind')),
        h('select', {
          id: 'meeting-kind',
          on: { change: (e) => edit(t('undo.meeting'), (d) => { d.meeting = { ...d.meeting, body_kind: e.target.value }; }, 'meeting-kind') },
        }, ['kommunstyrelse', 'fullmaktige', 'namnd'].map((k) => h('option', { value: k, selected: (m.body_kind ?? 'kommunstyrelse') === k }, t(`meeting.kind.${k}`)))),
        h('p', { class: 'hint' }, t('meeting.kindHint'))),
      textField({ id: 'meeting-paragraph', labelKey: 'meeting.paragraph', value: m.paragraph, hint: t('meeting.paragraphHint'), onSet: setMeeting('paragraph') }),
      textField({ id: 'meeting-date', labelKey: 'meeting.date', value: m.date, type: 'date', onSet: setMeeting('date') }),
      textField({ id: 'meeting-number', labelKey: 'meeting.caseNumber', value: m.case_number, hint: t('meeting.caseNumberHint'), onSet: setMeeting('case_number') }),
      h('div', { class: 'field' },
        h('label', { for: 'meeting-chair' }, t('meeting.chair')),
        h('select', {
          id: 'meeting-chair',
          on: {
            change: (e) => edit(t('undo.meeting'), (d) => {
              d.meeting = { ...d.meeting };
              if (e.target.value) d.meeting.chair = e.target.value;
              else delete d.meeting.chair;
            }, 'meeting-chair'),
          },
        }, h('option', { value: '' }, t('meeting.noChair')), c.members.map((x) => h('option', { value: x.id, selected: m.chair === x.id }, x.party ? `${x.name} (${x.party})` : x.name))))));
}

function baseSection() {
  const c = state.case;
  const b = c.base ?? { name: '', points: [] };
  const points = b.points ?? [];
  const setBase = (fn, focus = null) => edit(t('undo.base'), (d) => {
    d.base = { ...d.base, points: [...(d.base?.points ?? [])] };
    fn(d.base);
    if (!d.base.name_en) delete d.base.name_en;
  }, focus);
  return h('section', { class: 'panel', 'aria-labelledby': 'meeting-base-title' },
    h('h3', { id: 'meeting-base-title' }, t('meeting.base')),
    h('div', { class: 'grid' },
      textField({ id: 'base-name', labelKey: 'meeting.baseName', value: b.name, lang: 'sv', wide: true, hint: t('meeting.baseNameHint'), onSet: (v) => { if (v.trim()) setBase((x) => { x.name = v.trim(); }); } }),
      textField({ id: 'base-name-en', labelKey: 'meeting.baseNameEn', value: b.name_en, lang: 'en', wide: true, onSet: (v) => setBase((x) => { x.name_en = v.trim(); }) })),
    h('h4', { id: 'points-title' }, t('meeting.points')),
    h('p', { class: 'hint' }, t('meeting.pointsHint')),
    points.length ? h('ol', { class: 'points', 'aria-labelledby': 'points-title' }, points.map((p, i) => h('li', {},
      h('label', { for: `point-${i}`, class: 'sr-only' }, t('meeting.point', { n: i + 1 })),
      h('textarea', {
        id: `point-${i}`, rows: Math.max(2, Math.ceil(p.length / 55)), lang: 'sv',
        on: { change: (e) => { const v = e.target.value.trim(); later(() => setBase((x) => { x.points[i] = v; })); } },
      }, p),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'small', id: `point-${i}-up`, disabled: i === 0, 'aria-label': t('meeting.pointUp', { n: i + 1 }), on: { click: () => setBase((x) => { x.points.splice(i - 1, 0, ...x.points.splice(i, 1)); }, i - 1 === 0 ? `point-${i - 1}-down` : `point-${i - 1}-up`) } }, '↑'),
        h('button', { type: 'button', class: 'small', id: `point-${i}-down`, disabled: i === points.length - 1, 'aria-label': t('meeting.pointDown', { n: i + 1 }), on: { click: () => setBase((x) => { x.points.splice(i + 1, 0, ...x.points.splice(i, 1)); }, i + 1 === points.length - 1 ? `point-${i + 1}-up` : `point-${i + 1}-down`) } }, '↓'),
        h('button', { type: 'button', class: 'small danger', 'aria-label': t('meeting.pointRemove', { n: i + 1 }), on: { click: () => setBase((x) => { x.points.splice(i, 1); }, 'point-add') } }, t('list.delete')))))) : null,
    h('button', { type: 'button', id: 'point-add', on: { click: () => setBase((x) => { x.points.push(''); }, `point-${points.length}`) } }, t('meeting.pointAdd')),
    baseSupport());
}

/** Members who propose approving the base proposal, each perhaps with rejecting every other proposal. */
function baseSupport() {
  const c = state.case;
  if (!c.members.length) return null;
  const list = c.base?.supporters ?? [];
  const set = (memberId, fn, focus) => edit(t('undo.baseSupport'), (d) => {
    const by = new Map((d.base.supporters ?? []).map((x) => [x.member, { ...x }]));
    fn(by);
    const supporters = d.members.filter((m) => by.has(m.id)).map((m) => {
      const x = by.get(m.id);
      return x.reject_others ? { member: m.id, reject_others: true } : { member: m.id };
    });
    d.base = { ...d.base, supporters };
    if (!supporters.length) delete d.base.supporters;
  }, focus);
  return h('fieldset', { class: 'base-support', 'aria-describedby': 'base-support-hint' },
    h('legend', {}, t('meeting.baseSupporters')),
    h('p', { class: 'hint', id: 'base-support-hint' }, t('meeting.baseSupportersHint')),
    h('ul', {}, c.members.map((m) => {
      const mine = list.find((x) => x.member === m.id);
      const name = m.party ? `${m.name} (${m.party})` : m.name;
      return h('li', {},
        h('label', { class: 'radio' }, h('input', {
          type: 'checkbox', id: `base-s-${m.id}`, checked: Boolean(mine),
          on: { change: (e) => set(m.id, (by) => { if (e.target.checked) by.set(m.id, { member: m.id }); else by.delete(m.id); }, `base-s-${m.id}`) },
        }), ` ${name}`),
        mine ? h('label', { class: 'radio' }, h('input', {
          type: 'checkbox', id: `base-s-${m.id}-reject`, checked: Boolean(mine.reject_others), 'aria-label': t('meeting.rejectOthersOf', { name }),
          on: { change: (e) => set(m.id, (by) => { by.get(m.id).reject_others = e.target.checked; }, `base-s-${m.id}-reject`) },
        }), ` ${t('meeting.rejectOthers')}`) : null);
    })));
}

// The house style: each choice of phrasing with its example, the default first.
const STYLE = {
  tally: ['short', 'long'],
  today: ['idag', 'i_dag'],
  fallen: ['falls', 'has_fallen'],
  decision: ['points', 'adopted_with'],
  support: ['separate', 'joined'],
};

function styleSection() {
  const style = state.case.style ?? {};
  return h('section', { class: 'panel', 'aria-labelledby': 'meeting-style-title' },
    h('h3', { id: 'meeting-style-title' }, t('style.title')),
    h('p', { class: 'hint', id: 'meeting-style-hint' }, t('style.hint')),
    h('fieldset', { class: 'style-choices', 'aria-describedby': 'meeting-style-hint' },
      h('legend', { class: 'sr-only' }, t('style.title')),
      Object.entries(STYLE).map(([key, choices]) => h('div', { class: 'field' },
        h('label', { for: `style-${key}` }, t(`style.${key}`)),
        h('select', {
          id: `style-${key}`,
          on: {
            change: (e) => {
              const v = e.target.value;
              if (edit(t('undo.style'), (d) => { d.style = { ...Object.fromEntries(Object.entries(STYLE).map(([k, c]) => [k, c[0]])), ...d.style, [key]: v }; }, `style-${key}`)) {
                setStatus(`${t(`style.${key}`)}: ${t(`style.${key}.${v}`)}`);
              }
            },
          },
        }, choices.map((c, i) => h('option', { value: c, selected: (style[key] ?? choices[0]) === c },
          i === 0 ? `${t(`style.${key}.${c}`)} ${t('style.default')}` : t(`style.${key}.${c}`)))))),
      h('label', { class: 'radio' }, h('input', {
        type: 'checkbox', id: 'style-motivations', checked: Boolean(style.motivations),
        on: {
          change: (e) => {
            const on = e.target.checked;
            if (edit(t('undo.style'), (d) => {
              d.style = { ...d.style, motivations: on };
              if (!on) delete d.style.motivations;
            }, 'style-motivations')) setStatus(`${t('style.motivations')}: ${on ? t('style.on') : t('style.off')}`);
          },
        },
      }), ` ${t('style.motivations')}`)));
}

/** A proposal's text field (its reasons, the secretary's note), saved when left. */
function proposalText(a, field) {
  const id = `am-${a.id}-${field}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, t(`meeting.${field}`)),
    h('textarea', {
      id, rows: 2, value: a[field] ?? '',
      on: {
        change: (e) => edit(t(`undo.${field}`), (d) => {
          d.amendments = d.amendments.map((x) => {
            if (x.id !== a.id) return x;
            const next = { ...x, [field]: e.target.value.trim() };
            if (!next[field]) delete next[field];
            return next;
          });
        }, id),
      },
    }));
}

function newMemberId(members, name) {
  const initials = name.split(/\s+/).map((w) => w[0] ?? '').join('').toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '') || 'm';
  let id = initials;
  for (let i = 2; members.some((m) => m.id === id); i++) id = `${initials}${i}`;
  return id;
}

/** Adds the listed members not here yet (by name); says how many. */
function addListed(listed, focus) {
  let added = 0;
  const ok = edit(t('undo.members'), (d) => {
    ({ members: d.members, added } = engine.addMembers(d.members, listed));
  }, focus);
  if (ok) setStatus(t('meeting.listAdded', { n: added, of: listed.length }));
}

/** A whole list at once: pasted (from earlier minutes, a party list) or taken from another kept case. */
function memberLists() {
  const err = h('p', { class: 'form-error', role: 'alert', id: 'members-paste-error' });
  const area = h('textarea', { id: 'members-paste', rows: 6, 'aria-describedby': 'members-paste-hint members-paste-error' });
  const paste = () => {
    err.textContent = '';
    try {
      addListed(engine.parseMembers(area.value), 'members-paste');
      area.value = '';
    } catch (e) {
      err.textContent = `${errorText(e)} ${e?.message ?? ''}`;
    }
  };
  const from = h('select', { id: 'members-from' }, h('option', { value: '' }, t('meeting.fromNone')));
  store.list().then((cases) => {
    for (const c of cases) if (c.id !== state.caseId) from.append(h('option', { value: c.id }, c.title));
  }).catch(() => {});
  const take = async () => {
    const rec = from.value && await store.get(from.value);
    if (!rec) return;
    addListed(JSON.parse(rec.json).members ?? [], 'members-from');
  };
  return h('details', { class: 'member-lists' },
    h('summary', {}, t('meeting.lists')),
    h('div', { class: 'field' },
      h('label', { for: 'members-paste' }, t('meeting.paste')),
      h('p', { class: 'hint', id: 'members-paste-hint' }, t('meeting.pasteHint')),
      area),
    err,
    h('div', { class: 'buttons' }, h('button', { type: 'button', on: { click: paste } }, t('meeting.pasteAdd'))),
    h('div', { class: 'field row' },
      h('label', { for: 'members-from' }, t('meeting.from')), from,
      h('button', { type: 'button', on: { click: take } }, t('meeting.fromAdd'))));
}

/** What refers to a member: proposals, supporters, votes, reservations. */
function uses(c, id) {
  const p = c.procedure ?? {};
  if (c.amendments.some((a) => a.proposer === id || (a.supporters ?? []).includes(id))) return true;
  if ((p.formal ?? []).some((f) => f.proposer === id)) return true;
  if ((p.reservations ?? []).some((r) => r.member === id)) return true;
  if ((p.protocol_notes ?? []).some((n) => n.member === id)) return true;
  if ((c.base?.supporters ?? []).some((b) => b.member === id)) return true;
  return (p.propositions ?? []).some((q) => {
    const rc = q.roll_call;
    if (!rc) return false;
    return [...(rc.preliminary ?? []), rc.main].some((r) => (r?.ballots ?? []).some((b) => b.member === id)) || (rc.demanded_by ?? []).includes(id);
  });
}

function membersSection() {
  const c = state.case;
  const err = h('p', { class: 'form-error', role: 'alert', id: 'member-error' });
  const setMember = (id, key, value) => edit(t('undo.members'), (d) => {
    d.members = d.members.map((m) => (m.id === id ? { ...m, [key]: value } : m));
    const x = d.members.find((m) => m.id === id);
    if (!x.substitute) delete x.substitute;
  });
  const add = (e) => {
    e.preventDefault();
    const name = e.target.querySelector('#member-new-name').value.trim().replace(/\s+/g, ' ');
    const party = e.target.querySelector('#member-new-party').value.trim();
    if (!name) {
      err.textContent = t('draft.nameMissing');
      e.target.querySelector('#member-new-name').focus();
      return;
    }
    edit(t('undo.members'), (d) => { d.members.push({ id: newMemberId(d.members, name), name, party }); }, 'member-new-name');
  };
  return h('section', { class: 'panel', 'aria-labelledby': 'meeting-members-title' },
    h('h3', { id: 'meeting-members-title' }, t('meeting.members')),
    h('p', { class: 'hint' }, t('meeting.membersHint')),
    c.members.length ? h('table', { class: 'members' },
      h('caption', { class: 'sr-only' }, t('meeting.members')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('draft.name')),
        h('th', { scope: 'col' }, t('draft.party')),
        h('th', { scope: 'col' }, t('meeting.substitute')),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('meeting.actions'))))),
      h('tbody', {}, c.members.map((m) => h('tr', {},
        h('td', {}, h('input', {
          type: 'text', id: `member-${m.id}-name`, value: m.name, 'aria-label': t('meeting.nameOf', { name: m.name }),
          on: { change: (e) => { const v = e.target.value.trim().replace(/\s+/g, ' '); if (v) later(() => setMember(m.id, 'name', v)); } },
        })),
        h('td', {}, h('input', {
          type: 'text', id: `member-${m.id}-party`, value: m.party, size: 6, 'aria-label': t('meeting.partyOf', { name: m.name }),
          on: { change: (e) => { const v = e.target.value.trim(); later(() => setMember(m.id, 'party', v)); } },
        })),
        h('td', {}, h('input', {
          type: 'checkbox', id: `member-${m.id}-sub`, checked: Boolean(m.substitute), 'aria-label': t('meeting.substituteOf', { name: m.name }),
          on: { change: (e) => { focusNext = `member-${m.id}-sub`; setMember(m.id, 'substitute', e.target.checked); } },
        })),
        h('td', {}, h('button', {
          type: 'button', class: 'small danger', 'aria-label': t('meeting.removeMember', { name: m.name }),
          on: {
            click: () => {
              if (uses(state.case, m.id)) {
                err.textContent = t('meeting.memberInUse', { name: m.name });
                return;
              }
              edit(t('undo.members'), (d) => {
                d.members = d.members.filter((x) => x.id !== m.id);
                if (d.meeting?.chair === m.id) d.meeting = { ...d.meeting, chair: undefined };
                if (d.procedure?.absent) d.procedure.absent = d.procedure.absent.filter((x) => x !== m.id);
              }, 'member-new-name');
            },
          },
        }, t('list.delete'))))))) : h('p', { class: 'empty' }, t('meeting.noMembers')),
    err,
    h('form', { class: 'member-form row', on: { submit: add } },
      h('div', { class: 'field' }, h('label', { for: 'member-new-name' }, t('meeting.newName')), h('input', { type: 'text', id: 'member-new-name', autocomplete: 'off' })),
      h('div', { class: 'field party' }, h('label', { for: 'member-new-party' }, t('draft.party')), h('input', { type: 'text', id: 'member-new-party', size: 6, autocomplete: 'off' })),
      h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('meeting.addMember')))),
    memberLists());
}

function proposalsHead() {
  return [
    h('h3', { id: 'meeting-proposals-title' }, t('meeting.proposals')),
    h('p', { class: 'hint' }, t('meeting.proposalsHint')),
    state.case.amendments.length ? null : h('p', { class: 'empty' }, t('list.none')),
  ];
}

/** One proposal: withdrawn or not, and who supports it. */
function proposalItem(ctx, a) {
  const c = state.case;
  const others = c.members.filter((m) => m.id !== a.proposer);
  return h('li', { class: a.withdrawn ? 'withdrawn' : '' },
        h('p', { class: 'am-title' }, chip(ctx, a.id), ' ', label(a.id).long),
        h('label', { class: 'radio' }, h('input', {
          type: 'checkbox', id: `am-${a.id}-withdrawn`, checked: Boolean(a.withdrawn),
          on: {
            change: (e) => edit(t('undo.withdraw'), (d) => {
              d.amendments = d.amendments.map((x) => (x.id === a.id ? { ...x, withdrawn: e.target.checked || undefined } : x));
              if (e.target.checked && d.procedure) P.forget(P.proc(d), a.id);
            }, `am-${a.id}-withdrawn`),
          },
        }), ` ${t('meeting.withdrawn')}`),
        h('label', { class: 'radio' }, h('input', {
          type: 'checkbox', id: `am-${a.id}-conditional`, checked: Boolean(a.conditional),
          on: {
            change: (e) => edit(t('undo.conditional'), (d) => {
              d.amendments = d.amendments.map((x) => {
                if (x.id !== a.id) return x;
                const next = { ...x, conditional: e.target.checked };
                if (!next.conditional) delete next.conditional;
                return next;
              });
            }, `am-${a.id}-conditional`),
          },
        }), ` ${t('meeting.conditional')}`),
        proposalText(a, 'motivation'),
        proposalText(a, 'note'),
        others.length ? h('fieldset', { class: 'supporters' },
          h('legend', {}, t('meeting.supporters')),
          h('ul', {}, others.map((m) => h('li', {}, h('label', { class: 'radio' },
            h('input', {
              type: 'checkbox', id: `am-${a.id}-s-${m.id}`, checked: (a.supporters ?? []).includes(m.id),
              on: {
                change: (e) => edit(t('undo.supporters'), (d) => {
                  d.amendments = d.amendments.map((x) => {
                    if (x.id !== a.id) return x;
                    const set = new Set(x.supporters ?? []);
                    if (e.target.checked) set.add(m.id);
                    else set.delete(m.id);
                    const supporters = d.members.map((y) => y.id).filter((y) => set.has(y));
                    const next = { ...x, supporters };
                    if (!supporters.length) delete next.supporters;
                    return next;
                  });
                }, `am-${a.id}-s-${m.id}`),
              },
            }),
            ` ${m.party ? `${m.name} (${m.party})` : m.name}`))))) : null);
}

/** Fills `slot` by `build()` unless what it shows (`key`) is as before. */
function memo(slot, key, build) {
  const k = JSON.stringify(key);
  if (slot.dataset.key === k) return;
  slot.replaceChildren(...build().filter((x) => x !== null && x !== undefined && x !== false));
  slot.dataset.key = k;
}

export default {
  id: 'meeting',
  hash: 'sammantrade',
  label: 'view.meeting',
  mount(main) {
    const caseSlot = h('div', { class: 'slot' });
    const baseSlot = h('div', { class: 'slot' });
    const styleSlot = h('div', { class: 'slot' });
    const membersSlot = h('div', { class: 'slot' });
    const proposalsHeadSlot = h('div', { class: 'slot' });
    const list = h('ul', { class: 'support-list' });
    const body = h('div', { class: 'meeting-grid' },
      h('div', { class: 'meeting-col' }, caseSlot, baseSlot, styleSlot),
      h('div', { class: 'meeting-col' }, membersSlot,
        h('section', { class: 'panel', 'aria-labelledby': 'meeting-proposals-title' }, proposalsHeadSlot, list)));
    let items = new Map();
    main.replaceChildren(h('section', { class: 'meeting', 'aria-labelledby': 'meeting-view-title' },
      h('h2', { id: 'meeting-view-title' }, t('meeting.viewTitle')),
      h('p', { class: 'intro' }, t('meeting.intro')),
      body));
    const render = () => {
      const active = document.activeElement;
      const keep = focusNext ?? (main.contains(active) && active.id ? active.id : null);
      focusNext = null;
      const c = state.case;
      const l = lang();
      memo(caseSlot, [l, c.title, c.meeting, c.members], () => [meetingSection()]);
      memo(baseSlot, [l, c.base, c.members], () => [baseSection()]);
      memo(styleSlot, [l, c.style], () => [styleSection()]);
      memo(membersSlot, [l, c.members], () => [membersSection()]);
      memo(proposalsHeadSlot, [l, c.amendments.length], proposalsHead);
      const ctx = { colours: partyColours(c.members) };
      const sig = JSON.stringify([l, c.members]);
      const next = new Map();
      const els = c.amendments.map((a) => {
        const key = JSON.stringify([sig, a, state.labels[a.id]]);
        const el = items.get(key) ?? proposalItem(ctx, a);
        next.set(key, el);
        return el;
      });
      items = next;
      patch(list, els);
      list.hidden = els.length === 0;
      if (keep && document.activeElement?.id !== keep) document.getElementById(keep)?.focus({ preventScroll: true });
    };
    const update = (reason) => {
      if (reason === 'status' || reason === 'saved' || reason === 'selection') return;
      render();
    };
    update('open');
    return { update, unmount() {} };
  },
};
