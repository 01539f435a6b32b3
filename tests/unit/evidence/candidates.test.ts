/**
 * The candidate bound: MiniSearch scores at most CANDIDATES_MAX items per query, the best of the
 * cheap pass, and ranks them as it would have without the bound; the scale line and the total still
 * count every item that matched. Checked by counts, never by timing.
 */
import { afterEach, expect, it } from 'vitest';
import { CANDIDATES_MAX, selectCandidates } from '../../../shared/evidence/candidates';
import { buildQuery, createEvidenceIndex, indexTerms, MENTION_SHARE_OF_TOP, rankEvidence } from '../../../shared/evidence/ranking';
import type { EvidenceSearchResult } from '../../../shared/evidence/schema';
import { TermStats } from '../../../shared/evidence/termStats';
import { closeOpened, openTemp, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';

afterEach(closeOpened);

/** 8,000 tickets: every 6th is slow (1,334), every 100th mentions an export (80), lengths vary. */
function tickets(): { id: number; text: string }[] {
  return Array.from({ length: 8_000 }, (_, id) => ({
    id,
    text: `Ticket ${id} about area${id % 500}${id % 6 === 0 ? ' the page is slow' : ''}${id % 100 === 0 ? ' export fails' : ''}${' again'.repeat(id % 7)}`,
  }));
}

it('MiniSearch scores at most CANDIDATES_MAX items, and the top five are the unbounded top five', () => {
  const docs = tickets();
  const index = createEvidenceIndex();
  index.addAll(docs);
  const stats = new TermStats();
  for (const doc of docs) stats.add(doc.id, indexTerms(doc.text));
  const query = buildQuery([{ text: 'slow export', weight: 1 }], stats);
  expect(query.terms.sort()).toEqual(['export', 'slow']);
  const options = { facts: () => ({ recency: 1, segment: '' }), boostSegments: new Set<string>() };
  const bounded = selectCandidates(query.terms, query.weights, stats, () => 1, MENTION_SHARE_OF_TOP)!;
  expect(bounded.ids.size).toBe(CANDIDATES_MAX);
  expect(bounded.matched).toBe(docs.filter((doc) => /slow|export/.test(doc.text)).length);
  const unboundedHits = rankEvidence(index, query, options);
  const boundedHits = rankEvidence(index, query, { ...options, candidates: bounded.ids });
  expect(unboundedHits).toHaveLength(bounded.matched);
  expect(boundedHits.length).toBeLessThanOrEqual(CANDIDATES_MAX);
  expect(boundedHits.slice(0, 5)).toEqual(unboundedHits.slice(0, 5));
});

it('no bound below CANDIDATES_MAX matches', () => {
  const stats = new TermStats();
  for (let id = 0; id < 2_000; id++) stats.add(id, indexTerms(id % 2 ? 'slow' : 'fast'));
  expect(selectCandidates(['slow'], new Map([['slow', 1]]), stats, () => 1, MENTION_SHARE_OF_TOP)).toBeNull();
});

it('the service counts every matching item in the total and the scale line, beyond the items scored', async () => {
  const library = openTemp();
  const today = new Date().toISOString().slice(0, 10);
  const count = CANDIDATES_MAX + 500;
  const jsonl = Array.from({ length: count * 4 }, (_, i) =>
    JSON.stringify({ text: `Ticket ${i}: ${i % 4 === 0 ? 'the export is slow' : 'all good'}`, customer: `Customer ${i}`, date: today }),
  ).join('\n');
  const input = { source: { name: 'Tickets', kind: 'tickets' }, input: { kind: 'text', fileName: 'tickets.jsonl', text: jsonl } };
  expect(await importAndWait(library, input)).toMatchObject({ state: 'done', rowsKept: count * 4 });
  const result = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'slow export', limit: 5 });
  expect(result.hits).toHaveLength(5);
  expect(result.total).toBe(count);
  expect(result.scale.items).toBe(count);
});
