import { useEffect, useId, useRef, useState } from 'react';
import type { NetworkAddress, SharingStatus } from '../../../../shared/sharing';
import { useClient } from '../../app/clientContext';
import { DialogError, Modal } from '../../app/Dialog';
import { formatWhen, plural } from '../../app/format';
import { useAction } from '../../app/useAction';
import { asApiError } from '../../app/useLibrary';
import { ParticipantList } from './ParticipantList';

export interface InviteDialogProps {
  meetingId: string;
  status: SharingStatus | null;
  onClose: () => void;
}

/** The QR code as an image: an SVG shown through <img> runs no script, and the CSP allows data: images. */
export function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function describeAddress(address: NetworkAddress): string {
  return address.loopback
    ? `${address.address}: this computer only (${address.interface})`
    : `${address.address}: your network (${address.interface}, ${address.family})`;
}

/**
 * Invite participants: pick the address to share on (loopback first and chosen by default, so
 * nothing is reachable from the network unless the lead picks it), start, then the join link, its
 * QR code, who is connected (ParticipantList: Remove, and Let back in), and Stop sharing.
 */
export default function InviteDialog({ meetingId, status, onClose }: InviteDialogProps) {
  const client = useClient();
  const id = useId();
  const [addresses, setAddresses] = useState<NetworkAddress[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const { busy, error, setError, run } = useAction();
  const [copied, setCopied] = useState<string | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const state = status?.state ?? 'off';

  // Sharing just came on: the Start button is gone, so put focus on the link to copy or read out.
  const wasOn = useRef(state === 'on');
  useEffect(() => {
    if (state === 'on' && !wasOn.current) linkRef.current?.focus();
    wasOn.current = state === 'on';
  }, [state]);

  useEffect(() => {
    if (state !== 'off') return;
    let active = true;
    client.call('sharing.interfaces', {}).then(
      (list) => {
        if (!active) return;
        setAddresses(list);
        setChosen((current) => current || (list.find((address) => address.loopback) ?? list[0])?.address || '');
      },
      (reason: unknown) => active && setError(`Could not list this computer's addresses: ${asApiError(reason).message}`),
    );
    return () => {
      active = false;
    };
  }, [client, state, setError]);

  const start = async () => {
    if (!chosen) {
      setError('Choose an address to share on.');
      return;
    }
    await run(() => client.call('sharing.start', { meetingId, host: chosen }), 'Sharing did not start: ');
  };

  const stop = () => run(() => client.call('sharing.stop', { meetingId }), 'Could not stop sharing: ');

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied.');
    } catch {
      // No clipboard permission (a plain browser tab may refuse): select it for Ctrl+C instead.
      linkRef.current?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.');
    }
  };

  const participants = status?.participants ?? [];
  const shownError = error ?? (state === 'off' ? (status?.error ?? null) : null);

  return (
    <Modal
      title={state === 'on' ? 'Participants are invited' : 'Invite participants'}
      onClose={onClose}
      busy={busy}
      className="invite-dialog"
    >
      <div className="dialog-body">
        {state === 'off' ? (
          <>
            <p>
              Participants open a link on their own laptop or phone to see the current item and the chair, propose answers, tag decisions
              and vote. Nothing listens on the network until you start; Stop sharing, or ending the meeting, closes it again.
            </p>
            {addresses === null && !error ? (
              <p className="loading" role="status">
                Finding this computer’s addresses…
              </p>
            ) : null}
            {addresses && addresses.length === 0 ? <p className="form-alert">This computer has no network address to share on.</p> : null}
            {addresses && addresses.length > 0 ? (
              <fieldset className="address-choice">
                <legend>Share on</legend>
                {addresses.map((address) => (
                  <div key={`${address.interface}-${address.address}`} className="radio-row">
                    <input
                      type="radio"
                      id={`${id}-${address.address}`}
                      name={`${id}-address`}
                      value={address.address}
                      checked={chosen === address.address}
                      onChange={() => setChosen(address.address)}
                    />
                    <label htmlFor={`${id}-${address.address}`}>{describeAddress(address)}</label>
                  </div>
                ))}
                <p className="hint">Loopback (127.0.0.1) reaches this computer only; pick your network’s address for others in the room.</p>
              </fieldset>
            ) : null}
          </>
        ) : state === 'starting' ? (
          <p className="loading" role="status">
            Starting to share on {status?.host}…
          </p>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-link`}>Join link</label>
              <div className="join-link">
                <input
                  ref={linkRef}
                  id={`${id}-link`}
                  type="text"
                  readOnly
                  value={status?.joinUrl ?? ''}
                  onFocus={(event) => event.currentTarget.select()}
                />
                <button type="button" className="button" onClick={() => status?.joinUrl && void copy(status.joinUrl)}>
                  Copy
                </button>
              </div>
              <p className="hint" role="status">
                {copied ?? 'Anyone with this link can join until you stop sharing.'}
              </p>
            </div>
            {status?.qrSvg ? (
              <img className="join-qr" src={qrDataUrl(status.qrSvg)} alt="QR code of the join link, for a phone’s camera" />
            ) : null}
            <ParticipantList meetingId={meetingId} status={status} onError={setError} />
            {status?.startedAt ? (
              <p className="hint">
                Sharing on {status.host}:{status.port} since {formatWhen(status.startedAt)}, {plural(participants.length, 'participant')}{' '}
                joined.
              </p>
            ) : null}
          </>
        )}
      </div>
      <DialogError>{shownError}</DialogError>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Close
        </button>
        {state === 'off' ? (
          // Keyed apart: React must not reuse the Start button as Stop, or a double Enter would stop sharing at once.
          <button
            key="start"
            type="button"
            className="button button-primary"
            onClick={() => void start()}
            disabled={busy || !addresses?.length}
          >
            Start sharing
          </button>
        ) : (
          <button key="stop" type="button" className="button button-danger" onClick={() => void stop()} disabled={busy}>
            Stop sharing
          </button>
        )}
      </div>
    </Modal>
  );
}
