import Conf from 'conf';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeetingDraft } from '../../shared/api';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import type { SharingAdapter } from '../../electron/service/participants';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs `script`, an ES module that may import the TypeScript sources (through tsx), in a node process
 * of its own from the project's root: a session that crashes (it kills itself), or that must share
 * nothing with this one.
 */
export function runModule(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/**
 * The newest saved text of a document: its journal's last line while it has a journal (saves go
 * there first; electron/storage/documentStore.ts), else its file. What the next start would read.
 */
export function savedText(file: string): string {
  const journal = file.replace(/\.json$/, '.journal');
  if (fs.existsSync(journal)) {
    const lines = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    if (lines.length > 0) return lines.at(-1)!;
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Makes the disk refuse every later save of a document, as a full or read-only disk would: its
 * file and its journal become folders, which no rename replaces and no append opens. Returns the
 * undo. (The journal must not be open yet: a save that opened it keeps appending to it.)
 */
export function refuseWrites(file: string): () => void {
  const journal = file.replace(/\.json$/, '.journal');
  const aside = `${file}.aside`;
  fs.renameSync(file, aside);
  fs.mkdirSync(file);
  const journalAside = `${journal}.aside`;
  const hadJournal = fs.existsSync(journal);
  if (hadJournal) fs.renameSync(journal, journalAside);
  fs.mkdirSync(journal);
  return () => {
    fs.rmdirSync(file);
    fs.renameSync(aside, file);
    fs.rmdirSync(journal);
    if (hadJournal) fs.renameSync(journalAside, journal);
  };
}

export function tempDir(prefix = 'empty-chair-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A library on a temp folder; pass `sharing` (electron/server's adapter) where a test starts sharing. */
export function open(dataDir: string, options: { sharing?: SharingAdapter } = {}): OpenLibrary {
  return openLibrary({ dataDir, StoreClass: Conf, role: 'test', ...options });
}

/** Every data file under a folder with its bytes, to prove that a refused call wrote nothing (backups come on timers). */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'backups') walk(full);
      } else if (!entry.name.endsWith('.lock')) out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export const sampleDraft = (overrides: Partial<MeetingDraft> = {}): MeetingDraft => ({
  title: 'Pricing page review',
  scheduledAt: '2026-11-24T09:30:00.000Z',
  lead: 'Ana',
  participants: ['Ben', 'Chloé'],
  agenda: [
    { title: 'New tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Draft in the wiki' },
    { title: 'Trial length', owner: 'Ana', timeboxMinutes: 10 },
    { title: 'Migration of old plans' },
  ],
  ...overrides,
});

/** Libraries opened by `openTemp`, closed by `closeOpened` (call it in afterEach). */
const opened: OpenLibrary[] = [];

/** A library on a fresh (or given) temp folder, without timed backups; closed by `closeOpened`. */
export function openTemp(dir = tempDir()): OpenLibrary {
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
  opened.push(library);
  return library;
}

export function closeOpened(): void {
  opened.splice(0).forEach((library) => library.close());
}

/** Calls a method through the dispatcher (as a transport does) and returns its value, throwing on an error result. */
export function valueOf<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The error code a call fails with; throws if it succeeds. */
export function errorCodeOf(library: OpenLibrary, method: string, input: unknown): string {
  const result = dispatch(library.service, method, input);
  if (result.ok) throw new Error(`${method} succeeded but should have failed`);
  return result.error.code;
}

/** Closes one library now (a restart in a test); `closeOpened` then leaves it alone. */
export function closeNow(library: OpenLibrary): void {
  const index = opened.indexOf(library);
  if (index >= 0) opened.splice(index, 1);
  library.close();
}

/**
 * A library on a fresh temp folder (as `open` makes it), closed by `closeOpened`, with its
 * dispatcher at hand: `call` answers the Result, `value` its value or throws its message.
 */
export function freshLibrary() {
  const dir = tempDir();
  const library = open(dir);
  opened.push(library);
  const call = (method: string, input: unknown) => dispatch(library.service, method, input);
  const value = <T>(method: string, input: unknown): T => {
    const result = call(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  return { dir, library, call, value };
}

/** A small seeded generator (mulberry32): the same numbers in [0, 1) on every run. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
