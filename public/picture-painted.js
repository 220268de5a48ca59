// Whether first-paint.js will paint a picture of this page, and when the browser has painted
// it: `window.wegwijzerPictured` is a promise that resolves after that paint, or null on a page
// without a picture. The wasm, the page's chunks and the data are fetched after it
// (scripts/split-wasm.mjs, prefetch-data.js): the picture needs none of them, and its paint
// does not share the connection with 400 KB it does not need. Lighthouse's simulation counts
// every request that ended before the largest paint as needed for it (docs/first-visit.md).
//
// A picture may paint on the start page (the last one the app rendered, or the build's) and on
// a page the build pictured (scripts/post-build.mjs names it in `<meta name="wegwijzer-picture">`).
(() => {
  const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href).pathname;
  const inside = location.pathname.startsWith(root);
  const path = inside ? location.pathname.slice(root.length) : null;
  const pictured = inside && !location.search && (path === '' || document.querySelector('meta[name=wegwijzer-picture]')?.content === path);
  window.wegwijzerPictured = pictured ? new Promise((painted) => {
    // No picture after all (none stored, none built): nothing to wait for.
    document.addEventListener('DOMContentLoaded', () => {
      if (!document.querySelector('[data-first-paint]')) painted();
    });
    // The picture is the page's first contentful paint; where the browser does not report
    // paints, the frame after the one that showed it.
    if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length) {
          observer.disconnect();
          painted();
        }
      }).observe({ type: 'paint', buffered: true });
    } else {
      document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => setTimeout(painted, 0)));
    }
  }) : null;
})();
