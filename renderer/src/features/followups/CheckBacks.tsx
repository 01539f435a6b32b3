import './followups.css';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ImpactDirection } from '../../../../shared/domain';
import type { LedgerEntry } from '../../../../shared/ledger';
import { useClient } from '../../app/clientContext';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { formatDay, formatWhen } from '../../app/format';
import { updateThenFocus } from '../../app/focus';
import { asApiError } from '../../app/useLibrary';
import { ActionError } from '../../app/ActionError';

export const CHECK_BACK_QUESTION = 'Did this turn out for the customer as we expected?';

/**
 * The chair's check-back: decisions of earlier meetings whose review date has come. For each, the
 * lead records what actually happened; the answer is kept with the decision, in its own meeting.
 */
export function CheckBacks({ meetingId }: { meetingId: string }) {
  const client = useClient();
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const load = useCallback(() => {
    client
      .call('checkBacks.list', { meetingId })
      .then(setEntries)
      .catch((reason: unknown) => setError(asApiError(reason).message));
  }, [client, meetingId]);

  useEffect(() => {
    load();
    // An outcome recorded in another window changes another meeting: listen for every change.
    return client.subscribe((event) => {
      if (event.event === 'meeting.changed' && event.payload.id !== meetingId) load();
    });
  }, [client, load, meetingId]);

  if (!entries || entries.length === 0)
    return error ? (
      <p role="alert" className="field-error">
        {error}
      </p>
    ) : null;
  const pending = entries.filter((entry) => !entry.outcome).length;

  const record = async (entry: LedgerEntry, direction: ImpactDirection | null, note: string) => {
    setError(null);
    try {
      await client.call('decisions.recordOutcome', {
        meetingId: entry.meetingId,
        decisionId: entry.decisionId,
        outcome: direction ? { direction, note } : null,
        askedIn: direction ? meetingId : null,
      });
      load();
    } catch (reason) {
      setError(asApiError(reason).message);
    }
  };

  return (
    <section className="checkbacks" aria-labelledby={headingId}>
      <h3 id={headingId} className="subheading">
        Checking back <span className="heading-note">{pending > 0 ? `${pending} to answer` : 'all answered'}</span>
      </h3>
      <p className="chair-question">{CHECK_BACK_QUESTION}</p>
      <ul className="checkback-list">
        {entries.map((entry) => (
          <CheckBack key={entry.decisionId} entry={entry} onRecord={(direction, note) => record(entry, direction, note)} />
        ))}
      </ul>
      <ActionError message={error} />
    </section>
  );
}

function CheckBack({
  entry,
  onRecord,
}: {
  entry: LedgerEntry;
  onRecord: (direction: ImpactDirection | null, note: string) => Promise<void>;
}) {
  const [note, setNote] = useState(entry.outcome?.note ?? '');
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  const id = useId();
  // The answered row replaces the buttons once the new list arrives: then focus its "Change".
  const focusWhenAnswered = useRef(false);
  useEffect(() => {
    if (!focusWhenAnswered.current || !entry.outcome || changing) return;
    focusWhenAnswered.current = false;
    rowRef.current?.querySelector<HTMLElement>('.checkback-change')?.focus();
  }, [entry.outcome, changing]);
  const choose = async (direction: ImpactDirection) => {
    setBusy(true);
    try {
      focusWhenAnswered.current = true;
      await onRecord(direction, note);
      setChanging(false);
    } finally {
      setBusy(false);
    }
  };
  const asking = !entry.outcome || changing;
  return (
    <li ref={rowRef} className={asking ? 'checkback' : 'checkback checkback-done'}>
      <p dir="auto">
        <strong>{entry.text}</strong>
      </p>
      <p className="muted">
        “{entry.meetingTitle}”, <time dateTime={entry.scheduledAt}>{formatWhen(entry.scheduledAt)}</time> · predicted{' '}
        <strong>{DIRECTION_LABELS[entry.direction]}</strong> · review on {entry.reviewDate ? formatDay(entry.reviewDate) : '—'}
      </p>
      {!asking && entry.outcome ? (
        <p>
          Turned out: <strong>{DIRECTION_LABELS[entry.outcome.direction]}</strong>
          {entry.outcome.direction === entry.direction ? ' — as predicted.' : ' — not as predicted.'}{' '}
          <button
            type="button"
            className="button button-small button-quiet checkback-change"
            onClick={() =>
              updateThenFocus(
                () => setChanging(true),
                () => rowRef.current?.querySelector<HTMLElement>('input'),
              )
            }
          >
            Change
          </button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-note`} className="visually-hidden">
            What happened (optional)
          </label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What happened (optional)" />
          <fieldset disabled={busy}>
            <legend className="visually-hidden">How it actually affected the customer</legend>
            {DIRECTIONS.map((direction) => (
              <button
                key={direction}
                type="button"
                className="button button-small"
                aria-pressed={entry.outcome?.direction === direction}
                onClick={() => void choose(direction)}
              >
                {DIRECTION_LABELS[direction]}
              </button>
            ))}
            {changing ? (
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() =>
                  updateThenFocus(
                    () => setChanging(false),
                    () => rowRef.current?.querySelector<HTMLElement>('.checkback-change'),
                  )
                }
              >
                Cancel
              </button>
            ) : null}
          </fieldset>
        </>
      )}
    </li>
  );
}
