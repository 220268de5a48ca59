#!/usr/bin/env node
// Where a cold start's main thread goes, by wasm function: a Chromium CPU profile of one page
// load at 4x CPU (as Lighthouse's mobile preset), its long tasks, and the functions with the
// most time (self, and total with what they call). A tool, not a benchmark: no targets.
//
//   WEGWIJZER_WASM_NAMES=1 trunk build --release --dist /tmp/profile   # keeps function names
//   node tests/bench/profile.mjs --dist /tmp/profile [--path /initiatief/demo-00001] [--top 40]
//        [--js-flags=--no-wasm-lazy-compilation]   (V8's lazy compilation, for comparison)
//        [--tasks]   (each busy stretch over 50 ms with the app functions in it)
//        [--under 'provide_app_state$']   (where that function's time went, two levels down)
//
// The first-visit findings it gave are in docs/first-visit.md.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, option, repo, startServer } from '../e2e/harness.mjs';
import { functionName, functionTimes, printTop } from './cpu_profile.mjs';

const args = process.argv.slice(2);
const jsFlags = args.find((a) => a.startsWith('--js-flags='));
const server = await startServer({ root: path.resolve(option('--dist', path.join(repo, 'dist'))), extra: [] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, ...(jsFlags ? [jsFlags] : [])],
});
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
    // A function the profile can find, run at a known page time: it puts the long tasks'
    // times (page clock) on the profile's clock (--tasks).
    window.wegwijzerProfileMarker = function wegwijzerProfileMarker() {
      const at = performance.now();
      while (performance.now() < at + 4) { /* a few samples long */ }
      window.markerAt = at;
    };
    addEventListener('DOMContentLoaded', () => window.wegwijzerProfileMarker());
  });
  await cdp.send('Profiler.start');
  await page.goto(`${server.url}${option('--path', '/')}`);
  await page.waitForTimeout(Number(option('--wait', '6000')));
  const { profile } = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate(() => window.longTasks);
  const markerAt = await page.evaluate(() => window.markerAt);
  console.log('long tasks [start ms, duration ms] at 4x:', JSON.stringify(longTasks));

  // Self time per sample, then attributed to each distinct function on its stack (total).
  const { self, total, byId, parent } = functionTimes(profile);
  const name = functionName;
  // --tasks: the busy stretches (samples between idle ones) over 50 ms, each with the app's
  // functions (wegwijzer*) that took most of it, to tell which code makes which long task.
  if (args.includes('--tasks')) {
    let at = 0;
    let run = null;
    const runs = [];
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const idle = name(byId.get(id)) === '(idle)';
      if (idle) {
        if (run) runs.push(run);
        run = null;
      } else {
        run ??= { start: at, ms: 0, fns: new Map(), own: new Map() };
        run.ms += ms;
        const own = name(byId.get(id));
        run.own.set(own, (run.own.get(own) || 0) + ms);
        const seen = new Set();
        for (let n = id; n; n = parent.get(n)) {
          const f = name(byId.get(n));
          if (/wegwijzer/.test(f) && !seen.has(f)) run.fns.set(f, (run.fns.get(f) || 0) + ms);
          seen.add(f);
        }
      }
      at += ms;
    });
    if (run) runs.push(run);
    // Each long task with the app functions sampled inside it (page clock: the marker's sample).
    const times = [];
    profile.samples.reduce((t, id, i) => (times.push(t), t + (profile.timeDeltas[i + 1] ?? 0) / 1000), 0);
    const markerSample = profile.samples.findIndex((id) => name(byId.get(id)) === 'wegwijzerProfileMarker');
    if (markerSample >= 0 && markerAt !== undefined) {
      const offset = markerAt - times[markerSample];
      console.log('\nlong tasks at 4x [start, ms] (page clock), with the app functions sampled in them:');
      for (const [start, ms] of longTasks) {
        const fns = new Map();
        const own = new Map();
        profile.samples.forEach((id, i) => {
          const t = times[i] + offset;
          if (t < start || t >= start + ms) return;
          const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
          own.set(name(byId.get(id)), (own.get(name(byId.get(id))) || 0) + d);
          const seen = new Set();
          for (let n = id; n; n = parent.get(n)) {
            const f = name(byId.get(n));
            if (/wegwijzer/.test(f) && !seen.has(f)) fns.set(f, (fns.get(f) || 0) + d);
            seen.add(f);
          }
        });
        const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([f, v]) => `${f.slice(0, 70)} ${v.toFixed(0)}`).join(' | ');
        console.log(`  [${start}, ${ms}] ${top(fns)}\n      self: ${top(own)}`);
      }
    }
    console.log('\nbusy stretches over 50 ms at 4x [start, ms], with the app functions in them:');
    for (const r of runs.filter((r) => r.ms > 50)) {
      const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, ms]) => `${f.slice(0, 70)} ${ms.toFixed(0)}`).join(' | ');
      console.log(`  [${r.start.toFixed(0)}, ${r.ms.toFixed(0)}] ${top(r.fns)}\n      self: ${top(r.own)}`);
    }
  }
  // --under <regex>: what the (outermost) function matching it spent its time in, two levels
  // down: which part of a slow function is slow.
  const under = option('--under', null);
  if (under) {
    const match = new RegExp(under);
    const below = new Map();
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const stack = [];
      for (let n = id; n; n = parent.get(n)) stack.unshift(name(byId.get(n)));
      const at = stack.findIndex((f) => match.test(f));
      if (at < 0) return;
      const path = stack.slice(at, at + 3).join('  >  ');
      below.set(path, (below.get(path) || 0) + ms);
    });
    console.log(`\nunder /${under}/ (ms at 4x, two levels down)`);
    for (const [p, ms] of [...below].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${p}`);
  }
  const top = Number(option('--top', '40'));
  printTop('self time (ms at 4x)', self, top);
  printTop('total time, with what it calls (ms at 4x)', total, top);
} finally {
  await browser.close();
  await server.stop();
}
