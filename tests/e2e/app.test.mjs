// End-to-end tests: a user in Chromium, against www/ served on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, download, screenshot, selectText, setup } from './harness.mjs';

/** Opens the draft dialog's "Ändra" on a passage and saves it. */
async function reword(page, passage, replacement, name, party) {
  await page.getByRole('radio', { name: 'Ursprunglig text' }).check();
  await selectText(page, '#doc', passage);
  await page.getByRole('toolbar', { name: 'Markerad text' }).getByRole('button', { name: 'Ändra' }).click({ timeout: 5000 });
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ny lydelse').fill(replacement);
  await dialog.getByLabel('Namn').fill(name);
  await dialog.getByLabel('Parti').fill(party);
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('the example opens with every proposal as tracked changes', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  assert.match(await page.locator('h1').textContent(), /Kommunkoncernövergripande ekonomisk handlingsplan/);
  assert.equal(await page.locator('.am').count(), 6);
  assert.equal(await page.locator('.am input[type=checkbox]:checked').count(), 6);
  // V 2 conflicts with MP 1 and gives way by default (plan_truth.test.mjs);
  // shown together, both are visible
  assert.equal(await page.locator('#doc ins', { hasText: 'använder våra ekonomiska resurser' }).count(), 0);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Visa båda' }).click();
  // V 2's rewording, word by word, labelled with the proposer
  const ins = page.locator('#doc ins', { hasText: 'använder våra ekonomiska resurser' });
  assert.equal(await ins.count(), 1);
  assert.match(await ins.getAttribute('title'), /Emily Munter \(V\), ändringsförslag 2/);
  assert.match(await ins.textContent(), /\[tillagt, Emily Munter \(V\), ändringsförslag 2:\]/);
  // MP 1 deletes the section V 2 rewords: both are visible
  const goals = page.locator('#doc .blk', { hasText: 'Effektivisera den politiska målstyrningen' }).first();
  assert.match(await goals.getAttribute('class'), /removed/);
  // identical proposals (MP 2, V 1) are flagged on the list
  assert.match(await page.locator('.am[data-id=mp2] .flags').textContent(), /Likalydande med V 1/);
  assert.match(await page.locator('.am[data-id=mp1] .flags').textContent(), /Krockar med V 2/);
  // C's addition is a paragraph of its own
  assert.equal(await page.locator('#doc .blk.added ins', { hasText: 'Västsveriges vackraste kulturstad' }).count(), 1);
  // the table of contents has the plan's headings with pages
  assert.match(await page.locator('.toc').textContent(), /Nämndbuffertar mot oförutsedda kostnader\s*s\. 3/);
  // the first entry's long word is not broken in two
  assert.equal(await page.locator('.toc .toc-text').first().evaluate((el) => {
    const r = document.createRange();
    r.setStart(el.firstChild, 0);
    r.setEnd(el.firstChild, 'Kommunkoncernövergripande'.length);
    return r.getClientRects().length;
  }), 1);
  await screenshot(page, 'plan-changes');
  await page.locator('#doc .blk', { hasText: 'Ett samlat och tydligt mål' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'plan-changes-nested');
  assert.deepEqual(errors, []);
});

test('select a passage, reword it, and see the word-level change with the proposer', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await reword(page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  // the new amendment is listed, shown and wins over V 2 (which changes the same words)
  const card = page.locator('.am', { hasText: 'Karin Larsson (L)' });
  assert.equal(await card.count(), 1);
  assert.match(await card.locator('.am-wording').textContent(), /I avsnittet Effektivisera den politiska målstyrningen på sidan 4 ändras ”Sveriges mest effektiva kommun” till: ”Sveriges mest hållbara kommun”/);
  await page.getByRole('radio', { name: 'Med ändringar' }).check();
  const ins = page.locator('#doc ins', { hasText: 'hållbara' });
  await ins.waitFor();
  assert.match(await ins.getAttribute('title'), /Karin Larsson \(L\)/);
  const del = page.locator('#doc del.chg', { hasText: 'effektiva' }).filter({ hasText: /^\[[^\]]*Karin Larsson/ });
  assert.equal((await del.textContent()).replace(/^\[[^\]]*\] /, '').trim(), 'effektiva');
  // the visible tag names the proposer
  assert.equal(await page.locator('#doc .tag', { hasText: 'L' }).first().textContent(), 'L');
  assert.match(await page.locator('.am[data-id=v2] .flags').textContent(), /Visas inte i texten: krockar med L/);
  await screenshot(page, 'plan-reworded');
  assert.deepEqual(errors, []);
});

