/** A meeting's decisions flattened into ledger rows, and the query's exact filters as one test of a row. */
import type { Citation, Meeting } from '../../../shared/domain';
import type { LedgerEntry, LedgerQuery, LedgerSource } from '../../../shared/ledger';
import { localDay } from '../../../shared/followUps';
import { accountKey, citedAccounts } from '../../../shared/summary/citations';
import { distinctTagIds } from '../../../shared/tags';

export interface Row {
  entry: LedgerEntry;
  /** Lower case, for the owner filter. */
  owner: string;
  /** The meeting's local calendar day, for the from/to filters. */
  day: string;
  /** accountKey of each account the decision cites, and the ids of the sources it cites. */
  accountKeys: string[];
  sourceIds: string[];
  /** The row's number in the ledger's slot table (the text index's scores are arrays over slots). */
  slot: number;
  /** Its place in the ledger's order, newest meeting first: ties in relevance keep that order. */
  rank: number;
}

/**
 * The one empty list every row without tags or citations shares (most rows): at 200,000 decisions,
 * an empty array per field is 25 MB (issue 20). Frozen, so a change to it would throw, not spread.
 */
const NONE: readonly never[] = Object.freeze([]);
const listOf = <T>(list: T[]): T[] => (list.length > 0 ? list : (NONE as never as T[]));

/**
 * Values a few of which recur on every row (tag and persona ids, owners in lower case), held once
 * rather than once per row as each meeting's file gives them: 1 MB per 20,000 decisions. Cleared
 * when it passes a bound, so odd data cannot grow it without end.
 */
const shared = new Map<string, string>();
function once(key: string, make: (key: string) => string = (value) => value): string {
  let value = shared.get(key);
  if (value === undefined) {
    if (shared.size >= 10_000) shared.clear();
    shared.set(key, (value = make(key)));
  }
  return value;
}
const lowerOwner = (owner: string) => once(`owner\u0000${owner}`, () => owner.toLocaleLowerCase());

/** The accounts (keyed by accountKey, named as citedAccounts names them) and sources (newest name) of some citations. */
function citedOf(citations: readonly Citation[]) {
  const accounts = new Map(citedAccounts(citations).accounts.map((account) => [accountKey(account.name), account.name.trim()]));
  const sources = new Map<string, LedgerSource & { at: string }>();
  for (const citation of citations) {
    const seen = sources.get(citation.sourceId);
    if (!seen || citation.at > seen.at)
      sources.set(citation.sourceId, { id: citation.sourceId, name: citation.sourceName, at: citation.at });
  }
  return { accounts, sources };
}

/** One row per decision, in agenda order; `slot` is given by the caller. */
export function meetingRows(meeting: Meeting, slot: () => number): Row[] {
  const rows: Row[] = [];
  const day = localDay(meeting.scheduledAt); // the user's from/to dates are local calendar days
  for (const item of meeting.agenda) {
    const personaIds = listOf((item.answer?.personaIds.length ? item.answer.personaIds : meeting.personaIds).map((id) => once(id)));
    for (const decision of item.decisions) {
      const cited = citedOf(decision.citations);
      const entry: LedgerEntry = {
        meetingId: meeting.id,
        meetingTitle: meeting.title,
        scheduledAt: meeting.scheduledAt,
        itemId: item.id,
        itemTitle: item.title,
        decisionId: decision.id,
        text: decision.text,
        owner: decision.owner,
        dueDate: decision.dueDate,
        direction: decision.direction,
        tagIds: listOf(distinctTagIds(decision.tags).map((id) => once(id))),
        personaIds,
        seriesId: meeting.seriesId,
        reviewDate: decision.reviewDate,
        outcome: decision.outcome,
        citedAccounts: listOf([...cited.accounts.values()]),
        citedSources: listOf([...cited.sources.values()].map(({ id, name }) => ({ id, name }))),
      };
      rows.push({
        entry,
        owner: lowerOwner(decision.owner),
        day,
        accountKeys: listOf([...cited.accounts.keys()]),
        sourceIds: listOf([...cited.sources.keys()]),
        slot: slot(),
        rank: 0,
      });
    }
  }
  return rows;
}

/** The query's exact filters (everything but the words) as one test of a row. */
export function exactFilter(query: LedgerQuery): (row: Row) => boolean {
  const owner = query.owner?.trim().toLocaleLowerCase();
  const tags = query.tagIds?.length ? query.tagIds : null;
  const directions = query.directions?.length ? new Set(query.directions) : null;
  const meetings = query.meetingIds?.length ? new Set(query.meetingIds) : null;
  const series = query.seriesIds?.length ? new Set(query.seriesIds) : null;
  const accounts = query.accounts?.length ? query.accounts.map(accountKey) : null;
  const sources = query.sourceIds?.length ? query.sourceIds : null;
  const review = query.review ?? 'any';
  return ({ entry, owner: rowOwner, day, accountKeys, sourceIds }) => {
    if (directions && !directions.has(entry.direction)) return false;
    if (meetings && !meetings.has(entry.meetingId)) return false;
    if (series && (entry.seriesId === null || !series.has(entry.seriesId))) return false;
    if (review === 'pending' && (entry.reviewDate === null || entry.outcome !== null)) return false;
    if (review === 'reviewed' && entry.outcome === null) return false;
    if (query.from && day < query.from) return false;
    if (query.to && day > query.to) return false;
    if (query.personaId && !entry.personaIds.includes(query.personaId)) return false;
    if (owner && !rowOwner.includes(owner)) return false;
    if (tags && !tags.every((tag) => entry.tagIds.includes(tag))) return false;
    if (accounts && !accounts.some((key) => accountKeys.includes(key))) return false;
    if (sources && !sources.some((id) => sourceIds.includes(id))) return false;
    return true;
  };
}
