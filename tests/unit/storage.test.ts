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

// The damaged-folder cases (damaged, missing and misplaced files, journals, left-overs, locks) are
// one table in damagedFolder.test.ts.

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
      [
        '--import',
        'tsx',
        '-e',
        `
        const { openLibrary } = await import('./electron/service/openLibrary.ts');
        const { default: Conf } = await import('conf');
        openLibrary({ dataDir: ${JSON.stringify(dir)}, StoreClass: Conf, role: 'holder' });
        console.log('locked');
        setInterval(() => {}, 1000);`,
      ],
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

  it('names its process by id, start time and boot (on Linux; by id elsewhere), written whole', () => {
    const dir = tempDir();
    openKept(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, role: 'test' });
    if (process.platform === 'linux') {
      const stat = fs.readFileSync(`/proc/${process.pid}/stat`, 'utf8');
      expect(owner.processStart).toBe(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      expect(owner.bootId).toBe(fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    } else {
      expect(owner.processStart).toBeUndefined();
    }
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
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
