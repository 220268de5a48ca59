// End-to-end: nothing on the page moves while a first visit loads (issue 15: CLS <= 0.02 on
// every route). A lazy route's page (its code a wasm chunk) and the directory in an embed
// render before the data is there; the notices that come with the data (sample data, ...)
// appear above them, so such a page must not show until then (components/first_paint.rs).
// Layout shifts are read with the browser's Layout Instability API, the one Lighthouse's CLS
// comes from, summed over the whole load (at least the CLS), on a cold 360 x 740 phone page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, readSample, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

/** The largest total layout shift allowed while a page loads (issue 15's CLS target). */
const MAX_SHIFT = 0.02;

/**
 * Opens `route` in a new phone page, waits until the app's page has replaced every loading line
 * and picture and then a second more (the sync status, the map drawing), and returns the layout
 * shifts seen, each with the elements that moved.
 */
async function shiftsWhileLoading(route) {
  const page = await phonePage(env.browser);
  await page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        const moved = e.sources.map((s) => `${s.node?.nodeName} "${(s.node?.textContent || '').trim().slice(0, 30)}" y ${s.previousRect.y} -> ${s.currentRect.y}`);
        window.shifts.push({ value: e.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(env.server.url + route);
  await page.waitForFunction(() => {
    const main = document.querySelector('main#inhoud');
    return main && main.childElementCount > 0 && !main.querySelector('.loading')
      && !document.querySelector('[data-first-paint]')
      && !document.documentElement.matches('.first-paint-waiting, .data-waiting');
  }, null, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => window.shifts);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return shifts;
}

const partnership = readSample('partnerships')[0].id;
const initiative = readSample('initiatives')[0].id;
const ROUTES = [
  '/',
  '/kaart',
  `/?embed=1&regio=${encodeURIComponent(partnership)}`,
  `/initiatief/${encodeURIComponent(initiative)}`,
  '/over',
];

for (const route of ROUTES) {
  test(`a first visit to ${route} on a phone: the layout shifts add up to at most ${MAX_SHIFT}`, async () => {
    const shifts = await shiftsWhileLoading(route);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    assert.ok(total <= MAX_SHIFT, `layout shift ${total.toFixed(4)} on ${route}: ${JSON.stringify(shifts, null, 1)}`);
  });
}

// The map page draws its data a task or two after the data is there (the coverage first, in a
// task of its own: components/coverage_map, issue 15); the picture of the page must stand until
// then, or the page is empty between the two (page_draws_itself in first_paint.rs).
test('a first visit to /kaart: the picture stands until the figures are drawn', async () => {
  const page = await phonePage(env.browser);
  await page.addInitScript(() => {
    window.gaps = [];
    window.sawPicture = false;
    new MutationObserver(() => {
      const picture = document.querySelector('[data-first-paint]');
      window.sawPicture ||= Boolean(picture);
      if (window.sawPicture && !picture && !document.querySelector('main#inhoud .coverage-figures')) {
        window.gaps.push(document.querySelector('main#inhoud')?.innerHTML.slice(0, 200) ?? 'no main');
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${env.server.url}/kaart`);
  await page.locator('main#inhoud .coverage-figures').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const { gaps, sawPicture } = await page.evaluate(() => ({ gaps: window.gaps, sawPicture: window.sawPicture }));
  assert.ok(sawPicture, 'the build paints a picture of /kaart on a first visit');
  assert.deepEqual(gaps, [], 'neither the picture nor the figures');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
