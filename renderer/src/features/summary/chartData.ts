/**
 * The numbers behind "decisions by tag and impact direction": one row per tag in use (most used
 * first, as the summary orders them), then the untagged decisions. Pure, so the chart, its text
 * alternative and its table always agree.
 */
import { IMPACT_DIRECTIONS, type ImpactDirection } from '../../../../shared/domain';
import { directionLabel, type DecisionEntry, type ImpactSummary } from '../../../../shared/summary/summary';
import { plural } from '../../../../shared/plural';

export interface ChartRow {
  key: string;
  label: string;
  kind: 'tag' | 'untagged' | 'other';
  /** False for a tag the library no longer knows (shown by its id). */
  known: boolean;
  counts: Record<ImpactDirection, number>;
  total: number;
}

export interface ChartModel {
  /** What the chart draws: at most MAX_CHART_ROWS, the rest folded into one "other tags" row. */
  rows: ChartRow[];
  /** Every row, for the table. */
  allRows: ChartRow[];
  /** The longest bar. */
  max: number;
  /** The text alternative for the chart (its aria-label). */
  description: string;
}

/** Bars drawn before the rest are folded into one; the table always lists every tag. */
export const MAX_CHART_ROWS = 12;
/** Rows spelled out in the chart's aria-label; the table has the rest. */
const DESCRIBED_ROWS = 8;

export const CHART_DIRECTIONS: readonly ImpactDirection[] = IMPACT_DIRECTIONS;

function emptyCounts(): Record<ImpactDirection, number> {
  return Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) as Record<ImpactDirection, number>;
}

function row(key: string, label: string, kind: ChartRow['kind'], known: boolean, decisions: readonly DecisionEntry[]): ChartRow {
  const counts = emptyCounts();
  for (const entry of decisions) counts[entry.decision.direction] = (counts[entry.decision.direction] ?? 0) + 1;
  return { key, label, kind, known, counts, total: decisions.length };
}

/** "pricing: 2 decisions (1 helps, 1 hurts)". */
export function describeRow(chartRow: ChartRow): string {
  const parts = IMPACT_DIRECTIONS.filter((d) => chartRow.counts[d] > 0).map(
    (d) => `${chartRow.counts[d]} ${directionLabel(d).toLowerCase()}`,
  );
  return `${chartRow.label}: ${plural(chartRow.total, 'decision')} (${parts.join(', ')})`;
}

export function chartModel(summary: ImpactSummary): ChartModel {
  const allRows = summary.byTag.map((group) => row(`tag:${group.tag.id}`, group.tag.label, 'tag', group.tag.known, group.decisions));
  if (summary.untagged.length > 0) allRows.push(row('untagged', 'Untagged', 'untagged', true, summary.untagged));

  let rows = allRows;
  const tagRows = allRows.filter((r) => r.kind === 'tag');
  if (tagRows.length > MAX_CHART_ROWS) {
    const shown = tagRows.slice(0, MAX_CHART_ROWS - 1);
    const rest = summary.byTag.slice(MAX_CHART_ROWS - 1);
    const other = row(
      'other',
      `${rest.length} other tags`,
      'other',
      true,
      rest.flatMap((group) => group.decisions),
    );
    rows = [...shown, other, ...allRows.filter((r) => r.kind === 'untagged')];
  }
  const max = Math.max(1, ...rows.map((r) => r.total));

  const described = allRows.slice(0, DESCRIBED_ROWS).map(describeRow);
  const more = allRows.length - described.length;
  const description =
    `Stacked bar chart: ${plural(summary.decisionCount, 'decision')} by tag and impact direction. ` +
    (described.length ? `${described.join('; ')}.` : '') +
    (more > 0 ? ` And ${plural(more, 'more row')}: the table lists them all.` : '');
  return { rows, allRows, max, description };
}
