import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { describeIssues } from '../../shared/validate';
import { SCHEMA_VERSION } from '../../shared/domain';
import { SchemaVersionError, upgradeDocument, type DocumentKind } from '../../shared/migrations';
import type { DocumentDigest } from './documentDigest';
import { Journal, syncDirectory } from './journal';

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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A document's bytes as text. Bytes that are not UTF-8 are damage (a disk fault, another program's
 * write): they are never decoded as U+FFFD, which would pass for the user's text and be saved so.
 */
export function decodeDocument(bytes: Uint8Array, file: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new DamagedDocumentError(file, 'it is not valid UTF-8 text');
  }
}

export function storageError(file: string, action: string, cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiError('storage_error', `Could not ${action} ${file}: ${reason}`);
}

/** A journal past this size is folded into the document's file on the save that takes it there. */
export const JOURNAL_COMPACT_BYTES = 2 * 1024 * 1024;

/** Words the notice of a journal whose last save was cut off uses (the crash test looks for them). */
export const CUT_OFF_SAVE = 'a save that was cut off before it finished';

/** Where a DocumentFile sends what it found damaged; LibraryStorage keeps copies and tells the user. */
export interface DamageReports {
  /** The journal held a cut-off save or damaged entries; returns whether a copy of it was kept. */
  journal(journal: string, problem: string): boolean;
  /** The file is damaged but its journal holds a newer, good version: set the file aside. */
  file(error: DamagedDocumentError): void;
}
const IGNORE_DAMAGE: DamageReports = { journal: () => false, file: () => {} };

/**
 * One JSON document on disk: `<name>.json`, written whole through the store class (electron-store
 * or conf), and `<name>.journal` in front of it. The first write of a document creates its file;
 * every later save appends the whole document as one line to the journal, made durable before the
 * save returns. compact() writes the newest of them into the file and then deletes the journal:
 * after a pause in saving, on close, before a backup, a restore or a move to the trash, and when
 * the journal reaches JOURNAL_COMPACT_BYTES. So the newest version of a document is the journal's
 * last good line while there is a journal, and the file otherwise; the file is only ever written
 * with that newest version; and nothing in a journal is newer than its file except acknowledged
 * saves (a failed save's bytes are not acknowledged: the service keeps the change and retries).
 *
 * Reads are parsed and validated here, before the store class ever sees the file: conf's
 * constructor rewrites a file whose JSON is not an object, which would lose it.
 */
export class DocumentFile<T> {
  readonly path: string;
  private readonly journal: Journal;
  private writer: StoreFile | null = null;
  /** The file (or the journal) holds a whole document, so saves are appended to the journal. */
  private savesGoToJournal = false;
  /** The newest journaled document, not yet written into the file. */
  private unfolded: T | null = null;
  /** Journal size at which the next save folds it in (moves on when a fold fails, so not every save retries). */
  private compactAtBytes = JOURNAL_COMPACT_BYTES;
  /** The library index keeps one (documentDigest.ts): its file, unchanged, is read without a schema check. */
  private digest: DocumentDigest | null = null;
  /** The text the store class was last given to write (what it writes, as UTF-8). */
  private serialized: string | null = null;

  constructor(
    private readonly StoreClass: StoreFileClass,
    private readonly dir: string,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly kind: DocumentKind,
    private readonly reports: DamageReports = IGNORE_DAMAGE,
    /** False when the folder was listed and held no journal for it: reading then skips the journal. */
    journalMayExist = true,
    /** Why a valid document does not belong in this file (a meeting under another meeting's id), or null. */
    private readonly misplaced: (document: T) => string | null = () => null,
  ) {
    this.path = path.join(dir, `${name}.json`);
    this.journal = new Journal(path.join(dir, `${name}.journal`), journalMayExist);
  }

  /**
   * The validated document, or undefined when there is neither file nor journal. A journal a crash
   * left behind is folded into the file here. Throws storage_error otherwise.
   */
  read(): T | undefined {
    const journaled = this.readJournal();
    if (journaled !== undefined) {
      this.setAsideIfDamaged(); // conf cannot open a damaged file to replace it
      this.unfolded = journaled;
      this.savesGoToJournal = true;
      try {
        this.compact();
      } catch {
        // It stays in the journal, which the next save appends to and the next compaction retries.
      }
      return journaled;
    }
    const bytes = this.readFileBytes();
    if (bytes === undefined) return undefined;
    const text = decodeDocument(bytes, this.path);
    const trusted = this.digest?.matches(bytes) ? this.parseTrusted(text) : undefined;
    const document = trusted ?? this.parse(text, this.path);
    // Recorded only when the bytes are exactly the validated document as the app writes it: a file
    // the schema trimmed, stripped or defaulted on the way in would be served unchanged when trusted.
    if (!trusted && this.digest && compactJson(document as Record<string, unknown>) === text) this.digest.record(bytes);
    this.savesGoToJournal = true;
    return document;
  }

  /**
   * Keeps a digest of the file as written or validated, and trusts a file that matches it: for a
   * document whose only check is its schema (the index; a meeting file has `misplaced` too).
   */
  keepDigest(digest: DocumentDigest): void {
    this.digest = digest;
  }

