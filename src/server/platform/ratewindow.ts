import { AppError } from './errors';

/**
 * Fixed windows counted per key in this process (each instance counts its own): `hit` answers 429
 * `rate_limited` once a key has used up `limit` in the current window. The clock is passed in, so
 * tests move it instead of waiting.
 */
export class RateWindows<K> {
  private readonly windows = new Map<K, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: K): void {
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      // forget windows that have ended, so the map stays as small as the set of active keys
      if (this.windows.size > 10_000)
        for (const [k, old] of this.windows) if (now - old.start >= this.windowMs) this.windows.delete(k);
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    if (++w.count > this.limit) throw new AppError('rate_limited', 429);
  }
}
