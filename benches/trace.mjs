// Where the time of section 4 of browser.mjs goes (prints it; not a test):
// on the 200-page plan with 200 amendments, scrolled to its middle, saves
// a drafted amendment (or switches the display mode) a few times, each in a
// Chromium trace taken through playwright-core's CDP session, and prints for
// each the time to the painted frame, the style recalculations (time and
// elements) and layouts, and the main thread's trace events that took the
// most time in all. `--out DIR` also writes each trace as JSON, which
// Chrome DevTools' Performance panel opens.
//
// Run after .ci/build:  node benches/trace.mjs [save|mode] [--n N] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve } from '../tests/e2e/harness.mjs';
import { draftChange } from './drafting.mjs';
import { generate } from './plan-gen.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const what = process.argv[2] === 'mode' ? 'mode' : 'save';
const n = Number(arg('--n', 3));
const out = arg('--out', null);
if (out) mkdirSync(out, { recursive: true });

const CATEGORIES = 'devtools.timeline,blink,disabled-by-default-devtools.timeline,v8.execute';

/** The events of the renderer's main thread: the thread with the most style, layout and script events. */
function mainThread(events) {
  const count = new Map();
  for (const e of events) {
    if (e.ph === 'X' && ['FunctionCall', 'UpdateLayoutTree', 'Layout'].includes(e.name)) {
      const k = `${e.pid}:${e.tid}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  }
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined);
}

function report(label, ms, events) {
  const main = mainThread(events);
  const total = new Map();
  for (const e of main) total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k} ${v.toFixed(1)}`);
  const styles = main.filter((e) => e.name === 'UpdateLayoutTree' && e.dur >= 500)
    .map((e) => `${(e.dur / 1000).toFixed(1)} ms (${e.args?.elementCount ?? '?'} elements)`);
  const layouts = main.filter((e) => e.name === 'Layout' && e.dur >= 500).map((e) => `${(e.dur / 1000).toFixed(1)} ms`);
  console.log(`${label}: ${ms.toFixed(1)} ms to the painted frame`);
  console.log(`  style: ${styles.join(', ') || '-'}; layout: ${layouts.join(', ') || '-'}`);
  console.log(`  main thread, ms in all (nested events counted in each): ${top.join('; ')}`);
}

const server = await serve();
const { browser, stop } = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', String(e)));
  await page.goto(`${server.url}#planen`);
  await page.locator('body.ready').waitFor();
  await page.evaluate(async (json) => {
    await window.amend.open(json);
    document.body.offsetHeight;
    window.scrollTo(0, document.body.scrollHeight / 2);
  }, generate(200, 200, 4711));
  await page.getByRole('radio', { name: 'Ursprunglig text' }).check();
  const cdp = await context.newCDPSession(page);
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  // runs `action` (in the page; resolves with its time) in a trace
  const traced = async (label, action) => {
    const events = [];
    const collect = (d) => events.push(...d.value);
    cdp.on('Tracing.dataCollected', collect);
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    const ms = await action();
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    report(label, ms, events);
    if (out) writeFileSync(join(out, `${label}.json`), JSON.stringify({ traceEvents: events }));
  };

  if (what === 'save') {
    for (let i = 0; i < n; i++) {
      // drafted as a member does (drafting.mjs)
      const passage = `punkt${2000 + 37 * i}`;
      const dialog = await draftChange(page, passage);
      await traced(`save-${i + 1}`, () => page.evaluate(async (paintedSrc) => {
        const until = eval(paintedSrc);
        const button = [...document.querySelectorAll('dialog button')].find((b) => b.textContent.trim() === 'Spara förslaget');
        const t0 = performance.now();
        button.click();
        await until();
        return performance.now() - t0;
      }, painted.toString()));
      await dialog.waitFor({ state: 'detached' });
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (const m of ['clean', 'changes', 'original']) {
        await traced(`mode-${m}-${i + 1}`, () => page.evaluate(async ([m, paintedSrc]) => {
          const until = eval(paintedSrc);
          const radio = document.querySelector(`input[type=radio][value="${m}"]`);
          const t0 = performance.now();
          radio.click();
          await until();
          return performance.now() - t0;
        }, [m, painted.toString()]));
      }
    }
  }
} finally {
  await stop();
  server.stop();
}
