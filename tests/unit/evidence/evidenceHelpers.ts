import fs from 'node:fs';
import path from 'node:path';
import type { OpenLibrary } from '../../../electron/service/openLibrary';
import type { ImportProgress } from '../../../shared/evidence/schema';
import { valueOf } from '../helpers';

/** Starts an import through the dispatcher and waits until the job is over; returns its last progress. */
export async function importAndWait(library: OpenLibrary, input: unknown): Promise<ImportProgress> {
  const started = valueOf<ImportProgress>(library, 'evidence.import', input);
  await library.service.evidence.settled();
  return valueOf<ImportProgress>(library, 'evidence.importStatus', { jobId: started.jobId });
}

/** Writes bytes to a file in `dir` and returns its path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Windows-1252 bytes of a Latin-1 string (the characters we test with are the same in both). */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((char) => {
      const code = char.charCodeAt(0);
      if (code > 0xff) throw new Error(`not Latin-1: ${char}`);
      return code;
    }),
  );
}

export function utf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

export function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

export interface SearchHitLike {
  text: string;
  customer: string;
  accountName: string;
  segment: string;
}
