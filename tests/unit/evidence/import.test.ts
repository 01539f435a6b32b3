import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceLibrary, EvidencePreview, EvidenceSearchResult } from '../../../shared/evidence/schema';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import { closeNow, closeOpened, errorCodeOf, openTemp, snapshotFiles, tempDir, valueOf } from '../helpers';
import { importAndWait, utf16be, utf16le, windows1252, writeFile } from './evidenceHelpers';

afterEach(closeOpened);

const TICKETS =
  'id,subject,description,requester,priority,satisfaction,created_at\n' +
  '101,Pricing page,"The new price is too expensive for us",Zoë Martin,high,2,2026-11-20\n' +
  '102,Export,"Need CSV export, é and ü must survive",Ben,low,4,2026-11-21\n';

async function importFile(library: ReturnType<typeof openTemp>, file: string, name = 'Tickets') {
  return importAndWait(library, { source: { name, kind: 'tickets' }, input: { kind: 'path', path: file } });
}

function allTexts(library: ReturnType<typeof openTemp>, query: string): string[] {
  return valueOf<EvidenceSearchResult>(library, 'evidence.search', { query, limit: 50 }).hits.map((hit) => hit.text);
}

describe('evidence import: encodings and delimiters, from real files', () => {
  const cases: [string, (text: string) => Uint8Array | string][] = [
    ['UTF-8', (text) => text],
    ['UTF-8 with BOM', (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with BOM', (text) => utf16le(text)],
    ['UTF-16 BE with BOM', (text) => utf16be(text)],
    ['Windows-1252', (text) => windows1252(text)],
  ];
  for (const [encoding, encode] of cases) {
    for (const delimiter of [',', ';', '\t']) {
      it(`${encoding}, delimiter ${JSON.stringify(delimiter)}: "é" stays "é", quoted newlines kept`, async () => {
        const dir = tempDir();
        const csv = TICKETS.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, delimiter).replace('"Need CSV export', '"Need CSV\nexport');
        const file = writeFile(dir, 'tickets.csv', encode(csv));
        const library = openTemp();
        const preview = valueOf<EvidencePreview>(library, 'evidence.preview', { input: { kind: 'path', path: file } });
        expect(preview.delimiter).toBe(delimiter);
        expect(preview.recognised).toBe('tickets');
        expect(preview.suggested?.text).toEqual(['subject', 'description']);
        expect(preview.rows[1]!.description).toBe('Need CSV\nexport, é and ü must survive');
        const progress = await importFile(library, file);
        expect(progress.error).toBeNull();
        expect(progress).toMatchObject({ state: 'done', rowsRead: 2, rowsKept: 2, added: 2 });
        const texts = allTexts(library, 'export');
        expect(texts).toEqual(['Export\n\nNeed CSV\nexport, é and ü must survive']);
        const hit = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'pricing' }).hits[0]!;
        expect(hit).toMatchObject({ customer: 'Zoë Martin', rating: 2, date: '2026-11-20', sourceName: 'Tickets' });
      });
    }
  }

  it('a UTF-8 file whose first non-ASCII byte is far in is read as Windows-1252 when that byte is not UTF-8', async () => {
    const dir = tempDir();
    const filler = Array.from({ length: 3_000 }, (_, i) => `${i},plain row number ${i}`).join('\n');
    const file = writeFile(dir, 'late.csv', windows1252(`id,comment\n${filler}\n9999,café crème\n`));
    const library = openTemp();
    const progress = await importFile(library, file);
    expect(progress).toMatchObject({ state: 'done', rowsKept: 3_001 });
    expect(allTexts(library, 'café')).toEqual(['café crème']);
  });
});

