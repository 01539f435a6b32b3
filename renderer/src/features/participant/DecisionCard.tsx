import { useId, useRef, useState, type FormEvent } from 'react';
import type { ParticipantDecision, ParticipantView } from '../../../../shared/participantApi';
import type { ImpactDirection } from '../../../../shared/vocabulary';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { formatWhen, plural, shorten } from '../../app/format';
import { credit, groupTags } from '../sharing/attribution';
import { VoteSpread } from '../sharing/VoteSpread';
import type { ParticipantSession, QueuedAction, RefusedAction } from './participantSession';
import { RefusedList } from './RefusedList';
import { DirectionSelect } from './DirectionSelect';
import { CitedEvidence } from './CitedEvidence';
import { ActionError } from '../../app/ActionError';

interface DecisionCardProps {
  session: ParticipantSession;
  view: ParticipantView;
  decision: ParticipantDecision;
  tagLabels: ReadonlyMap<string, string>;
  pending: readonly QueuedAction[];
  refused: readonly RefusedAction[];
}

export function DecisionCard({ session, view, decision, tagLabels, pending, refused }: DecisionCardProps) {
  const id = useId();
  const tagSelectRef = useRef<HTMLSelectElement>(null);
  const me = view.you.name;
  const [tagId, setTagId] = useState('');
  const [direction, setDirection] = useState<'' | ImpactDirection>('');
  const [error, setError] = useState<string | null>(null);
  const groups = groupTags(decision.tags, tagLabels);
  const mine = new Set(decision.tags.filter((entry) => entry.by === me).map((entry) => entry.tagId));
  const waitingTags = pending.filter((action) => action.method === 'participant.tag' && action.input.decisionId === decision.id);

  const addTag = (event: FormEvent) => {
    event.preventDefault();
    if (!tagId) {
      setError('Choose a tag first.');
      return;
    }
    setError(null);
    const label = tagLabels.get(tagId) ?? tagId;
    session.act(
      { method: 'participant.tag', input: direction ? { decisionId: decision.id, tagId, direction } : { decisionId: decision.id, tagId } },
      `Tag “${label}” on “${shorten(decision.text, 30)}”`,
    );
    setTagId('');
    setDirection('');
  };

  return (
    <li className="participant-decision" data-decision-id={decision.id}>
      <p id={`${id}-text`} className="decision-text" dir="auto">
        {decision.text}
      </p>
      <p className="decision-meta">
        <span className={`direction-badge direction-${decision.direction}`}>
          <span className="visually-hidden">Customer impact: </span>
          {DIRECTION_LABELS[decision.direction]}
        </span>
      </p>
      <CitedEvidence citations={decision.citations} label="Customer evidence cited" />
      {groups.length > 0 ? (
        <ul className="attributed-tags" aria-label="Tags">
          {groups.map((group) => (
            <li key={group.tagId} className="attributed-tag">
              <span className="tag" dir="auto">
                {group.label}
              </span>{' '}
              <span className="tag-by">
                {group.entries.map((entry, index) => (
                  <span key={`${entry.by}-${index}`} title={credit(entry)}>
                    {index > 0 ? ', ' : ''}
                    <span dir="auto">{entry.by || 'the lead'}</span>
                    {entry.direction ? ` (${DIRECTION_LABELS[entry.direction]})` : ''}
                    <span className="visually-hidden">
                      {' '}
                      at <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                    </span>
                  </span>
                ))}
              </span>
              {mine.has(group.tagId) ? (
                <button
                  type="button"
                  className="button button-small button-quiet-danger"
                  onClick={() => {
                    session.act(
                      { method: 'participant.untag', input: { decisionId: decision.id, tagId: group.tagId } },
                      `Remove tag “${group.label}”`,
                    );
                    // The button goes with the tag: keep the participant in this decision's tag form.
                    tagSelectRef.current?.focus();
                  }}
                >
                  Remove my tag <span className="visually-hidden">{group.label}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags yet.</p>
      )}
      <RefusedList session={session} refused={refused} />
      {waitingTags.length > 0 ? (
        <p className="hint">
          Waiting to send:{' '}
          {waitingTags
            .map((action) => (action.method === 'participant.tag' ? (tagLabels.get(action.input.tagId) ?? action.input.tagId) : ''))
            .join(', ')}
        </p>
      ) : null}
      <form className="tag-form" onSubmit={addTag} noValidate aria-label={`Tag “${shorten(decision.text, 40)}”`}>
        <div className="field field-inline">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <select
            ref={tagSelectRef}
            id={`${id}-tag`}
            value={tagId}
            onChange={(event) => setTagId(event.target.value)}
            aria-describedby={`${id}-text`}
            aria-invalid={error ? true : undefined}
          >
            <option value="">Choose a tag…</option>
            {view.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.label}
                {mine.has(tag.id) ? ' (yours)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <DirectionSelect id={`${id}-tag-direction`} label="Impact" noneLabel="No direction" value={direction} onChange={setDirection} />
        </div>
        <button type="submit" className="button" aria-describedby={`${id}-text`}>
          Add tag
        </button>
        <ActionError message={error} />
      </form>
      {decision.vote ? <VoteBox session={session} decision={decision} pending={pending} /> : null}
    </li>
  );
}

function VoteBox({
  session,
  decision,
  pending,
}: {
  session: ParticipantSession;
  decision: ParticipantDecision;
  pending: readonly QueuedAction[];
}) {
  const id = useId();
  const vote = decision.vote!;
  const waiting = pending.filter((action) => action.method === 'participant.vote' && action.input.decisionId === decision.id).at(-1);
  const yourPick = waiting?.method === 'participant.vote' ? waiting.input.direction : vote.yourBallot;
  if (vote.state === 'open') {
    return (
      <fieldset className="vote-box">
        <legend>Impact vote: your pick stays hidden until the lead reveals</legend>
        <div className="vote-options" role="group" aria-describedby={`${id}-status`}>
          {DIRECTIONS.map((value) => (
            <button
              key={value}
              type="button"
              className={yourPick === value ? 'button button-small button-primary' : 'button button-small'}
              aria-pressed={yourPick === value}
              onClick={() =>
                session.act(
                  { method: 'participant.vote', input: { decisionId: decision.id, direction: value } },
                  `Vote “${DIRECTION_LABELS[value]}”`,
                )
              }
            >
              {DIRECTION_LABELS[value]}
            </button>
          ))}
        </div>
        <p id={`${id}-status`} className="hint">
          {yourPick ? `Your pick: ${DIRECTION_LABELS[yourPick]}${waiting ? ' (waiting to send)' : ''}. ` : 'You have not voted. '}
          {plural(vote.ballotsCast, 'vote')} cast so far; others’ picks are hidden.
        </p>
      </fieldset>
    );
  }
  return (
    <div className="vote-box">
      <p className="vote-title">
        <strong>{vote.decided ? 'Vote decided' : 'Vote revealed'}</strong>
        {vote.yourBallot ? ` · you picked ${DIRECTION_LABELS[vote.yourBallot]}` : ''}
      </p>
      <VoteSpread ballots={vote.ballots} />
      {vote.decided ? (
        <p>
          Decided: <strong>{DIRECTION_LABELS[vote.decided.direction]}</strong>
          {vote.decided.disagreeAndCommit ? (
            <>
              {' '}
              — disagree and commit. Dissent kept:{' '}
              {vote.decided.dissent.map((ballot) => `${ballot.by} (${DIRECTION_LABELS[ballot.direction]})`).join(', ')}
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** A direction to pick, or none ('' : "not sure" for a proposal, "no direction" for a tag). */
