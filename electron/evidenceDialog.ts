/**
 * Choosing evidence files in the desktop app: the main process shows its own open dialog and hands
 * each picked file to the service's uploads (`Uploads.adopt`), which reads it in place. The window
 * gets back only ids, names and sizes and imports `{ kind: 'upload', uploadId }`: no bytes go
 * through the renderer, and it can read no path the user did not pick here (the IPC adapter refuses
 * `{ kind: 'path' }`). Electron is reached only through the injected host, so tests use stand-ins.
 */
import path from 'node:path';
import type { UploadProgress } from '../shared/evidence/schema';
import {
  ACCOUNTS_EXTENSIONS,
  EVIDENCE_EXTENSIONS,
  severalFilesProblem,
  type EvidencePurpose,
  type OpenEvidenceOutcome,
  type PickedFile,
} from '../shared/evidence/picking';

/** The preload repeats this string (it may import nothing but 'electron'); tests/unit/preload.test.ts keeps them equal. */
export const OPEN_EVIDENCE_CHANNEL = 'empty-chair:open-evidence';

export interface OpenDialogOptions {
  title: string;
  multiple: boolean;
  filters: { name: string; extensions: string[] }[];
}

export interface EvidenceDialogHost {
  /** Shows the native open dialog; null or [] when the user cancels. */
  chooseOpenPaths(options: OpenDialogOptions): Promise<string[] | null>;
  /** The service's uploads: a picked file registered under a short-lived id, and dropped again. */
  uploads: { adopt(filePath: string): UploadProgress; cancel(uploadId: string): unknown };
  isTrustedSender(event: unknown): boolean;
}

interface HandleLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

const DIALOGS: Record<EvidencePurpose, OpenDialogOptions> = {
  evidence: {
    title: 'Import customer evidence',
    multiple: true,
    filters: [{ name: 'Evidence (CSV, JSON, Markdown or text)', extensions: [...EVIDENCE_EXTENSIONS] }],
  },
  accounts: {
    title: 'Import accounts',
    multiple: false,
    filters: [{ name: 'Accounts (CSV or JSON)', extensions: [...ACCOUNTS_EXTENSIONS] }],
  },
};

/** Registers the channel; a call from an untrusted sender, or for an unknown purpose, is refused before any dialog. */
export function registerEvidenceDialog(ipcMain: HandleLike, host: EvidenceDialogHost): () => void {
  ipcMain.handle(OPEN_EVIDENCE_CHANNEL, async (event, purpose): Promise<OpenEvidenceOutcome> => {
    if (!host.isTrustedSender(event)) return { files: [], error: 'Only the Empty Chair window may open evidence files.' };
    if (purpose !== 'evidence' && purpose !== 'accounts') return { files: [], error: 'Empty Chair opens evidence or accounts files only.' };
    const paths = (await host.chooseOpenPaths(DIALOGS[purpose])) ?? [];
    const problem = severalFilesProblem(paths.map((picked) => path.basename(picked)));
    if (problem) return { files: [], error: problem };
    const files: PickedFile[] = [];
    try {
      for (const picked of paths) {
        const { uploadId, fileName, size } = host.uploads.adopt(picked);
        files.push({ uploadId, fileName, size });
      }
    } catch (error) {
      // All the picked files or none: the ones registered already are dropped (the files stay where they are).
      for (const file of files) host.uploads.cancel(file.uploadId);
      return { files: [], error: error instanceof Error ? error.message : String(error) };
    }
    return { files };
  });
  return () => ipcMain.removeHandler(OPEN_EVIDENCE_CHANNEL);
}
