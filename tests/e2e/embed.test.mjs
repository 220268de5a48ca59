// End-to-end: embedding on a municipality's site, with TWO origins on 127.0.0.1. The host page
// is served on one port and includes embed.js from the app on another; a third origin
// (localhost on the host's port) plays a foreign frame that posts messages it should not be
// obeyed for. Expectations are computed from the served sample JSON, never typed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, phonePage, axeViolations, readSample, chooseMunicipality, watchPicture } from './harness.mjs';

const partnerships = readSample('partnerships');
const initiatives = readSample('initiatives');
const municipalities = readSample('municipalities');

// The region: the partnership of the latest period with the most initiatives in reach.
const inReach = (p) =>
  initiatives.filter((i) => p.members.includes(i.nis) || (i.serves ?? []).some((n) => p.members.includes(n)));
const latest = Math.max(...partnerships.map((p) => p.period.from));
// Of today's municipalities only: a member merged since 2025 is reached through its new one.
const today = new Set(municipalities.filter((m) => !m.ceased).map((m) => m.nis));
const region = partnerships
  .filter((p) => p.period.from === latest && p.members.every((n) => today.has(n)))
  .sort((a, b) => inReach(b).length - inReach(a).length)[0];
const expected = inReach(region);
const outside = municipalities.find((m) => !m.ceased && !region.members.includes(m.nis));

let hostDir, host, app, browser;

function writeHostPage(name, attributes) {
  const attrs = Object.entries(attributes).map(([k, v]) => ` data-${k}="${v}"`).join('');
  fs.writeFileSync(
    path.join(hostDir, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gemeente Testdorp</title></head>
<body><main><h1>Gemeente Testdorp</h1><p>Our site, with Wegwijzer below.</p>
<div id="wegwijzer" data-wegwijzer${attrs}></div>
<script src="${app.url}/embed.js" async></script>
<p id="after">Footer of the host page.</p></main></body></html>`,
  );
}

before(async () => {
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-host-'));
  host = await startServer({ root: hostDir, extra: [] });
  // The app sends the frame-ancestors header the README recommends, naming the host.
  app = await startServer({ extra: ['--frame-ancestors', `'self' ${host.url}`] });
  const hostPort = new URL(host.url).port;
  // A page of a third origin (localhost ≠ 127.0.0.1) that tries to command both frames.
  fs.writeFileSync(
    path.join(hostDir, 'foreign.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Foreign</title></head><body><script>
      parent.postMessage({ type: 'wegwijzer:height', height: 4321 }, '*');
      parent.frames[0].postMessage({ type: 'wegwijzer:language', lang: 'en' }, '*');
      document.title = 'sent';
    </script></body></html>`,
  );
  writeHostPage('region.html', { regio: region.id, taal: 'fr', kleur: '#7a1f5c', achtergrond: '#fffdf5' });
  writeHostPage('map.html', { weergave: 'kaart', regio: region.id, taal: 'nl' });
  writeHostPage('one.html', { weergave: 'initiatief', id: expected[0].id, taal: 'en', compact: '1', toon: '' });
  writeHostPage('bad.html', { regio: 'atlantis', kleur: '#ffff00', taal: 'nl', toon: 'zoeken' });
  writeHostPage('plain.html', { regio: region.id, taal: 'fr' });
  host.foreignUrl = `http://localhost:${hostPort}/foreign.html`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await app?.stop();
  fs.rmSync(hostDir, { recursive: true, force: true });
});

/** Opens a host page and resolves to { page, frame } once the embedded app shows `selector`. */
async function openHost(name, selector) {
  const page = await phonePage(browser);
  await page.goto(`${host.url}/${name}`);
  const iframe = page.locator('#wegwijzer iframe');
  await iframe.waitFor();
  await page.frameLocator('#wegwijzer iframe').locator(selector).first().waitFor();
  const frame = page.frames().find((f) => f.url().startsWith(app.url));
  assert.ok(frame, 'the iframe comes from the app origin');
  return { page, frame, iframe };
}

