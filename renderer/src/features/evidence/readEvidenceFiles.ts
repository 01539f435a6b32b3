/**
 * Turns the files a user picked into inline import inputs. Files are read in the browser and sent
 * through the API, so they must fit its inline cap. Larger files need an import by path, which no
 * screen offers yet: the message says so and what to do meanwhile.
 */
import type { EvidenceInput } from '../../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';

export const INLINE_KB = Math.floor(EVIDENCE_LIMITS.inlineBytesMax / 1024);

export class FileTooBigError extends Error {}

const isNotes = (name: string) => /\.(md|markdown|txt)$/i.test(name);

function tooBig(name: string): FileTooBigError {
  return new FileTooBigError(
    `${name} is over ${INLINE_KB} KB, the most this screen can import for now: split it into files under that size and import each.`,
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
