/** Chair coverage and the impact gate: pure functions the service and the UI share. */
import type { AgendaItem, Meeting } from './domain';
import { plural } from './plural';

export type GateState = 'answered' | 'no-impact' | 'skipped' | 'open';

/** An answer counts once it says something: whitespace alone is not an answer. */
export function isAnswered(item: AgendaItem): boolean {
  return item.answer !== null && item.answer.text.trim().length > 0;
}

export function gateState(item: AgendaItem): GateState {
  if (isAnswered(item)) return 'answered';
  if (item.noImpactReason && item.noImpactReason.trim().length > 0) return 'no-impact';
  if (item.skipped) return 'skipped';
  return 'open';
}

/** The gate lets the lead move past an item once it is answered, reasoned "no impact", or skipped on purpose. */
export function gateIsOpen(item: AgendaItem): boolean {
  return gateState(item) !== 'open';
}

export interface Coverage {
  /** Items that have been current at some point in the meeting. */
  discussed: number;
  /** Discussed items with a customer answer or a reasoned "no customer impact". */
  covered: number;
  answered: number;
  noImpact: number;
  skipped: number;
  /** covered / discussed, or null before anything was discussed. */
  ratio: number | null;
}

export function chairCoverage(meeting: Meeting): Coverage {
  const discussed = meeting.agenda.filter((item) => item.startedAt !== null);
  const states = discussed.map(gateState);
  const count = (state: GateState) => states.filter((s) => s === state).length;
  const answered = count('answered');
  const noImpact = count('no-impact');
  const covered = answered + noImpact;
  return {
    discussed: discussed.length,
    covered,
    answered,
    noImpact,
    skipped: count('skipped'),
    ratio: discussed.length === 0 ? null : covered / discussed.length,
  };
}

export function currentItem(meeting: Meeting): AgendaItem | null {
  return meeting.agenda.find((item) => item.id === meeting.currentItemId) ?? null;
}

export function formatCoverage(coverage: Coverage): string {
  if (coverage.ratio === null) return 'No items discussed yet';
  return `${coverage.covered} of ${plural(coverage.discussed, 'item')} (${Math.round(coverage.ratio * 100)}%)`;
}
