import type { AppContext } from '../../context';
import type { SessionWithUser } from './auth.repository';

/**
 * A short-lived in-process cache of resolved sessions (ANJU_SESSION_CACHE_MS, a few seconds), so a
 * busy client does not cost a database round trip per request. Sign-out, password changes and
 * account changes evict at once in this instance; other instances see them within the TTL.
 */
class SessionCache {
  private readonly entries = new Map<string, { session: SessionWithUser; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 20_000,
  ) {}

  get(tokenHash: string): SessionWithUser | undefined {
    if (this.ttlMs <= 0) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  set(tokenHash: string, session: SessionWithUser) {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.max) {
      // drop the oldest entry (Map keeps insertion order)
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { session, until: Date.now() + this.ttlMs });
  }

  forget(tokenHash: string) {
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: number) {
    for (const [hash, entry] of this.entries) if (entry.session.userId === userId) this.entries.delete(hash);
  }
}

const caches = new WeakMap<AppContext, SessionCache>();

export function sessionCache(ctx: AppContext): SessionCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new SessionCache(ctx.config.ANJU_SESSION_CACHE_MS);
    caches.set(ctx, cache);
  }
  return cache;
}
