import type { MethodName } from '../../shared/api';
import { ApiError, type Result } from '../../shared/errors';

/** How many write calls' outcomes are remembered, and for how long: a retry comes within seconds. */
export const REQUEST_LOG_MAX = 1_000;
export const REQUEST_LOG_TTL_MS = 10 * 60_000;

interface Entry {
  method: MethodName;
  at: number;
  /** What the first call returned, or would have, had the disk not refused. */
  value: unknown;
  /** The disk refused the first call's save: kept in memory, written later. */
  refused: ApiError | null;
}

/**
 * The outcomes of recent write calls by request id (shared/requestIds.ts), bounded in count and
 * age. A retry gets the first call's answer without running the method again: its value once its
 * change is on disk, the same storage_error while the disk still refuses it.
 */
export class RequestLog {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The answer for a request id seen before, or undefined; `stillUnsaved` tells whether a refused save is still waiting. */
  replay(requestId: string, method: MethodName, stillUnsaved: () => boolean): Result<unknown> | undefined {
    this.prune();
    const entry = this.entries.get(requestId);
    if (!entry) return undefined;
    if (entry.method !== method) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `The request id ${requestId} was already used for ${entry.method}; use a new one per call.`,
        },
      };
    }
    if (entry.refused && stillUnsaved()) return { ok: false, error: entry.refused.toData() };
    return { ok: true, value: entry.value };
  }

  remember(requestId: string, method: MethodName, value: unknown, refused: ApiError | null): void {
    this.entries.delete(requestId);
    this.entries.set(requestId, { method, at: this.now(), value, refused });
    this.prune();
  }

  private prune(): void {
    const oldest = this.now() - REQUEST_LOG_TTL_MS;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= REQUEST_LOG_MAX && entry.at >= oldest) break;
      this.entries.delete(id);
    }
  }
}
