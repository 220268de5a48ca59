#!/usr/bin/env node
// Coverage map benchmark in headless Chromium (Debian's /usr/bin/chromium, never a download):
// how long until the map is painted, with the schematic hexagon map (the bundled endpoint without
// its geometry, in a temporary copy) and with real boundaries (the bundled endpoint's own
// geometry.topo.json, the 285 municipalities of 2025; or `--geometry FILE` added to a copy), and
// the bytes of that geometry as served (brotli -q 11).
// Not a test: it prints a table and exits 0 even when a target is missed. Run it through
// scripts/bench-map, which makes sure dist/ is a release build; by hand:
//
//   node tests/bench/map.mjs [--dist dist] [--geometry FILE.topo.json] [--runs 10]
//   (default geometry: dist/data/v1/geometry.topo.json, as the bundled endpoint lists it)
//
// Method, per geometry, `runs` times, each in a fresh browser context (no HTTP cache, service
// workers blocked so every run fetches like a first visit):
// - route change: open `/`, wait until the directory has settled (data and search index ready,
//   the start's sync over, one idle period, then a second: see `settled`), then click the header's
//   map link inside the page and time from the click to the second animation frame after the
//   SVG with its shapes is in the DOM (the frame after the one that painted it). Both the first
//   map shown and the final one are reported: the hexagons show while real boundaries are still
//   being fetched, checked, parsed, merged and projected. The app readies the map while the
//   directory is idle (src/components/coverage_map/warm_up.rs), boundaries included, so after
//   that idle period the boundaries are usually the first map.
// - navigation: a cold `page.goto('/kaart')`, timed from navigation start (performance.now()
//   = 0) to the same paint point: wasm, data and map together.
// Medians are reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, option } from '../e2e/harness.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.resolve(option('--dist', path.join(repo, 'dist')));
const bundledGeometry = path.join(dist, 'data/v1/geometry.topo.json');
const geometryFile = path.resolve(option('--geometry', bundledGeometry));
const runs = Number(option('--runs', '10'));


/**
 * A copy of dist/ whose sample endpoint lists `file` as its geometry (docs/data-format.md), or
 * lists none (`null`: the hexagon map).
 */
function endpointWithGeometry(file) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-bench-map-'));
  fs.cpSync(dist, root, { recursive: true });
  const indexPath = path.join(root, 'data/v1/index.json');
  const index = JSON.parse(fs.readFileSync(indexPath, 'utf8'));
  const target = path.join(root, 'data/v1/geometry.topo.json');
  if (file === null) {
    delete index.collections.geometry;
    fs.rmSync(target, { force: true });
    fs.writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
    return { root };
  }
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(target, bytes);
  const topo = JSON.parse(bytes);
  const count = Object.values(topo.objects).reduce((n, o) => n + (o.geometries?.length ?? 0), 0);
  index.collections.geometry = {
    file: 'geometry.topo.json',
    bytes: bytes.length,
    count,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
  fs.writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
  return { root, bytes, count };
}

/**
 * Resolves, in the page, with performance.now() at the frame after the map of `kind` painted
 * (`null`: of any kind, the first map shown).
 */
const paintedAt = (kind) => new Promise((resolve) => {
  const selector = kind ? `svg.coverage-map[data-geometry="${kind}"] path.muni` : 'svg.coverage-map path.muni';
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
  if (document.querySelector(selector)) return done();
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); done(); }
  });
  // `document`, not `body`: the navigation run starts before the body exists.
  observer.observe(document, { childList: true, subtree: true, attributes: true });
});

/**
 * Waits until the directory has finished starting, as for a user who looks at the list before
 * opening the map: its count shows a number (data and search index ready), the start's sync is
 * over, the main thread has been idle once (the app readies the map in that idle time) and then
 * a second has passed. The route change is then timed on its own, not behind the start's work
 * (compiling and collecting garbage after it go on for a while on a 2-core machine).
 */
async function settled(page) {
  await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  await page.locator('[data-sync="up-to-date"]').waitFor();
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  await page.waitForTimeout(1000);
}

async function measure(browser, url, kind) {
  const routeFirst = [];
  const routeFinal = [];
  const navigation = [];
  for (let i = 0; i < runs; i += 1) {
    let context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-BE', serviceWorkers: 'block' });
    let page = await context.newPage();
    await page.goto(`${url}/`);
    await settled(page);
    const times = await page.evaluate(async ({ kind, paintedAt }) => {
      const painted = eval(paintedAt); // eslint-disable-line no-eval
      const t0 = performance.now();
      const first = painted(null);
      const final = painted(kind);
      document.querySelector('a[href="/kaart"]').click();
      return { first: (await first) - t0, final: (await final) - t0 };
    }, { kind, paintedAt: paintedAt.toString() });
    routeFirst.push(times.first);
    routeFinal.push(times.final);
    await context.close();

    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-BE', serviceWorkers: 'block' });
    page = await context.newPage();
    await page.addInitScript(`window.__painted = (${paintedAt.toString()})(${JSON.stringify(kind)});`);
    await page.goto(`${url}/kaart`);
    navigation.push(await page.evaluate(() => window.__painted));
    await context.close();
  }
  return { routeFirst: median(routeFirst), routeFinal: median(routeFinal), navigation: median(navigation) };
}

const withoutGeometry = endpointWithGeometry(null);
const hexServer = await startServer({ root: withoutGeometry.root, extra: [] });
const withGeometry = endpointWithGeometry(geometryFile);
const geoServer = await startServer({ root: withGeometry.root, extra: [] });
const browser = await launchBrowser();
let hex;
let real;
try {
  hex = await measure(browser, hexServer.url, 'hexagons');
  real = await measure(browser, geoServer.url, 'boundaries');
} finally {
  await browser.close();
  await hexServer.stop();
  await geoServer.stop();
  fs.rmSync(withGeometry.root, { recursive: true, force: true });
  fs.rmSync(withoutGeometry.root, { recursive: true, force: true });
}

const brotli = zlib.brotliCompressSync(withGeometry.bytes, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: withGeometry.bytes.length },
}).length;
const gzip = zlib.gzipSync(withGeometry.bytes, { level: 9 }).length;
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;
const rows = [
  ['geometry', 'shapes', 'route change: first map', 'route change: final map', 'cold navigation', 'geometry bytes (raw / gzip -9 / brotli -q 11)'],
  ['hexagons (bundled endpoint without its geometry, from points)', '285', ms(hex.routeFirst), ms(hex.routeFinal), ms(hex.navigation), '0 (computed in the app)'],
  [`boundaries (${geometryFile === bundledGeometry ? 'bundled ' : ''}${path.basename(geometryFile)})`, `${withGeometry.count} → 285`, ms(real.routeFirst), ms(real.routeFinal), ms(real.navigation),
    `${kb(withGeometry.bytes.length)} / ${kb(gzip)} / ${kb(brotli)}`],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`Coverage map, headless Chromium at 360x740, median of ${runs} runs (${os.cpus().length} cores)`);
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
console.log(`Targets (issue 5): first paint of the map under 100 ms; real geometry under 80 KB brotli (issue 16: the bundled geometry at most 60 KB).`);