  /**
   * A file whose bytes match the digest: what this app wrote or validated under this schema
   * version, so only parsed. Undefined (validate in full) should it not hold this version's document.
   */
  private parseTrusted(text: string): T | undefined {
    try {
      const json = JSON.parse(text) as unknown;
      const current = typeof json === 'object' && json !== null && (json as { schemaVersion?: unknown }).schemaVersion === SCHEMA_VERSION;
      return current ? (json as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The file's text; undefined when there is none. Throws DamagedDocumentError, or storage_error when it cannot be read. */
  private readFileText(): string | undefined {
    const bytes = this.readFileBytes();
    return bytes === undefined ? undefined : decodeDocument(bytes, this.path);
  }

  /** The file's bytes; undefined when there is none. Throws DamagedDocumentError, or storage_error when it cannot be read. */
  private readFileBytes(): Buffer | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // A folder where the file should be is damage to the data folder, set aside like any other.
      if (code === 'EISDIR') throw new DamagedDocumentError(this.path, 'it is a folder, not a file');
      throw storageError(this.path, 'read', error);
    }
    return bytes;
  }

  private setAsideIfDamaged(): void {
    try {
      const text = this.readFileText();
      if (text !== undefined) this.parse(text, this.path);
    } catch (error) {
      if (error instanceof DamagedDocumentError) this.reports.file(error);
      else if (!(error instanceof ApiError)) throw error;
      // Unreadable, not damaged: the compaction replaces it or fails, and the journal stays.
    }
  }

  /** The journal's newest line that validates, if any; reports what it passed over. */
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
        document = this.parse(decodeDocument(records[i]!, this.journal.path), this.journal.path);
      } catch (error) {
        if (error instanceof DamagedDocumentError) continue;
        throw error;
      }
      const damaged = records.length - 1 - i;
      if (damaged > 0 || tornTail) this.reports.journal(this.journal.path, journalProblem(damaged, tornTail, true));
      return document;
    }
    // Nothing usable: the file's version stands. Once a copy is kept the journal goes at once, so
    // neither a second read nor the entries of later saves report the same damage again.
    if (records.length > 0 || tornTail) {
      const copied = this.reports.journal(this.journal.path, journalProblem(records.length, tornTail, false));
      if (copied) this.tryRemoveJournal();
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
    const misplaced = this.misplaced(parsed.data);
    if (misplaced) throw new DamagedDocumentError(file, misplaced);
    return parsed.data;
  }

  /** parse() for bytes read from disk (a backup's copy): bytes that are not UTF-8 are damage too. */
  parseBytes(bytes: Uint8Array, file: string): T {
    return this.parse(decodeDocument(bytes, file), file);
  }

  /**
   * Saves the whole document durably: into the journal once there is a file, else into the file.
   * The service replaces documents rather than changing them, so `document` is kept by reference
   * for the compaction. Throws storage_error if the disk refuses; the save is not acknowledged then.
   */
  write(document: T): void {
    if (!this.savesGoToJournal) return this.writeFile(document);
    let size: number;
    try {
      size = this.journal.append(JSON.stringify(document));
    } catch (error) {
      throw storageError(this.path, 'save', error);
    }
    this.unfolded = document;
    if (size >= this.compactAtBytes) {
      try {
        this.compact();
      } catch {
        // Saved in the journal all the same. Tried again at the next pause, or after another limit's worth.
        this.compactAtBytes = size + JOURNAL_COMPACT_BYTES;
      }
    }
  }

  /**
   * Writes the newest journaled document into the file and deletes the journal; deletes a journal
   * that holds nothing newer than the file. Throws storage_error if the file cannot be written.
   */
  compact(): void {
    if (this.unfolded !== null) this.writeFile(this.unfolded);
    else if (this.journal.onDisk) this.tryRemoveJournal();
  }

  /**
   * Deletes the journal, or throws storage_error: before the file is moved or replaced (trash,
   * restore), so no journal can outlive it. Compact first, or journaled saves are lost.
   */
  removeJournal(): void {
    try {
      this.journal.remove();
    } catch (error) {
      throw storageError(this.journal.path, 'remove', error);
    }
  }

  /** Whether the journal may be on disk (false once it is folded in and deleted, or was never there). */
  get journalMayExist(): boolean {
    return this.journal.onDisk;
  }

  /** Whether there are journaled saves not yet in the file. */
  get journaled(): boolean {
    return this.unfolded !== null;
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
        serialize: (value) => (this.serialized = compactJson(value)),
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
      });
      this.serialized = null;
      this.writer.store = withoutInternalRead(document as Record<string, unknown>);
      // The rename into place must be on disk before the journal goes (a power cut could keep the
      // deletion and lose the rename otherwise).
      if (this.journal.onDisk) syncDirectory(this.dir);
    } catch (error) {
      throw storageError(this.path, 'save', error);
    }
    // What conf wrote is what serialize returned, as UTF-8: the digest names exactly the file's bytes.
    if (this.serialized !== null) this.digest?.record(this.serialized);
    this.serialized = null;
    this.unfolded = null;
    this.savesGoToJournal = true;
    this.compactAtBytes = JOURNAL_COMPACT_BYTES;
    this.tryRemoveJournal();
  }

  private tryRemoveJournal(): void {
    try {
      this.journal.remove();
    } catch {
      // Nothing in it is newer than the file now. New saves go after its lines; the next compaction
      // tries again, and the trash and restore insist (removeJournal).
    }
  }
}

function journalProblem(damaged: number, tornTail: boolean, recovered: boolean): string {
  const parts = [
    ...(tornTail ? [`${CUT_OFF_SAVE} (the app or the computer stopped, or the disk failed, while it was written)`] : []),
    ...(damaged > 0 ? [`${damaged} damaged ${damaged === 1 ? 'entry' : 'entries'}`] : []),
  ];
  return (
    `held ${parts.join(' and ')}; ` + (recovered ? 'the newest complete save before that was used' : "the file's own version was used")
  );
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
