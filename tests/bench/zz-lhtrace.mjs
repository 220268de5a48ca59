#!/usr/bin/env node
// Lighthouse benchmark (issue 15): the first visit on a phone, per route, against a release
// build served by scripts/serve.mjs as the README serves it (brotli, cache headers). Not a test:
// it prints a table with the targets and exits 0 when one is missed. Run it through
// scripts/bench-lighthouse, which builds dist/ first; by hand:
//
//   node tests/bench/lighthouse.mjs [--dist dist] [--runs 3] [--data ENDPOINT_DIR] [--base /]
//        [--route /kaart] (one route) [--long-tasks] (list the long tasks Lighthouse counted)
//
// Method: Lighthouse from tests/package.json (its default mobile preset: Moto G Power viewport,
// simulated slow 4G, 4x CPU slowdown), Debian chromium (CHROME_PATH or /usr/bin/chromium), a new
// browser with a new profile for every run (a cold cache: no HTTP cache, no service worker, no
// IndexedDB). Each route `runs` times; each figure in the table is the median of its runs.
// The first-load transfer is the sum of the transferred bytes (as served: brotli) of the
// document, scripts, wasm and styles Lighthouse saw requested. With --data, a temporary copy
// of --dist gets that endpoint as its data/v1/ (e.g. 10,000 generated initiatives).
// The load average is printed beside the results: on a busy machine the figures mean little.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, distWithEndpoint, startServer } from '../e2e/harness.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const argv = process.argv.slice(2);
const opts = { dist: path.join(repo, 'dist'), runs: 3, data: null, base: '/' };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const v = argv[i + 1];
  if (a === '--dist') { opts.dist = path.resolve(v); i++; }
  else if (a === '--runs') { opts.runs = Number(v); i++; }
  else if (a === '--data') { opts.data = path.resolve(v); i++; }
  else if (a === '--base') { opts.base = v; i++; }
  else if (a === '--route') { opts.route = v; i++; }
  else if (a === '--long-tasks') { opts.longTasks = true; }
  else { console.error(`lighthouse.mjs: unknown argument ${a}`); process.exit(2); }
}
if (!fs.existsSync(path.join(opts.dist, 'index.html')) || !(opts.runs >= 1)) {
  console.error('usage: node tests/bench/lighthouse.mjs [--dist dist] [--runs 3] [--data DIR] [--base /]');
  process.exit(2);
}
const log = (s) => process.stderr.write(`lighthouse.mjs: ${s}\n`);

// The targets of issue 15.
const TARGETS = {
  performance: { min: 95, label: '>= 95' },
  accessibility: { min: 100, label: '100' },
  'best-practices': { min: 100, label: '100' },
  seo: { min: 95, label: '>= 95' },
  lcp: { max: 2000, label: '<= 2.0 s' },
  tbt: { max: 200, label: '<= 200 ms' },
  cls: { max: 0.02, label: '<= 0.02' },
};
const TRANSFER_BUDGET = 200 * 1024;

// The served folder: dist/ itself, or a copy with --data as its endpoint.
const root = opts.data ? distWithEndpoint(opts.dist, opts.data, 'wegwijzer-bench-lighthouse-') : opts.dist;
const readItems = (name) => {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'data/v1/index.json'), 'utf8'));
  return JSON.parse(fs.readFileSync(path.join(root, 'data/v1', index.collections[name].file), 'utf8')).items;
};
const initiative = readItems('initiatives')[0].id;
const partnership = readItems('partnerships')[0].id;
const ROUTES = [
  { name: '/', path: '' },
  { name: '/initiatief/:id', path: `initiatief/${encodeURIComponent(initiative)}` },
  { name: '/kaart', path: 'kaart' },
  { name: '/?embed=1&regio=…', path: `?embed=1&regio=${encodeURIComponent(partnership)}` },
];


/** One cold Lighthouse run: a new chromium, a new profile. */
async function run(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = result.lhr;
    fs.writeFileSync(process.env.TRACE_OUT || '/tmp/lh-trace.json', JSON.stringify(result.artifacts.Trace || result.artifacts.traces?.defaultPass));
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    if (opts.longTasks) {
      // The simulated long tasks (start, duration in ms, script) Lighthouse counted.
      for (const t of lhr.audits['long-tasks']?.details?.items ?? []) log(`  long task at ${Math.round(t.startTime)} ms: ${Math.round(t.duration)} ms (${t.url})`);
    }
    const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    // The code and the page (html, js, wasm, css), not the data, icons or the service worker's
    // own precaching (which Lighthouse also sees).
    const firstLoad = requests
      .filter((r) => !r.url.includes('/data/') && (['Document', 'Script', 'Stylesheet'].includes(r.resourceType) || /\.wasm$/.test(new URL(r.url).pathname)))
      .filter((r) => !/\/sw\.js$/.test(new URL(r.url).pathname))
      .reduce((sum, r) => sum + (r.transferSize || 0), 0);
    const failed = Object.values(lhr.categories).flatMap((c) => c.auditRefs)
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1)
      .map((ref) => ref.id);
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      'best-practices': Math.round(lhr.categories['best-practices'].score * 100),
      seo: Math.round(lhr.categories.seo.score * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      si: audit('speed-index'),
      transfer: firstLoad,
      lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.selector ?? '',
      failed,
    };
  } finally {
    await chrome.kill();
  }
}

