/**
 * Escaping user text for Markdown, only where the character could mean something in that position:
 * "Sample: Q3 pricing", "go/no-go" and "Dana (lead)" come out as a person would type them, while
 * emphasis, code, links, images, autolinks, raw HTML, entities, headings, lists, block quotes,
 * tables, strikethrough and Obsidian's highlights, math, comments, tags and block ids stay inert.
 * CommonMark lets a backslash escape any ASCII punctuation, so an escape never shows in the output.
 */

/** Always significant, wherever they stand: code, emphasis, links and images, raw HTML, tables, strikethrough. */
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '<', '|', '~']);
/** Significant as the first character of a line: headings, block quotes, list items, setext underlines. */
const AT_LINE_START = new Set(['#', '>', '+', '-', '=']);
/** Doubled, these open Obsidian highlights (==), comments (%%) and math ($$); single ones are plain. */
const WHEN_DOUBLED = new Set(['=', '%', '$']);

const WORD = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
const isSpaceOrNone = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/** Whether the character at `i` of `chars` must be escaped; `chars` is one trimmed line. */
function needsEscape(chars: readonly string[], i: number, dollars: number): boolean {
  const ch = chars[i]!;
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (ALWAYS.has(ch)) return true;
  if (i === 0 && AT_LINE_START.has(ch)) return true;
  switch (ch) {
    case '_': // emphasis, except inside a word (snake_case), where CommonMark never reads it as emphasis
      return !(isWord(before) && isWord(after));
    case '&': // an entity such as &amp; or &#60;
      return /^#?[A-Za-z0-9]+;/.test(chars.slice(i + 1, i + 34).join(''));
    case '.': // a domain ("example.com", "www.x"), which linkifying readers turn into a link
      return !isSpaceOrNone(before) && after !== undefined && LETTER.test(after);
    case '@': // an e-mail address
      return !isSpaceOrNone(after);
    case ':': // "mailto:", the one link scheme that needs no "//"
      return /mailto$/i.test(chars.slice(Math.max(0, i - 6), i).join(''));
    case '/': // "//host" and "http://host"
      return after === '/' && before !== '/';
    case '#': // an Obsidian tag (#mobile), or the closing #s of a heading
      return (
        (isSpaceOrNone(before) && after !== undefined && LETTER.test(after)) ||
        (isSpaceOrNone(before) && /^#*$/.test(chars.slice(i).join('')))
      );
    case '^': // an Obsidian block id (^id)
      return isSpaceOrNone(before) && isWord(after);
    case '$':
      return dollars > 1;
    default:
      if (WHEN_DOUBLED.has(ch)) return before === ch || after === ch;
      return false;
  }
}

/** An ordered-list marker at the start of a line ("1." or "1)"): its delimiter is escaped. */
const ORDERED_MARKER = /^\d{1,9}[.)]/;

/**
 * Every context in which `needsEscape` (or the ordered-list marker) can answer yes, as one pattern:
 * a line it does not match comes out unchanged, so it is not walked character by character (a
 * 10,000-meeting report spent 0.9 s of its 9 s there). `tests/unit/markdownEscape.test.ts` checks
 * the shortcut against the walk on many random lines.
 */
const MAY_NEED_ESCAPE = /[\\`*[\]<|~_&#^]|^[#>+=-]|^\d{1,9}[.)]|\S\.\p{L}|@\S|mailto:|\/\/|\$[^]*\$|==|%%/iu;

/** One line of user text, trimmed, escaped where it has to be. */
export function escapeMarkdownLine(line: string): string {
  return MAY_NEED_ESCAPE.test(line) ? escapeEachCharacter(line) : line;
}

/** `escapeMarkdownLine` without the shortcut: each character looked at in its context. */
export function escapeEachCharacter(line: string): string {
  const chars = [...line];
  const dollars = chars.filter((ch) => ch === '$').length;
  const marker = ORDERED_MARKER.exec(line);
  const markerEnd = marker ? [...marker[0]].length - 1 : -1;
  return chars.map((ch, i) => (i === markerEnd || needsEscape(chars, i, dollars) ? `\\${ch}` : ch)).join('');
}
