/**
 * The desktop save path (electron/files.ts) under test: a thin stand-in for ipcMain (handlers in a
 * map, called as Electron would) and a host that saves into a temp dir and notes each filter asked.
 */
import path from 'node:path';
import { registerFileHandlers, SAVE_FILE_CHANNEL, type FileHost } from '../../electron/files';
import { tempDir } from './helpers';

export type SaveOutcome = { saved: boolean; path?: string; error?: string };

export function fileHandlers(overrides: Partial<FileHost> = {}) {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const dir = tempDir('empty-chair-files-');
  const asked: { name: string; extensions: string[]; defaultName: string }[] = [];
  const host: FileHost = {
    chooseSavePath: async (defaultName, filter) => {
      asked.push({ ...filter, defaultName });
      return path.join(dir, defaultName);
    },
    renderPdf: async (html) => new TextEncoder().encode(`%PDF-1.7 ${html.length}`),
    isTrustedSender: (event) => (event as { trusted?: boolean }).trusted === true,
    ...overrides,
  };
  const dispose = registerFileHandlers({ handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) }, host);
  /** A call on `channel`, from the app's own window when `trusted`. */
  const call = (channel: string, trusted: boolean, ...args: unknown[]) =>
    handlers.get(channel)!({ trusted }, ...args) as Promise<SaveOutcome>;
  /** Saves from the app's own window. */
  const save = (...args: unknown[]) => call(SAVE_FILE_CHANNEL, true, ...args);
  return { dir, asked, call, save, handlers, dispose };
}
