/**
 * The work of one ranking query is bounded by what it searches, not by the size of the library:
 * words most items share are dropped, the words kept hold at most SCORED_POSTINGS_MAX items between
 * them, and only the word being typed is expanded as a prefix. Checked by what is searched and
 * scored, never by timing (issue 19 §5: chair ranking p95 ≤ 30 ms over 100,000 items).
 */
import { afterEach, expect, it } from 'vitest';
import type { EvidenceSearchResult } from '../../../shared/evidence/schema';
import {
  buildQuery,
  COMMON_TERM_MIN_ITEMS,
  COMMON_TERM_SHARE,
  indexTerms,
  QUERY_TERMS_MAX,
  SCORED_POSTINGS_MAX,
} from '../../../shared/evidence/ranking';
import { TermStats } from '../../../shared/evidence/termStats';
import { closeOpened, openTemp, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';

afterEach(closeOpened);

/** `count` items, item i holding each word whose number divides i (indexed as the index does: stemmed). */
function statsOf(count: number, words: Record<string, number>): TermStats {
  const stats = new TermStats();
  for (let i = 0; i < count; i++)
    stats.add(
      i,
      indexTerms(
        Object.keys(words)
          .filter((word) => i % words[word]! === 0)
          .join(' '),
      ),
    );
  return stats;
}

it('drops the words most items share and keeps the rare ones', () => {
  const stats = statsOf(5_000, { dashboard: 1, slow: 2, export: 100 });
  expect(stats.frequency('slow')).toBeGreaterThan(Math.max(5_000 * COMMON_TERM_SHARE, COMMON_TERM_MIN_ITEMS));
  expect(buildQuery([{ text: 'slow dashboard export', weight: 1 }], stats).terms).toEqual(['export']);
});

it('keeps the rarest word when every word is common, so the query never goes empty', () => {
  const stats = statsOf(5_000, { dashboard: 1, slow: 2 });
  expect(buildQuery([{ text: 'slow dashboard', weight: 1 }], stats).terms).toEqual(['slow']);
});

it('bounds the items scored: words of 10,000 items each in 60,000 fit one at a time', () => {
  const stats = statsOf(60_000, { alpha: 6, bravo: 6, charlie: 6, delta: 5 });
  expect(stats.frequency('alpha')).toBe(10_000);
  const query = buildQuery([{ text: 'alpha bravo charlie delta', weight: 1 }], stats);
  expect(query.terms).toEqual(['alpha']);
  expect(query.postings).toBeLessThanOrEqual(SCORED_POSTINGS_MAX);
  // Without the statistics (the old path) every word was searched: 42,000 items scored.
  expect(buildQuery([{ text: 'alpha bravo charlie delta', weight: 1 }]).terms).toHaveLength(4);
});

it('keeps at most QUERY_TERMS_MAX words, the heaviest parts first', () => {
  const words = Array.from({ length: 20 }, (_, i) => `term${i}`);
  const stats = statsOf(100, Object.fromEntries(words.map((word) => [word, 50])));
  const query = buildQuery(
    [
      { text: words.slice(0, 15).join(' '), weight: 1 },
      { text: words.slice(15).join(' '), weight: 3 },
    ],
    stats,
  );
  expect(query.terms).toHaveLength(QUERY_TERMS_MAX);
  expect(query.terms.slice(0, 5)).toEqual(words.slice(15));
});

it('expands only the word being typed as a prefix, not the words the items hold whole', () => {
  const stats = statsOf(100, { price: 10, invoice: 8, refund: 9 });
  const query = buildQuery([{ text: 'prices refun invoices', weight: 1 }], stats);
  expect(query.terms).toEqual(expect.arrayContaining(['price', 'invoic', 'refun']));
  expect([...query.prefix]).toEqual(['refun']);
});

it('drops no word in a small library: a quarter of four items is not common', () => {
  const stats = statsOf(4, { invoice: 4, vat: 3, sso: 2, price: 1 });
  expect(buildQuery([{ text: 'invoice VAT SSO price', weight: 1 }], stats).terms.sort()).toEqual(['invoic', 'price', 'sso', 'vat']);
});

it('forgets the words of removed items', () => {
  const stats = new TermStats();
  stats.add(0, indexTerms('Pricing is too high, prices keep rising'));
  stats.add(1, indexTerms('The price of the plan'));
  expect(stats.frequency('price')).toBe(2);
  stats.remove(1, indexTerms('The price of the plan'));
  expect([stats.documents, stats.frequency('price'), stats.frequency('plan')]).toEqual([1, 1, 0]);
});

it('keeps the items of each word sorted and once each, whatever the order they come in, and forgets a whole source in one pass', () => {
  const stats = new TermStats();
  stats.add(5, ['price', 'price', 'plan']);
  stats.add(2, ['price']);
  stats.add(9, ['plan', 'sso']);
  stats.add(7, ['price']);
  expect([...stats.holding('price')]).toEqual([2, 5, 7]);
  expect([stats.documents, stats.frequency('plan'), stats.frequency('sso')]).toEqual([4, 2, 1]);
  stats.removeAll(new Set([5, 9]));
  expect([stats.documents, [...stats.holding('price')], stats.frequency('plan'), stats.frequency('sso')]).toEqual([2, [2, 7], 0, 0]);
});

it('the service scores only the items holding the rare words: a word in every item adds nothing to search', async () => {
  const library = openTemp();
  const items = Array.from({ length: 4_000 }, (_, i) => ({
    text: `Ticket ${i}: the dashboard is ${i % 2 ? 'slow' : 'fine'}${i % 400 === 0 ? ' and the CSV export fails' : ''}`,
  }));
  const jsonl = items.map((item) => JSON.stringify(item)).join('\n');
  const input = { source: { name: 'Tickets', kind: 'tickets' }, input: { kind: 'text', fileName: 'tickets.jsonl', text: jsonl } };
  expect(await importAndWait(library, input)).toMatchObject({ state: 'done', rowsKept: 4_000 });
  const result = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'slow dashboard export', limit: 5 });
  // Before: every one of the 4,000 items matched "dashboard" and was scored.
  expect(result.total).toBe(10);
  expect(result.hits.map((hit) => hit.text)).toEqual(expect.arrayContaining([expect.stringContaining('export')]));
  expect(result.hits.every((hit) => hit.text.includes('export'))).toBe(true);
});
