import './agendaImport.css';
import { useId, useMemo, useState } from 'react';
import type { AgendaItemDraft } from '../../../../shared/api';
import { AgendaImportError, durationWarnings, parseAgendaLines, type ImportedEvent } from '../../../../shared/agendaImport';
import { parseIcsEvent } from '../../../../shared/ics/icsEvent';
import { LIMITS } from '../../../../shared/limits';
import { DialogError, Modal } from '../../app/Dialog';
import { LimitedInput } from '../../app/LimitedText';
import { formatWhen, plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';

/** A calendar event is a few kilobytes; a bigger file is refused before it is read. */
export const ICS_MAX_BYTES = 1_000_000;

/** What the lead confirmed in the preview: exactly what will be created or added. */
export interface AgendaImport {
  /** The meeting's title (create only). */
  title: string;
  /** From the calendar event, UTC ISO; null for pasted lines. */
  scheduledAt: string | null;
  lead: string;
  participants: string[];
  items: AgendaItemDraft[];
}

export interface ImportAgendaDialogProps {
  /** 'create': the import fills a new meeting's form. 'append': its items are added to an agenda. */
  mode: 'create' | 'append';
  /** Items the agenda already has (append) or the form already lists (create): they count towards the limit. */
  existingItems: number;
  /** Create: the title typed in the form so far, used when the import brings none. */
  defaultTitle?: string;
  /** Does the work; a thrown error is shown in the dialog, which stays open. */
  onConfirm: (result: AgendaImport) => Promise<void> | void;
  onClose: () => void;
}

type Source = 'lines' | 'ics';

type Parsed =
  { ok: true; event: ImportedEvent | null; items: AgendaItemDraft[]; warnings: string[] } | { ok: false; message: string } | null;

/** Reads a file's text; File.text() where the platform has it. */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/** The chosen .ics file as a preview, or the sentence that says why it was not imported; never throws. */
async function readIcsFile(file: File): Promise<Parsed> {
  if (file.size > ICS_MAX_BYTES) {
    return {
      ok: false,
      message: `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; a calendar event file is at most ${ICS_MAX_BYTES / 1_000_000} MB here. Export just the one event.`,
    };
  }
  try {
    const event = parseIcsEvent(await readText(file));
    return { ok: true, event, items: event.items, warnings: [...event.warnings, ...durationWarnings(event.items)] };
  } catch (reason) {
    // The parser throws only AgendaImportError; anything else is the disk or the browser refusing the file.
    const message =
      reason instanceof AgendaImportError
        ? reason.message
        : 'The file could not be opened. Check that it is still there and choose it again.';
    return { ok: false, message: `“${file.name}” was not imported. ${message}` };
  }
}

/**
 * "Import agenda…": pasted lines, or one event from an .ics calendar file, shown as a preview
 * before anything is created. A file that cannot be read is refused with a message that says why,
 * and nothing is created; what does not fit the limits is listed, not silently dropped.
 */
export default function ImportAgendaDialog({ mode, existingItems, defaultTitle = '', onConfirm, onClose }: ImportAgendaDialogProps) {
  const id = useId();
  const [source, setSource] = useState<Source>('lines');
  const [lines, setLines] = useState('');
  const [fileName, setFileName] = useState('');
  const [fileResult, setFileResult] = useState<Parsed>(null);
  const [reading, setReading] = useState(false);
  const [title, setTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const parsed: Parsed = useMemo(() => {
    if (source === 'ics') return fileResult;
    if (!lines.trim()) return null;
    const agenda = parseAgendaLines(lines);
    return { ok: true, event: null, items: agenda.items, warnings: agenda.warnings };
  }, [source, lines, fileResult]);

  const onFile = async (file: File | undefined) => {
    setError(null);
    setTitle(null);
    setFileResult(null);
    setFileName(file?.name ?? '');
    if (!file) return;
    setReading(true);
    setFileResult(await readIcsFile(file));
    setReading(false);
  };

  // The limit counts what is already there: items past it are listed as left out.
  const room = Math.max(0, LIMITS.agendaItemsMax - existingItems);
  const ok = parsed?.ok ? parsed : null;
  const items = ok ? ok.items.slice(0, room) : [];
  const leftOut = ok ? ok.items.slice(room) : [];
  const event = ok?.event ?? null;
  const meetingTitle = (title ?? (event?.title || defaultTitle)).slice(0, LIMITS.titleMax);
  const full = ok !== null && room === 0 && ok.items.length > 0;

  const canConfirm =
    ok !== null && !full && (mode === 'create' ? meetingTitle.trim().length > 0 && (items.length > 0 || event !== null) : items.length > 0);

  const confirm = async () => {
    if (!ok || !canConfirm || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm({
        title: meetingTitle.trim(),
        scheduledAt: event?.scheduledAt ?? null,
        lead: event?.lead ?? '',
        participants: event?.participants ?? [],
        items,
      });
    } catch (reason) {
      setError(asApiError(reason).message);
      setBusy(false);
    }
  };

  const confirmLabel = mode === 'create' ? 'Fill in the form' : items.length > 0 ? `Add ${plural(items.length, 'item')}` : 'Add items';

  return (
    <Modal title="Import an agenda" onClose={onClose} busy={busy} className="import-dialog">
      <div className="dialog-body">
        <fieldset className="import-source">
          <legend>Import from</legend>
          <label className="checkbox">
            <input type="radio" name={`${id}-source`} checked={source === 'lines'} onChange={() => setSource('lines')} />
            Pasted lines
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-source`} checked={source === 'ics'} onChange={() => setSource('ics')} />A calendar event (.ics
            file)
          </label>
        </fieldset>

        {source === 'lines' ? (
          <div className="field">
            <label htmlFor={`${id}-lines`}>Agenda lines</label>
            <textarea
              id={`${id}-lines`}
              rows={7}
              value={lines}
              onChange={(event) => setLines(event.target.value)}
              aria-describedby={`${id}-lines-hint`}
            />
            <p id={`${id}-lines-hint`} className="hint">
              One agenda item per line. Bullets and numbers are dropped; “(15 min)” at the end of a line sets its timebox.
            </p>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-file`}>Calendar file (.ics)</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".ics,text/calendar"
              onChange={(event) => void onFile(event.target.files?.[0])}
              aria-describedby={`${id}-file-hint`}
            />
            <p id={`${id}-file-hint`} className="hint">
              Save or export the event from your calendar. Its title, start, attendees and the lines of its description are imported.
            </p>
            {reading ? (
              <p role="status" className="hint">
                Reading {fileName}…
              </p>
            ) : null}
          </div>
        )}

        {parsed && !parsed.ok ? (
          <div className="dialog-error import-refused" role="alert">
            {parsed.message}
          </div>
        ) : null}

        {ok ? (
          <section className="import-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>{mode === 'create' ? 'Preview of the meeting to create' : 'Preview of the items to add'}</h3>
            {full ? (
              <p className="field-error" role="alert">
                The agenda is full ({LIMITS.agendaItemsMax} items): nothing can be added.
              </p>
            ) : null}
            {ok.warnings.length > 0 || (leftOut.length > 0 && !full) ? (
              <div className="import-warnings" role="status">
                <p>Check before you go on:</p>
                <ul>
                  {ok.warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                  {leftOut.length > 0 && !full ? (
                    <li>
                      A meeting holds at most {LIMITS.agendaItemsMax} agenda items: only the first {plural(items.length, 'item')} fit;{' '}
                      {plural(leftOut.length, 'line is', 'lines are')} left out (from “{leftOut[0]!.title}”).
                    </li>
                  ) : null}
                </ul>
              </div>
            ) : null}
            {mode === 'create' ? (
              <CreatePreview id={id} title={meetingTitle} onTitle={setTitle} event={event} existingItems={existingItems} />
            ) : (
              <>
                {event ? (
                  <p className="hint">Only the event’s agenda lines are used here; the meeting keeps its title, start and participants.</p>
                ) : null}
                {existingItems > 0 ? <p className="hint">Added after the {plural(existingItems, 'item')} already in the agenda.</p> : null}
              </>
            )}
            <h4 className="import-items-heading">Agenda: {plural(items.length, 'item')}</h4>
            {items.length === 0 ? (
              <p className="muted">
                {event ? 'The event’s description has no lines to turn into agenda items.' : 'No agenda items in these lines.'}
              </p>
            ) : (
              <ol className="import-items" aria-label="Agenda items to import" tabIndex={0}>
                {items.map((item, index) => (
                  <li key={index}>
                    <span dir="auto">{item.title}</span>
                    {item.timeboxMinutes !== undefined ? <span className="muted"> · {item.timeboxMinutes} min</span> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        ) : null}
      </div>
      <DialogError>{error ? `Nothing was ${mode === 'create' ? 'filled in' : 'added'}: ${error}` : null}</DialogError>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        {/* Busy, the button stays focusable (aria-disabled): focus is not lost while the service works. */}
        <button
          type="button"
          className="button button-primary"
          onClick={() => void confirm()}
          disabled={!canConfirm}
          aria-disabled={busy || undefined}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** Create: the new meeting's title (editable), start, lead and participants, as they will be. */
function CreatePreview({
  id,
  title,
  onTitle,
  event,
  existingItems,
}: {
  id: string;
  title: string;
  onTitle: (title: string) => void;
  event: ImportedEvent | null;
  existingItems: number;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>Meeting title</label>
        <LimitedInput id={`${id}-title`} value={title} limit={LIMITS.titleMax} required onChange={(e) => onTitle(e.target.value)} />
        {title.trim() ? null : <p className="field-error">Give the meeting a title.</p>}
      </div>
      <dl className="facts import-facts">
        <dt>Start</dt>
        <dd>{event ? <time dateTime={event.scheduledAt}>{formatWhen(event.scheduledAt, 'full')}</time> : 'As set in the form'}</dd>
        {event ? (
          <>
            <dt>Lead</dt>
            <dd dir="auto">{event.lead || <span className="muted">None given</span>}</dd>
            <dt>Participants</dt>
            <dd>
              {event.participants.length ? (
                <span dir="auto">{event.participants.join(', ')}</span>
              ) : (
                <span className="muted">None given</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {existingItems > 0 ? (
        <p className="hint">After the {plural(existingItems, 'item')} already in the form, and with the chair chosen there.</p>
      ) : null}
    </>
  );
}
