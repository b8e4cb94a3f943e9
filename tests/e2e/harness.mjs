// Shared set-up of the end-to-end tests: serves www/ on 127.0.0.1 at a free
// port (python3 -m http.server), launches Debian's Chromium through
// playwright-core, and collects what a test needs to check (page errors,
// dialogs, console errors). Screenshots go to tests/artifacts/.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const WWW = join(ROOT, 'www');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(url, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > until) throw new Error(`server at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the static server; returns { url, stop }. */
export async function serve() {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', WWW, String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return { url, stop: () => proc.kill() };
}

/** Launches Chromium (a fresh temporary profile); returns { browser, stop }. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return { browser, stop: () => browser.close() };
}

/**
 * Serves the app and opens a browser; `t.after` cleans up. Returns
 * { url, newPage(path, options) }: every page has its own context (fresh
 * storage) and records `errors` (page errors, console errors) and `dialogs`.
 */
export async function setup(t) {
  const server = await serve();
  const { browser, stop } = await launch();
  t.after(async () => {
    await stop();
    server.stop();
  });
  async function newPage(path = '', { width = 1280, height = 800, init = null } = {}) {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height }, locale: 'sv-SE' });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('dialog', async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await (d.type() === 'confirm' ? d.accept() : d.dismiss()); });
    await page.goto(server.url + path);
    await page.locator('body.ready').waitFor();
    return { page, context, errors, dialogs };
  }
  return { url: server.url, newPage };
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false, ...options });
}

/** Selects the words `text` inside the first element of `scope` holding them. */
export async function selectText(page, scope, text) {
  await page.evaluate(([scope, text]) => {
    const root = document.querySelector(scope);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(text);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + text.length);
        const sel = document.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        return;
      }
    }
    throw new Error(`text not found: ${text}`);
  }, [scope, text]);
}

/** Serious and critical accessibility violations (axe-core). */
export async function axeViolations(page, include = null) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Clicks a download button and returns { name, text }. */
export async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  const { readFileSync } = await import('node:fs');
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** Double-clicks the word `word` inside the first element matching `selector` that holds it. */
export async function dblclickWord(page, selector, word) {
  const el = page.locator(selector, { hasText: word }).first();
  await el.scrollIntoViewIfNeeded();
  const box = await el.evaluate((node, w) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const rect = r.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, word);
  await page.mouse.dblclick(box.x, box.y);
}

/** Opens `path` with "Ärende ▾ → Öppna …" and the file picker. */
export async function pick(page, path) {
  await page.getByRole('button', { name: 'Ärende', exact: true }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('menuitem', { name: 'Öppna …' }).click(),
  ]);
  await chooser.setFiles(path);
}
