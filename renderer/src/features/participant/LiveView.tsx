import { useEffect, useMemo, useRef, useState } from 'react';
import type { ParticipantView } from '../../../../shared/participantApi';
import { DIRECTION_LABELS } from '../../app/constants';
import { formatWhen, plural } from '../../app/format';
import type { ParticipantSession, QueuedAction, RefusedAction } from './participantSession';
import { ChairCard, EMPTY_DRAFT, type Draft } from './ChairCard';
import { DecisionCard } from './DecisionCard';
import { RefusedList } from './RefusedList';

interface LiveProps {
  session: ParticipantSession;
  view: ParticipantView;
  pending: readonly QueuedAction[];
  refused: readonly RefusedAction[];
}

export function LiveView({ session, view, pending, refused }: LiveProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After Join (or a reload) focus would fall to <body>: start the participant at the meeting's heading.
  useEffect(() => headingRef.current?.focus(), []);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const tagLabels = useMemo(() => new Map(view.tags.map((tag) => [tag.id, tag.label])), [view.tags]);
  const { item } = view;
  const shownDecisions = new Set(item?.decisions.map((decision) => decision.id) ?? []);
  // Refusals whose decision is not on screen any more (the lead moved on) are listed at the top instead.
  const elsewhere = refused.filter(
    (entry) => entry.action.method !== 'participant.propose' && !shownDecisions.has(entry.action.input.decisionId),
  );
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
            {item.decisions.length === 0 ? (
              <p className="muted">No decisions for this item yet. They appear here as the lead logs them.</p>
            ) : null}
            <ul className="participant-decision-list">
              {item.decisions.map((decision) => (
                <DecisionCard
                  key={decision.id}
                  session={session}
                  view={view}
                  decision={decision}
                  tagLabels={tagLabels}
                  pending={pending}
                  refused={refused.filter(
                    (entry) => entry.action.method !== 'participant.propose' && entry.action.input.decisionId === decision.id,
                  )}
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
      <YourProposals
        session={session}
        view={view}
        pending={pending}
        refused={refused.filter((entry) => entry.action.method === 'participant.propose')}
      />
    </div>
  );
}

const PROPOSAL_STATUS = { open: 'Waiting for the lead', accepted: 'Taken as the answer', dismissed: 'Dismissed' } as const;

function YourProposals({
  session,
  view,
  pending,
  refused,
}: {
  session: ParticipantSession;
  view: ParticipantView;
  pending: readonly QueuedAction[];
  refused: readonly RefusedAction[];
}) {
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
              {proposal.direction ? ` · ${DIRECTION_LABELS[proposal.direction]}` : ''} ·{' '}
              <time dateTime={proposal.at}>{formatWhen(proposal.at)}</time> · <strong>{PROPOSAL_STATUS[proposal.status]}</strong>
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
