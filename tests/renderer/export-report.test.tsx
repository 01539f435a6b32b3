/**
 * The multi-meeting report page against the real service: meetings chosen by date range or from
 * the list are read in batches (reports.meetings) with visible progress up to "N of N meetings",
 * the saved report is exactly what shared/export makes of them, and Cancel stops the run with
 * nothing saved.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../shared/api';
import type { Library, Meeting } from '../../shared/domain';
import { exportMeetings } from '../../shared/export';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { openTestLibrary, serviceValue } from './harness';
import { createClient } from '../../renderer/src/api/client';
import { ClientContext } from '../../renderer/src/app/clientContext';
import { ReportsPage } from '../../renderer/src/features/export/ReportsPage';
import type { SaveRequest } from '../../renderer/src/features/export/saveFile';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((fn) => fn());
  vi.useRealTimers();
});

const start = () => openTestLibrary(cleanups, 'empty-chair-report-ui-');
const call = serviceValue;

/** A meeting with one decision, so the report has something in every column. */
function addMeeting(library: OpenLibrary, title: string, scheduledAt: string): Meeting {
  const meeting = call<Meeting>(library, 'meetings.create', { title, scheduledAt, agenda: [{ title: 'Item' }] });
  call(library, 'meetings.start', { id: meeting.id });
  call(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: meeting.agenda[0]!.id,
    decision: { text: `Decision of ${title}`, direction: 'hurts' },
  });
  return call<Meeting>(library, 'meetings.end', { id: meeting.id, skip: true });
}

interface Mounted {
  /** The meeting ids asked for, in order, over every reports.meetings call. */
  gets: string[];
  /** reports.meetings calls made. */
  calls: () => number;
  maxInFlight: () => number;
  saved: SaveRequest[];
  /** Holds every reports.meetings call from the nth (1-based) on until released. */
  holdFrom(n: number): () => void;
}

/**
 * The in-process transport answers a task later, as IPC and HTTP do, so the page renders between
 * two batches. It counts reports.meetings calls, the ids they asked for and how many ran at once.
 */
