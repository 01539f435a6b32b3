/**
 * Which meetings a report covers. Date ranges mean what the command line means by them
 * (electron/cli/exportCommand.ts): whole local days, both ends included. Reports read oldest first.
 */
import type { MeetingSummary } from '../../../../shared/domain';

export interface DateRange {
  from: string;
  to: string;
}

/** A real calendar day as YYYY-MM-DD, or null. */
export function parseDay(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? { y, m, d } : null;
}

const startOfDay = ({ y, m, d }: { y: number; m: number; d: number }, plusDays = 0) => new Date(y, m - 1, d + plusDays).getTime();

/** Why a range cannot be used, or null when it can. */
export function rangeProblem(range: DateRange): string | null {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from) return 'Enter the first day of the range.';
  if (!to) return 'Enter the last day of the range.';
  if (startOfDay(from) > startOfDay(to)) return 'The first day is after the last day.';
  return null;
}

export function compareOldestFirst(a: MeetingSummary, b: MeetingSummary): number {
  return a.scheduledAt.localeCompare(b.scheduledAt) || a.id.localeCompare(b.id);
}

/** Meetings scheduled from the start of `from` to the end of `to`, local time, oldest first. */
export function meetingsInRange(meetings: readonly MeetingSummary[], range: DateRange): MeetingSummary[] {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) return [];
  const start = startOfDay(from);
  const until = startOfDay(to, 1);
  return meetings
    .filter((meeting) => {
      const at = Date.parse(meeting.scheduledAt);
      return at >= start && at < until;
    })
    .sort(compareOldestFirst);
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last 30 days, today included. */
export function defaultRange(now = new Date()): DateRange {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29);
  return { from: localDay(from), to: localDay(now) };
}
