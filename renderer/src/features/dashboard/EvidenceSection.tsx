import type { Dashboard } from '../../../../shared/dashboard';
import { accountRevenueText, revenueText } from '../../../../shared/evidence/format';
import { formatDay, plural, pluralNoun } from '../../app/format';
import { percent, weekLabel } from './charts';
import { NumberHeadCells } from './chartParts';

/** Meetings listed by name; the rest are counted in a line under the table, never cut silently. */
const MEETINGS_SHOWN = 20;

/**
 * Issue 19 §4: how many decisions rest on the customer's own words (evidence coverage, counted by
 * shared/summary/citations.ts through the service), per week and per meeting, and the accounts the
 * citations touch most.
 */
export function EvidenceSection({ dashboard }: { dashboard: Dashboard }) {
  const { totals, accounts } = dashboard;
  const weeks = dashboard.weeks.filter((week) => week.evidenceCoverage !== null);
  const meetings = dashboard.byMeeting.slice(0, MEETINGS_SHOWN);
  const hidden = dashboard.byMeeting.length - meetings.length;
  return (
    <section className="card dash-section" aria-labelledby="dash-evidence">
      <h2 id="dash-evidence">Evidence coverage</h2>
      {totals.decisions === 0 ? (
        <p className="muted dash-none">No decisions logged in these meetings yet.</p>
      ) : (
        <>
          <p className="dash-evidence-total">
            {totals.citing.toLocaleString('en-US')} of {plural(totals.decisions, 'decision')} {pluralNoun(totals.citing, 'cites', 'cite')}{' '}
            customer evidence ({percent(totals.evidenceCoverage)}).
          </p>
          <div className="dash-scroll dash-table" tabIndex={0} role="group" aria-label="Evidence coverage per week (scrolls)">
            <table>
              <caption>Per week</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <NumberHeadCells labels={['Decisions', 'Citing evidence', 'Coverage']} />
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  <tr key={week.weekStart}>
                    <th scope="row">{weekLabel(week.weekStart)}</th>
                    <td className="dash-num">{week.decisionCount}</td>
                    <td className="dash-num">{week.citing}</td>
                    <td className="dash-num">{percent(week.evidenceCoverage)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="dash-scroll dash-table" tabIndex={0} role="group" aria-label="Evidence coverage per meeting (scrolls)">
            <table>
              <caption>Per meeting, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Date</th>
                  <NumberHeadCells labels={['Decisions', 'Citing evidence', 'Coverage']} />
                </tr>
              </thead>
              <tbody>
                {meetings.map((meeting) => (
                  <tr key={meeting.meetingId}>
                    <th scope="row">{meeting.title}</th>
                    <td>{formatDay(meeting.scheduledAt)}</td>
                    <td className="dash-num">{meeting.decisions}</td>
                    <td className="dash-num">{meeting.citing}</td>
                    <td className="dash-num">{percent(meeting.evidenceCoverage)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hidden > 0 ? <p className="hint">And {plural(hidden, 'older meeting')}; choose dates to see them.</p> : null}
        </>
      )}
      <h3 id="dash-accounts">Accounts most affected</h3>
      {accounts.total === 0 ? (
        <p className="muted dash-none">No decision in these meetings cites an account’s evidence yet.</p>
      ) : (
        <AccountsTable accounts={accounts} />
      )}
    </section>
  );
}

function AccountsTable({ accounts }: { accounts: Dashboard['accounts'] }) {
  return (
    <>
      <div className="dash-scroll dash-table" tabIndex={0} role="group" aria-label="Accounts most affected (scrolls)">
        <table aria-labelledby="dash-accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Segment</th>
              <NumberHeadCells labels={['Citations', 'ARR']} />
            </tr>
          </thead>
          <tbody>
            {accounts.accounts.map((account) => (
              <tr key={account.name}>
                <th scope="row">{account.name}</th>
                <td>{account.segment}</td>
                <td className="dash-num">{account.citations}</td>
                <td className="dash-num">{accountRevenueText(account) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {accounts.total > accounts.accounts.length
          ? `The ${accounts.accounts.length} most cited of ${plural(accounts.total, 'account')}. `
          : ''}
        Revenue of all {plural(accounts.total, 'account')} touched: {revenueText(accounts) || 'none recorded'}.
      </p>
    </>
  );
}
