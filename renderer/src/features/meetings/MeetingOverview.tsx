import type { Meeting } from '../../../../shared/domain';
import { useMeetingCall } from '../../app/meetingContext';
import type { ScreenProps } from '../../app/screen';
import { formatWhen, plural } from '../../app/format';
import { ImportAgendaButton } from '../agendaImport/ImportAgendaButton';

/** What the End confirmation says: what ending means, and how many items were not discussed. */
export function EndSummary({ meeting }: { meeting: Meeting }) {
  const notDiscussed = meeting.agenda.filter((item) => item.startedAt === null).length;
  return (
    <p>
      An ended meeting cannot start again; answers and decisions can still be edited.
      {notDiscussed > 0 ? ` ${plural(notDiscussed, 'item was', 'items were')} not discussed.` : ''}
    </p>
  );
}

/** What a planned meeting is about: when, who, and its agenda; any item can be followed in the chair. */
export function PlannedOverview({
  meeting,
  followedId,
  onFollow,
  showToast,
}: {
  meeting: Meeting;
  followedId: string | null;
  onFollow: (itemId: string) => void;
  showToast: ScreenProps['showToast'];
}) {
  const call = useMeetingCall();
  const totalMinutes = meeting.agenda.reduce((sum, item) => sum + item.timeboxMinutes, 0);
  return (
    <>
      <section className="card" aria-labelledby="detail-facts">
        <h2 id="detail-facts">Details</h2>
        <dl className="facts">
          <dt>When</dt>
          <dd>
            <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt, 'full')}</time>
          </dd>
          <dt>Lead</dt>
          <dd dir="auto">{meeting.lead || <span className="muted">No lead</span>}</dd>
          <dt>Participants</dt>
          <dd>
            {meeting.participants.length > 0 ? (
              <ul className="inline-list" aria-label="Participants">
                {meeting.participants.map((name, index) => (
                  <li key={`${index}-${name}`} dir="auto">
                    {name}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">Nobody listed</span>
            )}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="detail-agenda">
        <div className="section-head">
          <h2 id="detail-agenda">
            Agenda{' '}
            <span className="heading-note">
              {plural(meeting.agenda.length, 'item')}
              {totalMinutes > 0 ? `, ${totalMinutes} min` : ''}
            </span>
          </h2>
          <ImportAgendaButton
            mode="append"
            existingItems={meeting.agenda.length}
            onConfirm={async (result) => {
              // One change for the whole agenda: every item is added, or none (items with an id keep all they hold).
              await call('meetings.update', {
                id: meeting.id,
                expectedRevision: meeting.revision,
                changes: { agenda: [...meeting.agenda.map((item) => ({ id: item.id, title: item.title })), ...result.items] },
              });
              showToast(`${plural(result.items.length, 'item')} added to the agenda`);
            }}
          />
        </div>
        {meeting.agenda.length === 0 ? (
          <p className="muted">No agenda items yet. Edit the meeting to add some before you start it.</p>
        ) : (
          <ol className="agenda-list">
            {meeting.agenda.map((item) => (
              <li
                key={item.id}
                data-item-id={item.id}
                className={item.id === followedId ? 'agenda-item agenda-item-followed' : 'agenda-item'}
              >
                <div className="agenda-item-head">
                  <span id={`agenda-title-${item.id}`} className="agenda-item-title" dir="auto">
                    {item.title}
                  </span>
                  <span className="agenda-item-meta">
                    {item.owner ? <span dir="auto">Owner: {item.owner}</span> : <span className="muted">No owner</span>}
                    <span>{item.timeboxMinutes} min</span>
                  </span>
                  <button
                    type="button"
                    className="button button-small"
                    aria-pressed={item.id === followedId}
                    aria-describedby={`agenda-title-${item.id}`}
                    onClick={() => onFollow(item.id)}
                  >
                    Follow in chair
                  </button>
                </div>
                {item.notes ? (
                  <p className="agenda-item-notes" dir="auto">
                    {item.notes}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** After the meeting: when it started and ended (its follow-ups follow in their own card). */
export function EndedSummary({ meeting }: { meeting: Meeting }) {
  return (
    <section className="card" aria-labelledby="ended-summary">
      <h2 id="ended-summary">Summary</h2>
      <dl className="facts">
        <dt>Started</dt>
        <dd>{meeting.startedAt ? <time dateTime={meeting.startedAt}>{formatWhen(meeting.startedAt)}</time> : '—'}</dd>
        <dt>Ended</dt>
        <dd>{meeting.endedAt ? <time dateTime={meeting.endedAt}>{formatWhen(meeting.endedAt)}</time> : '—'}</dd>
      </dl>
    </section>
  );
}
