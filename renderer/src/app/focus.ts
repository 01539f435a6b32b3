import { flushSync } from 'react-dom';

/**
 * Applies a state change at once, then moves focus to an element of the new render. After an
 * `await`, React renders state changes in a later task; focusing in a requestAnimationFrame may
 * run before that render and find nothing. flushSync makes the order certain.
 */
export function updateThenFocus(update: () => void, target: () => HTMLElement | null | undefined): void {
  flushSync(update);
  target()?.focus();
}
