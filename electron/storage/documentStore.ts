import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { describeIssues } from '../../shared/validate';
import { SchemaVersionError, upgradeDocument, type DocumentKind } from '../../shared/migrations';

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

/**
 * One JSON document on disk. Reads are parsed and validated here, before the store class ever sees
 * the file: conf's constructor rewrites a file whose JSON is not an object, which would lose it.
 */
export class DocumentFile<T> {
  readonly path: string;
  private writer: StoreFile | null = null;

  constructor(
    private readonly StoreClass: StoreFileClass,
    private readonly dir: string,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly kind: DocumentKind,
  ) {
    this.path = path.join(dir, `${name}.json`);
  }

  /** The validated document, or undefined when the file does not exist. Throws storage_error otherwise. */
  read(): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(this.path, 'read', error);
    }
    return this.parse(text, this.path);
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

  /** Writes the whole document atomically (temp file, fsync, rename) through the store class. */
  write(document: T): void {
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
  }
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
