import { acquireDataDirLock, type DataDirLock } from '../storage/lock';
import type { StoreFileClass } from '../storage/documentStore';
import { LibraryStorage } from '../storage/libraryStorage';
import { createParticipantSharing } from '../server/participantServer';
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
  /**
   * The participant server for "Invite participants" (issue #5). Nothing listens until the lead
   * starts sharing. By default it serves the participant API only; the app and browser mode pass
   * one that also serves the renderer. null turns sharing off.
   */
  sharing?: SharingAdapter | null;
}): OpenLibrary {
  const lock: DataDirLock = acquireDataDirLock(options.dataDir, options.role);
  try {
    const service = new MeetingService({
      storage: new LibraryStorage(options.dataDir, options.StoreClass),
      backupIntervalMs: options.backupIntervalMs,
      sharing: options.sharing === undefined ? createParticipantSharing() : options.sharing,
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
