/**
 * Telling a file's text encoding from its first bytes, with TextDecoder only (works in Node and the
 * browser). A BOM decides; otherwise UTF-8 when the bytes decode strictly, else Windows-1252, the
 * encoding spreadsheet programs on Windows write. NUL bytes without a UTF-16 BOM mean a binary file.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of the BOM to skip. */
  bomLength: number;
}

export class BinaryFileError extends Error {}
export class UnknownEncodingError extends Error {}

export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (
    (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) ||
    (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0)
  ) {
    throw new UnknownEncodingError('it is in UTF-32, an encoding Empty Chair cannot read; save it as UTF-8 and import it again');
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head.includes(0)) throw new BinaryFileError('it holds NUL bytes, so it is a binary file (or UTF-16 without a byte-order mark)');
  return { encoding: isStrictUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Strict UTF-8 check of a sample that may end mid-character (the cut-off tail is forgiven). */
function isStrictUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Step back over a possibly cut multi-byte sequence at the end of the sample.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes whole bytes (pasted or inline files) with the detected encoding. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const { encoding, bomLength } = detectEncoding(bytes.subarray(0, 64 * 1024));
  if (encoding === 'utf-8' && bomLength === 0 && !isStrictUtf8(bytes)) {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
  return { text: new TextDecoder(encoding).decode(bytes.subarray(bomLength)), encoding };
}
