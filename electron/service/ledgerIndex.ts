import type { MethodParams } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { LedgerEntry, LedgerResult } from '../../shared/ledger';
import { localDay } from '../../shared/followUps';
import { isCheckBackFor, predictionStats, type CheckBackMeeting } from '../../shared/outcomes';
import { distinctTagIds } from '../../shared/tags';

interface Indexed {
  entry: LedgerEntry;
  /** Lower-cased decision, item and meeting text, for the word search. */
  haystack: string;
  owner: string;
  day: string;
}

/**
 * Every decision of every meeting, flattened for filtering. Kept per meeting so a save replaces
 * only that meeting's entries; a query is one pass over pre-lowered strings (20,000 decisions in a
 * few milliseconds), which is simpler than inverted indexes and fast enough by a wide margin.
 */
export class LedgerIndex {
  private readonly byMeeting = new Map<string, Indexed[]>();
  private flat: Indexed[] | null = [];

  update(meeting: Meeting): void {
    const entries: Indexed[] = [];
    const day = localDay(meeting.scheduledAt); // the user's from/to dates are local calendar days
    for (const item of meeting.agenda) {
      const personaIds = item.answer?.personaIds.length ? item.answer.personaIds : meeting.personaIds;
      for (const decision of item.decisions) {
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
        };
        entries.push({
          entry,
          haystack: `${decision.text}\n${item.title}\n${meeting.title}`.toLocaleLowerCase(),
          owner: decision.owner.toLocaleLowerCase(),
          day,
        });
      }
    }
    this.byMeeting.set(meeting.id, entries);
    this.flat = null;
  }

  remove(meetingId: string): void {
    if (this.byMeeting.delete(meetingId)) this.flat = null;
  }

  clear(): void {
    this.byMeeting.clear();
    this.flat = null;
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

  search(query: MethodParams<'ledger.search'>, complete: boolean): LedgerResult {
    const words = (query.text ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const owner = query.owner?.trim().toLocaleLowerCase();
    const tags = query.tagIds?.length ? query.tagIds : null;
    const directions = query.directions?.length ? new Set(query.directions) : null;
    const meetings = query.meetingIds?.length ? new Set(query.meetingIds) : null;
    const series = query.seriesIds?.length ? new Set(query.seriesIds) : null;
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
      if (words.length && !words.every((word) => candidate.haystack.includes(word))) continue;
      if (total >= query.offset && matches.length < query.limit) matches.push(entry);
      if (entry.outcome) reviewedMatches.push(entry);
      total++;
    }
    return { total, entries: matches, complete, predictions: predictionStats(reviewedMatches) };
  }

  /** The decisions the chair asks about in `meeting`, oldest review date first. */
  checkBacksFor(meeting: CheckBackMeeting): LedgerEntry[] {
    return this.all()
      .filter(({ entry }) => isCheckBackFor(entry, meeting))
      .map(({ entry }) => entry)
      .sort((a, b) => a.reviewDate!.localeCompare(b.reviewDate!) || a.scheduledAt.localeCompare(b.scheduledAt));
  }
}
