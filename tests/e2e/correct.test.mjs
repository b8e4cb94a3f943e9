// Correcting the plan after pasting it (www/js/correct.js): headings marked,
// paragraphs split and joined, undone, and the proposals that no longer find
// their text named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot, setup } from './harness.mjs';

// Text as pdftotext writes a PDF: "Skolor och förskolor:" (a heading with a
// colon) and "Idrott och fritid" ran into the paragraphs around them, and a
// paragraph is cut in two by a blank line.
const PASTED = [
  'Lokalplan för Testkommunen',
  '',
  'Inledning',
  'Kommunen ska ha färre lokaler och bättre service för invånarna i alla delar av',
  'kommunen.',
  '',
  'Skolor och förskolor:',
  'Vi ska bygga två nya skolor. Skolorna ska stå klara 2026. Idrott och fritid',
  'Kommunen bygger en ny simhall och renoverar idrottshallen i centrum, så att fler',
  '\fföreningar får tider.',
  '',
  'Uppföljning',
  'Planen följs upp varje',
  '',
  'år av kommunstyrelsen.',
  '',
].join('\n');

/** The plan's blocks as "type:text" (headings with their level). */
async function blocks(page) {
  return page.evaluate(() => window.amend.state.blocks.map((b) => `${b.type === 'heading' ? `h${b.level}` : b.type[0]}:${b.text}`));
}

/** Puts the caret in block `index` of the plan before `text`. */
async function caretBefore(page, index, text) {
  await page.evaluate(([index, text]) => {
    const txt = document.querySelector(`#b-${index} .txt`);
    const walker = document.createTreeWalker(txt, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(text);
      if (i < 0) continue;
      txt.focus();
      const r = document.createRange();
      r.setStart(n, i);
      r.collapse(true);
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      return;
    }
    throw new Error(`not in block ${index}: ${text}`);
  }, [index, text]);
}

