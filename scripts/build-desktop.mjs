// npm start's build: the interface, the Electron main, its preload and its ledger worker (one `vite build`), run only
// when one of them is missing or older than a source (renderer/, shared/, electron/, the config).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RENDERER_DIR, ROOT, newestMtime } from './build-renderer.mjs';

const OUTPUTS = [
  path.join(RENDERER_DIR, 'index.html'),
  path.join(ROOT, 'dist-electron', 'main.js'),
  path.join(ROOT, 'dist-electron', 'preload.cjs'),
  path.join(ROOT, 'dist-electron', 'ledgerBuildWorker.cjs'),
];
const SOURCE_DIRS = ['renderer', 'shared', 'electron'];
const SOURCE_FILES = ['vite.config.ts', 'package.json', 'package-lock.json'];

/** True when an output is missing or older than the newest source. */
export function desktopIsStale() {
  const builtAt = Math.min(...OUTPUTS.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)));
  const sourcesAt = Math.max(
    ...SOURCE_DIRS.map((dir) => newestMtime(path.join(ROOT, dir))),
    ...SOURCE_FILES.map((file) => (fs.existsSync(path.join(ROOT, file)) ? fs.statSync(path.join(ROOT, file)).mtimeMs : 0)),
  );
  return builtAt <= sourcesAt;
}

/** Runs `vite build` when something changed; returns its exit status (0 when nothing had to be built). */
export function ensureDesktopBuilt() {
  if (!desktopIsStale()) return 0;
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return build.status ?? 1;
}
