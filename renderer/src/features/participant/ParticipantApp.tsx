import '../decisions/decisions.css';
import './participant.css';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { ParticipantDecision, ParticipantView } from '../../../../shared/participantApi';
import { LIMITS } from '../../../../shared/limits';
import { CHAIR_QUESTION, type ImpactDirection } from '../../../../shared/vocabulary';
import { ChairMark } from '../../app/ChairMark';
import { DIRECTION_LABELS, DIRECTIONS } from '../../app/constants';
import { formatWhen, plural, shorten } from '../../app/format';
import { credit, groupTags } from '../sharing/attribution';
import { VoteSpread } from '../sharing/VoteSpread';
import { displayNameProblem, JoinError, type LinkState, type ParticipantSession, type QueuedAction, type RefusedAction } from './participantSession';

/** The chair's question, as in shared/participantApi.ts (which holds zod, so it stays out of the page). */

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
  else if (!you) body = resuming ? <p className="loading" role="status">Opening the meeting…</p> : <JoinScreen session={session} busy={link === 'joining'} notice={snapshot.rejoinReason} />;
  else if (!view) body = <p className="loading" role="status">Loading the meeting…</p>;
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
          {pending.length > 0 && link !== 'ended' ? <span className="pending-count"> · {plural(pending.length, 'change')} waiting to send</span> : null}
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
          {error ? (
            <p id={`${id}-error`} role="alert" className="field-error">
              {error}
            </p>
          ) : null}
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

interface LiveProps {
  session: ParticipantSession;
  view: ParticipantView;
  pending: readonly QueuedAction[];
  refused: readonly RefusedAction[];
}

/** One drafted proposal per agenda item: a draft stays with the item it was typed for. */
type Draft = { text: string; direction: '' | ImpactDirection };

