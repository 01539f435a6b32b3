/**
 * Turns the files a user picked into inline import inputs. Files are read in the browser and sent
 * through the API, so they must fit its inline cap; larger files import with the desktop app.
 */
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';

export const INLINE_MB = Math.floor((EVIDENCE_LIMITS.inlineBytesMax / (1024 * 1024)) * 10) / 10;

export class FileTooBigError extends Error {}

const isNotes = (name: string) => /\.(md|markdown|txt)$/i.test(name);

function tooBig(name: string): FileTooBigError {
  return new FileTooBigError(
    `${name} is too big to import in the browser (over ${INLINE_MB} MB): import files over ${INLINE_MB} MB with the desktop app.`,
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let start = 0; start < bytes.length; start += step) binary += String.fromCharCode(...bytes.subarray(start, start + step));
  return btoa(binary);
}

/**
 * Each file goes as its bytes (the service detects the encoding), one import each. Several files at
 * once must be Markdown or text notes: each keeps its own name, so its customer and line numbers.
 */
export async function readEvidenceFiles(files: File[]): Promise<EvidenceInput[]> {
  if (files.length === 0) throw new Error('Choose a file to import.');
  const notNotes = files.length > 1 ? files.find((file) => !isNotes(file.name)) : undefined;
  if (notNotes) throw new Error(`${notNotes.name}: only Markdown or text files can be imported several at once.`);
  const tooLarge = files.find((file) => file.size > EVIDENCE_LIMITS.inlineBytesMax);
  if (tooLarge) throw tooBig(tooLarge.name);
  return Promise.all(
    files.map(async (file) => ({
      kind: 'bytes' as const,
      fileName: file.name,
      base64: toBase64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
}

/** An error message that names its file once: the service's messages often name it already. */
export function namingFile(fileName: string, message: string): string {
  return message.includes(fileName) ? message : `${fileName}: ${message}`;
}
