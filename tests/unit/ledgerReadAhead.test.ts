/**
 * The ledger file read on a worker thread from service open (electron/service/ledger/readWorker.ts,
 * docs/performance.md finding 19): what the worker hands over gives the ledger a main-thread read
 * gives, a worker that fails or has not finished leaves the file to the main thread, and a file
 * damaged or replaced around the worker's read is never half-used.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ledgerQuerySchema, type LedgerQuery } from '../../shared/ledger';
import { Kernel } from '../../electron/service/kernel';
import { LedgerKeeper, READ_IN_WORKER_FROM_BYTES, type LedgerOwner } from '../../electron/service/ledger/keeper';
import { STAMPS_IN_WORKER_FROM } from '../../electron/service/figureStamps';
import { LEDGER_FILE } from '../../electron/service/ledger/snapshot';
import { LedgerIndex } from '../../electron/service/ledgerIndex';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

const MEETINGS = 24;
const QUERIES: LedgerQuery[] = [{}, { text: 'pricing' }, { text: 'ship onboarding chan' }, { owner: 'ana' }];
const answers = (ledger: LedgerIndex) => QUERIES.map((query) => ledger.search({ offset: 0, limit: 500, review: 'any', ...query }, true));

const ledgerQuery = (query: LedgerQuery) => ledgerQuerySchema.parse(query);
const kernels: Kernel[] = [];
afterEach(() => {
  kernels.splice(0).forEach((kernel) => kernel.persistence.close());
  vi.restoreAllMocks();
});

/** A library whose ledger file a first session left; its answers as built from the meeting files. */
function libraryWithFile(meetings = MEETINGS) {
  const dir = tempDir('empty-chair-ledger-ahead-');
  generateLibrary(dir, { meetings });
  const kernel = new Kernel({ storage: new LibraryStorage(dir, Conf), backupIntervalMs: null });
  kernel.loadAllMeetings();
  const built = answers(kernel.ledger);
  expect(kernel.persistence.close().unsavedChanges).toBe(0);
  kernel.closeLedger(true); // writes the file
  const file = path.join(dir, 'cache', LEDGER_FILE);
  expect(fs.existsSync(file)).toBe(true);
  return { dir, file, built, ids: new Set(new LibraryStorage(dir, Conf).open().index.meetings.map((summary) => summary.id)) };
}

/** The keeper's owner as the kernel is, with an empty ledger (nothing indexed before the load). */
const ownerOf = (ids: Set<string>): LedgerOwner => ({
  ledger: new LedgerIndex(),
  listed: () => ids,
  isUnreadable: () => false,
  journaled: () => false,
  loadedMeeting: () => undefined,
});

/** Main-thread reads of a file's first bytes (its magic and header): the worker's reads are on its own thread. */
function headerReads() {
  const spy = vi.spyOn(fs, 'readSync');
  return () => spy.mock.calls.filter((call) => (call as unknown[])[4] === 0).length;
}

async function settled(keeper: LedgerKeeper) {
  await vi.waitFor(() => expect(keeper.readAheadSettled).toBe(true), { timeout: 60_000, interval: 5 });
}

/** A keeper whose worker has read the file, as the kernel's has by the first load. */
async function keeperReadAhead(dir: string): Promise<LedgerKeeper> {
  const keeper = new LedgerKeeper(dir, path.join(dir, 'meetings'));
  keeper.prefetch({ anySize: true }); // a library this small is read on the main thread otherwise
  await settled(keeper);
  return keeper;
}