test('keyboard only: pick words in a paragraph, draft, Escape closes, menus work', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.locator('#doc').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.match(focused, /Illustrativ rekonstruktion/);
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Markera text i stycket' });
  await picker.waitFor();
  // select "Illustrativ" with Shift+arrows
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'Illustrativ'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Alt+Shift+S');
  const draft = page.getByRole('dialog', { name: 'Nytt förslag' });
  await draft.waitFor();
  assert.equal(await draft.locator('blockquote').first().textContent(), 'Illustrativ');
  await screenshot(page, 'draft-dialog');
  await page.keyboard.press('Escape');
  await draft.waitFor({ state: 'detached' });
  // the heading menu: reachable, arrow keys, Escape returns to the button
  const menuButton = page.getByRole('button', { name: /Åtgärder för rubriken ”Lokaleffektivitet”/ });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await menu.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Stryk hela avsnittet');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Stryk rubriken (texten står kvar)');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /Lokaleffektivitet/);
  // through the menu: delete the whole section, saved with Enter
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const dlg = page.getByRole('dialog', { name: 'Nytt förslag' });
  await dlg.getByLabel('Namn').fill('Per Persson');
  await dlg.getByLabel('Parti').fill('KD');
  await dlg.getByLabel('Parti').press('Enter');
  await dlg.waitFor({ state: 'detached' });
  const card = page.locator('.am', { hasText: 'Per Persson (KD)' });
  assert.match(await card.locator('.am-wording').textContent(), /^Rubriken ”Lokaleffektivitet” på sidan 4 och all text under den tas bort\.$/);
  // focus is on the saved proposal's card, not lost to the page
  await page.waitForFunction(() => document.activeElement?.closest('.am'));
  assert.match(await page.evaluate(() => document.activeElement.closest('.am').textContent), /Per Persson/);
  // undo and redo with the keyboard
  await page.locator('body').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).count(), 0);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).count(), 1);
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  await page.getByRole('button', { name: 'Ångra' }).click();
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).count(), 0);
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  await page.getByRole('button', { name: 'Gör om' }).click();
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).count(), 1);
  // undoing a deletion brings the proposal back shown
  await page.getByRole('button', { name: 'Ta bort Per Persson (KD)' }).or(page.locator('.am', { hasText: 'Per Persson' }).getByRole('button', { name: /^Ta bort/ })).first().click();
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).count(), 0);
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('.am', { hasText: 'Per Persson' }).locator('input[type=checkbox]').isChecked(), true);
  // the skip link goes to the current view's content
  await page.goto(page.url().replace(/#.*$/, '#jamfor'));
  await page.locator('.skip').focus();
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#jamfor/);
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  // a heading in the contents lands just below the toolbar
  await page.goto(page.url().replace(/#.*$/, '#planen'));
  await page.locator('.toc a', { hasText: 'Lokaleffektivitet' }).click();
  await page.waitForTimeout(300);
  const gap = await page.evaluate(() => {
    const bar = document.querySelector('.doc-bar').getBoundingClientRect();
    const el = [...document.querySelectorAll('#doc .blk')].find((b) => b.textContent.includes('Lokaleffektivitet') && b.classList.contains('k-heading'));
    return el.getBoundingClientRect().top - bar.bottom;
  });
  assert.ok(gap >= 0 && gap < 40, `heading ${gap}px below the toolbar`);
  assert.deepEqual(errors, []);
});

test('with the mouse: add a sentence from a heading menu and after a selection', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const button = page.getByRole('button', { name: /Åtgärder för rubriken ”Lokaleffektivitet”/ });
  await button.click();
  await page.getByRole('menuitem', { name: 'Lägg till i slutet av avsnittet' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nytt förslag' });
  await dialog.getByLabel('Text att lägga till').fill('Lokalerna ska vara tillgängliga för alla.');
  assert.match(await dialog.getByLabel('Lydelse i protokollet').inputValue(), /^Under rubriken Lokaleffektivitet på sidan 4 läggs följande mening till: ”Lokalerna ska vara tillgängliga för alla\.”$/);
  assert.equal(await dialog.getByLabel('Slag').inputValue(), 'addition');
  await dialog.getByLabel('Namn').fill('Heidi Hankanen Ängberg');
  await dialog.getByLabel('Namn').press('Tab');
  assert.equal(await dialog.getByLabel('Parti').inputValue(), 'C');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
  const ins = page.locator('#doc ins', { hasText: 'tillgängliga för alla' });
  assert.match(await ins.getAttribute('title'), /Heidi Hankanen Ängberg \(C\), tilläggsförslag 2/);
  // an existing member is reused, not duplicated
  const members = await page.evaluate(() => window.amend.state.case.members.length);
  assert.equal(members, 3);
  // after a selection, as a paragraph of its own
  await selectText(page, '#doc', 'Bolaget har under flera år redovisat stabila resultat.');
  await page.getByRole('toolbar', { name: 'Markerad text' }).getByRole('button', { name: 'Lägg till' }).click();
  dialog = page.getByRole('dialog', { name: 'Nytt förslag' });
  await dialog.getByLabel('Efter det markerade').check();
  await dialog.getByLabel('Eget stycke').check();
  await dialog.getByLabel('Text att lägga till').fill('Överskottet ska i första hand gå till skolan.');
  await dialog.getByLabel('Namn').fill('Emily Munter');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
  const added = page.locator('#doc .blk.added', { hasText: 'Överskottet ska i första hand' });
  assert.equal(await added.count(), 1);
  // margin marks are in view and can be pointed at
  const chip = added.locator('.marks .chip');
  await chip.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await chip.boundingBox();
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.className, [box.x + box.width / 2, box.y + box.height / 2]);
  assert.equal(hit, 'chip');
  assert.equal(await chip.textContent(), 'V tillägg');
  await screenshot(page, 'plan-added');
  assert.deepEqual(errors, []);
});

test('side by side: the Nämndbuffertar section with MP 2 and V 1 identical', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.locator('.am[data-id=v1]').getByRole('link', { name: 'Jämför V 1' }).click();
  const group = page.locator('.group', { hasText: 'Nämndbuffertar mot oförutsedda kostnader' });
  await group.waitFor();
  assert.match(await group.locator('.badge').textContent(), /Likalydande förslag/);
  assert.match(await group.locator('.flags').textContent(), /MP 2 och V 1 är likalydande/);
  const heads = await group.locator('.col-head h4').allTextContents();
  assert.deepEqual(heads.map((x) => x.replace(/\s+/g, ' ').trim()), [
    'Ursprunglig text',
    'MP 2 Amanda Andersson (MP), ändringsförslag 2',
    'V 1 Emily Munter (V), ändringsförslag 1',
  ]);
  // the base column is unchanged; each proposal strikes the whole section
  assert.equal(await group.locator('.col.base del').count(), 0);
  for (const col of [1, 2]) {
    assert.equal(await group.locator('.col').nth(col).locator('.blk.removed').count(), await group.locator('.col.base .blk').count());
  }
  const other = page.locator('.group', { hasText: 'Effektivisera den politiska målstyrningen' });
  assert.match(await other.locator('.flags').textContent(), /MP 1 och V 2 ändrar samma text/);
  await group.scrollIntoViewIfNeeded();
  await screenshot(page, 'compare');
  assert.deepEqual(errors, []);
});

test('export every format, and re-import the case unchanged', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#export');
  // MP 1 and V 2 conflict: with both chosen only the case can be exported
  assert.equal(await page.locator('button[data-export=txt]').isDisabled(), true);
  assert.match(await page.locator('#export-conflict').textContent(), /MP 1 – V 2/);
  await page.getByRole('checkbox', { name: /MP 1/ }).uncheck();
  const get = (what) => download(page, () => page.locator(`button[data-export="${what}"]`).click());

  const txt = await get('txt');
  assert.equal(txt.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan-antagen.txt');
  assert.ok(!txt.text.includes('Nämndbuffertar mot oförutsedda kostnader'));
  assert.ok(txt.text.includes('samtidigt som vi använder våra ekonomiska resurser på rätt sätt.'));
  assert.ok(txt.text.includes('utan att förvaltningarna inte ska dubbelarbeta.'));
  assert.ok(!txt.text.includes('# '));

  const md = await get('md');
  assert.ok(md.text.startsWith('# Kommunkoncernövergripande ekonomisk handlingsplan\n'));
  assert.ok(md.text.includes('\n## Effektivisera den politiska målstyrningen\n') || md.text.includes('Effektivisera den politiska målstyrningen\n'));

  const html = await get('html');
  assert.match(html.text, /^<!doctype html>/i);
  assert.match(html.text, /<h1[^>]*>Kommunkoncernövergripande ekonomisk handlingsplan<\/h1>/);
  assert.ok(!html.text.includes('<del'));

  const tracked = await get('tracked-html');
  assert.match(tracked.text, /<del[^>]*title="Amanda Andersson \(MP\), ändringsförslag 2; Emily Munter \(V\), ändringsförslag 1"/);
  assert.match(tracked.text, /<ins[^>]*>.*använder våra ekonomiska resurser/s);

  const critic = await get('critic');
  assert.ok(critic.text.includes('{>>Emily Munter (V), ändringsförslag 2<<}'));
  assert.ok(critic.text.includes('{++'));

  const json = await get('json');
  assert.equal(json.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan.json');
  const exported = JSON.parse(json.text);
  assert.equal(exported.format, 'amend/1');
  assert.equal(exported.amendments.length, 6);

  // a fresh browser opens the exported file and exports the very same case
  const other = await app.newPage('#export');
  await other.page.getByRole('button', { name: 'Ärende', exact: true }).click();
  const [chooser] = await Promise.all([
    other.page.waitForEvent('filechooser'),
    other.page.getByRole('menuitem', { name: 'Öppna …' }).click(),
  ]);
  await chooser.setFiles(json.path);
  await other.page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  await other.page.goto(`${app.url}#export`);
  await other.page.locator('body.ready').waitFor();
  const again = await download(other.page, () => other.page.locator('button[data-export="json"]').click());
  assert.equal(again.text, json.text);
  await screenshot(page, 'export');
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
});

test('an edited case re-imports identically', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await reword(page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  await page.goto(`${app.url}#export`);
  await page.locator('body.ready').waitFor();
  const json = await download(page, () => page.locator('button[data-export="json"]').click());
  assert.equal(JSON.parse(json.text).amendments.length, 7);
  const other = await app.newPage();
  await other.page.getByRole('button', { name: 'Ärende', exact: true }).click();
  const [chooser] = await Promise.all([
    other.page.waitForEvent('filechooser'),
    other.page.getByRole('menuitem', { name: 'Öppna …' }).click(),
  ]);
  await chooser.setFiles(json.path);
  await other.page.locator('.am', { hasText: 'Åsa Öberg (S)' }).waitFor();
  const stored = await other.page.evaluate(() => window.amend.stored());
  assert.equal(stored, json.text);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
});

test('reload finds the case intact', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await reword(page, 'samordning mellan kommunen', 'samarbete mellan kommunen', 'Lars Berg', 'M');
  await page.getByRole('checkbox', { name: /V 1/ }).uncheck();
  const before = await page.evaluate(() => window.amend.stored());
  await page.reload();
  await page.locator('body.ready').waitFor();
  const after = await page.evaluate(() => window.amend.stored());
  assert.equal(after, before);
  assert.equal(await page.locator('.am').count(), 7);
  assert.equal(await page.locator('.am', { hasText: 'Lars Berg (M)' }).count(), 1);
  assert.equal(await page.getByRole('checkbox', { name: /V 1/ }).isChecked(), false);
  assert.equal(await page.getByRole('radio', { name: 'Ursprunglig text' }).isChecked(), true);
  assert.match(await page.locator('.status').textContent(), /återställdes/);
  assert.deepEqual(errors, []);
});

test('typed markup is shown as text and never runs', async (t) => {
  const app = await setup(t);
  const { page, errors, dialogs } = await app.newPage();
  await page.evaluate(() => { window.__xss = 0; });
  const payload = '<img src=x onerror="alert(1);window.__xss=1">';
  const name = '<script>window.__xss=2;alert(2)</script>';
  await reword(page, 'Sveriges mest effektiva kommun', payload, name, '<b>X</b>');
  await page.getByRole('radio', { name: 'Med ändringar' }).check();
  const ins = page.locator('#doc ins', { hasText: '<img src=x' });
  await ins.waitFor();
  assert.ok((await ins.textContent()).includes(payload));
  assert.ok((await ins.getAttribute('title')).includes(name));
  assert.equal(await page.locator('#doc img, .am img, #doc script, .am script, .amendments b').count(), 0);
  const card = page.locator('.am', { hasText: name });
  assert.equal(await card.count(), 1);
  assert.ok((await card.locator('.am-wording').textContent()).includes(payload));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), 0);
  assert.deepEqual(dialogs, []);
  // the payload also goes through the exports as text
  await page.goto(`${app.url}#export`);
  await page.locator('body.ready').waitFor();
  await page.getByRole('checkbox', { name: /MP 1/ }).uncheck();
  await page.getByRole('checkbox', { name: /V 2/ }).uncheck();
  const tracked = await download(page, () => page.locator('button[data-export="tracked-html"]').click());
  assert.ok(!tracked.text.includes('<img'));
  assert.ok(tracked.text.includes('&lt;img src=x'));
  assert.deepEqual(errors, []);
});

