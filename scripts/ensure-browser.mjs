// Makes sure a Chromium for the Playwright tests exists, and says what it did.
// Order: CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own download, then apt-get.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && fs.existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here.
  }
  return null;
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

if (import.meta.url === `file://${process.argv[1]}`) {
  let found = findChromium();
  if (found) {
    console.log(`Test browser: ${found}`);
  } else {
    console.log("No Chromium found for the browser tests; trying Playwright's download…");
    if (!run('npx', ['playwright', 'install', 'chromium']) || !(found = findChromium())) {
      const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      console.log("Playwright could not download Chromium; installing Debian's chromium package with apt-get…");
      const apt = (...aptArgs) => (isRoot ? run('apt-get', aptArgs) : run('sudo', ['apt-get', ...aptArgs]));
      const ok = apt('update', '-qq') && apt('install', '-y', '-qq', 'chromium');
      found = ok ? findChromium() : null;
    }
    if (!found) {
      console.error('Could not get a Chromium for the browser tests. Install one (e.g. apt-get install chromium) or set CHROMIUM_PATH.');
      process.exit(1);
    }
    console.log(`Test browser installed: ${found}`);
  }
}
