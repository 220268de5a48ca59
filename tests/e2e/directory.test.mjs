// End-to-end: the directory a citizen uses on a phone (360 px): forgiving search, facets kept
// in the URL, languages, history. Expected results are derived from the served sample data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, readSample, phonePage, axeViolations } from './harness.mjs';

const env = useServerAndBrowser();
const initiatives = readSample('initiatives');
const categories = readSample('categories');

/** Replaces one inner letter of the longest word: a realistic one-letter typo. */
function withTypo(text) {
  const words = text.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const i = Math.floor(longest.length / 2);
  const swapped = longest.slice(0, i) + (longest[i] === 'e' ? 'a' : 'e') + longest.slice(i + 1);
  return words.map((w) => (w === longest ? swapped : w)).join(' ');
}

async function resultNames(page, n = 3) {
  return page.locator('.cards > li .card-title a').evaluateAll((as, n) => as.slice(0, n).map((a) => a.textContent), n);
}

test('a query with a typo finds the initiative, which opens on a 360 px phone', async () => {
  // The name without "(demo)", e.g. "Fietspunt De Zonnewijzer Ieper", with one typo.
  const target = initiatives.find((i) => i.name.replace(' (demo)', '').split(' ').some((w) => w.length >= 7));
  const query = withTypo(target.name.replace(' (demo)', ''));
  assert.notEqual(query, target.name);
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByLabel('Zoeken').pressSequentially(query, { delay: 20 });
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, query);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const top = await resultNames(page);
  assert.ok(top.includes(target.name), `"${query}" should find "${target.name}" in the top 3, got ${JSON.stringify(top)}`);
  await page.locator('.card-title a', { hasText: target.name }).first().click();
  await page.waitForURL(`${env.server.url}/initiatief/${target.id}`);
  await page.locator('h1', { hasText: target.name }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('accents, case and word forms do not matter', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=ENERGIESNOEIER`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const upper = await resultNames(page, 1);
  assert.match(upper[0], /energiesnoeier/i);
  await page.goto(`${env.server.url}/?q=fietsen`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  assert.match((await resultNames(page, 1))[0], /fiets/i);
  await page.context().close();
});

/** What each shown card says, read from the page: [href, name, kind, services, place, open line]. */
async function cardTexts(page) {
  return page.locator('main .cards:not(.nearest) > li').evaluateAll((lis) => lis.map((li) => [
    li.querySelector('.card-title a').getAttribute('href'),
    li.querySelector('.card-title a').textContent,
    li.querySelector('.card-kind').textContent,
    li.querySelector('.card-services').textContent,
    li.querySelector('.card-place').textContent,
    li.querySelector('.open-line')?.textContent ?? null,
  ]));
}

/** Asserts that every card says what the sample data says of the initiative it links to. */
function assertCardsMatchData(cards, what) {
  const municipalities = readSample('municipalities');
  const label = (id) => categories.find((c) => c.id === id)?.label.nl ?? id;
  assert.ok(cards.length > 0, `${what}: no cards`);
  for (const [href, name, kind, services, place, line] of cards) {
    const i = initiatives.find((x) => href === `/initiatief/${x.id}`);
    assert.ok(i, `${what}: a card links to ${href}`);
    assert.equal(name, i.name, `${what}: name on the card of ${i.id}`);
    assert.equal(kind, label(i.kind), `${what}: kind on the card of ${i.id}`);
    assert.equal(services, `Diensten: ${i.services.map(label).join(', ')}`, `${what}: services on the card of ${i.id}`);
    assert.equal(place, `Gemeente: ${municipalities.find((m) => m.nis === i.nis).name.nl}`, `${what}: place on the card of ${i.id}`);
    if (i.status === 'temporarily_closed') assert.equal(line, 'Tijdelijk gesloten', `${what}: ${i.id}`);
    if (i.status === 'closed') assert.equal(line, 'Definitief gesloten', `${what}: ${i.id}`);
    if (!i.status && !i.opening_hours) assert.equal(line, null, `${what}: ${i.id} has no hours`);
  }
}

test('as the user types, each position of the list keeps its card and shows the new initiative in full', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const first = page.locator('main .cards > li').first();
  const before = await first.locator('.card-title a').textContent();
  await first.evaluate((li) => { li.wegwijzerProbe = true; });
  const box = page.getByLabel('Zoeken');
  // A query whose best match is another initiative than the default list's first.
  const target = initiatives.find((i) => i.name !== before && /^Klusdienst /.test(i.name)) ?? initiatives.find((i) => i.name !== before);
  const query = target.name.split(' ').slice(0, 2).join(' ').toLowerCase();
  await box.pressSequentially(query, { delay: 30 });
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, query);
  await page.waitForTimeout(300);
  assertCardsMatchData(await cardTexts(page), `after "${query}"`);
  assert.notEqual(await first.locator('.card-title a').textContent(), before);
  // The same element, its texts replaced: no card was built for the new first initiative.
  assert.equal(await first.evaluate((li) => li.wegwijzerProbe === true), true, 'the first card is the one the list started with');
  // Back to the whole list, then a second page of cards: every position says its own.
  await box.fill('');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('q'));
  await page.getByRole('button', { name: 'Toon meer' }).click();
  await page.waitForFunction(() => document.querySelectorAll('main .cards > li').length > 20);
  assertCardsMatchData(await cardTexts(page), 'the whole list, two pages');
  assert.equal(await first.locator('.card-title a').textContent(), before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a return to the list (Back, or "Terug naar de lijst") shows as many cards as it did; another view starts at the first page', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const cards = page.locator('main .cards > li');
  await page.getByRole('button', { name: 'Toon meer' }).click();
  await page.waitForFunction(() => document.querySelectorAll('main .cards > li').length === 40);
  // A card of the second page, its page, then Back.
  const name = await cards.nth(30).locator('.card-title a').textContent();
  await cards.nth(30).locator('.card-title a').click();
  await page.locator('h1', { hasText: name }).waitFor();
  await page.goBack();
  await cards.nth(30).waitFor();
  assert.equal(await cards.count(), 40);
  assert.equal(await cards.nth(30).locator('.card-title a').textContent(), name);
  // Again, through the detail page's link back.
  await cards.nth(35).locator('.card-title a').click();
  await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
  await cards.nth(35).waitFor();
  assert.equal(await cards.count(), 40);
  // Another order is another list: its first page.
  await page.getByLabel('Sorteer').selectOption('naam');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sorteer') === 'naam');
  await page.waitForFunction(() => document.querySelectorAll('main .cards > li').length === 20);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"Toon meer" stays where it is once the list is scrolled to it, so a tap lands on it', async () => {
  // A clean-clone CI run lost this tap: the cards scrolled into view were laid out only then
  // (content-visibility), 108 px taller than their placeholders, between the press and the
  // release, so the release landed beside the button and no click reached it.
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const button = page.getByRole('button', { name: 'Toon meer' });
  // Straight to the end of the list, as a fling does, then where the button is over the next
  // frames (each read after the browser has rendered).
  const tops = await button.evaluate(async (b) => {
    b.scrollIntoView({ block: 'end' });
    const tops = [];
    for (let frame = 0; frame < 10; frame += 1) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      tops.push(Math.round(b.getBoundingClientRect().top));
    }
    return tops;
  });
  assert.deepEqual(tops, Array(tops.length).fill(tops[0]), `the button's top in the frames after the scroll: ${tops}`);
  await page.context().close();
});

test('two facets survive a reload, with the same results', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.locator('#filters fieldset').first().locator('input[type=checkbox]').first().check();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('dienst'));
  await page.locator('#filters fieldset').nth(2).locator('input[type=checkbox]').first().check();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('provincie'));
  const url = page.url();
  const count = await page.locator('.result-count').textContent();
  const names = await resultNames(page, 10);
  assert.ok(Number(count.split(' ')[0]) < initiatives.length, `filters narrow the list: ${count}`);

  await page.reload();
  // The count says "loading" until the whole dataset is read (the first page only answers the
  // default view): wait for a number.
  await page.waitForFunction(() => /^\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  assert.equal(page.url(), url);
  assert.equal(await page.locator('.result-count').textContent(), count);
  assert.deepEqual(await resultNames(page, 10), names);
  assert.match(await page.getByRole('button', { name: /^Filters/ }).textContent(), /\(2\)/);

  // One tap clears them.
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('button', { name: 'Wis alle filters' }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('dienst'));
  assert.equal(await page.locator('.result-count').textContent(), `${initiatives.length} initiatieven`);
  await page.context().close();
});