const countIn = async (frame) => Number((await frame.locator('.result-count').textContent()).match(/\d+/)[0]);

async function heightsAgree(page, frame) {
  const inner = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const outer = await page.locator('#wegwijzer iframe').evaluate((el) => el.getBoundingClientRect().height);
  return { inner, outer, agree: Math.abs(inner - outer) <= 1 };
}

test('the iframe shows only the region, in the requested language and colours', async () => {
  const { page, frame } = await openHost('region.html', '.cards li');
  // Embed mode: no site header or footer of the app.
  assert.equal(await frame.locator('.site-header').count(), 0);
  assert.equal(await frame.locator('.site-footer').count(), 0);
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal((await frame.locator('h1').textContent()).trim(), 'Initiatives');

  assert.equal(await countIn(frame), expected.length);
  const shown = await frame.locator('.cards .card-title').allTextContents();
  const names = new Set(expected.map((i) => i.name));
  assert.equal(shown.length, Math.min(expected.length, 20));
  for (const name of shown) assert.ok(names.has(name.trim()), `${name} is in ${region.id}`);

  const colours = await frame.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    const link = document.querySelector('.card-title a');
    return { primary: style.getPropertyValue('--primary').trim(), link: getComputedStyle(link).color, bg: getComputedStyle(document.body).backgroundColor };
  });
  assert.equal(colours.primary, '#7a1f5c');
  assert.equal(colours.link, 'rgb(122, 31, 92)');
  assert.equal(colours.bg, 'rgb(255, 253, 245)');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a first visit to a partnership\'s embed paints the build\'s picture of it until the app has drawn it; other embeds and later visits do not ask for one', async () => {
  const page = await phonePage(browser);
  const context = page.context();
  // In the app's frame: what the page showed before the app drew itself.
  await watchPicture(context, { embedOnly: true });
  const asked = [];
  context.on('request', (r) => {
    if (r.url().includes('/embed-pictures/')) asked.push(new URL(r.url()).pathname);
  });
  const open = async (name) => {
    await page.goto(`${host.url}/${name}`);
    await page.frameLocator('#wegwijzer iframe').locator('main:not([data-first-paint]) .cards li').first().waitFor();
    const frame = page.frames().find((f) => f.url().startsWith(app.url));
    await frame.waitForFunction(() => !document.querySelector('[data-first-paint]'));
    return frame;
  };

  const frame = await open('plain.html');
  assert.deepEqual(asked, [`/embed-pictures/${region.id}.fr.json`]);
  const picture = await frame.evaluate(() => window.__picture);
  assert.ok(picture, 'the build\'s picture of the embed was painted');
  assert.equal(picture.lang, 'fr');
  assert.equal(picture.embedClass, true);
  assert.equal(picture.allInert, true);
  assert.equal(picture.appShown, false, 'the app\'s page showed beside the picture');
  assert.equal(picture.heading, await frame.locator('main h1').textContent());
  const cards = await frame.locator('.cards .card-title').allTextContents();
  assert.ok(picture.cards.length > 0 && picture.cards.length <= cards.length, JSON.stringify(picture.cards));
  assert.deepEqual(picture.cards, cards.slice(0, picture.cards.length));
  assert.equal(await frame.evaluate(() => window.__blank), false, 'the picture went before the page was drawn');
  // The app's code is asked for once the picture is on screen (picture-painted.js).
  const order = await frame.evaluate(() => ({
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    wasm: performance.getEntriesByType('resource').find((r) => /_bg\.wasm$/.test(r.name))?.startTime,
  }));
  assert.ok(order.painted !== undefined && order.wasm >= order.painted, JSON.stringify(order));
  await frame.waitForTimeout(500);
  assert.ok(await frame.evaluate(() => window.__shift) <= 0.02, `layout shift ${await frame.evaluate(() => window.__shift)}`);

  // Colours change what the embed looks like: no picture is asked for. Neither on a later
  // visit, which the service worker starts from the stored copy.
  await frame.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  for (const name of ['region.html', 'plain.html']) {
    const again = await open(name);
    assert.equal(await again.evaluate(() => window.__picture), null, name);
  }
  assert.equal(asked.length, 1, JSON.stringify(asked));
  assert.deepEqual(page.errors, []);
  await context.close();

  // A picture of another build, or none at all: not painted, and the app draws the embed.
  for (const answer of [{ json: { build: '/wasm-0000/wegwijzer.js', endpoint: 'data/v1/', lang: 'fr', html: '<main><h1>Oud</h1></main>' } }, { status: 404, body: '' }]) {
    const other = await phonePage(browser);
    await other.context().addInitScript(() => {
      window.__painted = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-first-paint]')) window.__painted = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await other.context().route(/\/embed-pictures\//, (r) => r.fulfill(answer));
    await other.goto(`${host.url}/plain.html`);
    await other.frameLocator('#wegwijzer iframe').locator('main .cards li').first().waitFor();
    const inner = other.frames().find((f) => f.url().startsWith(app.url));
    assert.equal(await inner.evaluate(() => window.__painted), false, JSON.stringify(answer));
    assert.deepEqual(other.errors, []);
    await other.context().close();
  }
});

