/**
 * Suggesting a column mapping from header names, and turning one mapped row into an evidence item.
 * Recognises the shapes of common exports: help-desk tickets (subject, description, requester,
 * priority, satisfaction), surveys (score + comment), app-store reviews (content, score, date).
 */
import { EVIDENCE_LIMITS } from './limits';
import type { ColumnMapping, EvidenceItem, EvidenceKind, SkipReason } from './schema';
import { emailDomain, hashText, maskPrivate, parseDate, parseNumber } from './text';

const key = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names (normalised) per field, best first. */
const FIELD_HEADERS: Record<Exclude<keyof ColumnMapping, 'text'>, string[]> = {
  customer: ['customer', 'customername', 'requester', 'requestername', 'name', 'author', 'username', 'reviewer', 'contact', 'respondent'],
  account: ['account', 'accountid', 'accountname', 'company', 'organization', 'organisation', 'org', 'organizationname'],
  email: ['email', 'requesteremail', 'emailaddress', 'customeremail', 'contactemail'],
  segment: ['segment', 'plan', 'tier', 'customersegment'],
  date: ['date', 'createdat', 'created', 'submittedat', 'reviewdate', 'timestamp', 'updatedat', 'responsedate'],
  rating: ['rating', 'score', 'satisfaction', 'satisfactionscore', 'csat', 'nps', 'npsscore', 'stars', 'star'],
  externalId: ['id', 'ticketid', 'reviewid', 'responseid', 'externalid', 'number'],
  link: ['url', 'link', 'ticketurl', 'permalink'],
};
/** Text columns: joined in this order when several exist (subject before description). */
const TEXT_HEADERS = [
  'title',
  'subject',
  'summary',
  'description',
  'body',
  'content',
  'review',
  'reviewtext',
  'comment',
  'comments',
  'feedback',
  'text',
  'message',
  'verbatim',
  'answer',
  'whycomment',
  'reason',
];

export function suggestMapping(headers: string[]): { mapping: ColumnMapping | null; recognised: EvidenceKind | null } {
  const byKey = new Map<string, string>();
  for (const header of headers) if (!byKey.has(key(header))) byKey.set(key(header), header);
  const text = TEXT_HEADERS.flatMap((name) => (byKey.has(name) ? [byKey.get(name)!] : [])).slice(0, 2);
  const pick = (names: string[], taken: Set<string>) => {
    for (const name of names) {
      const header = byKey.get(name);
      if (header !== undefined && !taken.has(header)) return header;
    }
    return null;
  };
  const taken = new Set(text);
  const mapping = { text } as ColumnMapping;
  for (const field of Object.keys(FIELD_HEADERS) as (keyof typeof FIELD_HEADERS)[]) {
    const header = pick(FIELD_HEADERS[field], taken);
    if (header) taken.add(header);
    mapping[field] = header;
  }
  if (text.length === 0) return { mapping: null, recognised: null };
  return { mapping, recognised: recognise(new Set(byKey.keys())) };
}

function recognise(keys: Set<string>): EvidenceKind | null {
  const has = (...names: string[]) => names.some((name) => keys.has(name));
  if (has('subject') && has('description', 'requester', 'priority', 'satisfaction')) return 'tickets';
  if (has('score', 'nps', 'npsscore', 'csat') && has('comment', 'comments', 'feedback', 'verbatim', 'reason')) return 'survey';
  if (has('content', 'review', 'reviewtext') && has('score', 'rating', 'stars')) return 'reviews';
  return null;
}

export interface ItemOptions {
  mask: boolean;
}

export type RowOutcome = { item: EvidenceItem; cut: boolean } | { skip: SkipReason };

/** A mapped cell as trimmed text ('' for an unmapped column). Module-level, not a closure per row: the import calls it 100,000s of times. */
function cellOf(row: Record<string, unknown>, column: string | null): string {
  return column === null ? '' : cellText(row[column]).trim();
}

const clip = (value: string) => value.slice(0, EVIDENCE_LIMITS.fieldMax);

/** The text columns joined by a blank line, empty ones left out. */
function textOf(row: Record<string, unknown>, columns: readonly string[]): string {
  let text = '';
  for (const column of columns) {
    const value = cellOf(row, column);
    if (value) text = text ? `${text}\n\n${value}` : value;
  }
  return text;
}

/** One row (column → cell) as an evidence item, or why it is left out. */
export function rowToItem(row: Record<string, unknown>, mapping: ColumnMapping, origin: string, options: ItemOptions): RowOutcome {
  let text = textOf(row, mapping.text);
  if (!text) return { skip: 'empty_text' };
  // Cut first (masking a huge cell costs time), then mask, then cut again ("[email]" may be longer).
  const cut = text.length > EVIDENCE_LIMITS.itemTextMax;
  if (cut) text = text.slice(0, EVIDENCE_LIMITS.itemTextMax);
  if (options.mask) text = maskPrivate(text);
  if (cut || text.length > EVIDENCE_LIMITS.itemTextMax) text = text.slice(0, EVIDENCE_LIMITS.itemTextMax - 1) + '…';
  const email = cellOf(row, mapping.email);
  const customer = cellOf(row, mapping.customer).slice(0, EVIDENCE_LIMITS.customerMax);
  const date = parseDate(cellOf(row, mapping.date));
  const rating = mapping.rating ? parseNumber(cellOf(row, mapping.rating)) : null;
  const externalId = clip(cellOf(row, mapping.externalId));
  const fields = {
    customer,
    account: clip(cellOf(row, mapping.account)),
    emailDomain: clip(emailDomain(email)),
    segment: clip(cellOf(row, mapping.segment)),
    date,
    rating,
    link: clip(cellOf(row, mapping.link)),
  };
  const item: EvidenceItem = {
    // Hashed only when there is no external id: hashing is a pass over every character.
    key: externalId ? `id:${externalId}` : `h:${hashText(`${text}\u0000${customer}\u0000${date ?? ''}`)}`,
    hash: hashText(JSON.stringify([text, fields])),
    text,
    ...fields,
    origin: clip(origin),
  };
  return { item, cut };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
