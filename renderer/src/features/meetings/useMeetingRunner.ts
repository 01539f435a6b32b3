import { useRef, useState } from 'react';
import { currentItem, gateState } from '../../../../shared/coverage';
import type { Meeting } from '../../../../shared/domain';
import type { SaveRegistry } from '../../app/autosave';
import { isModalOpen } from '../../app/Dialog';
import { useMeetingCall } from '../../app/meetingContext';
import { useAction } from '../../app/useAction';
import { asApiError } from '../../app/useLibrary';
import type { GateMove } from '../runner/GateDialog';

export interface MeetingRunner {
  /** Start is on its way. */
  busy: boolean;
  /** Why the last move did not happen (shown above the meeting). */
  actionError: string | null;
  setActionError: (message: string | null) => void;
  /** The item is not answered: the gate dialog asks before this move. */
  gate: GateMove | null;
  setGate: (move: GateMove | null) => void;
  /** The End confirmation (asked when the item is answered). */
  end: EndConfirmation;
  start: () => Promise<void>;
  requestMove: (move: GateMove) => Promise<void>;
  previous: () => Promise<void>;
  /** Next or End, for real. Errors are thrown to the caller (the gate dialog shows them). */
  perform: (move: GateMove, skip: boolean) => Promise<void>;
}

interface RunnerOptions {
  meeting: Meeting;
  /** The newest meeting the screen knows, read when a move starts (it may be newer than `meeting`). */
  latest: () => Meeting | null;
  registry: SaveRegistry;
  onStarted: () => void;
}

/** Running the meeting: Start, Next, Previous and End, each after saving what is typed, and through the gate. */
export function useMeetingRunner({ meeting, latest, registry, onStarted }: RunnerOptions): MeetingRunner {
  const call = useMeetingCall();
  const [gate, setGate] = useState<GateMove | null>(null);
  const { busy, error: actionError, setError: setActionError, run } = useAction();

  const showFailure = (what: string, reason: unknown) => {
    const failure = asApiError(reason);
    setActionError(`${what}: ${failure.message}`);
  };

  const start = async () => {
    await run(async () => {
      await registry.flushAll();
      await call('meetings.start', { id: meeting.id });
      onStarted();
    }, 'The meeting did not start: ');
  };

  const perform = async (move: GateMove, skip: boolean) => {
    if (move === 'next') await call('meetings.next', skip ? { id: meeting.id, skip: true } : { id: meeting.id });
    else await call('meetings.end', skip ? { id: meeting.id, skip: true } : { id: meeting.id });
  };
  const end = useEndConfirmation(perform, setGate);
  const queueMove = useMoveQueue();

  /** Next item / End meeting: save what is typed, then ask the gate (here, and in the service). */
  const requestMove = (move: GateMove) =>
    queueMove(async () => {
      if (isModalOpen()) return;
      setActionError(null);
      try {
        await registry.flushAll();
        const step = nextStep(latest() ?? meeting, move);
        if (step === 'last') setActionError('This is the last item. Use End meeting when you are done.');
        else if (step === 'gate') setGate(move);
        else if (step === 'confirm') end.ask();
        else if (step === 'go') await perform(move, false);
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

  return { busy, actionError, setActionError, gate, setGate, end, start, requestMove, previous, perform };
}

/** What a move asks for, from the newest meeting: nothing, the last-item notice, the gate, End's confirmation, or the move. */
function nextStep(fresh: Meeting, move: GateMove): 'none' | 'last' | 'gate' | 'confirm' | 'go' {
  const current = currentItem(fresh);
  if (fresh.status !== 'running' || !current) return 'none';
  if (move === 'next' && fresh.agenda.at(-1)?.id === current.id) return 'last';
  if (gateState(current) === 'open') return 'gate';
  return move === 'end' ? 'confirm' : 'go';
}

/**
 * Moves (Next, Previous, End) run one after another, each from where the last one left the
 * meeting: pressing N twice quickly moves twice, and never loses a key press.
 */
function useMoveQueue(): (task: () => Promise<void>) => Promise<void> {
  const moves = useRef<Promise<void>>(Promise.resolve());
  return (task) => {
    const run = moves.current.then(task);
    moves.current = run.catch(() => undefined);
    return run;
  };
}

export interface EndConfirmation {
  confirming: boolean;
  busy: boolean;
  error: string | null;
  ask: () => void;
  confirm: () => Promise<void>;
  cancel: () => void;
}

/** "End the meeting?": ends it, or hands over to the gate when another window took the answer away. */
function useEndConfirmation(perform: (move: GateMove, skip: boolean) => Promise<void>, setGate: (move: GateMove) => void): EndConfirmation {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await perform('end', false);
      setConfirming(false);
    } catch (reason) {
      if (asApiError(reason).code === 'gate_closed') {
        setConfirming(false);
        setGate('end');
      } else {
        setError(asApiError(reason).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setConfirming(false);
    setError(null);
  };

  return { confirming, busy, error, ask: () => setConfirming(true), confirm, cancel };
}
