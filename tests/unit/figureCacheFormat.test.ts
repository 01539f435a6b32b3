/**
 * The figure cache's binary file (electron/service/figureCacheFormat.ts): it reads back exactly the
 * figures it was given, and a file cut short, changed by one byte, of another format or written
 * under another time zone is ignored whole, while an entry holding a figure the merge must not add
 * is left out alone. figureCache.test.ts checks the same on real data folders against a fresh compute.
 */
import { describe, expect, it } from 'vitest';
import { decodeFigureFile, encodeFigureFile, FIGURE_FILE_FORMAT, type Entry } from '../../electron/service/figureCacheFormat';
import { meetingFigures, type MeetingFigures } from '../../shared/dashboard';
import type { Meeting } from '../../shared/domain';
import { variedLibrary } from './fixtures/variedLibrary';

const ZONE = 'Europe/Berlin';

function variedEntries(count = 200): Map<string, Entry> {
  const meetings = variedLibrary(count).meetings.map((meeting, i) => (i % 3 === 0 ? withCitation(meeting, i) : meeting));
  return new Map(
    meetings.map((meeting, i) => [
      meeting.id,
      {
        file: i % 4 === 0 ? null : ([1_000_000 + i, 2_000 + i, 1_765_000_000_000.5 + i] as [number, number, number]),
        revision: meeting.revision,
        updatedAt: meeting.updatedAt,
        figures: meetingFigures(meeting),
      },
    ]),
  );
}

/**
 * An entry as a plain value: tagCounts is a view of the file's numbers when decoded, an array when
 * computed; a decoded entry keeps its columns beside the four fields every entry has.
 */
const plain = ({ file, revision, updatedAt, figures }: Entry) => ({
  file,
  revision,
  updatedAt,
  figures: { ...figures, tagCounts: Array.from(figures.tagCounts) },
});
const plainAll = (entries: Map<string, Entry>) => new Map([...entries].map(([id, entry]) => [id, plain(entry)]));

