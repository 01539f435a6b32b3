import './followups.css';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FollowUp, Meeting, MeetingSummary } from '../../../../shared/domain';
import { isOpen, isOverdue, localDay } from '../../../../shared/followUps';
import { LIMITS } from '../../../../shared/limits';
import { formatDay } from '../../app/format';
import { updateThenFocus } from '../../app/focus';
import { useAction } from '../../app/useAction';
import { asApiError } from '../../app/useLibrary';
import { useMeetingCall } from '../../app/meetingContext';
import { ActionError } from '../../app/ActionError';

/** Today as YYYY-MM-DD in the user's time zone: what "overdue" is measured against. */
export const localToday = (now = new Date()): string => localDay(now);

interface Props {
  meeting: Meeting;
  /** The library's meetings, to name where a carried follow-up came from or went. */
  meetings: readonly MeetingSummary[];
  showToast: (message: string, action?: { label: string; run: () => void }) => void;
  /** Heading level: a card of its own (2) or a part of a summary (3). */
  level?: 2 | 3;
}

/**
 * The meeting's actions: owner, due date and done, overdue ones marked, carried ones saying from
 * where. Open ones are carried into the next meeting of the series. Removing can be undone.
 */
export function FollowUps({ meeting, meetings, showToast, level = 2 }: Props) {
  const call = useMeetingCall();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const today = localToday();
  const titleOf = (id: string) => meetings.find((m) => m.id === id)?.title ?? 'a deleted meeting';
  const open = meeting.followUps.filter(isOpen);
  const overdue = open.filter((f) => isOverdue(f, today)).length;
  const Heading = level === 2 ? 'h2' : 'h3';

  const run = (promise: Promise<unknown>) => {
    setError(null);
    promise.catch((reason: unknown) => setError(asApiError(reason).message));
  };

  // Back to the row's Edit button, so the keyboard user is where they were.
  const closeEditor = (followUpId: string) =>
    updateThenFocus(
      () => setEditing(null),
      () => document.querySelector<HTMLElement>(`[data-follow-up-id="${followUpId}"] .followup-edit`),
    );

  const remove = (followUp: FollowUp, row: HTMLElement | null) => {
    const index = meeting.followUps.findIndex((f) => f.id === followUp.id);
    // The row goes with the answer: focus moves to a neighbour's button (or the heading) first.
    const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('button, input');
    run(
      call('followUps.remove', { meetingId: meeting.id, followUpId: followUp.id }).then(() => {
        (neighbour?.isConnected ? neighbour : headingRef.current)?.focus();
        showToast(`Removed the follow-up “${followUp.text.slice(0, 40)}”.`, {
          label: 'Undo',
          run: () => run(call('followUps.restore', { meetingId: meeting.id, index, followUp })),
        });
      }),
    );
  };

  return (
    <section className={level === 2 ? 'card followups' : 'followups'} aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className={level === 3 ? 'subheading' : undefined}>
        Follow-ups{' '}
        <span className="heading-note">
          {open.length} open
          {overdue > 0 ? `, ${overdue} overdue` : ''}
        </span>
      </Heading>
      {meeting.followUps.length === 0 ? (
        <p className="muted">None yet. Add an action with an owner and a due date; open ones carry into the next meeting of the series.</p>
      ) : (
        <ul className="followup-list">
          {meeting.followUps.map((followUp) =>
            followUp.id === editing ? (
              <li key={followUp.id} className="followup">
                <FollowUpFields
                  label={`Edit follow-up: ${followUp.text}`}
                  initial={followUp}
                  submitLabel="Save"
                  onCancel={() => closeEditor(followUp.id)}
                  onSubmit={async (values) => {
                    await call('followUps.update', { meetingId: meeting.id, followUpId: followUp.id, changes: values });
                    closeEditor(followUp.id);
                  }}
                />
              </li>
            ) : (
              <FollowUpRow
                key={followUp.id}
                followUp={followUp}
                today={today}
                titleOf={titleOf}
                onDone={(done) => run(call('followUps.update', { meetingId: meeting.id, followUpId: followUp.id, changes: { done } }))}
                onEdit={() => setEditing(followUp.id)}
                onRemove={(row) => remove(followUp, row)}
              />
            ),
          )}
        </ul>
      )}
      <FollowUpFields
        label="Add a follow-up"
        initial={{ text: '', owner: '', dueDate: null }}
        submitLabel="Add follow-up"
        resetAfter
        onSubmit={(values) => call('followUps.add', { meetingId: meeting.id, ...values }).then(() => undefined)}
      />
      <ActionError message={error} />
    </section>
  );
}

