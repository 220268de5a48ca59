#!/usr/bin/env node
// A small static server for a release build (dist/) that serves it as a production host would:
// correct MIME types (wasm), SPA fallback for app routes, ETags, brotli or gzip (the `.br` / `.gz`
// files written at build time by scripts/post-build, else compressed on the fly and kept in
// memory), `Cache-Control: immutable` for files whose name carries a content hash and `no-cache`
// for everything else (the page, sw.js, the endpoint's index.json). For tests only, an endpoint
// that misbehaves on request. The same headers for nginx, Caddy and `_headers`: README.md.
//
//   node scripts/serve.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--cors] [--faults]
//                          [--base /wegwijzer/]   (serve the build under a sub-path, as built
//                                                  with `trunk build --public-url /wegwijzer/`)
//                          [--no-compress]        (identity bodies, for byte counts)
//                          [--frame-ancestors "<CSP sources>"]   (who may embed the app)
//
// With --faults, `/__fault/<mode>/<file>` serves `/data/v1/<file>` badly:
//   500           HTTP 500
//   invalid-json  status 200, body that is not JSON
//   html          status 200, an HTML error page
//   truncated     the real file cut in half (sizes and checksums no longer match)
//   down          the connection is destroyed without an answer
// and these whole endpoints, each consistent (sizes and SHA-256 in index.json match what is served):
//   bad-record    two initiatives broken: one website is not an http(s) URL, one e-mail invalid
//   bom           every JSON file, index.json included, starts with a UTF-8 byte order mark
//   long-text     long unbroken strings (URL, e-mail, compound word) and right-to-left text
//                 with a direction override in the names, descriptions and contacts of the
//                 first initiatives and of every partnership
// With --faults, the bundled endpoint /data/v1/ itself can also be told to misbehave from now
// on (so a client that cached it sees its own endpoint fail): GET /__control?fault=<mode>,
// and /__control?fault= to heal it. Modes:
//   down, 500, html   every /data/v1/ request fails that way
//   timeout           index.json never answers
//   huge              index.json is a 50 MB body
//   huge-items        index.json offers dataset_version + 1 whose initiatives.json is a 256 MB
//                     body without a Content-Length (sent in 1 MB chunks as the client reads;
//                     GET /__control?sent tells how many bytes of it went out)
//   backwards         index.json offers dataset_version - 1
//   truncated, sha, invalid, halfway, one-invalid
//                     index.json offers dataset_version + 1 with a changed initiatives.json
//                     that arrives cut short / with one byte flipped / with a quarter of its
//                     records failing validation, more than a client accepts (size and
//                     SHA-256 consistent) / not at all (the connection drops, like a network
//                     lost halfway through a sync) / with one record failing validation
// Everything else under --root is served as is. Zero dependencies on purpose.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback;
};
const flag = (name) => args.includes(`--${name}`);

const root = path.resolve(opt('root', 'dist'));
const host = opt('host', '127.0.0.1');
const port = Number(opt('port', '8080'));
const cors = flag('cors');
const faults = flag('faults');
// `--frame-ancestors 'self' https://a.example`: who may put the app in an iframe (README, embedding).
const frameAncestors = opt('frame-ancestors', '');
const compress = !flag('no-compress');
// The public URL the build was made for: `/` or `/some/path/` (always with both slashes).
const base = `/${opt('base', '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
// Worth compressing (images are compressed already).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.webmanifest', '.txt']);

/** `br`, `gzip` or null: the best encoding the request accepts (a q=0 refuses it). */
function negotiate(req, ext) {
  if (!compress || !COMPRESSIBLE.has(ext)) return null;
  const accepted = new Map();
  for (const part of String(req.headers['accept-encoding'] || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  for (const name of ['br', 'gzip']) if ((accepted.get(name) ?? accepted.get('*') ?? 0) > 0) return name;
  return null;
}

// On-the-fly compressions, by file, size, mtime and encoding, so each is done once.
const compressed = new Map();

/**
 * The body in `encoding`: the build's precompressed sibling (`file.br`, `file.gz`) when it is at
 * least as new as the file (a test or benchmark may rewrite data files after the build), else
 * compressed here (brotli quality 11 up to 1 MB, 5 above, to keep large data files quick).
 */
function encode(file, stat, body, encoding) {
  const sibling = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
  try {
    if (fs.statSync(sibling).mtimeMs >= stat.mtimeMs) return fs.readFileSync(sibling);
  } catch {
    // No precompressed file: compress below.
  }
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}\0${encoding}`;
  let out = compressed.get(key);
  if (!out) {
    out = encoding === 'br'
      ? zlib.brotliCompressSync(body, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: body.length > 1 << 20 ? 5 : 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      } })
      : zlib.gzipSync(body, { level: 9 });
    compressed.set(key, out);
  }
  return out;
}

