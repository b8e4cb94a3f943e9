// Cases kept side by side, two tabs on one case, half-typed work across a
// reload, and the Content-Security-Policy: a user in Chromium, two pages of
// one browser context sharing its storage (IndexedDB, localStorage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axeViolations, download, ROOT, screenshot, selectText, setup } from './harness.mjs';

const PLANS = join(ROOT, 'tests', 'plans');

/** Records Content-Security-Policy violations in window.__csp (before any script runs). */
function watchCsp() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
}

/** A page of the browser context `context` (storage shared with its other pages), ready. */
async function tab(app, context, { init = null } = {}) {
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await (d.type() === 'confirm' ? d.accept() : d.dismiss()); });
  await page.addInitScript(watchCsp);
  if (init) await page.addInitScript(init);
  await page.goto(app.url);
  await page.locator('body.ready').waitFor();
  return { page, errors, dialogs };
}

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

/** Every kept case: [{title, rev, amendments (proposers' names)}], last changed first. */
function kept(page) {
  return page.evaluate(async () => {
    const store = await import('./js/store.js');
    const out = [];
    for (const c of await store.list()) {
      const { json } = await store.get(c.id);
      const k = JSON.parse(json);
      out.push({ title: c.title, rev: c.rev, amendments: k.amendments.map((a) => k.members.find((m) => m.id === a.proposer)?.name ?? a.proposer) });
    }
    return out;
  });
}

async function openList(page) {
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Mina ärenden …' }).click();
  const list = page.getByRole('dialog', { name: 'Mina ärenden' });
  await list.locator('tbody tr').first().waitFor();
  return list;
}

