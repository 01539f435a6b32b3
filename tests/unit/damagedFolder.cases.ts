/**
 * The damaged-folder corpus as data: how a data folder is damaged, and the outcome it must have.
 * damagedFolder.test.ts runs every case on a copy of a real saved folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { processIdentity } from '../../electron/storage/processIdentity';

export interface Folder {
  dir: string;
  alpha: Meeting;
  beta: Meeting;
  index: string;
  /** Alpha's file and journal. */
  meeting: string;
  journal: string;
  lock: string;
  backups: string;
  quarantine: string;
}

export type Outcome = { restored: RegExp } | { toldWhatIsLost: RegExp } | { refused: 'start' | 'meeting'; todo: RegExp } | { intact: true };

export interface Case {
  damage: string;
  /** Damages the folder; may return an undo (for a fault injected into fs), run after the checks. */
  apply: (folder: Folder) => void | (() => void);
  /** The file the notice or message must name. */
  names: (folder: Folder) => string;
  outcome: Outcome;
  /** Alpha's title afterwards, where a journal held a newer version than its file. */
  alphaTitle?: string;
  /** The meetings afterwards, where not Alpha and Beta. */
  titles?: string[];
  /** Checks of its own, after the outcome's. */
  after?: (folder: Folder, library: OpenLibrary) => void;
}

export const DAMAGED_CONTENT: [string, (good: string) => string | Buffer][] = [
  ['cut off half-way', (good) => good.slice(0, good.length / 2)],
  ['NUL bytes', () => '\0'.repeat(512)],
  ['invalid JSON', () => '{schemaVersion: 1,}'],
  ['JSON of the wrong shape', () => '[1,2,3]'],
  ['a number', () => '42'],
  ['a future schema version', (good) => JSON.stringify({ ...JSON.parse(good), schemaVersion: 99 })],
  ['nothing (0 bytes)', () => ''],
  ['bytes that are not UTF-8 inside valid JSON', (good) => notUtf8(good)],
];

/**
 * The text with two bytes that are not UTF-8 in its first title: decoded loosely (as U+FFFD) it
 * still parses and validates, so only a strict decoder sees the damage.
 */
function notUtf8(text: string): Buffer {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf('"title":"') + '"title":"'.length;
  if (at < '"title":"'.length) throw new Error('no title to damage');
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe]), bytes.subarray(at)]);
}

const damagedWith = (file: string, damage: (good: string) => string | Buffer) =>
  fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));

/** Makes every read of `file` fail as a failing disk would. */
function failReads(file: string): () => void {
  const real = fs.readFileSync;
  fs.readFileSync = ((target: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (String(target) === file) throw Object.assign(new Error(`EIO: i/o error, read '${file}'`), { code: 'EIO' });
    return (real as (...args: unknown[]) => unknown)(target, ...rest);
  }) as typeof fs.readFileSync;
  return () => (fs.readFileSync = real);
}

const onlyBackup = (folder: Folder) => path.join(folder.backups, fs.readdirSync(folder.backups)[0]!);
const asLine = (meeting: Meeting) => `${JSON.stringify(meeting)}\n`;
const renamed = (folder: Folder, title: string): Meeting => ({ ...folder.alpha, title, revision: folder.alpha.revision + 1 });
const writeLock = (folder: Folder, owner: object) => fs.writeFileSync(folder.lock, JSON.stringify(owner));
const longAgo = (file: string) => fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
const lockOwner = (overrides: object) => ({
  pid: process.pid,
  hostname: os.hostname(),
  role: 'desktop app',
  startedAt: '2026-12-01T09:00:00.000Z',
  ...processIdentity(process.pid),
  ...overrides,
});

const restoredMeeting = /moved to \S+quarantine\S+, and "Alpha" was restored as it was in the backup of/;
const restoredIndex = /moved to \S+quarantine\S+\. The library index from the backup of \S+ was restored/;

