// Builds the app's wasm in chunks, in place of Trunk's own Rust step (Trunk cannot split wasm,
// trunk-rs/trunk#1022). public/index.html marks its rust link `data-trunk-skip`, so Trunk leaves
// that link in the page and builds nothing; scripts/post-build.mjs calls `splitWasm` first.
//
//   1. cargo rustc --target wasm32-unknown-unknown --bin <data-bin> [--release]
//        -- -Clink-args=--emit-relocs   (only the final link gets the flag: the dependencies
//                                        stay those of an ordinary build, already compiled)
//   2. wasm-split-cli (crate wasm_split_cli_support, scripts/setup): the code reachable only from
//      a split point (a lazy route or `#[lazy]` function, src/routes/mod.rs) moves to chunks,
//      loaded by `__wasm_split.js` when first called; they share the main module's memory.
//   3. wasm-bindgen --target web --keep-lld-exports on the main module (the chunks import
//      its linker exports).
//   4. wasm-opt on every module (release only), with the link's `data-wasm-opt` level and
//      `data-wasm-opt-params` (the chunks share the main module's memory, so what holds for its
//      memory holds for theirs).
//   5. Everything goes into one folder named after a hash of its content, `wasm-<16 hex>/`:
//      the chunk loader imports the main module by a relative URL (`./<bin>.js`), so the files
//      keep plain names and the folder carries the version (a query string would load the
//      module twice). Immutable like Trunk's hashed files (scripts/serve.mjs, README).
//   6. The rust link in index.html becomes the preloads of the main module's scripts, a
//      `#wegwijzer-chunks` list of every file in the folder (public/sw.js precaches it), a
//      script that preloads the main wasm (except on the start page: see the start script)
//      and the chunks of a deep link's route (ROUTE_SPLITS), and the start script, which
//      fires `TrunkApplicationStarted` as Trunk's does.
//
// Profiling: `WEGWIJZER_WASM_NAMES=1 trunk build --release --dist /tmp/profile` keeps the
// functions' names (demangled) through wasm-bindgen and wasm-opt (`-g`), so a Chromium CPU
// profile names them (docs/size.md); never for a build that ships.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 'wasm32-unknown-unknown';
// The chunks' loader that wasm-split-cli writes; the main module imports it.
const LOADER = '__wasm_split.js';
// The link Trunk skipped: `<link data-trunk rel="rust" ... data-trunk-skip ...>`.
const RUST_LINK = /<link\b[^>]*\bdata-trunk\b[^>]*\brel="rust"[^>]*>/;
// Features of the modules rustc emits (wasm-split's chunks carry no target_features section,
// from which wasm-opt would read them).
const WASM_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

/** Runs a tool; `quiet` drops the stderr lines it matches (known, harmless warnings). */
function run(command, args, { quiet } = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', quiet ? 'pipe' : 'inherit'], cwd: repo, encoding: 'utf8' });
  if (quiet && result.stderr) {
    process.stderr.write(result.stderr.split('\n').filter((line) => line && !quiet.test(line)).map((line) => `${line}\n`).join(''));
  }
  if (result.error || result.status !== 0) {
    const why = result.error?.code === 'ENOENT' ? 'not found (run scripts/setup)' : `failed (${result.status ?? result.signal})`;
    throw new Error(`split-wasm: ${command} ${why}: ${command} ${args.join(' ')}`);
  }
}

function attribute(tag, name) {
  return (tag.match(new RegExp(`\\b${name}="([^"]*)"`)) || [])[1];
}

/** The wasm-bindgen version Cargo.lock asks for; the CLI must be the same. */
function lockedBindgenVersion() {
  const lock = fs.readFileSync(path.join(repo, 'Cargo.lock'), 'utf8');
  return (lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/) || [])[1];
}

function checkBindgen() {
  const want = lockedBindgenVersion();
  const have = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
  if (want && have !== want) throw new Error(`split-wasm: wasm-bindgen ${have} is installed, Cargo.lock has ${want} (run scripts/setup)`);
}

// The lazy routes (src/app.rs) by their path below the public URL, and the split function of
// each (routes/mod.rs: `__<route in snake case>_view`). A deep link to one of them preloads its
// chunks with the main module instead of after it. Only a hint: a route missing here still
// loads its chunks when it needs them.
const ROUTE_SPLITS = [['initiatief/', 'initiative_route'], ['kaart', 'map_route'], ['over', 'about_route'], ['insluiten', 'embed_builder_route']];

/**
 * The wasm files each split function needs, from the loader wasm-split-cli wrote: every
 * `makeLoad` fetches one file and names the chunks it depends on. Returns { split name: files }.
 */
function filesPerSplit(loader) {
  const loads = new Map();
  const splits = {};
  const load = /(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\)\);[^]*?\}\s*,\s*\[([^\]]*)\]/g;
  for (const [, name, file, deps] of loader.matchAll(load)) {
    const needs = [file, ...deps.split(',').map((d) => d.trim()).filter(Boolean).flatMap((d) => loads.get(d) || [])];
    loads.set(name, needs);
    const split = name.match(/^__wasm_split_load_(\w+)$/);
    if (split) splits[split[1]] = [...new Set(needs)];
  }
  return splits;
}