function LiveView({ session, view, pending, refused }: LiveProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After Join (or a reload) focus would fall to <body>: start the participant at the meeting's heading.
  useEffect(() => headingRef.current?.focus(), []);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const tagLabels = useMemo(() => new Map(view.tags.map((tag) => [tag.id, tag.label])), [view.tags]);
  const { item } = view;
  const shownDecisions = new Set(item?.decisions.map((decision) => decision.id) ?? []);
  // Refusals whose decision is not on screen any more (the lead moved on) are listed at the top instead.
  const elsewhere = refused.filter((entry) => entry.action.method !== 'participant.propose' && !shownDecisions.has(entry.action.input.decisionId));
  return (
    <div className="participant-live">
      <h1 ref={headingRef} tabIndex={-1} dir="auto" className="participant-title">
        {view.meeting.title}
      </h1>
      <p className="visually-hidden" aria-live="polite">
        {item ? `Now: item ${item.position + 1} of ${item.count}, ${item.title}` : ''}
      </p>
      <RefusedList session={session} refused={elsewhere} />
      {pending.length > 0 ? (
        <section className="pending-list" aria-label="Waiting to send">
          <p>
            <strong>{plural(pending.length, 'change')} waiting to send</strong>{' '}
            <span className="muted">(sent as soon as the connection is back)</span>
          </p>
          <ul>
            {pending.map((action) => (
              <li key={action.clientActionId}>{action.label}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {item ? (
        <>
          <section className="card participant-item" aria-labelledby="participant-item-title">
            <p className="eyebrow">
              Now · item {item.position + 1} of {item.count}
            </p>
            <h2 id="participant-item-title" dir="auto">
              {item.title}
            </h2>
          </section>
          <ChairCard
            key={item.id}
            session={session}
            view={view}
            pending={pending}
            draft={drafts[item.id] ?? EMPTY_DRAFT}
            setDraft={(draft) => setDrafts((all) => ({ ...all, [item.id]: draft }))}
          />
          <section className="card" aria-labelledby="participant-decisions">
            <h2 id="participant-decisions">
              Decisions <span className="heading-note">{item.decisions.length}</span>
            </h2>
            {item.decisions.length === 0 ? <p className="muted">No decisions for this item yet. They appear here as the lead logs them.</p> : null}
            <ul className="participant-decision-list">
              {item.decisions.map((decision) => (
                <DecisionCard
                  key={decision.id}
                  session={session}
                  view={view}
                  decision={decision}
                  tagLabels={tagLabels}
                  pending={pending}
                  refused={refused.filter((entry) => entry.action.method !== 'participant.propose' && entry.action.input.decisionId === decision.id)}
                />
              ))}
            </ul>
          </section>
        </>
      ) : (
        <section className="card">
          <h2>{view.meeting.status === 'ended' ? 'The meeting has ended' : 'Waiting for the meeting to start'}</h2>
          <p className="muted">The current agenda item appears here as soon as the lead is on one.</p>
        </section>
      )}
      <YourProposals session={session} view={view} pending={pending} refused={refused.filter((entry) => entry.action.method === 'participant.propose')} />
    </div>
  );
}

const EMPTY_DRAFT: Draft = { text: '', direction: '' };

/** Actions the server refused for good, each with why and a Dismiss. */
function RefusedList({ session, refused }: { session: ParticipantSession; refused: readonly RefusedAction[] }) {
  if (refused.length === 0) return null;
  return (
    <ul className="refused-list" aria-label="Not accepted">
      {refused.map(({ action, message }) => (
        <li key={action.clientActionId} className="form-alert" role="alert">
          <p>
            {action.label} was not accepted: {message}
          </p>
          <button type="button" className="button button-small" onClick={() => session.dismissRefusal(action.clientActionId)}>
            Dismiss <span className="visually-hidden">{action.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

interface ChairCardProps {
  session: ParticipantSession;
  view: ParticipantView;
  pending: readonly QueuedAction[];
  draft: Draft;
  setDraft(draft: Draft): void;
}

function ChairCard({ session, view, pending, draft, setDraft }: ChairCardProps) {
  const id = useId();
  const item = view.item!;
  const { text, direction } = draft;
  const setText = (value: string) => setDraft({ ...draft, text: value });
  const setDirection = (value: '' | ImpactDirection) => setDraft({ ...draft, direction: value });
  const [error, setError] = useState<string | null>(null);
  const waiting = pending.filter((action) => action.method === 'participant.propose' && action.input.itemId === item.id).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setError('Write the answer you propose first.');
      return;
    }
    if (text.length > LIMITS.proposalTextMax) {
      setError(`Use at most ${LIMITS.proposalTextMax} characters.`);
      return;
    }
    setError(null);
    session.act({ method: 'participant.propose', input: { itemId: item.id, text, direction: direction || null } }, `Proposed answer “${shorten(trimmed, 40)}”`);
    setDraft(EMPTY_DRAFT);
  };

  return (
    <section className="card participant-chair" aria-labelledby={`${id}-chair`}>
      <div className="chair-head">
        <ChairMark size={24} />
        <h2 id={`${id}-chair`}>Empty chair</h2>
      </div>
      <p className="chair-prompt">{CHAIR_QUESTION}</p>
      {view.personas.length > 0 ? (
        <ul className="participant-personas" aria-label="In the chair">
          {view.personas.map((persona) => (
            <li key={persona.id}>
              <strong dir="auto">{persona.name}</strong>
              {persona.segment ? (
                <span className="muted" dir="auto">
                  {' '}
                  · {persona.segment}
                </span>
              ) : null}
              {persona.needs.length > 0 ? (
                <span className="persona-needs-inline" dir="auto">
                  {' '}
                  needs {persona.needs.slice(0, 3).join('; ')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody sits in the chair for this meeting.</p>
      )}
      {item.answer ? (
        <div className="participant-answer">
          <p className="eyebrow">The chair’s answer so far</p>
          <p dir="auto">{item.answer.text || <span className="muted">(no text)</span>}</p>
          <p className="hint">
            {item.answer.direction ? `${DIRECTION_LABELS[item.answer.direction]} · ` : ''}
            {credit(item.answer)}
          </p>
        </div>
      ) : item.noImpactReason ? (
        <p className="muted">Marked “No customer impact”: {item.noImpactReason}</p>
      ) : null}
      <form className="propose-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>
            Propose an answer <span className="visually-hidden">for “{item.title}”</span>
          </label>
          <textarea
            id={`${id}-text`}
            rows={3}
            dir="auto"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          />
          <p id={`${id}-hint`} className="hint">
            The lead sees it with your name and may take it as the answer.
          </p>
          {error ? (
            <p id={`${id}-error`} role="alert" className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field field-inline">
          <DirectionSelect id={`${id}-direction`} label="Direction" noneLabel="Not sure" value={direction} onChange={setDirection} />
        </div>
        <button type="submit" className="button button-primary">
          Propose
        </button>
        {waiting > 0 ? <p className="hint">{plural(waiting, 'proposal')} waiting to send</p> : null}
      </form>
    </section>
  );
}

const PROPOSAL_STATUS = { open: 'Waiting for the lead', accepted: 'Taken as the answer', dismissed: 'Dismissed' } as const;

function YourProposals({ session, view, pending, refused }: { session: ParticipantSession; view: ParticipantView; pending: readonly QueuedAction[]; refused: readonly RefusedAction[] }) {
  const waiting = pending.filter((action) => action.method === 'participant.propose');
  if (view.yourProposals.length === 0 && waiting.length === 0 && refused.length === 0) return null;
  return (
    <section className="card" aria-labelledby="your-proposals">
      <h2 id="your-proposals">Your proposals</h2>
      <RefusedList session={session} refused={refused} />
      <ul className="your-proposals">
        {view.yourProposals.map((proposal) => (
          <li key={proposal.id} className={`proposal proposal-${proposal.status}`}>
            <p dir="auto">{proposal.text}</p>
            <p className="hint">
              <span dir="auto">{proposal.itemTitle}</span>
              {proposal.direction ? ` · ${DIRECTION_LABELS[proposal.direction]}` : ''} · <time dateTime={proposal.at}>{formatWhen(proposal.at)}</time> ·{' '}
              <strong>{PROPOSAL_STATUS[proposal.status]}</strong>
            </p>
          </li>
        ))}
        {waiting.map((action) => (
          <li key={action.clientActionId} className="proposal proposal-waiting">
            <p dir="auto">{action.method === 'participant.propose' ? action.input.text : ''}</p>
            <p className="hint">
              <strong>Waiting to send</strong>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface DecisionCardProps {
  session: ParticipantSession;
  view: ParticipantView;
  decision: ParticipantDecision;
  tagLabels: ReadonlyMap<string, string>;
  pending: readonly QueuedAction[];
  refused: readonly RefusedAction[];
}

function DecisionCard({ session, view, decision, tagLabels, pending, refused }: DecisionCardProps) {
  const id = useId();
  const tagSelectRef = useRef<HTMLSelectElement>(null);
  const me = view.you.name;
  const [tagId, setTagId] = useState('');
  const [direction, setDirection] = useState<'' | ImpactDirection>('');
  const [error, setError] = useState<string | null>(null);
  const groups = groupTags(decision.tags, tagLabels);
  const mine = new Set(decision.tags.filter((entry) => entry.by === me).map((entry) => entry.tagId));
  const waitingTags = pending.filter((action) => action.method === 'participant.tag' && action.input.decisionId === decision.id);

  const addTag = (event: FormEvent) => {
    event.preventDefault();
    if (!tagId) {
      setError('Choose a tag first.');
      return;
    }
    setError(null);
    const label = tagLabels.get(tagId) ?? tagId;
    session.act(
      { method: 'participant.tag', input: direction ? { decisionId: decision.id, tagId, direction } : { decisionId: decision.id, tagId } },
      `Tag “${label}” on “${shorten(decision.text, 30)}”`,
    );
    setTagId('');
    setDirection('');
  };

  return (
    <li className="participant-decision" data-decision-id={decision.id}>
      <p id={`${id}-text`} className="decision-text" dir="auto">
        {decision.text}
      </p>
      <p className="decision-meta">
        <span className={`direction-badge direction-${decision.direction}`}>
          <span className="visually-hidden">Customer impact: </span>
          {DIRECTION_LABELS[decision.direction]}
        </span>
      </p>
      {groups.length > 0 ? (
        <ul className="attributed-tags" aria-label="Tags">
          {groups.map((group) => (
            <li key={group.tagId} className="attributed-tag">
              <span className="tag" dir="auto">
                {group.label}
              </span>{' '}
              <span className="tag-by">
                {group.entries.map((entry, index) => (
                  <span key={`${entry.by}-${index}`} title={credit(entry)}>
                    {index > 0 ? ', ' : ''}
                    <span dir="auto">{entry.by || 'the lead'}</span>
                    {entry.direction ? ` (${DIRECTION_LABELS[entry.direction]})` : ''}
                    <span className="visually-hidden">
                      {' '}
                      at <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                    </span>
                  </span>
                ))}
              </span>
              {mine.has(group.tagId) ? (
                <button
                  type="button"
                  className="button button-small button-quiet-danger"
                  onClick={() => {
                    session.act({ method: 'participant.untag', input: { decisionId: decision.id, tagId: group.tagId } }, `Remove tag “${group.label}”`);
                    // The button goes with the tag: keep the participant in this decision's tag form.
                    tagSelectRef.current?.focus();
                  }}
                >
                  Remove my tag <span className="visually-hidden">{group.label}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags yet.</p>
      )}
      <RefusedList session={session} refused={refused} />
      {waitingTags.length > 0 ? (
        <p className="hint">
          Waiting to send: {waitingTags.map((action) => (action.method === 'participant.tag' ? (tagLabels.get(action.input.tagId) ?? action.input.tagId) : '')).join(', ')}
        </p>
      ) : null}
      <form className="tag-form" onSubmit={addTag} noValidate aria-label={`Tag “${shorten(decision.text, 40)}”`}>
        <div className="field field-inline">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <select ref={tagSelectRef} id={`${id}-tag`} value={tagId} onChange={(event) => setTagId(event.target.value)} aria-describedby={`${id}-text`} aria-invalid={error ? true : undefined}>
            <option value="">Choose a tag…</option>
            {view.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.label}
                {mine.has(tag.id) ? ' (yours)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <DirectionSelect id={`${id}-tag-direction`} label="Impact" noneLabel="No direction" value={direction} onChange={setDirection} />
        </div>
        <button type="submit" className="button" aria-describedby={`${id}-text`}>
          Add tag
        </button>
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </form>
      {decision.vote ? <VoteBox session={session} decision={decision} pending={pending} /> : null}
    </li>
  );
}

function VoteBox({ session, decision, pending }: { session: ParticipantSession; decision: ParticipantDecision; pending: readonly QueuedAction[] }) {
  const id = useId();
  const vote = decision.vote!;
  const waiting = pending.filter((action) => action.method === 'participant.vote' && action.input.decisionId === decision.id).at(-1);
  const yourPick = waiting?.method === 'participant.vote' ? waiting.input.direction : vote.yourBallot;
  if (vote.state === 'open') {
    return (
      <fieldset className="vote-box">
        <legend>Impact vote: your pick stays hidden until the lead reveals</legend>
        <div className="vote-options" role="group" aria-describedby={`${id}-status`}>
          {DIRECTIONS.map((value) => (
            <button
              key={value}
              type="button"
              className={yourPick === value ? 'button button-small button-primary' : 'button button-small'}
              aria-pressed={yourPick === value}
              onClick={() => session.act({ method: 'participant.vote', input: { decisionId: decision.id, direction: value } }, `Vote “${DIRECTION_LABELS[value]}”`)}
            >
              {DIRECTION_LABELS[value]}
            </button>
          ))}
        </div>
        <p id={`${id}-status`} className="hint">
          {yourPick ? `Your pick: ${DIRECTION_LABELS[yourPick]}${waiting ? ' (waiting to send)' : ''}. ` : 'You have not voted. '}
          {plural(vote.ballotsCast, 'vote')} cast so far; others’ picks are hidden.
        </p>
      </fieldset>
    );
  }
  return (
    <div className="vote-box">
      <p className="vote-title">
        <strong>{vote.decided ? 'Vote decided' : 'Vote revealed'}</strong>
        {vote.yourBallot ? ` · you picked ${DIRECTION_LABELS[vote.yourBallot]}` : ''}
      </p>
      <VoteSpread ballots={vote.ballots} />
      {vote.decided ? (
        <p>
          Decided: <strong>{DIRECTION_LABELS[vote.decided.direction]}</strong>
          {vote.decided.disagreeAndCommit ? (
            <>
              {' '}
              — disagree and commit. Dissent kept:{' '}
              {vote.decided.dissent.map((ballot) => `${ballot.by} (${DIRECTION_LABELS[ballot.direction]})`).join(', ')}
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** A direction to pick, or none ('' : "not sure" for a proposal, "no direction" for a tag). */
function DirectionSelect(props: { id: string; label: string; noneLabel: string; value: '' | ImpactDirection; onChange: (value: '' | ImpactDirection) => void }) {
  const { id, label, noneLabel, value, onChange } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as '' | ImpactDirection)}>
        <option value="">{noneLabel}</option>
        {DIRECTIONS.map((direction) => (
          <option key={direction} value={direction}>
            {DIRECTION_LABELS[direction]}
          </option>
        ))}
      </select>
    </>
  );
}
