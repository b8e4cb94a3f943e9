// Proposals sent and gathered without a server: Amanda Andersson's
// proposals of the Alingsås example exported as a draft file ("Mina
// förslag") and as a link (#utkast=…), gathered into a case that lacks them
// (three added, undoable), and gathered again (already there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, download, pick, ROOT, screenshot, setup } from './harness.mjs';

const EXAMPLE = join(ROOT, 'examples', 'alingsas-ks-2023-217', 'case.json');

/** The example without Amanda Andersson, her proposals and the vote. */
function withoutAmanda() {
  const c = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  return JSON.stringify({
    format: c.format,
    title: `${c.title} (utan MP)`,
    meeting: c.meeting,
    plan: c.plan,
    members: c.members.filter((m) => m.id !== 'aa'),
    base: c.base,
    amendments: c.amendments.filter((a) => a.proposer !== 'aa'),
  });
}

async function openExport(page) {
  await page.getByRole('link', { name: 'Exportera och skriv ut' }).click();
  await page.getByRole('heading', { name: 'Mina förslag' }).waitFor();
  await page.getByLabel('Förslagsställare').selectOption({ label: 'Amanda Andersson (MP)' });
}

/** Brings the draft in with the dialog that asks for the case; returns the report's text. */
async function gather(page) {
  const dialog = page.getByRole('dialog', { name: 'Samla in förslag' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('För in i ärendet').inputValue(), '', 'the open case is chosen');
  await dialog.getByRole('button', { name: 'För in förslagen' }).click();
  const said = dialog.getByRole('status');
  await said.locator('.gather-report').waitFor();
  return { dialog, text: await said.textContent() };
}

const ids = (page) => page.evaluate(() => window.amend.state.case.amendments.map((a) => a.id));

test('a member\'s proposals as a draft file: gathered into a case without them, undone, and again as already there', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await openExport(page);
  assert.match(await page.locator('section.mine').textContent(), /skickas ingenstans/);
  const file = await download(page, () => page.getByRole('button', { name: 'Hämta förslagsfil (.json)' }).click());
  assert.equal(file.name, 'forslag-amanda-andersson-kommunkoncernovergripande-ekonomisk-handlingsplan.json');
  const draft = JSON.parse(file.text);
  assert.equal(draft.format, 'amend-draft/1');
  assert.deepEqual(draft.amendments.map((a) => a.id), ['mp1', 'mp2', 'mp-tillagg']);
  // she and the members who support her proposals
  assert.deepEqual(draft.members.map((m) => m.name), ['Amanda Andersson', 'Heidi Hankanen Ängberg']);
  assert.equal(draft.plan.length, 16, 'the plan\'s fingerprint, not the plan');

  // a case from the same plan without her proposals
  await page.evaluate((json) => window.amend.open(json), withoutAmanda());
  assert.deepEqual(await ids(page), ['v1', 'v2', 'c-tillagg']);

  await pick(page, file.path);
  let { dialog, text } = await gather(page);
  assert.match(text, /3 tillagda, 0 redan med/);
  assert.match(text, /MP 1 \(mp1\): tillagt/);
  assert.deepEqual(await ids(page), ['v1', 'v2', 'c-tillagg', 'mp1', 'mp2', 'mp-tillagg']);
  assert.ok(await page.evaluate(() => window.amend.state.case.members.some((m) => m.name === 'Amanda Andersson')));
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'drafts-gathered');
  await dialog.getByRole('button', { name: 'Stäng' }).first().click();
  await dialog.waitFor({ state: 'detached' });
  // her proposals are among those shown (and exported)
  assert.ok(await page.evaluate(() => ['mp1', 'mp2', 'mp-tillagg'].every((id) => window.amend.state.shown.includes(id))));
  assert.equal(await page.getByRole('checkbox', { name: /MP 1/ }).isChecked(), true);

  // undone as one edit, and done again
  await page.getByRole('button', { name: 'Ångra' }).click();
  assert.deepEqual(await ids(page), ['v1', 'v2', 'c-tillagg']);
  await page.getByRole('button', { name: 'Gör om' }).click();
  assert.deepEqual(await ids(page), ['v1', 'v2', 'c-tillagg', 'mp1', 'mp2', 'mp-tillagg']);

  // the same file again: already there, nothing added
  await pick(page, file.path);
  ({ dialog, text } = await gather(page));
  assert.match(text, /0 tillagda, 3 redan med/);
  assert.match(text, /mp1: redan med, som MP 1 \(mp1\)/);
  assert.equal((await ids(page)).length, 6);
  assert.deepEqual(errors, []);
});

