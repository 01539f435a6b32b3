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

const stored = (h: Harness, id: string) => h.library.service.meeting(id);

/** An ended first meeting with an open, overdue follow-up and a decision due for check-back. */
function endedWeek(library: Harness['library']): { meeting: Meeting; decisionId: string } {
  let meeting = serviceCall(library, 'meetings.create', {
    title: 'Weekly pricing review',
    scheduledAt: '2026-11-02T09:00:00.000Z',
    lead: 'Ana',
    agenda: [{ title: 'Tiers' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: meeting.id });
  meeting = serviceCall(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: 'Three tiers', direction: 'helps', reviewDate: '2026-11-05' },
  }) as Meeting;
  serviceCall(library, 'followUps.add', { meetingId: meeting.id, text: 'Draft tier names', owner: 'Ben', dueDate: '2020-01-01' });
  meeting = serviceCall(library, 'meetings.end', { id: meeting.id, skip: true }) as Meeting;
  return { meeting, decisionId: meeting.agenda[0]!.decisions[0]!.id };
}

describe('follow-ups, series and check-back in the meeting screen', () => {
  it('marks overdue follow-ups, adds one, removes one with Undo, and raises one from a decision', async () => {
    const user = userEvent.setup();
    let id = '';
    harness = renderApp((library) => (id = endedWeek(library).meeting.id));
    window.location.hash = `#/meetings/${id}`;
    let card = await screen.findByRole('region', { name: /Follow-ups/ });
    const row = within(card).getByText('Draft tier names').closest('li')!;
    expect(within(row).getByText('Overdue')).toBeTruthy();

    await user.type(within(card).getByLabelText('New follow-up'), 'Ask support');
    await user.type(within(card).getByLabelText('Owner'), 'Chloé');
    await user.click(within(card).getByRole('button', { name: 'Add follow-up' }));
    await waitFor(() =>
      expect(stored(harness!, id).followUps.map((f) => [f.text, f.owner])).toEqual([
        ['Draft tier names', 'Ben'],
        ['Ask support', 'Chloé'],
      ]),
    );

    // Edit gives it a due date; focus returns to its Edit button.
    await user.click(await within(card).findByRole('button', { name: 'Edit follow-up: Ask support' }));
    const editor = within(card).getByRole('form', { name: 'Edit follow-up: Ask support' });
    await user.type(within(editor).getByLabelText('Due'), '2026-12-01');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stored(harness!, id).followUps[1]!.dueDate).toBe('2026-12-01'));
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit follow-up: Ask support'));

    // Remove, then Undo brings back exactly what was removed (id, dates, where it came from).
    const removedOne = stored(harness, id).followUps[1]!;
    await user.click(within(card).getByRole('button', { name: 'Remove follow-up: Ask support' }));
    await waitFor(() => expect(stored(harness!, id).followUps).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(stored(harness!, id).followUps[1]).toEqual(removedOne));

    // A decision raises its own follow-up, linked to it.
    await user.click(screen.getByRole('tab', { name: /Decisions/ }));
    await user.click(await screen.findByRole('button', { name: 'Follow-up', description: 'Three tiers' }));
    await waitFor(() =>
      expect(stored(harness!, id).followUps.at(-1)).toMatchObject({
        text: 'Three tiers',
        source: 'decision',
        decisionId: stored(harness!, id).agenda[0]!.decisions[0]!.id,
      }),
    );
    await user.click(screen.getByRole('tab', { name: /Summary/ }));
    card = await screen.findByRole('region', { name: /Follow-ups/ });

    // An empty follow-up is refused at the form and nothing is sent.
    const before = harness.calls.length;
    await user.click(within(card).getByRole('button', { name: 'Add follow-up' }));
    expect((await within(card).findByRole('alert')).textContent).toMatch(/Write what needs doing/);
    expect(harness.calls.slice(before).some((c) => c.method === 'followUps.add')).toBe(false);
  });

  it('creates the next meeting of the series with the follow-up carried, and the chair checks back there', async () => {
    const user = userEvent.setup();
    let first = '';
    harness = renderApp((library) => (first = endedWeek(library).meeting.id));
    window.location.hash = `#/meetings/${first}`;
    await user.click(await screen.findByRole('button', { name: 'Next in series…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create the next meeting of the series' });
    expect(dialog.textContent).toMatch(/1 open follow-up carries forward/);
    await user.click(within(dialog).getByRole('button', { name: 'Create next meeting' }));

    await waitFor(() => expect(harness!.library.service.library().meetings).toHaveLength(2));
    const next = harness.library.service.library().meetings.find((m) => m.id !== first)!;
    await waitFor(() => expect(window.location.hash).toBe(`#/meetings/${next.id}`));
    expect(await screen.findByText('Series: Weekly pricing review')).toBeTruthy();
    const card = await screen.findByRole('region', { name: /Follow-ups/ });
    expect(within(card).getByText('Draft tier names')).toBeTruthy();
    expect(within(card).getByText('from “Weekly pricing review”')).toBeTruthy();

    // The chair asks about the decision whose review date has come, and stores the answer with it.
    const chair = screen.getByRole('complementary', { name: 'Empty chair' });
    expect(await within(chair).findByText('Did this turn out for the customer as we expected?')).toBeTruthy();
    expect(within(chair).getByText('Three tiers')).toBeTruthy();
    await user.type(within(chair).getByPlaceholderText('What happened (optional)'), 'Two customers were confused');
    await user.click(within(chair).getByRole('button', { name: 'Mixed' }));
    await waitFor(() =>
      expect(stored(harness!, first).agenda[0]!.decisions[0]!.outcome).toMatchObject({
        direction: 'mixed',
        note: 'Two customers were confused',
        meetingId: next.id,
      }),
    );
    expect(await within(chair).findByText(/not as predicted/)).toBeTruthy();
  });

  it('saves a meeting as a template and creates a meeting from it on the list', async () => {
    const user = userEvent.setup();
    let id = '';
    harness = renderApp((library) => (id = endedWeek(library).meeting.id));
    window.location.hash = `#/meetings/${id}`;
    await user.click(await screen.findByRole('button', { name: 'Save as template…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as a template' });
    const name = within(dialog).getByLabelText('Template name');
    await user.clear(name);
    await user.type(name, 'Weekly pricing');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(harness!.library.service.library().templates.map((t) => t.name)).toEqual(['Weekly pricing']));

    window.location.hash = '#/';
    await user.click(await screen.findByRole('button', { name: 'New from template…' }));
    const create = await screen.findByRole('dialog', { name: 'New meeting from a template' });
    const title = within(create).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Pricing, week 2');
    await user.click(within(create).getByRole('button', { name: 'Create meeting' }));
    await waitFor(() => expect(harness!.library.service.library().meetings.map((m) => m.title)).toContain('Pricing, week 2'));
    const created = harness.library.service.library().meetings.find((m) => m.title === 'Pricing, week 2')!;
    expect(stored(harness, created.id).agenda.map((i) => i.title)).toEqual(['Tiers']);

    // The template can be deleted from the same dialog, after a second question.
    window.location.hash = '#/';
    await user.click(await screen.findByRole('button', { name: 'New from template…' }));
    const again = await screen.findByRole('dialog', { name: 'New meeting from a template' });
    await user.click(within(again).getByRole('button', { name: 'Delete template…' }));
    expect(document.activeElement?.textContent).toBe('Keep it');
    await user.click(within(again).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(harness!.library.service.library().templates).toEqual([]));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'New from template…' })).toBeNull());
  });
});
