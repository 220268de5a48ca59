// End-to-end: the coverage map (/kaart) on a 360 px phone. The expected figures are computed
// here from the served JSON (partnerships.json, municipalities.json), never typed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServerAndBrowser, readSample, phonePage, axeViolations, distWithEndpoint, startServer, repo, chooseMunicipality } from './harness.mjs';

const env = useServerAndBrowser();
const municipalities = readSample('municipalities');
const partnerships = readSample('partnerships');
// What index.json says per period: complete or not, reported totals. Unlisted means complete.
const servedIndex = JSON.parse(fs.readFileSync(new URL('../../dist/data/v1/index.json', import.meta.url), 'utf8'));
const listedPeriods = servedIndex.periods ?? [];
const infoOf = (period, listed = listedPeriods) => listed.find((p) => p.from === period.from && p.to === period.to);
const isComplete = (period, listed = listedPeriods) => infoOf(period, listed)?.complete ?? true;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Today's municipalities are drawn; the former ones (ceased, merged_into) say how the mergers
// went: merged code → the codes it was formed from (itself too unless it was formed under a new
// code). A period before the merger counts the municipalities of its first year.
const current = municipalities.filter((m) => !m.ceased);
const isToday = (nis) => current.some((m) => m.nis === nis);
const byNis = new Map(municipalities.map((m) => [m.nis, m]));
const FORMED_FROM = {};
let mergerYear = Infinity;
for (const m of municipalities.filter((x) => x.ceased)) {
  mergerYear = Math.min(mergerYear, Number(m.ceased.slice(0, 4)));
  FORMED_FROM[m.merged_into] ??= byNis.get(m.merged_into).formed ? [] : [m.merged_into];
  FORMED_FROM[m.merged_into].push(m.nis);
}

const periodKey = (p) => `${p.from}-${p.to}`;
const periodsOf = (parts, listed) => [...new Map([...parts.map((p) => p.period), ...listed].map((p) => [periodKey(p), { from: p.from, to: p.to }])).values()]
  .sort((a, b) => a.from - b.from || a.to - b.to);
const periods = periodsOf(partnerships, listedPeriods);

/**
 * The bundled data is real: one list of partnerships (2020-2025, not complete), so no
 * municipality is known to be without one and no period adds any. A complete list and a
 * comparison are checked on a copy of the build served from a temporary folder, whose endpoint
 * adds, for this test only, an earlier list made from the same partnerships: 2017-2019, each
 * without its last member (ids end in "-2017"), marked complete.
 */
const variant = { server: null, root: null, partnerships: null, listed: null };
before(async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-map-variant-data-'));
  const served = path.join(repo, 'dist/data/v1');
  for (const f of fs.readdirSync(served).filter((x) => x.endsWith('.json'))) fs.copyFileSync(path.join(served, f), path.join(data, f));
  const collection = JSON.parse(fs.readFileSync(path.join(data, 'partnerships.json'), 'utf8'));
  const earlier = collection.items.filter((p) => p.members.length > 1)
    .map((p) => ({ ...p, id: `${p.id}-2017`, members: p.members.slice(0, -1), period: { from: 2017, to: 2019 } }));
  collection.items.push(...earlier);
  const bytes = Buffer.from(`${JSON.stringify(collection)}\n`);
  fs.writeFileSync(path.join(data, 'partnerships.json'), bytes);
  const index = structuredClone(servedIndex);
  index.collections.partnerships = { ...index.collections.partnerships, bytes: bytes.length, count: collection.items.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  index.periods = [{ from: 2017, to: 2019, complete: true }, ...listedPeriods];
  fs.writeFileSync(path.join(data, 'index.json'), JSON.stringify(index));
  variant.root = distWithEndpoint(path.join(repo, 'dist'), data, 'ww-map-variant-');
  fs.rmSync(data, { recursive: true, force: true });
  variant.partnerships = collection.items;
  variant.listed = index.periods;
  variant.server = await startServer({ root: variant.root });
});
after(async () => {
  await variant.server?.stop();
  if (variant.root) fs.rmSync(variant.root, { recursive: true, force: true });
});

