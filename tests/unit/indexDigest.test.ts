/**
 * library.json is read without a schema check only while its bytes are exactly those the app last
 * wrote or validated (electron/storage/documentDigest.ts; docs/performance.md, finding 16). Each
 * case starts from a real saved folder. To see which path a start took, some cases record a digest
 * for a file the schema refuses (a summary with agendaCount -1), as if the app had written it: a
 * start that trusts the digest serves it as it is, a start that validates quarantines it and
 * restores the index from the backup, as it does today for any damaged library.json.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Library, Meeting } from '../../shared/domain';
import { DocumentDigest } from '../../electron/storage/documentDigest';
import { closeNow, closeOpened, open, openTemp, sampleDraft, tempDir, valueOf } from './helpers';

afterEach(closeOpened);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A folder with two meetings, closed cleanly (so it has a backup, a library.json and its digest). */
function savedFolder() {
  const dir = tempDir();
  const library = open(dir);
  valueOf<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Alpha' }));
  valueOf<Meeting>(library, 'meetings.create', sampleDraft({ title: 'Beta' }));
  library.close();
  const index = path.join(dir, 'library.json');
  const digestFile = path.join(dir, 'cache', 'library.sha256.json');
  const digest = new DocumentDigest(path.join(dir, 'cache'), 'library');
  return { dir, index, digestFile, digest };
}

/** library.json as the schema refuses it (first summary's agendaCount -1), with a digest recorded for it when `recorded`. */
function refusedIndex(folder: ReturnType<typeof savedFolder>, recorded: boolean): string {
  const index = JSON.parse(fs.readFileSync(folder.index, 'utf8')) as { meetings: { agendaCount: number }[] };
  index.meetings[0]!.agendaCount = -1;
  const text = JSON.stringify(index);
  fs.writeFileSync(folder.index, text);
  if (recorded) folder.digest.record(text);
  return text;
}

function startOf(dir: string) {
  const library = openTemp(dir);
  return { library, get: valueOf<Library>(library, 'library.get', {}), notices: library.service.notices };
}

const RESTORED =
  /library\.json is damaged: it does not hold a valid library .*agendaCount.* The library index from the backup of \S+ was restored/;

