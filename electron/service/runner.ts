/**
 * Running a meeting: pure changes to a meeting draft (the service copies, validates and saves).
 * `at` is the timestamp of the change; `actor` is who made it (the lead, on the desktop).
 */
import type { MethodParams } from '../../shared/api';
import { currentItem, gateIsOpen } from '../../shared/coverage';
import type { AgendaItem, Meeting } from '../../shared/domain';
import { ApiError } from '../../shared/errors';

export function findItem(meeting: Meeting, itemId: string): AgendaItem {
  const item = meeting.agenda.find((candidate) => candidate.id === itemId);
  if (!item) throw new ApiError('not_found', `The meeting "${meeting.title}" has no agenda item ${itemId}.`);
  return item;
}

function makeCurrent(meeting: Meeting, item: AgendaItem, at: string): void {
  meeting.currentItemId = item.id;
  item.startedAt ??= at;
}

function requireRunning(meeting: Meeting): AgendaItem {
  if (meeting.status !== 'running') {
    throw new ApiError('conflict', `"${meeting.title}" is not running${meeting.status === 'ended' ? ': it has ended' : ' yet'}.`);
  }
  const item = currentItem(meeting);
  if (!item) throw new ApiError('conflict', `"${meeting.title}" has no current agenda item.`);
  return item;
}

/** Passing the gate: open, or skipped on purpose now (counted), or refused with what to do. */
function passGate(item: AgendaItem, skip: boolean | undefined): void {
  if (gateIsOpen(item)) return;
  if (skip) {
    item.skipped = true;
    return;
  }
  throw new ApiError(
    'gate_closed',
    `"${item.title}" has no customer answer yet. Answer "How does this affect the customer?", ` +
      'mark it "No customer impact" with a reason, or skip it on purpose.',
  );
}

export function start(meeting: Meeting, at: string): void {
  if (meeting.status === 'running') return; // starting twice (two windows) is harmless
  if (meeting.status === 'ended') throw new ApiError('conflict', `"${meeting.title}" has ended; it cannot start again.`);
  const first = meeting.agenda[0];
  if (!first) throw new ApiError('invalid_input', `"${meeting.title}" has no agenda items yet; add one before starting.`);
  meeting.status = 'running';
  meeting.startedAt = at;
  makeCurrent(meeting, first, at);
}

export function next(meeting: Meeting, { skip }: MethodParams<'meetings.next'>, at: string): void {
  const item = requireRunning(meeting);
  const index = meeting.agenda.indexOf(item);
  const following = meeting.agenda[index + 1];
  if (!following) throw new ApiError('conflict', `"${item.title}" is the last item; end the meeting instead.`);
  passGate(item, skip);
  makeCurrent(meeting, following, at);
}

export function previous(meeting: Meeting, at: string): void {
  const item = requireRunning(meeting);
  const before = meeting.agenda[meeting.agenda.indexOf(item) - 1];
  if (!before) throw new ApiError('conflict', `"${item.title}" is the first item.`);
  makeCurrent(meeting, before, at);
}

export function end(meeting: Meeting, { skip }: MethodParams<'meetings.end'>, at: string): void {
  passGate(requireRunning(meeting), skip);
  meeting.status = 'ended';
  meeting.endedAt = at;
}
