/**
 * The ledger of a first start built on a worker thread (electron/service/ledger/build.ts and
 * buildAhead.ts), run from the worker entry bundled as the app bundles it: the main thread reads no
 * meeting for it, and the ledger it takes from the worker's file answers as a build on the main
 * thread answers, with this session's changes made meanwhile, and with what the worker leaves out
 * (a damaged file) read and reported by the main thread. A worker that cannot run costs nothing.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '../../shared/domain';
import type { LedgerQuery } from '../../shared/ledger';
import { Kernel } from '../../electron/service/kernel';
import { LedgerBuildAhead } from '../../electron/service/ledger/buildAhead';
import { BUILD_IN_WORKER_FROM } from '../../electron/service/ledger/keeper';
import { LEDGER_FILE } from '../../electron/service/ledger/snapshot';
import { LedgerIndex } from '../../electron/service/ledgerIndex';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { bundleForNode } from '../../scripts/build-server.mjs';
import { tempDir } from './helpers';

const MEETINGS = BUILD_IN_WORKER_FROM + 10;
const QUERIES: LedgerQuery[] = [{}, { text: 'pricing' }, { text: 'ship onboarding chan' }, { owner: 'ana' }, { text: 'zeppelin' }];
const answers = (ledger: LedgerIndex) => QUERIES.map((query) => ledger.search({ offset: 0, limit: 500, review: 'any', ...query }, true));

let workerFile: string;
beforeAll(async () => {
  workerFile = await bundleForNode('ledgerBuildWorker.ts', tempDir('empty-chair-ledger-worker-'), 'ledgerBuildWorker.cjs');
}, 120_000);

class CountingStorage extends LibraryStorage {
  reads: string[] = [];
  override readMeeting(id: string): Meeting {
    this.reads.push(id);
    return super.readMeeting(id);
  }
}

const kernels: Kernel[] = [];
afterEach(() => {
  kernels.splice(0).forEach((kernel) => kernel.persistence.close());
  vi.restoreAllMocks();
});

function session(dir: string, worker: string | null = workerFile) {
  const storage = new CountingStorage(dir, Conf);
  const kernel = new Kernel({ storage, backupIntervalMs: null, ledgerBuildWorker: worker });
  kernels.push(kernel);
  kernel.library(); // the first list: the warm-up waits for it
  return { kernel, storage };
}

/** The ledger built on this thread from every meeting file (no session open). */
function fresh(dir: string) {
  const storage = new LibraryStorage(dir, Conf);
  const ledger = new LedgerIndex();
  for (const { id } of storage.open().index.meetings) {
    try {
      ledger.update(storage.readMeeting(id));
    } catch {
      // a damaged file: left out, as the session leaves it out
    }
  }
  return answers(ledger);
}

/** Resolves once the warm-up has started the worker (and it has not finished yet: the test's change comes while it builds). */
async function workerStarted() {
  const start = vi.spyOn(LedgerBuildAhead, 'start');
  await vi.waitFor(() => expect(start).toHaveReturned(), { timeout: 30_000, interval: 2 });
  const build = start.mock.results[0]!.value as LedgerBuildAhead | null;
  expect(build).not.toBeNull();
  expect(build!.settled).toBe(false);
}

const zeppelin = (kernel: Kernel, id: string) =>
  kernel.mutateMeeting(id, undefined, (draft) => {
    draft.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
  });