test('switching to French translates the UI and is kept in the URL', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=fiets`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('button', { name: 'FR Français' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('taal') === 'fr');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByLabel('Rechercher').inputValue(), 'fiets');
  await page.getByRole('button', { name: /^Filtres/ }).waitFor();
  // The cards already shown say it in French too (each card's texts follow the language):
  // the first card's kind, in the endpoint's French label.
  const card = page.locator('main .cards > li').first();
  const name = await card.locator('.card-title a').textContent();
  const kind = categories.find((c) => c.id === initiatives.find((i) => i.name === name).kind).label.fr;
  assert.equal(await card.locator('.card-kind').textContent(), kind);
  assert.match(await card.locator('.card-place').textContent(), /^Commune: /);
  // Remembered on the device: a plain visit starts in French.
  await page.goto(`${env.server.url}/over`);
  await page.locator('h1', { hasText: 'À propos de Wegwijzer' }).waitFor();
  await page.context().close();
});

test('Back to a list left in another language: the page keeps the language last chosen, and so does its URL', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=fiets`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('button', { name: 'EN English' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('taal') === 'en');
  await page.locator('main .cards > li .card-title a').first().click();
  await page.waitForURL(/\/initiatief\//);
  await page.getByRole('button', { name: 'FR Français' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.goBack();
  await page.getByLabel('Rechercher').waitFor();
  assert.equal(await page.getByLabel('Rechercher').inputValue(), 'fiets');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('taal') === 'fr', null, { timeout: 5000 })
    .catch(() => assert.fail(`the address bar names another language than the page: ${page.url()}`));
  assert.equal(new URL(page.url()).searchParams.get('q'), 'fiets');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  // A reload of that URL (or a copy of it sent to someone) opens the page as it was.
  await page.reload();
  await page.getByLabel('Rechercher').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the back button restores the previous query', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  // The app's own cards: on a first visit the build's inert picture of the page comes first.
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const box = page.getByLabel('Zoeken');
  await box.pressSequentially('fiets', { delay: 30 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'fiets');
  await page.waitForTimeout(1700); // a pause ends the typing burst
  await box.fill('');
  await box.pressSequentially('klusdienst', { delay: 30 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'klusdienst');
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'fiets');
  assert.equal(await box.inputValue(), 'fiets');
  await page.context().close();
});

test('a query typed and left at once is in the history: Back returns to it', async () => {
  // The URL takes typed text after a pause, or when focus leaves the box (here: a result is
  // opened right after the last key, well within the pause).
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const box = page.getByLabel('Zoeken');
  await box.pressSequentially('fiets', { delay: 20 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'fiets');
  await page.waitForTimeout(1700); // a pause ends the typing burst
  await box.fill('');
  await box.pressSequentially('klusdienst', { delay: 20 });
  await page.locator('.cards > li .card-title a').first().click();
  await page.waitForURL(/\/initiatief\//);
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'klusdienst');
  assert.equal(await box.inputValue(), 'klusdienst');
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'fiets');
  assert.equal(await box.inputValue(), 'fiets');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('typing right after Back, while earlier typing still waits for its pause, is searched and reaches the URL', async () => {
  // Typing not yet in the URL belongs to the view it was typed over: Back voids it. Typing that
  // follows Back within the pause used to join the voided text and was dropped with it.
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=fiets`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByLabel('Zoeken').fill('klusdienst');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'klusdienst');
  // In one go, well within the pause: type, go Back, type again.
  await page.evaluate(async () => {
    const box = document.getElementById('zoek');
    const type = (text) => { box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); };
    type('klusdienst x');
    const back = new Promise((done) => addEventListener('popstate', done, { once: true }));
    history.back();
    await back;
    await new Promise((done) => setTimeout(done, 0));
    type('energie');
  });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'energie', null, { timeout: 3000 });
  assert.equal(await page.getByLabel('Zoeken').inputValue(), 'energie');
  await page.waitForFunction(() => [...document.querySelectorAll('.cards > li')].slice(0, 3).every((c) => /energie/i.test(c.textContent)));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a first visit to a detail page, then the list: a search finds as on the start page', async () => {
  // A detail page builds no search index; the list builds it when it opens.
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/initiatief/${initiatives[0].id}`);
  await page.locator('main:not([data-first-paint]) h1', { hasText: initiatives[0].name }).waitFor();
  await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByLabel('Zoeken').pressSequentially('klusdienst', { delay: 20 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'klusdienst');
  // The query is answered: fewer than all, and the best hits are klusdiensten.
  await page.waitForFunction((all) => /^\d+ initiatieven?$/.test(document.querySelector('.result-count')?.textContent ?? '')
    && document.querySelector('.result-count').textContent !== `${all} initiatieven`, initiatives.length);
  const top = await page.locator('.cards > li').evaluateAll((cards) => cards.slice(0, 3).map((c) => c.textContent));
  assert.ok(top.length === 3 && top.every((text) => /klus/i.test(text)), JSON.stringify(top));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a postcode in the box scopes results to that municipality', async () => {
  const municipalities = readSample('municipalities');
  const nis = initiatives[0].nis;
  const m = municipalities.find((x) => x.nis === nis);
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?q=${m.postcodes[0]}`);
  await page.locator('.scope').waitFor();
  assert.match(await page.locator('.scope').textContent(), new RegExp(m.name.nl));
  const expected = initiatives.filter((i) => i.nis === nis || i.serves.includes(nis)).length;
  assert.equal(await page.locator('.result-count').textContent(), `${expected} initiatieven`);
  await page.context().close();
});

test('near me: distance from a chosen municipality, in km, nearest first', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?sorteer=afstand&plaats=${initiatives[0].nis}`);
  await page.locator('.cards > li .distance').first().waitFor();
  const km = await page.locator('.cards > li .distance').evaluateAll((els) =>
    els.slice(0, 10).map((e) => Number(e.textContent.replace(' km', '').replace(',', '.'))));
  assert.deepEqual([...km].sort((a, b) => a - b), km);
  assert.ok(km[0] < 5, `nearest within 5 km: ${km}`);
  // The place select shows where the distances are measured from.
  assert.equal(await page.locator('#plaats').inputValue(), initiatives[0].nis);
  await page.context().close();
});

test('the places to measure from are named in the UI language, and the choice stays when the language changes', async () => {
  const municipalities = readSample('municipalities');
  const gent = municipalities.find((m) => m.name.nl === 'Gent');
  assert.equal(gent.name.fr, 'Gand');
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?sorteer=afstand&taal=fr`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  const select = page.locator('#plaats');
  assert.equal(await select.locator(`option[value="${gent.nis}"]`).textContent(), 'Gand');
  await select.selectOption(gent.nis);
  await page.waitForFunction((nis) => new URL(location.href).searchParams.get('plaats') === nis, gent.nis);
  await page.getByRole('button', { name: /^NL/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'nl');
  assert.equal(await select.locator(`option[value="${gent.nis}"]`).textContent(), 'Gent');
  assert.equal(await select.inputValue(), gent.nis);
  assert.equal(await select.evaluate((s) => s.selectedOptions[0].textContent), 'Gent');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('axe-core: no violations on the directory with filters open', async () => {
  const page = await phonePage(env.browser);
  await page.goto(`${env.server.url}/?sorteer=afstand`);
  await page.locator('main:not([data-first-paint]) .cards > li').first().waitFor();
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.locator('#filters input[type=checkbox]').first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});
