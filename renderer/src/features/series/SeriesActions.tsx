import { useId, useRef, useState } from 'react';
import type { Library, Meeting, Template } from '../../../../shared/domain';
import { isOpen, localDay } from '../../../../shared/followUps';
import { LIMITS } from '../../../../shared/limits';
import { nextMeetingTitle } from '../../../../shared/libraryRules';
import type { Route } from '../../app/useRoute';
import { FormDialog } from '../../app/Dialog';
import { LimitedInput } from '../../app/LimitedText';
import { updateThenFocus } from '../../app/focus';
import { plural, shorten } from '../../app/format';
import { useAction } from '../../app/useAction';
import { asApiError } from '../../app/useLibrary';
import { useClient } from '../../app/clientContext';

/**
 * A local date-time input's value for `iso` moved by `days` calendar days (what
 * <input type=datetime-local> takes). Days are added on the local calendar, so 09:00 stays 09:00
 * across a daylight-saving change.
 */
export function localDateTimeInput(iso: string, days = 0): string {
  const date = new Date(iso);
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function seriesName(library: Library, meeting: Meeting): string | null {
  return meeting.seriesId ? (library.series.find((s) => s.id === meeting.seriesId)?.name ?? null) : null;
}

interface ActionProps {
  meeting: Meeting;
  library: Library;
  navigate: (route: Route) => void;
  showToast: (message: string) => void;
}

/** Open/closed, busy and the last error of a dialog whose submit calls the service once. */
function useDialogAction() {
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run: act } = useAction();
  const run = (action: () => Promise<void>) =>
    act(async () => {
      await action();
      setOpen(false);
    });
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return { open, busy, error, setError, run, show: () => setOpen(true), close };
}

/** A local date-time input's value as an instant, or null when it is not a time. */
function instantOf(value: string): string | null {
  const at = new Date(value);
  return value && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
}

/** "Next in series…": the agenda copied and open follow-ups carried into a new meeting, a week on by default. */
export function NextMeetingButton({ meeting, library, navigate, showToast }: ActionProps) {
  const client = useClient();
  const dialog = useDialogAction();
  const [when, setWhen] = useState(() => localDateTimeInput(meeting.scheduledAt, 7));
  // null: the suggested title, which follows the chosen day until the lead types one.
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
  const id = useId();
  const carried = meeting.followUps.filter(isOpen).length;
  const series = seriesName(library, meeting);
  const title =
    typedTitle ??
    nextMeetingTitle(
      library.meetings.map((m) => m.title),
      meeting.title,
      when.slice(0, 10),
    );

  const submit = () => {
    const scheduledAt = instantOf(when);
    if (!scheduledAt) return dialog.setError('Choose when the next meeting is.');
    if (!title.trim()) return dialog.setError('Give the next meeting a title.');
    void dialog.run(async () => {
      const next = await client.call('meetings.createNext', { id: meeting.id, scheduledAt, title });
      showToast(
        `Created the next “${next.title}”${next.followUps.length ? ` with ${plural(next.followUps.length, 'follow-up')} carried forward` : ''}.`,
      );
      navigate({ name: 'meeting', id: next.id });
    });
  };

  return (
    <>
      <button type="button" className="button" onClick={dialog.show}>
        Next in series…
      </button>
      {dialog.open ? (
        <FormDialog
          title="Create the next meeting of the series"
          submitLabel="Create next meeting"
          busy={dialog.busy}
          error={dialog.error}
          onSubmit={submit}
          onCancel={dialog.close}
        >
          <p>
            {series ? `Series: ${series}. ` : `This starts a series named “${meeting.title.slice(0, LIMITS.nameMax)}”. `}
            The agenda ({plural(meeting.agenda.length, 'item')}) is copied without answers or decisions
            {carried > 0 ? `, and ${plural(carried, 'open follow-up')} carr${carried === 1 ? 'ies' : 'y'} forward` : ''}.
          </p>
          <label htmlFor={`${id}-when`}>When</label>
          <input id={`${id}-when`} type="datetime-local" value={when} required onChange={(e) => setWhen(e.target.value)} />
          <label htmlFor={`${id}-title`}>Title</label>
          <LimitedInput
            id={`${id}-title`}
            value={title}
            limit={LIMITS.titleMax}
            required
            aria-describedby={`${id}-title-hint`}
            onChange={(e) => setTypedTitle(e.target.value)}
          />
          <p id={`${id}-title-hint`} className="hint">
            The day tells it apart from “{shorten(meeting.title, 60)}” in the meetings list.
          </p>
        </FormDialog>
      ) : null}
    </>
  );
}

