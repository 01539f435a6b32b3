import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { Library, Meeting, MeetingSummary } from '../../../../shared/domain';
import { useClient } from '../../app/clientContext';
import { formatWhen, plural, STATUS_LABELS } from '../../app/format';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { asApiError, useLibrary } from '../../app/useLibrary';
import type { ExportFormat, ExportResult } from './builders';
import { describeSave, type ExportStatus } from './ExportMenu';
import { loadBuilders } from './loadBuilders';
import { compareOldestFirst, defaultRange, meetingsInRange, rangeProblem, type DateRange } from './reportSelection';
import { saveFile, type SaveSink } from './saveFile';
import './export.css';

const FORMATS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'md', label: 'Markdown', hint: 'A report: coverage per meeting, totals and flagged decisions.' },
  { format: 'html', label: 'HTML', hint: 'The same report as a self-contained web page, ready to print.' },
  { format: 'csv', label: 'CSV', hint: 'Every decision of every meeting, one per row, for a spreadsheet.' },
  { format: 'json', label: 'JSON', hint: 'Every meeting in full, to import elsewhere or keep as an archive.' },
];

type Stage = 'reading' | 'building';

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; stage: Stage; done: number; total: number }
  | { phase: 'saving'; total: number }
  | { phase: 'done'; total: number; included: number; result: ExportResult; status: ExportStatus | null; missing: string[] }
  | { phase: 'cancelled'; stage: Stage; done: number; total: number }
  | { phase: 'failed'; message: string };

class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

/** Resolves with the promise, or rejects with Cancelled as soon as the signal fires. */
function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const STAGE_TEXT: Record<Stage, string> = { reading: 'Reading meetings', building: 'Building the report' };

export interface ReportsPageProps {
  /** The library the shell already has (ScreenProps.library); fetched here when left out. */
  library?: Library | undefined;
  /** Where the report goes; saveFile (desktop dialog or download) unless a test puts a stub here. */
  save?: SaveSink;
}

/**
 * A report over several meetings: picked by date range or one by one, in Markdown, HTML, CSV or
 * JSON. Meetings are read one at a time with a progress bar ("12 of 40 meetings"), the report is
 * built in chunks, and Cancel stops either stage at once; nothing is saved after a cancel.
 */
export function ReportsPage({ library, save }: ReportsPageProps) {
  return library ? <Reports library={library} save={save ?? saveFile} /> : <ReportsWithLibrary save={save ?? saveFile} />;
}

function ReportsWithLibrary({ save }: { save: SaveSink }) {
  const { library, error, reload } = useLibrary();
  if (!library) {
    return (
      <section aria-labelledby="reports-title">
        <h1 id="reports-title" tabIndex={-1}>
          {error ? 'Reports are not available' : 'Loading your meetings…'}
        </h1>
        {error ? (
          <div role="alert" className="form-alert">
            <p>
              Could not load your meetings: {error.message} ({error.code})
            </p>
            <button type="button" className="button button-small" onClick={reload}>
              Try again
            </button>
          </div>
        ) : null}
      </section>
    );
  }
  return <Reports library={library} save={save} />;
}

