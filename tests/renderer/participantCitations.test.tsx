/**
 * The participant's screen shows the customer evidence the lead cited on the current item (on the
 * answer and on a decision) as read-only quotes: text, customer, source and date; no controls.
 */
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { EvidenceSearchResult, ImportProgress } from '../../shared/evidence/schema';
import { buildParticipantView } from '../../shared/participantView';
import { LiveView } from '../../renderer/src/features/participant/LiveView';
import type { ParticipantSession } from '../../renderer/src/features/participant/participantSession';
import { openTestLibrary, serviceValue } from './harness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('participant view: cited evidence', () => {
  it('shows the quotes cited on the answer and on a decision, read-only', async () => {
    const library = openTestLibrary(cleanups);
    const { jobId, sourceId } = serviceValue<ImportProgress>(library, 'evidence.import', {
      source: { name: 'Help desk', kind: 'tickets' },
      input: { kind: 'text', fileName: 't.csv', text: 'comment,requester,created_at\nCheckout lost us the order,Zoë,2026-11-20\n' },
    });
    await library.service.evidence.settled();
    expect(serviceValue<ImportProgress>(library, 'evidence.importStatus', { jobId }).state).toBe('done');
    const key = serviceValue<EvidenceSearchResult>(library, 'evidence.search', { query: 'checkout' }).hits[0]!.key;
    let meeting = serviceValue<Meeting>(library, 'meetings.create', {
      title: 'Checkout review',
      scheduledAt: '2026-11-24T09:30:00Z',
      agenda: [{ title: 'Guest checkout' }],
    });
    const itemId = meeting.agenda[0]!.id;
    serviceValue(library, 'meetings.start', { id: meeting.id });
    meeting = serviceValue<Meeting>(library, 'decisions.add', {
      meetingId: meeting.id,
      itemId,
      decision: { text: 'Offer guest checkout' },
    });
    const decisionId = meeting.agenda[0]!.decisions[0]!.id;
    serviceValue(library, 'citations.add', { meetingId: meeting.id, itemId, sourceId, key });
    meeting = serviceValue<Meeting>(library, 'citations.add', { meetingId: meeting.id, itemId, decisionId, sourceId, key });

    const view = buildParticipantView(meeting, { participantId: 'p1', name: 'Ben' }, library.service.library());
    render(<LiveView session={{} as ParticipantSession} view={view} pending={[]} refused={[]} />);
    const onAnswer = screen.getByRole('list', { name: 'Customer evidence cited on the answer' });
    expect(onAnswer.textContent).toContain('Checkout lost us the order');
    expect(onAnswer.textContent).toContain('Zoë · Help desk');
    expect(onAnswer.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20');
    expect(within(onAnswer).queryAllByRole('button')).toEqual([]);
    const onDecision = screen.getByRole('list', { name: 'Customer evidence cited' });
    expect(onDecision.textContent).toContain('Checkout lost us the order');
    expect(within(onDecision).queryAllByRole('button')).toEqual([]);
  });
});