test('a member\'s proposals as a link: opened in another page, gathered into the case open there', async (t) => {
  const app = await setup(t);
  const { page, context, errors } = await app.newPage();
  await openExport(page);
  await page.getByRole('button', { name: 'Kopiera länk' }).click();
  const field = page.getByLabel('Länk med förslagen');
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /#utkast=[A-Za-z0-9_-]+$/);
  assert.doesNotMatch(link, /\?/, 'the proposals are in the fragment only');
  // the status says nothing was sent
  await page.waitForFunction(() => /inget har skickats/i.test(document.getElementById('status').textContent));
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('section.mine').scrollIntoViewIfNeeded();
  await screenshot(page, 'drafts-mine');

  // the case without her proposals becomes the open one; the link opens in a new page
  await page.evaluate((json) => window.amend.open(json), withoutAmanda());
  const other = await context.newPage();
  other.on('pageerror', (e) => errors.push(String(e)));
  await other.goto(link);
  await other.locator('body.ready').waitFor();
  const { text } = await gather(other);
  assert.match(text, /3 tillagda/);
  assert.deepEqual(await ids(other), ['v1', 'v2', 'c-tillagg', 'mp1', 'mp2', 'mp-tillagg']);
  assert.doesNotMatch(other.url(), /utkast/, 'the link\'s fragment is gone from the address');
  assert.deepEqual(errors, []);
});

