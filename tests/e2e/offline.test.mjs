// End-to-end: offline-first. After one visit the app works with the server process gone, picks
// up a newer dataset when the network is back, and keeps its cached data through every fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, phonePage, readSample, repo } from './harness.mjs';

const initiatives = readSample('initiatives');
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Opens `/` and waits until the shell is controlled by the service worker and the data stored. */
async function firstVisit(url) {
  const page = await phonePage(browser);
  await page.goto(`${url}/`);
  await page.locator('.cards > li').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
  return page;
}

const count = (page) => page.locator('.result-count').textContent();

/** A copy of dist/ whose dataset is one version newer, with the first initiative renamed. */
function newerDist(newName) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-newer-'));
  fs.cpSync(path.join(repo, 'dist'), dir, { recursive: true });
  const data = path.join(dir, 'data/v1');
  const index = JSON.parse(fs.readFileSync(path.join(data, 'index.json'), 'utf8'));
  const file = path.join(data, index.collections.initiatives.file);
  const collection = JSON.parse(fs.readFileSync(file, 'utf8'));
  index.dataset_version += 1;
  collection.dataset_version = index.dataset_version;
  collection.items[0].name = newName;
  const body = Buffer.from(JSON.stringify(collection));
  fs.writeFileSync(file, body);
  Object.assign(index.collections.initiatives, { bytes: body.length, sha256: crypto.createHash('sha256').update(body).digest('hex') });
  fs.writeFileSync(path.join(data, 'index.json'), JSON.stringify(index));
  return dir;
}

test('after one visit: server gone, reload and a deep link render from cache; a newer dataset arrives by itself', async () => {
  let server = await startServer();
  const page = await firstVisit(server.url);
  const before = await count(page);
  const port = new URL(server.url).port;
  await server.stop();

  await page.reload();
  await page.locator('.cards > li').first().waitFor();
  assert.equal(await count(page), before);
  // The status line says the update failed, in plain words, and the data stays.
  await page.locator('[data-sync="failed"], [data-sync="offline"]').waitFor();
  const target = initiatives[7];
  await page.goto(`${server.url}/initiatief/${target.id}`);
  await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
  assert.deepEqual(page.errors, []);

  // The network comes back with a newer dataset: the open page picks it up without a reload.
  const renamed = 'Vernieuwd initiatief (demo)';
  const dir = newerDist(renamed);
  server = await startServer({ root: dir, port });
  try {
    await page.context().setOffline(true);
    await page.context().setOffline(false); // fires `online`
    await page.goto(`${server.url}/?q=${encodeURIComponent('Vernieuwd initiatief')}`);
    await page.locator('.card-title a', { hasText: renamed }).first().waitFor({ timeout: 20_000 });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await page.context().close();
});

// Each fault, the message the status line must give, and how long the failure may take to show
// (a hanging server is given up on after the app's 30 s request timeout).
const faults = {
  down: [/geen verbinding/i, 20_000],
  500: [/HTTP 500/, 20_000],
  timeout: [/geen verbinding/i, 45_000],
  html: [/anders dan geldige gegevens/i, 20_000],
  huge: [/veel te groot/i, 20_000],
  backwards: [/oudere gegevens/i, 20_000],
  truncated: [/onvolledig of beschadigd/i, 20_000],
  sha: [/onvolledig of beschadigd/i, 20_000],
  invalid: [/bevatten 1 fouten/i, 20_000],
  halfway: [/geen verbinding/i, 20_000],
};

for (const [fault, [message, wait]] of Object.entries(faults)) {
  test(`endpoint fault "${fault}": the cached dataset stays in use and the status says why`, async () => {
    const server = await startServer();
    try {
      const page = await firstVisit(server.url);
      const before = await count(page);
      const firstName = await page.locator('.card-title a').first().textContent();
      await fetch(`${server.url}/__control?fault=${fault}`);
      await page.reload();
      const status = page.locator('[data-sync="failed"]');
      await status.waitFor({ timeout: wait });
      assert.match(await status.textContent(), message);
      assert.equal(await count(page), before);
      assert.equal(await page.locator('.card-title a').first().textContent(), firstName);
      // Healed: the stored copy was never touched, and the next sync is clean.
      await fetch(`${server.url}/__control?fault=`);
      await page.reload();
      await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
      assert.equal(await count(page), before);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await server.stop();
    }
  });
}

test('without IndexedDB (private mode) the app works from the network and says it cannot keep data', async () => {
  const server = await startServer();
  try {
    const page = await phonePage(browser);
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await page.goto(`${server.url}/`);
    await page.locator('.cards > li').first().waitFor();
    assert.match(await page.locator('.storage-note').textContent(), /geen gegevens bewaren/);
    await page.context().close();
  } finally {
    await server.stop();
  }
});
