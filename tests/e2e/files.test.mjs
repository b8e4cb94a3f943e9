// Plans as files: a .docx and a PDF (made by LibreOffice, tests/plans/)
// opened through the file picker and by dropping them on the page, Markdown
// opened with the full module, broken files with their message, and the
// adopted plan exported as .docx with Word revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, download, pick, ROOT, screenshot, setup } from './harness.mjs';

const PLANS = join(ROOT, 'tests', 'plans');
const EXAMPLE = join(ROOT, 'examples', 'alingsas-ks-2023-217', 'case.json');

// the headings of the Alingsås plan as its PDF and .docx show them
const HEADINGS = [
  'Kommunkoncernövergripande ekonomisk handlingsplan', '1 Inledning', '2 Förutsättningar', '3 Åtgärder',
  'Samordningsvinster inom och utanför kommunkoncernen', 'Koncernbidrag och utdelning från Alingsås Energi',
  'Nämndbuffertar mot oförutsedda kostnader', 'Effektivisera den politiska målstyrningen',
  'Genomlysningar och metod för ständiga förbättringar', 'Lokaleffektivitet',
  'Aktieägartillskott till Alingsåshem lokaler AB', '4 Uppföljning och genomförande',
];

/** The headings of the contents, without their page numbers. */
async function contents(page) {
  return page.locator('.toc .toc-text').allTextContents();
}

/** The open case's plan as the app saved it. */
async function savedPlan(page) {
  return page.evaluate(async () => JSON.parse(await window.amend.stored()).plan);
}

/** The example's six amendments over `plan`: how many the app located and which failed. */
async function exampleOver(page, plan) {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  example.plan = plan;
  return page.evaluate(async (json) => {
    await window.amend.open(json);
    const { check } = window.amend.state;
    return { located: new Set(check.located.map((l) => l.amendment)).size, failed: check.failed.map((f) => f.amendment) };
  }, JSON.stringify(example));
}

test('a .docx opens through the file picker: its headings in the contents, the example\'s amendments all found', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await pick(page, join(PLANS, 'alingsas.docx'));
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  assert.deepEqual(await contents(page), HEADINGS);
  assert.equal(await page.locator('h1.case-title').textContent(), HEADINGS[0]);
  // the .docx reader came with the full module, and pdf.js was not fetched
  assert.ok(requests.includes('/pkg/amend_full_bg.wasm'), requests.join(' '));
  assert.ok(!requests.some((p) => p.includes('pdfjs')), requests.join(' '));
  const plan = await savedPlan(page);
  assert.equal(plan.format, 'docx');
  assert.deepEqual(await exampleOver(page, plan), { located: 6, failed: [] });
  await screenshot(page, 'open-docx');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test('a PDF opens through the file picker with pdf.js: the same headings, no running footer, the amendments all found', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await pick(page, join(PLANS, 'alingsas.pdf'));
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor({ timeout: 20000 });
  assert.deepEqual(await contents(page), HEADINGS);
  const plan = await savedPlan(page);
  assert.equal(plan.format, 'pdf');
  assert.ok(!plan.text.includes('Sida 2 (5)'), 'the running footer is removed');
  assert.ok(plan.text.includes('koncernbidrag eller utdelning från energibolaget skulle kunna bidra till finansieringen'), 'lines are joined into paragraphs');
  // the status names what the reader left out
  assert.match(await page.locator('.status').textContent(), /sidfot/);
  assert.deepEqual(await exampleOver(page, plan), { located: 6, failed: [] });
  await screenshot(page, 'open-pdf');
  assert.deepEqual(errors, []);
});

// the command-line tool, built by `cargo test` before these tests run
const CLI = process.env.AMEND_BIN ?? join(ROOT, 'target', 'debug', 'amend');

