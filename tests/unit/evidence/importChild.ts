/**
 * A child process for the kill test: opens the library in argv[2], re-imports argv[3] into the
 * first source, and prints its progress as JSON lines until the parent SIGKILLs it.
 */
import Conf from 'conf';
import { dispatch } from '../../../electron/service/dispatch';
import { openLibrary } from '../../../electron/service/openLibrary';
import type { EvidenceLibrary, ImportProgress } from '../../../shared/evidence/schema';

const [dataDir, file] = process.argv.slice(2);
const library = openLibrary({ dataDir: dataDir!, StoreClass: Conf, role: 'kill-test', backupIntervalMs: null });
const value = <T>(method: string, input: unknown): T => {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
};
const sourceId = value<EvidenceLibrary>('evidence.library', {}).sources[0]!.id;
const { jobId } = value<ImportProgress>('evidence.import', { sourceId, input: { kind: 'path', path: file } });
const timer = setInterval(() => {
  const progress = value<ImportProgress>('evidence.importStatus', { jobId });
  process.stdout.write(JSON.stringify({ rowsRead: progress.rowsRead, state: progress.state }) + '\n');
  if (progress.state !== 'running') clearInterval(timer);
}, 5);
