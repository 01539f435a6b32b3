/**
 * Electron entry: one instance per data folder, a locked-down window on the app:// protocol, the
 * IPC adapter over the service, menus and dialogs. Everything with rules worth testing lives in
 * pure modules next to it (security.ts, appProtocol.ts, ipc.ts); this file only wires them up.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import Store from 'electron-store';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../shared/errors';
import { createAppProtocolHandler } from './appProtocol';
import { registerEvidenceDialog, type OpenDialogOptions } from './evidenceDialog';
import { registerFileHandlers } from './files';
import { registerIpcHandlers } from './ipc';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, isSafeExternalUrl, isTrustedFrame, isTrustedUrl } from './security';
import { openLibrary, type OpenLibrary } from './service/openLibrary';
import { createParticipantSharing } from './server/participantSharing';
import { resolveDataDir } from './storage/dataDir';
import { DataDirLockedError } from './storage/lock';

const MAIN_DIR = path.dirname(fileURLToPath(import.meta.url)); // dist-electron/
const RENDERER_DIR = path.join(MAIN_DIR, '..', 'dist', 'renderer');
const PRELOAD_FILE = path.join(MAIN_DIR, 'preload.cjs');
const DEV_ICON = path.join(MAIN_DIR, '..', 'electron', 'resources', 'icon.png');
const isMac = process.platform === 'darwin';

let library: OpenLibrary | null = null;
let disposeIpc: (() => void) | null = null;
let disposeFiles: (() => void) | null = null;
let disposeEvidenceDialog: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Shows why the app cannot start and exits; it never opens with an empty library instead. */
function failToStart(error: unknown): void {
  let title = 'Empty Chair could not start';
  let message = errorMessage(error);
  if (error instanceof DataDirLockedError) {
    title = 'Empty Chair is already using this data folder';
  } else if (error instanceof ApiError && error.code === 'storage_error') {
    title = 'Empty Chair could not read its data';
    message += '\n\nNothing was changed. Restore or move that file, then start Empty Chair again.';
  }
  console.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message);
  // app.exit skips 'will-quit', so free the data folder here if it was taken.
  shutDown();
  app.exit(1);
}

/**
 * --data-dir / EMPTY_CHAIR_DATA_DIR also become Electron's userData folder, so the single-instance
 * lock and Chromium's own files belong to that library: two libraries may be open at once, one
 * library never twice.
 */
function chooseDataDir(): string {
  const defaultDir = app.getPath('userData');
  const dataDir = resolveDataDir(process.argv, process.env, defaultDir);
  if (dataDir !== path.resolve(defaultDir)) {
    fs.mkdirSync(dataDir, { recursive: true });
    app.setPath('userData', dataDir);
    app.setPath('sessionData', dataDir);
  }
  return dataDir;
}

/** Our own origin may write to the clipboard (copying a summary); nothing may do anything else. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isTrustedUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'clipboard-sanitized-write' && isTrustedUrl(requestingOrigin);
  });
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces: app:// responses carry the CSP already; this covers anything else loaded.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * The only call of shell.openExternal in the app (checklist item 15): https links without
 * credentials and mailto go to the system browser or mail client; anything else (file:, smb:,
 * custom schemes, javascript:, http:) is dropped. Returns whether it opened the URL.
 */