describe('the ledger file read ahead on a worker', () => {
  it('gives the ledger a main-thread read gives, the main thread reading none of it again', async () => {
    const { dir, built, ids } = libraryWithFile();
    const keeper = await keeperReadAhead(dir);
    const reads = headerReads();
    const owner = ownerOf(ids);
    keeper.load(owner);
    expect(reads()).toBe(0);
    expect([...ids].every((id) => owner.ledger.has(id))).toBe(true);
    expect(answers(owner.ledger)).toEqual(built);
    keeper.close(owner, true);
  });

  it('does not read again on the main thread a file the worker found damaged', async () => {
    const { dir, file, ids } = libraryWithFile();
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.at(-1)! ^ 0x40, bytes.length - 1); // the pool's last byte: only the sum finds it
    fs.writeFileSync(file, bytes);
    const keeper = await keeperReadAhead(dir);
    const reads = headerReads();
    const owner = ownerOf(ids);
    keeper.load(owner);
    expect(reads()).toBe(0);
    expect(owner.ledger.size).toBe(0); // nothing kept: the build reads every meeting
    keeper.close(owner, false);
  });

  it('keeps no rows of a meeting whose newest version may be in its journal: the build reads it again', async () => {
    const { dir, built, ids } = libraryWithFile();
    const journaled = [...ids][3]!;
    const keeper = await keeperReadAhead(dir);
    const owner = { ...ownerOf(ids), journaled: (id: string) => id === journaled };
    keeper.load(owner);
    expect([...ids].filter((id) => !owner.ledger.has(id))).toEqual([journaled]);
    owner.ledger.update(new LibraryStorage(dir, Conf).readMeeting(journaled));
    expect(answers(owner.ledger)).toEqual(built);
    keeper.close(owner, true);
  });

  it('a start whose library cannot be opened leaves no descriptor of the ledger file behind', async () => {
    const { dir, file } = libraryWithFile();
    if (!fs.existsSync('/proc/self/fd')) return console.log('not checked here: needs /proc/self/fd (Linux) to list open files');
    const linkOf = (fd: string) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return null; // closed since the listing (the listing's own, for one)
      }
    };
    const openOn = () => fs.readdirSync('/proc/self/fd').filter((fd) => linkOf(fd) === file).length;
    class Refusing extends LibraryStorage {
      override open(): never {
        throw new Error('refused for the test');
      }
    }
    expect(() => new Kernel({ storage: new Refusing(dir, Conf), backupIntervalMs: null, readLedgerAhead: 'anySize' })).toThrow(
      'refused for the test',
    );
    await vi.waitFor(() => expect(openOn()).toBe(0), { timeout: 60_000, interval: 20 });
  });

  it('reads the file on the main thread when the worker fails, with the same answers', async () => {
    const { dir, built, ids } = libraryWithFile();
    const keeper = new LedgerKeeper(dir, path.join(dir, 'meetings'));
    keeper.prefetch({ failForTest: true, anySize: true });
    await settled(keeper);
    const reads = headerReads();
    const owner = ownerOf(ids);
    keeper.load(owner);
    expect(reads()).toBe(1);
    expect(answers(owner.ledger)).toEqual(built);
  });

  it('uses the file it read when another is renamed over it meanwhile: never the old header with the new bytes', async () => {
    const { dir, file, built, ids } = libraryWithFile();
    const keeper = await keeperReadAhead(dir);
    // A damaged file of the same length takes its place (the pool's strings and postings are read later, from the descriptor).
    const damaged = Buffer.alloc(fs.statSync(file).size, 0x7f);
    fs.writeFileSync(`${file}.new`, damaged);
    fs.renameSync(`${file}.new`, file);
    const owner = ownerOf(ids);
    keeper.load(owner);
    expect(answers(owner.ledger)).toEqual(built);
  });

  it('ignores a file whose postings name a document past the end (the worker finds its sum wrong): every meeting is read again', async () => {
    const { dir, file, built } = libraryWithFile();
    const bytes = fs.readFileSync(file);
    // The postings' documents, then their weights, then the pool's bytes end the file.
    const sections = JSON.parse(bytes.toString('utf8', 16, 16 + bytes.readUInt32LE(8))).sections as [string, string, number][];
    const padded = (n: number) => n + ((8 - (n % 8)) % 8);
    const postings = sections.at(-3)!;
    expect(postings[0]).toBe('text.docs');
    const docsAt = bytes.length - padded(sections.at(-1)![2]) - 2 * padded(postings[2] * 4);
    bytes.writeInt32LE(1_000_000, docsAt);
    fs.writeFileSync(file, bytes);
    const read = vi.fn();
    class Counting extends LibraryStorage {
      override readMeeting(id: string) {
        read(id);
        return super.readMeeting(id);
      }
    }
    const kernel = new Kernel({ storage: new Counting(dir, Conf), backupIntervalMs: null, readLedgerAhead: 'anySize' }); // starts the worker
    kernels.push(kernel);
    kernel.library();
    await kernel.warmUp();
    expect(read).toHaveBeenCalledTimes(MEETINGS);
    expect(answers(kernel.ledger)).toEqual(built);
  });

  it('starts reading at service open and finishes the warm-up from the file, reading no meeting', async () => {
    const { dir, built } = libraryWithFile();
    const reads = headerReads();
    const storage = new LibraryStorage(dir, Conf);
    const readMeeting = vi.spyOn(storage, 'readMeeting');
    const kernel = new Kernel({ storage, backupIntervalMs: null, readLedgerAhead: 'anySize' });
    kernels.push(kernel);
    kernel.library();
    await kernel.warmUp();
    expect(kernel.ledgerIsComplete).toBe(true);
    expect(readMeeting).not.toHaveBeenCalled();
    expect(reads()).toBe(0); // the worker read it
    expect(answers(kernel.ledger)).toEqual(built);
  });

  it('starts no worker for a small library (its file read, its files stat-ed here), and both for one of 200 meetings', async () => {
    const small = libraryWithFile();
    expect(fs.statSync(small.file).size).toBeLessThan(READ_IN_WORKER_FROM_BYTES);
    const smallReads = headerReads();
    const smallKernel = new Kernel({ storage: new LibraryStorage(small.dir, Conf), backupIntervalMs: null });
    kernels.push(smallKernel);
    expect(smallKernel.stampsAtOpen).toBeNull();
    smallKernel.library();
    await smallKernel.warmUp();
    expect(smallReads()).toBe(1); // read here, once
    expect(answers(smallKernel.ledger)).toEqual(small.built);
    vi.restoreAllMocks();

    const large = libraryWithFile(STAMPS_IN_WORKER_FROM);
    expect(fs.statSync(large.file).size).toBeGreaterThanOrEqual(READ_IN_WORKER_FROM_BYTES);
    const largeReads = headerReads();
    const largeKernel = new Kernel({ storage: new LibraryStorage(large.dir, Conf), backupIntervalMs: null });
    kernels.push(largeKernel);
    expect(largeKernel.stampsAtOpen).not.toBeNull();
    largeKernel.library();
    await largeKernel.warmUp();
    expect(largeReads()).toBe(0); // the worker read it
    expect(answers(largeKernel.ledger)).toEqual(large.built);
  });

  it('writes and swaps a build that a search finished before the warm-up could, as one the warm-up finished', async () => {
    const dir = tempDir('empty-chair-ledger-swap-');
    generateLibrary(dir, { meetings: MEETINGS });
    const kernel = new Kernel({ storage: new LibraryStorage(dir, Conf), backupIntervalMs: null });
    kernels.push(kernel);
    kernel.library();
    kernel.loadAllMeetings(); // the first search, asked before the warm-up's first slice
    const built = kernel.ledger.rows;
    const expected = answers(kernel.ledger);
    await kernel.warmUp(); // finds the work done
    await vi.waitFor(() => expect(kernel.ledger.rows).not.toBe(built), { timeout: 60_000, interval: 20 }); // written, read back, swapped
    expect(fs.existsSync(path.join(dir, 'cache', LEDGER_FILE))).toBe(true);
    expect(answers(kernel.ledger)).toEqual(expected);
  });

  it('swaps a build for the file it wrote: the same answers, a change after it found, the next session reading no meeting', async () => {
    const dir = tempDir('empty-chair-ledger-swap-');
    const meetings = generateLibrary(dir, { meetings: MEETINGS });
    const storage = new LibraryStorage(dir, Conf);
    const kernel = new Kernel({ storage, backupIntervalMs: null });
    kernels.push(kernel);
    kernel.library();
    await kernel.warmUp(); // a build: there is no file yet
    const built = kernel.ledger.rows;
    const expected = answers(kernel.ledger);
    await vi.waitFor(() => expect(kernel.ledger.rows).not.toBe(built), { timeout: 60_000, interval: 20 }); // written, read back, swapped
    expect(answers(kernel.ledger)).toEqual(expected);
    kernel.mutateMeeting(meetings[3]!.id, undefined, (draft) => {
      draft.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
    });
    const zeppelin = kernel.ledger.search(ledgerQuery({ text: 'zeppelin' }), true);
    expect(zeppelin.entries.map((entry) => entry.meetingId)).toEqual([meetings[3]!.id]);
    const after = answers(kernel.ledger);
    kernels.splice(kernels.indexOf(kernel), 1);
    expect(kernel.persistence.close().unsavedChanges).toBe(0);
    kernel.closeLedger(true);
    const reads = vi.fn();
    class Counting extends LibraryStorage {
      override readMeeting(id: string) {
        reads(id);
        return super.readMeeting(id);
      }
    }
    const later = new Kernel({ storage: new Counting(dir, Conf), backupIntervalMs: null });
    kernels.push(later);
    later.loadAllMeetings();
    expect(reads).not.toHaveBeenCalled();
    expect(answers(later.ledger)).toEqual(after);
  });
});
