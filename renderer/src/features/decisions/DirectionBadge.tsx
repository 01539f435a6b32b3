import type { ImpactDirection } from '../../../../shared/domain';
import { DIRECTION_LABELS } from '../../app/constants';

/** A decision's customer impact, as a coloured word with its meaning spelled out for screen readers. */
export function DirectionBadge({ direction }: { direction: ImpactDirection }) {
  return (
    <span className={`direction-badge direction-${direction}`}>
      <span className="visually-hidden">Customer impact: </span>
      {DIRECTION_LABELS[direction]}
    </span>
  );
}
