import Conf from 'conf';
import type { MeetingDraft } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';

const TOPICS = ['Pricing page', 'Onboarding flow', 'Status page', 'Invoice export', 'SSO rollout', 'Mobile sync', 'Support macros'];
const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Goran', 'Hiro'];

/** A realistic meeting: 6 agenda items with notes, a lead, participants, a persona in the chair. */
export function meetingDraft(i: number, personaId: string): MeetingDraft {
  const day = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000 * 0.7);
  return {
    title: `${TOPICS[i % TOPICS.length]} review #${i + 1}`,
    scheduledAt: day.toISOString(),
    lead: PEOPLE[i % PEOPLE.length]!,
    participants: PEOPLE.filter((_, p) => (p + i) % 3 !== 0),
    personaIds: [personaId],
    agenda: Array.from({ length: 6 }, (_, k) => ({
      title: `${TOPICS[(i + k) % TOPICS.length]}: decision ${k + 1}`,
      owner: PEOPLE[(i + k) % PEOPLE.length]!,
      timeboxMinutes: 5 + (k % 4) * 5,
      notes: `Context for item ${k + 1}. `.repeat(12),
    })),
  };
}

/** Fills a data folder through the real service, as the app would. Returns the meetings made. */
export function generateLibrary(dataDir: string, meetings: number): Meeting[] {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator' });
  try {
    const persona = dispatch(library.service, 'personas.create', {
      name: 'Priya, SMB admin',
      segment: 'Small business',
      needs: ['Predictable invoices', 'Set up in an afternoon'],
      quotes: ['I just want it to work on Monday morning.'],
    });
    if (!persona.ok) throw new Error(persona.error.message);
    const made: Meeting[] = [];
    for (let i = 0; i < meetings; i++) {
      const result = dispatch(library.service, 'meetings.create', meetingDraft(i, (persona.value as { id: string }).id));
      if (!result.ok) throw new Error(result.error.message);
      made.push(result.value as Meeting);
    }
    return made;
  } finally {
    library.close();
  }
}
