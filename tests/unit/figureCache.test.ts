/**
 * The dashboard's figure cache (electron/service/figureCache.ts) on real data folders: what a later
 * session gets from it always equals the dashboard computed afresh from the meeting files, whether
 * a meeting changed in memory, in a session that never opened the dashboard, or just before a
 * crash; a damaged or foreign cache file is ignored and rewritten.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDashboard, type Dashboard } from '../../shared/dashboard';
import { compareMeetingsNewestFirst, type Meeting } from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { dispatch } from '../../electron/service/dispatch';
import { FIGURE_CACHE_FILE, FIGURE_CACHE_FORMAT } from '../../electron/service/figureCache';
import { decodeFigureFile, encodeFigureFile, type Entry } from '../../electron/service/figureCacheFormat';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { runModule, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MEETINGS = 30;

const opened: OpenLibrary[] = [];
afterEach(() => opened.splice(0).forEach((library) => library.close()));

// Workers stamp the files whatever the library's size, as they do for a large one (ledger/keeper.ts).
const open = (dir: string) => {
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null, readLedgerAhead: 'anySize' });
  opened.push(library);
  return library;
};
const close = (library: OpenLibrary) => {
  opened.splice(opened.indexOf(library), 1);
  expect(library.close().unsavedChanges).toBe(0);
};
function value<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const dashboardOf = (library: OpenLibrary) => value<Dashboard>(library, 'dashboard.get', {});

/** One session's dashboard, then closed (which writes the cache). */
function session(dir: string, work: (library: OpenLibrary) => void = () => {}): Dashboard {
  const library = open(dir);
  work(library);
  const dashboard = dashboardOf(library);
  close(library);
  return dashboard;
}

/** The dashboard computed afresh from every meeting file, nothing cached (run with no session open). */
function fresh(dir: string): Dashboard {
  const storage = new LibraryStorage(dir, Conf);
  const { index } = storage.open();
  const meetings = [...index.meetings].sort(compareMeetingsNewestFirst).map((summary) => storage.readMeeting(summary.id));
  return buildDashboard(meetings, { personas: index.personas, tags: [...BUILT_IN_TAGS, ...index.customTags] });
}

const otherZone = (zone: string) => (zone === 'Pacific/Chatham' ? 'UTC' : 'Pacific/Chatham');
const cacheFile = (dir: string) => path.join(dir, 'cache', FIGURE_CACHE_FILE);
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The file's format (figureCacheFormat.ts: after the 8 bytes of its magic) and its entries. */
function readCache(dir: string): { format: number; meetings: Map<string, Entry> } {
  const bytes = fs.readFileSync(cacheFile(dir));
  const decoded = decodeFigureFile(bytes, ZONE);
  if (!decoded) throw new Error('the cache file does not decode');
  return { format: bytes.readUInt32LE(8), meetings: decoded.entries };
}
const writeCache = (dir: string, entries: Map<string, Entry>, zone = ZONE) =>
  fs.writeFileSync(cacheFile(dir), encodeFigureFile(entries, zone));

/** Makes meeting `id`'s stored figures claim 100 more discussed items than it has: shows whether they were used. */
function tamper(dir: string, id: string): void {
  const { meetings } = readCache(dir);
  meetings.get(id)!.figures.discussed += 100;
  writeCache(dir, meetings);
}

function library(): { dir: string; meetings: Meeting[] } {
  const dir = tempDir('empty-chair-figures-');
  return { dir, meetings: generateLibrary(dir, { meetings: MEETINGS, decisionsPerMeeting: 4 }) };
}

const addDecision = (lib: OpenLibrary, meeting: Meeting, direction: string) =>
  value(lib, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text: 'Added later', direction } });

/** How many meeting files the figure cache itself stat-ed on this thread during `work` (the ledger stamps the files it reads too). */
async function figureCacheStats(dir: string, work: () => unknown): Promise<number> {
  const byFigureCache: string[] = [];
  const realStat = fs.statSync;
  const statSync = vi.spyOn(fs, 'statSync').mockImplementation(((file: fs.PathLike, options?: fs.StatSyncOptions) => {
    if (/figureCache\.ts/.test(new Error().stack ?? '')) byFigureCache.push(String(file));
    return realStat(file, options);
  }) as typeof fs.statSync);
  try {
    await work();
  } finally {
    statSync.mockRestore();
  }
  return byFigureCache.filter((file) => file.startsWith(path.join(dir, 'meetings'))).length;
}

