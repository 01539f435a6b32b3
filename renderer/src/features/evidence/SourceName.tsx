import { useRef, useState } from 'react';
import type { EvidenceSource } from '../../../../shared/evidence/schema';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { useClient } from '../../app/clientContext';
import { asApiError } from '../../app/useLibrary';

/** A source's name with a Rename button; renaming happens in place (Enter saves, Escape cancels). */
export function SourceName({ source, onRenamed }: { source: EvidenceSource; onRenamed: () => void }) {
  const client = useClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  const stop = () => {
    setDraft(null);
    setError(null);
    // The button comes back on the next render: give it focus then.
    setTimeout(() => renameButton.current?.focus());
  };
  const save = async () => {
    if (draft === null) return;
    if (draft.trim() === source.name) return stop();
    setBusy(true);
    try {
      await client.call('evidence.renameSource', { id: source.id, name: draft });
      stop();
      onRenamed();
    } catch (reason) {
      setError(asApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  if (draft === null) {
    return (
      <span className="evidence-source-name">
        <span dir="auto">{source.name}</span>{' '}
        <button
          ref={renameButton}
          type="button"
          className="button button-small"
          aria-label={`Rename ${source.name}`}
          onClick={() => setDraft(source.name)}
        >
          Rename
        </button>
      </span>
    );
  }
  return (
    <span className="evidence-source-name">
      <input
        // Focus goes straight to the field the user asked to edit.
        autoFocus
        aria-label={`New name for ${source.name}`}
        aria-invalid={error ? true : undefined}
        value={draft}
        maxLength={EVIDENCE_LIMITS.sourceNameMax}
        disabled={busy}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            stop();
          }
        }}
      />
      <span className="muted"> Enter to save, Escape to cancel</span>
      {error ? (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  );
}
