import { lazy, Suspense, useRef, type ReactNode } from 'react';
import type { Library } from '../../../../shared/domain';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { useLibrary } from '../../app/useLibrary';
import { useMeeting } from '../../app/useMeeting';

/**
 * The summary itself (the impact model, the chart, the exports) is its own chunk: the model pulls in
 * the domain schemas, which the rest of the UI does without, and the initial bundle stays small.
 */
const SummaryView = lazy(() => import('./SummaryView'));

export interface MeetingSummaryProps {
  meetingId: string;
  /** The library the shell already has (ScreenProps.library); fetched here when left out. */
  library?: Library | undefined;
  /** The shell's own buttons for the header, e.g. "Back to the meeting". Hidden when printing. */
  actions?: ReactNode;
}

/**
 * The meeting impact summary: shown when a meeting ends and for any past meeting. Kept current by
 * the meeting's events, so a decision tagged from another window shows up here too.
 */
export function MeetingSummary({ meetingId, library, actions }: MeetingSummaryProps) {
  return library ? (
    <SummaryScreen meetingId={meetingId} library={library} actions={actions} />
  ) : (
    <SummaryWithLibrary meetingId={meetingId} actions={actions} />
  );
}

function SummaryWithLibrary({ meetingId, actions }: { meetingId: string; actions: ReactNode }) {
  const { library, error, reload } = useLibrary();
  if (!library) {
    return (
      <Placeholder
        actions={actions}
        title={error ? 'Summary not available' : 'Loading the summary…'}
        problem={error ? `Could not load your library: ${error.message} (${error.code})` : null}
        retry={error ? reload : undefined}
      />
    );
  }
  return <SummaryScreen meetingId={meetingId} library={library} actions={actions} />;
}

function SummaryScreen({ meetingId, library, actions }: { meetingId: string; library: Library; actions: ReactNode }) {
  const { meeting, error, deleted } = useMeeting(meetingId);
  if (!meeting) {
    const problem = deleted
      ? 'This meeting was deleted.'
      : error
        ? error.code === 'not_found'
          ? 'This meeting does not exist (any more).'
          : `Could not open the meeting: ${error.message} (${error.code})`
        : null;
    return <Placeholder actions={actions} title={problem ? 'Summary not available' : 'Loading the summary…'} problem={problem} />;
  }
  return (
    <Suspense fallback={<Placeholder actions={actions} title="Preparing the summary…" problem={null} />}>
      <SummaryView meeting={meeting} library={library} actions={actions} />
    </Suspense>
  );
}

function Placeholder({
  title,
  problem,
  actions,
  retry,
}: {
  title: string;
  problem: string | null;
  actions: ReactNode;
  retry?: (() => void) | undefined;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);
  return (
    <section className="sum-placeholder" aria-labelledby="summary-title">
      <h1 ref={headingRef} id="summary-title" tabIndex={-1}>
        {title}
      </h1>
      {problem ? (
        <div role="alert" className="form-alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <div className="screen-actions">
        {retry ? (
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        ) : null}
        {actions}
      </div>
    </section>
  );
}
