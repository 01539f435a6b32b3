/**
 * The meeting impact summary screen against the real service: a meeting built through the API,
 * rendered by <MeetingSummary>, shows the coverage, groups, flagged order and follow-ups the
 * shared model computes, keeps user text as text, and prints (browser mode) or makes a PDF (desktop).
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../shared/api';
import type { Library, Meeting, Persona, Tag } from '../../shared/domain';
import { exportMeeting } from '../../shared/export';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { openTestLibrary, serviceValue } from './harness';
import { createClient } from '../../renderer/src/api/client';
import { ClientContext } from '../../renderer/src/app/clientContext';
import { MeetingSummary } from '../../renderer/src/features/summary/MeetingSummary';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((fn) => fn());
  delete window.emptyChairFiles;
  vi.restoreAllMocks();
});

const start = () => openTestLibrary(cleanups, 'empty-chair-summary-ui-');
const call = serviceValue;

function mount(library: OpenLibrary, meetingId: string, withLibrary?: Library) {
  const transport: Transport = {
    invoke: async (method, input) => dispatch(library.service, method, input),
    subscribe: (listener) => library.service.events.subscribe(listener),
  };
  return render(
    <ClientContext.Provider value={createClient(transport)}>
      <MeetingSummary meetingId={meetingId} library={withLibrary} />
    </ClientContext.Provider>,
  );
}

/**
 * Six items: answered (helps), answered (hurts), "no customer impact", skipped, answered
 * (unknown, which raises a follow-up), and one never reached. Four decisions, one per direction
 * but mixed, tagged with built-in and custom tags, one untagged.
 */
function buildMeeting(library: OpenLibrary) {
  const priya = call<Persona>(library, 'personas.create', { name: 'Priya Natarajan', segment: 'Operations manager' });
  const layla = call<Persona>(library, 'personas.create', { name: 'ليلى حداد', segment: 'Accountant' });
  const billing = call<Tag>(library, 'tags.create', { label: 'billing clarity' });
  const created = call<Meeting>(library, 'meetings.create', {
    title: 'Pricing page review',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    lead: 'Ana',
    participants: ['Ben', 'Dev'],
    personaIds: [priya.id, layla.id],
    agenda: [
      { title: 'New tiers' },
      { title: 'Trial length' },
      { title: 'Internal tooling' },
      { title: 'Office move' },
      { title: 'Migration of old plans' },
      { title: 'Never reached' },
    ],
  });
  const id = created.id;
  const [i1, i2, i3, , i5] = created.agenda.map((item) => item.id);
  call(library, 'meetings.start', { id });
  call(library, 'chair.answer', {
    meetingId: id,
    itemId: i1,
    changes: { text: 'Clearer choice for small teams', direction: 'helps', personaIds: [priya.id] },
  });
  call(library, 'decisions.add', {
    meetingId: id,
    itemId: i1,
    decision: { text: 'Launch three tiers', direction: 'helps', owner: 'Ben', dueDate: '2026-12-15', tagIds: ['pricing', 'onboarding'] },
  });
  call(library, 'meetings.next', { id });
  call(library, 'chair.answer', {
    meetingId: id,
    itemId: i2,
    changes: { text: 'Two weeks is too short for monthly payroll', direction: 'hurts', personaIds: [priya.id, layla.id] },
  });
  call(library, 'decisions.add', {
    meetingId: id,
    itemId: i2,
    decision: { text: 'Cut the trial to 14 days', direction: 'hurts', tagIds: ['pricing'] },
  });
  call(library, 'decisions.add', { meetingId: id, itemId: i2, decision: { text: 'Keep the free plan as it is', direction: 'neutral' } });
  call(library, 'meetings.next', { id });
  call(library, 'chair.noImpact', { meetingId: id, itemId: i3, reason: 'Internal refactor only; nothing a customer sees.' });
  call(library, 'meetings.next', { id });
  call(library, 'meetings.next', { id, skip: true });
  call(library, 'chair.answer', {
    meetingId: id,
    itemId: i5,
    changes: { text: 'Nobody knows yet', direction: 'unknown', personaIds: [layla.id] },
    followUpOwner: 'Dev',
  });
  call(library, 'decisions.add', {
    meetingId: id,
    itemId: i5,
    decision: { text: 'Migrate everyone in Q1', direction: 'unknown', tagIds: [billing.id] },
  });
  const ended = call<Meeting>(library, 'meetings.end', { id });
  const followUp = ended.followUps[0]!;
  call(library, 'followUps.update', { meetingId: id, followUpId: followUp.id, changes: { dueDate: '2026-11-30' } });
  return { id, priya, layla, billing };
}