test('the height follows the content', async () => {
  const { page, frame } = await openHost('region.html', '.cards li');
  let h = await heightsAgree(page, frame);
  for (let i = 0; i < 50 && !h.agree; i++) {
    await page.waitForTimeout(100);
    h = await heightsAgree(page, frame);
  }
  assert.ok(h.agree, `iframe ${h.outer}px follows its content ${h.inner}px`);
  assert.ok(h.outer > 740, 'a long list makes the frame taller than the screen instead of scrolling inside it');
  const before = h.outer;

  // A search that matches one initiative: the content shrinks, and so does the iframe.
  await frame.locator('#zoek').fill(expected[0].name);
  await frame.waitForFunction(() => document.querySelectorAll('.cards li').length <= 3);
  await page.waitForFunction((b) => document.querySelector('#wegwijzer iframe').getBoundingClientRect().height < b - 200, before);
  h = await heightsAgree(page, frame);
  for (let i = 0; i < 50 && !h.agree; i++) {
    await page.waitForTimeout(100);
    h = await heightsAgree(page, frame);
  }
  assert.ok(h.agree, `after the search: iframe ${h.outer}px, content ${h.inner}px`);
  await page.context().close();
});

test('messages from a foreign origin are ignored; the host page can command the app', async () => {
  const { page, frame } = await openHost('region.html', '.cards li');
  const heightBefore = await page.locator('#wegwijzer iframe').evaluate((el) => el.style.height);
  // The foreign frame (another origin) posts a height to the host and a language to the app.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'foreign';
    f.src = src;
    document.body.appendChild(f);
  }, host.foreignUrl);
  await page.frameLocator('#foreign').locator('body').waitFor({ state: 'attached' });
  const foreign = page.frames().find((f) => f.url().startsWith(host.foreignUrl));
  await foreign.waitForFunction(() => document.title === 'sent');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#wegwijzer iframe').evaluate((el) => el.style.height), heightBefore);
  assert.notEqual(heightBefore, '4321px');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'fr', 'a foreign command is ignored');

  // The same command from the embedding page itself (the `ouder` origin) is obeyed.
  await page.evaluate(() => {
    document.querySelector('#wegwijzer iframe').contentWindow.postMessage({ type: 'wegwijzer:language', lang: 'en' }, '*');
  });
  await frame.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await frame.locator('h1').textContent()).trim(), 'Initiatives');
  await page.context().close();
});

