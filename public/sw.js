// The service worker: keeps the app shell for offline use. Data is not its business (the app
// keeps the dataset in IndexedDB), so requests for the endpoint pass straight through.
//
// Registered by sw-register.js as <public URL>sw.js?build=<wasm hash>: a new build means a new
// script URL, so the browser installs a new worker, which waits until the user chooses to
// reload. Its scope is the app's public URL (`/` or a folder such as `/wegwijzer/`), and every
// path below is relative to it.
const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const PREFIX = 'wegwijzer-shell-';
const CACHE = PREFIX + BUILD;
const ROOT = new URL('./', self.location.href).pathname;
const DATA = `${ROOT}data/`;
const STATIC = ['manifest.webmanifest', 'sw-register.js', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png']
  .map((file) => ROOT + file);

/**
 * The shell's files as named by the built index.html (Trunk's hashed css and icon, the main
 * module and every wasm chunk, `#wegwijzer-chunks`), as absolute paths; relative ones are
 * resolved against ROOT, as the page's <base href> does.
 */
function assetsOf(html) {
  const found = new Set(STATIC);
  const add = (ref) => {
    const url = new URL(ref, self.location.origin + ROOT);
    if (url.origin === self.location.origin) found.add(url.pathname);
  };
  // Only plain paths (letters, digits, `-._~%/`): not `#inhoud`, `data:` or code that merely
  // mentions an attribute (first-paint.js reads `getAttribute('href')`).
  for (const m of html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']([\w~.%/-]+)["']/g)) add(m[1]);
  for (const m of html.matchAll(/(?:from|import\()\s*["']([\w~.%/-]+\.js)["']/g)) add(m[1]);
  // Every wasm chunk and its loader (scripts/split-wasm.mjs), also those of pages not visited
  // yet: offline after one visit means every page.
  const chunks = html.match(/<script type="application\/json" id="wegwijzer-chunks">([^<]*)<\/script>/);
  if (chunks) for (const ref of JSON.parse(chunks[1])) add(ref);
  return [...found].filter((path) => path !== ROOT && !path.startsWith(DATA) && !/\/$/.test(path));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch(ROOT, { cache: 'no-store' });
    if (!response.ok) throw new Error(`shell: HTTP ${response.status}`);
    const html = await response.clone().text();
    const cache = await caches.open(CACHE);
    await cache.addAll(assetsOf(html).map((path) => new Request(path, { cache: 'no-store' })));
    await cache.put(ROOT, response);
    // The very first install has nothing to replace: take over at once.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Any app route (/, /initiatief/x, /kaart, ...) gets the cached shell: the router does the rest.
  if (request.mode === 'navigate') {
    event.respondWith((async () => {
      const cached = await caches.match(ROOT, { cacheName: CACHE });
      return cached || fetch(request);
    })());
    return;
  }
  if (url.pathname === ROOT || url.pathname.startsWith(DATA)) return;
  event.respondWith((async () => {
    const cached = await caches.match(url.pathname, { cacheName: CACHE });
    if (cached) return cached;
    return fetch(request);
  })());
});
