/**
 * The ledger kept across sessions (issue 20: the first search at 10,000 meetings ≤ 100 ms after the
 * list is served). `<data>/cache/ledger-index.bin` holds the ledger's columns and postings as they
 * are in memory (ledger/pool.ts), and each meeting's record with the file its rows were read from
 * (inode, size, modification time). Reading it back is one read and views over it. A ledger is
 * written only once it passes every check of checks.ts, with a CRC-32 of every byte; a file whose
 * sum is wrong (damaged, cut short), of another format or time zone, is ignored. So what is read
 * is what passed the checks, without checking 200,000 rows again on the first search's path
 * (docs/performance.md, finding 21). Each meeting is kept only while its file is the one it was
 * read from (ledger/keeper.ts decides).
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Outcome } from '../../../shared/domain';
import type { LedgerCited } from '../../../shared/ledger';
import { LedgerIndex } from '../ledgerIndex';
import { ledgerHolds } from './checks';
import { Interner, SharedFile, StringPool, type PoolFile, type Typed } from './pool';
import { ROW_COLUMNS, RowStore, type Cited } from './rows';
import { LedgerReadAhead, type RawLedger } from './readWorker';
import { decodeRecords, encodeRecords } from './recordsFile';
import { LedgerTextIndex, type PostingsFile } from './textIndex';
import { processTimeZone } from '../timeZone';

/** Bumped whenever what is written (or how rows and words are made) changes: an older file is then ignored. */
export const LEDGER_FORMAT = 2;
export const LEDGER_FILE = 'ledger-index.bin';
const MAGIC = 'ECLEDGR1';

/** Meetings' days are local days: a file written under another time zone is not used. */
const localZone = processTimeZone;

/** A file's identity: [inode, size or 0, modification time, change time]. */
export type DirStamp = [number, number, number, number];
export const dirStamp = (dir: string): DirStamp | null => {
  try {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    return stat ? [stat.ino, 0, stat.mtimeMs, stat.ctimeMs] : null;
  } catch {
    return null; // ENOTDIR, EACCES: no stamp, so nothing is taken on its word
  }
};

interface Meta {
  format: number;
  zone: string;
  /** The meetings folder when the file was written, and when: see `LoadedLedger.folderUnchanged`. */
  folder: DirStamp | null;
  writtenAt: number;
  rows: { size: number; dead: number; outcomes: [number, Outcome][] };
  tables: { owners: [string, string][]; dates: string[]; tagLists: string[][]; personaLists: string[][]; cited: Cited[] };
  text: { terms: string[]; spellings: string[]; docSize: number; liveDocs: number };
  /** Every account and source cited (LedgerIndex.citations): a search answers with them. */
  cited: LedgerCited;
  sections: [string, keyof typeof KINDS, number][];
}

const KINDS = { i32: Int32Array, u32: Uint32Array, f32: Float32Array, f64: Float64Array, u8: Uint8Array } as const;
const kindOf = (array: Typed): keyof typeof KINDS =>
  array instanceof Int32Array
    ? 'i32'
    : array instanceof Uint32Array
      ? 'u32'
      : array instanceof Float32Array
        ? 'f32'
        : array instanceof Float64Array
          ? 'f64'
          : 'u8';

/**
 * Writes the ledger whole, under a temporary name, then renamed over the old file; false when it
 * could not, or when the ledger fails the checks (never written, so never read). Only a cache:
 * failures are swallowed.
 */
export function writeLedger(file: string, ledger: LedgerIndex, folder: DirStamp | null): boolean {
  // Runs from a timer: nothing it meets (a cache folder that is a file, a read of the pool's kept
  // file failing) may throw out of it.
  try {
    removeTempFiles(file);
    return writeLedgerFile(file, ledger, folder);
  } catch {
    return false;
  }
}

/** What a crash cut short (a new pid each run, so they would pile up); the data folder's lock is held. */
function removeTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  for (const name of fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? fs.readdirSync(dir) : [])
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
}

