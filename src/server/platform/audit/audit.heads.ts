import type pg from 'pg';
import type { AuditHead } from './audit';

/**
 * What this process last saw at the head of each audit chain, for hot paths that append to a chain
 * in a single statement instead of a transaction: the statement moves the head only if it is still
 * where this cache says (compare-and-set), and the caller falls back to the locking path when it is
 * not — another instance or another use case wrote to the chain meanwhile. The cache is therefore
 * only ever a guess; a wrong guess costs one refused statement, never a broken chain.
 *
 * `exclusive` runs the hot path's statements for one chain one at a time in this process, so that
 * concurrent requests do not all guess the same head and all but one fall back.
 */
export class AuditHeads {
  private readonly heads = new Map<number, { seq: number; hash: string }>();
  private readonly queues = new Map<number, Promise<unknown>>();
  /** appends made by the single statement, and guesses that were refused (for tests and profiling) */
  readonly stats = { appended: 0, refused: 0 };

  get(chain: number) {
    return this.heads.get(chain) ?? null;
  }

  /** Records a head written by a committed statement or transaction; an older one never replaces a newer. */
  advance(head: AuditHead) {
    const known = this.heads.get(head.chain);
    if (!known || known.seq < head.seq) this.heads.set(head.chain, { seq: head.seq, hash: head.hash });
  }

  forget(chain: number) {
    this.heads.delete(chain);
  }

  exclusive<T>(chain: number, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(chain) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.then(
      () => {},
      () => {},
    );
    this.queues.set(chain, settled);
    void settled.then(() => {
      if (this.queues.get(chain) === settled) this.queues.delete(chain);
    });
    return run;
  }
}

const byPool = new WeakMap<pg.Pool, AuditHeads>();

/** The chain heads seen through one database pool (one per database, so tests on several stay apart). */
export function auditHeadsOf(pool: pg.Pool): AuditHeads {
  let heads = byPool.get(pool);
  if (!heads) {
    heads = new AuditHeads();
    byPool.set(pool, heads);
  }
  return heads;
}
