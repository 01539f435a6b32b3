import { useId, useRef, useState } from 'react';
import type { Library, Meeting } from '../../../../shared/domain';
import type { ScreenProps } from '../../app/screen';
import { NextMeetingButton, SaveTemplateButton } from '../series/SeriesActions';
import { SharingButton } from '../sharing/SharingButton';
import type { useSharing } from '../sharing/useSharing';
import type { MeetingRunner } from './useMeetingRunner';

interface MeetingActionsProps extends Pick<ScreenProps, 'navigate' | 'showToast'> {
  meeting: Meeting;
  library: Library;
  runner: MeetingRunner;
  sharing: ReturnType<typeof useSharing>;
  atFirst: boolean;
  atLast: boolean;
  onDelete: () => void;
  onShortcuts: () => void;
}

/** The header's buttons, by status: moving through a running meeting; otherwise back, edit, delete, series and the next step. */
export function MeetingActions({
  meeting,
  library,
  runner,
  sharing,
  atFirst,
  atLast,
  navigate,
  showToast,
  onDelete,
  onShortcuts,
}: MeetingActionsProps) {
  if (meeting.status === 'running') {
    return (
      <>
        <button
          type="button"
          className="button"
          onClick={() => void runner.previous()}
          aria-disabled={atFirst || undefined}
          aria-keyshortcuts="p"
        >
          Previous item
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void runner.requestMove('next')}
          aria-disabled={atLast || undefined}
          aria-keyshortcuts="n"
        >
          Next item
        </button>
        <button type="button" className="button button-end" onClick={() => void runner.requestMove('end')}>
          End meeting
        </button>
        <SharingButton meetingId={meeting.id} status={sharing} />
        <button type="button" className="button" onClick={onShortcuts} aria-keyshortcuts="Shift+?">
          Shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={() => navigate({ name: 'list' })}>
        Back to meetings
      </button>
      <button type="button" className="button" onClick={() => navigate({ name: 'edit', id: meeting.id })}>
        Edit meeting
      </button>
      <SaveTemplateButton meeting={meeting} showToast={showToast} />
      <NextMeetingButton meeting={meeting} library={library} navigate={navigate} showToast={showToast} />
      {meeting.status === 'planned' ? (
        <button type="button" className="button button-primary" onClick={() => void runner.start()} disabled={runner.busy}>
          Start meeting
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => navigate({ name: 'summary', id: meeting.id })}>
          Impact summary
        </button>
      )}
      <MoreActions onDelete={onDelete} />
    </>
  );
}

/** Rare and destructive actions, apart from the everyday ones: Delete meeting (which still asks first). */
function MoreActions({ onDelete }: { onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  return (
    <div
      className="more-actions"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        setOpen(false);
        toggleRef.current?.focus();
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
      >
        More actions <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div id={panelId} className="more-actions-panel">
          <button type="button" className="button button-quiet-danger" onClick={onDelete}>
            Delete meeting
          </button>
        </div>
      ) : null}
    </div>
  );
}
