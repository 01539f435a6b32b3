import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { IMPORT_MARKER } from '../../electron/storage/importTransaction';
import { open, refuseWrites, sampleDraft, snapshotFiles, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const libraries: OpenLibrary[] = [];
afterEach(() => libraries.splice(0).forEach((library) => library.close()));

function fresh(dir = tempDir()) {
  const library = open(dir);
  libraries.push(library);
  const call = (method: string, input: unknown) => dispatch(library.service, method, input);
  const value = <T>(method: string, input: unknown): T => {
    const result = call(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  const close = () => libraries.splice(libraries.indexOf(library), 1)[0]!.close();
  return { dir, library, call, value, close };
}

/** Three meetings of another library, each with its own persona and one shared custom tag: what a report's JSON holds. */
function exportedFile() {
  const source = fresh();
  const tag = source.value<Tag>('tags.create', { label: 'Churn risk' });
  const personas: Persona[] = [];
  const meetings: Meeting[] = [];
  for (const title of ['January review', 'February review', 'March review']) {
    const persona = source.value<Persona>('personas.create', { name: `Persona of ${title}` });
    personas.push(persona);
    const meeting = source.value<Meeting>('meetings.create', sampleDraft({ title, personaIds: [persona.id] }));
    meetings.push(
      source.value<Meeting>('decisions.add', {
        meetingId: meeting.id,
        itemId: meeting.agenda[0]!.id,
        decision: { text: 'Go', tagIds: [tag.id] },
      }),
    );
  }
  return { meetings, personas, tags: [tag] };
}

const meetingFiles = (dir: string) => (fs.existsSync(path.join(dir, 'meetings')) ? fs.readdirSync(path.join(dir, 'meetings')) : []);

describe('meetings.importMany', () => {
  it('imports every meeting of the file with the personas and tags they use', () => {
    const file = exportedFile();
    const target = fresh();
    const imported = target.value<Meeting[]>('meetings.importMany', file);
    expect(imported.map((m) => m.title)).toEqual(['January review', 'February review', 'March review']);
    const library = target.library.service.library();
    expect(library.meetings).toHaveLength(3);
    expect(library.personas).toHaveLength(3);
    expect(library.tags.filter((t) => !t.builtIn)).toHaveLength(1);
    // As copies: new ids, and the personas and the tag (already here) are not added twice.
    const copies = target.value<Meeting[]>('meetings.importMany', { ...file, asCopy: true });
    expect(copies.map((m) => m.title)).toEqual(['January review (copy)', 'February review (copy)', 'March review (copy)']);
    expect(target.library.service.library().meetings).toHaveLength(6);
    expect(target.library.service.library().personas).toHaveLength(3);
  });

  it('imports nothing when one meeting in the middle is refused, and names it', () => {
    const file = exportedFile();
    file.meetings[1]!.agenda[1]!.id = file.meetings[1]!.agenda[0]!.id;
    const target = fresh();
    const before = snapshotFiles(target.dir);
    const result = target.call('meetings.importMany', file);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^Cannot import "February review" \(meeting 2 of 3\); nothing was imported: Agenda item 2/),
      },
    });
    expect(snapshotFiles(target.dir)).toEqual(before);
    expect(target.library.service.library().meetings).toEqual([]);
    expect(target.library.service.library().personas).toEqual([]);
  });

  it('imports nothing when some meetings are already in the library, and names them', () => {
    const file = exportedFile();
    const target = fresh();
    target.value('meetings.import', { meeting: file.meetings[2], personas: file.personas, tags: file.tags });
    const before = snapshotFiles(target.dir);
    expect(target.call('meetings.importMany', file)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('The library already has this meeting ("March review")') },
    });
    expect(snapshotFiles(target.dir)).toEqual(before);
    expect(target.library.service.library().meetings).toHaveLength(1);
  });

  it('takes back what it wrote when the disk refuses the index, so a retry starts clean', () => {
    const file = exportedFile();
    const target = fresh();
    target.value('personas.create', { name: 'Already here' }); // the index file exists, with a journal
    target.close();
    const again = fresh(target.dir);
    const restore = refuseWrites(path.join(target.dir, 'library.json'));
    const result = again.call('meetings.importMany', file);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    expect(again.library.service.library().meetings).toEqual([]);
    expect(meetingFiles(again.dir)).toEqual([]);
    expect(fs.existsSync(path.join(again.dir, IMPORT_MARKER))).toBe(true); // the index could not be put back: the next start does it
    restore();
    again.close();
    const reopened = fresh(target.dir);
    expect(reopened.library.service.library().meetings).toEqual([]);
    expect(reopened.library.service.library().personas.map((p) => p.name)).toEqual(['Already here']);
    expect(reopened.library.service.notices.join(' ')).toMatch(
      /An import of 3 meetings was interrupted before it finished; nothing of it was kept/,
    );
    expect(reopened.value<Meeting[]>('meetings.importMany', file)).toHaveLength(3);
  });
});

