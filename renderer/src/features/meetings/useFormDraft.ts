import { useEffect, useState } from 'react';
import type { MeetingForm } from './draft';

/** Where a half-filled New meeting form is kept between visits (this browser profile only). */
export const NEW_MEETING_DRAFT_KEY = 'emptychair.newMeetingDraft';

function readDraft(): MeetingForm | null {
  try {
    const text = window.localStorage.getItem(NEW_MEETING_DRAFT_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<MeetingForm>;
    if (typeof value.title !== 'string' || !Array.isArray(value.agenda) || !Array.isArray(value.personaIds)) return null;
    return value as MeetingForm;
  } catch {
    return null;
  }
}

/** Forgets the kept draft (after the meeting is saved, or the user discards it). */
export function forgetNewMeetingDraft(): void {
  try {
    window.localStorage.removeItem(NEW_MEETING_DRAFT_KEY);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

/** The form to start from: the kept draft of an earlier visit if there is one, else `initial`. */
export function useRestoredDraft(enabled: boolean, initial: MeetingForm): { start: MeetingForm; restored: boolean } {
  const [state] = useState(() => {
    const draft = enabled ? readDraft() : null;
    return draft ? { start: draft, restored: true } : { start: initial, restored: false };
  });
  return state;
}

/**
 * Never loses a half-filled form silently: while it has unsaved changes, leaving or reloading the
 * page asks first (beforeunload), and a New meeting form is kept in localStorage as it is typed, so
 * leaving through the app's own links and coming back brings it back.
 */
export function useUnsavedGuard(dirty: boolean, keep: MeetingForm | null): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useEffect(() => {
    if (!keep) return;
    try {
      if (dirty) window.localStorage.setItem(NEW_MEETING_DRAFT_KEY, JSON.stringify(keep));
      else window.localStorage.removeItem(NEW_MEETING_DRAFT_KEY);
    } catch {
      // Storage full or unavailable: the beforeunload guard still asks before the form is lost.
    }
  }, [dirty, keep]);
}
