/** Follow-ups inside one meeting: pure changes to a meeting draft (the service copies, validates, saves). */
import type { MethodParams } from '../../shared/api';
import type { FollowUp, Meeting } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { isOpen } from '../../shared/followUps';
import { LIMITS } from '../../shared/limits';
import type { ChangeContext } from './chair';
import { definedOnly } from './objects';
import { findItem } from './runner';

function findFollowUp(meeting: Meeting, followUpId: string): FollowUp {
  const followUp = meeting.followUps.find((f) => f.id === followUpId);
  if (!followUp) throw new ApiError('not_found', `The meeting "${meeting.title}" has no follow-up ${followUpId}.`);
  return followUp;
}

function checkRoom(meeting: Meeting, adding: number): void {
  if (meeting.followUps.length + adding > LIMITS.followUpsMax) {
    throw new ApiError('limit_exceeded', `A meeting holds at most ${LIMITS.followUpsMax} follow-ups.`);
  }
}

/** A follow-up from a decision ("decision"), or one the lead adds by hand ("manual"). */
export function addFollowUp(meeting: Meeting, params: MethodParams<'followUps.add'>, context: ChangeContext): void {
  checkRoom(meeting, 1);
  let itemId = params.itemId ?? null;
  if (params.decisionId) {
    const holder = meeting.agenda.find((item) => item.decisions.some((d) => d.id === params.decisionId));
    if (!holder) throw new ApiError('not_found', `The meeting "${meeting.title}" has no decision ${params.decisionId}.`);
    const existing = meeting.followUps.find((f) => f.decisionId === params.decisionId && isOpen(f));
    if (existing) throw new ApiError('conflict', `This decision already has an open follow-up: “${existing.text.slice(0, 60)}”.`);
    itemId = holder.id;
  } else if (itemId) {
    findItem(meeting, itemId);
  }
  meeting.followUps.push({
    id: context.newId(),
    source: params.decisionId ? 'decision' : 'manual',
    text: params.text,
    owner: params.owner,
    dueDate: params.dueDate,
    itemId,
    decisionId: params.decisionId ?? null,
    done: false,
    doneAt: null,
    carriedFrom: null,
    carriedTo: null,
    createdAt: context.at,
  });
}

export function updateFollowUp(meeting: Meeting, params: MethodParams<'followUps.update'>, context: ChangeContext): void {
  const followUp = findFollowUp(meeting, params.followUpId);
  if (followUp.carriedTo) {
    throw new ApiError('conflict', 'This follow-up was carried forward to a later meeting of the series; change it there.');
  }
  const { done, ...rest } = params.changes;
  Object.assign(followUp, definedOnly(rest));
  if (done !== undefined && done !== followUp.done) {
    followUp.done = done;
    followUp.doneAt = done ? context.at : null;
  }
}

export function removeFollowUp(meeting: Meeting, params: MethodParams<'followUps.remove'>): void {
  findFollowUp(meeting, params.followUpId);
  meeting.followUps = meeting.followUps.filter((f) => f.id !== params.followUpId);
}

/** Puts a removed follow-up back as it was (the undo of `followUps.remove`). */
export function restoreFollowUp(meeting: Meeting, params: MethodParams<'followUps.restore'>): void {
  if (meeting.followUps.some((f) => f.id === params.followUp.id))
    throw new ApiError('conflict', 'That follow-up is already in the meeting.');
  checkRoom(meeting, 1);
  meeting.followUps.splice(Math.min(params.index, meeting.followUps.length), 0, params.followUp);
}

/** Opens the originals again whose copies went to `deletedId`, a meeting that is gone. */
export function uncarry(source: Meeting, followUpIds: readonly string[], deletedId: string): void {
  for (const followUp of source.followUps)
    if (followUpIds.includes(followUp.id) && followUp.carriedTo === deletedId) followUp.carriedTo = null;
}

export { isOpen };

const originKey = (meetingId: string, followUpId: string) => `${meetingId}/${followUpId}`;

function carriedAlready(target: Meeting): Set<string> {
  return new Set(target.followUps.flatMap((f) => (f.carriedFrom ? [originKey(f.carriedFrom.meetingId, f.carriedFrom.followUpId)] : [])));
}

/** True when `carryInto` would copy something: lets the service skip a write that changes nothing. */
export function hasSomethingToCarry(target: Meeting, sources: readonly Meeting[]): boolean {
  const already = carriedAlready(target);
  return sources.some((source) => source.followUps.some((f) => isOpen(f) && !already.has(originKey(source.id, f.id))));
}

/**
 * Copies open follow-ups of earlier meetings into `target`, each once: a copy remembers where it
 * came from, so carrying again (at creation and again at start) adds nothing twice.
 */
export function carryInto(target: Meeting, sources: readonly Meeting[], context: ChangeContext): Map<string, string[]> {
  const already = carriedAlready(target);
  const carried = new Map<string, string[]>();
  const copies: FollowUp[] = [];
  for (const source of sources) {
    for (const followUp of source.followUps) {
      if (!isOpen(followUp) || already.has(originKey(source.id, followUp.id))) continue;
      copies.push({
        ...followUp,
        id: context.newId(),
        // Item and decision ids belong to the source meeting; the copy points back through carriedFrom.
        itemId: null,
        decisionId: null,
        carriedFrom: { meetingId: source.id, followUpId: followUp.id },
        carriedTo: null,
        createdAt: context.at,
      });
      carried.set(source.id, [...(carried.get(source.id) ?? []), followUp.id]);
    }
  }
  checkRoom(target, copies.length);
  target.followUps.push(...copies);
  return carried;
}

export function markCarried(source: Meeting, followUpIds: readonly string[], targetId: string): void {
  for (const followUp of source.followUps) if (followUpIds.includes(followUp.id)) followUp.carriedTo = targetId;
}
