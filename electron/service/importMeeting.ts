/** Bringing exported meetings into the library: planning (pure remapping), checking, and one all-or-nothing write. */
import type { MethodParams } from '../../shared/api';
import { compareMeetingsNewestFirst, summarizeMeeting, type LibraryIndex, type Meeting, type Persona, type Tag } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { assertMeetingConsistent, unlinkRemoved } from '../../shared/invariants';
import { importJsonCharsMax, jsonChars, LIMITS } from '../../shared/limits';
import { normalizeTagLabel } from '../../shared/tags';
import { restoreHiddenBallots } from '../../shared/votes';
import type { LibraryStorage } from '../storage/libraryStorage';

export interface ImportPlan {
  meeting: Meeting;
  newPersonas: Persona[];
  newTags: Tag[];
}

/**
 * Works out what an import adds: personas the library lacks (kept with their ids), custom tags it
 * lacks (a tag whose label the library already has is mapped onto the library's tag), and, for a
 * copy, fresh ids for the meeting, its items, decisions and follow-ups, references remapped.
 */
export function planImport(
  params: Pick<MethodParams<'meetings.import'>, 'meeting' | 'personas' | 'tags' | 'asCopy'>,
  library: { personas: readonly Persona[]; tags: readonly Tag[]; meetingIds?: ReadonlySet<string>; seriesIds?: ReadonlySet<string> },
  newId: () => string,
  copyTitle: (title: string) => string,
): ImportPlan {
  const meeting = structuredClone(params.meeting);
  const knownPersonas = new Set(library.personas.map((p) => p.id));
  // The personas in its chair and those its answers name: both must be in the library afterwards.
  const named = new Set([...meeting.personaIds, ...meeting.agenda.flatMap((item) => item.answer?.personaIds ?? [])]);
  const newPersonas = params.personas.filter((p) => named.has(p.id) && !knownPersonas.has(p.id));

  const byLabel = new Map(library.tags.map((tag) => [normalizeTagLabel(tag.label), tag.id]));
  const knownTags = new Set(library.tags.map((tag) => tag.id));
  const tagIdMap = new Map<string, string>();
  const newTags: Tag[] = [];
  for (const tag of params.tags) {
    if (knownTags.has(tag.id)) continue;
    const existing = byLabel.get(normalizeTagLabel(tag.label));
    if (existing) tagIdMap.set(tag.id, existing);
    else {
      newTags.push({ ...tag, builtIn: false });
      byLabel.set(normalizeTagLabel(tag.label), tag.id);
    }
  }

  const ids = new Map<string, string>();
  const fresh = (id: string) => {
    if (!params.asCopy) return id;
    let mapped = ids.get(id);
    if (!mapped) ids.set(id, (mapped = newId()));
    return mapped;
  };
  if (params.asCopy) {
    meeting.id = newId();
    meeting.title = copyTitle(meeting.title);
    meeting.revision = 1;
  }
  for (const item of meeting.agenda) {
    item.id = fresh(item.id);
    for (const decision of item.decisions) {
      decision.id = fresh(decision.id);
      // Once per person and tag: several people's entries of one tag are each their own (attribution).
      const seen = new Set<string>();
      decision.tags = decision.tags
        .map((tag) => ({ ...tag, tagId: tagIdMap.get(tag.tagId) ?? tag.tagId }))
        .filter((tag) => !seen.has(`${tag.tagId}\n${tag.by}`) && seen.add(`${tag.tagId}\n${tag.by}`));
    }
  }
  meeting.currentItemId = meeting.currentItemId && fresh(meeting.currentItemId);
  for (const followUp of meeting.followUps) {
    followUp.id = fresh(followUp.id);
    followUp.itemId = followUp.itemId && fresh(followUp.itemId);
    followUp.decisionId = followUp.decisionId && fresh(followUp.decisionId);
    // Links into another library's meetings would lock a follow-up here for good: drop them.
    if (followUp.carriedTo && !library.meetingIds?.has(followUp.carriedTo)) followUp.carriedTo = null;
    if (followUp.carriedFrom && !library.meetingIds?.has(followUp.carriedFrom.meetingId)) followUp.carriedFrom = null;
  }
  // A series this library does not have: the meeting comes in on its own (start a series from it).
  if (meeting.seriesId && !library.seriesIds?.has(meeting.seriesId)) meeting.seriesId = null;
  return { meeting, newPersonas, newTags };
}

/** What an import needs of the service: the library as it is, its disk, and a way to take the result in. */
export interface ImportHost {
  index: LibraryIndex;
  /** Every tag the library knows, built-in ones included. */
  tags: readonly Tag[];
  newId: () => string;
  storage: Pick<LibraryStorage, 'importMeetings'>;
  /** Takes the written meetings and index into memory and tells every window; returns the meetings as shown. */
  adopt(meetings: readonly Meeting[], index: LibraryIndex): Meeting[];
}

export type ImportManyParams = Omit<MethodParams<'meetings.import'>, 'meeting'> & { meetings: Meeting[] };

const copyTitle = (title: string) => `${title} (copy)`.slice(0, LIMITS.titleMax);

/**
 * Imports the meetings of one file, all or nothing: every meeting is planned and checked (ids,
 * inner consistency, personas, tags, limits) before anything is written; then the new meeting
 * files and the index are written as one import (electron/storage/importTransaction.ts), so a
 * refusal, a refusing disk or a kill leaves the library as it was. A meeting whose id the library
 * already has is refused ('conflict', naming every such meeting) unless `asCopy`.
 */
