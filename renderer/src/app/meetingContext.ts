import { createContext, useCallback, useContext } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { Meeting } from '../../../shared/domain';
import { useClient } from './clientContext';

/** What the parts of a meeting screen share: where the answers of their calls go. */
export interface MeetingContextValue {
  /** Offers a meeting a call returned, so the screen knows it before its event arrives. */
  accept(meeting: Meeting): void;
}

export const MeetingContext = createContext<MeetingContextValue | null>(null);

function isMeeting(value: unknown): value is Meeting {
  return typeof value === 'object' && value !== null && 'agenda' in value && 'revision' in value;
}

/** The client's `call`, for a meeting screen: a meeting it returns is passed on to the screen. */
export function useMeetingCall() {
  const client = useClient();
  const context = useContext(MeetingContext);
  return useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const result = await client.call(method, input);
      if (isMeeting(result)) context?.accept(result);
      return result;
    },
    [client, context],
  );
}
