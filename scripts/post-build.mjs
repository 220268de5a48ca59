#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml): finishes the build in Trunk's staging folder before it
// becomes dist/. One script, because Trunk runs the hooks of one stage side by side and these
// steps have an order:
//   W. wasm (every profile, first): builds the app's wasm and splits it into chunks, in place of
//      Trunk's skipped Rust step, and writes its script tags into index.html (split-wasm.mjs).
//   1. prerender: the built app runs once in headless chromium per language (nl, fr, en) on its
//      start page; the picture of that page it keeps for the next start (first_paint.rs) goes
//      into index.html as `<script type="application/json" id="wegwijzer-prerender">`, which
//      public/first-paint.js paints on a first visit before any wasm has arrived. Only the cards
//      of the first screen are kept (the app renders the rest), and not the build machine's sync
//      status or storage note. Needs chromium and
//      tests/node_modules (scripts/setup); without them the build goes on without pictures.
//   1b. route pictures: the same for the map (`/kaart`) and every initiative's detail page of
//      the bundled endpoint (up to WEGWIJZER_PRERENDER_DETAILS, default 1000), each written as
//      `kaart.html` / `initiatief/<id>.html`: index.html with that page's pictures. A first visit
//      from a link to one of them paints the page at once instead of after the wasm and the
//      data (issue 15); the server sends `<path>.html` for `<path>` where it exists
//      (scripts/serve.mjs, the README's nginx and Caddy settings). The service worker still
//      answers every later visit with index.html.
//   1c. embed pictures: the same for the embed of each partnership's region of the bundled
//      endpoint (`?embed=1&regio=<id>`), written as `embed-pictures/<id>.<lang>.json`, which
//      public/first-paint.js fetches on a first visit to such an embed (a query cannot choose
//      a page of its own on a static host).
//   2. precompress: every compressible file gets a `.br` (brotli -q 11) and a `.gz` (gzip -9)
//      beside it, which scripts/serve.mjs serves as is (and nginx's `brotli_static` /
//      `gzip_static`, Caddy's `precompressed`).
//   0. public URL (every profile): Trunk prefixes only its own assets; the page's meta
//      `wegwijzer-public-url` and the links marked `data-public-url` get TRUNK_PUBLIC_URL here.
// Steps W, 0, 1, 2 run in that order; 1 and 2 for release builds only: development builds stay
// quick. Trunk sets TRUNK_STAGING_DIR, TRUNK_PROFILE and TRUNK_PUBLIC_URL; by hand:
// `node scripts/post-build.mjs DIR [PUBLIC_URL]` (step W only where the rust link is still there).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { splitWasm } from './split-wasm.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
const publicUrl = process.env.TRUNK_PUBLIC_URL || process.argv[3] || '/';
// Cards kept in the picture: a phone's first screen and more; the app renders the rest.
const PRERENDER_CARDS = 8;
if (!dir) {
  console.error('post-build: no folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}

const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|json|svg|webmanifest|txt)$/;

/** Every file under `root`, recursively. */
function files(root) {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

function precompress(root) {
  let count = 0;
  for (const file of files(root)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(body, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    } });
    const gz = zlib.gzipSync(body, { level: 9 });
    // A compressed file that is not smaller is not worth serving.
    if (br.length < body.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < body.length) fs.writeFileSync(`${file}.gz`, gz);
    count++;
  }
  return count;
}

/** The UI languages, each with the browser locale that makes the app choose it. */
const LANGUAGES = [['nl', 'nl-BE'], ['fr', 'fr-BE'], ['en', 'en-GB']];

/** How many detail pages get a picture of their own (the bundled endpoint's first ones). */
const DETAIL_PICTURES = Number(process.env.WEGWIJZER_PRERENDER_DETAILS ?? 1000);

/** The items of collection `name` of the bundled endpoint; [] (with a warning) when unreadable. */
function bundledItems(root, name) {
  try {
    const data = path.join(root, 'data/v1');
    const index = JSON.parse(fs.readFileSync(path.join(data, 'index.json'), 'utf8'));
    const file = index.collections?.[name]?.file;
    if (typeof file !== 'string' || !/^[A-Za-z0-9._-]+$/.test(file)) return [];
    const parsed = JSON.parse(fs.readFileSync(path.join(data, file), 'utf8'));
    return Array.isArray(parsed) ? parsed : parsed.items ?? [];
  } catch (e) {
    console.warn(`post-build: no ${name} to picture (${e.message})`);
    return [];
  }
}

/** Ids that may be a route segment or a file name: no dot (a path with one is not a route for the servers). */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The app paths (below the public URL) that get a picture of their own besides the start page:
 * the map and the detail page of each initiative of the bundled endpoint with a plain id.
 */
function picturedRoutes(root) {
  // Each with what shows that the app has drawn it: a selector, or the heading's text.
  const routes = [{ path: 'kaart', selector: '.map-frame' }];
  const plain = bundledItems(root, 'initiatives').filter((i) => typeof i?.id === 'string' && PLAIN_ID.test(i.id) && typeof i.name === 'string');
  routes.push(...plain.slice(0, DETAIL_PICTURES).map((i) => ({ path: `initiatief/${i.id}`, heading: i.name })));
  return routes;
}

