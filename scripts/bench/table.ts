/** One figure of the benchmark table. Budgets are judged in the run that measured them, never elsewhere. */
export interface BenchRow {
  /** Which `--only` group measured it (filled in by run.ts). */
  group?: string;
  figure: string;
  value: string;
  /** The budget for this figure, or '-' where it sets none. */
  budget: string;
  /** 'ok' | 'MISSED' | 'not judged' (quick runs) | '-' (no budget). */
  verdict: string;
  /** The exact command that reproduces the figure (filled in by run.ts). */
  command?: string;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export const median = (sorted: readonly number[]): number => quantile(sorted, 0.5);

export const ms = (sorted: readonly number[]): string =>
  `median ${quantile(sorted, 0.5).toFixed(2)} ms, p95 ${quantile(sorted, 0.95).toFixed(2)} ms`;

/** The verdict of one budget: a quick run measures but does not judge (its sizes are not the budget's). */
export const verdict = (quick: boolean, ok: boolean): string => (quick ? 'not judged' : ok ? 'ok' : 'MISSED');

/** A figure without a budget. */
export const info = (figure: string, value: string): BenchRow => ({ figure, value, budget: '-', verdict: '-' });

export function printTable(rows: readonly BenchRow[], title: string): void {
  const headers = ['group', 'figure', 'value', 'budget', 'verdict', 'command'] as const;
  const cell = (row: BenchRow, h: (typeof headers)[number]) => row[h] ?? '';
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => cell(r, h).length)));
  // A Markdown table, so a run can be pasted into docs/performance.md as it is.
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line([...headers]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(headers.map((h) => cell(row, h))));
}
