import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processIdentity, type ProcessIdentity } from './processIdentity';

export const LOCK_FILE_NAME = '.empty-chair.lock';
/**
 * How long a lock file may be unreadable before it counts as left by a crash. This version never
 * shows a half-written lock (it links a finished file into place); the fallback writer, and
 * earlier versions, create the file before filling it, for a moment.
 */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

interface LockOwner extends ProcessIdentity {
  pid: number;
  hostname: string;
  role: string;
  startedAt: string;
}

/** What the lock file says: its owner, or why it names none ("is empty"), with its bytes and age. */
type FoundLock = { owner: LockOwner; bytes: Buffer } | { unreadable: string; bytes: Buffer | null; ageMs: number } | null;

export class DataDirLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the data folder for this process, so two processes never write the same files. The lock
 * file names its owner by process id, start time and boot (processIdentity.ts), so a lock left by
 * a crash is taken over at once, even when the system has given the pid to another process since.
 * What cannot be judged (a live pid of unknown start time, another computer, an unreadable file)
 * refuses the start with a message naming the lock file and what to do.
 */
export function acquireDataDirLock(dataDir: string, role: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    role,
    startedAt: new Date().toISOString(),
    ...processIdentity(process.pid),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLockFile(lockPath, JSON.stringify(me))) return held(lockPath, me);
    const found = readLock(lockPath);
    if (found === null) continue; // released meanwhile
    const refusal = refuse(found, dataDir, lockPath, me);
    if (refusal) throw refusal;
    removeStaleLock(lockPath, found.bytes);
  }
  throw new DataDirLockedError(
    `The lock file ${lockPath} of the data folder ${dataDir} keeps changing: another Empty Chair is starting there. Try again in a moment.`,
  );
}

function held(lockPath: string, me: LockOwner): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const found = readLock(lockPath);
    if (found && 'owner' in found && found.owner.pid === me.pid && found.owner.startedAt === me.startedAt)
      fs.rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}

/**
 * Creates the lock file whole and durably, or returns false if there is one: the content goes to
 * a temp file, is fsynced, and is hard-linked to the lock's name (which fails if the name is
 * taken), so nobody ever reads a half-written lock and a power cut cannot leave an empty one.
 * Where hard links are not supported, it is created exclusively and filled in place.
 */
function createLockFile(lockPath: string, content: string): boolean {
  const temp = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeDurably(temp, content, 'wx');
    try {
      fs.linkSync(temp, lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      writeDurably(lockPath, content, 'wx');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncFolder(path.dirname(lockPath));
  return true;
}

function writeDurably(file: string, content: string, flag: string): void {
  const fd = fs.openSync(file, flag);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return; // a folder cannot be opened for fsync there; NTFS journals names
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readLock(lockPath: string): FoundLock {
  let bytes: Buffer;
  let ageMs: number;
  try {
    bytes = fs.readFileSync(lockPath);
    ageMs = Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { unreadable: `cannot be read (${(error as Error).message})`, bytes: null, ageMs: 0 };
  }
  if (bytes.length === 0) return { unreadable: 'is empty', bytes, ageMs };
  try {
    const owner = JSON.parse(bytes.toString('utf8')) as Partial<LockOwner>;
    if (Number.isInteger(owner.pid) && owner.pid! > 0 && typeof owner.hostname === 'string') return { owner: owner as LockOwner, bytes };
  } catch {
    // Not JSON: said below.
  }
  return { unreadable: 'does not name the process that holds it', bytes, ageMs };
}

/** Why the lock stands (as the error to throw), or null when it was left by a process that is gone. */
function refuse(found: NonNullable<FoundLock>, dataDir: string, lockPath: string, me: LockOwner): DataDirLockedError | null {
  const ifNotRunning = `If no Empty Chair is running, delete the lock file ${lockPath} and start again.`;
  if ('unreadable' in found) {
    if (found.bytes !== null && found.ageMs >= UNREADABLE_LOCK_GRACE_MS) return null;
    return new DataDirLockedError(
      `The lock file ${lockPath} of the data folder ${dataDir} ${found.unreadable}; ` +
        `another Empty Chair may be starting. Try again in a moment. ${ifNotRunning}`,
    );
  }
  const { owner } = found;
  const who = `${owner.role || 'Empty Chair'}, process ${owner.pid}, since ${owner.startedAt}`;
  if (owner.hostname !== me.hostname) {
    return new DataDirLockedError(
      `An Empty Chair on the computer "${owner.hostname}" (${who}) is using the data folder ${dataDir}. ` +
        `Close it there first, or choose another folder with --data-dir. If it is not running there, delete the lock file ${lockPath} and start again.`,
    );
  }
  if (isGone(owner)) return null;
  return new DataDirLockedError(
    `Another Empty Chair (${who}) is already using the data folder ${dataDir}. ` +
      `Close it first, or choose another folder with --data-dir. ${ifNotRunning}`,
  );
}

/** Whether the lock's process is certainly gone: another boot, no such pid, or the pid now another process's. */
function isGone(owner: LockOwner): boolean {
  const now = processIdentity(owner.pid);
  if (owner.bootId && now.bootId && owner.bootId !== now.bootId) return true;
  if (!isAlive(owner.pid)) return true;
  return owner.processStart !== undefined && now.processStart !== undefined && owner.processStart !== now.processStart;
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

/**
 * Removes a stale lock, unless it changed since it was judged (another process took the folder
 * over meanwhile): it is renamed aside first and compared, and put back if it is not the one judged.
 */
function removeStaleLock(lockPath: string, judged: Buffer | null): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (judged && !fs.readFileSync(aside).equals(judged)) fs.linkSync(aside, lockPath);
  } catch {
    // Another lock is in place again (or the link failed): the next attempt judges whatever is there.
  } finally {
    fs.rmSync(aside, { force: true });
  }
}