describe('figure cache file (binary, format 5)', () => {
  it('reads back exactly the figures of 200 varied meetings (personas, tags, citations, never held, unstamped)', () => {
    const entries = variedEntries();
    const figures = [...entries.values()].map((entry) => entry.figures);
    expect(figures.filter((f) => f.citations.length > 0).length).toBeGreaterThan(20);
    expect(figures.filter((f) => !f.held).length).toBeGreaterThan(5);
    expect(figures.filter((f) => f.personas.length > 0).length).toBeGreaterThan(20);
    expect(figures.filter((f) => f.evidence.evidenceCoverage === null).length).toBeGreaterThan(0);
    const decoded = decodeFigureFile(encodeFigureFile(entries, ZONE), ZONE);
    expect(decoded?.damaged).toBe(0);
    expect(plainAll(decoded!.entries)).toEqual(plainAll(entries));
  });

  it('writes each string once (tag and persona ids, days) and reads an empty cache back as empty', () => {
    const entries = variedEntries();
    const tagId = [...entries.values()].find((entry) => entry.figures.tagIds.length > 0)!.figures.tagIds[0]!;
    const text = encodeFigureFile(entries, ZONE).toString('latin1');
    expect(text.split(`"${tagId}"`).length - 1).toBe(1);
    expect(decodeFigureFile(encodeFigureFile(new Map(), ZONE), ZONE)).toEqual({ entries: new Map(), damaged: 0, zone: ZONE });
  });

  it.each<[string, (figures: MeetingFigures) => void]>([
    ['a negative count', (f) => (f.decisions.hurts = -1)],
    ['a negative tag count', (f) => (f.tagCounts = [-2, ...Array.from(f.tagCounts).slice(1)])],
    ['a citation without its time', (f) => (f.citations = [{ ...f.citations[0]!, at: undefined as unknown as string }])],
  ])('leaves out an entry with %s alone, every other entry read back', (_what, spoil) => {
    const entries = variedEntries();
    const [id, entry] = [...entries].find(([, e]) => e.figures.citations.length > 0 && e.figures.tagIds.length > 0)!;
    spoil(entry.figures);
    const decoded = decodeFigureFile(encodeFigureFile(entries, ZONE), ZONE)!;
    expect(decoded.damaged).toBe(1);
    expect(decoded.entries.has(id)).toBe(false);
    entries.delete(id);
    expect(plainAll(decoded.entries)).toEqual(plainAll(entries));
  });

  it('does not store a figure its integers cannot hold exactly: that entry is recomputed next time', () => {
    const entries = variedEntries(10);
    const [id, entry] = [...entries][3]!;
    entry.figures.discussed = 2 ** 31;
    const decoded = decodeFigureFile(encodeFigureFile(entries, ZONE), ZONE)!;
    expect(decoded.entries.has(id)).toBe(false);
    expect(decoded.entries.size).toBe(9);
  });

  it('ignores the whole file when it is cut short anywhere, or any one of its bytes is changed', () => {
    const bytes = encodeFigureFile(variedEntries(40), ZONE);
    expect(decodeFigureFile(bytes, ZONE)?.entries.size).toBe(40);
    for (let length = 0; length < bytes.length; length += 37)
      expect(decodeFigureFile(bytes.subarray(0, length), ZONE), `cut at ${length}`).toBeNull();
    expect(decodeFigureFile(bytes.subarray(0, bytes.length - 1), ZONE)).toBeNull();
    expect(decodeFigureFile(Buffer.concat([bytes, Buffer.from([0])]), ZONE)).toBeNull();
    for (let at = 0; at < bytes.length; at += 29) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x01;
      expect(decodeFigureFile(changed, ZONE), `byte ${at} changed`).toBeNull();
    }
  });

  it('ignores a file of another format, another time zone, or one that is not this kind of file at all', () => {
    const bytes = encodeFigureFile(variedEntries(20), ZONE);
    expect(bytes.readUInt32LE(8)).toBe(FIGURE_FILE_FORMAT);
    const otherFormat = Buffer.from(bytes);
    otherFormat.writeUInt32LE(FIGURE_FILE_FORMAT + 1, 8);
    expect(decodeFigureFile(otherFormat, ZONE)).toBeNull();
    expect(decodeFigureFile(bytes, 'America/New_York')).toBeNull();
    // Read for any zone (the zone compared later, figureCache.ts), it says which one it was written under.
    const anyZone = decodeFigureFile(bytes, null);
    expect(anyZone?.zone).toBe(ZONE);
    expect(anyZone?.entries.size).toBe(20);
    expect(decodeFigureFile(Buffer.from(JSON.stringify({ format: 4, zone: ZONE, ids: [], meetings: {} })), ZONE)).toBeNull();
    expect(decodeFigureFile(Buffer.alloc(0), ZONE)).toBeNull();
  });

  it('reads a file whose bytes do not start on an 8-byte boundary in memory', () => {
    const bytes = encodeFigureFile(variedEntries(20), ZONE);
    const shifted = Buffer.alloc(bytes.length + 3).subarray(3);
    bytes.copy(shifted);
    expect(shifted.byteOffset % 8).not.toBe(0);
    expect(plainAll(decodeFigureFile(shifted, ZONE)!.entries)).toEqual(plainAll(decodeFigureFile(bytes, ZONE)!.entries));
  });
});

/** A copy of `meeting` whose first decision cites an account (every third one without its ARR). */
function withCitation(meeting: Meeting, i: number): Meeting {
  const decision = meeting.agenda.flatMap((item) => item.decisions)[0];
  if (!decision) return meeting;
  const account = { name: `Account ${i % 7}`, segment: 'Enterprise', arr: i % 9 === 0 ? null : 1000 * i, currency: 'EUR' };
  const citation = {
    by: '',
    at: meeting.updatedAt,
    sourceId: 'tickets',
    key: `T-${i}`,
    quote: 'Too slow',
    customer: '',
    sourceName: 'Tickets',
    date: null,
    account,
  };
  const copy = structuredClone(meeting);
  copy.agenda.flatMap((item) => item.decisions)[0]!.citations = [citation];
  return copy;
}
