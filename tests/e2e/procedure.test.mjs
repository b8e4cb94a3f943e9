// The vote view's edits of the recorded procedure (www/js/procedure.js):
// plain functions, tested without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as P from '../../www/js/procedure.js';

const CASE = {
  amendments: [
    { id: 'mp1', kind: 'change', proposer: 'aa' },
    { id: 'mp2', kind: 'change', proposer: 'aa' },
    { id: 'v1', kind: 'change', proposer: 'em' },
    { id: 'v2', kind: 'change', proposer: 'em' },
    { id: 'mp-tillagg', kind: 'addition', proposer: 'aa' },
    { id: 'old', kind: 'change', proposer: 'em', withdrawn: true },
  ],
  procedure: { formal: [{ id: 'aterremiss1', kind: 'remit', proposer: 'em', reason: 'Utred mer.' }] },
};

const draft = (propositions) => ({ ...structuredClone(CASE), procedure: { ...structuredClone(CASE.procedure), propositions } });

test('each proposal put the usual way', () => {
  assert.deepEqual(P.propositionFor(CASE, 'v2'), { alternatives: ['base', 'v2'] });
  assert.deepEqual(P.propositionFor(CASE, 'mp-tillagg'), { alternatives: ['mp-tillagg', 'reject'] });
  assert.deepEqual(P.propositionFor(CASE, 'aterremiss1'), { alternatives: ['decide', 'aterremiss1'] });
  assert.deepEqual(P.proposals(CASE), ['mp1', 'mp2', 'v1', 'v2', 'mp-tillagg', 'aterremiss1']);
  assert.deepEqual(P.ownProposals(CASE, 'em'), ['v1', 'v2', 'aterremiss1']);
});

test('join, split and move propositions and alternatives; a changed proposition is undecided', () => {
  const d = draft([{ alternatives: ['base', 'mp2+v1'], found: 'base' }, { alternatives: ['base', 'mp1', 'v2'] }, { alternatives: ['mp-tillagg', 'reject'] }]);
  const p = P.proc(d);
  P.splitAlternative(p, 0, 1);
  assert.deepEqual(p.propositions[0], { alternatives: ['base', 'mp2', 'v1'] });
  P.moveAlternative(d, p, 0, 2, 1);
  assert.deepEqual(p.propositions.map((q) => q.alternatives), [['base', 'mp2'], ['base', 'mp1', 'v2', 'v1'], ['mp-tillagg', 'reject']]);
  P.moveAlternative(d, p, 1, 2, null);
  assert.deepEqual(p.propositions.map((q) => q.alternatives), [['base', 'mp2'], ['base', 'mp1', 'v1'], ['base', 'v2'], ['mp-tillagg', 'reject']]);
  P.move(p, 1, -1);
  assert.deepEqual(p.propositions[0].alternatives, ['base', 'mp1', 'v1']);
  P.joinAlternatives(p, 0, 1, 2);
  assert.deepEqual(p.propositions[0].alternatives, ['base', 'mp1+v1']);
  P.joinWithNext(p, 2);
  assert.deepEqual(p.propositions[2].alternatives, ['base', 'v2', 'mp-tillagg', 'reject']);
  P.split(d, p, 2);
  assert.deepEqual(p.propositions.slice(2).map((q) => q.alternatives), [['base', 'v2'], ['mp-tillagg', 'reject']]);
  P.addAlternative(p, 3, 'v2');
  assert.deepEqual(p.propositions[3].alternatives, ['mp-tillagg', 'v2', 'reject'], 'rejection stays last');
});

test('preliminary rounds follow the alternatives and the winners', () => {
  const prop = { alternatives: ['base', 'mp1', 'v2', 'v1'], found: 'base', roll_call: { main: {} } };
  P.alignRounds(prop);
  assert.equal(prop.roll_call.preliminary.length, 2);
  assert.deepEqual([prop.roll_call.preliminary[0].ja, prop.roll_call.preliminary[0].nej], ['mp1', 'v2']);
  assert.equal(P.counterProposal(prop), null, 'not chosen yet');
  prop.roll_call.preliminary[0].counts = { ja: 3, nej: 5, avstar: 0 };
  P.alignRounds(prop);
  assert.deepEqual([prop.roll_call.preliminary[1].ja, prop.roll_call.preliminary[1].nej], ['v2', 'v1'], 'the winner against the next');
  prop.roll_call.preliminary[1] = { ja: 'v2', nej: 'v1', found: 'v1' };
  assert.equal(P.counterProposal(prop), 'v1');
  // a tie goes to the casting vote
  const r = { ja: 'a', nej: 'b', counts: { ja: 4, nej: 4, avstar: 1 } };
  assert.equal(P.roundWinner(r), null);
  r.casting_vote = 'nej';
  assert.equal(P.roundWinner(r), 'nej');
  assert.deepEqual(P.tally({ ballots: [{ member: 'x', vote: 'ja' }, { member: 'y', vote: 'avstar' }] }), { ja: 1, nej: 0, avstar: 1 });
  // two alternatives: no preliminary rounds
  const two = { alternatives: ['base', 'v2'], found: 'v2', roll_call: { preliminary: [{}], main: { ja: 'x' } } };
  P.alignRounds(two);
  assert.deepEqual(two.roll_call, { preliminary: [], main: {} });
  assert.equal(P.counterProposal(two), 'base');
});

test('a proposal forgotten leaves every proposition and reservation; tidy drops what the engine drops', () => {
  const d = draft([{ alternatives: ['base', 'mp2+v1'], found: 'mp2+v1' }, { alternatives: ['base', 'v2'] }]);
  const p = P.proc(d);
  p.reservations = [{ member: 'aa', in_favour_of: ['v2', 'mp1'] }];
  P.forget(p, 'v1');
  assert.deepEqual(p.propositions[0], { alternatives: ['base', 'mp2'] });
  P.forget(p, 'v2');
  assert.equal(p.propositions.length, 1, 'the base alone is no proposition');
  assert.deepEqual(p.reservations[0].in_favour_of, ['mp1']);
  const messy = { absent: [], present_count: null, formal: [{ id: 'f', withdrawn: false, supporters: [] }], propositions: [{ alternatives: [], roll_call: { preliminary: [], main: { ballots: [], counts: { ja: 1, nej: 0, avstar: 0 } } } }], reservations: [{ member: 'x', written: false, in_favour_of: [] }] };
  assert.deepEqual(P.tidy(messy), { formal: [{ id: 'f' }], propositions: [{ alternatives: [], roll_call: { main: { counts: { ja: 1, nej: 0, avstar: 0 } } } }], reservations: [{ member: 'x' }] });
  assert.equal(P.newFormalId(CASE, 'remit'), 'aterremiss2');
  assert.equal(P.newFormalId(CASE, 'postpone'), 'bordlaggning1');
});

test('the new steps: tidy drops their false flags and empty lists; a forgotten proposal leaves what a reservation is against', () => {
  const p = { statement: false, order_approved: true, protocol_notes: [], reservations: [{ group: 'V', against: ['v1', 'v2'], written: false }], propositions: [] };
  P.forget(p, 'v1');
  assert.deepEqual(P.tidy(structuredClone(p)), { order_approved: true, reservations: [{ group: 'V', against: ['v2'] }] });
  P.forget(p, 'v2');
  assert.deepEqual(P.tidy(p), { order_approved: true, reservations: [{ group: 'V' }] });
});
