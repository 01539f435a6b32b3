/**
 * The meeting impact summary as one self-contained, printable HTML document: inline styles only,
 * no scripts, no external resources, and a CSP that forbids them even if something slipped in.
 * Every user string is HTML-escaped and sits in an element with dir="auto", so right-to-left text
 * reads right and a stray bidi override cannot reorder the text around it.
 */
import type { ImpactDirection, Meeting } from '../domain';
import type { CitedAccounts } from '../summary/citations';
import {
  accountsAffectedParts,
  ACCOUNTS_COUNT_SEPARATOR,
  accountsParts,
  accountRevenueText,
  citationSourceParts,
  evidenceCoverageSentence,
  revenueText,
  type CitedEvidence,
  type EvidenceTotals,
} from '../summary/evidence';
import { creditText, directionLabel, type DecisionEntry, type ImpactSummary, type SummaryLibrary } from '../summary/summary';
import type { DocumentOptions } from './markdown';
import { coverageSentence, escapeHtml, formatInstant, FORMATTED_INSTANT, plural, stateLabel } from './text';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d9dde5; --soft: #f4f6f9;
  --helps: #17663a; --hurts: #b42318; --mixed: #6b3fa0; --neutral: #4a5568; --unknown: #8a5a00; --unset: #4a5568; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
/* break-word, not anywhere: a word breaks only if it cannot fit a line of its own, so table columns are
   sized to whole words and an owner such as "priya+owner@example.com" is never split at "+owne/r". */
