/**
 * One realistic generated meeting (scripts/bench/generate.ts writes thousands of them). Free of the
 * service's modules, so a browser test can import it: Playwright loads what a spec imports with
 * node's own loader, which knows nothing of the bundler's `?raw` imports the service uses.
 */
import { IMPACT_DIRECTIONS, SCHEMA_VERSION, type Meeting } from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';

const TOPICS = ['Pricing page', 'Onboarding flow', 'Status page', 'Invoice export', 'SSO rollout', 'Mobile sync', 'Support macros'];
const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Goran', 'Hiro'];

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
