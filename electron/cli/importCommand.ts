/**
 * npm run import -- [--data-dir DIR] FILE [--as-copy]
 *
 * Imports the meeting(s) of a JSON export. A meeting whose id is already in the library is never
 * overwritten: without --as-copy nothing is imported and the message says to use --as-copy; with
 * it, the service gives the meeting (and its items and decisions) new ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { parseExportFile } from '../../shared/export/json';
import { dispatch } from '../service/dispatch';
import {
  chooseDataDir,
  CliError,
  closeDataFolder,
  describeArgsError,
  existingFolder,
  EXIT_OK,
  openDataFolder,
  runCommand,
  usageError,
  type CliIo,
} from './common';

export const IMPORT_USAGE = 'Usage: npm run import -- [--data-dir DIR] FILE [--as-copy]';
/** The service method this command calls; its input is { meeting, personas, tags, asCopy }. */
export const IMPORT_METHOD = 'meetings.import';

function readExportFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`There is no file ${file}.`);
    if (code === 'EISDIR') throw new CliError(`${file} is a folder, not an export file.`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`Cannot read ${file}: permission denied.`);
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The personas a meeting refers to (its chair and its answers), taken from the file. */
function personasFor(meeting: Meeting, personas: readonly Persona[]): Persona[] {
  const ids = new Set([...meeting.personaIds, ...meeting.agenda.flatMap((item) => item.answer?.personaIds ?? [])]);
  return personas.filter((p) => ids.has(p.id));
}

/** The tags a meeting's decisions use, taken from the file: the service adds the custom ones it lacks. */
function tagsFor(meeting: Meeting, tags: readonly Tag[]): Tag[] {
  const ids = new Set(meeting.agenda.flatMap((item) => item.decisions.flatMap((d) => d.tags.map((t) => t.tagId))));
  return tags.filter((t) => ids.has(t.id));
}

const conflictMessage = (meeting: Meeting, dataDir: string, what = 'nothing was imported') =>
  `A meeting with the id ${meeting.id} ("${meeting.title.slice(0, 80)}") is already in ${dataDir}; ${what}. ` +
  'Run the import again with --as-copy to add it as a new meeting.';

export function importCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand('import', io, () => {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: {
          'data-dir': { type: 'string' },
          'as-copy': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw usageError(`${describeArgsError(error)} Run with --help to see the options.`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(`${IMPORT_USAGE}\n`);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw usageError(`Name the export file to import. ${IMPORT_USAGE}`);
    if (positionals.length > 1) throw usageError(`Import one file at a time, not ${positionals.length}. ${IMPORT_USAGE}`);
    const file = path.resolve(positionals[0]!);
    const asCopy = Boolean(values['as-copy']);

    // Read and validate the file before touching the library: a bad file changes nothing.
    let contents;
    try {
      contents = parseExportFile(readExportFile(file));
    } catch (error) {
      if (error instanceof ApiError) throw new CliError(`${path.basename(file)}: ${error.message}`);
      throw error;
    }
    if (contents.meetings.length === 0) throw new CliError(`${path.basename(file)} holds no meetings; nothing was imported.`);
    if (!asCopy) {
      const seen = new Set<string>();
      for (const meeting of contents.meetings) {
        if (seen.has(meeting.id)) throw new CliError(`${path.basename(file)} holds the meeting ${meeting.id} twice; use --as-copy to import both.`);
        seen.add(meeting.id);
      }
    }

    const dataDir = chooseDataDir(values['data-dir'], io.env ?? process.env);
    existingFolder(dataDir);
    const library = openDataFolder(dataDir, io, 'import');
    const imported: Meeting[] = [];
    try {
      if (!asCopy) {
        // All or nothing: check every meeting first, so a file of several is never half imported.
        for (const meeting of contents.meetings) {
          if (dispatch(library.service, 'meetings.get', { id: meeting.id }).ok) throw new CliError(conflictMessage(meeting, dataDir));
        }
      }
      for (const meeting of contents.meetings) {
        const result = dispatch(library.service, IMPORT_METHOD, {
          meeting,
          personas: personasFor(meeting, contents.personas),
          tags: tagsFor(meeting, contents.tags),
          asCopy,
        });
        if (!result.ok) {
          const done = imported.length ? ` (${imported.length} meeting${imported.length === 1 ? ' was' : 's were'} imported before it)` : '';
          if (result.error.code === 'conflict' && !asCopy) {
            throw new CliError(conflictMessage(meeting, dataDir, imported.length ? `it was not imported${done}` : undefined));
          }
          throw new CliError(`Could not import "${meeting.title.slice(0, 80)}": ${result.error.message}${done}`);
        }
        imported.push(result.value as Meeting);
      }
    } finally {
      closeDataFolder(library);
    }
    for (const meeting of imported) {
      io.stdout(`Imported "${meeting.title.slice(0, 80)}" as meeting ${meeting.id}${asCopy ? ' (a copy with new ids)' : ''}.\n`);
    }
    return EXIT_OK;
  });
}