/**
 * A child process imports the file and stops dead at `pauseAt` (before writing that file, or
 * before removing the import marker), says so, and waits; the test kills it with SIGKILL there.
 */
async function importAndKill(dataDir: string, exportFile: string, pauseAt: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
      const fs = (await import('node:fs')).default;
      const { default: Conf } = await import('conf');
      const { openLibrary } = await import('./electron/service/openLibrary.ts');
      const { dispatch } = await import('./electron/service/dispatch.ts');
      const pauseAt = ${JSON.stringify(pauseAt)};
      const stop = () => { console.log('paused'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600000); };
      class PausingStore extends Conf {
        get store() { return super.store; }
        set store(value) { if (this.path.endsWith(pauseAt)) stop(); super.store = value; }
      }
      const rmSync = fs.rmSync;
      fs.rmSync = (target, options) => { if (String(target).endsWith(pauseAt)) stop(); return rmSync(target, options); };
      const library = openLibrary({ dataDir: ${JSON.stringify(dataDir)}, StoreClass: PausingStore, role: 'import-child', backupIntervalMs: null });
      const result = dispatch(library.service, 'meetings.importMany', JSON.parse(fs.readFileSync(${JSON.stringify(exportFile)}, 'utf8')));
      console.log(result.ok ? 'finished' : 'failed ' + result.error.message);
      library.close();`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('paused')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the importing process exited before the pause (${code}): ${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('an import killed in the middle', () => {
  for (const [where, pauseAt] of [
    ['while writing its second meeting', 1],
    ['after every file and the index are written, before the marker goes', IMPORT_MARKER],
  ] as const) {
    it(`leaves none of it after a restart (SIGKILL ${where}), and the same file then imports whole`, async () => {
      const file = exportedFile();
      const dir = tempDir();
      const before = fresh(dir);
      before.value('personas.create', { name: 'Already here' });
      before.close();
      const exportFile = path.join(tempDir(), 'report.json');
      fs.writeFileSync(exportFile, JSON.stringify(file));
      await importAndKill(dir, exportFile, typeof pauseAt === 'number' ? `${file.meetings[pauseAt]!.id}.json` : pauseAt);
      expect(fs.existsSync(path.join(dir, IMPORT_MARKER))).toBe(true);
      if (pauseAt === IMPORT_MARKER) expect(meetingFiles(dir).filter((f) => f.endsWith('.json'))).toHaveLength(3);

      const after = fresh(dir);
      const library = after.library.service.library();
      expect(library.meetings).toEqual([]);
      expect(library.personas.map((p) => p.name)).toEqual(['Already here']);
      expect(library.tags.filter((t) => !t.builtIn)).toEqual([]);
      expect(meetingFiles(dir)).toEqual([]);
      expect(fs.existsSync(path.join(dir, IMPORT_MARKER))).toBe(false);
      expect(after.library.service.notices.join(' ')).toMatch(/An import of 3 meetings was interrupted/);
      expect(after.value<Meeting[]>('meetings.importMany', file)).toHaveLength(3);
      after.close();
      expect(fresh(dir).library.service.library().meetings).toHaveLength(3);
    });
  }
});
