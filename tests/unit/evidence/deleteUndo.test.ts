/**
 * Deleting an evidence source can be undone (issue 19 §1): the last 10 deleted sources are kept in
 * the evidence index with their items files, `evidence.library` lists them, and
 * `evidence.restoreSource` brings one back whole, also after a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withSourceRestored } from '../../../electron/service/evidence/deletedSources';
import { ApiError } from '../../../shared/errors';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import {
  EMPTY_EVIDENCE_INDEX,
  type EvidenceLibrary,
  type EvidenceSearchResult,
  type EvidenceSource,
} from '../../../shared/evidence/schema';
import { closeNow, closeOpened, errorCodeOf, openTemp, snapshotFiles, tempDir, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';

afterEach(closeOpened);

type Library = ReturnType<typeof openTemp>;
const evidence = (library: Library) => valueOf<EvidenceLibrary>(library, 'evidence.library', {});
const total = (library: Library, query: string) => valueOf<EvidenceSearchResult>(library, 'evidence.search', { query, limit: 50 }).total;

async function addSource(library: Library, name: string, text: string): Promise<EvidenceSource> {
  const done = await importAndWait(library, {
    source: { name, kind: 'tickets' },
    input: { kind: 'text', fileName: `${name}.csv`, text: `id,comment\n1,${text}\n2,${text} again\n` },
  });
  expect(done.state).toBe('done');
  return evidence(library).sources.find((source) => source.id === done.sourceId)!;
}

describe('undoing the deletion of an evidence source', () => {
  it('lists the deleted source and brings it back with its items, searchable again, after a restart too', async () => {
    const dataDir = tempDir();
    let library = openTemp(dataDir);
    const desk = await addSource(library, 'Desk', 'The refund took a month');
    await library.service.evidence.settled();
    expect(total(library, 'refund')).toBe(2);

    valueOf(library, 'evidence.deleteSource', { id: desk.id });
    await library.service.evidence.settled();
    expect(total(library, 'refund')).toBe(0);
    expect(evidence(library)).toMatchObject({ sources: [], itemCount: 0, deleted: [{ ...desk, deletedAt: expect.any(String) }] });
    expect(fs.existsSync(path.join(dataDir, 'evidence', desk.file))).toBe(true);

    closeNow(library); // the deleted source survives a restart (it is in the evidence index)
    library = openTemp(dataDir);
    await library.service.evidence.settled();
    expect(evidence(library).deleted.map((source) => source.id)).toEqual([desk.id]);
    expect(valueOf<EvidenceSource>(library, 'evidence.restoreSource', { id: desk.id })).toEqual(desk);
    await library.service.evidence.settled();
    expect(evidence(library)).toMatchObject({ sources: [desk], itemCount: 2, deleted: [] });
    expect(total(library, 'refund')).toBe(2);
    // Restored once, it is no longer among the deleted: a second undo is refused and changes nothing.
    const before = snapshotFiles(dataDir);
    expect(errorCodeOf(library, 'evidence.restoreSource', { id: desk.id })).toBe('not_found');
    expect(snapshotFiles(dataDir)).toEqual(before);
  });

  it(`keeps the last ${EVIDENCE_LIMITS.deletedSourcesKept} deleted sources, newest first; the oldest beyond them goes for good, file and all`, async () => {
    const dataDir = tempDir();
    const library = openTemp(dataDir);
    const sources: EvidenceSource[] = [];
    for (let n = 0; n <= EVIDENCE_LIMITS.deletedSourcesKept; n++) sources.push(await addSource(library, `S${n}`, `Words number ${n}`));
    for (const source of sources) valueOf(library, 'evidence.deleteSource', { id: source.id });
    const deleted = evidence(library).deleted;
    expect(deleted.map((source) => source.name)).toEqual(
      sources
        .slice(1)
        .reverse()
        .map((source) => source.name),
    );
    expect(fs.existsSync(path.join(dataDir, 'evidence', sources[0]!.file))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'evidence', sources[1]!.file))).toBe(true);
    expect(errorCodeOf(library, 'evidence.restoreSource', { id: sources[0]!.id })).toBe('not_found');
    expect(valueOf<EvidenceSource>(library, 'evidence.restoreSource', { id: sources[1]!.id }).name).toBe('S1');
  });

  it('a source that is not deleted cannot be restored (not_found)', async () => {
    const library = openTemp();
    const live = await addSource(library, 'Desk', 'Slow export');
    expect(errorCodeOf(library, 'evidence.restoreSource', { id: live.id })).toBe('not_found');
    expect(errorCodeOf(library, 'evidence.restoreSource', { id: 'nothing-here' })).toBe('not_found');
    expect(errorCodeOf(library, 'evidence.restoreSource', { id: '' })).toBe('invalid_input');
  });
});

describe('restoring a deleted source respects the library limits (at the limit and one past it)', () => {
  const source = (id: string, itemCount: number): EvidenceSource => ({
    id,
    name: id,
    kind: 'tickets',
    format: 'csv',
    mapping: null,
    fileName: '',
    itemCount,
    importedAt: '2026-11-20T09:00:00.000Z',
    file: `${id}.abc.jsonl`,
  });
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof ApiError ? error.code : String(error);
    }
    return 'ok';
  };
  it('sources', () => {
    const sources = Array.from({ length: EVIDENCE_LIMITS.sourcesMax - 1 }, (_, i) => source(`s${i}`, 1));
    const index = { ...EMPTY_EVIDENCE_INDEX, sources, deleted: [{ ...source('gone', 1), deletedAt: '2026-11-21T09:00:00.000Z' }] };
    expect(refusal(() => withSourceRestored(index, 'gone'))).toBe('ok');
    expect(refusal(() => withSourceRestored({ ...index, sources: [...sources, source('one-more', 1)] }, 'gone'))).toBe('limit_exceeded');
  });
  it('items', () => {
    const room = 5;
    const index = {
      ...EMPTY_EVIDENCE_INDEX,
      sources: [source('big', EVIDENCE_LIMITS.itemsMax - room)],
      deleted: [{ ...source('gone', room), deletedAt: '2026-11-21T09:00:00.000Z' }],
    };
    expect(refusal(() => withSourceRestored(index, 'gone'))).toBe('ok');
    expect(refusal(() => withSourceRestored({ ...index, deleted: [{ ...index.deleted[0]!, itemCount: room + 1 }] }, 'gone'))).toBe(
      'limit_exceeded',
    );
  });
});

it('a re-import started at once after a restart, while the items still load, merges with them (nothing lost)', async () => {
  const dataDir = tempDir();
  let library = openTemp(dataDir);
  const rows = Array.from({ length: 12_000 }, (_, i) => `${i},Ticket ${i} about refunds`).join('\n');
  const first = await importAndWait(library, {
    source: { name: 'Desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'a.csv', text: `id,comment\n${rows}\n` },
  });
  expect(first).toMatchObject({ state: 'done', added: 12_000 });
  closeNow(library);
  library = openTemp(dataDir);
  // No turn of the event loop since opening: the start's load has not even begun.
  const again = await importAndWait(library, {
    sourceId: first.sourceId,
    input: { kind: 'text', fileName: 'b.csv', text: 'id,comment\n0,Ticket 0 about refunds\nnew,A new one\n' },
  });
  expect(again).toMatchObject({ state: 'done', added: 1, unchanged: 1 });
  expect(evidence(library).itemCount).toBe(12_001);
});

it('a source deleted while the start still reads it stays deleted: its items are not searchable or citable', async () => {
  const dataDir = tempDir();
  let library = openTemp(dataDir);
  const rows = Array.from({ length: 12_000 }, (_, i) => `${i},Ticket ${i} about refunds`).join('\n');
  const first = await importAndWait(library, {
    source: { name: 'Desk', kind: 'tickets' },
    input: { kind: 'text', fileName: 'a.csv', text: `id,comment\n${rows}\n` },
  });
  expect(first.state).toBe('done');
  closeNow(library);
  library = openTemp(dataDir);
  // The user's Delete arrives while the start's load is reading that source's file (the real read goes on).
  const store = (library.service.evidence as unknown as { store: { readItemsInSteps: (file: string) => Promise<unknown> } }).store;
  const read = store.readItemsInSteps.bind(store);
  let deletedDuringRead = false;
  store.readItemsInSteps = (file) => {
    const reading = read(file);
    valueOf(library, 'evidence.deleteSource', { id: first.sourceId });
    deletedDuringRead = true;
    return reading;
  };
  await library.service.evidence.settled();
  expect(deletedDuringRead).toBe(true);
  expect(total(library, 'refunds')).toBe(0);
  expect(evidence(library)).toMatchObject({ sources: [], itemCount: 0 });
  expect(library.service.evidence.citable(first.sourceId!, 'id:1')).toBeNull();
});

it('one unreadable source does not stop the others from loading at start, and is named in a notice', async () => {
  const dataDir = tempDir();
  let library = openTemp(dataDir);
  const lost = await addSource(library, 'Lost', 'The refund took a month');
  await addSource(library, 'Kept', 'The export button is hidden');
  closeNow(library);
  fs.rmSync(path.join(dataDir, 'evidence', lost.file));
  library = openTemp(dataDir);
  await library.service.evidence.settled();
  expect(total(library, 'export')).toBe(2);
  expect(library.service.evidence.notices.some((notice) => notice.includes('"Lost" could not be loaded'))).toBe(true);
});

it('the unreadable source is told in the storage status the banner shows, and in the service notices printed at start', async () => {
  const dataDir = tempDir();
  let library = openTemp(dataDir);
  const lost = await addSource(library, 'Lost', 'The refund took a month');
  closeNow(library);
  fs.rmSync(path.join(dataDir, 'evidence', lost.file));
  library = openTemp(dataDir);
  await library.service.evidence.settled();
  const status = valueOf<{ notices: string[] }>(library, 'storage.status', {});
  expect(status.notices.filter((notice) => notice.includes('"Lost" could not be loaded'))).toHaveLength(1);
  expect(library.service.notices.some((notice) => notice.includes('"Lost" could not be loaded'))).toBe(true);
});
