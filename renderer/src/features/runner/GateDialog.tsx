import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgendaItem } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { DialogError, Modal } from '../../app/Dialog';
import { shorten } from '../../app/format';
import { asApiError } from '../../app/useLibrary';

export type GateMove = 'next' | 'end';

export interface GateDialogProps {
  item: AgendaItem;
  move: GateMove;
  /** Close and put the cursor in the chair's answer. */
  onAnswer: () => void;
  /** Mark "No customer impact" with this reason, then move on. */
  onNoImpact: (reason: string) => Promise<void>;
  /** Move on without an answer, on purpose (counted as a skip). */
  onSkip: () => Promise<void>;
  onCancel: () => void;
}

/**
 * The impact gate: moving past an item the chair has no answer for asks the lead to answer it,
 * say why it has no customer impact, or skip it on purpose.
 */
export function GateDialog({ item, move, onAnswer, onNoImpact, onSkip, onCancel }: GateDialogProps) {
  const id = useId();
  const answerRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (reason) {
      const failure = asApiError(reason);
      setError(`${failure.message} (${failure.code})`);
      setBusy(false);
    }
  };

  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length === 0) {
      setReasonError('Give a reason: why does this item not affect the customer?');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    void run(() => onNoImpact(reason));
  };

  const then = move === 'next' ? 'move to the next item' : 'end the meeting';
  return (
    <Modal
      title="The chair has no answer yet"
      onClose={onCancel}
      busy={busy}
      initialFocus={answerRef}
      describedBy={`${id}-body`}
      className="gate-dialog"
    >
      <p id={`${id}-body`} className="dialog-body">
        How does “<span dir="auto">{shorten(item.title, 80)}</span>” affect the customer? Before you {then}, answer it, say why it has no
        customer impact, or skip it on purpose. Skips are counted.
      </p>
      <div className="gate-option">
        <button ref={answerRef} type="button" className="button button-primary" onClick={onAnswer} disabled={busy}>
          Answer it
        </button>
        <span className="hint">Puts the cursor in the chair’s answer.</span>
      </div>
      <form className="gate-option gate-reason" onSubmit={submitReason} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason for no customer impact</label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            dir="auto"
            rows={2}
            value={reason}
            maxLength={LIMITS.reasonMax}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-reason-error` : `${id}-reason-hint`}
            placeholder="e.g. Internal tooling only; no customer sees it"
          />
          {reasonError ? (
            <p id={`${id}-reason-error`} className="field-error">
              {reasonError}
            </p>
          ) : (
            <p id={`${id}-reason-hint`} className="hint">
              Required. Enter marks it.
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy}>
          No customer impact
        </button>
      </form>
      <div className="gate-option">
        <button type="button" className="button" onClick={() => void run(onSkip)} disabled={busy}>
          Skip on purpose
        </button>
        <span className="hint">Moves on without an answer; shown as skipped.</span>
      </div>
      <DialogError>{error}</DialogError>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
