/**
 * The .xlsx export in the browser: the shared sheet (shared/export/spreadsheet.ts) written by
 * write-excel-file's browser entry. Only ever loaded with import() from ExportMenu, so the writer
 * (zip and XML) stays out of the initial bundle.
 */
import writeXlsxFile from 'write-excel-file/browser';
import type { Meeting } from '../../../../shared/domain';
import { meetingFileName } from '../../../../shared/export/fileName';
import { decisionSpreadsheet, XLSX_MIME, XLSX_SHEET } from '../../../../shared/export/spreadsheet';
import type { SummaryLibrary } from '../../../../shared/summary/summary';

export async function meetingXlsx(
  meeting: Meeting,
  library: SummaryLibrary,
  timeZone: string,
): Promise<{ fileName: string; mimeType: string; content: Uint8Array }> {
  const sheet = decisionSpreadsheet([meeting], library, { timeZone });
  const blob = await writeXlsxFile(sheet.data, { columns: sheet.columns, sheet: XLSX_SHEET }).toBlob();
  return { fileName: meetingFileName(meeting, 'xlsx'), mimeType: XLSX_MIME, content: new Uint8Array(await blob.arrayBuffer()) };
}
