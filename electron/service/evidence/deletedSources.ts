/**
 * Undoing a source's deletion: a deleted source stays in the evidence index (`deleted`, newest
 * first, the last EVIDENCE_LIMITS.deletedSourcesKept) with its items file, so backups hold it and
 * `evidence.restoreSource` brings it back whole. Pure changes to the index; the area writes them.
 */
import { ApiError } from '../../../shared/errors';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import type { EvidenceIndex, EvidenceSource } from '../../../shared/evidence/schema';

/** The index with `id` moved to the deleted sources; the oldest deleted one beyond the limit goes for good. */
export function withSourceDeleted(index: EvidenceIndex, id: string, deletedAt: string): EvidenceIndex {
  const source = index.sources.find((entry) => entry.id === id);
  if (!source) throw new ApiError('not_found', `There is no evidence source ${id}.`);
  return {
    ...index,
    sources: index.sources.filter((entry) => entry.id !== id),
    deleted: [{ ...source, deletedAt }, ...index.deleted.filter((entry) => entry.id !== id)].slice(0, EVIDENCE_LIMITS.deletedSourcesKept),
  };
}

/**
 * The index with the deleted source `id` back among the sources, refused (changing nothing) when
 * it is not kept any more or the library has no room for it.
 */
export function withSourceRestored(index: EvidenceIndex, id: string): { index: EvidenceIndex; source: EvidenceSource } {
  const found = index.deleted.find((entry) => entry.id === id);
  if (!found) {
    throw new ApiError(
      'not_found',
      `There is no deleted evidence source ${id} to restore: only the last ${EVIDENCE_LIMITS.deletedSourcesKept} deleted sources are kept.`,
    );
  }
  if (index.sources.length >= EVIDENCE_LIMITS.sourcesMax) {
    throw new ApiError('limit_exceeded', `The library holds at most ${EVIDENCE_LIMITS.sourcesMax} evidence sources; delete one first.`);
  }
  const items = index.sources.reduce((sum, source) => sum + source.itemCount, 0) + found.itemCount;
  if (items > EVIDENCE_LIMITS.itemsMax) {
    throw new ApiError(
      'limit_exceeded',
      `Restoring "${found.name}" would make ${items} evidence items; at most ${EVIDENCE_LIMITS.itemsMax} are allowed. Delete a source first.`,
    );
  }
  const { deletedAt: _deletedAt, ...source } = found;
  return {
    index: { ...index, sources: [...index.sources, source], deleted: index.deleted.filter((entry) => entry.id !== id) },
    source,
  };
}
