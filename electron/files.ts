/**
 * Saving exports from the desktop app: a native save dialog, then an atomic write; and PDF through
 * Chromium's printToPDF of the export's self-contained HTML in a hidden window with JavaScript off.
 * Electron is reached only through the injected `FileHost`, so tests drive this with thin stand-ins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeFileName } from '../shared/export/fileName';

export const SAVE_FILE_CHANNEL = 'empty-chair:save-file';
export const PRINT_PDF_CHANNEL = 'empty-chair:print-pdf';
/** Large enough for a year of meetings as CSV or JSON; a bound so a bad page cannot exhaust memory. */
export const MAX_EXPORT_CHARS = 50 * 1024 * 1024;
const MIME_EXTENSIONS: Record<string, { extension: string; label: string }> = {
  'text/markdown': { extension: 'md', label: 'Markdown' },
  'text/html': { extension: 'html', label: 'Web page' },
  'text/csv': { extension: 'csv', label: 'CSV' },
  'application/json': { extension: 'json', label: 'JSON' },
  'application/pdf': { extension: 'pdf', label: 'PDF' },
  'text/calendar': { extension: 'ics', label: 'Calendar' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extension: 'xlsx', label: 'Excel workbook' },
};
/** Types whose content comes as bytes (a Uint8Array through IPC), not text. */
const BINARY_TYPES = new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

export interface SaveOutcome {
  saved: boolean;
  path?: string;
  error?: string;
}

export interface FileHost {
  /** Asks where to save; null when the user cancels. */
  chooseSavePath(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** Renders self-contained HTML to PDF bytes (hidden window, no scripts). */
  renderPdf(html: string): Promise<Uint8Array>;
  isTrustedSender(event: unknown): boolean;
}

interface HandleLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Writes next to the target and renames over it, so a failure never leaves half a file. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** The bytes of a binary export; the same bound as text, in bytes. */
function checkBytes(value: unknown, name: string, max: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error(`${name} must be the bytes of the file.`);
  if (value.byteLength > max) throw new Error(`${name} is larger than Empty Chair saves (${max} bytes).`);
  return value;
}

function checkText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string') throw new Error(`${name} must be text.`);
  if (value.length > max) throw new Error(`${name} is larger than Empty Chair saves (${max} characters).`);
  return value;
}

async function save(host: FileHost, fileName: string, mime: string, data: () => Promise<string | Uint8Array>): Promise<SaveOutcome> {
  const kind = MIME_EXTENSIONS[mime]!;
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const target = await host.chooseSavePath(safeFileName(base, kind.extension), { name: kind.label, extensions: [kind.extension] });
  if (!target) return { saved: false };
  try {
    writeFileAtomic(target, await data());
    return { saved: true, path: target };
  } catch (error) {
    return { saved: false, error: `Could not save ${target}: ${(error as Error).message}` };
  }
}

/** Registers the two channels; every call from an untrusted sender, or with bad arguments, is refused. */
export function registerFileHandlers(ipcMain: HandleLike, host: FileHost): () => void {
  const refuse = (message: string): SaveOutcome => ({ saved: false, error: message });
  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, fileName, mimeType, content) => {
    if (!host.isTrustedSender(event)) return refuse('Only the Empty Chair window may save files.');
    try {
      const name = checkText(fileName, 'The file name', 300);
      // 'text/markdown;charset=utf-8' and 'text/markdown' are the same kind of file.
      const mime = checkText(mimeType, 'The file type', 100).split(';')[0]!.trim().toLowerCase();
      if (!MIME_EXTENSIONS[mime] || mime === 'application/pdf') return refuse(`Empty Chair does not save files of type ${mime}.`);
      const data = BINARY_TYPES.has(mime)
        ? checkBytes(content, 'The content', MAX_EXPORT_CHARS)
        : checkText(content, 'The content', MAX_EXPORT_CHARS);
      return await save(host, name, mime, async () => data);
    } catch (error) {
      return refuse((error as Error).message);
    }
  });
  ipcMain.handle(PRINT_PDF_CHANNEL, async (event, fileName, html) => {
    if (!host.isTrustedSender(event)) return refuse('Only the Empty Chair window may save files.');
    try {
      const name = checkText(fileName, 'The file name', 300);
      const page = checkText(html, 'The page', MAX_EXPORT_CHARS);
      return await save(host, name, 'application/pdf', () => host.renderPdf(page));
    } catch (error) {
      return refuse((error as Error).message);
    }
  });
  return () => {
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
    ipcMain.removeHandler(PRINT_PDF_CHANNEL);
  };
}
