import { useEffect, type RefObject } from 'react';

/**
 * Once a screen has its content, focus its heading if focus was lost: a loading placeholder that
 * held focus (after navigation) was replaced, which leaves keyboard users on <body>.
 */
export function useFocusIfLost(ref: RefObject<HTMLElement | null>, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const active = document.activeElement;
    if (active === null || active === document.body) ref.current?.focus();
  }, [ready, ref]);
}
