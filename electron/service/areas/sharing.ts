/** Area "sharing": inviting participants to a running meeting (the hub is ../participants.ts). */
import type { AreaContext, Handlers } from './area';

export function sharingArea({ kernel, participants }: AreaContext) {
  return {
    'sharing.interfaces': () => participants.interfaces(),
    'sharing.start': ({ meetingId, host, port }) => participants.start(meetingId, host, port),
    'sharing.stop': ({ meetingId }) => {
      kernel.meeting(meetingId);
      return participants.stop(meetingId);
    },
    'sharing.status': ({ meetingId }) => {
      kernel.meeting(meetingId);
      return participants.status(meetingId);
    },
    'sharing.remove': ({ meetingId, participantId }) => {
      kernel.meeting(meetingId);
      return participants.remove(meetingId, participantId);
    },
    'sharing.allow': ({ meetingId, participantId }) => {
      kernel.meeting(meetingId);
      return participants.allow(meetingId, participantId);
    },
  } satisfies Pick<
    Handlers,
    'sharing.interfaces' | 'sharing.start' | 'sharing.stop' | 'sharing.status' | 'sharing.remove' | 'sharing.allow'
  >;
}
