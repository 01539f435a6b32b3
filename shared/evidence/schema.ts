/**
 * Customer evidence: sources (one imported file or paste each), their items (the customer's words),
 * and accounts (who the customers are and what revenue they carry). Stored apart from meetings.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from '../domain';
import { EVIDENCE_LIMITS } from './limits';

export const EVIDENCE_KINDS = ['tickets', 'survey', 'reviews', 'interviews', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_FORMATS = ['csv', 'json', 'jsonl', 'notes', 'paste'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

const column = z.string().max(EVIDENCE_LIMITS.fieldMax);

/** Which columns (or JSON keys) hold what. `text` may join several columns (subject + description). */
export const columnMappingSchema = z.strictObject({
  text: z.array(column).min(1, 'must name at least one text column').max(10),
  customer: column.nullable().default(null),
  account: column.nullable().default(null),
  email: column.nullable().default(null),
  segment: column.nullable().default(null),
  date: column.nullable().default(null),
  rating: column.nullable().default(null),
  externalId: column.nullable().default(null),
  link: column.nullable().default(null),
});
export type ColumnMapping = z.output<typeof columnMappingSchema>;
export const MAPPING_FIELDS = ['customer', 'account', 'email', 'segment', 'date', 'rating', 'externalId', 'link'] as const;

export const evidenceSourceSchema = z.object({
  id: idSchema,
  name: requiredText(EVIDENCE_LIMITS.sourceNameMax),
  kind: z.enum(EVIDENCE_KINDS),
  format: z.enum(EVIDENCE_FORMATS),
  mapping: columnMappingSchema.nullable(),
  fileName: optionalText(EVIDENCE_LIMITS.fieldMax),
  itemCount: z.number().int().min(0),
  importedAt: isoDateTimeSchema,
  /** The items file of this generation; a new import writes a new one and the index switches to it last. */
  file: z.string().regex(/^[A-Za-z0-9_.-]+\.jsonl$/),
});
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

/** A deleted source, kept (with its items file) so the deletion can be undone; the newest few only. */
export const deletedSourceSchema = evidenceSourceSchema.extend({ deletedAt: isoDateTimeSchema });
export type DeletedEvidenceSource = z.infer<typeof deletedSourceSchema>;

