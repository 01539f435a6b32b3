import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
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

describe('an unreadable data file never becomes an empty library', () => {
  const corruptions: [string, string][] = [
    ['truncated JSON', '{"schemaVersion":1,"meet'],
    ['NUL bytes', '\0\0\0\0'],
    ['JSON of the wrong shape', '[1,2,3]'],
    ['a number', '42'],
    ['a future schema version', JSON.stringify({ schemaVersion: 99, meetings: [], personas: [], customTags: [], settings: { theme: 'system' } })],
  ];
  it.each(corruptions)('library index holding %s: refuses to start, names the file, keeps its bytes', (_name, content) => {
    const dir = tempDir();
    const first = open(dir);
    createMeeting(first);
    first.close();
    const indexPath = path.join(dir, 'library.json');
    fs.writeFileSync(indexPath, content);
    let error: unknown;
    try {
      open(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'storage_error' });
    expect((error as Error).message).toContain(indexPath);
    expect(fs.readFileSync(indexPath, 'utf8')).toBe(content);
    // The refused start left the folder unlocked, so the user can fix it and start again.
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('a corrupt meeting file gives a storage_error naming it, and other meetings still open', () => {
    const dir = tempDir();
    const library = openKept(dir);
    const broken = createMeeting(library, 'Broken');
    const fine = createMeeting(library, 'Fine');
    library.close();
    toClose.pop();
    const file = path.join(dir, 'meetings', `${broken.id}.json`);
    fs.writeFileSync(file, '{"oops"');
    const again = openKept(dir);
    const result = dispatch(again.service, 'meetings.get', { id: broken.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    if (!result.ok) expect(result.error.message).toContain(file);
    expect(dispatch(again.service, 'meetings.get', { id: fine.id })).toMatchObject({ ok: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"oops"');
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
