import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Executor } from '../db/client';

/**
 * In-memory copies of small reference tables (categories, responsibility rules, the calendar).
 * An edit invalidates the copy of this process at once and, through NOTIFY on commit, the copies
 * of every other app instance; a TTL bounds staleness if a notification is ever missed.
 */
const CHANNEL = 'anju_reference';
const stores = new WeakMap<Database, Map<string, { value: Promise<unknown>; at: number }>>();

function storeOf(database: Database) {
  let store = stores.get(database);
  if (!store) {
    store = new Map();
    stores.set(database, store);
  }
  return store;
}

export interface ReferenceData<T> {
  name: string;
  get(ctx: { database: Database }): Promise<T>;
  invalidate(ctx: { database: Database }): void;
}

export function referenceData<T>(
  name: string,
  load: (db: Executor) => Promise<T>,
  ttlMs = 5 * 60_000,
): ReferenceData<T> {
  return {
    name,
    get(ctx) {
      const store = storeOf(ctx.database);
      const hit = store.get(name);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
      const value = load(ctx.database.db);
      store.set(name, { value, at: Date.now() });
      value.catch(() => store.delete(name));
      return value;
    },
    invalidate(ctx) {
      storeOf(ctx.database).delete(name);
    },
  };
}

/** Tells every instance, when the transaction commits, that `name` changed. */
export async function notifyReferenceChanged(tx: Executor, name: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${name})`);
}

/** Listens for changes made by other instances; returns the function that stops listening. */
export async function listenReferenceChanges(database: Database): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: database.url, application_name: 'anju-refcache' });
  client.on('error', () => {
    // a lost listener only means staleness up to the TTL
  });
  await client.connect();
  client.on('notification', (msg) => {
    if (msg.channel === CHANNEL && msg.payload) storeOf(database).delete(msg.payload);
  });
  await client.query(`listen ${CHANNEL}`);
  return async () => {
    await client.end().catch(() => {});
  };
}