test('the map view works inside the iframe; links leaving the region open the full app in a new tab', async () => {
  // The boundaries (the bundled endpoint lists them), not the hexagons shown while they load.
  const { page, frame } = await openHost('map.html', 'svg.coverage-map[data-geometry="boundaries"] path.muni');
  assert.match(frame.url(), /\/kaart\?/);
  // Select a municipality of the region by keyboard, then one outside it by tap.
  const inside = region.members[0];
  await frame.locator(`svg.coverage-map path.muni[data-nis="${inside}"]`).focus();
  await page.keyboard.press('Enter');
  await frame.locator('.selection-panel h2').waitFor();
  const insideLink = frame.locator('.selection-panel a.directory-link');
  assert.equal(await insideLink.getAttribute('target'), null, 'inside the region the link stays in the frame');

  await chooseMunicipality(frame, outside.nis);
  await frame.locator('.selection-panel h2', { hasText: outside.name.nl }).waitFor();
  const outsideLink = frame.locator('.selection-panel a.directory-link');
  assert.equal(await outsideLink.getAttribute('target'), '_blank');
  assert.equal(await outsideLink.getAttribute('href'), `/?gemeente=${outside.nis}`);

  const violations = await axeViolations(frame);
  assert.deepEqual(violations, [], violations.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown region and a weak colour fall back clearly, never a blank frame', async () => {
  const { page, frame } = await openHost('bad.html', '.cards li');
  const notice = await frame.locator('.embed-notice').textContent();
  assert.match(notice, /atlantis/);
  assert.equal(await countIn(frame), initiatives.length, 'without a known region all of Flanders is shown');
  assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()), '#0b5c4b');
  // toon=zoeken: search only, no filters and no map switch.
  assert.equal(await frame.locator('#zoek').count(), 1);
  assert.equal(await frame.locator('[aria-controls="filters"]').count(), 0);
  assert.equal(await frame.locator('.embed-nav').count(), 0);
  await page.context().close();
});

test('one initiative: the view opens on its page, compact, without controls', async () => {
  const { page, frame } = await openHost('one.html', 'h1');
  assert.match(frame.url(), new RegExp(`/initiatief/${expected[0].id}\\?`));
  assert.equal((await frame.locator('h1').textContent()).trim(), expected[0].name);
  assert.equal(await frame.evaluate(() => document.documentElement.className), 'embed compact');
  assert.equal(await frame.locator('.embed-nav').count(), 0, 'toon= (empty): no list/map switch');
  const violations = await axeViolations(frame);
  assert.deepEqual(violations, [], violations.join('\n'));
  await page.context().close();
});

test('axe-core finds no violations inside the embedded list', async () => {
  const { page, frame } = await openHost('region.html', '.cards li');
  const violations = await axeViolations(frame);
  assert.deepEqual(violations, [], violations.join('\n'));
  await page.context().close();
});

test('the builder writes the snippet and previews it', async () => {
  const page = await phonePage(browser);
  await page.goto(`${app.url}/insluiten`);
  await page.locator('#b-regie').selectOption(region.id);
  await page.locator('#b-weergave').selectOption('kaart');
  await page.locator('#b-kleur').fill('#ffff00');
  const script = await page.locator('#b-script').inputValue();
  assert.match(script, new RegExp(`data-weergave="kaart" data-regio="${region.id}"`));
  assert.match(script, new RegExp(`<script src="${app.url}/embed.js" async></script>`));
  assert.doesNotMatch(script, /data-kleur/, 'a refused colour is not written into the snippet');
  assert.match(await page.locator('.builder-problems').textContent(), /contrast/);
  const iframe = await page.locator('#b-iframe').inputValue();
  assert.match(iframe, new RegExp(`src="${app.url}/\\?embed=1&amp;weergave=kaart&amp;regio=${region.id}`));
  const preview = page.locator('iframe.embed-preview');
  assert.match(await preview.getAttribute('src'), new RegExp(`regio=${region.id}`));
  await page.frameLocator('iframe.embed-preview').locator('svg.coverage-map path.muni').first().waitFor();
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await page.context().close();
});
