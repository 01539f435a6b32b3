import type { Tag } from './domain';

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
