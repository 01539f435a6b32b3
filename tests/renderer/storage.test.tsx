import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { createClient } from '../../renderer/src/api/client';
import { ClientContext } from '../../renderer/src/app/clientContext';
import { BackupsButton } from '../../renderer/src/features/storage/BackupsButton';
import { StorageBanner } from '../../renderer/src/features/storage/StorageBanner';
import { useStorageStatus } from '../../renderer/src/features/storage/useStorageStatus';
import { refuseWrites } from '../unit/helpers';

const open: OpenLibrary[] = [];
afterEach(() => {
  cleanup();
  open.splice(0).forEach((library) => library.close());
});

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-storage-ui-'));
}
function start(dataDir: string) {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
  open.push(library);
  return library;
}
function call<T>(library: OpenLibrary, method: string, input: unknown): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

function StorageUi() {
  const status = useStorageStatus();
  return (
    <>
      <StorageBanner status={status} />
      <BackupsButton status={status} />
    </>
  );
}
function renderStorage(library: OpenLibrary) {
  const transport: Transport = {
    invoke: async (method, input) => dispatch(library.service, method, input),
    subscribe: (listener) => library.service.events.subscribe(listener),
  };
  return render(
    <ClientContext.Provider value={createClient(transport)}>
      <StorageUi />
    </ClientContext.Provider>,
  );
}
const draft = (title: string) => ({ title, scheduledAt: '2026-11-24T09:00:00Z', agenda: [{ title: 'Item' }] });

describe('storage status in the UI', () => {
  it('says when changes are kept but not yet saved, and clears once they are written', async () => {
    const dir = tempDir();
    const library = start(dir);
    const meeting = call<Meeting>(library, 'meetings.create', draft('Pricing'));
    renderStorage(library);
    const file = path.join(dir, 'meetings', `${meeting.id}.json`);
    const allowWrites = refuseWrites(file);
    act(() => {
      dispatch(library.service, 'agenda.update', { meetingId: meeting.id, itemId: meeting.agenda[0]!.id, changes: { notes: 'typed' } });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/1 change is not saved to disk yet/);
    expect(alert.textContent).toContain(file);
    allowWrites();
    act(() => {
      library.service.flushUnsaved();
    });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('tells the user a damaged file was repaired, naming where it went', async () => {
    const dir = tempDir();
    const first = openLibrary({ dataDir: dir, StoreClass: Conf, role: 'test' });
    call(first, 'meetings.create', draft('Kept'));
    first.close(); // takes a backup
    fs.writeFileSync(path.join(dir, 'library.json'), '{"truncated');
    const library = start(dir);
    renderStorage(library);
    const notice = await screen.findByText(/Empty Chair repaired your data/);
    const region = notice.closest('[role="status"]') as HTMLElement;
    expect(region.textContent).toContain(path.join(dir, 'quarantine'));
    await userEvent.click(within(region).getByRole('button', { name: 'Got it' }));
    expect(screen.queryByText(/Empty Chair repaired your data/)).toBeNull();
  });

  it('restores a backup after confirmation, and Undo restore brings the later data back', async () => {
    const dir = tempDir();
    const library = start(dir);
    call(library, 'meetings.create', draft('Before'));
    renderStorage(library);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Backups' }));
    await user.click(await screen.findByRole('button', { name: 'Back up now' }));
    const restoreButton = await screen.findByRole('button', { name: /Restore the backup of/ });
    act(() => {
      call(library, 'meetings.create', draft('Made later'));
    });
    await user.click(restoreButton);
    expect(screen.getByRole('dialog', { name: 'Restore this backup?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText(/Restored the backup of/);
    expect(library.service.library().meetings.map((m) => m.title)).toEqual(['Before']);
    await user.click(screen.getByRole('button', { name: 'Undo restore' }));
    await waitFor(() =>
      expect(
        library.service
          .library()
          .meetings.map((m) => m.title)
          .sort(),
      ).toEqual(['Before', 'Made later']),
    );
  });

  it('keeping current data cancels the restore', async () => {
    const library = start(tempDir());
    call(library, 'meetings.create', draft('Before'));
    call(library, 'backups.create', {});
    call(library, 'meetings.create', draft('After'));
    renderStorage(library);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Backups' }));
    await user.click(await screen.findByRole('button', { name: /Restore the backup of/ }));
    await user.click(screen.getByRole('button', { name: 'Keep current data' }));
    expect(library.service.library().meetings).toHaveLength(2);
  });
});
