import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = '.empty-chair.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  role: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner ? `${owner.role}, process ${owner.pid}` : 'another process';
    super(
      `Another Empty Chair (${who}) is already using the data folder ${dataDir}. ` +
        'Close it first, or choose another folder with --data-dir.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder for this process, so two processes never write the same files.
 * A pid file created with O_EXCL: a lock left by a crashed process on this machine is taken over
 * at once (its pid is gone), which mtime-based locks would refuse for their stale period.
 */
export function acquireDataDirLock(dataDir: string, role: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), role, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const owner = readOwner(lockPath);
        if (owner?.pid === me.pid && owner.startedAt === me.startedAt) fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      const stale = owner !== null && owner.hostname === me.hostname && owner.pid !== process.pid && !isAlive(owner.pid);
      // A lock file we cannot read is left alone: it may be half-written by a process starting now.
      if (!stale || attempt > 0) throw new DataDirLockedError(dataDir, owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, null);
}
