/** The query's exact filters (everything but the words) as one test of a row (a slot of ledger/rows.ts). */
import { IMPACT_DIRECTIONS } from '../../../shared/domain';
import type { LedgerQuery } from '../../../shared/ledger';
import { accountKey } from '../../../shared/summary/citations';
import { memo } from './pool';
import type { RowStore } from './rows';

export function exactFilter(query: LedgerQuery, rows: RowStore): ((slot: number) => boolean) | null {
  const tests: ((slot: number) => boolean)[] = [];
  const c = rows.columns;
  if (query.directions?.length) {
    const wanted = new Uint8Array(IMPACT_DIRECTIONS.length);
    for (const direction of query.directions) wanted[IMPACT_DIRECTIONS.indexOf(direction)] = 1;
    tests.push((slot) => wanted[rows.direction[slot]!] === 1);
  }
  const meetingTest = meetingFilter(query);
  if (meetingTest) {
    const ofRecord = memo(rows.records.length, (no) => meetingTest(rows.records[no]!));
    tests.push((slot) => ofRecord(c.meeting[slot]!));
  }
  const review = query.review ?? 'any';
  if (review === 'pending') tests.push((slot) => c.reviewDate[slot]! >= 0 && !rows.outcomes.has(slot));
  if (review === 'reviewed') tests.push((slot) => rows.outcomes.has(slot));
  const personaId = query.personaId;
  if (personaId) {
    const holds = memo(rows.personaLists.size, (id) => rows.personaLists.values[id]!.includes(personaId));
    tests.push((slot) => holds(c.personas[slot]!));
  }
  const owner = query.owner?.trim().toLocaleLowerCase();
  if (owner) {
    const holds = memo(rows.owners.size, (id) => rows.owners.values[id]![1].includes(owner));
    tests.push((slot) => holds(c.owner[slot]!));
  }
  const tags = query.tagIds?.length ? query.tagIds : null;
  if (tags) {
    const holds = memo(rows.tagLists.size, (id) => tags.every((tag) => rows.tagLists.values[id]!.includes(tag)));
    tests.push((slot) => holds(c.tags[slot]!));
  }
  const accounts = query.accounts?.length ? query.accounts.map(accountKey) : null;
  const sources = query.sourceIds?.length ? query.sourceIds : null;
  if (accounts || sources) {
    const holds = memo(rows.cited.size, (id) => {
      const cited = rows.cited.values[id]!;
      if (accounts && !accounts.some((key) => cited.keys.includes(key))) return false;
      return !sources || sources.some((sourceId) => cited.sources.some((source) => source.id === sourceId));
    });
    tests.push((slot) => holds(c.cited[slot]!));
  }
  if (tests.length === 0) return null; // every row: the search then need not ask for each
  return (slot) => {
    for (const test of tests) if (!test(slot)) return false;
    return true;
  };
}

/** The filters a meeting decides for all its rows (meetings, series, dates), or null when there are none. */
function meetingFilter(query: LedgerQuery): ((record: { id: string; seriesId: string | null; day: string }) => boolean) | null {
  const meetings = query.meetingIds?.length ? new Set(query.meetingIds) : null;
  const series = query.seriesIds?.length ? new Set(query.seriesIds) : null;
  const { from, to } = query;
  if (!meetings && !series && !from && !to) return null;
  return (record) => {
    if (meetings && !meetings.has(record.id)) return false;
    if (series && (record.seriesId === null || !series.has(record.seriesId))) return false;
    if (from && record.day < from) return false;
    if (to && record.day > to) return false;
    return true;
  };
}
