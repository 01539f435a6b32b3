import Conf from 'conf';
import path from 'node:path';
import { IMPACT_DIRECTIONS } from '../../shared/domain';
import { BUILT_IN_TAGS } from '../../shared/tags';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { generateLibrary } from './generate';
import { info, ms, quantile, verdict, type BenchRow } from './table';

/** The ledger queries the search figures time (8 kinds: words, filters, both, nothing found). */
export const SEARCH_QUERIES: Record<string, unknown>[] = [
  { text: 'pricing' },
  { text: 'ship onboarding change' },
  { tagIds: [BUILT_IN_TAGS[1]!.id] },
  { directions: [IMPACT_DIRECTIONS[1], IMPACT_DIRECTIONS[4]] },
  { owner: 'chlo' },
  { from: '2025-06-01', to: '2025-09-30' },
  { text: 'decision 7', directions: ['helps'], tagIds: [BUILT_IN_TAGS[0]!.id] },
  { text: 'no such words anywhere' },
];

/** Times `count` searches, the query kinds in turn; sorted. */
export function timedSearches(service: Parameters<typeof dispatch>[0], count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = dispatch(service, 'ledger.search', SEARCH_QUERIES[i % SEARCH_QUERIES.length]);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(result.error.message);
  }
  return times.sort((a, b) => a - b);
}

/** Ledger queries over every decision, and the time to build the index from disk at start. */
export async function benchSearch(work: string, { quick }: { quick: boolean }): Promise<BenchRow[]> {
  const meetings = quick ? 20 : 1000;
  const dir = path.join(work, 'search');
  generateLibrary(dir, { meetings });
  const library = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'bench', backupIntervalMs: null });
  try {
    dispatch(library.service, 'library.get', {}); // the warm-up begins once the first list is served, as in the app
    const began = performance.now();
    await library.service.warmUp();
    const rebuild = performance.now() - began;
    const queries = SEARCH_QUERIES;
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < (quick ? 16 : 400); i++) {
      const started = performance.now();
      const result = dispatch(library.service, 'ledger.search', queries[i % queries.length]);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
      total = (dispatch(library.service, 'ledger.search', { limit: 1 }) as { value: { total: number } }).value.total;
    }
    times.sort((a, b) => a - b);
    const p95 = quantile(times, 0.95);
    const typing = typedQueries(library.service);
    if (total !== meetings * 20) throw new Error(`The ledger holds ${total} decisions, expected ${meetings * 20}.`);
    return [
      {
        figure: `ledger search over ${total} decisions (8 query kinds, ${times.length} queries)`,
        value: ms(times),
        budget: 'p95 <= 20 ms',
        verdict: verdict(quick, p95 <= 20),
      },
      info(`  typing: each prefix of 7 phrases as a query, its last word never searched before (${typing.length} queries)`, ms(typing)),
      info(`build the ledger from disk at start, ${meetings} meetings`, `${rebuild.toFixed(0)} ms`),
    ];
  } finally {
    library.close();
  }
}

/**
 * Searches as someone types: every prefix (3 characters on) of a few phrases, each searched once,
 * so the last word is always new to the ledger's word cache (the cached queries above repeat).
 */
export function typedQueries(service: Parameters<typeof dispatch>[0]): number[] {
  const phrases = [
    'pricing page export',
    'ship the onboarding change',
    'mobile sync for hiro',
    'status page decision 12',
    'support macros invoice',
    'context for item',
    'changes what ana sees',
  ];
  const times: number[] = [];
  for (const phrase of phrases)
    for (let end = 3; end <= phrase.length; end++) {
      const started = performance.now();
      const result = dispatch(service, 'ledger.search', { text: phrase.slice(0, end), limit: 50 });
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
  return times.sort((a, b) => a - b);
}
