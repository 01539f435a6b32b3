import { useId, type RefObject } from 'react';
import { plural } from '../../app/format';
import type { ExportResult } from './builders';
import type { LeftOut, Run, Stage } from './useReportRun';

const STAGE_TEXT: Record<Stage, string> = { reading: 'Reading meetings', building: 'Building the report' };

/** The report's progress (with Cancel) while it runs, then its outcome: saved, cancelled or failed. */
export function RunView({
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
  onSaveAgain: (result: ExportResult, total: number, included: number, leftOut: LeftOut) => Promise<void>;
}) {
  const textId = useId();
  if (run.phase === 'idle') return null;
  if (run.phase === 'running' || run.phase === 'saving') {
    const done = run.phase === 'running' ? run.done : run.total;
    const text =
      run.phase === 'running' ? `${STAGE_TEXT[run.stage]}: ${run.done} of ${plural(run.total, 'meeting')}` : 'Saving the report…';
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
            <LeftOutLine why="Left out, deleted since the list was shown" titles={run.leftOut.missing} />
            <LeftOutLine why="Left out, their files could not be read (damaged)" titles={run.leftOut.unreadable} />
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
            Cancelled after {run.stage === 'reading' ? 'reading' : 'building'} {run.done} of {plural(run.total, 'meeting')}. Nothing was
            saved.
          </p>
        ) : (
          <div className="form-alert" role="alert">
            <p>Could not build the report: {run.message}</p>
          </div>
        )}
      </div>
      {run.phase === 'done' ? (
        <div className="exp-actions">
          <button type="button" className="button" onClick={() => void onSaveAgain(run.result, run.total, run.included, run.leftOut)}>
            Save again
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** "Left out, …: A, B." naming each meeting; nothing when none was left out for that reason. */
function LeftOutLine({ why, titles }: { why: string; titles: string[] }) {
  if (titles.length === 0) return null;
  return (
    <p>
      {why}:{' '}
      {titles.map((title, index) => (
        <span key={index}>
          {index > 0 ? ', ' : ''}
          <span dir="auto">{title}</span>
        </span>
      ))}
      .
    </p>
  );
}