export function importMeetings(host: ImportHost, params: ImportManyParams): Meeting[] {
  const { index } = host;
  const count = params.meetings.length;
  if (count === 0) throw new ApiError('invalid_input', 'The file holds no meetings; nothing was imported.');
  const meetings = params.meetings.map((given) => {
    const meeting = structuredClone(given);
    for (const item of meeting.agenda) item.decisions = item.decisions.map((d) => restoreHiddenBallots(d));
    // Earlier versions left follow-ups linked to removed items and decisions (the schema 2 fixture
    // library has one): such a link is dropped, as every change now does, and the follow-up kept.
    unlinkRemoved(meeting);
    return meeting;
  });
  const name = (meeting: Meeting, i: number) => `"${meeting.title.slice(0, 80)}"` + (count > 1 ? ` (meeting ${i + 1} of ${count})` : '');
  if (!params.asCopy) refuseConflicts(index, meetings, name);
  if (index.meetings.length + count > LIMITS.meetingsMax) {
    throw new ApiError(
      'limit_exceeded',
      `The library holds at most ${LIMITS.meetingsMax} meetings; ${count} more do not fit. Nothing was imported.`,
    );
  }

  const size = jsonChars({ meetings: params.meetings, personas: params.personas, tags: params.tags });
  if (size > importJsonCharsMax()) {
    throw new ApiError(
      'limit_exceeded',
      `One import carries at most ${importJsonCharsMax().toLocaleString('en')} characters of JSON, and this one has ${size.toLocaleString('en')}. ` +
        'Nothing was imported; import fewer meetings at a time (a shorter date range).',
    );
  }
  const describedPersonas = new Set([...index.personas, ...params.personas].map((p) => p.id));
  const fileIds = params.asCopy ? [] : meetings.map((m) => m.id);
  const known = {
    personas: [...index.personas],
    tags: [...host.tags],
    meetingIds: new Set([...index.meetings.map((s) => s.id), ...fileIds]),
    seriesIds: new Set(index.series.map((s) => s.id)),
  };
  const planned: Meeting[] = [];
  const newPersonas: Persona[] = [];
  const newTags: Tag[] = [];
  meetings.forEach((meeting, i) => {
    const lead = `Cannot import ${name(meeting, i)}; nothing was imported`;
    assertMeetingConsistent(meeting, { knownPersonaIds: describedPersonas }, lead);
    const plan = planImport({ ...params, meeting }, known, host.newId, copyTitle);
    checkReferences(plan, known, lead);
    planned.push(plan.meeting);
    newPersonas.push(...plan.newPersonas);
    newTags.push(...plan.newTags);
    known.personas.push(...plan.newPersonas);
    known.tags.push(...plan.newTags);
  });
  if (index.personas.length + newPersonas.length > LIMITS.personasMax) {
    throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.personasMax} personas. Nothing was imported.`);
  }
  if (index.customTags.length + newTags.length > LIMITS.customTagsMax) {
    throw new ApiError('limit_exceeded', `The library holds at most ${LIMITS.customTagsMax} custom tags. Nothing was imported.`);
  }

  const next: LibraryIndex = {
    ...index,
    meetings: [...index.meetings, ...planned.map(summarizeMeeting)].sort(compareMeetingsNewestFirst),
    personas: [...index.personas, ...newPersonas],
    customTags: [...index.customTags, ...newTags],
  };
  host.storage.importMeetings(planned, next, {
    meetingIds: planned.map((m) => m.id),
    personaIds: newPersonas.map((p) => p.id),
    tagIds: newTags.map((t) => t.id),
  });
  return host.adopt(planned, next);
}

function refuseConflicts(index: LibraryIndex, meetings: readonly Meeting[], name: (m: Meeting, i: number) => string): void {
  const seen = new Map<string, number>();
  meetings.forEach((meeting, i) => {
    const first = seen.get(meeting.id);
    if (first !== undefined) {
      throw new ApiError(
        'conflict',
        `The file holds the meeting ${meeting.id} twice (${name(meetings[first]!, first)} and ${name(meeting, i)}). Import it as a copy to keep both.`,
      );
    }
    seen.set(meeting.id, i);
  });
  const existing = meetings.flatMap((meeting) => index.meetings.filter((s) => s.id === meeting.id));
  if (existing.length > 0) {
    const titles =
      existing
        .slice(0, 3)
        .map((s) => `"${s.title.slice(0, 80)}"`)
        .join(', ') + (existing.length > 3 ? `, and ${existing.length - 3} more` : '');
    throw new ApiError(
      'conflict',
      existing.length === 1
        ? `The library already has this meeting (${titles}). Import it as a copy to keep both.`
        : `The library already has ${existing.length} of these meetings (${titles}). Import them as copies to keep both.`,
    );
  }
}

/** Every tag the planned meeting's decisions use and every persona it seats must be in the library afterwards. */
function checkReferences(plan: ImportPlan, known: { personas: readonly Persona[]; tags: readonly Tag[] }, lead: string): void {
  const tagIds = new Set([...known.tags, ...plan.newTags].map((tag) => tag.id));
  const unknownTag = plan.meeting.agenda.flatMap((i) => i.decisions.flatMap((d) => d.tags)).find((t) => !tagIds.has(t.tagId));
  if (unknownTag) throw new ApiError('invalid_input', `${lead}: it uses the tag ${unknownTag.tagId} but the file does not describe it.`);
  const personaIds = new Set([...known.personas, ...plan.newPersonas].map((p) => p.id));
  const missing = plan.meeting.personaIds.find((id) => !personaIds.has(id));
  if (missing) throw new ApiError('invalid_input', `${lead}: it seats the persona ${missing} but the file does not describe it.`);
}
