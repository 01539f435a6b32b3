/**
 * The report over several meetings (Markdown or HTML): a coverage line per meeting, totals, and the
 * flagged decisions of every meeting. Built in chunks so a UI can show progress over 1,000 meetings
 * and stay responsive; the CLI and the benchmark use the synchronous form.
 */
import { IMPACT_DIRECTIONS, type ImpactDirection, type Meeting } from '../domain';
import { combineEvidence, coverageText, revenueText, type EvidenceTotals } from '../summary/evidence';
import { creditText, directionLabel, summarizeImpact, type ImpactSummary, type SummaryLibrary } from '../summary/summary';
import { badge, evidenceTotalsHtml, htmlDate, htmlDocument, htmlInstant, text } from './html';
import { frontMatter, mdDate, mdInstant } from './markdown';
import { evidenceMarkdown } from './markdownEvidence';
import { coverageSentence, escapeHtml, escapeMarkdownBlock, escapeMarkdownInline as md, formatPercent, plural } from './text';

export type ReportFormat = 'md' | 'html';

export interface ReportOptions {
  format: ReportFormat;
  title?: string;
  /** When the report was made; pass it for reproducible output. */
  generatedAt?: string;
  /** The dates asked for (YYYY-MM-DD), shown in the header; otherwise the meetings' own span is shown. */
  range?: { from?: string | null; to?: string | null };
  /** Meetings summarised between two progress calls (and, in the async form, two yields). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** The lead's time zone (IANA) for the times shown; UTC when not given. */
  timeZone?: string;
}

export interface ReportTotals {
  meetings: number;
  discussed: number;
  covered: number;
  answered: number;
  noImpact: number;
  skipped: number;
  decisions: number;
  byDirection: Record<ImpactDirection, number>;
  flagged: number;
  openFollowUps: number;
  /** Customer evidence over every meeting: citations, accounts touched (each once) and their ARR per currency, coverage. */
  evidence: EvidenceTotals;
  /** Each meeting's evidence, in report order; `evidence` combines them. */
  evidenceOfMeetings: EvidenceTotals[];
}

export const DEFAULT_REPORT_TITLE = 'Meeting impact report';
const DEFAULT_CHUNK = 100;

function emptyTotals(): ReportTotals {
  const byDirection = Object.fromEntries(IMPACT_DIRECTIONS.map((d) => [d, 0])) as Record<ImpactDirection, number>;
  return {
    meetings: 0,
    discussed: 0,
    covered: 0,
    answered: 0,
    noImpact: 0,
    skipped: 0,
    decisions: 0,
    byDirection,
    flagged: 0,
    openFollowUps: 0,
    evidence: combineEvidence([]),
    evidenceOfMeetings: [],
  };
}

function addToTotals(totals: ReportTotals, summary: ImpactSummary): void {
  const c = summary.coverage;
  totals.meetings++;
  totals.discussed += c.discussed;
  totals.covered += c.covered;
  totals.answered += c.answered;
  totals.noImpact += c.noImpact;
  totals.skipped += c.skipped;
  totals.decisions += summary.decisionCount;
  for (const group of summary.byDirection) totals.byDirection[group.direction] += group.decisions.length;
  totals.flagged += summary.flaggedCount;
  totals.openFollowUps += summary.openFollowUps.length;
  totals.evidenceOfMeetings.push(summary.evidence);
}

/** Combines the meetings' evidence once, at the end: an account cited in two meetings counts once. */
function finishTotals(totals: ReportTotals): ReportTotals {
  totals.evidence = combineEvidence(totals.evidenceOfMeetings);
  return totals;
}

function totalsCoverage(t: ReportTotals) {
  return { ...t, ratio: t.discussed === 0 ? null : t.covered / t.discussed };
}

type Span = { from: string | null; to: string | null };

/** The dates asked for, or else the first and last of the meetings' own (`seen`). */
function span(seen: Span, options: ReportOptions): Span {
  if (options.range && (options.range.from || options.range.to)) return { from: options.range.from ?? null, to: options.range.to ?? null };
  return seen;
}

const ratioText = (covered: number, discussed: number) =>
  discussed === 0 ? 'not discussed' : `${covered} of ${discussed} (${formatPercent(covered / discussed)})`;

/** A meeting's (or the total's) evidence coverage in a table cell: "2 of 5 (40%)", "–" without decisions. */
const citingText = ({ coverage }: EvidenceTotals) =>
  coverage.decisions === 0 ? '–' : `${coverage.citing} of ${coverage.decisions} (${formatPercent(coverage.citing / coverage.decisions)})`;