test('a new version of the plan: the changes and the proposal whose passage changed, carried over when confirmed, undone', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const plan = readFileSync(join(ROOT, 'examples', 'alingsas-ks-2023-217', 'plan.txt'), 'utf8');
  const next = plan.replace('Sveriges mest effektiva kommun', 'Sveriges mest ändamålsenliga kommun');
  assert.notEqual(next, plan);
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Ny version av planen …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ny version av planen' });
  await dialog.getByLabel('Den nya versionen').setInputFiles({ name: 'plan-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(next) });
  const changes = dialog.locator('.version-changes');
  await changes.waitFor();
  // one paragraph changed, one word out and one in
  assert.equal(await changes.locator('li').count(), 1);
  assert.match(await changes.locator('del').textContent(), /effektiva/);
  assert.match(await changes.locator('ins').textContent(), /ändamålsenliga/);
  assert.match(await dialog.getByRole('status').textContent(), /1 förslag behöver ses över/);
  const moved = dialog.locator('.version-moved li');
  assert.equal(await moved.count(), 1);
  assert.match(await moved.textContent(), /^V 2 Förut:.*effektiva kommun.*Närmast nu:.*ändamålsenliga kommun/s);
  assert.equal(await dialog.getByText('null', { exact: true }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'drafts-new-version');

  // the plan view's three views of the two versions: the changed paragraph
  // as it was, with the changes, as it is; then all of the text
  await dialog.getByRole('radio', { name: 'Resultat' }).check();
  assert.equal(await changes.locator('li').count(), 1);
  assert.match(await changes.textContent(), /mest ändamålsenliga kommun/);
  assert.doesNotMatch(await changes.textContent(), /effektiva/);
  assert.equal(await changes.locator('del, ins').count(), 0);
  await dialog.getByRole('radio', { name: 'Ursprunglig text' }).check();
  assert.match(await changes.textContent(), /mest effektiva kommun/);
  assert.doesNotMatch(await changes.textContent(), /ändamålsenliga/);
  await dialog.getByRole('radio', { name: 'Med ändringar' }).check();
  await dialog.getByLabel('Bara ändrade stycken').uncheck();
  const whole = dialog.locator('.version-text');
  assert.ok(await whole.locator('p').count() > 20, 'all of the text');
  assert.equal(await whole.locator('del').count(), 1);
  assert.equal(await whole.locator('ins').count(), 1);
  assert.equal(await whole.locator('.changed').count(), 1);
  assert.equal(await whole.locator('.version-heading', { hasText: 'Effektivisera den politiska målstyrningen' }).count(), 1);
  // the same changed paragraph in every view, under its heading
  await dialog.getByLabel('Bara ändrade stycken').check();
  for (const view of ['Ursprunglig text', 'Med ändringar', 'Resultat']) {
    await dialog.getByRole('radio', { name: view }).check();
    assert.equal(await changes.locator('li').count(), 1, view);
    assert.match(await changes.locator('.version-where').textContent(), /Under rubriken ”Effektivisera den politiska målstyrningen”/);
  }
  await dialog.getByLabel('Bara ändrade stycken').uncheck();
  await dialog.getByRole('radio', { name: 'Resultat' }).check();
  assert.equal(await whole.locator('.version-changed').count(), 1, 'the changed paragraph said in words');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'drafts-new-version-whole');

  // a paragraph moved is named as moved
  const paras = plan.split(/\n\n+/);
  const at = paras.findIndex((p) => p.startsWith('Kommunledningskontoret föreslår att antalet mål'));
  const [para] = paras.splice(at, 1);
  paras.splice(at + 3, 0, para);
  await dialog.getByLabel('Den nya versionen').setInputFiles({ name: 'plan-v3.txt', mimeType: 'text/plain', buffer: Buffer.from(paras.join('\n\n')) });
  await dialog.locator('.version-moved-paras').waitFor();
  const movedParas = dialog.locator('.version-moved-paras li');
  assert.equal(await movedParas.count(), 1);
  // in the changes, where it stood and where it stands are said to be a move
  assert.equal(await changes.getByText('Flyttat härifrån:').count(), 1);
  assert.equal(await changes.getByText('Flyttat hit:').count(), 1);
  await dialog.getByRole('radio', { name: 'Resultat' }).check();
  assert.equal(await changes.getByText('(flyttat, se nedan eller ovan)').count(), 1);
  assert.equal(await changes.getByText('(finns inte längre)').count(), 0);
  await dialog.getByRole('radio', { name: 'Med ändringar' }).check();
  assert.ok(para.replace(/\s+/g, ' ').startsWith((await movedParas.textContent()).replace(/ …$/, '')), await movedParas.textContent());
  await dialog.getByLabel('Den nya versionen').setInputFiles({ name: 'plan-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(next) });
  await dialog.getByText('1 förslag behöver ses över').waitFor();

  await dialog.getByRole('button', { name: 'Byt till den nya versionen' }).click();
  await dialog.waitFor({ state: 'detached' });
  const failed = () => page.evaluate(() => window.amend.state.check.failed.map((f) => f.amendment));
  assert.deepEqual(await failed(), ['v2']);
  assert.equal(await page.locator('#doc', { hasText: 'Sveriges mest ändamålsenliga kommun' }).count(), 1);
  await page.getByRole('button', { name: 'Ångra' }).click();
  assert.deepEqual(await failed(), []);
  assert.deepEqual(errors, []);
});

test('"Skicka mina förslag" in the case menu leads to the member\'s own proposals', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Skicka mina förslag …' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'mine-member');
  assert.equal(await page.evaluate(() => location.hash), '#export-mine');
  assert.equal(await page.getByRole('combobox', { name: 'Förslagsställare' }).count(), 1);
  assert.deepEqual(errors, []);
});
