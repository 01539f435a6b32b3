/**
 * Domain constants the renderer needs at run time. shared/domain.ts holds the same lists, but it
 * also builds the zod schemas: importing a value from it would put zod in the page's bundle.
 * The types below keep these lists equal to the shared ones (and a renderer test checks the values).
 */
import type { ImpactDirection, Library } from '../../../shared/domain';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const DIRECTIONS = ['helps', 'hurts', 'mixed', 'neutral', 'unknown'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

const _directionsMatch: Exactly<(typeof DIRECTIONS)[number], ImpactDirection> = true;
const _themesMatch: Exactly<(typeof THEMES)[number], Library['settings']['theme']> = true;
void _directionsMatch;
void _themesMatch;

export const DIRECTION_LABELS: Record<ImpactDirection, string> = {
  helps: 'Helps',
  hurts: 'Hurts',
  mixed: 'Mixed',
  neutral: 'Neutral',
  unknown: 'Unknown',
};

export const SEVERITY_LABELS = ['None', 'Low', 'Medium', 'High'] as const;
