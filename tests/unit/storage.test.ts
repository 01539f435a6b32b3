import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import Conf from 'conf';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { defaultDataDir, resolveDataDir } from '../../electron/storage/dataDir';
import { DataDirLockedError, LOCK_FILE_NAME } from '../../electron/storage/lock';
import { open, sampleDraft, tempDir } from './helpers';

const toClose: OpenLibrary[] = [];
afterEach(() => {
  while (toClose.length) toClose.pop()!.close();
});
function openKept(dir: string) {
  const library = open(dir);
  toClose.push(library);
  return library;
}
function createMeeting(library: OpenLibrary, title = 'Kept'): Meeting {
  const result = dispatch(library.service, 'meetings.create', sampleDraft({ title }));
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Meeting;
}

describe('a damaged data file is quarantined and recovered, never an empty library without a word', () => {
  const corpus: [string, string][] = [
    ['truncated JSON', '{"schemaVersion":1,"meet'],
    ['NUL bytes', '\0'.repeat(512)],
    ['invalid JSON', '{schemaVersion: 1,}'],
    ['JSON of the wrong shape', '[1,2,3]'],
    ['a number', '42'],
    ['a future schema version', JSON.stringify({ schemaVersion: 99, meetings: [], personas: [], customTags: [], settings: { theme: 'system' } })],
  ];

  /** A library with a persona and two meetings, closed cleanly (which takes a backup). */
  function savedLibrary() {
    const dir = tempDir();
    const library = open(dir);
    const persona = dispatch(library.service, 'personas.create', { name: 'Priya' });
    if (!persona.ok) throw new Error(persona.error.message);
    const a = createMeeting(library, 'Alpha');
    const b = createMeeting(library, 'Beta');
    library.close();
    return { dir, a, b };
  }

  it.each(corpus)('library index holding %s: quarantined, restored from the backup, user told', (_name, content) => {
    const { dir, a, b } = savedLibrary();
    const indexPath = path.join(dir, 'library.json');
    fs.writeFileSync(indexPath, content);
    const again = openKept(dir);
    const library = again.service.library();
    expect(library.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']);
    expect(library.personas.map((p) => p.name)).toEqual(['Priya']);
    expect(dispatch(again.service, 'meetings.get', { id: a.id })).toMatchObject({ ok: true, value: a });
    expect(dispatch(again.service, 'meetings.get', { id: b.id })).toMatchObject({ ok: true });
    const notice = again.service.notices.join(' ');
    expect(notice).toContain(indexPath);
    const quarantined = /moved to (\S+)\. /.exec(notice)![1]!;
    expect(fs.readFileSync(quarantined, 'utf8')).toBe(content);
    expect(notice).toMatch(/restored/);
  });

  it.each(corpus)('meeting file holding %s: quarantined, restored from the backup, user told', (_name, content) => {
    const { dir, a } = savedLibrary();
    const file = path.join(dir, 'meetings', `${a.id}.json`);
    fs.writeFileSync(file, content);
    const again = openKept(dir);
    expect(dispatch(again.service, 'meetings.get', { id: a.id })).toMatchObject({ ok: true, value: a });
    expect(again.service.notices.join(' ')).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*moved to .*quarantine.*"Alpha" was restored`));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(a);
  });

  it('with no backup, meetings are found again from their files and the user is told what was lost', () => {
    const dir = tempDir();
    const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    const a = createMeeting(library, 'Alpha');
    library.close();
    fs.writeFileSync(path.join(dir, 'library.json'), '{"oops"');
    const again = openKept(dir);
    expect(again.service.library().meetings.map((m) => m.id)).toEqual([a.id]);
    expect(again.service.notices.join(' ')).toMatch(/No backup held a good copy.*personas, custom tags and settings could not be recovered/);
  });

  it('a damaged meeting with no good copy anywhere gives a storage_error saying where it went', () => {
    const dir = tempDir();
    const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    const a = createMeeting(library, 'Alpha');
    const fine = createMeeting(library, 'Fine');
    library.close();
    fs.writeFileSync(path.join(dir, 'meetings', `${a.id}.json`), '{"oops"');
    const again = openKept(dir);
    const result = dispatch(again.service, 'meetings.get', { id: a.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    if (!result.ok) expect(result.error.message).toMatch(/moved to .*quarantine.*no backup holds a good copy/);
    expect(dispatch(again.service, 'meetings.get', { id: fine.id })).toMatchObject({ ok: true });
  });

  it('a half-written temp file left by a crash is removed at start, the data intact', () => {
    const { dir, a } = savedLibrary();
    const leftover = path.join(dir, 'meetings', `${a.id}.json.tmp-1763890000a1b2c3`);
    fs.writeFileSync(leftover, '{"schemaVersion":1,"id":"half');
    const again = openKept(dir);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(dispatch(again.service, 'meetings.get', { id: a.id })).toMatchObject({ ok: true, value: a });
    expect(again.service.notices).toEqual([]);
  });

  it('an index that cannot be read at all (not damaged: an I/O error) stops the start, naming it', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'library.json'), { recursive: true });
    let error: unknown;
    try {
      open(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'storage_error' });
    expect((error as Error).message).toContain(path.join(dir, 'library.json'));
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});

describe('index and meeting files stay in step across a crash', () => {
  it('adopts a meeting file written just before a crash that missed the index', () => {
    const dir = tempDir();
    const library = open(dir);
    const meeting = createMeeting(library, 'Written before the crash');
    library.close();
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'library.json'), 'utf8'));
    index.meetings = [];
    fs.writeFileSync(path.join(dir, 'library.json'), JSON.stringify(index));
    const again = openKept(dir);
    expect(again.service.notices.join(' ')).toContain('Written before the crash');
    expect(again.service.library().meetings.map((m) => m.id)).toEqual([meeting.id]);
  });

  it('drops the index entry of a meeting moved to the trash just before a crash', () => {
    const dir = tempDir();
    const library = open(dir);
    const meeting = createMeeting(library);
    library.close();
    fs.mkdirSync(path.join(dir, 'trash'));
    fs.renameSync(path.join(dir, 'meetings', `${meeting.id}.json`), path.join(dir, 'trash', `${meeting.id}.json`));
    expect(openKept(dir).service.library().meetings).toEqual([]);
  });
});

describe('the data folder lock', () => {
  it('refuses a second opener in this process with a clear message', () => {
    const dir = tempDir();
    openKept(dir);
    expect(() => open(dir)).toThrow(DataDirLockedError);
    expect(() => open(dir)).toThrow(/already using the data folder .* --data-dir/);
  });

  it('refuses a second process while the first runs, and lets it in once the first is killed', async () => {
    const dir = tempDir();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `
        const { openLibrary } = await import('./electron/service/openLibrary.ts');
        const { default: Conf } = await import('conf');
        openLibrary({ dataDir: ${JSON.stringify(dir)}, StoreClass: Conf, role: 'holder' });
        console.log('locked');
        setInterval(() => {}, 1000);`],
      { cwd: path.resolve(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    expect(() => open(dir)).toThrow(/holder, process \d+/);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // The pid in the lock file is gone: the lock is stale and is taken over at once.
    expect(openKept(dir).dataDir).toBe(dir);
  });
});

describe('data folder resolution', () => {
  it('uses --data-dir, then EMPTY_CHAIR_DATA_DIR, then the desktop userData folder', () => {
    expect(resolveDataDir(['--data-dir', '/tmp/a'], { EMPTY_CHAIR_DATA_DIR: '/tmp/b' }, '/tmp/c')).toBe('/tmp/a');
    expect(resolveDataDir(['--data-dir=/tmp/a'], {}, '/tmp/c')).toBe('/tmp/a');
    expect(resolveDataDir([], { EMPTY_CHAIR_DATA_DIR: '/tmp/b' }, '/tmp/c')).toBe('/tmp/b');
    expect(resolveDataDir([], {}, '/tmp/c')).toBe('/tmp/c');
    expect(() => resolveDataDir(['--data-dir'], {}, '/tmp/c')).toThrow(/needs a value/);
  });

  it('matches where Electron puts userData on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Empty Chair');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/Empty Chair');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Empty Chair');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Empty Chair',
    );
  });
});

describe('saving through conf', () => {
  it('writes without reading the file it replaces, and the file holds only the document', () => {
    const dir = tempDir();
    const library = open(dir);
    const meeting = createMeeting(library);
    const file = path.join(dir, 'meetings', `${meeting.id}.json`);
    const reads: string[] = [];
    const real = fs.readFileSync;
    fs.readFileSync = ((target: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      reads.push(String(target));
      return (real as (...args: unknown[]) => unknown)(target, ...rest);
    }) as typeof fs.readFileSync;
    try {
      const changed = dispatch(library.service, 'meetings.update', { id: meeting.id, changes: { lead: 'Zoë' } });
      expect(changed.ok).toBe(true);
      library.close(); // folds the journal into the file through conf
    } finally {
      fs.readFileSync = real;
    }
    expect(reads.filter((read) => read === file)).toEqual([]);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(written.lead).toBe('Zoë');
    expect(Object.keys(written)).not.toContain('__internal__');
  });

  it('writes compact JSON, and reads the indented files of earlier versions the same', () => {
    const dir = tempDir();
    let library = open(dir);
    const meeting = createMeeting(library, 'Indented before');
    const file = path.join(dir, 'meetings', `${meeting.id}.json`);
    const indexFile = path.join(dir, 'library.json');
    library.close();
    for (const written of [file, indexFile]) {
      const text = fs.readFileSync(written, 'utf8');
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      // As conf wrote it by default until now.
      fs.writeFileSync(written, JSON.stringify(JSON.parse(text), undefined, '\t'));
    }
    library = openKept(dir);
    const read = dispatch(library.service, 'meetings.get', { id: meeting.id });
    expect(read.ok && (read.value as Meeting)).toEqual(meeting);
    expect(library.service.notices).toEqual([]);
    const renamed = dispatch(library.service, 'meetings.update', { id: meeting.id, changes: { title: 'Compact after' } });
    expect(renamed.ok).toBe(true);
    library.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('\n');
    expect((JSON.parse(text) as Meeting).title).toBe('Compact after');
  });
});
