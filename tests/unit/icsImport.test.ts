/**
 * The .ics import on the quirks real exporters write (issue 16 §5), each in a small file written
 * the way that exporter writes it. The corpus of real files is in icsCorpus.test.ts.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { AgendaImportError } from '../../shared/agendaImport';
import { parseIcsEvent } from '../../shared/ics/icsEvent';
import { resolveZoneName } from '../../shared/ics/timeZones';

const ics = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const calendar = (...body: string[]) => ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...body, 'END:VCALENDAR');
const event = (...props: string[]) => ['BEGIN:VEVENT', 'SUMMARY:Sync', ...props, 'END:VEVENT'];
const startOf = (text: string) => parseIcsEvent(text).scheduledAt;
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

/** A VTIMEZONE with one fixed offset, named as given (or without TZID when name is null). */
const fixedZone = (name: string | null, offset: string) => [
  'BEGIN:VTIMEZONE',
  ...(name === null ? [] : [`TZID:${name}`]),
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  `TZOFFSETFROM:${offset}`,
  `TZOFFSETTO:${offset}`,
  'END:STANDARD',
  'END:VTIMEZONE',
];

describe('time-zone names as exporters write them', () => {
  it.each([
    ['Windows id, no VTIMEZONE (Exchange)', 'DTSTART;TZID=W. Europe Standard Time:20260715T090000', '2026-07-15T07:00:00.000Z'],
    ['Windows id, quoted', 'DTSTART;TZID="Tokyo Standard Time":20260115T090000', '2026-01-15T00:00:00.000Z'],
    [
      'Windows display name, unquoted with a colon',
      'DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20260115T090000',
      '2026-01-15T14:00:00.000Z',
    ],
    [
      'Windows display name listing cities',
      'DTSTART;TZID="(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":20260115T090000',
      '2026-01-15T03:30:00.000Z',
    ],
    [
      'Windows display name, cities only',
      'DTSTART;TZID="Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260115T090000',
      '2026-01-15T08:00:00.000Z',
    ],
    ['Mozilla prefix', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260715T090000', '2026-07-15T07:00:00.000Z'],
    ['libical prefix', 'DTSTART;TZID=/softwarestudio.org/Olson_20011030_5/America/New_York:20260115T090000', '2026-01-15T14:00:00.000Z'],
    ['IANA name in another case', 'DTSTART;TZID=europe/berlin:20260115T090000', '2026-01-15T08:00:00.000Z'],
    ['RFC 2445 legacy name', 'DTSTART;TZID=US-Eastern:20260715T090000', '2026-07-15T13:00:00.000Z'],
  ])('%s', (_name, dtstart, expected) => {
    const result = parseIcsEvent(calendar(...event(dtstart)));
    expect(result.scheduledAt).toBe(expected);
    expect(result.warnings).toEqual([]);
  });

  it('maps Windows names through CLDR, and refuses a display name whose offset contradicts its cities', () => {
    expect(resolveZoneName('Romance Standard Time')).toBe('Europe/Paris');
    expect(resolveZoneName('(UTC+03:00) Nowhere In Particular')).toBe('Etc/GMT-3');
    expect(resolveZoneName('(UTC+09:00) Berlin')).toBe('Etc/GMT-9'); // Berlin is +01:00: the offset wins
    expect(resolveZoneName('Customized Time Zone')).toBeUndefined();
  });

  it("reads floating times in the calendar's X-WR-TIMEZONE (Google), and UTC times as UTC", () => {
    expect(startOf(calendar('X-WR-TIMEZONE:Asia/Tokyo', ...event('DTSTART:20260115T090000')))).toBe('2026-01-15T00:00:00.000Z');
    expect(startOf(calendar('X-WR-TIMEZONE:Asia/Tokyo', ...event('DTSTART:20260115T090000Z')))).toBe('2026-01-15T09:00:00.000Z');
    expect(startOf(calendar(...event('DTSTART:20260115T090000')))).toBe(local(2026, 1, 15, 9));
  });

  it('says so when a zone is unknown, and uses X-WR-TIMEZONE before local time', () => {
    const alone = parseIcsEvent(calendar(...event('DTSTART;TZID=Customized Time Zone:20260115T090000')));
    expect(alone.scheduledAt).toBe(local(2026, 1, 15, 9));
    expect(alone.warnings).toEqual(['The time zone "Customized Time Zone" is not known here; the time was read as your local time.']);
    const withCalendarZone = parseIcsEvent(
      calendar('X-WR-TIMEZONE:Asia/Tokyo', ...event('DTSTART;TZID=Customized Time Zone:20260115T090000')),
    );
    expect(withCalendarZone.scheduledAt).toBe('2026-01-15T00:00:00.000Z');
    expect(withCalendarZone.warnings[0]).toMatch(/read in the calendar's zone "Asia\/Tokyo"/);
  });
});

describe('files that bend the rules', () => {
  it('reads a DTSTART date without VALUE=DATE as an all-day event', () => {
    const result = parseIcsEvent(calendar(...event('DTSTART:20261201')));
    expect(result.scheduledAt).toBe(local(2026, 12, 1, 9));
    expect(result.warnings[0]).toMatch(/lasts all day/);
  });

  it('uses a lone VTIMEZONE without TZID for a zone the file names but does not define', () => {
    expect(startOf(calendar(...fixedZone(null, '+0300'), ...event('DTSTART;TZID=Office:20260115T090000')))).toBe(
      '2026-01-15T06:00:00.000Z',
    );
  });

  it("prefers the file's own VTIMEZONE, and falls back to the name when that VTIMEZONE is unusable", () => {
    expect(startOf(calendar(...fixedZone('Europe/Berlin', '+0500'), ...event('DTSTART;TZID=Europe/Berlin:20260715T090000')))).toBe(
      '2026-07-15T04:00:00.000Z',
    );
    // Apple iCal 1.5 wrote observances without DTSTART or TZOFFSETFROM.
    const broken = ['BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'BEGIN:STANDARD', 'TZOFFSETTO:0100', 'END:STANDARD', 'END:VTIMEZONE'];
    expect(startOf(calendar(...broken, ...event('DTSTART;TZID=Europe/Berlin:20260715T090000')))).toBe('2026-07-15T07:00:00.000Z');
  });

  it('reads several calendars in one file, finding a zone defined in another of them', () => {
    const text = calendar(...fixedZone('Office', '+0300')) + calendar(...event('DTSTART;TZID=Office:20260115T090000'));
    expect(startOf(text)).toBe('2026-01-15T06:00:00.000Z');
  });

  it('imports an event even when it or another event has a broken RRULE', () => {
    const text = calendar(
      ...event('DTSTART:20260115T090000Z', 'RRULE:RRULE:AnythingRandom;FREQ=WEEKLY'),
      ...event('DTSTART:20260116T090000Z', 'RRULE:FREQ=NEVER;UNTIL=yesterday'),
    );
    expect(startOf(text)).toBe('2026-01-15T09:00:00.000Z');
  });

  it('reads events written without their VCALENDAR, blank lines and lower-case names', () => {
    expect(startOf(ics('BEGIN:VEVENT', '', 'dtstart:20260115T090000Z', 'END:VEVENT'))).toBe('2026-01-15T09:00:00.000Z');
  });

  it('skips a moved occurrence (RECURRENCE-ID) for the event it belongs to', () => {
    const text = calendar(
      ...event('RECURRENCE-ID:20260301T090000Z', 'DTSTART:20260302T090000Z'),
      ...event('DTSTART:20260115T090000Z', 'RRULE:FREQ=WEEKLY'),
    );
    expect(startOf(text)).toBe('2026-01-15T09:00:00.000Z');
  });
});

describe('each file is read alone', () => {
  const ownBerlin = calendar(...fixedZone('Europe/Berlin', '+0500'), ...event('DTSTART;TZID=Europe/Berlin:20260715T090000'));
  const plainBerlin = calendar(...event('DTSTART;TZID=Europe/Berlin:20260715T090000'));
  const outlook = calendar(...fixedZone('Pacific Standard Time', '-0300'), ...event('DTSTART;TZID=Pacific Standard Time:20260715T090000'));
  const plainPacific = calendar(...event('DTSTART;TZID=Pacific Standard Time:20260715T090000'));

  it('gives the same start whatever was imported before, in any order', () => {
    const files = [ownBerlin, plainBerlin, outlook, plainPacific];
    const alone = files.map(startOf);
    expect(alone).toEqual(['2026-07-15T04:00:00.000Z', '2026-07-15T07:00:00.000Z', '2026-07-15T12:00:00.000Z', '2026-07-15T16:00:00.000Z']);
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 0, 3, 2],
      [2, 3, 0, 1],
    ];
    for (const order of orders) {
      const results = new Map(order.map((i) => [i, startOf(files[i]!)]));
      expect(files.map((_, i) => results.get(i))).toEqual(alone);
    }
  });

  it("leaves ical.js's global zone registry as it found it", () => {
    parseIcsEvent(ownBerlin);
    parseIcsEvent(outlook);
    expect(ICAL.TimezoneService.has('Europe/Berlin')).toBe(false);
    expect(ICAL.TimezoneService.has('Pacific Standard Time')).toBe(false);
  });
});

describe('refusals are sentences', () => {
  it.each([
    ['no calendar', 'Subject: hello', 'not_calendar'],
    ['no event', calendar('X-WR-CALNAME:Empty'), 'no_event'],
    ['no start', calendar(...event()), 'no_start'],
    ['a start that is no date', calendar(...event('DTSTART:tomorrow')), 'bad_start'],
    ['an impossible date', calendar(...event('DTSTART:20260231T090000')), 'bad_start'],
    ['an hour past midnight', calendar(...event('DTSTART:20260115T250000Z')), 'bad_start'],
    ['only BEGIN lines', 'BEGIN:VCALENDAR\r\nBEGIN:', 'no_event'],
    ['binary noise', 'BEGIN:VCALENDAR\u0000\u0001\u00ff:\r\n;;;:\r\nBEGIN:VEVENT\r\nDTSTART;TZID="unterminated:2026\r\n', 'no_start'],
  ])('%s', (_name, text, code) => {
    let caught: unknown;
    try {
      parseIcsEvent(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AgendaImportError);
    const error = caught as AgendaImportError;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error.message).not.toMatch(/undefined|null|Cannot read|\[object|TypeError/);
  });
});
