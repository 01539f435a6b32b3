/**
 * Full-fidelity JSON: the meeting exactly as stored, with the personas in its chair and the tags it
 * uses, so another Empty Chair can import it. Parsing validates with the domain's own schemas.
 */
import { z } from 'zod';
import { isoDateTimeSchema, meetingSchema, personaSchema, tagSchema, type Meeting, type Persona, type Tag } from '../domain';
import { ApiError } from '../errors';
import { combineEvidence, meetingEvidence, type EvidenceTotals } from '../summary/evidence';
import type { ImpactSummary, SummaryLibrary } from '../summary/summary';
import { LIMITS } from '../limits';
import { describeIssues } from '../validate';
import { SchemaVersionError, upgradeDocument } from '../migrations';

export const MEETING_EXPORT_FORMAT = 'empty-chair-meeting';
/** Several meetings in one file: what `--all` and date ranges export. */
export const MEETINGS_EXPORT_FORMAT = 'empty-chair-meetings';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The customer evidence the meetings cite, counted for readers of the file (a BI tool, a script):
 * quotes, evidence coverage, and the accounts touched with their ARR per currency (never converted).
 * Derived from the meetings' citations, which the file carries whole; an import ignores it.
 */
const evidenceSummarySchema = z
  .object({
    quotes: z.number(),
    decisionsCiting: z.number(),
    decisions: z.number(),
    accounts: z.array(
      z.object({ name: z.string(), segment: z.string(), arr: z.number().nullable(), currency: z.string(), quotes: z.number() }),
    ),
    revenue: z.array(z.object({ currency: z.string(), arr: z.number() })),
  })
  .optional();
export type EvidenceSummary = NonNullable<z.infer<typeof evidenceSummarySchema>>;

export function evidenceSummary(totals: EvidenceTotals): EvidenceSummary {
  return {
    quotes: totals.citations,
    decisionsCiting: totals.coverage.citing,
    decisions: totals.coverage.decisions,
    accounts: totals.accounts.accounts.map(({ citations, ...account }) => ({ ...account, quotes: citations })),
    revenue: totals.accounts.revenue,
  };
}

const meetingsEvidence = (meetings: readonly Meeting[]) => evidenceSummary(combineEvidence(meetings.map(meetingEvidence)));

