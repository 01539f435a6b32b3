/**
 * The dashboard's figure cache (electron/service/figureCache.ts) on real data folders: what a later
 * session gets from it always equals the dashboard computed afresh from the meeting files, whether
 * a meeting changed in memory, in a session that never opened the dashboard, or just before a
 * crash; a damaged or foreign cache file is ignored and rewritten.
 */
import Conf from 'conf';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDashboard, type Dashboard } from '../../shared/dashboard';
import { compareMeetingsNewestFirst, type Meeting } from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { dispatch } from '../../electron/service/dispatch';
import { FIGURE_CACHE_FILE, FIGURE_CACHE_FORMAT } from '../../electron/service/figureCache';
import { decodeEntry, encodeEntry, Ids } from '../../electron/service/figureCacheFormat';
import { meetingFigures } from '../../shared/dashboard';
import { variedLibrary } from './fixtures/variedLibrary';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MEETINGS = 30;

const opened: OpenLibrary[] = [];
afterEach(() => opened.splice(0).forEach((library) => library.close()));

const open = (dir: string) => {
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
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

const cacheFile = (dir: string) => path.join(dir, 'cache', FIGURE_CACHE_FILE);
const readCache = (dir: string) =>
  JSON.parse(fs.readFileSync(cacheFile(dir), 'utf8')) as { format: number; zone: string; meetings: Record<string, any[]> };
/** Where figureCacheFormat.ts keeps an entry's file stamp, discussed items and tag rows. */
const FILE = 0;
const DISCUSSED = 6;
const TAGS = 9;
const writeCache = (dir: string, cache: unknown) => fs.writeFileSync(cacheFile(dir), JSON.stringify(cache));

/** Makes meeting `id`'s stored figures claim 100 more discussed items than it has: shows whether they were used. */
function tamper(dir: string, id: string): void {
  const cache = readCache(dir);
  cache.meetings[id]![DISCUSSED] += 100;
  writeCache(dir, cache);
}

function library(): { dir: string; meetings: Meeting[] } {
  const dir = tempDir('empty-chair-figures-');
  return { dir, meetings: generateLibrary(dir, { meetings: MEETINGS, decisionsPerMeeting: 4 }) };
}

const addDecision = (lib: OpenLibrary, meeting: Meeting, direction: string) =>
  value(lib, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, decision: { text: 'Added later', direction } });

