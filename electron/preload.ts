/**
 * Sandboxed preload: exposes one typed client, window.emptyChair = { invoke, subscribe,
 * openEvidenceFiles } (the last: the native open dialog, see electron/evidenceDialog.ts), and
 * window.emptyChairFiles = { save, printToPdf } for exports, nothing else; the page never sees ipcRenderer or an IPC event object. Bundled to CommonJS, and
 * its only runtime import is 'electron' (the sandbox allows no other), hence the repeated channel
 * names below (tests/unit/ipc.test.ts checks they match electron/ipc.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, Transport } from '../shared/api';
import type { Result } from '../shared/errors';

const INVOKE_CHANNEL = 'empty-chair:invoke';
const EVENT_CHANNEL = 'empty-chair:event';
const SAVE_FILE_CHANNEL = 'empty-chair:save-file';
const PRINT_PDF_CHANNEL = 'empty-chair:print-pdf';
const OPEN_EVIDENCE_CHANNEL = 'empty-chair:open-evidence';

const client: Transport & { openEvidenceFiles(purpose: string): Promise<unknown> } = {
  async invoke(method: string, input: unknown, requestId?: string): Promise<Result<unknown>> {
    try {
      const extra = requestId === undefined ? [] : [String(requestId)];
      return (await ipcRenderer.invoke(INVOKE_CHANNEL, String(method), input, ...extra)) as Result<unknown>;
    } catch (error) {
      // Input that cannot be cloned, or a main process that is going away: still a Result, never a throw.
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `Empty Chair could not reach its main process: ${reason}` } };
    }
  },
  subscribe(listener: (event: ApiEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    // Only the payload crosses into the page: the IPC event would hand it ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  /** Picked files come back as upload ids and names; their paths never reach the page. */
  async openEvidenceFiles(purpose: string): Promise<unknown> {
    try {
      return await ipcRenderer.invoke(OPEN_EVIDENCE_CHANNEL, String(purpose));
    } catch (error) {
      return { files: [], error: `Empty Chair could not open its file dialog: ${error instanceof Error ? error.message : String(error)}` };
    }
  },
};

contextBridge.exposeInMainWorld('emptyChair', client);

/** Saving exports: a native save dialog (and PDF through Chromium) in the main process; see electron/files.ts. */
contextBridge.exposeInMainWorld('emptyChairFiles', {
  save: (fileName: string, mimeType: string, content: string) => ipcRenderer.invoke(SAVE_FILE_CHANNEL, fileName, mimeType, content),
  printToPdf: (fileName: string, html: string) => ipcRenderer.invoke(PRINT_PDF_CHANNEL, fileName, html),
});
