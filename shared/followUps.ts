/** Follow-up rules shared by the service and the UI (zod-free, so the page bundle stays small). */
import type { FollowUp, MeetingSummary } from './domain';

/** Still to do in its meeting: not done, and not handed on to a later meeting of the series. */
export const isOpen = (followUp: Pick<FollowUp, 'done' | 'carriedTo'>): boolean => !followUp.done && followUp.carriedTo === null;

/** Open, with a due date before `today` (YYYY-MM-DD in the user's time zone). */
export const isOverdue = (followUp: Pick<FollowUp, 'done' | 'carriedTo' | 'dueDate'>, today: string): boolean =>
  isOpen(followUp) && followUp.dueDate !== null && followUp.dueDate < today;

/** The calendar day of an instant in this machine's time zone, as YYYY-MM-DD. */
export function localDay(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A total order of meetings in time: scheduled start, then creation, then id (for meetings at the same time). */
export function isEarlier(
  a: Pick<MeetingSummary, 'scheduledAt' | 'createdAt' | 'id'>,
  b: Pick<MeetingSummary, 'scheduledAt' | 'createdAt' | 'id'>,
): boolean {
  return (a.scheduledAt.localeCompare(b.scheduledAt) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) < 0;
}
