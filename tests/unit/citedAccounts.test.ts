import { describe, expect, it } from 'vitest';
import type { Citation } from '../../shared/domain';
import { citedAccounts, evidenceCoverage } from '../../shared/summary/citations';

const cite = (key: string, at: string, account: Citation['account']): Citation => ({
  by: 'Ana',
  at,
  sourceId: 'tickets',
  key,
  quote: `quote ${key}`,
  customer: 'Someone',
  sourceName: 'Tickets',
  date: null,
  account,
});

describe('citedAccounts', () => {
  it('counts each account once, with its newest revenue, summed per currency', () => {
    const result = citedAccounts([
      cite('1', '2026-01-01T00:00:00.000Z', { name: 'Acme', segment: 'SMB', arr: 1000, currency: 'usd' }),
      cite('2', '2026-02-01T00:00:00.000Z', { name: ' ACME ', segment: 'SMB', arr: 1500, currency: 'USD' }),
      cite('3', '2026-01-01T00:00:00.000Z', { name: 'Globex', segment: 'Enterprise', arr: 2000, currency: 'EUR' }),
      cite('4', '2026-01-01T00:00:00.000Z', { name: 'Initech', segment: '', arr: 300, currency: 'USD' }),
      cite('5', '2026-01-01T00:00:00.000Z', { name: 'Nobody Pays', segment: '', arr: null, currency: '' }),
      cite('6', '2026-01-01T00:00:00.000Z', null),
    ]);
    expect(result.accounts.map((a) => [a.name, a.citations, a.arr])).toEqual([
      [' ACME ', 2, 1500],
      ['Globex', 1, 2000],
      ['Initech', 1, 300],
      ['Nobody Pays', 1, null],
    ]);
    expect(result.revenue).toEqual([
      { currency: 'EUR', arr: 2000 },
      { currency: 'USD', arr: 1800 },
    ]);
  });

  it('is empty for no citations', () => {
    expect(citedAccounts([])).toEqual({ accounts: [], revenue: [] });
    expect(evidenceCoverage([])).toEqual({ citing: 0, decisions: 0 });
  });
});
