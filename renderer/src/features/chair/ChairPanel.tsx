import './chair.css';
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { chairCoverage, gateState, type GateState } from '../../../../shared/coverage';
import type { AgendaItem, FollowUp, Meeting } from '../../../../shared/domain';
import type { ToastAction } from '../../app/screen';
import { ChairMark } from '../../app/ChairMark';
import { routeHash } from '../../app/useRoute';
import { plural } from '../../app/format';
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
  /** The meeting's agenda: the collapsed rail still shows the chair's coverage. */
  agenda?: Meeting['agenda'];
  /** Offers Undo after a participant's proposal is taken into the answer. */
  showToast?: (message: string, action?: ToastAction) => void;
}

/** Collapsing is remembered per meeting: the chair of another meeting is open until collapsed there. */
const collapsedKey = (meetingId: string) => `empty-chair.chair-collapsed.${meetingId}`;

function readCollapsed(meetingId: string): boolean {
  try {
    return window.localStorage.getItem(collapsedKey(meetingId)) === '1';
  } catch {
    return false;
  }
}

function writeCollapsed(meetingId: string, collapsed: boolean): void {
  try {
    if (collapsed) window.localStorage.setItem(collapsedKey(meetingId), '1');
    else window.localStorage.removeItem(collapsedKey(meetingId));
  } catch {
    // Private mode or storage full: the choice lasts for this screen only.
  }
}

/** Whether the chair of this meeting is collapsed, read again when the meeting changes and saved as it changes. */
function useCollapsed(meetingId: string): [boolean, (collapsed: boolean) => void] {
  const [state, setState] = useState(() => ({ meetingId, collapsed: readCollapsed(meetingId) }));
  if (state.meetingId !== meetingId) setState({ meetingId, collapsed: readCollapsed(meetingId) });
  const set = (collapsed: boolean) => {
    writeCollapsed(meetingId, collapsed);
    setState({ meetingId, collapsed });
  };
  return [state.meetingId === meetingId ? state.collapsed : readCollapsed(meetingId), set];
}

/** "2 proposals" on the chair's head, and said politely when a new one arrives. */
function ProposalCount({ item, onShow }: { item: AgendaItem | null; onShow: () => void }) {
  const open = item?.proposals.filter((proposal) => proposal.status === 'open') ?? [];
  const [seen, setSeen] = useState({ itemId: item?.id, count: open.length, message: '' });
  if (seen.itemId !== item?.id) setSeen({ itemId: item?.id, count: open.length, message: '' });
  else if (seen.count !== open.length) {
    const latest = open.at(-1);
    const message =
      open.length > seen.count && latest
        ? `New proposed answer from ${latest.by || 'a participant'}: ${plural(open.length, 'proposal')} to review.`
        : seen.message;
    setSeen({ itemId: item?.id, count: open.length, message });
  }
  return (
    <>
      {open.length > 0 ? (
        <button type="button" className="chair-proposal-count" onClick={onShow} title="Show the proposed answers">
          {plural(open.length, 'proposal')}
        </button>
      ) : null}
      <span className="visually-hidden chair-proposal-news" aria-live="polite" aria-atomic="true">
        {seen.message}
      </span>
    </>
  );
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
  const { meetingId, item, itemIndex, itemCount, personas, followUp, people, running, focusRequest, extra, agenda, showToast } = props;
  const [collapsed, setCollapsed] = useCollapsed(meetingId);
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

  const state = item ? gateState(item) : null;
  const proposalsId = `${bodyId}-proposals`;
  const showProposals = () =>
    updateThenFocus(
      () => setCollapsed(false),
      () => {
        const proposals = document.getElementById(proposalsId);
        proposals?.scrollIntoView({ block: 'nearest' });
        return proposals;
      },
    );

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
        <ProposalCount item={item} onShow={showProposals} />
        {agenda ? <RailCoverage agenda={agenda} /> : null}
        <p className="chair-rail-question">How does this affect the customer?</p>
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
        <ProposalCount item={item} onShow={showProposals} />
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
            <AnswerCitations meetingId={meetingId} item={item} showToast={showToast} />
            <div id={proposalsId} tabIndex={-1}>
              <Proposals meetingId={meetingId} item={item} showToast={showToast} />
            </div>
            <ChairEvidence meetingId={meetingId} item={item} showToast={showToast} answerRef={answerRef} />
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

/** The chair's coverage on the collapsed rail: covered of discussed. */
function RailCoverage({ agenda }: { agenda: Meeting['agenda'] }) {
  const coverage = chairCoverage({ agenda } as Meeting);
  return (
    <p className="chair-rail-coverage" title="Chair coverage: items answered or marked no impact, of those discussed">
      <span className="visually-hidden">Chair coverage: </span>
      {coverage.ratio === null ? '–' : `${coverage.covered}/${coverage.discussed}`}
    </p>
  );
}
