import { useRef, useState } from 'react';
import type { ScreenProps } from '../../app/App';
import { useClient } from '../../app/clientContext';
import { ConfirmDialog } from '../../app/Dialog';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { useMeeting } from '../../app/useMeeting';

/** One meeting, read-only: what it is about, who is in the chair, and its agenda. */
export function MeetingDetail({ library, navigate, showToast, meetingId }: ScreenProps & { meetingId: string }) {
  const client = useClient();
  const { meeting, error, deleted } = useMeeting(meetingId);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, meeting !== null);

  const back = (
    <button type="button" className="button" onClick={() => navigate({ name: 'list' })}>
      Back to meetings
    </button>
  );

  if (!meeting) {
    const problem = deleted
      ? 'This meeting was deleted.'
      : error
        ? error.code === 'not_found'
          ? 'This meeting does not exist (any more).'
          : `Could not open the meeting: ${error.message}`
        : null;
    return (
      <section aria-labelledby="meeting-title">
        <h1 id="meeting-title" tabIndex={-1}>
          {problem ? 'Meeting not available' : 'Loading the meeting…'}
        </h1>
        {problem ? (
          <div role="alert" className="form-alert">
            <p>{problem}</p>
          </div>
        ) : null}
        {back}
      </section>
    );
  }

  const personas = meeting.personaIds.map(
    (id) => library.personas.find((persona) => persona.id === id) ?? { id, name: 'Unknown persona', segment: '', needs: [], quotes: [] },
  );
  const totalMinutes = meeting.agenda.reduce((sum, item) => sum + item.timeboxMinutes, 0);

  const confirmDelete = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await client.call('meetings.delete', { id: meeting.id });
      setConfirming(false);
      showToast('Meeting deleted');
      navigate({ name: 'list' });
    } catch (reason) {
      const failure = asApiError(reason);
      setDeleteError(`${failure.message} (${failure.code})`);
      setDeleting(false);
    }
  };

  return (
    <article className="meeting-detail" aria-labelledby="meeting-title">
      <div className="screen-header">
        <div>
          <p className="eyebrow">
            <span className={`status status-${meeting.status}`}>{STATUS_LABELS[meeting.status]}</span>
          </p>
          <h1 ref={headingRef} id="meeting-title" tabIndex={-1}>
            {meeting.title}
          </h1>
        </div>
        <div className="screen-actions">
          {back}
          <button type="button" className="button" onClick={() => navigate({ name: 'edit', id: meeting.id })}>
            Edit meeting
          </button>
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Delete meeting
          </button>
        </div>
      </div>

      <div className="detail-grid">
        <section className="card" aria-labelledby="detail-facts">
          <h2 id="detail-facts">Details</h2>
          <dl className="facts">
            <dt>When</dt>
            <dd>
              <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt, 'full')}</time>
            </dd>
            <dt>Lead</dt>
            <dd>{meeting.lead || <span className="muted">No lead</span>}</dd>
            <dt>Participants</dt>
            <dd>
              {meeting.participants.length > 0 ? (
                <ul className="inline-list" aria-label="Participants">
                  {meeting.participants.map((name, index) => (
                    <li key={`${index}-${name}`}>{name}</li>
                  ))}
                </ul>
              ) : (
                <span className="muted">Nobody listed</span>
              )}
            </dd>
          </dl>
        </section>

        <section className="card chair-card" aria-labelledby="detail-chair">
          <h2 id="detail-chair">In the chair</h2>
          {personas.length === 0 ? (
            <p className="muted">Nobody sits in the chair yet. Edit the meeting to choose customer personas.</p>
          ) : (
            <ul className="persona-list">
              {personas.map((persona) => (
                <li key={persona.id} className="persona">
                  <p className="persona-name">{persona.name}</p>
                  {persona.segment ? <p className="persona-segment">{persona.segment}</p> : null}
                  {persona.needs.length > 0 ? (
                    <ul className="persona-needs" aria-label={`${persona.name}'s needs`}>
                      {persona.needs.map((need, index) => (
                        <li key={index}>{need}</li>
                      ))}
                    </ul>
                  ) : null}
                  {persona.quotes.map((quote, index) => (
                    <blockquote key={index} className="persona-quote">
                      {quote}
                    </blockquote>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="detail-agenda">
        <h2 id="detail-agenda">
          Agenda{' '}
          <span className="heading-note">
            {plural(meeting.agenda.length, 'item')}
            {totalMinutes > 0 ? `, ${totalMinutes} min` : ''}
          </span>
        </h2>
        {meeting.agenda.length === 0 ? (
          <p className="muted">No agenda items yet.</p>
        ) : (
          <ol className="agenda-list">
            {meeting.agenda.map((item) => (
              <li key={item.id} className="agenda-item">
                <div className="agenda-item-head">
                  <span className="agenda-item-title">{item.title}</span>
                  <span className="agenda-item-meta">
                    {item.owner ? <span>Owner: {item.owner}</span> : <span className="muted">No owner</span>}
                    <span>{item.timeboxMinutes} min</span>
                  </span>
                </div>
                {item.notes ? <p className="agenda-item-notes">{item.notes}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {confirming ? (
        <ConfirmDialog
          title={`Delete “${meeting.title}”?`}
          confirmLabel="Delete"
          danger
          busy={deleting}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setConfirming(false);
            setDeleteError(null);
          }}
        >
          <p>
            The meeting and its agenda ({plural(meeting.agenda.length, 'item')}) leave your meeting list. The file is moved to the
            trash folder inside Empty Chair&apos;s data folder, not erased.
          </p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
