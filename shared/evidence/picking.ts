/**
 * Which files the Evidence screen lets the user choose, the same for the browser's file input and
 * the desktop app's open dialog; and the rule that a window never names a file by its path.
 */
export const EVIDENCE_EXTENSIONS = ['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'md', 'markdown', 'txt'] as const;
export const ACCOUNTS_EXTENSIONS = ['csv', 'tsv', 'json'] as const;
const NOTES_EXTENSIONS = ['md', 'markdown', 'txt'];

export function isNotesFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && NOTES_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

/** Each file is one import; several at once must all be Markdown or text notes (each keeps its own name, so its customer). */
export function severalFilesProblem(names: readonly string[]): string | null {
  const notNotes = names.length > 1 ? names.find((name) => !isNotesFile(name)) : undefined;
  return notNotes === undefined ? null : `${notNotes}: only Markdown or text files can be imported several at once.`;
}

export const PATH_FROM_WINDOW_MESSAGE =
  'A window cannot import a file by its path: choose the file in the Evidence screen (the desktop app reads it where it is).';

/**
 * Whether a call reads a file named by path (`{ input: { kind: 'path' } }`). The CLI and scripts
 * may; the window's transports (IPC, browser mode's HTTP) refuse it, so a page can read only files
 * the user picked (the desktop app's own open dialog registers those, see electron/evidenceDialog.ts).
 */
export function namesAPath(method: unknown, input: unknown): boolean {
  if (typeof method !== 'string' || !method.startsWith('evidence.') || typeof input !== 'object' || input === null) return false;
  const inner: unknown = (input as { input?: unknown }).input;
  return typeof inner === 'object' && inner !== null && (inner as { kind?: unknown }).kind === 'path';
}

/** A file the desktop app's open dialog picked: registered with the service, imported as `{ kind: 'upload', uploadId }`. */
export interface PickedFile {
  uploadId: string;
  fileName: string;
  size: number;
}

/** What the window hears back from the dialog: the picked files (none when the user cancelled), or why none can be used. */
export interface OpenEvidenceOutcome {
  files: PickedFile[];
  error?: string;
}

export type EvidencePurpose = 'evidence' | 'accounts';
