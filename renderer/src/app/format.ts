import type { MeetingStatus } from '../../../shared/domain';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function formatWhen(iso: string, style: 'short' | 'full' = 'short'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (style === 'full' ? fullDateTime : dateTime).format(date);
}

export const STATUS_LABELS: Record<MeetingStatus, string> = { planned: 'Planned', running: 'Running', ended: 'Ended' };

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
