// End-to-end tests of the minutes as files for the protocol: the Word
// document and the HTML page downloaded from Votering and from Exportera, as
// a secretary gets them — opened by LibreOffice and by the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download, ROOT, setup } from './harness.mjs';

const EXAMPLE = readFileSync(join(ROOT, 'examples/alingsas-ks-2023-217/case.json'), 'utf8');
const SECTIONS = ['Förslag till beslut på sammanträdet', 'Beslutsgång', 'Beslut', 'Reservation'];
const NOTICE = 'UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.';

/** The example with a board of 15 and a roll call on V 2 (10 ja, 4 nej, 1 avstår). */
function withRollCall() {
  const c = JSON.parse(EXAMPLE);
  const board = [['m1', 'Anna Berg', 'M'], ['m2', 'Bo Carlsson', 'M'], ['m3', 'Cecilia Dahl', 'M'], ['s1', 'David Ek', 'S'],
    ['s2', 'Eva Fors', 'S'], ['s3', 'Fredrik Gran', 'S'], ['s4', 'Gunilla Hed', 'S'], ['kd', 'Hans Ivarsson', 'KD'],
    ['l1', 'Ingrid Jönsson', 'L'], ['sd1', 'Johan Karlsson', 'SD'], ['sd2', 'Karin Lund', 'SD'], ['ap', 'Lars Mattsson', 'AP']];
  c.members.push(...board.map(([id, name, party]) => ({ id, name, party })));
  c.meeting.chair = 'm1';
  c.meeting.date = '2023-10-16';
  delete c.procedure.present_count;
  const ballots = [
    ...['m1', 'm2', 'm3', 's1', 's2', 's3', 's4', 'kd', 'l1', 'sd1'].map((member) => ({ member, vote: 'ja' })),
    ...['aa', 'em', 'sd2', 'ap'].map((member) => ({ member, vote: 'nej' })),
    { member: 'hha', vote: 'avstar' },
  ];
  c.procedure.propositions.find((p) => p.alternatives.includes('v2')).roll_call = { demanded_by: ['em'], main: { ballots } };
  return c;
}

/** The example with the C addition never put to the meeting: a draft. */
function draft() {
  const c = JSON.parse(EXAMPLE);
  c.procedure.propositions = c.procedure.propositions.filter((p) => p.alternatives[0] !== 'c-tillagg');
  return c;
}

async function open(page, c, hash) {
  await page.evaluate((json) => window.amend.open(json), JSON.stringify(c));
  await page.goto(`${page.url().split('#')[0]}#${hash}`);
  await page.locator('body.ready').waitFor();
}

/** Opens a downloaded HTML file in a page of its own, as a double click would: from the disk. */
async function openFile(app, file) {
  const dir = mkdtempSync(join(tmpdir(), 'amend-minutes-'));
  const path = join(dir, file.name);
  writeFileSync(path, file.text);
  const { page, context } = await app.newPage();
  const shown = await context.newPage();
  await page.close();
  const policy = [];
  shown.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) policy.push(m.text()); });
  await shown.goto(`file://${path}`);
  return { page: shown, policy };
}

/** A downloaded .docx's text as LibreOffice reads it: its non-empty lines. */
function libreOfficeLines(file) {
  const dir = mkdtempSync(join(tmpdir(), 'amend-minutes-'));
  const input = join(dir, file.name);
  writeFileSync(input, readFileSync(file.path));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, input], { stdio: 'ignore', timeout: 120000 });
  return readFileSync(join(dir, file.name.replace(/\.docx$/, '.txt')), 'utf8')
    .replace(/^\uFEFF/, '').split('\n').map((l) => l.trim()).filter(Boolean);
}

