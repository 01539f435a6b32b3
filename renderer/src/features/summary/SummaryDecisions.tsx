/** The summary's decision lists: by direction, by tag, and one decision with its tags and outcome. */
import { IMPACT_DIRECTIONS, type ImpactDirection, type Vote } from '../../../../shared/domain';
import { directionLabel, type DecisionEntry, type ImpactSummary } from '../../../../shared/summary/summary';
import { plural } from '../../app/format';
import { formatDay } from './format';
import { CitedEvidenceList } from './SummaryEvidence';

export function DirectionBadge({ direction }: { direction: ImpactDirection | null }) {
  return (
    <span className={`sum-badge sum-badge-${direction ?? 'unset'}`}>
      <span className="visually-hidden">Impact: </span>
      {directionLabel(direction)}
    </span>
  );
}

function flagText(direction: ImpactDirection): string {
  return direction === 'hurts' ? 'Flagged: hurts customers' : 'Flagged: impact unknown';
}

export function DecisionItem({ entry }: { entry: DecisionEntry }) {
  const d = entry.decision;
  return (
    <li className={entry.flagged ? 'sum-decision sum-decision-flagged' : 'sum-decision'}>
      <div className="sum-decision-head">
        <DirectionBadge direction={d.direction} />
        {entry.flagged ? (
          <span className="sum-flag">
            <span aria-hidden="true">⚑ </span>
            {flagText(d.direction)}
          </span>
        ) : null}
      </div>
      <p className="sum-decision-text" dir="auto">
        {d.text}
      </p>
      <p className="sum-meta">
        <span>
          Item {entry.itemIndex + 1}: <span dir="auto">{entry.itemTitle}</span>
        </span>
        {d.owner ? (
          <span>
            Owner: <span dir="auto">{d.owner}</span>
          </span>
        ) : null}
        {d.dueDate ? (
          <span>
            Due <time dateTime={d.dueDate}>{formatDay(d.dueDate)}</time>
          </span>
        ) : null}
      </p>
      <TagChips entry={entry} />
      {d.vote ? <VoteLine vote={d.vote} /> : null}
      <CitedEvidenceList evidence={entry.evidence} label="Customer evidence cited on this decision" />
    </li>
  );
}

/** A decision's vote: the spread once revealed, what the lead decided, and who disagreed. */
function VoteLine({ vote }: { vote: Vote }) {
  if (vote.revealedAt === null) return <p className="sum-meta">Vote open, not revealed yet.</p>;
  const spread = IMPACT_DIRECTIONS.map((direction) => [direction, vote.ballots.filter((b) => b.direction === direction).length] as const)
    .filter(([, count]) => count > 0)
    .map(([direction, count]) => `${directionLabel(direction)} ${count}`)
    .join(', ');
  const decided = vote.decided;
  return (
    <p className="sum-meta sum-vote">
      <span>
        Vote: {plural(vote.ballots.length, 'ballot')}
        {spread ? ` (${spread})` : ''}
      </span>
      {decided ? (
        <span>
          Decided {directionLabel(decided.direction)}
          {decided.disagreeAndCommit ? ' · disagree and commit' : ''}
          {decided.dissent.length > 0 ? (
            <>
              {' · dissent: '}
              <span dir="auto">{decided.dissent.map((b) => `${b.by || 'someone'} (${directionLabel(b.direction)})`).join(', ')}</span>
            </>
          ) : null}
        </span>
      ) : null}
    </p>
  );
}

function TagChips({ entry }: { entry: DecisionEntry }) {
  if (entry.tags.length === 0) return <p className="sum-meta muted">Untagged</p>;
  return (
    <ul className="sum-tags" aria-label="Tags">
      {entry.tags.map((tag) => (
        <li
          key={tag.id}
          className={tag.known ? 'sum-tag' : 'sum-tag sum-tag-unknown'}
          title={tag.known ? undefined : 'This tag is no longer in the library'}
        >
          <span dir="auto">{tag.label}</span>
        </li>
      ))}
    </ul>
  );
}

function ShortDecisionList({ entries, withDirection }: { entries: readonly DecisionEntry[]; withDirection: boolean }) {
  return (
    <ul className="sum-short-list">
      {entries.map((entry) => (
        <li key={entry.decision.id}>
          {withDirection ? <DirectionBadge direction={entry.decision.direction} /> : null}
          <span dir="auto">{entry.decision.text}</span>
        </li>
      ))}
    </ul>
  );
}

export function DirectionGroups({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-by-direction-title">
      <h2 id="sum-by-direction-title">By impact direction</h2>
      {summary.decisionCount === 0 ? (
        <p className="sum-empty">No decisions yet.</p>
      ) : (
        <ul className="sum-groups" aria-label="Decisions by impact direction">
          {summary.byDirection.map((group) => (
            <li key={group.direction} className="sum-group">
              <h3 className="sum-group-title">
                <DirectionBadge direction={group.direction} />{' '}
                <span className="sum-group-count">{plural(group.decisions.length, 'decision')}</span>
              </h3>
              {group.decisions.length > 0 ? <ShortDecisionList entries={group.decisions} withDirection={false} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TagGroups({ summary }: { summary: ImpactSummary }) {
  return (
    <section className="card" aria-labelledby="sum-by-tag-title">
      <h2 id="sum-by-tag-title">By tag</h2>
      {summary.decisionCount === 0 ? (
        <p className="sum-empty">No decisions yet.</p>
      ) : (
        <ul className="sum-groups" aria-label="Decisions by tag">
          {summary.byTag.map((group) => (
            <li key={group.tag.id} className="sum-group">
              <h3 className="sum-group-title">
                <span className="sum-tag" dir="auto">
                  {group.tag.label}
                </span>{' '}
                <span className="sum-group-count">
                  {plural(group.decisions.length, 'decision')}
                  {group.tag.known ? '' : ' · tag no longer in the library'}
                </span>
              </h3>
              <ShortDecisionList entries={group.decisions} withDirection />
            </li>
          ))}
          {summary.untagged.length > 0 ? (
            <li className="sum-group">
              <h3 className="sum-group-title">
                <span className="sum-muted-label">Untagged</span>{' '}
                <span className="sum-group-count">{plural(summary.untagged.length, 'decision')}</span>
              </h3>
              <ShortDecisionList entries={summary.untagged} withDirection />
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
