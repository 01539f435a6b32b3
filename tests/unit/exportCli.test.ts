/**
 * The headless export and import commands, end to end on real temporary data folders: in-process
 * through the exported functions, plus one spawn of scripts/export.mjs to prove the entry works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodName } from '../../shared/api';
import type { Library, Meeting, Persona } from '../../shared/domain';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { exportMeeting } from '../../shared/export';
import { followUpUid, meetingUid } from '../../shared/export/ics';
import { parseExportFile, parseMeetingExport } from '../../shared/export/json';
import { dispatch } from '../../electron/service/dispatch';
import { LedgerIndex } from '../../electron/service/ledgerIndex';
import type { OpenLibrary } from '../../electron/service/openLibrary';
import { exportCommand } from '../../electron/cli/exportCommand';
import { importCommand } from '../../electron/cli/importCommand';
import { open, sampleDraft, snapshotFiles, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NOW = new Date('2026-12-24T10:00:00.000Z');

function ok<T = Meeting>(library: OpenLibrary, method: MethodName, input: MethodInput<typeof method>): T {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/**
 * A data folder with three meetings at noon UTC, days apart (so date ranges hold in any time
 * zone), the first one run through: answered, decided, tagged with a custom tag.
 */
function makeDataFolder(): { dir: string; meetings: Meeting[]; persona: Persona } {
  const dir = tempDir('empty-chair-cli-');
  const library = open(dir);
  try {
    const persona = ok<Persona>(library, 'personas.create', { name: 'Priya', needs: ['Predictable invoices'] });
    const tag = ok<{ id: string }>(library, 'tags.create', { label: 'billing clarity' });
    const dates = ['2026-11-10T12:00:00.000Z', '2026-11-20T12:00:00.000Z', '2026-12-05T12:00:00.000Z'];
    const meetings = dates.map((scheduledAt, i) =>
      ok(library, 'meetings.create', sampleDraft({ title: `Review ${i + 1}: <b>pricing</b>`, scheduledAt, personaIds: [persona.id] })),
    );
    let first = ok(library, 'meetings.start', { id: meetings[0]!.id });
    const itemId = first.agenda[0]!.id;
    ok(library, 'chair.answer', {
      meetingId: first.id,
      itemId,
      changes: { text: 'Bills get clearer', direction: 'helps', personaIds: [persona.id] },
    });
    first = ok(library, 'decisions.add', {
      meetingId: first.id,
      itemId,
      decision: { text: '=HYPERLINK("http://evil","x")', direction: 'hurts', tagIds: ['pricing', tag.id], owner: 'Ben' },
    });
    meetings[0] = first;
    return { dir, meetings, persona };
  } finally {
    library.close();
  }
}

/** Runs a command with times in UTC, whatever this machine's zone, unless `env` says otherwise. */
function runWithEnv(command: typeof exportCommand, argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    env: { TZ: 'UTC', ...env },
    now: () => NOW,
  };
  return command(argv, io).then((code) => ({ code, stdout, stderr }));
}
const run = (command: typeof exportCommand, argv: string[]) => runWithEnv(command, argv, {});

