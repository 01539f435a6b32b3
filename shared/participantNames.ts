/**
 * Display names of participants (issue 16 §2): what a name may hold, and when two names are "the
 * same" for uniqueness. Pure: the participant hub (electron/service/participants.ts) applies them.
 *
 * A name is NFKC-normalised (full-width "Ａｎａ" is "Ana"), its runs of white space become one space,
 * and it is refused if it holds bidi controls (which reorder what others see: "Ana\u202Eolla") or
 * invisible characters (zero-width spaces and joiners, fillers), which make two names that look the
 * same differ. Two names collide when their confusable skeletons (Unicode TS #39) match, case aside:
 * "Аna" with a Cyrillic А, "ANA" and "Ana" are one name, so the second is given "Ana (2)".
 */
import confusablesJson from 'unhomoglyph/data.json?raw';
import type { Meeting } from './domain';

/**
 * unhomoglyph's table (Unicode's confusables.txt: one code point to its prototype), parsed on first
 * use. Its own entry point builds one pattern of all 6,311 keys as it loads: 27 ms of every start of
 * the server, for names only sharing needs. Every key is one code point, so a lookup per code point
 * maps exactly what its pattern maps (participantNames.test.ts checks both on every key).
 */
let confusables: Map<string, string> | null = null;

/** The bundles and Vitest give `?raw` as text; tsx (the scripts' loader) gives any `.json?…` parsed. */
function confusableTable(): Record<string, string> {
  const imported: unknown = confusablesJson;
  return (typeof imported === 'string' ? JSON.parse(imported) : imported) as Record<string, string>;
}

export function unhomoglyph(text: string): string {
  confusables ??= new Map(Object.entries(confusableTable()));
  let mapped = '';
  for (const char of text) mapped += confusables.get(char) ?? char;
  return mapped;
}

/** Bidi embeddings, overrides, isolates and marks (TS #39 / UAX #9). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Characters that draw nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen, fillers, tags, variation selectors. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200d],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
];
const hasInvisible = (text: string) =>
  [...text].some((char) => {
    const code = char.codePointAt(0)!;
    return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
  });
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** The name as it will be shown and stored, or why it is refused. */
export function normalizeDisplayName(raw: string): NameCheck {
  const normal = raw.normalize('NFKC');
  // Checked before white space is folded: \s also matches U+FEFF, which would hide it.
  if (BIDI_CONTROLS.test(normal)) return { ok: false, message: 'Name must not hold bidirectional control characters.' };
  if (hasInvisible(normal)) return { ok: false, message: 'Name must not hold invisible (zero-width) characters.' };
  const name = normal.replace(/\s+/gu, ' ').trim(); // tabs and line breaks become one space
  if (CONTROLS.test(name)) return { ok: false, message: 'Name must not hold control characters.' };
  if (name.length === 0) return { ok: false, message: 'Name must not be empty.' };
  return { ok: true, name };
}

/**
 * The confusable skeleton of a name (TS #39 §4: NFD, map each character by confusables.txt, NFD
 * again), taken of its lower case so that case does not make a second person either.
 */
export function nameSkeleton(name: string): string {
  return unhomoglyph(name.normalize('NFKC').toLowerCase().normalize('NFD')).normalize('NFD');
}

/** `wanted`, or "wanted (2)", "wanted (3)", …: the first whose skeleton is not in `taken`. */
export function uniqueDisplayName(wanted: string, taken: ReadonlySet<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(nameSkeleton(name)); n++) name = `${wanted} (${n})`;
  return name;
}

/** Everyone who already acts in the meeting under a name: the lead and every attribution. */
export function namesIn(meeting: Meeting): string[] {
  const names = [meeting.lead || 'Lead', 'Lead'];
  for (const item of meeting.agenda) {
    if (item.answer) names.push(item.answer.by);
    for (const proposal of item.proposals) names.push(proposal.by);
    for (const decision of item.decisions) {
      for (const entry of decision.tags) names.push(entry.by);
      for (const ballot of decision.vote?.ballots ?? []) names.push(ballot.by);
    }
  }
  return names;
}