interface RowProps {
  followUp: FollowUp;
  today: string;
  titleOf: (meetingId: string) => string;
  onDone: (done: boolean) => void;
  onEdit: () => void;
  onRemove: (row: HTMLElement | null) => void;
}

function FollowUpRow({ followUp, today, titleOf, onDone, onEdit, onRemove }: RowProps) {
  const rowRef = useRef<HTMLLIElement>(null);
  const late = isOverdue(followUp, today);
  const carriedAway = followUp.carriedTo !== null;
  // Checked at once, so the box does not flick back while the change is on its way.
  const [pendingDone, setPendingDone] = useState<boolean | null>(null);
  const shownDone = pendingDone ?? followUp.done;
  if (pendingDone !== null && pendingDone === followUp.done) setPendingDone(null);
  return (
    <li
      ref={rowRef}
      data-follow-up-id={followUp.id}
      className={late ? 'followup followup-overdue' : carriedAway ? 'followup followup-carried' : 'followup'}
    >
      <label className="checkbox">
        <input
          type="checkbox"
          checked={shownDone}
          disabled={carriedAway}
          onChange={(event) => {
            setPendingDone(event.target.checked);
            onDone(event.target.checked);
          }}
        />
        <span dir="auto">{followUp.text}</span>
      </label>
      <span className="followup-meta">
        {followUp.owner ? <span dir="auto">{followUp.owner}</span> : <span className="muted">no owner</span>}
        {followUp.dueDate ? (
          <span>
            due <time dateTime={followUp.dueDate}>{formatDay(followUp.dueDate)}</time>
          </span>
        ) : null}
        {late ? <span className="badge badge-overdue">Overdue</span> : null}
        {followUp.carriedFrom ? <span className="muted">from “{titleOf(followUp.carriedFrom.meetingId)}”</span> : null}
        {carriedAway ? <span className="muted">carried to “{titleOf(followUp.carriedTo!)}”</span> : null}
      </span>
      {!carriedAway ? (
        <span className="followup-actions">
          <button
            type="button"
            className="button button-small button-quiet followup-edit"
            aria-label={`Edit follow-up: ${followUp.text}`}
            onClick={onEdit}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Remove follow-up: ${followUp.text}`}
            onClick={() => onRemove(rowRef.current)}
          >
            Remove
          </button>
        </span>
      ) : null}
    </li>
  );
}

interface FollowUpValues {
  text: string;
  owner: string;
  dueDate: string | null;
}

interface FieldsProps {
  label: string;
  initial: FollowUpValues;
  submitLabel: string;
  /** Empties the fields after a save (the "add" form); an edit form closes instead. */
  resetAfter?: boolean;
  onSubmit: (values: FollowUpValues) => Promise<void>;
  onCancel?: () => void;
}

/** Text, owner and due date of a follow-up: the "add" form and the inline edit form. */
function FollowUpFields({ label, initial, submitLabel, resetAfter, onSubmit, onCancel }: FieldsProps) {
  const [text, setText] = useState(initial.text);
  const [owner, setOwner] = useState(initial.owner);
  const [dueDate, setDueDate] = useState(initial.dueDate ?? '');
  const { busy, error, setError, run } = useAction();
  const textRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const isEdit = Boolean(onCancel);
  useEffect(() => {
    if (isEdit) textRef.current?.focus(); // an edit form opens with focus in it
  }, [isEdit]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Write what needs doing first.');
      textRef.current?.focus();
      return;
    }
    await run(async () => {
      await onSubmit({ text, owner, dueDate: dueDate || null });
      if (resetAfter) {
        setText('');
        setOwner('');
        setDueDate('');
        textRef.current?.focus();
      }
    });
  };

  return (
    <form
      className="followup-add"
      aria-label={label}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={`${id}-text`}>{onCancel ? 'Follow-up' : 'New follow-up'}</label>
      <input
        id={`${id}-text`}
        ref={textRef}
        value={text}
        maxLength={LIMITS.decisionTextMax}
        onChange={(e) => setText(e.target.value)}
        placeholder="What needs doing"
      />
      <label htmlFor={`${id}-owner`}>Owner</label>
      <input id={`${id}-owner`} value={owner} maxLength={LIMITS.nameMax} onChange={(e) => setOwner(e.target.value)} />
      <label htmlFor={`${id}-due`}>Due</label>
      <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      <button type="submit" className="button button-small" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button-small button-quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      ) : null}
      <ActionError message={error} />
    </form>
  );
}