test('two tabs on one case: each takes in the other\'s saves, and nothing is lost', async (t) => {
  const app = await setup(t);
  const first = await app.newPage();
  const a = await tab(app, first.context);
  const b = await tab(app, first.context);
  await first.page.close();
  // both show the one kept case
  assert.equal(await a.page.evaluate(() => window.amend.state.caseId), await b.page.evaluate(() => window.amend.state.caseId));

  await reword(a.page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  // B had no change of its own: it takes A's proposal in and says so
  await b.page.locator('.am', { hasText: 'Karin Larsson (L)' }).waitFor({ timeout: 5000 });
  assert.match(await b.page.locator('.status').textContent(), /ändrades i en annan flik; ändringarna är inlästa här/);
  // B, opened earlier, now adds its own proposal: A's stays
  await reword(b.page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  await a.page.locator('.am', { hasText: 'Åsa Öberg (S)' }).waitFor({ timeout: 5000 });
  assert.equal(await a.page.locator('.am').count(), 8);
  const stored = await kept(a.page);
  assert.equal(stored.length, 1);
  assert.ok(stored[0].amendments.includes('Karin Larsson') && stored[0].amendments.includes('Åsa Öberg'), stored[0].amendments.join(', '));
  // a reload of either finds both proposals
  await a.page.reload();
  await a.page.locator('body.ready').waitFor();
  assert.equal(await a.page.locator('.am', { hasText: /Karin Larsson \(L\)|Åsa Öberg \(S\)/ }).count(), 2);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  assert.deepEqual(await a.page.evaluate(() => window.__csp), []);
  assert.deepEqual(await b.page.evaluate(() => window.__csp), []);
});

test('a tab that did not hear of another\'s save is told before its own, and both versions can be kept', async (t) => {
  const app = await setup(t);
  const first = await app.newPage();
  const a = await tab(app, first.context);
  // B hears nothing from other tabs (no BroadcastChannel, no storage events): a tab asleep, or a browser without them
  const b = await tab(app, first.context, {
    init: () => {
      delete window.BroadcastChannel;
      const add = window.addEventListener;
      window.addEventListener = function addEventListener(type, ...rest) {
        if (type === 'storage') return undefined;
        return add.call(this, type, ...rest);
      };
    },
  });
  await first.page.close();
  await reword(a.page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  await reword(b.page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  // B's save finds a newer revision: nothing is overwritten, B says so and offers both ways
  const alert = b.page.locator('.alert.conflict');
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.textContent(), /Ärendet ändrades i en annan flik/);
  assert.match(await alert.textContent(), /dina senaste ändringar är inte sparade/);
  // the status line no longer says saved (in words, after the message of the moment)
  assert.match(await b.page.locator('.status').getAttribute('class'), /unsaved/);
  assert.equal(await b.page.evaluate(() => window.amend.state.savedAt), null);
  let stored = await kept(a.page);
  assert.equal(stored.length, 1);
  assert.ok(stored[0].amendments.includes('Karin Larsson'));
  assert.ok(!stored[0].amendments.includes('Åsa Öberg'));
  assert.deepEqual(await axeViolations(b.page, '#alert'), []);
  await screenshot(b.page, 'tabs-conflict');

  await alert.getByRole('button', { name: 'Spara min version som kopia' }).click();
  await b.page.locator('.status', { hasText: 'Din version sparades som' }).waitFor();
  assert.equal(await b.page.locator('.alert.conflict').count(), 0);
  assert.match(await b.page.locator('h1').textContent(), /\(kopia\)$/);
  stored = await kept(a.page);
  assert.equal(stored.length, 2);
  const copy = stored.find((c) => /\(kopia\)$/.test(c.title));
  const original = stored.find((c) => !/\(kopia\)$/.test(c.title));
  assert.ok(copy.amendments.includes('Åsa Öberg') && !copy.amendments.includes('Karin Larsson'), copy.amendments.join(', '));
  assert.ok(original.amendments.includes('Karin Larsson') && !original.amendments.includes('Åsa Öberg'), original.amendments.join(', '));
  // A still has its version, and keeps saving it
  assert.equal(await a.page.locator('.am', { hasText: 'Karin Larsson (L)' }).count(), 1);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  assert.deepEqual(await b.page.evaluate(() => window.__csp), []);
});

test('after a conflict, the other tab\'s version can be taken in instead', async (t) => {
  const app = await setup(t);
  const first = await app.newPage();
  const a = await tab(app, first.context);
  const b = await tab(app, first.context, { init: () => { delete window.BroadcastChannel; const add = window.addEventListener; window.addEventListener = function (type, ...r) { return type === 'storage' ? undefined : add.call(this, type, ...r); }; } });
  await first.page.close();
  await reword(a.page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  await reword(b.page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  const alert = b.page.locator('.alert.conflict');
  await alert.waitFor({ timeout: 5000 });
  await alert.getByRole('button', { name: 'Ta in den andra flikens version' }).click();
  await b.page.locator('.am', { hasText: 'Karin Larsson (L)' }).waitFor();
  assert.equal(await b.page.locator('.am', { hasText: 'Åsa Öberg' }).count(), 0);
  assert.match(await b.page.locator('.status').textContent(), /andra flikens version är inläst/);
  // B saves again from the version it took in
  await reword(b.page, 'samordning mellan kommunen', 'samarbete mellan kommunen', 'Lars Berg', 'M');
  await b.page.waitForFunction(async () => (await window.amend.stored()).includes('Lars Berg'));
  const stored = await kept(b.page);
  assert.equal(stored.length, 1);
  assert.ok(stored[0].amendments.includes('Karin Larsson') && stored[0].amendments.includes('Lars Berg'));
  assert.deepEqual(b.errors, []);
});

test('several cases side by side: started, switched, renamed, deleted; the last used opens at start', async (t) => {
  const app = await setup(t);
  const { page, errors, dialogs } = await tab(app, (await app.newPage()).context);
  await reword(page, 'stigande räntor', 'höga räntor', 'Åsa Öberg', 'S');
  // a new case does not replace the open one
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nytt ärende' }).click();
  const form = page.getByRole('dialog', { name: 'Nytt ärende' });
  assert.match(await form.textContent(), /sparas bredvid de andra/);
  await form.getByLabel('Ärendets rubrik').fill('Lokalplan');
  await form.getByLabel('Planens text').fill('# Lokalplan\n\n## Skolor\n\nVi ska bygga två nya skolor.\n');
  await form.getByRole('button', { name: 'Skapa ärendet' }).click();
  await form.waitFor({ state: 'detached' });
  assert.equal(await page.locator('h1').textContent(), 'Lokalplan');

  let list = await openList(page);
  assert.equal(await list.locator('tbody tr').count(), 2);
  // last changed first, the open one marked in words
  assert.match(await list.locator('tbody tr').first().textContent(), /Lokalplan \(öppet här\)/);
  assert.match(await list.locator('tbody tr').nth(1).textContent(), /Kommunkoncernövergripande/);
  assert.equal(await list.locator('tbody tr time').count(), 2);
  assert.deepEqual(await axeViolations(page, '.cases-dialog'), []);
  await screenshot(page, 'cases-list');

  // rename the other one (keyboard: the form, Enter)
  await list.getByRole('button', { name: /^Byt namn på ”Kommunkoncernövergripande/ }).click();
  const name = list.getByLabel(/Nytt namn på/);
  await name.fill('Handlingsplanen');
  await name.press('Enter');
  await list.locator('tbody tr', { hasText: 'Handlingsplanen' }).waitFor();
  assert.match(await list.locator('.cases-said').textContent(), /heter nu ”Handlingsplanen”/);

  // open it: its proposal is there, and the other is kept
  await list.getByRole('button', { name: 'Öppna ”Handlingsplanen”' }).click();
  await page.locator('.am', { hasText: 'Åsa Öberg (S)' }).waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Handlingsplanen');
  assert.equal((await kept(page)).length, 2);

  // a reload opens the one used last
  await page.reload();
  await page.locator('body.ready').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Handlingsplanen');

  // deleting asks first; a refusal keeps it
  list = await openList(page);
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await list.getByRole('button', { name: 'Ta bort ”Lokalplan”' }).click();
  assert.match(dialogs.at(-1), /tas bort ur webbläsaren, och det går inte att ångra/);
  assert.equal(await list.locator('tbody tr').count(), 2);
  page.once('dialog', (d) => d.accept());
  await list.getByRole('button', { name: 'Ta bort ”Lokalplan”' }).click();
  await list.locator('.cases-said', { hasText: 'Ärendet ”Lokalplan” togs bort.' }).waitFor();
  assert.equal(await list.locator('tbody tr').count(), 1);
  assert.deepEqual((await kept(page)).map((c) => c.title), ['Handlingsplanen']);
  await list.locator('.buttons').getByRole('button', { name: 'Stäng' }).click();
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
});

test('an open draft dialog and a field typed into but not left survive a reload', async (t) => {
  const app = await setup(t);
  const { page, errors } = await tab(app, (await app.newPage()).context);
  await page.getByRole('radio', { name: 'Ursprunglig text' }).check();
  await selectText(page, '#doc', 'stigande räntor');
  await page.getByRole('toolbar', { name: 'Markerad text' }).getByRole('button', { name: 'Ändra' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Ny lydelse').fill('höga och stigande räntor');
  await dialog.getByLabel('Namn').fill('Åsa Öberg');
  await dialog.getByLabel('Parti').pressSequentially('S');
  await page.reload();
  await page.locator('body.ready').waitFor();
  dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Ny lydelse').inputValue(), 'höga och stigande räntor');
  assert.equal(await dialog.getByLabel('Namn').inputValue(), 'Åsa Öberg');
  assert.equal(await dialog.getByLabel('Parti').inputValue(), 'S');
  assert.match(await dialog.textContent(), /stigande räntor/);
  assert.match(await page.locator('.status').textContent(), /Förslaget du skrev före omladdningen är återställt/);
  await dialog.getByRole('button', { name: 'Spara förslaget' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.am', { hasText: 'Åsa Öberg (S)' }).waitFor();
  // saved and closed: the next reload opens no dialog
  await page.reload();
  await page.locator('body.ready').waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0);

  // a field of the meeting typed into, not left
  await page.goto(`${app.url}#sammantrade`);
  await page.locator('body.ready').waitFor();
  await page.getByLabel('Diarienummer').fill('KS 2024.12');
  await page.reload();
  await page.locator('body.ready').waitFor();
  const field = page.getByLabel('Diarienummer');
  assert.equal(await field.inputValue(), 'KS 2024.12');
  assert.match(await page.locator('.status').textContent(), /Det du skrev i ”Diarienummer” före omladdningen är kvar/);
  assert.equal(JSON.parse(await page.evaluate(() => window.amend.stored())).meeting.case_number, '2023.476 KS');
  // leaving it saves it
  await field.press('Tab');
  await page.waitForFunction(async () => JSON.parse(await window.amend.stored()).meeting.case_number === 'KS 2024.12');
  assert.deepEqual(errors, []);
});

test('a case file\'s fields amend does not know are named when it is opened, and kept through edits, a reload and the export', async (t) => {
  const app = await setup(t);
  const { page, errors } = await tab(app, (await app.newPage()).context);
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const c = JSON.parse(readFileSync(join(ROOT, 'examples', 'alingsas-ks-2023-217', 'case.json'), 'utf8'));
  c['x-diarium'] = { id: 4711, system: 'Ciceron' };
  c.members[0].email = 'ledamot@example.se';
  c.amendments[1].withdrawm = true;
  const file = join(mkdtempSync(join(tmpdir(), 'amend-fields-')), 'arende.json');
  writeFileSync(file, JSON.stringify(c, null, 2));
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Öppna …' }).click()]);
  await chooser.setFiles(file);
  const status = page.locator('.status', { hasText: 'Öppnade' });
  await status.waitFor();
  const said = await status.textContent();
  assert.match(said, /fält som amend inte använder: members\[[^\]]+\]\.email, amendments\[[^\]]+\]\.withdrawm \(menade du ”withdrawn”\?\), x-diarium\. De sparas oförändrade\./);

  // an edit, saved; a reload; the export: the fields are where they were
  await reword(page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  await page.waitForFunction(async () => (await window.amend.stored())?.includes('Karin Larsson'));
  await page.reload();
  await page.locator('body.ready').waitFor();
  const stored = JSON.parse(await page.evaluate(() => window.amend.stored()));
  const exported = JSON.parse((await download(page, async () => {
    await page.goto(`${app.url}#export`);
    await page.locator('button[data-export="json"]').click();
  })).text);
  for (const k of [stored, exported]) {
    assert.deepEqual(k['x-diarium'], c['x-diarium']);
    assert.equal(k.members.find((m) => m.id === c.members[0].id).email, 'ledamot@example.se');
    assert.equal(k.amendments.find((a) => a.id === c.amendments[1].id).withdrawm, true);
    assert.ok(k.members.some((m) => m.name === 'Karin Larsson'), 'the edit is there too');
  }
  assert.deepEqual(errors, []);
});

test('a second proposal by a member renumbers the first, and the status says so', async (t) => {
  const app = await setup(t);
  const { page, errors } = await tab(app, (await app.newPage()).context);
  await reword(page, 'Sveriges mest effektiva kommun', 'Sveriges mest hållbara kommun', 'Karin Larsson', 'L');
  assert.match(await page.locator('.status').textContent(), /Förslaget L sparades\.$/);
  await reword(page, 'stigande räntor', 'höga räntor', 'Karin Larsson', 'L');
  assert.match(await page.locator('.status').textContent(), /Förslaget L 2 sparades\. Förslaget som hette L heter nu L 1\./);
  assert.deepEqual(errors, []);
});

test('the Content-Security-Policy: every view, a .docx and a PDF opened, every export and the printout, with no violation', async (t) => {
  const app = await setup(t);
  const { page, errors } = await tab(app, (await app.newPage()).context);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  for (const hash of ['planen', 'jamfor', 'sammantrade', 'votering', 'export']) {
    await page.goto(`${app.url}#${hash}`);
    await page.locator('body.ready').waitFor();
  }
  await page.getByRole('checkbox', { name: /MP 1/ }).uncheck();
  for (const what of ['docx', 'txt', 'md', 'html', 'tracked-docx', 'tracked-html', 'critic', 'json']) {
    const file = await download(page, () => page.locator(`button[data-export="${what}"]`).click());
    if (what.endsWith('html')) {
      // the exported page has its own policy: no scripts at all
      assert.match(file.text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">/);
      assert.doesNotMatch(file.text, /<script/);
    }
  }
  for (const file of ['alingsas.docx', 'alingsas.pdf']) {
    await page.getByRole('button', { name: 'Ärende', exact: true }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Öppna …' }).click()]);
    await chooser.setFiles(join(PLANS, file));
    await page.locator('.status', { hasText: 'Öppnade' }).waitFor({ timeout: 20000 });
    assert.ok((await page.locator('.toc .toc-text').count()) > 5, file);
  }
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'csp-print');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors.filter((e) => /Content.Security.Policy|Refused/i.test(e)), []);
  assert.deepEqual(errors, []);
});
