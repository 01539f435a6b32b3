/**
 * The ledger built from the meeting files on a worker thread, and written to its file (issue 20: a
 * first start). Built on the main thread, the build's garbage (every meeting read, the arrays grown
 * by doubling) stayed with the process: 260-270 MB resident at 10,000 meetings, against 175 MB for
 * a session that read the file. A worker's heap goes with it, so the main thread then reads the
 * file as any later session does (docs/performance.md, finding 22).
 *
 * Read only: a meeting whose newest version may be in its save journal, or whose file is damaged,
 * is left out here; the main thread reads it as it reads any meeting (folds the journal, sets the
 * damaged file aside and tells the user).
 */
import fs from 'node:fs';
import path from 'node:path';
import { meetingSchema, type Meeting } from '../../../shared/domain';
import { DocumentFile, type StoreFileClass } from '../../storage/documentStore';
import { fileStamp } from '../figureStamps';
import { LedgerIndex } from '../ledgerIndex';
import { dirStamp, writeLedger } from './snapshot';

/** What the worker is given (ledger/buildAhead.ts starts it). */
export interface LedgerBuildJob {
  /** The ledger's file, written whole (renamed into place) or not at all. */
  file: string;
  meetingsDir: string;
  /** The meetings to read: listed, and with no save journal. */
  ids: string[];
  /** One Int32: BUILDING until the file is written (BUILT) or the build gave up (FAILED). */
  state: SharedArrayBuffer;
}

export const BUILDING = 0;
export const BUILT = 1;
export const FAILED = 2;

/** The worker's whole work: builds, writes, then raises the flag (a thread waiting on it wakes). */
export function runLedgerBuild(job: LedgerBuildJob): void {
  let built = false;
  try {
    built = buildLedgerFile(job);
  } finally {
    const state = new Int32Array(job.state);
    Atomics.store(state, 0, built ? BUILT : FAILED);
    Atomics.notify(state, 0);
  }
}

function buildLedgerFile({ file, meetingsDir, ids }: LedgerBuildJob): boolean {
  const ledger = new LedgerIndex();
  for (const id of ids) {
    const stamp = fileStamp(path.join(meetingsDir, `${id}.json`)); // before the read, as the main thread's build takes it
    const meeting = stamp && readMeetingFile(meetingsDir, id);
    if (meeting) ledger.update(meeting, stamp);
  }
  return writeLedger(file, ledger, dirStamp(meetingsDir));
}

/** Never made: the worker only parses (a DocumentFile makes its store only to write). */
const NO_STORE = class {
  constructor() {
    throw new Error('The ledger build reads meeting files; it never writes one.');
  }
} as unknown as StoreFileClass;

/** The meeting in its file, validated as the storage validates it; undefined when anything is wrong (the main thread reads it then). */
function readMeetingFile(meetingsDir: string, id: string): Meeting | undefined {
  const reader = new DocumentFile(NO_STORE, meetingsDir, id, meetingSchema, 'meeting');
  try {
    const meeting = reader.parseBytes(fs.readFileSync(reader.path), reader.path);
    return meeting.id === id ? meeting : undefined;
  } catch {
    return undefined;
  }
}
