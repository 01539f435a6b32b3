/**
 * Ranking quality on this project's fixture (tests/unit/evidence/fixtures/rankingFixture.ts): 30
 * labelled queries over 300+ items, through the real service (import, index, evidence.search).
 *
 * Thresholds, and why: the chair shows 5 quotes; it is useful when one of the first 3 is on the
 * item's topic for nearly every item, so hit@3 must stay ≥ 0.9 (27 of 30). nDCG@5 ≥ 0.75 asks that
 * most of the 5 shown are on topic, high up. Both sit a few points under what the engine measures
 * today (printed below), so a regression in tokenising, stemming or boosts fails this test; without
 * the stemmer, word forms like "pricing"/"price" stop meeting and nDCG@5 falls well below (checked
 * by the second test).
 */
import { afterEach, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import type { EvidenceSearchResult } from '../../../shared/evidence/schema';
import { buildQuery, createEvidenceIndex, rankEvidence } from '../../../shared/evidence/ranking';
import { closeOpened, openTemp, valueOf } from '../helpers';
import { importAndWait } from './evidenceHelpers';
import { fixtureItems, TOPICS } from './fixtures/rankingFixture';

afterEach(closeOpened);

function metrics(rankings: { relevant: boolean[]; relevantTotal: number }[]) {
  let hits = 0;
  let ndcg = 0;
  for (const { relevant, relevantTotal } of rankings) {
    if (relevant.slice(0, 3).some(Boolean)) hits++;
    const dcg = relevant.slice(0, 5).reduce((sum, rel, i) => sum + (rel ? 1 / Math.log2(i + 2) : 0), 0);
    const ideal = Array.from({ length: Math.min(5, relevantTotal) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
    ndcg += dcg / ideal;
  }
  return { hitAt3: hits / rankings.length, ndcgAt5: ndcg / rankings.length };
}

it('ranks the fixture: hit@3 ≥ 0.9 and nDCG@5 ≥ 0.75 over 30 labelled queries', async () => {
  const items = fixtureItems();
  expect(items.length).toBeGreaterThanOrEqual(300);
  expect(TOPICS).toHaveLength(30);
  const library = openTemp();
  const jsonl = items.map((item) => JSON.stringify({ text: item.text, customer: item.customer, date: item.date })).join('\n');
  expect(
    await importAndWait(library, {
      source: { name: 'Fixture', kind: 'other' },
      input: { kind: 'text', fileName: 'fixture.jsonl', text: jsonl },
    }),
  ).toMatchObject({ state: 'done', rowsKept: items.length });
  const topicOf = new Map(items.map((item) => [item.text, item.topic]));
  const rankings = TOPICS.map((topic) => {
    const result = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: topic.query, limit: 5 });
    return { relevant: result.hits.map((hit) => topicOf.get(hit.text) === topic.id), relevantTotal: topic.items.length };
  });
  const { hitAt3, ndcgAt5 } = metrics(rankings);
  console.log(`ranking fixture: ${items.length} items, ${TOPICS.length} queries: hit@3 ${hitAt3.toFixed(3)}, nDCG@5 ${ndcgAt5.toFixed(3)}`);
  expect(hitAt3).toBeGreaterThanOrEqual(0.9);
  expect(ndcgAt5).toBeGreaterThanOrEqual(0.75);
});

it('the stemmer earns its place: without it the same fixture ranks worse', () => {
  const items = fixtureItems();
  const docs = items.map((item, id) => ({ id, text: item.text }));
  const rank = (search: (query: string) => number[]) =>
    metrics(
      TOPICS.map((topic) => ({
        relevant: search(topic.query)
          .slice(0, 5)
          .map((id) => items[id]!.topic === topic.id),
        relevantTotal: topic.items.length,
      })),
    );
  const ours = createEvidenceIndex();
  ours.addAll(docs);
  const stemmed = rank((query) =>
    rankEvidence(ours, buildQuery([{ text: query, weight: 1 }]), {
      facts: () => ({ recency: 1, segment: '' }),
      boostSegments: new Set(),
    }).map((hit) => hit.id),
  );
  const plainIndex = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], idField: 'id' });
  plainIndex.addAll(docs);
  const plain = rank((query) => plainIndex.search(query, { prefix: true }).map((result) => result.id as number));
  console.log(`stemmed nDCG@5 ${stemmed.ndcgAt5.toFixed(3)}, plain MiniSearch nDCG@5 ${plain.ndcgAt5.toFixed(3)}`);
  expect(stemmed.ndcgAt5).toBeGreaterThan(plain.ndcgAt5);
});
