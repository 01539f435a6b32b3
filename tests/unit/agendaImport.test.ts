import { describe, expect, it } from 'vitest';
import { AgendaImportError, durationWarnings, parseAgendaLines } from '../../shared/agendaImport';
import { parseIcsEvent } from '../../shared/ics/icsEvent';
import { zonedTimeToUtc } from '../../shared/ics/timeZones';
import { LIMITS } from '../../shared/limits';

const ics = (...lines: string[]) => lines.join('\r\n') + '\r\n';

/** As Google Calendar writes it: VTIMEZONE included, long DESCRIPTION folded at 75 octets, escaped commas. */
const GOOGLE = ics(
  'BEGIN:VCALENDAR',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'DTSTART;TZID=Europe/Berlin:20261124T093000',
  'DTEND;TZID=Europe/Berlin:20261124T103000',
  'ORGANIZER;CN=Ana Morales:mailto:ana@example.com',
  'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ben Okafor;X-NUM-GUESTS=0:mailto:ben@example.com',
  'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=chloe@example.com;X-NUM-GUESTS=0:mailto:chloe@example.com',
  'SUMMARY:Pricing review\\, Q3',
  'DESCRIPTION:Agenda:\\n- New tiers\\, seats and usage (15 min)\\n- Trial length (1',
  ' 0 min)\\n- Legacy plans',
  'UID:abc123@google.com',
  'END:VEVENT',
  'END:VCALENDAR',
);

/** As Outlook writes it: a Windows zone name with its VTIMEZONE, and attendees with CN in quotes. */
const OUTLOOK = ics(
  'BEGIN:VCALENDAR',
  'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:Pacific Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16011104T020000',
  'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11',
  'TZOFFSETFROM:-0700',
  'TZOFFSETTO:-0800',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010311T020000',
  'RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3',
  'TZOFFSETFROM:-0800',
  'TZOFFSETTO:-0700',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'ATTENDEE;CN="Dev Patel";RSVP=TRUE:mailto:dev@example.com',
  'DESCRIPTION:1. Checklist from 12 steps to 5\\n2. Welcome email\\n\\n',
  'DTSTART;TZID="Pacific Standard Time":20260715T140000',
  'DTEND;TZID="Pacific Standard Time":20260715T150000',
  'SUMMARY:Onboarding sync',
  'END:VEVENT',
  'END:VCALENDAR',
);

/** As Apple Calendar may write it: an IANA TZID with no VTIMEZONE block. */
const APPLE_NO_VTIMEZONE = ics(
  'BEGIN:VCALENDAR',
  'PRODID:-//Apple Inc.//macOS 15.0//EN',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;TZID=America/New_York:20260310T090000',
  'SUMMARY:Support macros',
  'DESCRIPTION:* Macros for pricing questions\\n* Escalation path',
  'END:VEVENT',
  'END:VCALENDAR',
);

