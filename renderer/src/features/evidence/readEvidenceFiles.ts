/**
 * Turns the files a user picked into one inline import input. Files are read in the browser and sent
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
 * One file goes as its bytes (the service detects the encoding). Several Markdown or text files are
 * joined into one notes text, each under a heading with its file name, so each passage stays apart.
 */
export async function readEvidenceFiles(files: File[]): Promise<EvidenceInput> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const [first] = files;
  if (!first) throw new Error('Choose a file to import.');
  if (files.length === 1) {
    if (first.size > EVIDENCE_LIMITS.inlineBytesMax) throw tooBig(first.name);
    return { kind: 'bytes', fileName: first.name, base64: toBase64(new Uint8Array(await first.arrayBuffer())) };
  }
  const notNotes = files.find((file) => !isNotes(file.name));
  if (notNotes) throw new Error(`${notNotes.name}: only Markdown or text files can be imported several at once.`);
  if (total > EVIDENCE_LIMITS.inlineBytesMax) throw tooBig(`${files.length} files together`);
  const texts = await Promise.all(files.map(async (file) => `# ${file.name}\n\n${(await file.text()).trim()}\n`));
  return {
    kind: 'text',
    fileName: files
      .map((file) => file.name)
      .join(', ')
      .slice(0, EVIDENCE_LIMITS.fieldMax),
    text: texts.join('\n'),
  };
}
