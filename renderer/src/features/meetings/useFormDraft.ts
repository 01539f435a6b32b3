import { useEffect, useState } from 'react';
import { describeIssues, fieldLabel } from '../../../../shared/validate';
import { newRowKey, type MeetingForm } from './draft';
import { meetingFormSchema } from './formDraftSchema';

/** Where a half-filled New meeting form is kept between visits (this browser profile only). */
export const NEW_MEETING_DRAFT_KEY = 'emptychair.newMeetingDraft';

/** What a kept draft read back as: a form, nothing kept, or a draft that did not parse (why, for the notice). */
type ReadDraft = { form: MeetingForm } | { dropped: string } | null;

function readDraft(): ReadDraft {
  let text: string | null;
  try {
    text = window.localStorage.getItem(NEW_MEETING_DRAFT_KEY);
  } catch {
    return null; // Storage unavailable: nothing was kept.
  }
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { dropped: 'it is not JSON' };
  }
  const parsed = meetingFormSchema.safeParse(value);
  if (!parsed.success) {
    const [first] = describeIssues(parsed.error);
    return { dropped: first ? `${fieldLabel(first.path)}: ${first.message}` : 'it is not a form' };
  }
  // Row keys are made per visit (newRowKey): the kept ones could repeat the ones made from now on.
  return { form: { ...parsed.data, agenda: parsed.data.agenda.map((row) => ({ ...row, key: newRowKey() })) } };
}

/** Forgets the kept draft (after the meeting is saved, or the user discards it). */
export function forgetNewMeetingDraft(): void {
  try {
    window.localStorage.removeItem(NEW_MEETING_DRAFT_KEY);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

/**
 * The form to start from: the kept draft of an earlier visit if there is one, else `initial`. A kept
 * draft that does not parse is forgotten, and `dropped` says why, for the notice.
 */
export function useRestoredDraft(
  enabled: boolean,
  initial: MeetingForm,
): { start: MeetingForm; restored: boolean; dropped: string | null } {
  const [state] = useState(() => {
    const draft = enabled ? readDraft() : null;
    if (draft && 'form' in draft) return { start: draft.form, restored: true, dropped: null };
    if (draft) forgetNewMeetingDraft();
    return { start: initial, restored: false, dropped: draft?.dropped ?? null };
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
