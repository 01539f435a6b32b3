/**
 * Revenue reads the same on the decision card, the Dashboard, the evidence search and the exports:
 * a currency given in lower case or with spaces is named by its code, an empty one as '?' — never
 * "250,000 usd " in one place and "$250,000" in another.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../shared/dashboard';
import { scaleLine } from '../../shared/evidence/format';
import { evidenceMarkdown } from '../../shared/export/markdownEvidence';
import { evidenceTotalsHtml } from '../../shared/export/html';
import { meetingCitations } from '../../shared/summary/citations';
import { meetingEvidence } from '../../shared/summary/evidence';
import { accountsLine } from '../../renderer/src/features/decisions/CitationList';
import { EvidenceSection } from '../../renderer/src/features/dashboard/EvidenceSection';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

/** The fixture meeting with Acme's currency as " usd " and Weber's left empty. */
function untidyCurrencies() {
  const meeting = fixtureMeeting();
  for (const citation of meetingCitations(meeting)) {
    if (!citation.account) continue;
    citation.account = { ...citation.account, currency: citation.account.name.startsWith('Acme') ? ' usd ' : '' };
  }
  return meeting;
}

describe('revenue text agrees everywhere', () => {
  it('names an untidy currency the same on the decision card, the Dashboard, the search and the exports', () => {
    const meeting = untidyCurrencies();
    const acme = '$260,000 ARR';
    const weber = '18,000 ? ARR';
    const together = `${weber} + ${acme}`; // currencies in code order: '?' before 'USD'

    const totals = meetingEvidence(meeting);
    expect(evidenceMarkdown(totals)).toContain(together);
    expect(evidenceMarkdown(totals)).toContain(`| ${acme} |`);
    expect(evidenceTotalsHtml(totals)).toContain(together);
    expect(evidenceTotalsHtml(totals)).toContain(`>${acme}</td>`);

    expect(accountsLine(meetingCitations(meeting))).toContain(`— ${together}`);

    render(<EvidenceSection dashboard={buildDashboard([meeting], fixtureLibrary())} />);
    const table = screen.getByRole('table', { name: 'Accounts most affected' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toContain(`Acme LogisticsEnterprise2${acme}`);
    expect(rows).toContain(`Weber & Söhne GmbHSMB1${weber}`);
    expect(document.body.textContent).toContain(`touched: ${together}.`);

    expect(
      scaleLine({
        items: 2,
        accounts: 2,
        windowDays: 90,
        revenue: [
          { currency: '', arr: 18_000 },
          { currency: ' usd ', arr: 260_000 },
        ],
      }),
    ).toBe(`2 items from 2 accounts mention this (last 90 days) — ${weber} + ${acme}`);
  });
});
