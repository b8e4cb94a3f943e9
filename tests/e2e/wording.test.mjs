// A case whose proposals have a wording and no operations: the app reads
// the operations from the Swedish wording, shows each as read and to be
// checked, and a click confirms the reading (undoably).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, ROOT, setup } from './harness.mjs';

const EXAMPLE = join(ROOT, 'examples', 'alingsas-ks-2023-217', 'case.json');

test('proposals read from their wording are located, marked to be checked, and confirmed', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  for (const a of example.amendments) a.ops = [];
  const check = await page.evaluate(async (json) => {
    await window.amend.open(json);
    const { check } = window.amend.state;
    return { located: new Set(check.located.map((l) => l.amendment)).size, failed: check.failed.length };
  }, JSON.stringify(example));
  assert.deepEqual(check, { located: 6, failed: 0 }, 'all six read from their wording and located');

  const notes = page.locator('.am-reading');
  await notes.first().waitFor();
  assert.equal(await notes.count(), 6);
  assert.match(await notes.first().textContent(), /lästa ur förslagets lydelse/);
  assert.deepEqual(await axeViolations(page, 'aside.amendments'), []);

  const mp1 = page.locator('li.am[data-id="mp1"]');
  await mp1.getByRole('button', { name: /^Stämmer/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.am-reading').length === 5);
  const saved = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  const byId = Object.fromEntries(saved.amendments.map((a) => [a.id, a]));
  assert.equal(byId.mp1.from_wording, undefined, 'confirmed');
  assert.equal(byId.mp2.from_wording, true, 'still to be checked');
  assert.deepEqual(byId.mp1.ops, [{ action: 'delete_section', heading: 'Effektivisera den politiska målstyrningen' }]);
  assert.match(await page.locator('#status').textContent(), /Läsningen av MP 1 är bekräftad/);
  assert.deepEqual(errors, []);
});
