/**
 * The evidence area of the service (issue 19): its handlers satisfy the evidence slice of the API.
 * Sources, accounts and synonyms live in the evidence index (electron/storage/evidenceStore.ts);
 * items in memory and in the search index. Imports run as jobs; the index is switched only at the end.
 */
import type { MethodOutput, MethodParams } from '../../../shared/api';
import type { Library, Meeting } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { rowsToAccounts, AccountsFileError } from '../../../shared/evidence/accounts';
import type { evidenceMethods } from '../../../shared/evidence/api';
import { suggestMapping } from '../../../shared/evidence/mapping';
import { NOTES_MAPPING } from '../../../shared/evidence/notes';
import type {
  Account,
  EvidenceIndex,
  EvidenceItem,
  EvidencePreview,
  EvidenceSource,
  ImportProgress,
} from '../../../shared/evidence/schema';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { EvidenceStore } from '../../storage/evidenceStore';
import { ImportJob } from './importJob';
import { itemQuery } from './itemQuery';
import { inputError, openInput, readHead, rowsOfText } from './readers';
import { SearchIndex } from './searchIndex';

export type EvidenceMethodName = keyof typeof evidenceMethods;
export type EvidenceHandlers = { [M in EvidenceMethodName]: (params: MethodParams<M>) => MethodOutput<M> };

export interface EvidenceAreaOptions {
  dataDir: string;
  now: () => Date;
  newId: () => string;
  meeting: (id: string) => Meeting;
  library: () => Pick<Library, 'tags' | 'personas'>;
}

/** Finished jobs are kept this long for a last status poll. */
const FINISHED_JOBS_KEPT = 20;

export class EvidenceArea {
  private readonly store: EvidenceStore;
  private index: EvidenceIndex;
  private readonly items = new Map<string, EvidenceItem[]>();
  readonly search = new SearchIndex();
  private readonly jobs = new Map<string, ImportJob>();
  private running: ImportJob | null = null;
  /** Settles when the current import has committed or given up (tests and close wait on it). */
  private runningDone: Promise<void> = Promise.resolve();

  constructor(private readonly options: EvidenceAreaOptions) {
    this.store = new EvidenceStore(options.dataDir);
    this.index = this.store.open();
    // Loading and indexing happen after start, off the request path: the chair says "indexing…".
    setImmediate(() => void this.load());
  }

  private closed = false;

  /** Stops loading; a running import is abandoned (its files were never named by the index). */
  close(): void {
    this.closed = true;
    this.running?.cancel();
  }

