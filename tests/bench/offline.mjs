#!/usr/bin/env node
// Offline-first benchmark (issue 4, "Measured (benchmark)"), in headless Chromium against a
// release build. Not a test: it prints figures and exits 0 even when a target is missed. Run it
// through scripts/bench-offline, which builds dist/ and generates the data; by hand:
//
//   node tests/bench/offline.mjs --data DIR [--dist dist] [--runs 10] [--throttle 4]
//
// --data is a full endpoint (scripts/gen-sample-data output, 10,000 initiatives by default in
// scripts/bench-offline). A temporary copy of --dist gets it as its data/v1/; it is served by
// scripts/serve.mjs, behind a small pass-through proxy in this process that logs every
// /data/v1/ response (status, body bytes) and can gzip them on request (serve.mjs runs with
// --no-compress here, so the bodies it logs are the plain ones). The page only ever talks to the proxy.
//
// Method:
// 1. Cold first load (network path): a fresh browser context (no service worker, empty
//    IndexedDB), CPU throttled (CDP Emulation.setCPUThrottlingRate), navigate to /. The same
//    visit fills IndexedDB; we wait for the service worker and for the first sync to end.
// 2. Warm start: `runs` times, a new page in that context, throttled, navigate to /. Time from
//    navigation start (performance.timeOrigin) to the first `.cards > li` painted: an init script
//    watches the DOM with a MutationObserver; when the first card is in the DOM with a layout
//    box, it waits for the next animation frame and then one task (MessageChannel), i.e. until
//    after that frame was rendered, and takes performance.now(). The endpoint is up and
//    unchanged: the app's background sync (one conditional index.json, a 304) starts only after
//    the IndexedDB copy is shown; the script checks that order for every run. The throttling is
//    checked after each run: a busy loop in the same page, throttled and then unthrottled.
// 3. A sync with nothing changed: reload a warm page and count /data/v1/ requests with CDP
//    Network events (Network.responseReceived status, Network.loadingFinished encodedDataLength,
//    which is the bytes received including response headers), from the reload until the sync
//    status has gone "syncing" -> "up-to-date" and 500 ms have passed.
// 4. A one-record change with a delta file: publish version N+1 in the temporary endpoint (one
//    initiative renamed; initiatives.json and index.json rewritten; changes/N-(N+1).json listed
//    in index.json), trigger a sync in the open warm page with an `online` event (context
//    offline, then online again) and count as in 3. Then the detail page of the changed
//    initiative must show the new name (read back from IndexedDB), so the figure is for a sync
//    that worked. Done twice: uncompressed (as serve.mjs serves), and with the proxy gzipping
//    /data/v1/ responses (version N+2), as a production host would.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, distWithEndpoint, startServer } from '../e2e/harness.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const opts = { dist: path.join(repo, 'dist'), data: null, runs: 10, throttle: 4 };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const v = argv[i + 1];
  if (a === '--dist') { opts.dist = path.resolve(v); i++; }
  else if (a === '--data') { opts.data = path.resolve(v); i++; }
  else if (a === '--runs') { opts.runs = Number(v); i++; }
  else if (a === '--throttle') { opts.throttle = Number(v); i++; }
  else { console.error(`offline.mjs: unknown argument ${a}`); process.exit(2); }
}
if (!opts.data || !fs.existsSync(path.join(opts.data, 'index.json')) || !fs.existsSync(path.join(opts.dist, 'index.html'))) {
  console.error('usage: node tests/bench/offline.mjs --data ENDPOINT_DIR [--dist dist] [--runs 10] [--throttle 4]');
  process.exit(2);
}

const loadAtStart = os.loadavg()[0];
const TARGET_WARM_MS = 1000;
const TARGET_DELTA_BYTES = 2048;
const log = (s) => process.stderr.write(`offline.mjs: ${s}\n`);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The temporary endpoint: dist/ with data/v1/ replaced by --data.