export const CORPUS: Case[] = [
  // library.json
  ...DAMAGED_CONTENT.map(([what, damage]): Case => ({
    damage: `library.json holding ${what}`,
    apply: (f) => damagedWith(f.index, damage),
    names: (f) => f.index,
    outcome: { restored: restoredIndex },
  })),
  {
    damage: 'library.json missing, the backups holding it',
    apply: (f) => fs.rmSync(f.index),
    names: (f) => f.index,
    outcome: { restored: /library index \S+ was missing\. The library index from the backup of \S+ was restored/ },
  },
  {
    damage: 'a folder where library.json should be',
    apply: (f) => {
      fs.rmSync(f.index);
      fs.mkdirSync(f.index);
    },
    names: (f) => f.index,
    outcome: { restored: /it is a folder, not a file\. It was moved to \S+quarantine\S+\. The library index from the backup/ },
  },
  {
    damage: 'library.json damaged, the newest backup holding a damaged copy too',
    apply: (f) => {
      const older = onlyBackup(f);
      const newer = path.join(f.backups, '2099-01-01T00-00-00-000Z_close');
      fs.cpSync(older, newer, { recursive: true });
      fs.writeFileSync(
        path.join(newer, 'manifest.json'),
        JSON.stringify({ id: path.basename(newer), createdAt: '2099-01-01T00:00:00.000Z', reason: 'close', meetings: 2 }),
      );
      fs.writeFileSync(path.join(newer, 'library.json'), '{"oops"');
      fs.writeFileSync(f.index, '{"oops"');
    },
    names: (f) => f.index,
    outcome: { restored: restoredIndex },
    after: (f, library) => expect(library.service.notices.join('\n')).not.toContain('2099'),
  },
  {
    damage: 'library.json damaged, quarantine/ being a file',
    apply: (f) => {
      fs.writeFileSync(f.quarantine, 'not a folder');
      fs.writeFileSync(f.index, '{"oops"');
    },
    names: (f) => f.index,
    outcome: { restored: restoredIndex },
    after: (f, library) => {
      const notices = library.service.notices.join('\n');
      expect(notices).toMatch(new RegExp(`${escape(f.quarantine)} was a file.*renamed to (\\S+)\\.`));
      const aside = /renamed to (\S+)\./.exec(notices)![1]!;
      expect(fs.readFileSync(aside, 'utf8')).toBe('not a folder');
    },
  },
  {
    damage: 'library.json damaged, no backups',
    apply: (f) => {
      fs.rmSync(f.backups, { recursive: true });
      fs.writeFileSync(f.index, '{"oops"');
    },
    names: (f) => f.index,
    outcome: {
      toldWhatIsLost:
        /No backup held a good copy: meetings were found again from their files, but personas, custom tags and settings were not/,
    },
  },
  {
    damage: 'library.json damaged, backups/ unreadable',
    apply: (f) => {
      fs.rmSync(f.backups, { recursive: true });
      fs.writeFileSync(f.backups, 'not a folder');
      fs.writeFileSync(f.index, '{"oops"');
    },
    names: (f) => f.index,
    outcome: {
      toldWhatIsLost:
        /The backups could not be read \(\S+backups \(ENOTDIR.*personas, custom tags and settings were not\. Make the backups readable/,
    },
    after: (_f, library) => expect(library.service.notices.join('\n')).not.toMatch(/no backup held/i),
  },
  {
    damage: 'library.json unreadable (the disk fails)',
    apply: (f) => failReads(f.index),
    names: (f) => f.index,
    outcome: { refused: 'start', todo: /Nothing was changed: check that it can be read .* then start Empty Chair again/ },
  },
  {
    damage: 'a new data folder: no library.json, no backups',
    apply: (f) => {
      for (const name of fs.readdirSync(f.dir)) fs.rmSync(path.join(f.dir, name), { recursive: true });
    },
    names: (f) => f.index,
    outcome: { intact: true },
    titles: [],
  },

  // meetings/<id>.json
  ...DAMAGED_CONTENT.map(([what, damage]): Case => ({
    damage: `a meeting file holding ${what}`,
    apply: (f) => damagedWith(f.meeting, damage),
    names: (f) => f.meeting,
    outcome: { restored: restoredMeeting },
  })),
  {
    damage: "a meeting file holding another meeting's id",
    apply: (f) => fs.copyFileSync(f.meeting.replace(f.alpha.id, f.beta.id), f.meeting),
    names: (f) => f.meeting,
    outcome: { restored: /it holds another meeting \("Beta", id \S+\)\. It was moved to \S+quarantine\S+, and "Alpha" was restored/ },
  },
  {
    damage: 'a folder where a meeting file should be',
    apply: (f) => {
      fs.rmSync(f.meeting);
      fs.mkdirSync(f.meeting);
      fs.writeFileSync(path.join(f.meeting, 'something.txt'), 'kept');
    },
    names: (f) => f.meeting,
    outcome: { restored: /it is a folder, not a file\. It was moved to \S+quarantine\S+, and "Alpha" was restored/ },
  },
  {
    damage: 'a meeting file missing, the backups holding it',
    apply: (f) => fs.rmSync(f.meeting),
    names: (f) => f.meeting,
    outcome: { restored: /is missing, and "Alpha" was restored as it was in the backup of/ },
  },
  {
    damage: 'a meeting file damaged, no backups',
    apply: (f) => {
      fs.rmSync(f.backups, { recursive: true });
      fs.writeFileSync(f.meeting, '{"oops"');
    },
    names: (f) => f.meeting,
    outcome: {
      refused: 'meeting',
      todo: /moved to \S+quarantine\S+, and no backup holds a good copy of it: put a good copy of it at \S+, then start Empty Chair again/,
    },
  },
  {
    damage: 'a meeting file damaged, backups/ unreadable',
    apply: (f) => {
      fs.rmSync(f.backups, { recursive: true });
      fs.writeFileSync(f.backups, 'not a folder');
      fs.writeFileSync(f.meeting, '{"oops"');
    },
    names: (f) => f.meeting,
    outcome: {
      refused: 'meeting',
      todo: /the backups could not be read \(\S+backups \(ENOTDIR.*make them readable, then start Empty Chair again/,
    },
  },
  {
    damage: 'a meeting file missing, no backups',
    apply: (f) => {
      fs.rmSync(f.backups, { recursive: true });
      fs.rmSync(f.meeting);
    },
    names: (f) => f.meeting,
    outcome: { refused: 'meeting', todo: /is missing, and no backup holds a good copy of it: put a good copy of it at/ },
  },
  {
    damage: 'a meeting file unreadable (the disk fails)',
    apply: (f) => failReads(f.meeting),
    names: (f) => f.meeting,
    outcome: { refused: 'meeting', todo: /Nothing was changed: check that it can be read/ },
  },
  {
    damage: 'a meeting file missing from the index (written just before a crash)',
    apply: (f) => {
      const index = JSON.parse(fs.readFileSync(f.index, 'utf8'));
      index.meetings = index.meetings.filter((m: { id: string }) => m.id !== f.alpha.id);
      fs.writeFileSync(f.index, JSON.stringify(index));
    },
    names: (f) => f.meeting,
    outcome: { restored: /Recovered the meeting "Alpha" \(\S+\), which was missing from the library index/ },
  },
  {
    damage: 'a meeting in the index moved to the trash just before a crash',
    apply: (f) => {
      fs.mkdirSync(path.join(f.dir, 'trash'));
      fs.renameSync(f.meeting, path.join(f.dir, 'trash', path.basename(f.meeting)));
    },
    names: (f) => f.meeting,
    outcome: { intact: true },
    titles: ['Beta'],
  },

  // meetings/<id>.journal
  {
    damage: 'a journal ending in a save cut off by a crash',
    apply: (f) => fs.writeFileSync(f.journal, asLine(renamed(f, 'Alpha 2')) + asLine(renamed(f, 'Alpha 3')).slice(0, 40)),
    names: (f) => f.journal,
    outcome: { restored: /a save that was cut off before it finished.*the newest complete save before that was used/ },
    alphaTitle: 'Alpha 2',
  },
  {
    damage: 'a journal with a damaged entry after a good one',
    apply: (f) => fs.writeFileSync(f.journal, asLine(renamed(f, 'Alpha 2')) + '{"oops"}\n'),
    names: (f) => f.journal,
    outcome: { restored: /held 1 damaged entry; the newest complete save before that was used/ },
    alphaTitle: 'Alpha 2',
  },
  {
    damage: 'a journal whose newest entry is not UTF-8',
    apply: (f) =>
      fs.writeFileSync(f.journal, Buffer.concat([Buffer.from(asLine(renamed(f, 'Alpha 2'))), notUtf8(asLine(renamed(f, 'Alpha 3')))])),
    names: (f) => f.journal,
    outcome: { restored: /held 1 damaged entry; the newest complete save before that was used/ },
    alphaTitle: 'Alpha 2',
  },
  {
    damage: 'a journal holding only garbage',
    apply: (f) => fs.writeFileSync(f.journal, 'garbage\n\u0001\u0002\n'),
    names: (f) => f.journal,
    outcome: { restored: /held 2 damaged entries; the file's own version was used\. A copy of it is kept at/ },
    after: (f, library) => {
      dispatch(library.service, 'meetings.get', { id: f.alpha.id }); // read once more, as the service does after the start
      expect(library.service.notices.filter((notice) => notice.includes(f.journal))).toHaveLength(1);
      expect(fs.readdirSync(f.quarantine)).toHaveLength(1);
      expect(fs.existsSync(f.journal)).toBe(false);
    },
  },
  {
    damage: 'a damaged meeting file beside a good journal',
    apply: (f) => {
      fs.writeFileSync(f.journal, asLine(renamed(f, 'Alpha 2')));
      fs.writeFileSync(f.meeting, '{"oops"');
    },
    names: (f) => f.meeting,
    outcome: { restored: /moved to \S+quarantine\S+; the newer version in its save journal was used/ },
    alphaTitle: 'Alpha 2',
  },
  {
    damage: 'library.journal ending in a save cut off by a crash',
    apply: (f) => fs.writeFileSync(path.join(f.dir, 'library.journal'), `${fs.readFileSync(f.index, 'utf8')}\n{"schemaVer`),
    names: (f) => path.join(f.dir, 'library.journal'),
    outcome: { restored: /a save that was cut off before it finished.*the newest complete save before that was used/ },
  },

  // left-overs of a crash
  {
    damage: 'a half-written temp file of a meeting',
    apply: (f) => fs.writeFileSync(`${f.meeting}.tmp-1763890000a1b2c3`, '{"schemaVersion":1,"id":"half'),
    names: (f) => `${f.meeting}.tmp-1763890000a1b2c3`,
    outcome: { intact: true },
    after: (f) => expect(fs.existsSync(`${f.meeting}.tmp-1763890000a1b2c3`)).toBe(false),
  },
  {
    damage: 'a half-written backup',
    apply: (f) => fs.mkdirSync(path.join(f.backups, '.partial-2026-12-01T09-00-00-000Z_close', 'meetings'), { recursive: true }),
    names: (f) => f.backups,
    outcome: { intact: true },
    after: (f) => expect(fs.readdirSync(f.backups).filter((name) => name.startsWith('.partial'))).toEqual([]),
  },
  {
    damage: "a temp file of the lock's write",
    apply: (f) => fs.writeFileSync(`${f.lock}.4242-0a1b2c3d.tmp`, ''),
    names: (f) => f.lock,
    outcome: { intact: true },
    after: (f) => expect(fs.readdirSync(f.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]),
  },

  // .empty-chair.lock
  {
    damage: 'a lock left by a process that is gone',
    apply: (f) => writeLock(f, lockOwner({ pid: goneProcessId() })),
    names: (f) => f.lock,
    outcome: { intact: true },
  },
  {
    damage: "a lock left by an earlier process with this process's id",
    apply: (f) => writeLock(f, lockOwner({ processStart: '1' })),
    names: (f) => f.lock,
    outcome: { intact: true },
  },
  {
    damage: 'a lock left before the computer restarted',
    apply: (f) => writeLock(f, lockOwner({ bootId: '00000000-0000-0000-0000-000000000000' })),
    names: (f) => f.lock,
    outcome: { intact: true },
  },
  {
    damage: 'an empty lock, left a while ago',
    apply: (f) => {
      fs.writeFileSync(f.lock, '');
      longAgo(f.lock);
    },
    names: (f) => f.lock,
    outcome: { intact: true },
  },
  {
    damage: 'an unparsable lock, left a while ago',
    apply: (f) => {
      fs.writeFileSync(f.lock, '{"pid": 12');
      longAgo(f.lock);
    },
    names: (f) => f.lock,
    outcome: { intact: true },
  },
  {
    damage: 'an empty lock, written a moment ago',
    apply: (f) => fs.writeFileSync(f.lock, ''),
    names: (f) => f.lock,
    outcome: {
      refused: 'start',
      todo: /is empty; another Empty Chair may be starting\. Try again in a moment\. If no Empty Chair is running, delete the lock file/,
    },
  },
  {
    damage: 'a folder where the lock should be',
    apply: (f) => fs.mkdirSync(f.lock),
    names: (f) => f.lock,
    outcome: { refused: 'start', todo: /cannot be read \(EISDIR.*If no Empty Chair is running, delete the lock file/ },
  },
  {
    damage: 'a lock held by a running process',
    apply: (f) => writeLock(f, lockOwner({})),
    names: (f) => f.lock,
    outcome: {
      refused: 'start',
      todo: /desktop app, process \d+.*already using the data folder .* Close it first, or choose another folder with --data-dir\. If no Empty Chair is running, delete the lock file/,
    },
  },
  {
    damage: 'a lock held on another computer (a shared folder)',
    apply: (f) => writeLock(f, lockOwner({ hostname: 'meeting-room-pc' })),
    names: (f) => f.lock,
    outcome: {
      refused: 'start',
      todo: /on the computer "meeting-room-pc".*Close it there first.*If it is not running there, delete the lock file/,
    },
  },
];

/** The id of a process that has exited. */
function goneProcessId(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
