/**
 * The calendar export (.ics, RFC 5545): a meeting's open follow-ups that have a due date, as
 * all-day events on that day, and the meeting to come (this one while it is planned, and the next
 * meeting of its series), so they land in the lead's calendar.
 *
 * Times are written in UTC with "Z", not with a TZID: a meeting's time is stored as an instant,
 * which UTC states exactly with no VTIMEZONE block to build (Intl gives no transition rules to
 * build one from, and calendars read hand-made zone rules differently); every calendar shows a
 * UTC time in the zone of whoever opens it, which is the lead's. The lead's wall-clock time and
 * zone are also written in the description, for people reading the file.
 *
 * Every event has a UID made from the meeting's and follow-up's ids, so importing a newer export
 * updates the events instead of adding copies (RFC 5546: same UID and SEQUENCE, later DTSTAMP).
 */
import type { FollowUp, Meeting, MeetingSummary } from '../domain';
import { ApiError } from '../errors';
import { summarizeImpact, type FollowUpEntry, type ImpactSummary, type SummaryLibrary } from '../summary/summary';
import { safeFileName } from './fileName';
import { escapeIcsText, icsDate, icsNextDate, icsUtcDateTime, joinContentLines } from './icsText';
import { exportTimeZone, formatInstant, instantDate } from './text';

export const ICS_MIME = 'text/calendar;charset=utf-8';
export const ICS_PRODID = '-//Empty Chair//Meeting impact summary//EN';
/** The right-hand side of every UID: names the app, so its UIDs never meet another tool's. */
const UID_DOMAIN = 'empty-chair.app';
/** A meeting with no agenda (so no timeboxes) still gets a block of time. */
export const DEFAULT_MEETING_MINUTES = 60;

export interface IcsOptions {
  /** DTSTAMP: when the file was made; pass it for reproducible output. */
  now?: string;
  /** The lead's time zone (IANA), for the times written in descriptions. */
  timeZone?: string;
  /** The library's meetings (its index), to find the next meeting of this one's series. */
  meetings?: readonly MeetingSummary[];
  /** Keep only the event with this UID: one item's file. */
  only?: string;
}

export interface CalendarEntry {
  uid: string;
  kind: 'follow-up' | 'meeting';
  /** The event's SUMMARY, unescaped. */
  title: string;
  /** Its content lines, TEXT values escaped, not yet folded. */
  lines: string[];
}

export const followUpUid = (meetingId: string, followUpId: string) => `follow-up-${meetingId}-${followUpId}@${UID_DOMAIN}`;
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@${UID_DOMAIN}`;

/**
 * A follow-up's event UID. A copy carried forward from an earlier meeting keeps the original's, so the
 * two meetings' files update one event instead of adding a second (one step back: that is what a copy records).
 */
export function followUpEventUid(meetingId: string, followUp: Pick<FollowUp, 'id' | 'carriedFrom'>): string {
  const origin = followUp.carriedFrom;
  return origin ? followUpUid(origin.meetingId, origin.followUpId) : followUpUid(meetingId, followUp.id);
}

/** The earliest meeting of the same series scheduled after this one, from the library's index. */
export function nextInSeries(meeting: Meeting, meetings: readonly MeetingSummary[]): MeetingSummary | null {
  if (!meeting.seriesId) return null;
  const later = meetings.filter((m) => m.seriesId === meeting.seriesId && m.id !== meeting.id && m.scheduledAt > meeting.scheduledAt);
  later.sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) || (a.id < b.id ? -1 : 1));
  return later[0] ?? null;
}

/** The agenda's timeboxes added up: how long the meeting is planned to take. */
function plannedMinutes(meeting: Meeting): number {
  const total = meeting.agenda.reduce((sum, item) => sum + item.timeboxMinutes, 0);
  return total > 0 ? total : DEFAULT_MEETING_MINUTES;
}

const text = (name: string, value: string) => `${name}:${escapeIcsText(value)}`;

function followUpEvent(meeting: Meeting, entry: FollowUpEntry, stamp: string, zone: string): CalendarEntry | null {
  const { followUp } = entry;
  const start = followUp.dueDate === null ? null : icsDate(followUp.dueDate);
  const end = followUp.dueDate === null ? null : icsNextDate(followUp.dueDate);
  if (start === null || end === null) return null;
  const uid = followUpEventUid(meeting.id, followUp);
  const title = `Follow-up: ${followUp.text}`;
  const description = [
    followUp.owner ? `Owner: ${followUp.owner}` : null,
    `From the meeting: ${meeting.title} (${formatInstant(meeting.scheduledAt, zone)})`,
    entry.itemTitle !== null ? `Agenda item: ${entry.itemTitle}` : null,
    entry.decisionText !== null ? `Decision: ${entry.decisionText}` : null,
    followUp.source === 'unknown-impact' ? 'Raised because the chair answered Unknown: find out from customers.' : null,
  ].filter((line): line is string => line !== null);
  return {
    uid,
    kind: 'follow-up',
    title,
    lines: [
      'BEGIN:VEVENT',
      text('UID', uid),
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${end}`,
      text('SUMMARY', title),
      text('DESCRIPTION', description.join('\n')),
      // A due date is a reminder, not time the lead is busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ],
  };
}

