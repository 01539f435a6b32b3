/**
 * Rate limits of the participant server (issue 16 §2), kept per share and per caller rather than
 * per TCP connection (a fresh connection per request used to start a fresh budget): by participant
 * once a call names a live session, by address before that, and joins always by address.
 */

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** A token bucket: `take` answers whether one more request fits now. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate.burst;
    this.last = now();
  }
  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
  }
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Whole seconds until `take` can succeed again (at least 1): the Retry-After of a refusal. */
  retryAfterSeconds(): number {
    this.refill();
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate.perSecond));
  }
  /** True once it has refilled completely: forgetting it then loses nothing. */
  full(): boolean {
    this.refill();
    return this.tokens >= this.rate.burst;
  }
}

/** Buckets bounded in number: full ones are forgotten first, then the oldest. */
const MAX_BUCKETS = 10_000;

/** One bucket per key ("a:<address>", "p:<participant id>") at one rate. */
export class RateBook {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly rate: RateLimit,
    private readonly now?: () => number,
  ) {}

  bucket(key: string): TokenBucket {
    let found = this.buckets.get(key);
    if (!found) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune();
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
      this.buckets.set(key, (found = new TokenBucket(this.rate, this.now)));
    }
    return found;
  }

  /** Forgets the buckets that have refilled (run now and then, so the book does not grow). */
  prune(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(key);
  }
}
