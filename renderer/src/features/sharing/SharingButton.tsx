import './sharing.css';
import { lazy, Suspense, useState } from 'react';
import type { SharingStatus } from '../../../../shared/sharing';
import { plural } from '../../app/format';

// The dialog (address list, join link, QR code) loads on first use: it stays out of the lead's initial JavaScript.
const InviteDialog = lazy(() => import('./InviteDialog'));

/**
 * "Invite participants" in a running meeting, or, while sharing, "Sharing: N participants"
 * (which opens the same dialog: the link, who is connected, Stop sharing).
 */
export function SharingButton({ meetingId, status }: { meetingId: string; status: SharingStatus | null }) {
  const [open, setOpen] = useState(false);
  const on = status !== null && status.state !== 'off';
  const connected = status?.participants.filter((participant) => participant.connected).length ?? 0;
  return (
    <>
      {on ? (
        <button type="button" className="button sharing-indicator" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {status.state === 'starting' ? 'Sharing: starting…' : `Sharing: ${plural(connected, 'participant')}`}
        </button>
      ) : (
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          Invite participants
        </button>
      )}
      {open ? (
        <Suspense
          fallback={
            <span className="loading" role="status">
              Opening…
            </span>
          }
        >
          <InviteDialog meetingId={meetingId} status={status} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
