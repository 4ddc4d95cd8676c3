import { sql } from 'drizzle-orm';
import type { CaseState } from '../../../contracts/cases';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';

/**
 * The case event stream as a transactional outbox. Every state change writes its `case_event` row
 * in the same transaction as the change, so the events are the outbox: readers (notifications,
 * hotline callbacks) keep a cursor per consumer and handle each event once.
 *
 * Events are read in (tx, id) order and only from transactions older than every transaction still
 * running (`pg_snapshot_xmin`), so an event whose transaction commits late is never skipped by a
 * cursor that has moved on; the cursor row is locked while a batch is handled, so two instances
 * never handle the same batch, and the consumer's writes commit together with the cursor.
 */
export interface CaseStreamEvent {
  id: number;
  tx: number;
  caseId: number;
  streetId: number;
  at: Date;
  action: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  note: string | null;
  data: Record<string, unknown> | null;
  actorLabel: string;
  /** the case as it is now (not as it was at the event) */
  case: {
    number: string;
    title: string;
    state: CaseState;
    channel: string;
    categoryCode: string;
    communityId: number;
    committeeId: number | null;
    reporterUserId: number | null;
    leadName: string | null;
    routing: unknown;
    isEnforcement: boolean;
    satisfaction: number | null;
    stageDueAt: Date | null;
  };
}

export type CaseStreamHandler = (tx: Executor, events: CaseStreamEvent[]) => Promise<void>;

/**
 * Hands the next batch of committed events to `handle` inside one transaction with the cursor.
 * Returns how many events were handled (0: nothing new, or another instance holds the cursor).
 */
