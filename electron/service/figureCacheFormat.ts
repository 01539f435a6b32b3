/**
 * The shape check of a stored MeetingFigures (figureCache.ts). By hand rather than with zod: it runs
 * for 10,000 entries on the first dashboard of a session, where a zod parse each cost more than the
 * whole budget. It checks what mergeDashboard reads, so a damaged entry is recomputed instead of
 * breaking the dashboard.
 */
import type { MeetingFigures } from '../../shared/dashboard';
import { IMPACT_DIRECTIONS } from '../../shared/domain';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isCounts = (value: unknown): boolean => isObject(value) && IMPACT_DIRECTIONS.every((direction) => isCount(value[direction]));

const isTagRow = (value: unknown): boolean =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isCounts(value[1]);

const isPersonaRow = (value: unknown): boolean =>
  isObject(value) && typeof value.personaId === 'string' && isCounts(value.counts) && isNumber(value.net);

const isEvidence = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.meetingId === 'string' &&
  typeof value.title === 'string' &&
  typeof value.scheduledAt === 'string' &&
  isCount(value.decisions) &&
  isCount(value.citing) &&
  (value.evidenceCoverage === null || isNumber(value.evidenceCoverage));

/** What citedAccounts reads of a citation: when it was made and the account as it stood. */
const isCitation = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.at === 'string' &&
  (value.account === null ||
    (isObject(value.account) &&
      typeof value.account.name === 'string' &&
      typeof value.account.segment === 'string' &&
      typeof value.account.currency === 'string' &&
      (value.account.arr === null || isNumber(value.account.arr))));

export function isStoredFigures(value: unknown): value is MeetingFigures {
  return (
    isObject(value) &&
    typeof value.held === 'boolean' &&
    typeof value.day === 'string' &&
    typeof value.week === 'string' &&
    isCount(value.discussed) &&
    isCount(value.covered) &&
    isCounts(value.decisions) &&
    Array.isArray(value.tags) &&
    value.tags.every(isTagRow) &&
    Array.isArray(value.personas) &&
    value.personas.every(isPersonaRow) &&
    isEvidence(value.evidence) &&
    Array.isArray(value.citations) &&
    value.citations.every(isCitation)
  );
}
