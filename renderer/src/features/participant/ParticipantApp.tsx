import '../decisions/decisions.css';
import './participant.css';
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/limits';
import { ChairMark } from '../../app/ChairMark';
import { plural } from '../../app/format';
import { displayNameProblem, JoinError, type LinkState, type ParticipantSession, type QueuedAction } from './participantSession';
import { LiveView } from './LiveView';
import { ActionError } from '../../app/ActionError';

const LINK_TEXT: Record<LinkState, string> = {
  'signed-out': 'Not joined',
  joining: 'Joining…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Sharing has ended',
};

/**
 * The participant's screen, opened from the lead's join link: a display name first, then the
 * meeting live. Participants see and do only what shared/participantApi.ts offers.
 */
export function ParticipantApp({ session }: { session: ParticipantSession }) {
  const snapshot = useSyncExternalStore(session.subscribe, session.get);
  const [resuming, setResuming] = useState(true);
  useEffect(() => {
    let active = true;
    void session.resume().finally(() => active && setResuming(false));
    return () => {
      active = false;
    };
  }, [session]);

  const { link, view, you, pending } = snapshot;
  let body;
  if (link === 'ended') body = <Ended reason={snapshot.endedReason} pending={pending} title={view?.meeting.title ?? null} />;
  else if (!you && snapshot.resumingAs)
    body = (
      <p className="loading" role="status">
        {link === 'reconnecting' ? 'Reconnecting' : 'Opening the meeting'} as <span dir="auto">{snapshot.resumingAs}</span>…{' '}
        {pending.length > 0 ? `${plural(pending.length, 'change')} will be sent once connected.` : ''}
      </p>
    );
  else if (!you)
    body = resuming ? (
      <p className="loading" role="status">
        Opening the meeting…
      </p>
    ) : (
      <JoinScreen session={session} busy={link === 'joining'} notice={snapshot.rejoinReason} />
    );
  else if (!view)
    body = (
      <p className="loading" role="status">
        Loading the meeting…
      </p>
    );
  else body = <LiveView session={session} view={view} pending={pending} refused={snapshot.refused} />;

  return (
    <div className="app participant-app">
      <header className="app-header participant-header">
        <div className="brand">
          <ChairMark />
          <span className="brand-name">Empty Chair</span>
        </div>
        {you ? (
          <p className="participant-you">
            You are <strong dir="auto">{you.name}</strong>
          </p>
        ) : null}
        <p className={`link-state link-${link}`} role="status" aria-live="polite">
          <span className="link-dot" aria-hidden="true" />
          {LINK_TEXT[link]}
          {pending.length > 0 && link !== 'ended' ? (
            <span className="pending-count"> · {plural(pending.length, 'change')} waiting to send</span>
          ) : null}
        </p>
      </header>
      <main id="main" className="app-main participant-main">
        {body}
      </main>
    </div>
  );
}

function JoinScreen({ session, busy, notice }: { session: ParticipantSession; busy: boolean; notice: string | null }) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const length = name.trim().length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = displayNameProblem(name);
    if (problem) {
      setError(problem);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    try {
      await session.join(name);
    } catch (reason) {
      setError(reason instanceof JoinError ? reason.message : 'Could not join the meeting.');
      inputRef.current?.focus();
    }
  };

  return (
    <section className="card join-card" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`} tabIndex={-1}>
        Join the meeting
      </h1>
      {notice ? (
        <p className="form-alert" role="alert">
          {notice}
        </p>
      ) : null}
      <p className="muted">The lead invited you to tag decisions and answer the chair. Your name is shown next to everything you add.</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input
            ref={inputRef}
            id={`${id}-name`}
            type="text"
            autoComplete="name"
            dir="auto"
            autoFocus
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
          />
          <p id={`${id}-count`} className={length > LIMITS.participantNameMax ? 'hint hint-over' : 'hint'}>
            {length} of {LIMITS.participantNameMax} characters
          </p>
          <ActionError message={error} id={`${id}-error`} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </section>
  );
}

function Ended({ reason, pending, title }: { reason: string | null; pending: readonly QueuedAction[]; title: string | null }) {
  // The screen changed under the participant: put them at its heading, not on a button that is gone.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="ended-heading">
      <h1 id="ended-heading" ref={headingRef} tabIndex={-1}>
        Sharing has ended
      </h1>
      <p>{reason ?? 'The lead stopped sharing the meeting.'}</p>
      {title ? (
        <p className="muted">
          Meeting: <span dir="auto">{title}</span>
        </p>
      ) : null}
      {pending.length > 0 ? (
        <div className="form-alert" role="alert">
          <p>{plural(pending.length, 'change was', 'changes were')} not sent before sharing ended:</p>
          <ul>
            {pending.map((action) => (
              <li key={action.clientActionId}>{action.label}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted">You can close this page.</p>
    </section>
  );
}
