/**
 * The New meeting form's draft kept in localStorage is read back through the form's zod schema
 * (formDraftSchema.ts): a draft that parses fills the form; one that does not (tampered, written by
 * another version, cut short) is dropped with a notice saying why, and the form starts empty and
 * works. Through the real App on the real service.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { NEW_MEETING_DRAFT_KEY } from '../../renderer/src/features/meetings/useFormDraft';
import { renderApp, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

const row = (title: string, key = 'row-1') => ({ key, title, owner: 'Ben', timebox: '15', notes: '' });
const draft = (changes: Record<string, unknown> = {}) => ({
  title: 'Half-typed review',
  scheduledAt: '2026-12-01T10:00',
  lead: 'Ana',
  participants: 'Ben\nChloé',
  personaIds: [],
  agenda: [row('Annual plan')],
  ...changes,
});

/** Keeps `kept` as the draft (a string as it is, anything else as JSON), then opens New meeting. */
async function openNewWith(kept: unknown) {
  window.localStorage.setItem(NEW_MEETING_DRAFT_KEY, typeof kept === 'string' ? kept : JSON.stringify(kept));
  harness = renderApp();
  await userEvent.click(await screen.findByRole('button', { name: 'New meeting' }));
  await screen.findByRole('heading', { level: 1, name: 'New meeting' });
}

const title = () => screen.getByRole('textbox', { name: 'Title' });
const dropped = () => screen.queryByText(/could not be read back/);

describe('New meeting draft read back from localStorage', () => {
  it('a draft that parses fills the form, even two rows kept with the same key, and a title exactly at the limit', async () => {
    const full = 'T'.repeat(LIMITS.titleMax);
    await openNewWith(draft({ title: full, agenda: [row('Annual plan'), row('Trial length')] }));
    expect(title()).toHaveProperty('value', full);
    expect(screen.getByRole('textbox', { name: 'Item 1 title' })).toHaveProperty('value', 'Annual plan');
    expect(screen.getByRole('textbox', { name: 'Item 2 title' })).toHaveProperty('value', 'Trial length');
    expect(screen.getByText(/Restored what you typed here earlier/)).toBeTruthy();
    expect(dropped()).toBeNull();
    // Each row got a key of its own: typing in one changes that one only.
    await userEvent.type(screen.getByRole('textbox', { name: 'Item 2 title' }), ' (14 days)');
    expect(screen.getByRole('textbox', { name: 'Item 1 title' })).toHaveProperty('value', 'Annual plan');
    expect(screen.getByRole('textbox', { name: 'Item 2 title' })).toHaveProperty('value', 'Trial length (14 days)');
  });

  it.each([
    ['a title one past the limit', draft({ title: 'T'.repeat(LIMITS.titleMax + 1) }), /\(Title: must be at most 200 characters\)/],
    [
      'a timebox stored as a number',
      draft({ agenda: [{ ...row('Annual plan'), timebox: 15 }] }),
      /\(Agenda item 1 timebox: .*expected string/,
    ],
    ['a field the form does not have', draft({ owner: 'Mallory' }), /could not be read back/],
    ['a persona id that is no id', draft({ personaIds: ['../etc'] }), /\(Persona ids? 1: /],
    ['text that is not JSON', '{"title": "Half-typed', /not JSON/],
    ['JSON that is not a form', '[1, 2, 3]', /could not be read back/],
  ])('%s is dropped with a notice; the form starts empty and still works', async (_, kept, why) => {
    await openNewWith(kept);
    const notice = screen.getByText(/could not be read back/);
    expect(notice.closest('[role="status"]')).not.toBeNull();
    expect(notice.textContent).toMatch(why);
    expect(screen.queryByText(/Restored what you typed here earlier/)).toBeNull();
    expect(title()).toHaveProperty('value', '');
    expect(window.localStorage.getItem(NEW_MEETING_DRAFT_KEY)).toBeNull();
    // The form works: typing keeps a new, valid draft.
    await userEvent.type(title(), 'Fresh start');
    expect(JSON.parse(window.localStorage.getItem(NEW_MEETING_DRAFT_KEY)!)).toMatchObject({ title: 'Fresh start' });
  });
});
