// End-to-end: a new section's heading level in the draft dialog. On the
// Alingsås example, "3 Åtgärder" is a level-2 chapter with level-3
// sub-sections, the last "Aktieägartillskott till Alingsåshem lokaler AB",
// followed by the chapter "4 Uppföljning och genomförande". The plan view
// shows a plan heading of level n as h(n+1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, download, screenshot, setup } from './harness.mjs';

/** Opens "Lägg till i slutet" of a heading's menu; returns the dialog. */
async function addAtEnd(page, heading) {
  await page.getByRole('button', { name: new RegExp(`Åtgärder för rubriken ”${heading}”`) }).click();
  await page.getByRole('menuitem', { name: /Lägg till i slutet/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nytt förslag' });
  await dialog.waitFor();
  return dialog;
}

/** The headings of the plan view in document order: [tag, text]. */
function docHeadings(page) {
  return page.locator('#doc').evaluate((doc) => [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map((el) => [el.tagName.toLowerCase(), el.textContent.replace(/\[[^\]]*\]/g, '').replace(/\s+/g, ' ').trim()]));
}

test('a sub-section added through the dialog stands at the end of its chapter, one level down', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const dialog = await addAtEnd(page, '3 Åtgärder');
  await dialog.getByLabel('Text att lägga till').fill('Kommunen ska digitalisera sina tjänster.');
  const level = dialog.getByLabel('Rubriknivå');
  // only for a new section
  assert.equal(await level.isVisible(), false);
  await dialog.getByRole('radio', { name: 'Nytt avsnitt' }).check();
  assert.equal(await level.isVisible(), true);
  await dialog.getByLabel('Rubrik för det nya avsnittet').fill('Digitalisering');
  // the options say what they mean; today's level is the default
  const options = await level.locator('option').allTextContents();
  assert.deepEqual(options, [
    'Samma nivå som ”3 Åtgärder” (nivå 2)',
    'Underavsnitt till ”3 Åtgärder” (nivå 3)',
    'Nivå 1', 'Nivå 4', 'Nivå 5', 'Nivå 6',
  ]);
  assert.equal(await level.evaluate((s) => s.selectedOptions[0].textContent), 'Samma nivå som ”3 Åtgärder” (nivå 2)');
  const wording = dialog.getByLabel('Lydelse i protokollet');
  assert.match(await wording.inputValue(), /^Efter avsnittet 3 Åtgärder på sidan 5 läggs ett nytt avsnitt till med rubriken ”Digitalisering”/);
  // by keyboard: the next option is the sub-section
  await level.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await level.inputValue(), '3');
  await assert.doesNotReject(() => page.waitForFunction(() => /underrubriken/.test(document.querySelector('dialog textarea[aria-describedby]')?.value ?? '')));
  assert.equal(await wording.inputValue(),
    'Under rubriken 3 Åtgärder på sidan 2 läggs ett nytt avsnitt till med underrubriken ”Digitalisering”: ”Kommunen ska digitalisera sina tjänster.”');
  assert.match(await dialog.locator('.check').textContent(), /Ändringen hittas i planen/);
  assert.deepEqual(await axeViolations(page, 'dialog'), []);
  await screenshot(page, 'section-level-dialog');
  await dialog.getByLabel('Namn').fill('Amanda Andersson');
  await dialog.getByLabel('Parti').fill('MP');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });

  // the case keeps the level
  const op = await page.evaluate(() => window.amend.state.case.amendments.at(-1).ops[0]);
  assert.equal(op.as, 'section');
  assert.equal(op.new_heading_level, 3);
  // the plan view: a level-3 heading (h4) after the last sub-section, before chapter 4 (h3)
  const headings = await docHeadings(page);
  const i = headings.findIndex(([, text]) => text.includes('Digitalisering'));
  assert.ok(i > 0, JSON.stringify(headings));
  assert.deepEqual(headings.slice(i - 1, i + 2).map(([tag, text]) => [tag, text.replace(/^.*Digitalisering.*$/, 'Digitalisering')]), [
    ['h4', 'Aktieägartillskott till Alingsåshem lokaler AB'],
    ['h4', 'Digitalisering'],
    ['h3', '4 Uppföljning och genomförande'],
  ]);
  assert.equal(await page.locator('#doc h4 ins', { hasText: 'Digitalisering' }).count(), 1);

  // the adopted text: the new proposal alone, as Markdown
  await page.goto(page.url().replace(/#.*$/, '#export'));
  await page.locator('.export .chosen').getByRole('button', { name: 'Dölj alla' }).click();
  await page.getByRole('checkbox', { name: /MP tillägg 2/ }).check();
  assert.equal(await page.locator('.export .chosen input:checked').count(), 1);
  const md = await download(page, () => page.locator('button[data-export="md"]').click());
  assert.match(md.text, /\n## 3 Åtgärder\n[\s\S]*\n### Aktieägartillskott till Alingsåshem lokaler AB\n[\s\S]*\n### Digitalisering\n\nKommunen ska digitalisera sina tjänster\.\n\n## 4 Uppföljning och genomförande\n/);
  assert.deepEqual(errors, []);
});

test('a level is only kept for a new section, and the dialog speaks English too', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  let dialog = await addAtEnd(page, 'Lokaleffektivitet');
  await dialog.getByLabel('Text att lägga till').fill('Lokalerna ska digitaliseras.');
  await dialog.getByRole('radio', { name: 'Nytt avsnitt' }).check();
  await dialog.getByLabel('Rubrik för det nya avsnittet').fill('Digitala lokaler');
  await dialog.getByLabel('Rubriknivå').selectOption({ label: 'Nivå 5' });
  assert.match(await dialog.getByLabel('Lydelse i protokollet').inputValue(), /underrubriken ”Digitala lokaler” på rubriknivå 5/);
  // a sentence after all: the level goes with the section
  await dialog.getByRole('radio', { name: 'Mening' }).check();
  assert.equal(await dialog.getByLabel('Rubriknivå').isVisible(), false);
  await dialog.getByLabel('Namn').fill('Emily Munter');
  await dialog.getByLabel('Parti').fill('V');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
  const op = await page.evaluate(() => window.amend.state.case.amendments.at(-1).ops[0]);
  assert.equal(op.as, 'sentence');
  assert.equal('new_heading_level' in op, false);

  await page.getByRole('button', { name: 'In English' }).click();
  await page.getByRole('button', { name: 'Actions for the heading “3 Åtgärder”' }).click();
  await page.getByRole('menuitem', { name: 'Add at the end of the section' }).click();
  dialog = page.getByRole('dialog', { name: 'New proposal' });
  await dialog.getByRole('radio', { name: 'New section' }).check();
  assert.deepEqual((await dialog.getByLabel('Heading level').locator('option').allTextContents()).slice(0, 2), [
    'Same level as “3 Åtgärder” (level 2)',
    'Sub-section of “3 Åtgärder” (level 3)',
  ]);
  assert.deepEqual(errors, []);
});
