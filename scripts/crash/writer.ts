/**
 * The process the crash test kills: opens a data folder and writes meetings, answers and decisions
 * as fast as it can, printing one line per write AFTER the service acknowledged it (ok = on disk).
 * Lines: `ACK meeting <id> <revision>` and `ACK decision <meetingId> <decisionId>`. It also imports
 * customer evidence now and then (a new source, or more rows into one), and prints
 * `START evidence` when an import starts and `ACK evidence <sourceId> <itemCount>` once it is done
 * (committed): kills land mid-import too.
 */
import Conf from 'conf';
import fs from 'node:fs';
import type { Meeting } from '../../shared/domain';
import type { EvidenceLibrary, ImportProgress } from '../../shared/evidence/schema';
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

/** The evidence import under way: started now and then, its end acknowledged once it is done. */
let evidenceJob: string | null = null;
function evidenceStep(): void {
  const value = <T>(method: string, input: unknown): T => {
    const result = dispatch(library.service, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  if (evidenceJob) {
    const progress = value<ImportProgress>('evidence.importStatus', { jobId: evidenceJob });
    if (progress.state === 'running') return;
    if (progress.state !== 'done') throw new Error(`evidence import ${progress.state}: ${progress.error?.message}`);
    const source = value<EvidenceLibrary>('evidence.library', {}).sources.find((entry) => entry.id === progress.sourceId)!;
    say(`ACK evidence ${source.id} ${source.itemCount}`);
    evidenceJob = null;
    return;
  }
  if (random() > 0.25) return;
  // Rows 0..n-1: a re-import keeps what the source had and adds the rows it did not have.
  const rows = 20 + Math.floor(random() * 800);
  const text = 'id,comment\n' + Array.from({ length: rows }, (_, i) => `${i},Ticket ${i} about invoices and pricing`).join('\n');
  const sources = value<EvidenceLibrary>('evidence.library', {}).sources;
  const input = { kind: 'text', fileName: 'tickets.csv', text };
  const target =
    sources.length < 5 && random() < 0.5
      ? { source: { name: `Tickets ${sources.length + 1}`, kind: 'tickets' } }
      : sources.length > 0
        ? { sourceId: sources[Math.floor(random() * sources.length)]!.id }
        : { source: { name: 'Tickets 1', kind: 'tickets' } };
  evidenceJob = value<ImportProgress>('evidence.import', { ...target, input }).jobId;
  say('START evidence');
}

for (;;) {
  const roll = random();
  let result;
  if (random() < 0.05) await pause(random() * 15);
  else if (evidenceJob && random() < 0.3) await pause(0); // the import moves on between requests
  try {
    evidenceStep();
  } catch (error) {
    say(`ERROR evidence ${(error as Error).message}`);
    process.exit(3);
  }
  if (random() < 0.02) {
    result = dispatch(library.service, 'backups.create', {});
    // Refused while an evidence import runs (conflict): expected, it is tried again later.
    if (!result.ok && !(result.error.code === 'conflict' && evidenceJob)) say(`ERROR ${result.error.code} ${result.error.message}`);
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
