// The recorded procedure as the vote view edits it: plain functions on a
// draft of the case (see state.commit), no DOM. The engine checks the
// result and works out the decision; these keep the draft in the shape it
// reads (alternatives as "base", "reject", "decide", ids or "a+b"; a roll
// call's preliminary rounds in the order the engine expects).

export const BASE = 'base';
export const REJECT = 'reject';
export const DECIDE = 'decide';

/** "mp2+v1" → ["mp2", "v1"]. */
export function parts(alt) {
  return String(alt).split('+').map((s) => s.trim()).filter(Boolean);
}

/** The procedure of a draft, with every list there. */
export function proc(draft) {
  draft.procedure ??= {};
  const p = draft.procedure;
  p.absent ??= [];
  p.formal ??= [];
  p.propositions ??= [];
  p.reservations ??= [];
  return p;
}

// Lists the engine leaves out when empty, flags it leaves out when false.
const OMIT_EMPTY = new Set(['absent', 'formal', 'propositions', 'reservations', 'supporters', 'demanded_by', 'preliminary', 'ballots', 'in_favour_of', 'against', 'protocol_notes']);
const OMIT_FALSE = new Set(['withdrawn', 'written', 'statement', 'order_approved', 'reject_others']);

/** Drops what the engine would drop, so that an unchanged procedure compares equal. */
export function tidy(v) {
  if (Array.isArray(v)) {
    v.forEach(tidy);
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === undefined || x === null
        || (OMIT_EMPTY.has(k) && Array.isArray(x) && x.length === 0)
        || (OMIT_FALSE.has(k) && x === false)) {
        delete v[k];
      } else {
        tidy(x);
      }
    }
  }
  return v;
}

/** What kind of proposal an alternative is: base, reject, decide, formal, change, addition, unknown. */
export function kindOf(c, alt) {
  if (alt === BASE || alt === REJECT || alt === DECIDE) return alt;
  const id = parts(alt)[0];
  if ((c.procedure?.formal ?? []).some((f) => f.id === id)) return 'formal';
  const a = c.amendments.find((x) => x.id === id);
  return a ? a.kind : 'unknown';
}

/** Every proposal that can be put: active amendments and formal motions, in tabled order. */
export function proposals(c) {
  const out = c.amendments.filter((a) => !a.withdrawn).map((a) => a.id);
  for (const f of c.procedure?.formal ?? []) if (!f.withdrawn) out.push(f.id);
  return out;
}

/** Ids put in any proposition. */
export function putIds(c) {
  const set = new Set();
  for (const prop of c.procedure?.propositions ?? []) {
    for (const alt of prop.alternatives) for (const id of parts(alt)) set.add(id);
  }
  return set;
}

/** A proposition putting one proposal the usual way. */
export function propositionFor(c, id) {
  switch (kindOf(c, id)) {
    case 'addition': return { alternatives: [id, REJECT] };
    case 'formal': return { alternatives: [DECIDE, id] };
    default: return { alternatives: [BASE, id] };
  }
}

/** Forgets how a proposition was decided (its alternatives changed). */
function undecided(prop) {
  delete prop.found;
  delete prop.roll_call;
}

/** Moves proposition `i` by `by` (−1 up, +1 down). */
export function move(p, i, by) {
  const j = i + by;
  if (j < 0 || j >= p.propositions.length) return;
  const [x] = p.propositions.splice(i, 1);
  p.propositions.splice(j, 0, x);
}

/** Puts proposition `i + 1`'s alternatives into proposition `i`. */
export function joinWithNext(p, i) {
  const a = p.propositions[i];
  const b = p.propositions[i + 1];
  if (!a || !b) return;
  for (const alt of b.alternatives) if (!a.alternatives.includes(alt)) a.alternatives.push(alt);
  // the base proposal and deciding today first, rejection last
  const rank = (x) => (x === BASE || x === DECIDE ? 0 : x === REJECT ? 2 : 1);
  a.alternatives.sort((x, y) => rank(x) - rank(y));
  undecided(a);
  p.propositions.splice(i + 1, 1);
}

/** Splits proposition `i` into one proposition for each proposal in it, put the usual way. */
export function split(c, p, i) {
  const prop = p.propositions[i];
  const own = prop.alternatives.filter((x) => x !== BASE && x !== REJECT && x !== DECIDE);
  if (own.length < 2) return;
  const next = own.map((alt) => {
    const q = propositionFor(c, parts(alt)[0]);
    q.alternatives = q.alternatives.map((x) => (parts(x)[0] === parts(alt)[0] ? alt : x));
    return q;
  });
  p.propositions.splice(i, 1, ...next);
}

/** Takes alternative `k` out of proposition `i`. */
export function removeAlternative(p, i, k) {
  const prop = p.propositions[i];
  prop.alternatives.splice(k, 1);
  undecided(prop);
}

/** Adds `alt` to proposition `i` (rejection last). */
export function addAlternative(p, i, alt) {
  const prop = p.propositions[i];
  if (prop.alternatives.includes(alt)) return;
  const r = prop.alternatives.indexOf(REJECT);
  if (r >= 0 && alt !== REJECT) prop.alternatives.splice(r, 0, alt);
  else prop.alternatives.push(alt);
  undecided(prop);
}

