// A case whose proposals have a wording and no operations: the app reads
// the operations from the Swedish wording, shows each as read and to be
// checked, and a click confirms the reading (undoably).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, dblclickWord, ROOT, setup } from './harness.mjs';

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
  // what was read, worded as the minutes word it
  assert.match(await page.locator('li.am[data-id="mp1"] .am-read-as').textContent(),
    /^Läst som: .*Effektivisera den politiska målstyrningen/);
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

test('a wording that cannot be read: said in Swedish, and a change selected in the plan is added to it', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const v1 = example.amendments.find((a) => a.id === 'v1');
  v1.ops = [];
  v1.wording = 'Vänsterpartiet yrkar att projekt ”Kommunhus” utgår.';
  await page.evaluate((json) => window.amend.open(json), JSON.stringify(example));
  const card = page.locator('li.am[data-id="v1"]');
  await card.locator('.flag.bad').waitFor();
  assert.match(await card.locator('.flag.bad').textContent(), /förslaget har inga ändringar i planen – lydelsen kunde inte läsas/);
  assert.doesNotMatch(await card.locator('.flag.bad').innerText(), /has no operations/, 'the engine\'s words only under Detaljer');
  // its own edit dialog says what to do
  await card.getByRole('button', { name: /^Redigera/ }).click();
  const edit = page.getByRole('dialog');
  assert.match(await edit.textContent(), /Förslaget har inga ändringar i planen ännu/);
  assert.doesNotMatch(await edit.textContent(), /Det gick inte/);
  await edit.getByRole('button', { name: 'Avbryt' }).click();
  // a word struck from the plan, added to V 1
  await dblclickWord(page, '#doc .blk .txt', 'Medarbetare');
  await page.getByRole('button', { name: 'Stryk', exact: true }).click();
  const draft = page.getByRole('dialog');
  await draft.getByRole('button', { name: 'Lägg till V 1' }).click();
  const attached = page.getByRole('dialog', { name: /V 1/ });
  assert.equal(await attached.getByLabel('Lydelse').inputValue(), v1.wording, 'its wording kept');
  await attached.getByRole('button', { name: 'Spara' }).click();
  await attached.waitFor({ state: 'detached' });
  const saved = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  const ops = saved.amendments.find((a) => a.id === 'v1').ops;
  assert.equal(ops.length, 1);
  assert.equal(ops[0].action, 'delete');
  assert.equal(saved.amendments.length, example.amendments.length, 'no new proposal');
  assert.equal(await card.locator('.flag.bad').count(), 0);
  assert.deepEqual(errors, []);
});

test('a proposal pasted as its wording: read as it is typed, located, saved as read from its wording; one that cannot be read is kept with its wording', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: 'Förslag ur lydelse …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Förslag ur lydelse' });
  await dialog.getByLabel('Namn').fill('Fredrik Sverkersten');
  await dialog.getByLabel('Parti').fill('FB');
  const wording = 'Fredrik Sverkersten (FB) yrkar att följande ändringar görs:\n'
    + '1. Meningen ”Urvalet av verksamheter görs i samråd med respektive förvaltning och utgår bland annat från\n'
    + 'avvikelser mot referenskostnad och kvalitetsindikatorer.” under ”Genomlysningar och metod för ständiga förbättringar” stryks.\n'
    + '2. Under rubriken Lokaleffektivitet läggs följande mening till: ”Lokalerna ska delas mellan förvaltningarna.”';
  await dialog.getByLabel('Lydelse i protokollet').fill(wording);
  const read = dialog.locator('.check');
  await page.waitForFunction(() => /Läst som/.test(document.querySelector('dialog .check')?.textContent ?? ''));
  assert.match(await read.textContent(), /^✓ Läst som 2 ändringar:/);
  assert.match(await read.textContent(), /Ändringen hittas i planen/);
  assert.deepEqual(await axeViolations(page, 'dialog'), []);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await dialog.waitFor({ state: 'detached' });
  const saved = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  const fb = saved.amendments.find((a) => a.id === 'fb1');
  assert.equal(fb.wording, wording);
  assert.equal(fb.from_wording, true);
  assert.deepEqual(fb.ops.map((o) => o.action), ['delete', 'insert']);
  assert.equal(fb.ops[0].section, 'Genomlysningar och metod för ständiga förbättringar');
  const card = page.locator('li.am[data-id="fb1"]');
  assert.match(await card.locator('.am-read-as').textContent(), /^Läst som:/);
  assert.equal(await card.locator('.flag.bad').count(), 0, 'located');

  // a wording that asks for nothing exact: said, and saved with its wording
  // (the proposer's fields start empty, and the wording's opening fills them)
  await page.getByRole('button', { name: 'Förslag ur lydelse …' }).click();
  assert.equal(await dialog.getByLabel('Namn').inputValue(), '');
  await dialog.getByLabel('Lydelse i protokollet').fill('Per Bengtsson (S) yrkar att projekt ”Kommunhus” utgår.');
  assert.equal(await dialog.getByLabel('Namn').inputValue(), 'Per Bengtsson');
  assert.equal(await dialog.getByLabel('Parti').inputValue(), 'S');
  // closed by mistake, opened again: nothing typed is lost
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Förslag ur lydelse …' }).click();
  assert.equal(await dialog.getByLabel('Lydelse i protokollet').inputValue(), 'Per Bengtsson (S) yrkar att projekt ”Kommunhus” utgår.');
  assert.equal(await dialog.getByLabel('Namn').inputValue(), 'Per Bengtsson');
  await page.waitForFunction(() => /kan inte läsas/.test(document.querySelector('dialog .check')?.textContent ?? ''));
  assert.match(await dialog.locator('.check').innerText(), /Lydelsen kan inte läsas som ändringar i planen \(”Per Bengtsson/);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await dialog.waitFor({ state: 'detached' });
  const after = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  const s = after.amendments.find((a) => a.id === 's1');
  assert.deepEqual(s.ops, []);
  assert.equal(s.from_wording, undefined);
  assert.match(await page.locator('li.am[data-id="s1"] .flag.bad').innerText(), /lydelsen kunde inte läsas/);
  assert.deepEqual(errors, []);
});

test('a quote not quite as in the plan: the closest passage said in Swedish, and the reading not offered for confirmation', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: 'Förslag ur lydelse …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Förslag ur lydelse' });
  await dialog.getByLabel('Lydelse i protokollet').fill('Anna Berg (C) yrkar att meningen ”Bolaget har under många år redovisat stabila resultat.” stryks.');
  await page.waitForFunction(() => /hittas inte/.test(document.querySelector('dialog .check')?.textContent ?? ''));
  assert.match(await dialog.locator('.check').innerText(), /I planen står närmast: ”Bolaget har under flera år redovisat stabila resultat/);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await dialog.waitFor({ state: 'detached' });
  const card = page.locator('li.am[data-id="c1"]');
  assert.match(await card.locator('.flag.bad').innerText(), /I planen står närmast: ”Bolaget har under flera år/);
  assert.equal(await card.getByRole('button', { name: /^Stämmer/ }).count(), 0);
  assert.deepEqual(errors, []);
});
