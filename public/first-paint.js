// Paints the directory as the app last rendered it, while the app itself (a 1.4 MB wasm) starts.
// On a phone that start takes most of a second; this paint is there as soon as the HTML is parsed.
//
// The markup is the app's own DOM, serialised by the browser (so every text in it is escaped)
// and stored in localStorage by src/components/first_paint.rs after a complete render of the
// default view. It is used only for that view (`/` without parameters), for the same endpoint
// and the same build (the names of the wasm and its script carry Trunk's content hashes; the
// markup comes from that code, the styles are inlined in this page). Until the app
// replaces it, it is inert: no focus, no clicks, hidden from assistive technology, and marked
// busy. The app removes every `[data-first-paint]` element in the task that mounts it.
(() => {
  const KEY = 'wegwijzer-first-paint';
  try {
    if (location.pathname !== '/' || location.search) return;
    const saved = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (!saved || typeof saved.html !== 'string') return;
    const build = [...document.querySelectorAll('link[rel=stylesheet],link[rel=preload],link[rel=modulepreload]')]
      .map((link) => link.getAttribute('href')).join(' ');
    const endpoint = document.querySelector('meta[name=wegwijzer-bron]')?.content || '';
    if (saved.build !== build || saved.endpoint !== endpoint) return;
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
  } catch {
    // No storage, or a damaged entry: the app paints on its own a little later.
  }
})();
