import type { ImpactDirection } from '../../../../shared/vocabulary';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { spread } from './attribution';

/** The revealed ballots as counts per direction, with who picked what (as text, not colour alone). */
export function VoteSpread({ ballots }: { ballots: readonly { by: string; direction: ImpactDirection }[] }) {
  const max = Math.max(1, ...spread(ballots, DIRECTIONS).map((row) => row.count));
  return (
    <ul className="vote-spread" aria-label="Spread of the votes">
      {spread(ballots, DIRECTIONS).map(({ direction, count }) => (
        <li key={direction} className={`spread-row direction-${direction}`}>
          <span className="spread-label">{DIRECTION_LABELS[direction]}</span>
          <svg className="spread-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect className="spread-track" width="100" height="10" />
            <rect className="spread-fill" width={(count / max) * 100} height="10" />
          </svg>
          <span className="spread-count">{count}</span>
          {count > 0 ? (
            <span className="spread-who hint" dir="auto">
              {ballots
                .filter((ballot) => ballot.direction === direction)
                .map((ballot) => ballot.by)
                .join(', ')}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
