/**
 * Exports and import from the UI, against the real service. The formats themselves are tested in
 * tests/unit (goldens, injection); here: the UI saves exactly the bytes shared/export makes, hands
 * them to the right sink (desktop bridge or browser download), and imports a file only after a
 * preview, never overwriting a meeting silently.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../shared/api';
import type { Library, Meeting, Persona } from '../../shared/domain';
import { EXPORT_FORMATS, exportMeeting, exportMeetings } from '../../shared/export';
import { meetingToIcs, meetingUid } from '../../shared/export/ics';
import { summarizeImpact } from '../../shared/summary/summary';
import { leadTimeZone } from '../../renderer/src/app/format';
import { dispatch } from '../../electron/service/dispatch';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { openTestLibrary, serviceValue } from './harness';
import { createClient } from '../../renderer/src/api/client';
import { ClientContext } from '../../renderer/src/app/clientContext';
import { ExportMenu } from '../../renderer/src/features/export/ExportMenu';
import { ImportMeeting } from '../../renderer/src/features/export/ImportMeeting';
import { mimeEssence, REVOKE_AFTER_MS, saveFile, type SaveRequest } from '../../renderer/src/features/export/saveFile';
import { MeetingSummary } from '../../renderer/src/features/summary/MeetingSummary';

const cleanups: (() => void)[] = [];
const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  cleanups.splice(0).forEach((fn) => fn());
  delete window.emptyChairFiles;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const start = () => openTestLibrary(cleanups, 'empty-chair-export-ui-');
const call = serviceValue;

function clientFor(library: OpenLibrary) {
  const calls: { method: string; input: unknown }[] = [];
  const transport: Transport = {
    invoke: async (method, input) => {
      calls.push({ method, input });
      return dispatch(library.service, method, input);
    },
    subscribe: (listener) => library.service.events.subscribe(listener),
  };
  return { client: createClient(transport), calls };
}

/** A meeting with user text that the formats escape (quotes, commas, a formula, Markdown, RTL). */
function buildMeeting(library: OpenLibrary): Meeting {
  const persona = call<Persona>(library, 'personas.create', { name: 'ليلى حداد' });
  const meeting = call<Meeting>(library, 'meetings.create', {
    title: 'Pricing: "tiers", review #2',
    scheduledAt: '2026-11-24T09:30:00.000Z',
    lead: 'Ana',
    personaIds: [persona.id],
    agenda: [{ title: 'New tiers' }, { title: 'Trial length' }],
  });
  const [i1, i2] = meeting.agenda.map((item) => item.id);
  call(library, 'meetings.start', { id: meeting.id });
  call(library, 'chair.answer', {
    meetingId: meeting.id,
    itemId: i1,
    changes: { text: 'Clearer *choice*', direction: 'helps', personaIds: [persona.id] },
  });
  call(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: i1,
    decision: { text: '=SUM(A1) launch, "three" tiers', direction: 'helps', tagIds: ['pricing'] },
  });
  call(library, 'meetings.next', { id: meeting.id });
  call(library, 'chair.answer', {
    meetingId: meeting.id,
    itemId: i2,
    changes: { text: 'لا نعرف', direction: 'unknown', personaIds: [persona.id] },
  });
  call(library, 'decisions.add', {
    meetingId: meeting.id,
    itemId: i2,
    decision: { text: 'Cut the trial', direction: 'hurts', owner: 'Ben', dueDate: '2026-12-01' },
  });
  return call<Meeting>(library, 'meetings.end', { id: meeting.id });
}

