/** Follow-ups across the meetings of a series: carried forward into a meeting, and reopened when it goes. */
import type { Meeting } from '../../shared/domain';
import { isEarlier } from '../../shared/followUps';
import * as followUps from './followUps';
import type { Kernel } from './kernel';

/**
 * Carries open follow-ups of the series' ended, earlier meetings into `target`, then marks each
 * original as carried. Only ended meetings hand on: a meeting still to come keeps its own
 * follow-ups (planning two weeks ahead must not take them away). The copy is saved first: if the
 * second write failed, the next carry (at start) would see the copy already there and add nothing.
 */
export function carryForward(kernel: Kernel, target: Meeting): Meeting {
  if (!target.seriesId || target.status === 'ended') return target;
  const sources = kernel.index.meetings
    .filter((s) => s.seriesId === target.seriesId && s.status === 'ended' && s.id !== target.id && isEarlier(s, target))
    .flatMap((s) => {
      try {
        return [kernel.meeting(s.id)];
      } catch {
        return []; // an unreadable meeting is reported elsewhere; carry what can be read
      }
    });
  if (!followUps.hasSomethingToCarry(target, sources)) return target;
  let carried = new Map<string, string[]>();
  const updated = kernel.mutateMeeting(target.id, undefined, (m, c) => {
    carried = followUps.carryInto(m, sources, c);
  });
  for (const [sourceId, ids] of carried) kernel.mutateMeeting(sourceId, undefined, (m) => followUps.markCarried(m, ids, target.id));
  return updated;
}

/** A deleted meeting held copies of follow-ups: their originals are open again, to carry elsewhere. */
export function reopenCarriedInto(kernel: Kernel, deleted: Meeting): void {
  const bySource = new Map<string, string[]>();
  for (const { carriedFrom } of deleted.followUps) {
    if (carriedFrom) bySource.set(carriedFrom.meetingId, [...(bySource.get(carriedFrom.meetingId) ?? []), carriedFrom.followUpId]);
  }
  for (const [sourceId, ids] of bySource) {
    if (!kernel.index.meetings.some((s) => s.id === sourceId)) continue;
    try {
      kernel.mutateMeeting(sourceId, undefined, (m) => followUps.uncarry(m, ids, deleted.id));
    } catch {
      // An unreadable source is reported elsewhere; nothing else to reopen.
    }
  }
}
