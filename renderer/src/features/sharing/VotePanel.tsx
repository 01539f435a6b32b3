import { useId } from 'react';
import type { Decision } from '../../../../shared/domain';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { plural } from '../../app/format';
import { useAction } from '../../app/useAction';
import { useMeetingCall } from '../../app/meetingContext';
import { VoteSpread } from './VoteSpread';
import { ActionError } from '../../app/ActionError';

/**
 * The lead's side of a hidden impact vote on one decision: Open vote → "N voted" (picks hidden,
 * from the lead too) → Reveal → the spread → Decide a direction. A split decided anyway is kept as
 * "disagree and commit" with the dissent.
 */
export function VotePanel({ meetingId, decision, live }: { meetingId: string; decision: Decision; live: boolean }) {
  const call = useMeetingCall();
  const id = useId();
  const { busy, error, run } = useAction();
  const vote = decision.vote;
  if (!vote && !live) return null;

  const onDecision = { meetingId, decisionId: decision.id };

  let body;
  if (!vote) {
    body = (
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        aria-describedby={`${id}-what`}
        onClick={() => void run(() => call('votes.open', onDecision), 'The vote did not open: ')}
      >
        Open vote
      </button>
    );
  } else if (!vote.revealedAt) {
    const cast = vote.hiddenBallots ?? vote.ballots.length;
    body = (
      <div className="vote-actions">
        <span>
          Vote open: {plural(cast, 'participant')} voted <span className="hint">(picks hidden until you reveal)</span>
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void run(() => call('votes.reveal', onDecision), 'The vote was not revealed: ')}
        >
          Reveal
        </button>
      </div>
    );
  } else {
    const picked = new Set(vote.ballots.map((ballot) => ballot.direction));
    body = (
      <>
        <VoteSpread ballots={vote.ballots} />
        {vote.ballots.length === 0 ? <p className="muted">Nobody voted.</p> : null}
        {vote.decided ? (
          <p>
            Decided: <strong>{DIRECTION_LABELS[vote.decided.direction]}</strong>
            {vote.decided.disagreeAndCommit ? (
              <>
                {' '}
                — recorded as <strong>disagree and commit</strong>. Dissent kept:{' '}
                {vote.decided.dissent.map((ballot) => `${ballot.by} (${DIRECTION_LABELS[ballot.direction]})`).join(', ')}
              </>
            ) : null}
          </p>
        ) : (
          <div className="vote-actions" role="group" aria-label="Decide the direction">
            <span>Decide:</span>
            {DIRECTIONS.map((direction) => (
              <button
                key={direction}
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void run(() => call('votes.decide', { ...onDecision, direction }), 'The vote was not decided: ')}
              >
                {DIRECTION_LABELS[direction]}
              </button>
            ))}
            {picked.size > 1 ? (
              <p className="hint">The vote is split: deciding records it as “disagree and commit”, with the dissent kept.</p>
            ) : null}
          </div>
        )}
      </>
    );
  }

  return (
    <div className="vote-panel">
      <span id={`${id}-what`} className="visually-hidden">
        Hidden impact vote on this decision
      </span>
      {vote ? <p className="vote-title">Impact vote</p> : null}
      {body}
      <ActionError message={error} />
    </div>
  );
}