// `--route` names a route as the table does (`/kaart`), or by its first word (`kaart`,
// `initiatief`, `embed`); a name that matches none is an error, not an empty table "all met".
const chosen = ROUTES.filter((r) => !opts.route || r.name === opts.route || r.path.split(/[/?=&]/).includes(opts.route));
if (chosen.length === 0) {
  console.error(`lighthouse.mjs: no route "${opts.route}"; the routes are ${ROUTES.map((r) => r.name).join(', ')}`);
  process.exit(2);
}
const server = await startServer({ root, extra: ['--base', opts.base] });
const load = [];
const rows = [];
try {
  for (const route of chosen) {
    const url = `${server.url}${opts.base.replace(/\/?$/, '/')}${route.path}`.replace(/([^:])\/\/+/g, '$1/');
    const runs = [];
    for (let i = 0; i < opts.runs; i++) {
      load.push(os.loadavg()[0]);
      const r = await run(url);
      log(`${route.name} run ${i + 1}: perf ${r.performance}, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, CLS ${r.cls.toFixed(3)}, load ${os.loadavg()[0].toFixed(2)}`);
      runs.push(r);
    }
    const m = {};
    for (const key of ['performance', 'accessibility', 'best-practices', 'seo', 'fcp', 'lcp', 'tbt', 'cls', 'si', 'transfer']) {
      m[key] = median(runs.map((r) => r[key]));
    }
    m.lcpElement = runs[0].lcpElement;
    m.failed = [...new Set(runs.flatMap((r) => r.failed))];
    rows.push({ route, m });
  }
} finally {
  await server.stop();
  if (root !== opts.dist) fs.rmSync(root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Report

const met = (key, v) => (TARGETS[key].min !== undefined ? v >= TARGETS[key].min : v <= TARGETS[key].max);
const show = {
  performance: (v) => String(v), accessibility: (v) => String(v), 'best-practices': (v) => String(v), seo: (v) => String(v),
  lcp: (v) => `${(v / 1000).toFixed(2)} s`, tbt: (v) => `${Math.round(v)} ms`, cls: (v) => v.toFixed(3),
};
const pad = (s, n) => String(s).padEnd(n);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const dataNote = opts.data ? `, endpoint ${path.relative(repo, opts.data)} (${readItemsCount()} initiatives)` : '';
function readItemsCount() { return JSON.parse(fs.readFileSync(path.join(opts.data, 'index.json'), 'utf8')).collections.initiatives.count; }

console.log(`\nLighthouse ${lighthouseVersion()} mobile, Debian chromium, median of ${opts.runs} cold run(s) per route${dataNote}; base ${opts.base}`);
console.log(`load average (1 min) during the runs: ${Math.min(...load).toFixed(2)} - ${Math.max(...load).toFixed(2)} on ${os.cpus().length} cores\n`);
const keys = ['performance', 'accessibility', 'best-practices', 'seo', 'lcp', 'tbt', 'cls'];
console.log(`${pad('route', 22)} ${keys.map((k) => pad(k === 'best-practices' ? 'best-pr.' : k.slice(0, 8), 10)).join(' ')} ${pad('FCP', 8)} ${pad('SI', 8)} first-load transfer`);
console.log(`${pad('target', 22)} ${keys.map((k) => pad(TARGETS[k].label, 10)).join(' ')} ${pad('', 8)} ${pad('', 8)} <= ${kb(TRANSFER_BUDGET)} (/)`);
let allMet = true;
for (const { route, m } of rows) {
  const cells = keys.map((k) => {
    const ok = met(k, m[k]);
    allMet &&= ok;
    return pad(`${show[k](m[k])}${ok ? '' : ' ✗'}`, 10);
  });
  const transferOk = route.path !== '' || m.transfer <= TRANSFER_BUDGET;
  allMet &&= transferOk;
  console.log(`${pad(route.name, 22)} ${cells.join(' ')} ${pad(`${(m.fcp / 1000).toFixed(2)} s`, 8)} ${pad(`${(m.si / 1000).toFixed(2)} s`, 8)} ${kb(m.transfer)}${transferOk ? '' : ' ✗'}`);
}
console.log('');
for (const { route, m } of rows) {
  console.log(`${route.name}: LCP element ${m.lcpElement || '?'}; audits not passed: ${m.failed.join(', ') || 'none'}`);
}
allMet &&= rows.length > 0;
console.log(`\ntargets: ${allMet ? 'all met' : 'not all met (✗ marks a miss)'}`);

function lighthouseVersion() {
  const require = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
  return require(path.join(here, '../node_modules/lighthouse/package.json')).version;
}
