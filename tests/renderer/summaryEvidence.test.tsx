/**
 * The summary screen shows cited customer evidence (issue 19 §4): under each decision and answer the
 * quotes with customer, source and date, the accounts and revenue they touch, and a card with the
 * meeting's totals; hostile evidence text is shown as text, never as markup.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import SummaryView from '../../renderer/src/features/summary/SummaryView';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

describe('summary screen: customer evidence', () => {
  it('shows the quotes under their decision and answer, and the totals', () => {
    render(<SummaryView meeting={fixtureMeeting()} library={fixtureLibrary()} />);
    const decisionQuotes = screen.getAllByRole('list', { name: 'Customer evidence cited on this decision' });
    expect(decisionQuotes).toHaveLength(2);
    const first = within(decisionQuotes[0]!).getAllByRole('listitem');
    expect(first.map((li) => li.textContent)).toContain(
      'Our payroll runs monthly; two weeks tells us nothing. — acme  logistics · Help desk tickets',
    );
    const answer = screen.getByRole('list', { name: 'Customer evidence cited on this answer' });
    expect(answer.textContent).toContain('Trial ended before we ran our first payroll. — kiwi_ops · App Store reviews · 2026-11-02');
    expect(document.body.textContent).toContain(
      'Accounts affected: 2 accounts — Acme Logistics (Enterprise, $250,000 ARR), Weber & Söhne GmbH (SMB, €18,000 ARR); together €18,000 ARR + $250,000 ARR',
    );

    const card = screen.getByRole('region', { name: /Customer evidence/ });
    expect(card.textContent).toContain('4 quotes cited');
    expect(card.textContent).toContain('Evidence coverage: 2 of 5 decisions (40%) cite customer evidence.');
    const rows = within(within(card).getByRole('table'))
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['AccountSegmentARRQuotes', 'Acme LogisticsEnterprise$260,000 ARR2', 'Weber & Söhne GmbHSMB€18,000 ARR1']);
    expect(card.textContent).toContain(
      '2 accounts affected, together €18,000 ARR + $260,000 ARR (each currency on its own, never converted).',
    );
  });

  it('keeps hostile evidence text as text', () => {
    const meeting = fixtureMeeting();
    const hostile = '<img src=x onerror=alert(1)>';
    const citation = meeting.agenda[0]!.decisions[0]!.citations[0]!;
    Object.assign(citation, { quote: hostile, customer: hostile, sourceName: hostile, account: { ...citation.account!, name: hostile } });
    render(<SummaryView meeting={meeting} library={fixtureLibrary()} />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByText(hostile).length).toBeGreaterThanOrEqual(2);
  });

  it('says so when nothing was cited', () => {
    const meeting = fixtureMeeting();
    for (const item of meeting.agenda) {
      item.citations = [];
      for (const d of item.decisions) d.citations = [];
    }
    render(<SummaryView meeting={meeting} library={fixtureLibrary()} />);
    expect(screen.queryByRole('list', { name: /Customer evidence cited/ })).toBeNull();
    expect(screen.getByRole('region', { name: /Customer evidence/ }).textContent).toContain('No customer evidence was cited');
  });
});