h1, h2, h3, p, li, td, th, dd, blockquote { overflow-wrap: break-word; }
p { margin: .4rem 0; }
.muted { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.bar { height: .6rem; background: var(--soft); border: 1px solid var(--line); border-radius: .3rem; overflow: hidden; max-width: 24rem; }
.bar > span { display: block; height: 100%; background: var(--helps); }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; font-size: .92rem; }
th, td { text-align: start; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; overflow-wrap: normal; }
td.date { white-space: nowrap; }
table.decisions td:first-child { width: 5.5rem; }
.facts-line { color: var(--muted); font-size: .88rem; }
td.date > span { white-space: normal; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
tr.flagged td { background: #fff6f5; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .75rem; font-size: .8rem; font-weight: 600; color: #fff; white-space: nowrap; }
.badge.helps { background: var(--helps); } .badge.hurts { background: var(--hurts); } .badge.mixed { background: var(--mixed); }
.badge.neutral { background: var(--neutral); } .badge.unknown { background: var(--unknown); } .badge.unset { background: var(--unset); }
.prose { white-space: pre-wrap; }
.item { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem .75rem; margin: .75rem 0; }
.item h3 { margin-top: .25rem; }
blockquote { margin: .5rem 0; padding: .4rem .75rem; border-inline-start: 4px solid var(--line); background: var(--soft); }
ul { padding-inline-start: 1.25rem; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: .3rem; padding: 0 .35rem; margin: 0 .2rem .1rem 0; font-size: .85rem; }
.cites { margin: .3rem 0 0; padding-inline-start: 1.1rem; font-size: .9rem; }
.cites li { margin: .1rem 0; }
details { margin: .4rem 0; } summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  /* Items flow across pages (one card per page left most of each page empty); a heading stays with
     the lines after it, and a row or a short answer is not cut in two. */
  h2, h3 { break-after: avoid; break-inside: avoid; }
  tr { break-inside: avoid; }
  p, li, blockquote { orphans: 2; widows: 2; }
  .item { padding: .1rem .6rem .25rem; margin: .3rem 0; }
  .item h3 { margin: .2rem 0 0; }
  blockquote { padding: .2rem .6rem; margin: .3rem 0; }
  th, td { padding: .2rem .4rem; }
  p { margin: .2rem 0; }
  h2 { margin: 1.2rem 0 .4rem; }
  thead { display: table-header-group; }
  /* A closed <details> prints its content too: paper cannot be clicked open. */
  details::details-content { content-visibility: visible; display: block; }
  .badge, .bar > span, th, tr.flagged td, blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The whole document around a body; `title` is user text and is escaped here. */
export function htmlDocument(title: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">\n` +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`
  );
}

/** User text as an inline element: escaped, and isolated in its own direction. */
export function text(value: string, tag = 'span', className = ''): string {
  const cls = className ? ` class="${className}"` : '';
  return `<${tag} dir="auto"${cls}>${escapeHtml(value)}</${tag}>`;
}

/** A name or a dash when empty. */
function name(value: string): string {
  return value.trim() ? text(value) : '<span class="muted">–</span>';
}

/** Class names come from this map, never from data, so a value can never inject an attribute. */
const BADGE_CLASS: Record<ImpactDirection | 'unset', string> = {
  helps: 'helps',
  hurts: 'hurts',
  mixed: 'mixed',
  neutral: 'neutral',
  unknown: 'unknown',
  unset: 'unset',
};
export function badge(direction: ImpactDirection | null): string {
  return `<span class="badge ${BADGE_CLASS[direction ?? 'unset'] ?? 'unset'}">${escapeHtml(directionLabel(direction))}</span>`;
}

/** A date we formatted reads as is; anything else came from the file and is shown as user text. */
export function htmlInstant(value: string, timeZone?: string): string {
  const formatted = formatInstant(value, timeZone);
  return FORMATTED_INSTANT.test(formatted) ? formatted : text(formatted);
}

export function htmlDate(value: string | null): string {
  if (value === null) return '<span class="muted">–</span>';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : text(value);
}

function tagChips(entry: DecisionEntry): string {
  if (entry.tags.length === 0) return '<span class="muted">untagged</span>';
  return entry.tags
    .map((tag) => {
      const by = tag.by.trim() ? ` <span class="muted">by</span> ${text(tag.by)}` : '';
      return `<span class="tag">${text(tag.label)}${by}</span>`;
    })
    .join(' ');
}

/** "2 accounts — Acme (Enterprise, $250,000 ARR), …; together $… ARR"; '' when no account is known. */
export function accountsHtml(accounts: CitedAccounts): string {
  const parts = accountsParts(accounts);
  if (!parts) return '';
  const named = parts.accounts.map(({ name, facts }) => `${text(name)}${facts ? ` (${text(facts)})` : ''}`);
  return `${escapeHtml(parts.count)}${ACCOUNTS_COUNT_SEPARATOR}${named.join(', ')}${parts.together ? `; ${escapeHtml(parts.together)}` : ''}`;
}

/** The quotes of one decision or answer, with where each came from, then the accounts they touch. */
export function evidenceHtml(evidence: CitedEvidence): string {
  if (evidence.citations.length === 0) return '';
  const quotes = evidence.citations.map((citation) => {
    const source = citationSourceParts(citation).map((part) => text(part));
    return `<li>“${text(citation.quote, 'span', 'prose')}”${source.length ? ` <span class="muted">— ${source.join(' · ')}</span>` : ''}</li>`;
  });
  const accounts = accountsHtml(evidence.accounts);
  if (accounts) quotes.push(`<li>Accounts affected: ${accounts}</li>`);
  return `<ul class="cites" aria-label="Customer evidence">\n${quotes.join('\n')}\n</ul>`;
}

/** One line of counts for a decision in the list of all decisions. */
function evidenceShortHtml(evidence: CitedEvidence): string {
  if (evidence.citations.length === 0) return '';
  const accounts = evidence.accounts.accounts.length;
  const revenue = revenueText(evidence.accounts);
  return escapeHtml(
    `Evidence: ${plural(evidence.citations.length, 'quote')}${accounts ? `, ${plural(accounts, 'account')}` : ''}${revenue ? ` (${revenue})` : ''}`,
  );
}

/** The "Customer evidence" section's body: the totals and every account touched. */
export function evidenceTotalsHtml(totals: EvidenceTotals): string {
  const head = `<p>${escapeHtml(`${plural(totals.citations, 'quote')} of customer evidence cited. ${evidenceCoverageSentence(totals)}`)}</p>\n`;
  if (totals.accounts.accounts.length === 0) return head;
  const rows = totals.accounts.accounts.map(
    (a) =>
      `<tr><td>${text(a.name)}</td><td>${a.segment.trim() ? text(a.segment) : '–'}</td>` +
      `<td class="num">${escapeHtml(accountRevenueText(a)) || '–'}</td><td class="num">${a.citations}</td></tr>`,
  );
  const { affected, together } = accountsAffectedParts(totals.accounts);
  return (
    head +
    '<table>\n<thead><tr><th>Account</th><th>Segment</th><th class="num">ARR</th><th class="num">Quotes</th></tr></thead>\n' +
    `<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n` +
    `<p>${escapeHtml(affected)}${together ? `, ${escapeHtml(together)}` : ''}.</p>\n`
  );
}

/**
 * Decisions as a two-column table: the impact, then the decision's text with one line of facts under
 * it (its agenda item when `withItem`, owner, due date, tags). Full-width text keeps a printed row to
 * two or three lines, where six narrow columns made each row five lines tall.
 */
function decisionsTable(entries: DecisionEntry[], withItem: boolean): string {
  const head = '<tr><th>Impact</th><th>Decision</th></tr>';
  const rows = entries.map((entry) => {
    const d = entry.decision;
    const facts = [
      withItem ? `Item: ${text(entry.itemTitle)}` : '',
      `Owner: ${name(d.owner)}`,
      `Due: ${htmlDate(d.dueDate)}`,
      `Tags: ${tagChips(entry)}`,
      withItem ? evidenceShortHtml(entry.evidence) : '',
    ].filter(Boolean);
    return (
      `<tr${entry.flagged ? ' class="flagged"' : ''}><td>${badge(d.direction)}</td>` +
      `<td>${text(d.text, 'div', 'prose')}<div class="facts-line">${facts.join(' · ')}</div>${withItem ? '' : evidenceHtml(entry.evidence)}</td></tr>`
    );
  });
  return `<table class="decisions">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n`;
}

function headerHtml(meeting: Meeting, summary: ImpactSummary, timeZone?: string): string {
  const chair = summary.personas.filter((p) => p.inChair).map((p) => text(p.persona.name));
  return (
    `<header>\n<h1 dir="auto">${escapeHtml(meeting.title)}</h1>\n<dl class="facts">` +
    `<dt>Scheduled</dt><dd>${htmlInstant(meeting.scheduledAt, timeZone)}</dd>` +
    `<dt>Lead</dt><dd>${name(meeting.lead)}</dd>` +
    `<dt>Participants</dt><dd>${meeting.participants.length ? meeting.participants.map((p) => text(p)).join(', ') : '–'}</dd>` +
    `<dt>In the chair</dt><dd>${chair.length ? chair.join(', ') : '–'}</dd>` +
    `<dt>Status</dt><dd>${escapeHtml(meeting.status)}</dd>\n</dl>\n</header>\n`
  );
}

const section = (title: string, body: string) => `<section>\n<h2>${title}</h2>\n${body}</section>\n`;
const list = (items: string[]) => `<ul>\n${items.join('\n')}\n</ul>\n`;

function coverageHtml(summary: ImpactSummary): string {
  const c = summary.coverage;
  const percent = c.ratio === null ? null : Math.round(c.ratio * 100);
  const bar =
    percent === null ? '' : `<div class="bar" role="img" aria-label="${percent}% covered"><span style="width:${percent}%"></span></div>\n`;
  return section('Chair coverage', `<p>${escapeHtml(coverageSentence(c))}</p>\n${bar}`);
}

function decisionsHtml(summary: ImpactSummary): string {
  if (summary.decisionCount === 0) return section('Decisions, flagged first', '<p>No decisions were logged.</p>\n');
  const counts = summary.byDirection.map((g) => `${badge(g.direction)} ${g.decisions.length}`).join(' ');
  const lead =
    `<p>${escapeHtml(plural(summary.decisionCount, 'decision'))}: ${counts}. ` +
    `${summary.flaggedCount} hurt customers or have an unknown impact.</p>\n`;
  return section('Decisions, flagged first', lead + decisionsTable(summary.flaggedFirst, true));
}

function byTagHtml(summary: ImpactSummary): string {
  if (!summary.byTag.length && !summary.untagged.length) return '';
  const groups = summary.byTag.map((g) => ({ label: text(g.tag.label), decisions: g.decisions }));
  if (summary.untagged.length) groups.push({ label: 'Untagged', decisions: summary.untagged });
  const body = groups.map(
    (group) =>
      `<h3>${group.label} (${group.decisions.length})</h3>\n` +
      list(group.decisions.map((e) => `<li>${badge(e.decision.direction)} ${text(e.decision.text, 'span', 'prose')}</li>`)),
  );
  return section('Decisions by tag', body.join(''));
}

function personasHtml(summary: ImpactSummary): string {
  let body = '<p>No persona sat in the chair.</p>\n';
  if (summary.personas.length > 0) {
    const head =
      '<tr><th>Persona</th><th class="num">Net</th><th class="num">Helps</th><th class="num">Hurts</th><th class="num">Mixed</th>' +
      '<th class="num">Neutral</th><th class="num">Unknown</th><th class="num">Not set</th></tr>';
    const rows = summary.personas.map((p) => {
      const k = p.counts;
      const net = p.net > 0 ? `+${p.net}` : p.net < 0 ? `−${-p.net}` : '0';
      const label = `${text(p.persona.name)}${p.inChair ? '' : ' <span class="muted">(not in the chair)</span>'}`;
      const cells = [net, k.helps, k.hurts, k.mixed, k.neutral, k.unknown, k.unset].map((n) => `<td class="num">${n}</td>`).join('');
      return `<tr><td>${label}</td>${cells}</tr>`;
    });
    body =
      `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n` +
      '<p class="muted">Each answer counts for the personas it names, or for the whole chair when it names none: helps +1, hurts −1, the rest 0.</p>\n';
  }
  if (summary.unattributedAnswers > 0) {
    body += `<p class="muted">${escapeHtml(plural(summary.unattributedAnswers, 'answer'))} named no persona with an empty chair and count for nobody.</p>\n`;
  }
  return section('Impact per persona', body);
}

function itemHtml(s: ImpactSummary['items'][number], timeZone?: string): string {
  const item = s.item;
  const b: string[] = [`<article class="item">\n<h3>${s.index + 1}. ${text(item.title)}</h3>\n`];
  b.push(
    `<p class="muted">Owner: ${name(item.owner)} · Timebox: ${item.timeboxMinutes} min · ${escapeHtml(stateLabel(s.state, s.discussed))}</p>\n`,
  );
  if (item.answer && (item.answer.text.trim() || item.answer.direction !== null)) {
    const who = s.answerPersonas.length ? ` for ${s.answerPersonas.map((p) => text(p.name)).join(', ')}` : '';
    const severity = item.answer.severity ? `, severity ${item.answer.severity} of 3` : '';
    b.push(`<blockquote><p>How does this affect the customer? ${badge(item.answer.direction)}${severity}${who}</p>`);
    if (item.answer.text.trim()) b.push(text(item.answer.text, 'p', 'prose'));
    b.push('</blockquote>\n');
    const credit = creditText(s.answerCredits, { name: (n) => text(n), when: (at) => htmlInstant(at, timeZone) });
    if (credit) b.push(`<p class="muted">${credit}</p>\n`);
  }
  if (s.answerEvidence.citations.length) b.push(`<p class="muted">Evidence cited on the answer:</p>\n${evidenceHtml(s.answerEvidence)}\n`);
  if (s.state === 'no-impact') b.push(`<p>No customer impact: ${text(item.noImpactReason ?? '', 'span', 'prose')}</p>\n`);
  if (item.notes.trim()) b.push(`<p><span class="muted">Notes:</span> ${text(item.notes, 'span', 'prose')}</p>\n`);
  if (s.decisions.length) b.push(decisionsTable(s.decisions, false));
  b.push('</article>\n');
  return b.join('');
}

function agendaHtml(summary: ImpactSummary, timeZone?: string): string {
  const items = summary.items.map((s) => itemHtml(s, timeZone)).join('');
  return section('Agenda', summary.items.length === 0 ? '<p>The agenda is empty.</p>\n' : items);
}

function noImpactAndSkippedHtml(summary: ImpactSummary): string {
  const noImpact = summary.noImpact.length
    ? list(summary.noImpact.map((e) => `<li>${text(e.itemTitle)}: ${text(e.reason, 'span', 'prose')}</li>`))
    : '<p>No item was marked “no customer impact”.</p>\n';
  const skipped = summary.skipped.length
    ? list(summary.skipped.map((e) => `<li>${text(e.itemTitle)}</li>`))
    : '<p>No item was skipped.</p>\n';
  return section('No customer impact', noImpact) + section('Skipped', skipped);
}

function followUpsHtml(summary: ImpactSummary): string {
  if (!summary.openFollowUps.length) return section('Open follow-ups', '<p>No open follow-ups.</p>\n');
  const rows = summary.openFollowUps.map(
    ({ followUp, itemTitle }) =>
      `<tr><td>${text(followUp.text, 'div', 'prose')}</td><td>${name(followUp.owner)}</td><td class="date">${htmlDate(followUp.dueDate)}</td>` +
      `<td>${itemTitle === null ? '<span class="muted">–</span>' : text(itemTitle)}</td></tr>`,
  );
  const head = '<thead><tr><th>Follow-up</th><th>Owner</th><th>Due</th><th>Agenda item</th></tr></thead>';
  return section('Open follow-ups', `<table>\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n`);
}

export function meetingToHtml(meeting: Meeting, summary: ImpactSummary, _library?: SummaryLibrary, options: DocumentOptions = {}): string {
  const body = [
    headerHtml(meeting, summary, options.timeZone),
    coverageHtml(summary),
    decisionsHtml(summary),
    section('Customer evidence', evidenceTotalsHtml(summary.evidence)),
    byTagHtml(summary),
    personasHtml(summary),
    agendaHtml(summary, options.timeZone),
    noImpactAndSkippedHtml(summary),
    followUpsHtml(summary),
    '<footer>Meeting impact summary exported from Empty Chair.</footer>\n',
  ];
  return htmlDocument(meeting.title, body.join(''));
}
