// Paints the directory as the app last rendered it, while the app itself (a 1.4 MB wasm) starts.
// On a phone that start takes most of a second; this paint is there as soon as the HTML is parsed.
//
// The markup is the app's own DOM, serialised by the browser (so every text in it is escaped)
// and stored in localStorage by src/components/first_paint.rs after a complete render of the
// default view. It is used only for that view (`/` without parameters), for the same endpoint
// and the same build (the names of the wasm and its script carry Trunk's content hashes; the
// markup comes from that code, the styles are inlined in this page). On a first visit there is
// no such entry: the release build carries its own pictures of the start page, one per language
// (`#wegwijzer-prerender`, taken by scripts/post-build.mjs), and so do the map's page and each
// detail page of the bundled endpoint, in pages of their own (`kaart.html`,
// `initiatief/<id>.html`). Until the app replaces it, it is inert: no focus, no clicks, hidden
// from assistive technology, and marked busy. The app removes every `[data-first-paint]` element
// in the task that mounts it, or, on a first visit, once it has drawn the page with its data
// (src/components/first_paint.rs). An embed of one partnership's region on a first visit gets
// the build's picture of it, fetched (picture-painted.js says when: `wegwijzerEmbedPicture`).
(() => {
  const KEY = 'wegwijzer-first-paint';
  /** Puts the picture `saved` ({lang, html}) into the body, inert, until the app replaces it. */
  const paint = (saved) => {
    const template = document.createElement('template');
    template.innerHTML = saved.html;
    // Defence in depth: the app never renders scripts or inline handlers, so none may come back.
    for (const el of template.content.querySelectorAll('script, iframe, object, embed')) el.remove();
    for (const el of template.content.querySelectorAll('*')) {
      for (const attr of [...el.attributes]) if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
    }
    for (const el of [...template.content.children]) {
      el.setAttribute('data-first-paint', '');
      el.setAttribute('aria-busy', 'true');
      el.inert = true;
      document.body.append(el);
    }
    if (/^[a-z]{2}$/.test(saved.lang)) document.documentElement.lang = saved.lang;
  };
  const endpoint = document.querySelector('meta[name=wegwijzer-bron]')?.content || '';
  const embed = window.wegwijzerEmbedPicture;
  if (embed) {
    // Written by scripts/post-build.mjs with the build's main script (its name carries the
    // content hash) and the endpoint; a picture of another build or endpoint is not painted.
    // Given up after 3 s: the app's code waits for this (picture-painted.js).
    const build = document.querySelector('link[rel=modulepreload]')?.getAttribute('href');
    const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href);
    const url = new URL(`embed-pictures/${embed.regio}.${embed.lang}.json`, root);
    const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(3000) : undefined;
    fetch(url, { signal, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((saved) => {
        if (!(saved && typeof saved.html === 'string' && saved.build === build && saved.endpoint === endpoint && saved.lang === embed.lang)) throw new Error('no picture');
        // As the app's embed frame does: its styles (style/main.css, `.embed`).
        document.documentElement.classList.add('embed');
        paint(saved);
        document.dispatchEvent(new Event('wegwijzer:picture-shown'));
      })
      .catch(() => document.dispatchEvent(new Event('wegwijzer:no-picture')));
    return;
  }
  try {
    // The app's path below its public URL (`/`, or `/wegwijzer/` under a folder): '' on the
    // start page, 'kaart' on the map.
    const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href).pathname;
    if (location.search || !location.pathname.startsWith(root)) return;
    const path = location.pathname.slice(root.length);
    let saved = null;
    if (path === '') {
      const build = [...document.querySelectorAll('link[rel=stylesheet],link[rel=preload],link[rel=modulepreload]')]
        .map((link) => link.getAttribute('href')).join(' ');
      try {
        saved = JSON.parse(localStorage.getItem(KEY) || 'null');
      } catch {
        // No storage: the build's own picture below.
      }
      if (!(saved && typeof saved.html === 'string' && saved.build === build && saved.endpoint === endpoint)) saved = null;
    }
    if (!saved) {
      // A first visit: the picture the build took of this page (post-build.mjs names the page
      // in a meta tag), in the language the app will choose (as choose_lang in
      // crates/core/src/i18n: the stored choice, else the first browser language it knows,
      // else Dutch). It is part of this page, so of this build.
      if (document.querySelector('meta[name=wegwijzer-picture]')?.content !== path) return;
      const built = JSON.parse(document.getElementById('wegwijzer-prerender')?.textContent || '{}');
      let stored = null;
      try { stored = localStorage.getItem('wegwijzer.taal'); } catch { /* no storage */ }
      const known = (l) => (typeof l === 'string' && ['nl', 'fr', 'en'].includes(l.split(/[-_]/)[0].toLowerCase()) ? l.split(/[-_]/)[0].toLowerCase() : null);
      const lang = known(stored) || navigator.languages.map(known).find(Boolean) || 'nl';
      saved = built[lang];
      if (!(saved && typeof saved.html === 'string' && saved.endpoint === endpoint)) return;
    }
    paint(saved);
  } catch {
    // A damaged entry: the app paints on its own a little later.
  }
})();
