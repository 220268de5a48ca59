#!/usr/bin/env node
// Search benchmark in headless Chromium: the app's search (examples/search_bench.rs, wasm)
// against MiniSearch (npm, pinned in tests/package.json) over the same generated endpoint and
// the same queries (tests/bench/queries.json). Not a test: it prints figures and exits 0 even
// when a target is missed. Run it through scripts/bench-search, which generates the data and
// builds the wasm; by hand:
//
//   node tests/bench/search.mjs --pkg DIR --data 10000=DIR [--data 100000=DIR] [--runs 5] [--warmup 2]
//                               [--ms-prefix all|last]
//
// --pkg holds wasm-bindgen output (--target web) of search_bench and search_bench_baseline,
// both already through wasm-opt -Oz. Each --data DIR is a full endpoint (gen-sample output).
//
// Method, per dataset size, in one fresh page:
// - ours: load() parses and validates the four collection files in wasm (serde_json +
//   Dataset::new), build_index() runs SearchIndex::build; both timed inside wasm.
//   query(q) is the directory page's query step (place_in_query, search, based-in-or-serving
//   filter) returning the top-3 ids; it is timed from JavaScript, so it includes the wasm
//   boundary.
// - MiniSearch: JSON.parse of the same files (reported as its load), then new MiniSearch() +
//   addAll(); the field extraction (category labels, municipality names, postcodes) happens in
//   extractField during addAll, so it counts as build time, as the same lookups do in
//   SearchIndex::build. Query: search(q).slice(0, 3).
// - Every query runs `warmup` times on both engines, then `runs` times, alternating engines per
//   run; a query's time is the median of its runs, and median / p95 (nearest rank) / max are
//   taken over the queries. The page is cross-origin isolated (COOP + COEP), which gives
//   performance.now() a resolution of about 5 µs in Chromium instead of 100 µs.
// - A query passes for an engine when one of its top 3 meets the query's `expect` (see
//   queries.json). Checked here in Node against the data, not in the page.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { p95 } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const opts = { pkg: null, data: [], runs: 5, warmup: 2, queries: path.join(here, 'queries.json'), msPrefix: 'all' };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const v = argv[i + 1];
  if (a === '--pkg') { opts.pkg = path.resolve(v); i++; }
  else if (a === '--data') { const [n, dir] = v.split('='); opts.data.push({ size: Number(n), dir: path.resolve(dir) }); i++; }
  else if (a === '--runs') { opts.runs = Number(v); i++; }
  else if (a === '--warmup') { opts.warmup = Number(v); i++; }
  else if (a === '--queries') { opts.queries = path.resolve(v); i++; }
  else if (a === '--ms-prefix' && ['all', 'last'].includes(v)) { opts.msPrefix = v; i++; }
  else { console.error(`search.mjs: unknown argument ${a}`); process.exit(2); }
}
if (!opts.pkg || opts.data.length === 0) {
  console.error('usage: node tests/bench/search.mjs --pkg DIR --data N=DIR [--data N=DIR] [--runs 5] [--warmup 2]');
  process.exit(2);
}

const querySpec = JSON.parse(fs.readFileSync(opts.queries, 'utf8'));
const queries = querySpec.queries;
const miniSearchModule = fileURLToPath(import.meta.resolve('minisearch')); // its ES module build
const miniSearchDir = path.resolve(path.dirname(miniSearchModule), '../..');
const miniSearchVersion = JSON.parse(fs.readFileSync(path.join(miniSearchDir, 'package.json'), 'utf8')).version;

// ---------------------------------------------------------------------------------------------
// The page: everything timed runs in here.

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>search benchmark</title></head>
<body><p>search benchmark</p>
<script type="module">
import init, * as ours from '/pkg/search_bench.js';
import MiniSearch from '/minisearch.js';

const PROVINCES = {
  '10000': ['Antwerpen', 'Anvers', 'Antwerp'],
  '20001': ['Vlaams-Brabant', 'Brabant flamand', 'Flemish Brabant'],
  '30000': ['West-Vlaanderen', 'Flandre-Occidentale', 'West Flanders'],
  '40000': ['Oost-Vlaanderen', 'Flandre-Orientale', 'East Flanders'],
  '70000': ['Limburg', 'Limbourg', 'Limburg'],
};
const texts = (t) => (t ? [t.nl, t.fr, t.en].filter(Boolean) : []);

