import './decisions.css';
import { useId } from 'react';
import type { Citation } from '../../../../shared/domain';
import { revenueText } from '../../../../shared/evidence/format';
import { citedAccounts } from '../../../../shared/summary/citations';
import { formatDay, plural } from '../../app/format';

/** Which evidence a citation names, for keys and for the un-cite call. */
export const citationKey = (citation: Pick<Citation, 'sourceId' | 'key'>) => `${citation.sourceId}\u0000${citation.key}`;

interface CitationListProps {
  citations: readonly Citation[];
  /** What the list is of, for screen readers ("Evidence cited on the answer"). */
  label: string;
  /** The evidence sources that still exist; null while unknown (nothing is marked removed then). */
  liveSources?: ReadonlySet<string> | null;
  /** Offers "Un-cite" on each citation; left out, the list is read-only. */
  onUncite?: (citation: Citation, row: HTMLElement | null) => void;
}

/** Cited customer evidence: the quote, who said it, where and when; "(source removed)" once the source is gone. */
export function CitationList({ citations, label, liveSources = null, onUncite }: CitationListProps) {
  if (citations.length === 0) return null;
  return (
    <ul className="citation-list" aria-label={label}>
      {citations.map((citation) => (
        <CitationRow
          key={citationKey(citation)}
          citation={citation}
          removed={liveSources !== null && !liveSources.has(citation.sourceId)}
          onUncite={onUncite}
        />
      ))}
    </ul>
  );
}

function CitationRow({ citation, removed, onUncite }: { citation: Citation; removed: boolean; onUncite?: CitationListProps['onUncite'] }) {
  const id = useId();
  const source = `${citation.sourceName || 'Unnamed source'}${removed ? ' (source removed)' : ''}`;
  const who = [citation.customer, citation.account && citation.account.name !== citation.customer ? citation.account.name : '']
    .filter(Boolean)
    .join(', ');
  return (
    <li className="citation">
      <blockquote id={`${id}-quote`} className="citation-quote" dir="auto">
        {citation.quote}
      </blockquote>
      <p className="citation-facts" dir="auto">
        {who ? <span>{who}</span> : null}
        <span className={removed ? 'citation-source citation-source-removed' : 'citation-source'}>{source}</span>
        {citation.date ? <time dateTime={citation.date}>{formatDay(citation.date)}</time> : null}
      </p>
      {onUncite ? (
        <button
          type="button"
          className="button button-small button-quiet citation-uncite"
          aria-describedby={`${id}-quote`}
          onClick={(event) => onUncite(citation, event.currentTarget.closest('li'))}
        >
          Un-cite
        </button>
      ) : null}
    </li>
  );
}

/** "Touches 2 accounts — $120,000 ARR + €50,000 ARR": counted by citedAccounts, never here. */
export function accountsLine(citations: readonly Citation[]): string | null {
  const cited = citedAccounts(citations);
  const { accounts } = cited;
  if (accounts.length === 0) return null;
  const sums = revenueText(cited);
  const names = accounts.map((account) => account.name).join(', ');
  return `Touches ${plural(accounts.length, 'account')} (${names})${sums ? ` — ${sums}` : ''}`;
}
