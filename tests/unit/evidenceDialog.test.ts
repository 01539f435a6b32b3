/**
 * Choosing evidence files in the desktop app (electron/evidenceDialog.ts) against the real service on
 * a temp folder: a thin stand-in for ipcMain and for the native dialog (it answers with real files).
 * The window gets ids, names and sizes, never paths; it imports them as uploads read in place; the
 * user's files are never removed; and the IPC adapter refuses a path the window names itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_EVIDENCE_CHANNEL, registerEvidenceDialog, type OpenDialogOptions } from '../../electron/evidenceDialog';
import { INVOKE_CHANNEL, registerIpcHandlers } from '../../electron/ipc';
import { Uploads } from '../../electron/service/evidence/uploads';
import type { OpenEvidenceOutcome } from '../../shared/evidence/picking';
import type { EvidenceLibrary, EvidencePreview, ImportProgress } from '../../shared/evidence/schema';
import { closeOpened, freshLibrary, tempDir } from './helpers';

afterEach(closeOpened);

const CSV = 'id,subject,description,requester\n1,Pricing,The price doubled,Acme\n2,Export,Export is slow,Globex\n';

function setup(answer: (options: OpenDialogOptions) => string[] | null) {
  const fresh = freshLibrary();
  const files = tempDir('empty-chair-picked-');
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const asked: OpenDialogOptions[] = [];
  registerEvidenceDialog(
    { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
    {
      chooseOpenPaths: async (options) => {
        asked.push(options);
        return answer(options);
      },
      uploads: fresh.library.service.evidence.uploads,
      isTrustedSender: (event) => (event as { trusted?: boolean }).trusted === true,
    },
  );
  const pick = (purpose: unknown, trusted = true) =>
    handlers.get(OPEN_EVIDENCE_CHANNEL)!({ trusted }, purpose) as Promise<OpenEvidenceOutcome>;
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(files, name), text);
    return path.join(files, name);
  };
  return { ...fresh, files, asked, pick, write };
}

describe('the native open dialog for evidence', () => {
  it('hands the window an id, name and size (no path); the file previews and imports in place, and stays where it was', async () => {
    let chosen: string[] = [];
    const { pick, write, value, library, asked } = setup(() => chosen);
    chosen = [write('tickets.csv', CSV)];
    const outcome = await pick('evidence');
    expect(outcome).toEqual({ files: [{ uploadId: expect.any(String), fileName: 'tickets.csv', size: CSV.length }] });
    expect(JSON.stringify(outcome)).not.toContain(path.dirname(chosen[0]!));
    expect(asked[0]).toMatchObject({ multiple: true, filters: [{ extensions: expect.arrayContaining(['csv', 'jsonl', 'md']) }] });

    const input = { kind: 'upload', uploadId: outcome.files[0]!.uploadId };
    expect(value<EvidencePreview>('evidence.preview', { input }).rows).toHaveLength(2);
    const started = value<ImportProgress>('evidence.import', { source: { name: 'Desk', kind: 'tickets' }, input });
    await library.service.evidence.settled();
    expect(value<ImportProgress>('evidence.importStatus', { jobId: started.jobId })).toMatchObject({ state: 'done', added: 2 });
    expect(value<EvidenceLibrary>('evidence.library', {}).sources[0]).toMatchObject({ fileName: 'tickets.csv', itemCount: 2 });
    // The picked file is the user's own: read, never removed; its id is used up by the import.
    expect(fs.readFileSync(chosen[0]!, 'utf8')).toBe(CSV);
    expect(() => value('evidence.preview', { input })).toThrow(/There is no upload/);
  });

  it('several Markdown notes at once; several files of which one is not notes are refused, nothing kept', async () => {
    let chosen: string[] = [];
    const { pick, write, value } = setup(() => chosen);
    chosen = [write('call-acme.md', '# Call\n\nThe price is too high.\n'), write('call-globex.txt', 'Export is slow.\n')];
    const notes = await pick('evidence');
    expect(notes.files.map((file) => file.fileName)).toEqual(['call-acme.md', 'call-globex.txt']);
    for (const file of notes.files) value('evidence.uploadCancel', { uploadId: file.uploadId });

    chosen = [...chosen, write('tickets.csv', CSV)];
    expect(await pick('evidence')).toEqual({
      files: [],
      error: 'tickets.csv: only Markdown or text files can be imported several at once.',
    });
    for (const file of chosen) expect(fs.existsSync(file)).toBe(true);
  });

  it('a picked file that cannot be imported (too large, gone) is refused by name, and the others picked with it are dropped', async () => {
    let chosen: string[] = [];
    const { pick, write, value, files } = setup(() => chosen);
    chosen = [write('a.md', 'One.\n'), path.join(files, 'gone.md')];
    const outcome = await pick('evidence');
    expect(outcome.files).toEqual([]);
    expect(outcome.error).toMatch(/^gone\.md: no such file/);
    // a.md was registered first, then dropped: a second pick of it starts afresh and works.
    chosen = [chosen[0]!];
    const again = await pick('evidence');
    expect(again.files).toHaveLength(1);
    expect(value<EvidencePreview>('evidence.preview', { input: { kind: 'upload', uploadId: again.files[0]!.uploadId } }).rows).toHaveLength(
      1,
    );
  });

  it('cancelling picks nothing; the accounts dialog takes one CSV or JSON file', async () => {
    const { pick, asked } = setup(() => null);
    expect(await pick('accounts')).toEqual({ files: [] });
    expect(asked).toEqual([
      { title: 'Import accounts', multiple: false, filters: [{ name: expect.any(String), extensions: ['csv', 'tsv', 'json'] }] },
    ]);
  });

  it('refuses an untrusted sender or an unknown purpose before any dialog opens', async () => {
    const { pick, asked } = setup(() => ['/etc/passwd']);
    expect(await pick('evidence', false)).toMatchObject({ files: [], error: /Only the Empty Chair window/ });
    expect(await pick('/etc/passwd')).toMatchObject({ files: [], error: /evidence or accounts files only/ });
    expect(asked).toEqual([]);
  });
});

describe('the window cannot name a path', () => {
  it('IPC refuses evidence.preview, import and importAccounts by path, with nothing read; the same call by upload works', async () => {
    const { library, value, write } = setup(() => null);
    const file = write('tickets.csv', CSV);
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    registerIpcHandlers(
      { handle: (c, l) => handlers.set(c, l as never), removeHandler: (c) => handlers.delete(c) },
      library.service,
      () => true,
    );
    const invoke = (method: string, input: unknown) => handlers.get(INVOKE_CHANNEL)!({ senderFrame: null }, method, input);
    for (const [method, input] of [
      ['evidence.preview', { input: { kind: 'path', path: file } }],
      ['evidence.import', { source: { name: 'S', kind: 'other' }, input: { kind: 'path', path: file } }],
      ['evidence.importAccounts', { input: { kind: 'path', path: file } }],
    ] as const) {
      expect(invoke(method, input)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/cannot import a file by its path/) },
      });
    }
    expect(value<EvidenceLibrary>('evidence.library', {}).sources).toEqual([]);
    const upload = library.service.evidence.uploads.adopt(file);
    expect(invoke('evidence.preview', { input: { kind: 'upload', uploadId: upload.uploadId } })).toMatchObject({ ok: true });
  });
});

describe('picked files in Uploads', () => {
  const clock = () => {
    let ids = 0;
    return { now: () => new Date('2026-12-01T10:00:00Z'), newId: () => `pick${++ids}` };
  };

  it('at most pickedMax wait at once (the limit is taken, one more refused), apart from sent uploads; they take no chunks', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.md');
    fs.writeFileSync(file, 'Hello.\n');
    const uploads = new Uploads(path.join(dir, 'data'), clock(), { pickedMax: 2, openMax: 1 });
    uploads.adopt(file);
    const second = uploads.adopt(file);
    expect(() => uploads.adopt(file)).toThrow(
      /2 picked files are waiting to be imported already; import or cancel them before choosing notes\.md/,
    );
    expect(uploads.start('sent.csv', 3).uploadId).toBe('pick3'); // sent uploads count apart
    expect(() => uploads.chunk(second.uploadId, 7, 'eA==')).toThrow(/was picked on this computer and is whole/);
    uploads.cancel(second.uploadId);
    expect(uploads.adopt(file).complete).toBe(true);
    uploads.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('Hello.\n');
  });
});