describe('export menu', () => {
  it('saves, for every format, exactly the bytes shared/export makes, through the desktop save dialog', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const saved: { fileName: string; mimeType: string; content: string }[] = [];
    window.emptyChairFiles = {
      save: vi.fn(async (fileName: string, mimeType: string, content: string) => {
        saved.push({ fileName, mimeType, content });
        return { saved: true, path: `/home/ana/${fileName}` };
      }),
      printToPdf: vi.fn(),
    };
    const { client } = clientFor(library);
    render(
      <ClientContext.Provider value={client}>
        <MeetingSummary meetingId={meeting.id} />
      </ClientContext.Provider>,
    );
    const labels = { md: 'Markdown', html: 'HTML', csv: 'CSV', json: 'JSON' } as const;
    for (const format of EXPORT_FORMATS) {
      await userEvent.click(await screen.findByRole('button', { name: `Export as ${labels[format]}` }));
      await waitFor(() => expect(saved).toHaveLength(EXPORT_FORMATS.indexOf(format) + 1));
    }

    const current = call<Meeting>(library, 'meetings.get', { id: meeting.id });
    const lib = call<Library>(library, 'library.get', {});
    const exportedAt = (JSON.parse(saved[3]!.content) as { exportedAt: string }).exportedAt;
    const expected = EXPORT_FORMATS.map((format) => exportMeeting(current, lib, format, { now: exportedAt }));
    expect(saved.map((s) => s.fileName)).toEqual(expected.map((e) => e.fileName));
    expect(saved[0]!.fileName).toBe('2026-11-24 Pricing- -tiers-, review #2.md');
    // Byte for byte, and the main process gets the bare type it knows (it refuses parameters).
    expect(saved.map((s) => s.content)).toEqual(expected.map((e) => e.text));
    expect(saved.map((s) => s.mimeType)).toEqual(['text/markdown', 'text/html', 'text/csv', 'application/json']);
    expect(await screen.findByText(`Saved /home/ana/${expected[3]!.fileName}.`)).toBeTruthy();
  });

  it('hands the file to a stubbed sink with its full type and tells the user where it went', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const lib = call<Library>(library, 'library.get', {});
    const requests: SaveRequest[] = [];
    const save = vi.fn(async (request: SaveRequest) => {
      requests.push(request);
      return { saved: false, via: 'desktop' as const };
    });
    render(<ExportMenu meeting={meeting} library={lib} save={save} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await screen.findByText('Not saved: the save dialog was closed.');
    const expected = exportMeeting(meeting, lib, 'csv');
    expect(requests).toEqual([{ fileName: expected.fileName, mimeType: expected.mimeType, content: expected.text }]);
    expect(screen.getByRole('group', { name: 'Export' })).toBeTruthy();
  });

  it('shows a failed save as an error the user can read', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const lib = call<Library>(library, 'library.get', {});
    window.emptyChairFiles = { save: vi.fn(async () => ({ saved: false, error: 'Could not save /x.md: disk full' })), printToPdf: vi.fn() };
    render(<ExportMenu meeting={meeting} library={lib} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export as Markdown' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not save “2026-11-24 Pricing- -tiers-, review #2.md”: Could not save /x.md: disk full',
    );
  });

  it('downloads in browser mode through a Blob URL and a temporary <a download>, the URL kept until the download starts', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const lib = call<Library>(library, 'library.get', {});
    const blobs: Blob[] = [];
    const created = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:http://127.0.0.1/1234';
    });
    const revoked = vi.fn();
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicks: { href: string; download: string; inDocument: boolean }[] = [];
    const onClick = (event: MouseEvent) => {
      const link = event.target;
      if (!(link instanceof HTMLAnchorElement)) return;
      clicks.push({ href: link.href, download: link.download, inDocument: document.body.contains(link) });
      event.preventDefault(); // jsdom does not navigate
    };
    document.addEventListener('click', onClick, true);
    cleanups.push(() => document.removeEventListener('click', onClick, true));

    render(<ExportMenu meeting={meeting} library={lib} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export as Markdown' }));
    await screen.findByText(/^Downloaded “2026-11-24 Pricing- -tiers-, review #2.md”/);

    const expected = exportMeeting(meeting, lib, 'md');
    expect(clicks).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: expected.fileName, inDocument: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs[0]!.type).toBe('text/markdown;charset=utf-8');
    expect(await blobs[0]!.text()).toBe(expected.text);
    expect(revoked).not.toHaveBeenCalled();
  });

  it('saveFile revokes the download URL once the browser has had time to read it', async () => {
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    const prevent = (event: MouseEvent) => event.preventDefault();
    document.addEventListener('click', prevent, true);
    cleanups.push(() => document.removeEventListener('click', prevent, true));
    vi.useFakeTimers();
    expect(await saveFile({ fileName: 'a.json', mimeType: 'application/json', content: '{}' })).toEqual({ saved: true, via: 'download' });
    vi.advanceTimersByTime(REVOKE_AFTER_MS - 1);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:x');
  });

  it('saveFile turns a desktop bridge that throws into an error outcome', async () => {
    window.emptyChairFiles = { save: vi.fn(async () => Promise.reject(new Error('main process gone'))), printToPdf: vi.fn() };
    expect(await saveFile({ fileName: 'a.md', mimeType: 'text/markdown;charset=utf-8', content: '#' })).toEqual({
      saved: false,
      error: 'main process gone',
      via: 'desktop',
    });
    expect(mimeEssence('Text/CSV; charset=utf-8')).toBe('text/csv');
  });
});