interface MeetingToCome {
  id: string;
  title: string;
  scheduledAt: string;
  lead: string;
  note: string;
}

function meetingEvent(target: MeetingToCome, minutes: number, stamp: string, zone: string): CalendarEntry | null {
  const start = icsUtcDateTime(target.scheduledAt);
  const end = icsUtcDateTime(new Date(Date.parse(target.scheduledAt) + minutes * 60_000));
  if (start === null || end === null) return null;
  const uid = meetingUid(target.id);
  const description = [
    `When: ${formatInstant(target.scheduledAt, zone)}${zone === 'UTC' ? '' : ` (${zone})`}`,
    target.lead ? `Lead: ${target.lead}` : null,
    target.note,
  ].filter((line): line is string => line !== null && line !== '');
  return {
    uid,
    kind: 'meeting',
    title: target.title,
    lines: [
      'BEGIN:VEVENT',
      text('UID', uid),
      `DTSTAMP:${stamp}`,
      `DTSTART:${start}`,
      `DTEND:${end}`,
      text('SUMMARY', target.title),
      text('DESCRIPTION', description.join('\n')),
      'END:VEVENT',
    ],
  };
}

/** Every event the meeting's calendar file holds: the meetings to come first, then follow-ups by due date. */
export function calendarEntries(meeting: Meeting, summary: ImpactSummary, options: IcsOptions = {}): CalendarEntry[] {
  const stamp = icsUtcDateTime(options.now ?? new Date()) ?? icsUtcDateTime(new Date())!;
  const zone = exportTimeZone(options.timeZone);
  const minutes = plannedMinutes(meeting);
  const toCome: (CalendarEntry | null)[] = [];
  if (meeting.status === 'planned') {
    const agenda = meeting.agenda.map((item, i) => `\n${i + 1}. ${item.title} (${item.timeboxMinutes} min)`).join('');
    toCome.push(meetingEvent({ ...meeting, note: agenda ? `Agenda:${agenda}` : '' }, minutes, stamp, zone));
  }
  const next = options.meetings ? nextInSeries(meeting, options.meetings) : null;
  if (next) {
    // The next meeting copies this one's agenda (Next in series), so its timeboxes give its length.
    const note = `The next meeting of the series after “${meeting.title}” (${instantDate(meeting.scheduledAt)}).`;
    toCome.push(meetingEvent({ ...next, note }, minutes, stamp, zone));
  }
  const followUps = summary.openFollowUps.map((entry) => followUpEvent(meeting, entry, stamp, zone));
  return [...toCome, ...followUps].filter((entry): entry is CalendarEntry => entry !== null);
}

