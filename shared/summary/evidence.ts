/**
 * Cited customer evidence as the summary, the summary screen and every export show it: per decision
 * and per answer, the quotes cited (customer, source, date) and the accounts and revenue they touch;
 * per meeting and over many meetings, the totals. Every figure comes from shared/summary/citations.ts
 * (citedAccounts, meetingCitations, evidenceCoverage); this module only groups them and words them.
 */
import type { Citation, Decision, Meeting } from '../domain';
import { accountKey, citedAccounts, evidenceCoverage, meetingCitations, type CitedAccounts } from './citations';
import { plural } from '../plural';

/** The evidence behind one decision or one answer. */
export interface CitedEvidence {
  /** The citations, in the order they were made. */
  citations: Citation[];
  /** The accounts they touch and the revenue those carry, per currency. */
  accounts: CitedAccounts;
}

/** The evidence of a whole meeting (or of several, in a report). */
export interface EvidenceTotals {
  /** Citations on answers and on decisions. */
  citations: number;
  /** The citations themselves, answers' and decisions' in agenda order (what `citations` counts). */
  cited: Citation[];
  accounts: CitedAccounts;
  /** Decisions citing customer evidence, of how many. */
  coverage: { citing: number; decisions: number };
}

export function citedEvidence(citations: readonly Citation[]): CitedEvidence {
  return { citations: [...citations], accounts: citedAccounts(citations) };
}

/** Totals over every citation given and every decision given (one meeting's, or many meetings'). */
export function evidenceTotals(citations: readonly Citation[], decisions: readonly Decision[]): EvidenceTotals {
  return {
    citations: citations.length,
    cited: [...citations],
    accounts: citedAccounts(citations),
    coverage: evidenceCoverage(decisions),
  };
}

export function meetingEvidence(meeting: Meeting): EvidenceTotals {
  return evidenceTotals(
    meetingCitations(meeting),
    meeting.agenda.flatMap((item) => item.decisions),
  );
}

/** Totals of several meetings from each one's totals: citations pooled (an account counts once), coverage summed. */
export function combineEvidence(parts: readonly EvidenceTotals[]): EvidenceTotals {
  const cited = parts.flatMap((part) => part.cited);
  return {
    citations: cited.length,
    cited,
    accounts: citedAccounts(cited),
    coverage: {
      citing: parts.reduce((sum, part) => sum + part.coverage.citing, 0),
      decisions: parts.reduce((sum, part) => sum + part.coverage.decisions, 0),
    },
  };
}

// Revenue is worded in shared/evidence/format.ts, beside money(), so the evidence search's scale line uses it too.
import { accountRevenueText, revenueText } from '../evidence/format';
export { accountRevenueText, revenueText };

/** An account's name and what is known of it ("Enterprise, $250,000 ARR"; '' when nothing is). */
export interface AccountFacts {
  name: string;
  facts: string;
}

/**
 * Between the count and the accounts of an "Accounts affected" line: "2 accounts — Acme (…), …".
 * One wording for the screen and every export (a colon would read "Accounts affected: 2 accounts: …").
 */
export const ACCOUNTS_COUNT_SEPARATOR = ' — ';

/**
 * The words of an "Accounts affected" line, as plain text (each format escapes them and sets them
 * out): "2 accounts", each account with its facts, and "together $… ARR" when more than one account
 * carries revenue ('' otherwise). null when no account is known. Joined: count, ACCOUNTS_COUNT_SEPARATOR,
 * the accounts by ", ", then "; " and together.
 */
export function accountsParts(accounts: CitedAccounts): { count: string; accounts: AccountFacts[]; together: string } | null {
  if (accounts.accounts.length === 0) return null;
  const revenue = revenueText(accounts);
  return {
    count: plural(accounts.accounts.length, 'account'),
    accounts: accounts.accounts.map((account) => ({
      name: account.name,
      facts: [account.segment.trim(), accountRevenueText(account)].filter(Boolean).join(', '),
    })),
    together: revenue && accounts.accounts.length > 1 ? `together ${revenue}` : '',
  };
}

/**
 * The line under a meeting's accounts table, as plain text: "2 accounts affected" and "together
 * $… ARR (each currency on its own, never converted)" ('' when no account has revenue).
 */
export function accountsAffectedParts(accounts: CitedAccounts): { affected: string; together: string } {
  const revenue = revenueText(accounts);
  return {
    affected: `${plural(accounts.accounts.length, 'account')} affected`,
    together: revenue ? `together ${revenue} (each currency on its own, never converted)` : '',
  };
}

/** "2 of 5 decisions (40%)", or "no decisions" when there are none. */
export function coverageText(coverage: { citing: number; decisions: number }): string {
  if (coverage.decisions === 0) return 'no decisions';
  const percent = Math.round((coverage.citing / coverage.decisions) * 100);
  return `${coverage.citing} of ${plural(coverage.decisions, 'decision')} (${percent}%)`;
}

/** "Evidence coverage: 2 of 5 decisions (40%) cite customer evidence." */
export function evidenceCoverageSentence(totals: Pick<EvidenceTotals, 'coverage'>): string {
  return totals.coverage.decisions === 0
    ? 'Evidence coverage: no decisions were logged.'
    : `Evidence coverage: ${coverageText(totals.coverage)} cite customer evidence.`;
}

/**
 * Where a quote came from, as plain text (each format escapes it): customer, then the account when
 * it differs, the source and the date; parts left empty are left out.
 */
export function citationSourceParts(citation: Citation): string[] {
  const customer = citation.customer.trim();
  const account = citation.account?.name.trim() ?? '';
  return [
    customer,
    account && accountKey(account) !== accountKey(customer) ? account : '',
    citation.sourceName.trim(),
    citation.date ?? '',
  ].filter((part) => part !== '');
}

/** A quote and where it came from, as plain text for a cell: “…” — customer · source · date. */
export function citationLine(citation: Citation): string {
  const source = citationSourceParts(citation).join(' · ');
  return `“${citation.quote}”${source ? ` — ${source}` : ''}`;
}

/** Revenue per currency for machines: "EUR 18000; USD 260000" (codes and plain numbers, never converted). */
export function revenueCodes(accounts: CitedAccounts): string {
  return accounts.revenue.map(({ currency, arr }) => `${currency} ${arr}`).join('; ');
}
