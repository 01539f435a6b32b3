/**
 * The UTC instant an event starts, read from its DTSTART line with the zone the file means:
 * the file's own VTIMEZONE of that name (computed by ical.js on a local copy, never registered
 * globally), else the name resolved to an IANA zone (Intl), else X-WR-TIMEZONE, else local time.
 */
import ICAL from 'ical.js';
import { AgendaImportError } from '../agendaImportError';
import { componentText, findAll, firstProperty, type ContentLine, type IcsComponent } from './contentLines';
import { resolveZoneName, zonedTimeToUtc, type WallClock } from './timeZones';

export interface EventStart {
  instant: Date;
  allDay: boolean;
  warnings: string[];
}

/** Basic (20261124T093000Z) and extended (2026-11-24T09:30:00Z) forms; seconds may be left out. */
const DATE_TIME = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?(Z)?)?$/i;

function readWallClock(value: string): { wall: WallClock; isDate: boolean; isUtc: boolean } | null {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return null;
  return {
    wall: { year, month, day, hour, minute, second: Math.min(second, 59) },
    isDate: match[4] === undefined,
    isUtc: match[7] !== undefined,
  };
}

/** "+0530", "-0000", "+013045" in seconds; undefined if it is none of these. */
function readUtcOffset(value: string | undefined): number | undefined {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0));
}

const wallMs = (wall: WallClock) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/**
 * The offset in seconds a VTIMEZONE gives a wall-clock time, or undefined if the zone is not
 * usable: an observance without its onset or offsets (Apple iCal 1.5 wrote such), or one ical.js refuses.
 */
function vtimezoneOffset(zone: IcsComponent, wall: WallClock, beforeFirstOnset = false): number | undefined {
  const observances = zone.children
    .filter((c) => c.type === 'STANDARD' || c.type === 'DAYLIGHT')
    .map((o) => ({
      standard: o.type === 'STANDARD',
      onset: readWallClock(firstProperty(o, 'DTSTART')?.value ?? ''),
      from: readUtcOffset(firstProperty(o, 'TZOFFSETFROM')?.value),
      to: readUtcOffset(firstProperty(o, 'TZOFFSETTO')?.value),
    }));
  if (observances.length === 0 || observances.some((o) => !o.onset || o.from === undefined || o.to === undefined)) return undefined;
  // Before the first onset the zone says nothing (ical.js answers 0): the caller tries the zone's
  // name, and failing that, standard time is the best guess (RFC 5545's own examples start so late).
  const onsets = observances.map((o) => wallMs(o.onset!.wall));
  if (wallMs(wall) < Math.min(...onsets)) return beforeFirstOnset ? (observances.find((o) => o.standard) ?? observances[0]!).to : undefined;
  try {
    const timezone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(componentText(zone)) as unknown[]));
    const offset = timezone.utcOffset(ICAL.Time.fromData({ ...wall, isDate: false }));
    return Number.isFinite(offset) && Math.abs(offset) <= 18 * 3600 ? offset : undefined;
  } catch {
    return undefined;
  }
}

const unquote = (name: string) => name.trim().replace(/^"|"$/g, '').trim();

/** The file's VTIMEZONE of that name, as an instant; see vtimezoneOffset for beforeFirstOnset. */
function inFileZone(wanted: string, wall: WallClock, zones: IcsComponent[], beforeFirstOnset: boolean): Date | undefined {
  for (const zone of zones) {
    const tzid = firstProperty(zone, 'TZID');
    if (!tzid || unquote(tzid.value).toLowerCase() !== wanted) continue;
    const offset = vtimezoneOffset(zone, wall, beforeFirstOnset);
    if (offset !== undefined) return new Date(wallMs(wall) - offset * 1000);
  }
  return undefined;
}

/** A zone name to an instant: the file's VTIMEZONE of that name first, then the name as IANA/Windows. */
function inNamedZone(name: string, wall: WallClock, zones: IcsComponent[]): Date | undefined {
  const wanted = unquote(name).toLowerCase();
  const iana = resolveZoneName(name);
  return inFileZone(wanted, wall, zones, false) ?? (iana ? zonedTimeToUtc(wall, iana) : undefined) ?? inFileZone(wanted, wall, zones, true);
}

/** A lone VTIMEZONE without a TZID can only be the one the file means. */
function inNamelessZone(wall: WallClock, zones: IcsComponent[]): Date | undefined {
  const nameless = zones.filter((zone) => !firstProperty(zone, 'TZID')?.value.trim());
  if (nameless.length !== 1) return undefined;
  const offset = vtimezoneOffset(nameless[0]!, wall, true);
  return offset === undefined ? undefined : new Date(wallMs(wall) - offset * 1000);
}

function localTime(wall: WallClock): Date {
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/**
 * Reads DTSTART. `calendar` is the event's own VCALENDAR; its zones are searched before those of
 * other calendars in the same file.
 */
export function readEventStart(dtstart: ContentLine, calendar: IcsComponent, allCalendars: IcsComponent[]): EventStart {
  const parsed = readWallClock(dtstart.value);
  if (!parsed) {
    const shown = dtstart.value.trim().slice(0, 40);
    throw new AgendaImportError(
      'bad_start',
      `The event's start time cannot be read: "${shown}" is not a date or a date and time (such as 20261124T093000).`,
    );
  }
  const { wall, isDate, isUtc } = parsed;
  const warnings: string[] = [];
  if (isDate || dtstart.params.get('VALUE')?.toUpperCase() === 'DATE') {
    warnings.push('The event lasts all day; the meeting was set to 09:00 on that day, your time.');
    return { instant: new Date(wall.year, wall.month - 1, wall.day, 9, 0, 0), allDay: true, warnings };
  }
  const zones = [calendar, ...allCalendars.filter((c) => c !== calendar)].flatMap((c) => findAll(c.children, 'VTIMEZONE'));
  const tzid = dtstart.params.get('TZID');
  if (isUtc) {
    // "TZID=America/New_York:…170000Z" breaks RFC 5545; Google reads it as 17:00 in New York, and so do we.
    const named = tzid !== undefined && unquote(tzid) ? inNamedZone(tzid, wall, zones) : undefined;
    return { instant: named ?? new Date(wallMs(wall)), allDay: false, warnings };
  }
  const calendarZone = firstProperty(calendar, 'X-WR-TIMEZONE')?.value;
  if (tzid !== undefined && unquote(tzid)) {
    const resolved = inNamedZone(tzid, wall, zones) ?? inNamelessZone(wall, zones);
    if (resolved) return { instant: resolved, allDay: false, warnings };
    const fallback = calendarZone ? inNamedZone(calendarZone, wall, zones) : undefined;
    if (fallback) {
      warnings.push(
        `The time zone "${unquote(tzid)}" is not known here; the time was read in the calendar's zone "${unquote(calendarZone!)}".`,
      );
      return { instant: fallback, allDay: false, warnings };
    }
    warnings.push(`The time zone "${unquote(tzid)}" is not known here; the time was read as your local time.`);
    return { instant: localTime(wall), allDay: false, warnings };
  }
  // A floating time: the calendar's X-WR-TIMEZONE (Google, Apple) says where it is meant.
  if (calendarZone) {
    const resolved = inNamedZone(calendarZone, wall, zones);
    if (resolved) return { instant: resolved, allDay: false, warnings };
    warnings.push(`The calendar's time zone "${unquote(calendarZone)}" is not known here; the time was read as your local time.`);
  }
  return { instant: localTime(wall), allDay: false, warnings };
}
