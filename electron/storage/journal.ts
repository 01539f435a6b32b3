import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only file of records, one per line, each made durable (fdatasync) before append
 * returns. It is the write-ahead log in front of a document's file (documentStore.ts): appending a
 * line to an open file costs the disk less than a new temp file and a rename, which is what
 * electron-store pays on every write (docs/performance.md, finding 10).
 *
 * The records are JSON, which never holds a raw newline, so a line is a record. A crash in the
 * middle of an append leaves a line without its newline at the end (a torn tail); it was never
 * acknowledged, and it is cut off before the next append so it cannot run into the next record.
 */
export class Journal {
  private fd: number | null = null;
  /** Bytes of complete records; anything on disk after them is a torn tail to cut before appending. */
  private length = 0;
  private tornTail = false;
  /** Whether the file is on disk (and its directory entry durable), so opening it creates nothing. */
  private exists = false;

  constructor(readonly path: string) {}

  /** The complete records, oldest first, and whether a torn tail follows; undefined when there is no file. */
  read(): { records: string[]; tornTail: boolean } | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    this.exists = true;
    const end = text.lastIndexOf('\n') + 1;
    this.length = Buffer.byteLength(text.slice(0, end));
    this.tornTail = end < text.length;
    const records = text.slice(0, end).split('\n');
    records.pop(); // the empty string after the last newline
    return { records: records.filter((line) => line !== ''), tornTail: this.tornTail };
  }

  /** Appends one record durably; returns the journal's size in bytes. Throws what the disk says. */
  append(record: string): number {
    const bytes = Buffer.from(`${record}\n`);
    try {
      if (this.fd === null) {
        this.fd = fs.openSync(this.path, 'a');
        if (!this.exists) {
          syncDirectory(path.dirname(this.path)); // so the new file's name survives a power cut too
          this.exists = true;
        }
      }
      if (this.tornTail) {
        fs.ftruncateSync(this.fd, this.length);
        this.tornTail = false;
      }
      fs.writeFileSync(this.fd, bytes);
      fs.fdatasyncSync(this.fd);
    } catch (error) {
      // Part of the record may be on disk: cut it off before the next append.
      this.tornTail = true;
      this.close();
      throw error;
    }
    this.length += bytes.length;
    return this.length;
  }

  /** Closes the file, leaving it on disk. */
  close(): void {
    if (this.fd === null) return;
    try {
      fs.closeSync(this.fd);
    } finally {
      this.fd = null;
    }
  }

  /** Closes and deletes the file (its records are in the document's file now). */
  remove(): void {
    this.close();
    try {
      fs.unlinkSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.length = 0;
    this.tornTail = false;
    this.exists = false;
  }
}

function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the name with the file.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
