import { useRef, useState } from 'react';
import type { ColumnMapping, EvidencePreview, EvidenceSource, ImportProgress } from '../../../../shared/evidence/schema';
import { Modal, DialogError } from '../../app/Dialog';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import { ImportingStep } from './ImportingStep';
import { dropUploads, namingFile } from './readEvidenceFiles';
import { ImportSourceForm, type SourceChoice } from './ImportSourceForm';
import { PreviewStep } from './PreviewStep';
import { needsUpload, UploadStep, type ReadyChoice } from './UploadStep';

type Step =
  | { name: 'choose' }
  | { name: 'uploading'; choice: SourceChoice }
  | { name: 'preview'; choice: ReadyChoice; preview: EvidencePreview }
  | { name: 'importing'; choice: ReadyChoice; mapping: ColumnMapping | null; started: ImportProgress };

/**
 * Import a source: choose the file (large files are sent in chunks first, with progress), check the
 * preview and the column mapping, then follow the import. With `source`, re-import into it: its saved
 * mapping is used and the import starts at once.
 */
export function ImportDialog({ source, onClose, onImported }: { source?: EvidenceSource; onClose: () => void; onImported: () => void }) {
  const client = useClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While an import runs, Escape does not close the dialog: Cancel import stops it, or it ends and Close appears.
  const [importEnded, setImportEnded] = useState(false);
  const imported = useRef(false);

  const run = async (task: () => Promise<void>, choice: ReadyChoice) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (reason) {
      setError(namingFile(choice.labels[0] ?? '', asApiError(reason).message));
      // Refused after the files were sent: back to choosing, and the sent files are removed.
      setStep((current) => {
        if (current.name !== 'uploading') return current;
        dropUploads(client, choice.inputs);
        return { name: 'choose' };
      });
    } finally {
      setBusy(false);
    }
  };
  const ready = (choice: ReadyChoice) => (source ? void start(choice, null) : void preview(choice));
  const preview = (choice: ReadyChoice) =>
    run(async () => {
      const result = await client.call('evidence.preview', { input: choice.inputs[0]! });
      setStep({ name: 'preview', choice, preview: result });
    }, choice);
  const start = (choice: ReadyChoice, mapping: ColumnMapping | null) =>
    run(async () => {
      const started = await client.call('evidence.import', {
        ...(source ? { sourceId: source.id } : { source: { name: choice.name, kind: choice.kind } }),
        input: choice.inputs[0]!,
        ...(mapping ? { mapping } : {}),
      });
      imported.current = true;
      setStep({ name: 'importing', choice, mapping, started });
    }, choice);
  const close = () => {
    // Files sent but never imported are removed at once, not when they would time out.
    if (!imported.current && step.name === 'preview') dropUploads(client, step.choice.inputs);
    onClose();
  };

  return (
    <Modal
      title={source ? `Re-import “${source.name}”` : 'Import customer evidence'}
      onClose={close}
      busy={busy || step.name === 'uploading' || (step.name === 'importing' && !importEnded)}
      className="evidence-import-dialog"
    >
      <div className="dialog-body">
        {step.name === 'choose' ? (
          <ImportSourceForm
            busy={busy}
            source={source}
            onChosen={(choice) => {
              setError(null);
              if (needsUpload(choice)) setStep({ name: 'uploading', choice });
              else ready(choice as ReadyChoice);
            }}
            onError={setError}
          />
        ) : null}
        {step.name === 'uploading' ? (
          <UploadStep
            choice={step.choice}
            onUploaded={ready}
            onStopped={(message) => {
              setError(message);
              setStep({ name: 'choose' });
            }}
          />
        ) : null}
        {step.name === 'preview' ? (
          <PreviewStep
            preview={step.preview}
            busy={busy}
            onBack={() => {
              dropUploads(client, step.choice.inputs);
              setStep({ name: 'choose' });
            }}
            onImport={(mapping) => void start(step.choice, mapping)}
          />
        ) : null}
        {step.name === 'importing' ? (
          <ImportingStep
            choice={step.choice}
            mapping={step.mapping}
            started={step.started}
            onImported={onImported}
            onClose={onClose}
            onEnded={() => setImportEnded(true)}
          />
        ) : null}
      </div>
      <DialogError>{error}</DialogError>
      {step.name === 'choose' || step.name === 'preview' ? (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : null}
    </Modal>
  );
}
