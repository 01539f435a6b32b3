/**
 * The .ics import against real files from calendar projects' test suites (tests/fixtures/ics,
 * origins in its README.md): every file either imports with a valid start or is refused with a
 * sentence; a hand-checked sample has the right UTC start; and every file gives the same result
 * whatever order the files are read in (no zone leaks from one file into the next).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgendaImportError } from '../../shared/agendaImport';
import { parseIcsEvent } from '../../shared/ics/icsEvent';

const ROOT = path.join(import.meta.dirname, '..', 'fixtures', 'ics');
const FILES = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(path.join(ROOT, dir.name))
      .filter((name) => name.endsWith('.ics'))
      .map((name) => `${dir.name}/${name}`),
  )
  .sort();
const TEXT = new Map(FILES.map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));

type Outcome = { ok: true; scheduledAt: string; title: string; warnings: string[] } | { ok: false; code: string; message: string };

function importFile(file: string): Outcome {
  try {
    const { scheduledAt, title, warnings } = parseIcsEvent(TEXT.get(file)!);
    return { ok: true, scheduledAt, title, warnings };
  } catch (error) {
    if (!(error instanceof AgendaImportError)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

/**
 * Checked by hand from each file's DTSTART, its zone and that zone's rules on that date
 * (floating and all-day starts are the reader's local time: all-day ones at 09:00).
 */
const EXPECTED_START: Record<string, string> = {
  // UTC
  'GNOME-evolution-data-server/event-0.ics': '2017-02-09T01:30:00.000Z',
  'GNOME-evolution-data-server/invite-3.ics': '2017-03-21T13:00:00.000Z',
  'KDE-kcalendarcore/Mozilla_1.0.ics': '2004-05-16T20:00:00.000Z',
  'KDE-kcalendarcore/eGroupware.ics': '2007-03-01T10:00:00.000Z',
  'arran4-golang-ical/input1.ics': '1996-09-18T14:30:00.000Z',
  'arran4-golang-ical/issue52_working.ics': '2022-03-01T17:00:00.000Z', // Z wins over X-WR-TIMEZONE
  'bestpractical-data-ical/version1.ics': '2012-12-10T13:00:00.000Z',
  'libical-libical/2.ics': '1997-03-24T12:30:00.000Z',
  'libical-libical/rfc2445.ics': '1997-07-14T17:00:00.000Z',
  'libical-libical/spanlist.ics': '1998-01-01T00:00:00.000Z', // a VEVENT without its VCALENDAR
  // IANA zones, with or without a VTIMEZONE
  'GNOME-evolution-data-server/event-6.ics': '2017-02-21T18:49:00.000Z', // New York, EST
  'GNOME-evolution-data-server/event-9.ics': '2017-02-25T21:00:00.000Z',
  'KDE-kcalendarcore/AppleICal_1.5.ics': '2003-10-29T08:00:00.000Z', // Paris, CET; its VTIMEZONE has no onsets
  'KDE-kcalendarcore/Until_TestCase02.ics': '1997-12-15T00:00:00.000Z', // Vienna, CET
  'KDE-kcalendarcore/Until_TestCase03.ics': '1997-09-02T16:00:00.000Z', // Los Angeles, PDT
  'KDE-kcalendarcore/Until_TestCase05.ics': '1998-01-01T17:00:00.000Z', // Los Angeles, PST
  'KDE-kcalendarcore/LibICal_TestCase03.ics': '1999-02-02T01:20:00.000Z', // 17:20 PST
  'KDE-kcalendarcore/test_conference.ics': '2020-11-16T14:00:00.000Z', // Prague, CET
  'arran4-golang-ical/input2.ics': '1998-03-12T13:30:00.000Z', // New York, EST; before its VTIMEZONE's first onset
  'arran4-golang-ical/timeparsing.ics': '2021-12-07T13:00:00.000Z', // Copenhagen, CET
  'bestpractical-data-ical/test.ics': '2005-08-02T16:00:00.000Z', // London, BST
  'collective-icalendar/issue_112_missing_tzinfo_on_exdate.ics': '2013-09-07T16:00:00.000Z',
  'collective-icalendar/issue_53_parsing_failure.ics': '2012-07-12T22:30:00.000Z',
  'collective-icalendar/timezoned.ics': '2012-02-13T09:00:00.000Z',
  'collective-icalendar/x_location.ics': '2016-10-28T12:00:00.000Z', // Zurich, CEST
  'jens-maus-node-ical/badRRULE.ics': '2020-09-03T15:40:00.000Z', // Denver, MDT; the next event's RRULE is broken
  'jens-maus-node-ical/test_with_int_tzid.ics': '2023-12-15T14:00:00.000Z',
  'kewisch-ical.js/minimal.ics': '2012-06-30T13:00:00.000Z',
  'kewisch-ical.js/utc_negative_zero.ics': '2012-08-21T21:00:00.000Z',
  // Zones only the file defines, prefixes, legacy and Windows names
  'collective-icalendar/america_new_york.ics': '2014-08-29T12:00:00.000Z', // custom_America/New_York, EDT
  'collective-icalendar/pacific_fiji.ics': '2014-08-28T20:00:00.000Z', // custom_Pacific/Fiji, +12
  'collective-icalendar/timezone_rdate.ics': '2012-02-13T09:00:00.000Z', // posix/Europe/Vaduz
  'GNOME-evolution-data-server/event-7.ics': '2017-02-21T18:50:00.000Z', // /freeassociation.sourceforge.net/America/New_York
  'libical-libical/recur-errors.ics': '1997-08-05T13:00:00.000Z', // US-Eastern, EDT
  'KDE-kcalendarcore/MSExchange.ics': '2003-11-10T18:00:00.000Z', // "GMT -0800 (Standard) / GMT -0700 (Daylight)"
  'collective-icalendar/timezone_same_start.ics': '2017-02-24T20:00:00.000Z', // "Pacific Standard Time"
  'collective-icalendar/timezone_same_start_and_offset.ics': '2017-02-24T03:00:00.000Z', // "Tokyo Standard Time"
  'jens-maus-node-ical/ms_timezones.ics': '2020-09-10T07:00:00.000Z', // W. Europe Standard Time, CEST
  'jens-maus-node-ical/test_with_tz_list.ics': '2024-04-15T17:00:00.000Z', // "Amsterdam, Belgrade, Berlin, …", CEST
  'jens-maus-node-ical/windows-quoted-tz-rrule.ics': '2015-07-06T16:00:00.000Z', // "(UTC-05:00) Eastern Time (US and Canada)", EDT
  // X-WR-TIMEZONE
  'niccokunzmann-python-recurring-ical-events/issue-86-x-wr-timezone-without-time-zone-in-dt.ics': '2021-09-16T19:00:00.000Z', // Brussels, CEST
  'niccokunzmann-x-wr-timezone/single-event-x-wr-timezone-not-used.in.ics': '2021-12-22T22:00:00.000Z', // as its SUMMARY says Google reads it
  // Floating and all-day: the reader's local time
  'libical-libical/overlaps.ics': local(2000, 11, 4, 15),
  'KDE-kcalendarcore/Evolution_2.8.2_timezone_test.ics': local(2007, 1, 27, 12),
  'KDE-kcalendarcore/LibICal_TestCase01.ics': local(2002, 4, 2, 11, 45),
  'GNOME-evolution-data-server/invite-5.ics': local(2018, 4, 25, 9),
  'KDE-kcalendarcore/PayDay.ics': local(2004, 2, 27, 9),
  'KDE-kcalendarcore/anniversary_4.6.1.ics': local(1997, 11, 2, 9), // DTSTART:19971102 without VALUE=DATE
  'KDE-kcalendarcore/ConnectDaily7.ics': local(2004, 5, 31, 9), // TZID on a DATE
  'kewisch-ical.js/only_dtstart_date.ics': local(2012, 6, 30, 9),
};

