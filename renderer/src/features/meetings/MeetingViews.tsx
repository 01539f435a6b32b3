import { useMemo } from 'react';
import type { AgendaItem, Library, Meeting } from '../../../../shared/domain';
import { isOpen } from '../../../../shared/followUps';
import type { ScreenProps } from '../../app/screen';
import { AllDecisions } from '../decisions/AllDecisions';
import type { DecisionContext } from '../decisions/Decisions';
import { FollowUps } from '../followups/FollowUps';
import { ItemView } from '../runner/ItemView';
import { Tabs } from '../runner/Tabs';
import { AgendaStates } from './AgendaStates';
import { EndedSummary, PlannedOverview } from './MeetingOverview';

export type MeetingView = 'item' | 'decisions' | 'followups';

interface MeetingViewsProps {
  meeting: Meeting;
  library: Library;
  showToast: ScreenProps['showToast'];
  decisionContext: DecisionContext;
  /** The item the chair follows, and its place in the agenda. */
  item: AgendaItem | null;
  itemIndex: number;
  view: MeetingView;
  onView: (view: MeetingView) => void;
  onFollow: (itemId: string) => void;
  /** Changes when D asks for the decision form. */
  logRequest: number;
}

/** The meeting's main column: a planned meeting's overview, or the tabs of a running or ended one. */
export function MeetingViews({
  meeting,
  library,
  showToast,
  decisionContext,
  item,
  itemIndex,
  view,
  onView,
  onFollow,
  logRequest,
}: MeetingViewsProps) {
  const { agenda, status } = meeting;
  const running = status === 'running';
  const totalDecisions = useMemo(() => agenda.reduce((sum, it) => sum + it.decisions.length, 0), [agenda]);
  const followUps = <FollowUps meeting={meeting} meetings={library.meetings} showToast={showToast} />;
  if (status === 'planned') {
    return (
      <>
        <PlannedOverview meeting={meeting} followedId={item?.id ?? null} onFollow={onFollow} showToast={showToast} />
        {followUps}
      </>
    );
  }

  const itemView = item ? (
    <ItemView {...decisionContext} item={item} index={itemIndex} count={agenda.length} current={running} logRequest={logRequest} />
  ) : null;
  const openFollowUps = meeting.followUps.filter(isOpen).length;
  const tabs = [
    { key: 'item' as const, label: running ? 'Current item' : 'Summary' },
    { key: 'decisions' as const, label: `Decisions (${totalDecisions})` },
    { key: 'followups' as const, label: `Follow-ups (${openFollowUps})` },
  ];
  return (
    <Tabs label="Meeting views" tabs={tabs} selected={view} onSelect={onView}>
      {view === 'decisions' ? (
        <AllDecisions {...decisionContext} agenda={agenda} />
      ) : view === 'followups' ? (
        followUps
      ) : running ? (
        <>
          {itemView}
          <AgendaStates title="Agenda" agenda={agenda} currentId={meeting.currentItemId} />
        </>
      ) : (
        <>
          <EndedSummary meeting={meeting} />
          {followUps}
          <AgendaStates title="Agenda" agenda={agenda} currentId={null} followedId={item?.id ?? null} onFollow={onFollow} />
          {itemView}
        </>
      )}
    </Tabs>
  );
}
