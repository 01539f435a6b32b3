import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { describeIssues } from '../../shared/validate';
import { SchemaVersionError, upgradeDocument, type DocumentKind } from '../../shared/migrations';
import { Journal } from './journal';

/**
 * What we need of electron-store, and of conf (its base class) where Electron is absent: a class
 * whose instances own one JSON file and write it whole, atomically, when `store` is assigned.
 */
export interface StoreFile {
  readonly path: string;
  store: Record<string, unknown>;
}
export interface StoreFileOptions {
  cwd: string;
  /** conf's name for the file; electron-store overwrites it with `name`, so both are given. */
  configName: string;
  name: string;
  fileExtension: string;
  /** How the document becomes the file's text (conf's default indents with tabs). */
  serialize: (value: Record<string, unknown>) => string;
  clearInvalidConfig: boolean;
  accessPropertiesByDotNotation: boolean;
  watch: boolean;
}
export type StoreFileClass = new (options: StoreFileOptions) => StoreFile;

/** The file's content is damaged (unparsable, wrong shape, unreadable version): quarantine material. */
export class DamagedDocumentError extends ApiError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('storage_error', `The data file ${file} is damaged: ${reason}.`);
  }
}

export function storageError(file: string, action: string, cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiError('storage_error', `Could not ${action} ${file}: ${reason}`);
}

/** A journal past this size is folded into the document's file on the next save. */
export const JOURNAL_COMPACT_BYTES = 2 * 1024 * 1024;

/**
 * One JSON document on disk: `<name>.json`, written whole through the store class (electron-store
 * or conf), and `<name>.journal` in front of it. The first write of a document creates its file;
 * every later save appends the whole document as one line to the journal, made durable before the
 * save returns. compact() writes the newest of them into the file and deletes the journal: after
 * a pause in saving, on close, before a backup, and when the journal passes JOURNAL_COMPACT_BYTES.
 * So the newest version of a document is the journal's last good record when there is a journal,
 * and the file otherwise; the file is only ever written with that newest version.
 *
 * Reads are parsed and validated here, before the store class ever sees the file: conf's
 * constructor rewrites a file whose JSON is not an object, which would lose it.
 */
export class DocumentFile<T> {
  readonly path: string;
  private readonly journal: Journal;
  private writer: StoreFile | null = null;
  /** The file holds a whole document (or the journal does), so saves may go to the journal. */
  private appendable = false;
  /** The newest journaled document, not yet in the file. */
  private latest: T | null = null;

  constructor(
    private readonly StoreClass: StoreFileClass,
    private readonly dir: string,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly kind: DocumentKind,
    /** Told when the journal held something unusable; `journal` is its path. */
    private readonly onJournalDamage: (journal: string, problem: string) => void = () => {},
  ) {
    this.path = path.join(dir, `${name}.json`);
    this.journal = new Journal(path.join(dir, `${name}.journal`));
  }