test('storage that is full is reported, and the work stays on screen', async (t) => {
  const app = await setup(t);
  const { page } = await app.newPage('', {
    init: () => {
      // the case file no longer fits in the browser's store (IndexedDB)
      const real = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function put(...args) {
        if (this.name === 'files' && window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return real.apply(this, args);
      };
    },
  });
  await page.evaluate(() => { window.__full = true; });
  await reword(page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  const alert = page.locator('.alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /lagringsutrymmet är fullt/);
  assert.match(await alert.textContent(), /Exportera ärendet/);
  assert.equal(await page.locator('.am', { hasText: 'Åsa Öberg' }).count(), 1);
  await screenshot(page, 'storage-full');
});

test('a browser that refuses storage is reported', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', {
    init: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
    },
  });
  const alert = page.locator('.alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /tillåter inte att ärendet sparas/);
  // the example still opens and can be worked on
  assert.equal(await page.locator('.am').count(), 6);
  assert.deepEqual(errors, []);
});

test('a quote that is not in the plan is explained while drafting', async (t) => {
  const app = await setup(t);
  const { page } = await app.newPage();
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Redigera V 2' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ny lydelse').fill('Vi ska ha goda resultat.');
  assert.match(await dialog.locator('.check').textContent(), /Ändringen hittas i planen/);
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  // a case whose quote has no match
  await page.evaluate(() => window.amend.commit('test', (d) => { d.amendments[3].ops[0].quote = 'Detta står inte i planen alls'; }));
  assert.match(await page.locator('.am[data-id=v2] .flags').textContent(), /Kan inte placeras i planen/);
  await page.locator('.am[data-id=v2]').getByRole('button', { name: 'Redigera V 2' }).click();
  assert.match(await page.getByRole('dialog').locator('.check').textContent(), /Det citerade stället finns inte i planen/);
});

