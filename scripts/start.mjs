// npm start: builds what changed and opens the desktop app; where the Electron binary is missing, says so in
// one sentence and runs browser mode instead (which prints the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build-renderer.mjs';
import { ensureDesktopBuilt } from './build-desktop.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);

/**
 * npm install skips Electron's own download (package.json's allowScripts: it fails the whole install
 * where its host cannot be reached), so a start without it fetches it first, quietly. Where that fails
 * (offline, locked down) the app runs in browser mode instead.
 */
function fetchElectron() {
  console.log('Fetching the Electron binary…');
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron', 'install.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    timeout: 10 * 60_000,
  });
  return findElectronBinary();
}

const electron = findElectronBinary() ?? fetchElectron();
if (!electron) {
  console.log('The Electron binary could not be fetched on this machine, so Empty Chair starts in browser mode instead.');
  process.argv = [process.argv[0], process.argv[1], ...args];
  await import('./web.mjs');
} else {
  const status = ensureDesktopBuilt(); // only what changed since the last build
  if (status !== 0) process.exit(status);
  const child = spawn(electron, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
