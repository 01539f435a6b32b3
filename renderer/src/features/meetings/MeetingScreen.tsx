import './meetings.css';
import '../runner/runner.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Meeting } from '../../../../shared/domain';
import { SaveRegistry, SaveRegistryProvider } from '../../app/autosave';
import { STATUS_LABELS } from '../../app/format';
import { MeetingContext, type MeetingContextValue } from '../../app/meetingContext';
import { markMeetingReady } from '../../app/perf';
import type { ScreenProps } from '../../app/screen';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { useMeeting } from '../../app/useMeeting';
import { ChairPanel } from '../chair/ChairPanel';
import type { DecisionContext } from '../decisions/Decisions';
import { CheckBacks } from '../followups/CheckBacks';
import { CoverageLine } from '../runner/CoverageLine';
import { seriesName } from '../series/SeriesActions';
import { Arrivals } from '../sharing/Arrivals';
import { useSharing } from '../sharing/useSharing';
import { MeetingActions } from './MeetingActions';
import { MeetingDialogs } from './MeetingDialogs';
import { MeetingViews, type MeetingView } from './MeetingViews';
import { useRefocusAfterStatusChange, useOpenAtDecision } from './meetingFocus';
import { usePeople, usePersonas } from './meetingPeople';
import { useDeleteMeeting } from './useDeleteMeeting';
import { useMeetingRunner } from './useMeetingRunner';
import { useMeetingShortcuts } from './useMeetingShortcuts';
import { Words } from '../../app/Words';

type Props = ScreenProps & {
  meetingId: string;
  /** Open at this decision (a ledger result): shown, scrolled to and focused. */ decisionId?: string | undefined;
};

/**
 * Every screen of one meeting: the plan (planned), the runner (running) and the review (ended),
 * with the chair beside each. What is shown follows the meeting's status in the service, so a
 * running meeting opens in the runner at its current item, after a restart too.
 */
export function MeetingScreen(props: Props) {
  const live = useMeeting(props.meetingId);
  const [registry] = useState(() => new SaveRegistry());
  const { accept } = live;
  const context = useMemo<MeetingContextValue>(() => ({ accept }), [accept]);

  if (!live.meeting) return <MeetingUnavailable {...props} error={live.error} deleted={live.deleted} />;
  return (
    <SaveRegistryProvider registry={registry}>
      <MeetingContext.Provider value={context}>
        <MeetingLayout {...props} meeting={live.meeting} latest={live.latest} registry={registry} />
      </MeetingContext.Provider>
    </SaveRegistryProvider>
  );
}

function MeetingUnavailable({ navigate, error, deleted }: Props & { error: ReturnType<typeof useMeeting>['error']; deleted: boolean }) {
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
      <button type="button" className="button" onClick={() => navigate({ name: 'list' })}>
        Back to meetings
      </button>
    </section>
  );
}

type LayoutProps = Props & { meeting: Meeting; latest: () => Meeting | null; registry: SaveRegistry };

/**
 * One meeting on screen: header and actions, the views, the chair beside them, and the dialogs.
 * Running the meeting, opening at a decision, deleting and the shortcuts live in their hooks.
 */
