/**
 * One event from an .ics calendar file: title, start, organiser, attendees, and the description's
 * lines as agenda items. Each call reads its file alone (no zone registered anywhere), so the same
 * file gives the same result whatever was imported before it.
 */
import ICAL from 'ical.js';
import { parseAgendaLines, type ImportedEvent } from '../agendaImport';
import { AgendaImportError } from '../agendaImportError';
import { LIMITS } from '../limits';
import { findAll, firstProperty, readComponents, type ContentLine, type IcsComponent } from './contentLines';
import { readEventStart } from './eventStart';

/** RFC 5545 §3.3.11 text escapes, for a line ical.js refuses. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A TEXT property's value: ical.js reads it (escapes, encodings); a line it refuses is read plainly. */
function textValue(line: ContentLine | undefined): string {
  if (!line) return '';
  try {
    const value: unknown = ICAL.Property.fromString(line.raw).getFirstValue();
    return typeof value === 'string' ? value : unescapeText(line.value);
  } catch {
    return unescapeText(line.value);
  }
}

function personName(line: ContentLine): string {
  const name = line.params.get('CN')?.trim() || line.value.replace(/^mailto:/i, '').trim();
  return name.slice(0, LIMITS.nameMax);
}

interface Candidate {
  event: IcsComponent;
  calendar: IcsComponent;
}

/** The event to import: the first with a start that is not a moved occurrence of another (RECURRENCE-ID). */
function chooseEvent(candidates: Candidate[]): Candidate | undefined {
  const withStart = candidates.filter((c) => firstProperty(c.event, 'DTSTART'));
  return withStart.find((c) => !firstProperty(c.event, 'RECURRENCE-ID')) ?? withStart[0];
}

function readEvent(text: string): ImportedEvent {
  if (!/BEGIN:(VCALENDAR|VEVENT)/i.test(text))
    throw new AgendaImportError('not_calendar', 'This is not a calendar file (.ics): it has no BEGIN:VCALENDAR.');
  const roots = readComponents(text);
  const calendars = findAll(roots, 'VCALENDAR');
  // Events written without their VCALENDAR (some exporters, mail clients) are read as one calendar.
  if (calendars.length === 0 && findAll(roots, 'VEVENT').length > 0) calendars.push({ type: 'VCALENDAR', properties: [], children: roots });
  if (calendars.length === 0)
    throw new AgendaImportError(
      'unreadable',
      'This calendar file cannot be read: no BEGIN:VCALENDAR … END:VCALENDAR block could be found in it.',
    );
  const candidates = calendars.flatMap((calendar) => findAll(calendar.children, 'VEVENT').map((event) => ({ event, calendar })));
  if (candidates.length === 0) throw new AgendaImportError('no_event', 'This calendar file holds no event (VEVENT).');
  const chosen = chooseEvent(candidates);
  if (!chosen) throw new AgendaImportError('no_start', 'The event has no start time (DTSTART).');

  const { event, calendar } = chosen;
  const start = readEventStart(firstProperty(event, 'DTSTART')!, calendar, calendars);
  const warnings = [...start.warnings];
  if (candidates.length > 1) warnings.push(`The file holds ${candidates.length} events; the first one was used.`);

  const title = textValue(firstProperty(event, 'SUMMARY')).trim().slice(0, LIMITS.titleMax) || 'Imported meeting';
  const organizer = firstProperty(event, 'ORGANIZER');
  const lead = organizer ? personName(organizer) : '';
  const attendees = event.properties.filter((p) => p.name === 'ATTENDEE').map(personName);
  const participants = [...new Set(attendees.filter((name) => name && name !== lead))];
  if (participants.length > LIMITS.participantsMax) {
    warnings.push(`Only the first ${LIMITS.participantsMax} attendees became participants.`);
    participants.length = LIMITS.participantsMax;
  }
  const agenda = parseAgendaLines(textValue(firstProperty(event, 'DESCRIPTION')));
  return {
    title,
    scheduledAt: start.instant.toISOString(),
    lead,
    participants,
    items: agenda.items,
    warnings: [...warnings, ...agenda.warnings],
  };
}

/** Reads the first event of an .ics file. Throws AgendaImportError with a message a person can act on. */
export function parseIcsEvent(text: string): ImportedEvent {
  try {
    return readEvent(text);
  } catch (error) {
    if (error instanceof AgendaImportError) throw error;
    // A fault of ours, not the file's: still a sentence, never a stack trace's words.
    throw new AgendaImportError(
      'unreadable',
      'This calendar file could not be read. Export the event again from your calendar, or paste its agenda as lines.',
    );
  }
}
