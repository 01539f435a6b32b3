/**
 * The save journal in front of each document's file (electron/storage/documentStore.ts, journal.ts):
 * saves are durable when they return, a crash loses nothing acknowledged, and whatever reads or
 * copies the folder (the next start, backups, restore, the trash) sees the newest version.
 */
import Conf from 'conf';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { meetingSchema } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { CUT_OFF_SAVE, DocumentFile, JOURNAL_COMPACT_BYTES } from '../../electron/storage/documentStore';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { sampleDraft, tempDir } from './helpers';

const opened: OpenLibrary[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function openDir(dir: string, options: { compactAfterMs?: number } = {}): OpenLibrary {
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null, ...options });
  opened.push(library);
  return library;
}

function ok<T>(library: OpenLibrary, method: string, params: unknown): T {
  const result = dispatch(library.service, method as never, params as never);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** Makes every fdatasync fail, as a disk error after the bytes were written would. */
function failDataSync(): { restore: () => void } {
  const real = fs.fdatasyncSync;
  fs.fdatasyncSync = () => {
    throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
  };
  return { restore: () => (fs.fdatasyncSync = real) };
}

const rename = (library: OpenLibrary, id: string, title: string) => ok<Meeting>(library, 'meetings.update', { id, changes: { title } });
const fileTitle = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as Meeting).title;
const journalLines = (journal: string) => fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);

/** What the next start reads, without the first library's lock (as after a crash) or its memory. */
function readAfterCrash(dir: string, id: string): { meeting: Meeting; notices: string[] } {
  const storage = new LibraryStorage(dir, Conf);
  storage.open();
  return { meeting: storage.readMeeting(id), notices: storage.notices };
}

function setUp(options: { compactAfterMs?: number } = {}) {
  const dir = tempDir();
  const library = openDir(dir, options);
  const meeting = ok<Meeting>(library, 'meetings.create', sampleDraft({ title: 'v0' }));
  const file = path.join(dir, 'meetings', `${meeting.id}.json`);
  return { dir, library, meeting, file, journal: file.replace(/\.json$/, '.journal') };
}

