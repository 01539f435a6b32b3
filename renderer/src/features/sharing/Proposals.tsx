import { useRef, useState } from 'react';
import type { AgendaItem, Proposal } from '../../../../shared/domain';
import { DIRECTION_LABELS } from '../../app/constants';
import { updateThenFocus } from '../../app/focus';
import { formatWhen } from '../../app/format';
import type { ToastAction } from '../../app/screen';
import { asApiError } from '../../app/useLibrary';
import { useMeetingCall } from '../../app/meetingContext';
import { TakenProposals } from './TakenProposals';
import { ActionError } from '../../app/ActionError';

type Mode = 'append' | 'replace';

export interface ProposalsProps {
  meetingId: string;
  item: AgendaItem;
  /** Offers the Undo of a proposal taken into the answer. */
  showToast?: ((message: string, action?: ToastAction) => void) | undefined;
}

/**
 * Participants' open proposals for the chair's answer to this item. "Use this" takes one into the
 * answer; when the lead has answered already, it asks: add it below the answer, or replace it.
 * Either is offered an Undo (a toast, and TakenProposals, which the meeting keeps), and the
 * proposers stay credited below the list.
 */
export function Proposals({ meetingId, item, showToast }: ProposalsProps) {
  const call = useMeetingCall();
  const [busy, setBusy] = useState<string | null>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const open = item.proposals.filter((proposal) => proposal.status === 'open');
  const answered = (item.answer?.text.trim().length ?? 0) > 0;

  const accept = async (proposal: Proposal, mode: Mode) => {
    setBusy(proposal.id);
    setError(null);
    const onProposal = { meetingId, itemId: item.id, proposalId: proposal.id };
    try {
      await call('proposals.accept', { ...onProposal, mode });
      setChoosing(null);
      const who = proposal.by || 'A participant';
      const done = !answered ? 'is now the answer' : mode === 'append' ? 'was added below the answer' : 'replaced the answer';
      showToast?.(`${who}’s proposal ${done}.`, {
        label: 'Undo',
        run: async () => {
          await call('proposals.undoAccept', onProposal);
        },
      });
    } catch (reason) {
      setError(`Could not use the proposal: ${asApiError(reason).message}`);
    } finally {
      setBusy(null);
    }
  };

  const dismiss = async (proposalId: string) => {
    setBusy(proposalId);
    setError(null);
    try {
      await call('proposals.dismiss', { meetingId, itemId: item.id, proposalId });
    } catch (reason) {
      setError(`Could not dismiss it: ${asApiError(reason).message}`);
    } finally {
      setBusy(null);
    }
  };

  const takeProposal = (proposal: Proposal) => {
    // Nothing written yet: append takes the proposal's text and keeps a direction the lead already chose.
    if (!answered) return void accept(proposal, 'append');
    updateThenFocus(
      () => setChoosing(proposal.id),
      () => listRef.current?.querySelector<HTMLButtonElement>(`[data-choice="${proposal.id}"] button`),
    );
  };

  return (
    <>
      {open.length > 0 ? (
        <section className="chair-proposals" aria-label="Proposed answers">
          <h3 className="chair-subheading">Proposed by participants</h3>
          <ul ref={listRef} className="proposal-list">
            {open.map((proposal) => (
              <li key={proposal.id}>
                <p dir="auto">{proposal.text}</p>
                <p className="hint">
                  <span dir="auto">{proposal.by}</span>, <time dateTime={proposal.at}>{formatWhen(proposal.at)}</time>
                  {proposal.direction ? ` · ${DIRECTION_LABELS[proposal.direction]}` : ''}
                </p>
                {choosing === proposal.id ? (
                  <div
                    className="proposal-choice"
                    role="group"
                    aria-label={`The item has an answer: use ${proposal.by}’s proposal how?`}
                    data-choice={proposal.id}
                  >
                    <p className="hint">The item has an answer already.</p>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      onClick={() => void accept(proposal, 'append')}
                    >
                      Add below the answer
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      onClick={() => void accept(proposal, 'replace')}
                    >
                      Replace the answer
                    </button>
                    <button type="button" className="button button-small button-quiet" onClick={() => setChoosing(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="proposal-actions">
                    <button type="button" className="button button-small" disabled={busy !== null} onClick={() => takeProposal(proposal)}>
                      Use this <span className="visually-hidden">answer from {proposal.by}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      onClick={() => void dismiss(proposal.id)}
                    >
                      Dismiss <span className="visually-hidden">the answer from {proposal.by}</span>
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TakenProposals meetingId={meetingId} item={item} />
      <ActionError message={error} />
    </>
  );
}
