import { useId, useRef, type KeyboardEvent } from 'react';
import type { ImpactDirection } from '../../../shared/vocabulary';
import { DIRECTION_LABELS, DIRECTIONS } from './constants';

export interface DirectionControlProps {
  value: ImpactDirection | null;
  onChange: (direction: ImpactDirection) => void;
  legend?: string;
  /** The radios' group name; one is made up if not given. */
  name?: string;
  /** Ids of the texts that describe the group (an error, a hint). */
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
}

/**
 * The impact direction as five segmented radios, Helps…Unknown, with 1-5 picking one while focus is
 * on them: the one control the chair's answer and the decision form share.
 */
export function DirectionControl({ value, onChange, legend = 'Direction', name, describedBy, invalid }: DirectionControlProps) {
  const madeUp = useId();
  const group = name ?? `${madeUp}-direction`;
  const ref = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!/^[1-5]$/.test(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    const direction = DIRECTIONS[Number(event.key) - 1]!;
    onChange(direction);
    ref.current?.querySelector<HTMLInputElement>(`input[value="${direction}"]`)?.focus();
  };

  return (
    <fieldset className="segmented-field direction-control" aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      <div ref={ref} className="segmented" onKeyDown={onKeyDown}>
        {DIRECTIONS.map((direction, index) => (
          <label key={direction} className={`segment direction-${direction}`}>
            <input type="radio" name={group} value={direction} checked={value === direction} onChange={() => onChange(direction)} />
            <span>{DIRECTION_LABELS[direction]}</span>
            <kbd aria-hidden="true">{index + 1}</kbd>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
