import type { Coverage, GateState } from '../coverage';
import { escapeMarkdownLine } from './markdownEscape';
import { plural } from '../plural';

/**
 * Escaping and formatting shared by the exports. Every string a user typed goes through one of the
 * escapers here before it reaches a document, so it always shows as text and never acts as markup.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** Bidi embeddings, overrides and isolates: an unclosed U+202E would reverse the rest of the line. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Text for one line of Markdown: line breaks and tabs turned into spaces, the ends trimmed (leading
 * spaces would make an indented code block), and each character escaped only where it could act as
 * markup in that position (markdownEscape.ts).
 */
export function escapeMarkdownInline(text: string): string {
  const line = text.replace(/[\r\n\t\f\v]+/g, ' ').trim();
  return isolateBidi(escapeMarkdownLine(line));
}

/**
 * Text that may span lines (notes, answers): each line escaped like a one-liner, blank lines dropped
 * so the block stays one paragraph, lines joined by backslash hard breaks (trailing spaces would not
 * survive editors), and continuation lines indented by `indent` so they stay inside a list item.
 */
export function escapeMarkdownBlock(text: string, indent = ''): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdownInline(line))
    .filter((line) => line.length > 0);
  return lines.join(`\\\n${indent}`);
}

/**
 * Wraps text holding bidi controls in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so that an
 * override typed in it ends with it instead of reversing the text around it (what dir="auto" does
 * in HTML). Text without such controls is left exactly as it was.
 */
export function isolateBidi(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as the exports show it: "2026-11-24 09:30 UTC", or "2026-11-24 10:30 UTC+01:00" in another zone. */
export const FORMATTED_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC(?:[+-]\d{2}:\d{2})?$/;

/** Each zone asked for, resolved once: a new Intl.DateTimeFormat per time shown was 40 % of a 10,000-meeting report. */
const resolvedZones = new Map<string, string>();

/** The time zone the exports show times in: a zone Intl knows, or UTC. */
export function exportTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  let zone = resolvedZones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      zone = 'UTC';
    }
    if (resolvedZones.size >= 64) resolvedZones.clear(); // a handful in practice; never grows without bound
    resolvedZones.set(timeZone, zone);
  }
  return zone;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    const fields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', timeZoneName: 'longOffset', ...fields });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * A stored instant for people: in UTC, "2026-11-24 09:30 UTC"; in the lead's zone, with its offset
 * that day, "2026-11-24 10:30 UTC+01:00". Anything unreadable is shown as it is.
 */
export function formatInstant(value: string, timeZone = 'UTC'): string {
  const match = ISO_INSTANT.exec(value);
  if (!match) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const zone = exportTimeZone(timeZone);
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    const iso = date.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
  const parts = Object.fromEntries(
    zoneFormat(zone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  // longOffset reads "GMT+01:00", or "GMT" where the offset is zero.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} UTC${offset}`;
}

/** The YYYY-MM-DD of a stored instant, in UTC; anything unreadable is returned as it is. */
export function instantDate(value: string): string {
  const formatted = formatInstant(value);
  return /^\d{4}-\d{2}-\d{2} /.test(formatted) ? formatted.slice(0, 10) : value;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${Math.round(ratio * 100)}%`;
}

export { plural };

/** "4 of 6 discussed items covered (67%): 3 answered, 1 no customer impact, 1 skipped." */
export function coverageSentence(coverage: Coverage): string {
  if (coverage.ratio === null) return 'No agenda item has been discussed yet.';
  return (
    `${coverage.covered} of ${plural(coverage.discussed, 'discussed item')} covered (${formatPercent(coverage.ratio)}): ` +
    `${coverage.answered} answered, ${coverage.noImpact} no customer impact, ${coverage.skipped} skipped.`
  );
}

export function stateLabel(state: GateState, discussed: boolean): string {
  if (state === 'answered') return 'Answered';
  if (state === 'no-impact') return 'No customer impact';
  if (state === 'skipped') return 'Skipped';
  return discussed ? 'Not answered' : 'Not discussed';
}
