import { useEffect, useState } from 'react';
import type { SharingStatus } from '../../../../shared/sharing';
import { useClient } from '../../app/clientContext';

/**
 * A meeting's sharing status, kept current by 'sharing.changed' events (started, stopped, a
 * participant joined, connected or dropped). Asked only while the meeting runs: nothing can be
 * shared otherwise, and a planned meeting's screen makes no extra call.
 */
export function useSharing(meetingId: string, running: boolean): SharingStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<SharingStatus | null>(null);
  useEffect(() => {
    if (!running) return;
    let active = true;
    let heard = false;
    const unsubscribe = client.subscribe((event) => {
      if (event.event !== 'sharing.changed' || event.payload.meetingId !== meetingId) return;
      heard = true;
      setStatus(event.payload);
    });
    client.call('sharing.status', { meetingId }).then(
      (value) => {
        if (active && !heard) setStatus(value);
      },
      () => {
        // A service without sharing: the button still offers it, and the dialog says what went wrong.
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client, meetingId, running]);
  // An ended meeting shares nothing, whatever the last event said.
  return running ? status : null;
}
