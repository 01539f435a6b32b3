/** The words the chair searches evidence with for one agenda item, and the segments that boost. */
import { ApiError } from '../../../shared/errors';
import type { Library, Meeting } from '../../../shared/domain';
import type { QueryPart } from '../../../shared/evidence/ranking';

/** Title and tags say what the item is about; the answer as typed next; long notes count least. */
export const QUERY_WEIGHTS = { title: 3, tags: 2, answer: 1.5, notes: 1 } as const;

export function itemQuery(
  meeting: Meeting,
  itemId: string,
  library: Pick<Library, 'tags' | 'personas'>,
  synonyms: Record<string, string[]>,
  answer: string | undefined,
): { parts: QueryPart[]; segments: string[] } {
  const item = meeting.agenda.find((entry) => entry.id === itemId);
  if (!item) throw new ApiError('not_found', `This meeting has no agenda item ${itemId}.`);
  const tagIds = new Set(item.decisions.flatMap((decision) => decision.tags.map((tag) => tag.tagId)));
  const tagWords = [...tagIds].flatMap((id) => [library.tags.find((tag) => tag.id === id)?.label ?? '', ...(synonyms[id] ?? [])]);
  const personaIds = new Set([...meeting.personaIds, ...(item.answer?.personaIds ?? [])]);
  const segments = library.personas.filter((persona) => personaIds.has(persona.id) && persona.segment).map((persona) => persona.segment);
  return {
    parts: [
      { text: item.title, weight: QUERY_WEIGHTS.title },
      { text: tagWords.join(' '), weight: QUERY_WEIGHTS.tags },
      { text: answer ?? item.answer?.text ?? '', weight: QUERY_WEIGHTS.answer },
      { text: item.notes, weight: QUERY_WEIGHTS.notes },
    ],
    segments,
  };
}
