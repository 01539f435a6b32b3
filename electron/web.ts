/**
 * Browser mode: the same service and renderer without Electron, on 127.0.0.1 only.
 *   npm run web -- [--data-dir DIR] [--port N]
 * Prints one line with the URL that opens the app; Ctrl+C stops it with every write on disk
 * (writes are synchronous and atomic; stopping closes sockets, takes a backup, frees the folder).
 */
import Conf from 'conf';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../shared/errors';
import { openLibrary, type OpenLibrary } from './service/openLibrary';
import { readFlag, resolveDataDir } from './storage/dataDir';
import { DataDirLockedError } from './storage/lock';
import { startServer } from './server/httpServer';
import { createParticipantSharing } from './server/participantSharing';

/** EMPTY_CHAIR_RENDERER_DIR: see scripts/build-renderer.mjs (parallel test runs each serve their own build). */
const RENDERER_DIR = process.env.EMPTY_CHAIR_RENDERER_DIR
  ? path.resolve(process.env.EMPTY_CHAIR_RENDERER_DIR)
  : fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** Built beside this bundle (scripts/build-server.mjs); run from source there is none, and the ledger is built on the main thread. */
const LEDGER_BUILD_WORKER = fileURLToPath(new URL('./ledgerBuildWorker.cjs', import.meta.url));

function parsePort(argv: readonly string[]): number {
  const raw = readFlag(argv, '--port') ?? process.env.EMPTY_CHAIR_PORT;
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535, not "${raw}".`);
  return port;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let library: OpenLibrary;
  let port: number;
  try {
    port = parsePort(argv);
    library = openLibrary({
      dataDir: resolveDataDir(argv),
      StoreClass: Conf,
      role: 'browser mode',
      ledgerBuildWorker: LEDGER_BUILD_WORKER,
      // "Invite participants" serves the same renderer to participants, on the address the lead picks.
      sharing: createParticipantSharing({ staticDir: RENDERER_DIR }),
    });
  } catch (error) {
    const known = error instanceof DataDirLockedError || error instanceof ApiError || error instanceof Error;
    console.error(`Empty Chair could not start: ${known ? (error as Error).message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  for (const notice of library.service.notices) console.log(`Note: ${notice}`);

  // The ledger and the dashboard's figures are made ready in the background once the first list is
  // served (MeetingService.warmUpInBackground).
  library.service.warmUpInBackground();
  let server;
  try {
    server = await startServer({
      service: library.service,
      port,
      staticDir: RENDERER_DIR,
      dataDir: library.dataDir,
      onAnswered: (method) => library.service.answered(method),
    });
  } catch (error) {
    library.close();
    console.error(`Empty Chair could not listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Empty Chair is running in browser mode. Open ${server.appUrl}`);
  console.log(`Data folder: ${library.dataDir}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await server.close();
    const { unsavedChanges } = library.close();
    if (unsavedChanges > 0) {
      console.error(`Empty Chair stopped (${signal}), but ${unsavedChanges} change(s) could not be written to ${library.dataDir}.`);
      process.exit(1);
    }
    console.log(`Empty Chair stopped (${signal}); everything is saved.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
