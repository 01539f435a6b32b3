/**
 * The evidence methods of the API, spread into the one table in shared/api.ts. Imports run as
 * background jobs: `evidence.import` starts one and answers its progress, `evidence.importStatus`
 * polls it, `evidence.importCancel` stops it; nothing is visible until a job is done.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, requiredText } from '../domain';
import { read, write } from '../methodSpec';
import { EVIDENCE_LIMITS } from './limits';
import {
  columnMappingSchema,
  EVIDENCE_FORMATS,
  EVIDENCE_KINDS,
  type AccountList,
  type EvidenceLibrary,
  type EvidencePreview,
  type EvidenceSearchResult,
  type EvidenceSource,
  type ImportProgress,
  type UploadProgress,
} from './schema';

const fileName = z.string().trim().min(1, 'must not be empty').max(EVIDENCE_LIMITS.fieldMax);

/** Where the words come from: a file on this machine, a file's bytes sent inline, or pasted text. */
export const evidenceInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({
    kind: z.literal('bytes'),
    fileName,
    base64: z
      .string()
      .max(
        Math.ceil(EVIDENCE_LIMITS.inlineBytesMax / 3) * 4,
        `must be a file of at most ${EVIDENCE_LIMITS.inlineBytesMax} bytes (larger files import by path)`,
      )
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  }),
  /** A file sent from the screen in chunks (evidence.uploadStart / uploadChunk), once it is whole. */
  z.strictObject({ kind: z.literal('upload'), uploadId: idSchema }),
  z.strictObject({
    kind: z.literal('text'),
    fileName: fileName.default('pasted text'),
    text: z.string().max(EVIDENCE_LIMITS.inlineBytesMax, `must be at most ${EVIDENCE_LIMITS.inlineBytesMax} characters`),
  }),
]);
export type EvidenceInput = z.output<typeof evidenceInputSchema>;

const newSourceSchema = z.strictObject({ name: requiredText(EVIDENCE_LIMITS.sourceNameMax), kind: z.enum(EVIDENCE_KINDS) });
const searchFilters = {
  limit: z.number().int().min(1).max(EVIDENCE_LIMITS.resultsMax).default(5),
  sourceId: idSchema.optional(),
  /** Segments whose evidence ranks higher (the chair's personas); empty for none. */
  boostSegments: z.array(z.string().max(EVIDENCE_LIMITS.fieldMax)).max(20).default([]),
};

