/**
 * "Add to calendar" beside a follow-up on the summary screen: saves that one follow-up's event (.ics)
 * through the export menu's save path; ical.js (another project's RFC 5545 parser) reads exactly one
 * VEVENT with the follow-up's text and due date, the same event the meeting's calendar file holds.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '../../shared/domain';
import { renderApp, serviceCall, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
  delete window.emptyChairFiles;
  vi.restoreAllMocks();
});

const saved: { fileName: string; mimeType: string; content: string }[] = [];

function open() {
  saved.length = 0;
  window.emptyChairFiles = {
    save: vi.fn(async (fileName: string, mimeType: string, content: string) => {
      saved.push({ fileName, mimeType, content });
      return { saved: true, path: `/home/ana/${fileName}` };
    }),
    printToPdf: vi.fn(),
  };
  let meeting: Meeting | undefined;
  harness = renderApp((library) => {
    meeting = serviceCall(library, 'meetings.create', {
      title: 'Pricing review',
      scheduledAt: '2026-11-24T09:30:00.000Z',
      agenda: [{ title: 'Tiers' }],
    }) as Meeting;
    serviceCall(library, 'followUps.add', { meetingId: meeting.id, text: 'Ask Acme, about tiers', owner: 'Ben', dueDate: '2026-12-02' });
    serviceCall(library, 'followUps.add', { meetingId: meeting.id, text: 'Draft the email', dueDate: '2026-12-09' });
    serviceCall(library, 'followUps.add', { meetingId: meeting.id, text: 'Someday maybe' });
  });
  window.location.hash = `#/meetings/${meeting!.id}/summary`;
  return meeting!;
}

const followUps = () => screen.getByRole('region', { name: /Open follow-ups/ });

describe('Add to calendar beside a follow-up', () => {
  it('saves one VEVENT with that follow-up’s text and due date, and offers nothing for an undated one', async () => {
    open();
    const button = await screen.findByRole('button', { name: 'Add to calendar: Ask Acme, about tiers' });
    expect(within(followUps()).getAllByRole('button', { name: /^Add to calendar/ })).toHaveLength(2);
    expect(within(followUps()).queryByRole('button', { name: /Someday maybe/ })).toBeNull();

    await userEvent.click(button);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('Follow-up- Ask Acme, about tiers.ics');
    expect(saved[0]!.mimeType).toBe('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(saved[0]!.content));
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('Follow-up: Ask Acme, about tiers');
    expect(events[0]!.startDate.isDate).toBe(true);
    expect(events[0]!.startDate.toString()).toBe('2026-12-02');
    expect(await within(followUps()).findByText('Saved /home/ana/Follow-up- Ask Acme, about tiers.ics.')).toBeTruthy();

    // The same event, byte for byte, as in the meeting's calendar file from the export menu.
    await userEvent.click(screen.getByRole('button', { name: 'Export as Calendar' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    const event = /BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/.exec(saved[0]!.content)![0];
    const withoutStamp = (text: string) => text.replace(/DTSTAMP:\S+/g, '');
    expect(withoutStamp(saved[1]!.content)).toContain(withoutStamp(event));
    expect(new ICAL.Component(ICAL.parse(saved[1]!.content)).getAllSubcomponents('vevent').length).toBeGreaterThan(1);
  });

  it('works from the keyboard', async () => {
    open();
    const button = await screen.findByRole('button', { name: 'Add to calendar: Draft the email' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(saved).toHaveLength(1));
    const events = new ICAL.Component(ICAL.parse(saved[0]!.content)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([['Follow-up: Draft the email', '2026-12-09']]);
  });
});
