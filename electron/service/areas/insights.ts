/** Area "insights": reading across every meeting (the decision ledger, the dashboard, check-backs). */
import { buildDashboard } from '../../../shared/dashboard';
import type { AreaContext, Handlers } from './area';

export function insightsArea({ kernel }: AreaContext) {
  return {
    'ledger.search': (query) => {
      kernel.loadAllMeetings();
      return kernel.ledger.search(query, kernel.ledgerIsComplete);
    },
    'dashboard.get': (range) => buildDashboard(kernel.allMeetings(), kernel.library(), range),
    'checkBacks.list': ({ meetingId }) => {
      const meeting = kernel.meeting(meetingId);
      kernel.loadAllMeetings();
      return kernel.ledger.checkBacksFor(meeting);
    },
  } satisfies Pick<Handlers, 'ledger.search' | 'dashboard.get' | 'checkBacks.list'>;
}