test('the minutes download from Votering as .docx and .html: every section, the voteringslista a table', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#votering');
  await open(page, withRollCall(), 'votering');
  await page.locator('.minutes .min-sec').first().waitFor();
  assert.deepEqual(await page.locator('.minutes .section-head button').allTextContents(),
    ['Hämta protokollet (.docx)', 'Hämta protokollet (.html)', 'Hämta protokollet (.txt)']);

  const docx = await download(page, () => page.getByRole('button', { name: 'Hämta protokollet (.docx)' }).click());
  assert.equal(docx.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan-protokoll.docx');
  assert.match(await page.locator('.status').textContent(), /protokoll\.docx/);
  const lines = libreOfficeLines(docx);
  assert.deepEqual(lines.slice(0, 3), ['§ 217 Kommunkoncernövergripande ekonomisk handlingsplan', '2023.476 KS', 'Kommunstyrelsen, sammanträde 2023-10-16']);
  // every section's heading, in order, and the list after them
  const at = [...SECTIONS, 'Bilaga: voteringslista 1'].map((s) => lines.indexOf(s));
  assert.ok(at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1])), JSON.stringify(at));
  // the table: its heads, a row of cells per member, the totals
  const table = lines.slice(at[4] + 2);
  assert.deepEqual(table.slice(0, 5), ['Ledamot', 'Parti', 'Ja', 'Nej', 'Avstår']);
  assert.deepEqual(table.slice(5, 8), ['Anna Berg', 'M', 'X']);
  assert.deepEqual(table.slice(-4), ['Summa', '10', '4', '1']);
  assert.equal(table.filter((l) => l === 'X').length, 15);
  assert.ok(!lines.some((l) => l.startsWith('UTKAST')));

  const html = await download(page, () => page.getByRole('button', { name: 'Hämta protokollet (.html)' }).click());
  assert.equal(html.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan-protokoll.html');
  assert.match(html.text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">/);
  // the page as a browser shows it
  const shown = await openFile(app, html);
  assert.equal(await shown.page.locator('html').getAttribute('lang'), 'sv');
  assert.equal(await shown.page.locator('h1').textContent(), '§ 217 Kommunkoncernövergripande ekonomisk handlingsplan');
  assert.deepEqual(await shown.page.locator('h2').allTextContents(), [...SECTIONS, 'Bilaga: voteringslista 1']);
  assert.match(await shown.page.locator('table caption').textContent(), /^Voteringslista 1 \(/);
  assert.deepEqual(await shown.page.locator('thead th[scope=col]').allTextContents(), ['Ledamot', 'Parti', 'Ja', 'Nej', 'Avstår']);
  assert.equal(await shown.page.locator('tbody tr').count(), 15);
  assert.deepEqual(await shown.page.locator('tfoot tr > *').allTextContents(), ['Summa', '', '10', '4', '1']);
  // its own style applies (the page's policy allows it, and nothing else)
  const style = (sel, prop) => shown.page.locator(sel).first().evaluate((e, p) => getComputedStyle(e)[p], prop);
  assert.equal(await style('body', 'maxWidth'), '672px');
  assert.equal(await style('thead th', 'backgroundColor'), 'rgb(238, 238, 238)');
  assert.equal(await style('tfoot td', 'fontWeight'), '700');
  // on paper: the full width, no grey behind the heads
  await shown.page.emulateMedia({ media: 'print' });
  assert.equal(await style('body', 'maxWidth'), 'none');
  assert.equal(await style('thead th', 'backgroundColor'), 'rgba(0, 0, 0, 0)');
  assert.deepEqual(shown.policy, []);
  assert.deepEqual(errors, []);
});

test('a draft\'s minutes from Exportera carry the notice first in the .docx and the .html; a procedure that does not add up blocks every format', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#export');
  await open(page, draft(), 'export');
  await page.locator('.note.warn', { hasText: 'UTKAST' }).waitFor();
  assert.deepEqual(await page.locator('button[data-export^=minutes]').allTextContents(),
    ['Protokoll i Word (.docx)', 'Protokoll som webbsida (.html)', 'Protokoll som text (.txt)']);

  const docx = await download(page, () => page.locator('button[data-export="minutes-docx"]').click());
  const lines = libreOfficeLines(docx);
  assert.equal(lines[0], NOTICE);
  assert.equal(lines[1], '§ 217 Kommunkoncernövergripande ekonomisk handlingsplan');
  assert.ok(SECTIONS.every((s) => lines.includes(s)));

  const html = await download(page, () => page.locator('button[data-export="minutes-html"]').click());
  const shown = await openFile(app, html);
  const first = shown.page.locator('body > :first-child');
  assert.equal(await first.getAttribute('class'), 'notice');
  assert.equal(await first.textContent(), NOTICE);
  // set apart by a border, not by colour alone
  assert.equal(await first.evaluate((e) => getComputedStyle(e).borderTopStyle), 'double');
  assert.equal(await first.evaluate((e) => getComputedStyle(e).fontWeight), '700');

  // in English, the English minutes
  await page.getByRole('button', { name: 'In English' }).click();
  const en = await download(page, () => page.locator('button[data-export="minutes-html"]').click());
  assert.match(en.text, /<html lang="en">/);
  assert.match(en.text, /<div class="notice" role="note"><p>DRAFT – the minutes are not complete: /);
  await page.getByRole('button', { name: 'På svenska' }).click();

  // more votes than members present: no minutes in any format
  const bad = JSON.parse(EXAMPLE);
  bad.procedure.propositions[2].roll_call = { main: { counts: { ja: 20, nej: 0 } } };
  await open(page, bad, 'export');
  await page.locator('#export-minutes-hint').waitFor();
  for (const what of ['minutes', 'minutes-docx', 'minutes-html']) {
    assert.equal(await page.locator(`button[data-export="${what}"]`).isDisabled(), true, what);
  }
  await page.goto(`${app.url}#votering`);
  await page.locator('.vote').waitFor();
  for (const id of ['minutes-download', 'minutes-download-docx', 'minutes-download-html']) {
    assert.equal(await page.locator(`#${id}`).isDisabled(), true, id);
  }
  assert.deepEqual(errors, []);
});
