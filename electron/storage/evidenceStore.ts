/**
 * Evidence on disk, apart from meetings: <dataDir>/evidence/index.json names each source's items
 * file (<sourceId>.<generation>.jsonl) and the accounts file. An import writes a new generation
 * under a temporary name, fsyncs it, renames it into place, and only then switches the index (also
 * temp + fsync + rename): a kill at any point leaves either the old library or the new one. Files
 * the index does not name are leftovers of an interrupted import and are removed on open.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ApiError } from '../../shared/errors';
import {
  EMPTY_EVIDENCE_INDEX,
  evidenceIndexSchema,
  type Account,
  type EvidenceIndex,
  type EvidenceItem,
} from '../../shared/evidence/schema';
import { syncDirectory } from './journal';

export const EVIDENCE_DIR = 'evidence';
export const EVIDENCE_INDEX_FILE = 'index.json';
const INDEX_FILE = EVIDENCE_INDEX_FILE;

export class EvidenceStore {
  readonly dir: string;
  /** What the user should be told about the evidence folder (damaged files). */
  readonly notices: string[] = [];

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, EVIDENCE_DIR);
  }

  /** Reads the index and removes what an interrupted import left behind. */
  open(): EvidenceIndex {
    let index = EMPTY_EVIDENCE_INDEX;
    const file = path.join(this.dir, INDEX_FILE);
    if (fs.existsSync(file)) {
      const parsed = evidenceIndexSchema.safeParse(safeJson(fs.readFileSync(file, 'utf8')));
      if (parsed.success) index = parsed.data;
      else {
        const aside = `${file}.damaged-${Date.now()}`;
        fs.renameSync(file, aside);
        this.notices.push(`The evidence index was damaged and was set aside as ${aside}; evidence can be imported again.`);
      }
    }
    this.removeLeftovers(index);
    return index;
  }

  private removeLeftovers(index: EvidenceIndex): void {
    if (!fs.existsSync(this.dir)) return;
    const keep = new Set([INDEX_FILE, ...filesNamedBy(index)]);
    for (const entry of fs.readdirSync(this.dir, { withFileTypes: true })) {
      if (entry.isFile() && !keep.has(entry.name) && !entry.name.includes('.damaged-'))
        fs.rmSync(path.join(this.dir, entry.name), { force: true });
    }
  }

  /**
   * The items of a source, read without blocking and parsed in steps that let requests through:
   * what the start loads in the background, so 100,000 items do not delay the first meeting list.
   */
  async readItemsInSteps(fileName: string): Promise<EvidenceItem[]> {
    const text = await fs.promises.readFile(path.join(this.dir, fileName), 'utf8');
    const items: EvidenceItem[] = [];
    let damaged = 0;
    for (let start = 0, count = 1; start < text.length; count++) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      const line = text.slice(start, end);
      start = end + 1;
      if (!line) continue;
      const item = safeJson(line) as EvidenceItem | undefined;
      if (item && typeof item.text === 'string' && typeof item.key === 'string') items.push(item);
      else damaged++;
      if (count % 5_000 === 0) await yieldToEventLoop();
    }
    if (damaged > 0) this.notices.push(`${damaged} damaged lines of ${fileName} were left out.`);
    return items;
  }

  readItems(fileName: string): EvidenceItem[] {
    const items: EvidenceItem[] = [];
    let damaged = 0;
    const text = fs.readFileSync(path.join(this.dir, fileName), 'utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const item = safeJson(line) as EvidenceItem | undefined;
      if (item && typeof item.text === 'string' && typeof item.key === 'string') items.push(item);
      else damaged++;
    }
    if (damaged > 0) this.notices.push(`${damaged} damaged lines of ${fileName} were left out.`);
    return items;
  }

  readAccounts(fileName: string): Account[] {
    const accounts = safeJson(fs.readFileSync(path.join(this.dir, fileName), 'utf8'));
    return Array.isArray(accounts) ? (accounts as Account[]) : [];
  }

  /** A new, not yet referenced, generation file name for a source's items or the accounts. */
  newFileName(prefix: string, extension: 'jsonl' | 'json'): string {
    return `${prefix}.${randomBytes(6).toString('hex')}.${extension}`;
  }

  /** Writes items as JSON Lines to a temporary name, fsyncs, renames into place. Not yet visible. */
  async writeItems(fileName: string, items: Iterable<EvidenceItem>): Promise<void> {
    await this.writeDurably(fileName, async (handle) => {
      let chunk: string[] = [];
      for (const item of items) {
        chunk.push(JSON.stringify(item));
        if (chunk.length >= 2_000) {
          await handle.write(chunk.join('\n') + '\n');
          chunk = [];
        }
      }
      if (chunk.length > 0) await handle.write(chunk.join('\n') + '\n');
    });
  }

  /** A small source's items at once (the first-run sample), durably; not yet visible. */
  writeItemsSync(fileName: string, items: EvidenceItem[]): void {
    this.writeSync(fileName, items.map((item) => JSON.stringify(item) + '\n').join(''));
  }

  writeAccountsSync(fileName: string, accounts: Account[]): void {
    this.writeSync(fileName, JSON.stringify(accounts));
  }

  private writeSync(fileName: string, content: string): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      writeFileDurably(path.join(this.dir, fileName), content);
    } catch (error) {
      throw storageFailure(fileName, error);
    }
  }

  private async writeDurably(fileName: string, fill: (handle: fs.promises.FileHandle) => Promise<void>): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const target = path.join(this.dir, fileName);
    const temp = `${target}.tmp`;
    const handle = await fs.promises.open(temp, 'w');
    try {
      await fill(handle);
      await handle.sync();
    } catch (error) {
      await handle.close();
      fs.rmSync(temp, { force: true });
      throw storageFailure(fileName, error);
    }
    await handle.close();
    fs.renameSync(temp, target);
  }

  /**
   * Makes `index` the library's evidence: the last step of every change. Files it no longer names
   * are removed afterwards (a kill before that leaves them as leftovers, removed on the next open).
   */
  commitIndex(index: EvidenceIndex, previous: EvidenceIndex): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      writeFileDurably(path.join(this.dir, INDEX_FILE), JSON.stringify(index, null, 1));
    } catch (error) {
      throw storageFailure(INDEX_FILE, error);
    }
    const named = new Set(filesNamedBy(index));
    for (const old of filesNamedBy(previous)) {
      if (!named.has(old)) fs.rmSync(path.join(this.dir, old), { force: true });
    }
  }

  /** Removes a written but never committed file (a failed or cancelled import). */
  discard(fileName: string): void {
    fs.rmSync(path.join(this.dir, fileName), { force: true });
  }
}

/** The files an index keeps: each source's and each restorable deleted source's items, and the accounts. */
export function filesNamedBy(index: EvidenceIndex): string[] {
  return [
    ...index.sources.map((source) => source.file),
    ...index.deleted.map((source) => source.file),
    ...(index.accountsFile ? [index.accountsFile] : []),
  ];
}

/** Temp name, fsync, rename, fsync the folder: the file is either old or new, never half. */
export function writeFileDurably(target: string, content: string): void {
  const temp = `${target}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  syncDirectory(path.dirname(target));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function storageFailure(file: string, cause: unknown): ApiError {
  return new ApiError(
    'storage_error',
    `Could not write the evidence file ${file}: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was changed.`,
  );
}
