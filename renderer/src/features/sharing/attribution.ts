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
export function spread(
  ballots: readonly { direction: ImpactDirection }[],
  directions: readonly ImpactDirection[],
): { direction: ImpactDirection; count: number }[] {
  return directions.map((direction) => ({ direction, count: ballots.filter((ballot) => ballot.direction === direction).length }));
}

interface Attributed {
  by: string;
  at: string;
}
interface MeetingLike {
  agenda: readonly {
    proposals: readonly (Attributed & { id: string; text: string })[];
    decisions: readonly { id: string; text: string; tags: readonly (Attributed & { tagId: string })[] }[];
  }[];
}

/**
 * What participants added between two copies of a meeting, as sentences for a polite live region:
 * "Ben tagged “Pricing”", "Chloé proposed an answer". Only names in `participants` count, so the
 * lead's own changes are not read back to them.
 */
export function arrivals(
  previous: MeetingLike,
  next: MeetingLike,
  participants: ReadonlySet<string>,
  labels: ReadonlyMap<string, string>,
): string[] {
  const seenTags = new Set<string>();
  const seenProposals = new Set<string>();
  for (const item of previous.agenda) {
    for (const proposal of item.proposals) seenProposals.add(proposal.id);
    for (const decision of item.decisions)
      for (const entry of decision.tags) seenTags.add(`${decision.id}\u0000${entry.tagId}\u0000${entry.by}`);
  }
  const messages: string[] = [];
  for (const item of next.agenda) {
    for (const proposal of item.proposals) {
      if (!seenProposals.has(proposal.id) && participants.has(proposal.by))
        messages.push(`${proposal.by} proposed an answer: “${shortText(proposal.text)}”`);
    }
    for (const decision of item.decisions) {
      for (const entry of decision.tags) {
        if (seenTags.has(`${decision.id}\u0000${entry.tagId}\u0000${entry.by}`) || !participants.has(entry.by)) continue;
        messages.push(`${entry.by} tagged “${labels.get(entry.tagId) ?? entry.tagId}” on “${shortText(decision.text)}”`);
      }
    }
  }
  return messages;
}

function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 40 ? flat : `${flat.slice(0, 39)}…`;
}