test('correct a pasted plan: headings, split, join, undo, proposals that lose their text', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nytt ärende' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ärendets rubrik').fill('Lokalplan');
  await dialog.getByLabel('Planens text').fill(PASTED);
  await dialog.getByRole('button', { name: 'Skapa ärendet' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await blocks(page), [
    'h1:Lokalplan för Testkommunen',
    'h2:Inledning',
    'p:Kommunen ska ha färre lokaler och bättre service för invånarna i alla delar av kommunen.',
    'p:Skolor och förskolor: Vi ska bygga två nya skolor. Skolorna ska stå klara 2026. Idrott och fritid Kommunen bygger en ny simhall och renoverar idrottshallen i centrum, så att fler föreningar får tider.',
    'h2:Uppföljning',
    'p:Planen följs upp varje',
    'p:år av kommunstyrelsen.',
  ]);
  // two proposals: MP's quotes a passage "i avsnittet Skolor och förskolor"
  // (not a heading yet), V's strikes the section "Uppföljning"
  await page.evaluate(() => window.amend.commit('förslag', (d) => {
    d.members.push({ id: 'aa', name: 'Amanda Andersson', party: 'MP' }, { id: 'em', name: 'Emily Munter', party: 'V' });
    d.amendments.push(
      { id: 'mp1', proposer: 'aa', kind: 'change', wording: '”två nya skolor” ändras till ”tre nya skolor”.', ops: [{ action: 'replace', quote: 'två nya skolor', text: 'tre nya skolor', section: 'Skolor och förskolor' }] },
      { id: 'v1', proposer: 'em', kind: 'change', wording: 'Avsnittet Uppföljning stryks.', ops: [{ action: 'delete_section', heading: 'Uppföljning' }] },
    );
  }));
  assert.match(await page.locator('.am[data-id=mp1] .flags').textContent(), /Kan inte placeras i planen/);
  assert.equal(await page.locator('.toc').getByText('Skolor och förskolor').count(), 0);

  // the correction mode: a toggle button, a panel, the original text
  const toggle = page.getByRole('button', { name: 'Rätta planen' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const panel = page.getByRole('region', { name: 'Rätta planen' });
  await panel.waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Ursprunglig text' }).isChecked(), true);
  assert.deepEqual(await axeViolations(page), []);

  // split the run-together block at the caret, before "Vi ska bygga"
  await caretBefore(page, 3, 'Vi ska bygga');
  await panel.getByText(/^Stycke 4 av 7, sidan 1: brödtext – ”Skolor och förskolor:/).waitFor();
  await panel.getByRole('button', { name: 'Dela stycket' }).click();
  assert.equal((await blocks(page))[3], 'p:Skolor och förskolor:');
  assert.match((await blocks(page))[4], /^p:Vi ska bygga två nya skolor\./);
  // the first part made a heading of level 2, through the menu
  await panel.getByRole('button', { name: /Gör till rubrik/ }).click();
  await page.getByRole('menuitem', { name: 'Rubrik nivå 2' }).click();
  assert.equal((await blocks(page))[3], 'h2:Skolor och förskolor:');
  // it is in the contents, and MP's proposal finds its passage now
  await page.locator('.toc').getByText('Skolor och förskolor:').waitFor();
  assert.match(await panel.getByRole('status').textContent(), /1 förslag hittar sin text igen: MP\./);
  assert.equal(await page.locator('.am[data-id=mp1] .flags').count(), 0);
  assert.equal(await page.locator('#doc h3', { hasText: 'Skolor och förskolor:' }).count(), 1);

  // split "Idrott och fritid" off with the keyboard: the block has the focus
  // but no caret, so a dialog asks where
  await page.locator('#b-4 .txt').focus();
  await page.evaluate(() => document.getSelection().removeAllRanges());
  await page.keyboard.press('Alt+Shift+D');
  const split = page.getByRole('dialog', { name: 'Dela stycket' });
  await split.waitFor();
  const area = split.getByLabel('Styckets text');
  assert.equal(await area.evaluate((el) => document.activeElement === el), true);
  // the caret where "Idrott och fritid" starts, as the arrow keys would put it
  await area.evaluate((el) => {
    const at = el.value.indexOf('Idrott och fritid');
    el.setSelectionRange(at, at);
    el.dispatchEvent(new KeyboardEvent('keyup'));
  });
  assert.match(await split.locator('.split-preview').textContent(), /det nya börjar ”Idrott och fritid Kommunen bygger/);
  await split.getByRole('button', { name: 'Dela här' }).click();
  await split.waitFor({ state: 'detached' });
  assert.equal((await blocks(page))[4], 'p:Vi ska bygga två nya skolor. Skolorna ska stå klara 2026.');
  // and the heading split off its text, made a heading with Alt+Shift+3
  await caretBefore(page, 5, 'Kommunen bygger');
  await panel.getByText(/^Stycke 6 av 9/).waitFor();
  await page.keyboard.press('Alt+Shift+D');
  await caretBefore(page, 5, 'fritid');
  await panel.getByText(/^Stycke 6 av 10, sidan 1: brödtext – ”Idrott och fritid”/).waitFor();
  await page.keyboard.press('Alt+Shift+3');
  assert.deepEqual((await blocks(page)).slice(5, 7), [
    'h3:Idrott och fritid',
    'p:Kommunen bygger en ny simhall och renoverar idrottshallen i centrum, så att fler föreningar får tider.',
  ]);
  await page.locator('.toc .lvl-3').getByText('Idrott och fritid').waitFor();

  // join the paragraph cut in two
  await caretBefore(page, 8, 'varje');
  await panel.getByText(/^Stycke 9 av 10/).waitFor();
  await panel.getByRole('button', { name: 'Slå ihop med nästa stycke' }).click();
  assert.equal((await blocks(page)).at(-1), 'p:Planen följs upp varje år av kommunstyrelsen.');
  assert.match(await page.locator('#status').textContent(), /Ändrat: stycke 9 och 10 slogs ihop\./);

  // "Uppföljning" made body text by mistake: V's proposal loses its heading
  await page.locator('#b-7 .txt').focus();
  await panel.getByText(/^Stycke 8 av 9, sidan 2: rubrik nivå 2 – ”Uppföljning”/).waitFor();
  await page.keyboard.press('Alt+Shift+0');
  assert.equal((await blocks(page))[7], 'p:Uppföljning');
  assert.match(await panel.getByRole('status').textContent(), /1 förslag hittar inte längre sin text: V\./);
  assert.match(await page.locator('#status').textContent(), /1 förslag hittar inte längre sin text: V/);
  assert.match(await panel.locator('.correct-failed').textContent(), /Förslag som inte hittar sin text i planen \(1\): V/);
  assert.match(await page.locator('.am[data-id=v1] .flags').textContent(), /there is no heading ”Uppföljning”/);
  // the proposal itself is kept as it was
  assert.equal(await page.locator('.am[data-id=v1] .am-wording').textContent(), 'Avsnittet Uppföljning stryks.');
  await screenshot(page, 'correct-plan');

  // undone with Ctrl+Z: a heading again, V's proposal finds it again
  await page.keyboard.press('Control+z');
  assert.equal((await blocks(page))[7], 'h2:Uppföljning');
  assert.match(await panel.getByRole('status').textContent(), /1 förslag hittar sin text igen: V\./);
  assert.equal(await page.locator('.am[data-id=v1] .flags').count(), 0);
  assert.equal(await panel.locator('.correct-failed li').count(), 0);
  // and the join undone with the panel's button, redone from the header
  await panel.getByRole('button', { name: 'Ångra rättelsen' }).click();
  assert.deepEqual((await blocks(page)).slice(-2), ['p:Planen följs upp varje', 'p:år av kommunstyrelsen.']);
  await page.getByRole('button', { name: 'Gör om' }).click();
  assert.equal((await blocks(page)).at(-1), 'p:Planen följs upp varje år av kommunstyrelsen.');
  assert.deepEqual(await axeViolations(page), []);

  // what cannot be done is not offered: the last block has no next
  await caretBefore(page, 8, 'kommunstyrelsen');
  await panel.getByText(/^Stycke 9 av 9/).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Slå ihop med nästa stycke' }).isDisabled(), true);

  // done: the mode shown before comes back; the corrected plan is saved
  await panel.getByRole('button', { name: 'Klar' }).click();
  assert.equal(await panel.isVisible(), false);
  assert.equal(await page.getByRole('radio', { name: 'Med ändringar' }).isChecked(), true);
  const corrected = await blocks(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  await page.reload();
  await page.locator('body.ready').waitFor();
  assert.deepEqual(await blocks(page), corrected);
  assert.equal(await page.locator('.toc').getByText('Idrott och fritid').count(), 1);
  assert.deepEqual(errors, []);
});
