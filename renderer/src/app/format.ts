import type { MeetingStatus } from '../../../shared/domain';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function formatWhen(iso: string, style: 'short' | 'full' = 'short'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (style === 'full' ? fullDateTime : dateTime).format(date);
}

/** The lead's time zone (IANA), which the Markdown, HTML and PDF exports show times in. */
export function leadTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export const STATUS_LABELS: Record<MeetingStatus, string> = { planned: 'Planned', running: 'Running', ended: 'Ended' };

export { plural, pluralNoun } from '../../../shared/plural';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date stored as YYYY-MM-DD, in the user's format (no time zone shift). */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : day.format(date);
}

/** Text cut to a length for a short mention (a toast, a dialog title), with an ellipsis. */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
