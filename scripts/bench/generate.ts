import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { compareMeetingsNewestFirst, summarizeMeeting, type LibraryIndex, type Meeting, type Persona } from '../../shared/domain';
import { dispatch } from '../../electron/service/dispatch';
import { openLibrary } from '../../electron/service/openLibrary';
import { buildMeeting } from './meetingBuilder';

export { buildMeeting };

export interface GenerateOptions {
  meetings: number;
  itemsPerMeeting?: number;
  decisionsPerMeeting?: number;
  /** Return the meetings written (default); false for big libraries, so they are not all held in memory. */
  keep?: boolean;
}

/** The persona every generated meeting has in its chair, created through the service. */
function createPersona(dataDir: string): void {
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator', backupIntervalMs: null });
  try {
    const persona = dispatch(library.service, 'personas.create', {
      name: 'Priya, SMB admin',
      segment: 'Small business',
      needs: ['Predictable invoices', 'Set up in an afternoon'],
      quotes: ['I just want it to work on Monday morning.'],
    });
    if (!persona.ok) throw new Error(persona.error.message);
  } finally {
    library.close();
  }
}

/** Fills a data folder through the real service (meetings.import: validated, one write each). */
export function generateThroughService(dataDir: string, options: GenerateOptions): Meeting[] {
  createPersona(dataDir);
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'generator', backupIntervalMs: null });
  try {
    const listed = dispatch(library.service, 'library.get', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const personaId = (listed.value as { personas: Persona[] }).personas[0]!.id;
    const made: Meeting[] = [];
    for (let i = 0; i < options.meetings; i++) {
      const result = dispatch(library.service, 'meetings.import', {
        meeting: buildMeeting(i, personaId, options.itemsPerMeeting, options.decisionsPerMeeting),
      });
      if (!result.ok) throw new Error(result.error.message);
      made.push(result.value as Meeting);
    }
    return made;
  } finally {
    library.close();
  }
}

/**
 * Fills a data folder as the app would have: the persona through the service, then every meeting
 * file and the index written directly, in the bytes the app writes (compact JSON, the index's
 * summaries newest first). 10,000 meetings through the service take minutes (each import rewrites
 * the index); this takes seconds. tests/unit/benchGenerate.test.ts checks the files are the same.
 */
export function generateLibrary(dataDir: string, options: GenerateOptions): Meeting[] {
  createPersona(dataDir);
  const indexPath = path.join(dataDir, 'library.json');
  const index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as LibraryIndex;
  const personaId = index.personas[0]!.id;
  const meetingsDir = path.join(dataDir, 'meetings');
  fs.mkdirSync(meetingsDir, { recursive: true });
  const made: Meeting[] = [];
  for (let i = 0; i < options.meetings; i++) {
    const meeting = buildMeeting(i, personaId, options.itemsPerMeeting, options.decisionsPerMeeting);
    fs.writeFileSync(path.join(meetingsDir, `${meeting.id}.json`), JSON.stringify(meeting));
    index.meetings.push(summarizeMeeting(meeting));
    if (options.keep !== false) made.push(meeting);
  }
  index.meetings.sort(compareMeetingsNewestFirst);
  fs.writeFileSync(indexPath, JSON.stringify(index));
  return made;
}

/** Generated libraries of this run, by size: each is made once and copied for every group that wants one. */
const made = new Map<string, string>();

/**
 * A copy of a generated library of `options.meetings` meetings in `dataDir`: generated once per run
 * (into `cacheDir`) and copied after, so the groups of one run share the cost and each still gets a
 * folder of its own to change.
 */
export function cachedLibrary(cacheDir: string, dataDir: string, options: GenerateOptions): void {
  const key = `${options.meetings}-${options.itemsPerMeeting ?? 6}-${options.decisionsPerMeeting ?? 20}`;
  let source = made.get(key);
  if (!source) {
    source = path.join(cacheDir, `library-${key}`);
    generateLibrary(source, { ...options, keep: false });
    made.set(key, source);
  }
  fs.cpSync(source, dataDir, { recursive: true, filter: (from) => !from.endsWith('.lock') });
}
