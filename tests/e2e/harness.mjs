// Shared set-up for the end-to-end tests: a release build (dist/) served by scripts/serve.mjs on
// 127.0.0.1, and Debian's chromium driven by playwright-core. Never downloads a browser.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts the static server on a free port; resolves to { url, stop }. */
export async function startServer({ root = path.join(repo, 'dist'), port = 0, extra = ['--faults'] } = {}) {
  const child = spawn(process.execPath, [path.join(repo, 'scripts/serve.mjs'), '--root', root, '--port', String(port), ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 10_000);
    child.stdout.on('data', (chunk) => {
      const m = String(chunk).match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The value after `--name` on a benchmark's command line, else `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

/** A phone-sized page (the main viewport: 360 x 740) that fails the test on page errors. */
export async function phonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-BE' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  return page;
}

/**
 * Records, from the page's first script on, what a build's picture (`[data-first-paint]`, with a
 * heading) showed before the app drew itself: `window.__picture` (its heading, cards, language,
 * classes, whether all of it is inert and whether the app's own page showed beside it), and for
 * the whole visit `window.__blank` (a moment with neither the picture's heading nor the app's on
 * screen), `window.__shift` (layout shift) and `window.__loadingShown` (the app's loading line
 * was on screen). `target` is a page or a context; `embedOnly` records only in an embed's frame.
 */
export async function watchPicture(target, { embedOnly = false } = {}) {
  await target.addInitScript((embedOnly) => {
    if (embedOnly && !new URLSearchParams(location.search).has('embed')) return;
    window.__picture = null;
    window.__loadingShown = false;
    window.__blank = false;
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver(() => {
      const loading = document.querySelector('main:not([data-first-paint]) .loading');
      if (loading && loading.getClientRects().length) window.__loadingShown = true;
      // Once painted, a heading is always on screen: the picture's or the app's.
      const shown = (h) => h && h.getClientRects().length > 0;
      if (window.__picture && !shown(document.querySelector('[data-first-paint] h1')) && !shown(document.querySelector('main:not([data-first-paint]) h1'))) window.__blank = true;
      const heading = document.querySelector('[data-first-paint] h1');
      if (window.__picture || !heading) return;
      window.__picture = {
        heading: heading.textContent,
        lang: document.documentElement.lang,
        embedClass: document.documentElement.classList.contains('embed'),
        cards: [...document.querySelectorAll('[data-first-paint] .card-title')].map((c) => c.textContent),
        // True only when the build took the picture: never in it.
        ofItsTime: document.querySelectorAll('[data-first-paint] :is(.open-now, .open-line, .hours-mark, [aria-current="date"])').length,
        allInert: [...document.querySelectorAll('body > [data-first-paint]')].every((el) => el.inert),
        appShown: [...document.querySelectorAll('main:not([data-first-paint])')].some((m) => m.getClientRects().length > 0),
      };
    }).observe(document, { childList: true, subtree: true });
  }, embedOnly);
}

/** Runs axe-core on the page and returns its violations (WCAG 2.x A/AA and best practice). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A temporary copy of the build `dist` whose data/v1/ is the endpoint in `data` (e.g. generated
 * initiatives), for benchmarks. Returns the copy's folder; the caller removes it.
 */
export function distWithEndpoint(dist, data, prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(dist, root, { recursive: true, filter: (src) => !/[\\/](\.stage|\.trunk-lock)$/.test(src) });
  const dataDir = path.join(root, 'data/v1');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  for (const f of fs.readdirSync(data)) {
    if (f.endsWith('.json')) fs.copyFileSync(path.join(data, f), path.join(dataDir, f));
  }
  return root;
}

/**
 * An init script (`page.addInitScript(countPageDigests)`): counts in `window.pageDigests` the
 * digests the page's own thread computes with `crypto.subtle.digest` (a worker has a crypto of
 * its own, public/prefetch-data.js).
 */
export function countPageDigests() {
  window.pageDigests = 0;
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  crypto.subtle.digest = (algorithm, data) => {
    window.pageDigests += 1;
    return digest(algorithm, data);
  };
}

/** The endpoint files (`/data/v1/…` paths) the page itself asked for: its resource timing, which a worker's requests are not in. */
export function dataRequestedByPage(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/data/v1/')));
}

/** The items of one collection of the served sample endpoint in dist/. */
export function readSample(collection) {
  return JSON.parse(fs.readFileSync(path.join(repo, 'dist/data/v1', `${collection}.json`), 'utf8')).items;
}

/**
 * Starts a server and a browser before the file's tests and stops both after them.
 * Returns an object whose `server` and `browser` are set once `before` has run.
 */
export function useServerAndBrowser(options) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/**
 * Chooses a municipality on the coverage map by tapping it, as a user would: a shape too small
 * for a finger zooms in on the first tap (tap-to-zoom) and is chosen on the next; a shape outside
 * the shown part of the map (an embed opens on its region) is brought back with the whole map.
 * `scope` is a page or a frame.
 */
export async function chooseMunicipality(scope, nis) {
  const path = scope.locator(`svg.coverage-map path.muni[data-nis="${nis}"]`);
  const svg = scope.locator('svg.coverage-map');
  for (let tap = 0; tap < 5; tap += 1) {
    if ((await path.getAttribute('aria-pressed')) === 'true') return;
    const [b, s] = [await path.boundingBox(), await svg.boundingBox()];
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    if (cx < s.x || cx > s.x + s.width || cy < s.y || cy > s.y + s.height) {
      await scope.locator('.map-controls [data-action="reset"]').click();
    } else {
      await path.click();
    }
  }
  throw new Error(`municipality ${nis} could not be chosen by tapping`);
}
