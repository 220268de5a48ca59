// Registers the service worker for the running build and notices newer builds.
// When a newer build has been downloaded and waits, it fires `wegwijzer-update-ready` on
// window; the app shows its banner and calls `window.wegwijzerApplyUpdate()` on the user's
// click, which activates the new worker and reloads into it.
//
// Everything is relative to the app's public URL, where this script is: the worker's script,
// and so its scope, is `<public URL>sw.js`.
(() => {
  if (!('serviceWorker' in navigator)) return;
  const root = new URL('./', document.currentScript.src);
  // The build's version: the hash in the name of its wasm folder (scripts/split-wasm.mjs).
  const wasmHash = (html) => (html.match(/\/wasm-([0-9a-f]{16})\//) || [])[1];
  // Read from the page's links and scripts: serialising the page (`innerHTML`) was an 86 ms
  // task at 4x CPU on the map's page, whose picture holds the map (issue 15).
  const build = [...document.querySelectorAll('link[href], script[src]')]
    .map((e) => wasmHash(e.getAttribute('href') || e.getAttribute('src')))
    .find(Boolean) || 'dev';
  let waiting = null;
  let reloading = false;

  const offer = (worker) => {
    waiting = worker;
    window.wegwijzerUpdateReady = true;
    window.dispatchEvent(new Event('wegwijzer-update-ready'));
  };
  window.wegwijzerApplyUpdate = () => {
    if (waiting) waiting.postMessage('skip-waiting');
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only reload for an update the user asked for (not for the first install).
    if (waiting && !reloading) {
      reloading = true;
      location.reload();
    }
  });

  const watch = (registration) => {
    // (No registration where the browser blocks service workers, as a test browser may.)
    if (!registration) return;
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  };

  // A newer build on the server: register its worker (a new script URL), which precaches it.
  const check = async () => {
    if (!navigator.onLine) return;
    try {
      const html = await (await fetch(root, { cache: 'no-store' })).text();
      const latest = wasmHash(html);
      if (latest && latest !== build) watch(await navigator.serviceWorker.register(new URL(`sw.js?build=${latest}`, root)));
    } catch (_) {
      // Offline or server gone: try again on the next occasion.
    }
  };

  navigator.serviceWorker.register(new URL(`sw.js?build=${build}`, root)).then(watch, (e) => console.warn('service worker', e));
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  setTimeout(check, 5000);
})();