const section = (name: RegExp | string) => screen.getByRole('region', { name });
const texts = (elements: HTMLElement[]) => elements.map((element) => element.textContent?.replace(/\s+/g, ' ').trim());

describe('<MeetingSummary>', () => {
  it('shows chair coverage as a big number with what it means, and the counts behind it', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    expect(await screen.findByRole('heading', { level: 1, name: 'Pricing page review' })).toBeTruthy();
    const coverage = section('Chair coverage');
    // Five items discussed (the sixth never was): three answered and one "no impact" cover four.
    expect(within(coverage).getByText('80%').className).toBe('sum-big-number');
    expect(within(coverage).getByText('4 of 5 discussed items covered')).toBeTruthy();
    expect(coverage.textContent).toMatch(/answered “How does this affect the customer\?” or marked the item “no\s+customer impact”/);
    const counts = Object.fromEntries(
      within(coverage)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(counts).toEqual({ Answered: '3', 'No customer impact': '1', Skipped: '1', 'Not answered': '0', 'Not discussed': '1' });
  });

  it('shows the chair’s answer per item: direction, severity, personas, who and when; reasons and skips', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    const list = await screen.findByRole('list', { name: 'The chair’s answers by agenda item' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('h3')?.textContent?.replace(/\s+/g, ' '))).toEqual([
      '1. New tiers · Answered',
      '2. Trial length · Answered',
      '3. Internal tooling · No customer impact',
      '4. Office move · Skipped on purpose',
      '5. Migration of old plans · Answered',
    ]);
    const trial = items[1]!;
    expect(trial.textContent).toContain('Two weeks is too short for monthly payroll');
    expect(trial.querySelector('.sum-badge')?.textContent).toBe('Impact: Hurts');
    expect(trial.textContent).toContain('⚑ Flagged: hurts customers');
    expect(trial.textContent).toContain('For: Priya Natarajan, ليلى حداد');
    expect(trial.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(items[2]!.textContent).toContain('No customer impact: Internal refactor only; nothing a customer sees.');
    expect(items[3]!.textContent).toContain('Moved past without an answer.');
    expect(items.filter((li) => li.className.includes('sum-answer-flagged'))).toHaveLength(2);
    expect(section('How does this affect the customer? 5 items discussed, 2 flagged')).toBeTruthy();
  });

  it('flags hurts and unknown answers even when no decision is flagged', async () => {
    const library = start();
    const created = call<Meeting>(library, 'meetings.create', {
      title: 'Answers only',
      scheduledAt: '2026-11-24T09:30:00.000Z',
      agenda: [{ title: 'One' }, { title: 'Two' }],
    });
    const [one, two] = created.agenda.map((item) => item.id);
    call(library, 'meetings.start', { id: created.id });
    call(library, 'chair.answer', {
      meetingId: created.id,
      itemId: one,
      changes: { text: 'Worse for admins', direction: 'hurts', severity: 2 },
    });
    call(library, 'decisions.add', { meetingId: created.id, itemId: one, decision: { text: 'Ship it anyway', direction: 'helps' } });
    call(library, 'meetings.next', { id: created.id });
    call(library, 'chair.answer', { meetingId: created.id, itemId: two, changes: { text: 'No idea', direction: 'unknown' } });
    mount(library, created.id);

    const glance = await screen.findByRole('region', { name: 'At a glance' });
    const tiles = Object.fromEntries(
      within(glance)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(tiles).toMatchObject({ 'Flagged decisions (hurts or unknown)': '0', 'Flagged answers (hurts or unknown)': '2' });
    expect(
      screen.getByText(/No decision hurts customers or has an unknown impact, but the chair answered Hurts or Unknown on 2 items/),
    ).toBeTruthy();
    expect(screen.getByText('Severity 2 of 3')).toBeTruthy();
  });

  it('lists every decision with the flagged ones first: hurts, then unknown, then agenda order', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    const list = await screen.findByRole('list', { name: 'Decisions, flagged first' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === list);
    expect(items.map((li) => li.querySelector('.sum-decision-text')?.textContent)).toEqual([
      'Cut the trial to 14 days',
      'Migrate everyone in Q1',
      'Launch three tiers',
      'Keep the free plan as it is',
    ]);
    expect(items.map((li) => li.querySelector('.sum-flag')?.textContent ?? null)).toEqual([
      '⚑ Flagged: hurts customers',
      '⚑ Flagged: impact unknown',
      null,
      null,
    ]);
    // The direction is written, not only coloured.
    expect(items.map((li) => li.querySelector('.sum-badge')?.textContent)).toEqual([
      'Impact: Hurts',
      'Impact: Unknown',
      'Impact: Helps',
      'Impact: Neutral',
    ]);
    expect(section(/^Decisions, flagged first/).textContent).toContain('4 decisions, 2 flagged');
    expect(items[2]!.textContent).toContain('Owner: Ben');
    expect(items[2]!.textContent).toContain('Item 1: New tiers');
    expect(items[2]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-15');
    expect(texts(within(items[2]!).getAllByRole('listitem'))).toEqual(['pricing', 'onboarding']);
  });

  it('groups decisions by direction (every direction, empty ones at 0) and by tag (most used first, then untagged)', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    const byDirection = await screen.findByRole('list', { name: 'Decisions by impact direction' });
    const directionGroups = within(byDirection)
      .getAllByRole('heading', { level: 3 })
      .map((h) => [h.textContent, texts(within(h.parentElement!).queryAllByRole('listitem'))]);
    expect(directionGroups).toEqual([
      ['Impact: Helps 1 decision', ['Launch three tiers']],
      ['Impact: Hurts 1 decision', ['Cut the trial to 14 days']],
      ['Impact: Mixed 0 decisions', []],
      ['Impact: Neutral 1 decision', ['Keep the free plan as it is']],
      ['Impact: Unknown 1 decision', ['Migrate everyone in Q1']],
    ]);

    const byTag = screen.getByRole('list', { name: 'Decisions by tag' });
    const tagGroups = within(byTag)
      .getAllByRole('heading', { level: 3 })
      .map((h) => [h.textContent, texts(within(h.parentElement!).queryAllByRole('listitem'))]);
    expect(tagGroups).toEqual([
      ['pricing 2 decisions', ['Impact: HelpsLaunch three tiers', 'Impact: HurtsCut the trial to 14 days']],
      ['billing clarity 1 decision', ['Impact: UnknownMigrate everyone in Q1']],
      ['onboarding 1 decision', ['Impact: HelpsLaunch three tiers']],
      ['Untagged 1 decision', ['Impact: NeutralKeep the free plan as it is']],
    ]);
  });

  it('draws decisions by tag and direction as an accessible stacked bar chart with a table of the numbers', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    const chart = await screen.findByRole('img', { name: /^Stacked bar chart: 4 decisions by tag and impact direction/ });
    const label = chart.getAttribute('aria-label')!;
    expect(label).toContain('pricing: 2 decisions (1 helps, 1 hurts)');
    expect(label).toContain('billing clarity: 1 decision (1 unknown)');
    expect(label).toContain('Untagged: 1 decision (1 neutral)');
    // One bar per row, and every segment but "helps" carries a pattern as well as its colour.
    expect(chart.querySelectorAll('.sum-chart-row')).toHaveLength(4);
    const hurts = chart.querySelector('.sum-seg-hurts')!;
    const overlay = hurts.nextElementSibling!;
    expect(overlay.getAttribute('fill')).toMatch(/^url\(#sum-pattern-[A-Za-z0-9_-]+-hurts\)$/);
    expect(chart.querySelector(`[id="${overlay.getAttribute('fill')!.slice(5, -1)}"]`)?.tagName).toBe('pattern');
    expect(texts(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem'))).toEqual([
      'Helps',
      'Hurts',
      'Mixed',
      'Neutral',
      'Unknown',
    ]);

    const table = screen.getByRole('table', { name: 'Decisions by tag and impact direction' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => texts([...row.querySelectorAll<HTMLElement>('th, td')]));
    expect(rows).toEqual([
      ['Tag', 'Helps', 'Hurts', 'Mixed', 'Neutral', 'Unknown', 'Total'],
      ['pricing', '1', '1', '0', '0', '0', '2'],
      ['billing clarity', '0', '0', '0', '0', '1', '1'],
      ['onboarding', '1', '0', '0', '0', '0', '1'],
      ['Untagged', '0', '0', '0', '1', '0', '1'],
    ]);
  });

  it('shows net impact per persona, no-impact items with reasons, skipped items and open follow-ups with owners and dates', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);

    const personas = await screen.findByRole('table', { name: 'Net impact per persona' });
    const rows = within(personas)
      .getAllByRole('row')
      .slice(1)
      .map((row) => texts([...row.querySelectorAll<HTMLElement>('th, td')]));
    expect(rows).toEqual([
      ['Priya Natarajan', '1', '1', '0', '0', '0', '0', '0 balanced'],
      ['ليلى حداد', '0', '1', '0', '0', '1', '0', '−1 hurt overall'],
    ]);

    const noImpact = within(section(/^No customer impact/)).getByRole('list');
    expect(texts(within(noImpact).getAllByRole('listitem'))).toEqual([
      'Internal toolingReason: Internal refactor only; nothing a customer sees.',
    ]);
    expect(texts(within(section(/^Skipped/)).getAllByRole('listitem'))).toEqual(['Office move']);

    const followUps = screen.getByRole('table', { name: 'Open follow-ups, by due date' });
    expect(
      within(followUps)
        .getAllByRole('row')
        .slice(1)
        .map((row) => texts(within(row).getAllByRole('cell'))),
    ).toEqual([['Find out from customers: Migration of old plans', 'Dev', expect.stringMatching(/2026/), 'Migration of old plans']]);
    expect(followUps.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-30');
  });

  it('keeps up with the meeting: a decision changed elsewhere moves in the flagged list', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    mount(library, id);
    await screen.findByRole('list', { name: 'Decisions, flagged first' });

    const meeting = call<Meeting>(library, 'meetings.get', { id });
    const keep = meeting.agenda[1]!.decisions[1]!;
    act(() => {
      call(library, 'decisions.update', { meetingId: id, decisionId: keep.id, changes: { direction: 'hurts' } });
    });
    await waitFor(() =>
      expect(texts(screen.getAllByText(/./, { selector: '.sum-decision-text' }))).toEqual([
        'Cut the trial to 14 days',
        'Keep the free plan as it is',
        'Migrate everyone in Q1',
        'Launch three tiers',
      ]),
    );
    expect(section(/^Decisions, flagged first/).textContent).toContain('4 decisions, 3 flagged');
  });

  it('has empty states for a meeting with no decisions yet, and says it has not run', async () => {
    const library = start();
    const meeting = call<Meeting>(library, 'meetings.create', {
      title: 'Planning',
      scheduledAt: '2026-11-25T10:00:00Z',
      agenda: [{ title: 'Roadmap' }],
    });
    const fetched = call<Library>(library, 'library.get', {});
    mount(library, meeting.id, fetched);

    expect(await screen.findByRole('heading', { level: 1, name: 'Planning' })).toBeTruthy();
    expect(screen.getByText(/This meeting has not started yet/)).toBeTruthy();
    expect(within(section('Chair coverage')).getByText('–')).toBeTruthy();
    expect(within(section('Chair coverage')).getByText('No agenda item has been discussed yet.')).toBeTruthy();
    expect(within(section(/^Decisions, flagged first/)).getByText(/^No decisions yet\./)).toBeTruthy();
    expect(within(section('Decisions by tag and impact')).getByText(/^No decisions to chart yet/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(within(section(/^Open follow-ups/)).getByText('No open follow-ups.')).toBeTruthy();
    expect(within(section('Net impact per persona')).getByText(/Nobody sat in the chair/)).toBeTruthy();
  });

  it('says so when the meeting does not exist', async () => {
    const library = start();
    mount(library, 'no-such-meeting');
    expect(await screen.findByRole('heading', { level: 1, name: 'Summary not available' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/does not exist/);
  });

  it('shows hostile and right-to-left text as text, each in its own direction', async () => {
    const library = start();
    const hostile = '<img src=x onerror="alert(1)"> **bold** ‮evil';
    const meeting = call<Meeting>(library, 'meetings.create', {
      title: hostile,
      scheduledAt: '2026-11-25T10:00:00Z',
      agenda: [{ title: 'مراجعة الأسعار' }],
    });
    call(library, 'meetings.start', { id: meeting.id });
    call(library, 'decisions.add', {
      meetingId: meeting.id,
      itemId: meeting.agenda[0]!.id,
      decision: { text: hostile, direction: 'hurts', owner: 'ليلى' },
    });
    const { container } = mount(library, meeting.id);

    const heading = await screen.findByRole('heading', { level: 1, name: /evil/ });
    expect(heading.textContent).toBe(hostile);
    expect(heading.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('img, script, [onerror]')).toBeNull();
    const decision = container.querySelector('.sum-decision-text')!;
    expect(decision.textContent).toBe(hostile);
    expect(decision.getAttribute('dir')).toBe('auto');
    expect(screen.getByText('مراجعة الأسعار', { selector: '.sum-decision [dir="auto"]' })).toBeTruthy();
    expect(screen.getByText('ليلى').getAttribute('dir')).toBe('auto');
  });

  it('prints the summary page in browser mode (PDF), offering the meeting file name as the title', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    const { container } = mount(library, id);
    await screen.findByRole('heading', { level: 1, name: 'Pricing page review' });

    document.title = 'Empty Chair';
    const titles: string[] = [];
    const print = vi.spyOn(window, 'print').mockImplementation(() => titles.push(document.title));
    await userEvent.click(screen.getByRole('button', { name: 'Export as PDF' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(titles).toEqual(['2026-11-24 Pricing page review']);
    expect(document.title).toBe('Empty Chair');
    expect(container.querySelector('.exp-menu [role="status"]')?.textContent).toMatch(/choose “Save as PDF”/);
    // What print CSS keys on: the summary is the print target, the export tools are not printed.
    expect(container.querySelector('article.ec-print-target h1')?.textContent).toBe('Pricing page review');
    expect(screen.getByRole('group', { name: 'Export' }).closest('.sum-no-print')).not.toBeNull();
  });

  it('makes a PDF through the desktop app from the HTML export, without the print dialog', async () => {
    const library = start();
    const { id } = buildMeeting(library);
    const printToPdf = vi.fn(async () => ({ saved: true, path: '/home/ana/2026-11-24 Pricing page review.pdf' }));
    window.emptyChairFiles = { save: vi.fn(), printToPdf };
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    mount(library, id);
    await screen.findByRole('heading', { level: 1, name: 'Pricing page review' });

    await userEvent.click(screen.getByRole('button', { name: 'Export as PDF' }));
    await screen.findByText('Saved /home/ana/2026-11-24 Pricing page review.pdf.');
    const meeting = call<Meeting>(library, 'meetings.get', { id });
    const fetched = call<Library>(library, 'library.get', {});
    expect(printToPdf).toHaveBeenCalledWith('2026-11-24 Pricing page review.pdf', exportMeeting(meeting, fetched, 'html').text);
    expect(print).not.toHaveBeenCalled();
  });
});
