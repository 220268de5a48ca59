/*
 * Wegwijzer Sociale Economie — embed script for host sites.
 *
 *   <div data-wegwijzer data-regio="regie-westhoek" data-taal="nl"></div>
 *   <script src="https://WEGWIJZER-ORIGIN/embed.js" async></script>
 *
 * Every element with `data-wegwijzer` becomes an iframe of the app in embed mode. Its other
 * data-* attributes are passed as URL parameters under the same names (weergave, id, regio,
 * diensten, soorten, taal, kleur, accent, achtergrond, compact, toon; see the README), plus
 * `ouder`, this page's origin, the only origin the app reports to.
 * The iframe's height follows its content: the app posts {type: "wegwijzer:height", height}
 * and this script accepts that message only from the app's own origin and its own iframe.
 * After the visitor moves to another view inside the frame, the app posts
 * {type: "wegwijzer:scroll"} (same checks): when the frame's top is not on screen, the page
 * scrolls it into view, so the visitor sees the top of the new view.
 * Plain script, no dependencies, nothing sent anywhere else.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var app = new URL(script.src).origin;
  // The app lives where this script does (its public URL may be a folder: /wegwijzer/embed.js).
  var appUrl = new URL('./', script.src).href;
  var MIN_HEIGHT = 150;
  var MAX_HEIGHT = 20000;

  function mount(el) {
    if (el.getAttribute('data-wegwijzer-mounted')) return;
    el.setAttribute('data-wegwijzer-mounted', '1');
    var params = new URLSearchParams();
    params.set('embed', '1');
    Object.keys(el.dataset).forEach(function (key) {
      if (key.indexOf('wegwijzer') === 0 || key === 'ouder' || key === 'titel') return;
      params.set(key, el.dataset[key]);
    });
    params.set('ouder', window.location.origin);
    var frame = document.createElement('iframe');
    frame.src = appUrl + '?' + params.toString();
    frame.title = el.dataset.titel || 'Wegwijzer Sociale Economie';
    // Near-me needs the device location; it stays on the device.
    frame.allow = 'geolocation';
    frame.style.cssText = 'display:block;width:100%;border:0;height:600px';
    el.appendChild(frame);
  }

  function frameOf(source) {
    var frames = document.querySelectorAll('[data-wegwijzer] > iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== app) return;
    var data = event.data;
    if (!data) return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === 'wegwijzer:height' && typeof data.height === 'number' && isFinite(data.height)) {
      var height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(data.height)));
      frame.style.height = height + 'px';
    } else if (data.type === 'wegwijzer:scroll') {
      var top = frame.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight) frame.scrollIntoView({ block: 'start' });
    }
  });

  function mountAll() {
    var elements = document.querySelectorAll('[data-wegwijzer]');
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
