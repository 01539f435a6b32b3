export interface BenchRow {
  figure: string;
  value: string;
  budget: string;
  command: string;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export const ms = (sorted: readonly number[]): string =>
  `median ${quantile(sorted, 0.5).toFixed(2)} ms, p95 ${quantile(sorted, 0.95).toFixed(2)} ms`;

export function printTable(rows: readonly BenchRow[], title: string): void {
  const headers = ['figure', 'value', 'budget', 'command'] as const;
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
  console.log(`\n${title}`);
  console.log(line([...headers]));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(headers.map((h) => row[h])));
}
