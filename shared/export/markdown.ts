/**
 * The meeting impact summary as Markdown for Obsidian, Notion and GitHub: YAML front matter for the
 * tools that read it, then readable sections. Every user string is escaped (see text.ts), so the
 * file never carries HTML, links or images that the user did not mean as plain text.
 */
import { stringify } from 'yaml';
import type { Meeting } from '../domain';
import { creditText, directionLabel, type DecisionEntry, type ImpactSummary, type SummaryLibrary } from '../summary/summary';
import { evidenceLines, evidenceMarkdown, evidenceShort } from './markdownEvidence';
import { coverageSentence, escapeMarkdownBlock, escapeMarkdownInline, formatInstant, FORMATTED_INSTANT, plural, stateLabel } from './text';

/** How a document shows times: in the lead's time zone (an IANA name), UTC when not given. */
export interface DocumentOptions {
  timeZone?: string;
}

const md = escapeMarkdownInline;
const NONE = '–';

/** A date or instant we format ourselves reads as is; anything unexpected is escaped like user text. */
export function mdInstant(value: string, timeZone?: string): string {
  const formatted = formatInstant(value, timeZone);
  return FORMATTED_INSTANT.test(formatted) ? formatted : md(formatted);
}
export function mdDate(value: string | null): string {
  if (value === null) return NONE;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : md(value);
}
function mdName(value: string): string {
  return value.trim() ? md(value) : NONE;
}

/**
 * The front matter is built as data and written by the yaml package. Every string is double-quoted:
 * YAML 1.1 readers (js-yaml, gray-matter) would otherwise read titles such as 2026-11-24, 1:30, 0b101,
 * Yes or off as dates, numbers and booleans where YAML 1.2 reads strings. A line width of 0 keeps long
 * titles on one line instead of folding them.
 */
export function frontMatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n`;
}

function tagList(entry: DecisionEntry): string {
  if (entry.tags.length === 0) return '';
  return entry.tags.map((tag) => `${md(tag.label)}${tag.by.trim() ? ` (${md(tag.by)})` : ''}`).join(', ');
}

/**
 * One decision as a list item; continuation lines are indented to stay inside the item. In the
 * list of all decisions (`withItem`) its evidence is one line of counts; under its agenda item,
 * the quotes themselves and the accounts they touch, as a nested list.
 */
function decisionLine(entry: DecisionEntry, withItem: boolean): string {
  const d = entry.decision;
  const details = [
    withItem ? `Item: ${md(entry.itemTitle)}` : '',
    `Owner: ${mdName(d.owner)}`,
    `Due: ${mdDate(d.dueDate)}`,
    entry.tags.length ? `Tags: ${tagList(entry)}` : 'Untagged',
    withItem ? evidenceShort(entry.evidence) : '',
  ].filter(Boolean);
  const evidence = withItem ? [] : evidenceLines(entry.evidence, '  ');
  return [`- **${directionLabel(d.direction)}**: ${escapeMarkdownBlock(d.text, '  ')}\\\n  ${details.join(' · ')}`, ...evidence].join('\n');
}

function headerMarkdown(meeting: Meeting, summary: ImpactSummary, timeZone?: string): string {
  const c = summary.coverage;
  const front = frontMatter({
    title: meeting.title,
    date: meeting.scheduledAt,
    lead: meeting.lead,
    participants: meeting.participants,
    coverage: {
      discussed: c.discussed,
      covered: c.covered,
      answered: c.answered,
      noImpact: c.noImpact,
      skipped: c.skipped,
      percent: c.ratio === null ? null : Math.round(c.ratio * 100),
    },
  });
  const chair = summary.personas.filter((p) => p.inChair).map((p) => md(p.persona.name));
  const facts = [
    `- Scheduled: ${mdInstant(meeting.scheduledAt, timeZone)}`,
    `- Lead: ${mdName(meeting.lead)}`,
    `- Participants: ${meeting.participants.length ? meeting.participants.map(md).join(', ') : NONE}`,
    `- In the chair: ${chair.length ? chair.join(', ') : NONE}`,
    `- Status: ${meeting.status}`,
  ];
  return [front, `# ${md(meeting.title)}\n`, facts.join('\n') + '\n'].join('\n');
}

/** A section: its heading and its paragraphs, each followed by a blank line. */
const section = (title: string, ...parts: string[]) => [`## ${title}\n`, ...parts].join('\n');
const lines = (items: string[]) => items.join('\n') + '\n';

function decisionsMarkdown(summary: ImpactSummary): string {
  if (summary.decisionCount === 0) return section('Decisions, flagged first', 'No decisions were logged.\n');
  const counts = summary.byDirection.map((g) => `${directionLabel(g.direction)} ${g.decisions.length}`).join(' · ');
  return section(
    'Decisions, flagged first',
    `${plural(summary.decisionCount, 'decision')} (${counts}); ${summary.flaggedCount} hurt customers or have an unknown impact.\n`,
    lines(summary.flaggedFirst.map((entry) => decisionLine(entry, true))),
  );
}

