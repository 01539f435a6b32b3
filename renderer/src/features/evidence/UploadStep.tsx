import { useEffect, useRef, useState } from 'react';
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import type { SourceChoice } from './ImportSourceForm';
import { dropUploads, megabytes, namingFile, uploadFile, UploadCancelled } from './readEvidenceFiles';

/** A choice whose files are all on the service's side: ready to preview and import. */
export interface ReadyChoice extends Omit<SourceChoice, 'inputs'> {
  inputs: EvidenceInput[];
}

/** Whether some picked file must be sent in chunks before the preview. */
export function needsUpload(choice: SourceChoice): boolean {
  return choice.inputs.some((input) => input.kind === 'file');
}

/**
 * Sends the large files of a choice in chunks, one after the other, with a progress bar and Cancel;
 * then hands on the choice with each file replaced by its upload.
 */
export function UploadStep({
  choice,
  onUploaded,
  onStopped,
}: {
  choice: SourceChoice;
  onUploaded: (ready: ReadyChoice) => void;
  /** Cancelled or failed (the message says which); what was sent is removed. */
  onStopped: (message: string) => void;
}) {
  const client = useClient();
  const [sending, setSending] = useState({ index: 0, received: 0, size: 0 });
  const cancelled = useRef(false);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    let live = true;
    const done: EvidenceInput[] = [];
    const run = async () => {
      try {
        for (const [index, input] of choice.inputs.entries()) {
          if (input.kind !== 'file') {
            done.push(input);
            continue;
          }
          done.push(
            await uploadFile(client, input.file, {
              onProgress: (received, size) => live && setSending({ index, received, size }),
              cancelled: () => cancelled.current || !live,
            }),
          );
        }
        if (live) onUploaded({ ...choice, inputs: done });
      } catch (reason) {
        dropUploads(client, done);
        if (!live) return;
        const label = choice.labels[done.length] ?? 'the file';
        onStopped(reason instanceof UploadCancelled ? reason.message : namingFile(label, asApiError(reason).message));
      }
    };
    void run();
    return () => {
      live = false;
    };
    // One upload per choice: the callbacks are the dialog's and change every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, choice]);

  const label = choice.labels[sending.index] ?? '';
  return (
    <div className="evidence-progress">
      {choice.inputs.length > 1 ? (
        <p>
          File {sending.index + 1} of {choice.inputs.length}
        </p>
      ) : null}
      <p role="status" aria-live="polite">
        Sending {label}: {megabytes(sending.received)} of {megabytes(sending.size)}
        {sending.size > 0 ? ` (${Math.floor((100 * sending.received) / sending.size)}%)` : ''}.
      </p>
      <progress value={sending.received} max={Math.max(1, sending.size)} aria-label={`Sending ${label}`} />
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          disabled={cancelling}
          onClick={() => {
            cancelled.current = true;
            setCancelling(true);
          }}
        >
          Cancel sending
        </button>
      </div>
    </div>
  );
}
