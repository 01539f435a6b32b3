/** Bringing an exported meeting into the library: pure remapping; the service commits the result. */
import type { MethodParams } from '../../shared/api';
import type { Meeting, Persona, Tag } from '../../shared/domain';
import { normalizeTagLabel } from '../../shared/tags';

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
  params: MethodParams<'meetings.import'>,
  library: { personas: readonly Persona[]; tags: readonly Tag[]; meetingIds?: ReadonlySet<string>; seriesIds?: ReadonlySet<string> },
  newId: () => string,
  copyTitle: (title: string) => string,
): ImportPlan {
  const meeting = structuredClone(params.meeting);
  const knownPersonas = new Set(library.personas.map((p) => p.id));
  const newPersonas = params.personas.filter((p) => meeting.personaIds.includes(p.id) && !knownPersonas.has(p.id));

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
