/**
 * The Evidence screen in the desktop app: when window.emptyChair offers openEvidenceFiles, files are
 * chosen in the native dialog and imported where they lie. Here the preload's method is backed by
 * the real main-process handler (electron/evidenceDialog.ts) on the real service, with a stand-in
 * for the dialog answering with real files: nothing is read in the page or sent in chunks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_EVIDENCE_CHANNEL, registerEvidenceDialog } from '../../electron/evidenceDialog';
import type { EvidenceLibrary } from '../../shared/evidence/schema';
import { renderApp, serviceValue, type Harness } from './harness';

let harness: Harness | undefined;
let folder = '';
afterEach(() => {
  harness?.close();
  harness = undefined;
  delete (window as { emptyChair?: unknown }).emptyChair;
  fs.rmSync(folder, { recursive: true, force: true });
});

/** The app with a native dialog that picks `answer()` (real files in a temp folder). */
function openWithDialog(answer: () => string[]) {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-native-'));
  window.history.replaceState(null, '', '/#/evidence');
  harness = renderApp((library) => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    registerEvidenceDialog(
      { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
      { chooseOpenPaths: async () => answer(), uploads: library.service.evidence.uploads, isTrustedSender: () => true },
    );
    (window as { emptyChair?: unknown }).emptyChair = {
      openEvidenceFiles: (purpose: string) => handlers.get(OPEN_EVIDENCE_CHANNEL)!({}, purpose),
    };
  });
  return harness;
}

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(folder, name), text);
  return path.join(folder, name);
}

const sent = (calls: Harness['calls']) => calls.filter((call) => /upload(Start|Chunk)/.test(call.method));

describe('Evidence screen with the native dialog', () => {
  it('imports several Markdown notes picked in the dialog, read where they lie', async () => {
    let picked: string[] = [];
    const { library, calls } = openWithDialog(() => picked);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import customer evidence' });
    expect(within(dialog).queryByLabelText(/^File/)).toBeNull(); // no file input: the dialog picks
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'interviews');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('Choose a file to import.');

    picked = [write('tickets.csv', 'comment\nSlow\n'), write('globex.md', 'x')];
    await user.click(within(dialog).getByRole('button', { name: 'Choose files…' }));
    await within(dialog).findByText(/tickets\.csv: only Markdown or text files can be imported several at once/);

    picked = [
      write('acme-call.md', 'We need single sign-on before we roll out.\n\nThe audit log is missing.\n'),
      write('globex.md', '---\ncustomer: Globex Inc\n---\nThe price is too high for our team.\n'),
    ];
    await user.click(within(dialog).getByRole('button', { name: 'Choose files…' }));
    await within(dialog).findByText('acme-call.md, globex.md');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Import' }));
    await within(dialog).findByText('All 2 files: 3 added, 0 updated, 0 unchanged.', undefined, { timeout: 20_000 });

    const stored = serviceValue<EvidenceLibrary>(library, 'evidence.library', {});
    // Named after the first file picked, as with the file input.
    expect(stored.sources.map((source) => [source.name, source.kind, source.itemCount])).toEqual([['acme-call.md', 'interviews', 3]]);
    expect(sent(calls)).toEqual([]);
    expect(
      calls.filter((call) => call.method === 'evidence.import').map((call) => (call.input as { input: { kind: string } }).input.kind),
    ).toEqual(['upload', 'upload']);
    for (const file of picked) expect(fs.existsSync(file)).toBe(true);
  });

  it('imports an accounts file picked in the dialog', async () => {
    const csv = 'id,name,domain,segment,arr,currency\nA1,Acme,acme.com,Enterprise,300000,USD\nG2,Globex,globex.io,SMB,110000,USD\n';
    const { library, calls } = openWithDialog(() => [write('accounts.csv', csv)]);
    const user = userEvent.setup();
    const accounts = await screen.findByRole('region', { name: 'Accounts' });
    await user.click(within(accounts).getByRole('button', { name: 'Import accounts…' }));
    await within(accounts).findByText('Imported 2 accounts from accounts.csv.', undefined, { timeout: 20_000 });
    expect(serviceValue<EvidenceLibrary>(library, 'evidence.library', {}).accountCount).toBe(2);
    expect(sent(calls)).toEqual([]);
  });
});