describe('evidence import: rows, formats and mapping', () => {
  it('reports ragged rows with their row and line and keeps the others', async () => {
    const file = writeFile(tempDir(), 'ragged.csv', 'id,comment,score\n1,fine,5\n2,too,many,cells\n3,short\n4,"multi\nline",3\n');
    const library = openTemp();
    const progress = await importFile(library, file);
    expect(progress).toMatchObject({ state: 'done', rowsRead: 4, rowsKept: 2, skipped: { ragged_row: 2 } });
    expect(progress.skippedExamples.map((example) => example.where)).toEqual([
      'row 2 (line 3): 4 cells, the header has 3',
      'row 3 (line 4): 2 cells, the header has 3',
    ]);
  });

  it('imports JSON Lines and a JSON array, skipping what is not an object with its line', async () => {
    const dir = tempDir();
    const lines = writeFile(
      dir,
      'reviews.jsonl',
      '{"content":"Love the offline mode","score":5,"date":"2026-10-01"}\n[1,2]\nnot json\n{"content":"Sync is slow","score":2}\n',
    );
    const library = openTemp();
    const progress = await importFile(library, lines, 'Reviews');
    expect(progress).toMatchObject({ state: 'done', rowsKept: 2, skipped: { not_an_object: 1, bad_json: 1 } });
    expect(progress.skippedExamples).toEqual([
      { where: 'line 2', reason: 'not_an_object' },
      { where: 'line 3', reason: 'bad_json' },
    ]);
    const array = writeFile(dir, 'survey.json', JSON.stringify([{ score: 3, comment: 'Onboarding took too long' }, 'x']));
    expect(await importFile(library, array, 'Survey')).toMatchObject({ state: 'done', rowsKept: 1, skipped: { not_an_object: 1 } });
    expect(allTexts(library, 'onboarding')).toEqual(['Onboarding took too long']);
  });

  it('splits Markdown notes into passages, the customer from front-matter or the file name', async () => {
    const dir = tempDir();
    const withMeta = writeFile(
      dir,
      'call-1.md',
      '---\ncustomer: Acme Corp\nsegment: Enterprise\ndate: 2026-11-02\n---\n# Billing\nThey find invoices confusing.\n\nThe VAT line is missing.\n\n## Roadmap\n- wants SSO\n',
    );
    const bare = writeFile(dir, 'globex_interview.txt', 'We churned because of the price.\n');
    const library = openTemp();
    expect(
      await importAndWait(library, { source: { name: 'Calls', kind: 'interviews' }, input: { kind: 'path', path: withMeta } }),
    ).toMatchObject({ state: 'done', rowsKept: 3 });
    expect(
      await importAndWait(library, { source: { name: 'Calls 2', kind: 'interviews' }, input: { kind: 'path', path: bare } }),
    ).toMatchObject({ state: 'done', rowsKept: 1 });
    const hits = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'invoice VAT SSO price', limit: 10 }).hits;
    expect(hits.map((hit) => [hit.text, hit.customer, hit.segment, hit.date]).sort()).toEqual([
      ['Billing: The VAT line is missing.', 'Acme Corp', 'Enterprise', '2026-11-02'],
      ['Billing: They find invoices confusing.', 'Acme Corp', 'Enterprise', '2026-11-02'],
      ['Roadmap: wants SSO', 'Acme Corp', 'Enterprise', '2026-11-02'],
      ['We churned because of the price.', 'globex interview', '', null],
    ]);
  });

  it('pasted text becomes one item per paragraph', async () => {
    const library = openTemp();
    const progress = await importAndWait(library, {
      source: { name: 'Paste', kind: 'other' },
      input: { kind: 'text', text: 'First point.\n\n\nSecond\npoint.\n\n' },
    });
    expect(progress).toMatchObject({ state: 'done', rowsKept: 2 });
    expect(allTexts(library, 'point').sort()).toEqual(['First point.', 'Second\npoint.']);
  });

  it('saves the mapping with the source and reuses it; re-import adds nothing, a changed file updates what changed', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'export.csv', 'Ticket,Words,Who\n1,Slow dashboard,Ann\n2,Crash on save,Bo\n');
    const library = openTemp();
    const mapping = { text: ['Words'], customer: 'Who', externalId: 'Ticket' };
    const first = await importAndWait(library, { source: { name: 'Desk', kind: 'tickets' }, input: { kind: 'path', path: file }, mapping });
    expect(first).toMatchObject({ state: 'done', added: 2 });
    const sourceId = first.sourceId!;
    const saved = valueOf<EvidenceLibrary>(library, 'evidence.library', {}).sources[0]!;
    expect(saved.mapping).toMatchObject({ text: ['Words'], customer: 'Who', externalId: 'Ticket' });
    expect(await importAndWait(library, { sourceId, input: { kind: 'path', path: file } })).toMatchObject({
      state: 'done',
      added: 0,
      updated: 0,
      unchanged: 2,
    });
    fs.writeFileSync(file, 'Ticket,Words,Who\n1,Slow dashboard on Mondays,Ann\n2,Crash on save,Bo\n3,Dark mode please,Cy\n');
    expect(await importAndWait(library, { sourceId, input: { kind: 'path', path: file } })).toMatchObject({
      state: 'done',
      added: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {}).itemCount).toBe(3);
    expect(allTexts(library, 'dashboard')).toEqual(['Slow dashboard on Mondays']);
  });

  it('without an external id, the same text, customer and date are one item (hash key)', async () => {
    const file = writeFile(tempDir(), 'survey.csv', 'score,comment\n3,Too pricey\n3,Too pricey\n5,Great\n');
    const library = openTemp();
    const progress = await importFile(library, file);
    expect(progress).toMatchObject({ rowsKept: 2, skipped: { duplicate_in_file: 1 } });
    expect(await importAndWait(library, { sourceId: progress.sourceId, input: { kind: 'path', path: file } })).toMatchObject({
      added: 0,
      unchanged: 2,
    });
  });

  it('masks email addresses and phone numbers by default, and keeps them when asked', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 't.csv', 'comment\n"Call me at +1 (555) 010-2030 or mail zoe@example.com, order 42"\n');
    const library = openTemp();
    await importFile(library, file);
    expect(allTexts(library, 'call')).toEqual(['Call me at [phone] or mail [email], order 42']);
    await importAndWait(library, { source: { name: 'Raw', kind: 'other' }, input: { kind: 'path', path: file }, mask: false });
    expect(allTexts(library, 'call')).toContain('Call me at +1 (555) 010-2030 or mail zoe@example.com, order 42');
  });

  it('keeps formula- and markup-looking text as plain text', async () => {
    const file = writeFile(tempDir(), 'h.csv', 'comment\n"=HYPERLINK(""http://x"") <img src=x onerror=alert(1)>"\n');
    const library = openTemp();
    await importFile(library, file);
    expect(allTexts(library, 'hyperlink img')).toEqual(['=HYPERLINK("http://x") <img src=x onerror=alert(1)>']);
  });
});

