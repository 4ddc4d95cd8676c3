import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';

/** The wall screen's reads of the case rollups, within the caller's places (`screen.read`). */
const scope = (actor: Actor) =>
  scopeFilter(actor, 'screen.read', {
    streetId: sql`r.street_id`,
    committeeId: sql`r.committee_id`,
    communityId: sql`r.community_id`,
  });

const keyColumn: Record<'street' | 'committee' | 'community', SQL> = {
  street: sql`r.street_id`,
  committee: sql`r.committee_id`,
  community: sql`r.community_id`,
};

/** Every counter of the days [from, to) summed per street, committee or community. */
export async function countersBy(
  db: Executor,
  actor: Actor,
  q: { by: 'street' | 'committee' | 'community'; from: string; to: string },
) {
  const key = keyColumn[q.by];
  const rows = await db.execute<{ unit: number; counter: string; bucket: number; n: string }>(sql`
    select ${key} as unit, r.counter, r.bucket, sum(r.n)::bigint as n
    from kpi_case_rollup r
    where r.day >= ${q.from}::date and r.day < ${q.to}::date and ${key} <> 0 and ${scope(actor)}
    group by 1, 2, 3`);
  return rows.rows.map((r) => ({
    unit: Number(r.unit),
    counter: r.counter,
    bucket: Number(r.bucket),
    n: Number(r.n),
  }));
}

/** The flow counters of each day in [from, to). */
export async function dailyFlow(db: Executor, actor: Actor, q: { from: string; to: string }) {
  const rows = await db.execute<{ day: string; counter: string; n: string }>(sql`
    select to_char(r.day, 'YYYY-MM-DD') as day, r.counter, sum(r.n)::bigint as n
    from kpi_case_rollup r
    where r.day >= ${q.from}::date and r.day < ${q.to}::date
      and r.counter in ('reported', 'dispatched', 'handled', 'closed') and ${scope(actor)}
    group by 1, 2`);
  return rows.rows.map((r) => ({ day: r.day, counter: r.counter, n: Number(r.n) }));
}