function mount(library: OpenLibrary, props: { library?: Library } = {}): Mounted {
  const gets: string[] = [];
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let holdAt = Infinity;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const transport: Transport = {
    invoke: async (method, input) => {
      const batch = method === 'reports.meetings';
      if (batch) {
        gets.push(...(input as { ids: string[] }).ids);
        calls++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (calls >= holdAt) await held;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      const result = dispatch(library.service, method, input);
      if (batch) inFlight--;
      return result;
    },
    subscribe: (listener) => library.service.events.subscribe(listener),
  };
  const saved: SaveRequest[] = [];
  const save = async (request: SaveRequest) => {
    saved.push(request);
    return { saved: true, path: `/home/ana/${request.fileName}`, via: 'desktop' as const };
  };
  render(
    <ClientContext.Provider value={createClient(transport)}>
      <ReportsPage library={props.library} save={save} />
    </ClientContext.Provider>,
  );
  return {
    gets,
    calls: () => calls,
    maxInFlight: () => maxInFlight,
    saved,
    holdFrom(n) {
      holdAt = n;
      return release;
    },
  };
}

/** Every text the progress line showed, in order. */
function recordProgress(): string[] {
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const text = document.querySelector('.exp-progress-text')?.textContent;
    if (text && seen.at(-1) !== text) seen.push(text);
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  cleanups.push(() => observer.disconnect());
  return seen;
}

describe('<ReportsPage>', () => {
  it('reads the chosen meetings in batches, builds as they come with progress up to 40 of 40, and saves exactly the shared report', async () => {
    const library = start();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:00:00.000Z') });
    const made = Array.from({ length: 40 }, (_, i) =>
      addMeeting(
        library,
        `Review ${String(i + 1).padStart(2, '0')}`,
        new Date(Date.UTC(2026, 10, 1 + (i % 28), 9 + (i % 5))).toISOString(),
      ),
    );
    const page = mount(library);
    const seen = recordProgress();

    await userEvent.click(await screen.findByRole('radio', { name: 'One by one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose all' }));
    expect(screen.getByText('40 of 40 meetings chosen')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));

    const done = await screen.findByText('Report ready: 40 of 40 meetings.');
    const bar = done.parentElement!.querySelector('progress')!;
    expect([bar.value, bar.max]).toEqual([40, 40]);
    // Oldest first, each once, two at a time (about 20 steps of progress), the next batch asked for
    // while one is built: never more than two calls at once.
    expect(new Set(page.gets)).toEqual(new Set(made.map((m) => m.id)));
    expect(page.calls()).toBe(20);
    expect(page.maxInFlight()).toBeLessThanOrEqual(2);
    // Progress went up a batch at a time, never backwards, and was seen between the ends.
    const building = seen.filter((t) => t.startsWith('Building the report: ')).map((t) => Number(/: (\d+) of 40 meetings$/.exec(t)![1]));
    expect(building).toEqual([...building].sort((a, b) => a - b));
    expect(building.some((n) => n > 0 && n < 40)).toBe(true);
    expect(seen).toContain('Building the report: 40 of 40 meetings');
    expect(seen.some((t) => t.startsWith('Reading meetings'))).toBe(false); // read and built in one pass

    const lib = call<Library>(library, 'library.get', {});
    const oldestFirst = made
      .map((m) => call<Meeting>(library, 'meetings.get', { id: m.id }))
      .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.id.localeCompare(b.id));
    expect(page.gets).toEqual(oldestFirst.map((m) => m.id));
    const expected = await exportMeetings(oldestFirst, lib, 'md');
    expect(page.saved).toEqual([{ fileName: 'Meeting impact report.md', mimeType: expected.mimeType, content: expected.text }]);
    expect(screen.getByText('Saved /home/ana/Meeting impact report.md.')).toBeTruthy();
    // Focus lands on the outcome, so it is read out.
    expect(document.activeElement?.textContent).toContain('Report ready: 40 of 40 meetings.');
  });

  it('picks meetings by whole local days, both ends included, and saves exactly the shared CSV', async () => {
    const library = start();
    const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();
    addMeeting(library, 'Before', local(2026, 10, 31, 23, 59));
    const first = addMeeting(library, 'First day', local(2026, 11, 1, 0, 0));
    const last = addMeeting(library, 'Last day', local(2026, 11, 30, 23, 59));
    addMeeting(library, 'After', local(2026, 12, 1, 0, 0));
    const page = mount(library);

    fireEvent.change(await screen.findByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    expect(screen.getByText('2 meetings in this range, both days included.')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: /^CSV/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await screen.findByText('Report ready: 2 of 2 meetings.');

    const lib = call<Library>(library, 'library.get', {});
    const meetings = [first, last].map((m) => call<Meeting>(library, 'meetings.get', { id: m.id }));
    const expected = await exportMeetings(meetings, lib, 'csv');
    expect(page.saved).toEqual([{ fileName: 'Meeting impact report.csv', mimeType: 'text/csv;charset=utf-8', content: expected.text }]);
    expect(page.gets).toEqual([first.id, last.id]);
  });

  it('Cancel stops the report at once: no further meeting is fetched and nothing is saved', async () => {
    const library = start();
    for (let i = 0; i < 12; i++) addMeeting(library, `Weekly ${i + 1}`, new Date(Date.UTC(2026, 10, 2 + i, 9)).toISOString());
    const page = mount(library);
    const release = page.holdFrom(3);

    await userEvent.click(await screen.findByRole('radio', { name: 'One by one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose all' }));
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await screen.findByText('Building the report: 2 of 12 meetings');
    const progress = screen.getByRole('progressbar', { name: 'Building the report: 2 of 12 meetings' });
    expect([(progress as HTMLProgressElement).value, (progress as HTMLProgressElement).max]).toEqual([2, 12]);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);

    await userEvent.click(cancel);
    await screen.findByText('Cancelled after building 2 of 12 meetings. Nothing was saved.');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.calls()).toBe(4); // one meeting per call at 12; the third and fourth, asked for ahead, were held when Cancel came
    expect(page.saved).toEqual([]);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Build report' }).hasAttribute('disabled')).toBe(false);
  });

  it('leaves out a meeting deleted since the list was drawn, and says which', async () => {
    const library = start();
    const kept = addMeeting(library, 'Kept', '2026-11-10T09:00:00.000Z');
    const gone = addMeeting(library, 'Deleted meanwhile', '2026-11-11T09:00:00.000Z');
    const snapshot = call<Library>(library, 'library.get', {});
    const page = mount(library, { library: snapshot });
    call(library, 'meetings.delete', { id: gone.id });

    await userEvent.click(screen.getByRole('radio', { name: 'One by one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose all' }));
    await userEvent.click(screen.getByRole('radio', { name: /^JSON/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await screen.findByText('Report ready: 1 of 2 meetings.');
    expect(screen.getByText(/Left out, deleted since the list was shown:/).textContent).toContain('Deleted meanwhile');
    const saved = JSON.parse(page.saved[0]!.content as string) as { meetings: Meeting[] };
    expect(saved.meetings.map((m) => m.id)).toEqual([kept.id]);
  });

  it('leaves out a meeting whose file is damaged, and says which could not be read', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-report-damaged-'));
    const first = openLibrary({ dataDir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    const kept = addMeeting(first, 'Kept', '2026-11-10T09:00:00.000Z');
    const damaged = addMeeting(first, 'Damaged on disk', '2026-11-11T09:00:00.000Z');
    first.close();
    fs.writeFileSync(path.join(dataDir, 'meetings', `${damaged.id}.json`), '{"title": "Damaged on disk", "agenda": [');
    const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
    cleanups.push(() => {
      library.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const page = mount(library);

    await userEvent.click(await screen.findByRole('radio', { name: 'One by one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose all' }));
    await userEvent.click(screen.getByRole('radio', { name: /^JSON/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await screen.findByText('Report ready: 1 of 2 meetings.');
    expect(screen.getByText(/Left out, their files could not be read/).textContent).toBe(
      'Left out, their files could not be read (damaged): Damaged on disk.',
    );
    expect(screen.queryByText(/deleted since the list was shown/)).toBeNull();
    const saved = JSON.parse(page.saved[0]!.content as string) as { meetings: Meeting[] };
    expect(saved.meetings.map((m) => m.id)).toEqual([kept.id]);
  });

  it('says what is missing instead of building an empty report', async () => {
    const library = start();
    addMeeting(library, 'Only one', '2026-11-10T09:00:00.000Z');
    const page = mount(library);

    fireEvent.change(await screen.findByLabelText('From'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-01' } });
    expect(screen.getByText('The first day is after the last day.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The first day is after the last day.'));

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('No meeting is scheduled in this range.'));

    await userEvent.click(screen.getByRole('radio', { name: 'One by one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Build report' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Choose at least one meeting.'));
    expect(page.gets).toEqual([]);
    expect(page.saved).toEqual([]);
  });
});
