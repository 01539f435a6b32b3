/**
 * The figures every view of a meeting shows, each defined once: which meetings count as held, which
 * answers count towards which personas, and what is flagged. The impact summary (screen and the five
 * exports), the Dashboard and reports all count through these functions, so they cannot disagree.
 */
import { IMPACT_DIRECTIONS, type ImpactAnswer, type ImpactDirection, type Meeting } from '../domain';

/** Answers without a chosen direction yet count as 'unset', apart from 'unknown' (see ImpactAnswer). */
export type AnswerDirection = ImpactDirection | 'unset';
export const ANSWER_DIRECTIONS: readonly AnswerDirection[] = [...IMPACT_DIRECTIONS, 'unset'];

/** A meeting counts as held once it has started: a planned meeting that never ran is not counted. */
export function isMeetingHeld(meeting: Meeting): boolean {
  return meeting.status !== 'planned';
}

/** An answer says something once it has a direction or text; an empty one counts for nobody. */
export function answerCounts(answer: ImpactAnswer | null): answer is ImpactAnswer {
  return answer !== null && (answer.direction !== null || answer.text.trim().length > 0);
}

/** Hurts customers or has an unknown impact: someone has to look at it. */
export function isFlagged(direction: ImpactDirection | null): boolean {
  return direction === 'hurts' || direction === 'unknown';
}

/** helps +1, hurts −1, everything else 0. */
export const NET_WEIGHT: Partial<Record<AnswerDirection, number>> = { helps: 1, hurts: -1 };

export interface PersonaAnswer {
  itemId: string;
  itemTitle: string;
  direction: ImpactDirection | null;
}

export interface PersonaTally {
  personaId: string;
  /** The persona sits in this meeting's chair. */
  inChair: boolean;
  counts: Record<AnswerDirection, number>;
  /** Σ NET_WEIGHT over the answers: helps − hurts. */
  net: number;
  answers: PersonaAnswer[];
}

export const emptyAnswerCounts = (): Record<AnswerDirection, number> => ({
  helps: 0,
  hurts: 0,
  mixed: 0,
  neutral: 0,
  unknown: 0,
  unset: 0,
});

/**
 * Who an answer speaks for: the personas it names, or, when it names none, every persona in the
 * meeting's chair (the chair answered as a whole). Each persona once.
 */
export function answerPersonaIds(answer: ImpactAnswer, meeting: Meeting): string[] {
  return [...new Set(answer.personaIds.length > 0 ? answer.personaIds : meeting.personaIds)];
}

/**
 * The chair's answers of one meeting, tallied per persona: the chair's personas first, in chair
 * order (with zero counts where nothing was said for them), then any other persona an answer names.
 * `unattributed` counts answers that speak for nobody (no persona named and an empty chair).
 */
export function tallyPersonaAnswers(meeting: Meeting): { tallies: PersonaTally[]; unattributed: number } {
  const tallies = new Map<string, PersonaTally>();
  const tallyFor = (personaId: string) => {
    let tally = tallies.get(personaId);
    if (!tally) {
      tally = { personaId, inChair: meeting.personaIds.includes(personaId), counts: emptyAnswerCounts(), net: 0, answers: [] };
      tallies.set(personaId, tally);
    }
    return tally;
  };
  for (const id of meeting.personaIds) tallyFor(id);
  let unattributed = 0;
  for (const item of meeting.agenda) {
    if (!answerCounts(item.answer)) continue;
    const personaIds = answerPersonaIds(item.answer, meeting);
    if (personaIds.length === 0) unattributed++;
    const direction: AnswerDirection = item.answer.direction ?? 'unset';
    for (const id of personaIds) {
      const tally = tallyFor(id);
      tally.counts[direction]++;
      tally.net += NET_WEIGHT[direction] ?? 0;
      tally.answers.push({ itemId: item.id, itemTitle: item.title, direction: item.answer.direction });
    }
  }
  return { tallies: [...tallies.values()], unattributed };
}
