/** Area "decisions": logging, editing, tagging, removing (with undo) and recording the outcome of decisions. */
import type { Decision } from '../../../shared/domain';
import { restoreHiddenBallots } from '../../../shared/votes';
import * as chair from '../chair';
import type { AreaContext, Handlers } from './area';

/** How many removed decisions are kept whole for their undo. */
const REMEMBERED_REMOVALS = 100;

export function decisionsArea({ kernel }: AreaContext) {
  /** Decisions removed lately, whole: their undo comes back from a client that saw hidden ballots only as a count. */
  const removedDecisions = new Map<string, Decision>();
  const remember = (removed: Decision) => {
    removedDecisions.set(removed.id, removed);
    if (removedDecisions.size > REMEMBERED_REMOVALS) removedDecisions.delete(removedDecisions.keys().next().value!);
  };

  return {
    'decisions.add': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.addDecision(m, params, c)),
    'decisions.update': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.updateDecision(m, params, c)),
    'decisions.tag': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.tagDecision(m, params, c)),
    'decisions.untag': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.untagDecision(m, params, c)),
    'decisions.setTags': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.setDecisionTags(m, params, c)),
    'decisions.remove': (params) =>
      kernel.mutateMeeting(params.meetingId, undefined, (m) => {
        remember(chair.findDecision(m, params.decisionId).decision);
        chair.removeDecision(m, params);
      }),
    'decisions.restore': (params) =>
      kernel.mutateMeeting(params.meetingId, undefined, (m) =>
        chair.restoreDecision(m, { ...params, decision: restoreHiddenBallots(params.decision, removedDecisions.get(params.decision.id)) }),
      ),
    'decisions.recordOutcome': (params) => {
      if (params.askedIn !== null) kernel.meeting(params.askedIn);
      return kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.recordOutcome(m, params, c));
    },
  } satisfies Pick<
    Handlers,
    | 'decisions.add'
    | 'decisions.update'
    | 'decisions.tag'
    | 'decisions.untag'
    | 'decisions.setTags'
    | 'decisions.remove'
    | 'decisions.restore'
    | 'decisions.recordOutcome'
  >;
}
