import './personas.css';
import { useId, useRef, useState } from 'react';
import type { Persona } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import type { ScreenProps } from '../../app/screen';
import { useClient } from '../../app/clientContext';
import { ConfirmDialog } from '../../app/Dialog';
import { errorProps, FieldError, NO_ERRORS, spreadErrors, type FormErrors } from '../../app/fieldErrors';
import { FormAlert } from '../../app/FormAlert';
import { plural } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { useAction } from '../../app/useAction';
import { asApiError } from '../../app/useLibrary';
import { splitLines } from '../meetings/draft';
import { describePersonaIssue, NewPersona, personaFieldKey } from './NewPersona';
import { updateThenFocus } from '../../app/focus';

/** The library's personas: the customers who can sit in a meeting's chair. Create, edit, delete. */
export function PersonasPage({ library, showToast }: ScreenProps) {
  const client = useClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Persona | null>(null);
  const { busy, error: deleteError, setError: setDeleteError, run } = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);
  const seats = (personaId: string) => library.meetings.filter((meeting) => meeting.personaIds.includes(personaId)).length;

  const confirmDelete = async () => {
    if (!deleting) return;
    // A persona still in a meeting's chair is refused: the service's message says which meeting.
    await run(async () => {
      await client.call('personas.delete', { id: deleting.id });
      showToast(`${deleting.name} deleted`);
      updateThenFocus(
        () => setDeleting(null),
        () => headingRef.current,
      );
    });
  };

  return (
    <section className="personas-page" aria-labelledby="personas-title">
      <div className="screen-header">
        <div>
          <h1 ref={headingRef} id="personas-title" tabIndex={-1}>
            Personas
          </h1>
          <p className="muted">
            The customers who can sit in a meeting’s chair. Choose who sits in each meeting’s chair when you edit the meeting.
          </p>
        </div>
      </div>
      <div className="personas-grid">
        <div>
          {library.personas.length === 0 ? (
            <p className="card muted">No personas yet. Add the first one: a real kind of customer, their needs, and things they say.</p>
          ) : (
            <ul className="persona-cards">
              {library.personas.map((persona) =>
                persona.id === editing ? (
                  <li key={persona.id} className="card">
                    <EditPersona
                      persona={persona}
                      onDone={(saved) => {
                        if (saved) showToast(`${saved.name} saved`);
                        updateThenFocus(
                          () => setEditing(null),
                          () => document.getElementById(`edit-persona-${persona.id}`),
                        );
                      }}
                    />
                  </li>
                ) : (
                  <li key={persona.id} className="card persona-card">
                    <div className="persona-card-head">
                      <h2 className="persona-card-name" dir="auto">
                        {persona.name}
                      </h2>
                      <div className="inline-actions">
                        <button
                          id={`edit-persona-${persona.id}`}
                          type="button"
                          className="button button-small"
                          aria-label={`Edit ${persona.name}`}
                          onClick={() => setEditing(persona.id)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button button-small button-quiet-danger"
                          aria-label={`Delete ${persona.name}`}
                          onClick={() => {
                            setDeleteError(null);
                            setDeleting(persona);
                          }}
                        >
                          Delete
                        </button>
                      </div>
                    </div>
                    {persona.segment ? (
                      <p className="persona-segment" dir="auto">
                        {persona.segment}
                      </p>
                    ) : null}
                    <p className="hint">In the chair of {plural(seats(persona.id), 'meeting')}</p>
                    {persona.needs.length > 0 ? (
                      <ul className="persona-needs" aria-label={`What ${persona.name} needs`}>
                        {persona.needs.map((need, index) => (
                          <li key={index} dir="auto">
                            {need}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {persona.quotes.map((quote, index) => (
                      <blockquote key={index} className="persona-quote" dir="auto">
                        {quote}
                      </blockquote>
                    ))}
                  </li>
                ),
              )}
            </ul>
          )}
        </div>
        <div>
          <NewPersona
            onCreated={(persona) => showToast(`${persona.name} added`)}
            disabled={library.personas.length >= LIMITS.personasMax}
          />
        </div>
      </div>
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete"
          danger
          busy={busy}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        >
          <p>The persona leaves your library. Meetings keep their answers.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function EditPersona({ persona, onDone }: { persona: Persona; onDone: (saved: Persona | null) => void }) {
  const client = useClient();
  const id = useId();
  const [name, setName] = useState(persona.name);
  const [segment, setSegment] = useState(persona.segment);
  const [needs, setNeeds] = useState(persona.needs.join('\n'));
  const [quotes, setQuotes] = useState(persona.quotes.join('\n'));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const save = async () => {
    setBusy(true);
    try {
      const saved = await client.call('personas.update', {
        id: persona.id,
        changes: { name, segment, needs: splitLines(needs), quotes: splitLines(quotes) },
      });
      onDone(saved);
    } catch (reason) {
      const next = spreadErrors(asApiError(reason), personaFieldKey, describePersonaIssue, ['changes']);
      const first = Object.keys(next.fields)[0];
      updateThenFocus(
        () => {
          setErrors(next);
          setBusy(false);
        },
        () => (first ? document.getElementById(`${id}-${first}`) : alertRef.current),
      );
    }
  };

  return (
    <form
      className="edit-persona"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <h2 id={`${id}-title`} className="subheading">
        Edit persona
      </h2>
      <FormAlert ref={alertRef} errors={errors} action="The persona was not saved." />
      <div className="field">
        <label htmlFor={`${id}-name`}>Persona name</label>
        <input
          id={`${id}-name`}
          dir="auto"
          value={name}
          maxLength={LIMITS.nameMax}
          autoComplete="off"
          autoFocus
          onChange={(event) => setName(event.target.value)}
          {...errorProps(errors, 'name', `${id}-name`)}
        />
        <FieldError errors={errors} name="name" id={`${id}-name`} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-segment`}>Segment</label>
        <input
          id={`${id}-segment`}
          dir="auto"
          value={segment}
          maxLength={LIMITS.segmentMax}
          autoComplete="off"
          onChange={(event) => setSegment(event.target.value)}
          {...errorProps(errors, 'segment', `${id}-segment`)}
        />
        <FieldError errors={errors} name="segment" id={`${id}-segment`} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-needs`}>Needs</label>
          <textarea
            id={`${id}-needs`}
            dir="auto"
            rows={4}
            value={needs}
            onChange={(event) => setNeeds(event.target.value)}
            {...errorProps(errors, 'needs', `${id}-needs`, `${id}-lines`)}
          />
          <FieldError errors={errors} name="needs" id={`${id}-needs`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-quotes`}>Quotes</label>
          <textarea
            id={`${id}-quotes`}
            dir="auto"
            rows={4}
            value={quotes}
            onChange={(event) => setQuotes(event.target.value)}
            {...errorProps(errors, 'quotes', `${id}-quotes`, `${id}-lines`)}
          />
          <FieldError errors={errors} name="quotes" id={`${id}-quotes`} />
        </div>
      </div>
      <p id={`${id}-lines`} className="hint">
        Needs and quotes: one per line. The chair shows the first three needs, and one quote per agenda item.
      </p>
      <div className="inline-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save persona
        </button>
        <button type="button" className="button" onClick={() => onDone(null)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
