// Browser mode's server, built ahead as the Electron main is (vite, to dist-web/web.cjs), so a start
// compiles no TypeScript: `npm run web` rebuilds it only when a source under electron/ or shared/
// (or this script) is newer than the bundle, a cheap check of modification times. The bundle holds
// its packages too, and runs with V8's code cache, so a start neither resolves hundreds of module
// files nor parses them again (docs/performance.md, finding 11).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT, newestMtime } from './build-renderer.mjs';

export const SERVER_DIR = path.join(ROOT, 'dist-web');
export const SERVER_ENTRY = path.join(SERVER_DIR, 'web.cjs');
/** The worker that builds the ledger (electron/ledgerBuildWorker.ts), run from a file of its own. */
export const LEDGER_WORKER_ENTRY = path.join(SERVER_DIR, 'ledgerBuildWorker.cjs');
const SOURCES = ['electron', 'shared'];
/** The bundle holds its packages: an install that changes one (the lock file) rebuilds it too. */
const SOURCE_FILES = ['package.json', 'package-lock.json'];
/** How long after the start the code cache is written: by then the first requests compiled what they use. */
const CACHE_AFTER_MS = 3_000;

/** True when dist-web/web.cjs (or its worker) is missing, or older than a source it is built from. */
export function serverIsStale() {
  const builtAt = fs.existsSync(SERVER_ENTRY) && fs.existsSync(LEDGER_WORKER_ENTRY) ? fs.statSync(SERVER_ENTRY).mtimeMs : 0;
  const sourcesAt = Math.max(
    fs.statSync(new URL(import.meta.url)).mtimeMs,
    ...SOURCES.map((dir) => newestMtime(path.join(ROOT, dir))),
    ...SOURCE_FILES.map((file) => (fs.existsSync(path.join(ROOT, file)) ? fs.statSync(path.join(ROOT, file)).mtimeMs : 0)),
  );
  return builtAt <= sourcesAt;
}

/** Bundles one entry under electron/ with everything it imports, packages included, into one CommonJS file in `outDir`. */
export async function bundleForNode(entry, outDir, fileName) {
  const { build } = await import('vite'); // only when building: loading vite costs more than a start
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: path.join(ROOT, 'electron', entry),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      sourcemap: false,
      minify: true,
      rollupOptions: { output: { format: 'cjs', entryFileNames: fileName } },
    },
    ssr: { noExternal: true },
  });
  return path.join(outDir, fileName);
}

/**
 * Bundles electron/web.ts, and the ledger's build worker, each into one CommonJS file. Built into a
 * folder of its own and renamed into place (the server last), so two starts building at once
 * (parallel test workers) never run a half-written file; the old code caches go with the old bundle.
 */
export async function buildServer() {
  fs.mkdirSync(SERVER_DIR, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(SERVER_DIR, '.build-'));
  try {
    fs.renameSync(await bundleForNode('ledgerBuildWorker.ts', outDir, 'ledgerBuildWorker.cjs'), LEDGER_WORKER_ENTRY);
    fs.renameSync(await bundleForNode('web.ts', outDir, 'web.cjs'), SERVER_ENTRY);
    for (const name of fs.readdirSync(SERVER_DIR)) if (name.endsWith('.cache')) fs.rmSync(path.join(SERVER_DIR, name), { force: true });
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Builds the server when it is missing or older than its sources; otherwise costs a few ms. */
export async function ensureServerBuilt() {
  if (!serverIsStale()) return;
  console.log('Building the Empty Chair server…');
  await buildServer();
}

/** The code cache of this bundle for this node: named by the bundle's time and node's version. */
function cacheFile() {
  const stat = fs.statSync(SERVER_ENTRY);
  return path.join(SERVER_DIR, `web-${Math.trunc(stat.mtimeMs)}-${stat.size}-${process.version}-${process.arch}.cache`);
}

/**
 * Runs the built server as node runs a CommonJS file, with V8's code cache: read if this bundle has
 * one (V8 refuses a cache that does not fit, and then compiles as usual), written a few seconds
 * after a start that had none (or as it exits, if sooner), atomically, off the path of the first request.
 */
export function runServer() {
  const file = cacheFile();
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(SERVER_ENTRY, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: SERVER_ENTRY, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(SERVER_ENTRY), module, SERVER_ENTRY, SERVER_DIR);
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    try {
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, file);
    } catch {
      // A cache is an optimisation: a read-only folder just starts a little slower.
    }
  };
  setTimeout(write, CACHE_AFTER_MS).unref();
  process.once('exit', write); // a start stopped sooner still leaves one for the next
}
