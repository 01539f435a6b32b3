import type { MethodParams } from '../../shared/api';
import type { Citation, Meeting as Meeting } from '../../shared/domain';
import type { LedgerCited, LedgerEntry, LedgerResult, LedgerSource } from '../../shared/ledger';
import { localDay } from '../../shared/followUps';
import { isCheckBackFor, predictionStats, type CheckBackMeeting } from '../../shared/outcomes';
import { accountKey } from '../../shared/summary/citations';
import { distinctTagIds } from '../../shared/tags';

interface Indexed {
  entry: LedgerEntry;
  /** Lower-cased decision, item and meeting text, for the word search. */
  haystack: string;
  owner: string;
  day: string;
  /** accountKey of each account the decision cites, and the ids of the sources it cites. */
  accountKeys: string[];
  sourceIds: string[];
}

/** The accounts (keyed by accountKey, first spelling kept) and sources (newest name) of some citations. */
function citedOf(citations: readonly Citation[]): { accounts: Map<string, string>; sources: Map<string, LedgerSource & { at: string }> } {
  const accounts = new Map<string, string>();
  const sources = new Map<string, LedgerSource & { at: string }>();
  for (const citation of citations) {
    const name = citation.account?.name.trim() ?? '';
    const key = accountKey(name);
    if (key && !accounts.has(key)) accounts.set(key, name);
    const seen = sources.get(citation.sourceId);
    if (!seen || citation.at > seen.at)
      sources.set(citation.sourceId, { id: citation.sourceId, name: citation.sourceName, at: citation.at });
  }
  return { accounts, sources };
}

/**
 * Every decision of every meeting, flattened for filtering. Kept per meeting so a save replaces
 * only that meeting's entries; a query is one pass over pre-lowered strings (20,000 decisions in a
 * few milliseconds), which is simpler than inverted indexes and fast enough by a wide margin.
 */
export class LedgerIndex {
  private readonly byMeeting = new Map<string, Indexed[]>();
  private flat: Indexed[] | null = [];
  private cited: LedgerCited | null = null;

  update(meeting: Meeting): void {
    const entries: Indexed[] = [];
    const day = localDay(meeting.scheduledAt); // the user's from/to dates are local calendar days
    for (const item of meeting.agenda) {
      const personaIds = item.answer?.personaIds.length ? item.answer.personaIds : meeting.personaIds;
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
          tagIds: distinctTagIds(decision.tags),
          personaIds,
          seriesId: meeting.seriesId,
          reviewDate: decision.reviewDate,
          outcome: decision.outcome,
          citedAccounts: [...cited.accounts.values()],
          citedSources: [...cited.sources.values()].map(({ id, name }) => ({ id, name })),
        };
        entries.push({
          entry,
          haystack: `${decision.text}\n${item.title}\n${meeting.title}`.toLocaleLowerCase(),
          owner: decision.owner.toLocaleLowerCase(),
          day,
          accountKeys: [...cited.accounts.keys()],
          sourceIds: [...cited.sources.keys()],
        });
      }
    }
    this.byMeeting.set(meeting.id, entries);
    this.changed();
  }

  remove(meetingId: string): void {
    if (this.byMeeting.delete(meetingId)) this.changed();
  }

  clear(): void {
    this.byMeeting.clear();
    this.changed();
  }

  private changed(): void {
    this.flat = null;
    this.cited = null;
  }

  get size(): number {
    return this.all().length;
  }

  /** Newest meeting first; within a meeting, in agenda order. Rebuilt lazily after changes. */
  private all(): Indexed[] {
    if (!this.flat) {
      this.flat = [...this.byMeeting.values()].flat();
      this.flat.sort((a, b) => b.entry.scheduledAt.localeCompare(a.entry.scheduledAt));
    }
    return this.flat;
  }

  /** Every account and source the decisions cite, for the filters. Rebuilt lazily after changes. */
  private citedAll(): LedgerCited {
    if (!this.cited) {
      const accounts = new Map<string, string>();
      const sources = new Map<string, LedgerSource>();
      for (const { entry } of this.all()) {
        entry.citedAccounts.forEach((name) => accounts.has(accountKey(name)) || accounts.set(accountKey(name), name));
        // Newest meeting first: the first name seen for a source is its latest.
        for (const source of entry.citedSources) if (!sources.has(source.id)) sources.set(source.id, source);
      }
      const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
      this.cited = {
        accounts: [...accounts.values()].sort(byName),
        sources: [...sources.values()].sort((a, b) => byName(a.name, b.name) || a.id.localeCompare(b.id)),
      };
    }
    return this.cited;
  }

  search(query: MethodParams<'ledger.search'>, complete: boolean): LedgerResult {
    const words = (query.text ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const owner = query.owner?.trim().toLocaleLowerCase();
    const tags = query.tagIds?.length ? query.tagIds : null;
    const directions = query.directions?.length ? new Set(query.directions) : null;
    const meetings = query.meetingIds?.length ? new Set(query.meetingIds) : null;
    const series = query.seriesIds?.length ? new Set(query.seriesIds) : null;
    const accounts = query.accounts?.length ? query.accounts.map(accountKey) : null;
    const sources = query.sourceIds?.length ? query.sourceIds : null;
    const matches: LedgerEntry[] = [];
    const reviewedMatches: LedgerEntry[] = [];
    let total = 0;
    for (const candidate of this.all()) {
      const { entry } = candidate;
      if (directions && !directions.has(entry.direction)) continue;
      if (meetings && !meetings.has(entry.meetingId)) continue;
      if (series && (entry.seriesId === null || !series.has(entry.seriesId))) continue;
      if (query.review === 'pending' && (entry.reviewDate === null || entry.outcome !== null)) continue;
      if (query.review === 'reviewed' && entry.outcome === null) continue;
      if (query.from && candidate.day < query.from) continue;
      if (query.to && candidate.day > query.to) continue;
      if (query.personaId && !entry.personaIds.includes(query.personaId)) continue;
      if (owner && !candidate.owner.includes(owner)) continue;
      if (tags && !tags.every((tag) => entry.tagIds.includes(tag))) continue;
      if (accounts && !accounts.some((key) => candidate.accountKeys.includes(key))) continue;
      if (sources && !sources.some((id) => candidate.sourceIds.includes(id))) continue;
      if (words.length && !words.every((word) => candidate.haystack.includes(word))) continue;
      if (total >= query.offset && matches.length < query.limit) matches.push(entry);
      if (entry.outcome) reviewedMatches.push(entry);
      total++;
    }
    return { total, entries: matches, complete, predictions: predictionStats(reviewedMatches), cited: this.citedAll() };
  }

  /** The decisions the chair asks about in `meeting`, oldest review date first. */
  checkBacksFor(meeting: CheckBackMeeting): LedgerEntry[] {
    return this.all()
      .filter(({ entry }) => isCheckBackFor(entry, meeting))
      .map(({ entry }) => entry)
      .sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.scheduledAt.localeCompare(b.scheduledAt));
  }
}
