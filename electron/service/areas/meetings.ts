/** Area "meetings": the library list, one meeting, and creating, editing and deleting meetings. */
import { hideBallots } from '../../../shared/votes';
import { updateMeeting } from '../agendaEdits';
import { reopenCarriedInto } from '../carry';
import { createMeeting } from '../records';
import type { AreaContext, Handlers } from './area';

export function meetingsArea({ kernel, participants }: AreaContext) {
  return {
    'library.get': () => kernel.library(),
    // Every meeting leaving the service goes through hideBallots: open votes show only how many voted.
    'meetings.get': ({ id }) => hideBallots(kernel.meeting(id), null),
    'meetings.create': (draft) => createMeeting(kernel, draft),
    'meetings.update': ({ id, expectedRevision, changes }) =>
      kernel.mutateMeeting(id, expectedRevision, (m, c) => updateMeeting(m, changes, kernel.index, c)),
    'meetings.delete': ({ id }) => {
      const doomed = kernel.meeting(id);
      kernel.storage.trashMeeting(id); // throws before anything changes if the disk refuses
      participants.stop(id);
      kernel.forgetMeeting(id);
      reopenCarriedInto(kernel, doomed);
      return { id };
    },
  } satisfies Pick<Handlers, 'library.get' | 'meetings.get' | 'meetings.create' | 'meetings.update' | 'meetings.delete'>;
}
