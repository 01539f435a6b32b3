/**
 * "Import agenda…" against the real service: pasted lines and .ics files (real fixture files from
 * tests/e2e/fixtures) are shown as a preview first; Create makes the meeting, Cancel and broken
 * files make nothing; a planned meeting's agenda gets the items in one change; limits are shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { LIMITS } from '../../shared/limits';
import { renderApp, serviceCall, type Harness } from './harness';

const FIXTURES = path.resolve(import.meta.dirname, '../e2e/fixtures');
const fixture = (name: string) => new File([fs.readFileSync(path.join(FIXTURES, name))], name, { type: 'text/calendar' });

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

function open(hash: string, setup?: (library: Harness['library']) => void) {
  window.history.replaceState(null, '', `/${hash}`);
  harness = renderApp(setup);
  return harness;
}

const meetings = (h: Harness) => h.library.service.library().meetings;
const writes = (h: Harness) => h.calls.filter((call) => ['meetings.create', 'meetings.update', 'agenda.add'].includes(call.method));

async function openDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Import agenda…' }));
  return screen.findByRole('dialog', { name: 'Import an agenda' });
}

describe('agenda import in the new-meeting form', () => {
  it('previews pasted lines, and Cancel creates nothing', async () => {
    const h = open('#/new');
    const d = await openDialog();
    await userEvent.type(
      within(d).getByRole('textbox', { name: 'Agenda lines' }),
      '- Welcome (5 min){enter}2. Numbers{enter}{enter}* Next steps',
    );
    const items = within(d).getByRole('list', { name: 'Agenda items to import' });
    expect(
      within(items)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Welcome · 5 min', 'Numbers', 'Next steps']);
    // No title yet: nothing can be created until there is one.
    expect((within(d).getByRole('button', { name: 'Fill in the form' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(writes(h)).toEqual([]);
    expect(meetings(h)).toHaveLength(0);
    // Focus is back on the button that opened the dialog.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import agenda…' }));
  });

  it('creates the meeting from pasted lines, with the form’s title, start and chair', async () => {
    const h = open('#/new', (library) => {
      serviceCall(library, 'personas.create', { name: 'First-time buyer' });
    });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Title' }), 'Weekly product sync');
    await userEvent.click(screen.getByRole('checkbox', { name: /First-time buyer/ }));
    const d = await openDialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Agenda lines' }), 'Roadmap (20 min){enter}Support queue');
    expect((within(d).getByRole('textbox', { name: 'Meeting title' }) as HTMLInputElement).value).toBe('Weekly product sync');
    await userEvent.click(within(d).getByRole('button', { name: 'Fill in the form' }));
    expect(writes(h)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/meetings\//));
    const [summary] = meetings(h);
    const meeting = h.library.service.meeting(summary!.id) as Meeting;
    expect(meeting.title).toBe('Weekly product sync');
    expect(meeting.agenda.map((item) => [item.title, item.timeboxMinutes])).toEqual([
      ['Roadmap', 20],
      ['Support queue', 10],
    ]);
    expect(meeting.personaIds).toHaveLength(1);
    expect(writes(h).map((call) => call.method)).toEqual(['meetings.create']);
  });

  it('reads a Google Calendar .ics (time zone, folded line, escaped commas) into a preview, then creates it', async () => {
    const h = open('#/new');
    const d = await openDialog();
    await userEvent.click(within(d).getByRole('radio', { name: 'A calendar event (.ics file)' }));
    await userEvent.upload(within(d).getByLabelText('Calendar file (.ics)'), fixture('google-pricing-review.ics'));
    const preview = await within(d).findByRole('region', { name: 'Preview of the meeting to create' });
    expect((within(preview).getByRole('textbox', { name: 'Meeting title' }) as HTMLInputElement).value).toBe('Pricing review, Q3');
    expect(preview.querySelector('time')!.getAttribute('dateTime')).toBe('2026-11-24T08:30:00.000Z');
    expect(preview.textContent).toContain('Ana Morales');
    expect(preview.textContent).toContain('Ben Okafor, chloe@example.com');
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['New tiers, seats and usage · 15 min', 'Trial length · 10 min', 'Legacy plans']);
    expect(writes(h)).toEqual([]);

    await userEvent.click(within(d).getByRole('button', { name: 'Fill in the form' }));
    expect(writes(h)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(meetings(h)).toHaveLength(1));
    const meeting = h.library.service.meeting(meetings(h)[0]!.id) as Meeting;
    expect(meeting).toMatchObject({
      title: 'Pricing review, Q3',
      scheduledAt: '2026-11-24T08:30:00.000Z',
      lead: 'Ana Morales',
      participants: ['Ben Okafor', 'chloe@example.com'],
    });
    expect(meeting.agenda.map((item) => item.title)).toEqual(['New tiers, seats and usage', 'Trial length', 'Legacy plans']);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pricing review, Q3'));
  });

  it('refuses a broken .ics with a clear message and creates nothing', async () => {
    const h = open('#/new');
    const d = await openDialog();
    await userEvent.click(within(d).getByRole('radio', { name: 'A calendar event (.ics file)' }));
    await userEvent.upload(within(d).getByLabelText('Calendar file (.ics)'), fixture('broken-start.ics'));
    const alert = await within(d).findByRole('alert');
    expect(alert.textContent).toBe(
      '“broken-start.ics” was not imported. The event\'s start time cannot be read: "2026-11-24 not a date" is not a date or a date and time (such as 20261124T093000).',
    );
    expect(within(d).queryByRole('region', { name: /Preview/ })).toBeNull();
    expect((within(d).getByRole('button', { name: 'Fill in the form' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(d).getByRole('button', { name: 'Fill in the form' }));

    // Not a calendar at all.
    await userEvent.upload(within(d).getByLabelText('Calendar file (.ics)'), new File(['hello'], 'notes.ics', { type: 'text/calendar' }));
    await waitFor(() =>
      expect(within(d).getByRole('alert').textContent).toContain('This is not a calendar file (.ics): it has no BEGIN:VCALENDAR.'),
    );
    expect(writes(h)).toEqual([]);
    expect(meetings(h)).toHaveLength(0);
  });

  it('creates at most the agenda limit from a long paste, and says what was left out', async () => {
    const h = open('#/new');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Title' }), 'Long');
    const d = await openDialog();
    await userEvent.click(within(d).getByRole('textbox', { name: 'Agenda lines' }));
    await userEvent.paste(Array.from({ length: LIMITS.agendaItemsMax + 5 }, (_, n) => `Line ${n + 1}`).join('\n'));
    expect(within(d).getByRole('status').textContent).toContain(
      `only the first ${LIMITS.agendaItemsMax} became items, and the other 5 are left out`,
    );
    expect(within(d).getByRole('heading', { name: `Agenda: ${LIMITS.agendaItemsMax} items` })).toBeTruthy();
    await userEvent.click(within(d).getByRole('button', { name: 'Fill in the form' }));
    expect(writes(h)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(meetings(h)).toHaveLength(1));
    const meeting = h.library.service.meeting(meetings(h)[0]!.id) as Meeting;
    expect(meeting.agenda).toHaveLength(LIMITS.agendaItemsMax);
    expect(meeting.agenda.at(-1)!.title).toBe(`Line ${LIMITS.agendaItemsMax}`);
  });

  it('only fills the form: nothing is created until the form is saved, and the form shows what is wrong', async () => {
    const h = open('#/new');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Title' }), 'Sync');
    await userEvent.clear(screen.getByLabelText('Scheduled start'));
    const d = await openDialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Agenda lines' }), 'One');
    await userEvent.click(within(d).getByRole('button', { name: 'Fill in the form' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Item 1 title' }) as HTMLInputElement).value).toBe('One');
    expect(writes(h)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('The meeting was not saved'))).toBe(true),
    );
    expect(meetings(h)).toHaveLength(0);
  });
});

describe('agenda import into a planned meeting', () => {
  const seed = (library: Harness['library'], items: number) =>
    serviceCall(library, 'meetings.create', {
      title: 'Planned',
      scheduledAt: '2026-11-24T09:30:00.000Z',
      agenda: Array.from({ length: items }, (_, n) => ({ title: `Item ${n + 1}`, owner: 'Ana', notes: `Notes ${n + 1}` })),
    }) as Meeting;

  it('adds the items to the agenda in one change; the items there keep everything', async () => {
    let meeting: Meeting | undefined;
    const h = open('#/', (library) => {
      meeting = seed(library, 2);
    });
    window.location.hash = `#/meetings/${meeting!.id}`;
    const d = await openDialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Agenda lines' }), 'Third (5 min){enter}Fourth');
    expect(within(d).getByText('Added after the 2 items already in the agenda.')).toBeTruthy();
    await userEvent.click(within(d).getByRole('button', { name: 'Add 2 items' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = h.library.service.meeting(meeting!.id) as Meeting;
    expect(stored.agenda.map((item) => [item.title, item.timeboxMinutes])).toEqual([
      ['Item 1', 10],
      ['Item 2', 10],
      ['Third', 5],
      ['Fourth', 10],
    ]);
    expect(stored.agenda[0]).toMatchObject({ id: meeting!.agenda[0]!.id, owner: 'Ana', notes: 'Notes 1' });
    expect(writes(h).map((call) => call.method)).toEqual(['meetings.update']);
    expect(await screen.findByText('2 items added to the agenda')).toBeTruthy();
  });

  it('shows what does not fit the agenda limit, adds what does, and refuses when full', async () => {
    let meeting: Meeting | undefined;
    const h = open('#/', (library) => {
      meeting = seed(library, LIMITS.agendaItemsMax - 1);
    });
    window.location.hash = `#/meetings/${meeting!.id}`;
    let d = await openDialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Agenda lines' }), 'Fits{enter}Left out{enter}Also left out');
    expect(within(d).getByRole('status').textContent).toContain(
      `A meeting holds at most ${LIMITS.agendaItemsMax} agenda items: only the first 1 item fit; 2 lines are left out (from “Left out”).`,
    );
    await userEvent.click(within(d).getByRole('button', { name: 'Add 1 item' }));
    await waitFor(() => expect((h.library.service.meeting(meeting!.id) as Meeting).agenda).toHaveLength(LIMITS.agendaItemsMax));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    d = await openDialog();
    await userEvent.type(within(d).getByRole('textbox', { name: 'Agenda lines' }), 'One more');
    expect(within(d).getByRole('alert').textContent).toBe(`The agenda is full (${LIMITS.agendaItemsMax} items): nothing can be added.`);
    expect((within(d).getByRole('button', { name: 'Add items' }) as HTMLButtonElement).disabled).toBe(true);
    expect(writes(h)).toHaveLength(1);
  });
});

describe('agenda import in the edit form', () => {
  it('adds the items to the form; they are saved with the meeting', async () => {
    let meeting: Meeting | undefined;
    const h = open('#/', (library) => {
      meeting = serviceCall(library, 'meetings.create', {
        title: 'Edit me',
        scheduledAt: '2026-11-24T09:30:00.000Z',
        agenda: [{ title: 'First' }],
      }) as Meeting;
    });
    window.location.hash = `#/meetings/${meeting!.id}/edit`;
    const d = await openDialog();
    await userEvent.click(within(d).getByRole('radio', { name: 'A calendar event (.ics file)' }));
    await userEvent.upload(within(d).getByLabelText('Calendar file (.ics)'), fixture('google-pricing-review.ics'));
    await userEvent.click(await within(d).findByRole('button', { name: 'Add 3 items' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes(h)).toEqual([]);
    expect((screen.getByRole('textbox', { name: 'Item 2 title' }) as HTMLInputElement).value).toBe('New tiers, seats and usage');
    expect((screen.getByRole('spinbutton', { name: 'Item 2 timebox (minutes)' }) as HTMLInputElement).value).toBe('15');
    await userEvent.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() =>
      expect((h.library.service.meeting(meeting!.id) as Meeting).agenda.map((item) => item.title)).toEqual([
        'First',
        'New tiers, seats and usage',
        'Trial length',
        'Legacy plans',
      ]),
    );
    // The event's title and start are not taken over when editing.
    expect((h.library.service.meeting(meeting!.id) as Meeting).title).toBe('Edit me');
  });
});