/** What a search keeps: every filter given must hold (source, segment, account, dates, rating). */
export const evidenceFiltersSchema = z
  .strictObject({
    sourceId: idSchema.optional(),
    /** Case-insensitive, the whole segment ("Enterprise"). */
    segment: z.string().trim().min(1).max(EVIDENCE_LIMITS.fieldMax).optional(),
    /** The account's name or id, or the customer's name, case- and space-insensitive. */
    account: z.string().trim().min(1).max(EVIDENCE_LIMITS.fieldMax).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    ratingMin: z.number().finite().optional(),
    ratingMax: z.number().finite().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must be on or before to', path: ['to'] })
  .refine((f) => f.ratingMin === undefined || f.ratingMax === undefined || f.ratingMin <= f.ratingMax, {
    message: 'ratingMin must be at most ratingMax',
    path: ['ratingMax'],
  });
export type EvidenceFilters = z.output<typeof evidenceFiltersSchema>;

const uploadChunkBase64Max = Math.ceil(EVIDENCE_LIMITS.uploadChunkBytesMax / 3) * 4;

export const evidenceMethods = {
  'evidence.library': read(z.strictObject({})).returns<EvidenceLibrary>(),
  /** The first rows of a file as the import would read them, with the suggested (or saved) mapping. */
  'evidence.preview': read(
    z.strictObject({ input: evidenceInputSchema, format: z.enum(EVIDENCE_FORMATS).optional(), sourceId: idSchema.optional() }),
  ).returns<EvidencePreview>(),
  /**
   * Starts importing into a new source or re-importing into `sourceId` (same items add nothing,
   * changed ones are updated). Without a mapping the source's saved one, else the suggested one.
   * All or nothing: the library changes only when the job is done.
   */
  'evidence.import': write(
    z
      .strictObject({
        sourceId: idSchema.optional(),
        source: newSourceSchema.optional(),
        input: evidenceInputSchema,
        format: z.enum(EVIDENCE_FORMATS).optional(),
        mapping: columnMappingSchema.optional(),
        /** Mask email addresses and phone numbers inside the text (on by default). */
        mask: z.boolean().default(true),
      })
      .refine(
        (value) => (value.sourceId === undefined) !== (value.source === undefined),
        'must name either an existing source or a new one',
      ),
  ).returns<ImportProgress>(),
  'evidence.importStatus': read(z.strictObject({ jobId: idSchema })).returns<ImportProgress>(),
  'evidence.importCancel': write(z.strictObject({ jobId: idSchema })).returns<ImportProgress>(),
  'evidence.renameSource': write(
    z.strictObject({ id: idSchema, name: requiredText(EVIDENCE_LIMITS.sourceNameMax) }),
  ).returns<EvidenceSource>(),
  'evidence.deleteSource': write(z.strictObject({ id: idSchema })).returns<{ id: string }>(),
  /** Brings back a deleted source with its items (the last EVIDENCE_LIMITS.deletedSourcesKept deleted are kept). */
  'evidence.restoreSource': write(z.strictObject({ id: idSchema })).returns<EvidenceSource>(),
  /** Replaces the accounts (name, id, domain, segment, ARR or MRR, currency) from a CSV or JSON file. */
  'evidence.importAccounts': write(z.strictObject({ input: evidenceInputSchema })).returns<{ accountCount: number }>(),
  /** The words that mean a tag, used to rank evidence for decisions carrying it. */
  'evidence.setSynonyms': write(
    z.strictObject({
      tagId: idSchema,
      words: z
        .array(requiredText(EVIDENCE_LIMITS.synonymMax))
        .max(EVIDENCE_LIMITS.synonymsPerTagMax, `a tag has at most ${EVIDENCE_LIMITS.synonymsPerTagMax} words`),
    }),
  ).returns<Record<string, string[]>>(),
  /**
   * Words over all evidence, kept to `filters`; with no words but a filter, the items it keeps,
   * newest first. `sourceId` is the older spelling of `filters.sourceId` (both must hold).
   */
  'evidence.search': read(
    z.strictObject({ query: z.string().max(EVIDENCE_LIMITS.queryMax), ...searchFilters, filters: evidenceFiltersSchema.default({}) }),
  ).returns<EvidenceSearchResult>(),
  /** The accounts with how many evidence items each has (most first), and the segments to filter by. */
  'evidence.accounts': read(
    z.strictObject({
      /** Part of a name, id or domain; empty for all. */
      query: z.string().max(EVIDENCE_LIMITS.fieldMax).default(''),
      limit: z.number().int().min(1).max(EVIDENCE_LIMITS.accountsListMax).default(100),
    }),
  ).returns<AccountList>(),
  /** Starts sending a file from the screen in chunks; it is kept in the data folder until imported or cancelled. */
  'evidence.uploadStart': write(
    z.strictObject({
      fileName,
      size: z.number().int().min(0).max(EVIDENCE_LIMITS.fileBytesMax, `must be at most ${EVIDENCE_LIMITS.fileBytesMax} bytes (250 MB)`),
    }),
  ).returns<UploadProgress>(),
  /** The next chunk (at most uploadChunkBytesMax bytes, base64), starting where the upload stands. */
  'evidence.uploadChunk': write(
    z.strictObject({
      uploadId: idSchema,
      offset: z.number().int().min(0).max(EVIDENCE_LIMITS.fileBytesMax),
      base64: z
        .string()
        .max(uploadChunkBase64Max, `must be a chunk of at most ${EVIDENCE_LIMITS.uploadChunkBytesMax} bytes`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    }),
  ).returns<UploadProgress>(),
  /** Stops an upload and removes what was sent of it (also after it was imported: nothing happens then). */
  'evidence.uploadCancel': write(z.strictObject({ uploadId: idSchema })).returns<{ uploadId: string }>(),
  /**
   * Evidence for an agenda item: its title and notes, the answer as typed (`answer`, sent before it
   * is saved), and its decisions' tags with their words; the chair's personas' segments boost unless
   * `boostPersonas` is off.
   */
  'evidence.forItem': read(
    z.strictObject({
      meetingId: idSchema,
      itemId: idSchema,
      answer: z.string().max(EVIDENCE_LIMITS.queryMax).optional(),
      boostPersonas: z.boolean().default(true),
      limit: searchFilters.limit,
    }),
  ).returns<EvidenceSearchResult>(),
};
