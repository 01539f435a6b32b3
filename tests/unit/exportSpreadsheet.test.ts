/**
 * The .xlsx export written by write-excel-file (its Node entry, as the command line uses it) and
 * read back by another implementation (ExcelJS): dates are dates, text is text, a cell starting
 * with "=" is the text typed and never a formula, and hostile text survives whole.
 */
import ExcelJS from 'exceljs';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { decisionSpreadsheet } from '../../shared/export/spreadsheet';
import { CORPUS } from './fixtures/corpus';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

async function roundTrip(sheet: ReturnType<typeof decisionSpreadsheet>): Promise<ExcelJS.Worksheet> {
  const bytes = await writeXlsxFile(sheet.data, { columns: sheet.columns, sheet: 'Decisions' }).toBuffer();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.getWorksheet('Decisions')!;
}

describe('spreadsheet export', () => {
  it('types every cell: dates as dates in the lead’s zone, text as text', async () => {
    const meeting = fixtureMeeting();
    const sheet = await roundTrip(decisionSpreadsheet([meeting], fixtureLibrary(), { timeZone: 'Europe/Berlin' }));
    const decisions = meeting.agenda.flatMap((item) => item.decisions);
    expect(sheet.rowCount).toBe(1 + decisions.length);
    expect(sheet.getRow(1).getCell(2).value).toBe('Date (Europe/Berlin)');
    const when = sheet.getRow(2).getCell(2);
    expect(when.type).toBe(ExcelJS.ValueType.Date);
    // 09:30 UTC on 24 November is 10:30 on a Berlin clock.
    expect((when.value as Date).toISOString()).toBe('2026-11-24T10:30:00.000Z');
    const due = [...Array(decisions.length).keys()].map((i) => sheet.getRow(i + 2).getCell(8)).find((cell) => cell.value !== null);
    expect(due?.type).toBe(ExcelJS.ValueType.Date);
    for (let r = 2; r <= sheet.rowCount; r++) {
      for (const c of [1, 3, 4, 5]) expect(sheet.getRow(r).getCell(c).type).toBe(ExcelJS.ValueType.String);
    }
  });

  it('keeps hostile text as the text typed: never a formula, no guard apostrophe', async () => {
    const entries = [...CORPUS.filter((entry) => entry.trim() && entry.length <= 2000), '=1+1', '+SUM(A1:A2)', '@cmd', '-2+3'];
    const meeting = fixtureMeeting();
    const item = meeting.agenda.find((i) => i.decisions.length > 0)!;
    item.decisions = entries.map((text, n) => ({ ...item.decisions[0]!, id: `hostile-${n}`, text }));
    const sheet = await roundTrip(decisionSpreadsheet([meeting], fixtureLibrary()));
    const texts: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(4);
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBeUndefined();
      texts.push(cell.value);
    });
    // XML reads a bare carriage return as a line feed (XML 1.0 §2.11): line ends may change, nothing else.
    const lineEnds = (value: string) => value.replace(/\r\n?/g, '\n');
    for (const entry of entries) expect(texts.map((t) => lineEnds(String(t)))).toContain(lineEnds(entry));
  });
});
