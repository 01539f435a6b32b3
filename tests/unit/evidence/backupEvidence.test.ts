/**
 * Customer evidence in backups (issue 19 §1, §5): a backup holds the evidence (hard links to files
 * that never change), restoring it restores the evidence, and restoring the 'before-restore' backup
 * undoes that. A backup asked for while an import runs is refused; a scheduled one waits.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../../electron/service/openLibrary';
import type { BackupInfo } from '../../../shared/domain';
import type { EvidenceLibrary, EvidenceSearchResult, ImportProgress } from '../../../shared/evidence/schema';
import { closeNow, closeOpened, errorCodeOf, openTemp, sampleDraft, snapshotFiles, tempDir, valueOf } from '../helpers';
import { importAndWait, writeFile } from './evidenceHelpers';

afterEach(closeOpened);

const texts = (library: OpenLibrary, query: string) =>
  valueOf<EvidenceSearchResult>(library, 'evidence.search', { query, limit: 50 })
    .hits.map((hit) => hit.text)
    .sort();

function importText(library: OpenLibrary, name: string, csv: string) {
  return importAndWait(library, { source: { name, kind: 'tickets' }, input: { kind: 'text', fileName: `${name}.csv`, text: csv } });
}

const DESK = 'id,comment\n1,The invoice doubled this month\n2,Invoice export is broken\n';
const SURVEY = 'id,comment\n1,Onboarding invoice checklist took a week\n';

function bigCsv(dir: string, rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `${i},Ticket ${i} about refunds and renewal dates`);
  return writeFile(dir, 'big.csv', 'id,comment\n' + lines.join('\n') + '\n');
}

describe('backups hold customer evidence', () => {
  it('links the evidence into a backup; restoring puts it back, and undoing the restore brings the later evidence back', async () => {
    const dataDir = tempDir();
    const library = openTemp(dataDir);
    expect(await importText(library, 'Desk', DESK)).toMatchObject({ state: 'done', added: 2 });
    const desk = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
    const backup = valueOf<BackupInfo>(library, 'backups.create', {});

    const inBackup = path.join(dataDir, 'backups', backup.id, 'evidence');
    expect(fs.readdirSync(inBackup).sort()).toEqual(['index.json', desk.sources[0]!.file].sort());
    // The items file is the same file (a hard link), not a copy: a backup of 100,000 items costs nothing.
    const live = fs.statSync(path.join(dataDir, 'evidence', desk.sources[0]!.file));
    expect(fs.statSync(path.join(inBackup, desk.sources[0]!.file)).ino).toBe(live.ino);

    // Later: the desk source is deleted and a survey imported.
    valueOf(library, 'evidence.deleteSource', { id: desk.sources[0]!.id });
    expect(await importText(library, 'Survey', SURVEY)).toMatchObject({ state: 'done' });
    const later = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
    expect(texts(library, 'invoice')).toEqual(['Onboarding invoice checklist took a week']);

    const { undoBackupId } = valueOf<{ undoBackupId: string }>(library, 'backups.restore', { id: backup.id });
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toEqual(desk);
    expect(texts(library, 'invoice')).toEqual(['Invoice export is broken', 'The invoice doubled this month']);

    valueOf(library, 'backups.restore', { id: undoBackupId });
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toEqual(later);
    expect(texts(library, 'invoice')).toEqual(['Onboarding invoice checklist took a week']);
    // The deleted desk source is still there to undo after all that, and so it stays after a restart.
    closeNow(library);
    const reopened = openTemp(dataDir);
    await reopened.service.evidence.settled();
    valueOf(reopened, 'evidence.restoreSource', { id: desk.sources[0]!.id });
    await reopened.service.evidence.settled();
    expect(texts(reopened, 'invoice')).toHaveLength(3);
  });

  it('a library with no evidence backs up an empty evidence index, and restoring it empties the evidence', async () => {
    const dataDir = tempDir();
    const library = openTemp(dataDir);
    const empty = valueOf<BackupInfo>(library, 'backups.create', {});
    expect(fs.readdirSync(path.join(dataDir, 'backups', empty.id, 'evidence'))).toEqual(['index.json']);
    await importText(library, 'Desk', DESK);
    valueOf(library, 'backups.restore', { id: empty.id });
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {}).sources).toEqual([]);
    expect(texts(library, 'invoice')).toEqual([]);
  });

  it('a backup from before backups held evidence leaves the evidence as it is', async () => {
    const dataDir = tempDir();
    const library = openTemp(dataDir);
    await importText(library, 'Desk', DESK);
    const old = valueOf<BackupInfo>(library, 'backups.create', {});
    fs.rmSync(path.join(dataDir, 'backups', old.id, 'evidence'), { recursive: true });
    const before = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
    valueOf(library, 'backups.restore', { id: old.id });
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toEqual(before);
    expect(texts(library, 'invoice')).toHaveLength(2);
  });

  it('a backup whose evidence is damaged or incomplete is refused, naming the file, and nothing changes', async () => {
    const dataDir = tempDir();
    const library = openTemp(dataDir);
    await importText(library, 'Desk', DESK);
    const backup = valueOf<BackupInfo>(library, 'backups.create', {});
    valueOf(library, 'meetings.create', sampleDraft());
    const evidenceDir = path.join(dataDir, 'backups', backup.id, 'evidence');
    const itemsFile = fs.readdirSync(evidenceDir).find((name) => name.endsWith('.jsonl'))!;
    fs.rmSync(path.join(evidenceDir, itemsFile));
    const before = snapshotFiles(dataDir);
    const missing = dispatch(library.service, 'backups.restore', { id: backup.id });
    expect(missing).toMatchObject({ ok: false, error: { code: 'storage_error' } });
    expect(!missing.ok && missing.error.message).toContain(itemsFile);
    fs.writeFileSync(path.join(evidenceDir, 'index.json'), '{"version":1,');
    expect(errorCodeOf(library, 'backups.restore', { id: backup.id })).toBe('storage_error');
    expect(snapshotFiles(dataDir)).toEqual(before);
  });
});

describe('backups while an evidence import runs', () => {
  it('refuses a backup and a restore asked for by hand (conflict, naming the file); both work once it is done', async () => {
    const dir = tempDir();
    const library = openTemp();
    await importText(library, 'Desk', DESK);
    const backup = valueOf<BackupInfo>(library, 'backups.create', {});
    const started = valueOf<ImportProgress>(library, 'evidence.import', {
      source: { name: 'Big', kind: 'tickets' },
      input: { kind: 'path', path: bigCsv(dir, 30_000) },
    });
    const refused = dispatch(library.service, 'backups.create', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain('big.csv');
    expect(errorCodeOf(library, 'backups.restore', { id: backup.id })).toBe('conflict');
    expect(valueOf<BackupInfo[]>(library, 'backups.list', {})).toHaveLength(1);
    await library.service.evidence.settled();
    expect(valueOf<ImportProgress>(library, 'evidence.importStatus', { jobId: started.jobId }).state).toBe('done');
    const after = valueOf<BackupInfo>(library, 'backups.create', {});
    expect(fs.readdirSync(path.join(library.dataDir, 'backups', after.id, 'evidence'))).toHaveLength(3);
  });

  it('a scheduled backup waits until the import is over, then holds its evidence', async () => {
    const dir = tempDir();
    const dataDir = tempDir();
    const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test', backupIntervalMs: 200 });
    try {
      const backups = () => valueOf<BackupInfo[]>(library, 'backups.list', {});
      valueOf(library, 'meetings.create', sampleDraft({ title: 'First' }));
      await until(() => backups().length === 1);
      valueOf<ImportProgress>(library, 'evidence.import', {
        source: { name: 'Big', kind: 'tickets' },
        input: { kind: 'path', path: bigCsv(dir, 60_000) },
      });
      valueOf(library, 'meetings.create', sampleDraft({ title: 'Second' }));
      // While the import runs, no backup is taken (the interval, 200 ms, passes many times over).
      while (library.service.evidence.importRunning()) {
        expect(backups()).toHaveLength(1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await until(() => backups().length === 2);
      const newest = backups()[0]!;
      expect(newest).toMatchObject({ reason: 'scheduled', meetings: 2 });
      const index = JSON.parse(fs.readFileSync(path.join(dataDir, 'backups', newest.id, 'evidence', 'index.json'), 'utf8'));
      expect(index.sources.map((source: { name: string }) => source.name)).toEqual(['Big']);
    } finally {
      library.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
