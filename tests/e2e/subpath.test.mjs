// End-to-end: the release build made for a folder (`trunk build --release --public-url
// /wegwijzer/ --dist dist-wegwijzer`, done by scripts/test) served under /wegwijzer/ as a host
// would, with nothing at the site's root. The journey list → detail → map → offline reload works
// there, and no request leaves the folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, phonePage, repo } from './harness.mjs';

const BASE = '/wegwijzer/';
const dist = path.join(repo, 'dist-wegwijzer');
const initiatives = () => {
  const index = JSON.parse(fs.readFileSync(path.join(dist, 'data/v1/index.json'), 'utf8'));
  return JSON.parse(fs.readFileSync(path.join(dist, 'data/v1', index.collections.initiatives.file), 'utf8')).items;
};

let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')),
    'no dist-wegwijzer/: build it with `trunk build --release --offline --public-url /wegwijzer/ --dist dist-wegwijzer`');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

test('under /wegwijzer/: list, detail, map, then offline reload; every request stays in the folder', async () => {
  const server = await startServer({ root: dist, extra: ['--base', BASE] });
  const app = `${server.url}${BASE}`;
  const page = await phonePage(browser);
  const outside = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    // A blob: URL (the first visit's download worker, public/prefetch-data.js) never leaves
    // the browser, though its origin is the server's.
    if (url.protocol === 'blob:') return;
    if (url.origin === new URL(server.url).origin && !url.pathname.startsWith(BASE)) outside.push(url.pathname);
  });

  // The list, on the folder's own start page (not "Pagina niet gevonden").
  await page.goto(app);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await page.locator('h1', { hasText: 'Pagina niet gevonden' }).count(), 0);
  const first = initiatives()[0];

  // Detail, by clicking its card: the link carries the folder.
  await page.locator('.card-title a', { hasText: first.name }).first().click();
  await page.waitForURL(`${app}initiatief/${first.id}`);
  await page.locator('h1', { hasText: first.name }).waitFor();

  // The map, from the menu.
  await page.getByRole('link', { name: 'Kaart', exact: true }).first().click();
  await page.waitForURL(`${app}kaart`);
  await page.locator('svg.coverage-map path.muni').first().waitFor();

  // Manifest and icons from the folder; the service worker's scope is the folder.
  const manifest = await page.locator('link[rel=manifest]').evaluate((l) => l.href);
  assert.equal(manifest, `${app}manifest.webmanifest`);
  const icons = await (await page.request.get(manifest)).json();
  for (const icon of icons.icons) {
    assert.equal((await page.request.get(new URL(icon.src, manifest).href)).status(), 200, icon.src);
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), app);
  await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });

  // Offline: the server is gone; reloading the map and opening the list work from the cache.
  await server.stop();
  await page.reload();
  await page.locator('svg.coverage-map path.muni').first().waitFor();
  await page.goto(app);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.goto(`${app}initiatief/${first.id}`);
  await page.locator('h1', { hasText: first.name }).waitFor();

  assert.deepEqual(outside, [], 'requests outside /wegwijzer/');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('under /wegwijzer/: embed.js and the builder\'s snippets point into the folder', async () => {
  const server = await startServer({ root: dist, extra: ['--base', BASE] });
  const app = `${server.url}${BASE}`;
  try {
    const page = await phonePage(browser);
    await page.goto(`${app}insluiten`);
    await page.locator('#b-script').waitFor();
    await page.waitForFunction(() => document.querySelector('#b-script').value.includes('embed.js'));
    assert.match(await page.locator('#b-script').inputValue(), new RegExp(`src="${app}embed\\.js"`));
    assert.ok((await page.locator('#b-iframe').inputValue()).includes(`src="${app}?embed=1`));
    // The live preview is the app in the folder.
    assert.ok((await page.locator('iframe.embed-preview').getAttribute('src')).startsWith(`${BASE}?embed=1`));

    // embed.js on a host page makes an iframe of the app in its folder.
    await page.setContent(`<div data-wegwijzer data-regio="limburg"></div><script src="${app}embed.js"></script>`);
    const frame = page.locator('[data-wegwijzer] > iframe');
    await frame.waitFor({ state: 'attached' });
    assert.ok((await frame.getAttribute('src')).startsWith(`${app}?embed=1&regio=limburg`));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('under /wegwijzer/: a first visit to a detail page paints the build\'s picture of it, whose links stay in the folder', async () => {
  const server = await startServer({ root: dist, extra: ['--base', BASE] });
  const app = `${server.url}${BASE}`;
  const page = await phonePage(browser);
  try {
    const first = initiatives()[0];
    await page.addInitScript(() => {
      window.__links = null;
      new MutationObserver(() => {
        if (window.__links || !document.querySelector('[data-first-paint] h1')) return;
        window.__links = [...document.querySelectorAll('[data-first-paint] a[href^="/"]')].map((a) => a.getAttribute('href'));
        window.__heading = document.querySelector('[data-first-paint] h1').textContent;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${app}initiatief/${first.id}`);
    await page.locator('main:not([data-first-paint]) h1', { hasText: first.name }).waitFor();
    const links = await page.evaluate(() => window.__links);
    assert.ok(links?.length > 0, 'the picture was painted, with links');
    assert.equal(await page.evaluate(() => window.__heading), first.name);
    assert.deepEqual(links.filter((href) => !href.startsWith(BASE)), []);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await server.stop();
  }
});
