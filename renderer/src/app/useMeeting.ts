import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { Meeting } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { useClient } from './clientContext';
import { MARKS } from './perf';
import { isTypingTarget } from './keyboard';
import { shareUnchanged } from './shareUnchanged';
import { asApiError } from './useLibrary';

export interface MeetingState {
  meeting: Meeting | null;
  error: ApiError | null;
  /** True once a 'meeting.deleted' event named this meeting. */
  deleted: boolean;
}

export interface LiveMeeting extends MeetingState {
  /**
   * The newest copy known, including answers to this window's own calls that arrived before their
   * event: what the impact gate checks right after the pending saves are flushed.
   */
  latest(): Meeting | null;
  /** Offers a meeting returned by a call; kept only if it is newer than what is known. */
  accept(meeting: Meeting): void;
}

/**
 * One meeting, kept current by 'meeting.changed' and 'meeting.deleted' events. It is fetched
 * again on 'library.changed' too: the HTTP transport sends that after a reconnect, when
 * meeting events may have been missed. Each new copy shares the unchanged parts of the previous
 * one, so memoised parts of the screen (agenda items, decisions) do not re-render for nothing.
 */
export function useMeeting(id: string): LiveMeeting {
  const client = useClient();
  const [state, setState] = useState<MeetingState & { id: string }>({ id, meeting: null, error: null, deleted: false });
  // Bumped by every event for this meeting: a fetch that started before one must not overwrite it.
  const eventCount = useRef(0);
  const newest = useRef<Meeting | null>(null);

  useEffect(() => {
    let active = true;
    let deleted = false;
    newest.current = null;
    const show = (meeting: Meeting) => {
      setState((current) => {
        const shared = current.id === id && current.meeting ? shareUnchanged(current.meeting, meeting) : meeting;
        return { id, meeting: shared, error: null, deleted: false };
      });
    };
    const load = () => {
      const before = eventCount.current;
      client.call('meetings.get', { id }).then(
        (meeting) => {
          if (!active || deleted || eventCount.current !== before) return;
          performance.mark(MARKS.meetingData);
          newest.current = meeting;
          show(meeting);
        },
        (reason: unknown) => {
          if (active && !deleted && eventCount.current === before)
            setState({ id, meeting: null, error: asApiError(reason), deleted: false });
        },
      );
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'meeting.changed' && event.payload.id === id) {
        eventCount.current += 1;
        // Events arrive in order and are the truth; a call's answer may only run ahead of them.
        newest.current = event.payload;
        // While the user types, a change (mostly the echo of their own autosave) is applied as a
        // transition: diffing and rendering a large meeting then yields to the next keystroke
        // instead of sitting between a key and its paint (docs/performance.md). Otherwise at once.
        if (isTypingTarget(document.activeElement)) startTransition(() => show(event.payload));
        else show(event.payload);
      } else if (event.event === 'meeting.deleted' && event.payload.id === id) {
        eventCount.current += 1;
        deleted = true;
        newest.current = null;
        setState({ id, meeting: null, error: null, deleted: true });
      } else if (event.event === 'library.changed' && !deleted && event.payload.meetings.some((summary) => summary.id === id)) {
        load();
      }
    });
    load();
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client, id]);

  const latest = useCallback(() => newest.current, []);
  const accept = useCallback(
    (meeting: Meeting) => {
      if (meeting.id !== id) return;
      if (!newest.current || meeting.revision > newest.current.revision) newest.current = meeting;
    },
    [id],
  );

  // Until the effect for a new id has run, don't hand out the previous meeting.
  const visible = state.id === id ? state : { meeting: null, error: null, deleted: false };
  return { meeting: visible.meeting, error: visible.error, deleted: visible.deleted, latest, accept };
}
