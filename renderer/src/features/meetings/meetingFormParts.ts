import { useEffect, useEffectEvent, type RefObject } from 'react';
import type { MethodInput } from '../../../../shared/api';
import { LIMITS } from '../../../../shared/limits';
import { isModalOpen } from '../../app/Dialog';
import type { FormErrors } from '../../app/fieldErrors';
import type { AgendaImport } from '../agendaImport/ImportAgendaDialog';
import { DEFAULT_TIMEBOX, newRowKey, toDraft, type MeetingForm as FormState } from './draft';

/** Ctrl/Cmd+S saves from anywhere on the page; Escape cancels unless a dialog has it. */
export function useFormKeys(formRef: RefObject<HTMLFormElement | null>, requestCancel: () => void): void {
  const onWindowKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isModalOpen() || event.defaultPrevented) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      formRef.current?.requestSubmit();
    } else if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      requestCancel();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onWindowKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/** Imported items as rows of the form's agenda (editing: saved with the rest of the form). */
export function rowsFromImport(result: AgendaImport): FormState['agenda'] {
  return result.items.map((item) => ({
    key: newRowKey(),
    title: item.title,
    owner: item.owner ?? '',
    timebox: String(item.timeboxMinutes ?? DEFAULT_TIMEBOX),
    notes: item.notes ?? '',
  }));
}

/** A new meeting from an import: what the form holds (chair, rows typed so far) plus the import. */
export function createInputFromImport(form: FormState, result: AgendaImport): MethodInput<'meetings.create'> {
  const converted = toDraft(form);
  if (!converted.ok) throw new Error('some timeboxes in the form are not whole numbers of minutes; correct them first');
  const { agenda, ...fields } = converted.value;
  const typed = agenda
    .filter((item) => item.title.trim())
    .map(({ title, owner, timeboxMinutes, notes }) => ({ title, owner, timeboxMinutes, notes }));
  return {
    ...fields,
    title: result.title,
    scheduledAt: result.scheduledAt ?? fields.scheduledAt,
    lead: result.lead || fields.lead,
    participants: [...new Set([...(fields.participants ?? []), ...result.participants])].slice(0, LIMITS.participantsMax),
    agenda: [...typed, ...result.items],
  };
}

/** Row errors are keyed by position; after a move or removal they would point at the wrong row. */
export function withoutAgendaErrors(current: FormErrors): FormErrors {
  return { ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([key]) => !key.startsWith('agenda.'))) };
}