describe('the save journal', () => {
  it('creates a new document as its file, then appends each save to the journal, one whole document a line', () => {
    const { library, meeting, file, journal } = setUp();
    expect(fs.existsSync(journal)).toBe(false);
    rename(library, meeting.id, 'v1');
    rename(library, meeting.id, 'v2');
    expect(fileTitle(file)).toBe('v0');
    const lines = journalLines(journal);
    expect(lines.map((line) => (JSON.parse(line) as Meeting).title)).toEqual(['v1', 'v2']);
    expect(meetingSchema.safeParse(JSON.parse(lines[1]!)).success).toBe(true);
  });

  it('folds the journal into the file once saving pauses, and on close', async () => {
    const { library, meeting, file, journal } = setUp({ compactAfterMs: 50 });
    rename(library, meeting.id, 'v1');
    expect(fs.existsSync(journal)).toBe(true);
    await expect.poll(() => fs.existsSync(journal)).toBe(false);
    expect(fileTitle(file)).toBe('v1');

    const { library: second, meeting: other, file: otherFile, journal: otherJournal } = setUp();
    rename(second, other.id, 'v1');
    second.close();
    expect(fs.existsSync(otherJournal)).toBe(false);
    expect(fileTitle(otherFile)).toBe('v1');
  });

  it('knows without a listing which meetings may have their newest version in a journal (the ledger file keeps no rows for them)', () => {
    const { dir, library, meeting, journal } = setUp();
    rename(library, meeting.id, 'v1'); // in the journal, not the file
    const storage = new LibraryStorage(dir, Conf); // the next start, after a crash
    expect(storage.meetingMayBeJournaled(meeting.id)).toBe(true); // not opened yet: it cannot know
    storage.open(); // lists the folder once and folds the journal in
    expect(fs.existsSync(journal)).toBe(false);
    expect(storage.meetingMayBeJournaled(meeting.id)).toBe(false);
    storage.writeMeeting({ ...storage.readMeeting(meeting.id), title: 'v2' });
    expect(fs.existsSync(journal)).toBe(true);
    expect(storage.meetingMayBeJournaled(meeting.id)).toBe(true);
    storage.compactJournals();
    expect(fs.existsSync(journal)).toBe(false);
    expect(storage.meetingMayBeJournaled(meeting.id)).toBe(false);
    storage.closeJournals();
  });

  it('after a crash, the next start reads the newest save and folds it into the file', () => {
    const { dir, library, meeting, file, journal } = setUp();
    rename(library, meeting.id, 'v1');
    rename(library, meeting.id, 'v2');
    const { meeting: read, notices } = readAfterCrash(dir, meeting.id);
    expect(read.title).toBe('v2');
    expect(notices).toEqual([]);
    expect(fileTitle(file)).toBe('v2');
    expect(fs.existsSync(journal)).toBe(false);
  });

  it('leaves out a save a crash cut off, says so, keeps a copy, and the next save does not run into it', () => {
    const { dir, library, meeting, file, journal } = setUp();
    rename(library, meeting.id, 'v1');
    const torn = JSON.stringify({ ...meeting, title: 'v2' }).slice(0, 200);
    fs.appendFileSync(journal, torn); // as a crash in the middle of an append leaves it
    const { meeting: read, notices } = readAfterCrash(dir, meeting.id);
    expect(read.title).toBe('v1');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${journal} held ${CUT_OFF_SAVE}`);
    expect(notices[0]).toMatch(/; the newest complete save before that was used\. A copy of it is kept at /);
    expect(fileTitle(file)).toBe('v1');
    expect(fs.existsSync(journal)).toBe(false);
    const quarantined = fs.readdirSync(path.join(dir, 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'quarantine', quarantined[0]!), 'utf8').endsWith(torn)).toBe(true);
  });

  it('cuts a torn tail off before appending, when the compaction that would remove it fails', () => {
    const { dir, library, meeting, file, journal } = setUp();
    rename(library, meeting.id, 'v1');
    library.close();
    // A journal left by a crash, with a torn tail, and a file that cannot be replaced (a folder).
    fs.writeFileSync(journal, `${JSON.stringify({ ...meeting, title: 'v1', revision: 2 })}\n{"torn`);
    fs.renameSync(file, `${file}.aside`);
    fs.mkdirSync(file);
    const document = new DocumentFile(Conf, path.dirname(file), meeting.id, meetingSchema, 'meeting');
    expect(document.read()?.title).toBe('v1');
    expect(document.journaled).toBe(true); // the compaction failed: it stays in the journal
    document.write({ ...meeting, title: 'v2', revision: 3 });
    expect(journalLines(journal).map((line) => (JSON.parse(line) as Meeting).title)).toEqual(['v1', 'v2']);
    fs.rmdirSync(file);
    fs.renameSync(`${file}.aside`, file);
    document.compact();
    document.close();
    expect(fileTitle(file)).toBe('v2');
    expect(fs.existsSync(journal)).toBe(false);
    expect(readAfterCrash(dir, meeting.id).meeting.title).toBe('v2');
  });

  it('skips damaged entries for the newest good one, and says so', () => {
    const { dir, library, meeting, journal } = setUp();
    rename(library, meeting.id, 'v1');
    fs.appendFileSync(journal, '{"not a meeting":true}\n');
    const { meeting: read, notices } = readAfterCrash(dir, meeting.id);
    expect(read.title).toBe('v1');
    expect(notices.join('\n')).toMatch(/1 damaged entry; the newest complete save before that was used/);
  });

  it('a failed append is cut off and the save reported unsaved; the retry appends it whole', () => {
    const { dir, library, meeting, journal } = setUp();
    rename(library, meeting.id, 'v1');
    const realSync = fs.fdatasyncSync;
    fs.fdatasyncSync = () => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    };
    try {
      const refused = dispatch(library.service, 'meetings.update', { id: meeting.id, changes: { title: 'v2' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    } finally {
      fs.fdatasyncSync = realSync;
    }
    expect(library.service.storageStatus().unsavedChanges).toBeGreaterThan(0);
    expect(library.service.flushUnsaved()).toBe(true);
    // v2's first, failed append was cut off before the retry wrote it again.
    expect(journalLines(journal).map((line) => (JSON.parse(line) as Meeting).title)).toEqual(['v1', 'v2']);
    expect(readAfterCrash(dir, meeting.id).meeting.title).toBe('v2');
  });

  it(`folds the journal in with the save that takes it to ${JOURNAL_COMPACT_BYTES} bytes`, { timeout: 120_000 }, () => {
    const { library, meeting, file, journal } = setUp();
    // Long notes make each save ~12 kB, so the journal fills in ~170 synced saves, not ~1,000.
    ok(library, 'agenda.update', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { notes: 'n'.repeat(12_000) } });
    let before = 0;
    let saves = 0;
    let saved: Meeting;
    do {
      before = fs.existsSync(journal) ? fs.statSync(journal).size : 0;
      saved = rename(library, meeting.id, `v${++saves}`);
    } while (fs.existsSync(journal) && saves < 10_000);
    expect(saves).toBeGreaterThan(100);
    expect(before).toBeLessThan(JOURNAL_COMPACT_BYTES);
    expect(before + Buffer.byteLength(JSON.stringify(saved)) + 1).toBeGreaterThanOrEqual(JOURNAL_COMPACT_BYTES);
    expect(fileTitle(file)).toBe(`v${saves}`);
  });

  it('backups, restores and the trash see the newest saves, and no journal overrides a restore', () => {
    const { dir, library, meeting, file, journal } = setUp();
    rename(library, meeting.id, 'in the backup');
    const backup = ok<{ id: string }>(library, 'backups.create', {});
    expect(fs.existsSync(journal)).toBe(false);
    expect(fileTitle(path.join(dir, 'backups', backup.id, 'meetings', `${meeting.id}.json`))).toBe('in the backup');

    rename(library, meeting.id, 'after the backup');
    expect(fs.existsSync(journal)).toBe(true);
    ok(library, 'backups.restore', { id: backup.id });
    expect(fs.existsSync(journal)).toBe(false);
    expect(fileTitle(file)).toBe('in the backup');
    expect(ok<Meeting>(library, 'meetings.get', { id: meeting.id }).title).toBe('in the backup');
    library.close();
    expect(readAfterCrash(dir, meeting.id).meeting.title).toBe('in the backup');

    const again = openDir(dir);
    rename(again, meeting.id, 'deleted last');
    ok(again, 'meetings.delete', { id: meeting.id });
    expect(fileTitle(path.join(dir, 'trash', `${meeting.id}.json`))).toBe('deleted last');
    expect(fs.existsSync(journal)).toBe(false);
  });

  it('a save that failed after its bytes were written is not acknowledged, and never brings a deleted or restored meeting back', () => {
    const { dir, library, meeting, file, journal } = setUp();
    const backup = ok<{ id: string }>(library, 'backups.create', {});
    const failing = failDataSync();
    try {
      expect(dispatch(library.service, 'meetings.update', { id: meeting.id, changes: { title: 'never acknowledged' } })).toMatchObject({
        ok: false,
      });
    } finally {
      failing.restore();
    }
    expect(journalLines(journal)).toHaveLength(1); // its bytes are there, unacknowledged
    ok(library, 'meetings.delete', { id: meeting.id });
    expect(fs.existsSync(journal)).toBe(false);
    expect(fileTitle(path.join(dir, 'trash', `${meeting.id}.json`))).toBe('v0');
    // A restore puts back the backup's version, and nothing of the failed save.
    ok(library, 'backups.restore', { id: backup.id });
    expect(ok<Meeting>(library, 'meetings.get', { id: meeting.id }).title).toBe('v0');
    library.close();
    expect(fileTitle(file)).toBe('v0');
    expect(readAfterCrash(dir, meeting.id).meeting.title).toBe('v0');

    // Deleted after a failed save, it stays deleted through a restart.
    const again = openDir(dir);
    const failingAgain = failDataSync();
    try {
      expect(dispatch(again.service, 'meetings.update', { id: meeting.id, changes: { title: 'never acknowledged' } })).toMatchObject({
        ok: false,
      });
    } finally {
      failingAgain.restore();
    }
    ok(again, 'meetings.delete', { id: meeting.id });
    again.close();
    expect(
      openDir(dir)
        .service.library()
        .meetings.map((m) => m.id),
    ).not.toContain(meeting.id);
    expect(fs.existsSync(file) || fs.existsSync(journal)).toBe(false);
  });

  it('a journal that cannot be deleted never outlives its meeting: the trash insists, backups go on', () => {
    const { dir, library, meeting, journal } = setUp();
    rename(library, meeting.id, 'v1');
    const realUnlink = fs.unlinkSync;
    fs.unlinkSync = ((target: fs.PathLike) => {
      if (String(target) === journal) throw Object.assign(new Error('EPERM: operation not permitted, unlink'), { code: 'EPERM' });
      return realUnlink(target);
    }) as typeof fs.unlinkSync;
    try {
      const backup = ok<{ id: string }>(library, 'backups.create', {}); // the fold worked; the journal stays, harmless
      expect(fileTitle(path.join(dir, 'backups', backup.id, 'meetings', `${meeting.id}.json`))).toBe('v1');
      expect(fs.existsSync(journal)).toBe(true);
      const refused = dispatch(library.service, 'meetings.delete', { id: meeting.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'storage_error' } });
      expect(ok<Meeting>(library, 'meetings.get', { id: meeting.id }).title).toBe('v1');
    } finally {
      fs.unlinkSync = realUnlink;
    }
    ok(library, 'meetings.delete', { id: meeting.id });
    library.close();
    expect(
      openDir(dir)
        .service.library()
        .meetings.map((m) => m.id),
    ).not.toContain(meeting.id);
  });

  it("a damaged file next to a good journal is set aside, told, and replaced by the journal's version", () => {
    const { dir, library, meeting, file } = setUp();
    rename(library, meeting.id, 'from the journal');
    fs.writeFileSync(file, '{"truncated');
    const { meeting: read, notices } = readAfterCrash(dir, meeting.id);
    expect(read.title).toBe('from the journal');
    expect(notices.join('\n')).toMatch(/is damaged: .* It was moved to .*quarantine.*; the newer version in its save journal was used\./);
    expect(fileTitle(file)).toBe('from the journal');
    const [quarantined] = fs.readdirSync(path.join(dir, 'quarantine'));
    expect(fs.readFileSync(path.join(dir, 'quarantine', quarantined!), 'utf8')).toBe('{"truncated');
  });

  it('the library index has a journal too, and the next start reads it', () => {
    const { dir, library, meeting } = setUp();
    rename(library, meeting.id, 'renamed in the index'); // the summary's title changes
    expect(fs.existsSync(path.join(dir, 'library.journal'))).toBe(true);
    const storage = new LibraryStorage(dir, Conf);
    expect(storage.open().index.meetings.find((m) => m.id === meeting.id)?.title).toBe('renamed in the index');
    expect(fs.existsSync(path.join(dir, 'library.journal'))).toBe(false);
  });

  it("syncs a new journal's folder before its first acknowledged save, even when the first try failed", () => {
    const { dir, library, meeting, journal } = setUp();
    const meetingsDir = path.join(dir, 'meetings');
    const events: string[] = [];
    const realOpen = fs.openSync;
    const realFsync = fs.fsyncSync;
    const realDataSync = fs.fdatasyncSync;
    const openedDirs = new Set<number>();
    let failNextJournalOpen = true;
    fs.openSync = ((target: fs.PathLike, ...rest: unknown[]) => {
      if (String(target) === journal && failNextJournalOpen) {
        failNextJournalOpen = false;
        throw Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
      }
      const fd = (realOpen as (...args: unknown[]) => number)(target, ...rest);
      if (String(target) === meetingsDir) openedDirs.add(fd);
      return fd;
    }) as typeof fs.openSync;
    fs.fsyncSync = ((fd: number) => {
      if (openedDirs.has(fd)) events.push('folder synced');
      return realFsync(fd);
    }) as typeof fs.fsyncSync;
    fs.fdatasyncSync = ((fd: number) => {
      events.push('record synced');
      return realDataSync(fd);
    }) as typeof fs.fdatasyncSync;
    try {
      // Notes, not the title: the index does not change, so only this journal is written.
      const changes = { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { notes: 'v1' } };
      expect(dispatch(library.service, 'agenda.update', changes)).toMatchObject({ ok: false });
      expect(library.service.flushUnsaved()).toBe(true);
    } finally {
      fs.openSync = realOpen;
      fs.fsyncSync = realFsync;
      fs.fdatasyncSync = realDataSync;
    }
    expect(events).toEqual(['folder synced', 'record synced']);
    expect(journalLines(journal).map((line) => (JSON.parse(line) as Meeting).agenda[0]!.notes)).toEqual(['v1']);
  });

  it('a journal found where none was expected is kept: the next record goes after its lines, not over them', () => {
    const { library, meeting, file, journal } = setUp();
    rename(library, meeting.id, 'v1');
    library.close();
    fs.writeFileSync(journal, `${JSON.stringify({ ...meeting, title: 'unexpected', revision: 5 })}\n`);
    const document = new DocumentFile(Conf, path.dirname(file), meeting.id, meetingSchema, 'meeting', undefined, false);
    expect(document.read()?.title).toBe('v1'); // told there was no journal, it read only the file
    document.write({ ...meeting, title: 'v2', revision: 6 });
    expect(journalLines(journal).map((line) => (JSON.parse(line) as Meeting).title)).toEqual(['unexpected', 'v2']);
    document.close();
  });

  // Generous: it starts a child process with tsx, slow on a loaded machine; it waits on the child's output, not on time.
  it('loses no acknowledged save when the process is killed while saving', { timeout: 120_000 }, async () => {
    const { dir, library, meeting } = setUp();
    library.close();
    const saver = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
        const { openLibrary } = await import('./electron/service/openLibrary.ts');
        const { dispatch } = await import('./electron/service/dispatch.ts');
        const { default: Conf } = await import('conf');
        const library = openLibrary({ dataDir: ${JSON.stringify(dir)}, StoreClass: Conf, role: 'saver', backupIntervalMs: null });
        for (let i = 1; i <= 5000; i++) {
          const result = dispatch(library.service, 'meetings.update', { id: ${JSON.stringify(meeting.id)}, changes: { title: 'v' + i } });
          if (!result.ok) throw new Error(result.error.message);
          process.stdout.write('saved ' + i + '\\n');
        }
        setInterval(() => {}, 1000);`,
      ],
      { cwd: path.resolve(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acknowledged = 0;
    await new Promise<void>((resolve, reject) => {
      saver.stdout!.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/saved (\d+)/g)) acknowledged = Number(match[1]);
        if (acknowledged >= 40 && !saver.killed) {
          saver.kill('SIGKILL');
          resolve();
        }
      });
      saver.once('exit', (code) => reject(new Error(`the saver exited before it was killed (${code})`)));
    });
    await new Promise((resolve) => saver.once('exit', resolve));
    const { meeting: read } = readAfterCrash(dir, meeting.id);
    // Saves after the last one it printed may be on disk too; none before it may be missing.
    expect(Number(read.title.slice(1))).toBeGreaterThanOrEqual(acknowledged);
    expect(read.revision).toBe(Number(read.title.slice(1)) + 1);
  });
});
