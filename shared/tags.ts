/**
 * The one tagging module: the library's tag vocabulary and every rule about a decision's tags,
 * for the lead (electron/service/chair.ts), participants (electron/service/participants.ts) and
 * every reader (ledger, dashboard, summary, renderer). Pure: changes are made on a decision draft.
 */
import type { Decision, DecisionTag, ImpactDirection, Tag } from './domain';
import { ApiError } from './errors';
import { LIMITS } from './limits';

/** The customer-impact vocabulary every library starts with; users add their own beside it. */
export const BUILT_IN_TAGS: readonly Tag[] = [
  { id: 'pricing', label: 'pricing', builtIn: true },
  { id: 'onboarding', label: 'onboarding', builtIn: true },
  { id: 'reliability', label: 'reliability', builtIn: true },
  { id: 'performance', label: 'performance', builtIn: true },
  { id: 'support', label: 'support', builtIn: true },
  { id: 'data-privacy', label: 'data & privacy', builtIn: true },
  { id: 'time-to-value', label: 'time to value', builtIn: true },
  { id: 'accessibility', label: 'accessibility', builtIn: true },
  { id: 'usability', label: 'usability', builtIn: true },
  { id: 'security', label: 'security', builtIn: true },
];

/** Labels compare without case or extra spaces, so "Pricing " and "pricing" are one tag. */
export function normalizeTagLabel(label: string): string {
  return label.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The tag among `tags` whose label is `label` once both are normalized, if any. */
export function findTagByLabel(tags: readonly Tag[], label: string): Tag | undefined {
  const wanted = normalizeTagLabel(label);
  return tags.find((tag) => normalizeTagLabel(tag.label) === wanted);
}

/**
 * The distinct tag ids of a decision, in the order first added. Entries are attributed (one per
 * person and tag), so a tag added by several people counts once wherever decisions are counted.
 */
export function distinctTagIds(entries: readonly DecisionTag[]): string[] {
  return [...new Set(entries.map((entry) => entry.tagId))];
}

/** Who tags, when, and the library's tags (electron/service/chair.ts's ChangeContext fits). */
export interface TaggingContext {
  actor: string;
  at: string;
  tags: readonly Tag[];
}

export function checkTagExists(tagId: string, tags: readonly Tag[]): void {
  if (!tags.some((tag) => tag.id === tagId)) throw new ApiError('not_found', `There is no tag with the id ${tagId}.`);
}

function checkDistinctTags(count: number): void {
  if (count > LIMITS.tagsPerDecisionMax) {
    throw new ApiError('limit_exceeded', `A decision has at most ${LIMITS.tagsPerDecisionMax} different tags.`);
  }
}

function checkTagEntries(count: number): void {
  if (count > LIMITS.tagEntriesPerDecisionMax) {
    throw new ApiError('limit_exceeded', `A decision holds at most ${LIMITS.tagEntriesPerDecisionMax} tags from everyone together.`);
  }
}

/** The entries of a new decision: each tag once, by whoever logs it. */
export function newDecisionTags(tagIds: readonly string[], context: TaggingContext): DecisionTag[] {
  for (const tagId of tagIds) checkTagExists(tagId, context.tags);
  return [...new Set(tagIds)].map((tagId) => ({ tagId, by: context.actor, at: context.at }));
}

/**
 * Adds the actor's entry for a tag. Idempotent per person, so two windows adding the same tag at
 * once both succeed and it appears once; someone else's entry for the same tag stays beside it
 * (attribution). Tagging again with a direction only updates the direction the actor gave.
 */
export function addTag(decision: Decision, tagId: string, context: TaggingContext, direction?: ImpactDirection): void {
  checkTagExists(tagId, context.tags);
  const own = decision.tags.find((entry) => entry.tagId === tagId && entry.by === context.actor);
  if (own) {
    if (direction === undefined || own.direction === direction) return;
    own.direction = direction;
  } else {
    const distinct = distinctTagIds(decision.tags);
    if (!distinct.includes(tagId)) checkDistinctTags(distinct.length + 1);
    checkTagEntries(decision.tags.length + 1);
    decision.tags.push({ tagId, by: context.actor, at: context.at, ...(direction ? { direction } : {}) });
  }
  decision.updatedAt = context.at;
}

/** The lead takes a tag off the decision: everyone's entry for it goes. */
export function removeTag(decision: Decision, tagId: string, context: Pick<TaggingContext, 'at'>): void {
  decision.tags = decision.tags.filter((entry) => entry.tagId !== tagId);
  decision.updatedAt = context.at;
}

/** A participant takes back their own entry only; someone else's tag is refused, never touched. */
export function removeOwnTag(decision: Decision, tagId: string, context: Pick<TaggingContext, 'actor' | 'at'>): void {
  const matching = decision.tags.filter((entry) => entry.tagId === tagId);
  if (!matching.some((entry) => entry.by === context.actor)) {
    if (matching.length > 0) throw new ApiError('forbidden', 'Only the person who added a tag can take it back.');
    throw new ApiError('not_found', 'That tag is not on this decision.');
  }
  decision.tags = decision.tags.filter((entry) => !(entry.tagId === tagId && entry.by === context.actor));
  decision.updatedAt = context.at;
}

/**
 * Sets the decision's tags to exactly `tagIds`, in one change (the lead's editor): a tag left out
 * goes with everyone's entries, a tag kept keeps them, a new tag is the actor's. Every id is checked
 * before anything changes; the same set again changes nothing.
 */
export function setTags(decision: Decision, tagIds: readonly string[], context: TaggingContext): void {
  const wanted = [...new Set(tagIds)];
  for (const tagId of wanted) checkTagExists(tagId, context.tags);
  checkDistinctTags(wanted.length);
  const present = new Set(distinctTagIds(decision.tags));
  const kept = decision.tags.filter((entry) => wanted.includes(entry.tagId));
  const added = wanted.filter((tagId) => !present.has(tagId)).map((tagId) => ({ tagId, by: context.actor, at: context.at }));
  if (added.length === 0 && kept.length === decision.tags.length) return;
  checkTagEntries(kept.length + added.length);
  decision.tags = [...kept, ...added];
  decision.updatedAt = context.at;
}
