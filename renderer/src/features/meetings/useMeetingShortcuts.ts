import { useEffect, useEffectEvent } from 'react';
import { DIRECTIONS } from '../../app/constants';
import { isModalOpen } from '../../app/Dialog';
import { hasCommandModifier, isTypingTarget } from '../../app/keyboard';
import { useMeetingCall } from '../../app/meetingContext';
import type { ScreenProps } from '../../app/screen';
import { asApiError } from '../../app/useLibrary';
import { DIRECTION_EVENT } from '../chair/ChairAnswer';

interface ShortcutActions {
  meetingId: string;
  running: boolean;
  /** An agenda item is followed (D logs a decision on it). */
  hasItem: boolean;
  showToast: ScreenProps['showToast'];
  next: () => void;
  previous: () => void;
  logDecision: () => void;
  focusChair: () => void;
  showShortcuts: () => void;
}

/** N, P, D, 1-5, C and ? (never while typing in a field, with a modifier, or with a dialog open). */
export function useMeetingShortcuts(actions: ShortcutActions): void {
  const call = useMeetingCall();

  /** 1-5 set the direction of the answer or the decision that holds focus. */
  const setDirection = (event: KeyboardEvent, digit: number) => {
    const scope = event.target instanceof Element ? event.target.closest('[data-direction-scope]') : null;
    if (!scope) return;
    event.preventDefault();
    const direction = DIRECTIONS[digit - 1]!;
    if (scope.getAttribute('data-direction-scope') === 'answer') {
      scope.dispatchEvent(new CustomEvent(DIRECTION_EVENT, { detail: direction }));
      return;
    }
    const decisionId = scope.getAttribute('data-decision-id');
    if (decisionId) {
      call('decisions.update', { meetingId: actions.meetingId, decisionId, changes: { direction } }).catch((reason: unknown) =>
        actions.showToast(`The direction is not saved: ${asApiError(reason).message}`),
      );
    }
  };

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    // isTypingTarget first: isModalOpen searches the whole document, on every key typed in a field.
    if (event.defaultPrevented || event.repeat || hasCommandModifier(event) || isTypingTarget(event.target) || isModalOpen()) return;
    const key = event.key;
    if (key === '?') {
      event.preventDefault();
      actions.showShortcuts();
      return;
    }
    const digit = /^[1-5]$/.test(key) ? Number(key) : 0;
    if (digit) {
      setDirection(event, digit);
      return;
    }
    switch (key.toLowerCase()) {
      case 'n':
        if (!actions.running) return;
        event.preventDefault();
        actions.next();
        break;
      case 'p':
        if (!actions.running) return;
        event.preventDefault();
        actions.previous();
        break;
      case 'd':
        if (!actions.hasItem) return;
        event.preventDefault();
        actions.logDecision();
        break;
      case 'c':
        event.preventDefault();
        actions.focusChair();
        break;
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
