import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { communityListQuery } from '../../src/contracts/org';
import * as org from '../../src/server/modules/org/org.repository';
import { decodeCursor, encodeCursor } from '../../src/server/platform/pagination';
import { type BenchEnv, defineCase } from '../case';

// GET /api/v1/communities?limit=50 as a street officer of a generated street: its first page
// (list + total) and the next one (keyset cursor, no total).

const LIMIT = 50;

interface Page {
  path: string;
  headers: Record<string, string>;
  /** the statements the repository ran for this page, in order: list, then count on page one */
  list: { text: string; params: unknown[] };
  count: { text: string; params: unknown[] } | null;
  keys: string[];
}

let prepared: Promise<{ first: Page; next: Page }> | undefined;

function prepare(env: BenchEnv) {
  prepared ??= (async () => {
    const street = await env.busiestCityStreet();
    if (street.communities <= LIMIT) throw new Error(`street ${street.name} has no second page`);
    const { actor, headers } = await env.signInAs('street', {
      districtId: street.districtId,
      streetId: street.id,
    });
    const query = communityListQuery.parse({ limit: String(LIMIT) });
    const res = await fetch(`${env.url}/api/v1/communities?limit=${LIMIT}`, { headers });
    if (!res.ok) throw new Error(`communities: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { nextCursor: string; total: number };
    const cursor = body.nextCursor;
    const after = decodeCursor<[string, number]>(cursor, ['string', 'number']);

    let keys: string[] = [];
    const firstSql = await env.captureSql(async (db) => {
      const rows = await org.listCommunities(db, actor, query, null);
      keys = Object.keys(rows[0] ?? {});
      await org.countCommunities(db, actor, query);
    });
    const nextSql = await env.captureSql((db) => org.listCommunities(db, actor, query, after));
    return {
      first: {
        path: `/api/v1/communities?limit=${LIMIT}`,
        headers,
        list: firstSql[0]!,
        count: firstSql[1]!,
        keys,
      },
      next: {
        path: `/api/v1/communities?limit=${LIMIT}&cursor=${encodeURIComponent(cursor)}`,
        headers,
        list: nextSql[0]!,
        count: null,
        keys,
      },
    };
  })();
  return prepared;
}

/** The same statements with a plain pg Pool, rows mapped to the same keys, a cursor, JSON. */
function bareRoute(path: string) {
  return (app: FastifyInstance, pool: pg.Pool, page: Page) => {
    app.get(path, async () => {
      const [list, count] = await Promise.all([
        pool.query({ text: page.list.text, values: page.list.params, rowMode: 'array' }),
        page.count
          ? pool.query({ text: page.count.text, values: page.count.params, rowMode: 'array' })
          : null,
      ]);
      const items = list.rows
        .slice(0, LIMIT)
        .map(
          (row: unknown[]) =>
            Object.fromEntries(page.keys.map((k, i) => [k, row[i]])) as Record<string, unknown>,
        );
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          list.rows.length > LIMIT && last ? encodeCursor([last.name as string, last.id as number]) : null,
        total: count ? count.rows[0]?.[0] : -1,
      };
    });
  };
}

/** The same communities in the same order, the same cursor and total. */
function samePage(full: unknown, bare: unknown): string | null {
  type Answer = { items: { id: number }[]; nextCursor: string | null; total: number };
  const f = full as Answer;
  const b = bare as Answer;
  const ids = (a: Answer) => a.items.map((i) => i.id).join(',');
  if (ids(f) !== ids(b)) return `items ${ids(f)} vs ${ids(b)}`;
  if (f.nextCursor !== b.nextCursor) return `cursor ${f.nextCursor} vs ${b.nextCursor}`;
  if (f.total !== b.total) return `total ${f.total} vs ${b.total}`;
  return null;
}

export default [
  defineCase({
    name: 'communities, first page',
    setup: async (env) => (await prepare(env)).first,
    full: (page) => ({ path: page.path, headers: page.headers }),
    bare: {
      route: bareRoute('/bare/communities/first'),
      request: () => ({ path: '/bare/communities/first' }),
    },
    compare: samePage,
  }),
  defineCase({
    name: 'communities, next page',
    setup: async (env) => (await prepare(env)).next,
    full: (page) => ({ path: page.path, headers: page.headers }),
    bare: {
      route: bareRoute('/bare/communities/next'),
      request: () => ({ path: '/bare/communities/next' }),
    },
    compare: samePage,
  }),
];
