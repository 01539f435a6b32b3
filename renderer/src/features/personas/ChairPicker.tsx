import './personas.css';
import { useId } from 'react';
import type { Persona } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { FieldError, type FormErrors } from '../../app/fieldErrors';
import { NewPersona } from './NewPersona';

export interface ChairPickerProps {
  personas: Persona[];
  selected: string[];
  onChange: (ids: string[]) => void;
  onPersonaCreated: (persona: Persona) => void;
  errors: FormErrors;
  canCreate: boolean;
}

/** "Who sits in the chair": the library's personas as checkboxes, and a way to add one on the spot. */
export function ChairPicker({ personas, selected, onChange, onPersonaCreated, errors, canCreate }: ChairPickerProps) {
  const id = useId();
  const full = selected.length >= LIMITS.personasPerMeetingMax;
  const hasError = errors.fields.personaIds !== undefined;
  return (
    <div className="chair-picker">
      <fieldset
        className="checkbox-group"
        aria-describedby={[`${id}-hint`, hasError ? `${id}-personas-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={hasError || undefined}
      >
        <legend>Who sits in the chair</legend>
        <p id={`${id}-hint`} className="hint">
          The customers this meeting speaks for. Up to {LIMITS.personasPerMeetingMax}.
        </p>
        {personas.length === 0 ? (
          <p className="muted">No personas yet. Add the first one below.</p>
        ) : (
          <ul className="checkbox-list">
            {personas.map((persona) => {
              const checked = selected.includes(persona.id);
              return (
                <li key={persona.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(event) =>
                        onChange(event.target.checked ? [...selected, persona.id] : selected.filter((other) => other !== persona.id))
                      }
                    />
                    <span>{persona.name}</span>
                  </label>
                  {persona.segment ? <span className="persona-segment">{persona.segment}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
        <FieldError errors={errors} name="personaIds" id={`${id}-personas`} />
      </fieldset>
      <NewPersona onCreated={onPersonaCreated} disabled={!canCreate} />
    </div>
  );
}