/**
 * The partnerships whose embed (`?embed=1&regio=<id>`) gets a picture, fetched by
 * public/first-paint.js from `embed-pictures/<id>.<lang>.json`: those of the bundled endpoint
 * with a plain id.
 */
function picturedEmbeds(root) {
  return bundledItems(root, 'partnerships').map((p) => p?.id).filter((id) => typeof id === 'string' && PLAIN_ID.test(id));
}

/**
 * The picture of the page the app shows now, as first_paint.rs takes it (`picture()` there):
 * the body without scripts, the update banner and what is true only at the build's time (the
 * open/closed lines, and which day of the opening hours is today); and, as for the start
 * page, without this machine's sync status and storage note, and without the map's drawing
 * (large, and drawn again by the app at once; the frame keeps its size). With `keepCards`, only
 * that many cards of a list (the first screen's; the app renders the rest).
 */
function pictureOfPage(keepCards) {
  const copy = document.body.cloneNode(true);
  for (const el of copy.querySelectorAll('script, noscript, [data-first-paint], .update-banner, .open-line, .open-now, .hours-mark, .storage-note')) el.remove();
  if (keepCards) for (const card of copy.querySelectorAll(`.cards > li:nth-child(n+${keepCards + 1})`)) card.remove();
  for (const row of copy.querySelectorAll('tr[aria-current]')) {
    row.removeAttribute('aria-current');
    row.classList.remove('today');
  }
  for (const status of copy.querySelectorAll('[data-sync]')) {
    status.removeAttribute('data-sync');
    status.textContent = '';
  }
  for (const map of copy.querySelectorAll('svg.coverage-map')) map.replaceChildren();
  return {
    endpoint: document.querySelector('meta[name=wegwijzer-bron]')?.getAttribute('content') ?? '',
    lang: document.documentElement.lang,
    html: copy.innerHTML,
  };
}

/** The pictures of the start page per language, or null when they cannot be taken here. */
async function pictures(root) {
  let chromium;
  try {
    ({ chromium } = createRequire(path.join(repo, 'tests/package.json'))('playwright-core'));
  } catch {
    console.warn('post-build: no tests/node_modules (run scripts/setup): no prerendered start page');
    return null;
  }
  if (!publicUrl.startsWith('/')) {
    console.warn(`post-build: public URL ${publicUrl} is not a path: no prerendered start page`);
    return null;
  }
  const { startServer, CHROMIUM_ARGS } = await import('../tests/e2e/harness.mjs');
  const server = await startServer({ root, extra: ['--base', publicUrl, '--no-compress'] });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const routes = picturedRoutes(root);
  const embeds = picturedEmbeds(root);
  const found = { '': {} };
  const embedded = {};
  try {
    // The languages side by side: most of the time goes to waiting on the app's frames.
    await Promise.all(LANGUAGES.map(async ([lang, locale]) => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(server.url + publicUrl);
      // first_paint.rs keeps the picture once the complete start page has been quiet a while.
      const handle = await page.waitForFunction(() => localStorage.getItem('wegwijzer-first-paint'), null, { timeout: 60_000, polling: 200 });
      const picture = JSON.parse(await handle.jsonValue());
      if (picture.lang !== lang) throw new Error(`picture for ${locale} is in ${picture.lang}`);
      picture.html = await page.evaluate(([html, keep]) => {
        const template = document.createElement('template');
        template.innerHTML = html;
        for (const card of template.content.querySelectorAll(`.cards > li:nth-child(n+${keep + 1})`)) card.remove();
        // This machine's sync status and storage note at build time say nothing about the
        // visitor's: the status line stays (empty, for the layout), the note goes.
        for (const note of template.content.querySelectorAll('.storage-note')) note.remove();
        for (const status of template.content.querySelectorAll('[data-sync]')) {
          status.removeAttribute('data-sync');
          status.textContent = '';
        }
        return template.innerHTML;
      }, [picture.html, PRERENDER_CARDS]);
      found[''][lang] = picture;
      // The other pictured pages, reached inside the app (its router follows popstate): one
      // start of the app per language, not one per page.
      for (const route of routes) {
        await page.evaluate((url) => {
          history.pushState(null, '', url);
          dispatchEvent(new PopStateEvent('popstate'));
        }, publicUrl + route.path);
        try {
          await page.waitForFunction(({ selector, heading }) => {
            const main = document.querySelector('main#inhoud');
            if (!main || main.querySelector('.loading')) return false;
            return selector ? main.querySelector(selector) : main.querySelector('h1')?.textContent.trim() === heading.trim();
          }, route, { timeout: 10_000, polling: 20 });
        } catch {
          // Not drawn as expected (a record the app leaves out shows "not found"): no picture.
          console.warn(`post-build: ${route.path} (${lang}) was not drawn: no picture of it`);
          continue;
        }
        // Effects and the map's first layout settle within a few frames.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 20)))));
        (found[route.path] ??= {})[lang] = await page.evaluate(pictureOfPage);
      }
      // Each embed is a start of its own: the app reads its parameters once, at the start.
      for (const regio of embeds) {
        await page.goto(`${server.url}${publicUrl}?embed=1&regio=${regio}`);
        try {
          // The list with its results: the count says how many ("Gegevens laden…" and an empty
          // list before the first results are computed).
          await page.waitForFunction(() => !document.documentElement.matches('.data-waiting, .first-paint-waiting')
            && document.querySelector('main#inhoud :is(.cards, .no-results)')
            && /\d/.test(document.querySelector('main#inhoud .result-count')?.textContent ?? ''), null, { timeout: 10_000, polling: 20 });
        } catch {
          console.warn(`post-build: the embed of ${regio} (${lang}) was not drawn: no picture of it`);
          continue;
        }
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 20)))));
        const picture = await page.evaluate(pictureOfPage, PRERENDER_CARDS);
        if (picture.lang !== lang) throw new Error(`embed picture for ${locale} is in ${picture.lang}`);
        // The build, as first-paint.js checks it: the main script's name carries its hash.
        picture.build = await page.evaluate(() => document.querySelector('link[rel=modulepreload]')?.getAttribute('href'));
        (embedded[regio] ??= {})[lang] = picture;
      }
      await context.close();
    }));
  } finally {
    await browser.close();
    await server.stop();
  }
  return { found, embedded };
}

