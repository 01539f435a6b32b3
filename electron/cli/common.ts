/**
 * What the headless commands share: argument errors, opening the data folder, writing the output.
 * Commands never call process.exit or write to the console themselves: they get an io object and
 * return an exit code, so tests run them in-process.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { openLibrary, type OpenLibrary } from '../service/openLibrary';
import { defaultDataDir } from '../storage/dataDir';
import type { StoreFileClass } from '../storage/documentStore';
import { DataDirLockedError } from '../storage/lock';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where EMPTY_CHAIR_DATA_DIR is read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The clock stamped into exports; tests pin it. */
  now?: () => Date;
  StoreClass?: StoreFileClass;
}

export const EXIT_OK = 0;
/** Something went wrong while doing the work: unknown id, locked folder, unwritable file. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: missing or unknown flags, bad dates. */
export const EXIT_USAGE = 2;

/** An error whose message is already the one line the user should read. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, EXIT_USAGE);

/** node:util parseArgs messages, made into one plain line. */
export function describeArgsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value.`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `Unexpected argument "${positional[1]}".`;
  return message.split('\n')[0]!;
}

/** --data-dir beats EMPTY_CHAIR_DATA_DIR, which beats the app's own folder (as in `npm run web`). */
export function chooseDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return path.resolve(flag ?? (env.EMPTY_CHAIR_DATA_DIR || undefined) ?? defaultDataDir(process.platform, env));
}

/** A data folder that must already exist: a typo in --data-dir must not quietly create a new library. */
export function existingFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new CliError(`There is no data folder ${dir}.`);
  }
  if (!stat.isDirectory()) throw new CliError(`The data folder ${dir} is a file, not a folder.`);
}

/** Takes the folder's lock (a running app holds it: the error says so) and reads the library. */
export function openDataFolder(dataDir: string, io: CliIo, role: string): OpenLibrary {
  try {
    // No search comes: no workers reading the ledger's file or stamping every meeting file.
    const library = openLibrary({ dataDir, StoreClass: io.StoreClass ?? Conf, role, readLedgerAhead: false });
    for (const notice of library.service.notices) io.stderr(`Note: ${notice}\n`);
    return library;
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof ApiError) throw new CliError(error.message);
    throw error;
  }
}

/** Releases the folder; says so when something could not be written. */
export function closeDataFolder(library: OpenLibrary): void {
  const { unsavedChanges } = library.close();
  if (unsavedChanges > 0) {
    throw new CliError(`${unsavedChanges} change${unsavedChanges === 1 ? '' : 's'} could not be written to ${library.dataDir}.`);
  }
}

function describeWriteError(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `Cannot write ${file}: the folder ${path.dirname(file)} does not exist.`;
    case 'ENOTDIR':
      return `Cannot write ${file}: part of that path is a file, not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot write ${file}: permission denied.`;
    case 'EISDIR':
      return `Cannot write ${file}: it is a folder.`;
    case 'EROFS':
      return `Cannot write ${file}: the disk is read-only.`;
    case 'ENOSPC':
      return `Cannot write ${file}: the disk is full.`;
    default:
      return `Cannot write ${file}: ${error.message}`;
  }
}

/**
 * Writes the whole text, or nothing: a temporary file next to the target, renamed over it, so an
 * interrupted export never leaves half a file where a good one was.
 */
export function writeOutput(file: string, text: string): void {
  const target = path.resolve(file);
  try {
    if (fs.statSync(target).isDirectory()) throw new CliError(`Cannot write ${target}: it is a folder.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The temp file was never made (its folder is missing or is a file): nothing to clean.
    }
    throw new CliError(describeWriteError(target, error as NodeJS.ErrnoException));
  }
}

/** Runs a command body, turning every failure into one line on stderr and an exit code. */
export async function runCommand(name: string, io: CliIo, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ApiError) {
      io.stderr(`${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