/** The totals' line on customer evidence. */
const evidenceTotalLine = (e: EvidenceTotals) =>
  `${plural(e.citations, 'quote')} cited, ${plural(e.accounts.accounts.length, 'account')} affected` +
  (revenueText(e.accounts) ? ` (${revenueText(e.accounts)})` : '') +
  '; ' +
  `evidence coverage ${e.coverage.decisions === 0 ? 'not measured (no decisions)' : coverageText(e.coverage)}`;

interface Renderer {
  row(meeting: Meeting, summary: ImpactSummary): string;
  flagged(meeting: Meeting, summary: ImpactSummary): string;
  /** The chair's answers of one meeting ('' when it has none). */
  answers(meeting: Meeting, summary: ImpactSummary): string;
  finish(rows: string[], flagged: string[], answers: string[], totals: ReportTotals, s: Span): string;
}

/** The items the chair answered (a direction chosen or text written), in agenda order. */
function answeredItems(summary: ImpactSummary) {
  return summary.items.filter((s) => s.item.answer && (s.item.answer.text.trim() || s.item.answer.direction !== null));
}

/** ", severity 2 of 3" when the answer has one. */
const severityText = (severity: number | null | undefined) => (severity ? `, severity ${severity} of 3` : '');

function markdownRenderer(options: ReportOptions, title: string, generatedAt: string): Renderer {
  const tz = options.timeZone;
  const spanText = (v: string | null) => (v === null ? 'the start' : v.length === 10 ? mdDate(v) : mdInstant(v, tz));
  return {
    row: (m, sum) =>
      `| ${mdInstant(m.scheduledAt, tz)} | ${md(m.title)} | ${m.lead.trim() ? md(m.lead) : '–'} | ` +
      `${ratioText(sum.coverage.covered, sum.coverage.discussed)} | ${sum.decisionCount} | ${sum.flaggedCount} | ${sum.openFollowUps.length} | ` +
      `${citingText(sum.evidence)} |`,
    flagged: (m, sum) => {
      const flagged = sum.flaggedFirst.filter((e) => e.flagged);
      if (flagged.length === 0) return '';
      const lines = flagged.map(
        (e) => `- **${directionLabel(e.decision.direction)}**: ${escapeMarkdownBlock(e.decision.text, '  ')} (item: ${md(e.itemTitle)})`,
      );
      return `### ${mdInstant(m.scheduledAt, tz)} · ${md(m.title)}\n\n${lines.join('\n')}\n`;
    },
    answers: (m, sum) => {
      const answered = answeredItems(sum);
      if (answered.length === 0) return '';
      const lines = answered.map(({ item, answerPersonas, answerCredits }) => {
        const answer = item.answer!;
        const who = answerPersonas.length ? ` for ${answerPersonas.map((p) => md(p.name)).join(', ')}` : '';
        const body = escapeMarkdownBlock(answer.text, '  ');
        const credit = creditText(answerCredits, { name: md, when: (at) => mdInstant(at, tz) });
        return (
          `- **${directionLabel(answer.direction)}**${severityText(answer.severity)}${who} (item: ${md(item.title)})` +
          `${body ? `\\\n  ${body}` : ''}${credit ? `\\\n  ${credit}` : ''}`
        );
      });
      return `### ${mdInstant(m.scheduledAt, tz)} · ${md(m.title)}\n\n${lines.join('\n')}\n`;
    },
    finish: (rows, flagged, answers, totals, s) => {
      const t = totalsCoverage(totals);
      const directions = IMPACT_DIRECTIONS.map((d) => `${directionLabel(d)} ${totals.byDirection[d]}`).join(' · ');
      const out = [
        frontMatter({
          title,
          generated: generatedAt,
          from: s.from,
          to: s.to,
          meetings: totals.meetings,
          coverage: { discussed: t.discussed, covered: t.covered, percent: t.ratio === null ? null : Math.round(t.ratio * 100) },
        }),
        `# ${md(title)}\n`,
        `${plural(totals.meetings, 'meeting')} from ${spanText(s.from)} to ${s.to === null ? 'today' : spanText(s.to)}.\n`,
        '## Totals\n',
        [
          `- Chair coverage: ${coverageSentence(t)}`,
          `- Decisions: ${totals.decisions} (${directions})`,
          `- Flagged decisions (hurts or unknown impact): ${totals.flagged}`,
          `- Open follow-ups: ${totals.openFollowUps}`,
          `- Customer evidence: ${md(evidenceTotalLine(totals.evidence))}`,
        ].join('\n') + '\n',
        '## Meetings\n',
        rows.length
          ? [
              '| Date | Meeting | Lead | Chair coverage | Decisions | Flagged | Open follow-ups | Citing evidence |',
              '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
              ...rows,
              `| **Total** | ${plural(totals.meetings, 'meeting')} | | ${ratioText(t.covered, t.discussed)} | ${totals.decisions} | ${totals.flagged} | ${totals.openFollowUps} | ${citingText(totals.evidence)} |`,
            ].join('\n') + '\n'
          : 'No meetings.\n',
        '## Flagged decisions\n',
        flagged.length ? flagged.join('\n') : 'No decision hurts customers or has an unknown impact.\n',
        '## Customer evidence\n',
        evidenceMarkdown(totals.evidence),
        "## The chair's answers\n",
        answers.length ? answers.join('\n') : 'The chair answered no item.\n',
      ];
      return out.join('\n');
    },
  };
}

