/**
 * The evidence area of the service (issue 19): its handlers satisfy the evidence slice of the API.
 * Sources, accounts and synonyms live in the evidence index (electron/storage/evidenceStore.ts);
 * items in memory and in the search index. Imports run as jobs; the index is switched only at the end.
 */
import type { MethodOutput, MethodParams } from '../../../shared/api';
import type { Library, Meeting } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { EvidenceInput, evidenceMethods } from '../../../shared/evidence/api';
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
import { withSourceDeleted, withSourceRestored } from './deletedSources';
import { ImportJob } from './importJob';
import { itemQuery } from './itemQuery';
import { readAccountsFile } from './accountsFile';
import { previewOf } from './preview';
import { openInput, type OpenedInput } from './readers';
import { SearchIndex } from './searchIndex';
import { Uploads } from './uploads';

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
  /** Files sent from the screen in chunks, imported by path once whole. */
  readonly uploads: Uploads;
  private readonly jobs = new Map<string, ImportJob>();
  private running: ImportJob | null = null;
  /** Settles when the current import has committed or given up (tests and close wait on it). */
  private runningDone: Promise<void> = Promise.resolve();

  constructor(private readonly options: EvidenceAreaOptions) {
    this.store = new EvidenceStore(options.dataDir);
    this.index = this.store.open();
    this.uploads = new Uploads(options.dataDir, options);
    // Loading and indexing happen after start, off the request path: the chair says "indexing…".
    this.loading = this.loadSoon();
  }

  /** Settles when the latest load (at start, after a restore) is over. */
  private loading: Promise<void>;
  private loadSoon(): Promise<void> {
    const generation = this.generation;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.load(generation));
  }

  private closed = false;
  /** Counts loads; a load of an older generation (before a backup was restored) stops. */
  private generation = 0;

  /** Stops loading; a running import is abandoned (its files were never named by the index). */
  close(): void {
    this.closed = true;
    this.running?.cancel();
    this.uploads.close();
  }

  /** What a running import is, for messages ("The evidence import of big.csv"), or null. */
  importRunning(): string | null {
    return this.running ? `The evidence import of ${this.running.progress.fileName}` : null;
  }

  /** Reads the evidence from disk again (a backup was restored): the index now, items and indexing in the background. */
  reload(): void {
    this.refuseWhileImporting(null);
    this.generation++;
    this.index = this.store.open();
    for (const id of this.items.keys()) void this.search.removeSource(id);
    this.items.clear();
    void this.search.setAccounts([]);
    this.loading = this.loadSoon();
  }

  private async load(generation = this.generation): Promise<void> {
    const stale = () => this.closed || generation !== this.generation;
    // A file gone or unreadable must not take the app down: say so, and the rest still loads.
    const report = (what: string, error: unknown) => {
      if (!this.closed) this.store.notices.push(`${what} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    };
    if (stale()) return;
    try {
      if (this.index.accountsFile) await this.search.setAccounts(this.store.readAccounts(this.index.accountsFile));
    } catch (error) {
      report('The customer accounts', error);
    }
    for (const source of this.index.sources) {
      if (stale()) return;
      try {
        const items = await this.store.readItemsInSteps(source.file);
        // Deleted (or re-imported into a new file) while it was being read: what it holds now wins.
        const current = this.index.sources.find((entry) => entry.id === source.id);
        if (stale() || current?.file !== source.file) continue;
        this.items.set(source.id, items);
        await this.search.setSource(source.id, items);
      } catch (error) {
        report(`Customer evidence "${source.name}"`, error);
      }
    }
  }

  /** Resolves when loading, any running import and indexing are done. */
  async settled(): Promise<void> {
    await this.loading;
    await this.runningDone;
    await this.search.whenIdle();
  }

  get notices(): readonly string[] {
    const failed = this.search.lastError;
    return failed ? [...this.store.notices, `Customer evidence could not all be indexed: ${failed}`] : this.store.notices;
  }

  /** The evidence methods; a getter, so the handler table can be listed without a library behind it. */
  get handlers(): EvidenceHandlers {
    return {
      'evidence.library': () => ({
        sources: this.index.sources,
        itemCount: this.index.sources.reduce((sum, source) => sum + source.itemCount, 0),
        accountCount: this.index.accountCount,
        synonyms: this.index.synonyms,
        deleted: this.index.deleted,
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
        this.commit(withSourceDeleted(this.index, id, this.options.now().toISOString()));
        this.items.delete(id);
        void this.search.removeSource(id);
        return { id };
      },
      'evidence.restoreSource': ({ id }) => {
        this.refuseWhileImporting(null);
        const { index, source } = withSourceRestored(this.index, id);
        const items = this.store.readItems(source.file);
        this.commit(index);
        this.items.set(id, items);
        void this.search.setSource(id, items);
        return source;
      },
      'evidence.importAccounts': (params) => this.importAccounts(params),
      'evidence.setSynonyms': ({ tagId, words }) => {
        const unique = [...new Set(words.map((word) => word.toLowerCase()))];
        const synonyms = { ...this.index.synonyms };
        if (unique.length > 0) synonyms[tagId] = unique;
        else delete synonyms[tagId];
        return this.commit({ ...this.index, synonyms }).synonyms;
      },
      'evidence.search': ({ query, limit, boostSegments, sourceId, filters }) => {
        if (sourceId !== undefined && filters.sourceId !== undefined && sourceId !== filters.sourceId) {
          throw new ApiError('invalid_input', 'sourceId and filters.sourceId name different sources; give one.');
        }
        return this.search.search([{ text: query, weight: 1 }], {
          now: this.options.now(),
          limit,
          boostSegments,
          filters: { ...filters, sourceId: filters.sourceId ?? sourceId },
          sourceName: (id) => this.sourceName(id),
        });
      },
      'evidence.accounts': ({ query, limit }) => this.search.accountList(query, limit),
      'evidence.uploadStart': ({ fileName, size }) => this.uploads.start(fileName, size),
      'evidence.uploadChunk': ({ uploadId, offset, base64 }) => this.uploads.chunk(uploadId, offset, base64),
      'evidence.uploadCancel': ({ uploadId }) => this.uploads.cancel(uploadId),
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

  /**
   * Adds a source made here, not imported (the first-run sample), at once; its accounts only when
   * the library has none. Nothing happens when a source of that id is already there.
   */
  addSource(named: Pick<EvidenceSource, 'id' | 'name' | 'kind'>, items: EvidenceItem[], accounts: Account[]): void {
    if (this.index.sources.some((source) => source.id === named.id) || this.index.sources.length >= EVIDENCE_LIMITS.sourcesMax) return;
    try {
      this.addSourceNow(named, items, accounts);
    } catch (error) {
      // The meeting it comes with is made: say what is missing rather than fail the whole call.
      this.store.notices.push(`${named.name} could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private addSourceNow(named: Pick<EvidenceSource, 'id' | 'name' | 'kind'>, items: EvidenceItem[], accounts: Account[]): void {
    const file = this.store.newFileName(named.id, 'jsonl');
    this.store.writeItemsSync(file, items);
    const importedAt = this.options.now().toISOString();
    const source: EvidenceSource = { ...named, format: 'csv', mapping: null, fileName: '', itemCount: items.length, importedAt, file };
    const index = { ...this.index, sources: [...this.index.sources, source], deleted: this.index.deleted.filter((d) => d.id !== named.id) };
    if (!index.accountsFile && accounts.length > 0) {
      index.accountsFile = this.store.newFileName('accounts', 'json');
      index.accountCount = accounts.length;
      this.store.writeAccountsSync(index.accountsFile, accounts);
      void this.search.setAccounts(accounts);
    }
    this.commit(index);
    this.items.set(named.id, items);
    void this.search.setSource(named.id, items);
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

  refuseWhileImporting(sourceId: string | null): void {
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
    return previewOf(this.open(input), input.kind, format, saved);
  }

  private startImport(params: MethodParams<'evidence.import'>): ImportProgress {
    this.refuseWhileImporting(null);
    const existingSource = params.sourceId === undefined ? null : this.source(params.sourceId);
    if (!existingSource && this.index.sources.length >= EVIDENCE_LIMITS.sourcesMax) {
      throw new ApiError('limit_exceeded', `The library holds at most ${EVIDENCE_LIMITS.sourcesMax} evidence sources; delete one first.`);
    }
    const input = this.open(params.input);
    const sourceId = existingSource?.id ?? this.options.newId();
    const job = new ImportJob({
      jobId: this.options.newId(),
      input,
      inputKind: params.input.kind,
      format: params.format ?? (existingSource ? existingSource.format : undefined),
      mapping: params.mapping ?? existingSource?.mapping ?? null,
      mask: params.mask,
      existing: () => this.items.get(sourceId) ?? [], // read once the start's load is over
      otherItems: [...this.items].reduce((sum, [id, items]) => (id === sourceId ? sum : sum + items.length), 0),
    });
    job.progress.sourceId = sourceId;
    this.remember(job);
    this.running = job;
    this.runningDone = this.runJob(job, sourceId, existingSource, params).finally(() => {
      this.running = null;
      if (params.input.kind === 'upload') this.uploads.release(params.input.uploadId);
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
      await this.loading; // the source's items, to merge with
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

  /** An input ready to read: an upload is read from its file under the name it was sent with. */
  private open(input: EvidenceInput): OpenedInput {
    return input.kind === 'upload' ? this.uploads.input(input.uploadId) : openInput(input);
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
    try {
      return this.importAccountsFrom(input);
    } finally {
      // An uploaded accounts file is read whole here: it is not needed again, whatever the outcome.
      if (input.kind === 'upload') this.uploads.release(input.uploadId);
    }
  }

  private importAccountsFrom(input: EvidenceInput): { accountCount: number } {
    const opened = this.open(input);
    const accounts = readAccountsFile(opened, input.kind);
    const fileName = this.store.newFileName('accounts', 'json');
    this.store.writeAccountsSync(fileName, accounts);
    this.commit({ ...this.index, accountsFile: fileName, accountCount: accounts.length });
    void this.search.setAccounts(accounts);
    return { accountCount: accounts.length };
  }
}
