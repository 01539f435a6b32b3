/** The customer panel's answers, decisions and follow-ups: pure changes to a meeting draft. */
import type { MethodParams } from '../../shared/api';
import type { AnswerState, Decision, FollowUp, Meeting, Tag } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { addTag, newDecisionTags, removeTag, setTags } from '../../shared/tags';
import { definedOnly } from './objects';
import { findItem } from './runner';

export interface ChangeContext {
  at: string;
  actor: string;
  newId: () => string;
  tags: readonly Tag[];
}

function checkPersonasSit(meeting: Meeting, personaIds: readonly string[]): void {
  const outsider = personaIds.find((id) => !meeting.personaIds.includes(id));
  if (outsider) throw new ApiError('invalid_input', `The persona ${outsider} does not sit in this meeting's chair.`);
}

export function answer(meeting: Meeting, params: MethodParams<'chair.answer'>, context: ChangeContext): void {
  const item = findItem(meeting, params.itemId);
  const { changes } = params;
  if (changes.personaIds) checkPersonasSit(meeting, changes.personaIds);
  const previous = item.answer ?? { text: '', direction: null, severity: 0, personaIds: [], by: context.actor, at: context.at };
  const merged = { ...previous, ...definedOnly(changes), by: context.actor, at: context.at };
  item.answer = merged;
  if (merged.text.trim().length > 0) {
    // A real answer replaces "no impact" and a skip: the item is now covered.
    item.noImpactReason = null;
    item.skipped = false;
  }
  syncUnknownFollowUp(meeting, item.id, merged.direction === 'unknown', params.followUpOwner ?? (item.owner || meeting.lead), context);
}

/** What an item's answer is now, whole: what an undo puts back. */
export function answerState(meeting: Meeting, itemId: string): AnswerState {
  const item = findItem(meeting, itemId);
  return structuredClone({ answer: item.answer, noImpactReason: item.noImpactReason, skipped: item.skipped });
}

/** Puts an item's answer back as it was (an undo), with the follow-up an "unknown" answer raises. */
export function restoreAnswer(meeting: Meeting, itemId: string, state: AnswerState, context: ChangeContext): void {
  const item = findItem(meeting, itemId);
  Object.assign(item, structuredClone(state));
  syncUnknownFollowUp(meeting, itemId, state.answer?.direction === 'unknown', item.owner || meeting.lead, context);
}

/** An "unknown" answer raises one "Find out from customers" follow-up per item; it goes again if the answer changes, unless done. */
function syncUnknownFollowUp(meeting: Meeting, itemId: string, wanted: boolean, owner: string, context: ChangeContext): void {
  const existing = meeting.followUps.find((f) => f.source === 'unknown-impact' && f.itemId === itemId);
  if (wanted && !existing) {
    const item = findItem(meeting, itemId);
    const followUp: FollowUp = {
      id: context.newId(),
      source: 'unknown-impact',
      text: `Find out from customers: ${item.title}`.slice(0, 2000),
      owner,
      dueDate: null,
      itemId,
      decisionId: null,
      done: false,
      doneAt: null,
      carriedFrom: null,
      carriedTo: null,
      createdAt: context.at,
    };
    meeting.followUps.push(followUp);
  } else if (!wanted && existing && !existing.done && !existing.carriedTo) {
    meeting.followUps = meeting.followUps.filter((f) => f !== existing);
  }
}

export function markNoImpact(meeting: Meeting, params: MethodParams<'chair.noImpact'>): void {
  const item = findItem(meeting, params.itemId);
  item.noImpactReason = params.reason;
  if (params.reason !== null) item.skipped = false;
}

export function findDecision(meeting: Meeting, decisionId: string) {
  for (const item of meeting.agenda) {
    const index = item.decisions.findIndex((d) => d.id === decisionId);
    if (index >= 0) return { item, index, decision: item.decisions[index]! };
  }
  throw new ApiError('not_found', `The meeting "${meeting.title}" has no decision ${decisionId}.`);
}

export function addDecision(meeting: Meeting, params: MethodParams<'decisions.add'>, context: ChangeContext): void {
  const item = findItem(meeting, params.itemId);
  const { tagIds, ...draft } = params.decision;
  const tags = newDecisionTags(tagIds, context);
  const decision: Decision = {
    id: context.newId(),
    ...draft,
    tags,
    directionSetBy: { by: context.actor, at: context.at },
    outcome: null,
    vote: null,
    citations: [],
    createdAt: context.at,
    updatedAt: context.at,
  };
  item.decisions.push(decision);
}

export function updateDecision(meeting: Meeting, params: MethodParams<'decisions.update'>, context: ChangeContext): void {
  const { decision } = findDecision(meeting, params.decisionId);
  const { direction, ...rest } = params.changes;
  Object.assign(decision, definedOnly(rest), { updatedAt: context.at });
  if (direction !== undefined && direction !== decision.direction) {
    decision.direction = direction;
    decision.directionSetBy = { by: context.actor, at: context.at };
  }
}

/** The lead's tag edits; the rules are shared/tags.ts's, the same as for participants. */
export function tagDecision(meeting: Meeting, params: MethodParams<'decisions.tag'>, context: ChangeContext): void {
  addTag(findDecision(meeting, params.decisionId).decision, params.tagId, context);
}

export function untagDecision(meeting: Meeting, params: MethodParams<'decisions.untag'>, context: ChangeContext): void {
  removeTag(findDecision(meeting, params.decisionId).decision, params.tagId, context);
}

/** Sets a decision's tags to exactly the given ones: one validation, one write, one event. */
export function setDecisionTags(meeting: Meeting, params: MethodParams<'decisions.setTags'>, context: ChangeContext): void {
  setTags(findDecision(meeting, params.decisionId).decision, params.tagIds, context);
}

export function removeDecision(meeting: Meeting, params: MethodParams<'decisions.remove'>): void {
  const { item, index } = findDecision(meeting, params.decisionId);
  item.decisions.splice(index, 1);
}

export function restoreDecision(meeting: Meeting, params: MethodParams<'decisions.restore'>): void {
  const item = findItem(meeting, params.itemId);
  if (meeting.agenda.some((other) => other.decisions.some((d) => d.id === params.decision.id))) {
    throw new ApiError('conflict', 'That decision is already in the meeting.');
  }
  item.decisions.splice(Math.min(params.index, item.decisions.length), 0, params.decision);
}

/** How a decision turned out for the customer (null takes it back), asked by the chair of `askedIn`. */
export function recordOutcome(meeting: Meeting, params: MethodParams<'decisions.recordOutcome'>, context: ChangeContext): void {
  const decision = meeting.agenda.flatMap((item) => item.decisions).find((d) => d.id === params.decisionId);
  if (!decision) throw new ApiError('not_found', `The meeting "${meeting.title}" has no decision ${params.decisionId}.`);
  decision.outcome = params.outcome && { ...params.outcome, by: context.actor, at: context.at, meetingId: params.askedIn };
  decision.updatedAt = context.at;
}