  private async load(): Promise<void> {
    try {
      if (this.closed) return;
      if (this.index.accountsFile) await this.search.setAccounts(this.store.readAccounts(this.index.accountsFile));
      for (const source of this.index.sources) {
        if (this.closed) return;
        const items = this.store.readItems(source.file);
        this.items.set(source.id, items);
        await this.search.setSource(source.id, items);
      }
    } catch (error) {
      // A file gone or unreadable must not take the app down: say so, and the rest still works.
      if (!this.closed)
        this.store.notices.push(`Customer evidence could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Resolves when loading, any running import and indexing are done. */
  async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.runningDone;
    await this.search.whenIdle();
  }

  get notices(): readonly string[] {
    return this.store.notices;
  }

  /** The evidence methods; a getter, so the handler table can be listed without a library behind it. */
  get handlers(): EvidenceHandlers {
    return {
      'evidence.library': () => ({
        sources: this.index.sources,
        itemCount: this.index.sources.reduce((sum, source) => sum + source.itemCount, 0),
        accountCount: this.index.accountCount,
        synonyms: this.index.synonyms,
      }),
      'evidence.preview': (params) => this.preview(params),
      'evidence.import': (params) => this.startImport(params),
      'evidence.importStatus': ({ jobId }) => this.job(jobId).progress,
      'evidence.importCancel': ({ jobId }) => {
        const job = this.job(jobId);
        job.cancel();
        return job.progress;
      },
      'evidence.renameSource': ({ id, name }) => {
        this.source(id);
        this.refuseWhileImporting(id);
        return this.commit({
          ...this.index,
          sources: this.index.sources.map((source) => (source.id === id ? { ...source, name } : source)),
        }).sources.find((source) => source.id === id)!;
      },
      'evidence.deleteSource': ({ id }) => {
        this.source(id);
        this.refuseWhileImporting(id);
        this.commit({ ...this.index, sources: this.index.sources.filter((source) => source.id !== id) });
        this.items.delete(id);
        void this.search.removeSource(id);
        return { id };
      },
      'evidence.importAccounts': (params) => this.importAccounts(params),
      'evidence.setSynonyms': ({ tagId, words }) => {
        const unique = [...new Set(words.map((word) => word.toLowerCase()))];
        const synonyms = { ...this.index.synonyms };
        if (unique.length > 0) synonyms[tagId] = unique;
        else delete synonyms[tagId];
        return this.commit({ ...this.index, synonyms }).synonyms;
      },
      'evidence.search': ({ query, limit, boostSegments, sourceId }) =>
        this.search.search([{ text: query, weight: 1 }], {
          now: this.options.now(),
          limit,
          boostSegments,
          sourceId,
          sourceName: (id) => this.sourceName(id),
        }),
      'evidence.forItem': ({ meetingId, itemId, answer, boostPersonas, limit }) => {
        const { parts, segments } = itemQuery(this.options.meeting(meetingId), itemId, this.options.library(), this.index.synonyms, answer);
        return this.search.search(parts, {
          now: this.options.now(),
          limit,
          boostSegments: boostPersonas ? segments : [],
          sourceName: (id) => this.sourceName(id),
        });
      },
    } satisfies EvidenceHandlers;
  }

  /** A live evidence item with its account and source name, for a citation to copy (areas/citations.ts); null when gone. */
  citable(sourceId: string, key: string): { item: EvidenceItem; account: Account | null; sourceName: string } | null {
    const item = this.items.get(sourceId)?.find((entry) => entry.key === key);
    return item ? { item, account: this.search.accountOf(item), sourceName: this.sourceName(sourceId) } : null;
  }

  private sourceName(id: string): string {
    return this.index.sources.find((source) => source.id === id)?.name ?? 'source removed';
  }

  private source(id: string): EvidenceSource {
    const source = this.index.sources.find((entry) => entry.id === id);
    if (!source) throw new ApiError('not_found', `There is no evidence source ${id}.`);
    return source;
  }

  private job(jobId: string): ImportJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not_found', `There is no import ${jobId} (finished imports are forgotten after a while).`);
    return job;
  }

  private refuseWhileImporting(sourceId: string | null): void {
    if (this.running && (sourceId === null || this.running.progress.sourceId === sourceId || this.running.progress.sourceId === null)) {
      throw new ApiError('conflict', `An import (${this.running.progress.fileName}) is still running; wait for it to finish or cancel it.`);
    }
  }

  private commit(index: EvidenceIndex): EvidenceIndex {
    this.store.commitIndex(index, this.index);
    this.index = index;
    return index;
  }

  private preview({ input, format, sourceId }: MethodParams<'evidence.preview'>): EvidencePreview {
    const saved = sourceId === undefined ? null : this.source(sourceId).mapping;
    const opened = openInput(input);
    const head = readHead(opened, input.kind, format, EVIDENCE_LIMITS.previewBytes);
    let headers: string[] = [];
    const rows: Record<string, string>[] = [];
    for (const event of rowsOfText(opened.fileName, head.text, head.format, head.delimiter, EVIDENCE_LIMITS.previewRows + 1)) {
      if ('headers' in event) headers = event.headers;
      else if ('row' in event)
        rows.push(
          Object.fromEntries(
            Object.entries(event.row).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
          ),
        );
      if (rows.length >= EVIDENCE_LIMITS.previewRows) break;
    }
    const notes = head.format === 'notes' || head.format === 'paste';
    const { mapping, recognised } = notes
      ? { mapping: NOTES_MAPPING, recognised: head.format === 'notes' ? ('interviews' as const) : null }
      : suggestMapping(headers);
    return {
      format: head.format,
      encoding: head.encoding,
      delimiter: head.delimiter,
      headers,
      rows,
      suggested: saved ?? mapping,
      recognised,
    };
  }

  private startImport(params: MethodParams<'evidence.import'>): ImportProgress {
    this.refuseWhileImporting(null);
    const existingSource = params.sourceId === undefined ? null : this.source(params.sourceId);
    if (!existingSource && this.index.sources.length >= EVIDENCE_LIMITS.sourcesMax) {
      throw new ApiError('limit_exceeded', `The library holds at most ${EVIDENCE_LIMITS.sourcesMax} evidence sources; delete one first.`);
    }
    const input = openInput(params.input);
    const sourceId = existingSource?.id ?? this.options.newId();
    const job = new ImportJob({
      jobId: this.options.newId(),
      input,
      inputKind: params.input.kind,
      format: params.format ?? (existingSource ? existingSource.format : undefined),
      mapping: params.mapping ?? existingSource?.mapping ?? null,
      mask: params.mask,
      existing: this.items.get(sourceId) ?? [],
      otherItems: [...this.items].reduce((sum, [id, items]) => (id === sourceId ? sum : sum + items.length), 0),
    });
    job.progress.sourceId = sourceId;
    this.remember(job);
    this.running = job;
    this.runningDone = this.runJob(job, sourceId, existingSource, params).finally(() => {
      this.running = null;
    });
    return job.progress;
  }

  private async runJob(
    job: ImportJob,
    sourceId: string,
    existing: EvidenceSource | null,
    params: MethodParams<'evidence.import'>,
  ): Promise<void> {
    const fileName = this.store.newFileName(sourceId, 'jsonl');
    let written = false;
    try {
      const outcome = await job.read();
      if (!outcome) return void (job.progress.state = 'cancelled');
      await this.store.writeItems(fileName, outcome.items);
      written = true;
      if (job.isCancelled) {
        this.store.discard(fileName);
        return void (job.progress.state = 'cancelled');
      }
      const source: EvidenceSource = {
        id: sourceId,
        name: existing?.name ?? params.source!.name,
        kind: existing?.kind ?? params.source!.kind,
        format: outcome.format,
        mapping: outcome.format === 'notes' || outcome.format === 'paste' ? null : outcome.mapping,
        fileName: job.progress.fileName,
        itemCount: outcome.items.length,
        importedAt: this.options.now().toISOString(),
        file: fileName,
      };
      const sources = existing
        ? this.index.sources.map((entry) => (entry.id === sourceId ? source : entry))
        : [...this.index.sources, source];
      this.commit({ ...this.index, sources });
      this.items.set(sourceId, outcome.items);
      job.progress.state = 'done';
      void this.search.setSource(sourceId, outcome.items);
    } catch (error) {
      if (written) this.store.discard(fileName);
      job.progress.state = 'failed';
      job.progress.error =
        error instanceof ApiError
          ? { code: error.code, message: error.message }
          : {
              code: 'internal',
              message: `${job.progress.fileName}: the import failed (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`,
            };
    }
  }

  private remember(job: ImportJob): void {
    this.jobs.set(job.progress.jobId, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= FINISHED_JOBS_KEPT) break;
      if (old.progress.state !== 'running') this.jobs.delete(id);
    }
  }

  /** Replaces the accounts from a CSV or JSON file (read whole, so it has its own size cap). */
  private importAccounts({ input }: MethodParams<'evidence.importAccounts'>): { accountCount: number } {
    this.refuseWhileImporting(null);
    const opened = openInput(input);
    if (opened.size > EVIDENCE_LIMITS.accountsFileBytesMax) {
      throw inputError(
        opened.fileName,
        `is over ${EVIDENCE_LIMITS.accountsFileBytesMax / 1024 / 1024} MB, the most an accounts file may be.`,
        'limit_exceeded',
      );
    }
    const head = readHead(opened, input.kind, undefined, EVIDENCE_LIMITS.accountsFileBytesMax);
    let headers: string[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const event of rowsOfText(opened.fileName, head.text, head.format, head.delimiter)) {
      if ('headers' in event) headers = event.headers;
      else if ('row' in event) rows.push(event.row);
    }
    let accounts;
    try {
      accounts = rowsToAccounts(headers, rows);
    } catch (error) {
      if (error instanceof AccountsFileError) throw inputError(opened.fileName, `${error.message}.`);
      throw error;
    }
    const fileName = this.store.newFileName('accounts', 'json');
    this.store.writeAccountsSync(fileName, accounts);
    this.commit({ ...this.index, accountsFile: fileName, accountCount: accounts.length });
    void this.search.setAccounts(accounts);
    return { accountCount: accounts.length };
  }
}
