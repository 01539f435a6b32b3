/**
 * npm run import -- [--data-dir DIR] FILE [--as-copy]
 *
 * Imports the meeting(s) of a JSON export, all or nothing. A meeting whose id is already in the
 * library is never overwritten: without --as-copy nothing is imported and the message says to use
 * --as-copy; with it, the service gives the meetings (and their items and decisions) new ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Meeting } from '../../shared/domain';
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
/** The service method this command calls; its input is { meetings, personas, tags, asCopy }. */
export const IMPORT_METHOD = 'meetings.importMany';

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

const conflictMessage = (meeting: Meeting, dataDir: string) =>
  `A meeting with the id ${meeting.id} ("${meeting.title.slice(0, 80)}") is already in ${dataDir}; nothing was imported. ` +
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
        if (seen.has(meeting.id))
          throw new CliError(`${path.basename(file)} holds the meeting ${meeting.id} twice; use --as-copy to import both.`);
        seen.add(meeting.id);
      }
    }

    const dataDir = chooseDataDir(values['data-dir'], io.env ?? process.env);
    existingFolder(dataDir);
    const library = openDataFolder(dataDir, io, 'import');
    let imported: Meeting[];
    try {
      if (!asCopy) {
        const taken = contents.meetings.find((meeting) => dispatch(library.service, 'meetings.get', { id: meeting.id }).ok);
        if (taken) throw new CliError(conflictMessage(taken, dataDir));
      }
      // One call for the whole file: the service imports every meeting or none (a kill included).
      const result = dispatch(library.service, IMPORT_METHOD, {
        meetings: contents.meetings,
        personas: contents.personas,
        tags: contents.tags,
        asCopy,
      });
      if (!result.ok) throw new CliError(`${path.basename(file)}: ${result.error.message}`);
      imported = result.value as Meeting[];
    } finally {
      closeDataFolder(library);
    }
    for (const meeting of imported) {
      io.stdout(`Imported "${meeting.title.slice(0, 80)}" as meeting ${meeting.id}${asCopy ? ' (a copy with new ids)' : ''}.\n`);
    }
    return EXIT_OK;
  });
}
