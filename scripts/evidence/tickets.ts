/**
 * A generated help-desk ticket export (the shape of a Zendesk or Freshdesk CSV), written streaming:
 * shared by `npm run bench`'s evidence group and scripts/evidence/measure.ts.
 */
import fs from 'node:fs';

export const SUBJECTS = [
  'Pricing too high',
  'Invoice missing VAT',
  'Export to CSV fails',
  'SSO login broken',
  'Mobile app crash',
  'Slow dashboard',
  'Refund request',
  'Dark mode please',
  'Calendar sync',
  'Search finds nothing',
];
export const WORDS =
  'customer team plan price invoice export login mobile crash slow refund theme calendar search report page button email account billing order data week month'.split(
    ' ',
  );
const RARE = Array.from({ length: 5_000 }, (_, k) => `term${k.toString(36)}`);

/**
 * Writes `rows` tickets to `file`. 'narrow': every ticket uses 24 of the same 25 words, so every
 * query term matches every item (the worst case). 'zipf' (default): descriptions draw from 5,000
 * words with a Zipf-like spread, as real ticket text does.
 */
export function writeTicketCsv(file: string, rows: number, vocabulary: 'zipf' | 'narrow' = 'zipf'): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'id,subject,description,requester,email,priority,satisfaction,created_at\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const words = Array.from({ length: 24 }, (_, j) => {
      if (vocabulary === 'narrow') return WORDS[(i * 7 + j * 13) % WORDS.length];
      const r = ((i * 2654435761 + j * 40503) >>> 0) / 2 ** 32;
      return j % 4 === 0 ? WORDS[(i + j) % WORDS.length] : RARE[Math.floor(Math.pow(r, 3) * RARE.length)];
    }).join(' ');
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    chunk += `${i},"${SUBJECTS[i % SUBJECTS.length]}","Ticket ${i}: ${words}. Call +1 555 010 ${String(i % 10_000).padStart(4, '0')}",Customer ${i % 5_000},user${i}@company${i % 5_000}.com,${['low', 'high'][i % 2]},${(i % 5) + 1},${day}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}
