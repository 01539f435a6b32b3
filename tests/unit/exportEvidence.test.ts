/**
 * Cited customer evidence everywhere the meeting goes (issue 19 §4): the summary model, the five
 * exports (Markdown, HTML and so PDF, CSV, JSON), the .xlsx sheet and the multi-meeting report carry,
 * per decision and per answer, the quotes (customer, source, date) and the accounts and revenue they
 * touch (ARR per currency, never converted), with totals; and hostile text in a quote, a customer, a
 * source or an account stays inert text in every one of them.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { Citation, Meeting } from '../../shared/domain';
import { CSV_HEADER, meetingsToCsv, neutralizeFormula } from '../../shared/export/csv';
import { meetingToHtml } from '../../shared/export/html';
import { meetingsToJson, meetingToJson, parseExportFile } from '../../shared/export/json';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { buildReportSync, reportTotals } from '../../shared/export/report';
import { decisionSpreadsheet } from '../../shared/export/spreadsheet';
import { escapeHtml, isolateBidi } from '../../shared/export/text';
import { citedAccounts, evidenceCoverage, meetingCitations } from '../../shared/summary/citations';
import { summarizeImpact } from '../../shared/summary/summary';
import { CORPUS } from './fixtures/corpus';
import { FIXTURE_EXPORTED_AT, fixtureLibrary, fixtureMeeting, secondMeeting } from './fixtures/meeting';

const library = fixtureLibrary();
const meeting = fixtureMeeting();
const summary = summarizeImpact(meeting, library);
const AT = '2026-12-02T08:00:00.000Z';

describe('the summary model carries the evidence', () => {
  it('per decision and per answer: the quotes, and the accounts and revenue they touch', () => {
    const tiers = summary.items[0]!.decisions[0]!;
    expect(tiers.evidence.citations.map((c) => c.customer)).toEqual(['Priya Natarajan', 'Jonas Weber']);
    expect(tiers.evidence.accounts.revenue).toEqual([
      { currency: 'EUR', arr: 18_000 },
      { currency: 'USD', arr: 250_000 },
    ]);
    const trial = summary.items[1]!;
    expect(trial.answerEvidence.citations.map((c) => c.sourceName)).toEqual(['App Store reviews']);
    expect(trial.answerEvidence.accounts.accounts).toEqual([]);
    expect(trial.decisions[0]!.evidence.accounts.accounts.map((a) => [a.name, a.arr])).toEqual([['Acme Logistics', 260_000]]);
    expect(summary.items[2]!.decisions[0]!.evidence.citations).toEqual([]);
  });

  it('the meeting totals are the figures of shared/summary/citations.ts', () => {
    expect(summary.evidence.citations).toBe(meetingCitations(meeting).length);
    expect(summary.evidence.citations).toBe(4);
    expect(summary.evidence.accounts).toEqual(citedAccounts(meetingCitations(meeting)));
    expect(summary.evidence.coverage).toEqual(evidenceCoverage(meeting.agenda.flatMap((i) => i.decisions)));
    expect(summary.evidence.coverage).toEqual({ citing: 2, decisions: 5 });
    // Acme is cited twice (as "acme  logistics" too) and counts once, with its newest ARR.
    expect(summary.evidence.accounts.revenue).toEqual([
      { currency: 'EUR', arr: 18_000 },
      { currency: 'USD', arr: 260_000 },
    ]);
  });
});

describe('every export carries the evidence', () => {
  it('Markdown: quotes with customer, source and date under their decision and answer; accounts and totals', () => {
    const md = meetingToMarkdown(meeting, summary, library);
    expect(md).toContain('## Customer evidence');
    expect(md).toContain('4 quotes of customer evidence cited. Evidence coverage: 2 of 5 decisions (40%) cite customer evidence.');
    expect(md).toContain('| Acme Logistics | Enterprise | $260,000 ARR | 2 |');
    expect(md).toContain('together €18,000 ARR + $260,000 ARR');
    expect(md).toContain(
      '  - “We never know which plan fits a team of 20.” — Priya Natarajan · Acme Logistics · Help desk tickets · 2026-10-12',
    );
    expect(md).toContain('- “Trial ended before we ran our first payroll.” — kiwi_ops · App Store reviews · 2026-11-02');
    expect(md).toContain('Evidence: 2 quotes, 2 accounts (€18,000 ARR + $250,000 ARR)');
  });

  it('HTML (and so PDF): the same, as text', () => {
    const html = meetingToHtml(meeting, summary, library);
    expect(html).toContain('<h2>Customer evidence</h2>');
    expect(html).toContain('<span dir="auto" class="prose">Our payroll runs monthly; two weeks tells us nothing.</span>');
    expect(html).toContain('<span dir="auto">NPS survey, Q3</span> · <span dir="auto">2026-09-30</span>');
    expect(html).toContain(
      '<td><span dir="auto">Weber &amp; Söhne GmbH</span></td><td><span dir="auto">SMB</span></td><td class="num">€18,000 ARR</td>',
    );
    expect(html).toContain('Evidence coverage: 2 of 5 decisions (40%) cite customer evidence.');
  });

  it('CSV: per decision, how many quotes, which, the accounts and their ARR per currency', () => {
    const rows: string[][] = parseCsv(meetingsToCsv([meeting], library), { bom: true, record_delimiter: '\r\n' });
    const at = (name: string) => CSV_HEADER.indexOf(name as (typeof CSV_HEADER)[number]);
    const tiers = rows[1]!;
    expect(tiers[at('quotes cited')]).toBe('2');
    expect(tiers[at('cited evidence')]!.split('\n')[0]).toBe(
      '“We never know which plan fits a team of 20.” — Priya Natarajan · Acme Logistics · Help desk tickets · 2026-10-12',
    );
    expect(tiers[at('accounts affected')]).toBe('Acme Logistics; Weber & Söhne GmbH');
    expect(tiers[at('ARR affected')]).toBe('EUR 18000; USD 250000');
    expect(rows[2]![at('quotes cited')]).toBe('0');
  });

  it('JSON: the citations whole, and the evidence counted for readers of the file', () => {
    const one = JSON.parse(meetingToJson(meeting, summary, library, { exportedAt: FIXTURE_EXPORTED_AT }));
    expect(one.meeting.agenda[1].citations[0].quote).toBe('Trial ended before we ran our first payroll.');
    expect(one.evidence).toMatchObject({ quotes: 4, decisionsCiting: 2, decisions: 5 });
    expect(one.evidence.revenue).toEqual([
      { currency: 'EUR', arr: 18_000 },
      { currency: 'USD', arr: 260_000 },
    ]);
    const many = meetingsToJson([meeting, secondMeeting()], library, { exportedAt: FIXTURE_EXPORTED_AT });
    expect(JSON.parse(many).evidence).toMatchObject({ quotes: 4, decisionsCiting: 2, decisions: 6 });
    expect(parseExportFile(many).meetings[0]).toEqual(meeting);
  });

  it('.xlsx: typed cells, the quote count a number', async () => {
    const sheetData = decisionSpreadsheet([meeting], library);
    const bytes = await writeXlsxFile(sheetData.data, { columns: sheetData.columns, sheet: 'Decisions' }).toBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Decisions')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-4)).toEqual(['Quotes cited', 'Cited evidence', 'Accounts affected', 'ARR affected']);
    const tiers = sheet.getRow(2);
    expect(tiers.getCell(10).value).toBe(2);
    expect(tiers.getCell(10).type).toBe(ExcelJS.ValueType.Number);
    expect(String(tiers.getCell(11).value)).toContain('Zu teuer für uns,\naber das Team-Paket wäre ideal.');
    expect(tiers.getCell(13).value).toBe('EUR 18000; USD 250000');
  });

  it('the multi-meeting report totals citations, accounts, ARR per currency and evidence coverage', () => {
    const both = [meeting, secondMeeting()];
    const totals = reportTotals(both.map((m) => summarizeImpact(m, library)));
    expect(totals.evidence.citations).toBe(4);
    expect(totals.evidence.accounts.accounts).toHaveLength(2);
    expect(totals.evidence.coverage).toEqual({ citing: 2, decisions: 6 });
    const line =
      'Customer evidence: 4 quotes cited, 2 accounts affected (€18,000 ARR + $260,000 ARR); evidence coverage 2 of 6 decisions (33%)';
    const md = buildReportSync(both, library, { format: 'md', generatedAt: AT });
    expect(md).toContain(`- ${line}`);
    expect(md).toContain('| **Total** | 2 meetings | | 6 of 7 (86%) | 6 | 2 | 2 | 2 of 6 (33%) |');
    const html = buildReportSync(both, library, { format: 'html', generatedAt: AT });
    expect(html).toContain(`<li>${line}</li>`);
    expect(html).toContain('<h2>Customer evidence</h2>');
  });
});

/** The fixture with `text` in every evidence string: quotes, customers, sources, accounts, segments, currencies. */
function hostileEvidence(text: string): Meeting {
  const m = fixtureMeeting();
  const cite = (c: Citation): Citation => ({
    ...c,
    quote: text,
    customer: text,
    sourceName: text,
    account: { name: text, segment: text, arr: 1000, currency: text.slice(0, 8) },
  });
  for (const item of m.agenda) {
    item.citations = item.citations.map(cite);
    for (const d of item.decisions) d.citations = d.citations.map(cite);
  }
  return m;
}

