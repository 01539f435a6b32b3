/**
 * Agenda import: pasted lines, or one event from an .ics calendar file (title, start, attendees,
 * description lines as agenda items). Pure: the UI shows the result as a preview and creates the
 * meeting only when the lead confirms. Calendar parsing (line folding, escapes, VTIMEZONE rules)
 * is ical.js's; we add IANA zone names without a VTIMEZONE, which some exporters leave out.
 */
import ICAL from 'ical.js';
import type { AgendaItemDraft } from './api';
import { LIMITS } from './limits';

export class AgendaImportError extends Error {
  override name = 'AgendaImportError';
}

export interface ImportedAgenda {
  items: AgendaItemDraft[];
  /** Things the lead should check in the preview (lines cut short, items over the limit, …). */
  warnings: string[];
}

export interface ImportedEvent extends ImportedAgenda {
  title: string;
  /** UTC, ISO 8601. */
  scheduledAt: string;
  lead: string;
  participants: string[];
}

const BULLET = /^\s*(?:[-*+•◦‣]|\d{1,3}[.)]|\[[ xX]?\])\s+/;
const TIMEBOX = /\s*[([]?\s*(\d{1,3})\s*(?:min(?:ute)?s?|m)\s*[)\]]?\s*$/i;

/** One agenda item per non-empty line; bullets and numbering are dropped; "(10 min)" sets the timebox. */
export function parseAgendaLines(text: string): ImportedAgenda {
  const items: AgendaItemDraft[] = [];
  const warnings: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let title = raw.replace(BULLET, '').trim();
    if (!title) continue;
    let timeboxMinutes: number | undefined;
    const timebox = TIMEBOX.exec(title);
    if (timebox && timebox.index > 0) {
      const minutes = Number(timebox[1]);
      if (minutes >= LIMITS.timeboxMinutesMin && minutes <= LIMITS.timeboxMinutesMax) {
        timeboxMinutes = minutes;
        title = title.slice(0, timebox.index).trim();
      }
    }
    if (title.length > LIMITS.titleMax) {
      warnings.push(`"${title.slice(0, 40)}…" was cut to ${LIMITS.titleMax} characters.`);
      title = title.slice(0, LIMITS.titleMax).trimEnd();
    }
    if (items.length === LIMITS.agendaItemsMax) {
      warnings.push(`Only the first ${LIMITS.agendaItemsMax} lines became agenda items.`);
      break;
    }
    items.push(timeboxMinutes === undefined ? { title } : { title, timeboxMinutes });
  }
  return { items, warnings };
}

/** The UTC instant of a wall-clock time in an IANA time zone, using the platform's zone data. */
export function zonedTimeToUtc(parts: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): Date {
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offsetAt = (instant: number) => {
    const shown = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant));
    const get = (type: string) => Number(shown.find((p) => p.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
  };
  // Two passes settle the offset across a daylight-saving change.
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function personName(property: ICAL.Property): string {
  const cn = property.getParameter('cn');
  const name = (Array.isArray(cn) ? cn[0] : cn) ?? String(property.getFirstValue() ?? '').replace(/^mailto:/i, '');
  return String(name).trim().slice(0, LIMITS.nameMax);
}

/** Reads the first event of an .ics file. Throws AgendaImportError with a message a person can act on. */
export function parseIcsEvent(text: string): ImportedEvent {
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new AgendaImportError('This is not a calendar file (.ics): it has no BEGIN:VCALENDAR.');
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new AgendaImportError(`This calendar file cannot be read: ${(error as Error).message}.`);
  }
  const events = calendar.getAllSubcomponents('vevent');
  const first = events[0];
  if (!first) throw new AgendaImportError('This calendar file holds no event (VEVENT).');
  const warnings: string[] = [];
  if (events.length > 1) warnings.push(`The file holds ${events.length} events; the first one was used.`);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);

  const event = new ICAL.Event(first);
  let start: ICAL.Time | null;
  try {
    start = event.startDate; // ical.js parses values lazily: a bad date throws here
  } catch (error) {
    throw new AgendaImportError(`The event's start time cannot be read (${(error as Error).message}).`);
  }
  if (!start) throw new AgendaImportError('The event has no start time (DTSTART).');
  let scheduled: Date;
  const tzid = first.getFirstProperty('dtstart')?.getParameter('tzid');
  const zoneName = Array.isArray(tzid) ? tzid[0] : tzid;
  if (start.isDate) {
    warnings.push('The event lasts all day; the meeting was set to 09:00 on that day, your time.');
    scheduled = new Date(start.year, start.month - 1, start.day, 9, 0, 0);
  } else if (start.zone === ICAL.Timezone.utcTimezone || (zoneName && ICAL.TimezoneService.has(zoneName))) {
    scheduled = start.toJSDate();
  } else if (zoneName && isIanaZone(zoneName)) {
    scheduled = zonedTimeToUtc(start, zoneName);
  } else {
    if (zoneName) warnings.push(`The time zone "${zoneName}" is not known here; the time was read as your local time.`);
    scheduled = new Date(start.year, start.month - 1, start.day, start.hour, start.minute, start.second);
  }
  if (Number.isNaN(scheduled.getTime())) throw new AgendaImportError('The event\'s start time cannot be read.');

  const title = (event.summary ?? '').trim().slice(0, LIMITS.titleMax) || 'Imported meeting';
  const organizer = first.getFirstProperty('organizer');
  const lead = organizer ? personName(organizer) : '';
  const participants = [...new Set(first.getAllProperties('attendee').map(personName).filter((name) => name && name !== lead))];
  if (participants.length > LIMITS.participantsMax) {
    warnings.push(`Only the first ${LIMITS.participantsMax} attendees became participants.`);
    participants.length = LIMITS.participantsMax;
  }
  const agenda = parseAgendaLines(event.description ?? '');
  return { title, scheduledAt: scheduled.toISOString(), lead, participants, items: agenda.items, warnings: [...warnings, ...agenda.warnings] };
}
