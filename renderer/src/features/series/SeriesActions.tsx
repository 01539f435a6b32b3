import { useId, useRef, useState, type FormEvent } from 'react';
import type { Library, Meeting } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import type { Route } from '../../app/useRoute';
import { Modal } from '../../app/Dialog';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { useClient } from '../../app/clientContext';

/** A local date-time input's value for `iso` moved by `days` (what <input type=datetime-local> takes). */
export function localDateTimeInput(iso: string, days = 0): string {
  const date = new Date(new Date(iso).getTime() + days * 86_400_000);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
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

/** "Next in series…": the agenda copied and open follow-ups carried into a new meeting, a week on by default. */
export function NextMeetingButton({ meeting, library, navigate, showToast }: ActionProps) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState(() => localDateTimeInput(meeting.scheduledAt, 7));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const carried = meeting.followUps.filter((f) => !f.done && f.carriedTo === null).length;
  const series = seriesName(library, meeting);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(when);
    if (!when || Number.isNaN(at.getTime())) {
      setError('Choose when the next meeting is.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await client.call('meetings.createNext', { id: meeting.id, scheduledAt: at.toISOString() });
      setOpen(false);
      showToast(`Created the next “${next.title}”${next.followUps.length ? ` with ${plural(next.followUps.length, 'follow-up')} carried forward` : ''}.`);
      navigate({ name: 'meeting', id: next.id });
    } catch (reason) {
      setError(asApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Next in series…
      </button>
      {open ? (
        <Modal title="Create the next meeting of the series" onClose={() => setOpen(false)} busy={busy}>
          <form onSubmit={(event) => void submit(event)}>
            <div className="dialog-body">
              <p>
                {series ? `Series: ${series}. ` : `This starts a series named “${meeting.title.slice(0, LIMITS.nameMax)}”. `}
                The agenda ({plural(meeting.agenda.length, 'item')}) is copied without answers or decisions
                {carried > 0 ? `, and ${plural(carried, 'open follow-up')} carr${carried === 1 ? 'ies' : 'y'} forward` : ''}.
              </p>
              <label htmlFor={`${id}-when`}>When</label>
              <input id={`${id}-when`} type="datetime-local" value={when} required onChange={(e) => setWhen(e.target.value)} />
            </div>
            {error ? (
              <div className="dialog-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={busy}>
                Create next meeting
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}

/** "Save as template…": the meeting's title, people, chair and agenda, reusable from the meeting list. */
export function SaveTemplateButton({ meeting, showToast }: Pick<ActionProps, 'meeting' | 'showToast'>) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(meeting.title.slice(0, LIMITS.nameMax));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const template = await client.call('templates.create', { meetingId: meeting.id, name });
      setOpen(false);
      showToast(`Saved the template “${template.name}”. Use it from New meeting.`);
    } catch (reason) {
      setError(asApiError(reason).message);
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Save as template…
      </button>
      {open ? (
        <Modal title="Save as a template" onClose={() => setOpen(false)} busy={busy} initialFocus={inputRef}>
          <form onSubmit={(event) => void submit(event)}>
            <div className="dialog-body">
              <p>The title, lead, participants, chair and agenda are saved; answers, decisions and follow-ups are not.</p>
              <label htmlFor={`${id}-name`}>Template name</label>
              <input id={`${id}-name`} ref={inputRef} value={name} maxLength={LIMITS.nameMax} required onChange={(e) => setName(e.target.value)} />
            </div>
            {error ? (
              <div className="dialog-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={busy}>
                Save template
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}

/** "New from template…" on the meeting list: pick a template, a title and a time. */
export function NewFromTemplateButton({ library, navigate, showToast }: Omit<ActionProps, 'meeting'>) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const first = library.templates[0];
  const [templateId, setTemplateId] = useState(first?.id ?? '');
  const [title, setTitle] = useState(first?.title ?? '');
  const [when, setWhen] = useState(() => localDateTimeInput(new Date().toISOString(), 1).slice(0, 11) + '09:00');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (library.templates.length === 0) return null;

  const choose = (nextId: string) => {
    setTemplateId(nextId);
    setTitle(library.templates.find((t) => t.id === nextId)?.title ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(when);
    if (Number.isNaN(at.getTime())) {
      setError('Choose when the meeting is.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const meeting = await client.call('meetings.createFromTemplate', { templateId, scheduledAt: at.toISOString(), title });
      setOpen(false);
      showToast(`Created “${meeting.title}” from the template.`);
      navigate({ name: 'meeting', id: meeting.id });
    } catch (reason) {
      setError(asApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        New from template…
      </button>
      {open ? (
        <Modal title="New meeting from a template" onClose={() => setOpen(false)} busy={busy}>
          <form onSubmit={(event) => void submit(event)}>
            <div className="dialog-body form-grid">
              <label htmlFor={`${id}-template`}>Template</label>
              <select id={`${id}-template`} value={templateId} onChange={(e) => choose(e.target.value)}>
                {library.templates.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name} ({plural(template.agenda.length, 'item')})
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-title`}>Title</label>
              <input id={`${id}-title`} value={title} maxLength={LIMITS.titleMax} required onChange={(e) => setTitle(e.target.value)} />
              <label htmlFor={`${id}-when`}>When</label>
              <input id={`${id}-when`} type="datetime-local" value={when} required onChange={(e) => setWhen(e.target.value)} />
            </div>
            {error ? (
              <div className="dialog-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={busy}>
                Create meeting
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}
