/**
 * The ledger in columns (issue 20, electron/service/ledgerIndex.ts and ledger/*): a meeting saved
 * again appends its rows and leaves the old ones dead until the store is compacted; what a search
 * finds must always be what a ledger built afresh from the same meetings finds, in the same order,
 * whatever was edited, moved, deleted, cited or reviewed before and after a compaction.
 */
import { describe, expect, it } from 'vitest';
import type { Citation, Meeting } from '../../shared/domain';
import type { LedgerQuery } from '../../shared/ledger';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { LedgerIndex, type LedgerNames } from '../../electron/service/ledgerIndex';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const NAMES: LedgerNames = { personas: [{ id: 'p-hiro', name: 'Hiro' }], tags: BUILT_IN_TAGS };

const QUERIES: LedgerQuery[] = [
  {},
  { text: 'pricing' },
  { text: 'ship onboarding chan' },
  { text: 'zeppelin' },
  { text: 'airship' },
  { text: 'decision 7', directions: ['helps'] },
  { owner: 'ana' },
  { tagIds: [BUILT_IN_TAGS[0]!.id] },
  { review: 'pending' },
  { review: 'reviewed' },
  { accounts: ['acme corp'] },
  { sourceIds: ['source-2'] },
  { text: 'hiro' },
  { from: '2025-03-01', to: '2025-06-30' },
  { text: 'context', offset: 40, limit: 30 },
];

const citation = (n: number): Citation => ({
  by: 'Ana',
  at: `2026-01-0${1 + (n % 5)}T09:00:00.000Z`,
  sourceId: `source-${n % 3}`,
  key: `row-${n}`,
  quote: 'It costs too much',
  customer: '',
  sourceName: `Survey ${n % 3}`,
  date: null,
  account: { name: n % 2 ? 'ACME Corp' : 'Globex', segment: '', arr: 1000 * n, currency: 'EUR' },
});

/** Meetings of the benchmark's generator with a few citations, review dates and outcomes added. */
function meetings(count: number): Meeting[] {
  const made = generateLibrary(tempDir(), { meetings: count });
  made.forEach((meeting, m) =>
    meeting.agenda.forEach((item) =>
      item.decisions.forEach((decision, d) => {
        if ((m + d) % 7 === 0) decision.citations = [citation(m + d)];
        if ((m + d) % 5 === 0) decision.reviewDate = '2025-12-01';
        if ((m + d) % 10 === 0)
          decision.outcome = { by: 'Ana', at: '2026-01-01T00:00:00.000Z', direction: 'mixed', note: '', meetingId: null };
      }),
    ),
  );
  return made;
}

/** Everything a search answers, for every query: the oracle is a ledger built afresh. */
const answers = (ledger: LedgerIndex) =>
  QUERIES.map((query) => ledger.search({ offset: 0, limit: 500, review: 'any', ...query }, true, NAMES));

function fresh(current: Map<string, Meeting>): LedgerIndex {
  const ledger = new LedgerIndex();
  for (const meeting of current.values()) ledger.update(meeting);
  return ledger;
}

describe('the ledger in columns', () => {
  it('finds what a fresh build finds after edits, moves, deletions and a compaction', () => {
    const all = meetings(40);
    const current = new Map(all.map((meeting) => [meeting.id, meeting]));
    const ledger = fresh(current);
    const before = answers(ledger);
    expect(before).toEqual(answers(fresh(current)));
    // The queries find something (cited accounts and sources, reviews, words, names), so agreement means something.
    expect(before.filter((answer) => answer.total > 0).length).toBeGreaterThanOrEqual(QUERIES.length - 4); // not zeppelin, airship, hiro (yet)
    expect(before[0]!.cited.accounts).toEqual(['ACME Corp', 'Globex']);

    const save = (meeting: Meeting) => {
      const copy = structuredClone(meeting);
      copy.revision++;
      current.set(copy.id, copy);
      ledger.update(copy);
      return copy;
    };
    // Edited: its old words are gone, its new ones found.
    const edited = structuredClone(all[3]!);
    edited.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
    save(edited);
    // Moved to another item (the item's words now come with it); deleted; a meeting removed.
    const moved = structuredClone(all[5]!);
    moved.agenda[2]!.decisions.push(moved.agenda[0]!.decisions.shift()!);
    save(moved);
    const deleted = structuredClone(all[8]!);
    deleted.agenda[1]!.decisions.splice(0, 2);
    save(deleted);
    ledger.remove(all[9]!.id);
    current.delete(all[9]!.id);
    expect(answers(ledger)).toEqual(answers(fresh(current)));
    expect(ledger.search({ offset: 0, limit: 5, review: 'any', text: 'zeppelin' }, true).entries.map((e) => e.decisionId)).toEqual([
      edited.agenda[0]!.decisions[0]!.id,
    ]);

    // Saving one meeting again and again leaves dead rows until they outnumber the live ones.
    const live = ledger.size;
    let again = current.get(all[0]!.id)!;
    let compacted = false;
    for (let i = 0; i < 400 && !compacted; i++) {
      again = save(again);
      compacted = ledger.rows.dead === 0;
    }
    expect(compacted).toBe(true);
    expect(ledger.rows.size).toBe(live); // only the live rows are left
    expect(ledger.size).toBe(live);

    // After the compaction: the same answers, and later changes still land in the right rows.
    expect(answers(ledger)).toEqual(answers(fresh(current)));
    const later = structuredClone(current.get(edited.id)!);
    later.agenda[0]!.decisions[0]!.text = 'Retire the airship programme';
    later.agenda[1]!.decisions.push(later.agenda[0]!.decisions.pop()!);
    save(later);
    expect(answers(ledger)).toEqual(answers(fresh(current)));
    const found = ledger.search({ offset: 0, limit: 5, review: 'any', text: 'airship' }, true).entries;
    expect(found.map((entry) => [entry.decisionId, entry.itemId])).toEqual([[later.agenda[0]!.decisions[0]!.id, later.agenda[0]!.id]]);
  });

  it('bounds the answers it keeps by bytes, and answers the same when they were dropped', () => {
    const current = new Map(meetings(30).map((meeting) => [meeting.id, meeting]));
    const ledger = fresh(current);
    const first = answers(ledger);
    // 200 different words in a row: far more than the cache keeps; each answered, none kept past the bound.
    for (let i = 0; i < 200; i++) ledger.search({ offset: 0, limit: 1, review: 'any', text: `meeting ${i}` }, true);
    const cache = ledger as unknown as { cacheBytes: number; wordCache: Map<string, unknown> };
    expect(cache.cacheBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(cache.wordCache.size).toBeLessThanOrEqual(64);
    expect(answers(ledger)).toEqual(first);
  });
});
