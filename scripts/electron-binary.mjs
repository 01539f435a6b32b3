// Finds the Electron executable the way node_modules/electron/index.js does, but without its side
// effect: requiring 'electron' starts a download when the binary is missing, which hangs offline.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_DIR = path.join(ROOT, 'node_modules', 'electron');

/** The executable's path inside Electron's dist folder on this platform (what install.js writes to path.txt). */
function platformExecutable() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron executable to launch, or null when it is not installed.
 * ELECTRON_OVERRIDE_DIST_PATH (a folder holding an Electron build) wins, as in electron's own index.js.
 */
export function findElectronBinary() {
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(PACKAGE_DIR, 'path.txt'), 'utf8').trim() || null;
  } catch {
    relative = null;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative ?? platformExecutable()) : relative && path.join(PACKAGE_DIR, 'dist', relative);
  if (!candidate) return null;
  try {
    return fs.statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

/** One plain sentence saying why desktop tests or the desktop app cannot run here. */
export const ELECTRON_MISSING_REASON =
  'the Electron binary is not installed (node_modules/electron/dist missing); the desktop tests run where it exists';
