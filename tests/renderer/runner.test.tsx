import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona } from '../../shared/domain';
import { renderApp, serviceCall, type Harness, type HarnessOptions } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chair = () => screen.getByRole('complementary', { name: 'Empty chair' });
const answerBox = () => within(chair()).getByRole('textbox', { name: 'How does this affect the customer?' }) as HTMLTextAreaElement;
const stored = (h: Harness, id: string) => h.library.service.meeting(id);
const current = (h: Harness, id: string) => {
  const meeting = stored(h, id);
  return meeting.agenda.find((item) => item.id === meeting.currentItemId)!;
};
const itemHeading = () => document.querySelector('.item-view .item-title')!.textContent;

interface Seed {
  meeting: Meeting;
  personas: Persona[];
}

function seed(library: Harness['library'], { start = false, title = 'Pricing page review' } = {}): Seed {
  const buyer = serviceCall(library, 'personas.create', {
    name: 'Small agency owner',
    segment: 'SMB, 5 seats',
    needs: ['Set up in a day', 'Predictable bill', 'A human on the phone', 'Fourth need'],
    quotes: ['I have no time for a manual.', 'Surprises on the invoice cost me a week.'],
  }) as Persona;
  const admin = serviceCall(library, 'personas.create', {
    name: 'IT admin',
    segment: 'Enterprise',
    needs: ['SSO'],
    quotes: ['Who changed it?'],
  }) as Persona;
  let meeting = serviceCall(library, 'meetings.create', {
    title,
    scheduledAt: '2026-11-24T09:30:00.000Z',
    lead: 'Ana',
    participants: ['Ben', 'Chloé'],
    personaIds: [buyer.id, admin.id],
    agenda: [
      { title: 'New tiers', owner: 'Ben', timeboxMinutes: 15, notes: 'Draft in the wiki' },
      { title: 'Trial length', owner: 'Ana', timeboxMinutes: 10 },
      { title: 'Migration of old plans' },
    ],
  }) as Meeting;
  if (start) meeting = serviceCall(library, 'meetings.start', { id: meeting.id }) as Meeting;
  return { meeting, personas: [buyer, admin] };
}

function open(options: { start?: boolean; title?: string } = {}, harnessOptions: HarnessOptions = {}) {
  let seeded!: Seed;
  const h = renderApp((library) => {
    seeded = seed(library, options);
  }, harnessOptions);
  harness = h;
  window.location.hash = `#/meetings/${seeded.meeting.id}`;
  return { h, ...seeded, id: seeded.meeting.id };
}

