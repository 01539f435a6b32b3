/**
 * Files sent from the Evidence screen in chunks (browser mode cannot hand the service a path): each
 * upload is appended to <dataDir>/evidence-uploads/<id>.part and, once whole, imported as a file
 * path. Uploads live until imported, cancelled, idle too long, or the service restarts (the folder
 * is emptied on open: a half-sent file is never imported). In the desktop app a file the user
 * picked in the main process's own open dialog is `adopt`ed instead: an upload that is whole at
 * once and reads the user's file in place (never removed), so the window only ever holds an id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import type { UploadProgress } from '../../../shared/evidence/schema';
import { inputError, openFile, type OpenedInput } from './readers';

export const UPLOADS_DIR = 'evidence-uploads';

export interface UploadLimits {
  chunkBytesMax: number;
  fileBytesMax: number;
  openMax: number;
  pickedMax: number;
  idleMs: number;
}

const DEFAULT_LIMITS: UploadLimits = {
  chunkBytesMax: EVIDENCE_LIMITS.uploadChunkBytesMax,
  fileBytesMax: EVIDENCE_LIMITS.fileBytesMax,
  openMax: EVIDENCE_LIMITS.uploadsOpenMax,
  pickedMax: EVIDENCE_LIMITS.pickedFilesMax,
  idleMs: EVIDENCE_LIMITS.uploadIdleMs,
};

interface Upload extends UploadProgress {
  file: string;
  touched: number;
  /** The user's own file (picked in the desktop app's dialog): read in place, never removed. */
  adopted: boolean;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export class Uploads {
  readonly dir: string;
  private readonly open = new Map<string, Upload>();
  private readonly limits: UploadLimits;

  constructor(
    dataDir: string,
    private readonly clock: { now: () => Date; newId: () => string },
    limits: Partial<UploadLimits> = {},
  ) {
    this.dir = path.join(dataDir, UPLOADS_DIR);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  start(fileName: string, size: number): UploadProgress {
    this.checkRoom(fileName, size, false);
    const uploadId = this.clock.newId();
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${uploadId}.part`);
    fs.writeFileSync(file, '');
    const upload: Upload = { uploadId, fileName, size, received: 0, complete: size === 0, file, touched: this.now(), adopted: false };
    this.open.set(uploadId, upload);
    return progressOf(upload);
  }

  /**
   * A file the user picked in the desktop app's open dialog, whole at once. Only the main process
   * calls this (no API method reaches it), so the window can import what the user chose and nothing else.
   */
  adopt(filePath: string): UploadProgress {
    const fileName = path.basename(filePath);
    const size = openFile(filePath, fileName).size; // a clear error for a missing, non-file or oversized path
    this.checkRoom(fileName, size, true);
    const upload: Upload = {
      uploadId: this.clock.newId(),
      fileName,
      size,
      received: size,
      complete: true,
      file: filePath,
      touched: this.now(),
      adopted: true,
    };
    this.open.set(upload.uploadId, upload);
    return progressOf(upload);
  }

  /** Sent files take disk space (at most openMax of them); picked ones only an entry (at most pickedMax). */
  private checkRoom(fileName: string, size: number, adopted: boolean): void {
    if (size > this.limits.fileBytesMax) {
      throw inputError(
        fileName,
        `is ${mb(size)}; files of at most ${mb(this.limits.fileBytesMax)} can be imported. Split it and import the parts into the same source.`,
        'limit_exceeded',
      );
    }
    this.dropIdle();
    const max = adopted ? this.limits.pickedMax : this.limits.openMax;
    if ([...this.open.values()].filter((upload) => upload.adopted === adopted).length >= max) {
      throw new ApiError(
        'limit_exceeded',
        adopted
          ? `${max} picked files are waiting to be imported already; import or cancel them before choosing ${fileName}.`
          : `${max} uploads are open already; finish or cancel one before sending ${fileName}.`,
      );
    }
  }

  /** Appends one chunk; it must start where the upload stands and fit the announced size. */
  chunk(uploadId: string, offset: number, base64: string): UploadProgress {
    const upload = this.get(uploadId);
    if (upload.adopted) throw new ApiError('conflict', `${upload.fileName} was picked on this computer and is whole; it takes no chunks.`);
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > this.limits.chunkBytesMax) {
      throw new ApiError(
        'limit_exceeded',
        `${upload.fileName}: a chunk is ${bytes.length} bytes; at most ${this.limits.chunkBytesMax} are allowed. Nothing was added.`,
      );
    }
    if (offset !== upload.received) {
      throw new ApiError(
        'conflict',
        `${upload.fileName}: ${upload.received} bytes are in, so the next chunk starts there, not at ${offset}. Nothing was added.`,
      );
    }
    if (upload.received + bytes.length > upload.size) {
      throw inputError(
        upload.fileName,
        `this chunk would make it ${upload.received + bytes.length} bytes, more than the ${upload.size} announced. Nothing was added.`,
      );
    }
    fs.appendFileSync(upload.file, bytes);
    upload.received += bytes.length;
    upload.complete = upload.received === upload.size;
    upload.touched = this.now();
    return progressOf(upload);
  }

  cancel(uploadId: string): { uploadId: string } {
    const upload = this.open.get(uploadId);
    if (upload) this.remove(upload);
    return { uploadId };
  }

  /** The whole file, to preview or import under its own name; refused until every byte is in. */
  input(uploadId: string): OpenedInput {
    const upload = this.get(uploadId);
    if (!upload.complete) {
      throw inputError(upload.fileName, `only ${upload.received} of its ${upload.size} bytes have arrived; send the rest first.`);
    }
    upload.touched = this.now();
    return openFile(upload.file, upload.fileName);
  }

  /** Forgets an upload once its import has ended, whatever the outcome. */
  release(uploadId: string): void {
    this.cancel(uploadId);
  }

  /** Removes every upload (the service closes). */
  close(): void {
    for (const upload of [...this.open.values()]) this.remove(upload);
  }

  private get(uploadId: string): Upload {
    this.dropIdle();
    const upload = this.open.get(uploadId);
    if (!upload) throw new ApiError('not_found', `There is no upload ${uploadId} (it was imported, cancelled, or left idle too long).`);
    return upload;
  }

  private dropIdle(): void {
    const oldest = this.now() - this.limits.idleMs;
    for (const upload of [...this.open.values()]) if (upload.touched < oldest) this.remove(upload);
  }

  private remove(upload: Upload): void {
    this.open.delete(upload.uploadId);
    try {
      if (!upload.adopted) fs.rmSync(upload.file, { force: true });
    } catch {
      // Also called off the request path (after an import); a file left behind goes at the next start.
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function progressOf({ uploadId, fileName, size, received, complete }: Upload): UploadProgress {
  return { uploadId, fileName, size, received, complete };
}
