/**
 * Outcome check-back: which decisions the chair should ask about in a meeting ("Did this turn out
 * for the customer as we expected?"), and how often predictions held. Pure, shared by the service
 * (ledger, check-backs) and the UI.
 */
import { localDay } from './followUps';
import { IMPACT_DIRECTIONS, type ImpactDirection } from './vocabulary';

/** What the check-back rule needs to know of a decision and of the meeting it was made in. */
export interface ReviewableDecision {
  meetingId: string;
  seriesId: string | null;
  scheduledAt: string;
  direction: ImpactDirection;
  reviewDate: string | null;
  outcome: { direction: ImpactDirection; meetingId: string | null } | null;
}

export interface CheckBackMeeting {
  id: string;
  seriesId: string | null;
  scheduledAt: string;
}

/**
 * A decision comes up in a later meeting once its review date has come (on or before that meeting's
 * local day), until someone records how it turned out. A decision made in a series comes up only in that
 * series; one made outside any series comes up in the next meeting of any kind. Once answered, it
 * stays listed (as done) in the meeting where it was answered.
 */
export function isCheckBackFor(decision: ReviewableDecision, meeting: CheckBackMeeting): boolean {
  if (!decision.reviewDate || decision.meetingId === meeting.id) return false;
  if (decision.scheduledAt >= meeting.scheduledAt) return false;
  if (decision.seriesId !== null && decision.seriesId !== meeting.seriesId) return false;
  // The review date is a calendar day where the user is; the meeting's start is stored in UTC.
  if (decision.reviewDate > localDay(meeting.scheduledAt)) return false;
  return decision.outcome === null || decision.outcome.meetingId === meeting.id;
}

export interface PredictionStats {
  /** Decisions with a predicted direction (not "unknown") whose outcome has been recorded. */
  reviewed: number;
  /** Of those, how many turned out as predicted. */
  held: number;
  /** held / reviewed, or null when nothing has been reviewed yet. */
  heldRate: number | null;
  /** Predicted direction against actual direction: counts[predicted][actual]. */
  matrix: Record<ImpactDirection, Record<ImpactDirection, number>>;
}

const zeroRow = () => Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) as Record<ImpactDirection, number>;

/** "Unknown" was no prediction, so it is shown in the matrix but left out of the held rate. */
export function predictionStats(decisions: Iterable<Pick<ReviewableDecision, 'direction' | 'outcome'>>): PredictionStats {
  const matrix = Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, zeroRow()])) as PredictionStats['matrix'];
  let reviewed = 0;
  let held = 0;
  for (const decision of decisions) {
    if (!decision.outcome) continue;
    matrix[decision.direction][decision.outcome.direction]++;
    if (decision.direction === 'unknown') continue;
    reviewed++;
    if (decision.outcome.direction === decision.direction) held++;
  }
  return { reviewed, held, heldRate: reviewed === 0 ? null : held / reviewed, matrix };
}
