/**
 * The ledger's filters and their URL form (`#/ledger?q=pricing&tag=t1&dir=hurts`), so Back returns
 * to the same search and a search can be shared. Pure: parsed and written here, tested alone.
 * Anything in a URL that is not a valid filter is dropped rather than sent to be refused.
 */
import { LEDGER_CITED_FILTER_MAX, type LedgerQuery } from '../../../../shared/ledger';
import type { ImpactDirection } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { DIRECTIONS } from '../../app/constants';

export interface LedgerFilters {
  text: string;
  tagIds: string[];
  directions: ImpactDirection[];
  personaId: string;
  owner: string;
  /** YYYY-MM-DD, inclusive; '' for open-ended. */
  from: string;
  to: string;
  seriesIds: string[];
  /** Decisions citing evidence of these accounts (names) or from these sources (ids). */
  accounts: string[];
  sourceIds: string[];
  /** 'pending': a review date and no outcome yet; 'reviewed': the outcome is recorded. */
  review: LedgerReview;
}

export type LedgerReview = 'any' | 'pending' | 'reviewed';
const REVIEWS: readonly LedgerReview[] = ['any', 'pending', 'reviewed'];

export const NO_FILTERS: LedgerFilters = {
  text: '',
  tagIds: [],
  directions: [],
  personaId: '',
  owner: '',
  from: '',
  to: '',
  seriesIds: [],
  accounts: [],
  sourceIds: [],
  review: 'any',
};

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const ids = (values: string[], max: number) => [...new Set(values.filter((value) => ID.test(value)))].slice(0, max);

export function parseLedgerQuery(query: string): LedgerFilters {
  const params = new URLSearchParams(query);
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const persona = params.get('persona') ?? '';
  const review = REVIEWS.find((value) => value === params.get('review')) ?? 'any';
  return {
    text: (params.get('q') ?? '').slice(0, LIMITS.titleMax),
    tagIds: ids(params.getAll('tag'), LIMITS.tagsPerDecisionMax),
    directions: DIRECTIONS.filter((direction) => params.getAll('dir').includes(direction)),
    personaId: ID.test(persona) ? persona : '',
    owner: (params.get('owner') ?? '').slice(0, LIMITS.nameMax),
    from: date('from'),
    to: date('to'),
    seriesIds: ids(params.getAll('series'), LIMITS.seriesMax),
    accounts: [...new Set(params.getAll('account').map((name) => name.trim()))]
      .filter((name) => name && name.length <= LIMITS.citationFieldMax)
      .slice(0, LEDGER_CITED_FILTER_MAX),
    sourceIds: ids(params.getAll('source'), LEDGER_CITED_FILTER_MAX),
    review,
  };
}

/** The URL query text ('' when no filter is set); parameters in a fixed order so equal searches have equal URLs. */
export function ledgerQueryString(filters: LedgerFilters): string {
  const params = new URLSearchParams();
  if (filters.text.trim()) params.set('q', filters.text);
  for (const tagId of filters.tagIds) params.append('tag', tagId);
  for (const direction of DIRECTIONS) if (filters.directions.includes(direction)) params.append('dir', direction);
  if (filters.personaId) params.set('persona', filters.personaId);
  if (filters.owner.trim()) params.set('owner', filters.owner);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const seriesId of filters.seriesIds) params.append('series', seriesId);
  for (const account of filters.accounts) params.append('account', account);
  for (const sourceId of filters.sourceIds) params.append('source', sourceId);
  if (filters.review !== 'any') params.set('review', filters.review);
  return params.toString();
}

export function hasFilters(filters: LedgerFilters): boolean {
  return ledgerQueryString(filters) !== '';
}

/** The service query for one page of results. */
export function toLedgerQuery(filters: LedgerFilters, limit: number, offset = 0): LedgerQuery {
  const query: LedgerQuery = { limit, offset };
  if (filters.text.trim()) query.text = filters.text.trim();
  if (filters.tagIds.length) query.tagIds = filters.tagIds;
  if (filters.directions.length) query.directions = filters.directions;
  if (filters.personaId) query.personaId = filters.personaId;
  if (filters.owner.trim()) query.owner = filters.owner.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.seriesIds.length) query.seriesIds = filters.seriesIds;
  if (filters.accounts.length) query.accounts = filters.accounts;
  if (filters.sourceIds.length) query.sourceIds = filters.sourceIds;
  if (filters.review !== 'any') query.review = filters.review;
  return query;
}
