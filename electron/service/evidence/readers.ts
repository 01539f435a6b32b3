/**
 * Reading an evidence file as a stream of rows: bytes → text (encoding detected) → rows (CSV, JSON,
 * JSON Lines, notes, pasted text). Pure parsing lives in shared/evidence; this is the Node edge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { ApiError } from '../../../shared/errors';
import type { EvidenceInput } from '../../../shared/evidence/api';
import {
  BinaryFileError,
  decodeBytes,
  detectEncoding,
  UnknownEncodingError,
  type TextEncodingName,
} from '../../../shared/evidence/encoding';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { splitNotes, splitPaste } from '../../../shared/evidence/notes';
import type { EvidenceFormat, SkipReason } from '../../../shared/evidence/schema';

export type RowEvent = { headers: string[] } | { row: Record<string, unknown>; origin: string } | { skip: SkipReason; where: string };

/** A file (or inline bytes) ready to be read, possibly more than once (a re-read as Windows-1252). */
export interface OpenedInput {
  fileName: string;
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
  /** The first `max` bytes, read at once (preview, accounts). */
  head(max: number): Uint8Array;
}

/** Bad input: a clear message naming the file (and line or row) and what to do. */
export function inputError(fileName: string, message: string, code: 'invalid_input' | 'limit_exceeded' = 'invalid_input'): ApiError {
  return new ApiError(code, `${fileName}: ${message}`);
}

/** Thrown when a file that began as valid UTF-8 turns out not to be: read it again as Windows-1252. */
export class NotUtf8Error extends Error {}

export function openInput(input: Exclude<EvidenceInput, { kind: 'upload' }>): OpenedInput {
  if (input.kind === 'path') return openFile(input.path, path.basename(input.path));
  const bytes = input.kind === 'bytes' ? Buffer.from(input.base64, 'base64') : Buffer.from(input.text, 'utf8');
  if (bytes.length > EVIDENCE_LIMITS.inlineBytesMax) {
    throw inputError(
      input.fileName,
      `is ${mb(bytes.length)}; at most ${mb(EVIDENCE_LIMITS.inlineBytesMax)} can be sent inline. Import larger files by path.`,
      'limit_exceeded',
    );
  }
  return {
    fileName: input.fileName,
    size: bytes.length,
    chunks: async function* () {
      yield bytes;
    },
    head: (max) => bytes.subarray(0, max),
  };
}

/** A file on this machine, read under `fileName` (its own name, or the name an upload was sent with). */
export function openFile(filePath: string, fileName: string): OpenedInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw inputError(fileName, `no such file at ${filePath}. Check the path and try again.`);
  }
  if (!stat.isFile()) throw inputError(fileName, 'is not a file.');
  if (stat.size > EVIDENCE_LIMITS.fileBytesMax) {
    throw inputError(
      fileName,
      `is ${mb(stat.size)}; files of at most ${mb(EVIDENCE_LIMITS.fileBytesMax)} can be imported. Split it and import the parts into the same source.`,
      'limit_exceeded',
    );
  }
  const head = (max: number) => {
    const fd = fs.openSync(filePath, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(max, stat.size));
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  };
  return { fileName, size: stat.size, chunks: () => fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }), head };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function formatOf(fileName: string, head: string, kind: EvidenceInput['kind']): EvidenceFormat {
  if (kind === 'text' && fileName === 'pasted text') return 'paste';
  const extension = path.extname(fileName).toLowerCase();
  if (['.csv', '.tsv'].includes(extension)) return 'csv';
  if (['.jsonl', '.ndjson'].includes(extension)) return 'jsonl';
  if (extension === '.json') return 'json';
  if (['.md', '.markdown', '.txt'].includes(extension)) return 'notes';
  const first = head.trimStart()[0];
  return first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
}

/** Decoded text chunks; `onBytes` hears the bytes read. The encoding is reported through `encoding`. */
async function* decode(
  input: OpenedInput,
  forced: TextEncodingName | null,
  report: { encoding: TextEncodingName; onBytes: (n: number) => void },
): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let strict = false;
  for await (const raw of input.chunks()) {
    const chunk = raw instanceof Uint8Array ? raw : Buffer.from(raw as string);
    report.onBytes(chunk.length);
    let body = chunk;
    if (!decoder) {
      let detected;
      try {
        detected = detectEncoding(chunk.subarray(0, 64 * 1024));
      } catch (error) {
        throw encodingError(input.fileName, error);
      }
      const encoding = forced ?? detected.encoding;
      report.encoding = encoding;
      strict = encoding === 'utf-8' && detected.bomLength === 0;
      decoder = new TextDecoder(encoding, { fatal: strict });
      body = chunk.subarray(detected.bomLength);
    }
    try {
      yield decoder.decode(body, { stream: true });
    } catch (error) {
      if (strict) throw new NotUtf8Error();
      throw error;
    }
  }
  if (decoder) {
    try {
      const tail = decoder.decode();
      if (tail) yield tail;
    } catch {
      if (strict) throw new NotUtf8Error();
    }
  }
}

