import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona } from '../../shared/domain';
import { App } from '../../renderer/src/app/App';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const start = (setup?: Parameters<typeof renderApp>[0]) => {
  harness = renderApp(setup);
  return harness;
};
const meetings = (h: Harness) => h.library.service.library().meetings;
const stored = (h: Harness, id: string) => h.library.service.meeting(id);
const textbox = (name: string) => screen.getByRole('textbox', { name });

function seedMeeting(h: Harness['library'], overrides: Record<string, unknown> = {}): Meeting {
  return serviceCall(h, 'meetings.create', {
    title: 'Pricing page review',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    lead: 'Ana',
    participants: ['Ben', 'Chloé'],
    agenda: [
      { title: 'New tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Draft in the wiki' },
      { title: 'Trial length', owner: 'Ana', timeboxMinutes: 10 },
      { title: 'Migration of old plans' },
    ],
    ...overrides,
  }) as Meeting;
}

describe('without a client', () => {
  it('tells the user to open the link Empty Chair printed', () => {
    render(<App client={null} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Open the link Empty Chair printed');
    expect(screen.getByText(/#token=/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New meeting' })).toBeNull();
  });
});

describe('meetings list', () => {
  it('explains the empty chair when there are no meetings, and opens a new meeting', async () => {
    const h = start();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('No meetings yet');
    expect(screen.getByText(/empty chair in its meetings for the customer/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'New meeting' }));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('New meeting');
    expect(window.location.hash).toBe('#/new');
    expect(meetings(h)).toHaveLength(0);
  });

  it('lists meetings newest first with date, lead, item count and status', async () => {
    start((library) => {
      seedMeeting(library, { title: 'Older', scheduledAt: '2026-01-05T10:00:00.000Z', lead: 'Olga' });
      seedMeeting(library, { title: 'Newer', scheduledAt: '2026-03-05T10:00:00.000Z', agenda: [{ title: 'Only item' }] });
    });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Newer', 'Older']);
    expect(rows[0]!.textContent).toContain('1 item');
    expect(rows[0]!.textContent).toContain('Planned');
    expect(rows[1]!.textContent).toContain('Olga');
    expect(rows[1]!.textContent).toContain('3 items');
    const time = rows[1]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2026-01-05T10:00:00.000Z');
    expect(time.textContent).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-01-05T10:00:00.000Z')),
    );
  });

  it('updates when another window adds a meeting (library.changed)', async () => {
    const h = start();
    await screen.findByText('No meetings yet');
    act(() => {
      seedMeeting(h.library, { title: 'Made elsewhere' });
    });
    expect(await screen.findByRole('link', { name: 'Made elsewhere' })).toBeTruthy();
  });

  it("opens New meeting with 'n', but not while typing in a field", async () => {
    start();
    await screen.findByText('No meetings yet');
    const user = userEvent.setup();
    // A key typed into the theme picker (a form control) must not navigate.
    screen.getByRole('combobox', { name: 'Theme' }).focus();
    await user.keyboard('n');
    expect(window.location.hash).not.toBe('#/new');
    await user.keyboard('{Control>}n{/Control}');
    expect(window.location.hash).not.toBe('#/new');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('n');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('New meeting');
    // Typing "n" into the title stays in the title.
    await user.type(textbox('Title'), 'planning');
    expect((textbox('Title') as HTMLInputElement).value).toBe('planning');
  });
});

describe('meeting editor', () => {
  it('creates a meeting with a new persona and agenda items, then shows it in the list', async () => {
    const h = start();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New meeting' }));

    await user.type(textbox('Title'), 'Onboarding review');
    fireEvent.change(screen.getByLabelText('Scheduled start'), { target: { value: '2026-11-24T09:30' } });
    await user.type(textbox('Lead'), 'Ana');
    await user.type(textbox('Participants'), 'Ben{Enter}Chloé{Enter}{Enter}');

    await user.type(textbox('Persona name'), 'Small agency owner');
    await user.type(textbox('Segment'), 'SMB');
    await user.type(textbox('Needs'), 'Set up in a day{Enter}Predictable bill');
    await user.type(textbox('Quotes'), 'I have no time for a manual.');
    await user.click(screen.getByRole('button', { name: 'Add persona' }));
    const checkbox = await screen.findByRole('checkbox', { name: 'Small agency owner' });
    expect((checkbox as HTMLInputElement).checked).toBe(true);
    expect((textbox('Persona name') as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Add agenda item' }));
    // Focus goes to the new item's title.
    expect(document.activeElement).toBe(textbox('Item 1 title'));
    await user.keyboard('Welcome email');
    await user.type(textbox('Item 1 owner'), 'Ben');
    const timebox = screen.getByRole('spinbutton', { name: 'Item 1 timebox (minutes)' });
    await user.clear(timebox);
    await user.type(timebox, '20');
    await user.type(textbox('Item 1 notes'), 'Links <b>not</b> bold');
    await user.click(screen.getByRole('button', { name: 'Add agenda item' }));
    await user.keyboard('First-run checklist');

    await user.click(screen.getByRole('button', { name: 'Save meeting' }));

    expect((await screen.findByRole('heading', { level: 1, name: 'Onboarding review' })).tagName).toBe('H1');
    expect(screen.getByRole('status').textContent).toContain('Meeting created');
    expect(meetings(h)).toHaveLength(1);
    const saved = stored(h, meetings(h)[0]!.id);
    const persona = h.library.service.library().personas[0] as Persona;
    expect(persona).toMatchObject({
      name: 'Small agency owner',
      segment: 'SMB',
      needs: ['Set up in a day', 'Predictable bill'],
      quotes: ['I have no time for a manual.'],
    });
    expect(saved).toMatchObject({
      title: 'Onboarding review',
      scheduledAt: new Date('2026-11-24T09:30').toISOString(),
      lead: 'Ana',
      participants: ['Ben', 'Chloé'],
      personaIds: [persona.id],
    });
    expect(saved.agenda.map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes }))).toEqual([
      { title: 'Welcome email', owner: 'Ben', timeboxMinutes: 20, notes: 'Links <b>not</b> bold' },
      { title: 'First-run checklist', owner: '', timeboxMinutes: 10, notes: '' },
    ]);

    // The detail view shows user text as text, never as markup.
    expect(screen.getByText('Links <b>not</b> bold')).toBeTruthy();
    expect(document.querySelector('main b')).toBeNull();
    expect(screen.getByText('Small agency owner')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back to meetings' }));
    const row = (await screen.findByRole('link', { name: 'Onboarding review' })).closest('tr')!;
    expect(row.textContent).toContain('Ana');
    expect(row.textContent).toContain('2 items');
    expect(row.textContent).toContain('Small agency owner');
  });

  it('shows the service errors next to the fields, keeps what was typed, and creates nothing', async () => {
    const h = start();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New meeting' }));
    await user.type(textbox('Lead'), 'Ana');
    await user.click(screen.getByRole('button', { name: 'Add agenda item' }));
    await user.type(textbox('Item 1 owner'), 'Ben');

    await user.click(screen.getByRole('button', { name: 'Save meeting' }));

    const title = textbox('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = title.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)!.textContent).toBe('Title must not be empty.');
    expect(document.activeElement).toBe(title);
    const itemTitle = textbox('Item 1 title');
    expect(itemTitle.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(itemTitle.getAttribute('aria-describedby')!)!.textContent).toBe('Item 1 title must not be empty.');
    const alert = screen.getAllByRole('alert').find((element) => element.textContent?.includes('The meeting was not saved'))!;
    expect(alert.textContent).not.toContain('invalid_input');
    expect(alert.textContent).toContain('must not be empty');
    // What the user typed is still there.
    expect((textbox('Lead') as HTMLInputElement).value).toBe('Ana');
    expect((textbox('Item 1 owner') as HTMLInputElement).value).toBe('Ben');
    expect(meetings(h)).toHaveLength(0);

    // No maxLength (it cuts pastes silently): the field refuses past the limit; a value set by a script is refused by the service.
    expect(title.getAttribute('maxlength')).toBeNull();
    fireEvent.change(title, { target: { value: 'x'.repeat(201) } });
    fireEvent.change(itemTitle, { target: { value: 'Fine' } });
    await user.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(document.getElementById(`${title.id}-error`)!.textContent).toBe('Title must be at most 200 characters.'));
    expect(itemTitle.getAttribute('aria-invalid')).toBeNull();
    expect((title as HTMLInputElement).value).toHaveLength(201);
    // The count says how much to remove (it is also part of the field's description).
    expect(title.getAttribute('aria-describedby')).toContain(`${title.id}-error`);
    expect(screen.getByText('201 of at most 200 characters: remove 1 to save.')).toBeTruthy();
    expect(meetings(h)).toHaveLength(0);
    expect(h.calls.filter((call) => call.method === 'meetings.create')).toHaveLength(2);
  });

  it('catches a timebox that is not a number before calling the service', async () => {
    const h = start();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New meeting' }));
    await user.type(textbox('Title'), 'Planning');
    await user.click(screen.getByRole('button', { name: 'Add agenda item' }));
    await user.keyboard('Item');
    const timebox = screen.getByRole('spinbutton', { name: 'Item 1 timebox (minutes)' });
    await user.clear(timebox);
    await user.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(timebox.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(timebox.getAttribute('aria-describedby')!)!.textContent).toMatch(/whole number from 1 to 480/);
    expect(h.calls.some((call) => call.method === 'meetings.create')).toBe(false);

    // Out of range goes to the service, which refuses it; the message names the item.
    await user.type(timebox, '900');
    await user.click(screen.getByRole('button', { name: 'Save meeting' }));
    await waitFor(() => expect(h.calls.some((call) => call.method === 'meetings.create')).toBe(true));
    expect(document.getElementById(timebox.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Item 1 timebox (minutes) must be a whole number from 1 to 480.',
    );
    expect(meetings(h)).toHaveLength(0);
  });

  it('edits a meeting: fields and the whole agenda, keeping item ids', async () => {
    let seeded!: Meeting;
    const h = start((library) => {
      seeded = seedMeeting(library);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Pricing page review' }));
    await user.click(await screen.findByRole('button', { name: 'Edit meeting' }));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Edit meeting');
    expect((textbox('Title') as HTMLInputElement).value).toBe('Pricing page review');
    expect((textbox('Participants') as HTMLInputElement).value).toBe('Ben\nChloé');
    expect((textbox('Item 3 title') as HTMLInputElement).value).toBe('Migration of old plans');

    await user.clear(textbox('Title'));
    await user.type(textbox('Title'), 'Pricing review v2');
    await user.click(screen.getByRole('button', { name: 'Move item 3 up' }));
    // Focus follows the moved item.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move item 2 up' }));
    expect((textbox('Item 2 title') as HTMLInputElement).value).toBe('Migration of old plans');
    await user.click(screen.getByRole('button', { name: 'Remove item 1' }));
    expect(document.activeElement).toBe(textbox('Item 1 title'));
    const timebox = screen.getByRole('spinbutton', { name: 'Item 2 timebox (minutes)' });
    await user.clear(timebox);
    await user.type(timebox, '25');
    await user.click(screen.getByRole('button', { name: 'Add agenda item' }));
    await user.keyboard('Wrap-up');

    await user.click(screen.getByRole('button', { name: 'Save meeting' }));
    await screen.findByRole('heading', { level: 1, name: 'Pricing review v2' });

    const saved = stored(h, seeded.id);
    expect(saved.revision).toBe(2);
    expect(saved.title).toBe('Pricing review v2');
    expect(saved.scheduledAt).toBe(seeded.scheduledAt);
    expect(saved.agenda.map((item) => [item.id, item.title, item.timeboxMinutes])).toEqual([
      [seeded.agenda[2]!.id, 'Migration of old plans', 10],
      [seeded.agenda[1]!.id, 'Trial length', 25],
      [expect.any(String), 'Wrap-up', 10],
    ]);
    expect(saved.agenda[2]!.id).not.toBe(seeded.agenda[0]!.id);
    const update = h.calls.find((call) => call.method === 'meetings.update')!.input as { expectedRevision: number };
    expect(update.expectedRevision).toBe(1);
  });

  it('reports a conflict instead of overwriting a change made elsewhere', async () => {
    let seeded!: Meeting;
    const h = start((library) => {
      seeded = seedMeeting(library);
    });
    window.location.hash = `#/meetings/${seeded.id}/edit`;
    const user = userEvent.setup();
    await screen.findByDisplayValue('Pricing page review');
    await user.type(textbox('Lead'), ' and Ben');

    act(() => {
      serviceCall(h.library, 'meetings.update', { id: seeded.id, changes: { title: 'Renamed in another window' } });
    });
    expect((await screen.findByText(/changed elsewhere after you opened it/)).textContent).toBeTruthy();

    await user.keyboard('{Control>}s{/Control}');
    const alert = await screen.findByText(/was changed elsewhere since you opened it/);
    expect(alert.closest('[role="alert"]')!.textContent).toContain('changed elsewhere');
    expect(stored(h, seeded.id).title).toBe('Renamed in another window');
    expect(stored(h, seeded.id).lead).toBe('Ana');
    expect((textbox('Lead') as HTMLInputElement).value).toBe('Ana and Ben');

    await user.click(screen.getByRole('button', { name: 'Discard my changes and load the latest version' }));
    expect((textbox('Title') as HTMLInputElement).value).toBe('Renamed in another window');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByRole('heading', { level: 1, name: 'Renamed in another window' });
    expect(stored(h, seeded.id).revision).toBe(3);
  });

  it('Escape cancels an unchanged edit at once, and asks before throwing away typed changes', async () => {
    let seeded!: Meeting;
    const h = start((library) => {
      seeded = seedMeeting(library);
    });
    window.location.hash = `#/meetings/${seeded.id}/edit`;
    const user = userEvent.setup();
    await screen.findByDisplayValue('Pricing page review');
    await user.keyboard('{Escape}');
    await screen.findByRole('button', { name: 'Edit meeting' });
    expect(window.location.hash).toBe(`#/meetings/${seeded.id}`);

    await user.click(screen.getByRole('button', { name: 'Edit meeting' }));
    await user.type(await screen.findByRole('textbox', { name: 'Lead' }), 'x');
    await user.keyboard('{Escape}');
    const dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await user.keyboard('{Escape}'); // closes the dialog only
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((textbox('Lead') as HTMLInputElement).value).toBe('Anax');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    await screen.findByRole('button', { name: 'Edit meeting' });
    expect(dialog.isConnected).toBe(false);
    expect(stored(h, seeded.id).lead).toBe('Ana');
    expect(stored(h, seeded.id).revision).toBe(1);
  });
});

describe('meeting detail', () => {
  it('deletes only after confirmation in a modal dialog; Cancel keeps the meeting', async () => {
    let seeded!: Meeting;
    const h = start((library) => {
      seeded = seedMeeting(library);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Pricing page review' }));
    // Delete sits apart, behind "More actions".
    expect(screen.queryByRole('button', { name: 'Delete meeting' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: /More actions/ }));
    const deleteButton = await screen.findByRole('button', { name: 'Delete meeting' });
    expect(screen.getByText('Draft in the wiki')).toBeTruthy();
    expect(screen.getByText('Chloé')).toBeTruthy();

    await user.click(deleteButton);
    let dialog = screen.getByRole('dialog', { name: 'Delete “Pricing page review”?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Focus starts on the safe choice and Tab stays inside the dialog.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete' }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // The page behind is inert while the dialog is open.
    expect(h.view.container.closest('[inert]')).not.toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.view.container.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
    expect(meetings(h)).toHaveLength(1);

    await user.click(deleteButton);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(meetings(h)).toHaveLength(1);

    await user.click(deleteButton);
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('No meetings yet');
    expect(screen.getByRole('status').textContent).toBe('Meeting deleted');
    expect(meetings(h)).toHaveLength(0);
    expect(() => h.library.service.meeting(seeded.id)).toThrow(/no meeting/);
  });

  it('says so when the meeting is deleted in another window', async () => {
    let seeded!: Meeting;
    const h = start((library) => {
      seeded = seedMeeting(library);
    });
    window.location.hash = `#/meetings/${seeded.id}`;
    await screen.findByRole('button', { name: 'Edit meeting' });
    act(() => {
      serviceCall(h.library, 'meetings.delete', { id: seeded.id });
    });
    expect((await screen.findByRole('alert')).textContent).toBe('This meeting was deleted.');
  });
});

describe('theme', () => {
  it('saves the chosen theme and applies it to the page', async () => {
    const h = start();
    const user = userEvent.setup();
    await screen.findByText('No meetings yet');
    expect(document.documentElement.dataset.theme).toBe('system');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'dark');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(h.library.service.library().settings.theme).toBe('dark');
  });
});