describe('library.json trusted only while it is byte for byte what was written or validated', () => {
  it('records the digest of exactly the bytes the app wrote', () => {
    const folder = savedFolder();
    const recorded = JSON.parse(fs.readFileSync(folder.digestFile, 'utf8')) as { digest: string; size: number };
    const bytes = fs.readFileSync(folder.index);
    expect(recorded.digest).toBe(sha256(bytes));
    expect(recorded.size).toBe(bytes.byteLength);
  });

  it('trusts an unchanged file: it is served without a schema check', () => {
    const folder = savedFolder();
    refusedIndex(folder, true);
    const { get, notices } = startOf(folder.dir);
    expect(notices).toEqual([]);
    expect(get.meetings.map((m) => m.agendaCount)).toContain(-1);
  });

  it('validates in full a file one byte differs from, with the same recovery as today', () => {
    const folder = savedFolder();
    const text = refusedIndex(folder, true);
    const at = text.indexOf('"Alpha"') + 1;
    fs.writeFileSync(folder.index, text.slice(0, at) + 'a' + text.slice(at + 1)); // "alpha": same length, one byte
    const { get, notices } = startOf(folder.dir);
    expect(notices.join('\n')).toMatch(RESTORED);
    expect(get.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']);
    expect(get.meetings.every((m) => m.agendaCount === 3)).toBe(true);
  });

  it('validates in full, and then records, a valid file that was edited by hand', () => {
    const folder = savedFolder();
    const text = fs.readFileSync(folder.index, 'utf8').replace('"Alpha"', '"Alpha, renamed by hand"');
    fs.writeFileSync(folder.index, text);
    const { library, get, notices } = startOf(folder.dir);
    expect(notices).toEqual([]);
    expect(get.meetings.map((m) => m.title)).toContain('Alpha, renamed by hand');
    closeNow(library);
    const recorded = JSON.parse(fs.readFileSync(folder.digestFile, 'utf8')) as { digest: string };
    expect(recorded.digest).toBe(sha256(Buffer.from(text)));
  });

  it('never records a file the schema changes on the way in (untrimmed text, an unknown field): it stays checked', () => {
    const folder = savedFolder();
    const index = JSON.parse(fs.readFileSync(folder.index, 'utf8')) as { meetings: { title: string }[]; note?: string };
    index.meetings[0]!.title = `  ${index.meetings[0]!.title}  `;
    index.note = 'added by hand';
    fs.writeFileSync(folder.index, JSON.stringify(index));
    const sha = sha256(fs.readFileSync(folder.index));
    for (let start = 0; start < 2; start++) {
      const { library, get } = startOf(folder.dir);
      expect(get.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']); // trimmed by the schema, both times
      closeNow(library);
      const recorded = JSON.parse(fs.readFileSync(folder.digestFile, 'utf8')) as { digest: string };
      expect(recorded.digest).not.toBe(sha);
    }
  });

  it('validates in full a file without a digest, or with a digest of another schema version or format', () => {
    for (const spoil of [
      (file: string) => fs.rmSync(file),
      (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"schemaVersion":\d+/, '"schemaVersion":2')),
      (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"format":\d+/, '"format":0')),
      (file: string) => fs.writeFileSync(file, '{"format":'),
    ]) {
      const folder = savedFolder();
      refusedIndex(folder, true);
      spoil(folder.digestFile);
      expect(startOf(folder.dir).notices.join('\n')).toMatch(RESTORED);
    }
  });

  describe('after a crash while library.json was written', () => {
    it('the new file in place, its digest not yet written: validated in full', () => {
      const folder = savedFolder(); // its digest names the file as the app wrote it
      refusedIndex(folder, false); // then the file changed, and the digest did not follow
      expect(startOf(folder.dir).notices.join('\n')).toMatch(RESTORED);
    });

    it('the file cut short: damaged, and restored from the backup as before', () => {
      const folder = savedFolder();
      const bytes = fs.readFileSync(folder.index);
      fs.writeFileSync(folder.index, bytes.subarray(0, bytes.length >> 1));
      const { get, notices } = startOf(folder.dir);
      expect(notices.join('\n')).toMatch(
        /library\.json is damaged: it is not valid JSON.* The library index from the backup of \S+ was restored/,
      );
      expect(get.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']);
    });

    it('the digest cut short while written: its temporary file removed, the file validated in full', () => {
      const folder = savedFolder();
      refusedIndex(folder, false);
      const temp = `${folder.digestFile}.tmp-4242`;
      fs.writeFileSync(temp, fs.readFileSync(folder.digestFile, 'utf8').slice(0, 20));
      expect(startOf(folder.dir).notices.join('\n')).toMatch(RESTORED);
      expect(fs.existsSync(temp)).toBe(false);
    });
  });

  it('a cache folder that cannot be made (a file in its place) costs the digest, never the start or a save', () => {
    const folder = savedFolder();
    fs.rmSync(path.join(folder.dir, 'cache'), { recursive: true });
    fs.writeFileSync(path.join(folder.dir, 'cache'), 'not a folder');
    const { library, get, notices } = startOf(folder.dir);
    expect(get.meetings.map((m) => m.title).sort()).toEqual(['Alpha', 'Beta']);
    expect(notices).toEqual([]);
    valueOf(library, 'personas.create', { name: 'Priya' });
    closeNow(library);
    expect(fs.readFileSync(folder.index, 'utf8')).toContain('Priya');
    expect(fs.readFileSync(path.join(folder.dir, 'cache'), 'utf8')).toBe('not a folder');
  });

  it('a save rewrites the digest with the file; a restored backup is validated in full', () => {
    const folder = savedFolder();
    const library = openTemp(folder.dir);
    valueOf(library, 'personas.create', { name: 'Priya' });
    closeNow(library); // the journal folded into the file on close
    const recorded = JSON.parse(fs.readFileSync(folder.digestFile, 'utf8')) as { digest: string };
    expect(recorded.digest).toBe(sha256(fs.readFileSync(folder.index)));
    expect(fs.readFileSync(folder.index, 'utf8')).toContain('Priya');
    // A backup's library.json (from the first close, without Priya) copied over by hand: not the recorded bytes.
    const backups = path.join(folder.dir, 'backups');
    const oldest = fs.readdirSync(backups).sort()[0]!;
    fs.copyFileSync(path.join(backups, oldest, 'library.json'), folder.index);
    const { get, notices } = startOf(folder.dir);
    expect(notices).toEqual([]);
    expect(get.personas).toEqual([]);
    // Recorded again only after a full validation of these bytes.
    const again = JSON.parse(fs.readFileSync(folder.digestFile, 'utf8')) as { digest: string };
    expect(again.digest).toBe(sha256(fs.readFileSync(folder.index)));
    expect(again.digest).not.toBe(recorded.digest);
  });
});
