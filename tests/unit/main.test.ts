/**
 * electron/main.ts against a stand-in for Electron: the binary cannot run here, so this checks the
 * wiring (order of start-up steps, window options, guards, errors, quit) with real storage on a
 * temp folder. tests/electron/app.spec.ts runs the real app where the binary exists.
 */
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import { OPEN_EVIDENCE_CHANNEL } from '../../electron/evidenceDialog';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../electron/security';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { acquireDataDirLock, LOCK_FILE_NAME } from '../../electron/storage/lock';
import { refuseWrites } from './helpers';

type Fn = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  class Emitter {
    readonly handlers = new Map<string, Fn[]>();
    on(name: string, fn: Fn): this {
      this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Fn): this {
      const wrapper = (...args: unknown[]) => {
        this.handlers.set(
          name,
          (this.handlers.get(name) ?? []).filter((f) => f !== wrapper),
        );
        fn(...args);
      };
      return this.on(name, wrapper);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const fn of [...(this.handlers.get(name) ?? [])]) fn(...args);
    }
  }

  const state = {
    paths: {} as Record<string, string>,
    singleInstance: true,
    isReady: false,
    resolveReady: () => {},
    ready: Promise.resolve(),
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, Fn>(),
    session: {} as { request?: Fn; check?: Fn; device?: Fn; headers?: Fn },
    messageBoxChoice: 0,
    openPaths: [] as string[],
  };

  class FakeWebContents extends Emitter {
    openHandler: Fn | null = null;
    readonly mainFrame = { url: 'app://empty-chair/index.html', parent: null };
    readonly send = vi.fn();
    setWindowOpenHandler(handler: Fn): void {
      this.openHandler = handler;
    }
    isDestroyed(): boolean {
      return false;
    }
  }

  class FakeWindow extends Emitter {
    static getAllWindows(): FakeWindow[] {
      return state.windows;
    }
    static getFocusedWindow(): FakeWindow | null {
      return null;
    }
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: Record<string, any>) {
      super();
      state.windows.push(this);
      // As in Electron: every new webContents is announced to the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
    isMinimized(): boolean {
      return false;
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    getPath: vi.fn((name: string) => state.paths[name] ?? `/nonexistent/${name}`),
    setPath: vi.fn((name: string, value: string) => {
      state.paths[name] = value;
    }),
    requestSingleInstanceLock: vi.fn(() => state.singleInstance),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: () => state.ready,
    isReady: () => state.isReady,
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
      showMessageBoxSync: vi.fn((..._args: unknown[]) => state.messageBoxChoice),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: state.openPaths.length === 0, filePaths: state.openPaths })),
    },
    ipcMain: {
      handle: vi.fn((channel: string, fn: Fn) => state.ipcHandlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => state.ipcHandlers.delete(channel)),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (state.session.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (state.session.check = fn),
        setDevicePermissionHandler: (fn: Fn) => (state.session.device = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => (state.session.headers = fn) },
      },
    },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
  };

  function reset(): void {
    app.handlers.clear();
    state.paths = {};
    state.singleInstance = true;
    state.isReady = false;
    state.ready = new Promise<void>((resolve) => (state.resolveReady = resolve));
    state.windows = [];
    state.ipcHandlers.clear();
    state.session = {};
    state.messageBoxChoice = 0;
    state.openPaths = [];
  }

  return { state, electron, reset, FakeWindow };
});

vi.mock('electron', () => fake.electron);

/**
 * Mirrors electron-store 11's constructor (node_modules/electron-store/index.js; the real one
 * imports the Electron binary): the file is named by `name` (default 'config'), which overwrites
 * any `configName`, and cwd defaults to userData. A test below checks the real source still does this.
 */
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf {
    constructor(options: Record<string, unknown> = {}) {
      const merged: Record<string, unknown> = { name: 'config', ...options };
      merged.cwd ??= fake.electron.app.getPath('userData');
      merged.configName = merged.name;
      delete merged.name;
      super(merged);
    }
  }
  return { default: ElectronStore };
});

