#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml): finishes the build in Trunk's staging folder before it
// becomes dist/. One script, because Trunk runs the hooks of one stage side by side and these
// steps have an order:
//   1. precompress: every compressible file gets a `.br` (brotli -q 11) and a `.gz` (gzip -9)
//      beside it, which scripts/serve.mjs serves as is (and nginx's `brotli_static` /
//      `gzip_static`, Caddy's `precompressed`). Release builds only: development builds stay quick.
// Trunk sets TRUNK_STAGING_DIR and TRUNK_PROFILE; by hand: `node scripts/post-build.mjs DIR`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
if (!dir) {
  console.error('post-build: no folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}

const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|json|svg|webmanifest|txt)$/;

/** Every file under `root`, recursively. */
function files(root) {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

function precompress(root) {
  let count = 0;
  for (const file of files(root)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(body, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    } });
    const gz = zlib.gzipSync(body, { level: 9 });
    // A compressed file that is not smaller is not worth serving.
    if (br.length < body.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < body.length) fs.writeFileSync(`${file}.gz`, gz);
    count++;
  }
  return count;
}

if (release) console.log(`post-build: precompressed ${precompress(dir)} files (brotli, gzip)`);
