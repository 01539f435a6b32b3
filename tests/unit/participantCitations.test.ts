/**
 * Participants see the customer evidence cited on the current item (issue 19 §3), read-only, and
 * nothing else of the evidence library: not the uncited items, not the accounts' revenue, not the
 * ids that point into the library. Built from a real library with a real imported source.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { EvidenceSearchResult } from '../../shared/evidence/schema';
import { buildParticipantView } from '../../shared/participantView';
import { closeOpened, openTemp, sampleDraft, tempDir, valueOf } from './helpers';
import { importAndWait, writeFile } from './evidence/evidenceHelpers';

afterEach(closeOpened);

const TICKETS =
  'id,comment,requester,account,created_at\n' +
  '1,Pricing is too expensive for our team,Zoë,A-1,2026-11-20\n' +
  '2,Pricing secret that was never cited,Hans,A-1,2026-11-21\n';

describe('the participant view carries cited evidence, never the library', () => {
  it('the current item: citations on the answer and on a decision, as quote, customer, source and date only', async () => {
    const dir = tempDir();
    const library = openTemp();
    valueOf(library, 'evidence.importAccounts', {
      input: { kind: 'path', path: writeFile(dir, 'accounts.csv', 'id,name,arr,currency\nA-1,Acme Corp,987654,USD\n') },
    });
    const { sourceId } = await importAndWait(library, {
      source: { name: 'Help desk', kind: 'tickets' },
      input: { kind: 'path', path: writeFile(dir, 't.csv', TICKETS) },
    });
    await library.service.evidence.settled();
    const hits = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'pricing', limit: 10 }).hits;
    const cited = hits.find((hit) => hit.text.includes('too expensive'))!;
    let meeting = valueOf<Meeting>(library, 'meetings.create', sampleDraft());
    const itemId = meeting.agenda[0]!.id;
    valueOf(library, 'meetings.start', { id: meeting.id });
    meeting = valueOf<Meeting>(library, 'decisions.add', { meetingId: meeting.id, itemId, decision: { text: 'Cheaper plan' } });
    const decisionId = meeting.agenda[0]!.decisions[0]!.id;
    valueOf(library, 'citations.add', { meetingId: meeting.id, itemId, sourceId, key: cited.key });
    meeting = valueOf<Meeting>(library, 'citations.add', { meetingId: meeting.id, itemId, decisionId, sourceId, key: cited.key });

    const view = buildParticipantView(meeting, { participantId: 'p1', name: 'Ben' }, library.service.library());
    const expected = [{ quote: 'Pricing is too expensive for our team', customer: 'Zoë', sourceName: 'Help desk', date: '2026-11-20' }];
    expect(view.item!.citations).toEqual(expected);
    expect(view.item!.decisions[0]!.citations).toEqual(expected);
    const text = JSON.stringify(view);
    expect(text).not.toContain('never cited');
    expect(text).not.toContain('987654');
    expect(text).not.toContain(sourceId);
    expect(text).not.toContain(cited.key);

    // Another item is current: its citations (none) are what participants see.
    meeting = valueOf<Meeting>(library, 'meetings.next', { id: meeting.id, skip: true });
    const next = buildParticipantView(meeting, { participantId: 'p1', name: 'Ben' }, library.service.library());
    expect(next.item!.citations).toEqual([]);
    expect(JSON.stringify(next)).not.toContain('too expensive');
  });
});
