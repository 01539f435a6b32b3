/** A meeting's citations in the figure cache file (figureCacheFormat.ts): kept as JSON, checked when read. */
import type { Citation } from '../../shared/domain';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** What citedAccounts reads of a citation: when it was made and the account as it stood. */
const isCitation = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.at === 'string' &&
  (value.account === null ||
    (isObject(value.account) &&
      typeof value.account.name === 'string' &&
      typeof value.account.segment === 'string' &&
      typeof value.account.currency === 'string' &&
      (value.account.arr === null || isNumber(value.account.arr))));

/** Shared by the many meetings that cite nothing (frozen: the figures are only ever read). */
const NO_CITATIONS = Object.freeze([]) as unknown as Citation[];

/** A meeting's citations, kept as JSON in the string table (few meetings have any); null if damaged. */
export function citationsAt(place: number, strings: readonly string[]): Citation[] | null {
  if (place === -1) return NO_CITATIONS;
  if (place < 0 || place >= strings.length) return null;
  try {
    const citations = JSON.parse(strings[place]!) as unknown;
    return Array.isArray(citations) && citations.every(isCitation) ? (citations as Citation[]) : null;
  } catch {
    return null;
  }
}
