import './meetings.css';
import '../runner/runner.css';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { currentItem, gateState } from '../../../../shared/coverage';
import type { Library, Meeting } from '../../../../shared/domain';
import type { ScreenProps } from '../../app/screen';
import { SaveRegistry, SaveRegistryProvider } from '../../app/autosave';
import { DIRECTIONS } from '../../app/constants';
import { ConfirmDialog, isModalOpen } from '../../app/Dialog';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { hasCommandModifier, isTypingTarget } from '../../app/keyboard';
import { markMeetingReady } from '../../app/perf';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { asApiError } from '../../app/useLibrary';
import { useMeeting } from '../../app/useMeeting';
import { DIRECTION_EVENT } from '../chair/ChairAnswer';
import { ChairPanel } from '../chair/ChairPanel';
import type { ChairPersona } from '../chair/PersonaCards';
import { AllDecisions } from '../decisions/AllDecisions';
import type { DecisionContext } from '../decisions/Decisions';
import { CoverageLine } from '../runner/CoverageLine';
import { GateDialog, type GateMove } from '../runner/GateDialog';
import { ItemView } from '../runner/ItemView';
import { ShortcutsDialog } from '../runner/ShortcutsDialog';
import { Tabs } from '../runner/Tabs';
import { isOpen } from '../../../../shared/followUps';
import { CheckBacks } from '../followups/CheckBacks';
import { FollowUps } from '../followups/FollowUps';
import { ImportAgendaButton } from '../agendaImport/ImportAgendaButton';
import { NextMeetingButton, SaveTemplateButton, seriesName } from '../series/SeriesActions';
import { Arrivals } from '../sharing/Arrivals';
import { SharingButton } from '../sharing/SharingButton';
import { useSharing } from '../sharing/useSharing';
import { AgendaStates } from './AgendaStates';
import { MeetingContext, useMeetingCall, type MeetingContextValue } from '../../app/meetingContext';

type Props = ScreenProps & { meetingId: string; /** Open at this decision (a ledger result): shown, scrolled to and focused. */ decisionId?: string | undefined };

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

const UNKNOWN_PERSONA = { segment: '', needs: [], quotes: [] };

function usePersonas(meeting: Meeting, library: Library): ChairPersona[] {
  const { personaIds } = meeting;
  const { personas } = library;
  return useMemo(
    () => personaIds.map((id) => personas.find((persona) => persona.id === id) ?? { id, name: 'Unknown persona', ...UNKNOWN_PERSONA }),
    [personaIds, personas],
  );
}

/** Names offered as owners: the lead, the participants and the item owners, each once. */
function usePeople(meeting: Meeting): string[] {
  const { lead, participants, agenda } = meeting;
  return useMemo(() => {
    const names = [lead, ...participants, ...agenda.map((item) => item.owner)].filter((name) => name.trim().length > 0);
    return [...new Set(names)];
  }, [lead, participants, agenda]);
}

