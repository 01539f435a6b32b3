import './chair.css';
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { gateState, type GateState } from '../../../../shared/coverage';
import type { AgendaItem, FollowUp } from '../../../../shared/domain';
import { ChairMark } from '../../app/ChairMark';
import { routeHash } from '../../app/useRoute';
import { Proposals } from '../sharing/Proposals';
import { ChairEvidence } from '../evidence/ChairEvidence';
import { AnswerCitations } from './AnswerCitations';
import { ChairAnswer } from './ChairAnswer';
import { PersonaCards, type ChairPersona } from './PersonaCards';
import { updateThenFocus } from '../../app/focus';

export interface ChairPanelProps {
  meetingId: string;
  /** The item the chair follows: the current one while running, else the first or a chosen one. */
  item: AgendaItem | null;
  itemIndex: number;
  itemCount: number;
  personas: readonly ChairPersona[];
  /** The "Find out from customers" follow-up an unknown answer raised for this item, if any. */
  followUp: FollowUp | null;
  /** Names offered as follow-up owners (lead, participants, item owner). */
  people: readonly string[];
  running: boolean;
  /** Bumped to bring the chair into view and focus its answer (C, or "Answer it" at the gate). */
  focusRequest: number;
  /** More the chair asks, below the item (the outcome check-back of earlier decisions). */
  extra?: ReactNode;
}

const COLLAPSED_KEY = 'empty-chair.chair-collapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export const GATE_TEXT: Record<GateState, { icon: string; label: string; long: string }> = {
  answered: { icon: '✓', label: 'Answered', long: 'The chair’s question is answered for this item.' },
  'no-impact': { icon: '○', label: 'No customer impact', long: 'Marked “No customer impact” for this item.' },
  skipped: { icon: '↷', label: 'Skipped on purpose', long: 'Skipped on purpose: no customer answer for this item.' },
  open: { icon: '!', label: 'Not answered yet', long: 'The chair’s question is not answered yet for this item.' },
};

/**
 * The customer panel, "the empty chair": on every meeting screen, beside the content, following
 * one agenda item. It cannot be closed; it can collapse to a slim rail that still says whether
 * the item is answered.
 */
export const ChairPanel = memo(function ChairPanel(props: ChairPanelProps) {
  const { meetingId, item, itemIndex, itemCount, personas, followUp, people, running, focusRequest, extra } = props;
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const bodyId = useId();
  const headingId = useId();
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const expandRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  const [seenRequest, setSeenRequest] = useState(focusRequest);
  const focusedRequest = useRef(focusRequest);

  // A focus request opens the chair if it is collapsed (here, while rendering), then focuses the answer.
  if (focusRequest !== seenRequest) {
    setSeenRequest(focusRequest);
    setCollapsed(false);
  }
  useEffect(() => {
    if (focusRequest === focusedRequest.current || collapsed) return;
    focusedRequest.current = focusRequest;
    const answer = answerRef.current;
    if (!answer) return;
    answer.focus();
    // Continue the answer where it ends.
    answer.setSelectionRange(answer.value.length, answer.value.length);
  }, [focusRequest, collapsed]);

  useEffect(() => {
    try {
      window.localStorage.setItem(COLLAPSED_KEY, collapsed ? '1' : '0');
    } catch {
      // Private mode or storage full: the choice lasts for this screen only.
    }
  }, [collapsed]);

  const state = item ? gateState(item) : null;

  if (collapsed) {
    return (
      <aside aria-label="Empty chair" className="chair-panel chair-collapsed">
        <button
          ref={expandRef}
          type="button"
          className="chair-rail-toggle"
          aria-expanded="false"
          title="Show the chair"
          onClick={() =>
            updateThenFocus(
              () => setCollapsed(false),
              () => collapseRef.current,
            )
          }
        >
          <ChairMark size={30} />
          <span className="visually-hidden">Show the chair</span>
        </button>
        {state ? (
          <p className={`chair-rail-state gate-${state}`} title={GATE_TEXT[state].label}>
            <span aria-hidden="true">{GATE_TEXT[state].icon}</span>
            <span className="visually-hidden">Current item: {GATE_TEXT[state].label}</span>
          </p>
        ) : null}
        <span className="chair-rail-label" aria-hidden="true">
          Chair
        </span>
      </aside>
    );
  }

  return (
    <aside aria-label="Empty chair" className="chair-panel">
      <div className="chair-head">
        <ChairMark size={26} />
        <h2 id={headingId} className="chair-heading">
          Empty chair
        </h2>
        <button
          ref={collapseRef}
          type="button"
          className="button button-small chair-collapse"
          aria-expanded="true"
          aria-controls={bodyId}
          onClick={() =>
            updateThenFocus(
              () => setCollapsed(true),
              () => expandRef.current,
            )
          }
          title={running ? 'The chair stays in the meeting; collapse it to a slim rail' : 'Collapse the chair to a slim rail'}
        >
          Collapse
        </button>
      </div>
      <div id={bodyId} className="chair-body">
        {item && state ? (
          <>
            <p className="chair-following">
              <span className="chair-following-label">
                {running ? 'Now' : 'Following'} · item {itemIndex + 1} of {itemCount}
              </span>
              <span className="chair-following-title" dir="auto">
                {item.title}
              </span>
            </p>
            <p className={`gate-badge gate-${state}`}>
              <span aria-hidden="true">{GATE_TEXT[state].icon}</span> {GATE_TEXT[state].label}
            </p>
            <ChairAnswer
              key={item.id}
              meetingId={meetingId}
              item={item}
              itemIndex={itemIndex}
              personas={personas}
              followUp={followUp}
              people={people}
              answerRef={answerRef}
              meetingHref={routeHash({ name: 'edit', id: meetingId })}
            />
            <AnswerCitations meetingId={meetingId} item={item} />
            <Proposals meetingId={meetingId} item={item} />
            <ChairEvidence meetingId={meetingId} item={item} />
          </>
        ) : (
          <>
            <PersonaCards personas={personas} itemIndex={0} />
            <p className="chair-prompt">How does this affect the customer?</p>
            <p className="muted">Add agenda items to the meeting, and the chair asks this at every one of them.</p>
          </>
        )}
        {extra}
      </div>
    </aside>
  );
});
