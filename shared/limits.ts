/** Every text length and count the app accepts, in one place, so the UI, the service and tests agree. */
export const LIMITS = {
  titleMax: 200,
  nameMax: 100,
  segmentMax: 100,
  notesMax: 20_000,
  answerMax: 20_000,
  reasonMax: 2_000,
  decisionTextMax: 2_000,
  needMax: 300,
  quoteMax: 500,
  tagLabelMax: 40,
  agendaItemsMax: 200,
  participantsMax: 100,
  personasPerMeetingMax: 20,
  personasMax: 500,
  needsPerPersonaMax: 20,
  quotesPerPersonaMax: 20,
  customTagsMax: 200,
  decisionsPerItemMax: 200,
  tagsPerDecisionMax: 20,
  followUpsMax: 1_000,
  timeboxMinutesMin: 1,
  timeboxMinutesMax: 480,
  meetingsMax: 10_000,
  seriesMax: 500,
  templatesMax: 100,
  proposalsPerItemMax: 200,
  /** A participant's display name; short enough that "Ana (100)" still fits nameMax. */
  participantNameMax: 60,
  /** A participant's proposed answer; small enough to travel in one 64 KB WebSocket frame. */
  proposalTextMax: 5_000,
  /** Attributed tag entries on one decision: each person may add each of its (at most 20) tags once. */
  tagEntriesPerDecisionMax: 1_000,
  /** Evidence cited on one answer or one decision. */
  citationsPerEntryMax: 20,
  /** A cited quote: the evidence item's whole text (shared/evidence/limits.ts itemTextMax). */
  citationQuoteMax: 5_000,
  /** A cited item's key, customer, source name and account fields. */
  citationFieldMax: 300,
  /**
   * A meeting's whole JSON text (as stored and exported), in characters: room for 200 items with
   * 20,000-character notes and answers, and what bounds every document a request may carry.
   */
  meetingJsonCharsMax: 10_000_000,
  /**
   * Meetings one reports.meetings call returns: 200 round trips for a 10,000-meeting report instead
   * of 10,000, at typical sizes (15 KB each) under 1 MB per answer (docs/performance.md, finding 14).
   */
  reportBatchMax: 50,
} as const;

/** Characters of JSON a document takes: what the limits on documents and requests measure. */
export const jsonChars = (value: unknown): number => JSON.stringify(value).length;

/**
 * At least jsonChars(value), from string lengths alone (JSON writes a character in at most 6), so
 * a check on every save costs a walk over the fields, not a serialisation: 0.05 ms instead of 10
 * for a meeting of 60 items with 19,000-character notes. Only a bound over the limit is measured.
 */
export function jsonCharsBound(value: unknown): number {
  if (typeof value === 'string') return 6 * value.length + 2;
  if (value === null || typeof value !== 'object') return 24; // numbers, booleans, null
  if (Array.isArray(value)) return value.reduce<number>((sum, element) => sum + jsonCharsBound(element) + 1, 2);
  let sum = 2;
  for (const [key, field] of Object.entries(value)) if (field !== undefined) sum += 6 * key.length + 4 + jsonCharsBound(field);
  return sum;
}

/** A string of `length` characters that JSON writes longest (a control character takes 6: \u0001). */
const widest = (length: number) => '\u0001'.repeat(length);
const ID = 'x'.repeat(64);
const INSTANT = '2026-01-01T00:00:00.000+00:00';

/** The longest JSON a valid persona can have: every text at its limit, written as wide as JSON writes it. */
export function largestPersonaJsonChars(): number {
  return jsonChars({
    id: ID,
    name: widest(LIMITS.nameMax),
    segment: widest(LIMITS.segmentMax),
    needs: Array.from({ length: LIMITS.needsPerPersonaMax }, () => widest(LIMITS.needMax)),
    quotes: Array.from({ length: LIMITS.quotesPerPersonaMax }, () => widest(LIMITS.quoteMax)),
    createdAt: INSTANT,
    updatedAt: INSTANT,
  });
}

/**
 * The longest JSON one import may carry: a meeting at its limit with the personas its chair seats
 * and every tag a file may describe. Several meetings imported at once share this budget.
 */
export function importJsonCharsMax(): number {
  const tag = jsonChars({ id: ID, label: widest(LIMITS.tagLabelMax), builtIn: false });
  return (
    LIMITS.meetingJsonCharsMax + LIMITS.personasPerMeetingMax * (largestPersonaJsonChars() + 1) + (LIMITS.customTagsMax + 50) * (tag + 1)
  );
}

/** Room for a request's own keys (method input around the document, request id) beyond the document. */
const REQUEST_MARGIN_BYTES = 64 * 1024;

/**
 * The largest request body any transport must accept, in bytes: the largest import (every other
 * document a request carries, an agenda or a draft, is part of a meeting and smaller), at three
 * UTF-8 bytes per JSON character (the most one UTF-16 unit takes), plus a margin.
 */
export function maxRequestBytes(): number {
  return 3 * importJsonCharsMax() + REQUEST_MARGIN_BYTES;
}
