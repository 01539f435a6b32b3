import { useEffect, useState } from 'react';
import type { ImportProgress, SkipReason } from '../../../../shared/evidence/schema';
import { useClient } from '../../app/clientContext';
import { plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { namingFile } from './readEvidenceFiles';

export const IMPORT_POLL_MS = 250;

const SKIP_LABELS: Record<SkipReason, string> = {
  empty_text: 'no text',
  ragged_row: 'wrong number of columns',
  not_an_object: 'not an object',
  bad_json: 'not valid JSON',
  duplicate_in_file: 'repeated in the file',
};

/** Follows a running import until it ends, asking for its progress every quarter second. */
export function useImportJob(started: ImportProgress, onEnded: (progress: ImportProgress) => void): ImportProgress {
  const client = useClient();
  const [progress, setProgress] = useState(started);
  useEffect(() => {
    if (progress.state !== 'running') {
      onEnded(progress);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('evidence.importStatus', { jobId: progress.jobId })
        // A copy: an in-process transport may answer the job's own object, and the next poll needs a new state.
        .then((next) => live && setProgress({ ...next }))
        .catch((reason: unknown) => {
          if (live)
            setProgress({ ...progress, state: 'failed', error: { code: asApiError(reason).code, message: asApiError(reason).message } });
        });
    }, IMPORT_POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // onEnded is the dialog's callback; a new one each render must not restart the poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, progress]);
  return progress;
}

/** Rows read, kept and skipped (with why), then the outcome. */
export function ImportProgressView({ progress }: { progress: ImportProgress }) {
  const skipped = Object.entries(progress.skipped) as [SkipReason, number][];
  const skippedCount = skipped.reduce((sum, [, count]) => sum + count, 0);
  return (
    <div className="evidence-progress">
      <p role="status" aria-live="polite">
        {progress.state === 'running' ? `Importing ${progress.fileName}… ` : null}
        {plural(progress.rowsRead, 'row')} read, {progress.rowsKept} kept, {skippedCount} skipped.
      </p>
      {progress.state === 'running' && progress.bytesTotal > 0 ? (
        <progress value={progress.bytesRead} max={progress.bytesTotal} aria-label={`Reading ${progress.fileName}`} />
      ) : null}
      {skipped.length > 0 ? (
        <ul className="evidence-skipped" aria-label="Skipped rows">
          {skipped.map(([reason, count]) => (
            <li key={reason}>
              {count} with {SKIP_LABELS[reason]}
              {examples(progress, reason)}
            </li>
          ))}
        </ul>
      ) : null}
      {progress.textsCut > 0 ? (
        <p>
          {plural(progress.textsCut, 'text')} longer than the limit {progress.textsCut === 1 ? 'was' : 'were'} cut.
        </p>
      ) : null}
      <Outcome progress={progress} />
    </div>
  );
}

function examples(progress: ImportProgress, reason: SkipReason): string {
  const where = progress.skippedExamples.filter((example) => example.reason === reason).map((example) => example.where);
  return where.length > 0 ? ` (${where.join(', ')})` : '';
}

function Outcome({ progress }: { progress: ImportProgress }) {
  if (progress.state === 'done')
    return (
      <p className="evidence-summary" role="status">
        Done: {progress.added} added, {progress.updated} updated, {progress.unchanged} unchanged.
      </p>
    );
  if (progress.state === 'cancelled') return <p role="status">Import cancelled: nothing was changed.</p>;
  if (progress.state === 'failed')
    return (
      <p className="dialog-error" role="alert">
        {namingFile(progress.fileName, progress.error?.message ?? 'the import failed')} Nothing was changed.
      </p>
    );
  return null;
}
