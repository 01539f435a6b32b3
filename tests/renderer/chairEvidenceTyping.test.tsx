/**
 * The chair's evidence follows the answer as it is typed (issue 19 §2: refreshed within 300 ms of a
 * pause), against the real service: from the box itself, not from the saved answer, which comes
 * back only after the autosave's delay, the save and its echo; and a change made elsewhere, shown
 * in the box, re-ranks too.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { importTickets, renderApp, serviceValue, startCheckoutMeeting, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const TICKETS = [
  'subject,description,requester,created_at',
  'Guest checkout,Forcing an account at checkout lost us the order,Zoë,2026-11-20',
  'Refund,The refund took three weeks,Lee,2026-11-10',
  'Dark mode,Please add a dark theme,Kim,2026-11-01',
].join('\n');

async function openMeeting() {
  window.history.replaceState(null, '', '/#/');
  harness = renderApp();
  const { library } = harness;
  await importTickets(library, 'Help desk', 'tickets.csv', TICKETS);
  await library.service.evidence.settled();
  const meeting = startCheckoutMeeting(library);
  window.location.hash = `#/meetings/${meeting.id}`;
  const chair = await screen.findByRole('complementary', { name: 'Empty chair' });
  const evidence = within(chair).getByRole('region', { name: 'What customers said' });
  await waitFor(() => expect(evidence.querySelector('.evidence-quote blockquote')?.textContent).toMatch(/lost us the order/), {
    timeout: 3000,
  });
  const box = within(chair).getByRole('textbox', { name: 'How does this affect the customer?' }) as HTMLTextAreaElement;
  return { library, meeting, evidence, box };
}

const marked = (evidence: HTMLElement) => [...evidence.querySelectorAll('mark')].map((mark) => mark.textContent?.toLowerCase());
const asked = () =>
  harness!.calls.filter((call) => call.method === 'evidence.forItem').map((call) => (call.input as { answer: string }).answer);

describe('the chair’s evidence while the answer is typed', () => {
  it('ranks for the text in the box before any save comes back, asking once the typing pauses', async () => {
    const { evidence, box } = await openMeeting();
    const before = asked().length;
    // No echo of a save reaches the window: only the box can tell the chair what was typed.
    harness!.pauseEvents();
    await userEvent.setup().type(box, 'Slow refunds');
    await waitFor(() => expect(marked(evidence)).toContain('refund'), { timeout: 3000 });
    expect(evidence.textContent).toContain('The refund took three weeks');
    const typed = asked().slice(before);
    expect(typed.at(-1)).toBe('Slow refunds');
    // Asked after the pause, not at every key.
    expect(typed.length).toBeLessThan('Slow refunds'.length);
    harness!.resumeEvents();
  });

  it('re-ranks when the answer changes elsewhere and the box shows it', async () => {
    const { library, meeting, evidence, box } = await openMeeting();
    serviceValue(library, 'chair.answer', {
      meetingId: meeting.id,
      itemId: meeting.agenda[0]!.id,
      changes: { text: 'They want a dark theme' },
    });
    await waitFor(() => expect(box.value).toBe('They want a dark theme'));
    await waitFor(() => expect(marked(evidence)).toContain('theme'), { timeout: 3000 });
    expect(asked().at(-1)).toBe('They want a dark theme');
  });
});
