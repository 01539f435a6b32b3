import { useId, useState } from 'react';
import type { SharingStatus } from '../../../../shared/sharing';
import { useClient } from '../../app/clientContext';
import { formatWhen } from '../../app/format';
import { asApiError } from '../../app/useLibrary';

export interface ParticipantListProps {
  meetingId: string;
  status: SharingStatus | null;
  onError: (message: string | null) => void;
}

/**
 * Who joined, with Remove; and who was removed, with "Let back in": a removed participant cannot
 * join again with this link from where they joined until the lead allows it (issue 16 §2).
 */
export function ParticipantList({ meetingId, status, onError }: ParticipantListProps) {
  const client = useClient();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const participants = status?.participants ?? [];
  const removed = status?.removed ?? [];
  const connected = participants.filter((participant) => participant.connected).length;

  const act = async (method: 'sharing.remove' | 'sharing.allow', participantId: string, failed: string) => {
    setBusy(true);
    onError(null);
    try {
      await client.call(method, { meetingId, participantId });
    } catch (reason) {
      onError(`${failed}: ${asApiError(reason).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-people`}>
      <h3 id={`${id}-people`}>
        Participants <span className="heading-note">{connected} connected</span>
      </h3>
      {participants.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <ul className="participant-presence">
          {participants.map((participant) => (
            <li key={participant.id} className={participant.connected ? 'presence-on' : 'presence-off'}>
              <span dir="auto">{participant.name}</span>
              <span className="hint">{participant.connected ? 'connected' : `offline since ${formatWhen(participant.lastSeenAt)}`}</span>
              <button
                type="button"
                className="button button-small button-quiet-danger"
                aria-label={`Remove ${participant.name}`}
                disabled={busy}
                onClick={() => void act('sharing.remove', participant.id, `Could not remove ${participant.name}`)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {removed.length > 0 ? (
        <>
          <h4 id={`${id}-removed`}>Removed</h4>
          <p className="hint">They cannot join again with this link until you let them back in.</p>
          <ul className="participant-presence" aria-labelledby={`${id}-removed`}>
            {removed.map((participant) => (
              <li key={participant.id} className="presence-off">
                <span dir="auto">{participant.name}</span>
                <span className="hint">removed {formatWhen(participant.removedAt)}</span>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Let ${participant.name} back in`}
                  disabled={busy}
                  onClick={() => void act('sharing.allow', participant.id, `Could not let ${participant.name} back in`)}
                >
                  Let back in
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