describe('evidence import: bad input is a clear error that changes nothing', () => {
  async function failure(library: ReturnType<typeof openTemp>, file: string, extra: object = {}) {
    const before = snapshotFiles(library.dataDir);
    const progress = await importAndWait(library, {
      source: { name: 'Bad', kind: 'other' },
      input: { kind: 'path', path: file },
      ...extra,
    });
    expect(progress.state).toBe('failed');
    expect(snapshotFiles(library.dataDir)).toEqual(before);
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {}).sources).toEqual([]);
    return progress.error!;
  }

  it('names a binary file', async () => {
    const file = writeFile(tempDir(), 'photo.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2]));
    const library = openTemp();
    expect(await failure(library, file)).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/^photo\.csv: cannot be imported: .*binary file/),
    });
  });

  it('names an unknown encoding (UTF-32)', async () => {
    const file = writeFile(tempDir(), 'u32.csv', Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]));
    const library = openTemp();
    expect((await failure(library, file)).message).toMatch(/^u32\.csv: .*UTF-32/);
  });

  it('names an empty text column', async () => {
    const file = writeFile(tempDir(), 'empty.csv', 'id,comment\n1,\n2,  \n');
    const library = openTemp();
    expect((await failure(library, file)).message).toBe(
      'empty.csv: the text column "comment" is empty in every row. Choose the column that holds the customer\'s words.',
    );
  });

  it('names a JSON that is not a list of objects', async () => {
    const file = writeFile(tempDir(), 'obj.json', '{"not": "a list"}');
    const library = openTemp();
    expect((await failure(library, file, { format: 'json' })).message).toMatch(/^obj\.json: is JSON but not a list of objects/);
  });

  it('names a file with no text-like column', async () => {
    const file = writeFile(tempDir(), 'nums.csv', 'a,b\n1,2\n');
    const library = openTemp();
    expect((await failure(library, file)).message).toMatch(/^nums\.csv: none of its columns \(a, b\) looks like the customer's words/);
  });

  it('refuses an inline file over the limit at once (limit accepted, limit + 1 refused)', () => {
    const library = openTemp();
    const at = Buffer.alloc(EVIDENCE_LIMITS.inlineBytesMax, 'a');
    at.write('comment\n', 0);
    const ok = valueOf<{ state: string }>(library, 'evidence.import', {
      source: { name: 'Big', kind: 'other' },
      input: { kind: 'bytes', fileName: 'big.csv', base64: at.toString('base64') },
    });
    expect(ok.state).toBe('running');
    return library.service.evidence.settled().then(() => {
      const over = Buffer.concat([at, Buffer.from('a')]).toString('base64');
      expect(
        errorCodeOf(library, 'evidence.import', {
          source: { name: 'Big', kind: 'other' },
          input: { kind: 'bytes', fileName: 'big.csv', base64: over },
        }),
      ).toMatch(/invalid_input|limit_exceeded/);
    });
  });

  it('refuses a file on disk over 250 MB before reading it (sparse file)', () => {
    const file = path.join(tempDir(), 'huge.csv');
    fs.writeFileSync(file, 'comment\n');
    fs.truncateSync(file, EVIDENCE_LIMITS.fileBytesMax + 1);
    const library = openTemp();
    const result = errorCodeOf(library, 'evidence.import', {
      source: { name: 'Huge', kind: 'other' },
      input: { kind: 'path', path: file },
    });
    expect(result).toBe('limit_exceeded');
  });
});

