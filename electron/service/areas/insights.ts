/** Area "insights": reading across every meeting (the decision ledger, the dashboard, check-backs). */
import type { Meeting } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { hideBallots } from '../../../shared/votes';
import type { AreaContext, Handlers } from './area';

export function insightsArea({ kernel, figures }: AreaContext) {
  return {
    'ledger.search': (query) => {
      kernel.loadAllMeetings();
      const { personas, tags } = kernel.library();
      return kernel.ledger.search(query, kernel.ledgerIsComplete, { personas, tags });
    },
    // Each meeting's figures from the cache, checked against its file (docs/performance.md, findings 14
    // and 20); meetings read for them are not kept in memory.
    'dashboard.get': (range) => figures.dashboard(kernel, kernel.library(), range),
    // Read and let go, so a report over every meeting does not keep them (finding 14). A damaged
    // meeting file is named and left out, as the dashboard leaves it out, not a reason to fail the report.
    'reports.meetings': ({ ids }) => {
      const meetings: Meeting[] = [];
      const missing: string[] = [];
      const unreadable: string[] = [];
      for (const id of ids) {
        try {
          meetings.push(hideBallots(kernel.peekMeeting(id), null));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code === 'not_found') missing.push(id);
          else if (error.code === 'storage_error') unreadable.push(id);
          else throw error;
        }
      }
      return { meetings, missing, unreadable };
    },
    'checkBacks.list': ({ meetingId }) => {
      const meeting = kernel.meeting(meetingId);
      kernel.loadAllMeetings();
      return kernel.ledger.checkBacksFor(meeting);
    },
  } satisfies Pick<Handlers, 'ledger.search' | 'dashboard.get' | 'reports.meetings' | 'checkBacks.list'>;
}
