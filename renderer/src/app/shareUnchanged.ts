/**
 * Structural sharing for documents that arrive whole (every 'meeting.changed' carries the whole
 * meeting): parts equal to the previous copy are replaced by the previous objects, so memoised
 * components (an agenda item, a decision row) see the same reference and skip re-rendering.
 */
export function shareUnchanged<T>(previous: T, next: T): T {
  if (Object.is(previous, next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const result = next.map((value: unknown, index) => {
      const shared = shareUnchanged(previous[index], value);
      if (shared !== previous[index]) same = false;
      return shared;
    });
    return (same ? previous : result) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const before = Object.prototype.hasOwnProperty.call(previous, key) ? previous[key] : undefined;
      const shared = shareUnchanged(before, next[key]);
      result[key] = shared;
      if (shared !== before || !Object.prototype.hasOwnProperty.call(previous, key)) same = false;
    }
    return (same ? previous : result) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
