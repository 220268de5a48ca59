// A first visit only: starts downloading the endpoint's index.json, then the collections the
// app's first sync downloads, while the wasm is still on its way (on a phone most of a second
// or more); the app then takes these responses instead of asking again (src/api.rs,
// `take_prefetched`). Without it the data waited for the wasm: two more round trips before
// a deep link (a detail page, the map, an embed) could show anything (issue 15).
//
// Only where the app would ask the same: the page's own endpoint (no `?bron=`, none remembered
// by this tab), and nothing stored yet (a stored copy is asked for conditionally, with its
// ETag: the app then asks itself). Same request as the app's (`cache: no-store`, 30 s). What
// the app does not take is never read; what fails here the app asks for again.
(() => {
  try {
    if (new URLSearchParams(location.search).has('bron') || sessionStorage.getItem('wegwijzer-bron')) return;
    for (let i = 0; i < localStorage.length; i++) {
      // The first page of a stored copy (src/store.rs FIRST_PAGE_KEY): not a first visit.
      if (localStorage.key(i)?.startsWith('wegwijzer-first-page|')) return;
    }
    const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href);
    const endpoint = new URL(document.querySelector('meta[name=wegwijzer-bron]')?.content || 'data/v1/', root);
    if (!/^https?:$/.test(endpoint.protocol)) return;
    const get = (url) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30000);
      return fetch(url, { cache: 'no-store', signal: controller.signal });
    };
    // The collections are downloaded by a worker, which hands each body over (transferred,
    // not copied) with its status and headers: a body that arrives on the page's own thread
    // is finished there (Blink's ResponseBodyLoader), one task of 230-550 ms at 4x CPU for
    // 10,000 initiatives in a Chromium trace (issue 15). Where no worker can start (a Content
    // Security Policy without blob: workers) or it fails, the page asks itself, as before.
    // `get` itself, in the worker: the same request as the page's (and the app's). The worker
    // also computes the body's SHA-256, which the app checks against index.json: on the page
    // that was one more task of 190 ms at 4x CPU for 10,000 initiatives (copying 14 MB out of
    // the wasm and hashing them). It is computed here, from the bytes handed over, never taken
    // from the server (a header).
    const inWorker = `const get = ${get};
    const sha256 = async (body) => {
      try {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
        return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      } catch {
        return null;
      }
    };
    // At most \`limit\` bytes of a body are read (index.json's size for the file, plus the
    // app's slack): an endpoint that sends more (by mistake or on purpose) costs no memory
    // beyond that; the app then says the file is too large (src/api.rs).
    const read = async (r, limit) => {
      const declared = Number(r.headers.get('content-length'));
      if (declared > limit) {
        r.body?.cancel();
        return { tooLarge: declared };
      }
      const parts = [];
      let size = 0;
      const reader = r.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > limit) {
          reader.cancel();
          return { tooLarge: size };
        }
        parts.push(value);
      }
      const body = new Uint8Array(size);
      let at = 0;
      for (const part of parts) { body.set(part, at); at += part.length; }
      return { body: body.buffer };
    };
    onmessage = async ({ data: { id, url, limit } }) => {
      try {
        const r = await get(url);
        const headers = [...r.headers];
        if (!r.ok || !r.body) {
          postMessage({ id, status: r.status, statusText: r.statusText, headers, body: new ArrayBuffer(0), sha256: null });
          return;
        }
        const { body, tooLarge } = await read(r, limit);
        if (tooLarge) {
          postMessage({ id, status: r.status, statusText: r.statusText, headers, body: new ArrayBuffer(0), sha256: null, tooLarge });
          return;
        }
        const digest = await sha256(body);
        postMessage({ id, status: r.status, statusText: r.statusText, headers, body, sha256: digest }, [body]);
      } catch (e) {
        postMessage({ id, error: String(e) });
      }
    };`;
    const waiting = new Map();
    let worker = null;
    let source = null;
    let next = 0;
    const stop = () => {
      worker?.terminate();
      worker = null;
      // Revoked only now: some browsers read a worker's script after its constructor returns.
      if (source) URL.revokeObjectURL(source);
      source = null;
    };
    const failed = () => {
      stop();
      for (const [, w] of waiting) w.resolve(get(w.url));
      waiting.clear();
    };
    const startWorker = () => {
      source = URL.createObjectURL(new Blob([inWorker], { type: 'text/javascript' }));
      const w = new Worker(source);
      w.onerror = failed;
      w.onmessage = ({ data }) => {
        const to = waiting.get(data.id);
        waiting.delete(data.id);
        // Not a Response: the app takes the body as it is (src/api.rs `Prefetched`); making a
        // Response of it and reading it back were two more copies of 14 MB on this thread.
        if (data.error) to?.reject(new TypeError(data.error));
        else to?.resolve({ status: data.status, headers: new Headers(data.headers), body: data.body, sha256: data.sha256, tooLarge: data.tooLarge ?? null });
        if (waiting.size === 0) stop();
      };
      return w;
    };
    const download = (url, limit) => {
      try {
        worker ??= startWorker();
      } catch {
        return get(url);
      }
      const id = next++;
      const done = new Promise((resolve, reject) => waiting.set(id, { url, resolve, reject }));
      worker.postMessage({ id, url, limit });
      return done;
    };
    const indexUrl = new URL('index.json', endpoint).href;
    // What the first sync downloads (crates/core/src/sync.rs, plan_sync with nothing cached).
    const FIRST_SYNC = ['categories', 'municipalities', 'partnerships', 'initiatives', 'sources'];
    // A picture of the page needs no data: then the requests start right after its paint, as
    // the wasm's do (picture-painted.js).
    // A task after it: the wasm's request (the module script in index.html) goes out in the
    // paint's task, this one in the next, so that neither makes that task long.
    const painted = (window.wegwijzerPictured ?? Promise.resolve()).then(() => new Promise((next) => setTimeout(next, 0)));
    window.wegwijzerPrefetch = painted.then(() => get(indexUrl)).then(async (index) => {
      const files = {};
      if (index.ok) {
        const collections = (await index.clone().json())?.collections || {};
        for (const name of FIRST_SYNC) {
          const file = collections[name]?.file;
          const bytes = collections[name]?.bytes;
          // A plain file name in the endpoint's folder, as the app accepts (dataset.rs
          // is_plain_file_name), and its size: the app's limit is that plus 1024 (src/api.rs).
          if (typeof file === 'string' && /^[A-Za-z0-9._-]+$/.test(file) && !file.startsWith('.') && Number.isSafeInteger(bytes) && bytes >= 0) {
            const url = new URL(file, endpoint).href;
            files[url] = download(url, bytes + 1024);
            files[url].catch(() => {});
          }
        }
      }
      return { url: indexUrl, index, files };
    });
    window.wegwijzerPrefetch.catch(() => {});
  } catch {
    // No storage or no fetch: the app asks for everything itself.
  }
})();
