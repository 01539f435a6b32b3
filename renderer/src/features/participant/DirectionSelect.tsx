import type { ImpactDirection } from '../../../../shared/vocabulary';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';

/** A direction to choose, or none ("Not sure", "No direction"). */
export function DirectionSelect(props: {
  id: string;
  label: string;
  noneLabel: string;
  value: '' | ImpactDirection;
  onChange: (value: '' | ImpactDirection) => void;
}) {
  const { id, label, noneLabel, value, onChange } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as '' | ImpactDirection)}>
        <option value="">{noneLabel}</option>
        {DIRECTIONS.map((direction) => (
          <option key={direction} value={direction}>
            {DIRECTION_LABELS[direction]}
          </option>
        ))}
      </select>
    </>
  );
}