/** The delimiter of a CSV: whichever of comma, semicolon and tab occurs most in the first line, outside quotes. */
export function detectDelimiter(head: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const [best, count] = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ',';
}

export interface ReadReport {
  encoding: TextEncodingName;
  delimiter: string | null;
  format: EvidenceFormat;
  onBytes: (n: number) => void;
}

/** Every row of the input, in order, in batches (one await per batch, not per row); headers first for CSV and JSON. */
export async function* readRows(
  input: OpenedInput,
  kind: EvidenceInput['kind'],
  format: EvidenceFormat | undefined,
  forced: TextEncodingName | null,
  report: ReadReport,
): AsyncGenerator<RowEvent[]> {
  const text = decode(input, forced, report);
  const first = await text.next();
  const head = first.done ? '' : first.value;
  const all = (async function* () {
    if (head) yield head;
    yield* text;
  })();
  report.format = format ?? formatOf(input.fileName, head, kind);
  if (!head.trim()) throw inputError(input.fileName, 'is empty: there is nothing to import.');
  switch (report.format) {
    case 'csv':
      report.delimiter = detectDelimiter(head);
      yield* csvRows(input.fileName, all, report.delimiter);
      return;
    case 'jsonl':
      yield* jsonLines(input.fileName, all);
      return;
    default:
      yield [...rowsOfText(input.fileName, await collect(input.fileName, all), report.format, null)];
  }
}

function encodingError(fileName: string, error: unknown): unknown {
  if (error instanceof BinaryFileError)
    return inputError(fileName, `cannot be imported: ${error.message}. Export it as CSV, JSON or text.`);
  if (error instanceof UnknownEncodingError) return inputError(fileName, `cannot be imported: ${error.message}.`);
  return error;
}

/** The start of a file (or all of a small one) as text, read at once: for the preview and accounts. */
export function readHead(
  input: OpenedInput,
  kind: EvidenceInput['kind'],
  format: EvidenceFormat | undefined,
  maxBytes: number,
): { text: string; encoding: TextEncodingName; format: EvidenceFormat; delimiter: string | null; complete: boolean } {
  const bytes = input.head(maxBytes);
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (error) {
    throw encodingError(input.fileName, error);
  }
  const complete = bytes.length >= input.size;
  // A cut-off file ends at its last whole line, so no row is read half.
  const text = complete ? decoded.text : decoded.text.slice(0, Math.max(0, decoded.text.lastIndexOf('\n')));
  if (!text.trim()) throw inputError(input.fileName, 'is empty: there is nothing to import.');
  const chosen = format ?? formatOf(input.fileName, text, kind);
  return { text, encoding: decoded.encoding, format: chosen, delimiter: chosen === 'csv' ? detectDelimiter(text) : null, complete };
}

/** The rows of a text held whole. */
export function* rowsOfText(
  fileName: string,
  text: string,
  format: EvidenceFormat,
  delimiter: string | null,
  maxRecords?: number,
): Generator<RowEvent> {
  switch (format) {
    case 'csv':
      yield* csvTextRows(fileName, text, delimiter ?? detectDelimiter(text), maxRecords);
      return;
    case 'jsonl':
      yield* jsonLinesOf(fileName, [text]);
      return;
    case 'json':
      yield* jsonArray(fileName, text);
      return;
    case 'notes':
    case 'paste':
      yield { headers: ['text', 'customer', 'account', 'segment', 'date'] };
      yield* format === 'notes' ? splitNotes(fileName, text) : splitPaste(text);
  }
}

function* csvTextRows(fileName: string, text: string, delimiter: string, maxRecords: number | undefined): Generator<RowEvent> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsvSync(text, {
      delimiter,
      relax_column_count: true,
      info: true,
      skip_empty_lines: true,
      ...(maxRecords ? { to: maxRecords } : {}),
    }) as never;
  } catch (error) {
    throw csvError(fileName, error);
  }
  const rows = new CsvRows();
  for (const { record, info } of records) yield rows.take(record, info.lines);
}