function htmlRenderer(options: ReportOptions, title: string, generatedAt: string): Renderer {
  const tz = options.timeZone;
  const spanText = (v: string | null) => (v === null ? 'the start' : v.length === 10 ? htmlDate(v) : htmlInstant(v, tz));
  return {
    row: (m, sum) =>
      `<tr><td class="date">${htmlInstant(m.scheduledAt, tz)}</td><td>${text(m.title)}</td><td>${m.lead.trim() ? text(m.lead) : '–'}</td>` +
      `<td>${escapeHtml(ratioText(sum.coverage.covered, sum.coverage.discussed))}</td><td class="num">${sum.decisionCount}</td>` +
      `<td class="num">${sum.flaggedCount}</td><td class="num">${sum.openFollowUps.length}</td>` +
      `<td class="num">${escapeHtml(citingText(sum.evidence))}</td></tr>`,
    flagged: (m, sum) => {
      const flagged = sum.flaggedFirst.filter((e) => e.flagged);
      if (flagged.length === 0) return '';
      const items = flagged.map(
        (e) =>
          `<li>${badge(e.decision.direction)} ${text(e.decision.text, 'span', 'prose')} <span class="muted">(item: ${text(e.itemTitle)})</span></li>`,
      );
      return `<h3>${htmlInstant(m.scheduledAt, tz)} · ${text(m.title)}</h3>\n<ul>\n${items.join('\n')}\n</ul>\n`;
    },
    answers: (m, sum) => {
      const answered = answeredItems(sum);
      if (answered.length === 0) return '';
      const items = answered.map(({ item, answerPersonas, answerCredits }) => {
        const answer = item.answer!;
        const who = answerPersonas.length ? ` for ${answerPersonas.map((p) => text(p.name)).join(', ')}` : '';
        const body = answer.text.trim() ? text(answer.text, 'div', 'prose') : '';
        const credit = creditText(answerCredits, { name: (n) => text(n), when: (at) => htmlInstant(at, tz) });
        const credited = credit ? `<div class="muted">${credit}</div>` : '';
        return `<li>${badge(answer.direction)}${severityText(answer.severity)}${who} <span class="muted">(item: ${text(item.title)})</span>${body}${credited}</li>`;
      });
      // Collapsed by default (no script needed): the report stays a page of totals until a reader opens one.
      const label = `${htmlInstant(m.scheduledAt, tz)} · ${text(m.title)} <span class="muted">(${escapeHtml(plural(answered.length, 'answer'))})</span>`;
      return `<details>\n<summary>${label}</summary>\n<ul>\n${items.join('\n')}\n</ul>\n</details>\n`;
    },
    finish: (rows, flagged, answers, totals, s) => {
      const t = totalsCoverage(totals);
      const directions = IMPACT_DIRECTIONS.map((d) => `${badge(d)} ${totals.byDirection[d]}`).join(' ');
      const body = [
        `<header>\n<h1 dir="auto">${escapeHtml(title)}</h1>\n`,
        `<p>${escapeHtml(plural(totals.meetings, 'meeting'))} from ${spanText(s.from)} to ${s.to === null ? 'today' : spanText(s.to)}.</p>\n</header>\n`,
        '<section>\n<h2>Totals</h2>\n<ul>\n',
        `<li>Chair coverage: ${escapeHtml(coverageSentence(t))}</li>\n`,
        `<li>Decisions: ${totals.decisions} ${directions}</li>\n`,
        `<li>Flagged decisions (hurts or unknown impact): ${totals.flagged}</li>\n`,
        `<li>Open follow-ups: ${totals.openFollowUps}</li>\n`,
        `<li>Customer evidence: ${escapeHtml(evidenceTotalLine(totals.evidence))}</li>\n</ul>\n</section>\n`,
        '<section>\n<h2>Meetings</h2>\n',
        rows.length
          ? '<table>\n<thead><tr><th>Date</th><th>Meeting</th><th>Lead</th><th>Chair coverage</th><th class="num">Decisions</th>' +
            '<th class="num">Flagged</th><th class="num">Open follow-ups</th><th class="num">Citing evidence</th></tr></thead>\n<tbody>\n' +
            `${rows.join('\n')}\n</tbody>\n<tfoot><tr><th>Total</th><th>${escapeHtml(plural(totals.meetings, 'meeting'))}</th><th></th>` +
            `<th>${escapeHtml(ratioText(t.covered, t.discussed))}</th><th class="num">${totals.decisions}</th><th class="num">${totals.flagged}</th>` +
            `<th class="num">${totals.openFollowUps}</th><th class="num">${escapeHtml(citingText(totals.evidence))}</th></tr></tfoot>\n</table>\n`
          : '<p>No meetings.</p>\n',
        '</section>\n<section>\n<h2>Flagged decisions</h2>\n',
        flagged.length ? flagged.join('') : '<p>No decision hurts customers or has an unknown impact.</p>\n',
        '</section>\n<section>\n<h2>Customer evidence</h2>\n',
        evidenceTotalsHtml(totals.evidence),
        "</section>\n<section>\n<h2>The chair's answers</h2>\n",
        answers.length ? answers.join('') : '<p>The chair answered no item.</p>\n',
        '</section>\n',
        `<footer>Generated ${htmlInstant(generatedAt, tz)} by Empty Chair.</footer>\n`,
      ];
      return htmlDocument(title, body.join(''));
    },
  };
}

