/** The Dashboard's per-week evidence table shows the week's decisionCount from shared/dashboard.ts. */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../shared/dashboard';
import { EvidenceSection } from '../../renderer/src/features/dashboard/EvidenceSection';
import { fixtureLibrary, fixtureMeeting } from '../unit/fixtures/meeting';

describe('dashboard: evidence coverage per week', () => {
  it('shows each week’s decisions, citing and share as the dashboard counted them', () => {
    const dashboard = buildDashboard([fixtureMeeting()], fixtureLibrary());
    const week = dashboard.weeks.find((w) => w.evidenceCoverage !== null)!;
    expect(week).toMatchObject({ decisionCount: 5, citing: 2 });
    render(<EvidenceSection dashboard={dashboard} />);
    const table = screen.getByRole('table', { name: 'Per week' });
    const cells = within(within(table).getAllByRole('row')[1]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['5', '2', '40%']);
  });
});
