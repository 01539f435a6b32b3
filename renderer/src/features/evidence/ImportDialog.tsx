import { useState } from 'react';
import type { ColumnMapping, EvidencePreview, ImportProgress } from '../../../../shared/evidence/schema';
import { Modal, DialogError } from '../../app/Dialog';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';
import { ImportingStep } from './ImportingStep';
import { namingFile } from './readEvidenceFiles';
import { ImportSourceForm, type SourceChoice } from './ImportSourceForm';
import { PreviewStep } from './PreviewStep';

type Step =
  | { name: 'choose' }
  | { name: 'preview'; choice: SourceChoice; preview: EvidencePreview }
  | { name: 'importing'; choice: SourceChoice; mapping: ColumnMapping | null; started: ImportProgress };

/** Import a source: choose the file, check the preview and the column mapping, then follow the import. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const client = useClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While an import runs, Escape does not close the dialog: Cancel import stops it, or it ends and Close appears.
  const [importEnded, setImportEnded] = useState(false);

  const run = async (task: () => Promise<void>, fileName: string) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (reason) {
      setError(namingFile(fileName, asApiError(reason).message));
    } finally {
      setBusy(false);
    }
  };
  const preview = (choice: SourceChoice) =>
    run(async () => {
      const result = await client.call('evidence.preview', { input: choice.inputs[0]! });
      setStep({ name: 'preview', choice, preview: result });
    }, fileLabel(choice));
  const start = (choice: SourceChoice, mapping: ColumnMapping | null) =>
    run(async () => {
      const started = await client.call('evidence.import', {
        source: { name: choice.name, kind: choice.kind },
        input: choice.inputs[0]!,
        ...(mapping ? { mapping } : {}),
      });
      setStep({ name: 'importing', choice, mapping, started });
    }, fileLabel(choice));

  return (
    <Modal
      title="Import customer evidence"
      onClose={onClose}
      busy={busy || (step.name === 'importing' && !importEnded)}
      className="evidence-import-dialog"
    >
      <div className="dialog-body">
        {step.name === 'choose' ? <ImportSourceForm busy={busy} onChosen={(choice) => void preview(choice)} onError={setError} /> : null}
        {step.name === 'preview' ? (
          <PreviewStep
            preview={step.preview}
            busy={busy}
            onBack={() => setStep({ name: 'choose' })}
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
      {step.name !== 'importing' ? (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : null}
    </Modal>
  );
}

function fileLabel(choice: SourceChoice): string {
  return choice.inputs.map((input) => (input.kind === 'path' ? input.path : input.fileName)).join(', ');
}
