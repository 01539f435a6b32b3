/** The summary's open follow-ups with owners and due dates; each dated one can go to a calendar on its own. */
import type { Meeting } from '../../../../shared/domain';
import type { ImpactSummary, SummaryLibrary } from '../../../../shared/summary/summary';
import { SaveStatus } from '../export/ExportMenu';
import type { SaveSink } from '../export/saveFile';
import { useFollowUpCalendar } from '../export/useFollowUpCalendar';
import { formatDay, todayLocal } from './format';

interface FollowUpsProps {
  summary: ImpactSummary;
  meeting: Meeting;
  library: SummaryLibrary;
  /** Where an event's file goes; saveFile unless a test puts a stub here. */
  save?: SaveSink;
}

export function FollowUps({ summary, meeting, library, save }: FollowUpsProps) {
  const today = todayLocal();
  const calendar = useFollowUpCalendar(meeting, library, save);
  return (
    <section className="card" aria-labelledby="sum-follow-ups-title">
      <h2 id="sum-follow-ups-title">
        Open follow-ups <span className="sum-heading-note">{summary.openFollowUps.length}</span>
      </h2>
      {summary.openFollowUps.length === 0 ? (
        <p className="sum-empty">No open follow-ups.</p>
      ) : (
        <div className="sum-table-scroll">
          <table className="sum-table sum-follow-ups">
            <caption className="visually-hidden">Open follow-ups, by due date</caption>
            <thead>
              <tr>
                <th scope="col">Follow-up</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {summary.openFollowUps.map(({ followUp, itemTitle, decisionText }) => {
                const overdue = followUp.dueDate !== null && followUp.dueDate < today;
                return (
                  <tr key={followUp.id}>
                    <td dir="auto">{followUp.text}</td>
                    <td>{followUp.owner ? <span dir="auto">{followUp.owner}</span> : <span className="muted">No owner</span>}</td>
                    <td className="sum-nowrap">
                      {followUp.dueDate ? (
                        <>
                          <time dateTime={followUp.dueDate}>{formatDay(followUp.dueDate)}</time>
                          {overdue ? <span className="sum-overdue"> overdue</span> : null}{' '}
                          <button
                            type="button"
                            className="button button-small sum-no-print sum-add-calendar"
                            disabled={calendar.busy !== null}
                            aria-busy={calendar.busy === followUp.id || undefined}
                            // The visible words first (WCAG 2.5.3), then which follow-up: each row has one.
                            aria-label={`Add to calendar: ${followUp.text}`}
                            onClick={() => void calendar.add(followUp.id)}
                          >
                            Add to calendar
                          </button>
                        </>
                      ) : (
                        <span className="muted">No date</span>
                      )}
                    </td>
                    <td>
                      {itemTitle ? <span dir="auto">{itemTitle}</span> : <span className="muted">The meeting</span>}
                      {decisionText ? (
                        <span className="sum-from-decision">
                          {' · decision: '}
                          <span dir="auto">{decisionText}</span>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {summary.openFollowUps.some(({ followUp }) => followUp.dueDate !== null) ? (
        <div className="sum-no-print">
          <SaveStatus status={calendar.status} />
        </div>
      ) : null}
    </section>
  );
}
