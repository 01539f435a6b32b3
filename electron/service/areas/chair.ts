/** Area "chair": the customer panel's answer to "How does this affect the customer?", or "no impact". */
import * as chair from '../chair';
import type { AreaContext, Handlers } from './area';

export function chairArea({ kernel }: AreaContext) {
  return {
    'chair.answer': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => chair.answer(m, params, c)),
    'chair.noImpact': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => chair.markNoImpact(m, params)),
  } satisfies Pick<Handlers, 'chair.answer' | 'chair.noImpact'>;
}