function MeetingLayout({ library, navigate, showToast, meeting, latest, registry, decisionId }: Props & { meeting: Meeting; latest: () => Meeting | null; registry: SaveRegistry }) {
  const call = useMeetingCall();
  const { agenda, status } = meeting;
  const running = status === 'running';
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [tab, setTab] = useState<'item' | 'decisions' | 'followups'>('item');
  const [gate, setGate] = useState<GateMove | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [chairFocus, setChairFocus] = useState(0);
  const [logRequest, setLogRequest] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);

  useEffect(() => markMeetingReady(), []);

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
  const totalDecisions = useMemo(() => agenda.reduce((sum, it) => sum + it.decisions.length, 0), [agenda]);

  // Opened at a decision (from the ledger): show the view that lists it, then scroll to it and focus it.
  const [target, setTarget] = useState<{ id: string; request: number } | null>(null);
  const shownRequest = useRef(0);
  const [seenDecisionId, setSeenDecisionId] = useState<string | undefined>(undefined);
  if (decisionId !== seenDecisionId) {
    setSeenDecisionId(decisionId);
    const holder = decisionId ? agenda.find((it) => it.decisions.some((decision) => decision.id === decisionId)) : undefined;
    if (decisionId && !holder) setActionError('The decision you opened is no longer in this meeting.');
    if (holder) {
      setTarget((current) => ({ id: decisionId!, request: (current?.request ?? 0) + 1 }));
      if (status === 'planned') setChosenId(holder.id);
      else setTab('decisions');
    }
  }
  useEffect(() => {
    if (!target || shownRequest.current === target.request) return;
    const holder = agenda.find((it) => it.decisions.some((decision) => decision.id === target.id));
    // A planned meeting lists no decisions: its agenda item stands in for the decision.
    const selector = status === 'planned' ? `[data-item-id="${holder?.id ?? ''}"]` : `[data-decision-id="${target.id}"]`;
    const element = document.querySelector<HTMLElement>(`.meeting-screen ${selector}`);
    if (!element) return;
    shownRequest.current = target.request;
    element.classList.add('opened-target');
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.scrollIntoView?.({ block: 'center' });
    element.focus({ preventScroll: true });
  }, [target, agenda, status, tab]);

  // When the button that had focus goes (Start, End: here or in a dialog), continue from a sensible
  // place once no dialog is open, unless the user is already somewhere else.
  const previousStatus = useRef(status);
  const refocus = useRef(false);
  useEffect(() => {
    if (previousStatus.current !== status) refocus.current = true;
    previousStatus.current = status;
    if (!refocus.current || isModalOpen()) return;
    refocus.current = false;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost) return;
    if (status === 'running') document.querySelector<HTMLElement>('.item-view .item-title')?.focus();
    else headingRef.current?.focus();
  });

  const showFailure = (what: string, reason: unknown) => {
    const failure = asApiError(reason);
    setActionError(`${what}: ${failure.message}`);
  };

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    try {
      await registry.flushAll();
      await call('meetings.start', { id: meeting.id });
      setTab('item');
    } catch (reason) {
      showFailure('The meeting did not start', reason);
    } finally {
      setBusy(false);
    }
  };

  /** Next or End, for real. Errors are thrown to the caller (the gate dialog shows them). */
  const perform = async (move: GateMove, skip: boolean) => {
    if (move === 'next') await call('meetings.next', skip ? { id: meeting.id, skip: true } : { id: meeting.id });
    else await call('meetings.end', skip ? { id: meeting.id, skip: true } : { id: meeting.id });
  };

  /**
   * Moves (Next, Previous, End) run one after another, each from where the last one left the
   * meeting: pressing N twice quickly moves twice, and never loses a key press.
   */
  const moves = useRef<Promise<void>>(Promise.resolve());
  const queueMove = (task: () => Promise<void>) => {
    const run = moves.current.then(task);
    moves.current = run.catch(() => undefined);
    return run;
  };

  /** Next item / End meeting: save what is typed, then ask the gate (here, and in the service). */
  const requestMove = (move: GateMove) =>
    queueMove(async () => {
      if (isModalOpen()) return;
      setActionError(null);
      try {
        await registry.flushAll();
        const fresh = latest() ?? meeting;
        const current = currentItem(fresh);
        if (fresh.status !== 'running' || !current) return;
        if (move === 'next' && fresh.agenda.at(-1)?.id === current.id) {
          setActionError('This is the last item. Use End meeting when you are done.');
          return;
        }
        if (gateState(current) === 'open') {
          setGate(move);
          return;
        }
        if (move === 'end') {
          setConfirmingEnd(true);
          return;
        }
        await perform(move, false);
      } catch (reason) {
        // Another window may have taken the answer away: the service's gate has the last word.
        if (asApiError(reason).code === 'gate_closed') setGate(move);
        else showFailure(move === 'next' ? 'Could not move to the next item' : 'Could not end the meeting', reason);
      }
    });

  const previous = () =>
    queueMove(async () => {
      if (isModalOpen()) return;
      setActionError(null);
      const fresh = latest() ?? meeting;
      if (fresh.status !== 'running') return;
      if (fresh.agenda.findIndex((it) => it.id === fresh.currentItemId) <= 0) {
        setActionError('This is the first item.');
        return;
      }
      try {
        await registry.flushAll();
        await call('meetings.previous', { id: meeting.id });
      } catch (reason) {
        showFailure('Could not go back', reason);
      }
    });

  const endForReal = async () => {
    setBusy(true);
    setDialogError(null);
    try {
      await perform('end', false);
      setConfirmingEnd(false);
    } catch (reason) {
      if (asApiError(reason).code === 'gate_closed') {
        setConfirmingEnd(false);
        setGate('end');
      } else {
        setDialogError(asApiError(reason).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const confirmDelete = async () => {
    setDeleting(true);
    setDialogError(null);
    try {
      await call('meetings.delete', { id: meeting.id });
      setConfirmingDelete(false);
      showToast('Meeting deleted');
      navigate({ name: 'list' });
    } catch (reason) {
      const failure = asApiError(reason);
      setDialogError(`${failure.message} (${failure.code})`);
      setDeleting(false);
    }
  };

  // N, P, D, 1-5, C and ? (never while typing in a field, with a modifier, or with a dialog open).
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    // isTypingTarget first: isModalOpen searches the whole document, on every key typed in a field.
    if (event.defaultPrevented || event.repeat || hasCommandModifier(event) || isTypingTarget(event.target) || isModalOpen()) return;
    const key = event.key;
    if (key === '?') {
      event.preventDefault();
      setShortcutsOpen(true);
      return;
    }
    const digit = /^[1-5]$/.test(key) ? Number(key) : 0;
    if (digit) {
      const scope = event.target instanceof Element ? event.target.closest('[data-direction-scope]') : null;
      if (!scope) return;
      event.preventDefault();
      const direction = DIRECTIONS[digit - 1]!;
      if (scope.getAttribute('data-direction-scope') === 'answer') {
        scope.dispatchEvent(new CustomEvent(DIRECTION_EVENT, { detail: direction }));
      } else {
        const decisionId = scope.getAttribute('data-decision-id');
        if (decisionId) {
          call('decisions.update', { meetingId: meeting.id, decisionId, changes: { direction } }).catch((reason: unknown) =>
            showToast(`The direction is not saved: ${asApiError(reason).message}`),
          );
        }
      }
      return;
    }
    switch (key.toLowerCase()) {
      case 'n':
        if (!running) return;
        event.preventDefault();
        void requestMove('next');
        break;
      case 'p':
        if (!running) return;
        event.preventDefault();
        void previous();
        break;
      case 'd':
        if (!item) return;
        event.preventDefault();
        setTab('item');
        setLogRequest((n) => n + 1);
        break;
      case 'c':
        event.preventDefault();
        setChairFocus((n) => n + 1);
        break;
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const back = (
    <button type="button" className="button" onClick={() => navigate({ name: 'list' })}>
      Back to meetings
    </button>
  );
  const editButton = (
    <button type="button" className="button" onClick={() => navigate({ name: 'edit', id: meeting.id })}>
      Edit meeting
    </button>
  );
  const deleteButton = (
    <button type="button" className="button button-danger" onClick={() => setConfirmingDelete(true)}>
      Delete meeting
    </button>
  );
  const shortcutsButton = (
    <button type="button" className="button" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="Shift+?">
      Shortcuts <kbd aria-hidden="true">?</kbd>
    </button>
  );

  const atFirst = runningIndex <= 0;
  const atLast = runningIndex === agenda.length - 1;

  const seriesButtons = (
    <>
      <SaveTemplateButton meeting={meeting} showToast={showToast} />
      <NextMeetingButton meeting={meeting} library={library} navigate={navigate} showToast={showToast} />
    </>
  );
  const series = seriesName(library, meeting);
  let actions;
  if (running) {
    actions = (
      <>
        <button type="button" className="button" onClick={() => void previous()} aria-disabled={atFirst || undefined} aria-keyshortcuts="p">
          Previous item
        </button>
        <button type="button" className="button button-primary" onClick={() => void requestMove('next')} aria-disabled={atLast || undefined} aria-keyshortcuts="n">
          Next item
        </button>
        <button type="button" className="button button-end" onClick={() => void requestMove('end')}>
          End meeting
        </button>
        <SharingButton meetingId={meeting.id} status={sharing} />
        {shortcutsButton}
      </>
    );
  } else if (status === 'planned') {
    actions = (
      <>
        {back}
        {editButton}
        {deleteButton}
        {seriesButtons}
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy}>
          Start meeting
        </button>
      </>
    );
  } else {
    actions = (
      <>
        {back}
        {editButton}
        {deleteButton}
        {seriesButtons}
        <button type="button" className="button button-primary" onClick={() => navigate({ name: 'summary', id: meeting.id })}>
          Impact summary
        </button>
      </>
    );
  }

  const itemView = item ? (
    <ItemView
      {...decisionContext}
      item={item}
      index={followedIndex}
      count={agenda.length}
      current={running}
      logRequest={logRequest}
    />
  ) : null;

  let body;
  const followUps = <FollowUps meeting={meeting} meetings={library.meetings} showToast={showToast} />;
  if (status === 'planned') {
    body = (
      <>
        <PlannedOverview meeting={meeting} followedId={item?.id ?? null} onFollow={setChosenId} showToast={showToast} />
        {followUps}
      </>
    );
  } else {
    const openFollowUps = meeting.followUps.filter(isOpen).length;
    const tabs = [
      { key: 'item' as const, label: running ? 'Current item' : 'Summary' },
      { key: 'decisions' as const, label: `Decisions (${totalDecisions})` },
      { key: 'followups' as const, label: `Follow-ups (${openFollowUps})` },
    ];
    body = (
      <Tabs label="Meeting views" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'decisions' ? (
          <AllDecisions {...decisionContext} agenda={agenda} />
        ) : tab === 'followups' ? (
          followUps
        ) : running ? (
          <>
            {itemView}
            <AgendaStates title="Agenda" agenda={agenda} currentId={meeting.currentItemId} />
          </>
        ) : (
          <>
            <EndedSummary meeting={meeting} />
            {followUps}
            <AgendaStates title="Agenda" agenda={agenda} currentId={null} followedId={item?.id ?? null} onFollow={setChosenId} />
            {itemView}
          </>
        )}
      </Tabs>
    );
  }

  return (
    <article className={`meeting-screen meeting-${status}`} aria-labelledby="meeting-title">
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
            {meeting.title}
          </h1>
        </div>
        {/* Keyed by status: a button must never turn into another one under the user's focus (End into Delete). */}
        <div key={status} className="screen-actions">
          {actions}
        </div>
      </div>
      {status !== 'planned' ? <CoverageLine agenda={agenda} /> : null}
      {sharing && sharing.state !== 'off' ? <Arrivals meeting={meeting} sharing={sharing} tags={library.tags} /> : null}
      {actionError ? (
        <div role="alert" className="form-alert action-alert">
          <p>{actionError}</p>
        </div>
      ) : null}

      <div className="meeting-layout">
        <div className="meeting-main">{body}</div>
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
          extra={status !== 'ended' ? <CheckBacks meetingId={meeting.id} /> : null}
        />
      </div>

      {gate && item && running ? (
        <GateDialog
          item={item}
          move={gate}
          onCancel={() => setGate(null)}
          onAnswer={() => {
            setGate(null);
            setChairFocus((n) => n + 1);
          }}
          onNoImpact={async (reason) => {
            await call('chair.noImpact', { meetingId: meeting.id, itemId: item.id, reason });
            await perform(gate, false);
            setGate(null);
          }}
          onSkip={async () => {
            await perform(gate, true);
            setGate(null);
          }}
        />
      ) : null}
      {confirmingEnd ? (
        <ConfirmDialog
          title="End the meeting?"
          confirmLabel="End the meeting"
          cancelLabel="Keep going"
          busy={busy}
          error={dialogError}
          onConfirm={() => void endForReal()}
          onCancel={() => {
            setConfirmingEnd(false);
            setDialogError(null);
          }}
        >
          <EndSummary meeting={meeting} />
        </ConfirmDialog>
      ) : null}
      {confirmingDelete ? (
        <ConfirmDialog
          title={`Delete “${meeting.title}”?`}
          confirmLabel="Delete"
          danger
          busy={deleting}
          error={dialogError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setConfirmingDelete(false);
            setDialogError(null);
          }}
        >
          <p>
            The meeting and its agenda ({plural(agenda.length, 'item')}) leave your meeting list. The file is moved to the trash folder
            inside Empty Chair&apos;s data folder, not erased.
          </p>
        </ConfirmDialog>
      ) : null}
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
    </article>
  );
}

function EndSummary({ meeting }: { meeting: Meeting }) {
  const notDiscussed = meeting.agenda.filter((item) => item.startedAt === null).length;
  return (
    <p>
      An ended meeting cannot start again; answers and decisions can still be edited.
      {notDiscussed > 0 ? ` ${plural(notDiscussed, 'item was', 'items were')} not discussed.` : ''}
    </p>
  );
}

/** What a planned meeting is about: when, who, and its agenda; any item can be followed in the chair. */
function PlannedOverview({ meeting, followedId, onFollow, showToast }: { meeting: Meeting; followedId: string | null; onFollow: (itemId: string) => void; showToast: ScreenProps['showToast'] }) {
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
              <li key={item.id} data-item-id={item.id} className={item.id === followedId ? 'agenda-item agenda-item-followed' : 'agenda-item'}>
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
function EndedSummary({ meeting }: { meeting: Meeting }) {
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