const root = distWithEndpoint(opts.dist, opts.data, 'wegwijzer-bench-offline-');
const dataDir = path.join(root, 'data/v1');
const readIndex = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8'));
const initialIndex = readIndex();
const initiativeCount = initialIndex.collections.initiatives.count;

/**
 * Publishes dataset_version + 1 with one initiative renamed: the collection file first, then
 * the delta file, then index.json (docs/data-format.md, "Publishing order" and "Delta files").
 * Other collections keep their files and version. As the publishing tool writes them: compact
 * JSON, and the changed record as a patch of its changed fields (name, updated_at).
 */
function publishOneChange(pick) {
  const index = readIndex();
  const from = index.dataset_version;
  const to = from + 1;
  const entry = index.collections.initiatives;
  const collection = JSON.parse(fs.readFileSync(path.join(dataDir, entry.file), 'utf8'));
  const record = collection.items[pick];
  record.name = `Gewijzigd bij versie ${to}: ${record.name}`;
  record.updated_at = '2026-11-24';
  collection.dataset_version = to;
  const body = Buffer.from(JSON.stringify(collection) + '\n');
  fs.writeFileSync(path.join(dataDir, entry.file), body);
  Object.assign(entry, { bytes: body.length, sha256: sha256(body), count: collection.items.length });

  const file = `changes/${from}-${to}.json`;
  const patch = { id: record.id, merge: { name: record.name, updated_at: record.updated_at } };
  const delta = Buffer.from(JSON.stringify({ format_version: 2, from, to, initiatives: { patches: [patch] } }) + '\n');
  fs.mkdirSync(path.join(dataDir, 'changes'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, file), delta);

  index.dataset_version = to;
  index.changes = [{ from, to, file, bytes: delta.length, sha256: sha256(delta) }];
  const indexBody = Buffer.from(JSON.stringify(index) + '\n');
  fs.writeFileSync(path.join(dataDir, 'index.json'), indexBody);
  return { from, to, id: record.id, name: record.name, deltaFile: file, deltaBytes: delta.length, indexBytes: indexBody.length, collectionBytes: body.length };
}

// ---------------------------------------------------------------------------------------------
// serve.mjs, and the logging (optionally gzipping) proxy in front of it.

