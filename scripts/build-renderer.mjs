import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** EMPTY_CHAIR_RENDERER_DIR lets parallel test runs build and serve their own copy instead of racing on one. */
export const RENDERER_DIR = process.env.EMPTY_CHAIR_RENDERER_DIR
  ? path.resolve(process.env.EMPTY_CHAIR_RENDERER_DIR)
  : path.join(ROOT, 'dist', 'renderer');
const BUILT = path.join(RENDERER_DIR, 'index.html');
const SOURCES = ['renderer', 'shared'];

/** The newest modification time of any file under `dir` (a few ms for this repository's sources). */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the renderer (web mode, no Electron bundle) when dist/ is missing or older than its sources. */
export async function ensureRendererBuilt() {
  const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((dir) => newestMtime(path.join(ROOT, dir))));
  if (builtAt > sourcesAt) return;
  console.log('Building the Empty Chair interface…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, EMPTY_CHAIR_WEB: '1' },
  });
  if (result.status !== 0) throw new Error('Building the interface failed; see the messages above.');
}
