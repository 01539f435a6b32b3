/**
 * Our own schema migrations (not conf's: its migration feature has known bugs and would run inside
 * its constructor, before we can back anything up). Each step upgrades a raw JSON document by one
 * version; tests/unit/fixtures/schema-v<N>/ holds a library of every version we ever shipped.
 */
import { SCHEMA_VERSION } from './domain';

export type DocumentKind = 'library' | 'meeting';
type Json = Record<string, unknown>;
type Step = (document: Json) => Json;

const records = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/**
 * Schema 1 → 2: series and templates (library), and per meeting a series id, decision review dates,
 * outcomes and votes, proposals on agenda items, and follow-up carry-forward. Everything new starts empty.
 */
const libraryV1toV2: Step = (library) => ({
  ...library,
  meetings: records(library.meetings).map((summary) => ({ ...summary, seriesId: null })),
  series: [],
  templates: [],
});
const meetingV1toV2: Step = (meeting) => ({
  ...meeting,
  seriesId: null,
  agenda: records(meeting.agenda).map((item) => ({
    ...item,
    proposals: [],
    decisions: records(item.decisions).map((decision) => ({ ...decision, reviewDate: null, outcome: null, vote: null })),
  })),
  followUps: records(meeting.followUps).map((followUp) => ({ ...followUp, doneAt: null, carriedFrom: null, carriedTo: null })),
});

/** Schema 2 → 3: customer evidence cited on answers and decisions; nothing was cited before. */
const libraryV2toV3: Step = (library) => library;
const meetingV2toV3: Step = (meeting) => ({
  ...meeting,
  agenda: records(meeting.agenda).map((item) => ({
    ...item,
    citations: [],
    decisions: records(item.decisions).map((decision) => ({ ...decision, citations: [] })),
  })),
});

/** MIGRATIONS[kind][n] upgrades a document from version n + 1 to n + 2. */
export const MIGRATIONS: Record<DocumentKind, Step[]> = {
  library: [libraryV1toV2, libraryV2toV3],
  meeting: [meetingV1toV2, meetingV2toV3],
};

export class SchemaVersionError extends Error {}

/** Brings a parsed document up to SCHEMA_VERSION. Throws SchemaVersionError for versions we cannot read. */
export function upgradeDocument(
  kind: DocumentKind,
  document: unknown,
  steps: Step[] = MIGRATIONS[kind],
): { document: unknown; from: number } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { document, from: SCHEMA_VERSION };
  const from = (document as Json).schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return { document, from: SCHEMA_VERSION };
  if (from > SCHEMA_VERSION) {
    throw new SchemaVersionError(`it was written by a newer Empty Chair (schema ${from}; this version reads up to ${SCHEMA_VERSION})`);
  }
  let current = document as Json;
  for (let version = from; version < SCHEMA_VERSION; version++) {
    const step = steps[version - 1];
    if (!step) throw new SchemaVersionError(`there is no migration from schema ${version}`);
    current = { ...step(current), schemaVersion: version + 1 };
  }
  return { document: current, from };
}