describe('evidence import: accounts, cancel, restart', () => {
  it('joins accounts by id, by name (case and spaces) and by email domain; MRR counts as ARR × 12', async () => {
    const dir = tempDir();
    const accounts = writeFile(
      dir,
      'accounts.csv',
      'id,name,domain,plan,mrr,currency\nA-1,Acme Corp,acme.com,Enterprise,1000,USD\nG-2,Globex,globex.io,SMB,500,EUR\nI-3,Initech,initech.com,Mid,250,USD\n',
    );
    const tickets = writeFile(
      dir,
      'tickets.csv',
      'comment,account,email,customer,date\nPricing is confusing,A-1,,,2026-11-30\nPricing too high,,,  globex ,2026-11-29\nPricing page broke,,bob@initech.com,Bob,2026-11-28\nPricing okay,,,Nobody,2026-01-01\n',
    );
    const library = openTemp();
    expect(valueOf(library, 'evidence.importAccounts', { input: { kind: 'path', path: accounts } })).toEqual({ accountCount: 3 });
    await importFile(library, tickets);
    const result = valueOf<EvidenceSearchResult>(library, 'evidence.search', { query: 'pricing', limit: 10 });
    const byText = Object.fromEntries(result.hits.map((hit) => [hit.text, [hit.accountName, hit.segment]]));
    expect(byText).toEqual({
      'Pricing is confusing': ['Acme Corp', 'Enterprise'],
      'Pricing too high': ['Globex', 'SMB'],
      'Pricing page broke': ['Initech', 'Mid'],
      'Pricing okay': ['', ''],
    });
  });

  it('a cancelled import leaves the library exactly as before', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},Row ${i} about pricing`).join('\n');
    const file = writeFile(dir, 'big.csv', `id,comment\n${rows}\n`);
    const library = openTemp();
    const before = snapshotFiles(library.dataDir);
    const started = valueOf<{ jobId: string }>(library, 'evidence.import', {
      source: { name: 'Big', kind: 'tickets' },
      input: { kind: 'path', path: file },
    });
    expect(valueOf<{ state: string }>(library, 'evidence.importCancel', { jobId: started.jobId }).state).toBe('running');
    await library.service.evidence.settled();
    expect(valueOf<{ state: string }>(library, 'evidence.importStatus', { jobId: started.jobId }).state).toBe('cancelled');
    expect(snapshotFiles(library.dataDir)).toEqual(before);
  });

  it('imported evidence, its mapping and accounts are there after a restart; rename and delete stick', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 't.csv', TICKETS);
    const data = tempDir();
    let library = openTemp(data);
    const progress = await importFile(library, file);
    valueOf(library, 'evidence.renameSource', { id: progress.sourceId, name: 'Desk export' });
    closeNow(library);
    library = openTemp(data);
    await library.service.evidence.settled();
    expect(valueOf<EvidenceLibrary>(library, 'evidence.library', {})).toMatchObject({
      itemCount: 2,
      sources: [{ name: 'Desk export', itemCount: 2 }],
    });
    expect(allTexts(library, 'expensive')).toHaveLength(1);
    valueOf(library, 'evidence.deleteSource', { id: progress.sourceId });
    closeNow(library);
    library = openTemp(data);
    await library.service.evidence.settled();
    const after = valueOf<EvidenceLibrary>(library, 'evidence.library', {});
    expect(after.sources).toEqual([]);
    // The deleted source's file stays only as long as its deletion can be undone (deleteUndo.test.ts).
    expect(fs.readdirSync(path.join(data, 'evidence')).sort()).toEqual(['index.json', after.deleted[0]!.file].sort());
  });
});