function byTagMarkdown(summary: ImpactSummary): string[] {
  if (!summary.byTag.length && !summary.untagged.length) return [];
  const groups = summary.byTag.map((g) => ({ label: md(g.tag.label), decisions: g.decisions }));
  if (summary.untagged.length) groups.push({ label: 'Untagged', decisions: summary.untagged });
  const parts = groups.flatMap((group) => [
    `### ${group.label} (${group.decisions.length})\n`,
    lines(group.decisions.map((e) => `- ${directionLabel(e.decision.direction)}: ${escapeMarkdownBlock(e.decision.text, '  ')}`)),
  ]);
  return [section('Decisions by tag', ...parts)];
}

function personasMarkdown(summary: ImpactSummary): string {
  const parts: string[] = [];
  if (summary.personas.length === 0) {
    parts.push('No persona sat in the chair.\n');
  } else {
    const rows = summary.personas.map((p) => {
      const k = p.counts;
      const net = p.net > 0 ? `+${p.net}` : String(p.net);
      const name = `${md(p.persona.name)}${p.inChair ? '' : ' (not in the chair)'}`;
      return `| ${name} | ${net} | ${k.helps} | ${k.hurts} | ${k.mixed} | ${k.neutral} | ${k.unknown} | ${k.unset} |`;
    });
    const head = [
      '| Persona | Net | Helps | Hurts | Mixed | Neutral | Unknown | Not set |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    parts.push(
      lines([...head, ...rows]),
      'Each answer counts for the personas it names, or for the whole chair when it names none: helps +1, hurts −1, the rest 0.\n',
    );
  }
  if (summary.unattributedAnswers > 0)
    parts.push(`${plural(summary.unattributedAnswers, 'answer')} named no persona with an empty chair and count for nobody.\n`);
  return section('Impact per persona', ...parts);
}

function itemMarkdown(s: ImpactSummary['items'][number], timeZone?: string): string[] {
  const item = s.item;
  const out = [`### ${s.index + 1}. ${md(item.title)}\n`];
  out.push(`${[`Owner: ${mdName(item.owner)}`, `Timebox: ${item.timeboxMinutes} min`, stateLabel(s.state, s.discussed)].join(' · ')}\n`);
  if (item.answer && (item.answer.text.trim() || item.answer.direction !== null)) {
    const who = s.answerPersonas.length ? ` for ${s.answerPersonas.map((p) => md(p.name)).join(', ')}` : '';
    const answerText = escapeMarkdownBlock(item.answer.text, '> ');
    out.push(
      `> How does this affect the customer? **${directionLabel(item.answer.direction)}**` +
        `${item.answer.severity ? `, severity ${item.answer.severity} of 3` : ''}${who}` +
        (answerText ? `\\\n> ${answerText}` : '') +
        '\n',
    );
    const credit = creditText(s.answerCredits, { name: md, when: (at) => mdInstant(at, timeZone) });
    if (credit) out.push(`${credit}\n`);
  }
  if (s.answerEvidence.citations.length) out.push(`Evidence cited on the answer:\n\n${lines(evidenceLines(s.answerEvidence, ''))}`);
  if (s.state === 'no-impact') out.push(`No customer impact: ${escapeMarkdownBlock(item.noImpactReason ?? '')}\n`);
  const notes = escapeMarkdownBlock(item.notes);
  if (notes) out.push(`Notes: ${notes}\n`);
  if (s.decisions.length) out.push(lines(s.decisions.map((entry) => decisionLine(entry, false))));
  return out;
}

function agendaMarkdown(summary: ImpactSummary, timeZone?: string): string {
  const items = summary.items.flatMap((s) => itemMarkdown(s, timeZone));
  return section('Agenda', ...(summary.items.length === 0 ? ['The agenda is empty.\n'] : items));
}

function closingMarkdown(summary: ImpactSummary): string[] {
  const noImpact = summary.noImpact.length
    ? lines(summary.noImpact.map((e) => `- ${md(e.itemTitle)}: ${escapeMarkdownBlock(e.reason, '  ')}`))
    : 'No item was marked "no customer impact".\n';
  const skipped = summary.skipped.length ? lines(summary.skipped.map((e) => `- ${md(e.itemTitle)}`)) : 'No item was skipped.\n';
  const followUps = summary.openFollowUps.length
    ? lines(
        summary.openFollowUps.map(({ followUp, itemTitle }) => {
          const where = itemTitle === null ? '' : ` · Item: ${md(itemTitle)}`;
          return `- ${escapeMarkdownBlock(followUp.text, '  ')}\\\n  Owner: ${mdName(followUp.owner)} · Due: ${mdDate(followUp.dueDate)}${where}`;
        }),
      )
    : 'No open follow-ups.\n';
  return [section('No customer impact', noImpact), section('Skipped', skipped), section('Open follow-ups', followUps)];
}

export function meetingToMarkdown(
  meeting: Meeting,
  summary: ImpactSummary,
  _library?: SummaryLibrary,
  options: DocumentOptions = {},
): string {
  return [
    headerMarkdown(meeting, summary, options.timeZone),
    section('Chair coverage', `${coverageSentence(summary.coverage)}\n`),
    decisionsMarkdown(summary),
    section('Customer evidence', evidenceMarkdown(summary.evidence)),
    ...byTagMarkdown(summary),
    personasMarkdown(summary),
    agendaMarkdown(summary, options.timeZone),
    ...closingMarkdown(summary),
  ].join('\n');
}
