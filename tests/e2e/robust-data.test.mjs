// End-to-end (issue 14): never show nothing. Endpoints a real publisher could produce, served by
// scripts/serve.mjs --faults as consistent endpoints (sizes and SHA-256 match):
// two bad records, byte order marks, and long or right-to-left text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, readSample, useServerAndBrowser, chooseMunicipality } from './harness.mjs';

const env = useServerAndBrowser();
const initiatives = readSample('initiatives');
const partnerships = readSample('partnerships');

test('one bad website and one bad e-mail: the other initiatives are shown with a notice', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?bron=/__fault/bad-record/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await page.locator('.result-count').textContent(), `${initiatives.length - 2} initiatieven`);
  const notice = page.locator('.left-out-notice');
  assert.match(await notice.locator('p').first().textContent(), /^2 vermeldingen in de gegevens bevatten fouten en worden niet getoond/);
  assert.equal(await page.locator('.error-panel').count(), 0);
  // The technical list, folded away: id, field and problem of each.
  assert.equal(await notice.locator('details').getAttribute('open'), null);
  await notice.locator('summary').click();
  const lines = await notice.locator('li').allTextContents();
  assert.equal(lines.length, 2);
  assert.match(lines[0], new RegExp(`initiatives\\[0\\] \\(id "${initiatives[0].id}"\\) website: "www.voorbeeld.be" is not an http\\(s\\) URL`));
  assert.match(lines[1], new RegExp(`initiatives\\[1\\] \\(id "${initiatives[1].id}"\\) email: "info\\(at\\)voorbeeld.be"`));
  // Left out means not there; the others open.
  assert.equal(await page.locator('.card-title a', { hasText: initiatives[0].name }).count(), 0);
  await page.goto(`${env.server.url}/initiatief/${initiatives[2].id}?bron=/__fault/bad-record/`);
  await page.getByRole('heading', { level: 1, name: initiatives[2].name }).waitFor();
  await page.locator('.left-out-notice').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an endpoint whose JSON files start with a byte order mark loads', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?bron=/__fault/bom/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.equal(await page.locator('.result-count').textContent(), `${initiatives.length} initiatieven`);
  await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.error-panel').count(), 0);
  assert.equal(await page.locator('.left-out-notice').count(), 0);
  // The map reads the boundaries file of the same endpoint, with its mark.
  await page.goto(`${env.server.url}/kaart?bron=/__fault/bom/`);
  await page.locator('svg.coverage-map path.muni').first().waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.error-panel').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** scrollWidth and viewport width of the page as shown now. */
const widths = (page) => page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);

test('long unbroken and right-to-left text wraps inside 360 px on every page and in the embed', async () => {
  const page = await phonePage(env.browser);
  const bron = 'bron=/__fault/long-text/';
  const pages = [
    [`/?${bron}`, '.cards > li'],
    [`/initiatief/${initiatives[0].id}?${bron}`, '.detail h1'],
    [`/initiatief/${initiatives[1].id}?${bron}`, '.detail h1'],
    [`/kaart?${bron}`, 'svg.coverage-map path.muni'],
    [`/over?${bron}`, 'h1'],
    [`/insluiten?${bron}`, '.builder select'],
    [`/?embed=1&${bron}`, '.cards > li'],
    [`/?embed=1&weergave=kaart&${bron}`, 'svg.coverage-map path.muni'],
  ];
  for (const [url, ready] of pages) {
    await page.goto(`${env.server.url}${url}`);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    await page.locator('[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
    assert.deepEqual(await widths(page), [360, 360], url);
  }
  // The map's legend and the selected municipality's panel hold the long names too.
  await page.goto(`${env.server.url}/kaart?${bron}`);
  await page.locator('.legend li', { hasText: 'Arbeidsmarktintegratie' }).first().waitFor({ timeout: 20_000 });
  const newest = partnerships.reduce((a, b) => (b.period.to > a.period.to ? b : a));
  // A member drawn on today's map (a 2020-2025 list may name a municipality merged since).
  const today = new Set(readSample('municipalities').filter((m) => !m.ceased).map((m) => m.nis));
  const member = newest.members.find((n) => today.has(n));
  await chooseMunicipality(page, member);
  await page.locator('.selection-panel .panel-partnership-name', { hasText: 'Arbeidsmarktintegratie' }).first().waitFor();
  assert.deepEqual(await widths(page), [360, 360], '/kaart with the legend and a selected municipality');

  // Data text is isolated: the right-to-left name with its override sits in a <bdi>, and the
  // card's own text (the municipality label) is not reordered into it.
  await page.goto(`${env.server.url}/initiatief/${initiatives[1].id}?${bron}`);
  const h1 = page.locator('.detail h1 bdi');
  assert.match(await h1.textContent(), /\u202E/);
  assert.equal(await h1.evaluate((el) => getComputedStyle(el).unicodeBidi), 'isolate');
  assert.equal(await page.locator('.detail-description').getAttribute('dir'), 'auto');
  // Text after the name in the same line stays in order, left of nothing it should not be:
  // the "·" separator of the kind line renders after (to the right of) the kind.
  const [kind, dot] = await page.locator('.detail-kind').evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p.querySelector('bdi'));
    const k = range.getBoundingClientRect();
    const text = [...p.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes('·'));
    range.selectNodeContents(text);
    return [k.right, range.getBoundingClientRect().left];
  });
  assert.ok(dot >= kind - 1, `separator at ${dot}, kind ends at ${kind}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
