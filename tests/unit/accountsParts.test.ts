/** The "Accounts affected" words, written once for the summary screen and every export. */
import { describe, expect, it } from 'vitest';
import { accountsMarkdown } from '../../shared/export/markdownEvidence';
import { accountsHtml } from '../../shared/export/html';
import { citedAccounts, meetingCitations } from '../../shared/summary/citations';
import { accountsAffectedParts, accountsParts } from '../../shared/summary/evidence';
import { fixtureMeeting } from './fixtures/meeting';

const all = () => citedAccounts(meetingCitations(fixtureMeeting()));

describe('accountsParts', () => {
  it('gives the count, each account with its facts, and the revenue together', () => {
    expect(accountsParts(all())).toEqual({
      count: '2 accounts',
      accounts: [
        { name: 'Acme Logistics', facts: 'Enterprise, $260,000 ARR' },
        { name: 'Weber & Söhne GmbH', facts: 'SMB, €18,000 ARR' },
      ],
      together: 'together €18,000 ARR + $260,000 ARR',
    });
  });

  it('says no "together" for one account, leaves unknown facts empty, and gives null for none', () => {
    const one = citedAccounts([
      { ...meetingCitations(fixtureMeeting())[0]!, account: { name: 'Solo', segment: ' ', arr: null, currency: 'USD' } },
    ]);
    expect(accountsParts(one)).toEqual({ count: '1 account', accounts: [{ name: 'Solo', facts: '' }], together: '' });
    expect(accountsAffectedParts(one)).toEqual({ affected: '1 account affected', together: '' });
    expect(accountsParts(citedAccounts([]))).toBeNull();
    expect(accountsMarkdown(citedAccounts([]))).toBe('');
    expect(accountsHtml(one)).toBe('1 account — <span dir="auto">Solo</span>');
  });

  it('is what the exports print, escaped by each', () => {
    const { together } = accountsAffectedParts(all());
    expect(together).toBe('together €18,000 ARR + $260,000 ARR (each currency on its own, never converted)');
    expect(accountsMarkdown(all())).toBe(
      '2 accounts — Acme Logistics (Enterprise, $260,000 ARR), Weber & Söhne GmbH (SMB, €18,000 ARR); together €18,000 ARR + $260,000 ARR',
    );
    expect(accountsHtml(all())).toContain('Weber &amp; Söhne GmbH');
  });
});
