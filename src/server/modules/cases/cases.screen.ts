import { sql } from 'drizzle-orm';
import { backlogStates, type ScreenFeedItem } from '../../../contracts/screen';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { categoryCache } from '../duties/duties.usecases';
import { maskName } from './cases.workflow';

/**
 * The small queries the wall screen needs from the cases domain. Each reads only the open
 * backlog or the newest events through an index, never the whole case history, and only within
 * the caller's places (`screen.read`).
 */
const scopeOf = (actor: Actor, alias: string) =>
  scopeFilter(actor, 'screen.read', {
    streetId: sql.raw(`${alias}.street_id`),
    committeeId: sql.raw(`${alias}.committee_id`),
    communityId: sql.raw(`${alias}.community_id`),
  });

const states = sql.raw(backlogStates.map((s) => `'${s}'`).join(', '));

/** Open cases by state, and by the SLA colour of their current stage. */
export async function openBacklog(db: Executor, actor: Actor) {
  const rows = await db.execute<{
    state: string;
    n: string;
    overdue: string;
    warning: string;
    on_time: string;
  }>(sql`
    select c.state, count(*)::bigint as n,
      count(*) filter (where c.stage_due_at < now())::bigint as overdue,
      count(*) filter (where c.stage_warn_at <= now() and c.stage_due_at >= now())::bigint as warning,
      count(*) filter (where c.stage_due_at is not null and (c.stage_warn_at is null or c.stage_warn_at > now()) and c.stage_due_at >= now())::bigint as on_time
    from case_record c
    where c.state in (${states}) and ${scopeOf(actor, 'c')}
    group by c.state`);
  const byState = new Map(rows.rows.map((r) => [r.state, Number(r.n)]));
  const sum = (k: 'overdue' | 'warning' | 'on_time') => rows.rows.reduce((n, r) => n + Number(r[k]), 0);
  return {
    states: backlogStates.map((state) => ({ state, count: byState.get(state) ?? 0 })),
    sla: { onTime: sum('on_time'), warning: sum('warning'), overdue: sum('overdue') },
  };
}

/** The open cases furthest past their stage deadline (the partial index on the deadline). */
export async function mostOverdue(db: Executor, actor: Actor, limit: number) {
  const rows = await db.execute<{
    id: string;
    number: string;
    title: string;
    state: string;
    street_name: string;
    community_name: string;
    stage_due_at: Date;
  }>(sql`
    select c.id, c.number, c.title, c.state, s.name as street_name, m.name as community_name, c.stage_due_at
    from case_record c
    join street s on s.id = c.street_id
    join community m on m.id = c.community_id
    where c.stage_due_at is not null and c.stage_due_at < now() and c.state in (${states})
      and ${scopeOf(actor, 'c')}
    order by c.stage_due_at, c.id
    limit ${limit}`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    title: r.title,
    state: r.state,
    streetName: r.street_name,
    communityName: r.community_name,
    stageDueAt: new Date(r.stage_due_at).toISOString(),
  }));
}

/**
 * Case events within the caller's places after `afterId` (the newest `limit` when null), oldest
 * first. A reporter's own actions show their name masked, as on the case page.
 */
export async function caseFeed(
  ctx: AppContext,
  actor: Actor,
  afterId: number | null,
  limit: number,
): Promise<ScreenFeedItem[]> {
  const rows = await ctx.db.execute<{
    event_id: string;
    case_id: string;
    number: string;
    title: string;
    action: string;
    to_state: string | null;
    at: Date;
    street_name: string;
    community_name: string;
    category_code: string;
    actor_label: string;
    by_reporter: boolean;
  }>(sql`
    select * from (
      select e.id as event_id, c.id as case_id, c.number, c.title, e.action, e.to_state, e.at,
        s.name as street_name, m.name as community_name, c.category_code, e.actor_label,
        (case when c.reporter_user_id is not null then e.actor_user_id is not distinct from c.reporter_user_id
              else c.reporter_name is not null and e.actor_label = c.reporter_name end) as by_reporter
      from case_event e
      join case_record c on c.id = e.case_id
      join street s on s.id = c.street_id
      join community m on m.id = c.community_id
      where ${afterId === null ? sql`true` : sql`e.id > ${afterId}`} and ${scopeOf(actor, 'c')}
      order by e.id ${afterId === null ? sql`desc` : sql`asc`}
      limit ${limit}
    ) f order by event_id`);
  const cats = await categoryCache.get(ctx);
  return rows.rows.map((r) => {
    const cat = cats.byCode.get(r.category_code);
    return {
      eventId: Number(r.event_id),
      caseId: Number(r.case_id),
      number: r.number,
      title: r.title,
      action: r.action,
      toState: r.to_state as ScreenFeedItem['toState'],
      at: new Date(r.at).toISOString(),
      streetName: r.street_name,
      communityName: r.community_name,
      categoryName: cat?.name ?? r.category_code,
      categoryNameEn: cat?.nameEn ?? r.category_code,
      actor: r.by_reporter ? maskName(r.actor_label) : r.actor_label,
    };
  });
}
