import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import {
  IMPACT_DIRECTIONS,
  SCHEMA_VERSION,
  compareMeetingsNewestFirst,
  summarizeMeeting,
  type LibraryIndex,
  type Meeting,
  type Persona,
} from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';

const TOPICS = ['Pricing page', 'Onboarding flow', 'Status page', 'Invoice export', 'SSO rollout', 'Mobile sync', 'Support macros'];
const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Goran', 'Hiro'];

export interface GenerateOptions {
  meetings: number;
  itemsPerMeeting?: number;
  decisionsPerMeeting?: number;
  /** Return the meetings written (default); false for big libraries, so they are not all held in memory. */
  keep?: boolean;
}

/**
 * A realistic ended meeting, built whole: agenda items with notes and answers, decisions spread over
 * the items with tags and directions, a persona in the chair. Deterministic for a given index.
 */
export function buildMeeting(i: number, personaId: string, items = 6, decisions = 20): Meeting {
  let serial = 0;
  // Deterministic ids (a UUID's shape, from the meeting's index and a counter), so the direct writer
  // and the service can be given the very same meeting (tests/unit/benchGenerate.test.ts).
  const randomUUID = () => `${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${(serial++).toString(16).padStart(12, '0')}`;
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_480_000).toISOString();
  const agenda = Array.from({ length: items }, (_, k) => ({
    id: randomUUID(),
    title: `${TOPICS[(i + k) % TOPICS.length]}: decision ${k + 1}`,
    owner: PEOPLE[(i + k) % PEOPLE.length]!,
    timeboxMinutes: 5 + (k % 4) * 5,
    notes: `Context for item ${k + 1}. `.repeat(12),
    answer:
      k % 3 === 2
        ? null
        : {
            // In the schema's key order, as the service writes it (tests/unit/benchGenerate.test.ts).
            by: 'Ana',
            at,
            text: `It changes what ${PEOPLE[k % PEOPLE.length]} sees on the invoice.`,
            direction: IMPACT_DIRECTIONS[(i + k) % 5]!,
            severity: k % 4,
            personaIds: [personaId],
          },
    noImpactReason: k % 3 === 2 ? 'Internal only' : null,
    skipped: false,
    startedAt: at,
    decisions: [] as Meeting['agenda'][number]['decisions'],
    proposals: [],
    citations: [],
  }));
  for (let d = 0; d < decisions; d++) {
    agenda[d % items]!.decisions.push({
      id: randomUUID(),
      text: `Decision ${d + 1} of meeting ${i + 1}: ship the ${TOPICS[(i + d) % TOPICS.length]!.toLowerCase()} change`,
      owner: PEOPLE[(i + d) % PEOPLE.length]!,
      dueDate: null,
      tags: [BUILT_IN_TAGS[(i + d) % BUILT_IN_TAGS.length]!, BUILT_IN_TAGS[(i + 2 * d + 1) % BUILT_IN_TAGS.length]!]
        .filter((tag, n, all) => all.findIndex((t) => t.id === tag.id) === n)
        .map((tag) => ({ by: 'Ben', at, tagId: tag.id })),
      direction: IMPACT_DIRECTIONS[(i * 7 + d) % 5]!,
      directionSetBy: { by: 'Ana', at },
      reviewDate: null,
      outcome: null,
      vote: null,
      citations: [],
      createdAt: at,
      updatedAt: at,
    });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    id: randomUUID(),
    title: `${TOPICS[i % TOPICS.length]} review #${i + 1}`,
    scheduledAt: at,
    lead: PEOPLE[i % PEOPLE.length]!,
    participants: PEOPLE.filter((_, p) => (p + i) % 3 !== 0),
    personaIds: [personaId],
    seriesId: null,
    status: 'ended',
    currentItemId: agenda.at(-1)!.id,
    startedAt: at,
    endedAt: at,
    agenda,
    followUps: [],
    createdAt: at,
    updatedAt: at,
    revision: 1,
  };
}

/** The persona every generated meeting has in its chair, created through the service. */
function createPersona(dataDir: string): void {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator', backupIntervalMs: null });
  try {
    const persona = dispatch(library.service, 'personas.create', {
      name: 'Priya, SMB admin',
      segment: 'Small business',
      needs: ['Predictable invoices', 'Set up in an afternoon'],
      quotes: ['I just want it to work on Monday morning.'],
    });
    if (!persona.ok) throw new Error(persona.error.message);
  } finally {
    library.close();
  }
}

/** Fills a data folder through the real service (meetings.import: validated, one write each). */
export function generateThroughService(dataDir: string, options: GenerateOptions): Meeting[] {
  createPersona(dataDir);
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator', backupIntervalMs: null });
  try {
    const listed = dispatch(library.service, 'library.get', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const personaId = (listed.value as { personas: Persona[] }).personas[0]!.id;
    const made: Meeting[] = [];
    for (let i = 0; i < options.meetings; i++) {
      const result = dispatch(library.service, 'meetings.import', {
        meeting: buildMeeting(i, personaId, options.itemsPerMeeting, options.decisionsPerMeeting),
      });
      if (!result.ok) throw new Error(result.error.message);
      made.push(result.value as Meeting);
    }
    return made;
  } finally {
    library.close();
  }
}

/**
 * Fills a data folder as the app would have: the persona through the service, then every meeting
 * file and the index written directly, in the bytes the app writes (compact JSON, the index's
 * summaries newest first). 10,000 meetings through the service take minutes (each import rewrites
 * the index); this takes seconds. tests/unit/benchGenerate.test.ts checks the files are the same.
 */
export function generateLibrary(dataDir: string, options: GenerateOptions): Meeting[] {
  createPersona(dataDir);
  const indexPath = path.join(dataDir, 'library.json');
  const index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as LibraryIndex;
  const personaId = index.personas[0]!.id;
  const meetingsDir = path.join(dataDir, 'meetings');
  fs.mkdirSync(meetingsDir, { recursive: true });
  const made: Meeting[] = [];
  for (let i = 0; i < options.meetings; i++) {
    const meeting = buildMeeting(i, personaId, options.itemsPerMeeting, options.decisionsPerMeeting);
    fs.writeFileSync(path.join(meetingsDir, `${meeting.id}.json`), JSON.stringify(meeting));
    index.meetings.push(summarizeMeeting(meeting));
    if (options.keep !== false) made.push(meeting);
  }
  index.meetings.sort(compareMeetingsNewestFirst);
  fs.writeFileSync(indexPath, JSON.stringify(index));
  return made;
}

/** Generated libraries of this run, by size: each is made once and copied for every group that wants one. */
const made = new Map<string, string>();

/**
 * A copy of a generated library of `options.meetings` meetings in `dataDir`: generated once per run
 * (into `cacheDir`) and copied after, so the groups of one run share the cost and each still gets a
 * folder of its own to change.
 */
export function cachedLibrary(cacheDir: string, dataDir: string, options: GenerateOptions): void {
  const key = `${options.meetings}-${options.itemsPerMeeting ?? 6}-${options.decisionsPerMeeting ?? 20}`;
  let source = made.get(key);
  if (!source) {
    source = path.join(cacheDir, `library-${key}`);
    generateLibrary(source, { ...options, keep: false });
    made.set(key, source);
  }
  fs.cpSync(source, dataDir, { recursive: true, filter: (from) => !from.endsWith('.lock') });
}
