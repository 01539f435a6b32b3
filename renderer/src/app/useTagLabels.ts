import { useMemo } from 'react';
import type { Tag } from '../../../shared/domain';

/** Tag id to label, for showing a decision's tags (kept while the vocabulary stays the same). */
export function useTagLabels(tags: readonly Tag[]): ReadonlyMap<string, string> {
  return useMemo(() => new Map(tags.map((tag) => [tag.id, tag.label])), [tags]);
}