async function collect(fileName: string, chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > EVIDENCE_LIMITS.jsonArrayBytesMax) {
      throw inputError(
        fileName,
        `is over ${mb(EVIDENCE_LIMITS.jsonArrayBytesMax)}, the most read whole. Save it as JSON Lines (one object a line) to import it streaming.`,
        'limit_exceeded',
      );
    }
    parts.push(chunk);
  }
  return parts.join('');
}

/** Header first, then rows of exactly as many cells; other rows are reported as ragged. */
class CsvRows {
  private headers: string[] | null = null;
  private rowNumber = 0;

  take(record: string[], line: number): RowEvent {
    if (!this.headers) {
      this.headers = record.map((cell, index) => cell.trim() || `column ${index + 1}`).slice(0, EVIDENCE_LIMITS.columnsMax);
      return { headers: this.headers };
    }
    this.rowNumber++;
    const where = `row ${this.rowNumber} (line ${line})`;
    if (record.length !== this.headers.length) {
      return { skip: 'ragged_row', where: `${where}: ${record.length} cells, the header has ${this.headers.length}` };
    }
    const row: Record<string, string> = {};
    for (let index = 0; index < this.headers.length; index++) row[this.headers[index]!] = record[index]!;
    return { row, origin: where };
  }
}

function csvError(fileName: string, error: unknown): unknown {
  if (error instanceof CsvError)
    return inputError(fileName, `is not valid CSV near line ${(error as CsvError & { lines?: number }).lines ?? '?'}: ${error.message}`);
  return error;
}

const BATCH_ROWS = 1_000; // rows handed on at a time

async function* csvRows(fileName: string, chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<RowEvent[]> {
  const parser = Readable.from(chunks).pipe(
    parseCsv({ delimiter, relax_column_count: true, info: true, skip_empty_lines: true, max_record_size: 1024 * 1024 }),
  );
  const rows = new CsvRows();
  const batch: RowEvent[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (batch.push(rows.take(record, info.lines)) === BATCH_ROWS) yield batch.splice(0);
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw csvError(fileName, error);
  } finally {
    parser.destroy();
  }
}

class JsonLines {
  private lineNumber = 0;
  private headers: string[] | null = null;

  *take(line: string): Generator<RowEvent> {
    this.lineNumber++;
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { skip: 'bad_json', where: `line ${this.lineNumber}` };
      return;
    }
    if (!isObject(value)) {
      yield { skip: 'not_an_object', where: `line ${this.lineNumber}` };
      return;
    }
    if (!this.headers) {
      this.headers = Object.keys(value).slice(0, EVIDENCE_LIMITS.columnsMax);
      yield { headers: this.headers };
    }
    yield { row: value, origin: `line ${this.lineNumber}` };
  }

  finish(fileName: string): void {
    if (!this.headers) throw inputError(fileName, 'holds no JSON objects: JSON Lines files need one object a line, like {"text": "…"}.');
  }
}

function* jsonLinesOf(fileName: string, texts: string[]): Generator<RowEvent> {
  const lines = new JsonLines();
  for (const line of texts.join('').split('\n')) yield* lines.take(line);
  lines.finish(fileName);
}

async function* jsonLines(fileName: string, chunks: AsyncIterable<string>): AsyncGenerator<RowEvent[]> {
  const lines = new JsonLines();
  let rest = '';
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    yield parts.flatMap((line) => [...lines.take(line)]);
  }
  yield [...lines.take(rest)];
  lines.finish(fileName);
}

function* jsonArray(fileName: string, text: string): Generator<RowEvent> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(fileName, `is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`);
  }
  if (!Array.isArray(value) || !value.some(isObject)) {
    throw inputError(fileName, 'is JSON but not a list of objects. Evidence files need an array like [{"text": "…", "customer": "…"}].');
  }
  const keys = new Set<string>();
  for (const entry of value.slice(0, 100)) if (isObject(entry)) for (const key of Object.keys(entry)) keys.add(key);
  yield { headers: [...keys].slice(0, EVIDENCE_LIMITS.columnsMax) };
  for (let index = 0; index < value.length; index++) {
    const entry: unknown = value[index];
    if (isObject(entry)) yield { row: entry, origin: `item ${index + 1}` };
    else yield { skip: 'not_an_object', where: `item ${index + 1}` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
