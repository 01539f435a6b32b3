/**
 * The ledger kept across sessions (issue 20: electron/service/ledger/snapshot.ts and keeper.ts) on
 * real data folders: a later session answers from the file without reading the meetings, and
 * always finds what a ledger built afresh from the meeting files finds: after a change in a session
 * that never searched, a change written into the file just before a crash, and with a damaged or
 * foreign file, which is ignored and written again.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { LedgerQuery } from '../../shared/ledger';
import { Kernel } from '../../electron/service/kernel';
import { dirStamp, LEDGER_FILE, LEDGER_FORMAT, readAhead, readLedger } from '../../electron/service/ledger/snapshot';
import { LedgerIndex } from '../../electron/service/ledgerIndex';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { runModule, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MEETINGS = 30;
const QUERIES: LedgerQuery[] = [
  {},
  { text: 'pricing' },
  { text: 'zeppelin' },
  { text: 'ship onboarding chan' },
  { owner: 'ana' },
  { text: 'decision 7' },
];

/** Reads of meeting files, counted. */
class CountingStorage extends LibraryStorage {
  reads = 0;
  readIds: string[] = [];
  override readMeeting(id: string): Meeting {
    this.reads++;
    this.readIds.push(id);
    return super.readMeeting(id);
  }
}

const open: Kernel[] = [];
afterEach(() => open.splice(0).forEach((kernel) => kernel.persistence.close()));

/** A session as a large library's: its file read ahead and its files stamped on workers, whatever its size. */
function session(dir: string) {
  const storage = new CountingStorage(dir, Conf);
  const kernel = new Kernel({ storage, backupIntervalMs: null, readLedgerAhead: 'anySize' });
  open.push(kernel);
  const close = () => {
    open.splice(open.indexOf(kernel), 1);
    expect(kernel.persistence.close().unsavedChanges).toBe(0);
    kernel.closeLedger(true);
  };
  return { kernel, storage, close };
}

const answers = (ledger: LedgerIndex) => QUERIES.map((query) => ledger.search({ offset: 0, limit: 500, review: 'any', ...query }, true));

/** A session's answers to every query (the first search loads or builds the ledger), then closed. */
function searched(dir: string) {
  const { kernel, storage, close } = session(dir);
  kernel.loadAllMeetings();
  const found = answers(kernel.ledger);
  close();
  return { found, reads: storage.reads, readIds: storage.readIds };
}

/** The ledger built afresh from every meeting file (run with no session open). */
function fresh(dir: string) {
  const storage = new LibraryStorage(dir, Conf);
  const ids = storage.open().index.meetings.map((summary) => summary.id);
  const ledger = new LedgerIndex();
  for (const id of ids) ledger.update(storage.readMeeting(id));
  return answers(ledger);
}

const fileOf = (dir: string) => path.join(dir, 'cache', LEDGER_FILE);
/** Another format number of the same length, so the header keeps its length. */
const OTHER_FORMAT = String(LEDGER_FORMAT).replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
/** The file's bytes with their CRC-32 (head bytes 12-16, of every byte after the head) made right again. */
function resummed(latin1: string): Buffer {
  const bytes = Buffer.from(latin1, 'latin1');
  expect(latin1).toContain(`"format":${OTHER_FORMAT},`); // the change took
  bytes.writeUInt32LE(crc32(bytes.subarray(16)), 12);
  return bytes;
}
const zeppelin = (kernel: Kernel, meeting: Meeting) =>
  kernel.mutateMeeting(meeting.id, undefined, (draft) => {
    draft.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
  });

/** A session that changes a meeting's first decision, does `then` (module code), and crashes (SIGKILL). */
function crashAfterChange(dir: string, id: string, text: string, then = '') {
  const run = runModule(`
    import Conf from 'conf';
    import fs from 'node:fs';
    const { Kernel } = await import(${JSON.stringify(path.join(ROOT, 'electron/service/kernel.ts'))});
    const { LibraryStorage } = await import(${JSON.stringify(path.join(ROOT, 'electron/storage/libraryStorage.ts'))});
    const kernel = new Kernel({ storage: new LibraryStorage(${JSON.stringify(dir)}, Conf), backupIntervalMs: null });
    kernel.mutateMeeting(${JSON.stringify(id)}, undefined, (draft) => {
      draft.agenda[0].decisions[0].text = ${JSON.stringify(text)};
    });
    ${then}
    process.kill(process.pid, 'SIGKILL');
  `);
  expect(run.signal, run.stderr).toBe('SIGKILL');
}

function library() {
  const dir = tempDir('empty-chair-ledger-file-');
  return { dir, meetings: generateLibrary(dir, { meetings: MEETINGS }) };
}