const { electron, state } = fake;
const trustedEvent = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

let base: string;
let dataDir: string;
const originalArgv = process.argv;

beforeEach(() => {
  vi.clearAllMocks();
  fake.reset();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-main-'));
  dataDir = path.join(base, 'library');
  state.paths.userData = path.join(base, 'default-user-data');
  process.argv = ['/opt/electron', '/work/main', '--data-dir', dataDir];
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  electron.app.emit('will-quit', { preventDefault: () => {} });
  process.argv = originalArgv;
  vi.restoreAllMocks();
  fs.rmSync(base, { recursive: true, force: true });
});

/** Loads main.ts afresh: it runs up to `app.whenReady()` at once, like Electron's entry does. */
async function load(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
}

async function ready(): Promise<void> {
  state.isReady = true;
  state.resolveReady();
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function invoke(event: unknown, method: string, input: unknown): Promise<Result<any>> {
  const handler = state.ipcHandlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no IPC handler registered');
  return (await handler(event, method, input)) as Result<any>;
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('start-up', () => {
  it('before ready: sandboxes every renderer, makes app:// privileged, scopes the instance lock to the data folder', async () => {
    await load();
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    // The sandbox comes first, before anything else touches Electron.
    const sandboxAt = electron.app.enableSandbox.mock.invocationCallOrder[0]!;
    for (const other of [
      electron.protocol.registerSchemesAsPrivileged,
      electron.app.getPath,
      electron.app.setPath,
      electron.app.requestSingleInstanceLock,
    ]) {
      expect(Math.min(...other.mock.invocationCallOrder)).toBeGreaterThan(sandboxAt);
    }
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(electron.app.setPath).toHaveBeenCalledWith('sessionData', dataDir);
    const setPathOrder = Math.max(...electron.app.setPath.mock.invocationCallOrder);
    expect(electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]).toBeGreaterThan(setPathOrder);
    // Nothing is opened before Electron is ready.
    expect(state.windows).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('opens the library and one locked-down window on app://empty-chair', async () => {
    await load();
    await ready();
    const window = only(state.windows);
    expect(window.options.webPreferences).toEqual({
      preload: expect.stringMatching(/preload\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: true,
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window.options.webPreferences).not.toHaveProperty('additionalArguments');
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    // Shown once painted, not as a blank frame.
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('builds the usual menu from roles', async () => {
    await load();
    await ready();
    const template = electron.Menu.buildFromTemplate.mock.calls[0]![0] as {
      role?: string;
      submenu?: { role?: string; label?: string }[];
    }[];
    const roles = template.map((item) => item.role);
    expect(roles).toEqual(
      process.platform === 'darwin'
        ? ['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']
        : ['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help'],
    );
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const help = template.at(-1)!.submenu!;
    expect(help.map((item) => item.label ?? item.role)).toContain('Show Data Folder');
  });

  it('serves the API over IPC and saves through electron-store into the right files', async () => {
    await load();
    await ready();
    const window = only(state.windows);
    const created = await invoke(trustedEvent, 'meetings.create', {
      title: 'Roadmap',
      scheduledAt: '2030-05-01T10:00:00Z',
      agenda: [{ title: 'One' }, { title: 'Two' }, { title: 'Three' }],
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    expect(fs.existsSync(path.join(dataDir, 'library.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'meetings', `${id}.json`), 'utf8')).title).toBe('Roadmap');
    // electron-store would file everything under config.json if the adapter did not pass `name`.
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, expect.objectContaining({ event: 'meeting.changed' }));

    const refused = await invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'library.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens evidence files in the native dialog for the app window only, and the window imports them by id', async () => {
    await load();
    await ready();
    const pick = state.ipcHandlers.get(OPEN_EVIDENCE_CHANNEL)!;
    state.openPaths = [path.join(base, 'tickets.csv')];
    fs.writeFileSync(state.openPaths[0]!, 'subject,requester\nThe price doubled,Acme\n');
    const outcome = (await pick(trustedEvent, 'evidence')) as { files: { uploadId: string; fileName: string }[] };
    const options = electron.dialog.showOpenDialog.mock.calls[0]!.at(-1) as { properties: string[] };
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(outcome.files).toMatchObject([{ fileName: 'tickets.csv' }]);
    const preview = await invoke(trustedEvent, 'evidence.preview', { input: { kind: 'upload', uploadId: outcome.files[0]!.uploadId } });
    expect(preview).toMatchObject({ ok: true, value: { rows: [expect.anything()] } });
    expect(await invoke(trustedEvent, 'evidence.preview', { input: { kind: 'path', path: state.openPaths[0] } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await pick({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'evidence')).toMatchObject({
      files: [],
      error: expect.any(String),
    });
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledOnce();
  });

  it('a second instance on the same folder quits at once and never touches the data', async () => {
    state.singleInstance = false;
    await load();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    await ready();
    expect(state.windows).toEqual([]);
    expect(state.ipcHandlers.size).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('the first instance comes to the front when a second one starts', async () => {
    await load();
    await ready();
    const window = only(state.windows);
    electron.app.emit('second-instance', {}, ['/opt/electron', '--data-dir', dataDir], '/');
    expect(window.focus).toHaveBeenCalled();
    expect(state.windows).toHaveLength(1);
  });

  it('shows what storage repaired at start in a message box', async () => {
    // A meeting file the index does not list (a crash between the two writes): it gets adopted.
    const seeded = openLibrary({ dataDir, StoreClass: Conf, role: 'seed' });
    const result = dispatch(seeded.service, 'meetings.create', { title: 'Orphan', scheduledAt: '2030-01-01T00:00:00Z' });
    seeded.close();
    expect(result.ok).toBe(true);
    const indexPath = path.join(dataDir, 'library.json');
    fs.writeFileSync(indexPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(indexPath, 'utf8')), meetings: [] }));

    await load();
    await ready();
    only(state.windows).emit('ready-to-show');
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce();
    const options = electron.dialog.showMessageBox.mock.calls[0]!.at(-1) as { detail: string };
    expect(options.detail).toContain('Orphan');
  });
});

describe('refusing to start', () => {
  it('on a data folder another process holds: error box naming the folder, exit 1, no window', async () => {
    const other = acquireDataDirLock(dataDir, 'browser mode');
    try {
      await load();
      await ready();
      expect(electron.dialog.showErrorBox).toHaveBeenCalledOnce();
      const [title, message] = electron.dialog.showErrorBox.mock.calls[0]!;
      expect(title).toMatch(/already using/i);
      expect(message).toContain(dataDir);
      expect(electron.app.exit).toHaveBeenCalledWith(1);
      expect(state.windows).toEqual([]);
      // The other process's lock is left alone.
      expect(fs.existsSync(other.path)).toBe(true);
    } finally {
      other.release();
    }
  });

  it('on an unreadable data file: names the file, leaves it alone, never opens an empty library', async () => {
    // A disk that fails reading library.json: unreadable, yet not damaged content to quarantine.
    const indexPath = path.join(dataDir, 'library.json');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(indexPath, 'untouched');
    const realRead = fs.readFileSync;
    fs.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (String(file) === indexPath) throw Object.assign(new Error(`EIO: i/o error, read '${indexPath}'`), { code: 'EIO' });
      return (realRead as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync;
    try {
      await load();
      await ready();
    } finally {
      fs.readFileSync = realRead;
    }
    expect(electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toMatch(/could not read/i);
    expect(message).toContain(indexPath);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(state.windows).toEqual([]);
    expect(state.ipcHandlers.size).toBe(0);
    expect(fs.readFileSync(indexPath, 'utf8')).toBe('untouched');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('on a damaged data file: starts on the recovered library and says what happened', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'library.json'), '{"meetings": [ this is not json');
    await load();
    await ready();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    only(state.windows).emit('ready-to-show');
    const options = electron.dialog.showMessageBox.mock.calls[0]!.at(-1) as { detail: string };
    expect(options.detail).toContain('library.json');
  });

  it('on a --data-dir without a value: says so instead of using another folder', async () => {
    process.argv = ['/opt/electron', '/work/main', '--data-dir'];
    await load();
    await ready();
    expect(electron.dialog.showErrorBox.mock.calls[0]![1]).toContain('--data-dir');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(state.windows).toEqual([]);
  });
});

describe('guards', () => {
  const event = (props: Record<string, unknown> = {}) => ({ preventDefault: vi.fn(), ...props });

  it('every webContents: no webviews, no popups, no navigation away; safe links open in the browser', async () => {
    await load();
    await ready();
    const contents = only(state.windows).webContents;

    const webview = event();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(contents.openHandler!({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
    electron.shell.openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'http://example.com/', 'javascript:alert(1)', APP_ENTRY_URL]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();

    const away = event({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://evil.example/');
    electron.shell.openExternal.mockClear();

    const file = event({ url: 'file:///etc/passwd' });
    contents.emit('will-navigate', file);
    expect(file.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();

    const own = event({ url: `${APP_ENTRY_URL}#/meetings` });
    contents.emit('will-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();

    const frame = event({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();

    const redirect = event({ url: 'https://evil.example/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('window.open never makes a window; only https (no credentials) and mailto reach the system browser', async () => {
    await load();
    await ready();
    const contents = only(state.windows).webContents;
    const opened = (url: string) => {
      electron.shell.openExternal.mockClear();
      expect(contents.openHandler!({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
      return electron.shell.openExternal.mock.calls.map((call: unknown[]) => call[0]);
    };
    expect(opened('https://evil.example/')).toEqual(['https://evil.example/']);
    expect(opened('mailto:lead@example.com')).toEqual(['mailto:lead@example.com']);
    for (const url of [
      'javascript:alert(1)',
      'about:blank',
      '',
      'data:text/html,<script>alert(1)</script>',
      'https://trusted.example@evil.example/',
      'ms-msdt:/id PCWDiagnostic',
      'smb://evil.example/share',
      'vscode://file/etc/passwd',
      `${APP_ENTRY_URL}#/meetings`,
    ]) {
      expect(opened(url), url).toEqual([]);
    }
    // Windows made from the renderer (window.open, target=_blank, middle-click) all go through here:
    expect(state.windows).toHaveLength(1);
  });

  it('navigation to javascript:, data:, file: or another site is refused and never reaches the shell', async () => {
    await load();
    await ready();
    const contents = only(state.windows).webContents;
    for (const url of [
      'javascript:alert(document.domain)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'http://127.0.0.1:8080/',
      'app://evil/index.html',
    ]) {
      const navigation = event({ url, isMainFrame: true });
      contents.emit('will-navigate', navigation);
      expect(navigation.preventDefault, url).toHaveBeenCalled();
      const frame = event({ url, isMainFrame: false });
      contents.emit('will-frame-navigate', frame);
      expect(frame.preventDefault, url).toHaveBeenCalled();
      const redirect = event({ url });
      contents.emit('will-redirect', redirect);
      expect(redirect.preventDefault, url).toHaveBeenCalled();
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    // Our own pages move freely, in the top frame and in redirects.
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const own = event({ url: `${APP_ENTRY_URL}#/meetings/1`, isMainFrame: true });
      contents.emit(name, own);
      expect(own.preventDefault, name).not.toHaveBeenCalled();
    }
  });

  it('a webview is refused whatever it asks for', async () => {
    await load();
    await ready();
    const contents = only(state.windows).webContents;
    const attach = event();
    contents.emit('will-attach-webview', attach, { nodeIntegration: false, preload: undefined }, { src: `${APP_ENTRY_URL}` });
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('a system browser that fails to open is logged, never thrown into the window', async () => {
    await load();
    await ready();
    const contents = only(state.windows).webContents;
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(() => contents.openHandler!({ url: 'https://example.com/' })).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('no browser'));
  });

  it('shell.openExternal is called in exactly one place in electron/, behind isSafeExternalUrl', () => {
    const files = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../electron'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'));
    const calls = files.flatMap((file) => {
      const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron', file), 'utf8');
      return [...source.matchAll(/openExternal\(/g)].map(() => file);
    });
    expect(calls).toEqual(['main.ts']);
    const main = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/main.ts'), 'utf8');
    const body = /function openExternalIfSafe\([^)]*\): boolean \{([\s\S]*?)\n\}/.exec(main)?.[1] ?? '';
    expect(body.indexOf('isSafeExternalUrl(url)')).toBeGreaterThan(-1);
    expect(body.indexOf('isSafeExternalUrl(url)')).toBeLessThan(body.indexOf('shell.openExternal('));
  });

  it('denies every permission except clipboard writes from our own page, and adds the CSP header', async () => {
    await load();
    await ready();
    const { request, check, device, headers } = state.session;
    const answer = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      request!({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0]![0] as boolean;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture']) {
      expect(answer(permission, APP_ENTRY_URL), permission).toBe(false);
      expect(check!(null, permission, 'app://empty-chair', {}), permission).toBe(false);
    }
    expect(answer('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(answer('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check!(null, 'clipboard-sanitized-write', 'app://empty-chair', {})).toBe(true);
    expect(check!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(device!({})).toBe(false);

    const callback = vi.fn();
    headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('quitting', () => {
  it('releases the data folder and the IPC handler', async () => {
    await load();
    await ready();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    electron.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(electron.app.quit).toHaveBeenCalled();
    electron.app.emit('will-quit', { preventDefault: () => {} });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(state.ipcHandlers.size).toBe(0);
    // The folder is free for the next start.
    const next = openLibrary({ dataDir, StoreClass: Conf, role: 'next start' });
    next.close();
  });
});

describe('quitting with unsaved changes', () => {
  /** Makes the disk refuse the next write of a meeting (refuseWrites), then changes it. */
  async function unsavedChange(): Promise<void> {
    const created = await invoke(trustedEvent, 'meetings.create', { title: 'Kept in memory', scheduledAt: '2030-01-01T00:00:00Z' });
    const id = created.ok ? (created.value as { id: string }).id : '';
    refuseWrites(path.join(dataDir, 'meetings', `${id}.json`));
    await invoke(trustedEvent, 'meetings.update', { id, changes: { lead: 'Sam' } });
    const status = await invoke(trustedEvent, 'storage.status', {});
    expect(status.ok && status.value.unsavedChanges).toBeGreaterThan(0);
  }

  it('asks first, and stays open when the user says so', async () => {
    await load();
    await ready();
    await unsavedChange();
    const quitting = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quitting);
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledOnce();
    expect(quitting.preventDefault).toHaveBeenCalled();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
  });

  it('opens a window again when it stays open after the last window was closed', async () => {
    await load();
    await ready();
    await unsavedChange();
    only(state.windows).emit('closed');
    state.windows = [];
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    expect(state.windows).toHaveLength(1);
  });

  it('quits when the user accepts losing them, and asks only once', async () => {
    await load();
    await ready();
    await unsavedChange();
    state.messageBoxChoice = 1;
    const quitting = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quitting);
    electron.app.emit('before-quit', quitting);
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledOnce();
    expect(quitting.preventDefault).not.toHaveBeenCalled();
  });

  it('does not ask when everything is saved', async () => {
    await load();
    await ready();
    const quitting = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quitting);
    expect(electron.dialog.showMessageBoxSync).not.toHaveBeenCalled();
    expect(quitting.preventDefault).not.toHaveBeenCalled();
  });
});

describe('the electron-store stand-in above is faithful', () => {
  it('matches how the installed electron-store names its file', () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/electron-store/index.js'), 'utf8');
    expect(source).toMatch(/name:\s*'config'/);
    expect(source).toContain('options.configName = options.name;');
  });
});
