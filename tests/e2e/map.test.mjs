// End-to-end: the coverage map (/kaart) on a 360 px phone. The expected figures are computed
// here from the served JSON (partnerships.json, municipalities.json), never typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, readSample, phonePage, axeViolations } from './harness.mjs';

const env = useServerAndBrowser();
const municipalities = readSample('municipalities');
const partnerships = readSample('partnerships');

// The 2025 mergers (new NIS code → the codes it was formed from), as in crates/core/src/coverage.rs: a
// period before 2025 counts the municipalities of its first year.
const FORMED_FROM_2025 = {
  '11002': ['11002', '11007'], '23106': ['23023', '23024', '23032'], '37021': ['37012', '37018'],
  '37022': ['37007', '37015'], '44086': ['44012', '44048'], '44087': ['44034', '44073'],
  '46029': ['46014', '44045'], '44088': ['44040', '44043'], '46030': ['46003', '46013', '11056'],
  '73110': ['73006', '73032'], '73111': ['73009', '73083'], '71071': ['71069', '71057'],
  '71072': ['71022', '73040'],
};

const periodKey = (p) => `${p.from}-${p.to}`;
const periods = [...new Map(partnerships.map((p) => [periodKey(p.period), p.period])).values()]
  .sort((a, b) => a.from - b.from || a.to - b.to);

function expectedFigures(period) {
  const inYear = (nis) => (period.from < 2025 ? FORMED_FROM_2025[nis] ?? [nis] : [nis]);
  const universe = new Set(municipalities.flatMap((m) => inYear(m.nis)));
  const active = partnerships.filter((p) => p.period.from <= period.to && period.from <= p.period.to);
  const covered = new Set(active.flatMap((p) => p.members.flatMap(inYear)).filter((n) => universe.has(n)));
  const percent = (x) => `${(x * 100).toFixed(1).replace('.', ',')} %`;
  const withPopulation = municipalities.some((m) => m.population != null);
  return {
    active,
    covered,
    partnerships: String(active.length),
    coveredText: `${covered.size} van ${universe.size}`,
    share: percent(covered.size / universe.size),
    // The sample has no population figures: then every municipality lacks one.
    withoutPopulation: withPopulation ? null : `${universe.size} gemeenten zonder bevolkingscijfer`,
  };
}

async function figures(page) {
  const text = (name) => page.locator(`[data-figure="${name}"]`).first().textContent();
  return {
    partnerships: (await text('partnerships')).trim(),
    coveredText: (await text('covered')).trim(),
    share: (await text('municipality-share')).trim(),
    population: (await text('population-share')).trim(),
  };
}

async function openMap(page) {
  await page.goto(`${env.server.url}/kaart`);
  await page.locator('svg.coverage-map path.muni').first().waitFor();
}

