/**
 * The dashboard against the real service: meetings run through the API show up as chair coverage
 * per week, decisions per week by direction, by tag and by persona, each chart an image with its
 * numbers in words and in a table; dates narrow it; empty ranges say what to do.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { weekLabel } from '../../renderer/src/features/dashboard/charts';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

function open(setup?: (library: Harness['library']) => void) {
  window.history.replaceState(null, '', '/#/dashboard');
  harness = renderApp(setup);
  return harness;
}

/**
 * Week of Nov 2: one meeting, two items discussed, one answered (helps, for the buyer): 50%;
 * decisions: helps + hurts, both tagged "pricing". Week of Nov 9: one item, answered (hurts, for
 * the admin): 100%; one untagged "unknown" decision. A planned meeting in December, which never ran
 * and so counts nowhere.
 */
function seed(library: Harness['library']) {
  const buyer = serviceCall(library, 'personas.create', { name: 'First-time buyer' }) as Persona;
  const admin = serviceCall(library, 'personas.create', { name: 'IT admin' }) as Persona;
  const pricing = serviceCall(library, 'tags.create', { label: 'pricing' }) as Tag;

  const first = serviceCall(library, 'meetings.create', {
    title: 'First',
    scheduledAt: '2026-11-03T10:00:00.000Z',
    personaIds: [buyer.id],
    agenda: [{ title: 'Checkout' }, { title: 'Emails' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: first.id });
  const [a, b] = first.agenda;
  serviceCall(library, 'chair.answer', {
    meetingId: first.id,
    itemId: a!.id,
    changes: { text: 'Faster checkout', direction: 'helps', personaIds: [buyer.id] },
  });
  serviceCall(library, 'decisions.add', {
    meetingId: first.id,
    itemId: a!.id,
    decision: { text: 'One-page checkout', direction: 'helps', tagIds: [pricing.id] },
  });
  serviceCall(library, 'decisions.add', {
    meetingId: first.id,
    itemId: a!.id,
    decision: { text: 'Charge for express', direction: 'hurts', tagIds: [pricing.id] },
  });
  serviceCall(library, 'meetings.next', { id: first.id });
  serviceCall(library, 'meetings.end', { id: first.id, skip: true });
  void b;

  const second = serviceCall(library, 'meetings.create', {
    title: 'Second',
    scheduledAt: '2026-11-11T10:00:00.000Z',
    personaIds: [admin.id],
    agenda: [{ title: 'Audit log' }],
  }) as Meeting;
  serviceCall(library, 'meetings.start', { id: second.id });
  const item = second.agenda[0]!;
  serviceCall(library, 'chair.answer', { meetingId: second.id, itemId: item.id, changes: { text: 'Less visibility', direction: 'hurts' } });
  serviceCall(library, 'decisions.add', {
    meetingId: second.id,
    itemId: item.id,
    decision: { text: 'Ask customers', direction: 'unknown' },
  });
  serviceCall(library, 'meetings.end', { id: second.id });

  serviceCall(library, 'meetings.create', { title: 'Later', scheduledAt: '2026-12-01T10:00:00.000Z', agenda: [{ title: 'Not yet' }] });
}

const total = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling!.textContent;
const section = (name: string) => screen.getByRole('region', { name });
const chart = (name: string) => within(section(name)).getByRole('img');
/** The table under a chart (in a closed <details>: read from the DOM, not the accessibility tree). */
const tableRows = (name: string) =>
  [...section(name).querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('dashboard', () => {
  it('says what to do when there are no meetings', async () => {
    open();
    expect(await screen.findByText('No meetings held yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to meetings' })).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('charts coverage per week, decisions per week, by tag and by persona, with the numbers in words and tables', async () => {
    open(seed);
    await screen.findByText('Chair coverage', { selector: 'dt' });
    expect(total('Meetings')).toBe('2'); // the planned meeting never ran
    expect(total('Decisions')).toBe('3');
    expect(total('Items discussed')).toBe('3');
    expect(total('Chair coverage')).toBe('67%');

    const nov2 = weekLabel('2026-11-02');
    const nov9 = weekLabel('2026-11-09');
    const coverage = chart('Chair coverage per week');
    expect(coverage.getAttribute('aria-label')).toContain(`week of ${nov2}: 50% (1 of 2 items)`);
    expect(coverage.getAttribute('aria-label')).toContain(`week of ${nov9}: 100% (1 of 1 item)`);
    // The numbers are printed on the chart, not only in its label.
    const printed = [...coverage.querySelectorAll('text.dash-value')].map((text) => text.textContent);
    expect(printed).toEqual(['50%', '100%']);
    expect(tableRows('Chair coverage per week')[0]).toEqual([nov2, '2', '1', '50%']);
    expect(section('Evidence coverage').textContent).toContain('0 of 3 decisions cite customer evidence (0%).');

    const weekly = chart('Decisions per week by impact direction');
    expect(weekly.getAttribute('aria-label')).toContain(`week of ${nov2}: 2 decisions (1 helps, 1 hurts)`);
    expect(weekly.getAttribute('aria-label')).toContain(`week of ${nov9}: 1 decision (1 unknown)`);
    expect(within(section('Decisions per week by impact direction')).getByRole('list', { name: 'Legend' }).textContent).toContain('Mixed');

    expect(chart('Decisions by tag').getAttribute('aria-label')).toContain('pricing: 2 decisions (1 helps, 1 hurts)');
    expect(tableRows('Decisions by tag')).toEqual([['pricing', '1', '1', '0', '0', '0', '2']]);

    const personas = chart('The chair’s answers by persona');
    expect(personas.getAttribute('aria-label')).toContain('First-time buyer: 1 answer (1 helps), net +1');
    expect(personas.getAttribute('aria-label')).toContain('IT admin: 1 answer (1 hurts), net -1');
    expect(tableRows('The chair’s answers by persona')).toEqual([
      ['First-time buyer', '1', '0', '0', '0', '0', '1', '+1'],
      ['IT admin', '0', '1', '0', '0', '0', '1', '-1'],
    ]);
  });

  it('narrows to a date range, and says so when the range holds no meeting', async () => {
    const h = open(seed);
    await screen.findByText('Chair coverage', { selector: 'dt' });
    await userEvent.type(screen.getByLabelText('Meetings from'), '2026-11-09');
    await userEvent.type(screen.getByLabelText('to'), '2026-11-15');
    await waitFor(() => expect(total('Meetings')).toBe('1'));
    expect(total('Chair coverage')).toBe('100%');
    expect(h.calls.filter((call) => call.method === 'dashboard.get').at(-1)!.input).toEqual({ from: '2026-11-09', to: '2026-11-15' });

    await userEvent.clear(screen.getByLabelText('Meetings from'));
    await userEvent.type(screen.getByLabelText('Meetings from'), '2026-11-20');
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The “from” date is after the “to” date. Choose dates in order.',
    );

    await userEvent.clear(screen.getByLabelText('to'));
    await userEvent.type(screen.getByLabelText('to'), '2026-11-25');
    expect(await screen.findByText('No meetings held in these dates.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'All dates' }));
    await waitFor(() => expect(total('Meetings')).toBe('2'));
  });

  it('shows empty charts as sentences: a meeting held without decisions or answers', async () => {
    open((library) => {
      const quiet = serviceCall(library, 'meetings.create', {
        title: 'Quiet',
        scheduledAt: '2026-11-03T10:00:00.000Z',
        agenda: [{ title: 'Only' }],
      }) as Meeting;
      serviceCall(library, 'meetings.start', { id: quiet.id });
    });
    await screen.findByText('Chair coverage', { selector: 'dt' });
    expect(total('Chair coverage')).toBe('0%');
    expect(within(section('Decisions by tag')).getByText('No decisions logged in these meetings yet.')).toBeTruthy();
    expect(
      within(section('The chair’s answers by persona')).getByText('No answers to the chair’s question in these meetings yet.'),
    ).toBeTruthy();
    expect(within(section('Decisions by tag')).queryByRole('img')).toBeNull();
    expect(within(section('The chair’s answers by persona')).queryByRole('img')).toBeNull();
  });

  it('words counts of one in the singular (Intl.PluralRules): one item, one decision, no tag', async () => {
    open((library) => {
      const single = serviceCall(library, 'meetings.create', {
        title: 'Single',
        scheduledAt: '2026-11-03T10:00:00.000Z',
        agenda: [{ title: 'Only' }],
      }) as Meeting;
      serviceCall(library, 'meetings.start', { id: single.id });
      const item = single.agenda[0]!;
      serviceCall(library, 'decisions.add', { meetingId: single.id, itemId: item.id, decision: { text: 'Ship it', direction: 'helps' } });
    });
    await screen.findByText('Chair coverage', { selector: 'dt' });
    const nov2 = weekLabel('2026-11-02');
    const coverage = chart('Chair coverage per week');
    expect(coverage.getAttribute('aria-label')).toContain(`week of ${nov2}: 0% (0 of 1 item)`);
    expect(coverage.querySelector('title')!.textContent).toBe(`Week of ${nov2}: 0%, 0 of 1 item covered`);
    expect(chart('Decisions per week by impact direction').getAttribute('aria-label')).toContain(`week of ${nov2}: 1 decision (1 helps)`);
    expect(section('Evidence coverage').textContent).toContain('0 of 1 decision cite customer evidence (0%).');
    expect(within(section('Decisions by tag')).getByText('This decision has no tag.')).toBeTruthy();
    expect(section('Decisions by tag').textContent).not.toMatch(/None of these|1 decisions|1 items/);
  });

  it('counts a planned meeting only once it has started', async () => {
    let planned: Meeting | undefined;
    const h = open((library) => {
      planned = serviceCall(library, 'meetings.create', {
        title: 'Planned',
        scheduledAt: '2026-11-03T10:00:00.000Z',
        agenda: [{ title: 'Only' }],
      }) as Meeting;
    });
    expect(await screen.findByText('No meetings held yet.')).toBeTruthy();
    serviceCall(h.library, 'meetings.start', { id: planned!.id });
    await waitFor(() => expect(total('Meetings')).toBe('1'));
  });

  it('lets the keyboard scroll a chart of many weeks; a few weeks need no scroller', async () => {
    open((library) => {
      for (let week = 0; week < 20; week++) {
        const day = new Date(Date.UTC(2026, 0, 5 + week * 7, 10)).toISOString();
        const meeting = serviceCall(library, 'meetings.create', {
          title: `Week ${week}`,
          scheduledAt: day,
          agenda: [{ title: 'Item' }],
        }) as Meeting;
        serviceCall(library, 'meetings.start', { id: meeting.id });
      }
    });
    await screen.findByText('Chair coverage', { selector: 'dt' });
    expect(chart('Chair coverage per week').querySelectorAll('text.dash-value')).toHaveLength(20);
    const scroller = within(section('Chair coverage per week')).getByRole('group', { name: 'Chair coverage per week (scrolls sideways)' });
    expect(scroller.tabIndex).toBe(0);
    harness?.close();
    harness = undefined;
    open(seed);
    await screen.findByText('Chair coverage', { selector: 'dt' });
    expect(section('Chair coverage per week').querySelector('.dash-scroll[tabindex]')).toBeNull();
  });

  it('updates when a meeting changes elsewhere', async () => {
    const h = open((library) => {
      const quiet = serviceCall(library, 'meetings.create', {
        title: 'Quiet',
        scheduledAt: '2026-11-03T10:00:00.000Z',
        agenda: [{ title: 'Only' }],
      }) as Meeting;
      serviceCall(library, 'meetings.start', { id: quiet.id });
    });
    await screen.findByText('Chair coverage', { selector: 'dt' });
    const another = serviceCall(h.library, 'meetings.create', {
      title: 'Another',
      scheduledAt: '2026-11-04T10:00:00.000Z',
      agenda: [{ title: 'Only' }],
    }) as Meeting;
    serviceCall(h.library, 'meetings.start', { id: another.id });
    await waitFor(() => expect(total('Meetings')).toBe('2'));
  });
});
