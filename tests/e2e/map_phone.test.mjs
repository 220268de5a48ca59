// End-to-end: the coverage map (/kaart) used on a 360 x 740 phone: a frame that fills the width at
// a useful height, zoom by buttons and pinch, full screen, "find a municipality", tap targets,
// opening on the user's municipality or an embed's region, and what was found on the map and in
// the lists (a partnership named with its period, the figures' count explained, the table's
// partnership column on screen). Expected values come from the served JSON, never typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, readSample, phonePage, axeViolations, chooseMunicipality } from './harness.mjs';

const env = useServerAndBrowser();
const municipalities = readSample('municipalities');
const partnerships = readSample('partnerships');
const initiatives = readSample('initiatives');
const current = municipalities.filter((m) => !m.ceased);
const byNis = new Map(municipalities.map((m) => [m.nis, m]));
const latestTo = Math.max(...partnerships.map((p) => p.period.to));
const latest = partnerships.filter((p) => p.period.to === latestTo);
const periodLabel = (p) => `${p.period.from}–${p.period.to}`;
// A partnership of the latest period and its first member on today's map (a 2020-2025 list may
// name a municipality merged since, which the map draws as part of its new municipality).
const isToday = (nis) => byNis.has(nis) && !byNis.get(nis).ceased;
const sampled = latest.find((p) => p.members.some(isToday));
const sampledMember = byNis.get(sampled.members.find(isToday));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MIN_TARGET = 24;

async function openMap(page, query = '') {
  await page.goto(`${env.server.url}/kaart${query}`);
  await mapDrawn(page);
}

/**
 * Waits until the map's shapes are drawn and the window fitted to the frame: the shapes are
 * written in a task after the map, the fit is made in the frame after the map (map_svg.rs).
 */
async function mapDrawn(page) {
  await page.locator('svg.coverage-map path.muni').first().waitFor();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(() => document.querySelector('svg.coverage-map')?.getAttribute('data-zoom'));
}

const zoomOf = async (page) => Number(await page.locator('svg.coverage-map').getAttribute('data-zoom'));
const viewBoxWidth = async (page) => Number((await page.locator('svg.coverage-map').getAttribute('viewBox')).split(' ')[2]);
/**
 * Two touch pointers on the map's middle, `from` px apart, moving symmetrically in six steps to
 * `to` px apart, as PointerEvents (the app listens to pointer events, not touch events).
 */
const pinch = (svg, from, to) => svg.evaluate((el, [from, to]) => {
  const r = el.getBoundingClientRect();
  const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
  const fire = (type, pointerId, gap) => el.dispatchEvent(new PointerEvent(type, {
    pointerId, pointerType: 'touch', isPrimary: pointerId === 1, clientX: cx + (pointerId === 1 ? -gap : gap) / 2, clientY: cy, bubbles: true,
  }));
  fire('pointerdown', 1, from);
  fire('pointerdown', 2, from);
  for (let step = 1; step <= 6; step += 1) {
    const gap = from + ((to - from) * step) / 6;
    fire('pointermove', 1, gap);
    fire('pointermove', 2, gap);
  }
  fire('pointerup', 1, to);
  fire('pointerup', 2, to);
}, [from, to]);
const pageWidth = (page) => page.evaluate(() => document.scrollingElement.scrollWidth);

/** The smaller side, in CSS px, of each shape on screen. */
const shapeSizes = (page) => page.locator('svg.coverage-map path.muni').evaluateAll((paths) =>
  paths.map((p) => { const b = p.getBoundingClientRect(); return { nis: p.dataset.nis, size: Math.min(b.width, b.height) }; }));

/** Whether the box `inner` lies within `outer` (a pixel of rounding allowed). */
const within = (inner, outer) => inner.x >= outer.x - 1 && inner.y >= outer.y - 1
  && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

