// End-to-end: the wasm is split (scripts/split-wasm.mjs). The start page loads only the main
// module; a page's code (a lazy route, src/routes/mod.rs) loads on its first visit, also offline
// after one visit; a chunk that cannot load shows a message with a reload button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, repo } from './harness.mjs';

const folder = fs.readdirSync(path.join(repo, 'dist')).find((name) => /^wasm-[0-9a-f]{16}$/.test(name));
const files = folder ? fs.readdirSync(path.join(repo, 'dist', folder)).filter((n) => !/\.(br|gz)$/.test(n)) : [];
/** The main module: its script, its wasm, and the chunks' loader, which the script imports. */
const MAIN = ['wegwijzer.js', 'wegwijzer_bg.wasm', '__wasm_split.js'];
/** A request for a chunk of this build, not the main module. */
const CHUNK = /\/wasm-[0-9a-f]{16}\/(?!wegwijzer(?:\.js|_bg\.wasm)$|__wasm_split\.js$)[^/]+$/;

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A phone page that records the wasm folder's requests. `saveData`: the browser says Save-Data,
 * so the start page does not warm the map up (which loads the map's chunk while idle).
 */
async function page({ serviceWorkers = 'block', saveData = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-BE', serviceWorkers });
  if (saveData) await context.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  const p = await context.newPage();
  p.loaded = [];
  p.on('requestfinished', (request) => {
    const m = new URL(request.url()).pathname.match(/\/wasm-[0-9a-f]{16}\/([^/]+)$/);
    if (m) p.loaded.push(m[1]);
  });
  return p;
}

const appCards = (p) => p.locator('main:not([data-first-paint]) .cards > li').first().waitFor();

test('the build has a main module and chunks, and the page lists every file for the service worker', () => {
  assert.ok(folder, 'dist/ has a wasm-<hash>/ folder');
  for (const name of MAIN) assert.ok(files.includes(name), `${name} in ${folder}`);
  assert.ok(files.some((n) => n.endsWith('.wasm') && !MAIN.includes(n)), `chunks in ${folder}: ${files}`);
  const html = fs.readFileSync(path.join(repo, 'dist/index.html'), 'utf8');
  const listed = JSON.parse(html.match(/<script type="application\/json" id="wegwijzer-chunks">([^<]*)<\/script>/)[1]);
  assert.deepEqual(listed.map((ref) => ref.split('/').pop()).sort(), [...files].sort());
});

test('the start page loads only the main module; a page loads its code on its first visit', async () => {
  const p = await page();
  await p.goto(`${server.url}/`);
  await appCards(p);
  await p.waitForTimeout(500);
  assert.deepEqual([...p.loaded].sort(), [...MAIN].sort(), 'the start page needs no chunk');

  await p.getByRole('navigation').getByRole('link', { name: 'Over', exact: true }).click();
  await p.getByRole('heading', { level: 1, name: 'Over Wegwijzer' }).waitFor();
  assert.ok(p.loaded.some((n) => !MAIN.includes(n)), `/over loaded its chunk: ${p.loaded}`);

  await p.getByRole('navigation').getByRole('link', { name: 'Kaart', exact: true }).click();
  await p.locator('svg.coverage-map path.muni').first().waitFor();
  await p.context().close();
});

test('a deep link preloads its own route\'s chunks with the main module, and no others', async () => {
  const p = await page();
  const preloads = () => p.evaluate(() => [...document.querySelectorAll('link[rel=preload][as=fetch]')]
    .map((l) => new URL(l.href).pathname.split('/').pop()).filter((n) => n !== 'wegwijzer_bg.wasm'));
  await p.goto(`${server.url}/`);
  assert.deepEqual(await preloads(), [], 'the start page preloads no chunk');
  await p.goto(`${server.url}/kaart`);
  // The build pictured the map's page: its chunks are preloaded once the picture is painted.
  await p.waitForFunction(() => document.querySelector('link[rel=preload][href*="split___map_route_view"]'));
  const map = await preloads();
  assert.ok(map.some((n) => n.startsWith('split___map_route_view')), `map chunks preloaded: ${map}`);
  assert.ok(!map.some((n) => /initiative|about|embed_builder/.test(n)), `only the map's: ${map}`);
  await p.locator('svg.coverage-map path.muni').first().waitFor();
  // An unknown id has no picture: its route's chunks are preloaded at once.
  await p.goto(`${server.url}/initiatief/x`);
  assert.ok((await preloads()).some((n) => n.startsWith('split___initiative_route_view')));
  await p.context().close();
});

test('offline after one visit: pages whose code was never loaded online still open', async () => {
  const own = await startServer();
  const p = await page({ serviceWorkers: 'allow' });
  try {
    await p.goto(`${own.url}/`);
    await appCards(p);
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await p.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
    // Every file of the wasm folder is in the shell's cache, none of the chunks was loaded.
    const cached = await p.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) names.push(new URL(request.url).pathname);
      }
      return names;
    });
    for (const name of files) assert.ok(cached.some((c) => c.endsWith(`/${folder}/${name}`)), `${name} precached`);
    assert.ok(!p.loaded.some((n) => !MAIN.includes(n)), `no chunk loaded online: ${p.loaded}`);
  } finally {
    await own.stop();
  }
  await p.context().setOffline(true);
  await p.goto(`${own.url}/over`);
  await p.getByRole('heading', { level: 1, name: 'Over Wegwijzer' }).waitFor();
  await p.getByRole('navigation').getByRole('link', { name: 'Kaart', exact: true }).click();
  await p.locator('svg.coverage-map path.muni').first().waitFor();
  await p.goto(`${own.url}/insluiten`);
  await p.getByRole('heading', { level: 1, name: 'Wegwijzer op je eigen website' }).waitFor();
  assert.equal(await p.locator('.boot-error').count(), 0);
  await p.context().close();
});

for (const [how, fail] of [
  ['offline and not cached', (route) => route.abort('internetdisconnected')],
  ['removed by a newer deployment', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' })],
]) {
  test(`a page's code cannot load (${how}): a clear message with a reload button, never a blank page`, async () => {
    // Without Save-Data: the map's warm-up on the start page fails quietly too.
    const p = await page({ saveData: false });
    await p.route(CHUNK, fail);
    const warmUp = p.waitForRequest(CHUNK);
    await p.goto(`${server.url}/`);
    await appCards(p);
    // The map's warm-up on the start page asks for its chunk while idle; its failure is quiet.
    await warmUp;
    await p.waitForTimeout(500);
    assert.equal(await p.locator('.boot-error').count(), 0, 'no message for the warm-up');
    await p.getByRole('navigation').getByRole('link', { name: 'Kaart', exact: true }).click();
    const alert = p.locator('.boot-error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /De app kon niet laden/);
    // The page it was on stays (no blank page), under the message.
    assert.ok(await p.locator('main .cards > li').count() > 0);
    // Once the code is there again, the button loads the page the user asked for.
    await p.unroute(CHUNK);
    await alert.getByRole('button', { name: 'Opnieuw laden' }).click();
    await p.locator('svg.coverage-map path.muni').first().waitFor();
    assert.equal(await p.locator('.boot-error').count(), 0);
    await p.context().close();
  });
}
