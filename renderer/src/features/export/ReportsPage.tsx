import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Library, MeetingSummary } from '../../../../shared/domain';
import { useFocusIfLost } from '../../app/useFocusIfLost';
import { useLibrary } from '../../app/useLibrary';
import type { ExportFormat } from './builders';
import { FormatFieldset, MeetingsFieldset, type PickMode } from './ReportFields';
import { RunView } from './ReportRunView';
import { compareOldestFirst, defaultRange, meetingsInRange, rangeProblem, type DateRange } from './reportSelection';
import { saveFile, type SaveSink } from './saveFile';
import { useReportRun } from './useReportRun';
import './export.css';

export interface ReportsPageProps {
  /** The library the shell already has (ScreenProps.library); fetched here when left out. */
  library?: Library | undefined;
  /** Where the report goes; saveFile (desktop dialog or download) unless a test puts a stub here. */
  save?: SaveSink;
}

/**
 * A report over several meetings: picked by date range or one by one, in Markdown, HTML, CSV or
 * JSON. Meetings are read one at a time with a progress bar ("12 of 40 meetings"), the report is
 * built in chunks, and Cancel stops either stage at once; nothing is saved after a cancel
 * (useReportRun.ts).
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
  const ids = useId();
  const [mode, setMode] = useState<PickMode>('range');
  const [range, setRange] = useState<DateRange>(() => defaultRange());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [format, setFormat] = useState<ExportFormat>('md');
  const [formError, setFormError] = useState<string | null>(null);
  const { run, build, saveAgain, cancel } = useReportRun(library, save);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const formAlertRef = useRef<HTMLDivElement>(null);
  useFocusIfLost(headingRef, true);

  const meetings = library.meetings;
  const problem = mode === 'range' ? rangeProblem(range) : null;
  const selected: MeetingSummary[] = useMemo(
    () => (mode === 'range' ? meetingsInRange(meetings, range) : meetings.filter((m) => chosen.has(m.id)).sort(compareOldestFirst)),
    [mode, meetings, range, chosen],
  );

  const busy = run.phase === 'running' || run.phase === 'saving';
  useEffect(() => {
    if (run.phase === 'running') cancelRef.current?.focus();
    else if (run.phase === 'done' || run.phase === 'cancelled' || run.phase === 'failed') resultRef.current?.focus();
  }, [run.phase]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const why =
      problem ??
      (selected.length === 0 ? (mode === 'range' ? 'No meeting is scheduled in this range.' : 'Choose at least one meeting.') : null);
    setFormError(why);
    if (why) {
      // After the alert renders, so it is read out where focus lands.
      setTimeout(() => formAlertRef.current?.focus(), 0);
      return;
    }
    void build({ picked: selected, format, range: mode === 'range' ? range : undefined });
  };

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
        <MeetingsFieldset
          ids={ids}
          disabled={busy}
          meetings={meetings}
          mode={mode}
          onMode={setMode}
          range={range}
          onRange={setRange}
          problem={problem}
          selected={selected}
          chosen={chosen}
          onChosen={setChosen}
        />
        <FormatFieldset ids={ids} disabled={busy} format={format} onFormat={setFormat} />

        <div ref={formAlertRef} tabIndex={-1} role="alert" className={formError ? 'form-alert' : 'form-alert-empty'}>
          {formError ? <p>{formError}</p> : null}
        </div>

        <div className="exp-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Build report
          </button>
        </div>
      </form>

      <RunView run={run} cancelRef={cancelRef} resultRef={resultRef} onCancel={cancel} onSaveAgain={saveAgain} />
    </section>
  );
}
