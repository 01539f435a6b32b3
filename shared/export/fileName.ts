/**
 * File names made from meeting titles that are safe on Windows, macOS and Linux: no path
 * separators, reserved characters or device names, no trailing dots or spaces, bounded length.
 */
import { instantDate } from './text';

export const FILE_NAME_MAX_CHARS = 80;
/** ext4 and APFS allow 255 bytes per name; keep well under with room for the extension. */
const FILE_NAME_MAX_BYTES = 200;
export const FALLBACK_FILE_NAME = 'meeting';

/** Reserved by Windows (and rejected by cloud drives) or meaningless in a name. */
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
/**
 * C0 and C1 controls, DEL, bidi controls (which can disguise an extension), zero-width space, BOM.
 * Zero-width joiners (U+200C, U+200D) stay: emoji sequences and Persian words need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/**
 * Windows device names: what comes before the first dot decides ("nul.txt" and "nul .tar.gz" are
 * still the device), trailing spaces ignored; superscript digits count too.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Whole grapheme clusters, so cutting never splits an accented letter or an emoji sequence. */
function graphemes(text: string): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
  }
  return [...text];
}

function truncate(text: string): string {
  if (text.length <= FILE_NAME_MAX_CHARS && utf8Length(text) <= FILE_NAME_MAX_BYTES) return text;
  let out = '';
  let chars = 0;
  let bytes = 0;
  // Only the start can be kept, so only the start is segmented (a long title costs nothing more).
  for (const g of graphemes(text.slice(0, FILE_NAME_MAX_CHARS * 8))) {
    const gChars = [...g].length;
    const gBytes = utf8Length(g);
    if (chars + gChars > FILE_NAME_MAX_CHARS || bytes + gBytes > FILE_NAME_MAX_BYTES) break;
    out += g;
    chars += gChars;
    bytes += gBytes;
  }
  return out;
}

/** The base name (no extension) for a title; "meeting" when nothing usable is left. */
export function safeBaseName(title: string): string {
  let name = title.normalize('NFC').replace(INVISIBLE, ' ').replace(RESERVED_CHARS, '-').replace(/\s+/g, ' ').replace(/-{2,}/g, '-');
  // Leading dots hide the file on macOS and Linux and a leading dash reads as an option in a shell;
  // trailing dots and spaces vanish on Windows.
  name = name.replace(/^[\s.-]+/, '').replace(/[\s.]+$/, '');
  // Nothing visible left (say, only joiners or marks): the name would look empty.
  if (!/[\p{L}\p{N}\p{S}\p{P}]/u.test(name)) return FALLBACK_FILE_NAME;
  const dot = name.indexOf('.');
  const stem = dot < 0 ? name : name.slice(0, dot);
  if (WINDOWS_DEVICE.test(stem.trim())) name = `${stem.trimEnd()}_${dot < 0 ? '' : name.slice(dot)}`;
  // Cut last, so the length bound holds after every other change; the cut can leave a trailing dot.
  return truncate(name).replace(/[\s.]+$/, '') || FALLBACK_FILE_NAME;
}

/** `extension` without the dot, e.g. "md". */
export function safeFileName(title: string, extension: string): string {
  const ext = extension.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const base = safeBaseName(title);
  return ext ? `${base}.${ext}` : base;
}

/** "2026-11-24 Pricing page review.md": sorts by date in a folder. */
export function meetingFileName(meeting: { title: string; scheduledAt: string }, extension: string): string {
  const date = instantDate(meeting.scheduledAt);
  const prefix = /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} ` : '';
  return safeFileName(`${prefix}${meeting.title}`, extension);
}
