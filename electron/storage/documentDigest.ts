import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../shared/domain';

/** Bumped if what a digest covers changes: an older digest file then matches nothing. */
const DIGEST_FORMAT = 1;

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * The SHA-256 of a document file's bytes as this app last wrote them, or last read and validated
 * them in full, under this schema version; kept in `<data>/cache/` (docs/performance.md, finding 16).
 * A file whose bytes have that digest is exactly what passed, so reading it again needs no schema
 * check: validating library.json's 10,000 summaries with zod was most of a start at 10,000 meetings.
 * Any other file (edited by hand, damaged, restored, written half before a crash, no digest at all)
 * is validated in full, as before. The digest is written after the file it describes (a crash in
 * between leaves the old digest, which the new file does not match) and renamed into place whole.
 * Only a cache: a digest that cannot be read or written costs a full validation, never a start.
 */
export class DocumentDigest {
  readonly path: string;

  constructor(cacheDir: string, documentName: string) {
    this.path = path.join(cacheDir, `${documentName}.sha256.json`);
  }

  /** Whether `bytes` are exactly what was last recorded (false when there is no digest or it cannot be read). */
  matches(bytes: Uint8Array): boolean {
    let recorded: unknown;
    try {
      this.removeTempFiles();
      recorded = JSON.parse(fs.readFileSync(this.path, 'utf8'));
    } catch {
      return false;
    }
    if (typeof recorded !== 'object' || recorded === null) return false;
    const { format, schemaVersion, size, digest } = recorded as Record<string, unknown>;
    if (format !== DIGEST_FORMAT || schemaVersion !== SCHEMA_VERSION || size !== bytes.byteLength) return false;
    return typeof digest === 'string' && digest === sha256(bytes);
  }

  /** Records the file's new content: bytes just validated, or the text just written (UTF-8). */
  record(content: Uint8Array | string): void {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    const text = JSON.stringify({ format: DIGEST_FORMAT, schemaVersion: SCHEMA_VERSION, size, digest: sha256(content) });
    const temp = `${this.path}.tmp-${process.pid}`;
    try {
      fs.mkdirSync(path.dirname(this.path), { recursive: true });
      fs.writeFileSync(temp, text);
      fs.renameSync(temp, this.path);
    } catch {
      // A full validation at the next start instead; the old digest, if any, matches no new file.
      this.forget();
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // `force` ignores only a missing file: with no cache folder (a file in its place) there is no temp either.
      }
    }
  }

  /** What a crash cut short; the data folder's lock is held, so no one is writing one now. */
  private removeTempFiles(): void {
    const dir = path.dirname(this.path);
    const prefix = `${path.basename(this.path)}.tmp-`;
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
      if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }

  private forget(): void {
    try {
      fs.rmSync(this.path, { force: true });
    } catch {
      // Left behind, it matches only the bytes it was made from, which were valid.
    }
  }
}