describe('dashboard figure cache', () => {
  it('agrees with a fresh compute on a generated library, and a later session answers from the stored figures', () => {
    const { dir, meetings } = library();
    const first = session(dir);
    expect(first).toEqual(fresh(dir));
    expect(first.totals.meetings).toBe(MEETINGS);
    const cache = readCache(dir);
    expect(cache.format).toBe(FIGURE_CACHE_FORMAT);
    expect([...cache.meetings.keys()].sort()).toEqual(meetings.map((m) => m.id).sort());

    // The stored figures are what a later session uses while the meeting file is unchanged.
    tamper(dir, meetings[3]!.id);
    expect(session(dir).totals.discussed).toBe(first.totals.discussed + 100);
  });

  it('recomputes a meeting whose file changed in a session that never opened the dashboard', () => {
    const { dir, meetings } = library();
    session(dir);
    const changed = meetings[5]!;
    tamper(dir, changed.id);
    const other = open(dir);
    addDecision(other, changed, 'hurts');
    close(other); // folds the journal into the file: a new file, so a new stamp
    const later = session(dir);
    expect(later).toEqual(fresh(dir));
    expect(later.totals.decisions).toBe(MEETINGS * 4 + 1);
  });

  it('recomputes a meeting changed just before a crash (the journal folded at the next start)', () => {
    const { dir, meetings } = library();
    session(dir);
    const changed = meetings[7]!;
    tamper(dir, changed.id);
    const child = `
      import Conf from 'conf';
      const { openLibrary } = await import(${JSON.stringify(path.join(ROOT, 'electron/service/openLibrary.ts'))});
      const { dispatch } = await import(${JSON.stringify(path.join(ROOT, 'electron/service/dispatch.ts'))});
      const library = openLibrary({ dataDir: ${JSON.stringify(dir)}, StoreClass: Conf, role: 'test', backupIntervalMs: null });
      dispatch(library.service, 'dashboard.get', {});
      const added = dispatch(library.service, 'decisions.add', {
        meetingId: ${JSON.stringify(changed.id)}, itemId: ${JSON.stringify(changed.agenda[0]!.id)}, decision: { text: 'Before the crash', direction: 'helps' },
      });
      if (!added.ok) throw new Error(added.error.message);
      process.kill(process.pid, 'SIGKILL');
    `;
    const run = runModule(child);
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dir, 'meetings', `${changed.id}.journal`))).toBe(true);

    const later = session(dir);
    expect(later).toEqual(fresh(dir));
    expect(later.totals.decisions).toBe(MEETINGS * 4 + 1);
  });

  it('follows changes made in memory during a session, and keeps them for the next one', () => {
    const { dir, meetings } = library();
    const lib = open(dir);
    const before = dashboardOf(lib);
    addDecision(lib, meetings[0]!, 'hurts');
    addDecision(lib, meetings[1]!, 'helps');
    const after = dashboardOf(lib);
    expect(after.totals.decisions).toBe(before.totals.decisions + 2);
    close(lib);
    expect(after).toEqual(fresh(dir));
    // Stamped on close, once the changes were in their files: the next session needs no read for them.
    const cache = readCache(dir);
    expect(cache.meetings.get(meetings[0]!.id)!.file).not.toBeNull();
    tamper(dir, meetings[0]!.id);
    expect(session(dir).totals.discussed).toBe(after.totals.discussed + 100);
  });

  it('checks every entry again after a restore replaced the files under a running session', () => {
    const { dir, meetings } = library();
    session(dir);
    const changed = meetings[4]!;
    const lib = open(dir);
    const backup = value<{ id: string }>(lib, 'backups.create', {});
    const original = dashboardOf(lib); // every entry checked against its file in this session
    addDecision(lib, changed, 'hurts');
    close(lib); // the changed meeting's entry stamped with its new file
    const later = open(dir);
    expect(dashboardOf(later).totals.decisions).toBe(original.totals.decisions + 1);
    value(later, 'backups.restore', { id: backup.id });
    const restored = dashboardOf(later);
    close(later);
    expect(restored).toEqual(fresh(dir));
    expect(restored.totals.decisions).toBe(original.totals.decisions);
  });

  it('prepares in the background after start: the entries checked then are what the dashboard uses', async () => {
    const { dir, meetings } = library();
    session(dir);
    tamper(dir, meetings[6]!.id);
    const lib = open(dir);
    await lib.service.warmUp();
    expect(dashboardOf(lib).totals.discussed).toBe(fresh(dir).totals.discussed + 100);
  });

  it('takes the stamps on a worker thread while the cache file is read, and never uses an entry they disagree with', async () => {
    const { dir, meetings } = library();
    session(dir);
    tamper(dir, meetings[6]!.id); // unchanged file: its stored figures are used
    tamper(dir, meetings[8]!.id);
    const edited = path.join(dir, 'meetings', `${meetings[8]!.id}.json`);
    fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace(/"title":"/, '"title":"Edited: ')); // a new stamp
    const lib = open(dir);
    const stated = await figureCacheStats(dir, () => lib.service.warmUp());
    expect(stated, 'meeting files stat-ed on the main thread while preparing').toBe(0);
    const dashboard = dashboardOf(lib);
    close(lib);
    expect(dashboard.totals.discussed).toBe(fresh(dir).totals.discussed + 100); // meeting 6's tampered entry only
    expect(dashboard.byMeeting.find((m) => m.meetingId === meetings[8]!.id)?.title).toMatch(/^Edited: /);
  });

  it('a dashboard asked before the background check uses the stamps taken at open, not a stat per meeting', async () => {
    const { dir, meetings } = library();
    session(dir);
    tamper(dir, meetings[6]!.id);
    const lib = open(dir);
    let dashboard: Dashboard | undefined;
    const stated = await figureCacheStats(dir, () => void (dashboard = dashboardOf(lib)));
    expect(stated, 'meeting files stat-ed on the main thread by the first dashboard').toBe(0);
    close(lib);
    expect(dashboard!.totals.discussed).toBe(fresh(dir).totals.discussed + 100); // the stored figures, checked
  });

  it('leaves finding the time zone to the worker while preparing, and still ignores a file of another zone', async () => {
    const { dir, meetings } = library();
    session(dir);
    tamper(dir, meetings[1]!.id);
    const { meetings: entries } = readCache(dir);
    writeCache(dir, entries, otherZone(ZONE)); // the tampered entry would show if it were used
    const lib = open(dir);
    const onThisThread: string[] = [];
    const RealFormat = Intl.DateTimeFormat;
    const format = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(((...args: ConstructorParameters<typeof RealFormat>) => {
      if (/figureCache\.ts/.test(new Error().stack ?? '')) onThisThread.push('Intl.DateTimeFormat');
      return new RealFormat(...args);
    }) as typeof Intl.DateTimeFormat);
    let dashboard: Dashboard;
    try {
      await lib.service.warmUp();
      dashboard = dashboardOf(lib); // from the worker's zone, whether or not the background check is done
    } finally {
      format.mockRestore();
    }
    expect(onThisThread, 'the zone found on the main thread while preparing').toEqual([]);
    close(lib);
    expect(dashboard).toEqual(fresh(dir));
    expect(readCache(dir).meetings.size).toBe(MEETINGS); // rewritten under this zone
  });

  it('drops a deleted meeting from the dashboard and the file', () => {
    const { dir, meetings } = library();
    session(dir);
    const later = session(dir, (lib) => value(lib, 'meetings.delete', { id: meetings[2]!.id }));
    expect(later.totals.meetings).toBe(MEETINGS - 1);
    expect(later).toEqual(fresh(dir));
    expect(readCache(dir).meetings.has(meetings[2]!.id)).toBe(false);
  });

  it.each([
    [
      'not this format (the JSON of format 4)',
      (bytes: Buffer) => JSON.stringify({ format: 4, zone: ZONE, ids: [], meetings: {} }) + bytes.length,
    ],
    ['another format number', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 8), Buffer.from([99, 0, 0, 0]), bytes.subarray(12)])],
    ['another time zone', (_bytes: Buffer, entries: Map<string, Entry>) => encodeFigureFile(entries, otherZone(ZONE))],
    ['a damaged entry', (_bytes: Buffer, entries: Map<string, Entry>, id: string) => encodeFigureFile(damage(entries, id), ZONE)],
    ['its end cut off (a write cut short)', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1)],
    ['only its first half', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1)],
    ['one byte changed in its numbers', (bytes: Buffer) => flipByte(bytes, bytes.length >> 1)],
    ['one byte changed in its strings', (bytes: Buffer) => flipByte(bytes, bytes.length - 20)],
  ])(
    'ignores a cache file with %s and writes a good one',
    (_what, spoil: (bytes: Buffer, entries: Map<string, Entry>, id: string) => Buffer | string) => {
      const { dir, meetings } = library();
      session(dir);
      tamper(dir, meetings[0]!.id);
      fs.writeFileSync(cacheFile(dir), spoil(fs.readFileSync(cacheFile(dir)), readCache(dir).meetings, meetings[0]!.id));
      const later = session(dir);
      expect(later).toEqual(fresh(dir)); // the tampered entry was not used either
      const rewritten = readCache(dir);
      expect(rewritten.format).toBe(FIGURE_CACHE_FORMAT);
      expect(rewritten.meetings.size).toBe(MEETINGS);
    },
  );

  it('removes the JSON file of formats 1-4 when it finds one', () => {
    const { dir } = library();
    session(dir);
    const old = path.join(dir, 'cache', 'dashboard-figures.json');
    fs.writeFileSync(old, JSON.stringify({ format: 4, zone: ZONE, ids: [], meetings: {} }));
    expect(session(dir)).toEqual(fresh(dir));
    expect(fs.existsSync(old)).toBe(false);
  });
});

/** The tampered entry now holds a negative count, which mergeDashboard must not add: that entry alone is recomputed. */
function damage(entries: Map<string, Entry>, id: string) {
  entries.get(id)!.figures.covered = -1;
  return entries;
}

/** A copy of `bytes` with the byte at `at` changed. */
function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}
