/**
 * The evidence in memory, ranked: every item of every source in one MiniSearch index, built in
 * small steps off the request path ("indexing…" meanwhile), and the hits and scale line for a query.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type MiniSearch from 'minisearch';
import { AccountDirectory } from '../../../shared/evidence/accounts';
import {
  buildQuery,
  createEvidenceIndex,
  documentBoost,
  markMatches,
  mentioning,
  MENTION_SHARE_OF_TOP,
  rankEvidence,
  recencyBoost,
  type DocFacts,
  type QueryPart,
  type RankedDoc,
} from '../../../shared/evidence/ranking';
import type { EvidenceFilters } from '../../../shared/evidence/api';
import { evidenceFilter, segmentOf } from '../../../shared/evidence/filters';
import { currencyCode } from '../../../shared/evidence/format';
import type { Account, AccountList, EvidenceHit, EvidenceItem, EvidenceScale, EvidenceSearchResult } from '../../../shared/evidence/schema';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { selectCandidates } from '../../../shared/evidence/candidates';
import { TermStats } from '../../../shared/evidence/termStats';

interface Doc {
  item: EvidenceItem;
  sourceId: string;
  account: Account | null;
  /** What ranking boosts by, worked out once (a query may look at it for every matched term). */
  facts: DocFacts;
  /** Who said it, for the scale line's account count (lower case, '' when unknown): worked out once. */
  who: string;
}

/** The scale line counts evidence of the last 90 days. */
export const SCALE_WINDOW_DAYS = 90;
const INDEX_STEP = 5_000;

export class SearchIndex {
  /** Document frequencies, so a query can drop the words most items share. */
  private readonly stats = new TermStats();
  /** The item being indexed: MiniSearch hands its processed terms to the statistics as it indexes them. */
  private adding = -1;
  private readonly engine: MiniSearch<RankedDoc> = createEvidenceIndex((term) => {
    if (this.adding >= 0) this.stats.addTerm(this.adding, term);
  });
  /** By id: an array, not a Map, because a query looks up every item that mentions its topic. */
  private readonly docs: (Doc | undefined)[] = [];
  private count = 0;
  private readonly docsBySource = new Map<string, number[]>();
  private nextId = 0;
  private accounts = new AccountDirectory([]);
  private pending: Promise<void> = Promise.resolve();
  private busy = 0;

  get size(): number {
    return this.count;
  }

  /** The last indexing step that failed, if any (its source is then only partly searchable). */
  lastError: string | null = null;

  get indexing(): boolean {
    return this.busy > 0;
  }

  /** Resolves once every change asked for so far is searchable. */
  whenIdle(): Promise<void> {
    return this.pending;
  }

  /** Replaces one source's items (import, re-import, load), in steps that let requests through. */
  setSource(sourceId: string, items: EvidenceItem[]): Promise<void> {
    return this.enqueue(async () => {
      this.removeNow(sourceId);
      const ids: number[] = [];
      this.docsBySource.set(sourceId, ids);
      for (let start = 0; start < items.length; start += INDEX_STEP) {
        try {
          for (let index = start; index < Math.min(items.length, start + INDEX_STEP); index++) {
            const id = this.nextId++;
            ids.push(id);
            this.docs[id] = this.doc(items[index]!, sourceId);
            this.count++;
            this.adding = id;
            this.stats.addDocument();
            this.engine.add({ id, text: items[index]!.text });
          }
        } finally {
          this.adding = -1;
        }
        await yieldToEventLoop();
      }
    });
  }

  removeSource(sourceId: string): Promise<void> {
    return this.enqueue(async () => this.removeNow(sourceId));
  }

  setAccounts(accounts: Account[]): Promise<void> {
    return this.enqueue(async () => {
      this.accounts = new AccountDirectory(accounts);
      this.docs.forEach((doc, id) => {
        if (doc) this.docs[id] = this.doc(doc.item, doc.sourceId);
      });
    });
  }

  /** The account an item belongs to, joined as the ranking joins it (by id, name or email domain). */
  accountOf(item: EvidenceItem): Account | null {
    return this.accounts.find(item);
  }

  private doc(item: EvidenceItem, sourceId: string): Doc {
    const account = this.accounts.find(item);
    const who = account ? `account:${account.id || account.name}` : item.account || item.customer || item.emailDomain;
    return {
      item,
      sourceId,
      account,
      who: (who ?? '').toLowerCase(),
      facts: { recency: recencyBoost(item.date, new Date()), segment: (item.segment || account?.segment || '').toLowerCase() },
    };
  }