let data: ReturnType<typeof makeDataFolder>;
let out: string;
beforeEach(() => {
  data = makeDataFolder();
  out = tempDir('empty-chair-cli-out-');
});
afterEach(() => {
  fs.rmSync(data.dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

function readLibrary(dir: string): { library: Library; meetings: Meeting[] } {
  const library = open(dir);
  try {
    const index = ok<Library>(library, 'library.get', {});
    return { library: index, meetings: index.meetings.map((s) => ok(library, 'meetings.get', { id: s.id })) };
  } finally {
    library.close();
  }
}

describe('npm run export', () => {
  it.each(['md', 'html', 'csv', 'json'] as const)('exports one meeting as %s, exactly what the shared exporter makes', async (format) => {
    const file = path.join(out, `one.${format}`);
    const result = await run(exportCommand, ['--data-dir', data.dir, '--meeting', data.meetings[0]!.id, '--format', format, '--out', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Exported "${data.meetings[0]!.title}" as ${format} to ${file}.\n`);
    const { library } = readLibrary(data.dir);
    expect(fs.readFileSync(file, 'utf8')).toBe(exportMeeting(data.meetings[0]!, library, format, { now: NOW.toISOString() }).text);
  });

  it('a JSON export parses back to the stored meeting, personas and tags included', async () => {
    const file = path.join(out, 'one.json');
    await run(exportCommand, ['--data-dir', data.dir, '--meeting', data.meetings[0]!.id, '--format', 'json', '--out', file]);
    const parsed = parseMeetingExport(fs.readFileSync(file, 'utf8'));
    expect(parsed.meeting).toEqual(data.meetings[0]);
    expect(parsed.personas).toEqual([data.persona]);
    expect(parsed.tags.map((t) => t.label)).toEqual(['pricing', 'billing clarity']);
  });

  it('shows times in the zone TZ names (the lead’s), with its offset', async () => {
    const md = path.join(out, 'berlin.md');
    const meeting = data.meetings[0]!;
    const result = await runWithEnv(exportCommand, ['--data-dir', data.dir, '--meeting', meeting.id, '--format', 'md', '--out', md], {
      TZ: 'Europe/Berlin',
    });
    expect(result.code).toBe(0);
    const berlin = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    const [date, time] = berlin.format(new Date(meeting.scheduledAt)).split(', ');
    expect(fs.readFileSync(md, 'utf8')).toMatch(new RegExp(`Scheduled: ${date} ${time} UTC\\+0[12]:00`));
  });

  it('--all makes a report of every meeting, oldest first; CSV neutralises the formula', async () => {
    const md = path.join(out, 'all.md');
    expect((await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'md', '--out', md])).code).toBe(0);
    const report = fs.readFileSync(md, 'utf8');
    expect(report).toContain('3 meetings from');
    const order = [1, 2, 3].map((n) => report.indexOf(`Review ${n}: \\<b>pricing\\</b>`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);

    const csv = path.join(out, 'all.csv');
    expect((await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain(`"'=HYPERLINK(""http://evil"",""x"")",hurts`);

    const json = path.join(out, 'all.json');
    expect((await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'json', '--out', json])).code).toBe(0);
    expect(parseExportFile(fs.readFileSync(json, 'utf8')).meetings.map((m) => m.id)).toEqual(data.meetings.map((m) => m.id));
  });

  it('--all reads the meetings as reports do: none is added to the search index, which an export does not use', async () => {
    const indexed = vi.spyOn(LedgerIndex.prototype, 'update');
    const file = path.join(out, 'all.md');
    expect((await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'md', '--out', file])).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('meetings: 3');
    expect(indexed).not.toHaveBeenCalled();
    indexed.mockRestore();
  });

  it('--from/--to picks the meetings on those days, both included', async () => {
    const file = path.join(out, 'range.json');
    const result = await run(exportCommand, [
      '--data-dir',
      data.dir,
      '--from',
      '2026-11-15',
      '--to',
      '2026-12-05',
      '--format',
      'json',
      '--out',
      file,
    ]);
    expect(result.code).toBe(0);
    expect(parseExportFile(fs.readFileSync(file, 'utf8')).meetings.map((m) => m.id)).toEqual([data.meetings[1]!.id, data.meetings[2]!.id]);
  });

  it('several --meeting flags make a report of those meetings; --help prints the usage', async () => {
    const file = path.join(out, 'two.md');
    const [a, b] = [data.meetings[2]!.id, data.meetings[0]!.id];
    const result = await run(exportCommand, [
      '--data-dir',
      data.dir,
      '--meeting',
      a,
      '--meeting',
      b,
      '--meeting',
      a,
      '--format',
      'md',
      '--out',
      file,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: `Exported 2 meetings as md to ${file}.\n` });
    expect(fs.readFileSync(file, 'utf8')).toContain('2 meetings from');
    const help = await run(exportCommand, ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run export -- /);
    expect((await run(importCommand, ['-h'])).stdout).toMatch(/^Usage: npm run import -- /);
  });

  it('--out - writes to standard output', async () => {
    const result = await run(exportCommand, ['--data-dir', data.dir, '--meeting', data.meetings[1]!.id, '--format', 'csv', '--out', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('\uFEFFmeeting,date,agenda item')).toBe(true);
    expect(result.stderr).toContain('Exported');
  });

  const usage = (argv: (d: string) => string[], message: RegExp) => [argv, message] as const;
  it.each([
    usage((d) => ['--data-dir', d, '--all', '--out', 'x.md'], /--format is missing/),
    usage(
      (d) => ['--data-dir', d, '--all', '--format', 'pdf', '--out', 'x.pdf'],
      /--format must be one of md, html, csv, json, xlsx, ics, not "pdf"/,
    ),
    usage((d) => ['--data-dir', d, '--all', '--format', 'md'], /--out is missing/),
    usage((d) => ['--data-dir', d, '--format', 'md', '--out', 'x.md'], /Choose what to export/),
    usage((d) => ['--data-dir', d, '--all', '--meeting', 'x', '--format', 'md', '--out', 'x.md'], /only one of/),
    usage((d) => ['--data-dir', d, '--from', '2026-11-01', '--format', 'md', '--out', 'x.md'], /--to is missing/),
    usage(
      (d) => ['--data-dir', d, '--from', '2026-02-30', '--to', '2026-03-01', '--format', 'md', '--out', 'x.md'],
      /--from must be a real date .* "2026-02-30"/,
    ),
    usage(
      (d) => ['--data-dir', d, '--from', '2026-01-01', '--to', '2026-13-01', '--format', 'md', '--out', 'x.md'],
      /--to must be a real date/,
    ),
    usage(
      (d) => ['--data-dir', d, '--from', 'yesterday', '--to', '2026-01-01', '--format', 'md', '--out', 'x.md'],
      /--from must be a real date/,
    ),
    usage(
      (d) => ['--data-dir', d, '--from', '2026-12-01', '--to', '2026-11-01', '--format', 'md', '--out', 'x.md'],
      /--from 2026-12-01 is after --to 2026-11-01/,
    ),
    usage((d) => ['--data-dir', d, '--all', '--format', 'md', '--out', 'x.md', '--colour'], /Unknown option --colour/),
    usage((d) => ['--data-dir', d, '--all', '--format', 'md', '--out'], /--out needs a value/),
    usage((d) => ['--data-dir', d, 'stray', '--all', '--format', 'md', '--out', 'x.md'], /Unexpected argument "stray"/),
  ])('refuses a wrong command line with exit 2 and one line: %#', async (argv, message) => {
    const before = snapshotFiles(data.dir);
    const result = await run(exportCommand, argv(data.dir));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(snapshotFiles(data.dir)).toEqual(before);
  });

  it('fails with exit 1 and a clear line for unknown ids, missing folders, empty ranges and unwritable paths', async () => {
    const file = path.join(out, 'x.md');
    const cases: [string[], RegExp][] = [
      [
        ['--data-dir', data.dir, '--meeting', 'no-such-meeting', '--format', 'md', '--out', file],
        /no meeting with the id "no-such-meeting"/,
      ],
      [
        ['--data-dir', data.dir, '--meeting', '../../etc/passwd', '--format', 'md', '--out', file],
        /no meeting with the id "\.\.\/\.\.\/etc\/passwd"/,
      ],
      [['--data-dir', path.join(out, 'nowhere'), '--all', '--format', 'md', '--out', file], /There is no data folder .*nowhere/],
      [
        ['--data-dir', data.dir, '--from', '2020-01-01', '--to', '2020-12-31', '--format', 'md', '--out', file],
        /No meeting is scheduled from 2020-01-01 to 2020-12-31/,
      ],
      [
        ['--data-dir', data.dir, '--all', '--format', 'md', '--out', path.join(out, 'missing-folder', 'x.md')],
        /the folder .*missing-folder does not exist/,
      ],
      [['--data-dir', data.dir, '--all', '--format', 'md', '--out', out], /it is a folder/],
    ];
    fs.writeFileSync(path.join(out, 'a-file'), '');
    cases.push([
      ['--data-dir', data.dir, '--all', '--format', 'md', '--out', path.join(out, 'a-file', 'x.md')],
      /Cannot write .*a file, not a folder/,
    ]);
    for (const [argv, message] of cases) {
      const result = await run(exportCommand, argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 1 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(fs.existsSync(file)).toBe(false);
    }
    // Nothing half-written was left next to the targets.
    expect(fs.readdirSync(out)).toEqual(['a-file']);
  });

  it('says so when a running app holds the data folder', async () => {
    const app = open(data.dir);
    try {
      const result = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'md', '--out', path.join(out, 'x.md')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/already using the data folder/);
    } finally {
      app.close();
    }
  });

  it('EMPTY_CHAIR_DATA_DIR is used when --data-dir is absent', async () => {
    let stderr = '';
    const file = path.join(out, 'env.csv');
    const code = await exportCommand(['--all', '--format', 'csv', '--out', file], {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      env: { EMPTY_CHAIR_DATA_DIR: data.dir },
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('the runnable entry scripts/export.mjs works and exits with the code', () => {
    const file = path.join(out, 'spawned.html');
    const child = spawnSync(
      process.execPath,
      ['scripts/export.mjs', '--data-dir', data.dir, '--meeting', data.meetings[0]!.id, '--format', 'html', '--out', file],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, EMPTY_CHAIR_DATA_DIR: '' },
        timeout: 60_000,
      },
    );
    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
    expect(child.stdout).toContain('Exported');
    expect(fs.readFileSync(file, 'utf8')).toContain('<!DOCTYPE html>');
  });
});

describe('npm run import', () => {
  async function exportJson(id: string): Promise<string> {
    const file = path.join(out, `${id}.json`);
    expect((await run(exportCommand, ['--data-dir', data.dir, '--meeting', id, '--format', 'json', '--out', file])).code).toBe(0);
    return file;
  }

  it('imports into another library: same ids, its persona and custom tag added', async () => {
    const file = await exportJson(data.meetings[0]!.id);
    const target = tempDir('empty-chair-cli-target-');
    try {
      const result = await run(importCommand, ['--data-dir', target, file]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`as meeting ${data.meetings[0]!.id}`);
      const { library, meetings } = readLibrary(target);
      expect(meetings.map((m) => m.id)).toEqual([data.meetings[0]!.id]);
      expect(meetings[0]!.agenda).toEqual(data.meetings[0]!.agenda);
      expect(library.personas).toEqual([data.persona]);
      expect(library.tags.find((t) => t.label === 'billing clarity')).toBeTruthy();
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('never overwrites a meeting with the same id: refuses, says to use --as-copy, changes nothing', async () => {
    const file = await exportJson(data.meetings[0]!.id);
    const before = snapshotFiles(data.dir);
    const result = await run(importCommand, ['--data-dir', data.dir, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already in .*nothing was imported\. Run the import again with --as-copy/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(snapshotFiles(data.dir)).toEqual(before);
  });

  it('--as-copy adds the meeting again with new ids and leaves the original alone', async () => {
    const file = await exportJson(data.meetings[0]!.id);
    const result = await run(importCommand, ['--data-dir', data.dir, file, '--as-copy']);
    expect(result.code).toBe(0);
    const { meetings } = readLibrary(data.dir);
    expect(meetings).toHaveLength(4);
    const original = meetings.find((m) => m.id === data.meetings[0]!.id)!;
    expect(original).toEqual(data.meetings[0]);
    const copy = meetings.find((m) => !data.meetings.some((d) => d.id === m.id))!;
    expect(result.stdout).toContain(`as meeting ${copy.id} (a copy with new ids)`);
    const ids = (m: Meeting) => [m.id, ...m.agenda.map((i) => i.id), ...m.agenda.flatMap((i) => i.decisions.map((d) => d.id))];
    expect(ids(copy).filter((id) => ids(original).includes(id))).toEqual([]);
    expect(copy.agenda.map((i) => i.title)).toEqual(original.agenda.map((i) => i.title));
  });

  it('a multi-meeting file is imported whole, or not at all when one id is taken', async () => {
    const file = path.join(out, 'all.json');
    await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'json', '--out', file]);
    const target = tempDir('empty-chair-cli-target-');
    try {
      expect((await run(importCommand, ['--data-dir', target, file])).code).toBe(0);
      expect(readLibrary(target).meetings).toHaveLength(3);
      const before = snapshotFiles(target);
      const again = await run(importCommand, ['--data-dir', target, file]);
      expect(again.code).toBe(1);
      expect(snapshotFiles(target)).toEqual(before);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('a multi-meeting file with one inconsistent meeting imports none, and says which', async () => {
    const file = path.join(out, 'all-bad.json');
    await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'json', '--out', file]);
    const contents = JSON.parse(fs.readFileSync(file, 'utf8'));
    const last = contents.meetings.at(-1);
    last.agenda.push({ ...last.agenda[0], title: 'Twin' });
    fs.writeFileSync(file, JSON.stringify(contents));
    const target = tempDir('empty-chair-cli-target-');
    try {
      const before = snapshotFiles(target);
      const result = await run(importCommand, ['--data-dir', target, file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /all-bad\.json: Cannot import ".*" \(meeting 3 of 3\); nothing was imported: Agenda item \d+ \("Twin"\) has the id/,
      );
      expect(readLibrary(target).meetings).toEqual([]);
      expect(snapshotFiles(target)).toEqual(before);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('refuses bad files and command lines with a clear line, changing nothing', async () => {
    const before = snapshotFiles(data.dir);
    const bad = (name: string, text: string) => {
      const file = path.join(out, name);
      fs.writeFileSync(file, text);
      return file;
    };
    const good = JSON.parse(fs.readFileSync(await exportJson(data.meetings[1]!.id), 'utf8'));
    good.meeting.agenda[0].timeboxMinutes = -5;
    const cases: [string[], number, RegExp][] = [
      [['--data-dir', data.dir], 2, /Name the export file to import/],
      [['--data-dir', data.dir, 'a.json', 'b.json'], 2, /one file at a time/],
      [['--data-dir', data.dir, 'x.json', '--force'], 2, /Unknown option --force/],
      [['--data-dir', data.dir, path.join(out, 'missing.json')], 1, /There is no file .*missing\.json/],
      [['--data-dir', data.dir, out], 1, /is a folder/],
      [['--data-dir', data.dir, bad('broken.json', '{"format":')], 1, /broken\.json: The file is not valid JSON/],
      [['--data-dir', data.dir, bad('other.json', '{"format":"other"}')], 1, /not an Empty Chair export/],
      [['--data-dir', data.dir, bad('invalid.json', JSON.stringify(good))], 1, /meeting\.agenda\.0\.timeboxMinutes/],
      [
        ['--data-dir', path.join(out, 'nowhere'), bad('ok.json', JSON.stringify({ ...good, meeting: data.meetings[1] }))],
        1,
        /There is no data folder/,
      ],
    ];
    for (const [argv, code, message] of cases) {
      const result = await run(importCommand, argv);
      expect({ argv, code: result.code }).toEqual({ argv, code });
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(snapshotFiles(data.dir)).toEqual(before);
  });
});

describe('npm run export -- --format xlsx', () => {
  it('writes every decision to a typed sheet: the formula-looking decision is text, the date a date', async () => {
    const file = path.join(out, 'all.xlsx');
    const result = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'xlsx', '--out', file]);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `Exported 3 meetings as xlsx to ${file}.\n` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Decisions')!;
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(4).value).toBe('=HYPERLINK("http://evil","x")');
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(fs.readdirSync(out)).toEqual(['all.xlsx']); // no temp file left
  });

  it('refuses standard output for the binary workbook, and an unknown format names the choices', async () => {
    const toStdout = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'xlsx', '--out', '-']);
    expect(toStdout.code).not.toBe(0);
    expect(toStdout.stderr).toContain('--format xlsx writes a binary workbook');
    const unknown = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'xls', '--out', path.join(out, 'x')]);
    expect(unknown.stderr).toContain('md, html, csv, json, xlsx, ics');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('npm run export -- --format ics', () => {
  /** The first meeting with a follow-up due on a day, and a next meeting in its series. */
  function withCalendarItems(): { followUpId: string; nextId: string } {
    const library = open(data.dir);
    try {
      const id = data.meetings[0]!.id;
      const withFollowUp = ok(library, 'followUps.add', {
        meetingId: id,
        text: 'Call Acme, then; report back',
        owner: 'Ben',
        dueDate: '2026-12-03',
      });
      const next = ok(library, 'meetings.createNext', { id, scheduledAt: '2026-12-15T09:00:00.000Z' });
      return { followUpId: withFollowUp.followUps.at(-1)!.id, nextId: next.id };
    } finally {
      library.close();
    }
  }

  it('writes the follow-up due on a day and the next meeting of the series, which ical.js reads', async () => {
    const { followUpId, nextId } = withCalendarItems();
    const file = path.join(out, 'one.ics');
    const meetingId = data.meetings[0]!.id;
    const result = await run(exportCommand, ['--data-dir', data.dir, '--meeting', meetingId, '--format', 'ics', '--out', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Exported "${data.meetings[0]!.title}" as ics to ${file}.\n`);
    const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.uid)).toEqual([meetingUid(nextId), followUpUid(meetingId, followUpId)]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-15T09:00:00.000Z');
    expect(events[1]!.startDate.toString()).toBe('2026-12-03');
    expect(events[1]!.summary).toBe('Follow-up: Call Acme, then; report back');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-12-24T10:00:00Z');

    // One event alone, to standard output.
    const single = await run(exportCommand, [
      '--data-dir',
      data.dir,
      '--meeting',
      meetingId,
      '--format',
      'ics',
      '--event',
      meetingUid(nextId),
      '--out',
      '-',
    ]);
    expect(single.code).toBe(0);
    const alone = new ICAL.Component(ICAL.parse(single.stdout)).getAllSubcomponents('vevent');
    expect(alone.map((c) => c.getFirstPropertyValue('uid'))).toEqual([meetingUid(nextId)]);
  });

  it('refuses, writing nothing, when there is nothing for a calendar, an unknown event, or --event with another format', async () => {
    const file = path.join(out, 'none.ics');
    // The first meeting is running (not to come), in no series, and its follow-ups have no due date.
    const nothing = await run(exportCommand, ['--data-dir', data.dir, '--meeting', data.meetings[0]!.id, '--format', 'ics', '--out', file]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('Nothing to add to a calendar');
    expect(nothing.stderr.trimEnd().split('\n')).toHaveLength(1);
    const unknown = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'ics', '--event', 'nope', '--out', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no calendar event nope');
    const wrongFormat = await run(exportCommand, ['--data-dir', data.dir, '--all', '--format', 'md', '--event', 'x', '--out', file]);
    expect(wrongFormat.code).not.toBe(0);
    expect(wrongFormat.stderr).toContain('use it with --format ics');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