function jsonFile(text: string, name = 'meeting.json') {
  return new File([text], name, { type: 'application/json' });
}

function renderImport(library: OpenLibrary) {
  const { client, calls } = clientFor(library);
  const onImported = vi.fn();
  const view = render(
    <ClientContext.Provider value={client}>
      <ImportMeeting onImported={onImported} />
    </ClientContext.Provider>,
  );
  const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
  return { calls, onImported, input, view };
}

describe('import meeting', () => {
  it('previews the file, then imports it with its personas into another library', async () => {
    const source = start();
    const meeting = buildMeeting(source);
    const text = exportMeeting(meeting, call<Library>(source, 'library.get', {}), 'json').text;
    const target = start();
    const { calls, onImported, input } = renderImport(target);

    await userEvent.upload(input, jsonFile(text, 'pricing.json'));
    const dialog = await screen.findByRole('dialog', { name: 'Import this meeting?' });
    const facts = Object.fromEntries(
      within(dialog)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toMatchObject({
      Title: 'Pricing: "tiers", review #2',
      Status: 'Ended',
      Lead: 'Ana',
      Agenda: '2 items',
      Decisions: '2 decisions',
      'Follow-ups': '1 follow-up',
    });
    expect(within(dialog).getByText('Pricing: "tiers", review #2').getAttribute('dir')).toBe('auto');
    expect(calls.map((c) => c.method)).not.toContain('meetings.import');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await screen.findByText('Imported “Pricing: "tiers", review #2”.');
    expect(screen.queryByRole('dialog')).toBeNull();
    const imported = call<Meeting>(target, 'meetings.get', { id: meeting.id });
    expect(imported.agenda.flatMap((item) => item.decisions.map((d) => d.text))).toEqual([
      '=SUM(A1) launch, "three" tiers',
      'Cut the trial',
    ]);
    expect(call<Library>(target, 'library.get', {}).personas.map((p) => p.name)).toEqual(['ليلى حداد']);
    expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ id: meeting.id }));
  });

  it('never overwrites a meeting with the same id: on conflict it offers a copy, and imports one when asked', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const text = exportMeeting(meeting, call<Library>(library, 'library.get', {}), 'json').text;
    call(library, 'meetings.update', { id: meeting.id, changes: { title: 'Renamed here since' } });
    const before = call<Meeting>(library, 'meetings.get', { id: meeting.id });
    const { calls, onImported, input } = renderImport(library);

    await userEvent.upload(input, jsonFile(text));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Import this meeting?' })).getByRole('button', { name: 'Import' }),
    );
    const conflict = await screen.findByRole('dialog', { name: 'This meeting is already in your library' });
    expect(conflict.textContent).toContain(
      'The library already has this meeting ("Renamed here since"). Import it as a copy to keep both.',
    );
    // Focus starts on Cancel, the choice that changes nothing.
    expect(document.activeElement).toBe(within(conflict).getByRole('button', { name: 'Cancel' }));
    expect(call<Meeting>(library, 'meetings.get', { id: meeting.id })).toEqual(before);

    await userEvent.click(within(conflict).getByRole('button', { name: 'Import as a copy' }));
    await screen.findByText('Imported a copy: “Pricing: "tiers", review #2 (copy)”.');
    expect(calls.filter((c) => c.method === 'meetings.import').map((c) => (c.input as { asCopy: boolean }).asCopy)).toEqual([false, true]);
    const meetings = call<Library>(library, 'library.get', {}).meetings;
    expect(meetings.map((m) => m.title).sort()).toEqual(['Pricing: "tiers", review #2 (copy)', 'Renamed here since']);
    expect(call<Meeting>(library, 'meetings.get', { id: meeting.id })).toEqual(before);
    const copy = onImported.mock.calls[0]![0] as Meeting;
    expect(copy.id).not.toBe(meeting.id);
    expect(copy.agenda.flatMap((item) => item.decisions.map((d) => d.text))).toEqual(['=SUM(A1) launch, "three" tiers', 'Cut the trial']);
  });

  it('cancelling at the conflict imports nothing', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const text = exportMeeting(meeting, call<Library>(library, 'library.get', {}), 'json').text;
    const { calls, input } = renderImport(library);

    await userEvent.upload(input, jsonFile(text));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Import this meeting?' })).getByRole('button', { name: 'Import' }),
    );
    const conflict = await screen.findByRole('dialog', { name: 'This meeting is already in your library' });
    await userEvent.click(within(conflict).getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Nothing was imported.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.filter((c) => c.method === 'meetings.import')).toHaveLength(1);
    expect(call<Library>(library, 'library.get', {}).meetings).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'this is not json {', /^Could not import “bad.json”: The file is not valid JSON: .*\. Nothing was changed\.$/],
    ['another app’s JSON', '{"format":"someone-else","data":[]}', /The file is not an Empty Chair export: its "format" is "someone-else"/],
    ['a newer version', '{"format":"empty-chair-meeting","formatVersion":99}', /exported by a newer Empty Chair \(format version 99/],
    ['a damaged meeting', 'damaged', /^Could not import “bad.json”: The file is not a valid Empty Chair export: meeting\.title/],
  ])('refuses %s with a clear message and changes nothing', async (_name, content, message) => {
    const library = start();
    const meeting = buildMeeting(library);
    const lib = call<Library>(library, 'library.get', {});
    let text = content;
    if (content === 'damaged') {
      const file = JSON.parse(exportMeeting(meeting, lib, 'json').text) as { meeting: { title: string } };
      file.meeting.title = '';
      text = JSON.stringify(file);
    }
    const { calls, input } = renderImport(library);
    await userEvent.upload(input, jsonFile(text, 'bad.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(alert.textContent).toMatch(/Nothing was changed\.$/);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.map((c) => c.method)).toEqual([]);
    expect(call<Library>(library, 'library.get', {}).meetings).toHaveLength(1);
    // The control is ready for the next file.
    expect(screen.getByRole('button', { name: 'Import meeting…' }).hasAttribute('disabled')).toBe(false);
  });

  it('imports the multi-meeting JSON the Reports page writes, after a preview of titles and dates', async () => {
    const source = start();
    const first = buildMeeting(source);
    const second = call<Meeting>(source, 'meetings.create', {
      title: 'Onboarding review',
      scheduledAt: '2026-12-01T14:00:00.000Z',
      agenda: [{ title: 'Checklist' }],
    });
    const text = (await exportMeetings([first, second], call<Library>(source, 'library.get', {}), 'json')).text;
    const target = start();
    const { calls, onImported, input } = renderImport(target);

    await userEvent.upload(input, jsonFile(text, 'report.json'));
    const dialog = await screen.findByRole('dialog', { name: 'Import 2 meetings?' });
    const rows = within(within(dialog).getByRole('list', { name: 'Meetings in the file' })).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.exp-pick-title')!.textContent)).toEqual([
      'Pricing: "tiers", review #2',
      'Onboarding review',
    ]);
    expect(rows.map((row) => row.querySelector('time')!.getAttribute('dateTime'))).toEqual([
      '2026-11-24T09:30:00.000Z',
      '2026-12-01T14:00:00.000Z',
    ]);
    expect(dialog.textContent).not.toContain('already in your library');
    expect(calls.map((c) => c.method)).toEqual(['library.get']);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Import 2 meetings' }));
    await screen.findByText('Imported 2 meetings.');
    expect(calls.map((c) => c.method)).toEqual(['library.get', 'meetings.importMany']);
    expect(
      call<Library>(target, 'library.get', {})
        .meetings.map((m) => m.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(onImported).not.toHaveBeenCalled();
  });

  it('marks the meetings the library already has, and imports them all as copies when asked', async () => {
    const library = start();
    const first = buildMeeting(library);
    const text = (await exportMeetings([first], call<Library>(library, 'library.get', {}), 'json')).text;
    const both = JSON.parse(text) as { meetings: Meeting[] };
    both.meetings.push({ ...both.meetings[0]!, id: 'meeting-from-elsewhere', title: 'From elsewhere' });
    const { input } = renderImport(library);

    await userEvent.upload(input, jsonFile(JSON.stringify(both), 'report.json'));
    const dialog = await screen.findByRole('dialog', { name: 'Import 2 meetings?' });
    const rows = within(dialog).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent!.includes('already in your library'))).toEqual([true, false]);
    expect(within(dialog).getByRole('note').textContent).toMatch(
      /1 of them is already in your library\. Nothing is overwritten: every meeting of the file comes in as a copy/,
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import 2 as copies' }));
    await screen.findByText('Imported 2 meetings as copies.');
    expect(
      call<Library>(library, 'library.get', {})
        .meetings.map((m) => m.title)
        .sort(),
    ).toEqual(['From elsewhere (copy)', 'Pricing: "tiers", review #2', 'Pricing: "tiers", review #2 (copy)']);
  });

  it('a multi-meeting file with one bad meeting imports none, and the dialog says which', async () => {
    const source = start();
    const first = buildMeeting(source);
    const second = call<Meeting>(source, 'meetings.create', {
      title: 'Onboarding review',
      scheduledAt: '2026-12-01T14:00:00.000Z',
      agenda: [{ title: 'A' }, { title: 'B' }],
    });
    const file = JSON.parse((await exportMeetings([first, second], call<Library>(source, 'library.get', {}), 'json')).text) as {
      meetings: Meeting[];
    };
    file.meetings[1]!.agenda[1]!.id = file.meetings[1]!.agenda[0]!.id;
    const target = start();
    const { input } = renderImport(target);
    await userEvent.upload(input, jsonFile(JSON.stringify(file), 'report.json'));
    const dialog = await screen.findByRole('dialog', { name: 'Import 2 meetings?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import 2 meetings' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /Cannot import "Onboarding review" \(meeting 2 of 2\); nothing was imported: Agenda item 2 \("B"\) has the id/,
    );
    expect(call<Library>(target, 'library.get', {}).meetings).toEqual([]);
  });

  it('shows an import the service refuses inside the dialog, so the user can cancel', async () => {
    const source = start();
    const meeting = buildMeeting(source);
    const file = JSON.parse(exportMeeting(meeting, call<Library>(source, 'library.get', {}), 'json').text) as { personas: unknown[] };
    file.personas = []; // seats a persona it does not describe
    const target = start();
    const { input } = renderImport(target);
    await userEvent.upload(input, jsonFile(JSON.stringify(file)));
    const dialog = await screen.findByRole('dialog', { name: 'Import this meeting?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /nothing was imported: .*names the persona .*, which is neither in the library nor described\. There is 1 more problem\. \(invalid_input\)/,
    );
    expect(call<Library>(target, 'library.get', {}).meetings).toHaveLength(0);
  });
});

describe('the calendar export in the menu', () => {
  it('saves the .ics shared/export makes, with the next meeting of the series, through the desktop dialog', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    call(library, 'followUps.add', { meetingId: meeting.id, text: 'Ask Acme about tiers', owner: 'Ben', dueDate: '2026-12-02' });
    const next = call<Meeting>(library, 'meetings.createNext', { id: meeting.id, scheduledAt: '2026-12-08T09:30:00.000Z' });
    const saved: { fileName: string; mimeType: string; content: string }[] = [];
    window.emptyChairFiles = {
      save: vi.fn(async (fileName: string, mimeType: string, content: string) => {
        saved.push({ fileName, mimeType, content });
        return { saved: true, path: `/home/ana/${fileName}` };
      }),
      printToPdf: vi.fn(),
    };
    const { client } = clientFor(library);
    render(
      <ClientContext.Provider value={client}>
        <MeetingSummary meetingId={meeting.id} />
      </ClientContext.Provider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Export as Calendar' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const current = call<Meeting>(library, 'meetings.get', { id: meeting.id });
    const lib = call<Library>(library, 'library.get', {});
    const stamp = /DTSTAMP:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(saved[0]!.content)!;
    const now = `${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}.000Z`;
    const expected = meetingToIcs(current, summarizeImpact(current, lib), { now, timeZone: leadTimeZone(), meetings: lib.meetings });
    expect(saved[0]).toEqual({ fileName: '2026-11-24 Pricing- -tiers-, review #2.ics', mimeType: 'text/calendar', content: expected });
    expect(saved[0]!.content).toContain(`UID:${meetingUid(next.id)}`);
    expect(await screen.findByText('Saved /home/ana/2026-11-24 Pricing- -tiers-, review #2.ics.')).toBeTruthy();
  });

  it('says why when there is nothing for a calendar, and saves nothing', async () => {
    const library = start();
    const meeting = buildMeeting(library);
    const save = vi.fn(async () => ({ saved: true, via: 'download' as const }));
    const lib = call<Library>(library, 'library.get', {});
    const current = call<Meeting>(library, 'meetings.get', { id: meeting.id });
    // Only follow-ups without a due date, no series: nothing to put in a calendar.
    const undated = { ...current, followUps: current.followUps.map((f) => ({ ...f, dueDate: null })) };
    render(<ExportMenu meeting={undated} library={lib} meetings={lib.meetings} save={save} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export as Calendar' }));
    expect(await screen.findByText(/^Nothing to add to a calendar: no open follow-up has a due date/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });
});
