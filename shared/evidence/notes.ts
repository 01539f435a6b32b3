/**
 * Interview and call notes (Markdown or plain text) and pasted text, as rows the mapping turns into
 * items. Notes split into passages at headings and blank lines; the customer comes from front-matter
 * (`customer:` or `account:`) or else from the file name.
 */
import type { ColumnMapping } from './schema';

export const NOTES_MAPPING: ColumnMapping = {
  text: ['text'],
  customer: 'customer',
  account: 'account',
  email: null,
  segment: 'segment',
  date: 'date',
  rating: null,
  externalId: null,
  link: null,
};

export interface NoteRow {
  row: Record<string, string>;
  origin: string;
}

export function splitNotes(fileName: string, text: string): NoteRow[] {
  const { meta, body, bodyStartLine } = frontMatter(text.replace(/\r\n?/g, '\n'));
  const customer =
    meta.customer ??
    meta.account ??
    fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[-_]+/g, ' ')
      .trim();
  const base = { customer, account: meta.account ?? meta.customer ?? '', segment: meta.segment ?? meta.plan ?? '', date: meta.date ?? '' };
  const rows: NoteRow[] = [];
  let passage: string[] = [];
  let heading = '';
  let startLine = bodyStartLine;
  const flush = () => {
    const words = passage.join('\n').trim();
    if (words) rows.push({ row: { ...base, text: heading ? `${heading}: ${words}` : words }, origin: `${fileName} line ${startLine}` });
    passage = [];
  };
  body.split('\n').forEach((line, index) => {
    const lineNumber = bodyStartLine + index;
    const headingMatch = /^#{1,6}\s+(.*)$/.exec(line);
    if (headingMatch) {
      flush();
      heading = headingMatch[1]!.trim();
    } else if (!line.trim()) {
      flush();
    } else {
      if (passage.length === 0) startLine = lineNumber;
      passage.push(line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').trim());
    }
  });
  flush();
  return rows;
}

function frontMatter(text: string): { meta: Record<string, string>; body: string; bodyStartLine: number } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) return { meta: {}, body: text, bodyStartLine: 1 };
  const meta: Record<string, string> = {};
  for (const line of match[1]!.split('\n')) {
    const pair = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (pair) meta[pair[1]!.toLowerCase()] = pair[2]!.replace(/^["']|["']$/g, '');
  }
  return { meta, body: text.slice(match[0].length), bodyStartLine: match[0].split('\n').length };
}

/** Pasted text: one item per paragraph (blank-line separated). */
export function splitPaste(text: string): NoteRow[] {
  const rows: NoteRow[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .forEach((paragraph, index) => {
      const words = paragraph.trim();
      if (words) rows.push({ row: { text: words, customer: '', account: '', segment: '', date: '' }, origin: `paragraph ${index + 1}` });
    });
  return rows;
}
