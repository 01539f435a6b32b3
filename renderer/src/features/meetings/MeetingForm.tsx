import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Meeting, Persona } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import type { ScreenProps } from '../../app/screen';
import { useClient } from '../../app/clientContext';
import { ConfirmDialog } from '../../app/Dialog';
import { NO_ERRORS, spreadErrors, withoutFixed, type FormErrors } from '../../app/fieldErrors';
import { FormAlert } from '../../app/FormAlert';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { asApiError } from '../../app/useLibrary';
import { ChairPicker } from '../personas/ChairPicker';
import { plural } from '../../app/format';
import { ImportAgendaButton } from '../agendaImport/ImportAgendaButton';
import type { AgendaImport } from '../agendaImport/ImportAgendaDialog';
import { AgendaEditor } from './AgendaEditor';
import { MeetingDetailsFields } from './MeetingDetailsFields';
import { forgetNewMeetingDraft, useRestoredDraft, useUnsavedGuard } from './useFormDraft';
import { fillFromImport, fixedBy, rowsFromImport, useFormKeys, withoutAgendaErrors } from './meetingFormParts';
import { describeMeetingIssue, formFromMeeting, meetingFieldKey, toDraft, type MeetingForm as FormState } from './draft';

export type MeetingFormProps = ScreenProps &
  (
    | { mode: 'create'; initial: FormState }
    | {
        mode: 'edit';
        initial: FormState;
        meetingId: string;
        /** The revision the form was filled from: sent back so edits made elsewhere are not overwritten. */
        baseRevision: number;
        /** The meeting as it is now (kept current by events), to warn about changes made elsewhere. */
        live: Meeting | null;
        deletedElsewhere: boolean;
      }
  );

