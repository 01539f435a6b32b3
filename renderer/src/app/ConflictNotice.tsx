import { useId } from 'react';

/**
 * Shown at a text field when another window changed the same text while this one had unsaved
 * keystrokes. Nothing is saved until the user chooses: neither text is ever dropped silently.
 */
export function ConflictNotice({
  label,
  theirs,
  onKeepMine,
  onUseTheirs,
}: {
  label: string;
  theirs: string;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  const id = useId();
  return (
    <div className="conflict" role="alert" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="conflict-title">
        {label} was changed in another window while you were typing. Yours is not saved until you choose.
      </p>
      <p className="conflict-label">Their text:</p>
      <p className="conflict-theirs" dir="auto">
        {theirs || <span className="muted">(empty)</span>}
      </p>
      <div className="conflict-actions">
        <button type="button" className="button button-small" onClick={onKeepMine}>
          Keep my text
        </button>
        <button type="button" className="button button-small" onClick={onUseTheirs}>
          Use their text
        </button>
      </div>
    </div>
  );
}