describe('the chair', () => {
  it('is a complementary landmark on the planned, running and ended screens, following the item', async () => {
    const { h, id, meeting } = open();
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Start meeting' });
    const panel = chair();
    expect(panel.tagName).toBe('ASIDE');
    expect(within(panel).getByText('How does this affect the customer?').tagName).toBe('LABEL');
    // Who sits in the chair: name, segment, the top three needs, one quote.
    expect(within(panel).getByRole('checkbox', { name: 'Small agency owner' })).toBeTruthy();
    expect(within(panel).getByText('SMB, 5 seats')).toBeTruthy();
    expect(within(panel).getByText('A human on the phone')).toBeTruthy();
    expect(within(panel).queryByText('Fourth need')).toBeNull();
    expect(within(panel).getByText('I have no time for a manual.')).toBeTruthy();
    expect(within(panel).getByText('New tiers')).toBeTruthy();

    // A planned meeting's chair can follow any item; the quote changes with the item.
    await user.click(screen.getAllByRole('button', { name: 'Follow in chair' })[1]!);
    expect(within(chair()).getByText('Trial length')).toBeTruthy();
    expect(within(chair()).getByText('Surprises on the invoice cost me a week.')).toBeTruthy();
    expect(within(chair()).queryByText('I have no time for a manual.')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start meeting' }));
    await screen.findByRole('button', { name: 'Next item' });
    // Running: the chair follows the current item (the first), whatever was followed before.
    expect(within(chair()).getByText('New tiers')).toBeTruthy();
    expect(itemHeading()).toBe('New tiers');
    expect(stored(h, id).status).toBe('running');

    act(() => {
      serviceCall(h.library, 'meetings.end', { id, skip: true });
    });
    await screen.findByRole('heading', { name: 'Summary' });
    expect(chair()).toBeTruthy();
    expect(screen.getByText('1 skipped')).toBeTruthy();
    // It may collapse to a rail that still says whether the item is answered, and come back.
    await user.click(screen.getAllByRole('button', { name: 'Follow in chair' })[0]!);
    await user.click(within(chair()).getByRole('button', { name: 'Collapse' }));
    expect(within(chair()).getByText('Current item: Skipped on purpose')).toBeTruthy();
    await user.click(within(chair()).getByRole('button', { name: 'Show the chair' }));
    expect(answerBox()).toBeTruthy();
    expect(meeting.agenda).toHaveLength(3);
  });
});

describe('the impact gate', () => {
  it('keeps a whitespace answer closed; no impact needs a reason; skips are counted; Answer it focuses the chair', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });

    await user.type(answerBox(), '   ');
    await waitFor(() => expect(current(h, id).answer?.text).toBe('   '));
    await user.click(screen.getByRole('button', { name: 'Next item' }));
    let dialog = await screen.findByRole('dialog', { name: 'The chair has no answer yet' });
    // No reason: refused here, next to the field, and nothing moves.
    await user.click(within(dialog).getByRole('button', { name: 'No customer impact' }));
    const reason = within(dialog).getByRole('textbox', { name: 'Reason for no customer impact' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText(/Give a reason/)).toBeTruthy();
    expect(stored(h, id).agenda[0]!.noImpactReason).toBeNull();
    await user.type(reason, 'Internal naming only');
    await user.click(within(dialog).getByRole('button', { name: 'No customer impact' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(itemHeading()).toBe('Trial length'));
    expect(stored(h, id).agenda[0]!.noImpactReason).toBe('Internal naming only');

    // "Answer it" puts the cursor in the chair's answer.
    await user.click(screen.getByRole('button', { name: 'Next item' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Answer it' }));
    await waitFor(() => expect(document.activeElement).toBe(answerBox()));
    expect(current(h, id).title).toBe('Trial length');

    await user.click(screen.getByRole('button', { name: 'Next item' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Skip on purpose' }));
    await waitFor(() => expect(itemHeading()).toBe('Migration of old plans'));
    expect(screen.getByText('1 skipped')).toBeTruthy();
    expect(screen.getByText('1 no impact')).toBeTruthy();
    expect(stored(h, id).agenda[1]!.skipped).toBe(true);

    // A real answer, typed and at once moved on from: saved first, so no gate.
    await user.type(answerBox(), 'Old plans keep their price');
    await user.click(screen.getByRole('button', { name: 'End meeting' }));
    dialog = await screen.findByRole('dialog', { name: 'End the meeting?' });
    await user.click(within(dialog).getByRole('button', { name: 'End the meeting' }));
    await waitFor(() => expect(stored(h, id).status).toBe('ended'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The ended meeting's own screen (the app may show the impact summary first).
    act(() => {
      window.history.pushState(null, '', `#/meetings/${id}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('tab', { name: 'Summary' });
    const ended = stored(h, id);
    expect(ended.status).toBe('ended');
    expect(ended.agenda[2]!.answer?.text).toBe('Old plans keep their price');
    expect(screen.getByText('2 of 3 items (67%)')).toBeTruthy();
  });

  it('opens the same dialog when the service refuses (another window took the answer away)', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    await user.type(answerBox(), 'Cheaper for small teams');
    await waitFor(() => expect(current(h, id).answer?.text).toBe('Cheaper for small teams'));
    h.pauseEvents();
    serviceCall(h.library, 'chair.answer', { meetingId: id, itemId: current(h, id).id, changes: { text: '' } });
    await user.click(screen.getByRole('button', { name: 'Next item' }));
    await screen.findByRole('dialog', { name: 'The chair has no answer yet' });
    expect(h.calls.some((call) => call.method === 'meetings.next')).toBe(true);
    expect(current(h, id).title).toBe('New tiers');
    h.resumeEvents();
  });
});

describe('autosave', () => {
  it('never lets the echo of an earlier save overwrite newer typing', async () => {
    const { h, id } = open({ start: true }, { latencyMs: 120 });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    const box = answerBox();
    await user.click(box);
    await user.keyboard('abc');
    await sleep(340); // the save of "abc" is on its way
    await user.keyboard('def');
    await sleep(300); // its echo has arrived
    expect(box.value).toBe('abcdef');
    await user.keyboard('ghi');
    await waitFor(() => expect(current(h, id).answer?.text).toBe('abcdefghi'));
    await sleep(300);
    expect(box.value).toBe('abcdefghi');
    expect(within(chair()).getByText('Saved')).toBeTruthy();
    const saves = h.calls.filter((call) => call.method === 'chair.answer');
    expect(saves.length).toBeGreaterThanOrEqual(2);
  });

  it('saves on blur and when the item changes, without waiting', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    await user.clear(notes);
    await user.type(notes, 'Decided in the room');
    await user.tab();
    await waitFor(() => expect(stored(h, id).agenda[0]!.notes).toBe('Decided in the room'));
    expect(h.calls.filter((call) => call.method === 'agenda.update')).toHaveLength(1);
  });

  it('saves at once, without waiting for the pause, when the page is hidden and when the screen is left', async () => {
    const { h, id } = open({ start: true });
    await screen.findByRole('button', { name: 'Next item' });
    // Let the screen's effects (the page-hide listener, field registrations) run, as they have long before a user acts.
    await act(async () => {});
    const sent = (method: string) => h.calls.filter((call) => call.method === method).length;
    fireEvent.change(answerBox(), { target: { value: 'Hidden mid-sentence' } });
    expect(sent('chair.answer')).toBe(0); // inside the 300 ms pause
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      // Sent in the event itself, not after the pause.
      expect(sent('chair.answer')).toBe(1);
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
    }
    await waitFor(() => expect(current(h, id).answer?.text).toBe('Hidden mid-sentence'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Draft in the wiki and left' } });
    expect(sent('agenda.update')).toBe(0);
    // Leaving the screen (as the Meetings link does) saves in the same turn, before any pause ends.
    act(() => {
      window.history.pushState(null, '', '#/');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Meetings' })).toBeTruthy();
    expect(sent('agenda.update')).toBe(1);
    expect(sent('agenda.update')).toBe(1);
    await waitFor(() => expect(stored(h, id).agenda[0]!.notes).toBe('Draft in the wiki and left'));
  });

  it('shows a change from another window in a field not being edited, and asks when it collides with typing', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    const itemId = current(h, id).id;
    const notes = screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement;
    act(() => {
      serviceCall(h.library, 'agenda.update', { meetingId: id, itemId, changes: { notes: 'Typed in the other window' } });
    });
    await waitFor(() => expect(notes.value).toBe('Typed in the other window'));

    // Typed here and not saved yet (the pause has not ended) when the other window's text arrives.
    fireEvent.change(answerBox(), { target: { value: 'mine' } });
    act(() => {
      serviceCall(h.library, 'chair.answer', { meetingId: id, itemId, changes: { text: 'theirs' } });
    });
    const notice = await within(chair()).findByRole('alert');
    expect(notice.textContent).toContain('changed in another window');
    expect(within(notice).getByText('theirs')).toBeTruthy();
    expect(answerBox().value).toBe('mine');
    await sleep(500);
    expect(current(h, id).answer?.text).toBe('theirs');
    await user.click(within(notice).getByRole('button', { name: 'Keep my text' }));
    await waitFor(() => expect(current(h, id).answer?.text).toBe('mine'));

    fireEvent.change(answerBox(), { target: { value: 'mine again' } });
    act(() => {
      serviceCall(h.library, 'chair.answer', { meetingId: id, itemId, changes: { text: 'theirs again' } });
    });
    await user.click(await within(chair()).findByRole('button', { name: 'Use their text' }));
    expect(answerBox().value).toBe('theirs again');
    await sleep(400);
    expect(current(h, id).answer?.text).toBe('theirs again');
  });

  it('accepts a 20,000-character answer and refuses 20,001 with a clear message', async () => {
    const { h, id } = open({ start: true });
    await screen.findByRole('button', { name: 'Next item' });
    expect(answerBox().getAttribute('maxlength')).toBeNull();
    fireEvent.change(answerBox(), { target: { value: 'x'.repeat(20_000) } });
    await waitFor(() => expect(current(h, id).answer?.text).toHaveLength(20_000));
    // Set past the limit by a script: the service refuses it and the field says why.
    fireEvent.change(answerBox(), { target: { value: 'y'.repeat(20_001) } });
    const alert = await within(chair()).findByRole('alert');
    expect(alert.textContent).toBe(
      'The answer is too long to save: at most 20,000 characters. It has 20,001. Shorten it and it saves again.',
    );
    expect(answerBox().getAttribute('aria-invalid')).toBe('true');
    expect(within(chair()).getByText('Not saved')).toBeTruthy();
    expect(current(h, id).answer?.text).toBe('x'.repeat(20_000));
    expect(answerBox().value).toHaveLength(20_001);
  });
});

describe('the timer', () => {
  it('shows an overrun in words and with a mark, not by colour alone', async () => {
    let id = '';
    const h = renderApp((library) => {
      const { meeting } = seed(library, { start: true });
      // The same meeting as if it had been running for 20 minutes on a 15-minute item.
      const started = new Date(Date.now() - 20 * 60_000 - 5_000).toISOString();
      const copy = structuredClone(meeting);
      copy.startedAt = started;
      copy.agenda[0]!.startedAt = started;
      serviceCall(library, 'meetings.delete', { id: meeting.id });
      id = (serviceCall(library, 'meetings.import', { meeting: copy, asCopy: true }) as Meeting).id;
    });
    harness = h;
    window.location.hash = `#/meetings/${id}`;
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toMatch(/^⚠ \+5:0\d over$/);
    expect(timer.className).toContain('timer-over');
    expect(timer.querySelector('[aria-hidden="true"]')!.textContent).toBe('⚠');
  });
});

describe('user text', () => {
  it('shows HTML, emoji and right-to-left text as text, with dir="auto"', async () => {
    const title = '<img src=x onerror="alert(1)"> Résumé 🎉';
    const { h, id } = open({ start: true, title });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    const itemId = current(h, id).id;
    act(() => {
      serviceCall(h.library, 'agenda.update', { meetingId: id, itemId, changes: { title: 'مراجعة الأسعار <b>bold</b>' } });
      serviceCall(h.library, 'decisions.add', {
        meetingId: id,
        itemId,
        decision: { text: '<script>alert(1)</script> שלום 🚀', owner: '<i>Ben</i>' },
      });
    });
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe(title);
    await waitFor(() => expect(itemHeading()).toBe('مراجعة الأسعار <b>bold</b>'));
    expect(document.querySelector('.item-view .item-title')!.getAttribute('dir')).toBe('auto');
    const decision = screen.getByText('<script>alert(1)</script> שלום 🚀');
    expect(decision.getAttribute('dir')).toBe('auto');
    expect(screen.getByText('<i>Ben</i>')).toBeTruthy();
    expect(document.querySelector('main img, main b, main i, main script')).toBeNull();

    const typed = 'يؤثر على العميل 👍 <u>x</u>';
    await user.type(answerBox(), typed);
    await waitFor(() => expect(current(h, id).answer?.text).toBe(typed));
    expect(answerBox().getAttribute('dir')).toBe('auto');
  });
});

describe('keyboard', () => {
  it('N, P, C, 1-5, D and ? work, and never while typing or with a modifier', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    const firstId = current(h, id).id;
    act(() => {
      serviceCall(h.library, 'chair.answer', { meetingId: id, itemId: firstId, changes: { text: 'Clearer tiers' } });
    });
    (document.activeElement as HTMLElement | null)?.blur();

    await user.keyboard('{Control>}n{/Control}');
    await user.keyboard('{Alt>}n{/Alt}');
    await sleep(50);
    expect(current(h, id).id).toBe(firstId);
    await user.keyboard('n');
    await waitFor(() => expect(itemHeading()).toBe('Trial length'));
    await user.keyboard('p');
    await waitFor(() => expect(itemHeading()).toBe('New tiers'));

    await user.keyboard('c');
    expect(document.activeElement).toBe(answerBox());
    await user.keyboard(' np3');
    expect(answerBox().value).toBe('Clearer tiers np3');
    expect(current(h, id).id).toBe(firstId);
    // Escape leaves the text for the answer's controls, where 1-5 set the direction.
    await user.keyboard('{Escape}');
    expect(document.activeElement?.classList.contains('chair-answer')).toBe(true);
    await user.keyboard('3');
    await waitFor(() => expect(current(h, id).answer?.direction).toBe('mixed'));
    expect((within(chair()).getByRole('radio', { name: 'Mixed' }) as HTMLInputElement).checked).toBe(true);
    expect(current(h, id).answer?.text).toBe('Clearer tiers np3');

    // With focus on a direction radio, 5 sets "unknown", which raises a follow-up with an owner to set.
    within(chair()).getByRole('radio', { name: 'Mixed' }).focus();
    await user.keyboard('5');
    await waitFor(() => expect(stored(h, id).followUps).toHaveLength(1));
    expect(document.activeElement).toBe(within(chair()).getByRole('radio', { name: 'Unknown' }));
    const followUpOwner = await within(chair()).findByRole('combobox', { name: 'Follow-up owner' });
    expect((followUpOwner as HTMLInputElement).value).toBe('Ben');
    expect(within(chair()).getByText('Find out from customers: New tiers')).toBeTruthy();
    await user.clear(followUpOwner);
    await user.type(followUpOwner, 'Chloé');
    await waitFor(() => expect(stored(h, id).followUps[0]!.owner).toBe('Chloé'));

    // D opens the decision form; Enter saves; focus comes back to Log decision.
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('d');
    const text = screen.getByRole('textbox', { name: 'Decision' });
    expect(document.activeElement).toBe(text);
    await user.keyboard('Two tiers, not three{Enter}');
    await waitFor(() => expect(current(h, id).decisions).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log decision' })));
    // 1-5 in a decision row set that decision's direction.
    // The row appears when the screen has the new meeting (the call's answer or its event), which may follow the focus.
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('[data-decision-id]');
      expect(found).not.toBeNull();
      return found!;
    });
    within(row).getByRole('button', { name: 'Edit' }).focus();
    await user.keyboard('1');
    await waitFor(() => expect(current(h, id).decisions[0]!.direction).toBe('helps'));

    await user.keyboard('?');
    const shortcuts = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(shortcuts.textContent).toContain('Previous item');
    await user.keyboard('n'); // a dialog is open: nothing moves
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(current(h, id).id).toBe(firstId);
  });
});

describe('decisions', () => {
  it('creates one tag on a double click of "Create tag", while the first is still on its way', async () => {
    const { h } = open({ start: true }, { latencyMs: 40 });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    await user.click(screen.getByRole('button', { name: 'Log decision' }));
    await user.type(screen.getByRole('combobox', { name: 'Customer-impact tags' }), 'Invoice clarity');
    await user.dblClick(screen.getByRole('option', { name: 'Create tag “Invoice clarity”' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove tag Invoice clarity' })).toBeTruthy());
    expect(h.calls.filter((call) => call.method === 'tags.create')).toHaveLength(1);
    expect(h.library.service.library().tags.filter((tag) => tag.label === 'Invoice clarity')).toHaveLength(1);
  });

  it('refuses an empty one at the field, tags with built-in and new tags, edits, removes and undoes, filters', async () => {
    const { h, id } = open({ start: true });
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next item' });
    await user.click(screen.getByRole('button', { name: 'Log decision' }));
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    const text = screen.getByRole('textbox', { name: 'Decision' });
    await waitFor(() => expect(text.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(text.getAttribute('aria-describedby')!)!.textContent).toBe('Decision must not be empty.');
    expect(current(h, id).decisions).toHaveLength(0);

    await user.type(text, 'Keep the free tier');
    await user.type(screen.getByRole('combobox', { name: 'Owner' }), 'Ben');
    fireEvent.change(screen.getByLabelText('Due date (optional)'), { target: { value: '2026-12-01' } });
    await user.click(within(screen.getByRole('group', { name: 'Customer impact' })).getByRole('radio', { name: 'Helps' }));
    const tags = screen.getByRole('combobox', { name: 'Customer-impact tags' });
    await user.type(tags, 'pric');
    expect(within(screen.getByRole('listbox')).getByRole('option', { name: 'pricing' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    await user.type(tags, 'Invoice clarity');
    expect(screen.getByRole('option', { name: 'Create tag “Invoice clarity”' })).toBeTruthy();
    // Enter alone creates nothing; choosing "Create tag" does.
    await user.keyboard('{Enter}');
    expect(h.library.service.library().tags.some((tag) => tag.label === 'Invoice clarity')).toBe(false);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove tag Invoice clarity' })).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Remove tag pricing' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(current(h, id).decisions).toHaveLength(1));
    const custom = h.library.service.library().tags.find((tag) => tag.label === 'Invoice clarity')!;
    expect(custom.builtIn).toBe(false);
    expect(current(h, id).decisions[0]).toMatchObject({
      text: 'Keep the free tier',
      owner: 'Ben',
      dueDate: '2026-12-01',
      direction: 'helps',
    });
    expect(current(h, id).decisions[0]!.tags.map((tag) => tag.tagId)).toEqual(['pricing', custom.id]);

    // A second one, then edit the first: text and tags.
    await user.click(screen.getByRole('button', { name: 'Log decision' }));
    await user.type(screen.getByRole('textbox', { name: 'Decision' }), 'Raise Pro by 5%{Enter}');
    await waitFor(() => expect(current(h, id).decisions).toHaveLength(2));
    await user.click(screen.getAllByRole('button', { name: 'Edit' })[0]!);
    const editText = screen.getByRole('textbox', { name: 'Decision' });
    await user.clear(editText);
    await user.type(editText, 'Keep the free tier, capped');
    await user.click(screen.getByRole('button', { name: 'Remove tag pricing' }));
    const callsBeforeSave = h.calls.length;
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(current(h, id).decisions[0]!.text).toBe('Keep the free tier, capped'));
    await waitFor(() => expect(current(h, id).decisions[0]!.tags.map((tag) => tag.tagId)).toEqual([custom.id]));
    // The tags went in one atomic call, not one tag/untag call each.
    const saveCalls = h.calls.slice(callsBeforeSave).map((c) => c.method);
    expect(saveCalls.filter((method) => method.startsWith('decisions.'))).toEqual(['decisions.update', 'decisions.setTags']);

    // Remove the first; Undo puts it back in its place.
    const first = current(h, id).decisions[0]!;
    await user.click(screen.getAllByRole('button', { name: 'Remove' })[0]!);
    await waitFor(() => expect(current(h, id).decisions.map((d) => d.text)).toEqual(['Raise Pro by 5%']));
    const toast = screen.getByRole('status');
    expect(toast.textContent).toContain('Decision removed');
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(current(h, id).decisions.map((d) => d.id)).toEqual([first.id, expect.any(String)]));
    expect(current(h, id).decisions[0]).toEqual(first);

    // The meeting-wide list, filtered by tag and by direction.
    await user.click(screen.getByRole('tab', { name: 'Decisions (2)' }));
    const list = screen.getByRole('tabpanel');
    expect(
      within(list)
        .getAllByRole('listitem')
        .filter((li) => li.classList.contains('decision-row')),
    ).toHaveLength(2);
    await user.selectOptions(within(list).getByRole('combobox', { name: 'Tag' }), custom.id);
    expect(within(list).getByText('Keep the free tier, capped')).toBeTruthy();
    expect(within(list).queryByText('Raise Pro by 5%')).toBeNull();
    await user.selectOptions(within(list).getByRole('combobox', { name: 'Tag' }), '');
    await user.selectOptions(within(list).getByRole('combobox', { name: 'Direction' }), 'unknown');
    expect(within(list).getByText('Raise Pro by 5%')).toBeTruthy();
    expect(within(list).queryByText('Keep the free tier, capped')).toBeNull();
    await user.selectOptions(within(list).getByRole('combobox', { name: 'Direction' }), 'hurts');
    expect(within(list).getByText('No decisions match these filters.')).toBeTruthy();
  });
});

describe('personas and first run', () => {
  it('creates, edits and deletes personas; a persona in a meeting cannot be deleted, and the page says why', async () => {
    const { h } = open();
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Start meeting' });
    await user.click(screen.getByRole('link', { name: 'Personas' }));
    await screen.findByRole('heading', { level: 1, name: 'Personas' });
    expect(window.location.hash).toBe('#/personas');

    await user.type(screen.getByRole('textbox', { name: 'Persona name' }), 'Finance lead');
    await user.type(screen.getByRole('textbox', { name: 'Needs' }), 'Monthly invoice');
    await user.click(screen.getByRole('button', { name: 'Add persona' }));
    await screen.findByRole('heading', { level: 2, name: 'Finance lead' });

    await user.click(screen.getByRole('button', { name: 'Edit Finance lead' }));
    const name = screen.getAllByRole('textbox', { name: 'Persona name' })[0]!;
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save persona' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    await user.type(name, 'CFO');
    await user.click(screen.getByRole('button', { name: 'Save persona' }));
    await screen.findByRole('heading', { level: 2, name: 'CFO' });
    expect(h.library.service.library().personas.find((p) => p.name === 'CFO')?.needs).toEqual(['Monthly invoice']);

    await user.click(screen.getByRole('button', { name: 'Delete Small agency owner' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete Small agency owner?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/sits in the chair of 1 meeting \("Pricing page review"\)/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(h.library.service.library().personas).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Delete CFO' }));
    dialog = screen.getByRole('dialog', { name: 'Delete CFO?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2, name: 'CFO' })).toBeNull());
    expect(h.library.service.library().personas).toHaveLength(2);
  });

  it('offers a sample meeting on first run and opens it', async () => {
    const h = renderApp();
    harness = h;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Try a sample meeting' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Sample: Q3 pricing and onboarding review' });
    expect(heading).toBeTruthy();
    expect(within(chair()).getByRole('checkbox', { name: 'Priya Natarajan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start meeting' })).toBeTruthy();
    expect(h.library.service.library().meetings).toHaveLength(1);
  });

  it('opens a running meeting in the runner when the app starts', async () => {
    let seeded!: Seed;
    const h = renderApp((library) => {
      seeded = seed(library, { start: true });
      serviceCall(library, 'meetings.next', { id: seeded.meeting.id, skip: true });
    });
    harness = h;
    await screen.findByRole('button', { name: 'Next item' });
    expect(window.location.hash).toBe(`#/meetings/${seeded.meeting.id}`);
    expect(itemHeading()).toBe('Trial length');
  });
});
