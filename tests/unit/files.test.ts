import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_CHARS, PRINT_PDF_CHANNEL, SAVE_FILE_CHANNEL } from '../../electron/files';
import { fileHandlers } from './fileHandlers';

describe('saving exports from the desktop app', () => {
  it('asks where to save with a safe name and the right filter, then writes the file', async () => {
    const { dir, asked, call } = fileHandlers();
    const outcome = await call(SAVE_FILE_CHANNEL, true, 'CON: pricing/review?.md', 'text/markdown', '# Summary\n');
    expect(asked).toEqual([{ name: 'Markdown', extensions: ['md'], defaultName: expect.stringMatching(/\.md$/) }]);
    expect(asked[0]!.defaultName).not.toMatch(/[/:?]|^CON\./i);
    expect(outcome).toEqual({ saved: true, path: path.join(dir, asked[0]!.defaultName) });
    expect(fs.readFileSync(outcome.path!, 'utf8')).toBe('# Summary\n');
    expect(fs.readdirSync(dir)).toEqual([asked[0]!.defaultName]); // no temp file left
  });

  it('accepts a type with a charset, as shared/export gives it', async () => {
    const { asked, call } = fileHandlers();
    expect((await call(SAVE_FILE_CHANNEL, true, 'a.csv', 'text/csv;charset=utf-8', 'x')).saved).toBe(true);
    expect(asked[0]!.extensions).toEqual(['csv']);
  });

  it('renders PDF from the HTML and saves it', async () => {
    const { call } = fileHandlers();
    const outcome = await call(PRINT_PDF_CHANNEL, true, 'Summary.pdf', '<!doctype html><p>hi</p>');
    expect(outcome.saved).toBe(true);
    expect(fs.readFileSync(outcome.path!, 'utf8')).toBe('%PDF-1.7 24');
  });

  it('does nothing when the user cancels', async () => {
    const { dir, call } = fileHandlers({ chooseSavePath: async () => null });
    expect(await call(SAVE_FILE_CHANNEL, true, 'a.csv', 'text/csv', 'x')).toEqual({ saved: false });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses untrusted senders, unknown types, and oversized or non-text content without asking', async () => {
    const { asked, call } = fileHandlers();
    expect(await call(SAVE_FILE_CHANNEL, false, 'a.md', 'text/markdown', 'x')).toMatchObject({
      saved: false,
      error: /Only the Empty Chair window/,
    });
    expect(await call(PRINT_PDF_CHANNEL, false, 'a.pdf', '<p>')).toMatchObject({ saved: false, error: /Only the Empty Chair window/ });
    expect(await call(SAVE_FILE_CHANNEL, true, 'a.exe', 'application/x-msdownload', 'x')).toMatchObject({
      error: /does not save files of type/,
    });
    expect(await call(SAVE_FILE_CHANNEL, true, 'a.md', 'text/markdown', { toString: () => 'x' })).toMatchObject({ error: /must be text/ });
    expect(await call(SAVE_FILE_CHANNEL, true, 'a.md', 'text/markdown', 'x'.repeat(MAX_EXPORT_CHARS + 1))).toMatchObject({
      error: /larger than/,
    });
    expect(asked).toEqual([]);
  });

  it('reports a write that fails, naming the path, and leaves no partial file', async () => {
    const { dir, call } = fileHandlers({ chooseSavePath: async () => path.join(dir, 'missing-folder', 'a.md') });
    const outcome = await call(SAVE_FILE_CHANNEL, true, 'a.md', 'text/markdown', 'x');
    expect(outcome).toMatchObject({ saved: false, error: expect.stringContaining(path.join(dir, 'missing-folder', 'a.md')) });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes its handlers when disposed', () => {
    const { handlers, dispose } = fileHandlers();
    dispose();
    expect(handlers.size).toBe(0);
  });
});