test('the map fills the phone\'s width at a useful height; buttons sit beside it, zoom in and out, and pinch zooms', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  const svg = page.locator('svg.coverage-map');
  const box = await svg.boundingBox();
  const frame = await page.locator('.map-frame').boundingBox();
  // The map's frame spans the content column (the page keeps its side margins) and is tall.
  const main = await page.locator('main').evaluate((m) => {
    const s = getComputedStyle(m);
    return m.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  });
  assert.ok(Math.abs(frame.width - main) <= 1, `frame ${frame.width} px in a column of ${main} px`);
  assert.ok(box.width >= 0.85 * 360, `map ${box.width} px wide`);
  assert.ok(box.height >= 300, `map ${box.height} px high`);
  assert.ok(await pageWidth(page) <= 360, 'nothing scrolls sideways');

  // The buttons do not cover the drawing, and are big enough to tap.
  for (const action of ['zoom-in', 'zoom-out', 'reset', 'full-screen']) {
    const b = await page.locator(`.map-controls [data-action="${action}"]`).boundingBox();
    assert.ok(b.width >= MIN_TARGET && b.height >= MIN_TARGET, `${action}: ${b.width} x ${b.height}`);
    const overlaps = b.x < box.x + box.width && box.x < b.x + b.width && b.y < box.y + box.height && box.y < b.y + b.height;
    assert.ok(!overlaps, `${action} covers the map`);
  }

  const whole = await viewBoxWidth(page);
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  const zoomed = await viewBoxWidth(page);
  assert.ok(zoomed < whole, `zoom in: ${zoomed} < ${whole}`);
  await page.getByRole('button', { name: 'Uitzoomen' }).click();
  assert.ok(await viewBoxWidth(page) > zoomed, 'zoom out');
  assert.equal(await zoomOf(page), 1);

  // Pinch: two touch pointers moving apart around the middle of the map zoom in about it.
  const before = await zoomOf(page);
  await pinch(svg, 40, 160);
  const pinched = await zoomOf(page);
  // The fingers went from 40 px apart to 160: four times closer.
  assert.ok(pinched > before * 3.5, `pinch zoomed from ${before} to ${pinched}`);
  // Pinching in the other direction zooms back out.
  await pinch(svg, 160, 40);
  assert.ok(await zoomOf(page) < pinched, 'pinching in zooms out');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('full screen: the map fills the viewport, Escape leaves it', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  const toggle = page.locator('.map-controls [data-action="full-screen"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  await page.locator('.map-frame.full-screen').waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const frame = await page.locator('.map-frame').boundingBox();
  assert.ok(frame.width >= 359 && frame.height >= 739, `full screen frame ${frame.width} x ${frame.height}`);
  // The window takes the taller frame's shape: the map drawing grows with it.
  await page.waitForFunction(() => document.querySelector('svg.coverage-map').getBoundingClientRect().height > 500);
  const [, , w, h] = (await page.locator('svg.coverage-map').getAttribute('viewBox')).split(' ').map(Number);
  const svg = await page.locator('svg.coverage-map').boundingBox();
  assert.ok(Math.abs(h / w - svg.height / svg.width) < 0.02, 'the view box has the frame\'s shape');
  assert.deepEqual(await axeViolations(page), []);

  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.map-frame.full-screen'));
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  const back = await page.locator('svg.coverage-map').boundingBox();
  assert.ok(back.height >= 300 && back.height < 700, `back in the page: ${back.height} px`);
  // The button leaves full screen too.
  await toggle.click();
  await page.locator('.map-frame.full-screen').waitFor();
  await toggle.click();
  await page.waitForFunction(() => !document.querySelector('.map-frame.full-screen'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('find a municipality: suggestions, then it is chosen, zoomed to and its panel opens', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  const box = page.getByLabel('Zoek een gemeente op de kaart');
  const suggestions = await page.locator(`datalist#${await box.getAttribute('list')} option`).evaluateAll((o) => o.map((x) => x.value));
  assert.equal(suggestions.length, new Set(current.map((m) => m.name.nl)).size);
  const member = byNis.get(latest[latest.length - 1].members[0]);
  assert.ok(suggestions.includes(member.name.nl));

  await box.fill(member.name.nl);
  const panel = page.locator('.selection-panel');
  await panel.locator('h2', { hasText: member.name.nl }).waitFor();
  const path = page.locator(`path.muni[data-nis="${member.nis}"]`);
  assert.equal(await path.getAttribute('aria-pressed'), 'true');
  assert.ok(await zoomOf(page) > 1, 'zoomed to it');
  const shape = await path.boundingBox();
  assert.ok(within(shape, await page.locator('svg.coverage-map').boundingBox()), 'on screen');
  assert.ok(Math.min(shape.width, shape.height) >= MIN_TARGET, `${shape.width} x ${shape.height} px`);

  // A postcode finds its municipality; an unknown name says so and keeps the choice.
  const other = current.find((m) => m.nis !== member.nis && m.postcodes?.length);
  await box.fill(other.postcodes[0]);
  await panel.locator('h2', { hasText: other.name.nl }).waitFor();
  await box.fill('Atlantis');
  await box.press('Enter');
  await page.locator('.map-find [role="status"]', { hasText: 'Atlantis' }).waitFor();
  assert.equal(await page.locator(`path.muni[data-nis="${other.nis}"]`).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('tap targets: a municipality too small to tap zooms in first, then it is 24 px or more and a tap chooses it', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  const sizes = await shapeSizes(page);
  const small = sizes.filter((s) => s.size < MIN_TARGET);
  if (small.length === 0) {
    // Every municipality is big enough at the opening zoom: nothing to zoom first.
    assert.ok(sizes.every((s) => s.size >= MIN_TARGET));
  } else {
    const target = small[Math.floor(small.length / 2)].nis;
    const path = page.locator(`path.muni[data-nis="${target}"]`);
    const before = await zoomOf(page);
    await path.click();
    assert.equal(await path.getAttribute('aria-pressed'), 'false', 'the first tap zooms, it does not choose');
    assert.ok(await zoomOf(page) > before, 'zoomed in');
    await page.locator('.map-status', { hasText: byNis.get(target).name.nl }).waitFor();
    const b = await path.boundingBox();
    assert.ok(Math.min(b.width, b.height) >= MIN_TARGET, `after tap-to-zoom: ${b.width} x ${b.height} px`);
    await path.click();
    assert.equal(await path.getAttribute('aria-pressed'), 'true', 'the next tap chooses');
    await page.locator('.selection-panel h2', { hasText: byNis.get(target).name.nl }).waitFor();
    assert.equal(await page.locator('.map-status').textContent(), '');
  }
  // A drag pans and chooses nothing.
  const svg = await page.locator('svg.coverage-map').boundingBox();
  const chosen = await page.locator('path.muni[aria-pressed="true"]').count();
  const viewBox = await page.locator('svg.coverage-map').getAttribute('viewBox');
  await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
  await page.mouse.down();
  await page.mouse.move(svg.x + svg.width / 2 - 60, svg.y + svg.height / 2, { steps: 6 });
  await page.mouse.up();
  assert.notEqual(await page.locator('svg.coverage-map').getAttribute('viewBox'), viewBox, 'dragging pans');
  assert.equal(await page.locator('path.muni[aria-pressed="true"]').count(), chosen);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the map opens on the user\'s municipality (this URL, a search in the directory, the shared location) or on an embed\'s region', async () => {
  const member = sampledMember;
  const province = current.filter((m) => m.province === member.province);
  const onScreen = async (page, codes) => {
    const svg = await page.locator('svg.coverage-map').boundingBox();
    const boxes = await Promise.all(codes.map((nis) => page.locator(`path.muni[data-nis="${nis}"]`).boundingBox()));
    return boxes.filter((b) => within(b, svg)).length;
  };

  // /kaart?gemeente=: chosen, its panel open, the map on its province.
  let page = await phonePage(env.browser);
  await openMap(page, `?gemeente=${member.nis}`);
  await page.locator('.selection-panel h2', { hasText: member.name.nl }).waitFor();
  assert.equal(await page.locator(`path.muni[data-nis="${member.nis}"]`).getAttribute('aria-pressed'), 'true');
  assert.ok(await zoomOf(page) > 1, 'zoomed to the province');
  assert.equal(await onScreen(page, province.map((m) => m.nis)), province.length, 'the whole province is on screen');
  assert.ok(await onScreen(page, current.map((m) => m.nis)) < current.length, 'not all of Flanders');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // A municipality looked for in the directory (its postcode in the search box), then the map.
  page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=${member.postcodes[0]}`);
  await page.locator('.scope').waitFor();
  await page.getByRole('link', { name: 'Kaart' }).click();
  await page.locator('.selection-panel h2', { hasText: member.name.nl }).waitFor();
  await mapDrawn(page);
  assert.ok(await zoomOf(page) > 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The device location the user shared for "near me": the map opens on the municipality
  // whose point is nearest (here: exactly a municipality's point), without asking again.
  const there = current.find((m) => m.point && m.nis !== member.nis);
  const context = await env.browser.newContext({
    viewport: { width: 360, height: 740 }, locale: 'nl-BE',
    geolocation: { latitude: there.point.lat, longitude: there.point.lon }, permissions: ['geolocation'],
  });
  page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  await page.goto(`${env.server.url}/?plaats=hier`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('link', { name: 'Kaart' }).click();
  await page.locator('.selection-panel h2', { hasText: there.name.nl }).waitFor();
  assert.equal(await page.locator(`path.muni[data-nis="${there.nis}"]`).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.errors, []);
  await context.close();

  // An embed's region (a partnership): all its members on screen, zoomed in.
  const region = latest.find((p) => p.members.length > 1);
  page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?embed=1&weergave=kaart&regio=${region.id}`);
  await page.locator('svg.coverage-map path.muni').first().waitFor();
  await page.waitForFunction(() => Number(document.querySelector('svg.coverage-map')?.getAttribute('data-zoom')) > 1);
  const members = region.members.map((nis) => (byNis.get(nis).ceased ? byNis.get(nis).merged_into : nis));
  assert.equal(await onScreen(page, [...new Set(members)]), new Set(members).size);
  assert.ok(await pageWidth(page) <= 360);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a partnership is named with its period in the filter list and the detail page shows the current one', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('button', { name: /^Filters/ }).click();
  const labels = await page.locator('#filters input[id^="f-regie-"]').evaluateAll((inputs) =>
    inputs.map((i) => ({ id: i.id.slice('f-regie-'.length), text: document.querySelector(`label[for="${i.id}"]`).textContent })));
  assert.ok(labels.length > 0);
  for (const { id, text } of labels) {
    const p = partnerships.find((x) => x.id === id);
    assert.ok(text.startsWith(`${p.name} (${periodLabel(p)})`), `${text} carries its period`);
  }
  const names = labels.map((l) => l.text.replace(/ \(\d+\)$/, ''));
  assert.equal(new Set(names).size, names.length, 'no two entries read the same');

  // The detail page of an initiative in a municipality with partnerships in more than one
  // period (else any with one): the current one, with its period.
  const year = new Date().getFullYear();
  const periodsOf = (nis) => partnerships.filter((p) => p.members.includes(nis));
  const initiative = initiatives.find((i) => new Set(periodsOf(i.nis).map(periodLabel)).size > 1)
    ?? initiatives.find((i) => periodsOf(i.nis).length > 0);
  const mine = periodsOf(initiative.nis);
  let now = mine.filter((p) => p.period.from <= year && year <= p.period.to);
  if (now.length === 0) {
    const to = Math.max(...mine.map((p) => p.period.to));
    now = mine.filter((p) => p.period.to === to);
  }
  const expected = now.sort((a, b) => b.period.to - a.period.to || a.id.localeCompare(b.id)).map((p) => `${p.name} (${periodLabel(p)})`).join(', ');
  await page.goto(`${env.server.url}/initiatief/${initiative.id}`);
  const section = page.locator('section[aria-labelledby="h-partnership"] p');
  await section.waitFor();
  assert.equal((await section.textContent()).trim(), expected);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the table keeps the partnership on screen at 360 px, stat labels fit their tiles, axe is clean', async () => {
  const page = await phonePage(env.browser);
  await openMap(page);
  // Every stat tile's label stays inside its tile.
  const overflowing = await page.locator('.figures .figure dt').evaluateAll((dts) => dts
    .filter((dt) => dt.scrollWidth > dt.clientWidth + 1 || dt.getBoundingClientRect().right > dt.parentElement.getBoundingClientRect().right)
    .map((dt) => dt.textContent));
  assert.deepEqual(overflowing, []);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Tabel' }).click();
  const table = page.locator('table.coverage-table');
  await table.waitFor();
  const headers = await table.locator('thead th').allTextContents();
  assert.match(headers[1], /Samenwerkingsverband/, 'the answer is the second column');
  const column = await table.locator('thead th').nth(1).boundingBox();
  assert.ok(column.x + column.width <= 360, `partnership column ends at ${column.x + column.width} px`);
  const member = sampledMember;
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${member.name.nl}$`) }) });
  const cell = await row.locator('td').first().boundingBox();
  assert.ok(cell.x + cell.width <= 360, 'its cell is on screen');
  assert.match(await row.locator('td').first().textContent(), new RegExp(escapeRe(sampled.name)));
  assert.ok(await pageWidth(page) <= 360, 'nothing scrolls sideways');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
