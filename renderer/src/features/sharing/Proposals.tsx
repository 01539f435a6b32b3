import { useState } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import { DIRECTION_LABELS } from '../../app/constants';
import { formatWhen } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { useMeetingCall } from '../../app/meetingContext';

/** Participants' open proposals for the chair's answer to this item: "Use this" takes one as the answer, with its proposer's name. */
export function Proposals({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const call = useMeetingCall();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = item.proposals.filter((proposal) => proposal.status === 'open');
  if (open.length === 0) return null;

  const act = async (method: 'proposals.accept' | 'proposals.dismiss', proposalId: string) => {
    setBusy(proposalId);
    setError(null);
    try {
      await call(method, { meetingId, itemId: item.id, proposalId });
    } catch (reason) {
      setError(`${method === 'proposals.accept' ? 'Could not use the proposal' : 'Could not dismiss it'}: ${asApiError(reason).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="chair-proposals" aria-label="Proposed answers">
      <h3 className="chair-subheading">Proposed by participants</h3>
      <ul className="proposal-list">
        {open.map((proposal) => (
          <li key={proposal.id}>
            <p dir="auto">{proposal.text}</p>
            <p className="hint">
              <span dir="auto">{proposal.by}</span>, <time dateTime={proposal.at}>{formatWhen(proposal.at)}</time>
              {proposal.direction ? ` · ${DIRECTION_LABELS[proposal.direction]}` : ''}
            </p>
            <div className="proposal-actions">
              <button
                type="button"
                className="button button-small"
                disabled={busy !== null}
                onClick={() => void act('proposals.accept', proposal.id)}
              >
                Use this <span className="visually-hidden">answer from {proposal.by}</span>
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={busy !== null}
                onClick={() => void act('proposals.dismiss', proposal.id)}
              >
                Dismiss <span className="visually-hidden">the answer from {proposal.by}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