const TEMPLATE_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'li',
  'strong',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'blockquote',
]);
const tagsIn = (html: string) =>
  [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
const singleLine = CORPUS.filter((entry) => !/[\r\n\t]/.test(entry) && entry === entry.trim() && entry.length < 1000);
const renderer = new MarkdownIt({ html: true, linkify: true });

describe('hostile evidence text stays inert', () => {
  it.each(CORPUS.map((entry, i) => [i, entry] as const))('corpus #%i in Markdown, HTML and the report', (_i, entry) => {
    const m = hostileEvidence(entry);
    const s = summarizeImpact(m, library);
    const md = meetingToMarkdown(m, s, library);
    const rendered = renderer.render(md.slice(md.indexOf('\n---\n') + 5));
    expect(tagsIn(rendered).filter((t) => !TEMPLATE_TAGS.has(t.name))).toEqual([]);
    expect(rendered).not.toMatch(/<(a|img|script|iframe|style|svg)\b/i);
    const html = meetingToHtml(m, s, library).replace(/<style>[\s\S]*?<\/style>/, '');
    expect(html).not.toMatch(/<(a|img|script|iframe|svg|q)\b/i);
    for (const tag of tagsIn(html)) expect(tag.attrs).not.toMatch(/\son\w+\s*=|javascript:|href|src\s*=/i);
    for (const format of ['md', 'html'] as const) {
      const report = buildReportSync([m], library, { format, generatedAt: AT });
      const out =
        format === 'md' ? renderer.render(report.slice(report.indexOf('\n---\n') + 5)) : report.replace(/<style>[\s\S]*?<\/style>/, '');
      expect(out).not.toMatch(/<(a|img|script|iframe|svg)\b/i);
    }
  });

  it('shows each hostile quote, customer, source and account as the text typed', () => {
    for (const entry of singleLine) {
      const m = hostileEvidence(entry);
      const s = summarizeImpact(m, library);
      const rendered = renderer.render(meetingToMarkdown(m, s, library));
      expect(rendered).toContain(`“${renderer.utils.escapeHtml(isolateBidi(entry))}”`);
      expect(meetingToHtml(m, s, library)).toContain(`“<span dir="auto" class="prose">${escapeHtml(entry)}</span>”`);
      expect(meetingToHtml(m, s, library)).toContain(`<td><span dir="auto">${escapeHtml(entry)}</span></td>`);
    }
  });

  it('CSV: no evidence cell can start a formula, and each reads back as typed (with the guard)', () => {
    for (const entry of CORPUS) {
      const m = hostileEvidence(entry);
      const rows: string[][] = parseCsv(meetingsToCsv([m], library), { bom: true, record_delimiter: '\r\n' });
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(rows[1]![CSV_HEADER.indexOf('accounts affected')]).toBe(neutralizeFormula(entry));
    }
  });
});
