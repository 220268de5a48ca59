#!/usr/bin/env node
// A small static server for a release build (dist/): correct MIME types (wasm), SPA fallback
// for app routes, ETags, and, for tests only, an endpoint that misbehaves on request.
//
//   node scripts/serve.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--cors] [--faults]
//                          [--frame-ancestors "<CSP sources>"]   (who may embed the app)
//
// With --faults, `/__fault/<mode>/<file>` serves `/data/v1/<file>` badly:
//   500           HTTP 500
//   invalid-json  status 200, body that is not JSON
//   html          status 200, an HTML error page
//   truncated     the real file cut in half (sizes and checksums no longer match)
//   down          the connection is destroyed without an answer
// With --faults, the bundled endpoint /data/v1/ itself can also be told to misbehave from now
// on (so a client that cached it sees its own endpoint fail): GET /__control?fault=<mode>,
// and /__control?fault= to heal it. Modes:
//   down, 500, html   every /data/v1/ request fails that way
//   timeout           index.json never answers
//   huge              index.json is a 50 MB body
//   backwards         index.json offers dataset_version - 1
//   truncated, sha, invalid, halfway
//                     index.json offers dataset_version + 1 with a changed initiatives.json
//                     that arrives cut short / with one byte flipped / with a record that
//                     fails validation (size and SHA-256 consistent) / not at all (the
//                     connection drops, like a network lost halfway through a sync)
// Everything else under --root is served as is. Zero dependencies on purpose.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

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

function headersFor(file, body) {
  const ext = path.extname(file);
  const headers = {
    'content-type': TYPES[ext] || 'application/octet-stream',
    'content-length': body.length,
    etag: `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
    'x-content-type-options': 'nosniff',
  };
  // Hashed assets never change; everything else is revalidated.
  headers['cache-control'] = /-[0-9a-f]{8,16}[._]/.test(path.basename(file))
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
  const body = fs.readFileSync(file);
  const headers = headersFor(file, body);
  if (req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, { etag: headers.etag, 'cache-control': headers['cache-control'] });
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

function fault(req, res, mode, rest) {
  const real = inside('/data/v1/' + rest);
  const cors_h = cors ? { 'access-control-allow-origin': '*' } : {};
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

/** The real endpoint's index and initiatives, republished as version + `step`. */
function republished(step, breakRecord) {
  const dir = path.join(root, 'data/v1');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const entry = index.collections.initiatives;
  const initiatives = JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8'));
  index.dataset_version += step;
  initiatives.dataset_version = index.dataset_version;
  initiatives.items[0].name += ' (gewijzigd)';
  if (breakRecord) initiatives.items[0].nis = '99999';
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
    case 'truncated': case 'sha': case 'invalid': case 'halfway': {
      const next = republished(1, endpointFault === 'invalid');
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

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host || host}`);
  if (faults && url.pathname === '/__control') {
    endpointFault = url.searchParams.get('fault') || '';
    res.writeHead(204);
    return res.end();
  }
  if (faults && endpointFault && url.pathname.startsWith('/data/v1/')) {
    if (endpointFaulty(req, res, url.pathname.slice('/data/v1/'.length)) !== false) return;
  }
  if (req.method === 'OPTIONS' && cors) {
    res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' });
    return res.end();
  }
  if (faults) {
    const m = url.pathname.match(/^\/__fault\/([a-z0-9-]+)\/(.+)$/);
    if (m) return fault(req, res, m[1], m[2]);
  }
  const file = inside(url.pathname);
  if (!file) {
    res.writeHead(400);
    return res.end();
  }
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(req, res, file);
  // App routes (no file extension) get the shell; missing files get a real 404.
  if (!path.extname(url.pathname)) return send(req, res, path.join(root, 'index.html'));
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
  res.end('Not found');
});

server.listen(port, host, () => {
  console.log(`Serving ${root} on http://${host}:${server.address().port}/${faults ? ' (faults on)' : ''}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
