import './followups.css';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { FollowUp, Meeting, MeetingSummary } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { formatDay, plural } from '../../app/format';
import { asApiError } from '../../app/useLibrary';
import { useMeetingCall } from '../meetings/meetingContext';

/** Today as YYYY-MM-DD in the user's time zone: what "overdue" is measured against. */
export function localToday(now = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

const isOpen = (followUp: FollowUp) => !followUp.done && followUp.carriedTo === null;
const isOverdue = (followUp: FollowUp, today: string) => isOpen(followUp) && followUp.dueDate !== null && followUp.dueDate < today;

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
  const headingId = useId();
  const today = localToday();
  const titleOf = (id: string) => meetings.find((m) => m.id === id)?.title ?? 'a deleted meeting';
  const open = meeting.followUps.filter(isOpen);
  const overdue = open.filter((f) => isOverdue(f, today)).length;
  const Heading = level === 2 ? 'h2' : 'h3';

  const run = (promise: Promise<unknown>) => {
    setError(null);
    promise.catch((reason: unknown) => setError(asApiError(reason).message));
  };

  const remove = (followUp: FollowUp) => {
    run(
      call('followUps.remove', { meetingId: meeting.id, followUpId: followUp.id }).then(() =>
        showToast(`Removed “${followUp.text.slice(0, 40)}”.`, {
          label: 'Undo',
          run: () =>
            run(
              call('followUps.add', {
                meetingId: meeting.id,
                text: followUp.text,
                owner: followUp.owner,
                dueDate: followUp.dueDate,
                ...(followUp.decisionId ? { decisionId: followUp.decisionId } : {}),
              }),
            ),
        }),
      ),
    );
  };

  return (
    <section className={level === 2 ? 'card followups' : 'followups'} aria-labelledby={headingId}>
      <Heading id={headingId} className={level === 3 ? 'subheading' : undefined}>
        Follow-ups{' '}
        <span className="heading-note">
          {plural(open.length, 'open')}
          {overdue > 0 ? `, ${overdue} overdue` : ''}
        </span>
      </Heading>
      {meeting.followUps.length === 0 ? (
        <p className="muted">None yet. Add an action with an owner and a due date; open ones carry into the next meeting of the series.</p>
      ) : (
        <ul className="followup-list">
          {meeting.followUps.map((followUp) => {
            const late = isOverdue(followUp, today);
            const carriedAway = followUp.carriedTo !== null;
            return (
              <li key={followUp.id} className={late ? 'followup followup-overdue' : carriedAway ? 'followup followup-carried' : 'followup'}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={followUp.done}
                    disabled={carriedAway}
                    onChange={(event) =>
                      run(call('followUps.update', { meetingId: meeting.id, followUpId: followUp.id, changes: { done: event.target.checked } }))
                    }
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
                  <button type="button" className="button button-small button-quiet" aria-label={`Remove follow-up: ${followUp.text}`} onClick={() => remove(followUp)}>
                    Remove
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <AddFollowUp meetingId={meeting.id} onError={setError} />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function AddFollowUp({ meetingId, onError }: { meetingId: string; onError: (message: string | null) => void }) {
  const call = useMeetingCall();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      onError('Write what needs doing first.');
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    onError(null);
    try {
      await call('followUps.add', { meetingId, text, owner, dueDate: dueDate || null });
      setText('');
      setOwner('');
      setDueDate('');
      textRef.current?.focus();
    } catch (reason) {
      onError(asApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="followup-add" onSubmit={(event) => void submit(event)} aria-label="Add a follow-up">
      <label htmlFor={`${id}-text`}>New follow-up</label>
      <input id={`${id}-text`} ref={textRef} value={text} maxLength={LIMITS.decisionTextMax} onChange={(e) => setText(e.target.value)} placeholder="What needs doing" />
      <label htmlFor={`${id}-owner`}>Owner</label>
      <input id={`${id}-owner`} value={owner} maxLength={LIMITS.nameMax} onChange={(e) => setOwner(e.target.value)} />
      <label htmlFor={`${id}-due`}>Due</label>
      <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      <button type="submit" className="button button-small" disabled={busy}>
        Add follow-up
      </button>
    </form>
  );
}
