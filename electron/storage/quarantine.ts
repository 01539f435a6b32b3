import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import type { DamagedDocumentError } from './documentStore';
import { LOCK_FILE_NAME } from './lock';

export const QUARANTINE_DIR = 'quarantine';

/**
 * Where damaged data files go, never deleted: quarantine/<time>-<path>, so the user (or support)
 * can still look at them. A file named `quarantine` in the way is itself set aside, and told.
 */
export class Quarantine {
  readonly dir: string;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date,
    private readonly tell: (notice: string) => void,
  ) {
    this.dir = path.join(dataDir, QUARANTINE_DIR);
  }

  /** Moves a damaged file (or folder) out of the way; returns where it went. Throws what the disk says. */
  move(file: string): string {
    const target = this.target(file);
    fs.renameSync(file, target);
    return target;
  }

  /** Moves a damaged file here; returns where. Throws storage_error (naming it, saying what to do) if it cannot. */
  setAside(error: DamagedDocumentError): string {
    try {
      return this.move(error.file);
    } catch (moveError) {
      throw new ApiError(
        'storage_error',
        `${error.message} It could not be moved to ${this.dir} (${(moveError as Error).message}), so nothing was changed: ` +
          'move it out of the data folder yourself, then start Empty Chair again.',
      );
    }
  }

  /** Like move, but copies: for a file the app still repairs in place (a save journal). */
  copy(file: string): string {
    const target = this.target(file);
    fs.copyFileSync(file, target);
    return target;
  }

  private target(file: string): string {
    this.makeFolder();
    const stamp = timeStamp(this.now());
    const name = path.relative(this.dataDir, file).split(path.sep).join('__');
    let target = path.join(this.dir, `${stamp}-${name}`);
    for (let n = 2; fs.existsSync(target); n++) target = path.join(this.dir, `${stamp}-${n}-${name}`);
    return target;
  }

  private makeFolder(): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'ENOTDIR') || fs.statSync(this.dir).isDirectory()) throw error;
    }
    const aside = path.join(this.dataDir, `${QUARANTINE_DIR}-${timeStamp(this.now())}.set-aside`);
    fs.renameSync(this.dir, aside);
    fs.mkdirSync(this.dir);
    this.tell(`${this.dir} was a file, not the folder where damaged files are set aside. It was renamed to ${aside}.`);
  }
}

const timeStamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/** Temp files of the lock's durable write (lock.ts) that a crash left behind. */
const LEFTOVER_LOCK_TEMP = new RegExp(`^${LOCK_FILE_NAME.replace(/\./g, '\\.')}\\..+\\.tmp$`);

/**
 * Removes temp files a crash left behind mid-write (atomically names them <file>.tmp-<16 chars>;
 * backups are made in .partial-<id>; the lock in .empty-chair.lock.<…>.tmp) from each folder;
 * `listed` gives a folder's names where the caller has already listed it. Call it holding the lock.
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
      if (/\.tmp-\d{10}[a-f0-9]{6}$/.test(name) || name.startsWith('.partial-') || LEFTOVER_LOCK_TEMP.test(name)) {
        fs.rmSync(path.join(dir, name), { recursive: true, force: true });
        removed.push(path.join(dir, name));
      }
    }
  }
  return removed;
}