test('figures match the data, a tap shows the partnership and its contact', async () => {
  assert.ok(periods.length >= 2, 'the sample has two periods to compare');
  const latest = periods[periods.length - 1];
  const expected = expectedFigures(latest);
  const page = await phonePage(env.browser);
  await openMap(page);
  assert.equal(await page.locator('svg.coverage-map path.muni').count(), municipalities.length);
  const shown = await figures(page);
  assert.equal(shown.partnerships, expected.partnerships);
  assert.equal(shown.coveredText, expected.coveredText);
  assert.equal(shown.share, expected.share);
  if (expected.withoutPopulation) assert.match(shown.population, new RegExp(expected.withoutPopulation));

  // Tap a member of a demo partnership with full contact details.
  const partnership = expected.active.find((p) => p.demo && p.contact.email && p.contact.phone);
  const nis = partnership.members[0];
  const name = municipalities.find((m) => m.nis === nis).name.nl;
  await page.locator(`path.muni[data-nis="${nis}"]`).click();
  const panel = page.locator('.selection-panel');
  await panel.locator('h2', { hasText: name }).waitFor();
  await panel.getByText(partnership.name, { exact: true }).waitFor();
  assert.equal(await panel.locator(`a[href="mailto:${partnership.contact.email}"]`).count(), 1);
  assert.equal(await panel.locator('a[href^="tel:"]').count(), 1);
  // The other members are outlined on the map; the directory link filters on the municipality.
  assert.equal(await page.locator('.outlines .outline-member').count(), partnership.members.length - 1);
  assert.equal(await panel.locator(`a[href="/?gemeente=${nis}"]`).count(), 1);
  assert.equal(await page.locator(`path.muni[data-nis="${nis}"]`).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard: one tab stop, arrow keys to a neighbour, Enter selects it', async () => {
  const latest = periods[periods.length - 1];
  const { covered, active } = expectedFigures(latest);
  const page = await phonePage(env.browser);
  await openMap(page);
  assert.equal(await page.locator('path.muni[tabindex="0"]').count(), 1, 'a roving tab stop');
  const start = active.find((p) => p.demo).members[0];
  await page.locator(`path.muni[data-nis="${start}"]`).click();
  await page.locator(`path.muni[data-nis="${start}"]`).focus();
  // Walk with the arrow keys until the focus is on another covered municipality.
  const keys = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'];
  let target = null;
  for (let i = 0; i < 12 && !target; i += 1) {
    await page.keyboard.press(keys[i % keys.length]);
    const nis = await page.evaluate(() => document.activeElement?.getAttribute('data-nis'));
    if (nis && nis !== start && covered.has(nis)) target = nis;
  }
  assert.ok(target, 'the arrow keys reach a covered neighbour');
  await page.keyboard.press('Enter');
  const m = municipalities.find((x) => x.nis === target);
  const owner = active.find((p) => p.members.includes(target));
  const panel = page.locator('.selection-panel');
  await panel.locator('h2', { hasText: m.name.nl }).waitFor();
  await panel.getByText(owner.name, { exact: true }).waitFor();
  await panel.getByText(owner.contact.organisation).waitFor();
  assert.equal(await page.locator(`path.muni[data-nis="${target}"]`).getAttribute('tabindex'), '0');
  // Space works too, on the focused shape.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(' ');
  const now = await page.evaluate(() => document.activeElement?.getAttribute('data-nis'));
  assert.equal(await page.locator(`path.muni[data-nis="${now}"]`).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('switching and comparing periods changes the figures accordingly', async () => {
  const [earlier, latest] = [periods[0], periods[periods.length - 1]];
  const before = expectedFigures(earlier);
  const after = expectedFigures(latest);
  const page = await phonePage(env.browser);
  await openMap(page);
  await page.locator('#periode').selectOption({ label: `${earlier.from}–${earlier.to}` });
  await page.locator('#h-dekking', { hasText: `${earlier.from}–${earlier.to}` }).waitFor();
  const shown = await figures(page);
  assert.equal(shown.partnerships, before.partnerships);
  assert.equal(shown.coveredText, before.coveredText);
  assert.equal(shown.share, before.share);
  assert.notEqual(shown.coveredText, after.coveredText, 'the two periods differ');

  await page.locator('#vergelijk').selectOption({ label: `${latest.from}–${latest.to}` });
  const comparison = page.locator('.comparison');
  await comparison.waitFor();
  const joined = [...after.covered].filter((n) => !before.covered.has(n)).length;
  const left = [...before.covered].filter((n) => !after.covered.has(n)).length;
  assert.ok(joined > 0 && left > 0, 'the sample has municipalities joining and leaving');
  await comparison.getByRole('heading', { name: `Nieuw gedekt (${joined})` }).waitFor();
  await comparison.getByRole('heading', { name: `Niet meer gedekt (${left})` }).waitFor();
  const delta = after.covered.size - before.covered.size;
  const signed = delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '0';
  assert.equal((await comparison.locator('[data-change="covered"]').textContent()).trim(), signed);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the table view lists every municipality, sorts, searches, and passes axe', async () => {
  const latest = periods[periods.length - 1];
  const { active } = expectedFigures(latest);
  const page = await phonePage(env.browser);
  await openMap(page);
  await page.getByRole('button', { name: 'Tabel' }).click();
  const table = page.locator('table.coverage-table');
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), municipalities.length);
  const partnership = active.find((p) => p.demo);
  const member = municipalities.find((m) => m.nis === partnership.members[0]);
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${member.name.nl}$`) }) });
  assert.match(await row.textContent(), new RegExp(partnership.name));

  const header = table.locator('th[scope="col"]', { hasText: 'Samenwerkingsverband' });
  assert.equal(await header.getAttribute('aria-sort'), 'none');
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');

  await page.getByLabel('Zoek een gemeente, postcode of samenwerkingsverband').fill(partnership.name);
  await page.waitForFunction((n) => document.querySelectorAll('table.coverage-table tbody tr').length === n, partnership.members.length);

  // The partnership list: searchable by a member's name.
  await page.getByLabel('Zoek een samenwerkingsverband of gemeente').fill(member.name.nl);
  await page.locator('#h-verbanden ~ ul .card-title', { hasText: partnership.name }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('pan and zoom: buttons change the view box, reset restores it', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  const svg = page.locator('svg.coverage-map');
  const full = await svg.getAttribute('viewBox');
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  const zoomed = await svg.getAttribute('viewBox');
  assert.notEqual(zoomed, full);
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await svg.getAttribute('viewBox'), zoomed, 'dragging pans');
  await page.getByRole('button', { name: 'Hele kaart' }).click();
  assert.equal(await svg.getAttribute('viewBox'), full);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the map readied while the directory was idle is the same map as one drawn from scratch, and it works', async () => {
  // From scratch: /kaart opened directly, so nothing was readied in advance.
  const cold = await phonePage(env.browser);
  await cold.goto(`${env.server.url}/kaart`);
  await cold.locator('svg.coverage-map path.muni').first().waitFor();
  const fresh = await cold.locator('svg.coverage-map g.shapes').innerHTML();
  await cold.context().close();

  // Readied: the directory first, idle, then the header's map link (the shapes are copies of the
  // ones the idle render parsed, see map_svg.rs).
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await page.getByRole('link', { name: 'Kaart' }).click();
  await page.locator('svg.coverage-map path.muni').first().waitFor();
  assert.equal(await page.locator('svg.coverage-map g.shapes').innerHTML(), fresh);
  assert.equal(await page.locator('svg.coverage-map path.muni').count(), municipalities.length);

  // The copied shapes answer like parsed ones: a tap selects, and the selection is drawn.
  const first = page.locator('svg.coverage-map path.muni').first();
  await first.click();
  await page.locator('svg.coverage-map path.muni.selected').waitFor();
  assert.equal(await page.locator('svg.coverage-map path.muni[aria-pressed="true"]').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