function MeetingLayout({ library, navigate, showToast, meeting, latest, registry, decisionId }: LayoutProps) {
  const { agenda, status } = meeting;
  const running = status === 'running';
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [view, setView] = useState<MeetingView>('item');
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [chairFocus, setChairFocus] = useState(0);
  const [logRequest, setLogRequest] = useState(0);
  const screenRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);
  useEffect(() => markMeetingReady(), []);

  const runner = useMeetingRunner({ meeting, latest, registry, onStarted: () => setView('item') });
  const deletion = useDeleteMeeting(meeting.id, { navigate, showToast });
  const personas = usePersonas(meeting, library);
  const people = usePeople(meeting);
  const sharing = useSharing(meeting.id, running);
  const decisionContext = useMemo<DecisionContext>(
    () => ({ meetingId: meeting.id, tags: library.tags, people, showToast, live: running, lead: meeting.lead || 'Lead' }),
    [meeting.id, library.tags, people, showToast, running, meeting.lead],
  );

  const runningIndex = running ? agenda.findIndex((item) => item.id === meeting.currentItemId) : -1;
  const chosenIndex = chosenId ? agenda.findIndex((item) => item.id === chosenId) : -1;
  const followedIndex = running && runningIndex >= 0 ? runningIndex : chosenIndex >= 0 ? chosenIndex : 0;
  const item = agenda[followedIndex] ?? null;
  const followUp = item ? (meeting.followUps.find((f) => f.source === 'unknown-impact' && f.itemId === item.id) ?? null) : null;
  const focusChair = () => setChairFocus((n) => n + 1);

  useOpenAtDecision({
    decisionId,
    agenda,
    status,
    view,
    screenRef,
    show: (holderId) => (status === 'planned' ? setChosenId(holderId) : setView('decisions')),
    missing: () => runner.setActionError('The decision you opened is no longer in this meeting.'),
  });
  useRefocusAfterStatusChange(status, screenRef, headingRef);
  useMeetingShortcuts({
    meetingId: meeting.id,
    running,
    hasItem: item !== null,
    showToast,
    next: () => void runner.requestMove('next'),
    previous: () => void runner.previous(),
    logDecision: () => {
      setView('item');
      setLogRequest((n) => n + 1);
    },
    focusChair,
    showShortcuts: () => setShortcutsOpen(true),
  });

  const series = seriesName(library, meeting);
  return (
    <article ref={screenRef} className={`meeting-screen meeting-${status}`} aria-labelledby="meeting-title">
      <div className="screen-header meeting-header">
        <div>
          <p className="eyebrow">
            <span className={`status status-${status}`}>{STATUS_LABELS[status]}</span>
            {series ? (
              <span className="meeting-series" dir="auto">
                Series: {series}
              </span>
            ) : null}
            {running && runningIndex >= 0 ? (
              <span className="runner-progress">
                Item {runningIndex + 1} of {agenda.length}
              </span>
            ) : null}
          </p>
          <h1 ref={headingRef} id="meeting-title" tabIndex={-1} dir="auto">
            <Words text={meeting.title} />
          </h1>
        </div>
        {/* Keyed by status: a button must never turn into another one under the user's focus (End into Delete). */}
        <div key={status} className="screen-actions">
          <MeetingActions
            meeting={meeting}
            library={library}
            runner={runner}
            sharing={sharing}
            atFirst={runningIndex <= 0}
            atLast={runningIndex === agenda.length - 1}
            navigate={navigate}
            showToast={showToast}
            onDelete={deletion.ask}
            onShortcuts={() => setShortcutsOpen(true)}
          />
        </div>
      </div>
      {status !== 'planned' ? <CoverageLine agenda={agenda} /> : null}
      {sharing && sharing.state !== 'off' ? <Arrivals meeting={meeting} sharing={sharing} tags={library.tags} /> : null}
      {runner.actionError ? (
        <div role="alert" className="form-alert action-alert">
          <p>{runner.actionError}</p>
        </div>
      ) : null}

      <div className="meeting-layout">
        <div className="meeting-main">
          <MeetingViews
            meeting={meeting}
            library={library}
            showToast={showToast}
            decisionContext={decisionContext}
            item={item}
            itemIndex={followedIndex}
            view={view}
            onView={setView}
            onFollow={setChosenId}
            logRequest={logRequest}
          />
        </div>
        <ChairPanel
          meetingId={meeting.id}
          item={item}
          itemIndex={followedIndex}
          itemCount={agenda.length}
          personas={personas}
          followUp={followUp}
          people={people}
          running={running}
          focusRequest={chairFocus}
          agenda={agenda}
          showToast={showToast}
          extra={status !== 'ended' ? <CheckBacks meetingId={meeting.id} /> : null}
        />
      </div>

      <MeetingDialogs
        meeting={meeting}
        item={item}
        runner={runner}
        deletion={deletion}
        shortcutsOpen={shortcutsOpen}
        closeShortcuts={() => setShortcutsOpen(false)}
        focusChair={focusChair}
      />
    </article>
  );
}
