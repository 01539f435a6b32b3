/** How evidence reads on screen and in exports, written once. */
import type { EvidenceScale } from './schema';

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** "37 items from 12 accounts mention this (last 90 days) — $410,000 ARR". */
export function scaleLine(scale: EvidenceScale): string {
  if (scale.items === 0) return `No evidence from the last ${scale.windowDays} days mentions this.`;
  const revenue = revenueText(scale);
  const base = `${plural(scale.items, 'item', 'items')} from ${plural(scale.accounts, 'account', 'accounts')} ${scale.items === 1 ? 'mentions' : 'mention'} this (last ${scale.windowDays} days)`;
  return revenue ? `${base} — ${revenue}` : base;
}

/** A currency as every screen and export names it: trimmed, upper case, '?' when the file gave none. */
export const currencyCode = (currency: string): string => currency.trim().toUpperCase() || '?';

/** "$410,000 ARR + €12,000 ARR": each currency on its own, never converted; '' when nothing has ARR. */
export function revenueText(sums: { revenue: readonly { currency: string; arr: number }[] }): string {
  return sums.revenue.map(({ currency, arr }) => `${money(arr, currencyCode(currency))} ARR`).join(' + ');
}

/** One account's revenue as shown next to its name: "$250,000 ARR", or '' when unknown. */
export function accountRevenueText(account: { arr: number | null; currency: string }): string {
  return account.arr === null ? '' : `${money(account.arr, currencyCode(account.currency))} ARR`;
}

export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount).toLocaleString('en-US')} ${currency}`;
  }
}

/** Text split into plain and marked runs, for rendering as text (never as HTML). */
export function markedRuns(text: string, marks: [number, number][]): { text: string; marked: boolean }[] {
  const runs: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    runs.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}
