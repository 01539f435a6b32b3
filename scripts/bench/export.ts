/**
 * Time to build the Markdown of one meeting (its impact summary) and of 1,000 meetings (the
 * multi-meeting report, what `npm run export -- --all --format md` writes). In memory only: the
 * figure is the cost of summarising and rendering, not of reading files.
 */
import type { Meeting } from '../../shared/domain';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { buildReportSync } from '../../shared/export/report';
import { summarizeImpact } from '../../shared/summary/summary';
import { fixtureLibrary, fixtureMeeting } from '../../tests/unit/fixtures/meeting';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** The fixture meeting (7 items, 5 decisions, tags, personas, follow-ups), made distinct per index. */
function meetingNumber(template: Meeting, i: number): Meeting {
  const meeting = structuredClone(template);
  meeting.id = `bench-meeting-${i}`;
  meeting.title = `${template.title} #${i + 1}`;
  meeting.scheduledAt = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString();
  return meeting;
}

function time(runs: number, work: () => string): number[] {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    bytes += work().length;
    times.push(performance.now() - started);
  }
  // Keeps the result alive so the work cannot be optimised away.
  if (bytes < 0) console.log(bytes);
  return times.sort((a, b) => a - b);
}

export function benchExport({ quick }: { quick: boolean }) {
  const library = fixtureLibrary();
  const template = fixtureMeeting();
  const count = 1000;
  const meetings = Array.from({ length: count }, (_, i) => meetingNumber(template, i));
  const one = meetings[0]!;

  // Warm up the JIT first, so the first timed run does not pay for compilation.
  time(quick ? 5 : 50, () => meetingToMarkdown(one, summarizeImpact(one, library), library));
  buildReportSync(meetings.slice(0, 50), library, { format: 'md' });

  const single = time(quick ? 20 : 500, () => meetingToMarkdown(one, summarizeImpact(one, library), library));
  const many = time(quick ? 2 : 15, () => buildReportSync(meetings, library, { format: 'md', generatedAt: '2026-01-01T00:00:00.000Z' }));
  // For comparison: every meeting's full summary, one by one (no budget; the report is the figure).
  const each = time(quick ? 1 : 5, () => meetings.map((m) => meetingToMarkdown(m, summarizeImpact(m, library), library)).join(''));

  const med = (xs: number[]) => quantile(xs, 0.5);
  const ms = (xs: number[]) => `median ${med(xs).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;
  const judge = (value: number, budget: number) =>
    quick ? 'not judged' : value <= budget ? `ok (<= ${budget} ms)` : `MISSED (<= ${budget} ms)`;
  const command = 'npm run bench';
  return [
    { figure: 'Markdown of 1 meeting (summary + render)', value: ms(single), budget: judge(med(single), 20), command },
    { figure: `Markdown report of ${count} meetings`, value: ms(many), budget: judge(med(many), 1000), command },
    { figure: `Markdown summaries of ${count} meetings, one by one`, value: ms(each), budget: '-', command },
  ];
}
