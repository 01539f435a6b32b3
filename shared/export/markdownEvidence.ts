/**
 * Cited customer evidence in the Markdown export and report: the quotes (customer, source, date),
 * the accounts they touch with their revenue per currency, and the totals. The figures come from
 * the summary (shared/summary/evidence.ts); every string from a citation is escaped here.
 */
import type { CitedAccounts } from '../summary/citations';
import {
  accountsAffectedParts,
  ACCOUNTS_COUNT_SEPARATOR,
  accountsParts,
  accountRevenueText,
  citationSourceParts,
  evidenceCoverageSentence,
  revenueText,
  type CitedEvidence,
  type EvidenceTotals,
} from '../summary/evidence';
import { escapeMarkdownBlock, escapeMarkdownInline as md, plural } from './text';

/** "2 accounts — Acme (Enterprise, $250,000 ARR), …; together $… ARR", or '' when no account is known. */
export function accountsMarkdown(accounts: CitedAccounts): string {
  const parts = accountsParts(accounts);
  if (!parts) return '';
  const named = parts.accounts.map(({ name, facts }) => `${md(name)}${facts ? ` (${md(facts)})` : ''}`);
  return `${parts.count}${ACCOUNTS_COUNT_SEPARATOR}${named.join(', ')}${parts.together ? `; ${md(parts.together)}` : ''}`;
}

/**
 * The evidence of one decision or answer as list items at `indent`: one per quote, then one for
 * the accounts. Quotes keep their lines (hard breaks), indented to stay inside their item.
 */
export function evidenceLines(evidence: CitedEvidence, indent: string): string[] {
  if (evidence.citations.length === 0) return [];
  const quotes = evidence.citations.map((citation) => {
    const source = citationSourceParts(citation).map(md).join(' · ');
    return `${indent}- “${escapeMarkdownBlock(citation.quote, `${indent}  `)}”${source ? ` — ${source}` : ''}`;
  });
  const accounts = accountsMarkdown(evidence.accounts);
  return [...quotes, ...(accounts ? [`${indent}- Accounts affected: ${accounts}`] : [])];
}

/** One line of counts for a decision in the list of all decisions: "Evidence: 2 quotes, 2 accounts ($…)". */
export function evidenceShort(evidence: CitedEvidence): string {
  if (evidence.citations.length === 0) return '';
  const accounts = evidence.accounts.accounts.length;
  const revenue = revenueText(evidence.accounts);
  return (
    `Evidence: ${plural(evidence.citations.length, 'quote')}` +
    (accounts ? `, ${plural(accounts, 'account')}` : '') +
    (revenue ? ` (${md(revenue)})` : '')
  );
}

/** The "Customer evidence" section of one meeting: the totals and every account touched. */
export function evidenceMarkdown(totals: EvidenceTotals): string {
  const head = `${plural(totals.citations, 'quote')} of customer evidence cited. ${evidenceCoverageSentence(totals)}\n`;
  if (totals.accounts.accounts.length === 0) return head;
  const rows = totals.accounts.accounts.map(
    (a) => `| ${md(a.name)} | ${a.segment.trim() ? md(a.segment) : '–'} | ${md(accountRevenueText(a)) || '–'} | ${a.citations} |`,
  );
  const { affected, together } = accountsAffectedParts(totals.accounts);
  return [
    head,
    ['| Account | Segment | ARR | Quotes |', '| --- | --- | ---: | ---: |', ...rows].join('\n') + '\n',
    `${affected}${together ? `, ${md(together)}` : ''}.\n`,
  ].join('\n');
}