const upstream = await startServer({ root, extra: ['--no-compress'] });
const upstreamUrl = new URL(upstream.url);
const served = []; // every /data/v1/ response: { path, status, bytes (body), headerBytes, gzip }
let gzip = false;
const proxy = http.createServer((req, res) => {
  const pathname = new URL(req.url, 'http://x').pathname;
  const isData = pathname.startsWith('/data/v1/');
  const up = http.request({ host: upstreamUrl.hostname, port: upstreamUrl.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
    const chunks = [];
    answer.on('data', (c) => chunks.push(c));
    answer.on('error', () => res.destroy());
    answer.on('end', () => {
      let body = Buffer.concat(chunks);
      const headers = { ...answer.headers };
      const compress = gzip && isData && answer.statusCode === 200 && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      if (compress) {
        body = zlib.gzipSync(body, { level: 9 });
        Object.assign(headers, { 'content-encoding': 'gzip', 'content-length': String(body.length), vary: 'Accept-Encoding' });
      }
      res.writeHead(answer.statusCode, headers);
      res.end(body);
      // res._header: the status line and headers exactly as written to the socket.
      if (isData) served.push({ path: pathname, status: answer.statusCode, bytes: body.length, headerBytes: Buffer.byteLength(res._header || ''), gzip: compress });
    });
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${proxy.address().port}`;

// ---------------------------------------------------------------------------------------------
// In the page: first card painted, and the sync status over time.

function pageProbe() {
  // `card`/`painted`: the first card of either kind; `appCard`/`appPainted`: the first card the
  // running app rendered itself (not inside the picture that public/first-paint.js paints).
  const probe = { card: null, painted: null, appCard: null, appPainted: null, fromPicture: false, sync: [] };
  window.__bench = probe;
  const afterNextFrame = (field) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { probe[field] = performance.now(); };
    channel.port2.postMessage(null);
  });
  const check = () => {
    if (probe.appCard === null) {
      for (const li of document.querySelectorAll('.cards > li')) {
        if (li.getBoundingClientRect().height === 0) continue;
        const picture = li.closest('[data-first-paint]') !== null;
        if (probe.card === null) {
          probe.card = performance.now();
          probe.fromPicture = picture;
          afterNextFrame('painted');
        }
        if (!picture) {
          probe.appCard = performance.now();
          afterNextFrame('appPainted');
        }
        break;
      }
    }
    const status = document.querySelector('[data-sync]');
    const value = status && status.getAttribute('data-sync');
    if (value && probe.sync.at(-1)?.v !== value) probe.sync.push({ v: value, at: performance.now() });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-sync'] });
}

/** Waits until the status has gone to "syncing" after `since` (page time) and then ended. */
async function syncEnded(page, since = 0, timeout = 120_000) {
  const handle = await page.waitForFunction((since) => {
    const log = window.__bench?.sync ?? [];
    const start = log.findIndex((e) => e.v === 'syncing' && e.at >= since);
    const end = start >= 0 && log.slice(start + 1).find((e) => e.v === 'up-to-date' || e.v === 'failed');
    return end ? { startedAt: log[start].at, endedAt: end.at, result: end.v } : null;
  }, since, { timeout, polling: 50 });
  return handle.jsonValue();
}

function busyLoop() {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 2e7; i++) x = (x + i * i) % 1000003;
  return { ms: performance.now() - t, x };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const newContext = () => browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-BE' });

async function throttledPage(context, rate) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.addInitScript(pageProbe);
  const cdp = await context.newCDPSession(page);
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { page, cdp };
}

/** Counts /data/v1/ requests of `page` seen by CDP between start() and stop(). */
async function networkCounter(cdp) {
  await cdp.send('Network.enable');
  const requests = new Map();
  let on = false;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (on && new URL(e.request.url).pathname.startsWith('/data/v1/')) requests.set(e.requestId, { path: new URL(e.request.url).pathname, status: null, bytes: null, encoding: null });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.status = e.response.status;
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      r.encoding = h['content-encoding'] || null;
      r.length = h['content-length'] ?? null;
      r.headerBytes = e.response.encodedDataLength ?? 0;
    }
  });
  // loadingFinished's encodedDataLength is everything received (headers + encoded body). For the
  // app's 304 (a no-store fetch) Chromium reports 0 in both events; the server side's figure
  // (status line + headers as written) is printed next to it.
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = Math.max(e.encodedDataLength, r.headerBytes ?? 0); });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) r.failed = e.errorText; });
  return {
    start() { requests.clear(); on = true; },
    async stop() { await sleep(500); on = false; return [...requests.values()]; },
  };
}

const results = {};
try {
  // -------------------------------------------------------------------------------------------
  // 1. Cold first load (network path); it also fills IndexedDB and installs the service worker.
  log(`cold first load of ${initiativeCount} initiatives (${opts.throttle}x CPU)`);
  const context = await newContext();
  {
    const { page } = await throttledPage(context, opts.throttle);
    const before = served.length;
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__bench?.appPainted != null, null, { timeout: 180_000 });
    results.cold = await page.evaluate(() => window.__bench.painted);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const sync = await syncEnded(page, 0, 180_000);
    if (sync.result !== 'up-to-date') throw new Error(`first visit: sync ${sync.result}: ${await page.locator('[data-sync]').textContent()}`);
    results.coldData = served.slice(before);
    // The picture for the next start is written once the page has settled (first_paint.rs).
    results.pictureStored = await page.waitForFunction(() => localStorage.getItem('wegwijzer-first-paint') !== null, null, { timeout: 30_000 })
      .then(() => true, () => false);
    if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
    await page.close();
  }

  // -------------------------------------------------------------------------------------------
  // 2. Warm starts from IndexedDB, endpoint up and unchanged.
  log(`${opts.runs} warm starts`);
  results.warm = [];
  for (let run = 0; run < opts.runs; run++) {
    const { page, cdp } = await throttledPage(context, opts.throttle);
    const before = served.length;
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__bench?.appPainted != null, null, { timeout: 120_000 });
    const sync = await syncEnded(page);
    const probe = await page.evaluate(() => ({
      card: window.__bench.card,
      painted: window.__bench.painted,
      appCard: window.__bench.appCard,
      appPainted: window.__bench.appPainted,
      fromPicture: window.__bench.fromPicture,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? null,
      controlled: navigator.serviceWorker.controller !== null,
    }));
    // Throttling check: the busy loop throttled, then unthrottled, in the same page.
    const loop = (await page.evaluate(busyLoop)).ms;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const loopFree = (await page.evaluate(busyLoop)).ms;
    results.warm.push({ ...probe, sync, loop, loopFree, data: served.slice(before) });
    if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
    await page.close();
  }

  // -------------------------------------------------------------------------------------------
  // 3. A sync with nothing changed: reload (the app syncs at start).
  log('sync with nothing changed');
  const { page, cdp } = await throttledPage(context, 1);
  const counter = await networkCounter(cdp);
  await page.goto(`${base}/`);
  await syncEnded(page);
  counter.start();
  let before = served.length;
  await page.reload();
  results.unchangedSync = await syncEnded(page);
  results.unchanged = await counter.stop();
  results.unchangedServed = served.slice(before);

  // -------------------------------------------------------------------------------------------
  // 4. One record changed, with a delta file; trigger: `online` in the open page.
  async function deltaSync(label, pick) {
    log(`one-record change with a delta file (${label})`);
    const published = publishOneChange(pick);
    const since = await page.evaluate(() => performance.now());
    counter.start();
    const from = served.length;
    await page.context().setOffline(true);
    await page.context().setOffline(false); // fires `online`: the app syncs
    const sync = await syncEnded(page, since);
    const requests = await counter.stop();
    const servedNow = served.slice(from);
    // The changed record, read back: a fresh start renders from IndexedDB.
    await page.goto(`${base}/initiatief/${published.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    let shown = null;
    try {
      await heading.filter({ hasText: published.name }).waitFor({ timeout: 30_000 });
      shown = await heading.textContent();
    } catch {
      shown = await heading.first().textContent().catch(() => null);
    }
    await syncEnded(page).catch(() => null); // the start-up sync of that page (a 304)
    const status = await page.locator('[data-sync]').textContent();
    return { published, sync, requests, served: servedNow, shown, ok: shown === published.name, status };
  }
  results.delta = await deltaSync('uncompressed, as scripts/serve.mjs serves', 1234);
  gzip = true;
  results.deltaGzip = await deltaSync('gzip -9 by the proxy', 5678);
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
  results.chromium = browser.version();
} finally {
  await browser.close();
  await new Promise((r) => proxy.close(r));
  await upstream.stop();
  fs.rmSync(root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Output

const ms = (x) => (x == null ? '-' : `${Math.round(x)} ms`);
const num = (x) => x.toLocaleString('en-US');
const sum = (v) => v.reduce((a, b) => a + b, 0);
const pad = (s, n) => String(s).padEnd(n);

const warm = results.warm;
const painted = warm.map((w) => w.painted);
const warmMedian = median(painted);
const appPainted = warm.map((w) => w.appPainted);
const appMedian = median(appPainted);
const fromPicture = warm.filter((w) => w.fromPicture).length;
const ratio = median(warm.map((w) => w.loop / w.loopFree));
const syncAfterPaint = warm.filter((w) => w.sync.startedAt > w.card).length;
const warmIndexRequests = warm.flatMap((w) => w.data).filter((d) => d.path.endsWith('/index.json'));
const warmOther = warm.flatMap((w) => w.data).filter((d) => !d.path.endsWith('/index.json'));
const coldBytes = sum(results.coldData.map((d) => d.bytes));

console.log(`Offline-first benchmark: ${num(initiativeCount)} initiatives (dataset_version ${initialIndex.dataset_version}, initiatives.json ${num(initialIndex.collections.initiatives.bytes)} B), Chromium ${results.chromium} headless, CPU throttling ${opts.throttle}x (CDP Emulation.setCPUThrottlingRate; busy-loop check after each warm run: median ${ratio.toFixed(1)}x slower than unthrottled in the same page), viewport 360x740; ${os.cpus().length} CPUs, 1-minute load average ${loadAtStart.toFixed(2)} at start and ${os.loadavg()[0].toFixed(2)} at the end`);
console.log('');
console.log(`1. Start, navigation -> first .cards > li painted (performance.now() after the next frame)`);
console.log(`   cold first load (network path, once): ${ms(results.cold)}; ${results.coldData.length} /data/v1/ requests, ${num(coldBytes)} B bodies`);
console.log(`   warm start from IndexedDB, ${warm.length} runs: median ${ms(warmMedian)}, min ${ms(Math.min(...painted))}, max ${ms(Math.max(...painted))}`);
console.log(`     runs: ${painted.map((p) => Math.round(p)).join(', ')} ms`);
console.log(`     first cards from the picture of the last render (public/first-paint.js) in ${fromPicture}/${warm.length} runs (picture stored after the first visit: ${results.pictureStored ? 'yes' : 'no'})`);
console.log(`   the app's own first cards (wasm started, rendered from the cached first page; interactive): median ${ms(appMedian)}, min ${ms(Math.min(...appPainted))}, max ${ms(Math.max(...appPainted))}`);
console.log(`     runs: ${appPainted.map((p) => Math.round(p)).join(', ')} ms`);
console.log(`     first card in DOM: median ${ms(median(warm.map((w) => w.card)))}; first contentful paint (shell): median ${ms(median(warm.map((w) => w.fcp).filter((x) => x != null)))}; wasm fetched (service worker cache): median ${ms(median(warm.map((w) => w.wasm).filter((x) => x != null)))}`);
console.log(`     endpoint up and unchanged; page controlled by the service worker in ${warm.filter((w) => w.controlled).length}/${warm.length} runs; the background sync started after the first card in ${syncAfterPaint}/${warm.length} runs; its requests: ${warmIndexRequests.length} index.json (${[...new Set(warmIndexRequests.map((d) => d.status))].join('/')})${warmOther.length ? `, ${warmOther.length} others (${warmOther.map((d) => d.path).join(', ')})` : ', nothing else'}`);
console.log('');

function requestLines(requests) {
  for (const r of requests) {
    console.log(`     ${pad(r.path, 34)} ${r.status ?? r.failed}  ${num(r.bytes ?? 0)} B received (CDP encodedDataLength, incl. headers)${r.encoding ? `, content-encoding ${r.encoding}` : ', not compressed'}${r.length != null ? `, body ${num(Number(r.length))} B` : ''}`);
  }
}
const unchangedBytes = sum(results.unchanged.map((r) => r.bytes ?? 0));
const unchangedServerBytes = sum(results.unchangedServed.map((d) => d.bytes + d.headerBytes));
const unchangedOk = results.unchanged.length === 1 && results.unchanged[0].status === 304 && results.unchanged[0].path.endsWith('/index.json');
console.log(`2. Sync with nothing changed (reload; the app syncs at start): ${results.unchanged.length} request(s), ${num(unchangedBytes)} B received per CDP, ${num(unchangedServerBytes)} B sent per server; sync ${results.unchangedSync.result} after ${ms(results.unchangedSync.endedAt - results.unchangedSync.startedAt)}`);
requestLines(results.unchanged);
console.log(`     server side: ${results.unchangedServed.map((d) => `${d.path} ${d.status} ${d.bytes} B body + ${d.headerBytes} B status line and headers`).join('; ') || 'none'}`);
console.log('');

function deltaReport(n, d, label) {
  const bytes = sum(d.requests.map((r) => r.bytes ?? 0));
  const bodies = sum(d.served.map((s) => s.bytes));
  const paths = d.requests.map((r) => r.path.replace('/data/v1/', '')).sort();
  const onlyIndexAndDelta = paths.length === 2 && paths[0] === d.published.deltaFile && paths[1] === 'index.json';
  console.log(`${n}. One initiative changed (${d.published.id}), version ${d.published.from} -> ${d.published.to} with ${d.published.deltaFile} (${num(d.published.deltaBytes)} B; index.json ${num(d.published.indexBytes)} B; the full initiatives.json would be ${num(d.published.collectionBytes)} B), ${label}:`);
  console.log(`   ${d.requests.length} requests, ${num(bytes)} B received (${num(bodies)} B bodies + ${num(bytes - bodies)} B response headers); sync ${d.sync.result} after ${ms(d.sync.endedAt - d.sync.startedAt)} (trigger: \`online\` event)`);
  requestLines(d.requests);
  console.log(`     server side: ${d.served.map((s) => `${s.path.replace('/data/v1/', '')} ${s.status} ${num(s.bytes)} B body${s.gzip ? ' (gzip)' : ''} + ${s.headerBytes} B headers`).join('; ')}`);
  console.log(`   detail page afterwards: h1 "${d.shown}" -> ${d.ok ? 'the changed record is shown' : 'NOT the changed record'}; status: ${d.status.trim()}`);
  return { bytes, bodies, ok: d.ok && d.sync.result === 'up-to-date' && onlyIndexAndDelta };
}
const delta = deltaReport(3, results.delta, 'served by scripts/serve.mjs (no compression)');
console.log('');
const deltaGzip = deltaReport(4, results.deltaGzip, 'same, with the proxy gzipping /data/v1/ (as a production host would)');
console.log('');

const yes = (b) => (b ? 'yes' : 'no');
const rows = [
  ['warm start from IndexedDB, 10 runs, median', ms(warmMedian), `< ${TARGET_WARM_MS} ms`, yes(warmMedian < TARGET_WARM_MS)],
  ['(for comparison) app-rendered first cards, median', ms(appMedian), '-', '-'],
  ['sync with nothing changed', `${results.unchanged.length} req: ${results.unchanged.map((r) => `${r.path.replace('/data/v1/', '')} ${r.status}`).join(', ')}; ${unchangedServerBytes} B sent`, 'one 304', yes(unchangedOk)],
  ['one-record change, delta, no compression', `${delta.bytes} B (bodies ${delta.bodies} B)${delta.ok ? '' : ' (sync not as expected)'}`, `< ${TARGET_DELTA_BYTES} B`, yes(delta.ok && delta.bytes < TARGET_DELTA_BYTES)],
  ['one-record change, delta, gzip', `${deltaGzip.bytes} B (bodies ${deltaGzip.bodies} B)${deltaGzip.ok ? '' : ' (sync not as expected)'}`, `< ${TARGET_DELTA_BYTES} B`, yes(deltaGzip.ok && deltaGzip.bytes < TARGET_DELTA_BYTES)],
  ['(for comparison) cold first load, network path', ms(results.cold), '-', '-'],
];
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'measured', 'target'][i].length));
console.log(`${pad('measure', widths[0])}  ${pad('measured', widths[1])}  ${pad('target', widths[2])}  met`);
for (const r of rows) console.log(`${pad(r[0], widths[0])}  ${pad(r[1], widths[1])}  ${pad(r[2], widths[2])}  ${r[3]}`);
console.log('(bytes: received by the browser for /data/v1/ requests, response headers included; met is judged on that figure)');