/** The inline script that preloads a deep link's chunks (see ROUTE_SPLITS). */
function routePreloads(base, wasm, splits) {
  const routes = ROUTE_SPLITS.map(([path, route]) => {
    const split = Object.keys(splits).find((name) => name.startsWith(`__${route}_view`));
    return split && [path, splits[split]];
  }).filter(Boolean);
  // The main wasm is preloaded at once everywhere but on a page of which first-paint.js may
  // paint a picture (public/picture-painted.js): there the module script below fetches it right
  // after that paint, and the page's chunks are preloaded then too.
  return `<script>
(() => {
  const base = ${JSON.stringify(base)};
  const root = new URL(document.querySelector('meta[name=wegwijzer-public-url]')?.content || '/', location.href).pathname;
  const path = location.pathname.startsWith(root) ? location.pathname.slice(root.length) : '';
  const route = ${JSON.stringify(routes)}.find(([p]) => (p.endsWith('/') ? path.startsWith(p) : path === p));
  const files = route ? route[1] : [];
  // One link a task, after the task that fetches the wasm: each link took a few ms at 4x, and
  // with the wasm's and the data's requests they made a long task right after the paint.
  const preload = (i = 0) => {
    if (i >= files.length) return;
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: base + files[i] });
    document.head.append(link);
    setTimeout(() => preload(i + 1), 0);
  };
  if (window.wegwijzerPictured) {
    window.wegwijzerPictured.then(() => setTimeout(preload, 0));
  } else {
    files.unshift(${JSON.stringify(wasm)});
    preload();
  }
})();
</script>`;
}

/** A hash of every file in `dir` (names and contents): the folder's version. */
function hashOf(dir) {
  const hash = crypto.createHash('sha256');
  for (const name of fs.readdirSync(dir).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds, splits and places the wasm in `staging` and rewrites its index.html.
 * `release`: cargo's release profile and wasm-opt; `publicUrl`: Trunk's public URL, with which
 * the page names its files (`/`, `/wegwijzer/` or a full URL). Returns the folder's name and
 * its files, or null when the page has no rust link (built already). Throws with the failing
 * command when a step fails.
 */
export function splitWasm(staging, { release, publicUrl }) {
  const page = path.join(staging, 'index.html');
  let html = fs.readFileSync(page, 'utf8');
  const link = html.match(RUST_LINK)?.[0];
  // Already done (post-build.mjs run again by hand on a built folder).
  if (!link) return null;
  const bin = attribute(link, 'data-bin') || 'wegwijzer';
  const optLevel = attribute(link, 'data-wasm-opt') || 'z';
  const optParams = (attribute(link, 'data-wasm-opt-params') || '').split(/\s+/).filter(Boolean);
  checkBindgen();

  // 1. The wasm, with relocations for the splitter.
  const profile = release ? ['--release'] : [];
  run('cargo', ['rustc', ...profile, '--target', TARGET, '--bin', bin, '--', '-Clink-args=--emit-relocs']);
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(repo, 'target');
  const input = path.join(targetDir, TARGET, release ? 'release' : 'debug', `${bin}.wasm`);

  // 2-4 in a fresh folder (a rebuild must not keep an older build's chunks).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-split-'));
  try {
    run('wasm-split-cli', [input, work, '--out-name', bin, '--target', 'web']);
    const unbound = path.join(work, `${bin}.wasm`);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', ...(process.env.WEGWIJZER_WASM_NAMES ? [] : ['--no-demangle']), '--no-typescript',
      '--out-dir', work, '--out-name', bin, unbound]);
    fs.rmSync(unbound);
    if (release) {
      for (const name of fs.readdirSync(work).filter((n) => n.endsWith('.wasm'))) {
        const file = path.join(work, name);
        // wasm-split-cli writes name subsections wasm-opt does not know; it drops them anyway.
        run('wasm-opt', [`-O${optLevel}`, ...optParams, ...(process.env.WEGWIJZER_WASM_NAMES ? ['-g'] : []), ...WASM_FEATURES, file, '-o', file], { quiet: /unknown name subsection/ });
      }
    }

    // 4b. The bindings' functions are nearly all called while the app starts: Chromium (136+)
    // compiles a script marked so on a background thread as it streams in, instead of each
    // function on the main thread on its first call (V8's explicit compile hints).
    const glue = path.join(work, `${bin}.js`);
    fs.writeFileSync(glue, `//# allFunctionsCalledOnLoad\n${fs.readFileSync(glue, 'utf8')}`);

    // 5. Into the staging folder under its version.
    const folder = `wasm-${hashOf(work)}`;
    const dest = path.join(staging, folder);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(work, dest, { recursive: true });
    const files = fs.readdirSync(dest).sort();

    // 6. The page loads the main module; the chunks load when the app first needs them.
    const base = `${publicUrl.replace(/\/?$/, '/')}${folder}/`;
    const js = `${base}${bin}.js`;
    const wasm = `${base}${bin}_bg.wasm`;
    const list = JSON.stringify(files.map((name) => `${base}${name}`)).replace(/</g, '\\u003c');
    const tags = [
      `<link rel="modulepreload" href="${js}" crossorigin="anonymous">`,
      // The chunks' loader, which the main script imports (a wasm import module).
      `<link rel="modulepreload" href="${base}${LOADER}" crossorigin="anonymous">`,
      `<script type="application/json" id="wegwijzer-chunks">${list}</script>`,
      routePreloads(base, `${bin}_bg.wasm`, filesPerSplit(fs.readFileSync(path.join(dest, LOADER), 'utf8'))),
      // When first-paint.js paints a picture of the page, the wasm is fetched after that
      // paint, not before (public/picture-painted.js).
      `<script type="module">
import init, * as bindings from '${js}';
if (window.wegwijzerPictured) await window.wegwijzerPictured;
const wasm = await init({ module_or_path: '${wasm}' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
</script>`,
    ].join('\n');
    html = html.replace(RUST_LINK, () => tags);
    fs.writeFileSync(page, html);
    return { folder, files };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
