/**
 * The process the crash test kills: opens a data folder and writes meetings, answers and decisions
 * as fast as it can, printing one line per write AFTER the service acknowledged it (ok = on disk).
 * Lines: `ACK meeting <id> <revision>` and `ACK decision <meetingId> <decisionId>`.
 */
import Conf from 'conf';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';

const [dataDir, seedText] = process.argv.slice(2);
let seed = Number(seedText) || 1;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const say = (line: string) => fs.writeSync(1, `${line}\n`); // synchronous: printed means printed

// Saves go to journals first; a short pause folds them into the files (electron/storage/journal.ts).
// The writer pauses now and then, and takes backups, so kills land in those folds too.
const library = openLibrary({
  dataDir: dataDir!,
  StoreClass: Conf,
  role: 'crash-test writer',
  compactAfterMs: 1 + Math.floor(random() * 10),
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = library.service.library().meetings.map((m) => m.id);
say('READY');

for (;;) {
  const roll = random();
  let result;
  if (random() < 0.05) await pause(random() * 15);
  if (random() < 0.02) {
    result = dispatch(library.service, 'backups.create', {});
    if (!result.ok) say(`ERROR ${result.error.code} ${result.error.message}`);
    continue;
  }
  if (ids.length === 0 || (roll < 0.08 && ids.length < 40)) {
    result = dispatch(library.service, 'meetings.create', {
      title: `Crash-test meeting ${ids.length + 1}`,
      scheduledAt: new Date().toISOString(),
      agenda: [{ title: 'First' }, { title: 'Second' }, { title: 'Third' }],
    });
    if (result.ok) ids.push((result.value as Meeting).id);
  } else {
    const id = ids[Math.floor(random() * ids.length)]!;
    const meeting = library.service.meeting(id);
    const item = meeting.agenda[Math.floor(random() * meeting.agenda.length)]!;
    if (roll < 0.45) {
      result = dispatch(library.service, 'agenda.update', {
        meetingId: id,
        itemId: item.id,
        changes: { notes: `notes ${random()}`.repeat(1 + Math.floor(random() * 40)) },
      });
    } else if (roll < 0.7 && item.decisions.length < 150) {
      result = dispatch(library.service, 'decisions.add', {
        meetingId: id,
        itemId: item.id,
        decision: { text: `Decision ${random()}`, tagIds: ['pricing'] },
      });
      if (result.ok) {
        const saved = result.value as Meeting;
        const decisions = saved.agenda.find((i) => i.id === item.id)!.decisions;
        say(`ACK decision ${id} ${decisions[decisions.length - 1]!.id}`);
      }
    } else {
      result = dispatch(library.service, 'chair.answer', {
        meetingId: id,
        itemId: item.id,
        changes: { text: `Answer ${random()}`, direction: 'helps' },
      });
    }
  }
  if (result && !result.ok) {
    say(`ERROR ${result.error.code} ${result.error.message}`);
    process.exit(3);
  }
  if (result?.ok) {
    const saved = result.value as Meeting;
    say(`ACK meeting ${saved.id} ${saved.revision}`);
  }
}
