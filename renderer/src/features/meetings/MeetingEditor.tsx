import { useMemo, useState } from 'react';
import type { ScreenProps } from '../../app/screen';
import { useMeeting } from '../../app/useMeeting';
import { emptyForm, formFromMeeting } from './draft';
import { MeetingForm } from './MeetingForm';

/** The editor screen: a blank form for a new meeting, or the meeting's form once it has loaded. */
export function MeetingEditor(props: ScreenProps & { meetingId?: string }) {
  if (props.meetingId === undefined) return <CreateMeeting {...props} />;
  return <EditMeeting {...props} meetingId={props.meetingId} />;
}

function CreateMeeting(props: ScreenProps) {
  const [initial] = useState(() => emptyForm());
  return <MeetingForm {...props} mode="create" initial={initial} />;
}

function EditMeeting(props: ScreenProps & { meetingId: string }) {
  const { meeting, error, deleted } = useMeeting(props.meetingId);
  // The form is filled once, from the first copy loaded; later copies only drive the "changed elsewhere" note.
  const [opened, setOpened] = useState<typeof meeting>(null);
  if (meeting && !opened) setOpened(meeting);
  const initial = useMemo(() => (opened ? formFromMeeting(opened) : null), [opened]);

  if (opened && initial) {
    return (
      <MeetingForm
        {...props}
        mode="edit"
        meetingId={props.meetingId}
        initial={initial}
        baseRevision={opened.revision}
        live={deleted ? null : meeting}
        deletedElsewhere={deleted}
      />
    );
  }
  return (
    <section aria-labelledby="edit-loading">
      <h1 id="edit-loading" tabIndex={-1}>
        Edit meeting
      </h1>
      {error || deleted ? (
        <div role="alert" className="form-alert">
          <p>{deleted ? 'This meeting was deleted.' : `Could not open the meeting: ${error?.message}`}</p>
        </div>
      ) : (
        <p role="status" className="loading">
          Loading the meeting…
        </p>
      )}
      <button type="button" className="button" onClick={() => props.navigate({ name: 'list' })}>
        Back to meetings
      </button>
    </section>
  );
}
