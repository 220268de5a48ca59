// End-to-end (issue 13): opening hours, "Nu open" and the other service details, with the
// browser's clock fixed by playwright (page.clock), in Europe/Brussels time whatever the
// machine's time zone. Expected values come from the served sample data and the calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, readSample, phonePage, axeViolations } from './harness.mjs';

const env = useServerAndBrowser();
const initiatives = readSample('initiatives');
const OFFICE = 'Mo-Fr 09:00-12:00,13:00-16:30; PH off';
const office = initiatives.find((i) => i.opening_hours === OFFICE && !i.status);
// Tuesday 1 December 2026, 11:15 in Brussels (CET, UTC+1).
const TUESDAY_1115 = new Date('2026-12-01T10:15:00Z');

/** A phone page whose clock starts at `time` and then runs on. */
async function pageAt(time) {
  const page = await phonePage(env.browser);
  await page.clock.install({ time });
  return page;
}

test('the detail line and the week table follow the clock past closing time', async () => {
  assert.ok(office, 'the sample has an initiative with split office hours');
  const page = await pageAt(TUESDAY_1115);
  await page.goto(`${env.server.url}/initiatief/${office.id}`);
  const line = page.locator('.open-now');
  await line.waitFor();
  assert.equal((await line.textContent()).trim(), 'Nu open, sluit om 12:00');
  assert.equal(await line.getAttribute('data-state'), 'open');
  const today = page.locator('.hours tr[aria-current="date"]');
  assert.match(await today.locator('th').textContent(), /^dinsdag \(vandaag\)/);
  assert.equal((await today.locator('td').textContent()).trim(), '09:00–12:00, 13:00–16:30');
  assert.equal(await page.locator('.hours tbody tr').count(), 7);

  await page.clock.fastForward('01:00:00'); // 12:15: lunch break
  await page.waitForFunction(() => document.querySelector('.open-now')?.textContent.trim() === 'Gesloten, opent om 13:00');
  assert.equal(await line.getAttribute('data-state'), 'closed');
  await page.clock.fastForward('04:30:00'); // 16:45
  await page.waitForFunction(() => document.querySelector('.open-now')?.textContent.trim() === 'Gesloten, opent morgen om 09:00');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"Nu open" keeps only open initiatives, in the URL, and drops one when it closes', async () => {
  const page = await pageAt(TUESDAY_1115);
  await page.goto(`${env.server.url}/?q=${encodeURIComponent(office.name.replace(' (demo)', ''))}`);
  const card = page.locator('.cards > li', { has: page.locator('.card-title a', { hasText: office.name }) });
  await card.waitFor();
  assert.equal((await card.locator('.open-line').textContent()).trim(), 'Nu open, sluit om 12:00');
  await page.getByRole('button', { name: /^Filters/ }).click();
  const openBox = page.getByLabel(/^Nu open \(\d+\)$/);
  const offered = Number((await page.locator('label[for="f-open-nu"] .count').textContent()).replace(/\D/g, ''));
  await openBox.check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('open') === 'nu');
  await card.waitFor();
  const count = () => page.locator('.result-count').textContent();
  assert.match(await count(), new RegExp(`^${offered} initiatieven`));

  await page.clock.fastForward('01:00:00'); // 12:15: the office is closed for lunch
  await card.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('target group, service language and wheelchair filters count what they give', async () => {
  const page = await pageAt(TUESDAY_1115);
  await page.goto(`${env.server.url}/`);
  await page.locator('.cards > li').first().waitFor();
  await page.getByRole('button', { name: /^Filters/ }).click();
  const expectedOuderen = initiatives.filter((i) => (i.audience || []).includes('ouderen')).length;
  const ouderen = page.getByLabel(new RegExp(`^Ouderen \\(${expectedOuderen}\\)$`));
  await ouderen.check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('doelgroep') === 'ouderen');
  await page.waitForFunction((n) => document.querySelector('.result-count')?.textContent.startsWith(`${n} initiatieven`), expectedOuderen);
  const expectedArabic = initiatives.filter((i) => (i.audience || []).includes('ouderen') && (i.languages || []).includes('ar')).length;
  await page.getByLabel(new RegExp(`^Arabisch \\(${expectedArabic}\\)$`)).check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dienst_taal') === 'ar');
  await page.waitForFunction((n) => document.querySelector('.result-count')?.textContent.startsWith(`${n} initiatieven`), expectedArabic);
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('.result-count')?.textContent.startsWith(`${n} initiatieven`), expectedArabic);

  // Wheelchair access from a link, as a caseworker would share it.
  const notAccessible = initiatives.filter((i) => i.accessibility?.wheelchair === 'no').length;
  await page.goto(`${env.server.url}/?rolstoel=no`);
  await page.waitForFunction((n) => document.querySelector('.result-count')?.textContent.startsWith(`${n} initiatieven`), notAccessible);
  await page.getByRole('button', { name: /^Filters/ }).click();
  assert.ok(await page.getByLabel(new RegExp(`^Niet toegankelijk met een rolstoel \\(${notAccessible}\\)$`)).isChecked());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a service\'s languages are named in the UI language without the browser\'s language tables', async () => {
  // Making an Intl.DisplayNames took 80 ms at 4x CPU on a first visit: the languages services
  // are given in are named from the locale files, with the browser's names.
  const it = initiatives.find((i) => i.languages?.includes('ar') && i.languages.length >= 3);
  assert.ok(it, 'the sample has an initiative given in Arabic and two more languages');
  const page = await phonePage(env.browser);
  await page.addInitScript(() => {
    window.displayNamesMade = 0;
    const Original = Intl.DisplayNames;
    Intl.DisplayNames = new Proxy(Original, { construct(target, args) { window.displayNamesMade++; return new target(...args); } });
  });
  await page.goto(`${env.server.url}/initiatief/${it.id}`);
  const names = page.locator('main:not([data-first-paint]) section[aria-labelledby="h-languages"] li');
  await names.first().waitFor();
  const browserNames = (lang) => page.evaluate(([codes, lang]) => {
    const made = window.displayNamesMade;
    const names = new Intl.DisplayNames([lang], { type: 'language' });
    window.displayNamesMade = made;
    return codes.map((c) => names.of(c));
  }, [it.languages, lang]);
  assert.equal(await page.evaluate(() => window.displayNamesMade), 0);
  assert.deepEqual(await names.allTextContents(), await browserNames('nl'));
  assert.ok((await names.allTextContents()).includes('Arabisch'));
  await page.getByRole('button', { name: 'FR Français' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.deepEqual(await names.allTextContents(), await browserNames('fr'));
  assert.equal(await page.evaluate(() => window.displayNamesMade), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a temporarily closed initiative says so; the page has JSON-LD and no axe violations', async () => {
  const closed = initiatives.find((i) => i.status === 'temporarily_closed' && i.opening_hours && i.accessibility && i.languages?.length > 1);
  assert.ok(closed, 'the sample has a temporarily closed initiative with details');
  const page = await pageAt(TUESDAY_1115);
  await page.goto(`${env.server.url}/initiatief/${closed.id}`);
  const alert = page.locator('.status-alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), `Tijdelijk gesloten: ${closed.alert.nl}`);
  assert.equal(await page.locator('.open-now').count(), 0, 'no "open now" claim for a closed initiative');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'Service');
  assert.equal(ld.name, closed.name);
  assert.ok(ld.availableChannel.serviceLocation.openingHoursSpecification.length >= 1);
  assert.deepEqual(await axeViolations(page), []);

  // A record last checked more than a year before the clock is marked as possibly outdated.
  const old = initiatives.find((i) => i.checked_at && i.checked_at < '2025-12-01');
  await page.goto(`${env.server.url}/initiatief/${old.id}`);
  const checked = page.locator('.checked');
  await checked.waitFor();
  assert.match(await checked.textContent(), /^Laatst gecontroleerd: .* \(mogelijk verouderd/);
  const office2 = page.locator('.checked.outdated');
  assert.equal(await office2.count(), 1);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
