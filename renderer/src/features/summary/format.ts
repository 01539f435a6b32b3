/** Small formatters for the summary screen; dates the user typed as YYYY-MM-DD stay calendar days. */

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "24 Nov 2026" for "2026-11-24"; anything else is shown as it is. */
export function formatDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
}

/** Today as YYYY-MM-DD in local time: what "due today" means to the reader. */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "+2", "−1" (a real minus sign) or "0". */
export function formatNet(net: number): string {
  if (net > 0) return `+${net}`;
  if (net < 0) return `\u2212${-net}`;
  return '0';
}

export function netMeaning(net: number, answers: number): string {
  if (answers === 0) return 'no answers named them';
  if (net > 0) return 'helped overall';
  if (net < 0) return 'hurt overall';
  return 'balanced';
}

export function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${Math.round(ratio * 100)}%`;
}
