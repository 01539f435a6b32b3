/** Area "votes and proposals": hidden impact votes on decisions, and participants' proposed answers (with the undo of an accept). */
import * as votes from '../votes';
import type { AreaContext, Handlers } from './area';

/** How many accepts are kept for their undo. */
const REMEMBERED_ACCEPTS = 100;

export function votesArea({ kernel }: AreaContext) {
  /** The answers proposals replaced or extended lately, by meeting and proposal: what their undo puts back. */
  const accepts = new Map<string, votes.Accepted>();
  const key = (params: { meetingId: string; proposalId: string }) => `${params.meetingId}\u0000${params.proposalId}`;
  const remember = (params: { meetingId: string; proposalId: string }, accepted: votes.Accepted) => {
    accepts.delete(key(params));
    accepts.set(key(params), accepted);
    if (accepts.size > REMEMBERED_ACCEPTS) accepts.delete(accepts.keys().next().value!);
  };

  return {
    'votes.open': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.openVote(m, params, c)),
    'votes.reveal': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.revealVote(m, params, c)),
    'votes.decide': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.decideVote(m, params, c)),
    // Remembered as the change is made: a disk that refuses still keeps the change (storage_error), and so its undo.
    'proposals.accept': (params) =>
      kernel.mutateMeeting(params.meetingId, undefined, (m, c) => remember(params, votes.acceptProposal(m, params, c))),
    'proposals.undoAccept': (params) => {
      const meeting = kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.undoAccept(m, params, accepts.get(key(params)), c));
      accepts.delete(key(params));
      return meeting;
    },
    'proposals.dismiss': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => votes.dismissProposal(m, params)),
  } satisfies Pick<
    Handlers,
    'votes.open' | 'votes.reveal' | 'votes.decide' | 'proposals.accept' | 'proposals.undoAccept' | 'proposals.dismiss'
  >;
}
