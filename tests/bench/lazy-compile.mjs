#!/usr/bin/env node
// How much code one cold page load compiles on the main thread (issue 15). V8 compiles each
// wasm function whole on its first call, on the main thread (docs/first-visit.md), so the wasm
// a start runs is main-thread time at 4x on a phone. A Chromium trace of one load (no CPU
// throttling: the counts and sizes are what matter, the times are this machine's) gives:
// how many wasm functions were compiled lazily and their size in bytes (deterministic for a
// build and route), the main thread's time in those compiles and in compiling JavaScript, and
// the largest functions compiled (with names when the build kept them).
//
//   WEGWIJZER_WASM_NAMES=1 trunk build --release --dist /tmp/named   # names (optional)
//   node tests/bench/lazy-compile.mjs [--dist dist] [--path /kaart] [--top 20]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, option, repo, startServer } from '../e2e/harness.mjs';

const dist = path.resolve(option('--dist', path.join(repo, 'dist')));
const folder = fs.readdirSync(dist).find((n) => /^wasm-[0-9a-f]+$/.test(n));
const functions = readFunctions(path.join(dist, folder, 'wegwijzer_bg.wasm'));

const server = await startServer({ root: dist, extra: [] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ['v8', 'v8.wasm', 'devtools.timeline', 'disabled-by-default-v8.compile'] });
  await page.goto(`${server.url}${option('--path', '/')}`);
  await page.waitForTimeout(Number(option('--wait', '5000')));
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  // The page's renderer main thread: of the renderers' main threads (a spare one may exist),
  // the one that ran the most.
  const mains = traceEvents.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const busy = (t) => traceEvents.filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid).length;
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const onMain = (e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid;
  const lazy = traceEvents.filter((e) => onMain(e) && e.name === 'wasm.CompileLazy');
  // Main-module functions only: a chunk's indexes are its own (they show as "other").
  const compiled = new Map();
  for (const e of lazy) compiled.set(e.args.func_index, (compiled.get(e.args.func_index) || 0) + e.dur / 1000);
  if (lazy.length === 0) {
    console.error(`lazy-compile.mjs: no wasm compiled on the main thread within ${option('--wait', '5000')} ms: the app did not start`);
    process.exitCode = 1;
  }
  const known = [...compiled.keys()].filter((i) => functions.has(i));
  const bytes = known.reduce((sum, i) => sum + functions.get(i).size, 0);
  const ms = (name) => traceEvents.filter((e) => onMain(e) && e.name === name).reduce((sum, e) => sum + e.dur / 1000, 0);
  const total = [...functions.values()].reduce((sum, f) => sum + f.size, 0);
  console.log(`${option('--path', '/')}: ${compiled.size} wasm functions compiled lazily on the main thread, ` +
    `${(bytes / 1024).toFixed(1)} KB of the main module's ${(total / 1024).toFixed(1)} KB of code`);
  console.log(`main thread at 1x on this machine: wasm.CompileLazy ${ms('wasm.CompileLazy').toFixed(1)} ms, ` +
    `JavaScript compile ${(ms('V8.CompileCode') + ms('V8.CompileLazy')).toFixed(1)} ms`);
  console.log(`largest compiled functions (bytes, compile ms):`);
  for (const i of known.sort((a, b) => functions.get(b).size - functions.get(a).size).slice(0, Number(option('--top', '20')))) {
    console.log(`  ${String(functions.get(i).size).padStart(6)}  ${compiled.get(i).toFixed(2).padStart(6)}  ${functions.get(i).name.slice(0, 110)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}

/** Function index -> {size (code body bytes), name}, from the wasm's code and name sections. */
function readFunctions(file) {
  const buf = fs.readFileSync(file);
  let p = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = buf[p++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const skipLimits = () => {
    const flags = buf[p++];
    leb();
    if (flags & 1) leb();
  };
  let imports = 0;
  const sizes = [];
  const names = new Map();
  while (p < buf.length) {
    const id = buf[p++];
    const length = leb();
    const end = p + length;
    if (id === 2) {
      // Imported functions come first in the function index space.
      for (let n = leb(); n > 0; n--) {
        // Module and field names (a length, then the bytes).
        for (let k = 0; k < 2; k++) {
          const l = leb();
          p += l;
        }
        const kind = buf[p++];
        if (kind === 0) { leb(); imports++; }
        else if (kind === 1) { p++; skipLimits(); }
        else if (kind === 2) skipLimits();
        else if (kind === 3) p += 2;
        else if (kind === 4) { p++; leb(); }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        sizes.push(size);
        p += size;
      }
    } else if (id === 0) {
      const nameLength = leb();
      const section = buf.toString('utf8', p, p + nameLength);
      p += nameLength;
      while (section === 'name' && p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const l = leb();
            names.set(index, buf.toString('utf8', p, p + l));
            p += l;
          }
        }
        p = subEnd;
      }
    }
    p = end;
  }
  return new Map(sizes.map((size, k) => [imports + k, { size, name: names.get(imports + k) || `function ${imports + k}` }]));
}