function headersFor(file, body) {
  const ext = path.extname(file);
  const headers = {
    'content-type': TYPES[ext] || 'application/octet-stream',
    'content-length': body.length,
    etag: `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
    'x-content-type-options': 'nosniff',
  };
  if (compress && COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding';
  // Hashed assets never change; everything else is revalidated.
  // (Trunk's `name-<hash>.ext`, and everything in the wasm folder `wasm-<hash>/`.)
  headers['cache-control'] = /-[0-9a-f]{8,16}[._]/.test(path.basename(file)) || /(^|[\\/])wasm-[0-9a-f]{16}[\\/]/.test(file)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  if (cors) {
    headers['access-control-allow-origin'] = '*';
    headers['access-control-expose-headers'] = 'ETag';
  }
  if (frameAncestors && ext === '.html') headers['content-security-policy'] = `frame-ancestors ${frameAncestors}`;
  return headers;
}

function send(req, res, file) {
  const stat = fs.statSync(file);
  let body = fs.readFileSync(file);
  const headers = headersFor(file, body);
  const encoding = negotiate(req, path.extname(file));
  if (encoding) {
    // Each representation has its own validator (RFC 9110, 8.8.3).
    headers.etag = headers.etag.replace(/"$/, `-${encoding}"`);
    body = encode(file, stat, body, encoding);
    headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
  }
  if (req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, { etag: headers.etag, 'cache-control': headers['cache-control'], ...(headers.vary ? { vary: headers.vary } : {}) });
    return res.end();
  }
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/// Resolves a URL path inside root, or null when it would leave it.
function inside(urlPath) {
  const file = path.resolve(root, '.' + path.posix.normalize(decodeURIComponent(urlPath)));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

const sha256 = (body) => crypto.createHash('sha256').update(body).digest('hex');
const LONG_URL = 'https://www.voorbeeld-van-een-heel-lange-domeinnaam.be/' + 'pad/'.repeat(30) + 'einde';
const LONG_WORD = 'Arbeidsmarktintegratieondersteuningsdienstverleningscoordinatiecentrum'.repeat(3);
const LONG_EMAIL = 'onthaal.' + 'informatie'.repeat(12) + '@voorbeeld-domein.be';
// A right-to-left name with an unterminated right-to-left override (U+202E).
const RTL = 'مبادرة تجريبية \u202Eردنيلك';

/** The bundled endpoint rewritten as `mode` (see the header), file name to body; cached. */
const variants = new Map();
function variantEndpoint(mode) {
  if (variants.has(mode)) return variants.get(mode);
  const dir = path.join(root, 'data/v1');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  index.changes = [];
  const files = new Map();
  const edit = (name, change) => {
    const entry = index.collections[name];
    const collection = JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8'));
    change(collection.items);
    files.set(entry.file, Buffer.from(JSON.stringify(collection)));
  };
  if (mode === 'bad-record') {
    edit('initiatives', (items) => {
      items[0].website = 'www.voorbeeld.be';
      items[1].email = 'info(at)voorbeeld.be';
    });
  } else if (mode === 'long-text') {
    edit('initiatives', (items) => {
      Object.assign(items[0], { name: LONG_WORD, website: LONG_URL, email: LONG_EMAIL, description: { nl: `${LONG_URL} ${LONG_WORD}` } });
      items[0].address.street = LONG_WORD;
      Object.assign(items[1], { name: `${RTL} (demo)`, description: { nl: RTL } });
      items[2].name = LONG_URL;
    });
    edit('partnerships', (items) => items.forEach((p, i) => {
      p.name = i % 2 ? `${RTL} ${LONG_WORD}` : `${LONG_WORD} (demo)`;
      p.contact.organisation = LONG_WORD;
      p.contact.email = LONG_EMAIL;
    }));
  } else if (mode === 'bom') {
    for (const entry of Object.values(index.collections)) {
      files.set(entry.file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(dir, entry.file))]));
    }
  } else {
    return null;
  }
  for (const entry of Object.values(index.collections)) {
    const body = files.get(entry.file);
    if (body) Object.assign(entry, { bytes: body.length, sha256: sha256(body) });
  }
  const indexBody = Buffer.from(JSON.stringify(index));
  files.set('index.json', mode === 'bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), indexBody]) : indexBody);
  variants.set(mode, files);
  return files;
}

