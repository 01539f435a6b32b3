/** Attributed entries (a tag added by several people is stored once per person), shown together. */
import type { DecisionTag } from '../../../../shared/domain';
import type { ImpactDirection } from '../../../../shared/vocabulary';
import { formatWhen } from '../../app/format';

export interface TagGroup {
  tagId: string;
  label: string;
  /** Who added it and when, in the order they did. */
  entries: DecisionTag[];
}

/** One group per tag, in the order each tag was first added. */
export function groupTags(tags: readonly DecisionTag[], labels: ReadonlyMap<string, string>): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const entry of tags) {
    const group = groups.get(entry.tagId) ?? { tagId: entry.tagId, label: labels.get(entry.tagId) ?? entry.tagId, entries: [] };
    group.entries.push(entry);
    groups.set(entry.tagId, group);
  }
  return [...groups.values()];
}

/** "Ben, 10:42" style credit for a tooltip or small text; an unnamed entry is the lead's own. */
export function credit(entry: { by: string; at: string }): string {
  return `${entry.by || 'the lead'}, ${formatWhen(entry.at)}`;
}

/** How many ballots picked each direction, in the directions' usual order (zeros included). */
export function spread(ballots: readonly { direction: ImpactDirection }[], directions: readonly ImpactDirection[]): { direction: ImpactDirection; count: number }[] {
  return directions.map((direction) => ({ direction, count: ballots.filter((ballot) => ballot.direction === direction).length }));
}
