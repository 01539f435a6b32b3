/**
 * One import as a background job: stream the rows, map them to items, merge with the source's
 * items (same key and hash: unchanged; same key: updated; new key: added), write a new generation
 * file, and hand it to `commit`, which switches the index. Cancel or failure before that leaves the
 * library as it was. Counters are live, for `evidence.importStatus`.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ApiError } from '../../../shared/errors';
import type { EvidenceInput } from '../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { rowToItem, suggestMapping } from '../../../shared/evidence/mapping';
import { NOTES_MAPPING } from '../../../shared/evidence/notes';
import type { ColumnMapping, EvidenceFormat, EvidenceItem, ImportProgress, SkipReason } from '../../../shared/evidence/schema';
import type { TextEncodingName } from '../../../shared/evidence/encoding';
import { inputError, NotUtf8Error, readRows, type OpenedInput, type ReadReport } from './readers';

export interface ImportPlan {
  jobId: string;
  input: OpenedInput;
  inputKind: EvidenceInput['kind'];
  format: EvidenceFormat | undefined;
  /** The mapping asked for, else the source's saved one; null: suggest from the headers. */
  mapping: ColumnMapping | null;
  mask: boolean;
  /** The source's items before this import (empty for a new source), asked for when merging. */
  existing: () => EvidenceItem[];
  /** Items in the other sources, for the library's limit. */
  otherItems: number;
}

export interface ImportOutcome {
  items: EvidenceItem[];
  mapping: ColumnMapping;
  format: EvidenceFormat;
}

export class ImportJob {
  readonly progress: ImportProgress;
  private cancelled = false;

  constructor(private readonly plan: ImportPlan) {
    this.progress = {
      jobId: plan.jobId,
      state: 'running',
      fileName: plan.input.fileName,
      rowsRead: 0,
      rowsKept: 0,
      skipped: {},
      skippedExamples: [],
      textsCut: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
      bytesRead: 0,
      bytesTotal: plan.input.size,
      sourceId: null,
      error: null,
    };
  }

  cancel(): void {
    this.cancelled = true;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Reads and merges; null when cancelled. Throws ApiError for bad input. */
  async read(): Promise<ImportOutcome | null> {
    try {
      return await this.readAs(null);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      return this.readAs('windows-1252');
    }
  }

  private async readAs(encoding: TextEncodingName | null): Promise<ImportOutcome | null> {
    this.reset();
    const report: ReadReport = { encoding: 'utf-8', delimiter: null, format: 'csv', onBytes: (n) => (this.progress.bytesRead += n) };
    const kept = new Map<string, EvidenceItem>();
    let mapping = this.plan.mapping;
    let rowsWithText = 0;
    for await (const batch of readRows(this.plan.input, this.plan.inputKind, this.plan.format, encoding, report)) {
      for (const event of batch) {
        if (this.cancelled) return null;
        if ('headers' in event) {
          mapping = this.checkMapping(mapping, event.headers, report.format);
          continue;
        }
        this.progress.rowsRead++;
        if (this.progress.rowsRead % 2_000 === 0) await yieldToEventLoop();
        if ('skip' in event) {
          this.skip(event.skip, event.where);
          continue;
        }
        const outcome = rowToItem(event.row, mapping!, event.origin, { mask: this.plan.mask });
        if ('skip' in outcome) {
          this.skip(outcome.skip, event.origin);
          continue;
        }
        rowsWithText++;
        if (kept.has(outcome.item.key)) {
          this.skip('duplicate_in_file', event.origin);
          continue;
        }
        if (outcome.cut) this.progress.textsCut++;
        kept.set(outcome.item.key, outcome.item);
        this.progress.rowsKept++;
      }
    }
    if (this.cancelled) return null;
    if (!mapping) throw inputError(this.plan.input.fileName, 'has no rows to import.');
    if (rowsWithText === 0 && this.progress.rowsRead > 0) {
      throw inputError(
        this.plan.input.fileName,
        `the text column ${mapping.text.map((c) => `"${c}"`).join(' + ')} is empty in every row. Choose the column that holds the customer's words.`,
      );
    }
    return { items: this.merge(kept), mapping, format: report.format };
  }

  private reset(): void {
    Object.assign(this.progress, {
      rowsRead: 0,
      rowsKept: 0,
      skipped: {},
      skippedExamples: [],
      textsCut: 0,
      bytesRead: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
    });
  }

  private checkMapping(mapping: ColumnMapping | null, headers: string[], format: EvidenceFormat): ColumnMapping {
    const chosen = mapping ?? (format === 'notes' || format === 'paste' ? NOTES_MAPPING : suggestMapping(headers).mapping);
    if (!chosen) {
      throw inputError(
        this.plan.input.fileName,
        `none of its columns (${headers.slice(0, 12).join(', ')}) looks like the customer's words. Choose the text column in the mapping.`,
      );
    }
    const missing = [...chosen.text, ...Object.values({ ...chosen, text: null })].filter(
      (column): column is string => typeof column === 'string' && !headers.includes(column),
    );
    if (missing.length > 0 && format === 'csv') {
      throw inputError(
        this.plan.input.fileName,
        `has no column ${missing.map((c) => `"${c}"`).join(', ')}; its columns are ${headers.slice(0, 12).join(', ')}.`,
      );
    }
    return chosen;
  }

  private skip(reason: SkipReason, where: string): void {
    this.progress.skipped[reason] = (this.progress.skipped[reason] ?? 0) + 1;
    if (this.progress.skippedExamples.length < EVIDENCE_LIMITS.skippedExamplesMax) this.progress.skippedExamples.push({ where, reason });
  }

  /** The source's items after this import, existing order first; counts added/updated/unchanged. */
  private merge(kept: Map<string, EvidenceItem>): EvidenceItem[] {
    const merged: EvidenceItem[] = [];
    for (const old of this.plan.existing()) {
      const fresh = kept.get(old.key);
      if (!fresh) merged.push(old);
      else {
        if (fresh.hash === old.hash) this.progress.unchanged++;
        else this.progress.updated++;
        merged.push(fresh);
        kept.delete(old.key);
      }
    }
    for (const item of kept.values()) merged.push(item);
    this.progress.added = kept.size;
    if (this.plan.otherItems + merged.length > EVIDENCE_LIMITS.itemsMax) {
      throw new ApiError(
        'limit_exceeded',
        `${this.plan.input.fileName}: the library would hold ${this.plan.otherItems + merged.length} evidence items; at most ${EVIDENCE_LIMITS.itemsMax} are allowed. Nothing was imported; delete a source first.`,
      );
    }
    return merged;
  }
}