describe('agenda from pasted lines', () => {
  it('makes one item per line, dropping bullets and numbers, reading "(10 min)" as the timebox', () => {
    const { items, warnings } = parseAgendaLines(
      '- New tiers (15 min)\n\n2) Trial length [10m]\n• Legacy plans\n  * Q&A\n[ ] Wrap up 5 minutes',
    );
    expect(items).toEqual([
      { title: 'New tiers', timeboxMinutes: 15 },
      { title: 'Trial length', timeboxMinutes: 10 },
      { title: 'Legacy plans' },
      { title: 'Q&A' },
      { title: 'Wrap up', timeboxMinutes: 5 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps a number that is not a timebox, and bounds titles and counts', () => {
    expect(parseAgendaLines('Retire v2 (999 min)').items).toEqual([{ title: 'Retire v2 (999 min)' }]);
    const long = parseAgendaLines('x'.repeat(LIMITS.titleMax + 5));
    expect(long.items[0]!.title).toHaveLength(LIMITS.titleMax);
    expect(long.warnings[0]).toMatch(/cut to 200 characters/);
    const many = parseAgendaLines(Array.from({ length: LIMITS.agendaItemsMax + 3 }, (_, i) => `Item ${i}`).join('\n'));
    expect(many.items).toHaveLength(LIMITS.agendaItemsMax);
    expect(many.warnings).toEqual([
      `203 lines were pasted, but a meeting holds at most 200 agenda items: only the first 200 became items, and the other 3 are left out.`,
      'The agenda adds up to 2,000 minutes (33 h 20 min), more than a working day: check the timeboxes.',
    ]);
  });

  it('puts lines left out first, and warns about an agenda longer than a working day (and not at exactly 480 minutes)', () => {
    const lines = parseAgendaLines(Array.from({ length: 500 }, (_, i) => `Item ${i} (10 min)`).join('\n'));
    expect(lines.items).toHaveLength(200);
    expect(lines.warnings[0]).toContain('500 lines were pasted');
    expect(lines.warnings[0]).toContain('the other 300 are left out');
    expect(parseAgendaLines(Array.from({ length: 12 }, () => 'Review (40 min)').join('\n')).warnings).toEqual([]);
    expect(parseAgendaLines(Array.from({ length: 12 }, () => 'Review (40 min)').join('\n') + '\nOne more (1 min)').warnings).toEqual([
      'The agenda adds up to 481 minutes (8 h 1 min), more than a working day: check the timeboxes.',
    ]);
    expect(durationWarnings(Array.from({ length: 50 }, () => ({ title: 'x', timeboxMinutes: 100 })))[0]).toContain('5,000 minutes');
  });
});

describe('agenda from an .ics event', () => {
  it('reads a Google Calendar event: zone, folded lines, escaped commas, organiser and attendees', () => {
    const event = parseIcsEvent(GOOGLE);
    expect(event.title).toBe('Pricing review, Q3');
    expect(event.scheduledAt).toBe('2026-11-24T08:30:00.000Z'); // 09:30 in Berlin, winter time
    expect(event.lead).toBe('Ana Morales');
    expect(event.participants).toEqual(['Ben Okafor', 'chloe@example.com']);
    expect(event.items).toEqual([
      { title: 'Agenda:' },
      { title: 'New tiers, seats and usage', timeboxMinutes: 15 },
      { title: 'Trial length', timeboxMinutes: 10 },
      { title: 'Legacy plans' },
    ]);
  });

  it('reads an Outlook event with a Windows zone name defined by its VTIMEZONE', () => {
    const event = parseIcsEvent(OUTLOOK);
    expect(event.scheduledAt).toBe('2026-07-15T21:00:00.000Z'); // 14:00 Pacific daylight time
    expect(event.participants).toEqual(['Dev Patel']);
    expect(event.items.map((i) => i.title)).toEqual(['Checklist from 12 steps to 5', 'Welcome email']);
  });

  it('reads an IANA zone with no VTIMEZONE through the platform zone data', () => {
    const event = parseIcsEvent(APPLE_NO_VTIMEZONE);
    expect(event.scheduledAt).toBe('2026-03-10T13:00:00.000Z'); // 09:00 New York, daylight time from March 8
    expect(event.items.map((i) => i.title)).toEqual(['Macros for pricing questions', 'Escalation path']);
  });

  it('reads UTC times, and says what it did with all-day events and several events', () => {
    const utc = parseIcsEvent(
      ics(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'DTSTART:20261201T150000Z',
        'SUMMARY:UTC',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART:20261202T150000Z',
        'SUMMARY:Second',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    expect(utc.scheduledAt).toBe('2026-12-01T15:00:00.000Z');
    expect(utc.warnings).toEqual(['The file holds 2 events; the first one was used.']);
    const allDay = parseIcsEvent(
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261201', 'SUMMARY:Offsite', 'END:VEVENT', 'END:VCALENDAR'),
    );
    expect(allDay.warnings[0]).toMatch(/all day/);
    expect(new Date(allDay.scheduledAt).getHours()).toBe(9);
  });

  it.each([
    ['not a calendar', 'Subject: hello', /not a calendar file/],
    ['no event', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'END:VCALENDAR'), /no event/],
    ['no start', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT', 'END:VCALENDAR'), /no start time/],
    ['unclosed', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n', /cannot be read|no start time|no event/],
    [
      'garbage date',
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:tomorrow', 'END:VEVENT', 'END:VCALENDAR'),
      /cannot be read|start time/,
    ],
  ])('refuses %s with a clear message', (_name, text, message) => {
    expect(() => parseIcsEvent(text)).toThrow(AgendaImportError);
    expect(() => parseIcsEvent(text)).toThrow(message);
  });

  it('converts wall-clock times across daylight-saving changes', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(zonedTimeToUtc({ year: 2026, month: 1, day: 15, hour: 12, minute: 0, second: 0 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-01-15T06:30:00.000Z',
    );
  });
});
