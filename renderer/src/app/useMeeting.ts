import { useEffect, useRef, useState } from 'react';
import type { Meeting } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { useClient } from './clientContext';
import { asApiError } from './useLibrary';

export interface MeetingState {
  meeting: Meeting | null;
  error: ApiError | null;
  /** True once a 'meeting.deleted' event named this meeting. */
  deleted: boolean;
}

/**
 * One meeting, kept current by 'meeting.changed' and 'meeting.deleted' events. It is fetched
 * again on 'library.changed' too: the HTTP transport sends that after a reconnect, when
 * meeting events may have been missed.
 */
export function useMeeting(id: string): MeetingState {
  const client = useClient();
  const [state, setState] = useState<MeetingState & { id: string }>({ id, meeting: null, error: null, deleted: false });
  // Bumped by every event for this meeting: a fetch that started before one must not overwrite it.
  const eventCount = useRef(0);

  useEffect(() => {
    let active = true;
    let deleted = false;
    const load = () => {
      const before = eventCount.current;
      client.call('meetings.get', { id }).then(
        (meeting) => {
          if (active && !deleted && eventCount.current === before) setState({ id, meeting, error: null, deleted: false });
        },
        (reason: unknown) => {
          if (active && !deleted && eventCount.current === before) setState({ id, meeting: null, error: asApiError(reason), deleted: false });
        },
      );
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'meeting.changed' && event.payload.id === id) {
        eventCount.current += 1;
        setState({ id, meeting: event.payload, error: null, deleted: false });
      } else if (event.event === 'meeting.deleted' && event.payload.id === id) {
        eventCount.current += 1;
        deleted = true;
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

  // Until the effect for a new id has run, don't hand out the previous meeting.
  return state.id === id ? state : { meeting: null, error: null, deleted: false };
}
