/**
 * Turns the files a user picked into import inputs. A file that fits the API's inline cap goes as
 * its bytes in one request; a larger one (up to 250 MB) is sent in chunks first
 * (evidence.uploadStart / uploadChunk) and then imported as `{ kind: 'upload', uploadId }`.
 */
import type { EmptyChairClient } from '../../api';
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { severalFilesProblem } from '../../../../shared/evidence/picking';

export const INLINE_KB = Math.floor(EVIDENCE_LIMITS.inlineBytesMax / 1024);

/** A picked file that still has to be sent in chunks before it can be previewed or imported. */
export interface FileToUpload {
  kind: 'file';
  file: File;
}
export type PickedInput = EvidenceInput | FileToUpload;

export class FileTooBigError extends Error {}

const bytes = (count: number) => `${count.toLocaleString('en-US')} bytes`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let start = 0; start < bytes.length; start += step) binary += String.fromCharCode(...bytes.subarray(start, start + step));
  return btoa(binary);
}

/** File.arrayBuffer where the browser has it, FileReader elsewhere (jsdom's Blob slices lack it). */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * Each file is one import. Several files at once must be Markdown or text notes: each keeps its own
 * name, so its customer and line numbers. Files over 250 MB are refused here, before anything is sent.
 */
export async function readEvidenceFiles(files: File[]): Promise<PickedInput[]> {
  if (files.length === 0) throw new Error('Choose a file to import.');
  const several = severalFilesProblem(files.map((file) => file.name));
  if (several) throw new Error(several);
  const tooLarge = files.find((file) => file.size > EVIDENCE_LIMITS.fileBytesMax);
  if (tooLarge) {
    throw new FileTooBigError(
      `${tooLarge.name} is ${bytes(tooLarge.size)}, over the ${megabytes(EVIDENCE_LIMITS.fileBytesMax)} (${bytes(EVIDENCE_LIMITS.fileBytesMax)}) a file may be. Split it and import the parts into the same source.`,
    );
  }
  return Promise.all(
    files.map(async (file): Promise<PickedInput> => {
      if (file.size > EVIDENCE_LIMITS.inlineBytesMax) return { kind: 'file', file };
      return { kind: 'bytes', fileName: file.name, base64: toBase64(await bytesOf(file)) };
    }),
  );
}

export interface UploadWatch {
  /** Bytes sent so far of the file being sent. */
  onProgress?: (received: number, size: number) => void;
  /** Checked before each chunk: true stops the upload (and removes what was sent). */
  cancelled?: () => boolean;
}

export class UploadCancelled extends Error {}

/** Sends a large file in chunks; resolves with the input that imports it. */
export async function uploadFile(client: EmptyChairClient, file: File, watch: UploadWatch = {}): Promise<EvidenceInput> {
  const started = await client.call('evidence.uploadStart', { fileName: file.name, size: file.size });
  let received = started.received;
  watch.onProgress?.(received, file.size);
  try {
    while (received < file.size) {
      if (watch.cancelled?.()) throw new UploadCancelled(`Sending ${file.name} was cancelled: nothing was imported.`);
      const chunk = await bytesOf(file.slice(received, received + EVIDENCE_LIMITS.uploadChunkBytesMax));
      const next = await client.call('evidence.uploadChunk', { uploadId: started.uploadId, offset: received, base64: toBase64(chunk) });
      received = next.received;
      watch.onProgress?.(received, file.size);
    }
  } catch (error) {
    void client.call('evidence.uploadCancel', { uploadId: started.uploadId }).catch(() => undefined);
    throw error;
  }
  return { kind: 'upload', uploadId: started.uploadId };
}

/** Ends uploads that will not be imported after all (the dialog closed after the preview). */
export function dropUploads(client: EmptyChairClient, inputs: readonly PickedInput[]): void {
  for (const input of inputs)
    if (input.kind === 'upload') void client.call('evidence.uploadCancel', { uploadId: input.uploadId }).catch(() => undefined);
}

/** The name to show for an input: the file's, or the path's. */
export function inputLabel(input: PickedInput, fallback = 'the file'): string {
  if (input.kind === 'path') return input.path;
  if (input.kind === 'file') return input.file.name;
  if (input.kind === 'upload') return fallback;
  return input.fileName;
}

/** An error message that names its file once: the service's messages often name it already. */
export function namingFile(fileName: string, message: string): string {
  return message.includes(fileName) ? message : `${fileName}: ${message}`;
}
