// Whether first-paint.js will paint a picture of this page, and when the browser has painted
// it: `window.wegwijzerPictured` is a promise that resolves after that paint, or null on a page
// without a picture. The wasm, the page's chunks and the data are fetched after it
// (scripts/split-wasm.mjs, prefetch-data.js): the picture needs none of them, and its paint
// does not share the connection with 400 KB it does not need. Lighthouse's simulation counts
// every request that ended before the largest paint as needed for it (docs/first-visit.md).
//
// A picture may paint on the start page (the last one the app rendered, or the build's), on
// a page the build pictured (scripts/post-build.mjs names it in `<meta name="wegwijzer-picture">`),
// and in an embed of one partnership's region on a first visit: `window.wegwijzerEmbedPicture`
// is then `{ regio, lang }`, and first-paint.js fetches the build's picture of that embed
// (`embed-pictures/<regio>.<lang>.json`). Its query is chosen by the host page, so a static
// host cannot send a page of its own for it as it does for `/kaart`.
(() => {
  const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href).pathname;
  const inside = location.pathname.startsWith(root);
  const path = inside ? location.pathname.slice(root.length) : null;
  const embed = path === '' ? embedPicture() : null;
  const pictured = embed || (inside && !location.search && (path === '' || document.querySelector('meta[name=wegwijzer-picture]')?.content === path));
  window.wegwijzerEmbedPicture = embed;
  window.wegwijzerPictured = pictured ? new Promise((painted) => {
    if (embed) {
      // The picture comes later, or not at all (first-paint.js says so).
      document.addEventListener('wegwijzer:no-picture', () => painted(), { once: true });
    } else {
      // No picture after all (none stored, none built): nothing to wait for.
      document.addEventListener('DOMContentLoaded', () => {
        if (!document.querySelector('[data-first-paint]')) painted();
      });
    }
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
      document.addEventListener('wegwijzer:picture-shown', () => requestAnimationFrame(() => setTimeout(painted, 0)));
      if (!embed) document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => setTimeout(painted, 0)));
    }
  }) : null;

  /**
   * `{ regio, lang }` when this is an embed the build may have a picture of: `embed=1`, one
   * partnership id in `regio`, nothing else but `taal` and `ouder` (which do not change what
   * the embed shows; this is what embed.js and the builder write for a partnership), and no
   * service worker yet (a later visit starts from the stored copy at once and does not wait
   * for a download). The language as the app chooses it for an embed (choose_lang in
   * crates/core/src/i18n without a stored choice): `taal`, else the first browser language it
   * knows, else Dutch.
   */
  function embedPicture() {
    if (navigator.serviceWorker?.controller) return null;
    const params = new URLSearchParams(location.search);
    const keys = [...params.keys()];
    if (new Set(keys).size !== keys.length || keys.some((k) => !['embed', 'regio', 'taal', 'ouder'].includes(k))) return null;
    const regio = params.get('regio') || '';
    if (!['1', 'true', 'ja'].includes((params.get('embed') || '').trim()) || !/^[A-Za-z0-9_-]{1,64}$/.test(regio)) return null;
    const known = (l) => (typeof l === 'string' && ['nl', 'fr', 'en'].includes(l.split(/[-_]/)[0].toLowerCase()) ? l.split(/[-_]/)[0].toLowerCase() : null);
    const lang = known(params.get('taal')) || navigator.languages.map(known).find(Boolean) || 'nl';
    return { regio, lang };
  }
})();
