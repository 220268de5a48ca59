// Shows a clear message with a reload button when the app's code cannot load or start: its
// script or wasm missing (offline and not cached, or removed by a newer deployment on the
// server), or an error before the app has started; after the start, when the app stops on a
// panic (`wegwijzer-failed`, src/main.rs), most likely a page's wasm chunk that could not load.
// Without it the page would stay blank, stop responding, or keep the inert picture
// first-paint.js painted. Inlined in the page's head, so it listens
// before the first file is requested. The texts are here, not in the locale files
// (crates/core/src/i18n), because the code that holds those is what failed to load.
(() => {
  const TEXTS = {
    nl: ['De app kon niet laden. Misschien ben je offline, of is er intussen een nieuwe versie.', 'Opnieuw laden'],
    fr: ["L'application n'a pas pu se charger. Vous êtes peut-être hors ligne, ou une nouvelle version est disponible.", 'Recharger'],
    en: ['The app could not load. You may be offline, or a new version is out.', 'Reload'],
  };
  let started = false;
  let shown = false;
  addEventListener('TrunkApplicationStarted', () => { started = true; });
  // The app's link the user last followed. The router changes the address only once the new
  // page's code is there, so after a chunk failed the button goes where the user was going.
  let followed = null;
  addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('a[href]');
    if (link && link.origin === location.origin) followed = { href: link.href, at: Date.now() };
  }, true);
  const target = () => (followed && Date.now() - followed.at < 60_000 ? followed.href : location.href);

  const show = (event) => {
    if ((started && event?.type !== 'wegwijzer-failed') || shown) return;
    if (!document.body) {
      document.addEventListener('DOMContentLoaded', show, { once: true });
      return;
    }
    shown = true;
    const known = (l) => String(l).split(/[-_]/)[0].toLowerCase();
    const lang = [document.documentElement.lang, ...navigator.languages].map(known).find((l) => TEXTS[l]) || 'nl';
    const [message, button] = TEXTS[lang];
    const box = document.createElement('div');
    box.className = 'boot-error';
    box.setAttribute('role', 'alert');
    const p = document.createElement('p');
    p.textContent = message;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'button';
    reload.textContent = button;
    const href = started ? target() : location.href;
    reload.addEventListener('click', () => (href === location.href ? location.reload() : location.assign(href)));
    box.append(p, reload);
    document.body.prepend(box);
    // After the start the page may be scrolled: bring the message into view.
    if (started) reload.focus();
  };
  addEventListener('wegwijzer-failed', show);

  // A script, preload or wasm of the app that failed to load (errors of elements do not bubble:
  // listen in the capture phase), and any error before the app has started.
  addEventListener('error', (event) => {
    const el = event.target;
    if (el instanceof HTMLScriptElement || el instanceof HTMLLinkElement) {
      if (el instanceof HTMLLinkElement && !/preload|modulepreload/.test(el.rel)) return;
      show();
    } else if (event instanceof ErrorEvent) {
      show();
    }
  }, true);
  addEventListener('unhandledrejection', show);
})();