  private removeNow(sourceId: string): void {
    const ids = this.docsBySource.get(sourceId);
    if (!ids) return;
    this.stats.removeAll(new Set(ids));
    for (const id of ids) {
      this.engine.discard(id);
      this.docs[id] = undefined;
      this.count--;
    }
    this.docsBySource.delete(sourceId);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.busy++;
    // Never rejects: callers fire and forget (`void`), and a rejection nobody handles would end the process.
    this.pending = this.pending
      .then(step)
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.busy--);
    return this.pending;
  }

  search(
    parts: QueryPart[],
    options: { now: Date; limit: number; boostSegments: string[]; filters?: EvidenceFilters; sourceName: (id: string) => string },
  ): EvidenceSearchResult {
    const query = parts
      .map((part) => part.text)
      .join(' ')
      .trim()
      .slice(0, 200);
    const emptyScale: EvidenceScale = { items: 0, accounts: 0, windowDays: SCALE_WINDOW_DAYS, revenue: [] };
    if (this.count === 0 && !this.indexing) return { state: 'empty', hits: [], total: 0, scale: emptyScale, query };
    if (this.indexing) return { state: 'indexing', hits: [], total: 0, scale: emptyScale, query };
    const boostSegments = new Set(options.boostSegments.map((segment) => segment.toLowerCase().trim()).filter(Boolean));
    const built = buildQuery(parts, this.stats);
    const facts = (id: number) => this.docs[id]!.facts;
    const keeps = evidenceFilter(options.filters ?? {});
    const filter = keeps ? (id: number) => this.docs[id] !== undefined && keeps(this.docs[id]) : undefined;
    if (built.terms.length === 0 && filter) return this.browse(filter, options, query);
    const bounded = selectCandidates(
      built.terms,
      built.weights,
      this.stats,
      (id) => (filter && !filter(id) ? 0 : documentBoost(facts(id), boostSegments)),
      MENTION_SHARE_OF_TOP,
    );
    const ranked = rankEvidence(this.engine, built, { boostSegments, facts, filter, candidates: bounded?.ids });
    const hits = ranked.slice(0, options.limit).map((hit) => this.hit(hit.id, hit.terms, hit.score, options.sourceName));
    return {
      state: 'ready',
      hits,
      total: Math.max(ranked.length, bounded?.matched ?? 0),
      scale: this.scale(bounded ? bounded.mentioning : mentioning(ranked).map((hit) => hit.id), options.now),
      query,
    };
  }

  private hit(id: number, terms: string[], score: number, sourceName: (id: string) => string): EvidenceHit {
    const { item, sourceId, account } = this.docs[id]!;
    return {
      sourceId,
      key: item.key,
      text: item.text,
      marks: markMatches(item.text, terms),
      customer: item.customer,
      accountName: account?.name ?? item.account,
      segment: segmentOf(item, account),
      date: item.date,
      rating: item.rating,
      sourceName: sourceName(sourceId),
      score: Math.round(score * 1000) / 1000,
    };
  }

  /** No words, only filters: every item they keep, newest first (undated last). */
  private browse(
    filter: (id: number) => boolean,
    options: { now: Date; limit: number; sourceName: (id: string) => string },
    query: string,
  ): EvidenceSearchResult {
    const ids: number[] = [];
    this.docs.forEach((doc, id) => {
      if (doc && filter(id)) ids.push(id);
    });
    const date = (id: number) => this.docs[id]!.item.date ?? '';
    ids.sort((a, b) => (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : a - b));
    return {
      state: 'ready',
      hits: ids.slice(0, options.limit).map((id) => this.hit(id, [], 0, options.sourceName)),
      total: ids.length,
      scale: this.scale(ids, options.now),
      query,
    };
  }

  /** The accounts whose name, id or domain holds `query`, with their evidence counts (most first). */
  accountList(query: string, limit: number): AccountList {
    const counts = new Map<Account, number>();
    const segments = new Set<string>();
    for (const doc of this.docs) {
      if (!doc) continue;
      if (doc.account) counts.set(doc.account, (counts.get(doc.account) ?? 0) + 1);
      if (doc.facts.segment) segments.add(segmentOf(doc.item, doc.account));
    }
    const wanted = query.trim().toLowerCase();
    const matching = this.accounts.accounts.filter(
      (account) => !wanted || [account.name, account.id, account.domain].some((field) => field.toLowerCase().includes(wanted)),
    );
    for (const account of this.accounts.accounts) if (account.segment) segments.add(account.segment);
    const count = (account: Account) => counts.get(account) ?? 0;
    const sorted = matching.sort((a, b) => count(b) - count(a) || (b.arr ?? -1) - (a.arr ?? -1) || a.name.localeCompare(b.name));
    return {
      accounts: sorted.slice(0, limit).map((account) => ({ ...account, evidenceCount: count(account) })),
      total: matching.length,
      segments: distinctSorted(segments).slice(0, EVIDENCE_LIMITS.segmentsListMax),
    };
  }

  /** "37 items from 12 accounts mention this (last 90 days) — $410,000 ARR": figured here only. */
  private scale(ids: number[], now: Date): EvidenceScale {
    const since = new Date(now.getTime() - SCALE_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
    let items = 0;
    const who = new Set<string>();
    const accounts = new Set<Account>();
    for (const id of ids) {
      const { item, account, who: name } = this.docs[id]!;
      if (!item.date || item.date < since) continue;
      items++;
      if (account) accounts.add(account);
      if (name) who.add(name);
    }
    const revenue = new Map<string, number>();
    for (const account of accounts) {
      // Summed per currency as citedAccounts sums them: "usd" and "USD " are one currency.
      if (account.arr !== null)
        revenue.set(currencyCode(account.currency), (revenue.get(currencyCode(account.currency)) ?? 0) + account.arr);
    }
    return {
      items,
      accounts: who.size,
      windowDays: SCALE_WINDOW_DAYS,
      revenue: [...revenue].map(([currency, arr]) => ({ currency, arr })).sort((a, b) => b.arr - a.arr),
    };
  }
}

/** Segments once each, ignoring case (the first spelling met is kept), in alphabetical order. */
function distinctSorted(values: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) if (!byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
