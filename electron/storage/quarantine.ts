import fs from 'node:fs';
import path from 'node:path';

export const QUARANTINE_DIR = 'quarantine';

/**
 * Moves a damaged data file out of the way, never deleting it: quarantine/<time>-<path>, so the
 * user (or support) can still look at it. Returns where it went.
 */
export function quarantineFile(dataDir: string, file: string, now = new Date()): string {
  const target = quarantineTarget(dataDir, file, now);
  fs.renameSync(file, target);
  return target;
}

/** Like quarantineFile, but copies: for a file the app still repairs in place (a save journal). */
export function quarantineCopy(dataDir: string, file: string, now = new Date()): string {
  const target = quarantineTarget(dataDir, file, now);
  fs.copyFileSync(file, target);
  return target;
}

function quarantineTarget(dataDir: string, file: string, now: Date): string {
  const folder = path.join(dataDir, QUARANTINE_DIR);
  fs.mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = path.relative(dataDir, file).split(path.sep).join('__');
  let target = path.join(folder, `${stamp}-${name}`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(folder, `${stamp}-${n}-${name}`);
  return target;
}

/**
 * Removes temp files a crash left behind mid-write (atomically names them <file>.tmp-<16 chars>)
 * from each folder; `listed` gives a folder's names where the caller has already listed it.
 */
export function removeLeftoverTempFiles(dirs: string[], listed = new Map<string, string[]>()): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names = listed.get(dir);
    if (!names) {
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
    }
    for (const name of names) {
      if (/\.tmp-\d{10}[a-f0-9]{6}$/.test(name) || name.startsWith('.partial-')) {
        fs.rmSync(path.join(dir, name), { recursive: true, force: true });
        removed.push(path.join(dir, name));
      }
    }
  }
  return removed;
}