function expectedFigures(period, { parts = partnerships, listed = listedPeriods } = {}) {
  const before = period.from < mergerYear;
  // A code (of either era) as the municipalities of the period's first year.
  const inYear = (nis) => {
    const m = byNis.get(nis);
    if (before) return FORMED_FROM[nis] ?? [nis];
    return [m?.ceased ? m.merged_into : nis];
  };
  // Population of a municipality of that year: a former one's own, the part that kept its code
  // the merged figure minus the other parts'.
  const population = (nis) => {
    const m = byNis.get(nis);
    if (!before || m.ceased || !FORMED_FROM[nis]) return m.population;
    return m.population - FORMED_FROM[nis].filter((x) => x !== nis).reduce((sum, x) => sum + byNis.get(x).population, 0);
  };
  const universe = new Set(current.flatMap((m) => inYear(m.nis)));
  const active = parts.filter((p) => p.period.from <= period.to && period.from <= p.period.to);
  const covered = new Set(active.flatMap((p) => p.members.flatMap(inYear)).filter((n) => universe.has(n)));
  const percent = (x) => `${(x * 100).toFixed(1).replace('.', ',')} %`;
  const total = [...universe].reduce((sum, n) => sum + population(n), 0);
  const coveredPopulation = [...covered].reduce((sum, n) => sum + population(n), 0);
  const complete = isComplete(period, listed);
  return {
    active,
    covered,
    inYear,
    complete,
    // In no listed partnership of an incomplete period: unknown, not uncovered.
    unknown: complete ? new Set() : new Set([...universe].filter((n) => !covered.has(n))),
    partnerships: String(active.length),
    coveredText: `${covered.size} van ${universe.size}`,
    share: percent(covered.size / universe.size),
    populationShare: percent(coveredPopulation / total),
  };
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

async function figures(page) {
  const text = (name) => page.locator(`[data-figure="${name}"]`).first().textContent();
  return {
    partnerships: (await text('partnerships')).trim(),
    coveredText: (await text('covered')).trim(),
    share: (await text('municipality-share')).trim(),
    population: (await text('population-share')).trim(),
  };
}

/** What the page says about the count: the period's municipalities versus today's on the map. */
function expectedCountNote(period, expected) {
  const total = Number(expected.coveredText.split(' van ')[1]);
  return total === current.length
    ? `Gemeenten zoals ze waren op 1 januari ${period.from}.`
    : `Geteld in de ${total} gemeenten van 1 januari ${period.from}; de kaart en de tabel tonen de ${current.length} gemeenten van vandaag, na de fusies.`;
}

// The final map: the endpoint's boundaries when it lists them (the bundled one does), which
// replace the hexagons shown while they load.
const FINAL_MAP = servedIndex.collections.geometry ? 'svg.coverage-map[data-geometry="boundaries"] path.muni' : 'svg.coverage-map path.muni';

async function openMap(page, url = env.server.url) {
  await page.goto(`${url}/kaart`);
  await page.locator(FINAL_MAP).first().waitFor();
}

test('boundaries that come late are preceded by the hexagons; boundaries that fail their checksum leave the hexagons, with a note', async () => {
  const file = `/data/v1/${servedIndex.collections.geometry.file}`;
  const original = fs.readFileSync(new URL(`../../dist${file}`, import.meta.url));
  // The app's map, not the one in the build's picture of the page painted before the app.
  const appMap = 'svg.coverage-map:not([data-first-paint] *)';
  const shapes = (page) => page.evaluate((appMap) => ({
    kind: document.querySelector(appMap)?.getAttribute('data-geometry'),
    drawn: document.querySelectorAll(`${appMap} path.muni`).length,
  }), appMap);
  // Boundaries held back until the hexagons have shown: the empty frame waits about a second,
  // then shows the hexagons, then the boundaries. The map's states are recorded as they change
  // (not sampled after a fixed time: on a loaded machine the sample found the build's picture
  // of the page still there, with its own map).
  let page = await phonePage(env.browser);
  await page.addInitScript((appMap) => {
    window.__states = [];
    const note = () => {
      const svg = document.querySelector(appMap);
      if (!svg) return;
      const state = { kind: svg.getAttribute('data-geometry'), drawn: svg.querySelectorAll('path.muni').length };
      const last = window.__states[window.__states.length - 1];
      if (!last || last.kind !== state.kind || last.drawn !== state.drawn) window.__states.push({ ...state, at: performance.now() });
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-geometry'] });
  }, appMap);
  let release;
  const held = new Promise((done) => { release = done; });
  await page.route((url) => url.pathname === file, async (r) => {
    await held;
    await r.fulfill({ body: original, contentType: 'application/json' });
  });
  await page.goto(`${env.server.url}/kaart`);
  await page.locator('svg.coverage-map[data-geometry="hexagons"] path.muni').first().waitFor();
  assert.equal((await shapes(page)).drawn, current.length);
  release();
  await page.locator(FINAL_MAP).first().waitFor();
  assert.deepEqual(await shapes(page), { kind: 'boundaries', drawn: current.length });
  const states = await page.evaluate(() => window.__states);
  assert.deepEqual(states[0] && { kind: states[0].kind, drawn: states[0].drawn }, { kind: 'none', drawn: 0 }, 'the frame waits for the boundaries first');
  const hexagons = states.find((s) => s.kind === 'hexagons' && s.drawn === current.length);
  assert.ok(hexagons.at - states[0].at >= 900, `the empty frame waited ${hexagons.at - states[0].at} ms before the hexagons`);
  assert.deepEqual([...new Set(states.map((s) => s.kind))], ['none', 'hexagons', 'boundaries'], 'nothing else in between');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // One digit of a coordinate changed (still a valid file, same size): refused by its SHA-256;
  // the hexagons stay, and the page says so.
  page = await phonePage(env.browser);
  const tampered = Buffer.from(original);
  let at = tampered.indexOf('"arcs"');
  while (!(tampered[at] >= 0x31 && tampered[at] <= 0x38)) at++;
  tampered[at] += 1;
  await page.route((url) => url.pathname === file, (r) => r.fulfill({ body: tampered, contentType: 'application/json' }));
  await page.goto(`${env.server.url}/kaart`);
  await page.locator('svg.coverage-map[data-geometry="hexagons"] path.muni').first().waitFor();
  await page.getByText('De gemeentegrenzen konden niet geladen worden; de schematische kaart wordt getoond.').waitFor();
  assert.deepEqual(await shapes(page), { kind: 'hexagons', drawn: current.length });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the boundaries are downloaded only for the map, not by the start page\'s idle warm-up', async () => {
  assert.ok(servedIndex.collections.geometry, 'the bundled endpoint lists its boundaries');
  const page = await phonePage(env.browser);
  const geometry = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith(`/data/v1/${servedIndex.collections.geometry.file}`)) geometry.push(r.url()); });
  // The warm-up loads the map's code (a wasm chunk) while the start page is idle, then renders
  // the map once off screen: the moment it used to ask for the boundaries.
  const chunk = page.waitForEvent('requestfinished', {
    predicate: (r) => /\/wasm-[0-9a-f]{16}\/(?!wegwijzer(?:\.js|_bg\.wasm)$|__wasm_split\.js$)[^/]+\.wasm$/.test(new URL(r.url()).pathname),
    timeout: 20_000,
  });
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await chunk;
  await page.waitForTimeout(1500);
  assert.deepEqual(geometry, [], 'no boundaries downloaded on the start page');
  await page.getByRole('link', { name: 'Kaart' }).click();
  await page.locator(FINAL_MAP).first().waitFor();
  assert.equal(geometry.length, 1, 'the opened map downloads them once');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('figures match the data, a tap shows the partnership and its contact', async () => {
  assert.ok(periods.length >= 2, 'the sample has two periods to compare');
  const latest = periods[periods.length - 1];
  const expected = expectedFigures(latest);
  const page = await phonePage(env.browser);
  await openMap(page);
  assert.equal(await page.locator('svg.coverage-map path.muni').count(), current.length);
  const shown = await figures(page);
  assert.equal(shown.partnerships, expected.partnerships);
  assert.equal(shown.coveredText, expected.coveredText);
  assert.equal(shown.share, expected.share);
  assert.equal(shown.population, expected.populationShare, 'every municipality has a population (Statbel 2020)');
  // The day the population counts refer to, from index.json.
  const [py, pm, pd] = servedIndex.population_date.split('-').map(Number);
  assert.equal((await page.locator('[data-figure="population-date"]').textContent()).trim(), `Aantal inwoners op ${pd} ${MONTHS[pm - 1]} ${py}.`);
  // "49 van 300" beside a map of 285: the page says why the totals differ.
  assert.equal((await page.locator('[data-figure="count-note"]').textContent()).trim(), expectedCountNote(latest, expected));

  // Tap a member of a sourced partnership with an address (of today's municipalities only, so
  // every member has its own shape).
  const partnership = expected.active.find((p) => p.contact.address && p.members.length > 1 && p.members.every(isToday));
  const nis = partnership.members[0];
  const name = municipalities.find((m) => m.nis === nis).name.nl;
  await chooseMunicipality(page, nis);
  const panel = page.locator('.selection-panel');
  await panel.locator('h2', { hasText: name }).waitFor();
  await panel.getByText(partnership.name, { exact: true }).first().waitFor();
  await panel.getByText(partnership.contact.address).waitFor();
  // The sourced partnerships publish no e-mail or phone; no link is made up.
  assert.equal(await panel.locator('a[href^="mailto:"], a[href^="tel:"]').count(), 0);
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
  const start = active.flatMap((p) => p.members).find(isToday);
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
  await panel.getByText(owner.name, { exact: true }).first().waitFor();
  await panel.getByText(owner.contact.organisation).first().waitFor();
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
  // On the served copy with an earlier, complete list (see `variant`).
  const data = { parts: variant.partnerships, listed: variant.listed };
  const all = periodsOf(variant.partnerships, variant.listed);
  const [earlier, latest] = [all[0], all[all.length - 1]];
  const before = expectedFigures(earlier, data);
  const after = expectedFigures(latest, data);
  const page = await phonePage(env.browser);
  await openMap(page, variant.server.url);
  await page.locator('#periode').selectOption({ label: `${earlier.from}–${earlier.to}` });
  await page.locator('#h-dekking', { hasText: `${earlier.from}–${earlier.to}` }).waitFor();
  const shown = await figures(page);
  assert.equal(shown.partnerships, before.partnerships);
  assert.equal(shown.coveredText, before.coveredText);
  assert.equal(shown.share, before.share);
  assert.notEqual(shown.coveredText, after.coveredText, 'the two periods differ');
  assert.equal((await page.locator('[data-figure="count-note"]').textContent()).trim(), expectedCountNote(earlier, before));

  await page.locator('#vergelijk').selectOption({ label: `${latest.from}–${latest.to}` });
  const comparison = page.locator('.comparison');
  await comparison.waitFor();
  // A municipality in no listed partnership of an incomplete period is not known to have joined
  // or left.
  const joined = before.complete ? [...after.covered].filter((n) => !before.covered.has(n)).length : 0;
  const left = after.complete ? [...before.covered].filter((n) => !after.covered.has(n)).length : 0;
  assert.ok(joined > 0, 'the sample has municipalities joining');
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
  assert.equal(await table.locator('tbody tr').count(), current.length);
  // A partnership of several of today's municipalities, so each member is one row.
  const partnership = active.find((p) => p.members.length > 1 && p.members.every(isToday));
  const member = municipalities.find((m) => m.nis === partnership.members[0]);
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${escape(member.name.nl)}$`) }) });
  assert.match(await row.textContent(), new RegExp(escape(partnership.name)));

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
  await cold.locator(FINAL_MAP).first().waitFor();
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
  await page.locator(FINAL_MAP).first().waitFor();
  assert.equal(await page.locator('svg.coverage-map g.shapes').innerHTML(), fresh);
  assert.equal(await page.locator('svg.coverage-map path.muni').count(), current.length);

  // The copied shapes answer like parsed ones: a tap selects, and the selection is drawn.
  const first = page.locator('svg.coverage-map path.muni').first();
  await chooseMunicipality(page, await first.getAttribute('data-nis'));
  await page.locator('svg.coverage-map path.muni.selected').waitFor();
  assert.equal(await page.locator('svg.coverage-map path.muni[aria-pressed="true"]').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('provenance, completeness and reported totals: three states, a source shown, figures labelled apart', async () => {
  const incomplete = periods.find((p) => !isComplete(p));
  assert.ok(incomplete, 'the bundled list of partnerships is not complete');
  const expected = expectedFigures(incomplete);
  const page = await phonePage(env.browser);
  await openMap(page);
  await page.locator('#periode').selectOption({ label: `${incomplete.from}–${incomplete.to}` });
  await page.locator('#h-dekking', { hasText: `${incomplete.from}–${incomplete.to}` }).waitFor();
  const fills = () => page.locator('svg.coverage-map path.muni').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));

  // An incomplete period: coloured (covered) and dotted (unknown), no hatch; the legend says so.
  let shown = await fills();
  // A shape of today's map is unknown when none of the municipalities it was in that year is covered.
  const expectedUnknown = current.filter((m) => expected.inYear(m.nis).every((n) => !expected.covered.has(n))).length;
  assert.ok(shown.some((f) => f.startsWith('#')), 'covered municipalities are coloured');
  assert.equal(shown.filter((f) => f === 'url(#onbekend)').length, expectedUnknown);
  assert.equal(shown.filter((f) => f === 'url(#niet-gedekt)').length, 0);
  await page.locator('.legend [data-legend="unknown"]').waitFor();

  // The figures: what the sources prove and how many are unknown, computed here from the JSON;
  // the reported totals apart, with their source, exactly as index.json has them.
  const f = await figures(page);
  assert.equal(f.coveredText, expected.coveredText);
  assert.equal(f.share, expected.share);
  assert.equal(f.population, expected.populationShare);
  assert.equal((await page.locator('[data-figure="unknown"]').textContent()).trim(), `${expected.unknown.size} gemeenten`);
  const reported = infoOf(incomplete).reported;
  const computed = page.locator('[data-figures="computed"]');
  const shownReported = page.locator('[data-figures="reported"]');
  assert.equal((await shownReported.locator('[data-reported="partnerships"]').textContent()).trim(), String(reported.partnerships));
  assert.equal((await shownReported.locator('[data-reported="covered"]').textContent()).trim(), `${reported.municipalities_covered} van ${reported.municipalities_total}`);
  const pct = (n) => `${n.approximate ? 'ongeveer ' : ''}${n.value.toFixed(1).replace('.', ',')} %`;
  assert.equal((await shownReported.locator('[data-reported="population-share"]').textContent()).trim(), pct(reported.population_share_pct));
  assert.match(await page.locator('[data-reported="source"]').textContent(), new RegExp(reported.source.replace(/[()]/g, '.')));
  assert.equal(await computed.locator('[data-reported]').count(), 0, 'reported and computed are never mixed');
  await page.getByRole('heading', { name: 'Gerapporteerd door de overheid' }).waitFor();

  // A member of a sourced partnership shows "Bron: <link>, gelezen op … · Zekerheid: …" and
  // the source's note (which evidence won, what it leaves open).
  assert.ok(expected.active.every((p) => p.source_url && !p.demo), 'every bundled partnership is sourced');
  const sourced = expected.active.find((p) => p.source_note && p.members.every(isToday));
  await chooseMunicipality(page, sourced.members[0]);
  const line = page.locator(`.selection-panel [data-source="${sourced.id}"]`);
  await line.waitFor();
  const read = sourced.source_read
    ? (([y, mo, d]) => `, gelezen op ${d} ${MONTHS[mo - 1]} ${y}`)(sourced.source_read.split('-').map(Number))
    : '';
  assert.match(await line.textContent(), new RegExp(`^Bron: \\S+${escape(read)}(, | · )?Zekerheid: `));
  assert.equal(await line.locator(`a[href="${sourced.source_url}"]`).count(), 1);
  assert.equal((await line.locator('.source-note').textContent()).trim(), sourced.source_note);
  // An unknown municipality says why, and so does its table row.
  const unknownNis = current.find((m) => expected.unknown.has(m.nis)).nis;
  await chooseMunicipality(page, unknownNis);
  await page.locator('.selection-panel [data-state="unknown"]').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Tabel' }).click();
  const table = page.locator('table.coverage-table');
  await table.waitFor();
  assert.equal(await table.locator('[data-state="unknown"]').count(), expectedUnknown);
  assert.equal(await table.locator(`[data-source="${sourced.id}"]`).count(), sourced.members.length);
  assert.deepEqual(await axeViolations(page), []);

  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a complete list: uncovered municipalities are hatched, none is unknown', async () => {
  // The third state, on the served copy with an earlier, complete list (see `variant`).
  const complete = variant.listed.find((p) => p.complete);
  const expected = expectedFigures(complete, { parts: variant.partnerships, listed: variant.listed });
  const page = await phonePage(env.browser);
  await openMap(page, variant.server.url);
  await page.locator('#periode').selectOption({ label: `${complete.from}–${complete.to}` });
  await page.locator('#h-dekking', { hasText: `${complete.from}–${complete.to}` }).waitFor();
  const shown = await page.locator('svg.coverage-map path.muni').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
  const f = await figures(page);
  assert.equal(f.coveredText, expected.coveredText);
  assert.equal(f.population, expected.populationShare);
  // A shape of today's map is uncovered when none of the municipalities it was in that year is covered.
  const uncovered = current.filter((m) => expected.inYear(m.nis).every((n) => !expected.covered.has(n))).length;
  assert.equal(shown.filter((x) => x === 'url(#niet-gedekt)').length, uncovered);
  assert.ok(shown.some((f) => f === 'url(#niet-gedekt)'), 'uncovered municipalities are hatched');
  assert.equal(shown.filter((f) => f === 'url(#onbekend)').length, 0);
  assert.equal(await page.locator('[data-figure="unknown"]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