test('a crash in the engine is caught, shown, and the case is kept', async (t) => {
  const app = await setup(t);
  const { page } = await app.newPage();
  await reword(page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  await page.evaluate(() => window.amend.trap());
  const alert = page.locator('.alert', { hasText: 'internt fel' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /ärendet är kvar/);
  // the restarted engine works on the same case
  assert.equal(await page.locator('.am').count(), 7);
  await page.getByRole('checkbox', { name: /V 1/ }).uncheck();
  await page.getByRole('radio', { name: 'Med ändringar' }).check();
  assert.equal(await page.locator('#doc ins', { hasText: 'höga' }).count(), 1);
  const json = await page.evaluate(async () => JSON.parse(await window.amend.stored()));
  assert.equal(json.amendments.length, 7);
});

test('English interface, Swedish text', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: 'In English' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'The plan' }).count(), 1);
  assert.equal(await page.locator('#doc .txt').first().getAttribute('lang'), 'sv');
  assert.match(await page.locator('#doc ins').first().textContent(), /\[inserted, /);
  await screenshot(page, 'plan-english');
  // the wording for the minutes is Swedish whatever the interface language
  await page.getByRole('radio', { name: 'Original text' }).check();
  await selectText(page, '#doc', 'Sveriges mest effektiva kommun');
  await page.getByRole('toolbar', { name: 'Selected text' }).getByRole('button', { name: 'Change' }).click({ timeout: 5000 });
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New wording').fill('Sveriges mest hållbara kommun');
  assert.match(await dialog.getByLabel(/Wording in the minutes/).inputValue(), /^I avsnittet .* ändras ”Sveriges mest effektiva kommun” till/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'På svenska' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  assert.deepEqual(errors, []);
});

