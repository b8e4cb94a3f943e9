// A proposal's reasons and the secretary's note, entered in Sammanträde:
// kept in the case, the reasons in the minutes when the house style says
// so, the note never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, setup } from './harness.mjs';

test('reasons go into the minutes when the house style asks, the secretary’s note stays in the case', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#sammantrade');
  const reasons = page.locator('#am-mp-tillagg-motivation');
  await reasons.waitFor();
  await reasons.fill('Personalen ska inte springa fortare.');
  await reasons.press('Tab');
  const note = page.locator('#am-mp-tillagg-note');
  await note.fill('Kolla ordalydelsen med MP.');
  await note.press('Tab');
  await page.locator('#style-motivations').check();
  await page.waitForFunction(async () => JSON.parse(await window.amend.stored()).style?.motivations === true);
  const saved = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  const mp = saved.amendments.find((a) => a.id === 'mp-tillagg');
  assert.equal(mp.motivation, 'Personalen ska inte springa fortare.');
  assert.equal(mp.note, 'Kolla ordalydelsen med MP.');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(page.url().replace(/#.*$/, '#votering'));
  const minutes = page.locator('.vote .minutes');
  await minutes.locator('.min-sec').first().waitFor();
  const text = (await minutes.textContent()).split(/\s+/).join(' ');
  assert.match(text, /dubbelarbeta\." Motivering: Personalen ska inte springa fortare\./);
  assert.doesNotMatch(text, /Kolla ordalydelsen/);
  assert.deepEqual(errors, []);
});
