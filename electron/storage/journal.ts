import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only file of records, one per line, each made durable (fdatasync) before append
 * returns. It is the write-ahead log in front of a document's file (documentStore.ts): writing a
 * line into an open file costs the disk less than a new temp file and a rename, which is what
 * electron-store pays on every write (docs/performance.md, finding 10).
 *
 * The records are JSON, which never holds a raw newline, so a line is a record. A crash or a disk
 * error in the middle of an append can leave a line without its newline at the end (a torn tail);
 * it was never acknowledged, and it is cut off before the next append so it cannot run into the
 * next record. Records are written at an explicit offset, not in append mode: Windows does not let
 * a file opened for appending be truncated.
 */
export class Journal {
  private fd: number | null = null;
  /** Bytes of complete records; anything on disk after them is a torn tail to cut before writing. */
  private length = 0;
  private tornTail = false;
  /** Whether the directory entry of the file is known to be durable (synced, or found on disk). */
  private nameSynced = false;

  constructor(
    readonly path: string,
    /**
     * Whether the file may be on disk: set before anything could create it, cleared once it is
     * deleted. Given as false when the folder was listed without it, which spares a read.
     */
    private mayExist = true,
  ) {}

  get onDisk(): boolean {
    return this.mayExist;
  }

  /**
   * The complete records, oldest first, as bytes (the reader decodes them, so a line that is not
   * valid UTF-8 counts as damaged rather than being patched with U+FFFD), and whether a torn tail
   * follows; undefined when there is no file.
   */
  read(): { records: Buffer[]; tornTail: boolean } | undefined {
    if (!this.mayExist) return undefined;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.mayExist = false;
        return undefined;
      }
      throw error;
    }
    this.mayExist = true;
    this.nameSynced = true;
    // Offsets in bytes, not characters: a damaged line may not be valid UTF-8.
    this.length = bytes.lastIndexOf(0x0a) + 1;
    this.tornTail = this.length < bytes.length;
    const records: Buffer[] = [];
    for (let start = 0; start < this.length;) {
      const end = bytes.indexOf(0x0a, start); // never inside a UTF-8 sequence: its bytes are all >= 0x80
      if (end > start) records.push(bytes.subarray(start, end));
      start = end + 1;
    }
    return { records, tornTail: this.tornTail };
  }

  /** Writes one record after the complete ones, durably; returns the journal's size in bytes. Throws what the disk says. */
  append(record: string): number {
    const bytes = Buffer.from(`${record}\n`);
    try {
      if (this.fd === null) this.fd = this.open();
      if (!this.nameSynced) {
        syncDirectory(path.dirname(this.path)); // so the new file's name survives a power cut too
        this.nameSynced = true;
      }
      if (this.tornTail) {
        fs.ftruncateSync(this.fd, this.length);
        this.tornTail = false;
      }
      for (let written = 0; written < bytes.length;) {
        written += fs.writeSync(this.fd, bytes, written, bytes.length - written, this.length + written);
      }
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

  private open(): number {
    const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
    if (!this.mayExist) {
      this.mayExist = true;
      try {
        return fs.openSync(this.path, O_WRONLY | O_CREAT | O_EXCL);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.read(); // not expected, but there: keep its records, and write after them
      }
    }
    // `length` is what this object read or wrote; anything after it is not a record of ours.
    this.tornTail = true;
    return fs.openSync(this.path, O_WRONLY | O_CREAT);
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

  /** Closes and deletes the file. Throws what the disk says; the file may still be there then. */
  remove(): void {
    this.close();
    try {
      fs.unlinkSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.length = 0;
    this.tornTail = false;
    this.mayExist = false;
    this.nameSynced = false;
  }
}

/** Makes a directory's entries (a file created or renamed into it) durable. */
export function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the name with the file.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