// MiniSearch over the same text as SearchIndex::build, field by field, with our field weights
// as boosts. Accents are folded (NFD, marks removed) as ours are; the default tokenizer splits
// on whitespace and punctuation. fuzzy: one edit for words of 5+ letters, as ours; prefix on
// every word (ours: the last word only; --ms-prefix last does the same for MiniSearch);
// combineWith: the default OR, ranked by BM25+.
function miniSearchIndex(categoriesText, municipalitiesText, initiatives, msPrefix) {
  const categories = new Map(JSON.parse(categoriesText).items.map((c) => [c.id, c]));
  const municipalities = new Map(JSON.parse(municipalitiesText).items.map((m) => [m.nis, m]));
  const placeNames = (nis) => { const m = municipalities.get(nis); return m ? texts(m.name) : []; };
  const extract = {
    id: (it) => it.id,
    name: (it) => it.name,
    categories: (it) => [it.kind, ...it.services].flatMap((id) => {
      const c = categories.get(id); return c ? [c.id, ...texts(c.label)] : [];
    }).join(' '),
    description: (it) => texts(it.description).join(' '),
    place: (it) => [...placeNames(it.nis), it.address.locality].join(' '),
    postcode: (it) => [...(municipalities.get(it.nis)?.postcodes ?? []), it.address.postcode].join(' '),
    area: (it) => [...(PROVINCES[municipalities.get(it.nis)?.province] ?? []), ...it.serves.flatMap(placeNames)].join(' '),
    street: (it) => it.address.street,
    // The categories' keywords (issue 17), the same data ours indexes, at its weight.
    keywords: (it) => [it.kind, ...it.services].flatMap((id) => {
      const k = categories.get(id)?.keywords ?? {}; return [...(k.nl ?? []), ...(k.fr ?? []), ...(k.en ?? [])];
    }).join(' '),
  };
  const ms = new MiniSearch({
    idField: 'id',
    fields: ['name', 'categories', 'keywords', 'description', 'place', 'postcode', 'area', 'street'],
    extractField: (doc, field) => extract[field](doc),
    processTerm: (term) => term.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase(),
    searchOptions: {
      boost: { name: 10, categories: 6, keywords: 4, place: 3, postcode: 3, description: 2, area: 1.5, street: 1 },
      fuzzy: (term) => (term.length >= 5 ? 1 : 0),
      prefix: msPrefix === 'last' ? (term, i, terms) => i === terms.length - 1 : true,
    },
  });
  ms.addAll(initiatives);
  return ms;
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

window.bench = async ({ size, queries, runs, warmup, msPrefix }) => {
  const get = (f) => fetch('/data/' + size + '/' + f + '.json').then((r) => r.text());
  const [cat, mun, par, ini] = await Promise.all(['categories', 'municipalities', 'partnerships', 'initiatives'].map(get));
  await init({ module_or_path: '/pkg/search_bench_bg.wasm' });

  const oursLoad = ours.load(cat, mun, par, ini);
  const oursCount = ours.initiative_count();
  const oursBuild = ours.build_index();
  const oursQuery = (q) => ours.query(q).split('\\n').filter(Boolean);

  let t = performance.now();
  const parsed = JSON.parse(ini).items;
  const msLoad = performance.now() - t;
  t = performance.now();
  const ms = miniSearchIndex(cat, mun, parsed, msPrefix);
  const msBuild = performance.now() - t;
  const msQuery = (q) => ms.search(q).slice(0, 3).map((r) => r.id);

  for (let w = 0; w < warmup; w++) for (const q of queries) { oursQuery(q); msQuery(q); }
  const results = queries.map((q) => {
    const times = { ours: [], ms: [] };
    let top = {};
    for (let r = 0; r < runs; r++) {
      for (const [engine, fn] of r % 2 ? [['ms', msQuery], ['ours', oursQuery]] : [['ours', oursQuery], ['ms', msQuery]]) {
        const t0 = performance.now();
        const ids = fn(q);
        times[engine].push(performance.now() - t0);
        top[engine] = ids;
      }
    }
    return { q, ours: { ms: median(times.ours), top: top.ours }, ms: { ms: median(times.ms), top: top.ms } };
  });
  return {
    isolated: crossOriginIsolated,
    userAgent: navigator.userAgent,
    count: oursCount,
    ours: { load: oursLoad, build: oursBuild },
    ms: { load: msLoad, build: msBuild, count: ms.documentCount },
    results,
  };
};
window.benchReady = true;
</script></body></html>`;

// ---------------------------------------------------------------------------------------------
// A static server for the page, the wasm, MiniSearch and the data (127.0.0.1, random port).

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };
function route(url) {
  const p = decodeURIComponent(new URL(url, 'http://x').pathname);
  if (p === '/') return { body: PAGE, type: 'text/html; charset=utf-8' };
  if (p === '/minisearch.js') return { file: miniSearchModule };
  let m = p.match(/^\/pkg\/([\w.-]+)$/);
  if (m) return { file: path.join(opts.pkg, m[1]) };
  m = p.match(/^\/data\/(\d+)\/([\w.-]+\.json)$/);
  const d = m && opts.data.find((x) => x.size === Number(m[1]));
  if (d) return { file: path.join(d.dir, m[2]) };
  return null;
}
const server = http.createServer((req, res) => {
  const r = route(req.url);
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  if (!r || (r.file && !fs.existsSync(r.file))) { res.writeHead(404, headers); res.end('not found'); return; }
  const body = r.body ?? fs.readFileSync(r.file);
  res.writeHead(200, { ...headers, 'content-type': r.type ?? TYPES[path.extname(r.file)] ?? 'application/octet-stream' });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------------------------------------
// Expected results, checked against the data.

function expectation(spec, data) {
  const e = spec.expect;
  let place = null;
  if (e.place) {
    const m = data.municipalities.find((x) => x.name.nl === e.place);
    if (!m) throw new Error(`queries.json: no municipality named ${e.place}`);
    place = m.nis;
  }
  return (it) =>
    (!e.name || it.name === e.name)
    && (!e.category || e.category.some((c) => it.kind === c || it.services.includes(c)))
    && (!place || it.nis === place || it.serves.includes(place));
}

function describe(e) {
  return [e.name && `name "${e.name}"`, e.category && `category ${e.category.join('|')}`, e.place && `place ${e.place}`]
    .filter(Boolean).join(' + ');
}

// ---------------------------------------------------------------------------------------------
// Output

const f = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const med = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function wasmSizes() {
  const size = (name) => {
    const b = fs.readFileSync(path.join(opts.pkg, name));
    return {
      raw: b.length,
      gzip: zlib.gzipSync(b, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const bench = size('search_bench_bg.wasm');
  const baseline = size('search_bench_baseline_bg.wasm');
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log('wasm size after wasm-opt -Oz            raw        gzip -9    brotli -q 11');
  for (const [label, s] of [['search_bench (load + search)', bench], ['search_bench_baseline (load only)', baseline]]) {
    console.log(`${pad(label, 36)} ${lpad(kb(s.raw), 10)} ${lpad(kb(s.gzip), 12)} ${lpad(kb(s.brotli), 13)}`);
  }
  const d = { raw: bench.raw - baseline.raw, gzip: bench.gzip - baseline.gzip, brotli: bench.brotli - baseline.brotli };
  console.log(`${pad('added by the search (difference)', 36)} ${lpad(kb(d.raw), 10)} ${lpad(kb(d.gzip), 12)} ${lpad(kb(d.brotli), 13)}`);
  console.log('');
}

function report(size, out, data) {
  const tests = queries.map((q) => expectation(q, data));
  const byId = new Map(data.initiatives.map((it) => [it.id, it]));
  const hit = (ids, test) => ids.some((id) => byId.has(id) && test(byId.get(id)));
  const rows = out.results.map((r, i) => ({
    ...r,
    candidates: data.initiatives.filter(tests[i]).length,
    oursOk: hit(r.ours.top, tests[i]),
    msOk: hit(r.ms.top, tests[i]),
  }));
  const ourTimes = rows.map((r) => r.ours.ms);
  const msTimes = rows.map((r) => r.ms.ms);
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

  console.log(`== ${size.toLocaleString('en')} initiatives: ${queries.length} queries, median of ${opts.runs} runs each after ${opts.warmup} warm-up rounds ==`);
  console.log(`MiniSearch: fuzzy 1 edit on 5+ letters, prefix on ${opts.msPrefix === 'last' ? 'the last word only' : 'every word'}, OR, boosts as our field weights`);
  console.log(`browser: ${out.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? out.userAgent}; crossOriginIsolated: ${out.isolated} (timer resolution ${out.isolated ? '~5 µs' : '~100 µs'})`);
  if (out.count !== size || out.ms.count !== size) console.log(`WARNING: loaded ${out.count} (ours) / ${out.ms.count} (MiniSearch) initiatives`);
  console.log('');
  console.log(`${pad('', 30)} ${lpad('wegwijzer (wasm)', 17)} ${lpad(`MiniSearch ${miniSearchVersion}`, 17)} ${lpad('MiniSearch/ours', 16)}`);
  const line = (label, a, b, d = 2, showRatio = true) =>
    console.log(`${pad(label, 30)} ${lpad(f(a, d), 17)} ${lpad(f(b, d), 17)} ${lpad(showRatio ? ratio(b, a) : '', 16)}`);
  line('load ms (ours: serde+validate)', out.ours.load, out.ms.load, 1, false);
  line('index build ms', out.ours.build, out.ms.build, 1);
  line('query median ms', med(ourTimes), med(msTimes), 3);
  line('query p95 ms', p95(ourTimes), p95(msTimes), 3);
  line('query max ms', Math.max(...ourTimes), Math.max(...msTimes), 3);
  const oursPass = rows.filter((r) => r.oursOk).length;
  const msPass = rows.filter((r) => r.msOk).length;
  console.log(`${pad('expected result in top 3', 30)} ${lpad(`${oursPass}/${rows.length}`, 17)} ${lpad(`${msPass}/${rows.length}`, 17)}`);
  // Per set of queries (issue 17: "everyday" vocabulary in nl, fr, en), as a share.
  const share = (n, d) => `${n}/${d} (${((100 * n) / d).toFixed(0)}%)`;
  for (const set of [...new Set(queries.map((q) => q.set ?? 'original'))]) {
    const inSet = rows.filter((_, i) => (queries[i].set ?? 'original') === set);
    const o = inSet.filter((r) => r.oursOk).length;
    const m = inSet.filter((r) => r.msOk).length;
    console.log(`${pad(`  top 3, set "${set}"`, 30)} ${lpad(share(o, inSet.length), 17)} ${lpad(share(m, inSet.length), 17)}`);
  }
  console.log('(MiniSearch load = JSON.parse of initiatives.json only; ratio > 1 means ours is faster)');
  console.log('');
  console.log(`${lpad('#', 3)}  ${pad('query', 50)} ${lpad('ours ms', 8)} top3 ${lpad('MS ms', 8)} top3 ${lpad('ratio', 7)} ${lpad('cands', 6)}  expected`);
  rows.forEach((r, i) => {
    console.log(`${lpad(i + 1, 3)}  ${pad(JSON.stringify(r.q), 50)} ${lpad(f(r.ours.ms, 3), 8)} ${pad(r.oursOk ? ' ok' : ' MISS', 4)} ${lpad(f(r.ms.ms, 3), 8)} ${pad(r.msOk ? ' ok' : ' MISS', 4)} ${lpad(ratio(r.ms.ms, r.ours.ms), 7)} ${lpad(r.candidates, 6)}  ${describe(queries[i].expect)}`);
  });
  console.log('');
  const misses = rows.filter((r) => !r.oursOk);
  const targets = [
    `p95 per query < 5 ms: ${p95(ourTimes) < 5 ? 'yes' : 'NO'} (${f(p95(ourTimes), 3)} ms)`,
    ...(size === 10000 ? [`p95 per query <= 1 ms at 10,000 (issue 17): ${p95(ourTimes) <= 1 ? 'yes' : 'NO'}`] : []),
    `at least as fast as MiniSearch: median ${med(ourTimes) <= med(msTimes) ? 'yes' : 'NO'}, p95 ${p95(ourTimes) <= p95(msTimes) ? 'yes' : 'NO'}, build ${out.ours.build <= out.ms.build ? 'yes' : 'NO'}`,
    `expected result in our top 3: ${misses.length === 0 ? 'all' : `NO, missed ${misses.map((r) => JSON.stringify(r.q)).join(', ')}`}`,
  ];
  console.log(`targets at ${size.toLocaleString('en')}:`);
  for (const t of targets) console.log(`  ${t}`);
  const unsat = rows.filter((r) => r.candidates === 0);
  if (unsat.length) console.log(`WARNING: no initiative meets the expectation of ${unsat.map((r) => JSON.stringify(r.q)).join(', ')}`);
  console.log('');
}

// ---------------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  wasmSizes();
  for (const { size, dir } of opts.data) {
    const read = (c) => JSON.parse(fs.readFileSync(path.join(dir, `${c}.json`), 'utf8')).items;
    const data = { initiatives: read('initiatives'), municipalities: read('municipalities') };
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.benchReady === true);
    const out = await page.evaluate((args) => window.bench(args), {
      size, queries: queries.map((q) => q.q), runs: opts.runs, warmup: opts.warmup, msPrefix: opts.msPrefix,
    });
    await page.close();
    report(size, out, data);
  }
} finally {
  await browser.close();
  server.close();
}
