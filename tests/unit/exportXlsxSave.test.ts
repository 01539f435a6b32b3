/**
 * The .xlsx export on the desktop save path (electron/files.ts): bytes through IPC are written as
 * they came, with the Excel filter; text in their place, or a text type with bytes, is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_CHARS, registerFileHandlers, SAVE_FILE_CHANNEL, type FileHost } from '../../electron/files';
import { XLSX_MIME } from '../../shared/export/spreadsheet';
import { tempDir } from './helpers';

function setup() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const dir = tempDir('empty-chair-xlsx-save-');
  const asked: { name: string; extensions: string[] }[] = [];
  const host: FileHost = {
    chooseSavePath: async (defaultName, filter) => {
      asked.push(filter);
      return path.join(dir, defaultName);
    },
    renderPdf: async () => new Uint8Array(),
    isTrustedSender: () => true,
  };
  registerFileHandlers({ handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) }, host);
  const save = (...args: unknown[]) =>
    handlers.get(SAVE_FILE_CHANNEL)!({}, ...args) as Promise<{ saved: boolean; path?: string; error?: string }>;
  return { asked, save };
}

describe('saving an .xlsx from the desktop app', () => {
  it('writes the bytes exactly, as an Excel workbook', async () => {
    const { asked, save } = setup();
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 10, 13]);
    const outcome = await save('2026-11-24 Review.xlsx', XLSX_MIME, bytes);
    expect(asked).toEqual([{ name: 'Excel workbook', extensions: ['xlsx'] }]);
    expect(outcome.saved).toBe(true);
    expect(path.basename(outcome.path!)).toBe('2026-11-24 Review.xlsx');
    expect(new Uint8Array(fs.readFileSync(outcome.path!))).toEqual(bytes);
  });

  it('refuses text for a workbook and bytes for a text type, and a workbook over the limit', async () => {
    const { save } = setup();
    expect(await save('a.xlsx', XLSX_MIME, 'PK')).toMatchObject({ saved: false, error: /bytes of the file/ });
    expect(await save('a.md', 'text/markdown', new Uint8Array([1]))).toMatchObject({ saved: false, error: /must be text/ });
    expect((await save('a.xlsx', XLSX_MIME, new Uint8Array(MAX_EXPORT_CHARS))).saved).toBe(true);
    expect(await save('a.xlsx', XLSX_MIME, new Uint8Array(MAX_EXPORT_CHARS + 1))).toMatchObject({ saved: false, error: /larger/ });
  });
});