/**
 * A report made a meeting at a time: each meeting is summarised into its lines as it is added and
 * need not be kept, so 10,000 meetings can stream through (shared/export/reportRun.ts).
 */
export class ReportBuilder {
  private readonly renderer: Renderer;
  private readonly totals = emptyTotals();
  private readonly rows: string[] = [];
  private readonly flagged: string[] = [];
  private readonly answers: string[] = [];
  private readonly seen: Span = { from: null, to: null };

  constructor(
    private readonly library: SummaryLibrary,
    private readonly options: ReportOptions,
  ) {
    const title = options.title ?? DEFAULT_REPORT_TITLE;
    const generatedAt = options.generatedAt ?? new Date().toISOString();
    this.renderer = options.format === 'html' ? htmlRenderer(options, title, generatedAt) : markdownRenderer(options, title, generatedAt);
  }

  add(meeting: Meeting): void {
    const summary = summarizeImpact(meeting, this.library);
    addToTotals(this.totals, summary);
    this.rows.push(this.renderer.row(meeting, summary));
    const section = this.renderer.flagged(meeting, summary);
    if (section) this.flagged.push(section);
    const answered = this.renderer.answers(meeting, summary);
    if (answered) this.answers.push(answered);
    const at = meeting.scheduledAt;
    if (this.seen.from === null || at < this.seen.from) this.seen.from = at;
    if (this.seen.to === null || at > this.seen.to) this.seen.to = at;
  }

  finish(): string {
    return this.renderer.finish(this.rows, this.flagged, this.answers, finishTotals(this.totals), span(this.seen, this.options));
  }
}

/** The work, one chunk per step; the drivers below decide what happens between steps. */
function* reportSteps(meetings: readonly Meeting[], library: SummaryLibrary, options: ReportOptions): Generator<void, string> {
  const builder = new ReportBuilder(library, options);
  const chunk = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  for (let start = 0; start < meetings.length; start += chunk) {
    for (const meeting of meetings.slice(start, start + chunk)) builder.add(meeting);
    options.onProgress?.(Math.min(start + chunk, meetings.length), meetings.length);
    yield;
  }
  if (meetings.length === 0) options.onProgress?.(0, 0);
  return builder.finish();
}

export function buildReportSync(meetings: readonly Meeting[], library: SummaryLibrary, options: ReportOptions): string {
  const steps = reportSteps(meetings, library, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives the event loop a turn between chunks, so a window repaints its progress bar. */
export async function buildReport(meetings: readonly Meeting[], library: SummaryLibrary, options: ReportOptions): Promise<string> {
  const steps = reportSteps(meetings, library, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

export function reportTotals(summaries: readonly ImpactSummary[]): ReportTotals {
  const totals = emptyTotals();
  for (const summary of summaries) addToTotals(totals, summary);
  return finishTotals(totals);
}