function writeLedgerFile(file: string, ledger: LedgerIndex, folder: DirStamp | null): boolean {
  ledger.text.freeze();
  const { rows, text } = ledger;
  const records = encodeRecords(rows.records);
  const pool = rows.pool.flat();
  const postings = text.folded();
  const order = ledger.orderedSlots();
  const lengths = rows.pool.lengths.subarray(0, rows.pool.count);
  if (!ledgerHolds(ledger, { pool: { ...pool, lengths }, order, postings: postings.docs })) return false;
  const arrays: [string, Typed][] = [
    ...ROW_COLUMNS.map((name) => [`rows.${name}`, rows.columns[name].subarray(0, rows.size)] as [string, Typed]),
    ['rows.direction', rows.direction.subarray(0, rows.size)],
    ['pool.starts', pool.starts],
    ['pool.lengths', lengths],
    ['records.text', records.text],
    ['records.lengths', records.lengths],
    ['records.numbers', records.numbers],
    ['records.docs', records.docs],
    ['text.spellingTerm', text.spellingTerm.subarray(0, text.spellings.names.length)],
    ['text.starts', text.starts],
    ['text.docStart', text.docStart.subarray(0, text.docSize)],
    ['text.docCount', text.docCount.subarray(0, text.docSize)],
    ['text.docKind', text.docKind.subarray(0, text.docSize)],
    ['text.docHash', text.docHash.subarray(0, text.docSize * 2)],
    ['sorted.terms', text.terms.sorted],
    ['sorted.spellings', text.spellings.sorted],
    ['order', order],
    ['text.docs', postings.docs], // these three are left in the file when it is read
    ['text.weights', postings.weights],
    ['pool.bytes', pool.bytes],
  ];
  const meta: Meta = {
    format: LEDGER_FORMAT,
    zone: localZone(),
    folder,
    writtenAt: Date.now(),
    rows: { size: rows.size, dead: rows.dead, outcomes: [...rows.outcomes] },
    tables: {
      owners: rows.owners.values,
      dates: rows.dates.values,
      tagLists: rows.tagLists.values,
      personaLists: rows.personaLists.values,
      cited: rows.cited.values,
    },
    text: { terms: text.terms.names, spellings: text.spellings.names, docSize: text.docSize, liveDocs: text.liveDocs },
    cited: ledger.citations(),
    sections: arrays.map(([name, array]) => [name, kindOf(array), array.length]),
  };
  const header = Buffer.from(JSON.stringify(meta));
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, 8);
  const pieces: Uint8Array[] = [header, padding(HEAD + header.length)];
  for (const [, array] of arrays) pieces.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), padding(array.byteLength));
  head.writeUInt32LE(
    pieces.reduce((sum, piece) => crc32(piece, sum), 0),
    SUM_AT,
  );
  pieces.unshift(head);
  const temp = `${file}.tmp-${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writevSync(fd, pieces);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    return true;
  } catch {
    fs.rmSync(temp, { force: true }); // the next session builds what it cannot read (a throw here: writeLedger's catch)
    return false;
  }
}

/** Zeros to the next multiple of 8, so every array after it starts aligned. */
const padding = (length: number) => new Uint8Array((8 - (length % 8)) % 8);

export interface LoadedLedger {
  ledger: LedgerIndex;
  /**
   * The meetings folder is the one it was when the file was written, and had not changed for 2 s
   * before. Not enough to keep a meeting: a file edited in place leaves the folder's times alone,
   * so the keeper compares every meeting with its own file (LedgerKeeper.load).
   */
  folderUnchanged: boolean;
}

/** The head: the magic, the header's length, and at SUM_AT the CRC-32 of every byte after the head. */
const HEAD = 16;
const SUM_AT = 12;
/** The header's last sections: the three arrays left in the file, with their lengths. */
const SECTIONS_TAIL = /\["text\.docs","i32",(\d+)\],\["text\.weights","f32",(\d+)\],\["pool\.bytes","u8",(\d+)\]\]\}$/;

/**
 * The file's header and arrays (not the three left in the file), read synchronously when no worker
 * did (readWorker.ts reads it the same way); null when there is no whole file or its sum is wrong.
 */
function readRaw(fd: number): RawLedger | null {
  const size = fs.fstatSync(fd).size;
  const head = Buffer.alloc(HEAD);
  if (fs.readSync(fd, head, 0, HEAD, 0) < HEAD || head.toString('latin1', 0, 8) !== MAGIC) return null;
  const headerEnd = HEAD + head.readUInt32LE(8);
  if (headerEnd > size) return null;
  const header = Buffer.alloc(headerEnd - HEAD);
  if (fs.readSync(fd, header, 0, header.length, HEAD) !== header.length) return null;
  const bodyStart = headerEnd + padding(headerEnd).length;
  const body = new Uint8Array(bodyLength(header, bodyStart, size));
  if (fs.readSync(fd, body, 0, body.length, bodyStart) !== body.length) return null;
  let sum = crc32(body, crc32(padding(headerEnd), crc32(header)));
  const chunk = new Uint8Array(1 << 20);
  for (let at = bodyStart + body.length; at < size; at += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, size - at));
    if (fs.readSync(fd, piece, 0, piece.length, at) !== piece.length) return null;
    sum = crc32(piece, sum);
  }
  return sum === head.readUInt32LE(SUM_AT) ? { fd, header, bodyStart, body, size } : null;
}

/** The length of every array but the three left in the file (postings and the pool's bytes), at the file's end. */
function bodyLength(header: Buffer, bodyStart: number, size: number): number {
  const match = SECTIONS_TAIL.exec(header.toString('latin1', Math.max(0, header.length - 160)));
  if (!match) throw new Error('not the sections this version writes');
  const left = [Number(match[1]) * 4, Number(match[2]) * 4, Number(match[3])].reduce(
    (sum, bytes) => sum + bytes + padding(bytes).length,
    0,
  );
  const length = size - bodyStart - left;
  if (length < 0) throw new Error('short');
  return length;
}

/**
 * Starts reading the file on a worker thread (ledger/readWorker.ts), at service open, so only
 * parsing and checking are left for after the first list. None when there is no file to read.
 */
export function readAhead(file: string, options: { failForTest?: boolean } = {}): LedgerReadAhead | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  return new LedgerReadAhead(fd, { magic: MAGIC, head: HEAD, sumAt: SUM_AT, tail: SECTIONS_TAIL, ...options });
}

/** The ledger the file holds (or `raw`, read ahead from it), or null when there is none or it is not one this version wrote whole. */
export function readLedger(file: string, folder: DirStamp | null, raw: RawLedger | null = null): LoadedLedger | null {
  let fd = raw?.fd;
  if (fd === undefined) {
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return null;
    }
  }
  let loaded: LoadedLedger | null = null;
  try {
    raw ??= readRaw(fd);
    if (raw) loaded = parse(raw, folder);
  } catch {
    // not JSON, a section missing, of another shape: rebuilt from the meetings
  }
  if (!loaded) fs.closeSync(fd);
  return loaded;
}

function parse(raw: RawLedger, folder: DirStamp | null): LoadedLedger | null {
  const { fd, header, bodyStart, body, size } = raw;
  const meta = JSON.parse(header.toString('utf8')) as Meta;
  if (meta.format !== LEDGER_FORMAT || meta.zone !== (raw.zone ?? localZone())) return null;
  const placed: [string, keyof typeof KINDS, number, number][] = [];
  let at = 0;
  for (const [name, kind, length] of meta.sections) {
    placed.push([name, kind, length, at]);
    const bytes = length * KINDS[kind].BYTES_PER_ELEMENT;
    at += bytes + padding(bytes).length;
  }
  const [docs, weights, last] = placed.slice(-3) as [(typeof placed)[0], (typeof placed)[0], (typeof placed)[0]];
  const kept = (entry: (typeof placed)[0], name: string, kind: string) => entry?.[0] === name && entry[1] === kind;
  if (!kept(docs, 'text.docs', 'i32') || !kept(weights, 'text.weights', 'f32') || !kept(last, 'pool.bytes', 'u8')) return null;
  if (bodyStart + at !== size || docs[3] !== body.length || body.byteOffset % 8 !== 0 || docs[2] !== weights[2]) return null;
  const arrays = new Map<string, Typed>();
  for (const [name, kind, length, offset] of placed.slice(0, -3))
    arrays.set(name, new KINDS[kind](body.buffer as ArrayBuffer, offset, length));
  const shared = new SharedFile(fd);
  const pool: PoolFile = { shared, fd, offset: bodyStart + last[3], handles: 0, bytes: last[2] };
  const postings: PostingsFile = { shared, docsAt: bodyStart + docs[3], weightsAt: bodyStart + weights[3] };
  const ledger = rebuild(meta, arrays, pool, postings);
  if (!ledger) return null;
  ledger.rows.pool.attach(pool);
  shared.use(ledger.text);
  const unchanged =
    folder !== null &&
    meta.folder !== null &&
    folder.every((value, i) => value === meta.folder![i]) &&
    meta.folder[2] < meta.writtenAt - 2_000;
  return { ledger, folderUnchanged: unchanged };
}

function rebuild(meta: Meta, arrays: Map<string, Typed>, file: PoolFile, postings: PostingsFile): LedgerIndex | null {
  const get = <T extends Typed>(name: string, Kind: new (n: number) => T): T => {
    const array = arrays.get(name);
    if (!(array instanceof Kind)) throw new Error(`${name} is missing`);
    return array;
  };
  const rows = new RowStore();
  rows.size = meta.rows.size;
  rows.dead = meta.rows.dead;
  for (const name of ROW_COLUMNS) rows.columns[name] = get(`rows.${name}`, Int32Array);
  rows.direction = get('rows.direction', Uint8Array);
  rows.outcomes = new Map(meta.rows.outcomes);
  const pool = new StringPool();
  pool.starts = get('pool.starts', Int32Array);
  pool.lengths = get('pool.lengths', Int32Array);
  pool.count = file.handles = pool.starts.length;
  rows.pool = pool;
  const t = meta.tables;
  Object.assign(rows, {
    owners: new Interner(t.owners),
    dates: new Interner(t.dates),
    tagLists: new Interner(t.tagLists),
    personaLists: new Interner(t.personaLists),
    cited: new Interner(t.cited),
  });
  const records = decodeRecords({
    text: get('records.text', Uint8Array),
    lengths: get('records.lengths', Int32Array),
    numbers: get('records.numbers', Float64Array),
    docs: get('records.docs', Int32Array),
  });
  if (!records) return null;
  rows.records = records;
  const text = new LedgerTextIndex();
  text.restore(
    meta.text,
    get('sorted.terms', Int32Array),
    get('sorted.spellings', Int32Array),
    {
      spellingTerm: get('text.spellingTerm', Int32Array),
      starts: get('text.starts', Int32Array),
      docStart: get('text.docStart', Int32Array),
      docCount: get('text.docCount', Int32Array),
      docKind: get('text.docKind', Uint8Array),
      docHash: get('text.docHash', Uint32Array),
    },
    postings,
  );
  const ledger = new LedgerIndex();
  ledger.rows = rows;
  ledger.text = text;
  ledger.adopt(ledger);
  const order = get('order', Int32Array);
  if (order.length !== ledger.size) return null;
  ledger.presetOrder(order);
  ledger.presetCitations(meta.cited);
  return ledger;
}