describe('the ledger built on a worker', () => {
  it('builds a first start in the warm-up: no meeting read on this thread, the file written, the answers of a build here', async () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const { kernel, storage } = session(dir);
    await kernel.warmUp();
    expect(kernel.ledgerIsComplete).toBe(true);
    expect(storage.reads).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'cache', LEDGER_FILE))).toBe(true);
    expect(answers(kernel.ledger)).toEqual(fresh(dir));
    expect(kernel.ledger.search({ offset: 0, limit: 1, review: 'any' }, true).total).toBe(MEETINGS * 20);
  });

  it('makes a search asked before the warm-up wait for the worker, and answer whole', () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const { kernel, storage } = session(dir);
    kernel.loadAllMeetings(); // what ledger.search does first
    expect(kernel.ledgerIsComplete).toBe(true);
    expect(storage.reads).toEqual([]);
    expect(answers(kernel.ledger)).toEqual(fresh(dir));
  });

  it("keeps this session's changes made while the worker builds: memory wins over the worker's reading", async () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    const meetings = generateLibrary(dir, { meetings: MEETINGS });
    const { kernel } = session(dir);
    const warming = kernel.warmUp();
    await workerStarted();
    zeppelin(kernel, meetings[3]!.id);
    kernel.storage.trashMeeting(meetings[5]!.id); // as the service deletes (areas/meetings.ts)
    kernel.forgetMeeting(meetings[5]!.id);
    await warming;
    const found = kernel.ledger.search({ offset: 0, limit: 10, review: 'any', text: 'zeppelin' }, true);
    expect(found.entries.map((entry) => entry.meetingId)).toEqual([meetings[3]!.id]);
    expect(kernel.ledger.search({ offset: 0, limit: 1, review: 'any', meetingIds: [meetings[5]!.id] }, true).total).toBe(0);
    expect(answers(kernel.ledger)).toEqual(fresh(dir));
  });

  it('leaves a damaged meeting file to this thread, which reads it, reports it and searches the rest', () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    const meetings = generateLibrary(dir, { meetings: MEETINGS });
    const damaged = meetings[7]!.id;
    fs.writeFileSync(path.join(dir, 'meetings', `${damaged}.json`), '{"schemaVersion": 3, "cut off');
    const { kernel, storage } = session(dir);
    kernel.loadAllMeetings();
    expect(storage.reads).toEqual([damaged]);
    expect(storage.notices.join('\n')).toContain(damaged);
    expect(kernel.ledger.search({ offset: 0, limit: 1, review: 'any' }, true).total).toBe((MEETINGS - 1) * 20);
    expect(answers(kernel.ledger)).toEqual(fresh(dir));
  });

  it('builds on this thread when the worker cannot run, and when there is no worker entry', () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const broken = path.join(tempDir('empty-chair-ledger-worker-'), 'broken.cjs');
    fs.writeFileSync(broken, 'throw new Error("this worker entry fails as it loads");');
    const expected = fresh(dir);
    const start = vi.spyOn(LedgerBuildAhead, 'start');
    const told = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const worker of [broken, path.join(dir, 'missing.cjs'), null]) {
      fs.rmSync(path.join(dir, 'cache', LEDGER_FILE), { force: true });
      const { kernel, storage } = session(dir, worker);
      kernel.loadAllMeetings();
      // The broken entry's bootstrap raised the flag as failed: the search did not wait out its limit.
      if (worker === broken) expect((start.mock.results.at(-1)!.value as LedgerBuildAhead).settled).toBe(true);
      expect(storage.reads).toHaveLength(MEETINGS);
      expect(answers(kernel.ledger)).toEqual(expected);
      kernels.splice(kernels.indexOf(kernel), 1);
      kernel.persistence.close();
      kernel.closeLedger(true);
    }
    // The broken entry's fall-back and the missing entry are said, once each; no entry at all is the CLI's way.
    expect(told.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('the ledger was not built on a worker (it failed)'),
      expect.stringContaining(`the ledger's worker entry ${path.join(dir, 'missing.cjs')} is missing`),
    ]);
  });

  it('lets a restore while the worker builds stop it: the ledger is read again from the restored files', async () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    const meetings = generateLibrary(dir, { meetings: MEETINGS });
    const { kernel } = session(dir);
    void kernel.warmUp();
    await workerStarted();
    const file = path.join(dir, 'meetings', `${meetings[4]!.id}.json`);
    const restored = JSON.parse(fs.readFileSync(file, 'utf8')) as Meeting;
    restored.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
    fs.writeFileSync(`${file}.new`, JSON.stringify(restored));
    fs.renameSync(`${file}.new`, file); // as a restore replaces the files
    kernel.reload();
    kernel.loadAllMeetings();
    const found = kernel.ledger.search({ offset: 0, limit: 10, review: 'any', text: 'zeppelin' }, true);
    expect(found.entries.map((entry) => entry.meetingId)).toEqual([meetings[4]!.id]);
    expect(answers(kernel.ledger)).toEqual(fresh(dir));
  });

  it('closes while the worker builds: the next session answers whole, with the change made meanwhile', async () => {
    const dir = tempDir('empty-chair-ledger-worker-');
    const meetings = generateLibrary(dir, { meetings: MEETINGS });
    const { kernel, storage } = session(dir);
    const warming = kernel.warmUp();
    await workerStarted();
    zeppelin(kernel, meetings[2]!.id);
    kernels.splice(kernels.indexOf(kernel), 1);
    expect(kernel.persistence.close().unsavedChanges).toBe(0);
    kernel.closeLedger(true);
    await warming; // stops: it neither builds on this thread once closed nor writes later
    expect(storage.reads).toEqual([meetings[2]!.id]); // the change's own read, no more
    expect(kernel.ledgerIsComplete).toBe(false);
    const later = session(dir);
    later.kernel.loadAllMeetings();
    expect(later.kernel.ledgerIsComplete).toBe(true);
    expect(answers(later.kernel.ledger)).toEqual(fresh(dir));
    expect(later.kernel.ledger.search({ offset: 0, limit: 10, review: 'any', text: 'zeppelin' }, true).total).toBe(1);
  });
});
