/** Area "votes and proposals": hidden impact votes on decisions, and participants' proposed answers (an accept keeps its undo in the meeting). */
import * as votes from '../votes';
import type { AreaContext, Handlers } from './area';

export function votesArea({ kernel }: AreaContext) {
  return {
    'votes.open': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.openVote(m, params, c)),
    'votes.reveal': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.revealVote(m, params, c)),
    'votes.decide': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.decideVote(m, params, c)),
    // The accept keeps its undo with the proposal, in the meeting: it survives a restart and reaches every window.
    'proposals.accept': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.acceptProposal(m, params, c)),
    'proposals.undoAccept': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => votes.undoAccept(m, params, c)),
    'proposals.dismiss': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => votes.dismissProposal(m, params)),
  } satisfies Pick<
    Handlers,
    'votes.open' | 'votes.reveal' | 'votes.decide' | 'proposals.accept' | 'proposals.undoAccept' | 'proposals.dismiss'
  >;
}