function openExternalIfSafe(url: unknown): boolean {
  if (typeof url !== 'string' || !isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch((error: unknown) => console.warn(`Empty Chair: could not open ${url}: ${errorMessage(error)}`));
  return true;
}

/** Applied to every webContents the app ever creates: no webviews, no popups, no navigation away. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new app window, ever: a safe link opens in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url)) return;
    event.preventDefault();
    // A plain https link clicked in the page opens in the system browser instead.
    openExternalIfSafe(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Empty Chair',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#f6f4ef',
    ...(!isMac && fs.existsSync(DEV_ICON) ? { icon: DEV_ICON } : {}),
    webPreferences: {
      preload: PRELOAD_FILE,
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
      // A middle-click on a link fires auxclick (not click) and asks for a new window; the window-open
      // handler (guardWebContents) refuses that anyway, and this switches the event off altogether.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  mainWindow = window;
  return window;
}

function focusMainWindow(): void {
  if (!app.isReady() || !library) return;
  const window = mainWindow ?? createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function buildMenu(dataDir: string): Menu {
  const showDataFolder: MenuItemConstructorOptions = {
    label: 'Show Data Folder',
    click: () => void shell.openPath(dataDir),
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [showDataFolder] : [showDataFolder, { type: 'separator' }, { role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}

function showNotices(window: BrowserWindow, notices: readonly string[]): void {
  if (notices.length === 0) return;
  window.once('ready-to-show', () => {
    void dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Empty Chair',
      message: 'Empty Chair found problems in its data folder and dealt with them.',
      detail: notices.join('\n\n'),
      buttons: ['OK'],
    });
  });
}

function start(dataDir: string): void {
  try {
    // "Invite participants" serves the built renderer to participants' browsers, on the address the lead picks.
    library = openLibrary({
      dataDir,
      StoreClass: Store,
      role: 'desktop app',
      ledgerBuildWorker: path.join(MAIN_DIR, 'ledgerBuildWorker.cjs'), // built beside main.js (vite.config.ts)
      sharing: createParticipantSharing({ staticDir: RENDERER_DIR }),
    });
  } catch (error) {
    failToStart(error);
    return;
  }
  library.service.warmUpInBackground(); // after the window's first list (ipc.ts tells the service)
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
  disposeIpc = registerIpcHandlers(ipcMain, library.service, isTrustedFrame, () =>
    BrowserWindow.getAllWindows().map((window) => window.webContents),
  );
  disposeFiles = registerFileHandlers(ipcMain, {
    isTrustedSender: (event) => isTrustedFrame((event as { senderFrame?: Parameters<typeof isTrustedFrame>[0] }).senderFrame),
    chooseSavePath: async (defaultName, filter) => {
      const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: [filter] };
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    renderPdf,
  });
  disposeEvidenceDialog = registerEvidenceDialog(ipcMain, {
    isTrustedSender: (event) => isTrustedFrame((event as { senderFrame?: Parameters<typeof isTrustedFrame>[0] }).senderFrame),
    chooseOpenPaths,
    uploads: library.service.evidence.uploads,
  });
  app.setAboutPanelOptions({ applicationName: 'Empty Chair', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(buildMenu(dataDir));
  showNotices(createWindow(), library.service.notices);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** The native open dialog for evidence and accounts files; the paths stay in this process (electron/evidenceDialog.ts). */
async function chooseOpenPaths({ title, multiple, filters }: OpenDialogOptions): Promise<string[] | null> {
  const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
  const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const result = owner
    ? await dialog.showOpenDialog(owner, { title, filters, properties })
    : await dialog.showOpenDialog({ title, filters, properties });
  return result.canceled ? null : result.filePaths;
}

let quitDespiteUnsaved = false;

/**
 * Changes the disk refused are kept in memory and retried; quitting would drop them, so the user
 * decides. Returns true when the quit should go ahead.
 */
function confirmQuit(): boolean {
  if (!library || quitDespiteUnsaved) return true;
  const status = library.service.handlers['storage.status']({});
  if (status.unsavedChanges === 0) return true;
  const count = status.unsavedChanges === 1 ? '1 change is' : `${status.unsavedChanges} changes are`;
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'Empty Chair',
    message: `${count} not saved yet.`,
    detail:
      `Empty Chair could not write to ${status.dataDir}` +
      (status.lastWriteError ? `: ${status.lastWriteError}` : '.') +
      ' It keeps trying while it is open. If you quit now, those changes are lost.',
    buttons: ['Keep Empty Chair Open', 'Quit and Lose Them'],
    defaultId: 0,
    cancelId: 0,
  });
  quitDespiteUnsaved = choice === 1;
  return quitDespiteUnsaved;
}

/**
 * An export's HTML to PDF: a hidden window with JavaScript off, in its own in-memory session that
 * loads nothing but the data: URL itself (the HTML is self-contained; its CSP also forbids loads).
 */
async function renderPdf(html: string): Promise<Uint8Array> {
  const pdfSession = session.fromPartition('empty-chair-pdf');
  pdfSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  pdfSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: pdfSession,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}

function shutDown(): void {
  disposeIpc?.();
  disposeIpc = null;
  disposeFiles?.();
  disposeFiles = null;
  disposeEvidenceDialog?.();
  disposeEvidenceDialog = null;
  const closing = library;
  library = null;
  if (!closing) return;
  // Writes what it still can, takes a closing backup, and frees the data folder.
  const { unsavedChanges } = closing.close();
  if (unsavedChanges > 0) console.error(`Empty Chair: quit with ${unsavedChanges} unsaved change(s) in ${closing.dataDir}.`);
}

function main(): void {
  // Before 'ready': every renderer sandboxed, and app:// treated like a secure https origin.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  let dataDir: string;
  try {
    dataDir = chooseDataDir();
  } catch (error) {
    void app.whenReady().then(() => failToStart(error));
    return;
  }

  if (!app.requestSingleInstanceLock()) {
    // The first instance on this data folder gets 'second-instance' and comes to the front.
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('before-quit', (event) => {
    if (confirmQuit()) return;
    event.preventDefault();
    // Staying open after the last window closed (Linux, Windows) must not leave an invisible app.
    if (BrowserWindow.getAllWindows().length === 0) focusMainWindow();
  });
  app.on('will-quit', shutDown);
  app
    .whenReady()
    .then(() => start(dataDir))
    .catch((error: unknown) => failToStart(error));
}

main();
