/**
 * One set of numbers: over a generated library of 200 varied meetings, the impact summary (what the
 * screen shows), the Dashboard, the Markdown and HTML persona tables, the CSV and JSON exports and
 * the multi-meeting report count the same meetings, decisions, tags, coverage and persona impact.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../shared/dashboard';
import { IMPACT_DIRECTIONS } from '../../shared/domain';
import { CSV_HEADER, meetingsToCsv } from '../../shared/export/csv';
import { meetingToHtml } from '../../shared/export/html';
import { meetingsToJson, parseExportFile } from '../../shared/export/json';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { reportTotals } from '../../shared/export/report';
import { isMeetingHeld } from '../../shared/summary/figures';
import { summarizeImpact } from '../../shared/summary/summary';
import { variedLibrary } from './fixtures/variedLibrary';

const library = variedLibrary(200);
const held = library.meetings.filter(isMeetingHeld);
const summaries = held.map((meeting) => summarizeImpact(meeting, library));
const dashboard = buildDashboard(library.meetings, library);

describe('figures agree over 200 generated meetings', () => {
  it('the library is varied enough to mean something', () => {
    expect(library.meetings.length - held.length).toBeGreaterThan(20); // planned, never ran
    const answers = held.flatMap((m) => m.agenda.map((item) => item.answer).filter((a) => a !== null));
    expect(answers.filter((a) => a.personaIds.length === 0).length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.direction === null).length).toBeGreaterThan(5);
    expect(held.filter((m) => m.personaIds.length === 0).length).toBeGreaterThan(5);
    console.log(
      `agreement library: ${library.meetings.length} meetings (${held.length} held), ` +
        `${summaries.reduce((n, s) => n + s.decisionCount, 0)} decisions, ${answers.length} answers`,
    );
  });

  it('Dashboard totals are the sums of the summaries of the meetings held', () => {
    const totals = reportTotals(summaries);
    expect(dashboard.totals.meetings).toBe(held.length);
    expect(dashboard.totals.decisions).toBe(totals.decisions);
    expect(dashboard.totals.discussed).toBe(totals.discussed);
    expect(dashboard.totals.covered).toBe(totals.covered);
    for (const direction of IMPACT_DIRECTIONS) {
      expect(dashboard.weeks.reduce((n, w) => n + w.decisions[direction], 0)).toBe(totals.byDirection[direction]);
    }
  });

  it('Dashboard tags count what the summaries count', () => {
    const fromSummaries = new Map<string, number>();
    for (const s of summaries)
      for (const group of s.byTag) fromSummaries.set(group.tag.id, (fromSummaries.get(group.tag.id) ?? 0) + group.decisions.length);
    expect(new Map(dashboard.byTag.map((row) => [row.tagId, row.total]))).toEqual(fromSummaries);
  });

  it('Dashboard persona impact is the sum of the summaries’ persona impact', () => {
    const fromSummaries = new Map<string, { net: number; counts: Record<string, number> }>();
    for (const s of summaries) {
      for (const p of s.personas) {
        if (p.answers.length === 0) continue;
        const row = fromSummaries.get(p.persona.id) ?? { net: 0, counts: Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) };
        row.net += p.net;
        for (const d of IMPACT_DIRECTIONS) row.counts[d]! += p.counts[d];
        fromSummaries.set(p.persona.id, row);
      }
    }
    expect(fromSummaries.size).toBeGreaterThan(3);
    expect(new Map(dashboard.byPersona.map((row) => [row.personaId, { net: row.net, counts: row.answers }]))).toEqual(fromSummaries);
  });

  it('the Markdown and HTML persona tables show the summary’s numbers', () => {
    for (const [i, meeting] of held.entries()) {
      const s = summaries[i]!;
      const markdown = meetingToMarkdown(meeting, s, library);
      const html = meetingToHtml(meeting, s, library);
      for (const p of s.personas) {
        const k = p.counts;
        const net = p.net > 0 ? `+${p.net}` : String(p.net);
        const suffix = p.inChair ? '' : ' (not in the chair)';
        expect(markdown).toContain(
          `| ${p.persona.name}${suffix} | ${net} | ${k.helps} | ${k.hurts} | ${k.mixed} | ${k.neutral} | ${k.unknown} | ${k.unset} |`,
        );
        const htmlNet = p.net > 0 ? `+${p.net}` : p.net < 0 ? `−${-p.net}` : '0';
        const cells = [htmlNet, k.helps, k.hurts, k.mixed, k.neutral, k.unknown, k.unset].map((n) => `<td class="num">${n}</td>`).join('');
        expect(html).toContain(cells);
      }
    }
  });

  it('the CSV has one row per decision and the JSON export carries every decision', () => {
    const rows = parseCsv(meetingsToCsv(held, library), { bom: true, record_delimiter: '\r\n' }) as string[][];
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.length - 1).toBe(dashboard.totals.decisions);
    const back = parseExportFile(meetingsToJson(held, library, { exportedAt: '2026-12-01T00:00:00.000Z' }));
    expect(back.meetings.flatMap((m) => m.agenda.flatMap((item) => item.decisions)).length).toBe(dashboard.totals.decisions);
  });
});
