/**
 * The meetings' records in the ledger file (ledger/snapshot.ts) as three arrays instead of JSON:
 * their strings as one UTF-8 text with each string's length, their numbers as doubles, their
 * documents as one list. Reading 10,000 back is one decode and slices (JSON took 25-90 ms).
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

/** The records back; null when the arrays do not fit together (a damaged file). */
export function decodeRecords({ text, lengths, numbers, docs }: EncodedRecords): (MeetingRecord | undefined)[] | null {
  const count = numbers.length / NUMBERS;
  if (!Number.isInteger(count) || lengths.length !== count * STRINGS) return null;
  const all = Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8');
  const records: (MeetingRecord | undefined)[] = new Array(count);
  // One flat loop, no array or closure per record: it runs cold, once, after the first list (finding 19).
  const strings: string[] = ['', '', '', '', '', ''];
  let at = 0;
  let doc = 0;
  for (let no = 0; no < count; no++) {
    const n = no * NUMBERS;
    for (let k = 0, s = no * STRINGS; k < STRINGS; k++, s++) {
      const length = lengths[s]!;
      if (length < 0 || at + length > all.length) return null;
      strings[k] = all.slice(at, (at += length));
    }
    if (numbers[n] !== 1) {
      records[no] = undefined;
      continue;
    }
    const docCount = numbers[n + 9]!;
    if (!(docCount >= 0 && doc + docCount <= docs.length)) return null;
    records[no] = {
      id: strings[0]!,
      title: strings[1]!,
      scheduledAt: strings[2]!,
      day: strings[3]!,
      seriesId: numbers[n + 1] === 1 ? strings[4]! : null,
      first: numbers[n + 2]!,
      count: numbers[n + 3]!,
      seq: numbers[n + 4]!,
      revision: numbers[n + 5]!,
      updatedAt: strings[5]!,
      stamp: Number.isNaN(numbers[n + 6]) ? null : [numbers[n + 6]!, numbers[n + 7]!, numbers[n + 8]!],
      docs: docs.subarray(doc, (doc += docCount)),
    };
  }
  return at === all.length && doc === docs.length ? records : null;
}
