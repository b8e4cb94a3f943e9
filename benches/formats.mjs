// Browser figures for plan files (prints them; not a test):
//   * fetching and compiling the full module (the .docx and PDF readers and
//     the .docx writer), the first time it is needed;
//   * opening a 100-page .docx and a 100-page PDF, both made by LibreOffice
//     from the generated plan of benches/plan-gen.mjs: from the file to the
//     rendered plan, and for the PDF pdf.js's part apart;
//   * exporting that plan with its 200 amendments as a tracked .docx.
// Goals: each under 300 ms in Chromium.
//
// Run after .ci/build:  node benches/formats.mjs [--runs N]
// The .docx and PDF are made once (LibreOffice, about a minute) and kept in
// target/bench-formats/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, serve } from '../tests/e2e/harness.mjs';
import { generate } from './plan-gen.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const OUT = join(ROOT, 'target', 'bench-formats');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (x) => `${x.toFixed(0)} ms`;
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The generated plan as HTML for LibreOffice: headings, paragraphs, page breaks. */
function planHtml(text) {
  const body = [];
  let pageBreak = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('\f')) {
      pageBreak = true;
      continue;
    }
    if (!line.trim()) continue;
    const style = pageBreak ? ' style="page-break-before: always"' : '';
    pageBreak = false;
    const m = /^(#{1,3}) (.*)$/.exec(line);
    body.push(m ? `<h${m[1].length}${style}>${esc(m[2])}</h${m[1].length}>` : `<p${style}>${esc(line)}</p>`);
  }
  // 10 pt, so that a page of the plan fills about one A4 page
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Plan</title>`
    + '<style>p, li { font-size: 10pt; } h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }</style>'
    + `</head><body>\n${body.join('\n')}\n</body></html>\n`;
}

function soffice(args) {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${OUT}/profile`, ...args], { stdio: 'ignore', timeout: 600000 });
}

/** plan.docx and plan.pdf of the generated plan, made once. */
function makeFiles(text) {
  mkdirSync(OUT, { recursive: true });
  const docx = join(OUT, 'plan.docx');
  const pdf = join(OUT, 'plan.pdf');
  if (!existsSync(docx) || !existsSync(pdf)) {
    console.log('making the 100-page .docx and PDF with LibreOffice …');
    writeFileSync(join(OUT, 'plan.html'), planHtml(text));
    soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', OUT, join(OUT, 'plan.html')]);
    soffice(['--convert-to', 'pdf', '--outdir', OUT, docx]);
  }
  return { docx: readFileSync(docx), pdf: readFileSync(pdf) };
}

const json = generate();
const files = makeFiles(JSON.parse(json).plan.text);
const server = await serve();
const { browser, stop } = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(server.url);
  await page.locator('body.ready').waitFor();

  const fullModule = await page.evaluate(async () => {
    const engine = await import('/js/wasm.js');
    const t0 = performance.now();
    await engine.useFull();
    return performance.now() - t0;
  });

  // opening: the file as the picker gives it, to the rendered plan
  const open = async (bytes, name) => {
    const times = [];
    let shape = null;
    for (let i = 0; i < runs + 1; i++) {
      const r = await page.evaluate(async ([data, name]) => {
        const file = new File([new Uint8Array(data)], name);
        const t0 = performance.now();
        await window.amend.openFile(file);
        document.body.offsetHeight;
        const ms = performance.now() - t0;
        const { state } = window.amend;
        return { ms, pages: state.pages, blocks: state.blocks.length, headings: state.blocks.filter((b) => b.type === 'heading').length, format: state.case.plan?.format };
      }, [[...bytes], name]);
      times.push(r.ms);
      shape = r;
    }
    return { ms: median(times.slice(1)), ...shape };
  };
  const docx = await open(files.docx, 'plan.docx');
  const pdf = await open(files.pdf, 'plan.pdf');
  const pdfParts = await page.evaluate(async (data) => {
    const bytes = new Uint8Array(data);
    const { readPdfPages } = await import('/js/pdfread.js');
    const engine = await import('/js/wasm.js');
    const t0 = performance.now();
    const pages = await readPdfPages(bytes);
    const t1 = performance.now();
    engine.full().readPdfPages(pages);
    return { pdfjs: t1 - t0, engine: performance.now() - t1, pages: pages.length };
  }, [...files.pdf]);

  // exporting: the generated case with its 200 amendments, as tracked .docx
  await page.evaluate((json) => window.amend.open(json), json);
  const exported = await page.evaluate(async (runs) => {
    const engine = await import('/js/wasm.js');
    const ids = window.amend.state.case.amendments.map((a) => a.id);
    const times = [];
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      bytes = engine.docx(ids, true).length;
      times.push(performance.now() - t0);
    }
    return { times: times.slice(1), bytes, amendments: ids.length, pages: window.amend.state.pages };
  }, runs);

  console.log('amend in Chromium: plan files (median of %d runs)', runs);
  console.log(`  full module fetched and compiled (first use): ${fmt(fullModule)}`);
  console.log(`  opening a ${docx.pages}-page .docx (${(files.docx.length / 1024).toFixed(0)} KB, ${docx.blocks} blocks, ${docx.headings} headings) to the rendered plan: ${fmt(docx.ms)} (goal < 300 ms)`);
  console.log(`  opening a ${pdfParts.pages}-page PDF (${(files.pdf.length / 1024).toFixed(0)} KB, ${pdf.blocks} blocks, ${pdf.headings} headings) to the rendered plan: ${fmt(pdf.ms)} (goal < 300 ms)`);
  console.log(`    of which pdf.js taking out the text: ${fmt(pdfParts.pdfjs)}, the engine reading it: ${fmt(pdfParts.engine)}`);
  console.log(`  exporting the ${exported.pages}-page plan with ${exported.amendments} amendments as tracked .docx (${(exported.bytes / 1024).toFixed(0)} KB): ${fmt(median(exported.times))} (goal < 300 ms)`);
  if (errors.length) console.log('  page errors:', errors);
} finally {
  await stop();
  server.stop();
}
