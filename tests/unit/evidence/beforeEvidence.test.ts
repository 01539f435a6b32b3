/**
 * Libraries from before customer evidence existed (issue 19 §5): the frozen schema 1 and 2
 * libraries (tests/unit/fixtures/schema-v<N>, no evidence/ folder) open with nothing lost and no
 * evidence, the chair says there is none, and evidence can then be imported, backed up and
 * restored. An evidence index written before deleted sources were kept opens too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { BackupInfo, Meeting } from '../../../shared/domain';
import type { EvidenceLibrary, EvidenceSearchResult } from '../../../shared/evidence/schema';
import { closeNow, closeOpened, openTemp, tempDir, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';

afterEach(closeOpened);

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

it.each([1, 2])('a schema v%i library (no evidence folder) opens with its meetings whole and no evidence', async (version) => {
  const source = path.join(FIXTURES, `schema-v${version}`);
  const expected = JSON.parse(fs.readFileSync(path.join(source, 'expected.json'), 'utf8')) as { titles: string[]; decisions: number };
  const dir = tempDir();
  fs.cpSync(source, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'expected.json'));
  expect(fs.existsSync(path.join(dir, 'evidence'))).toBe(false);

  let library = openTemp(dir);
  await library.service.evidence.settled();
  expect(library.service.notices).toEqual([]);
  expect(library.service.evidence.notices).toEqual([]);
  expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toEqual({
    sources: [],
    itemCount: 0,
    accountCount: 0,
    synonyms: {},
    deleted: [],
  });
  const summaries = library.service.library().meetings;
  expect(summaries.map((m) => m.title)).toEqual(expected.titles);
  const meeting = valueOf<Meeting>(library, 'meetings.get', { id: summaries[0]!.id });
  const forItem = valueOf<EvidenceSearchResult>(library, 'evidence.forItem', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id });
  expect(forItem).toMatchObject({ state: 'empty', hits: [], total: 0 });
  // Opening wrote no evidence folder: nothing is made up for a library that had none.
  expect(fs.existsSync(path.join(dir, 'evidence'))).toBe(false);

  // The old library takes evidence like a new one, and its backups hold it.
  const done = await importAndWait(library, {
    source: { name: 'Desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'desk.csv', text: 'id,comment\n1,The invoice is wrong\n' },
  });
  expect(done.state).toBe('done');
  const backup = valueOf<BackupInfo>(library, 'backups.create', {});
  expect(backup.meetings).toBe(expected.titles.length);
  closeNow(library);
  library = openTemp(dir);
  await library.service.evidence.settled();
  const decisions = library.service
    .library()
    .meetings.map((m) => valueOf<Meeting>(library, 'meetings.get', { id: m.id }))
    .flatMap((m) => m.agenda.flatMap((i) => i.decisions));
  expect(decisions).toHaveLength(expected.decisions);
  expect(valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'invoice' }).total).toBe(1);
});

it('an evidence index written before deleted sources were kept (no "deleted") opens, and deletion then works', async () => {
  const dir = tempDir();
  let library = openTemp(dir);
  const done = await importAndWait(library, {
    source: { name: 'Desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'desk.csv', text: 'id,comment\n1,The invoice is wrong\n' },
  });
  closeNow(library);
  const indexFile = path.join(dir, 'evidence', 'index.json');
  const { deleted, ...older } = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Record<string, unknown>;
  expect(deleted).toEqual([]);
  fs.writeFileSync(indexFile, JSON.stringify(older));
  library = openTemp(dir);
  await library.service.evidence.settled();
  expect(library.service.evidence.notices).toEqual([]);
  expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toMatchObject({ itemCount: 1, deleted: [] });
  valueOf(library, 'evidence.deleteSource', { id: done.sourceId });
  valueOf(library, 'evidence.restoreSource', { id: done.sourceId });
  await library.service.evidence.settled();
  expect(valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'invoice' }).total).toBe(1);
});
