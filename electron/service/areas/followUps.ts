/** Area "follow-ups": actions with an owner and a due date, inside one meeting (carrying is in ../carry.ts). */
import * as followUps from '../followUps';
import type { AreaContext, Handlers } from './area';

export function followUpsArea({ kernel }: AreaContext) {
  return {
    'followUps.update': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => followUps.updateFollowUp(m, params, c)),
    'followUps.add': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => followUps.addFollowUp(m, params, c)),
    'followUps.remove': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => followUps.removeFollowUp(m, params)),
    'followUps.restore': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => followUps.restoreFollowUp(m, params)),
  } satisfies Pick<Handlers, 'followUps.update' | 'followUps.add' | 'followUps.remove' | 'followUps.restore'>;
}
