/**
 * What a ledger must hold before it is written to its file (ledger/snapshot.ts): every number points
 * inside what it names, the order is the ledger's, the postings name documents that exist. A ledger
 * that fails any of them is not written; the file's checksum then proves that what a later session
 * reads is what passed them, so a damaged file cannot make a search throw.
 */
import { IMPACT_DIRECTIONS } from '../../../shared/domain';
import { newestFirst, type LedgerIndex } from '../ledgerIndex';
import type { RowStore } from './rows';

/** The order is the ledger's: every live slot once, meetings newest first, each meeting's rows in turn. */
function orderHolds(order: Int32Array, rows: RowStore): boolean {
  const meeting = rows.columns.meeting;
  if (order.length !== rows.size - rows.dead) return false;
  let previous = -1;
  for (let i = 0; i < order.length; i++) {
    const slot = order[i]!;
    if (!(slot >= 0 && slot < rows.size)) return false;
    const record = rows.records[meeting[slot]!];
    if (!record || slot < record.first || slot >= record.first + record.count) return false; // dead
    if (previous < 0 || meeting[previous] !== meeting[slot]) {
      // a meeting starts at its first row, after the last one ended, and comes after it
      if (slot !== record.first) return false;
      const last = previous < 0 ? null : rows.records[meeting[previous]!]!;
      if (last && (previous !== last.first + last.count - 1 || newestFirst(last, record) >= 0)) return false;
    } else if (slot !== previous + 1) return false;
    previous = slot;
  }
  const last = previous < 0 ? null : rows.records[meeting[previous]!]!;
  if (last && previous !== last.first + last.count - 1) return false;
  return true;
}

/** True when every value of the first `length` is in [low, high). One loop per kind of array, so each stays fast. */
function inRange(array: Int32Array, length: number, low: number, high: number): boolean {
  if (array.length < length) return false;
  for (let i = 0; i < length; i++) if (array[i]! < low || array[i]! >= high) return false;
  return true;
}

/** The arrays as they are written (the pool flattened, the postings folded), beside the ledger's own. */
export interface Written {
  pool: { bytes: Uint8Array; starts: Int32Array; lengths: Int32Array };
  order: Int32Array;
  postings: Int32Array;
}

/** All of the checks, on the ledger about to be written. */
export function ledgerHolds(ledger: LedgerIndex, { pool, order, postings }: Written): boolean {
  return (
    consistent(ledger, pool) &&
    orderHolds(order, ledger.rows) &&
    inRange(postings, postings.length, 0, ledger.text.docSize) &&
    ledger.text.terms.inOrder() &&
    ledger.text.spellings.inOrder() &&
    ledger.text.starts[ledger.text.starts.length - 1] === postings.length
  );
}

/** Every number points inside what it names. */
function consistent({ rows, text }: LedgerIndex, pool: Written['pool']): boolean {
  const c = rows.columns;
  const count = rows.pool.count;
  if (pool.lengths.length !== count || pool.starts.length !== count) return false;
  for (let i = 0; i < count; i++)
    if (pool.starts[i]! < 0 || pool.lengths[i]! < 0 || pool.starts[i]! + pool.lengths[i]! > pool.bytes.length) return false;
  const n = rows.size;
  for (let i = 0; i < n; i++) if (rows.direction[i]! >= IMPACT_DIRECTIONS.length) return false;
  const ok =
    rows.direction.length >= n &&
    inRange(c.meeting, n, 0, rows.records.length) &&
    inRange(c.decisionId, n, 0, count) &&
    inRange(c.text, n, 0, count) &&
    inRange(c.itemId, n, 0, count) &&
    inRange(c.itemTitle, n, 0, count) &&
    inRange(c.owner, n, 0, rows.owners.size) &&
    inRange(c.dueDate, n, -1, rows.dates.size) &&
    inRange(c.reviewDate, n, -1, rows.dates.size) &&
    inRange(c.tags, n, 0, rows.tagLists.size) &&
    inRange(c.personas, n, 0, rows.personaLists.size) &&
    inRange(c.cited, n, 0, rows.cited.size) &&
    inRange(text.spellingTerm, text.spellings.names.length, 0, text.terms.names.length) &&
    text.starts.length === text.terms.names.length + 1 &&
    text.starts[0] === 0 &&
    text.docStart.length >= text.docSize &&
    text.docCount.length >= text.docSize &&
    text.docKind.length >= text.docSize &&
    text.docHash.length >= text.docSize * 2;
  if (!ok) return false;
  for (let term = 0; term + 1 < text.starts.length; term++) if (text.starts[term]! > text.starts[term + 1]!) return false;
  for (let d = 0; d < text.docSize; d++)
    if (text.docStart[d]! < 0 || text.docCount[d]! < 0 || text.docStart[d]! + text.docCount[d]! > n) return false;
  for (const [slot] of rows.outcomes) if (!(slot >= 0 && slot < n)) return false;
  return rows.records.every(
    (r, no) =>
      !r ||
      (r.first >= 0 &&
        r.count >= 0 &&
        r.first + r.count <= n &&
        r.docs.every((d) => d >= 0 && d < text.docSize) &&
        (r.count === 0 || c.meeting[r.first] === no)),
  );
}
