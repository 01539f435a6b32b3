/**
 * The worker thread's entry that builds the ledger's file (service/ledger/build.ts), bundled beside
 * the main one (dist-electron/ and dist-web/ledgerBuildWorker.cjs, self-contained): a worker runs a
 * file, and this one holds only the build, not the app.
 */
import { workerData } from 'node:worker_threads';
import { runLedgerBuild, type LedgerBuildJob } from './service/ledger/build';

runLedgerBuild(workerData as LedgerBuildJob);
