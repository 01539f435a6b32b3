import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Meeting, MeetingStatus } from '../../../../shared/domain';
import { isModalOpen } from '../../app/Dialog';

interface OpenAtDecisionOptions {
  /** The decision to open at (a ledger result), from the route. */
  decisionId: string | undefined;
  agenda: Meeting['agenda'];
  status: MeetingStatus;
  /** Changes when another view is shown: the target may have just appeared. */
  view: string;
  /** The meeting screen's element: the target is looked up inside it. */
  screenRef: RefObject<HTMLElement | null>;
  /** Show the view that lists the decision (its item, in a planned meeting). */
  show: (holderItemId: string) => void;
  /** The decision is not in this meeting (any more). */
  missing: () => void;
}

/**
 * Opened at a decision (from the ledger): show the view that lists it, then scroll to it and focus
 * it. Each new decision id from the route is one request, shown once.
 */
export function useOpenAtDecision({ decisionId, agenda, status, view, screenRef, show, missing }: OpenAtDecisionOptions): void {
  const [target, setTarget] = useState<{ id: string; request: number } | null>(null);
  const shownRequest = useRef(0);
  const [seenDecisionId, setSeenDecisionId] = useState<string | undefined>(undefined);
  if (decisionId !== seenDecisionId) {
    setSeenDecisionId(decisionId);
    const holder = decisionId ? agenda.find((it) => it.decisions.some((decision) => decision.id === decisionId)) : undefined;
    if (decisionId && !holder) missing();
    if (holder) {
      setTarget((current) => ({ id: decisionId!, request: (current?.request ?? 0) + 1 }));
      show(holder.id);
    }
  }
  useEffect(() => {
    if (!target || shownRequest.current === target.request) return;
    const holder = agenda.find((it) => it.decisions.some((decision) => decision.id === target.id));
    // A planned meeting lists no decisions: its agenda item stands in for the decision.
    const selector = status === 'planned' ? `[data-item-id="${holder?.id ?? ''}"]` : `[data-decision-id="${target.id}"]`;
    const element = screenRef.current?.querySelector<HTMLElement>(selector);
    if (!element) return;
    shownRequest.current = target.request;
    element.classList.add('opened-target');
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.scrollIntoView?.({ block: 'center' });
    element.focus({ preventScroll: true });
  }, [target, agenda, status, view, screenRef]);
}

/**
 * When the button that had focus goes (Start, End: here or in a dialog), continue from a sensible
 * place once no dialog is open, unless the user is already somewhere else: the current item's
 * title in a running meeting, the meeting's heading otherwise.
 */
export function useRefocusAfterStatusChange(
  status: MeetingStatus,
  screenRef: RefObject<HTMLElement | null>,
  headingRef: RefObject<HTMLElement | null>,
): void {
  const previousStatus = useRef(status);
  const refocus = useRef(false);
  useEffect(() => {
    if (previousStatus.current !== status) refocus.current = true;
    previousStatus.current = status;
    if (!refocus.current || isModalOpen()) return;
    refocus.current = false;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost) return;
    if (status === 'running') screenRef.current?.querySelector<HTMLElement>('.item-view .item-title')?.focus();
    else headingRef.current?.focus();
  });
}