describe('dashboard figure cache', () => {
  it('stores the figures of 200 varied meetings (personas, tags, citations, never held) and reads back exactly them', () => {
    const varied = variedLibrary(200).meetings.map((meeting, i) => (i % 3 === 0 ? withCitation(meeting, i) : meeting));
    expect(varied.filter((m) => meetingFigures(m).citations.length > 0).length).toBeGreaterThan(20);
    for (const meeting of varied) {
      const entry = {
        file: [1, 2, 3.5] as [number, number, number],
        revision: meeting.revision,
        updatedAt: meeting.updatedAt,
        figures: meetingFigures(meeting),
      };
      expect(decodeEntry(meeting.id, JSON.parse(JSON.stringify(encodeEntry(entry))))).toEqual(entry);
    }
  });

  it('reads back the same figures when rows name their tags and personas by place in the file (since format 3)', () => {
    const varied = variedLibrary(200).meetings.map((meeting, i) => (i % 3 === 0 ? withCitation(meeting, i) : meeting));
    const ids = new Ids();
    const entries = varied.map((meeting) => ({
      file: null,
      revision: meeting.revision,
      updatedAt: meeting.updatedAt,
      figures: meetingFigures(meeting),
    }));
    const encoded = JSON.parse(JSON.stringify(entries.map((entry) => encodeEntry(entry, ids)))) as unknown[];
    expect(ids.list.length).toBeGreaterThan(5);
    expect(JSON.stringify(encoded)).not.toContain(`"${ids.list[0]}"`); // each id written once, in the list
    encoded.forEach((value, i) => expect(decodeEntry(varied[i]!.id, value, ids.list)).toEqual(entries[i]));
    // A row naming a place the list does not have is damage: that entry is not used.
    const withTags = encoded.findIndex((value) => (value as unknown[][])[TAGS]!.length > 0);
    expect(decodeEntry(varied[withTags]!.id, encoded[withTags], ids.list.slice(0, 0))).toBeNull();
  });

  it('agrees with a fresh compute on a generated library, and a later session answers from the stored figures', () => {
    const { dir, meetings } = library();
    const first = session(dir);
    expect(first).toEqual(fresh(dir));
    expect(first.totals.meetings).toBe(MEETINGS);
    const cache = readCache(dir);
    expect(cache.format).toBe(FIGURE_CACHE_FORMAT);
    expect(Object.keys(cache.meetings).sort()).toEqual(meetings.map((m) => m.id).sort());

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
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
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
    expect(cache.meetings[meetings[0]!.id]![FILE]).not.toBeNull();
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
    const statSync = vi.spyOn(fs, 'statSync');
    try {
      await lib.service.warmUp();
      const onThisThread = statSync.mock.calls.filter(([file]) => String(file).startsWith(path.join(dir, 'meetings'))).length;
      expect(onThisThread, 'meeting files stat-ed on the main thread while preparing').toBe(0);
    } finally {
      statSync.mockRestore();
    }
    const dashboard = dashboardOf(lib);
    close(lib);
    expect(dashboard.totals.discussed).toBe(fresh(dir).totals.discussed + 100); // meeting 6's tampered entry only
    expect(dashboard.byMeeting.find((m) => m.meetingId === meetings[8]!.id)?.title).toMatch(/^Edited: /);
  });

  it('drops a deleted meeting from the dashboard and the file', () => {
    const { dir, meetings } = library();
    session(dir);
    const later = session(dir, (lib) => value(lib, 'meetings.delete', { id: meetings[2]!.id }));
    expect(later.totals.meetings).toBe(MEETINGS - 1);
    expect(later).toEqual(fresh(dir));
    expect(readCache(dir).meetings[meetings[2]!.id]).toBeUndefined();
  });

  it.each([
    ['not JSON', () => '{"format": 1, "meetings": {'],
    ['another format', (cache: any) => JSON.stringify({ ...cache, format: FIGURE_CACHE_FORMAT + 1 })],
    ['another time zone', (cache: any) => JSON.stringify({ ...cache, zone: 'Pacific/Chatham' === cache.zone ? 'UTC' : 'Pacific/Chatham' })],
    ['a damaged entry', (cache: any, id: string) => JSON.stringify(damage(cache, id))],
  ])('ignores a cache file with %s and writes a good one', (_what, spoil: (cache: any, id: string) => string) => {
    const { dir, meetings } = library();
    session(dir);
    tamper(dir, meetings[0]!.id);
    fs.writeFileSync(cacheFile(dir), spoil(readCache(dir), meetings[0]!.id));
    const later = session(dir);
    expect(later).toEqual(fresh(dir)); // the tampered entry was not used either
    const rewritten = readCache(dir);
    expect(rewritten.format).toBe(FIGURE_CACHE_FORMAT);
    expect(Object.keys(rewritten.meetings)).toHaveLength(MEETINGS);
  });
});

/** The tampered entry loses a field mergeDashboard needs: that entry alone is recomputed. */
function damage(cache: any, id: string) {
  cache.meetings[id]![TAGS] = [['pricing', 1]];
  return cache;
}

/** A copy of `meeting` whose first decision cites an account (every third one without its ARR). */
function withCitation(meeting: Meeting, i: number): Meeting {
  const decision = meeting.agenda.flatMap((item) => item.decisions)[0];
  if (!decision) return meeting;
  const account = { name: `Account ${i % 7}`, segment: 'Enterprise', arr: i % 9 === 0 ? null : 1000 * i, currency: 'EUR' };
  const citation = {
    by: '',
    at: meeting.updatedAt,
    sourceId: 'tickets',
    key: `T-${i}`,
    quote: 'Too slow',
    customer: '',
    sourceName: 'Tickets',
    date: null,
    account,
  };
  const copy = structuredClone(meeting);
  copy.agenda.flatMap((item) => item.decisions)[0]!.citations = [citation];
  return copy;
}