/**
 * Puts each page's pictures into its copy of index.html (the start page's into index.html
 * itself), first thing in the body (before first-paint.js runs), and names the pictured path
 * in `<meta name="wegwijzer-picture">`, which the head's scripts read (a picture will paint:
 * the wasm and the data may wait for it). Returns the number of pages.
 */
async function prerender(root) {
  const file = path.join(root, 'index.html');
  const taken = await pictures(root);
  if (!taken) return 0;
  const { found, embedded } = taken;
  // The embeds' pictures, one file per partnership and language (first-paint.js fetches the one
  // it needs); an earlier run's are replaced.
  const folder = path.join(root, 'embed-pictures');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder);
  for (const [regio, byLang] of Object.entries(embedded)) {
    for (const [lang, picture] of Object.entries(byLang)) {
      fs.writeFileSync(path.join(folder, `${regio}.${lang}.json`), JSON.stringify(picture));
    }
  }
  console.log(`post-build: pictured ${Object.keys(embedded).length} embeds (embed-pictures/)`);
  // Without an earlier run's pictures and meta tag, so that running it again changes nothing.
  const shell = fs.readFileSync(file, 'utf8')
    .replace(/<script type="application\/json" id="wegwijzer-prerender">[^]*?<\/script>/, '')
    .replace(/\n\s*<meta name="wegwijzer-picture" content="[^"]*">/, '');
  let written = 0;
  for (const [route, byLang] of Object.entries(found)) {
    // A page the app did not draw in some language gets no page of its own (index.html serves it).
    if (LANGUAGES.some(([lang]) => !byLang[lang])) continue;
    written++;
    // In a fixed order (the pictures were taken side by side), so a build is reproducible.
    const ordered = Object.fromEntries(LANGUAGES.map(([lang]) => [lang, byLang[lang]]));
    // JSON inside a script element: `<` escaped, so no `</script>` can end it early.
    const json = JSON.stringify(ordered).replace(/</g, '\\u003c');
    const html = shell
      .replace(/<head>/, () => `<head>\n    <meta name="wegwijzer-picture" content="${route}">`)
      .replace(/<body>/, () => `<body><script type="application/json" id="wegwijzer-prerender">${json}</script>`);
    const target = route ? path.join(root, `${route}.html`) : file;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, html);
  }
  return written;
}

/** Writes the public URL into the page (see step 0). */
function writePublicUrl(root) {
  if (!publicUrl.startsWith('/')) return;
  const file = path.join(root, 'index.html');
  const html = fs.readFileSync(file, 'utf8')
    .replace(/(<meta name="wegwijzer-public-url" content=")[^"]*"/, (_, head) => `${head}${publicUrl}"`)
    .replace(/(href|src)="\/([^"]*)"([^>]*?) data-public-url(?:="")?/g, (_, attr, rest, more) => `${attr}="${publicUrl}${rest}"${more}`);
  fs.writeFileSync(file, html);
}

const wasm = splitWasm(dir, { release, publicUrl });
console.log(wasm ? `post-build: wasm in ${wasm.folder}/: ${wasm.files.join(', ')}` : 'post-build: wasm already in place');
writePublicUrl(dir);
if (release) {
  const started = Date.now();
  console.log(`post-build: prerendered ${await prerender(dir)} pages (the start page, the map, detail pages) in 3 languages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`post-build: precompressed ${precompress(dir)} files (brotli, gzip)`);
}
