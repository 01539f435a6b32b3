/**
 * The meetings' records in the ledger file (ledger/snapshot.ts) as three arrays instead of JSON:
 * their strings as one UTF-8 text with each string's length, their numbers as doubles, their
 * documents as one list. Reading 10,000 back is one decode; each record's strings are cut from it
 * when first asked for (JSON took 25-90 ms).
 */
import type { MeetingRecord } from './rows';

/** Numbers per record: present, has a series, first, count, seq, revision, inode, size, mtime (NaN: no stamp), documents. */
const NUMBERS = 10;
const STRINGS = 6;

export interface EncodedRecords {
  text: Uint8Array;
  lengths: Int32Array;
  numbers: Float64Array;
  docs: Int32Array;
}

export function encodeRecords(records: readonly (MeetingRecord | undefined)[]): EncodedRecords {
  const strings: string[] = [];
  const numbers = new Float64Array(records.length * NUMBERS);
  const docs: number[] = [];
  records.forEach((r, no) => {
    const at = no * NUMBERS;
    if (!r) {
      strings.push('', '', '', '', '', '');
      return;
    }
    strings.push(r.id, r.title, r.scheduledAt, r.day, r.seriesId ?? '', r.updatedAt);
    const stamp = r.stamp ?? [NaN, NaN, NaN];
    numbers.set([1, r.seriesId === null ? 0 : 1, r.first, r.count, r.seq, r.revision, ...stamp, r.docs.length], at);
    for (const doc of r.docs) docs.push(doc);
  });
  return {
    text: Buffer.from(strings.join(''), 'utf8'),
    lengths: Int32Array.from(strings, (s) => s.length),
    numbers,
    docs: Int32Array.from(docs),
  };
}

/** The records' strings as read back: one decoded text, and where each string starts in it. */
class StoredText {
  constructor(
    private readonly all: string,
    private readonly starts: Int32Array,
  ) {}
  string(k: number): string {
    return this.all.slice(this.starts[k]!, this.starts[k + 1]!);
  }
}

/**
 * A record read back from the file. Its id and numbers are fields; its other strings and its
 * documents are cut from the file's arrays when first asked for: a first search after start reads
 * a page's worth of them, not 50,000 strings and 10,000 views (docs/performance.md, finding 21).
 */
class StoredRecord implements MeetingRecord {
  private titleText: string | undefined = undefined;
  private scheduledText: string | undefined = undefined;
  private dayText: string | undefined = undefined;
  private seriesText: string | null | undefined = undefined;
  private updatedText: string | undefined = undefined;
  private docsView: MeetingRecord['docs'] | undefined = undefined;

  constructor(
    readonly id: string,
    public first: number,
    public count: number,
    readonly seq: number,
    readonly revision: number,
    public stamp: MeetingRecord['stamp'],
    private readonly text: StoredText,
    /** Its first string in `text` (the id), the others after it in encodeRecords' order. */
    private readonly at: number,
    private readonly hasSeries: boolean,
    private readonly allDocs: Int32Array,
    private readonly docsAt: number,
    private readonly docCount: number,
  ) {}

  get title(): string {
    return (this.titleText ??= this.text.string(this.at + 1));
  }
  get scheduledAt(): string {
    return (this.scheduledText ??= this.text.string(this.at + 2));
  }
  get day(): string {
    return (this.dayText ??= this.text.string(this.at + 3));
  }
  get seriesId(): string | null {
    if (this.seriesText === undefined) this.seriesText = this.hasSeries ? this.text.string(this.at + 4) : null;
    return this.seriesText;
  }
  get updatedAt(): string {
    return (this.updatedText ??= this.text.string(this.at + 5));
  }
  get docs(): MeetingRecord['docs'] {
    return (this.docsView ??= this.allDocs.subarray(this.docsAt, this.docsAt + this.docCount));
  }
  set docs(docs: MeetingRecord['docs']) {
    this.docsView = docs;
  }
}

/** The records back; null when the arrays do not fit together (a damaged file). */
export function decodeRecords({ text, lengths, numbers, docs }: EncodedRecords): (MeetingRecord | undefined)[] | null {
  const count = numbers.length / NUMBERS;
  if (!Number.isInteger(count) || lengths.length !== count * STRINGS) return null;
  const all = Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8');
  const starts = new Int32Array(lengths.length + 1);
  for (let k = 0; k < lengths.length; k++) {
    if (lengths[k]! < 0) return null;
    starts[k + 1] = starts[k]! + lengths[k]!;
  }
  if (starts[lengths.length] !== all.length) return null;
  const strings = new StoredText(all, starts);
  const records: (MeetingRecord | undefined)[] = new Array(count);
  // One flat loop, no closure per record: it runs cold, once, after the first list (finding 19).
  let doc = 0;
  for (let no = 0; no < count; no++) {
    const n = no * NUMBERS;
    if (numbers[n] !== 1) {
      records[no] = undefined;
      continue;
    }
    const docCount = numbers[n + 9]!;
    if (!(docCount >= 0 && doc + docCount <= docs.length)) return null;
    const at = no * STRINGS;
    const stamp: MeetingRecord['stamp'] = Number.isNaN(numbers[n + 6]) ? null : [numbers[n + 6]!, numbers[n + 7]!, numbers[n + 8]!];
    records[no] = new StoredRecord(
      strings.string(at),
      numbers[n + 2]!,
      numbers[n + 3]!,
      numbers[n + 4]!,
      numbers[n + 5]!,
      stamp,
      strings,
      at,
      numbers[n + 1] === 1,
      docs,
      doc,
      docCount,
    );
    doc += docCount;
  }
  return doc === docs.length ? records : null;
}
