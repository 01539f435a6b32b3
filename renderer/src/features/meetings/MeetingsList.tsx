import './meetings.css';
import { ImportMeeting } from '../export/ImportMeeting';
import { useEffect, useState } from 'react';
import type { ScreenProps } from '../../app/screen';
import { ChairMark } from '../../app/ChairMark';
import { useClient } from '../../app/clientContext';
import { isModalOpen } from '../../app/Dialog';
import { isTypingTarget } from '../../app/keyboard';
import { asApiError } from '../../app/useLibrary';
import { NewFromTemplateButton } from '../series/SeriesActions';
import { MeetingsTable } from './MeetingsTable';
import { ActionError } from '../../app/ActionError';

/** The first screen: every meeting, newest first (the service keeps that order), or the empty state. */
export function MeetingsList({ library, navigate, showToast }: ScreenProps) {
  const client = useClient();
  const meetings = library.meetings;
  const [sampleBusy, setSampleBusy] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);

  // 'n' opens a new meeting, never while the user is typing or a dialog is open.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'n' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.repeat || isTypingTarget(event.target) || isModalOpen()) return;
      event.preventDefault();
      navigate({ name: 'new' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  const newButton = (
    <button type="button" className="button button-primary" onClick={() => navigate({ name: 'new' })} aria-keyshortcuts="n">
      New meeting
    </button>
  );

  if (meetings.length === 0) {
    return (
      <section className="empty-state" aria-labelledby="meetings-title">
        <div className="empty-state-mark">
          <ChairMark size={72} />
        </div>
        <h1 id="meetings-title" tabIndex={-1}>
          No meetings yet
        </h1>
        <p className="empty-state-lead">
          Amazon kept an empty chair in its meetings for the customer, the most important person in the room. Empty Chair puts that chair
          into yours.
        </p>
        <p>
          Plan a meeting, choose the customer personas who sit in the chair, and at every agenda item the chair asks:{' '}
          <strong>How does this affect the customer?</strong> Everything stays on this computer.
        </p>
        <div className="empty-state-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={sampleBusy}
            onClick={async () => {
              setSampleBusy(true);
              setSampleError(null);
              try {
                const meeting = await client.call('samples.create', {});
                navigate({ name: 'meeting', id: meeting.id });
              } catch (reason) {
                setSampleError(`Could not make the sample meeting: ${asApiError(reason).message}`);
                setSampleBusy(false);
              }
            }}
          >
            Try a sample meeting
          </button>
          <button type="button" className="button" onClick={() => navigate({ name: 'new' })} aria-keyshortcuts="n">
            New meeting
          </button>
        </div>
        <ActionError message={sampleError} />
        <p className="hint">
          The sample has three agenda items and one customer persona: start it and see the chair ask about each. Tip: press <kbd>N</kbd> to
          start a new meeting.
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="meetings-title">
      <div className="screen-header">
        <h1 id="meetings-title" tabIndex={-1}>
          Meetings
        </h1>
        <div className="screen-actions">
          <span className="hint">
            <kbd>N</kbd> new meeting
          </span>
          <ImportMeeting onImported={(meeting) => navigate({ name: 'meeting', id: meeting.id })} />
          <NewFromTemplateButton library={library} navigate={navigate} showToast={showToast} />
          {newButton}
        </div>
      </div>
      <MeetingsTable library={library} />
    </section>
  );
}
