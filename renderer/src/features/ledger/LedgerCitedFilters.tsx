import { LEDGER_CITED_FILTER_MAX, type LedgerResult } from '../../../../shared/ledger';
import { accountKey } from '../../../../shared/summary/citations';
import { ChoiceList } from './ChoiceList';
import type { LedgerFilters } from './ledgerQuery';

interface LedgerCitedFiltersProps {
  /** What the ledger's decisions cite, from the service's last answer (empty before it). */
  cited: LedgerResult['cited'];
  filters: LedgerFilters;
  update: (changes: Partial<LedgerFilters>) => void;
}

/**
 * "Every decision that cited Acme or Globex": the accounts and the evidence sources the decisions cite,
 * several of each (any of them matches), at most LEDGER_CITED_FILTER_MAX as the service allows.
 */
export function LedgerCitedFilters({ cited, filters, update }: LedgerCitedFiltersProps) {
  // A URL may spell an account differently ("acme corp"): it names the cited one all the same.
  const accounts = [
    ...new Set(filters.accounts.map((asked) => cited.accounts.find((name) => accountKey(name) === accountKey(asked)) ?? asked)),
  ];
  const accountOptions = [...cited.accounts, ...accounts.filter((name) => !cited.accounts.includes(name))];
  const sources = [
    ...cited.sources,
    ...filters.sourceIds.filter((id) => !cited.sources.some((s) => s.id === id)).map((id) => ({ id, name: 'Unknown source' })),
  ];
  return (
    <>
      <ChoiceList
        legend="Cited accounts"
        options={accountOptions.map((name) => ({ id: name, label: name }))}
        selected={accounts}
        max={LEDGER_CITED_FILTER_MAX}
        onChange={(chosen) => update({ accounts: chosen })}
      />
      <ChoiceList
        legend="Evidence sources"
        options={sources.map((source) => ({ id: source.id, label: source.name }))}
        selected={filters.sourceIds}
        max={LEDGER_CITED_FILTER_MAX}
        onChange={(sourceIds) => update({ sourceIds })}
      />
    </>
  );
}