/** "Save as template…": the meeting's title, people, chair and agenda, reusable from the meeting list. */
export function SaveTemplateButton({ meeting, showToast }: Pick<ActionProps, 'meeting' | 'showToast'>) {
  const client = useClient();
  const dialog = useDialogAction();
  const [name, setName] = useState(meeting.title.slice(0, LIMITS.nameMax));
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = () =>
    void dialog.run(async () => {
      const template = await client.call('templates.create', { meetingId: meeting.id, name });
      showToast(`Saved the template “${template.name}”. Use it with “New from template…” on the meeting list.`);
    });

  return (
    <>
      <button type="button" className="button" onClick={dialog.show}>
        Save as template…
      </button>
      {dialog.open ? (
        <FormDialog
          title="Save as a template"
          submitLabel="Save template"
          busy={dialog.busy}
          error={dialog.error}
          onSubmit={submit}
          onCancel={dialog.close}
          initialFocus={inputRef}
          bodyClassName="form-grid"
        >
          <p>The title, lead, participants, chair and agenda are saved; answers, decisions and follow-ups are not.</p>
          <label htmlFor={`${id}-name`}>Template name</label>
          <LimitedInput
            id={`${id}-name`}
            ref={inputRef}
            value={name}
            limit={LIMITS.nameMax}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </FormDialog>
      ) : null}
    </>
  );
}

/** "New from template…" on the meeting list: pick a template, a title and a time. */
export function NewFromTemplateButton({ library, navigate, showToast }: Omit<ActionProps, 'meeting'>) {
  const client = useClient();
  const dialog = useDialogAction();
  const first = library.templates[0];
  const [templateId, setTemplateId] = useState(first?.id ?? '');
  const [title, setTitle] = useState(first?.title ?? '');
  const [when, setWhen] = useState(() => `${localDateTimeInput(new Date().toISOString(), 1).slice(0, 11)}09:00`);
  const id = useId();
  if (library.templates.length === 0) return null;

  const choose = (nextId: string) => {
    setTemplateId(nextId);
    setTitle(library.templates.find((t) => t.id === nextId)?.title ?? '');
  };

  const submit = () => {
    const scheduledAt = instantOf(when);
    if (!scheduledAt) return dialog.setError('Choose when the meeting is.');
    void dialog.run(async () => {
      const meeting = await client.call('meetings.createFromTemplate', { templateId: templateId || first!.id, scheduledAt, title });
      showToast(`Created “${meeting.title}” from the template.`);
      navigate({ name: 'meeting', id: meeting.id });
    });
  };

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          // Templates may have arrived after this button first rendered: start from the first one then.
          if (!library.templates.some((t) => t.id === templateId)) choose(first!.id);
          dialog.show();
        }}
      >
        New from template…
      </button>
      {dialog.open ? (
        <FormDialog
          title="New meeting from a template"
          submitLabel="Create meeting"
          busy={dialog.busy}
          error={dialog.error}
          onSubmit={submit}
          onCancel={dialog.close}
          bodyClassName="form-grid"
        >
          <label htmlFor={`${id}-template`}>Template</label>
          <select id={`${id}-template`} value={templateId || first!.id} onChange={(e) => choose(e.target.value)}>
            {library.templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name} ({plural(template.agenda.length, 'item')})
              </option>
            ))}
          </select>
          <DeleteTemplate
            key={templateId || first!.id}
            template={library.templates.find((t) => t.id === (templateId || first!.id))!}
            onDeleted={(name) => {
              showToast(`Deleted the template “${name}”.`);
              const rest = library.templates.filter((t) => t.id !== (templateId || first!.id));
              if (rest[0]) choose(rest[0].id);
              else dialog.close();
            }}
            onError={dialog.setError}
          />
          <label htmlFor={`${id}-title`}>Title</label>
          <LimitedInput id={`${id}-title`} value={title} limit={LIMITS.titleMax} required onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor={`${id}-when`}>When</label>
          <input id={`${id}-when`} type="datetime-local" value={when} required onChange={(e) => setWhen(e.target.value)} />
        </FormDialog>
      ) : null}
    </>
  );
}

/** "Delete template…", asked once more in place: templates are few and deliberate, so no Undo. */
function DeleteTemplate({
  template,
  onDeleted,
  onError,
}: {
  template: Template;
  onDeleted: (name: string) => void;
  onError: (message: string | null) => void;
}) {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button-small button-quiet-danger"
        onClick={() =>
          updateThenFocus(
            () => setAsking(true),
            () => keepRef.current,
          )
        }
      >
        Delete template…
      </button>
    );
  }
  const remove = async () => {
    setBusy(true);
    onError(null);
    try {
      await client.call('templates.delete', { id: template.id });
      onDeleted(template.name);
    } catch (reason) {
      onError(asApiError(reason).message);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <p className="template-delete" role="group" aria-label="Delete the template">
      Delete “{template.name}”? Meetings made from it stay.{' '}
      <button ref={keepRef} type="button" className="button button-small" disabled={busy} onClick={() => setAsking(false)}>
        Keep it
      </button>{' '}
      <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void remove()}>
        Delete
      </button>
    </p>
  );
}
