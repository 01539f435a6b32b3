/** Issue 18 §3: counts read as English ("0 open", "0 of 1 item"), never "0 opens" or "0 of 1 items". */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

describe('counts with a noun in the meeting screen', () => {
  it('a running one-item meeting with no follow-ups says "0 open" and "0 of 1 item (0%)"', async () => {
    let id = '';
    harness = renderApp((library) => {
      const meeting = serviceCall(library, 'meetings.create', {
        title: 'One-item check',
        scheduledAt: '2026-11-02T09:00:00.000Z',
        agenda: [{ title: 'Only item' }],
      }) as Meeting;
      serviceCall(library, 'meetings.start', { id: meeting.id });
      id = meeting.id;
    });
    window.location.hash = `#/meetings/${id}`;
    await waitFor(() => expect(document.querySelector('.coverage-value')?.textContent).toBe('0 of 1 item (0%)'));
    await userEvent.click(await screen.findByRole('tab', { name: /Follow-ups/ }));
    const card = await screen.findByRole('region', { name: /Follow-ups/ });
    expect(within(card).getByRole('heading', { name: /Follow-ups/ }).textContent).toBe('Follow-ups 0 open');
  });
});
