import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { Kernel } from '../../electron/service/kernel';
import { LibraryStorage } from '../../electron/storage/libraryStorage';
import { generateLibrary } from '../../scripts/bench/generate';
import { tempDir } from './helpers';

/**
 * Issue 20: the ledger's build reads every meeting, and must not keep them (10,000 meetings held
 * 362 MB of heap after one search). Only meetings the user opens, changes or imports stay in memory.
 */
const MEETINGS = 60;
const DECISIONS = MEETINGS * 20; // the generator's 20 decisions per meeting

const kernels: Kernel[] = [];
afterEach(() => kernels.splice(0).forEach((kernel) => kernel.persistence.close()));

function start(dir: string): Kernel {
  const kernel = new Kernel({ storage: new LibraryStorage(dir, Conf), backupIntervalMs: null });
  kernels.push(kernel);
  return kernel;
}
const everything = { offset: 0, limit: 1, review: 'any' } as const;

describe('the ledger build in memory', () => {
  it('indexes every meeting in the background without keeping any', async () => {
    const dir = tempDir();
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const kernel = start(dir);
    await kernel.warmUp();
    expect(kernel.ledgerIsComplete).toBe(true);
    expect(kernel.ledger.search(everything, true).total).toBe(DECISIONS);
    expect(kernel.keptMeetings).toBe(0);
  });

  it('keeps the meetings the user opens or changes, and the search follows their changes', () => {
    const dir = tempDir();
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const kernel = start(dir);
    kernel.loadAllMeetings(); // what the first search does when the background build has not run
    expect(kernel.keptMeetings).toBe(0);
    const [first, second] = kernel.index.meetings;
    const opened = kernel.meeting(first!.id);
    expect(kernel.keptMeetings).toBe(1);
    kernel.mutateMeeting(second!.id, undefined, (draft) => {
      draft.agenda[0]!.decisions[0]!.text = 'Retire the zeppelin programme';
    });
    expect(kernel.keptMeetings).toBe(2);
    const found = kernel.ledger.search({ ...everything, text: 'zeppelin' }, true);
    expect(found.entries.map((entry) => entry.meetingId)).toEqual([second!.id]);
    // A decision's words are found again from its text to take them out (its document keeps no list).
    kernel.mutateMeeting(second!.id, undefined, (draft) => {
      draft.agenda[0]!.decisions[0]!.text = 'Retire the airship programme';
    });
    expect(kernel.ledger.search({ ...everything, text: 'zeppelin' }, true).total).toBe(0);
    expect(kernel.ledger.search({ ...everything, text: 'airship programme' }, true).total).toBe(1);
    expect(kernel.ledger.search(everything, true).total).toBe(DECISIONS);
    expect(kernel.ledger.search({ ...everything, meetingIds: [opened.id] }, true).total).toBe(20);
  });

  it('rebuilds after a restore without keeping more than the meetings that were open', () => {
    const dir = tempDir();
    generateLibrary(dir, { meetings: MEETINGS, keep: false });
    const kernel = start(dir);
    kernel.loadAllMeetings();
    kernel.meeting(kernel.index.meetings[3]!.id);
    kernel.reload(); // as after a restore: everything read again
    expect(kernel.ledgerIsComplete).toBe(false);
    kernel.loadAllMeetings();
    expect(kernel.ledger.search(everything, true).total).toBe(DECISIONS);
    expect(kernel.keptMeetings).toBe(1);
  });
});