export const evidenceItemSchema = z.object({
  /** Stable across re-imports: the external id if any, else a hash of text + customer + date. */
  key: z.string().min(1).max(EVIDENCE_LIMITS.fieldMax),
  /** A hash of everything shown, to tell "changed" from "unchanged" on re-import. */
  hash: z.string(),
  text: z.string().min(1).max(EVIDENCE_LIMITS.itemTextMax),
  customer: z.string().max(EVIDENCE_LIMITS.customerMax),
  account: z.string().max(EVIDENCE_LIMITS.fieldMax),
  emailDomain: z.string().max(EVIDENCE_LIMITS.fieldMax),
  segment: z.string().max(EVIDENCE_LIMITS.fieldMax),
  date: isoDateSchema.nullable(),
  rating: z.number().finite().nullable(),
  link: z.string().max(EVIDENCE_LIMITS.fieldMax),
  /** Where it came from, for errors and the preview: "line 12" or "notes.md §3". */
  origin: z.string().max(EVIDENCE_LIMITS.fieldMax),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const accountSchema = z.object({
  id: z.string().max(EVIDENCE_LIMITS.fieldMax),
  name: z.string().max(EVIDENCE_LIMITS.customerMax),
  domain: z.string().max(EVIDENCE_LIMITS.fieldMax),
  segment: z.string().max(EVIDENCE_LIMITS.fieldMax),
  /** Annual revenue (MRR × 12 when the file gives MRR), in `currency`. */
  arr: z.number().finite().min(0).nullable(),
  currency: z.string().max(8),
});
export type Account = z.infer<typeof accountSchema>;

export const evidenceIndexSchema = z.object({
  version: z.literal(1),
  sources: z.array(evidenceSourceSchema).max(EVIDENCE_LIMITS.sourcesMax),
  accountsFile: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\.json$/)
    .nullable(),
  accountCount: z.number().int().min(0),
  /** Per tag id, the words that mean it (pricing: price, cost, invoice), used for ranking. */
  synonyms: z.record(z.string(), z.array(z.string().max(EVIDENCE_LIMITS.synonymMax)).max(EVIDENCE_LIMITS.synonymsPerTagMax)),
  /** Deleted sources that can still be restored, newest first (an index written before undo existed has none). */
  deleted: z.array(deletedSourceSchema).max(EVIDENCE_LIMITS.deletedSourcesKept).default([]),
});
export type EvidenceIndex = z.infer<typeof evidenceIndexSchema>;

export const EMPTY_EVIDENCE_INDEX: EvidenceIndex = {
  version: 1,
  sources: [],
  accountsFile: null,
  accountCount: 0,
  synonyms: {},
  deleted: [],
};

/** Why a row was left out; the import reports a count for each. */
export const SKIP_REASONS = ['empty_text', 'ragged_row', 'not_an_object', 'bad_json', 'duplicate_in_file'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface ImportProgress {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  fileName: string;
  rowsRead: number;
  rowsKept: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** A few skipped rows by line or row number, so the user can look. */
  skippedExamples: { where: string; reason: SkipReason }[];
  /** Texts longer than the item limit that were cut (the count, never silently). */
  textsCut: number;
  added: number;
  updated: number;
  unchanged: number;
  bytesRead: number;
  bytesTotal: number;
  sourceId: string | null;
  error: { code: string; message: string } | null;
}

export interface EvidencePreview {
  format: EvidenceFormat;
  encoding: string;
  delimiter: string | null;
  headers: string[];
  rows: Record<string, string>[];
  suggested: ColumnMapping | null;
  /** The guessed kind of export (help-desk tickets, survey, app-store reviews), if recognised. */
  recognised: EvidenceKind | null;
}

export interface EvidenceLibrary {
  sources: EvidenceSource[];
  itemCount: number;
  accountCount: number;
  synonyms: Record<string, string[]>;
  /** Deleted sources that `evidence.restoreSource` can bring back, newest first. */
  deleted: DeletedEvidenceSource[];
}

export interface EvidenceHit {
  sourceId: string;
  key: string;
  text: string;
  /** Ranges [start, end) of `text` that matched the query, to mark as text (never as HTML). */
  marks: [number, number][];
  customer: string;
  accountName: string;
  segment: string;
  date: string | null;
  rating: number | null;
  sourceName: string;
  score: number;
}

export interface EvidenceScale {
  items: number;
  accounts: number;
  windowDays: number;
  /** Revenue of the accounts that mention it, summed per currency. */
  revenue: { currency: string; arr: number }[];
}

export interface EvidenceSearchResult {
  state: 'empty' | 'indexing' | 'ready';
  hits: EvidenceHit[];
  total: number;
  scale: EvidenceScale;
  query: string;
}

/** A file being sent from the screen in chunks. */
export interface UploadProgress {
  uploadId: string;
  fileName: string;
  size: number;
  received: number;
  /** Every byte is in: the upload can be previewed and imported as `{ kind: 'upload', uploadId }`. */
  complete: boolean;
}

/** One account as the Evidence screen lists it. */
export interface AccountSummary {
  id: string;
  name: string;
  domain: string;
  segment: string;
  arr: number | null;
  currency: string;
  /** Evidence items joined to this account (by id, name or e-mail domain). */
  evidenceCount: number;
}

export interface AccountList {
  accounts: AccountSummary[];
  /** Accounts matching the query (may be more than listed). */
  total: number;
  /** Every segment of the evidence and the accounts, sorted, for the search's segment filter. */
  segments: string[];
}
