/** The first rows of a file to import, with the mapping the import would use (evidence.preview). */
import type { EvidenceInput } from '../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { suggestMapping } from '../../../shared/evidence/mapping';
import { NOTES_MAPPING } from '../../../shared/evidence/notes';
import type { EvidenceFormat, ColumnMapping, EvidencePreview } from '../../../shared/evidence/schema';
import { readHead, rowsOfText, type OpenedInput } from './readers';

/** `saved` is a re-imported source's mapping, suggested over what the headers would suggest. */
export function previewOf(
  opened: OpenedInput,
  kind: EvidenceInput['kind'],
  format: EvidenceFormat | undefined,
  saved: ColumnMapping | null,
): EvidencePreview {
  const head = readHead(opened, kind, format, EVIDENCE_LIMITS.previewBytes);
  let headers: string[] = [];
  const rows: Record<string, string>[] = [];
  for (const event of rowsOfText(opened.fileName, head.text, head.format, head.delimiter, EVIDENCE_LIMITS.previewRows + 1)) {
    if ('headers' in event) headers = event.headers;
    else if ('row' in event)
      rows.push(
        Object.fromEntries(
          Object.entries(event.row).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
        ),
      );
    if (rows.length >= EVIDENCE_LIMITS.previewRows) break;
  }
  const notes = head.format === 'notes' || head.format === 'paste';
  const { mapping, recognised } = notes
    ? { mapping: NOTES_MAPPING, recognised: head.format === 'notes' ? ('interviews' as const) : null }
    : suggestMapping(headers);
  return {
    format: head.format,
    encoding: head.encoding,
    delimiter: head.delimiter,
    headers,
    rows,
    suggested: saved ?? mapping,
    recognised,
  };
}
