import type { LedgerResult } from '../../../../shared/ledger';
import { accountKey } from '../../../../shared/summary/citations';
import type { LedgerFilters } from './ledgerQuery';

interface LedgerCitedFiltersProps {
  id: string;
  /** What the ledger's decisions cite, from the service's last answer (empty before it). */
  cited: LedgerResult['cited'];
  filters: LedgerFilters;
  update: (changes: Partial<LedgerFilters>) => void;
}

/** "Every decision that cited Acme": the account and the evidence source the decisions cite. */
export function LedgerCitedFilters({ id, cited, filters, update }: LedgerCitedFiltersProps) {
  // A URL may spell the account differently ("acme corp"): it names the cited one all the same.
  const asked = filters.accounts[0] ?? '';
  const account = cited.accounts.find((name) => accountKey(name) === accountKey(asked)) ?? asked;
  const sourceId = filters.sourceIds[0] ?? '';
  const accounts = account && !cited.accounts.includes(account) ? [...cited.accounts, account] : cited.accounts;
  const sources =
    sourceId && !cited.sources.some((s) => s.id === sourceId)
      ? [...cited.sources, { id: sourceId, name: 'Unknown source' }]
      : cited.sources;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-account`}>Cited account</label>
        <select
          id={`${id}-account`}
          value={account}
          onChange={(event) => update({ accounts: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">Any account</option>
          {accounts.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>Evidence source</label>
        <select
          id={`${id}-source`}
          value={sourceId}
          onChange={(event) => update({ sourceIds: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">Any source</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
