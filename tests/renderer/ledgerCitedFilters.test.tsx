/**
 * The ledger's cited-account and evidence-source filters: several of each, at most the service's
 * LEDGER_CITED_FILTER_MAX (20): at 20 chosen the rest are disabled and the limit is said; at 19 nothing is.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { LEDGER_CITED_FILTER_MAX } from '../../shared/ledger';
import { LedgerCitedFilters } from '../../renderer/src/features/ledger/LedgerCitedFilters';
import { ledgerQueryString, NO_FILTERS, type LedgerFilters } from '../../renderer/src/features/ledger/ledgerQuery';

const names = Array.from({ length: LEDGER_CITED_FILTER_MAX + 1 }, (_, i) => `Account ${String(i + 1).padStart(2, '0')}`);
let latest: LedgerFilters = NO_FILTERS;

function Harness({ initial }: { initial: LedgerFilters }) {
  const [filters, setFilters] = useState(initial);
  latest = filters;
  return (
    <LedgerCitedFilters
      cited={{ accounts: names, sources: [{ id: 'src1', name: 'Interviews' }] }}
      filters={filters}
      update={(changes) => setFilters((current) => ({ ...current, ...changes }))}
    />
  );
}

describe('cited filters', () => {
  it('takes several accounts; at the limit the others are disabled and the limit is said', async () => {
    render(<Harness initial={{ ...NO_FILTERS, accounts: names.slice(0, LEDGER_CITED_FILTER_MAX - 1) }} />);
    const group = screen.getByRole('group', { name: 'Cited accounts' });
    const last = within(group).getByRole('checkbox', { name: names[LEDGER_CITED_FILTER_MAX]! });
    const twentieth = within(group).getByRole('checkbox', { name: names[LEDGER_CITED_FILTER_MAX - 1]! });
    expect(within(group).getAllByRole('checkbox', { checked: true })).toHaveLength(LEDGER_CITED_FILTER_MAX - 1);
    expect(last).toHaveProperty('disabled', false);
    expect(within(group).queryByText(`At most ${LEDGER_CITED_FILTER_MAX} at once.`)).toBeNull();

    await userEvent.click(twentieth);
    expect(latest.accounts).toHaveLength(LEDGER_CITED_FILTER_MAX);
    expect(last).toHaveProperty('disabled', true);
    expect(within(group).getByText(`At most ${LEDGER_CITED_FILTER_MAX} at once.`)).toBeTruthy();
    expect(new URLSearchParams(ledgerQueryString(latest)).getAll('account')).toEqual(names.slice(0, LEDGER_CITED_FILTER_MAX));

    await userEvent.click(twentieth);
    expect(last).toHaveProperty('disabled', false);
  });

  it('names an account a URL spells otherwise as the cited one, once', () => {
    render(<Harness initial={{ ...NO_FILTERS, accounts: ['account 01', 'ACCOUNT  01'], sourceIds: ['gone'] }} />);
    const group = screen.getByRole('group', { name: 'Cited accounts' });
    expect(
      within(group)
        .getAllByRole('checkbox', { checked: true })
        .map((box) => box.closest('label')!.textContent),
    ).toEqual(['Account 01']);
    expect(
      within(screen.getByRole('group', { name: 'Evidence sources' })).getByRole('checkbox', { name: 'Unknown source' }),
    ).toHaveProperty('checked', true);
  });
});