export async function consumeCaseEvents(
  ctx: AppContext,
  consumer: string,
  handle: CaseStreamHandler,
  batch = 500,
): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into case_event_cursor (consumer) values (${consumer}) on conflict do nothing`,
    );
    const cur = await tx.execute<{ tx: number; event_id: number }>(
      sql`select tx, event_id from case_event_cursor where consumer = ${consumer} for update skip locked`,
    );
    const at = cur.rows[0];
    if (!at) return 0;
    const rows = await tx.execute<Record<string, unknown>>(sql`
      select ${EVENT_COLUMNS}
      from case_event e join case_record c on c.id = e.case_id
      where (e.tx, e.id) > (${Number(at.tx)}::bigint, ${Number(at.event_id)}::bigint)
        and e.tx < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
      order by e.tx, e.id
      limit ${batch}`);
    if (!rows.rows.length) return 0;
    const events = rows.rows.map(toEvent);
    await handle(tx, events);
    const last = events[events.length - 1]!;
    await tx.execute(
      sql`update case_event_cursor set tx = ${last.tx}, event_id = ${last.id}, updated_at = now() where consumer = ${consumer}`,
    );
    return events.length;
  });
}

const EVENT_COLUMNS = sql`e.id, e.tx, e.case_id, e.street_id, e.at, e.action, e.from_state, e.to_state, e.note, e.data, e.actor_label,
             c.number, c.title, c.state, c.channel, c.category_code, c.community_id, c.committee_id, c.reporter_user_id, c.lead_name,
             c.routing, c.is_enforcement, c.satisfaction, c.stage_due_at`;

/**
 * Replays the whole stream for one consumer from its first event, in one transaction: `reset` runs
 * first (the consumer clears what it derived), then every committed event goes to `handle` in
 * (tx, id) order, and the cursor ends where the replay did. The cursor row stays locked throughout,
 * so the consumer's job waits instead of handling an event twice; readers see the old derived data
 * until the replay commits.
 */
export async function replayCaseEvents(
  ctx: AppContext,
  consumer: string,
  opts: {
    reset: (tx: Executor) => Promise<void>;
    handle: CaseStreamHandler;
    /** runs last in the same transaction (e.g. the audit row) */
    finish?: (tx: Executor, events: number) => Promise<void>;
    progress?: { start(total: number): void; update(done: number): void };
    batch?: number;
  },
): Promise<number> {
  const { reset, handle, finish, progress, batch = 2000 } = opts;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into case_event_cursor (consumer) values (${consumer}) on conflict do nothing`,
    );
    await tx.execute(sql`select 1 from case_event_cursor where consumer = ${consumer} for update`);
    const horizon = await tx.execute<{ xmin: string; total: number }>(sql`
      select (pg_snapshot_xmin(pg_current_snapshot())::text) as xmin,
             (select count(*)::int from case_event where tx < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint) as total`);
    const xmin = BigInt(horizon.rows[0]!.xmin);
    progress?.start(Number(horizon.rows[0]!.total));
    await reset(tx);
    let last = { tx: 0, id: 0 };
    let done = 0;
    for (;;) {
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select ${EVENT_COLUMNS}
        from case_event e join case_record c on c.id = e.case_id
        where (e.tx, e.id) > (${last.tx}::bigint, ${last.id}::bigint) and e.tx < ${xmin.toString()}::bigint
        order by e.tx, e.id
        limit ${batch}`);
      if (!rows.rows.length) break;
      const events = rows.rows.map(toEvent);
      await handle(tx, events);
      const end = events[events.length - 1]!;
      last = { tx: end.tx, id: end.id };
      done += events.length;
      progress?.update(done);
    }
    await tx.execute(
      sql`update case_event_cursor set tx = ${last.tx}, event_id = ${last.id}, updated_at = now() where consumer = ${consumer}`,
    );
    await finish?.(tx, done);
    return done;
  });
}

/** When the last event a consumer handled happened (null: none yet). */
export async function cursorPosition(db: Executor, consumer: string): Promise<Date | null> {
  const r = await db.execute<{ at: string | null }>(sql`
    select e.at from case_event_cursor k join case_event e on e.id = k.event_id where k.consumer = ${consumer}`);
  const at = r.rows[0]?.at;
  return at ? new Date(at) : null;
}

/** Drains the stream for one consumer (several batches), for jobs and tests. */
export async function drainCaseEvents(ctx: AppContext, consumer: string, handle: CaseStreamHandler) {
  let total = 0;
  for (;;) {
    const n = await consumeCaseEvents(ctx, consumer, handle);
    total += n;
    if (n === 0) return total;
  }
}

function toEvent(r: Record<string, unknown>): CaseStreamEvent {
  return {
    id: Number(r.id),
    tx: Number(r.tx),
    caseId: Number(r.case_id),
    streetId: Number(r.street_id),
    at: new Date(r.at as string),
    action: r.action as string,
    fromState: r.from_state as CaseState | null,
    toState: r.to_state as CaseState | null,
    note: r.note as string | null,
    data: r.data as Record<string, unknown> | null,
    actorLabel: r.actor_label as string,
    case: {
      number: r.number as string,
      title: r.title as string,
      state: r.state as CaseState,
      channel: r.channel as string,
      categoryCode: r.category_code as string,
      communityId: Number(r.community_id),
      committeeId: r.committee_id === null ? null : Number(r.committee_id),
      reporterUserId: r.reporter_user_id === null ? null : Number(r.reporter_user_id),
      leadName: r.lead_name as string | null,
      routing: r.routing,
      isEnforcement: Boolean(r.is_enforcement),
      satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
      stageDueAt: r.stage_due_at ? new Date(r.stage_due_at as string) : null,
    },
  };
}

/** Events the reporter and outside systems see: state changes, not internal notes or escalations. */
export const PUBLIC_NOTE_ACTIONS = ['reject', 'merge', 'handle', 'close', 'suspend'] as const;

/** Whether an event changed the case's state (what callbacks and update feeds report). */
export function isStateChange(e: { fromState: string | null; toState: string | null; action: string }) {
  return e.action === 'report' || (e.toState !== null && e.fromState !== e.toState);
}
