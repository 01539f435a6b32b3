import type { MeetingDraft } from '../../../../shared/api';
import type { Meeting } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import type { FormErrors } from '../../app/fieldErrors';

/** One agenda row as typed. `key` is React's; `id` is the stored item's, kept so its answers survive an edit. */
export interface AgendaRow {
  key: string;
  id?: string;
  title: string;
  owner: string;
  timebox: string;
  notes: string;
}

/** The meeting form exactly as typed: strings, so nothing the user entered is lost on an error. */
export interface MeetingForm {
  title: string;
  /** The datetime-local value, local time "YYYY-MM-DDTHH:MM". */
  scheduledAt: string;
  lead: string;
  /** One name per line. */
  participants: string;
  personaIds: string[];
  agenda: AgendaRow[];
}

export const DEFAULT_TIMEBOX = '10';

let nextKey = 0;
export const newRowKey = () => `row-${++nextKey}`;

export function emptyRow(): AgendaRow {
  return { key: newRowKey(), title: '', owner: '', timebox: DEFAULT_TIMEBOX, notes: '' };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a datetime-local input, in the user's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time, no zone) as an ISO instant in UTC; anything else is passed on for the service to reject. */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return value;
  const date = new Date(value); // no offset in the string: ECMAScript reads it as local time
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The next whole hour: a sensible default start for a new meeting. */
export function nextWholeHour(now = new Date()): string {
  const date = new Date(now);
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + 1);
  return toLocalInput(date.toISOString());
}

export function emptyForm(now = new Date()): MeetingForm {
  return { title: '', scheduledAt: nextWholeHour(now), lead: '', participants: '', personaIds: [], agenda: [] };
}

export function formFromMeeting(meeting: Meeting): MeetingForm {
  return {
    title: meeting.title,
    scheduledAt: toLocalInput(meeting.scheduledAt),
    lead: meeting.lead,
    participants: meeting.participants.join('\n'),
    personaIds: [...meeting.personaIds],
    agenda: meeting.agenda.map((item) => ({
      key: newRowKey(),
      id: item.id,
      title: item.title,
      owner: item.owner,
      timebox: String(item.timeboxMinutes),
      notes: item.notes,
    })),
  };
}

/** Lines of a textarea as list entries: trimmed, blank lines dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** An agenda row as sent: with `id` for a stored item (edit), without for a new one. */
export interface AgendaItemInput {
  id?: string;
  title: string;
  owner: string;
  timeboxMinutes: number;
  notes: string;
}

export type MeetingInput = Omit<MeetingDraft, 'agenda'> & { agenda: AgendaItemInput[] };

type Converted<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/**
 * The form as API input. The service validates everything; only what cannot be sent as the
 * right type (a timebox that is not a whole number) is caught here.
 */
export function toDraft(form: MeetingForm): Converted<MeetingInput> {
  const fields: Record<string, string> = {};
  const agenda = form.agenda.map((row, index): AgendaItemInput => {
    const text = row.timebox.trim();
    if (!/^\d+$/.test(text)) {
      fields[`agenda.${index}.timeboxMinutes`] =
        `Item ${index + 1} timebox (minutes) must be a whole number from ${LIMITS.timeboxMinutesMin} to ${LIMITS.timeboxMinutesMax}.`;
    }
    return {
      ...(row.id ? { id: row.id } : {}),
      title: row.title,
      owner: row.owner,
      timeboxMinutes: Number(text),
      notes: row.notes,
    };
  });
  if (Object.keys(fields).length > 0) {
    return {
      ok: false,
      errors: { fields, form: { code: 'invalid_input', message: 'Some timeboxes are not whole numbers of minutes.', details: [] } },
    };
  }
  return {
    ok: true,
    value: {
      title: form.title,
      scheduledAt: fromLocalInput(form.scheduledAt),
      lead: form.lead,
      participants: splitLines(form.participants),
      personaIds: form.personaIds,
      agenda,
    },
  };
}

/** Where an issue path of meetings.create / meetings.update (after 'changes.') is shown in the form. */
export function meetingFieldKey(path: string[]): string | null {
  const [head, index, field] = path;
  switch (head) {
    case 'title':
    case 'scheduledAt':
    case 'lead':
    case 'participants':
    case 'personaIds':
      return head;
    case 'agenda':
      if (index !== undefined && /^\d+$/.test(index) && field && ['title', 'owner', 'timeboxMinutes', 'notes'].includes(field)) {
        return `agenda.${index}.${field}`;
      }
      return 'agenda';
    default:
      return null;
  }
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  scheduledAt: 'Scheduled start',
  lead: 'Lead',
  participants: 'Participants',
  personaIds: 'Who sits in the chair',
  agenda: 'Agenda',
};
const ITEM_FIELD_LABELS: Record<string, string> = {
  title: 'title',
  owner: 'owner',
  timeboxMinutes: 'timebox (minutes)',
  notes: 'notes',
};

/** Joins a field label and a service message: "Title must not be empty." or "Lead: Invalid input." */
function sentence(label: string, message: string): string {
  const text = message.replace(/\.$/, '');
  return /^[a-z]/.test(text) ? `${label} ${text}.` : `${label}: ${text}.`;
}

/** A message that says which field it is about, e.g. "Item 2 title must not be empty." */
export function describeMeetingIssue(key: string, path: string[], message: string): string {
  const item = /^agenda\.(\d+)\.(\w+)$/.exec(key);
  if (item) {
    const label = `Item ${Number(item[1]) + 1} ${ITEM_FIELD_LABELS[item[2]!] ?? item[2]}`;
    if (item[2] === 'timeboxMinutes') {
      return `${label} must be a whole number from ${LIMITS.timeboxMinutesMin} to ${LIMITS.timeboxMinutesMax}.`;
    }
    return sentence(label, message);
  }
  if (key === 'participants' && path[1] !== undefined && /^\d+$/.test(path[1])) {
    return sentence(`Participants, name ${Number(path[1]) + 1}`, message);
  }
  if (key === 'scheduledAt') return 'Scheduled start must be a date and time.';
  return sentence(FIELD_LABELS[key] ?? key, message);
}
