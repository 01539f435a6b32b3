/**
 * Citing customer evidence from the chair (issue 19 §3), against the real service: Cite opens a
 * short list of targets (the answer, each decision), the call carries only which evidence to cite
 * (never the quote), the decision shows the citation with the accounts line, Un-cite takes it back,
 * Escape closes the list, and a refused cite says why.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { EvidenceSearchResult } from '../../shared/evidence/schema';
import { importTickets, renderApp, serviceValue, startCheckoutMeeting, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const TICKETS =
  'subject,description,requester,account,created_at\nGuest checkout,Forcing an account at checkout lost us the order,Zoë,A1,2026-11-20\n';

async function openMeetingWithEvidence() {
  window.history.replaceState(null, '', '/#/');
  harness = renderApp();
  const { library } = harness;
  serviceValue(library, 'evidence.importAccounts', {
    input: { kind: 'text', fileName: 'accounts.csv', text: 'id,name,arr,currency\nA1,Acme,300000,USD\nB2,Beta,1000,EUR\n' },
  });
  const started = await importTickets(library, 'Help desk', 'tickets.csv', TICKETS);
  await library.service.evidence.settled();
  const meeting = startCheckoutMeeting(library);
  serviceValue(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Offer guest checkout' },
  });
  window.location.hash = `#/meetings/${meeting.id}`;
  const chair = await screen.findByRole('complementary', { name: 'Empty chair' });
  const evidence = within(chair).getByRole('region', { name: 'What customers said' });
  // The quote's matched words are marked, so its text spans several elements.
  await waitFor(() => expect(evidence.querySelector('.evidence-quote blockquote')?.textContent).toMatch(/lost us the order/), {
    timeout: 3000,
  });
  return { library, meeting, chair, evidence, sourceId: started.sourceId! };
}

describe('citing evidence from the chair', () => {
  it('cites on a decision with only which evidence it is; the decision shows it with the accounts line; Un-cite takes it back', async () => {
    const { evidence, meeting } = await openMeetingWithEvidence();
    const user = userEvent.setup();
    const toggle = within(evidence).getByRole('button', { name: 'Cite…' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await user.click(within(evidence).getByRole('button', { name: 'On “Offer guest checkout”' }));

    const sent = harness!.calls.find((call) => call.method === 'citations.add')!.input as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['decisionId', 'itemId', 'key', 'meetingId', 'sourceId']);
    const unciteChair = await within(evidence).findByRole('button', { name: 'Un-cite from “Offer guest checkout”' });
    await waitFor(() => expect(document.activeElement).toBe(unciteChair));

    const row = document.querySelector<HTMLElement>('main [data-decision-id]')!;
    const list = await within(row).findByRole('list', { name: 'Customer evidence cited on this decision' });
    expect(list.textContent).toContain('Guest checkout\n\nForcing an account at checkout lost us the order');
    expect(list.textContent).toContain('Zoë, Acme');
    expect(list.textContent).toContain('Help desk');
    expect(list.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20');
    expect(row.querySelector('.decision-accounts')?.textContent).toBe('Touches 1 account (Acme) — $300,000 ARR');

    await user.click(within(list).getByRole('button', { name: 'Un-cite' }));
    await waitFor(() => expect(row.querySelector('.decision-citations')).toBeNull());
    expect(harness!.calls.filter((call) => call.method === 'citations.remove')).toHaveLength(1);
    expect(serviceValue<Meeting>(harness!.library, 'meetings.get', { id: meeting.id }).agenda[0]!.decisions[0]!.citations).toEqual([]);
  });

  it('cites on the answer: it shows under the answer; Escape closes the list and returns to Cite…', async () => {
    const { evidence, chair } = await openMeetingWithEvidence();
    const user = userEvent.setup();
    const toggle = within(evidence).getByRole('button', { name: 'Cite…' });
    await user.click(toggle);
    const onAnswer = within(evidence).getByRole('button', { name: 'On the answer' });
    onAnswer.focus();
    await user.keyboard('{Escape}');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);

    await user.keyboard('{Enter}');
    await user.tab();
    expect(document.activeElement).toBe(within(evidence).getByRole('button', { name: 'On the answer' }));
    await user.keyboard('{Enter}');
    const cited = await within(chair).findByRole('list', { name: 'Customer evidence cited on the answer' });
    expect(cited.textContent).toContain('Forcing an account at checkout lost us the order');
    expect(within(evidence).getByText('Cited on the answer')).toBeTruthy();
  });

  it('a refused cite says why (the source was deleted meanwhile) and nothing is cited', async () => {
    const { evidence, library, sourceId, meeting } = await openMeetingWithEvidence();
    const user = userEvent.setup();
    serviceValue(library, 'evidence.deleteSource', { id: sourceId });
    await user.click(within(evidence).getByRole('button', { name: 'Cite…' }));
    await user.click(within(evidence).getByRole('button', { name: 'On the answer' }));
    expect((await within(evidence).findByRole('alert')).textContent).toMatch(/^Could not cite: There is no customer evidence item/);
    expect(serviceValue<Meeting>(library, 'meetings.get', { id: meeting.id }).agenda[0]!.citations).toEqual([]);
  });

  it('Un-cite offers an Undo that puts the very same copy back, on the answer and on a decision, after its source was deleted', async () => {
    const { library, meeting, chair, sourceId } = await openMeetingWithEvidence();
    const user = userEvent.setup();
    const key = serviceValue<EvidenceSearchResult>(library, 'evidence.search', { query: 'checkout' }).hits[0]!.key;
    const item = meeting.agenda[0]!;
    const decisionId = serviceValue<Meeting>(library, 'meetings.get', { id: meeting.id }).agenda[0]!.decisions[0]!.id;
    serviceValue(library, 'citations.add', { meetingId: meeting.id, itemId: item.id, sourceId, key });
    const cited = serviceValue<Meeting>(library, 'citations.add', { meetingId: meeting.id, itemId: item.id, decisionId, sourceId, key });
    serviceValue(library, 'evidence.deleteSource', { id: sourceId });
    const current = () => serviceValue<Meeting>(library, 'meetings.get', { id: meeting.id }).agenda[0]!;

    const answerList = await within(chair).findByRole('list', { name: 'Customer evidence cited on the answer' });
    await waitFor(() => expect(answerList.textContent).toContain('(source removed)'));
    await user.click(within(answerList).getByRole('button', { name: 'Un-cite' }));
    await waitFor(() => expect(current().citations).toEqual([]));
    const toast = await screen.findByRole('status');
    expect(toast.textContent).toMatch(/^Un-cited “Guest checkout/);
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(current().citations).toEqual(cited.agenda[0]!.citations));
    expect(await within(chair).findByRole('list', { name: 'Customer evidence cited on the answer' })).toBeTruthy();

    const row = document.querySelector<HTMLElement>('main [data-decision-id]')!;
    const decisionList = within(row).getByRole('list', { name: 'Customer evidence cited on this decision' });
    await user.click(within(decisionList).getByRole('button', { name: 'Un-cite' }));
    await waitFor(() => expect(current().decisions[0]!.citations).toEqual([]));
    await user.click(within(await screen.findByRole('status')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(current().decisions[0]!.citations).toEqual(cited.agenda[0]!.decisions[0]!.citations));
    expect(harness!.calls.filter((call) => call.method === 'citations.restore')).toHaveLength(2);
  });
});