/** Create and edit in one form. The service validates; its errors are shown next to the fields. */
export function MeetingForm(props: MeetingFormProps) {
  const { library, navigate, showToast, mode } = props;
  const client = useClient();
  const id = useId();
  const draft = useRestoredDraft(props.mode === 'create', props.initial);
  const [initial, setInitial] = useState(props.initial);
  const [form, setForm] = useState(draft.start);
  const [baseRevision, setBaseRevision] = useState(props.mode === 'edit' ? props.baseRevision : 0);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  // Personas created here, until the library event that lists them arrives.
  const [created, setCreated] = useState<Persona[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const focusErrors = useRef(false);

  const personas = useMemo(() => {
    const known = new Set(library.personas.map((persona) => persona.id));
    return [...library.personas, ...created.filter((persona) => !known.has(persona.id))];
  }, [library.personas, created]);

  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useUnsavedGuard(dirty && !saving, mode === 'create' ? form : null);
  const live = props.mode === 'edit' ? props.live : null;
  const changedElsewhere = props.mode === 'edit' && !saving && live !== null && live.revision !== baseRevision;

  // Arriving here after the meeting loaded, focus may have been on the loading screen's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef, true);

  // After a failed save, take the user to the first field with a problem (or the alert).
  useEffect(() => {
    if (!focusErrors.current) return;
    focusErrors.current = false;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset)');
    (invalid ?? alertRef.current)?.focus();
  }, [errors]);

  const showErrors = (next: FormErrors) => {
    focusErrors.current = true;
    setErrors(next);
  };

  const leave = () => {
    forgetNewMeetingDraft();
    if (props.mode === 'edit') navigate({ name: 'meeting', id: props.meetingId });
    else navigate({ name: 'list' });
  };

  const requestCancel = () => {
    if (saving) return;
    if (dirty) setConfirmingDiscard(true);
    else leave();
  };

  const save = async () => {
    if (saving) return;
    const converted = toDraft(form);
    if (!converted.ok) return showErrors(converted.errors);
    setSaving(true);
    try {
      let meeting: Meeting;
      if (props.mode === 'create') {
        const { agenda, ...fields } = converted.value;
        meeting = await client.call('meetings.create', {
          ...fields,
          agenda: agenda.map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes })),
        });
      } else {
        meeting = await client.call('meetings.update', { id: props.meetingId, expectedRevision: baseRevision, changes: converted.value });
      }
      if (props.mode === 'create') forgetNewMeetingDraft();
      showToast(props.mode === 'create' ? 'Meeting created' : 'Meeting saved');
      navigate({ name: 'meeting', id: meeting.id });
    } catch (reason) {
      // The form keeps everything typed; only the errors change.
      showErrors(spreadErrors(asApiError(reason), meetingFieldKey, describeMeetingIssue, props.mode === 'edit' ? ['changes'] : []));
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  /** An imported agenda (pasted lines or a calendar event) fills the form; saving is the user's. */
  const importAgenda = (result: AgendaImport) => {
    if (props.mode === 'edit') setForm((current) => ({ ...current, agenda: [...current.agenda, ...rowsFromImport(result)] }));
    else setForm((current) => fillFromImport(current, result));
    showToast(`${plural(result.items.length, 'item')} imported into the form. Check it and save the meeting to keep them.`);
  };

  /** After a conflict: drop this form's changes and start again from the meeting as it is now. */
  const loadLatest = () => {
    if (!live) return;
    const fresh = formFromMeeting(live);
    setInitial(fresh);
    setForm(fresh);
    setBaseRevision(live.revision);
    setErrors(NO_ERRORS);
  };

  useFormKeys(formRef, requestCancel);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => withoutFixed(current, fixedBy(form, key, value)));
  };

  const title = mode === 'create' ? 'New meeting' : 'Edit meeting';

  return (
    <section className="editor" aria-labelledby={`${id}-heading`}>
      <div className="screen-header">
        <h1 ref={headingRef} id={`${id}-heading`} tabIndex={-1}>
          {title}
        </h1>
        <p className="hint">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> saves · <kbd>Esc</kbd> cancels
        </p>
      </div>
      <ElsewhereNotices draft={draft} deleted={props.mode === 'edit' && props.deletedElsewhere} changed={changedElsewhere} />
      <FormAlert ref={alertRef} errors={errors} action="The meeting was not saved." />
      {errors.form?.code === 'conflict' && live ? <LoadLatestButton onClick={loadLatest} /> : null}
      <form ref={formRef} className="meeting-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
        <div className="editor-grid">
          <MeetingDetailsFields id={id} form={form} errors={errors} set={set} />
          <section className="card" aria-labelledby={`${id}-chair`}>
            <h2 id={`${id}-chair`}>The chair</h2>
            <ChairPicker
              personas={personas}
              selected={form.personaIds}
              onChange={(ids) => set('personaIds', ids)}
              errors={errors}
              canCreate={library.personas.length < LIMITS.personasMax}
              onPersonaCreated={(persona) => {
                setCreated((current) => [...current, persona]);
                setForm((current) =>
                  current.personaIds.length < LIMITS.personasPerMeetingMax
                    ? { ...current, personaIds: [...current.personaIds, persona.id] }
                    : current,
                );
              }}
            />
          </section>
        </div>
        <section className="card" aria-labelledby={`${id}-agenda`}>
          <div className="section-head">
            <h2 id={`${id}-agenda`}>Agenda</h2>
            <ImportAgendaButton
              mode={mode === 'create' ? 'create' : 'append'}
              existingItems={mode === 'create' ? form.agenda.filter((row) => row.title.trim()).length : form.agenda.length}
              defaultTitle={form.title}
              onConfirm={importAgenda}
            />
          </div>
          <AgendaEditor
            rows={form.agenda}
            errors={errors}
            onChange={(agenda, structural) => {
              set('agenda', agenda);
              if (structural) {
                setErrors(withoutAgendaErrors);
              }
            }}
          />
        </section>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving} aria-keyshortcuts="Control+S Meta+S">
            {saving ? 'Saving…' : 'Save meeting'}
          </button>
          <button type="button" className="button" onClick={requestCancel} disabled={saving} aria-keyshortcuts="Escape">
            Cancel
          </button>
          {dirty ? <span className="hint">Unsaved changes</span> : null}
        </div>
      </form>
      {confirmingDiscard ? (
        <ConfirmDialog
          title="Discard your changes?"
          confirmLabel="Discard changes"
          cancelLabel="Keep editing"
          danger
          onConfirm={() => {
            setConfirmingDiscard(false);
            leave();
          }}
          onCancel={() => setConfirmingDiscard(false)}
        >
          <p>What you typed in this form has not been saved.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** A draft restored from an earlier visit (or dropped, unreadable); the meeting changed or went away in another window while this form was open. */
function ElsewhereNotices(props: { draft: { restored: boolean; dropped: string | null }; deleted: boolean; changed: boolean }) {
  const { draft, deleted, changed } = props;
  const { restored, dropped } = draft;
  return (
    <>
      {dropped !== null ? (
        <div className="banner banner-warning inline-banner" role="status">
          What you typed here on an earlier visit could not be read back ({dropped}), so it was discarded.
        </div>
      ) : null}
      {restored ? (
        <div className="banner banner-warning inline-banner" role="status">
          Restored what you typed here earlier; it is not saved yet. Save the meeting to keep it, or Cancel to discard it.
        </div>
      ) : null}
      {deleted ? (
        <div className="banner banner-error inline-banner" role="alert">
          This meeting was deleted elsewhere. Saving is no longer possible; use Cancel to leave.
        </div>
      ) : null}
      {changed ? (
        <div className="banner banner-warning inline-banner" role="status">
          This meeting was changed elsewhere after you opened it. Saving will report a conflict instead of overwriting those changes.
        </div>
      ) : null}
    </>
  );
}

/** After a conflict: offered beside the error. */
function LoadLatestButton({ onClick }: { onClick: () => void }) {
  return (
    <p>
      <button type="button" className="button" onClick={onClick}>
        Discard my changes and load the latest version
      </button>
    </p>
  );
}
