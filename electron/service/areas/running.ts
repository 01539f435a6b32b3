/** Area "running": starting a meeting, moving through its agenda past the impact gate, and ending it. */
import { carryForward } from '../carry';
import * as runner from '../runner';
import type { AreaContext, Handlers } from './area';

export function runningArea({ kernel, participants }: AreaContext) {
  return {
    // Starting also carries forward follow-ups raised since this meeting was planned.
    'meetings.start': ({ id }) =>
      carryForward(
        kernel,
        kernel.mutateMeeting(id, undefined, (m, c) => runner.start(m, c.at)),
      ),
    'meetings.next': (params) => kernel.mutateMeeting(params.id, undefined, (m, c) => runner.next(m, params, c.at)),
    'meetings.previous': ({ id }) => kernel.mutateMeeting(id, undefined, (m, c) => runner.previous(m, c.at)),
    'meetings.end': (params) => {
      const ended = kernel.mutateMeeting(params.id, undefined, (m, c) => runner.end(m, params, c.at));
      participants.stop(params.id); // ending the meeting ends sharing
      return ended;
    },
  } satisfies Pick<Handlers, 'meetings.start' | 'meetings.next' | 'meetings.previous' | 'meetings.end'>;
}