export const meetingExportSchema = z.object({
  format: z.literal(MEETING_EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: isoDateTimeSchema,
  meeting: meetingSchema,
  personas: z.array(personaSchema),
  tags: z.array(tagSchema),
  evidence: evidenceSummarySchema,
});
export type MeetingExport = z.infer<typeof meetingExportSchema>;

export const meetingsExportSchema = z.object({
  format: z.literal(MEETINGS_EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: isoDateTimeSchema,
  meetings: z.array(meetingSchema),
  personas: z.array(personaSchema),
  tags: z.array(tagSchema),
  evidence: evidenceSummarySchema,
});
export type MeetingsExport = z.infer<typeof meetingsExportSchema>;

export interface JsonExportOptions {
  /** When the export was made; pass it for reproducible output. */
  exportedAt?: string;
}

/** The personas sitting in the meetings' chairs, in chair order, each once. */
function chairPersonas(meetings: readonly Meeting[], library: SummaryLibrary): Persona[] {
  const byId = new Map(library.personas.map((p) => [p.id, p]));
  const ids = new Set(meetings.flatMap((m) => [...m.personaIds, ...m.agenda.flatMap((item) => item.answer?.personaIds ?? [])]));
  return [...ids].flatMap((id) => byId.get(id) ?? []);
}

/**
 * The tags the meetings' decisions use, in first-use order, so the file describes every tag it
 * uses and imports elsewhere. A tag the library no longer knows is described as the summary shows
 * it: labelled with its id (cut to the label limit).
 */
function usedTags(meetings: readonly Meeting[], library: SummaryLibrary): Tag[] {
  const byId = new Map(library.tags.map((t) => [t.id, t]));
  const ids = new Set(meetings.flatMap((m) => m.agenda.flatMap((item) => item.decisions.flatMap((d) => d.tags.map((t) => t.tagId)))));
  return [...ids].map((id) => byId.get(id) ?? { id, label: id.slice(0, LIMITS.tagLabelMax), builtIn: false });
}

/**
 * The meeting with its keys in schema order, so the same meeting always gives the same bytes,
 * whether it was just edited in memory or read back from disk. A meeting the schema refuses (a
 * damaged or future file) is written as it is: an export must never fail or drop data.
 */
function canonical(meeting: Meeting): Meeting {
  const parsed = meetingSchema.safeParse(meeting);
  return parsed.success ? parsed.data : meeting;
}

export function meetingToJson(
  meeting: Meeting,
  _summary: ImpactSummary | null,
  library: SummaryLibrary,
  options: JsonExportOptions = {},
): string {
  const document: MeetingExport = {
    format: MEETING_EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    meeting: canonical(meeting),
    personas: chairPersonas([meeting], library),
    tags: usedTags([meeting], library),
    evidence: meetingsEvidence([meeting]),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function meetingsToJson(meetings: readonly Meeting[], library: SummaryLibrary, options: JsonExportOptions = {}): string {
  const document: MeetingsExport = {
    format: MEETINGS_EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    meetings: meetings.map(canonical),
    personas: chairPersonas(meetings, library),
    tags: usedTags(meetings, library),
    evidence: meetingsEvidence(meetings),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function invalid(message: string, issues?: { path: string; message: string }[]): ApiError {
  return new ApiError('invalid_input', message, issues);
}

/** Reads the envelope first, so a wrong file or a newer version gets a message that says so. */
function parseEnvelope(text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(`The file is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid('The file is not an Empty Chair export: it holds no JSON object.');
  }
  const envelope = json as Record<string, unknown>;
  if (envelope.format !== MEETING_EXPORT_FORMAT && envelope.format !== MEETINGS_EXPORT_FORMAT) {
    throw invalid(
      `The file is not an Empty Chair export: its "format" is ${JSON.stringify(envelope.format ?? null)?.slice(0, 60)}, not "${MEETING_EXPORT_FORMAT}".`,
    );
  }
  if (typeof envelope.formatVersion === 'number' && envelope.formatVersion > EXPORT_FORMAT_VERSION) {
    throw invalid(
      `The file was exported by a newer Empty Chair (format version ${envelope.formatVersion}; this one reads ${EXPORT_FORMAT_VERSION}). Update Empty Chair to import it.`,
    );
  }
  return upgradeMeetings(envelope);
}

/** Meetings exported by an older Empty Chair are brought up to this schema, as stored files are. */
function upgradeMeetings(envelope: Record<string, unknown>): Record<string, unknown> {
  const upgrade = (meeting: unknown) => {
    try {
      return upgradeDocument('meeting', meeting).document;
    } catch (error) {
      if (error instanceof SchemaVersionError)
        throw invalid(`The file cannot be imported: ${error.message}. Update Empty Chair to import it.`);
      throw error;
    }
  };
  if ('meeting' in envelope) return { ...envelope, meeting: upgrade(envelope.meeting) };
  if (Array.isArray(envelope.meetings)) return { ...envelope, meetings: envelope.meetings.map(upgrade) };
  return envelope;
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error);
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw invalid(`The file is not a valid Empty Chair export: ${first.path} ${first.message}${more}.`, issues);
}

/** Parses a one-meeting export; throws ApiError('invalid_input') naming the first wrong field. */
export function parseMeetingExport(text: string): MeetingExport {
  const envelope = parseEnvelope(text);
  if (envelope.format !== MEETING_EXPORT_FORMAT) {
    throw invalid(`The file holds several meetings ("${MEETINGS_EXPORT_FORMAT}"), not one meeting.`);
  }
  return validate(meetingExportSchema, envelope);
}

/** Parses either kind of export into a list of meetings with the personas and tags they bring. */
export function parseExportFile(text: string): { meetings: Meeting[]; personas: Persona[]; tags: Tag[]; exportedAt: string } {
  const envelope = parseEnvelope(text);
  if (envelope.format === MEETING_EXPORT_FORMAT) {
    const one = validate(meetingExportSchema, envelope);
    return { meetings: [one.meeting], personas: one.personas, tags: one.tags, exportedAt: one.exportedAt };
  }
  const many = validate(meetingsExportSchema, envelope);
  return { meetings: many.meetings, personas: many.personas, tags: many.tags, exportedAt: many.exportedAt };
}
