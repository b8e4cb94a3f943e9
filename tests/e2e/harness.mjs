// Shared set-up of the end-to-end tests: serves www/ on 127.0.0.1 at a free
// port (python3 -m http.server), launches Debian's Chromium through
// playwright-core, and collects what a test needs to check (page errors,
// dialogs, console errors). Screenshots go to tests/artifacts/.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

/** Launches Chromium with a fresh profile; returns { browser, stop }. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'amend-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    locale: 'sv-SE',
  });
  return {
    context,
    stop: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the app and opens a browser; `t.after` cleans up. Returns helpers:
 * { url, context, newPage() } where newPage() records `errors` and `dialogs`.
 */
export async function setup(t) {
  const server = await serve();
  const browser = await launch();
  t.after(async () => {
    await browser.stop();
    server.stop();
  });
  async function newPage(path = '') {
    const page = await browser.context.newPage();
    const errors = [];
    const dialogs = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    if (path !== null) {
      await page.goto(server.url + path);
    }
    return { page, errors, dialogs };
  }
  return { url: server.url, context: browser.context, newPage };
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}