/** The VCALENDAR around the events. */
export function calendarText(entries: readonly CalendarEntry[]): string {
  return joinContentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...entries.flatMap((entry) => entry.lines),
    'END:VCALENDAR',
  ]);
}

/** The events kept (all, or the one `only` names), refused when a calendar would be empty (RFC 5545 §3.6 needs one). */
function calendarOf(all: readonly CalendarEntry[], only: string | undefined): string {
  const entries = only === undefined ? all : all.filter((entry) => entry.uid === only);
  if (only !== undefined && entries.length === 0) {
    throw new ApiError(
      'not_found',
      `There is no calendar event ${only}: only open follow-ups with a due date and meetings to come have one.`,
    );
  }
  if (entries.length === 0) {
    throw new ApiError(
      'invalid_input',
      'Nothing to add to a calendar: no open follow-up has a due date, and no meeting of this series is still to come.',
    );
  }
  return calendarText(entries);
}

/** The meeting's calendar file, or with `only` one event's (one item's file). */
export function meetingToIcs(meeting: Meeting, summary: ImpactSummary, options: IcsOptions = {}): string {
  return calendarOf(calendarEntries(meeting, summary, options), options.only);
}

/** Several meetings in one calendar; an event two of them share (a next meeting, a carried follow-up) is written once. */
export function meetingsToIcs(meetings: readonly Meeting[], library: SummaryLibrary, options: IcsOptions = {}): string {
  const byUid = new Map<string, CalendarEntry>();
  for (const meeting of meetings) {
    for (const entry of calendarEntries(meeting, summarizeImpact(meeting, library), options)) {
      // Meetings come oldest first: the newest meeting's version of a shared event wins, in its first place.
      byUid.set(entry.uid, entry);
    }
  }
  return calendarOf([...byUid.values()], options.only);
}

/** "2026-11-24 Pricing review.ics", or for one event "… - follow-up.ics" style names from its title. */
export function icsFileName(meeting: { title: string; scheduledAt: string }, entry?: CalendarEntry): string {
  const date = instantDate(meeting.scheduledAt);
  const prefix = /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} ` : '';
  return safeFileName(entry ? entry.title : `${prefix}${meeting.title}`, 'ics');
}

/**
 * The meeting's calendar as a file to save (the summary screen's "Calendar"), or, when it would be
 * empty, the sentence that says why.
 */
export function calendarFile(
  meeting: Meeting,
  library: SummaryLibrary,
  options: Omit<IcsOptions, 'only'>,
): { fileName: string; mimeType: string; content: string } | { nothing: string } {
  try {
    const content = meetingToIcs(meeting, summarizeImpact(meeting, library), options);
    return { fileName: icsFileName(meeting), mimeType: ICS_MIME, content };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_input') return { nothing: error.message };
    throw error;
  }
}

/**
 * One open follow-up's event as its own file (the summary screen's "Add to calendar" beside it): the same
 * event, byte for byte, that the meeting's calendar file holds for it. Refused (not_found) for a follow-up
 * the meeting does not have, or one with no event (done, or no due date).
 */
export function followUpCalendarFile(
  meeting: Meeting,
  library: SummaryLibrary,
  followUpId: string,
  options: Omit<IcsOptions, 'only' | 'meetings'> = {},
): { fileName: string; mimeType: string; content: string } {
  const followUp = meeting.followUps.find((f) => f.id === followUpId);
  if (!followUp) throw new ApiError('not_found', `The meeting “${meeting.title}” has no follow-up ${followUpId}.`);
  const uid = followUpEventUid(meeting.id, followUp);
  const entry = calendarEntries(meeting, summarizeImpact(meeting, library), options).find((e) => e.uid === uid);
  if (!entry) {
    throw new ApiError(
      'not_found',
      `The follow-up “${followUp.text}” has no calendar event: only open follow-ups with a due date have one.`,
    );
  }
  return { fileName: icsFileName(meeting, entry), mimeType: ICS_MIME, content: calendarText([entry]) };
}