  /**
   * The validated document, or undefined when there is neither file nor journal. A journal a crash
   * left behind is folded into the file here. Throws storage_error otherwise.
   */
  read(): T | undefined {
    const journaled = this.readJournal();
    if (journaled !== undefined) {
      this.latest = journaled;
      this.appendable = true;
      try {
        this.compact();
      } catch {
        // It stays in the journal, which the next save appends to and the next compaction retries.
      }
      return journaled;
    }
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(this.path, 'read', error);
    }
    const document = this.parse(text, this.path);
    this.appendable = true;
    return document;
  }

  /** The journal's newest record that validates, if any; tells onJournalDamage of what it passed over. */
  private readJournal(): T | undefined {
    let found: ReturnType<Journal['read']>;
    try {
      found = this.journal.read();
    } catch (error) {
      throw storageError(this.journal.path, 'read', error);
    }
    if (!found) return undefined;
    const { records, tornTail } = found;
    for (let i = records.length - 1; i >= 0; i--) {
      let document: T;
      try {
        document = this.parse(records[i]!, this.journal.path);
      } catch (error) {
        if (error instanceof DamagedDocumentError) continue;
        throw error;
      }
      const damaged = records.length - 1 - i;
      if (damaged > 0 || tornTail) this.onJournalDamage(this.journal.path, journalProblem(damaged, tornTail, true));
      return document;
    }
    if (records.length > 0 || tornTail) this.onJournalDamage(this.journal.path, journalProblem(records.length, tornTail, false));
    try {
      this.journal.remove(); // nothing in it can be used; the damage report kept a copy
    } catch {
      // A torn tail is cut off before the next append anyway.
    }
    return undefined;
  }

  /** Parses, upgrades and validates a document's text; `file` names it in errors. */
  parse(text: string, file: string): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new DamagedDocumentError(file, `it is not valid JSON (${(error as Error).message})`);
    }
    try {
      json = upgradeDocument(this.kind, json).document;
    } catch (error) {
      if (error instanceof SchemaVersionError) throw new DamagedDocumentError(file, error.message);
      throw error;
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const first = describeIssues(parsed.error)[0];
      throw new DamagedDocumentError(file, `it does not hold a valid ${this.kind}` + (first ? ` (${first.path}: ${first.message})` : ''));
    }
    return parsed.data;
  }

  /**
   * Saves the whole document durably: into the journal once the file exists, else into the file.
   * The service replaces documents rather than changing them, so `document` is kept by reference
   * for the compaction. Throws storage_error if the disk refuses; nothing on disk changes then.
   */
  write(document: T): void {
    if (!this.appendable) return this.writeFile(document);
    let size: number;
    try {
      size = this.journal.append(JSON.stringify(document));
    } catch (error) {
      throw storageError(this.path, 'save', error);
    }
    this.latest = document;
    if (size >= JOURNAL_COMPACT_BYTES) {
      try {
        this.compact();
      } catch {
        // Saved in the journal all the same; compaction is tried again later.
      }
    }
  }

  /** Writes the newest journaled document into the file and deletes the journal. Throws storage_error. */
  compact(): void {
    if (this.latest === null) return;
    this.writeFile(this.latest);
  }

  /** Whether there are journaled saves not yet in the file. */
  get journaled(): boolean {
    return this.latest !== null;
  }

  /** Closes the journal's file (compact first to leave nothing in it). */
  close(): void {
    this.journal.close();
  }

  /** Writes the whole document atomically (temp file, fsync, rename) through the store class. */
  private writeFile(document: T): void {
    try {
      this.writer ??= new this.StoreClass({
        cwd: this.dir,
        configName: this.name,
        name: this.name,
        fileExtension: 'json',
        serialize: compactJson,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
      });
      this.writer.store = withoutInternalRead(document as Record<string, unknown>);
    } catch (error) {
      throw storageError(this.path, 'save', error);
    }
    // The file holds the newest version now; a crash before the journal is gone replays the same.
    this.latest = null;
    this.appendable = true;
    try {
      this.journal.remove();
    } catch (error) {
      throw storageError(this.journal.path, 'remove', error);
    }
  }
}

function journalProblem(damaged: number, tornTail: boolean, recovered: boolean): string {
  const parts = [
    ...(tornTail ? ['a save that was cut off by a crash before it finished'] : []),
    ...(damaged > 0 ? [`${damaged} damaged ${damaged === 1 ? 'entry' : 'entries'}`] : []),
  ];
  return `held ${parts.join(' and ')}; ` + (recovered ? 'the newest complete save before that was used' : 'nothing in it could be used, so the file was');
}

/**
 * The files are written without indentation: they are for the app to read (people get exports),
 * and a quarter smaller without it, which is less to write and fsync on every save and less for
 * every backup to copy; JSON.stringify is faster without it too (docs/performance.md, finding 9).
 * Files written indented by earlier versions read the same.
 */
const compactJson = (value: Record<string, unknown>): string => JSON.stringify(value);

/**
 * conf's `store` setter first reads and parses the file it is about to replace, to carry over its
 * own '__internal__' key (migration bookkeeping we do not use), unless the new value has that key.
 * That read cost a third of every save (docs/performance.md). A non-enumerable '__internal__' on a
 * shallow copy passes conf's `in` check and is left out by JSON.stringify, so the file is unchanged.
 */
function withoutInternalRead(document: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...document };
  Object.defineProperty(copy, '__internal__', { value: {}, enumerable: false });
  return copy;
}
