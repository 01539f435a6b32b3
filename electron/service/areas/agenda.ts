/** Area "agenda": adding, changing, removing and moving agenda items. */
import * as agenda from '../agendaEdits';
import type { AreaContext, Handlers } from './area';

export function agendaArea({ kernel }: AreaContext) {
  return {
    'agenda.add': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m, c) => agenda.addItem(m, params, c)),
    'agenda.update': (params) => kernel.mutateMeeting(params.meetingId, params.expectedRevision, (m) => agenda.updateItem(m, params)),
    'agenda.remove': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => agenda.removeItem(m, params)),
    'agenda.move': (params) => kernel.mutateMeeting(params.meetingId, undefined, (m) => agenda.moveItem(m, params)),
  } satisfies Pick<Handlers, 'agenda.add' | 'agenda.update' | 'agenda.remove' | 'agenda.move'>;
}
