/**
 * A meeting's inner consistency: what the schema (one field at a time) cannot see, and what breaks
 * a meeting later if it slips in (from a file, an import or a bug): ids that must be unique, the
 * running meeting's current item, follow-ups' links, answers' personas. One pure check, run on
 * every import and on every commit; each problem names the item it is about.
 */
import type { Meeting } from './domain';
import { ApiError } from './errors';
import { jsonChars, jsonCharsBound, LIMITS } from './limits';

export interface MeetingProblem {
  /** Where, as a field path ("agenda.3.id"), so the UI and tests can point at it. */
  path: string;
  message: string;
}

export interface InvariantContext {
  /**
   * The personas an answer may name: the library's (and, on import, the file's). Left out on commit,
   * where a persona unseated or deleted since the answer must not lock the meeting.
   */
  knownPersonaIds?: ReadonlySet<string>;
}

const quoted = (text: string) => `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;

/** Every inner inconsistency of the meeting; none means it is consistent. */
export function meetingProblems(meeting: Meeting, context: InvariantContext = {}): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  const itemIds = new Map<string, number>();
  const decisionIds = new Map<string, string>();
  const proposalIds = new Set<string>();

  meeting.agenda.forEach((item, i) => {
    const where = `agenda item ${i + 1} (${quoted(item.title)})`;
    const name = `A${where.slice(1)}`;
    const first = itemIds.get(item.id);
    if (first !== undefined)
      problems.push({ path: `agenda.${i}.id`, message: `${name} has the id ${item.id}, which agenda item ${first + 1} already has.` });
    else itemIds.set(item.id, i);
    item.decisions.forEach((decision, j) => {
      const holder = decisionIds.get(decision.id);
      if (holder !== undefined) {
        problems.push({
          path: `agenda.${i}.decisions.${j}.id`,
          message: `Decision ${quoted(decision.text)} in ${where} has the id ${decision.id}, which a decision in ${holder} already has.`,
        });
      } else decisionIds.set(decision.id, where);
    });
    item.proposals.forEach((proposal, j) => {
      if (proposalIds.has(proposal.id)) {
        problems.push({
          path: `agenda.${i}.proposals.${j}.id`,
          message: `A proposal in ${where} has the id ${proposal.id}, which another proposal already has.`,
        });
      }
      proposalIds.add(proposal.id);
    });
    const known = context.knownPersonaIds;
    const unknown = known && item.answer?.personaIds.find((id) => !known.has(id));
    if (unknown) {
      problems.push({
        path: `agenda.${i}.answer.personaIds`,
        message: `The answer to ${name} names the persona ${unknown}, which is neither in the library nor described.`,
      });
    }
  });

  if (meeting.currentItemId !== null && !itemIds.has(meeting.currentItemId)) {
    problems.push({
      path: 'currentItemId',
      message: `The current item ${meeting.currentItemId} is not on the agenda of ${quoted(meeting.title)}.`,
    });
  }
  if (meeting.status === 'running' && meeting.currentItemId === null) {
    problems.push({
      path: 'currentItemId',
      message: `${quoted(meeting.title)} is running but has no current agenda item, so it could never be ended.`,
    });
  }

  const followUpIds = new Set<string>();
  meeting.followUps.forEach((followUp, k) => {
    const name = `Follow-up ${k + 1} (${quoted(followUp.text)})`;
    if (followUpIds.has(followUp.id))
      problems.push({ path: `followUps.${k}.id`, message: `${name} has the id ${followUp.id}, which another follow-up already has.` });
    followUpIds.add(followUp.id);
    if (followUp.itemId !== null && !itemIds.has(followUp.itemId)) {
      problems.push({
        path: `followUps.${k}.itemId`,
        message: `${name} is linked to the agenda item ${followUp.itemId}, which is not in the meeting.`,
      });
    }
    if (followUp.decisionId !== null && !decisionIds.has(followUp.decisionId)) {
      problems.push({
        path: `followUps.${k}.decisionId`,
        message: `${name} is linked to the decision ${followUp.decisionId}, which is not in the meeting.`,
      });
    }
  });
  return problems;
}

/**
 * Drops follow-ups' links to agenda items and decisions the meeting no longer has: a change that
 * removes an item or a decision keeps its follow-ups, unlinked. (The change's own business, so the
 * commit's check never refuses a removal; an import is checked as it comes.)
 */
export function unlinkRemoved(meeting: Meeting): void {
  const itemIds = new Set(meeting.agenda.map((item) => item.id));
  const decisionIds = new Set(meeting.agenda.flatMap((item) => item.decisions.map((decision) => decision.id)));
  for (const followUp of meeting.followUps) {
    if (followUp.itemId !== null && !itemIds.has(followUp.itemId)) followUp.itemId = null;
    if (followUp.decisionId !== null && !decisionIds.has(followUp.decisionId)) followUp.decisionId = null;
  }
}

/**
 * The check every commit and import runs: the meeting's size (limit_exceeded, naming the limit),
 * then its inner consistency (invalid_input naming the first problem, all of them in `issues`).
 * `lead` says what was refused.
 */
export function assertMeetingConsistent(meeting: Meeting, context: InvariantContext = {}, lead = 'The meeting is inconsistent'): void {
  const size = jsonCharsBound(meeting) > LIMITS.meetingJsonCharsMax ? jsonChars(meeting) : 0;
  if (size > LIMITS.meetingJsonCharsMax) {
    throw new ApiError(
      'limit_exceeded',
      `${lead}: a meeting holds at most ${LIMITS.meetingJsonCharsMax.toLocaleString('en')} characters as JSON, and ${quoted(meeting.title)} would take ${size.toLocaleString('en')}.`,
    );
  }
  const problems = meetingProblems(meeting, context);
  if (problems.length === 0) return;
  const more =
    problems.length > 1 ? ` There ${problems.length > 2 ? `are ${problems.length - 1} more problems` : 'is 1 more problem'}.` : '';
  throw new ApiError('invalid_input', `${lead}: ${problems[0]!.message}${more}`, problems);
}