/** Files refused, and why: none of them has an event with a readable start. */
const EXPECTED_REFUSAL: Record<string, string> = {
  'libical-libical/0.ics': 'no_start',
  'libical-libical/malloc.ics': 'bad_start', // fuzzed bytes
  'arran4-golang-ical/input3.ics': 'no_event',
  'kewisch-ical.js/multiple_root_components.ics': 'no_event',
  'GNOME-evolution-data-server/task-1.ics': 'not_calendar', // a bare VTODO
};

const hasEventWithStart = (text: string) => /BEGIN:VEVENT[\s\S]*?\nDTSTART[;:]/i.test(text);

/** A fixed-seed shuffle, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe(`the .ics corpus (${FILES.length} real files)`, () => {
  const first = new Map(FILES.map((file) => [file, importFile(file)]));

  it('holds at least 150 files, and every hand-checked one is there', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(150);
    for (const file of [...Object.keys(EXPECTED_START), ...Object.keys(EXPECTED_REFUSAL)]) expect(FILES).toContain(file);
  });

  it('imports every file with a valid start, or refuses it with a sentence', () => {
    for (const [file, outcome] of first) {
      if (outcome.ok) {
        expect(Number.isNaN(Date.parse(outcome.scheduledAt)), file).toBe(false);
        expect(outcome.title.length, file).toBeGreaterThan(0);
      } else {
        expect(outcome.message, file).toMatch(/^[A-Z].*\.$/);
        expect(outcome.message, file).not.toMatch(/undefined|null|Cannot read|\[object|TypeError|is not a function/);
      }
    }
  });

  it('gives the hand-checked UTC start of the first event, and refuses only what it should', () => {
    const wrong = Object.entries(EXPECTED_START).filter(([file, start]) => {
      const outcome = first.get(file)!;
      return !outcome.ok || outcome.scheduledAt !== start;
    });
    expect(wrong.map(([file]) => [file, first.get(file)])).toEqual([]);
    for (const [file, code] of Object.entries(EXPECTED_REFUSAL)) expect(first.get(file), file).toMatchObject({ ok: false, code });

    const withEvent = FILES.filter(
      (file) => hasEventWithStart(TEXT.get(file)!) || first.get(file)!.ok || (first.get(file) as { code?: string }).code === 'bad_start',
    );
    const imported = withEvent.filter((file) => first.get(file)!.ok).length;
    console.log(
      `ics corpus: ${FILES.length} files, ${withEvent.length} with a VEVENT and DTSTART: ${imported} imported, ` +
        `${withEvent.length - imported} refused with a sentence, ${wrong.length} wrong of ${Object.keys(EXPECTED_START).length} hand-checked; ` +
        `${FILES.length - withEvent.length} without an event refused with a sentence`,
    );
  });

  it.each([
    ['reversed', [...FILES].reverse()],
    ['shuffled (seed 1)', shuffled(FILES, 1)],
    ['shuffled (seed 2)', shuffled(FILES, 2)],
  ])('gives every file the same result when read in another order: %s', (_name, order) => {
    const again = new Map(order.map((file) => [file, importFile(file)]));
    for (const file of FILES) expect(again.get(file), file).toEqual(first.get(file));
  });
});
