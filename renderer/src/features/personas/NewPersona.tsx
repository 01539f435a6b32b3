import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Persona } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { useClient } from '../../app/clientContext';
import { errorProps, FieldError, NO_ERRORS, spreadErrors, type FormErrors } from '../../app/fieldErrors';
import { FormAlert } from '../../app/FormAlert';
import { asApiError } from '../../app/useLibrary';
import { splitLines } from '../meetings/draft';
import { updateThenFocus } from '../../app/focus';

const LABELS: Record<string, string> = { name: 'Persona name', segment: 'Segment', needs: 'Needs', quotes: 'Quotes' };

export function personaFieldKey(path: string[]): string | null {
  const head = path[0];
  return head && head in LABELS ? head : null;
}

export function describePersonaIssue(key: string, path: string[], message: string): string {
  const line = path[1] !== undefined && /^\d+$/.test(path[1]) ? `, line ${Number(path[1]) + 1}` : '';
  const text = message.replace(/\.$/, '');
  return /^[a-z]/.test(text) ? `${LABELS[key]}${line} ${text}.` : `${LABELS[key]}${line}: ${text}.`;
}

/**
 * Creates a persona in the library right where the chair is chosen. It lives inside the meeting
 * form, so it cannot be a <form> of its own: Enter in its fields adds the persona instead of
 * saving the meeting.
 */
export function NewPersona({ onCreated, disabled }: { onCreated: (persona: Persona) => void; disabled: boolean }) {
  const client = useClient();
  const id = useId();
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [needs, setNeeds] = useState('');
  const [quotes, setQuotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const add = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const persona = await client.call('personas.create', {
        name,
        segment,
        needs: splitLines(needs),
        quotes: splitLines(quotes),
      });
      setName('');
      setSegment('');
      setNeeds('');
      setQuotes('');
      setErrors(NO_ERRORS);
      setAnnouncement(`Added ${persona.name}.`);
      onCreated(persona);
      nameRef.current?.focus();
    } catch (reason) {
      const next = spreadErrors(asApiError(reason), personaFieldKey, describePersonaIssue);
      // Focus the first field with a problem, else the alert.
      const first = Object.keys(next.fields)[0];
      updateThenFocus(
        () => {
          setErrors(next);
          setAnnouncement('');
        },
        () => (first ? document.getElementById(`${id}-${first}`) : alertRef.current),
      );
    } finally {
      setBusy(false);
    }
  };

  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void add();
    }
  };

  return (
    <div className="new-persona" role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="subheading">
        New persona
      </h3>
      <FormAlert ref={alertRef} errors={errors} action="Could not add the persona." />
      <div className="field">
        <label htmlFor={`${id}-name`}>Persona name</label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          value={name}
          maxLength={LIMITS.nameMax}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={addOnEnter}
          autoComplete="off"
          {...errorProps(errors, 'name', `${id}-name`)}
        />
        <FieldError errors={errors} name="name" id={`${id}-name`} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-segment`}>Segment</label>
        <input
          id={`${id}-segment`}
          value={segment}
          maxLength={LIMITS.segmentMax}
          onChange={(event) => setSegment(event.target.value)}
          onKeyDown={addOnEnter}
          autoComplete="off"
          placeholder="e.g. Small agency, 5 seats"
          {...errorProps(errors, 'segment', `${id}-segment`)}
        />
        <FieldError errors={errors} name="segment" id={`${id}-segment`} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-needs`}>Needs</label>
          <textarea
            id={`${id}-needs`}
            value={needs}
            rows={3}
            maxLength={(LIMITS.needMax + 1) * LIMITS.needsPerPersonaMax}
            onChange={(event) => setNeeds(event.target.value)}
            {...errorProps(errors, 'needs', `${id}-needs`, `${id}-lines`)}
          />
          <FieldError errors={errors} name="needs" id={`${id}-needs`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-quotes`}>Quotes</label>
          <textarea
            id={`${id}-quotes`}
            value={quotes}
            rows={3}
            maxLength={(LIMITS.quoteMax + 1) * LIMITS.quotesPerPersonaMax}
            onChange={(event) => setQuotes(event.target.value)}
            {...errorProps(errors, 'quotes', `${id}-quotes`, `${id}-lines`)}
          />
          <FieldError errors={errors} name="quotes" id={`${id}-quotes`} />
        </div>
      </div>
      <p id={`${id}-lines`} className="hint">
        Needs and quotes: one per line.
      </p>
      <div className="new-persona-actions">
        <button type="button" className="button" onClick={() => void add()} disabled={busy || disabled}>
          Add persona
        </button>
        <span role="status" className="hint">
          {announcement}
        </span>
      </div>
    </div>
  );
}
