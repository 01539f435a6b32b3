/**
 * The decision ledger screen against the real service: decisions logged through the API are found
 * by words, direction, tag, persona, owner and dates; the search lives in the URL; a result opens
 * its meeting at the decision (scrolled to and focused); empty states say what to do.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { parseLedgerQuery, ledgerQueryString, NO_FILTERS } from '../../renderer/src/features/ledger/ledgerQuery';
import { parseRoute, routeHash } from '../../renderer/src/app/useRoute';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

interface Seed {
  buyer: Persona;
  admin: Persona;
  pricing: Tag;
  running: Meeting;
  ended: Meeting;
}

function decide(library: Harness['library'], meeting: Meeting, itemIndex: number, decision: Record<string, unknown>): Meeting {
  return serviceCall(library, 'decisions.add', { meetingId: meeting.id, itemId: meeting.agenda[itemIndex]!.id, decision }) as Meeting;
}

/** Two meetings: an ended one in January (two decisions) and a running one in March (two decisions). */
function seed(library: Harness['library']): Seed {
  const buyer = serviceCall(library, 'personas.create', { name: 'First-time buyer' }) as Persona;
  const admin = serviceCall(library, 'personas.create', { name: 'IT admin' }) as Persona;
  const pricing = serviceCall(library, 'tags.create', { label: 'pricing' }) as Tag;
  let ended = serviceCall(library, 'meetings.create', {
    title: 'January review',
    scheduledAt: '2026-01-12T10:00:00.000Z',
    personaIds: [buyer.id],
    agenda: [{ title: 'Refund policy' }, { title: 'Onboarding emails' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: ended.id });
  decide(library, ended, 0, { text: 'Refunds within 30 days without questions', owner: 'Ana', direction: 'helps', tagIds: [pricing.id] });
  ended = decide(library, ended, 1, { text: 'Send fewer onboarding emails', owner: 'Ben', direction: 'mixed' });
  serviceCall(library, 'meetings.end', { id: ended.id, skip: true });
  ended = serviceCall(library, 'meetings.get', { id: ended.id }) as Meeting;

  let running = serviceCall(library, 'meetings.create', {
    title: 'March planning',
    scheduledAt: '2026-03-09T10:00:00.000Z',
    personaIds: [admin.id],
    agenda: [{ title: 'SSO' }, { title: 'Price rise' }, { title: 'Audit log' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: running.id });
  decide(library, running, 1, { text: 'Raise the price of the team plan', owner: 'Chloé', direction: 'hurts', tagIds: [pricing.id] });
  running = decide(library, running, 2, { text: 'Keep audit logs for a year', owner: 'Ana', direction: 'helps' });
  return { buyer, admin, pricing, running, ended };
}

function open(hash: string, setup?: (library: Harness['library']) => void) {
  window.history.replaceState(null, '', `/${hash}`);
  harness = renderApp(setup);
  return harness;
}

const results = () =>
  within(screen.getByRole('list', { name: 'Decisions found' }))
    .getAllByRole('link')
    .map((link) => link.textContent);
const count = () => screen.getByText(/\d+ decisions?( found)?$/);

describe('ledger query in the URL', () => {
  it('round-trips every filter and drops what is not valid', () => {
    const filters = {
      text: 'refund policy',
      tagIds: ['t1', 't2'],
      directions: ['hurts', 'helps'] as const,
      personaId: 'p1',
      owner: 'Ana',
      from: '2026-01-01',
      to: '2026-02-01',
      seriesIds: ['s1'],
      accounts: ['Acme Corp', 'Globex'],
      sourceIds: ['src1'],
      review: 'pending' as const,
    };
    const text = ledgerQueryString({ ...filters, directions: [...filters.directions] });
    expect(parseLedgerQuery(text)).toEqual({ ...filters, directions: ['helps', 'hurts'] });
    expect(parseLedgerQuery('tag=../x&dir=sideways&from=yesterday&persona=a%20b&review=later')).toEqual(NO_FILTERS);
    expect(ledgerQueryString(NO_FILTERS)).toBe('');
  });

  it('routes #/ledger?… and a meeting at a decision', () => {
    expect(parseRoute('#/ledger?q=x&dir=hurts')).toEqual({ name: 'ledger', query: 'q=x&dir=hurts' });
    expect(parseRoute('#/ledger')).toEqual({ name: 'ledger', query: '' });
    expect(parseRoute('#/meetings/m1?decision=d1')).toEqual({ name: 'meeting', id: 'm1', decisionId: 'd1' });
    expect(parseRoute('#/meetings/m1?decision=../x')).toEqual({ name: 'list' });
    expect(routeHash({ name: 'meeting', id: 'm1', decisionId: 'd1' })).toBe('#/meetings/m1?decision=d1');
  });
});

describe('decision ledger', () => {
  it('says what to do when no decision was logged yet', async () => {
    open('#/ledger');
    expect(await screen.findByText('No decisions logged yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to meetings' })).toBeTruthy();
  });

  it('lists every decision newest meeting first, with direction, tags, owner, meeting and date', async () => {
    open('#/ledger', seed);
    await waitFor(() => expect(results()).toHaveLength(4));
    expect(count().textContent).toBe('4 decisions');
    // The March meeting first.
    expect(results().slice(0, 2).sort()).toEqual(['Keep audit logs for a year', 'Raise the price of the team plan']);
    const row = screen.getByRole('link', { name: 'Raise the price of the team plan' }).closest('li')!;
    expect(row.textContent).toContain('Hurts');
    expect(row.textContent).toContain('Owner: Chloé');
    expect(row.textContent).toContain('March planning');
    expect(row.textContent).toContain('Item: Price rise');
    expect(within(row).getByRole('list', { name: 'Tags' }).textContent).toBe('pricing');
    expect(row.querySelector('time')!.getAttribute('datetime')).toBe('2026-03-09T10:00:00.000Z');
  });

  it('searches as you type and keeps the search in the URL', async () => {
    const h = open('#/ledger', seed);
    await waitFor(() => expect(results()).toHaveLength(4));
    const box = screen.getByRole('searchbox', { name: 'Search decisions' });
    await userEvent.type(box, 'refund');
    await waitFor(() => expect(results()).toEqual(['Refunds within 30 days without questions']));
    expect(count().textContent).toBe('1 decision found');
    expect(window.location.hash).toBe('#/ledger?q=refund');
    // Typing stays in the box: refining a search is not a new screen.
    expect(document.activeElement).toBe(box);
    // Debounced: far fewer searches than key presses.
    const searches = h.calls.filter((call) => call.method === 'ledger.search').length;
    expect(searches).toBeLessThan(1 + 'refund'.length);
  });

  it('filters by direction, tag, persona, owner and dates, and says so when nothing matches', async () => {
    open('#/ledger', seed);
    await waitFor(() => expect(results()).toHaveLength(4));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Helps' }));
    await waitFor(() => expect(results().sort()).toEqual(['Keep audit logs for a year', 'Refunds within 30 days without questions']));
    expect(window.location.hash).toBe('#/ledger?dir=helps');

    await userEvent.click(screen.getByText(/^Tags:/));
    await userEvent.click(screen.getByRole('checkbox', { name: 'pricing' }));
    await waitFor(() => expect(results()).toEqual(['Refunds within 30 days without questions']));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Helps' }));
    await waitFor(() => expect(results().sort()).toEqual(['Raise the price of the team plan', 'Refunds within 30 days without questions']));

    const persona = screen.getByRole('combobox', { name: 'Persona' });
    const admin = within(persona).getByRole('option', { name: 'IT admin' }) as HTMLOptionElement;
    await userEvent.selectOptions(persona, admin);
    await waitFor(() => expect(results()).toEqual(['Raise the price of the team plan']));
    await userEvent.selectOptions(persona, '');

    await userEvent.type(screen.getByRole('textbox', { name: 'Owner' }), 'ana');
    await waitFor(() => expect(results()).toEqual(['Refunds within 30 days without questions']));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Owner' }));

    const from = screen.getByLabelText('Meetings from');
    await userEvent.type(from, '2026-02-01');
    await waitFor(() => expect(results()).toEqual(['Raise the price of the team plan']));
    const to = screen.getByLabelText('Meetings to');
    await userEvent.type(to, '2026-02-28');
    expect(await screen.findByText('No decision matches this search.')).toBeTruthy();
    expect(count().textContent).toBe('0 decisions found');

    await userEvent.click(screen.getAllByRole('button', { name: 'Clear search and filters' }).at(-1)!);
    await waitFor(() => expect(results()).toHaveLength(4));
    expect(window.location.hash).toBe('#/ledger');
  });

  it('opens with the search a shared URL holds', async () => {
    open('#/ledger?q=price&dir=hurts', seed);
    await waitFor(() => expect(results()).toEqual(['Raise the price of the team plan']));
    expect((screen.getByRole('searchbox', { name: 'Search decisions' }) as HTMLInputElement).value).toBe('price');
    expect((screen.getByRole('checkbox', { name: 'Hurts' }) as HTMLInputElement).checked).toBe(true);
  });

  it('opens a running meeting at the decision: the decisions view, scrolled to it and focused', async () => {
    let seeded: Seed | undefined;
    open('#/ledger', (library) => {
      seeded = seed(library);
    });
    const link = await screen.findByRole('link', { name: 'Raise the price of the team plan' });
    const decisionId = seeded!.running.agenda[1]!.decisions[0]!.id;
    expect(link.getAttribute('href')).toBe(`#/meetings/${seeded!.running.id}?decision=${decisionId}`);
    await userEvent.click(link);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-decision-id')).toBe(decisionId));
    expect(window.location.hash).toBe(`#/meetings/${seeded!.running.id}?decision=${decisionId}`);
    expect(screen.getByRole('tab', { name: /Decisions/ }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement!.classList.contains('opened-target')).toBe(true);
  });

  it('opens an ended meeting at the decision', async () => {
    let seeded: Seed | undefined;
    open('#/ledger', (library) => {
      seeded = seed(library);
    });
    await userEvent.click(await screen.findByRole('link', { name: 'Send fewer onboarding emails' }));
    const decisionId = seeded!.ended.agenda[1]!.decisions[0]!.id;
    await waitFor(() => expect(document.activeElement?.getAttribute('data-decision-id')).toBe(decisionId));
    expect(document.activeElement!.textContent).toContain('Send fewer onboarding emails');
  });

  it('opens a planned meeting at the agenda item that holds the decision', async () => {
    let planned: Meeting | undefined;
    open('#/ledger', (library) => {
      planned = serviceCall(library, 'meetings.create', {
        title: 'Next week',
        scheduledAt: '2026-05-04T10:00:00.000Z',
        agenda: [{ title: 'First' }, { title: 'Second' }],
      }) as Meeting;
      planned = decide(library, planned, 1, { text: 'Decided ahead of the meeting' });
    });
    await userEvent.click(await screen.findByRole('link', { name: 'Decided ahead of the meeting' }));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-item-id')).toBe(planned!.agenda[1]!.id));
    expect(document.activeElement!.classList.contains('opened-target')).toBe(true);
    // The chair follows that item.
    expect(
      within(document.activeElement as HTMLElement)
        .getByRole('button', { name: 'Follow in chair' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('says so when the decision opened is gone', async () => {
    let seeded: Seed | undefined;
    open('#/', (library) => {
      seeded = seed(library);
    });
    window.location.hash = `#/meetings/${seeded!.ended.id}?decision=gone123`;
    expect(await screen.findByText('The decision you opened is no longer in this meeting.')).toBeTruthy();
  });

  it('shows 50 at a time; "Show more" adds the next page and moves focus to its first result', async () => {
    open('#/ledger', (library) => {
      const meeting = serviceCall(library, 'meetings.create', {
        title: 'Many decisions',
        scheduledAt: '2026-02-02T10:00:00.000Z',
        agenda: [{ title: 'One' }],
      }) as Meeting;
      for (let n = 1; n <= 60; n++) decide(library, meeting, 0, { text: `Decision number ${n}` });
    });
    await waitFor(() => expect(results()).toHaveLength(50));
    expect(screen.getByText('Showing 50 of 60.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await waitFor(() => expect(results()).toHaveLength(60));
    expect(document.activeElement).toBe(screen.getAllByRole('link').filter((link) => link.classList.contains('ledger-link'))[50]);
    expect(screen.queryByRole('button', { name: /Show \d+ more/ })).toBeNull();
  });

  it('filters by meeting series and by review; shows the series, the review date and how a decision turned out', async () => {
    open('#/ledger', (library) => {
      const weekly = serviceCall(library, 'series.create', { name: 'Weekly sync' }) as { id: string };
      serviceCall(library, 'series.create', { name: 'Quarterly review' });
      const inSeries = serviceCall(library, 'meetings.create', {
        title: 'Sync 1',
        scheduledAt: '2026-02-02T10:00:00.000Z',
        seriesId: weekly.id,
        agenda: [{ title: 'Pricing' }],
      }) as Meeting;
      const alone = serviceCall(library, 'meetings.create', {
        title: 'One-off',
        scheduledAt: '2026-02-03T10:00:00.000Z',
        agenda: [{ title: 'Misc' }],
      }) as Meeting;
      const reviewed = decide(library, inSeries, 0, { text: 'Cheaper starter plan', direction: 'helps', reviewDate: '2026-03-01' });
      decide(library, alone, 0, { text: 'Review the FAQ', direction: 'neutral', reviewDate: '2026-04-15' });
      decide(library, alone, 0, { text: 'No review needed', direction: 'neutral' });
      serviceCall(library, 'decisions.recordOutcome', {
        meetingId: inSeries.id,
        decisionId: reviewed.agenda[0]!.decisions[0]!.id,
        outcome: { direction: 'hurts' },
      });
    });
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(screen.getByText(/^Predictions held in 0 of 1 reviewed decision/)).toBeTruthy();
    const row = (text: string) => screen.getByRole('link', { name: text }).closest('li')!;
    expect(row('Cheaper starter plan').textContent).toContain('Series: Weekly sync');
    expect(row('Cheaper starter plan').textContent).toContain('Turned out: Hurts (predicted helps)');
    expect(row('Review the FAQ').querySelector('time[datetime="2026-04-15"]')).toBeTruthy();

    await userEvent.click(screen.getByText(/^Meeting series:/));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Weekly sync' }));
    await waitFor(() => expect(results()).toEqual(['Cheaper starter plan']));
    expect(window.location.hash).toMatch(/^#\/ledger\?series=/);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Weekly sync' }));

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Review' }), 'pending');
    await waitFor(() => expect(results()).toEqual(['Review the FAQ']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Review' }), 'reviewed');
    await waitFor(() => expect(results()).toEqual(['Cheaper starter plan']));
    expect(window.location.hash).toBe('#/ledger?review=reviewed');
  });

  it('shows decisions logged elsewhere without a reload', async () => {
    let seeded: Seed | undefined;
    const h = open('#/ledger', (library) => {
      seeded = seed(library);
    });
    await waitFor(() => expect(results()).toHaveLength(4));
    decide(h.library, seeded!.running, 0, { text: 'Support SAML and OIDC' });
    await waitFor(() => expect(results()).toContain('Support SAML and OIDC'));
  });
});
