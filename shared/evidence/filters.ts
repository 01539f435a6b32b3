/**
 * The search's exact filters (source, segment, account, date range, rating range), as one predicate
 * over an item, its source and its joined account. Pure: the service applies it to every candidate.
 */
import type { EvidenceFilters } from './api';
import type { Account, EvidenceItem } from './schema';
import { normalizeName } from './text';

export interface FilterSubject {
  item: EvidenceItem;
  sourceId: string;
  account: Account | null;
}

/** True when no filter is set: a search then needs words. */
export function noFilters(filters: EvidenceFilters): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

/** The segment shown for an item: its own, else its account's. */
export function segmentOf(item: EvidenceItem, account: Account | null): string {
  return item.segment || account?.segment || '';
}

/** The predicate every filter given must pass; null when there is none. */
export function evidenceFilter(filters: EvidenceFilters): ((subject: FilterSubject) => boolean) | null {
  if (noFilters(filters)) return null;
  const segment = filters.segment?.toLowerCase();
  const account = filters.account === undefined ? undefined : normalizeName(filters.account);
  return ({ item, sourceId, account: joined }) => {
    if (filters.sourceId !== undefined && sourceId !== filters.sourceId) return false;
    if (segment !== undefined && segmentOf(item, joined).toLowerCase() !== segment) return false;
    if (account !== undefined && !namesAccount(account, item, joined)) return false;
    if (filters.from !== undefined && (!item.date || item.date < filters.from)) return false;
    if (filters.to !== undefined && (!item.date || item.date > filters.to)) return false;
    if (filters.ratingMin !== undefined && (item.rating === null || item.rating < filters.ratingMin)) return false;
    if (filters.ratingMax !== undefined && (item.rating === null || item.rating > filters.ratingMax)) return false;
    return true;
  };
}

/** The account asked for is the joined account (by name or id), or the item's own account or customer. */
function namesAccount(wanted: string, item: EvidenceItem, joined: Account | null): boolean {
  const names = [joined?.name, joined?.id, item.account, item.customer];
  return names.some((name) => !!name && normalizeName(name) === wanted);
}