test('no serious accessibility violations in any view', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const check = async (name) => {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `${name}: ${v.join('\n')}`);
  };
  await check('plan, with changes');
  await page.getByRole('radio', { name: 'Ursprunglig text' }).check();
  await screenshot(page, 'plan-original');
  await check('plan, original');
  await page.getByRole('radio', { name: 'Resultat' }).check();
  await screenshot(page, 'plan-clean');
  await check('plan, result');
  await page.getByRole('radio', { name: 'Med ändringar' }).check();
  await page.locator('.am[data-id=mp1]').getByRole('button', { name: 'Redigera MP 1' }).click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, 'edit-dialog');
  await check('edit dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Jämför förslag' }).click();
  await page.locator('.group').first().waitFor();
  await check('compare');
  await page.getByRole('link', { name: 'Exportera och skriv ut' }).click();
  await page.locator('.export').waitFor();
  await check('export');
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nytt ärende' }).click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, 'new-case');
  await check('new case');
  assert.deepEqual(errors, []);
});

test('a new case from pasted text; a tablet; the printout', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 820, height: 1180 });
  await screenshot(page, 'tablet');
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nytt ärende' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ärendets rubrik').fill('Lokalplan');
  await dialog.getByLabel('Planens text').fill('# Lokalplan\n\n## Skolor\n\nVi ska bygga två nya skolor.\n\n## Idrott\n\nEn ny simhall byggs.\n');
  await dialog.getByRole('button', { name: 'Skapa ärendet' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('h1').textContent(), 'Lokalplan');
  assert.equal(await page.locator('.am').count(), 0);
  const v = await axeViolations(page);
  assert.deepEqual(v, []);
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print');
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await page.locator('aside.amendments').isVisible(), false);
  assert.deepEqual(errors, []);
});