describe('the ledger file', () => {
  it('lets a later session answer without reading a meeting, as a fresh build answers', () => {
    const { dir } = library();
    const first = searched(dir);
    expect(first.reads).toBe(MEETINGS); // built from the files
    expect(fs.existsSync(fileOf(dir))).toBe(true);
    const later = searched(dir);
    expect(later.reads).toBe(0);
    expect(later.found).toEqual(first.found);
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[1]!.total).toBeGreaterThan(0);
  });

  it('reads back the same ledger when the file is read ahead on a worker, and refuses a spoiled byte anywhere either way', () => {
    const { dir } = library();
    const first = searched(dir);
    const folder = dirStamp(path.join(dir, 'meetings'));
    const raw = readAhead(fileOf(dir))!.take(60_000);
    expect(raw).not.toBeNull(); // read and summed by the worker, not left to readLedger
    const ahead = readLedger(fileOf(dir), folder, raw);
    expect(ahead).not.toBeNull();
    expect(answers(ahead!.ledger)).toEqual(first.found);
    const whole = fs.readFileSync(fileOf(dir));
    const sections = JSON.parse(whole.toString('utf8', 16, 16 + whole.readUInt32LE(8))).sections as [string, string, number][];
    const padded = (n: number) => n + ((8 - (n % 8)) % 8);
    const docsAt = whole.length - padded(sections.at(-1)![2]) - 2 * padded(sections.at(-3)![2] * 4);
    expect(sections.at(-3)![0]).toBe('text.docs');
    // A posting's document far past the end (left in the file), a row's column (read into memory),
    // the pool's last byte: each is found by the sum, on the worker and on the main thread.
    for (const at of [docsAt + 4, 16 + whole.readUInt32LE(8) + 64, whole.length - 1]) {
      const bytes = Buffer.from(whole);
      bytes.writeUInt8(bytes[at]! ^ 0x40, at);
      fs.writeFileSync(fileOf(dir), bytes);
      const ahead = readAhead(fileOf(dir))!;
      expect(ahead.take(60_000)).toBeNull();
      expect(ahead.refused).toBe(true); // so the keeper does not read it again on the main thread
      expect(readLedger(fileOf(dir), folder)).toBeNull();
    }
    fs.writeFileSync(fileOf(dir), whole);
    expect(readLedger(fileOf(dir), folder)).not.toBeNull();
  });

  it('never writes a ledger that fails its checks: the next session builds from the meetings', () => {
    const { dir } = library();
    const { kernel, close } = session(dir);
    kernel.loadAllMeetings();
    kernel.ledger.rows.columns.owner[0] = 1_000; // an owner the ledger has none of
    close();
    expect(fs.existsSync(fileOf(dir))).toBe(false);
    const later = searched(dir);
    expect(later.reads).toBe(MEETINGS);
    expect(later.found).toEqual(fresh(dir));
  });

  it('reads again a meeting changed in a session that never searched (its file is another)', () => {
    const { dir, meetings } = library();
    searched(dir);
    const other = session(dir);
    zeppelin(other.kernel, meetings[4]!);
    other.close(); // never searched: the ledger file is not written
    const later = searched(dir);
    expect(later.reads).toBe(1);
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[2]!.entries.map((entry) => entry.meetingId)).toEqual([meetings[4]!.id]);
  });

  it('reads again a meeting file edited in place between sessions (same inode, the folder untouched)', () => {
    const { dir, meetings } = library();
    searched(dir);
    const file = path.join(dir, 'meetings', `${meetings[3]!.id}.json`);
    const folderBefore = dirStamp(path.join(dir, 'meetings'));
    const inode = fs.statSync(file).ino;
    const meeting = JSON.parse(fs.readFileSync(file, 'utf8')) as Meeting;
    meeting.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
    fs.writeFileSync(file, JSON.stringify(meeting)); // an editor or a sync client: written where it lies
    expect(fs.statSync(file).ino).toBe(inode);
    expect(dirStamp(path.join(dir, 'meetings'))).toEqual(folderBefore);
    const later = searched(dir);
    expect(later.reads).toBe(1);
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[2]!.entries.map((entry) => entry.meetingId)).toEqual([meetings[3]!.id]);
  });

  it('a cache folder that cannot be made (a file in its place) costs the file, never a search or the close', () => {
    const { dir } = library();
    fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, 'cache'), 'not a folder');
    const first = searched(dir); // closes, which writes the ledger: refused, swallowed
    expect(first.found).toEqual(fresh(dir));
    expect(fs.readFileSync(path.join(dir, 'cache'), 'utf8')).toBe('not a folder');
    expect(searched(dir).reads).toBe(MEETINGS); // built again: there is no file
  });

  it('clears what a write cut short left behind (a temp file per crashed process)', () => {
    const { dir } = library();
    searched(dir);
    const leftover = `${fileOf(dir)}.tmp-4242`;
    fs.writeFileSync(leftover, 'cut short');
    const { kernel, close } = session(dir);
    kernel.loadAllMeetings();
    zeppelin(kernel, kernel.meeting(kernel.index.meetings[0]!.id));
    close(); // writes the ledger again
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('ignores a file written under another time zone (days are local days), even one with the same offsets', () => {
    const { dir } = library();
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Beirut';
      searched(dir);
      expect(readLedger(fileOf(dir), null)).not.toBeNull();
      process.env.TZ = 'Asia/Jerusalem'; // the same offsets on 1 January and 1 July; another day on 2011-10-10 at 21:30 UTC
      expect(readLedger(fileOf(dir), null)).toBeNull();
      expect(searched(dir).reads).toBe(MEETINGS); // built again
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('reads again every meeting a restore replaced before the first search (stamps taken at open prove nothing then)', () => {
    const { dir, meetings } = library();
    const first = session(dir);
    const backup = first.kernel.storage.backUp('manual', new Date());
    zeppelin(first.kernel, meetings[6]!);
    first.kernel.loadAllMeetings();
    first.close(); // the file holds the zeppelin, stamped with the files of now
    const { kernel, close } = session(dir); // takes the stamps of those files at open
    kernel.storage.restoreBackup(backup.id);
    kernel.reload();
    kernel.loadAllMeetings();
    const found = answers(kernel.ledger);
    close();
    expect(found[2]!.total).toBe(0); // no zeppelin in the restored meetings
    expect(found).toEqual(fresh(dir));
  });

  it('stamps a change made in memory on close, so the session after needs no read for it', () => {
    const { dir, meetings } = library();
    searched(dir);
    const { kernel, close } = session(dir);
    kernel.loadAllMeetings();
    zeppelin(kernel, meetings[6]!);
    close();
    const later = searched(dir);
    expect(later.reads).toBe(0);
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[2]!.total).toBe(1);
  });

  it('keeps agreeing after reading the file, when its postings are folded and its rows compacted', () => {
    const { dir, meetings } = library();
    searched(dir);
    const { kernel, storage, close } = session(dir);
    kernel.loadAllMeetings();
    expect(storage.reads).toBe(0); // from the file: its postings and strings are read from it as needed
    zeppelin(kernel, meetings[2]!);
    kernel.ledger.text.freeze(); // the postings leave the file for memory, with the change folded in
    for (let i = 0; i < 210; i++) {
      kernel.mutateMeeting(meetings[3]!.id, undefined, (draft) => {
        draft.agenda[1]!.decisions[0]!.text = `Step ${i} of the rollout`;
      });
    }
    expect(kernel.ledger.rows.dead).toBeLessThan(4096); // compacted on the way (20 dead rows per save)
    const found = answers(kernel.ledger);
    close();
    expect(found).toEqual(fresh(dir));
    expect(found[2]!.total).toBe(1);
  });

  it('reads again a meeting whose save a crash left in its journal: the open folds it, and only then are the files stamped', () => {
    const { dir, meetings } = library();
    const changed = meetings[9]!;
    expect(searched(dir).reads).toBe(MEETINGS); // the first session builds, and its close stamps every meeting from its file
    // Before the journal is folded into the file (2 s after the save).
    crashAfterChange(dir, changed.id, 'Retire the zeppelin programme, saved in the journal');
    expect(fs.existsSync(path.join(dir, 'meetings', `${changed.id}.journal`))).toBe(true);

    const later = searched(dir); // its open folds the journal into the file; the stamps come after
    expect(later.readIds).toEqual([changed.id, changed.id]); // the open's fold, then the ledger's read: no other
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[2]!.entries.map((entry) => entry.text)).toEqual(['Retire the zeppelin programme, saved in the journal']);
  });

  it('reads again a change written into the file just before a crash', () => {
    const { dir, meetings } = library();
    const changed = meetings[7]!;
    // The build finishes after the change, so the file it writes holds the change, from memory.
    crashAfterChange(
      dir,
      changed.id,
      'Retire the zeppelin programme before the crash',
      `setInterval(() => undefined, 1000); // the warm-up's timers are unref'd: keep the process up meanwhile
      await kernel.warmUp();
      while (!fs.existsSync(${JSON.stringify(fileOf(dir))})) await new Promise((resolve) => setTimeout(resolve, 20));`,
    );
    expect(fs.existsSync(fileOf(dir))).toBe(true);

    const later = searched(dir);
    expect(later.reads).toBe(1); // the changed meeting, from its file (its journal folded at start)
    expect(later.found).toEqual(fresh(dir));
    expect(later.found[2]!.entries.map((entry) => entry.text)).toEqual(['Retire the zeppelin programme before the crash']);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100)],
    // Summed again after the change: the format is refused on its own, not for the sum.
    [
      'of another format',
      (bytes: Buffer) => resummed(bytes.toString('latin1').replace(`"format":${LEDGER_FORMAT},`, `"format":${OTHER_FORMAT},`)),
    ],
    ['not a ledger file', () => Buffer.from('{"meetings":{}}')],
    [
      'holding numbers that point outside its arrays (its sum then wrong)',
      (bytes: Buffer) => {
        const spoiled = Buffer.from(bytes);
        const body = 16 + spoiled.readUInt32LE(8);
        spoiled.fill(0x7f, body + 8, body + 64); // the first row's record number, among others
        return spoiled;
      },
    ],
  ])('ignores a file %s, answers from the meetings and writes it again', (_name, spoil) => {
    const { dir } = library();
    const expected = searched(dir).found;
    fs.writeFileSync(fileOf(dir), spoil(fs.readFileSync(fileOf(dir))));
    const again = searched(dir);
    expect(again.reads).toBe(MEETINGS);
    expect(again.found).toEqual(expected);
    expect(searched(dir).reads).toBe(0); // written again, whole
  });
});