function fault(req, res, mode, rest) {
  const real = inside('/data/v1/' + rest);
  const cors_h = cors ? { 'access-control-allow-origin': '*' } : {};
  const variant = variantEndpoint(mode);
  if (variant) {
    const body = variant.get(rest) ?? (real && fs.existsSync(real) ? fs.readFileSync(real) : null);
    if (body) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-cache', ...cors_h });
      return res.end(body);
    }
  }
  switch (mode) {
    case '500':
      res.writeHead(500, { 'content-type': 'text/plain', ...cors_h });
      return res.end('Internal Server Error');
    case 'invalid-json':
      res.writeHead(200, { 'content-type': 'application/json', ...cors_h });
      return res.end('{"format_version": 1, "dataset_version": ');
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html', ...cors_h });
      return res.end('<!doctype html><title>Error</title><h1>Service unavailable</h1>');
    case 'truncated': {
      if (!real || !fs.existsSync(real)) break;
      const body = fs.readFileSync(real);
      const half = body.subarray(0, Math.floor(body.length / 2));
      // index.json stays whole so the collections are the ones that arrive broken.
      const out = rest === 'index.json' ? body : half;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length, ...cors_h });
      return res.end(out);
    }
    case 'down':
      return req.socket.destroy();
  }
  res.writeHead(404, { 'content-type': 'text/plain', ...cors_h });
  res.end('unknown fault');
}

let endpointFault = '';
/** Bytes of the last huge-items body written (GET /__control?sent). */
let hugeSent = 0;

/** The real endpoint's index and initiatives, republished as version + `step`. */
function republished(step, broken = 0) {
  const dir = path.join(root, 'data/v1');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const entry = index.collections.initiatives;
  const initiatives = JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8'));
  index.dataset_version += step;
  initiatives.dataset_version = index.dataset_version;
  initiatives.items[0].name += ' (gewijzigd)';
  initiatives.items.slice(0, broken).forEach((item) => { item.nis = '99999'; });
  const body = Buffer.from(JSON.stringify(initiatives));
  Object.assign(entry, { bytes: body.length, sha256: crypto.createHash('sha256').update(body).digest('hex') });
  return { index: Buffer.from(JSON.stringify(index)), initiatives: body, file: entry.file };
}

