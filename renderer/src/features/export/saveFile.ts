/**
 * Where exported files go. In the desktop app, through window.emptyChairFiles (a native save
 * dialog in the main process); in browser mode, as a download from a Blob URL.
 *
 * PDF: the desktop app renders the HTML export with printToPDF. Browser mode cannot show that HTML
 * in a frame or a new window (the page's CSP is default-src 'self', with no blob: or data: frames),
 * so it prints the summary screen itself: summary.css hides everything but the summary in print.
 */
import type { FilesBridgeOutcome } from './filesBridge';

export interface SaveRequest {
  fileName: string;
  /** A full type, parameters allowed ("text/csv;charset=utf-8"). */
  mimeType: string;
  /** Text, or the bytes of a binary file (.xlsx). */
  content: string | Uint8Array;
}

export interface SaveOutcome {
  saved: boolean;
  /** Where the desktop app wrote the file. */
  path?: string;
  error?: string;
  /** 'desktop': the native dialog; 'download': handed to the browser's downloads. */
  via: 'desktop' | 'download';
}

export type SaveSink = (request: SaveRequest) => Promise<SaveOutcome>;

/** How long a download's Blob URL stays valid: long enough for any browser to start reading it. */
export const REVOKE_AFTER_MS = 30_000;

/** "text/csv;charset=utf-8" → "text/csv": the desktop side knows bare types only. */
export function mimeEssence(mimeType: string): string {
  return mimeType.split(';', 1)[0]!.trim().toLowerCase();
}

function fromBridge(outcome: FilesBridgeOutcome | null | undefined): SaveOutcome {
  if (!outcome || typeof outcome !== 'object') return { saved: false, error: 'The desktop app gave no answer.', via: 'desktop' };
  const result: SaveOutcome = { saved: outcome.saved === true, via: 'desktop' };
  if (typeof outcome.path === 'string') result.path = outcome.path;
  if (typeof outcome.error === 'string' && outcome.error) result.error = outcome.error;
  return result;
}

function failure(error: unknown): SaveOutcome {
  return { saved: false, error: error instanceof Error ? error.message : String(error), via: 'desktop' };
}

/** Saves text: the desktop's save dialog when there is one, a browser download otherwise. */
export async function saveFile({ fileName, mimeType, content }: SaveRequest): Promise<SaveOutcome> {
  const bridge = window.emptyChairFiles;
  if (bridge && typeof bridge.save === 'function') {
    try {
      return fromBridge(await bridge.save(fileName, mimeEssence(mimeType), content));
    } catch (error) {
      return failure(error);
    }
  }
  download(fileName, new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: mimeType }));
  return { saved: true, via: 'download' };
}

/** Hands a Blob to the browser's downloads through a temporary <a download>, then frees its URL. */
export function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** True when PDF can be made without the print dialog: the desktop app. */
export function canSavePdf(): boolean {
  return typeof window.emptyChairFiles?.printToPdf === 'function';
}

/** The desktop app's printToPDF of the HTML export, then its save dialog. */
export async function savePdf(fileName: string, html: string): Promise<SaveOutcome> {
  const bridge = window.emptyChairFiles;
  if (!bridge || typeof bridge.printToPdf !== 'function')
    return { saved: false, error: 'Saving PDF needs the desktop app.', via: 'desktop' };
  try {
    return fromBridge(await bridge.printToPdf(fileName, html));
  } catch (error) {
    return failure(error);
  }
}

/**
 * Browser mode's PDF: the browser's print dialog on the current page ("Save as PDF" is one of its
 * printers). The document title is what Chromium offers as the PDF's file name, so it is set for
 * the dialog; print() returns once the dialog is closed (the printing steps run before it returns,
 * afterprint included), and the title goes back.
 */
export function printPage(title?: string): void {
  const previous = document.title;
  if (title) document.title = title;
  try {
    window.print();
  } finally {
    document.title = previous;
  }
}
