/**
 * The preload against a stand-in for 'electron' (the real module would try to download the
 * binary): what it puts on window, and that only API payloads ever reach the page.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, Transport } from '../../shared/api';
import { OPEN_EVIDENCE_CHANNEL } from '../../electron/evidenceDialog';
import { PRINT_PDF_CHANNEL, SAVE_FILE_CHANNEL } from '../../electron/files';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc';

const fake = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        exposed.set(key, value);
      },
    },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return this;
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener);
        return this;
      },
      emit(channel: string, ...args: unknown[]) {
        // Electron passes an IpcRendererEvent whose `sender` is ipcRenderer itself.
        const event = { sender: fake.ipcRenderer, senderId: 0 };
        for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
      },
    },
  };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

let client: Transport;

beforeAll(async () => {
  await import('../../electron/preload');
  client = fake.exposed.get('emptyChair') as Transport;
});

// Braces matter: a function returned from beforeEach would run as its teardown.
beforeEach(() => {
  fake.ipcRenderer.invoke.mockReset();
});

describe('preload', () => {
  it('exposes exactly two objects: window.emptyChair (invoke, subscribe, openEvidenceFiles) and window.emptyChairFiles (save, printToPdf)', () => {
    expect([...fake.exposed.keys()]).toEqual(['emptyChair', 'emptyChairFiles']);
    const files = fake.exposed.get('emptyChairFiles') as Record<string, unknown>;
    expect(Object.keys(files).sort()).toEqual(['printToPdf', 'save']);
    expect(Object.keys(client).sort()).toEqual(['invoke', 'openEvidenceFiles', 'subscribe']);
    expect(Object.values(client).every((value) => typeof value === 'function')).toBe(true);
  });

  it('sends saves and PDF prints on the channels electron/files.ts handles', async () => {
    const files = fake.exposed.get('emptyChairFiles') as {
      save: (...a: string[]) => Promise<unknown>;
      printToPdf: (...a: string[]) => Promise<unknown>;
    };
    fake.ipcRenderer.invoke.mockResolvedValue({ saved: true });
    await files.save('a.md', 'text/markdown', '# x');
    await files.printToPdf('a.pdf', '<p>');
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [SAVE_FILE_CHANNEL, 'a.md', 'text/markdown', '# x'],
      [PRINT_PDF_CHANNEL, 'a.pdf', '<p>'],
    ]);
  });

  it('opens the evidence dialog on the channel electron/evidenceDialog.ts handles, and turns an IPC failure into a refusal', async () => {
    const open = (client as unknown as { openEvidenceFiles: (purpose: unknown) => Promise<unknown> }).openEvidenceFiles;
    fake.ipcRenderer.invoke.mockResolvedValue({ files: [{ uploadId: 'u1', fileName: 'a.csv', size: 3 }] });
    await expect(open('evidence')).resolves.toEqual({ files: [{ uploadId: 'u1', fileName: 'a.csv', size: 3 }] });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_EVIDENCE_CHANNEL, 'evidence');
    fake.ipcRenderer.invoke.mockRejectedValue(new Error('main process gone'));
    await expect(open({ toString: () => 'accounts' })).resolves.toEqual({ files: [], error: expect.stringContaining('main process gone') });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_EVIDENCE_CHANNEL, 'accounts');
  });

  it('invokes the one API channel with the method and input, and returns the Result', async () => {
    fake.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { meetings: [] } });
    await expect(client.invoke('library.get', {})).resolves.toEqual({ ok: true, value: { meetings: [] } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, 'library.get', {});
    // A request id (shared/requestIds.ts) travels as a third argument, as a string.
    await client.invoke('agenda.add', { meetingId: 'm' }, 'request-0001');
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNEL, 'agenda.add', { meetingId: 'm' }, 'request-0001');
  });

  it('turns an IPC failure into a Result instead of a rejection', async () => {
    fake.ipcRenderer.invoke.mockImplementation(async () => {
      throw new Error('An object could not be cloned.');
    });
    const result = await client.invoke('meetings.create', { title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.message).toContain('could not be cloned');
  });

  it('hands listeners the API event only, never the IPC event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = client.subscribe((...args: unknown[]) => received.push(args));
    const event: ApiEvent = { event: 'meeting.deleted', payload: { id: 'm1' } };
    fake.ipcRenderer.emit(EVENT_CHANNEL, event);
    fake.ipcRenderer.emit('some-other-channel', { event: 'meeting.deleted', payload: { id: 'm2' } });
    expect(received).toEqual([[event]]);

    unsubscribe();
    fake.ipcRenderer.emit(EVENT_CHANNEL, event);
    expect(received).toHaveLength(1);
    expect(fake.listeners.get(EVENT_CHANNEL)?.size ?? 0).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => client.subscribe('nope' as unknown as (event: ApiEvent) => void)).toThrow(TypeError);
  });
});
