/**
 * The figures of cited customer evidence, each defined once: which accounts a set of citations
 * touches and the revenue they carry (per currency, never converted), and how much of a meeting's
 * decisions rest on the customer's own words. The decision card, the summary, the five exports,
 * reports and the Dashboard all count through these functions.
 */
import type { Citation, Decision, Meeting } from '../domain';
import { currencyCode } from '../evidence/format';

/** One account touched by citations, as it stood when last cited. */
export interface CitedAccount {
  name: string;
  segment: string;
  arr: number | null;
  currency: string;
  /** Citations naming this account. */
  citations: number;
}

export interface CitedAccounts {
  /** Distinct accounts (by name, ignoring case and spaces), most cited first, then by name. */
  accounts: CitedAccount[];
  /** The sum of the accounts' ARR per currency, currencies in alphabetical order; accounts without ARR add nothing. */
  revenue: { currency: string; arr: number }[];
}

/** Account names compare as people read them: "ACME  Corp" is "acme corp". */
export const accountKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The accounts a set of citations touches: each once, with its newest ARR, summed per currency. */
export function citedAccounts(citations: readonly Citation[]): CitedAccounts {
  const byKey = new Map<string, CitedAccount & { at: string }>();
  for (const citation of citations) {
    const account = citation.account;
    if (!account || accountKey(account.name) === '') continue;
    const key = accountKey(account.name);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...account, citations: 1, at: citation.at });
    else {
      seen.citations += 1;
      if (citation.at >= seen.at) Object.assign(seen, { ...account, at: citation.at });
    }
  }
  const accounts = [...byKey.values()]
    .map(({ at: _at, ...account }) => account)
    .sort((a, b) => b.citations - a.citations || a.name.localeCompare(b.name));
  const revenue = new Map<string, number>();
  for (const account of accounts) {
    if (account.arr === null) continue;
    const currency = currencyCode(account.currency);
    revenue.set(currency, (revenue.get(currency) ?? 0) + account.arr);
  }
  return {
    accounts,
    revenue: [...revenue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, arr]) => ({ currency, arr })),
  };
}

/** Every citation in a meeting: on answers and on decisions. */
export function meetingCitations(meeting: Meeting): Citation[] {
  return meeting.agenda.flatMap((item) => [...item.citations, ...item.decisions.flatMap((decision) => decision.citations)]);
}

/** A decision rests on customer evidence when it cites at least one item. */
export const citesEvidence = (decision: Decision): boolean => decision.citations.length > 0;

/** Evidence coverage: how many of the decisions cite customer evidence, of how many. */
export function evidenceCoverage(decisions: readonly Decision[]): { citing: number; decisions: number } {
  return { citing: decisions.filter(citesEvidence).length, decisions: decisions.length };
}
