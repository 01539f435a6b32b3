/**
 * The .xlsx export on the desktop save path (electron/files.ts): bytes through IPC are written as
 * they came, with the Excel filter; text in their place, or a text type with bytes, is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_CHARS } from '../../electron/files';
import { XLSX_MIME } from '../../shared/export/spreadsheet';
import { fileHandlers } from './fileHandlers';

describe('saving an .xlsx from the desktop app', () => {
  it('writes the bytes exactly, as an Excel workbook', async () => {
    const { asked, save } = fileHandlers();
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 10, 13]);
    const outcome = await save('2026-11-24 Review.xlsx', XLSX_MIME, bytes);
    expect(asked).toEqual([{ name: 'Excel workbook', extensions: ['xlsx'], defaultName: '2026-11-24 Review.xlsx' }]);
    expect(outcome.saved).toBe(true);
    expect(path.basename(outcome.path!)).toBe('2026-11-24 Review.xlsx');
    expect(new Uint8Array(fs.readFileSync(outcome.path!))).toEqual(bytes);
  });

  it('refuses text for a workbook and bytes for a text type, and a workbook over the limit', async () => {
    const { save } = fileHandlers();
    expect(await save('a.xlsx', XLSX_MIME, 'PK')).toMatchObject({ saved: false, error: /bytes of the file/ });
    expect(await save('a.md', 'text/markdown', new Uint8Array([1]))).toMatchObject({ saved: false, error: /must be text/ });
    expect((await save('a.xlsx', XLSX_MIME, new Uint8Array(MAX_EXPORT_CHARS))).saved).toBe(true);
    expect(await save('a.xlsx', XLSX_MIME, new Uint8Array(MAX_EXPORT_CHARS + 1))).toMatchObject({ saved: false, error: /larger/ });
  });
});
