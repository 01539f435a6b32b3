/**
 * Domain constants the renderer needs at run time, from shared/vocabulary.ts: it holds the plain
 * lists without zod, so importing them keeps the validation library out of the page's bundle.
 */
import { IMPACT_DIRECTIONS, THEMES as SHARED_THEMES, type ImpactDirection } from '../../../shared/vocabulary';

export const DIRECTIONS = IMPACT_DIRECTIONS;
export const THEMES = SHARED_THEMES;

export const DIRECTION_LABELS: Record<ImpactDirection, string> = {
  helps: 'Helps',
  hurts: 'Hurts',
  mixed: 'Mixed',
  neutral: 'Neutral',
  unknown: 'Unknown',
};

export const SEVERITY_LABELS = ['None', 'Low', 'Medium', 'High'] as const;
