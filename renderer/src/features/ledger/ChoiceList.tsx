import { useState } from 'react';

/** A checkbox list in a disclosure (there may be hundreds of tags), saying how many are chosen. */
export function ChoiceList({
  legend,
  options,
  selected,
  max,
  onChange,
}: {
  legend: string;
  options: { id: string; label: string }[];
  selected: string[];
  max?: number;
  onChange: (ids: string[]) => void;
}) {
  const [open, setOpen] = useState(selected.length > 0);
  const labels = new Map(options.map((option) => [option.id, option.label]));
  const full = max !== undefined && selected.length >= max;
  return (
    <details className="ledger-choices" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {legend}
        {selected.length > 0 ? `: ${selected.map((choice) => labels.get(choice) ?? choice).join(', ')}` : ': any'}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{legend}</legend>
        {options.length === 0 ? <p className="muted">None yet.</p> : null}
        {options.map((option) => {
          const checked = selected.includes(option.id);
          return (
            <label key={option.id} className="checkbox">
              <input
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={(event) =>
                  onChange(event.target.checked ? [...selected, option.id] : selected.filter((choice) => choice !== option.id))
                }
              />
              <span dir="auto">{option.label}</span>
            </label>
          );
        })}
        {full ? <p className="hint">At most {max} at once.</p> : null}
      </fieldset>
    </details>
  );
}