test('opening the example keeps the open case beside it, in Mina ärenden', async (t) => {
  const app = await setup(t);
  const { page, errors, dialogs } = await app.newPage();
  await reword(page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  assert.equal(await page.locator('.am').count(), 7);
  await page.getByRole('button', { name: 'Ärende' }).click();
  await page.getByRole('menuitem', { name: 'Exemplet Alingsås' }).click();
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  // nothing was asked: nothing is replaced
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator('.am').count(), 6);
  await page.getByRole('button', { name: 'Ärende' }).click();
  await page.getByRole('menuitem', { name: 'Mina ärenden …' }).click();
  const list = page.getByRole('dialog', { name: 'Mina ärenden' });
  await list.locator('tbody tr').nth(1).waitFor();
  assert.equal(await list.locator('tbody tr').count(), 2);
  await list.locator('tbody tr:not(.here)').getByRole('button', { name: /^Öppna/ }).click();
  await page.locator('.am', { hasText: 'Karin Larsson (L)' }).waitFor();
  assert.equal(await page.locator('.am').count(), 7);
  assert.deepEqual(errors, []);
});

test('a new section needs a heading, and a proposer a party', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('button', { name: /Åtgärder för rubriken ”Lokaleffektivitet”/ }).click();
  await page.getByRole('menuitem', { name: /Lägg till i slutet/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nytt förslag' });
  await dialog.getByLabel('Text att lägga till').fill('Ett nytt avsnitt.');
  await dialog.getByRole('radio', { name: 'Nytt avsnitt' }).check();
  await dialog.getByLabel('Namn').fill('Ulla Utan');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  assert.match(await dialog.locator('.form-error').textContent(), /parti/);
  await dialog.getByLabel('Parti').fill('S');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  assert.match(await dialog.locator('.form-error').textContent(), /rubrik/);
  assert.equal(await dialog.count(), 1);
  assert.deepEqual(errors, []);
});

test('a phone: nothing wider than the screen; a tablet: contents in full, a cue for columns off screen', async (t) => {
  const app = await setup(t);
  let { page, errors } = await app.newPage('', { width: 390, height: 844 });
  for (const v of ['planen', 'jamfor', 'sammantrade', 'votering', 'export']) {
    await page.goto(page.url().replace(/#.*$/, `#${v}`));
    await page.locator('main h2, #doc').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, v);
  }
  assert.deepEqual(errors, []);
  ({ page, errors } = await app.newPage('#planen', { width: 820, height: 1180 }));
  const toc = page.locator('.toc ol');
  assert.equal(await toc.evaluate((el) => el.scrollHeight <= el.clientHeight + 1), true);
  await page.goto(page.url().replace(/#.*$/, '#jamfor'));
  const cols = page.locator('.columns').first();
  if (await cols.evaluate((el) => el.scrollWidth > el.clientWidth + 1)) {
    assert.equal(await page.locator('.scroll-cue').first().isVisible(), true);
    assert.equal(await cols.getAttribute('tabindex'), '0');
  }
  assert.deepEqual(errors, []);
});

test('a very long proposal is cut short on its card; the draft dialog keeps its buttons in view; the page marker is whole', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('', { width: 1280, height: 800 });
  await page.evaluate(() => window.amend.commit('long', (d) => {
    const a = structuredClone(d.amendments[0]);
    a.id = 'long1';
    a.wording = 'Lång lydelse. '.repeat(2200);
    d.amendments.push(a);
  }));
  const card = page.locator('.am[data-id=long1]');
  await card.scrollIntoViewIfNeeded();
  assert.ok((await card.boundingBox()).height < 400);
  await card.getByRole('button', { name: 'Visa hela' }).click();
  assert.ok((await card.boundingBox()).height > 1000);
  assert.equal(await card.getByRole('button', { name: 'Visa mindre' }).getAttribute('aria-expanded'), 'true');
  // the draft dialog: Save is on screen without scrolling
  await card.getByRole('button', { name: /^Redigera/ }).click();
  const save = page.getByRole('dialog').getByRole('button', { name: 'Spara förslaget' });
  const box = await save.boundingBox();
  assert.ok(box.y + box.height <= 800, `Save at ${box.y}`);
  await page.keyboard.press('Escape');
  // the page number is not cut by its own box
  const marker = page.locator('.page-marker').first();
  await marker.scrollIntoViewIfNeeded();
  const [m, sp] = await marker.evaluate((el) => [el.getBoundingClientRect(), el.querySelector('span').getBoundingClientRect()].map((r) => ({ top: r.top, bottom: r.bottom })));
  assert.ok(sp.top >= m.top - 0.5 && sp.bottom <= m.bottom + 0.5);
  assert.deepEqual(errors, []);
});

test('saving a rewording leaves the passage where it was on screen', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await page.getByRole('radio', { name: 'Ursprunglig text' }).check();
  const passage = page.locator('#doc .blk', { hasText: 'Sveriges mest effektiva kommun' }).first();
  await passage.scrollIntoViewIfNeeded();
  await selectText(page, '#doc', 'Sveriges mest effektiva kommun');
  const before = await passage.evaluate((el) => el.getBoundingClientRect().top);
  await page.getByRole('toolbar', { name: 'Markerad text' }).getByRole('button', { name: 'Ändra' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ny lydelse').fill('Sveriges mest hållbara kommun');
  await dialog.getByLabel('Namn').fill('Karin Larsson');
  await dialog.getByLabel('Parti').fill('L');
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForTimeout(200);
  const after = await page.locator('#doc .blk', { hasText: 'Sveriges mest' }).first().evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(Math.abs(after - before) < 4, `moved from ${before} to ${after}`);
  assert.deepEqual(errors, []);
});
