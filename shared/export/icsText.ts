/**
 * The RFC 5545 writing rules the calendar export needs: TEXT escaping, line folding at 75 octets,
 * CRLF line ends, and the DATE / UTC DATE-TIME forms. Pure string work, no calendar library: the
 * tests read every file back with ical.js (Mozilla's parser) to check it.
 */

/** RFC 5545 §3.1: a content line is at most 75 octets, not counting its CRLF. */
export const ICS_LINE_OCTETS = 75;
export const CRLF = '\r\n';

/**
 * Controls other than HTAB are not allowed in TEXT (§3.3.11). Line breaks are escaped before this
 * runs; anything left shows as U+FFFD, so it is visibly there rather than silently dropped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT_CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, CR or LF)
 * written as `\n`. A title holding "\r\nBEGIN:VEVENT" thus stays inside its one property.
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(TEXT_CONTROLS, '\uFFFD');
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line (§3.1): lines longer than 75 octets are broken with CRLF and a space,
 * the space counting towards the next line's 75. It breaks between code points only, so a UTF-8
 * sequence (or a surrogate pair) is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    if (octets + size > ICS_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** Lines to a file: each folded, each ended by CRLF (the last one too). */
export function joinContentLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}${CRLF}`).join('');
}

/** An instant as a UTC DATE-TIME (§3.3.5 form 2): "20261124T093000Z". Null when unreadable. */
export function icsUtcDateTime(instant: string | Date): string | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return null;
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A calendar day YYYY-MM-DD as a DATE (§3.3.4), "20261124"; null unless it is a real day. */
export function icsDate(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== day) return null;
  return `${match[1]}${match[2]}${match[3]}`;
}

/** The DATE after a DATE: an all-day event's DTEND is exclusive. */
export function icsNextDate(day: string): string | null {
  if (icsDate(day) === null) return null;
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return icsDate(next.toISOString().slice(0, 10));
}
