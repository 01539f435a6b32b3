/**
 * What the desktop preload puts on window for exports (electron/preload.ts, electron/files.ts):
 * a native save dialog and PDF through Chromium. Absent in browser mode, where saving falls back
 * to a download and PDF to the browser's own print dialog (see saveFile.ts).
 */

export interface FilesBridgeOutcome {
  /** False when the user closed the save dialog, or when saving failed (then `error` says why). */
  saved: boolean;
  path?: string;
  error?: string;
}

export interface EmptyChairFiles {
  /** `mimeType` is a bare type ("text/markdown"), no parameters: the main process picks the extension from it. */
  save(fileName: string, mimeType: string, content: string | Uint8Array): Promise<FilesBridgeOutcome>;
  /** Renders self-contained HTML (the HTML export) to PDF and asks where to save it. */
  printToPdf(fileName: string, html: string): Promise<FilesBridgeOutcome>;
}

declare global {
  interface Window {
    emptyChairFiles?: EmptyChairFiles;
  }
}
