// End-to-end (issue 18): what a tester or a municipal web editor sees when the endpoint is
// wrong (offline vs unreachable vs CORS, the URL requested, a ?bron= ending in index.json),
// a ?bron= kept across navigation and reload, the embed scrolling the host page to the new
// view, and the embed builder checking the municipality field where it is typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, startServer, launchBrowser, phonePage, readSample } from './harness.mjs';

const initiatives = readSample('initiatives');
const municipalities = readSample('municipalities');

let app, plainData, corsData, hostDir, host, browser;

before(async () => {
  app = await startServer({ extra: [] });
  // The same endpoint on other origins: one without CORS headers, one with.
  plainData = await startServer({ root: path.join(repo, 'dist'), extra: [] });
  corsData = await startServer({ root: path.join(repo, 'dist'), extra: ['--cors'] });
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-host18-'));
  host = await startServer({ root: hostDir, extra: [] });
  fs.writeFileSync(
    path.join(hostDir, 'tall.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gemeente</title></head>
<body style="margin:0"><main><h1>Gemeente Testdorp</h1><p style="height:300px">Intro.</p>
<div id="wegwijzer" data-wegwijzer data-taal="nl"></div>
<script src="${app.url}/embed.js" async></script><p>Footer.</p></main></body></html>`,
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of [app, plainData, corsData, host]) await s?.stop();
  fs.rmSync(hostDir, { recursive: true, force: true });
});

const panel = (page) => page.locator('.error-panel[role=alert]');

test('a cross-origin endpoint without CORS headers is reported as such, with the URL', async () => {
  const page = await phonePage(browser);
  const bron = `${plainData.url}/data/v1/`;
  await page.goto(`${app.url}/?bron=${bron}`);
  await panel(page).waitFor({ timeout: 20_000 });
  const text = await panel(page).textContent();
  assert.match(text, /Access-Control-Allow-Origin/);
  assert.match(text, new RegExp(`\\(${plainData.url.replace(/[.]/g, '\\.')}\\)`), 'names the server');
  assert.doesNotMatch(text, /internetverbinding/, 'not "check your internet"');
  assert.match(await page.locator('.error-panel pre').textContent(), new RegExp(`${bron}index\\.json`));
  await page.context().close();
});

test('an endpoint that cannot be reached is not called a CORS problem', async () => {
  const page = await phonePage(browser);
  // A port nobody listens on: the stopped server's.
  const gone = await startServer({ extra: [] });
  const url = gone.url;
  await gone.stop();
  await page.goto(`${app.url}/?bron=${url}/v1/`);
  await panel(page).waitFor({ timeout: 20_000 });
  const text = await panel(page).textContent();
  assert.match(text, /niet bereikbaar/);
  assert.doesNotMatch(text, /Access-Control-Allow-Origin/);
  await page.context().close();
});

test('a ?bron= that names index.json shows the URL requested and the folder to use', async () => {
  const page = await phonePage(browser);
  await page.goto(`${app.url}/?bron=${corsData.url}/data/v1/index.json`);
  await panel(page).waitFor({ timeout: 20_000 });
  assert.match(await page.locator('.error-panel pre').textContent(), new RegExp(`${corsData.url}/data/v1/index\\.json/index\\.json`));
  assert.match(await page.locator('.error-fix').textContent(), new RegExp(`gebruik de map zelf: ${corsData.url}/data/v1/$`));
  await page.context().close();
});

test('a rejected ?bron= is announced', async () => {
  const page = await phonePage(browser);
  await page.goto(`${app.url}/?bron=data/v1`);
  const notice = page.locator('.source-rejected');
  await notice.waitFor();
  assert.match(await notice.textContent(), /\?bron=data\/v1 genegeerd/);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.context().close();
});

test('an accepted ?bron= stays in force while navigating and after a reload', async () => {
  const page = await phonePage(browser);
  const requested = [];
  page.on('request', (r) => { if (r.url().startsWith(corsData.url)) requested.push(r.url()); });
  const bron = `${corsData.url}/data/v1/`;
  await page.goto(`${app.url}/?bron=${bron}`);
  const notice = page.locator('.source-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(`Gegevens van ${bron.replace(/[.]/g, '\\.')}`));
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  // First click: the URL loses ?bron=, the source stays.
  const first = page.locator('.card-title a').first();
  const name = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.doesNotMatch(page.url(), /bron=/);
  assert.match(await notice.textContent(), /Gegevens van/);
  // A reload of the detail page reads the same source, not the default. Both servers serve the
  // same data, so the request tells them apart. The page shows the tab's cached copy of that
  // source first and syncs after it: wait for the sync's request, do not expect it before the
  // heading.
  requested.length = 0;
  const synced = page.waitForRequest((r) => r.url() === `${bron}index.json`, { timeout: 10_000 }).catch(() => null);
  await page.reload();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.ok(await synced, `no request for ${bron}index.json after the reload; requests: ${requested.join(', ')}`);
  assert.match(await page.locator('.source-notice').textContent(), /Gegevens van/);
  // Back to the default on request.
  await page.locator('.source-notice a').click();
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await page.locator('.source-notice').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('after tapping a card low in a tall embed, the host page shows the top of the new view', async () => {
  const page = await phonePage(browser);
  await page.goto(`${host.url}/tall.html`);
  const frameLocator = page.frameLocator('#wegwijzer iframe');
  await frameLocator.locator('.card-title a').first().waitFor();
  // Wait for the height message to size the frame to the list.
  await page.waitForFunction(() => document.querySelector('#wegwijzer iframe').getBoundingClientRect().height > 1500);
  const links = frameLocator.locator('.card-title a');
  const last = links.nth((await links.count()) - 1);
  const name = await last.textContent();
  await last.scrollIntoViewIfNeeded();
  await last.click();
  await frameLocator.getByRole('heading', { level: 1, name }).waitFor();
  // Layout positions are fractional (the frame may start at y = 395.875) but scroll offsets are
  // whole pixels, so a frame scrolled to the top may sit a fraction of a pixel above it.
  await page.waitForFunction(() => {
    const top = document.querySelector('#wegwijzer iframe').getBoundingClientRect().top;
    return top > -1 && top < window.innerHeight;
  }, null, { timeout: 5_000 });
  const heading = await frameLocator.getByRole('heading', { level: 1, name }).boundingBox();
  assert.ok(heading.y >= 0 && heading.y < 740, `heading at ${heading.y}`);
  await page.context().close();
});

test('the builder reads a municipality name in the NIS-code field and warns at the field', async () => {
  const page = await phonePage(browser);
  await page.goto(`${app.url}/insluiten`);
  const koksijde = municipalities.find((m) => m.name.nl === 'Koksijde');
  assert.ok(koksijde, 'Koksijde is in the sample');
  const field = page.locator('#b-gemeenten');
  await field.fill(`Koksijde, ${koksijde.nis}`);
  const check = page.locator('#b-gemeenten-check');
  assert.match(await check.textContent(), new RegExp(`Koksijde is gemeente ${koksijde.nis}`));
  assert.match(await page.locator('#b-script').inputValue(), new RegExp(`data-regio="${koksijde.nis}"`));
  await field.fill('Koksij');
  await page.locator('#b-gemeenten-check .field-warning').waitFor();
  assert.match(await check.textContent(), /Geen gemeente gevonden voor "Koksij".*Bedoelt u .*Koksijde/);
  assert.doesNotMatch(await page.locator('#b-script').inputValue(), /data-regio/);
  // A province and a list add up: said at the region.
  await page.locator('#b-provincie').selectOption({ index: 1 });
  await field.fill(koksijde.nis);
  await page.locator('.region-sum').waitFor();
  // On a phone the preview is one tap away.
  await page.locator('.to-preview a').click();
  await page.waitForFunction(() => document.querySelector('#voorbeeld').getBoundingClientRect().top < 100);
  await page.context().close();
});

test('from 1000 px wide the preview sits beside the controls and stays in view', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/insluiten`);
  await page.locator('#b-gemeenten').waitFor();
  const controls = await page.locator('.builder-controls').boundingBox();
  const preview = await page.locator('.builder-preview').boundingBox();
  assert.ok(preview.x >= controls.x + controls.width, `preview at x=${preview.x}, controls end at ${controls.x + controls.width}`);
  await page.mouse.wheel(0, 1500);
  await page.waitForTimeout(200);
  const after = await page.locator('.builder-preview').boundingBox();
  assert.ok(after.y >= 0 && after.y < 100, `preview top after scrolling: ${after.y}`);
  assert.equal(await page.locator('.to-preview').isVisible(), false);
  await context.close();
});