for (const name of ['pdf-features.pdf', 'alingsas.pdf', 'em-features.pdf']) {
  test(`${name} read in the browser (pdf.js) is the plan the command line reads (pdftohtml)`, async (t) => {
    const app = await setup(t);
    const { page, errors } = await app.newPage();
    await pick(page, join(PLANS, name));
    await page.locator('.status', { hasText: 'Öppnade' }).waitFor({ timeout: 20000 });
    const browser = await savedPlan(page);
    const dir = mkdtempSync(join(tmpdir(), 'amend-pdf-'));
    execFileSync(CLI, ['new', join(PLANS, name), '-o', join(dir, 'case.json')], { stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')).plan;
    assert.equal(browser.text, cli.text);
    // bold and italic words too (pdf.js tells them by the fonts' names)
    assert.equal(browser.marks ?? '', cli.marks ?? '');
    if (name === 'em-features.pdf') assert.ok(cli.marks?.includes('bi'), cli.marks);
    assert.deepEqual(errors, []);
  });
}

test('a file dropped on the page opens like a picked one', async (t) => {
  const app = await setup(t);
  const { page, errors, dialogs } = await app.newPage();
  const bytes = [...readFileSync(join(PLANS, 'features.docx'))];
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'plan.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    document.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  // nothing is replaced, so nothing is asked: the example is kept beside the new case
  assert.equal(dialogs.length, 0);
  assert.deepEqual(await page.evaluate(async () => (await (await import('./js/store.js')).list()).length), 2);
  assert.equal((await savedPlan(page)).format, 'docx');
  assert.ok((await contents(page)).length >= 2);
  assert.equal(await page.locator('body.dropping').count(), 0);
  assert.deepEqual(errors, []);
});

test('broken and foreign files give their message in Swedish and leave the open case as it was', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const before = await page.evaluate(() => window.amend.stored());
  const dir = mkdtempSync(join(tmpdir(), 'amend-bad-'));
  const big = join(dir, 'stor.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(51 * 1024 * 1024, 0x20)]));
  const binary = join(dir, 'bild.txt');
  writeFileSync(binary, Buffer.from([0x48, 0x65, 0xff, 0xfe, 0x00, 0x01]));
  const cases = [
    ['pdf-encrypted.pdf', /krypterad/],
    ['pdf-no-copy.pdf', /skyddad mot kopiering/],
    ['pdf-image-only.pdf', /ingen text.*inskannad/],
    ['pdf-truncated.pdf', /trasig|kunde inte läsas|ingen text/],
    ['not-docx.odt', /OpenDocument/],
    [big, /50 MB/],
    [binary, /varken en \.docx, en PDF eller text i UTF-8 \(byte 2/],
  ];
  for (const [file, message] of cases) {
    const path = file.includes('/') ? file : join(PLANS, file);
    await pick(page, path);
    const alert = page.locator('#alert .alert');
    await alert.waitFor({ timeout: 20000 });
    const text = await alert.locator('p').first().textContent();
    assert.match(text, message, `${file}: ${text}`);
    assert.match(text, /Kunde inte öppna/, `${file}: ${text}`);
    assert.doesNotMatch(text, /\b(the|file|is not)\b/, `${file}: English in a Swedish message: ${text}`);
    assert.equal(await page.evaluate(() => window.amend.stored()), before, `${file} changed the case`);
    await alert.locator('button.close').click();
  }
  assert.deepEqual(errors, []);
});

test('a Markdown plan opens with the full module and exports unchanged', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  const md = '# Plan\n\n## 1. Lokaler\n\nVi ska:\n\n1. spara,\n2. satsa.\n\n| Nämnd | Belopp |\n|---|---:|\n| KS | 4 500 |\n';
  const dir = mkdtempSync(join(tmpdir(), 'amend-md-'));
  writeFileSync(join(dir, 'plan.md'), md);
  await pick(page, join(dir, 'plan.md'));
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  assert.deepEqual(await contents(page), ['Plan', '1. Lokaler']);
  await page.goto(`${app.url}#export`);
  await page.locator('body.ready').waitFor();
  const out = await download(page, () => page.locator('button[data-export="md"]').click());
  assert.equal(out.text, md);
  assert.deepEqual(errors, []);
});

test('the adopted plan leaves as a .docx, and the tracked one with each proposer\'s Word revisions', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage('#export');
  const unzip = (path) => execFileSync('python3', ['-c',
    'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', path], { encoding: 'utf8' });
  // every proposal but MP 1, which conflicts with V 2
  await page.getByRole('checkbox', { name: /MP 1/ }).uncheck();
  const tracked = await download(page, () => page.locator('button[data-export="tracked-docx"]').click());
  assert.equal(tracked.name, 'kommunkoncernovergripande-ekonomisk-handlingsplan-andringar.docx');
  const xml = unzip(tracked.path);
  assert.match(xml, /<w:ins [^>]*w:author="Emily Munter \(V\)"/);
  assert.match(xml, /<w:del [^>]*w:author="Amanda Andersson \(MP\)/);
  const clean = await download(page, () => page.locator('button[data-export="docx"]').click());
  const cleanXml = unzip(clean.path);
  assert.doesNotMatch(cleanXml, /<w:(ins|del) /);
  assert.match(await page.locator('.status').textContent(), /antagen\.docx/);
  // LibreOffice reads it back
  const dir = mkdtempSync(join(tmpdir(), 'amend-docx-'));
  const input = join(dir, clean.name);
  writeFileSync(input, readFileSync(clean.path));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, input], { stdio: 'ignore', timeout: 120000 });
  const text = readFileSync(join(dir, clean.name.replace(/\.docx$/, '.txt')), 'utf8');
  assert.match(text, /Kommunkoncernövergripande ekonomisk handlingsplan/);
  assert.deepEqual(errors, []);
});

test('a plan opened from a .docx is exported into that package: its parts kept, the changes as Word revisions', async (t) => {
  const app = await setup(t);
  const { page, errors } = await app.newPage();
  await pick(page, join(PLANS, 'alingsas.docx'));
  await page.locator('.status', { hasText: 'Öppnade' }).waitFor();
  const plan = await savedPlan(page);
  assert.ok(plan.docx && plan.docx.length > 1000, 'the case keeps the package');
  assert.deepEqual(await exampleOver(page, plan), { located: 6, failed: [] });
  await page.goto(`${app.url}#export`);
  await page.locator('body.ready').waitFor();
  await page.getByRole('checkbox', { name: /MP 1/ }).uncheck();
  const tracked = await download(page, () => page.locator('button[data-export="tracked-docx"]').click());
  const entries = (path) => execFileSync('python3', ['-c',
    'import sys,zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path], { encoding: 'utf8' }).trim().split('\n');
  const part = (path, name) => execFileSync('python3', ['-c',
    'import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))', path, name]);
  const original = join(PLANS, 'alingsas.docx');
  // every part of the package, in its order; styles unchanged
  assert.deepEqual(entries(tracked.path), entries(original));
  assert.ok(part(tracked.path, 'word/styles.xml').equals(part(original, 'word/styles.xml')));
  const xml = part(tracked.path, 'word/document.xml').toString('utf8');
  assert.match(xml, /<w:ins [^>]*w:author="Emily Munter \(V\)"/);
  assert.match(xml, /<w:del [^>]*w:author="Amanda Andersson \(MP\)/);
  assert.deepEqual(errors, []);
});