/** Moves alternative `k` of proposition `i` to proposition `to`, or to a new one after `i` (`to` = null). */
export function moveAlternative(c, p, i, k, to) {
  const alt = p.propositions[i].alternatives[k];
  removeAlternative(p, i, k);
  if (to === null) {
    const q = propositionFor(c, parts(alt)[0]);
    q.alternatives = q.alternatives.map((x) => (parts(x)[0] === parts(alt)[0] ? alt : x));
    p.propositions.splice(i + 1, 0, q);
  } else {
    addAlternative(p, to, alt);
  }
}

/** Splits a joined alternative "a+b" of proposition `i` into separate ones. */
export function splitAlternative(p, i, k) {
  const prop = p.propositions[i];
  prop.alternatives.splice(k, 1, ...parts(prop.alternatives[k]));
  undecided(prop);
}

/** Joins alternative `k2` into alternative `k` of proposition `i` ("a+b"). */
export function joinAlternatives(p, i, k, k2) {
  const prop = p.propositions[i];
  const joined = [...parts(prop.alternatives[k]), ...parts(prop.alternatives[k2])].join('+');
  prop.alternatives[k] = joined;
  prop.alternatives.splice(k2, 1);
  undecided(prop);
}

/** The alternatives of a proposition besides the main proposal (the chair's finding). */
export function others(prop) {
  return prop.alternatives.filter((a) => a !== prop.found);
}

/** Who wins a round as recorded: 'ja', 'nej' or null (undecided or tied without a casting vote). */
export function roundWinner(r, members = null) {
  if (!r) return null;
  const voted = r.counts || (r.ballots?.length ?? 0) > 0;
  if (!voted && r.found) return r.found === r.ja ? 'ja' : r.found === r.nej ? 'nej' : null;
  const c = tally(r);
  if (!c) return null;
  if (c.ja > c.nej) return 'ja';
  if (c.nej > c.ja) return 'nej';
  return r.casting_vote === 'ja' || r.casting_vote === 'nej' ? r.casting_vote : null;
}

/** A round's totals, from the ballots or the counts. */
export function tally(r) {
  if (r.ballots?.length) {
    const c = { ja: 0, nej: 0, avstar: 0 };
    for (const b of r.ballots) c[b.vote] += 1;
    return c;
  }
  return r.counts ? { ja: r.counts.ja ?? 0, nej: r.counts.nej ?? 0, avstar: r.counts.avstar ?? 0 } : null;
}

/**
 * Brings a roll call's preliminary rounds in line with the proposition: one
 * round fewer than the alternatives besides the main proposal, the first
 * between the first two of them, each next one between the last winner and
 * the next. What was recorded for a round stays with it.
 */
export function alignRounds(prop) {
  const rc = prop.roll_call;
  if (!rc) return;
  const rest = others(prop);
  const need = Math.max(0, rest.length - 1);
  rc.preliminary ??= [];
  rc.preliminary.length = Math.min(rc.preliminary.length, need);
  let last = rest[0];
  for (let k = 0; k < need; k++) {
    const r = rc.preliminary[k] ?? (rc.preliminary[k] = { counts: { ja: 0, nej: 0, avstar: 0 } });
    r.ja = last;
    r.nej = rest[k + 1];
    if (r.found && r.found !== r.ja && r.found !== r.nej) delete r.found;
    const w = roundWinner(r);
    last = w === 'ja' ? r.ja : w === 'nej' ? r.nej : r.ja;
  }
  rc.main ??= {};
  delete rc.main.ja;
  delete rc.main.nej;
}

/** The counter-proposal the preliminary rounds pick (or the only other alternative). */
export function counterProposal(prop) {
  const rest = others(prop);
  if (rest.length <= 1) return rest[0] ?? null;
  const rounds = prop.roll_call?.preliminary ?? [];
  const lastRound = rounds[rounds.length - 1];
  const w = roundWinner(lastRound);
  return w === 'ja' ? lastRound.ja : w === 'nej' ? lastRound.nej : null;
}

/** A new id for a formal motion: "aterremiss1", "bordlaggning2" … */
export function newFormalId(c, kind) {
  const base = kind === 'remit' ? 'aterremiss' : 'bordlaggning';
  const taken = new Set([...c.amendments.map((a) => a.id), ...(c.procedure?.formal ?? []).map((f) => f.id)]);
  let n = 1;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** A member's own proposals: amendments and formal motions. */
export function ownProposals(c, memberId) {
  return [
    ...c.amendments.filter((a) => a.proposer === memberId && !a.withdrawn).map((a) => a.id),
    ...(c.procedure?.formal ?? []).filter((f) => f.proposer === memberId && !f.withdrawn).map((f) => f.id),
  ];
}

/** Takes a proposal out of every proposition (and drops propositions left empty). */
export function forget(p, id) {
  for (const prop of p.propositions) {
    const before = prop.alternatives.join('|');
    prop.alternatives = prop.alternatives
      .map((alt) => parts(alt).filter((x) => x !== id).join('+'))
      .filter(Boolean);
    if (prop.alternatives.join('|') !== before) undecided(prop);
  }
  p.propositions = p.propositions.filter((prop) => prop.alternatives.some((a) => a !== BASE && a !== REJECT && a !== DECIDE));
  for (const r of p.reservations) {
    if (r.in_favour_of) r.in_favour_of = r.in_favour_of.filter((x) => x !== id);
    if (r.against) r.against = r.against.filter((x) => x !== id);
  }
}
