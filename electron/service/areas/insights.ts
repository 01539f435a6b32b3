/** Area "insights": reading across every meeting (the decision ledger, the dashboard, check-backs). */
import { meetingFigures, mergeDashboard, type MeetingFigures } from '../../../shared/dashboard';
import type { Meeting } from '../../../shared/domain';
import type { AreaContext, Handlers } from './area';

export function insightsArea({ kernel }: AreaContext) {
  // Each meeting's dashboard figures, beside the meeting object they were computed from: a save
  // replaces the object (kernel.commitMeeting), so figures are always those of the version in
  // memory, and they go when it does. The dashboard merges them (docs/performance.md, finding 12).
  const figures = new WeakMap<Meeting, MeetingFigures>();
  const figuresOf = (meeting: Meeting): MeetingFigures => {
    let found = figures.get(meeting);
    if (!found) figures.set(meeting, (found = meetingFigures(meeting)));
    return found;
  };
  return {
    'ledger.search': (query) => {
      kernel.loadAllMeetings();
      const { personas, tags } = kernel.library();
      return kernel.ledger.search(query, kernel.ledgerIsComplete, { personas, tags });
    },
    'dashboard.get': (range) => mergeDashboard(kernel.allMeetings().map(figuresOf), kernel.library(), range),
    'checkBacks.list': ({ meetingId }) => {
      const meeting = kernel.meeting(meetingId);
      kernel.loadAllMeetings();
      return kernel.ledger.checkBacksFor(meeting);
    },
  } satisfies Pick<Handlers, 'ledger.search' | 'dashboard.get' | 'checkBacks.list'>;
}
