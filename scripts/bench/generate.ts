import Conf from 'conf';
import { randomUUID } from 'node:crypto';
import { IMPACT_DIRECTIONS, SCHEMA_VERSION, type Meeting, type Persona } from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';

const TOPICS = ['Pricing page', 'Onboarding flow', 'Status page', 'Invoice export', 'SSO rollout', 'Mobile sync', 'Support macros'];
const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Goran', 'Hiro'];

export interface GenerateOptions {
  meetings: number;
  itemsPerMeeting?: number;
  decisionsPerMeeting?: number;
}

/**
 * A realistic ended meeting, built whole: agenda items with notes and answers, decisions spread over
 * the items with tags and directions, a persona in the chair. Deterministic for a given index.
 */
export function buildMeeting(i: number, personaId: string, items = 6, decisions = 20): Meeting {
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
            text: `It changes what ${PEOPLE[k % PEOPLE.length]} sees on the invoice.`,
            direction: IMPACT_DIRECTIONS[(i + k) % 5]!,
            severity: k % 4,
            personaIds: [personaId],
            by: 'Ana',
            at,
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
        .map((tag) => ({ tagId: tag.id, by: 'Ben', at })),
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

/** Fills a data folder through the real service (meetings.import: validated, one write each). */
export function generateLibrary(dataDir: string, options: GenerateOptions): Meeting[] {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator', backupIntervalMs: null });
  try {
    const persona = dispatch(library.service, 'personas.create', {
      name: 'Priya, SMB admin',
      segment: 'Small business',
      needs: ['Predictable invoices', 'Set up in an afternoon'],
      quotes: ['I just want it to work on Monday morning.'],
    });
    if (!persona.ok) throw new Error(persona.error.message);
    const personaId = (persona.value as Persona).id;
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
