/**
 * The meeting impact summary as Markdown for Obsidian, Notion and GitHub: YAML front matter for the
 * tools that read it, then readable sections. Every user string is escaped (see text.ts), so the
 * file never carries HTML, links or images that the user did not mean as plain text.
 */
import { stringify } from 'yaml';
import type { Meeting } from '../domain';
import { directionLabel, type DecisionEntry, type ImpactSummary, type SummaryLibrary } from '../summary/summary';
import { coverageSentence, escapeMarkdownBlock, escapeMarkdownInline, formatInstant, plural, stateLabel } from './text';

const md = escapeMarkdownInline;
const NONE = '–';

/** A date or instant we format ourselves reads as is; anything unexpected is escaped like user text. */
export function mdInstant(value: string): string {
  const formatted = formatInstant(value);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/.test(formatted) ? formatted : md(formatted);
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

/** One decision as a list item; continuation lines are indented to stay inside the item. */
function decisionLine(entry: DecisionEntry, withItem: boolean): string {
  const d = entry.decision;
  const details = [
    withItem ? `Item: ${md(entry.itemTitle)}` : '',
    `Owner: ${mdName(d.owner)}`,
    `Due: ${mdDate(d.dueDate)}`,
    entry.tags.length ? `Tags: ${tagList(entry)}` : 'Untagged',
  ].filter(Boolean);
  return `- **${directionLabel(d.direction)}**: ${escapeMarkdownBlock(d.text, '  ')}\\\n  ${details.join(' · ')}`;
}

export function meetingToMarkdown(meeting: Meeting, summary: ImpactSummary, _library?: SummaryLibrary): string {
  const c = summary.coverage;
  const out: string[] = [];
  out.push(
    frontMatter({
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
    }),
  );

  out.push(`# ${md(meeting.title)}\n`);
  const chair = summary.personas.filter((p) => p.inChair).map((p) => md(p.persona.name));
  out.push(
    [
      `- Scheduled: ${mdInstant(meeting.scheduledAt)}`,
      `- Lead: ${mdName(meeting.lead)}`,
      `- Participants: ${meeting.participants.length ? meeting.participants.map(md).join(', ') : NONE}`,
      `- In the chair: ${chair.length ? chair.join(', ') : NONE}`,
      `- Status: ${meeting.status}`,
    ].join('\n') + '\n',
  );

  out.push('## Chair coverage\n');
  out.push(`${coverageSentence(c)}\n`);

  out.push('## Decisions, flagged first\n');
  const counts = summary.byDirection.map((g) => `${directionLabel(g.direction)} ${g.decisions.length}`).join(' · ');
  if (summary.decisionCount === 0) {
    out.push('No decisions were logged.\n');
  } else {
    out.push(
      `${plural(summary.decisionCount, 'decision')} (${counts}); ` +
        `${summary.flaggedCount} hurt customers or have an unknown impact.\n`,
    );
    out.push(summary.flaggedFirst.map((entry) => decisionLine(entry, true)).join('\n') + '\n');
  }

  if (summary.byTag.length || summary.untagged.length) {
    out.push('## Decisions by tag\n');
    const groups = summary.byTag.map((g) => ({ label: md(g.tag.label), decisions: g.decisions }));
    if (summary.untagged.length) groups.push({ label: 'Untagged', decisions: summary.untagged });
    for (const group of groups) {
      out.push(`### ${group.label} (${group.decisions.length})\n`);
      out.push(
        group.decisions.map((e) => `- ${directionLabel(e.decision.direction)}: ${escapeMarkdownBlock(e.decision.text, '  ')}`).join('\n') + '\n',
      );
    }
  }

  out.push('## Impact per persona\n');
  if (summary.personas.length === 0) {
    out.push('No persona sat in the chair.\n');
  } else {
    const rows = summary.personas.map((p) => {
      const k = p.counts;
      const net = p.net > 0 ? `+${p.net}` : String(p.net);
      const name = `${md(p.persona.name)}${p.inChair ? '' : ' (not in the chair)'}`;
      return `| ${name} | ${net} | ${k.helps} | ${k.hurts} | ${k.mixed} | ${k.neutral} | ${k.unknown} | ${k.unset} |`;
    });
    out.push(
      [
        '| Persona | Net | Helps | Hurts | Mixed | Neutral | Unknown | Not set |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows,
      ].join('\n') + '\n',
    );
    out.push('Net impact counts each answer naming the persona: helps +1, hurts −1, the rest 0.\n');
  }
  if (summary.unattributedAnswers > 0) {
    out.push(`${plural(summary.unattributedAnswers, 'answer')} named no persona and count for nobody.\n`);
  }

  out.push('## Agenda\n');
  if (summary.items.length === 0) out.push('The agenda is empty.\n');
  for (const s of summary.items) {
    const item = s.item;
    out.push(`### ${s.index + 1}. ${md(item.title)}\n`);
    const facts = [`Owner: ${mdName(item.owner)}`, `Timebox: ${item.timeboxMinutes} min`, stateLabel(s.state, s.discussed)];
    out.push(`${facts.join(' · ')}\n`);
    if (item.answer && (item.answer.text.trim() || item.answer.direction !== null)) {
      const who = s.answerPersonas.length ? ` for ${s.answerPersonas.map((p) => md(p.name)).join(', ')}` : '';
      const answerText = escapeMarkdownBlock(item.answer.text, '> ');
      out.push(
        `> How does this affect the customer? **${directionLabel(item.answer.direction)}**` +
          `${item.answer.severity ? `, severity ${item.answer.severity} of 3` : ''}${who}` +
          (answerText ? `\\\n> ${answerText}` : '') +
          '\n',
      );
    }
    if (s.state === 'no-impact') out.push(`No customer impact: ${escapeMarkdownBlock(item.noImpactReason ?? '')}\n`);
    const notes = escapeMarkdownBlock(item.notes);
    if (notes) out.push(`Notes: ${notes}\n`);
    if (s.decisions.length) out.push(s.decisions.map((entry) => decisionLine(entry, false)).join('\n') + '\n');
  }

  out.push('## No customer impact\n');
  out.push(
    summary.noImpact.length
      ? summary.noImpact.map((e) => `- ${md(e.itemTitle)}: ${escapeMarkdownBlock(e.reason, '  ')}`).join('\n') + '\n'
      : 'No item was marked "no customer impact".\n',
  );
  out.push('## Skipped\n');
  out.push(summary.skipped.length ? summary.skipped.map((e) => `- ${md(e.itemTitle)}`).join('\n') + '\n' : 'No item was skipped.\n');

  out.push('## Open follow-ups\n');
  out.push(
    summary.openFollowUps.length
      ? summary.openFollowUps
          .map(({ followUp, itemTitle }) => {
            const where = itemTitle === null ? '' : ` · Item: ${md(itemTitle)}`;
            return `- ${escapeMarkdownBlock(followUp.text, '  ')}\\\n  Owner: ${mdName(followUp.owner)} · Due: ${mdDate(followUp.dueDate)}${where}`;
          })
          .join('\n') + '\n'
      : 'No open follow-ups.\n',
  );

  return out.join('\n');
}
