/** The decision ledger's query and entry shapes, shared by the service's index and the UI. */
import { z } from 'zod';
import { IMPACT_DIRECTIONS, idSchema, isoDateSchema, type ImpactDirection, type Outcome } from './domain';
import type { PredictionStats } from './outcomes';
import { LIMITS } from './limits';

/** At most this many accounts, and this many sources, in one ledger filter. */
export const LEDGER_CITED_FILTER_MAX = 20;

export const ledgerQuerySchema = z.strictObject({
  /**
   * Words, each of which must be found in the decision's text, its agenda item (title, notes, the
   * chair's answer), its meeting's title, the names of the personas it concerns or its tags' labels,
   * in any of its forms ("price" finds "pricing"); the last word may be half typed (3 letters on).
   * `#word` looks at tag labels only. With words, results come most relevant first.
   */
  text: z.string().max(LIMITS.titleMax).optional(),
  tagIds: z.array(idSchema).max(LIMITS.tagsPerDecisionMax).optional(),
  directions: z.array(z.enum(IMPACT_DIRECTIONS)).max(IMPACT_DIRECTIONS.length).optional(),
  personaId: idSchema.optional(),
  owner: z.string().max(LIMITS.nameMax).optional(),
  /** Meeting dates, inclusive, as YYYY-MM-DD. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  meetingIds: z.array(idSchema).max(LIMITS.meetingsMax).optional(),
  /** Meetings of these series only. */
  seriesIds: z.array(idSchema).max(LIMITS.seriesMax).optional(),
  /** Decisions citing evidence of any of these accounts (names compare as `accountKey`: case and spaces aside). */
  accounts: z.array(z.string().trim().min(1).max(LIMITS.citationFieldMax)).max(LEDGER_CITED_FILTER_MAX).optional(),
  /** Decisions citing evidence from any of these sources (the source's id). */
  sourceIds: z.array(idSchema).max(LEDGER_CITED_FILTER_MAX).optional(),
  /** 'pending': has a review date and no outcome yet; 'reviewed': its outcome is recorded. */
  review: z.enum(['any', 'pending', 'reviewed']).default('any'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type LedgerQuery = z.input<typeof ledgerQuerySchema>;

export interface LedgerEntry {
  meetingId: string;
  meetingTitle: string;
  scheduledAt: string;
  itemId: string;
  itemTitle: string;
  decisionId: string;
  text: string;
  owner: string;
  dueDate: string | null;
  direction: ImpactDirection;
  tagIds: string[];
  /** Who the decision concerns: the item's answer's personas, or else the meeting's chair. */
  personaIds: string[];
  seriesId: string | null;
  reviewDate: string | null;
  /** The actual impact, once the chair checked back: predicted (`direction`) against actual. */
  outcome: Outcome | null;
  /** The accounts the decision's citations name (first spelling of each) and the sources they come from. */
  citedAccounts: string[];
  citedSources: LedgerSource[];
}

/** An evidence source decisions cite: its id and the name it was cited under (the newest citation's). */
export interface LedgerSource {
  id: string;
  name: string;
}

/** What the ledger's decisions cite, for the account and source filters: names in alphabetical order. */
export interface LedgerCited {
  accounts: string[];
  sources: LedgerSource[];
}

export interface LedgerResult {
  /** All matches; `entries` is the page asked for, newest meeting first. */
  total: number;
  entries: LedgerEntry[];
  /** False while the index is still being built at start: results may be incomplete. */
  complete: boolean;
  /** Over every match (not only this page): how often the predicted impact held. */
  predictions: PredictionStats;
  /** Over every decision (not only the matches): the accounts and sources cited, for the filters. */
  cited: LedgerCited;
}
