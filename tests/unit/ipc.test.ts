import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ApiEvent } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { dispatch } from '../../electron/service/dispatch';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  registerIpcHandlers,
  type InvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../electron/ipc';
import { isTrustedFrame, type FrameLike } from '../../electron/security';
import { FIGURES_PUT_OFF, WARM_UP_AFTER_LIST_MS, WARM_UP_AT_LATEST_MS } from '../../electron/service/meetingService';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { createParticipantSharing } from '../../electron/server/participantSharing';
import { callEveryMethod } from './everyMethod';
import { snapshotFiles } from './helpers';

/** A thin stand-in for ipcMain: a Map of handlers, called the way Electron calls them. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(event: InvokeEventLike, method: unknown, input?: unknown): Promise<Result<unknown>> {
    const handler = this.handlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error(`No handler registered for '${INVOKE_CHANNEL}'`);
    // Electron structured-clones the reply; a value that survives this crosses IPC unchanged.
    return structuredClone(await handler(event, method, input)) as Result<unknown>;
  }
}

class FakeWebContents implements WebContentsLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  constructor(
    readonly mainFrame: FrameLike,
    private destroyed = false,
    private readonly failing = false,
  ) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.failing) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    this.sent.push({ channel, args });
  }
  events(): ApiEvent[] {
    return this.sent.filter((message) => message.channel === EVENT_CHANNEL).map((message) => message.args[0] as ApiEvent);
  }
}

const appFrame: FrameLike = { url: 'app://empty-chair/index.html', parent: null };
const trusted: InvokeEventLike = { senderFrame: appFrame };

let tmp: string;
let library: OpenLibrary;
let ipc: FakeIpcMain;
let dispose: () => void;
let windows: FakeWebContents[];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-ipc-'));
  library = openLibrary({ dataDir: tmp, StoreClass: Conf, role: 'test', sharing: createParticipantSharing() });
  ipc = new FakeIpcMain();
  windows = [];
  dispose = registerIpcHandlers(ipc, library.service, isTrustedFrame, () => windows);
});

afterEach(() => {
  dispose();
  library.close();
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function expectOk(result: Result<unknown>): unknown {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('IPC adapter: every API method is reachable', () => {
  it('registers exactly one channel', () => {
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('runs every method in METHOD_NAMES through the service with valid input', async () => {
    const spies = Object.fromEntries(METHOD_NAMES.map((name) => [name, vi.spyOn(library.service.handlers, name)]));
    const results = await callEveryMethod((method, input) => ipc.invoke(trusted, method, input));
    const failed = results
      .filter(({ result }) => !result.ok)
      .map(({ method, result }) => `${method}: ${!result.ok && result.error.message}`);
    expect(failed).toEqual([]);
    expect(new Set(results.map(({ method }) => method))).toEqual(new Set(METHOD_NAMES));
    for (const name of METHOD_NAMES) expect(spies[name], name).toHaveBeenCalled();
    // What the calls wrote is on disk, not only in memory: a fresh service on the folder sees it.
    library.close();
    library = openLibrary({ dataDir: tmp, StoreClass: Conf, role: 'test' });
    const reopened = library.service.handlers['library.get']({});
    expect(reopened.settings.theme).toBe('dark');
    expect(reopened.tags.map((tag) => tag.label)).toContain('churn');
  });

  it('knows every method name: wrong input is invalid_input, never unknown_method', async () => {
    for (const name of METHOD_NAMES) {
      const result = await ipc.invoke(trusted, name, { notAField: true });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('invalid_input');
    }
  });

  it('answers names outside the contract with unknown_method, including inherited properties', async () => {
    for (const method of ['meetings.hack', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, {}]) {
      const result = await ipc.invoke(trusted, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });
});

describe('IPC adapter: the warm-up after the first list', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it("makes the ledger ready once the window's first meeting list is answered, the dashboard's figures a little later", async () => {
    const ledger = vi.spyOn(library.service, 'warmUpLedger').mockResolvedValue();
    const figures = vi.spyOn(library.service, 'prepareFigures').mockResolvedValue();
    library.service.warmUpInBackground();
    vi.advanceTimersByTime(WARM_UP_AT_LATEST_MS - WARM_UP_AFTER_LIST_MS - 1); // a window slow to ask, just in time
    expectOk(await ipc.invoke(trusted, 'storage.status', {}));
    vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS);
    expect(ledger).not.toHaveBeenCalled(); // only a meeting list starts it
    expectOk(await ipc.invoke(trusted, 'library.get', {}));
    expect(ledger).toHaveBeenCalledTimes(1);
    expect(figures).not.toHaveBeenCalled(); // a request the window sends now goes first
    vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS);
    expect(figures).toHaveBeenCalledTimes(1);
    expectOk(await ipc.invoke(trusted, 'library.get', {}));
    vi.advanceTimersByTime(WARM_UP_AT_LATEST_MS); // the timer at the latest was cleared
    expect([ledger.mock.calls.length, figures.mock.calls.length]).toEqual([1, 1]); // the first list only
  });

  it("puts the figures' check off while the window keeps asking", async () => {
    vi.spyOn(library.service, 'warmUpLedger').mockResolvedValue();
    const figures = vi.spyOn(library.service, 'prepareFigures').mockResolvedValue();
    library.service.warmUpInBackground();
    expectOk(await ipc.invoke(trusted, 'library.get', {}));
    vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS - 1);
    expectOk(await ipc.invoke(trusted, 'storage.status', {})); // the window's next request, answered
    vi.advanceTimersByTime(1);
    expect(figures).not.toHaveBeenCalled();
    vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS); // a quiet turn
    expect(figures).toHaveBeenCalledTimes(1);
  });

  it('checks the figures after FIGURES_PUT_OFF turns all the same, however busy the window', async () => {
    vi.spyOn(library.service, 'warmUpLedger').mockResolvedValue();
    const figures = vi.spyOn(library.service, 'prepareFigures').mockResolvedValue();
    library.service.warmUpInBackground();
    expectOk(await ipc.invoke(trusted, 'library.get', {}));
    for (let turn = 0; turn < FIGURES_PUT_OFF; turn++) {
      expectOk(await ipc.invoke(trusted, 'storage.status', {}));
      vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS);
    }
    expect(figures).not.toHaveBeenCalled();
    expectOk(await ipc.invoke(trusted, 'storage.status', {}));
    vi.advanceTimersByTime(WARM_UP_AFTER_LIST_MS);
    expect(figures).toHaveBeenCalledTimes(1);
  });

  it('warms up a few seconds after start when no window asks for a list; a list after that starts nothing again', async () => {
    const ledger = vi.spyOn(library.service, 'warmUpLedger').mockResolvedValue();
    const figures = vi.spyOn(library.service, 'prepareFigures').mockResolvedValue();
    library.service.warmUpInBackground();
    vi.advanceTimersByTime(WARM_UP_AT_LATEST_MS - 1);
    expect(ledger).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ledger).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1); // the figures' turn, right after (a timer set in a timer runs a tick later)
    expect(figures).toHaveBeenCalledTimes(1);
    expectOk(await ipc.invoke(trusted, 'library.get', {}));
    vi.advanceTimersByTime(WARM_UP_AT_LATEST_MS);
    expect([ledger.mock.calls.length, figures.mock.calls.length]).toEqual([1, 1]);
  });

  it('starts no warm-up once the service is closed', () => {
    const ledger = vi.spyOn(library.service, 'warmUpLedger').mockResolvedValue();
    library.service.warmUpInBackground();
    library.close();
    library = openLibrary({ dataDir: tmp, StoreClass: Conf, role: 'test' }); // for afterEach
    vi.advanceTimersByTime(WARM_UP_AT_LATEST_MS);
    expect(ledger).not.toHaveBeenCalled();
  });
});

describe('IPC adapter: sender validation', () => {
  const untrustedFrames: [string, FrameLike | null][] = [
    ['no frame', null],
    ['a web page', { url: 'https://evil.example/', parent: null }],
    ['a local file', { url: 'file:///home/user/Downloads/page.html', parent: null }],
    ['the dev server', { url: 'http://localhost:5173/', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['a look-alike host', { url: 'app://empty-chair.evil.example/index.html', parent: null }],
    ['an iframe inside our own page', { url: 'app://empty-chair/index.html', parent: appFrame }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>', parent: null }],
  ];

  it.each(untrustedFrames)('refuses %s with forbidden and changes nothing', async (_label, frame) => {
    const trustedWindow = new FakeWebContents(appFrame);
    windows.push(trustedWindow);
    const before = snapshotFiles(tmp);
    const libraryBefore = library.service.handlers['library.get']({});
    const create = vi.spyOn(library.service.handlers, 'meetings.create');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const result = await ipc.invoke({ senderFrame: frame }, 'meetings.create', { title: 'Injected', scheduledAt: '2030-01-01T00:00:00Z' });

    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(create).not.toHaveBeenCalled();
    expect(library.service.handlers['library.get']({})).toEqual(libraryBefore);
    expect(snapshotFiles(tmp)).toEqual(before);
    expect(trustedWindow.events()).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses reads too, and a frame that throws on inspection (destroyed)', async () => {
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const frame of [{ url: 'https://evil.example/', parent: null }, destroyed]) {
      expect(await ipc.invoke({ senderFrame: frame }, 'library.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('IPC adapter: input validation', () => {
  it('returns invalid_input with field paths, and writes nothing', async () => {
    const before = snapshotFiles(tmp);
    const result = await ipc.invoke(trusted, 'meetings.create', { title: '   ', scheduledAt: 'next tuesday' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((issue) => issue.path).sort()).toEqual(['scheduledAt', 'title']);
    expect(snapshotFiles(tmp)).toEqual(before);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'meeting'],
    ['an array', [{ title: 'x' }]],
    ['an unknown field', { title: 'x', scheduledAt: '2030-01-01T00:00:00Z', isAdmin: true }],
    ['a prototype key', JSON.parse('{"title":"x","scheduledAt":"2030-01-01T00:00:00Z","__proto__":{"polluted":true}}')],
    ['a title over the limit', { title: 'x'.repeat(10_000), scheduledAt: '2030-01-01T00:00:00Z' }],
  ])('rejects %s as invalid_input without throwing', async (_label, input) => {
    const result = await ipc.invoke(trusted, 'meetings.create', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(library.service.handlers['library.get']({}).meetings).toEqual([]);
  });

  it('turns a service failure into a Result (not_found), never a rejection', async () => {
    const result = await ipc.invoke(trusted, 'meetings.get', { id: 'no-such-meeting' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('IPC adapter: events', () => {
  it('forwards service events to trusted windows only, and keeps going past a broken one', async () => {
    const broken = new FakeWebContents(appFrame, false, true);
    const good = new FakeWebContents(appFrame);
    const foreign = new FakeWebContents({ url: 'https://evil.example/', parent: null });
    const closed = new FakeWebContents(appFrame, true);
    windows.push(broken, good, foreign, closed);
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const created = expectOk(await ipc.invoke(trusted, 'meetings.create', { title: 'Weekly', scheduledAt: '2030-01-01T00:00:00Z' })) as {
      id: string;
    };

    expect(good.events().map((event) => event.event)).toEqual(['meeting.changed', 'library.changed']);
    const changed = good.events()[0];
    expect(changed?.event === 'meeting.changed' && changed.payload.id).toBe(created.id);
    expect(good.sent.every((message) => message.channel === EVENT_CHANNEL)).toBe(true);
    expect(foreign.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('stops forwarding and removes its handler when disposed', async () => {
    const good = new FakeWebContents(appFrame);
    windows.push(good);
    dispose();
    expect(ipc.handlers.size).toBe(0);
    expectOk(dispatch(library.service, 'tags.create', { label: 'After close' }));
    expect(good.sent).toEqual([]);
    dispose(); // twice is harmless
  });
});

describe('preload and adapter agree', () => {
  const preload = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/preload.ts'), 'utf8');

  it('uses the same channel names as electron/ipc.ts', () => {
    expect(preload).toContain(`'${INVOKE_CHANNEL}'`);
    expect(preload).toContain(`'${EVENT_CHANNEL}'`);
  });

  it("imports nothing at run time but 'electron' (the sandbox allows no other module)", () => {
    const runtimeImports = [...preload.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(preload).not.toMatch(/\brequire\(/);
  });
});
