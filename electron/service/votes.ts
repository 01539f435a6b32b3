/** Hidden impact votes and participants' proposals: pure changes to a meeting draft, like chair.ts. */
import type { MethodParams } from '../../shared/api';
import type { ImpactDirection, Meeting } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import type { ParticipantMethodParams } from '../../shared/participantApi';
import { sameAnswer } from '../../shared/proposals';
import * as chair from './chair';
import { findItem } from './runner';

export function openVote(meeting: Meeting, params: MethodParams<'votes.open'>, context: chair.ChangeContext): void {
  const { decision } = chair.findDecision(meeting, params.decisionId);
  if (meeting.status !== 'running') throw new ApiError('conflict', 'A vote can be opened only while the meeting runs.');
  if (decision.vote) {
    throw new ApiError(
      'conflict',
      decision.vote.revealedAt ? 'This decision has had its vote; its spread is kept with it.' : 'A vote on this decision is already open.',
    );
  }
  decision.vote = { openedAt: context.at, revealedAt: null, ballots: [], decided: null };
  decision.updatedAt = context.at;
}

export function revealVote(meeting: Meeting, params: MethodParams<'votes.reveal'>, context: chair.ChangeContext): void {
  const { decision } = chair.findDecision(meeting, params.decisionId);
  if (!decision.vote) throw new ApiError('conflict', 'There is no vote on this decision to reveal.');
  if (decision.vote.revealedAt) throw new ApiError('conflict', 'This vote is already revealed.');
  decision.vote.revealedAt = context.at;
  decision.updatedAt = context.at;
}

/** The lead's call after the reveal: ballots that picked another direction are the dissent ("disagree and commit"). */
export function decideVote(meeting: Meeting, params: MethodParams<'votes.decide'>, context: chair.ChangeContext): void {
  const { decision } = chair.findDecision(meeting, params.decisionId);
  const vote = decision.vote;
  if (!vote?.revealedAt) throw new ApiError('conflict', 'Reveal the vote before deciding.');
  if (vote.decided) throw new ApiError('conflict', 'This vote is already decided.');
  const dissent = vote.ballots.filter((ballot) => ballot.direction !== params.direction);
  vote.decided = { by: context.actor, at: context.at, direction: params.direction, disagreeAndCommit: dissent.length > 0, dissent };
  if (decision.direction !== params.direction) {
    decision.direction = params.direction;
    decision.directionSetBy = { by: context.actor, at: context.at };
  }
  decision.updatedAt = context.at;
}

/** A participant's ballot: one per person, changeable until the reveal. */
export function castBallot(meeting: Meeting, decisionId: string, direction: ImpactDirection, context: chair.ChangeContext): void {
  const { decision } = chair.findDecision(meeting, decisionId);
  const vote = decision.vote;
  if (!vote) throw new ApiError('conflict', 'There is no open vote on this decision.');
  if (vote.revealedAt) throw new ApiError('conflict', 'This vote is already revealed; ballots are closed.');
  vote.ballots = [...vote.ballots.filter((ballot) => ballot.by !== context.actor), { by: context.actor, at: context.at, direction }];
}

function findProposal(meeting: Meeting, itemId: string, proposalId: string) {
  const item = findItem(meeting, itemId);
  const proposal = item.proposals.find((p) => p.id === proposalId);
  if (!proposal) throw new ApiError('not_found', `The agenda item "${item.title}" has no proposal ${proposalId}.`);
  if (proposal.status !== 'open') throw new ApiError('conflict', `This proposal was already ${proposal.status}.`);
  return proposal;
}

/**
 * The proposal goes into the item's answer; it stays in the item, accepted, crediting its proposer.
 * No answer yet: it becomes the answer, attributed to its proposer. An answer there: 'append' adds
 * it below (the answer keeps its author, and its direction if it has one); 'replace' takes its place.
 * The proposal keeps who took it, when, how, and the answer before and after: its undo, on disk.
 */
export function acceptProposal(meeting: Meeting, params: MethodParams<'proposals.accept'>, context: chair.ChangeContext): void {
  const proposal = findProposal(meeting, params.itemId, params.proposalId);
  const before = chair.answerState(meeting, params.itemId);
  const current = before.answer;
  const onItem = { meetingId: meeting.id, itemId: params.itemId };
  const appending = params.mode === 'append' && current !== null;
  // An answer with a direction but no text yet is still the lead's: append keeps its direction and author.
  if (appending) {
    const text = current.text.trim().length > 0 ? `${current.text.trimEnd()}\n\n${proposal.text}` : proposal.text;
    if (text.length > LIMITS.answerMax) {
      throw new ApiError(
        'limit_exceeded',
        `Added below the answer, the proposal would make it ${text.length} characters; an answer takes at most ${LIMITS.answerMax}. Shorten the answer, or replace it.`,
      );
    }
    const direction = current.direction ?? proposal.direction;
    chair.answer(meeting, { ...onItem, changes: { text, direction } }, { ...context, actor: current.by });
  } else {
    const changes = proposal.direction === null ? { text: proposal.text } : { text: proposal.text, direction: proposal.direction };
    chair.answer(meeting, { ...onItem, changes }, { ...context, actor: proposal.by, at: proposal.at });
  }
  proposal.status = 'accepted';
  const after = structuredClone(findItem(meeting, params.itemId).answer!);
  proposal.taken = { by: context.actor, at: context.at, mode: appending ? 'append' : 'replace', before, after };
}

/** Puts back the answer an accept changed, and opens the proposal again; refused if the answer changed since. */
export function undoAccept(meeting: Meeting, params: MethodParams<'proposals.undoAccept'>, context: chair.ChangeContext): void {
  const item = findItem(meeting, params.itemId);
  const proposal = item.proposals.find((p) => p.id === params.proposalId);
  if (!proposal) throw new ApiError('not_found', `The agenda item "${item.title}" has no proposal ${params.proposalId}.`);
  if (proposal.status !== 'accepted') throw new ApiError('conflict', `This proposal is ${proposal.status}, not taken into the answer.`);
  const { taken } = proposal;
  // Accepts saved before the answer was kept with the proposal have nothing to put back.
  if (!taken) throw new ApiError('conflict', 'The answer from before this proposal was taken is not on record; edit the answer instead.');
  if (!sameAnswer(item.answer, taken.after)) {
    throw new ApiError(
      'conflict',
      'The answer changed after the proposal was taken; undoing would lose that change. Edit the answer instead.',
    );
  }
  chair.restoreAnswer(meeting, params.itemId, taken.before, context);
  proposal.status = 'open';
  delete proposal.taken;
}

export function dismissProposal(meeting: Meeting, params: MethodParams<'proposals.dismiss'>): void {
  findProposal(meeting, params.itemId, params.proposalId).status = 'dismissed';
}

/** A participant's proposed answer to an item, for the lead to accept or dismiss. */
export function propose(meeting: Meeting, params: ParticipantMethodParams<'participant.propose'>, context: chair.ChangeContext): void {
  const item = findItem(meeting, params.itemId);
  if (item.proposals.length >= LIMITS.proposalsPerItemMax) {
    throw new ApiError('limit_exceeded', `An agenda item takes at most ${LIMITS.proposalsPerItemMax} proposals.`);
  }
  item.proposals.push({
    id: context.newId(),
    by: context.actor,
    at: context.at,
    text: params.text,
    direction: params.direction,
    status: 'open',
  });
}
