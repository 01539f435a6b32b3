/** A meeting's agenda and fields: pure changes to a meeting draft (the kernel copies, validates, saves). */
import { agendaItemDraftSchema, type MethodParams } from '../../shared/api';
import type { LibraryIndex, Meeting } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { checkPersonas, findSeries, newAgendaItem } from '../../shared/libraryRules';
import { LIMITS } from '../../shared/limits';
import type { ChangeContext } from './chair';
import { definedOnly } from './objects';
import { findItem } from './runner';

/**
 * Changes a meeting's fields; a whole new agenda keeps each listed item's answer and decisions and
 * adds the ones without an id. The current item moves to the first if it was taken out.
 */
export function updateMeeting(
  meeting: Meeting,
  changes: MethodParams<'meetings.update'>['changes'],
  index: LibraryIndex,
  context: ChangeContext,
): void {
  const { agenda, ...fields } = changes;
  if (fields.personaIds) checkPersonas(index, fields.personaIds);
  if (fields.seriesId) findSeries(index, fields.seriesId);
  Object.assign(meeting, definedOnly(fields));
  if (!agenda) return;
  const existing = new Map(meeting.agenda.map((item) => [item.id, item]));
  meeting.agenda = agenda.map(({ id: itemId, ...item }) => {
    if (itemId === undefined) return newAgendaItem(context.newId(), agendaItemDraftSchema.parse(item));
    const kept = existing.get(itemId);
    if (!kept) throw new ApiError('not_found', `This meeting has no agenda item ${itemId}.`);
    return { ...kept, ...definedOnly(item) };
  });
  if (meeting.currentItemId && !meeting.agenda.some((item) => item.id === meeting.currentItemId)) {
    meeting.currentItemId = meeting.agenda[0]?.id ?? null;
  }
}

export function addItem(meeting: Meeting, params: MethodParams<'agenda.add'>, context: ChangeContext): void {
  if (meeting.agenda.length >= LIMITS.agendaItemsMax) {
    throw new ApiError('limit_exceeded', `A meeting holds at most ${LIMITS.agendaItemsMax} agenda items.`);
  }
  const at = Math.min(params.index ?? meeting.agenda.length, meeting.agenda.length);
  meeting.agenda.splice(at, 0, newAgendaItem(context.newId(), params.item));
}

export function updateItem(meeting: Meeting, params: MethodParams<'agenda.update'>): void {
  Object.assign(findItem(meeting, params.itemId), definedOnly(params.changes));
}

export function removeItem(meeting: Meeting, params: MethodParams<'agenda.remove'>): void {
  findItem(meeting, params.itemId);
  meeting.agenda = meeting.agenda.filter((item) => item.id !== params.itemId);
  if (meeting.currentItemId === params.itemId) meeting.currentItemId = meeting.agenda[0]?.id ?? null;
}

export function moveItem(meeting: Meeting, params: MethodParams<'agenda.move'>): void {
  const item = findItem(meeting, params.itemId);
  const rest = meeting.agenda.filter((other) => other.id !== params.itemId);
  rest.splice(Math.min(params.toIndex, rest.length), 0, item);
  meeting.agenda = rest;
}
