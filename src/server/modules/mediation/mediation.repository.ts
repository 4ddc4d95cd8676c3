import { and, asc, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { communities, streets } from '../org/org.table';
import { mediationCases, mediationCommittees, mediationSessions, mediators } from './mediation.table';

/** District-level committees are seen by every reader; street-level ones by their street's. */
export function committeeScope(actor: Actor, permission: Permission): SQL {
  const street = scopeFilter(actor, permission, { streetId: mediationCommittees.streetId });
  return actor.can(permission) ? or(isNull(mediationCommittees.streetId), street)! : sql`false`;
}

export function listCommittees(db: Executor, actor: Actor, permission: Permission) {
  return db
    .select({ committee: mediationCommittees, streetName: streets.name })
    .from(mediationCommittees)
    .leftJoin(streets, eq(streets.id, mediationCommittees.streetId))
    .where(committeeScope(actor, permission))
    .orderBy(asc(mediationCommittees.id));
}

export async function findCommittee(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await db
    .select()
    .from(mediationCommittees)
    .where(and(eq(mediationCommittees.id, id), committeeScope(actor, permission)));
  return rows[0];
}

export function mediatorsOf(db: Executor, committeeIds: readonly number[]) {
  if (committeeIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(mediators)
    .where(
      sql`${mediators.committeeId} in (${sql.join(
        committeeIds.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(mediators.id));
}

export async function insertCommittee(tx: Executor, values: typeof mediationCommittees.$inferInsert) {
  const [row] = await tx.insert(mediationCommittees).values(values).returning();
  return row!;
}

export async function insertMediator(tx: Executor, values: typeof mediators.$inferInsert) {
  const [row] = await tx.insert(mediators).values(values).returning();
  return row!;
}

export async function mediatorOfCommittee(db: Executor, committeeId: number, id: number) {
  const rows = await db
    .select()
    .from(mediators)
    .where(and(eq(mediators.id, id), eq(mediators.committeeId, committeeId)));
  return rows[0];
}

export async function mediatorForUser(db: Executor, committeeId: number, userId: number) {
  const rows = await db
    .select()
    .from(mediators)
    .where(
      and(eq(mediators.committeeId, committeeId), eq(mediators.userId, userId), eq(mediators.active, true)),
    );
  return rows[0];
}

export function caseScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, {
    streetId: mediationCases.streetId,
    communityId: mediationCases.communityId,
  });
}

const caseColumns = {
  c: mediationCases,
  committeeName: mediationCommittees.name,
  streetName: streets.name,
  communityName: communities.name,
  mediatorName: mediators.name,
};

function caseQuery(db: Executor) {
  return db
    .select(caseColumns)
    .from(mediationCases)
    .innerJoin(mediationCommittees, eq(mediationCommittees.id, mediationCases.committeeId))
    .innerJoin(streets, eq(streets.id, mediationCases.streetId))
    .leftJoin(communities, eq(communities.id, mediationCases.communityId))
    .leftJoin(mediators, eq(mediators.id, mediationCases.mediatorId));
}
export type CaseRow = Awaited<ReturnType<typeof caseQuery>>[number];

export interface CaseFilter {
  streetId?: number;
  committeeId?: number;
  status?: string;
  disputeType?: string;
  overdue?: boolean;
}

function caseFilter(actor: Actor, q: CaseFilter, today: string): SQL {
  const open = sql`${mediationCases.status} in ('accepted', 'in_progress')`;
  return and(
    caseScope(actor, 'mediation.read'),
    q.streetId ? eq(mediationCases.streetId, q.streetId) : undefined,
    q.committeeId ? eq(mediationCases.committeeId, q.committeeId) : undefined,
    q.status ? eq(mediationCases.status, q.status) : undefined,
    q.disputeType ? eq(mediationCases.disputeType, q.disputeType) : undefined,
    q.overdue === true
      ? sql`${open} and ${mediationCases.dueOn} < ${today}::date`
      : q.overdue === false
        ? sql`not (${open} and ${mediationCases.dueOn} < ${today}::date)`
        : undefined,
  )!;
}

export function listCases(
  db: Executor,
  actor: Actor,
  q: CaseFilter & { limit: number },
  today: string,
  afterId: number | null,
) {
  return caseQuery(db)
    .where(and(caseFilter(actor, q, today), afterId === null ? undefined : lt(mediationCases.id, afterId)))
    .orderBy(desc(mediationCases.id))
    .limit(q.limit + 1);
}

export async function countCases(db: Executor, actor: Actor, q: CaseFilter, today: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mediationCases)
    .where(caseFilter(actor, q, today));
  return rows[0]?.n ?? 0;
}

export async function findCase(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await caseQuery(db).where(and(eq(mediationCases.id, id), caseScope(actor, permission)));
  return rows[0];
}

export async function insertCase(tx: Executor, values: typeof mediationCases.$inferInsert) {
  const [row] = await tx.insert(mediationCases).values(values).returning();
  return row!;
}

export async function lockCase(tx: Executor, id: number) {
  const rows = await tx.select().from(mediationCases).where(eq(mediationCases.id, id)).for('update');
  return rows[0];
}

export async function updateCase(
  tx: Executor,
  id: number,
  version: number,
  patch: Partial<typeof mediationCases.$inferInsert>,
) {
  const rows = await tx
    .update(mediationCases)
    .set({ ...patch, version: sql`${mediationCases.version} + 1` })
    .where(and(eq(mediationCases.id, id), eq(mediationCases.version, version)))
    .returning();
  return rows[0];
}

export function sessionsOf(db: Executor, caseId: number) {
  return db
    .select()
    .from(mediationSessions)
    .where(eq(mediationSessions.caseId, caseId))
    .orderBy(asc(mediationSessions.id));
}

export async function insertSession(tx: Executor, values: typeof mediationSessions.$inferInsert) {
  const [row] = await tx.insert(mediationSessions).values(values).returning();
  return row!;
}

export async function caseStats(
  db: Executor,
  actor: Actor,
  q: { from?: string; to?: string; streetId?: number },
  today: string,
) {
  const rows = await db
    .select({
      disputeType: mediationCases.disputeType,
      received: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${mediationCases.status} in ('accepted', 'in_progress'))::int`,
      overdue: sql<number>`count(*) filter (where ${mediationCases.status} in ('accepted', 'in_progress') and ${mediationCases.dueOn} < ${today}::date)::int`,
      agreed: sql<number>`count(*) filter (where ${mediationCases.status} = 'agreed')::int`,
      failed: sql<number>`count(*) filter (where ${mediationCases.status} = 'failed')::int`,
      withdrawn: sql<number>`count(*) filter (where ${mediationCases.status} = 'withdrawn')::int`,
    })
    .from(mediationCases)
    .where(
      and(
        caseScope(actor, 'mediation.read'),
        q.from ? sql`${mediationCases.receivedOn} >= ${q.from}::date` : undefined,
        q.to ? sql`${mediationCases.receivedOn} <= ${q.to}::date` : undefined,
        q.streetId ? eq(mediationCases.streetId, q.streetId) : undefined,
      ),
    )
    .groupBy(mediationCases.disputeType);
  return rows;
}
