/**
 * The decisions of the personas and tags a query word names (ledger search, LedgerIndex.wordHits):
 * a lookup per distinct persona or tag list, then one per row.
 */
import type { RowStore } from './rows';
import type { WordHits } from './textIndex';

/** A word's match on a persona's name counts as much as one in an agenda item's title; a tag's label, as the decision's text. */
const PERSONA_SCORE = 2;
const TAG_SCORE = 3;

/**
 * Adds the rows of the personas and tags a word names to what it found in the text (the better
 * score of the two). `scores` (one per slot, at least `rows.size`) is all zero between calls, and
 * is left so: a search at 200,000 decisions allocated 800 KB for it.
 */
export function withNames(
  rows: RowStore,
  /** The live slots (the ledger's order): a typed array, not 10,000 records and their ranges. */
  live: Int32Array,
  found: WordHits,
  personas: string[],
  tags: string[],
  scores: Float32Array,
): WordHits {
  found.slots.forEach((slot, i) => (scores[slot] = found.scores[i]!));
  // Which of the (few) distinct lists name them, then a lookup per row.
  const personaHit = Uint8Array.from(rows.personaLists.values, (list) => (personas.some((p) => list.includes(p)) ? PERSONA_SCORE : 0));
  const tagHit = Uint8Array.from(rows.tagLists.values, (list) => (tags.some((t) => list.includes(t)) ? TAG_SCORE : 0));
  const personaOf = rows.columns.personas;
  const tagsOf = rows.columns.tags;
  let count = found.slots.length;
  if (personaHit.includes(PERSONA_SCORE) || tagHit.includes(TAG_SCORE))
    for (let i = 0; i < live.length; i++) {
      const slot = live[i]!;
      const score = personaHit[personaOf[slot]!]! + tagHit[tagsOf[slot]!]!;
      if (score === 0 || score <= scores[slot]!) continue;
      if (scores[slot] === 0) count++;
      scores[slot] = score;
    }
  const slots = new Int32Array(count);
  const out = new Float32Array(count);
  let at = 0;
  for (let slot = 0; slot < rows.size; slot++)
    if (scores[slot]! > 0) {
      slots[at] = slot;
      out[at++] = scores[slot]!;
      scores[slot] = 0;
    }
  return { slots, scores: out };
}
