/**
 * Cited customer evidence on the summary screen: under a decision or an answer, the quotes (customer,
 * source, date) and the accounts and revenue they touch; and one card with the meeting's totals. The
 * figures come from the shared summary model (shared/summary/evidence.ts), as in every export.
 */
import type { CitedAccounts } from '../../../../shared/summary/citations';
import {
  accountsAffectedParts,
  ACCOUNTS_COUNT_SEPARATOR,
  accountsParts,
  accountRevenueText,
  citationSourceParts,
  evidenceCoverageSentence,
  type CitedEvidence,
  type EvidenceTotals,
} from '../../../../shared/summary/evidence';
import { plural } from '../../app/format';

function AccountsLine({ accounts }: { accounts: CitedAccounts }) {
  const parts = accountsParts(accounts);
  if (!parts) return null;
  return (
    <p className="sum-meta sum-evidence-accounts">
      Accounts affected: {parts.count}
      {ACCOUNTS_COUNT_SEPARATOR}
      {parts.accounts.map(({ name, facts }, i) => (
        <span key={`${name}-${i}`}>
          {i > 0 ? ', ' : ''}
          <span dir="auto">{name}</span>
          {facts ? <span dir="auto"> ({facts})</span> : null}
        </span>
      ))}
      {parts.together ? `; ${parts.together}` : ''}
    </p>
  );
}

/** The quotes behind one decision or answer; nothing when it cites none. */
export function CitedEvidenceList({ evidence, label }: { evidence: CitedEvidence; label: string }) {
  if (evidence.citations.length === 0) return null;
  return (
    <div className="sum-evidence">
      <ul className="sum-evidence-list" aria-label={label}>
        {evidence.citations.map((citation) => (
          <li key={`${citation.sourceId}-${citation.key}`}>
            <q dir="auto">{citation.quote}</q>{' '}
            <span className="sum-meta">
              — <span dir="auto">{citationSourceParts(citation).join(' · ')}</span>
            </span>
          </li>
        ))}
      </ul>
      <AccountsLine accounts={evidence.accounts} />
    </div>
  );
}

/** The meeting's evidence: quotes cited, coverage, and every account touched with its ARR per currency. */
export function EvidenceCard({ evidence }: { evidence: EvidenceTotals }) {
  const { affected, together } = accountsAffectedParts(evidence.accounts);
  return (
    <section className="card" aria-labelledby="sum-evidence-title">
      <h2 id="sum-evidence-title">
        Customer evidence <span className="sum-heading-note">{plural(evidence.citations, 'quote')} cited</span>
      </h2>
      <p className="hint sum-lead-in">{evidenceCoverageSentence(evidence)}</p>
      {evidence.accounts.accounts.length === 0 ? (
        <p className="sum-empty">
          {evidence.citations === 0
            ? 'No customer evidence was cited: cite it from the chair on an answer or a decision.'
            : 'The quotes cited name no account.'}
        </p>
      ) : (
        <>
          <table className="sum-evidence-table">
            <caption className="visually-hidden">Accounts affected</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  ARR
                </th>
                <th scope="col" className="num">
                  Quotes
                </th>
              </tr>
            </thead>
            <tbody>
              {evidence.accounts.accounts.map((account, i) => (
                <tr key={`${account.name}-${i}`}>
                  <td dir="auto">{account.name}</td>
                  <td dir="auto">{account.segment || '–'}</td>
                  <td className="num">{accountRevenueText(account) || '–'}</td>
                  <td className="num">{account.citations}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sum-meta">
            {affected}
            {together ? `, ${together}` : ''}.
          </p>
        </>
      )}
    </section>
  );
}
