import type { AgendaItem } from '../../../../shared/domain';
import { canUndoTake, replacedText, takenProposals } from '../../../../shared/proposals';
import { formatWhen } from '../../app/format';
import { useAction } from '../../app/useAction';
import { useMeetingCall } from '../../app/meetingContext';
import { ActionError } from '../../app/ActionError';

/**
 * The proposals taken into the answer: their proposers credited, the answer a "replace" took out
 * (kept with the meeting, so the lead can read and copy it back any time), and the Undo of the
 * latest accept while the answer is still what it made, after a restart or from another window too.
 */
export function TakenProposals({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const call = useMeetingCall();
  const { busy, error, run } = useAction();
  const accepted = item.proposals.filter((proposal) => proposal.status === 'accepted');
  const records = takenProposals(item).filter((proposal) => canUndoTake(item, proposal) || replacedText(proposal) !== null);
  if (accepted.length === 0) return null;

  const undo = (proposalId: string) =>
    run(() => call('proposals.undoAccept', { meetingId, itemId: item.id, proposalId }), 'Could not undo: ');

  return (
    <>
      <p className="hint proposal-credits">
        In the answer: proposals of{' '}
        {accepted.map((proposal, index) => (
          <span key={proposal.id}>
            {index > 0 ? ', ' : ''}
            <span dir="auto">{proposal.by}</span> (<time dateTime={proposal.at}>{formatWhen(proposal.at)}</time>)
          </span>
        ))}
      </p>
      {records.length > 0 ? (
        <ul className="proposal-taken" aria-label="Proposals taken into the answer">
          {records.map((proposal) => {
            const replaced = replacedText(proposal);
            const author = proposal.taken.before.answer?.by || 'the lead';
            return (
              <li key={proposal.id}>
                {replaced !== null ? (
                  <details>
                    <summary>
                      <span dir="auto">{proposal.by}</span>’s proposal replaced <span dir="auto">{author}</span>’s answer
                    </summary>
                    <p dir="auto" className="proposal-replaced">
                      {replaced}
                    </p>
                    <p className="hint">
                      Replaced by <span dir="auto">{proposal.taken.by}</span>,{' '}
                      <time dateTime={proposal.taken.at}>{formatWhen(proposal.taken.at)}</time>
                    </p>
                  </details>
                ) : (
                  <span className="hint">
                    <span dir="auto">{proposal.by}</span>’s proposal was added to the answer
                  </span>
                )}
                {canUndoTake(item, proposal) ? (
                  <button type="button" className="button button-small" disabled={busy} onClick={() => void undo(proposal.id)}>
                    Undo <span className="visually-hidden">taking {proposal.by}’s proposal</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <ActionError message={error} />
    </>
  );
}
