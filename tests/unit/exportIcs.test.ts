/**
 * The calendar export (.ics) read back by Mozilla's ical.js, another project's RFC 5545 parser,
 * and by the app's own .ics import: CRLF, folding at 75 octets without splitting a UTF-8
 * character, TEXT escaping, stable UIDs, DTSTAMP, all-day due dates, the next meeting in UTC,
 * and hostile text that stays inside its property.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingSummary } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import {
  calendarEntries,
  followUpCalendarFile,
  followUpUid,
  ICS_PRODID,
  icsFileName,
  meetingsToIcs,
  meetingToIcs,
  meetingUid,
  nextInSeries,
} from '../../shared/export/ics';
import { escapeIcsText, foldLine } from '../../shared/export/icsText';
import { parseIcsEvent } from '../../shared/ics/icsEvent';
import { summarizeImpact } from '../../shared/summary/summary';
import { CORPUS } from './fixtures/corpus';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

const NOW = '2026-11-24T12:00:00.000Z';
const octets = (line: string) => new TextEncoder().encode(line).length;

function inSeries(meeting: Meeting): { meeting: Meeting; index: MeetingSummary[] } {
  const withSeries = { ...meeting, seriesId: 'series-pricing' };
  const summary = (id: string, scheduledAt: string, title = meeting.title): MeetingSummary => ({
    id,
    title,
    scheduledAt,
    lead: 'Ana',
    status: 'planned',
    personaIds: [],
    seriesId: 'series-pricing',
    createdAt: NOW,
    agendaCount: 5,
  });
  const index = [
    summary(meeting.id, meeting.scheduledAt),
    summary('meeting-later', '2027-01-12T09:30:00.000Z'),
    summary('meeting-next', '2026-12-08T09:30:00.000Z', 'Pricing page review (8 Dec)'),
    { ...summary('meeting-other-series', '2026-12-01T09:30:00.000Z'), seriesId: 'series-other' },
    summary('meeting-before', '2026-11-10T09:30:00.000Z'),
  ];
  return { meeting: withSeries, index };
}

function exportText(meeting: Meeting, options: Parameters<typeof meetingToIcs>[2] = {}): string {
  return meetingToIcs(meeting, summarizeImpact(meeting, fixtureLibrary()), { now: NOW, ...options });
}

function events(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('calendar export', () => {
  it('writes a calendar ical.js reads: version, product, DTSTAMP, all-day due dates, the next meeting in UTC', () => {
    const { meeting, index } = inSeries(fixtureMeeting());
    const text = exportText(meeting, { meetings: index, timeZone: 'Europe/Berlin' });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe(ICS_PRODID);
    const all = events(text);
    // The next meeting of the series, then the one open follow-up with a due date (follow-up-1 has
    // none, follow-up-3 is done).
    expect(all.map((e) => e.uid)).toEqual([meetingUid('meeting-next'), followUpUid(meeting.id, 'follow-up-2')]);
    const [next, followUp] = all as [ICAL.Event, ICAL.Event];
    expect(next.summary).toBe('Pricing page review (8 Dec)');
    expect(next.startDate.isDate).toBe(false);
    expect(next.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(next.startDate.toJSDate().toISOString()).toBe('2026-12-08T09:30:00.000Z');
    // The agenda's timeboxes add up to the meeting's length.
    const minutes = meeting.agenda.reduce((sum, item) => sum + item.timeboxMinutes, 0);
    expect(next.endDate.toJSDate().getTime() - next.startDate.toJSDate().getTime()).toBe(minutes * 60_000);
    expect(next.description).toContain('When: 2026-12-08 10:30 UTC+01:00 (Europe/Berlin)');
    expect(followUp.startDate.isDate).toBe(true);
    expect(followUp.startDate.toString()).toBe('2026-11-30');
    expect(followUp.endDate.toString()).toBe('2026-12-01');
    expect(followUp.summary).toBe('Follow-up: Ask support how often the trial length comes up');
    expect(followUp.description).toContain('Owner: Chloé');
    for (const component of calendar.getAllSubcomponents('vevent')) {
      expect(component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-24T12:00:00Z');
    }
  });

  it('picks the earliest later meeting of the same series, and none outside a series', () => {
    const { meeting, index } = inSeries(fixtureMeeting());
    expect(nextInSeries(meeting, index)?.id).toBe('meeting-next');
    expect(nextInSeries({ ...meeting, seriesId: null }, index)).toBeNull();
    expect(
      nextInSeries(
        meeting,
        index.filter((m) => m.id !== 'meeting-next' && m.id !== 'meeting-later'),
      ),
    ).toBeNull();
  });

  it('a planned meeting is itself an event, with its agenda; its UID is the same in every export', () => {
    const meeting: Meeting = { ...fixtureMeeting(), status: 'planned' };
    const first = events(exportText(meeting));
    const again = events(exportText({ ...meeting, title: 'Renamed', revision: 43 }, { now: '2026-11-25T08:00:00.000Z' }));
    expect(first[0]!.uid).toBe(meetingUid(meeting.id));
    expect(first[0]!.startDate.toJSDate().toISOString()).toBe(meeting.scheduledAt);
    expect(first[0]!.description).toContain(`1. ${meeting.agenda[0]!.title} (${meeting.agenda[0]!.timeboxMinutes} min)`);
    // Importing the newer file updates the same events: same UIDs, a later DTSTAMP.
    expect(again.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(again[0]!.summary).toBe('Renamed');
  });

  it('uses CRLF only, folds every line at 75 octets, and never splits a UTF-8 character', () => {
    const meeting = fixtureMeeting();
    meeting.followUps[1]!.text = `${'é'.repeat(50)} 😀${'ش'.repeat(40)}${'👩‍👩‍👧'.repeat(12)} end`;
    const text = exportText(meeting);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A lone surrogate would mean a character was cut in two.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      // and a UTF-8 sequence cut in two would not decode back to the same text.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
    }
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    expect(events(text)[0]!.summary).toBe(`Follow-up: ${meeting.followUps[1]!.text}`);
  });

  it('folds exactly at the limit: 75 octets stay one line, 76 fold', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // A 2-octet character that would straddle octet 75 moves whole to the next line.
    expect(foldLine(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}\r\n é`);
    expect(foldLine(`${'x'.repeat(73)}é`)).toBe(`${'x'.repeat(73)}é`);
  });

  it('escapes backslash, semicolon, comma and every line break in TEXT', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeIcsText('tab\tstays, bell\u0007 shows')).toBe('tab\tstays\\, bell\uFFFD shows');
  });

  it('hostile text stays inert: one event per entry and every value read back whole', () => {
    for (const hostile of [...CORPUS, 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:injected', 'a;b,c\\n:d\nBEGIN:VALARM']) {
      const { meeting, index } = inSeries(fixtureMeeting());
      meeting.title = hostile;
      meeting.followUps[1]!.text = hostile;
      meeting.followUps[1]!.owner = hostile;
      index[2]!.title = hostile;
      const text = exportText(meeting, { meetings: index });
      const calendar = new ICAL.Component(ICAL.parse(text));
      expect(calendar.getAllSubcomponents().map((c) => c.name)).toEqual(['vevent', 'vevent']);
      const [next, followUp] = events(text) as [ICAL.Event, ICAL.Event];
      expect(next.uid).toBe(meetingUid('meeting-next'));
      // TEXT has one line break, \n: CRLF and CR read back as LF; nothing else changes.
      const read = hostile.replace(/\r\n|\r/g, '\n');
      expect(next.summary).toBe(read);
      expect(followUp.uid).toBe(followUpUid(meeting.id, 'follow-up-2'));
      expect(followUp.summary).toBe(`Follow-up: ${read}`);
      expect(followUp.description).toContain(`Owner: ${read}`);
      for (const component of calendar.getAllSubcomponents('vevent')) expect(component.getAllSubcomponents()).toEqual([]);
    }
  });

  it('the app’s own .ics import reads the next meeting back', () => {
    const { meeting, index } = inSeries(fixtureMeeting());
    const only = meetingUid('meeting-next');
    const read = parseIcsEvent(exportText(meeting, { meetings: index, only }));
    expect(read.title).toBe('Pricing page review (8 Dec)');
    expect(read.scheduledAt).toBe('2026-12-08T09:30:00.000Z');
  });

  it('one event alone (per item), and clear refusals when there is nothing to export', () => {
    const meeting = fixtureMeeting();
    const uid = followUpUid(meeting.id, 'follow-up-2');
    expect(events(exportText(meeting, { only: uid })).map((e) => e.uid)).toEqual([uid]);
    expect(() => exportText(meeting, { only: 'nope' })).toThrow(/no calendar event nope/);
    const nothing = { ...meeting, followUps: meeting.followUps.map((f) => ({ ...f, dueDate: null })) };
    let error: unknown;
    try {
      exportText(nothing);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_input');
    expect((error as ApiError).message).toMatch(/Nothing to add to a calendar/);
  });

  it('a follow-up carried into the next meeting keeps one UID in both meetings’ files', () => {
    const meeting = fixtureMeeting();
    meeting.followUps[1]!.carriedTo = 'meeting-next';
    const copy = {
      ...meeting.followUps[1]!,
      id: 'follow-up-copy',
      carriedTo: null,
      carriedFrom: { meetingId: meeting.id, followUpId: 'follow-up-2' },
    };
    const next: Meeting = { ...fixtureMeeting(), id: 'meeting-next', status: 'ended', followUps: [copy] };
    const uids = (m: Meeting) => calendarEntries(m, summarizeImpact(m, fixtureLibrary()), { now: NOW }).map((e) => e.uid);
    expect(uids(meeting)).toEqual([followUpUid(meeting.id, 'follow-up-2')]);
    expect(uids(next)).toEqual([followUpUid(meeting.id, 'follow-up-2')]);
    // Both meetings in one file: the event once, as the newer meeting has it.
    copy.owner = 'Dev';
    const both = events(meetingsToIcs([meeting, next], fixtureLibrary(), { now: NOW }));
    expect(both.map((e) => e.uid)).toEqual([followUpUid(meeting.id, 'follow-up-2')]);
    expect(both[0]!.description).toContain('Owner: Dev');
  });

  it('names the file after the meeting, or after the one event', () => {
    const meeting = fixtureMeeting();
    expect(icsFileName(meeting)).toBe(`2026-11-24 ${meeting.title}.ics`);
    const [entry] = calendarEntries(meeting, summarizeImpact(meeting, fixtureLibrary()), { now: NOW });
    expect(icsFileName(meeting, entry)).toBe('Follow-up- Ask support how often the trial length comes up.ics');
  });

  it('writes one follow-up’s event alone, as the meeting’s file has it; refuses one with no event, naming it', () => {
    const meeting = fixtureMeeting();
    const file = followUpCalendarFile(meeting, fixtureLibrary(), 'follow-up-2', { now: NOW });
    const [entry] = calendarEntries(meeting, summarizeImpact(meeting, fixtureLibrary()), { now: NOW });
    expect(file).toEqual({ fileName: icsFileName(meeting, entry), mimeType: 'text/calendar;charset=utf-8', content: exportText(meeting) });
    expect(events(file.content).map((e) => [e.uid, e.startDate.toString()])).toEqual([
      [followUpUid(meeting.id, 'follow-up-2'), '2026-11-30'],
    ]);
    // A copy carried forward keeps the original's UID, here too.
    const copy = { ...meeting.followUps[1]!, id: 'follow-up-copy', carriedFrom: { meetingId: meeting.id, followUpId: 'follow-up-2' } };
    const next: Meeting = { ...fixtureMeeting(), id: 'meeting-next', followUps: [copy] };
    expect(events(followUpCalendarFile(next, fixtureLibrary(), 'follow-up-copy', { now: NOW }).content)[0]!.uid).toBe(
      followUpUid(meeting.id, 'follow-up-2'),
    );
    const refusal = (id: string) => {
      try {
        followUpCalendarFile(meeting, fixtureLibrary(), id, { now: NOW });
      } catch (error) {
        return error as ApiError;
      }
      throw new Error(`no refusal for ${id}`);
    };
    expect(refusal('follow-up-1').code).toBe('not_found'); // no due date
    expect(refusal('follow-up-1').message).toMatch(/has no calendar event: only open follow-ups with a due date have one/);
    expect(refusal('follow-up-3').code).toBe('not_found'); // done
    expect(refusal('nope').message).toBe(`The meeting “${meeting.title}” has no follow-up nope.`);
  });
});
