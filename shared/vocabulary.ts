/**
 * The plain value lists of the domain, free of zod: the renderer imports them from here, so the
 * page bundle carries no validation library, and shared/domain.ts builds its schemas on them.
 */
export const IMPACT_DIRECTIONS = ['helps', 'hurts', 'mixed', 'neutral', 'unknown'] as const;
export type ImpactDirection = (typeof IMPACT_DIRECTIONS)[number];
export const MEETING_STATUSES = ['planned', 'running', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export const FOLLOW_UP_SOURCES = ['unknown-impact', 'decision', 'manual'] as const;

/** The chair's question, asked at every agenda item (the lead's panel and the participant's page). */
export const CHAIR_QUESTION = 'How does this affect the customer?';
