import type { MeetingDraft, PersonaDraft } from '../../shared/api';

/** The first-run sample: one persona in the chair and a short meeting that shows the idea. */
export const SAMPLE_PERSONA: PersonaDraft = {
  name: 'Priya Natarajan',
  segment: 'Operations manager, 20-person logistics firm',
  needs: ['Invoices she can predict', 'Set-up done in an afternoon', 'A human when something breaks'],
  quotes: [
    'I just need it to work on Monday morning.',
    'Every surprise on the invoice costs me a week of trust.',
    'If my team needs training, we will not switch.',
  ],
};

export function sampleMeetingDraft(now: Date, personaId: string): MeetingDraft {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  return {
    title: 'Sample: Q3 pricing and onboarding review',
    scheduledAt: start.toISOString(),
    lead: 'You',
    participants: ['Sam (product)', 'Alex (support)', 'Jo (engineering)'],
    personaIds: [personaId],
    agenda: [
      {
        title: 'Move the Pro plan from per-seat to usage pricing',
        owner: 'Sam (product)',
        timeboxMinutes: 15,
        notes:
          'Press "Start meeting". The chair on the right asks how this affects Priya: answer it, then log a decision with "Log decision" (or D).',
      },
      {
        title: 'Shorten the onboarding checklist from 12 steps to 5',
        owner: 'Alex (support)',
        timeboxMinutes: 10,
        notes:
          'Try moving on with N before answering: the chair asks you to answer, mark "No customer impact" with a reason, or skip on purpose.',
      },
      {
        title: 'Retire the legacy CSV importer',
        owner: 'Jo (engineering)',
        timeboxMinutes: 10,
        notes:
          'Answer with the direction "unknown" and a follow-up "Find out from customers" appears. End the meeting to see the coverage.',
      },
    ],
  };
}
