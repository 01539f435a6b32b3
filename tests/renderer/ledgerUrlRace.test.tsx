/**
 * The ledger's search lives in the URL, and the page writes it there after each render. Those
 * writes come back as the route a render later; they must never be mistaken for a URL changed
 * from outside. CI once clicked a filter in the moment between the typing delay's end and its
 * render: the page took its own older URL back, put the cleared words back in the search box,
 * and lost the click. These tests make that moment happen on purpose, and then a real one.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import type { Meeting, Tag } from '../../shared/domain';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

function seed(library: Harness['library']) {
  const pricing = serviceCall(library, 'tags.create', { label: 'pricing' }) as Tag;
  const meeting = serviceCall(library, 'meetings.create', {
    title: 'March planning',
    scheduledAt: '2026-03-09T10:00:00.000Z',
    agenda: [{ title: 'Price rise' }, { title: 'Refunds' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: meeting.id });
  const add = (itemIndex: number, decision: Record<string, unknown>) =>
    serviceCall(library, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[itemIndex]!.id, decision });
  add(0, { text: 'Raise the price of the team plan', direction: 'hurts', tagIds: [pricing.id] });
  add(1, { text: 'Refunds within 30 days without questions', direction: 'helps' });
}

const searchBox = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search decisions' });
const helps = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'Helps' });
const results = () =>
  screen
    .queryAllByRole('link')
    .filter((link) => link.classList.contains('ledger-link'))
    .map((link) => link.textContent);

async function openWithWords(words: string) {
  window.history.replaceState(null, '', '/#/ledger');
  harness = renderApp(seed);
  const user = userEvent.setup();
  await user.type(await screen.findByRole('searchbox', { name: 'Search decisions' }), words);
  await waitFor(() => expect(window.location.hash).toBe(`#/ledger?q=${words}`));
  await waitFor(() => expect(results()).toEqual(['Raise the price of the team plan']));
  return user;
}

it("a filter clicked between the typing delay's render and its URL write keeps the click and the cleared words", async () => {
  await openWithWords('price');
  // The render that applies the cleared words removes "Clear search and filters". Click the filter
  // right after that render, before its effects write the URL (outside act(), so React schedules
  // its work as in a browser).
  let clicked = false;
  const observer = new MutationObserver(() => {
    if (clicked || screen.queryByRole('button', { name: 'Clear search and filters' })) return;
    clicked = true;
    helps().click();
  });
  observer.observe(screen.getByRole('search', { name: 'Decisions' }), { childList: true, subtree: true });
  const actFlag = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  actFlag.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    fireEvent.change(searchBox(), { target: { value: '' } });
    await waitFor(() => expect(clicked).toBe(true));
    await waitFor(() => expect(window.location.hash).toBe('#/ledger?dir=helps'));
    await waitFor(() => expect(results()).toEqual(['Refunds within 30 days without questions']));
  } finally {
    observer.disconnect();
    actFlag.IS_REACT_ACT_ENVIRONMENT = true;
  }
  expect(helps().checked).toBe(true);
  expect(searchBox().value).toBe('');
});

it('a URL changed from outside (the header link, Back) is still taken up', async () => {
  const user = await openWithWords('price');
  await user.click(helps());
  await waitFor(() => expect(window.location.hash).toBe('#/ledger?q=price&dir=helps'));
  // The header's Ledger link: a new URL, from outside the page.
  await user.click(screen.getByRole('navigation', { name: 'Main' }).querySelector<HTMLAnchorElement>('a[href="#/ledger"]')!);
  await waitFor(() => expect(searchBox().value).toBe(''));
  expect(helps().checked).toBe(false);
  await waitFor(() => expect(results().sort()).toEqual(['Raise the price of the team plan', 'Refunds within 30 days without questions']));
  expect(window.location.hash).toBe('#/ledger');
  // Back: the search before the link.
  window.history.back();
  await waitFor(() => expect(searchBox().value).toBe('price'));
  expect(helps().checked).toBe(true);
  expect(await screen.findByText('No decision matches this search.')).toBeTruthy();
  expect(window.location.hash).toBe('#/ledger?q=price&dir=helps');
});

it('takes up the URL its hashchange names, even when the page has written its own since', async () => {
  const user = await openWithWords('price');
  await user.click(helps());
  await waitFor(() => expect(window.location.hash).toBe('#/ledger?q=price&dir=helps'));
  // The header link's event, arriving after the page wrote its own URL (the typing delay ended meanwhile).
  act(() => {
    window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: window.location.href, newURL: `${window.location.origin}/#/ledger` }));
  });
  await waitFor(() => expect(searchBox().value).toBe(''));
  expect(helps().checked).toBe(false);
  await waitFor(() => expect(window.location.hash).toBe('#/ledger'));
});
