/** Area "insights": reading across every meeting (the decision ledger, the dashboard, check-backs). */
import { mergeDashboard } from '../../../shared/dashboard';
import type { AreaContext, Handlers } from './area';

export function insightsArea({ kernel, figures }: AreaContext) {
  return {
    'ledger.search': (query) => {
      kernel.loadAllMeetings();
      return kernel.ledger.search(query, kernel.ledgerIsComplete);
    },
    // Each meeting's figures from the cache, checked against its file (docs/performance.md, finding 14);
    // meetings read for them are not kept in memory.
    'dashboard.get': (range) => mergeDashboard(figures.figuresOf(kernel), kernel.library(), range),
    'checkBacks.list': ({ meetingId }) => {
      const meeting = kernel.meeting(meetingId);
      kernel.loadAllMeetings();
      return kernel.ledger.checkBacksFor(meeting);
    },
  } satisfies Pick<Handlers, 'ledger.search' | 'dashboard.get' | 'checkBacks.list'>;
}
