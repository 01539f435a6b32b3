import { acquireDataDirLock, type DataDirLock } from '../storage/lock';
import type { StoreFileClass } from '../storage/documentStore';
import { LibraryStorage } from '../storage/libraryStorage';
import { MeetingService } from './meetingService';
import type { SharingAdapter } from './participants';

export interface OpenLibrary {
  dataDir: string;
  service: MeetingService;
  /**
   * Writes what is still unsaved, takes a backup if anything changed, and releases the data folder.
   * Returns how many changes could not be written (the caller tells the user).
   */
  close(): { unsavedChanges: number };
}

/**
 * Takes the data folder's lock, then reads the library. `StoreClass` is electron-store in the
 * desktop app and conf (its base class) in browser mode and tests.
 */
export function openLibrary(options: {
  dataDir: string;
  StoreClass: StoreFileClass;
  role: string;
  backupIntervalMs?: number | null;
  /** How long after the last save the save journals are folded into the files (default 2 s). */
  compactAfterMs?: number;
  /**
   * The participant server for "Invite participants" (issue #5). Nothing listens until the lead
   * starts sharing. Absent (the CLI, scripts, most tests) there is no sharing at all: sharing.start
   * answers 'forbidden'. The app and browser mode pass electron/server's adapter explicitly, so the
   * service never reaches for a network layer on its own.
   */
  sharing?: SharingAdapter | null;
  /** See KernelOptions.readLedgerAhead. */
  readLedgerAhead?: boolean | 'anySize';
  /** See KernelOptions.ledgerBuildWorker: the app and browser mode pass the file built beside their bundle. */
  ledgerBuildWorker?: string | null;
}): OpenLibrary {
  const lock: DataDirLock = acquireDataDirLock(options.dataDir, options.role);
  try {
    const service = new MeetingService({
      storage: new LibraryStorage(options.dataDir, options.StoreClass),
      backupIntervalMs: options.backupIntervalMs,
      compactAfterMs: options.compactAfterMs,
      sharing: options.sharing ?? null,
      readLedgerAhead: options.readLedgerAhead,
      ledgerBuildWorker: options.ledgerBuildWorker,
    });
    let closed: { unsavedChanges: number } | undefined;
    const close = () => {
      if (closed) return closed;
      try {
        closed = service.close();
      } finally {
        lock.release();
      }
      return closed;
    };
    return { dataDir: options.dataDir, service, close };
  } catch (error) {
    lock.release();
    throw error;
  }
}