function Reports({ library, save }: { library: Library; save: SaveSink }) {
  const client = useClient();
  const ids = useId();
  const [mode, setMode] = useState<'range' | 'choose'>('range');
  const [range, setRange] = useState<DateRange>(() => defaultRange());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [format, setFormat] = useState<ExportFormat>('md');
  const [formError, setFormError] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const formAlertRef = useRef<HTMLDivElement>(null);
  useFocusIfLost(headingRef, true);

  // Stop reading meetings when the page goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  const meetings = library.meetings;
  const problem = mode === 'range' ? rangeProblem(range) : null;
  const selected: MeetingSummary[] = useMemo(
    () => (mode === 'range' ? meetingsInRange(meetings, range) : meetings.filter((m) => chosen.has(m.id)).sort(compareOldestFirst)),
    [mode, meetings, range, chosen],
  );

  const busy = run.phase === 'running' || run.phase === 'saving';
  const phaseKey = run.phase === 'running' ? 'running' : run.phase;
  useEffect(() => {
    if (phaseKey === 'running') cancelRef.current?.focus();
    else if (phaseKey === 'done' || phaseKey === 'cancelled' || phaseKey === 'failed') resultRef.current?.focus();
  }, [phaseKey]);

  const saveResult = async (result: ExportResult, total: number, included: number, missing: string[]) => {
    setRun({ phase: 'saving', total });
    let status: ExportStatus;
    try {
      status = describeSave(await save({ fileName: result.fileName, mimeType: result.mimeType, content: result.text }), result.fileName);
    } catch (error) {
      status = { tone: 'error', text: `Could not save “${result.fileName}”: ${asApiError(error).message}` };
    }
    setRun({ phase: 'done', total, included, result, status, missing });
  };

  const build = async (picked: readonly MeetingSummary[]) => {
    const controller = new AbortController();
    abortRef.current?.abort();
    abortRef.current = controller;
    const total = picked.length;
    let progress: { stage: Stage; done: number; total: number } = { stage: 'reading', done: 0, total };
    const report = (next: typeof progress) => {
      progress = next;
      setRun({ phase: 'running', ...next });
    };
    report(progress);
    const loaded: Meeting[] = [];
    const missing: string[] = [];
    try {
      const buildersLoading = loadBuilders();
      for (const [index, summary] of picked.entries()) {
        try {
          loaded.push(await unlessCancelled(client.call('meetings.get', { id: summary.id }), controller.signal));
        } catch (error) {
          // Deleted since the list was drawn: left out and named, the rest still makes a report.
          if (error instanceof Cancelled || asApiError(error).code !== 'not_found') throw error;
          missing.push(summary.title);
        }
        report({ stage: 'reading', done: index + 1, total });
      }
      const { exportMeetings } = await unlessCancelled(buildersLoading, controller.signal);
      report({ stage: 'building', done: 0, total: loaded.length });
      const result = await unlessCancelled(
        exportMeetings(loaded, library, format, {
          range: mode === 'range' ? range : undefined,
          onProgress: (done, of) => {
            // Thrown between two chunks, this stops the report where it is.
            if (controller.signal.aborted) throw new Cancelled();
            report({ stage: 'building', done, total: of });
          },
        }),
        controller.signal,
      );
      if (controller.signal.aborted) throw new Cancelled();
      abortRef.current = null;
      await saveResult(result, total, loaded.length, missing);
    } catch (error) {
      if (abortRef.current === controller) abortRef.current = null;
      if (error instanceof Cancelled) setRun({ phase: 'cancelled', ...progress });
      else setRun({ phase: 'failed', message: `${asApiError(error).message} (${asApiError(error).code})` });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const why = problem ?? (selected.length === 0 ? (mode === 'range' ? 'No meeting is scheduled in this range.' : 'Choose at least one meeting.') : null);
    setFormError(why);
    if (why) {
      // After the alert renders, so it is read out where focus lands.
      setTimeout(() => formAlertRef.current?.focus(), 0);
      return;
    }
    void build(selected);
  };

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="exp-reports" aria-labelledby="reports-title">
      <div className="screen-header">
        <div>
          <h1 ref={headingRef} id="reports-title" tabIndex={-1}>
            Meeting impact report
          </h1>
          <p className="muted">Several meetings in one file: chair coverage per meeting, totals, and every flagged decision.</p>
        </div>
      </div>

      <form className="card exp-report-form" onSubmit={onSubmit} noValidate aria-labelledby="reports-title">
        <fieldset className="exp-fieldset" disabled={busy}>
          <legend>Meetings</legend>
          <div className="exp-choices">
            <label>
              <input type="radio" name={`${ids}-mode`} value="range" checked={mode === 'range'} onChange={() => setMode('range')} /> By date range
            </label>
            <label>
              <input type="radio" name={`${ids}-mode`} value="choose" checked={mode === 'choose'} onChange={() => setMode('choose')} /> One by
              one
            </label>
          </div>

          {mode === 'range' ? (
            <div className="exp-range">
              <div className="field">
                <label htmlFor={`${ids}-from`}>From</label>
                <input
                  id={`${ids}-from`}
                  type="date"
                  value={range.from}
                  max={range.to || undefined}
                  onChange={(event) => setRange((current) => ({ ...current, from: event.target.value }))}
                />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-to`}>To</label>
                <input
                  id={`${ids}-to`}
                  type="date"
                  value={range.to}
                  min={range.from || undefined}
                  onChange={(event) => setRange((current) => ({ ...current, to: event.target.value }))}
                />
              </div>
              <p className="exp-range-count" aria-live="polite">
                {problem ?? `${plural(selected.length, 'meeting')} in this range, both days included.`}
              </p>
            </div>
          ) : (
            <div className="exp-pick">
              <div className="exp-pick-tools">
                <span aria-live="polite">
                  {selected.length} of {plural(meetings.length, 'meeting')} chosen
                </span>
                <button type="button" className="button button-small" onClick={() => setChosen(new Set(meetings.map((m) => m.id)))}>
                  Choose all
                </button>
                <button type="button" className="button button-small" onClick={() => setChosen(new Set())}>
                  Clear
                </button>
              </div>
              {meetings.length === 0 ? (
                <p className="muted">There are no meetings yet.</p>
              ) : (
                <ul className="exp-pick-list" aria-label="Meetings">
                  {meetings.map((meeting) => (
                    <li key={meeting.id}>
                      <label>
                        <input type="checkbox" checked={chosen.has(meeting.id)} onChange={(event) => toggle(meeting.id, event.target.checked)} />{' '}
                        <span className="exp-pick-title" dir="auto">
                          {meeting.title}
                        </span>{' '}
                        <span className="muted">
                          <time dateTime={meeting.scheduledAt}>{formatWhen(meeting.scheduledAt)}</time> · {STATUS_LABELS[meeting.status]}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </fieldset>

        <fieldset className="exp-fieldset" disabled={busy}>
          <legend>Format</legend>
          <div className="exp-formats">
            {FORMATS.map((option) => (
              <label key={option.format} className="exp-format">
                <input type="radio" name={`${ids}-format`} value={option.format} checked={format === option.format} onChange={() => setFormat(option.format)} />
                <span>
                  <span className="exp-format-label">{option.label}</span>
                  <span className="hint">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div ref={formAlertRef} tabIndex={-1} role="alert" className={formError ? 'form-alert' : 'form-alert-empty'}>
          {formError ? <p>{formError}</p> : null}
        </div>

        <div className="exp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Build report
          </button>
        </div>
      </form>

      <RunView run={run} cancelRef={cancelRef} resultRef={resultRef} onCancel={() => abortRef.current?.abort()} onSaveAgain={saveResult} />
    </section>
  );
}

function RunView({
  run,
  cancelRef,
  resultRef,
  onCancel,
  onSaveAgain,
}: {
  run: Run;
  cancelRef: RefObject<HTMLButtonElement | null>;
  resultRef: RefObject<HTMLDivElement | null>;
  onCancel: () => void;
  onSaveAgain: (result: ExportResult, total: number, included: number, missing: string[]) => Promise<void>;
}) {
  const textId = useId();
  if (run.phase === 'idle') return null;
  if (run.phase === 'running' || run.phase === 'saving') {
    const done = run.phase === 'running' ? run.done : run.total;
    const text = run.phase === 'running' ? `${STAGE_TEXT[run.stage]}: ${run.done} of ${plural(run.total, 'meeting')}` : 'Saving the report…';
    return (
      <section className="card exp-run" aria-label="Report progress" aria-busy="true">
        <p id={textId} className="exp-progress-text">
          {text}
        </p>
        <progress className="exp-progress" value={done} max={Math.max(1, run.total)} aria-labelledby={textId} />
        <div className="exp-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={run.phase === 'saving'}>
            Cancel
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="card exp-run" aria-label="Report">
      {/* Focus moves here when the run ends, so the outcome is read out. */}
      <div ref={resultRef} tabIndex={-1} className="exp-result">
        {run.phase === 'done' ? (
          <>
            <p id={textId} className="exp-progress-text">
              Report ready: {run.included} of {plural(run.total, 'meeting')}.
            </p>
            <progress className="exp-progress" value={run.included} max={Math.max(1, run.total)} aria-labelledby={textId} />
            {run.missing.length > 0 ? (
              <p>
                Left out, deleted since the list was shown:{' '}
                {run.missing.map((title, index) => (
                  <span key={index}>
                    {index > 0 ? ', ' : ''}
                    <span dir="auto">{title}</span>
                  </span>
                ))}
                .
              </p>
            ) : null}
            {run.status?.tone === 'error' ? (
              <div className="form-alert" role="alert">
                <p>{run.status.text}</p>
              </div>
            ) : run.status ? (
              <p role="status">{run.status.text}</p>
            ) : null}
          </>
        ) : run.phase === 'cancelled' ? (
          <p role="status">
            Cancelled after {run.stage === 'reading' ? 'reading' : 'building'} {run.done} of {plural(run.total, 'meeting')}. Nothing was saved.
          </p>
        ) : (
          <div className="form-alert" role="alert">
            <p>Could not build the report: {run.message}</p>
          </div>
        )}
      </div>
      {run.phase === 'done' ? (
        <div className="exp-actions">
          <button type="button" className="button" onClick={() => void onSaveAgain(run.result, run.total, run.included, run.missing)}>
            Save again
          </button>
        </div>
      ) : null}
    </section>
  );
}