function endpointFaulty(req, res, name) {
  const json = (body) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-cache' });
    res.end(body);
  };
  switch (endpointFault) {
    case 'down': return req.socket.destroy();
    case '500': res.writeHead(500, { 'content-type': 'text/plain' }); return res.end('Internal Server Error');
    case 'html': res.writeHead(200, { 'content-type': 'text/html' }); return res.end('<!doctype html><h1>Onderhoud</h1>');
    case 'timeout': return name === 'index.json' ? undefined : json(Buffer.from('{}'));
    case 'huge': {
      if (name !== 'index.json') break;
      const size = 50 * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 50; i++) res.write(chunk);
      return res.end();
    }
    case 'backwards': {
      if (name !== 'index.json') break;
      const index = JSON.parse(fs.readFileSync(path.join(root, 'data/v1/index.json'), 'utf8'));
      index.dataset_version -= 1;
      return json(Buffer.from(JSON.stringify(index)));
    }
    case 'huge-items': {
      const next = republished(1);
      if (name === 'index.json') return json(next.index);
      if (name !== next.file) break;
      // Chunked (no Content-Length): a client only finds out by reading. Written as it reads,
      // so what went out is what the client asked for.
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      hugeSent = 0;
      const more = () => {
        while (hugeSent < 256 * chunk.length && !res.destroyed) {
          hugeSent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', more);
        }
        if (!res.destroyed) res.end();
      };
      return more();
    }
    case 'truncated': case 'sha': case 'invalid': case 'halfway': case 'one-invalid': {
      // 'invalid': a quarter of the records, over the 20 % a client leaves out (quarantine.rs).
      const count = JSON.parse(fs.readFileSync(path.join(root, 'data/v1/index.json'), 'utf8')).collections.initiatives.count;
      const broken = { invalid: Math.ceil(count / 4), 'one-invalid': 1 }[endpointFault] ?? 0;
      const next = republished(1, broken);
      if (name === 'index.json') return json(next.index);
      if (name !== next.file) break;
      if (endpointFault === 'halfway') return req.socket.destroy();
      if (endpointFault === 'truncated') return json(next.initiatives.subarray(0, next.initiatives.length >> 1));
      if (endpointFault === 'sha') {
        const flipped = Buffer.from(next.initiatives);
        flipped[flipped.length - 3] = flipped[flipped.length - 3] === 0x61 ? 0x62 : 0x61;
        return json(flipped);
      }
      return json(next.initiatives);
    }
  }
  return false;
}

const notFound = (res) => {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
  res.end('Not found');
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host || host}`);
  if (faults && url.pathname === '/__control' && url.searchParams.has('sent')) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end(String(hugeSent));
  }
  if (faults && url.pathname === '/__control') {
    endpointFault = url.searchParams.get('fault') || '';
    res.writeHead(204);
    return res.end();
  }
  // The path inside the build: the public URL (--base) is stripped; outside it there is nothing
  // (as on a host where the app lives in one folder), except `/wegwijzer` without its slash.
  if (base !== '/' && url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { location: base + url.search });
    return res.end();
  }
  const rel = url.pathname.startsWith(base) ? url.pathname.slice(base.length - 1) : null;
  if (faults && endpointFault && rel?.startsWith('/data/v1/')) {
    if (endpointFaulty(req, res, rel.slice('/data/v1/'.length)) !== false) return;
  }
  if (req.method === 'OPTIONS' && cors) {
    res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' });
    return res.end();
  }
  if (faults) {
    const m = url.pathname.match(/^\/__fault\/([a-z0-9-]+)\/(.+)$/);
    if (m) return fault(req, res, m[1], m[2]);
  }
  if (rel === null) return notFound(res);
  const file = inside(rel);
  if (!file) {
    res.writeHead(400);
    return res.end();
  }
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(req, res, file);
  // App routes (no file extension) get the page the build made for them, with its picture
  // (`kaart.html` for `/kaart`, scripts/post-build.mjs), else the shell; missing files get a
  // real 404.
  if (!path.extname(rel)) {
    const page = rel.endsWith('/') ? null : inside(`${rel}.html`);
    if (page && fs.existsSync(page) && fs.statSync(page).isFile()) return send(req, res, page);
    return send(req, res, path.join(root, 'index.html'));
  }
  notFound(res);
});

server.listen(port, host, () => {
  console.log(`Serving ${root} on http://${host}:${server.address().port}${base}${faults ? ' (faults on)' : ''}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
