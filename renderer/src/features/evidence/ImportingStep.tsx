import { useState } from 'react';
import type { ColumnMapping, ImportProgress } from '../../../../shared/evidence/schema';
import { DialogError } from '../../app/Dialog';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import { ImportProgressView, useImportJob } from './ImportProgressView';
import { dropUploads, namingFile } from './readEvidenceFiles';
import type { ReadyChoice } from './UploadStep';

interface Totals {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Follows the imports of a choice, one file after the other: the first created the source, each next
 * file adds to it once the one before is done (each file is all or nothing on its own).
 */
export function ImportingStep(props: {
  choice: ReadyChoice;
  mapping: ColumnMapping | null;
  started: ImportProgress;
  onImported: () => void;
  onClose: () => void;
  /** The last import ended (done, failed or cancelled): the dialog may close again. */
  onEnded: () => void;
}) {
  const { choice, mapping, onImported, onClose } = props;
  const client = useClient();
  const [job, setJob] = useState({ index: 0, started: props.started });
  const [before, setBefore] = useState<Totals>({ added: 0, updated: 0, unchanged: 0 });
  const [final, setFinal] = useState<Totals | null>(null);
  const [ended, setEnded] = useState(false);
  const end = (from = job.index + 1) => {
    // Files of the choice that will not be imported now: their uploads are removed.
    dropUploads(client, choice.inputs.slice(from));
    setEnded(true);
    props.onEnded();
  };
  const [error, setError] = useState<string | null>(null);
  const count = choice.inputs.length;

  const onEnded = (progress: ImportProgress) => {
    if (progress.state !== 'done') return end();
    onImported();
    const totals = {
      added: before.added + progress.added,
      updated: before.updated + progress.updated,
      unchanged: before.unchanged + progress.unchanged,
    };
    const next = choice.inputs[job.index + 1];
    if (!next || !progress.sourceId) {
      setFinal(totals);
      return end();
    }
    client
      .call('evidence.import', { sourceId: progress.sourceId, input: next, ...(mapping ? { mapping } : {}) })
      .then((started) => {
        setBefore(totals);
        setJob({ index: job.index + 1, started });
      })
      .catch((reason: unknown) => {
        setError(namingFile(choice.labels[job.index + 1] ?? '', asApiError(reason).message));
        end(job.index + 1);
      });
  };

  return (
    <>
      {count > 1 ? (
        <p>
          File {job.index + 1} of {count}
        </p>
      ) : null}
      <JobView key={job.index} started={job.started} onEnded={onEnded} onCancelError={setError} />
      {final && count > 1 ? (
        <p role="status">
          All {count} files: {final.added} added, {final.updated} updated, {final.unchanged} unchanged.
        </p>
      ) : null}
      <DialogError>{error}</DialogError>
      {ended ? (
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      ) : null}
    </>
  );
}

function JobView({
  started,
  onEnded,
  onCancelError,
}: {
  started: ImportProgress;
  onEnded: (progress: ImportProgress) => void;
  onCancelError: (message: string) => void;
}) {
  const client = useClient();
  const progress = useImportJob(started, onEnded);
  return (
    <>
      <ImportProgressView progress={progress} />
      {progress.state === 'running' ? (
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              client
                .call('evidence.importCancel', { jobId: progress.jobId })
                .catch((reason: unknown) => onCancelError(asApiError(reason).message));
            }}
          >
            Cancel import
          </button>
        </div>
      ) : null}
    </>
  );
}
