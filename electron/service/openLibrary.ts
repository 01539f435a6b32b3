import { acquireDataDirLock, type DataDirLock } from '../storage/lock';
import type { StoreFileClass } from '../storage/documentStore';
import { LibraryStorage } from '../storage/libraryStorage';
import { MeetingService } from './meetingService';

export interface OpenLibrary {
  dataDir: string;
  service: MeetingService;
  /** Releases the data folder. Every write is synchronous, so nothing is pending by then. */
  close(): void;
}

/**
 * Takes the data folder's lock, then reads the library. `StoreClass` is electron-store in the
 * desktop app and conf (its base class) in browser mode and tests.
 */
export function openLibrary(options: { dataDir: string; StoreClass: StoreFileClass; role: string }): OpenLibrary {
  const lock: DataDirLock = acquireDataDirLock(options.dataDir, options.role);
  try {
    const service = new MeetingService({ storage: new LibraryStorage(options.dataDir, options.StoreClass) });
    return { dataDir: options.dataDir, service, close: () => lock.release() };
  } catch (error) {
    lock.release();
    throw error;
  }
}
