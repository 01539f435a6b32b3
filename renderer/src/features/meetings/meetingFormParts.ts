import { useEffect, useEffectEvent, type RefObject } from 'react';
import { LIMITS } from '../../../../shared/limits';
import { isModalOpen } from '../../app/Dialog';
import type { FormErrors } from '../../app/fieldErrors';
import type { AgendaImport } from '../agendaImport/ImportAgendaDialog';
import { DEFAULT_TIMEBOX, newRowKey, toLocalInput, type MeetingForm as FormState } from './draft';

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

/**
 * A new meeting's form filled from an import (nothing is saved until the user saves the form): the
 * import's title, start, lead and participants, and the rows typed so far followed by its items.
 */
export function fillFromImport(form: FormState, result: AgendaImport): FormState {
  const typedNames = form.participants.split('\n').map((name) => name.trim());
  const participants = [...new Set([...typedNames.filter(Boolean), ...result.participants])].slice(0, LIMITS.participantsMax);
  return {
    ...form,
    title: result.title.trim() ? result.title : form.title,
    scheduledAt: result.scheduledAt ? toLocalInput(result.scheduledAt) : form.scheduledAt,
    lead: result.lead || form.lead,
    participants: participants.join('\n'),
    agenda: [...form.agenda.filter((row) => row.title.trim()), ...rowsFromImport(result)],
  };
}

/** Row errors are keyed by position; after a move or removal they would point at the wrong row. */
export function withoutAgendaErrors(current: FormErrors): FormErrors {
  return { ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([key]) => !key.startsWith('agenda.'))) };
}

/** Which error keys a change to the form fixes: the field's own, or those of the agenda rows edited. */
export function fixedBy<K extends keyof FormState>(form: FormState, key: K, value: FormState[K]): (errorKey: string) => boolean {
  if (key !== 'agenda') return (errorKey) => errorKey === key || errorKey.startsWith(`${key}.`);
  const rows = value as FormState['agenda'];
  const changed = new Set(rows.flatMap((row, index) => (JSON.stringify(row) !== JSON.stringify(form.agenda[index]) ? [index] : [])));
  return (errorKey) => {
    const match = /^agenda\.(\d+)\./.exec(errorKey);
    return match !== null && changed.has(Number(match[1]));
  };
}
