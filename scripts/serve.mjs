#!/usr/bin/env node
// A small static server for a release build (dist/): correct MIME types (wasm), SPA fallback
// for app routes, ETags, and, for tests only, an endpoint that misbehaves on request.
//
//   node scripts/serve.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--cors] [--faults]
//
// With --faults, `/__fault/<mode>/<file>` serves `/data/v1/<file>` badly:
//   500           HTTP 500
//   invalid-json  status 200, body that is not JSON
//   html          status 200, an HTML error page
//   truncated     the real file cut in half (sizes and checksums no longer match)
//   down          the connection is destroyed without an answer
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
  headers['cache-control'] = /-[0-9a-f]{16}[._]/.test(path.basename(file))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  if (cors) headers['access-control-allow-origin'] = '*';
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

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host || host}`);
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
