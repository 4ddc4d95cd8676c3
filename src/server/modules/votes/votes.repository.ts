import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { VoteListQuery } from '../../../contracts/votes';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { communities } from '../org/org.table';
import { type VoteRow, voteBallots, voteRoll, votes } from './votes.table';

export function voteScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, { streetId: votes.streetId, communityId: votes.communityId });
}

const voteColumns = {
  vote: votes,
  communityName: communities.name,
  committeeId: communities.committeeId,
  rollUnits: sql<number>`(select count(*)::int from owner_vote_roll r where r.vote_id = ${votes.id})`,
  ballots: sql<number>`(select count(*)::int from owner_vote_ballot b where b.vote_id = ${votes.id})`,
  buildings: sql<{ id: number; name: string }[]>`coalesce((
    select json_agg(json_build_object('id', b.id, 'name', b.name) order by b.id)
    from building b where b.id = any(${votes.buildingIds})), '[]'::json)`,
  documents: sql<{ id: number; name: string; mime: string }[]>`coalesce((
    select json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime) order by f.id)
    from file f where f.id = any(${votes.documentFileIds})), '[]'::json)`,
};

function voteQuery(db: Executor) {
  return db.select(voteColumns).from(votes).innerJoin(communities, eq(communities.id, votes.communityId));
}
export type VoteListRow = Awaited<ReturnType<typeof voteQuery>>[number];

function voteFilter(actor: Actor, q: Omit<VoteListQuery, 'limit' | 'cursor'>): SQL {
  return and(
    voteScope(actor, 'votes.read'),
    q.communityId ? eq(votes.communityId, q.communityId) : undefined,
    q.streetId ? eq(votes.streetId, q.streetId) : undefined,
    q.status ? eq(votes.status, q.status) : undefined,
    q.matterType ? eq(votes.matterType, q.matterType) : undefined,
  )!;
}

export function listVotes(db: Executor, actor: Actor, q: VoteListQuery, afterId: number | null) {
  return voteQuery(db)
    .where(and(voteFilter(actor, q), afterId === null ? undefined : lt(votes.id, afterId)))
    .orderBy(desc(votes.id))
    .limit(q.limit + 1);
}

export async function countVotes(db: Executor, actor: Actor, q: Omit<VoteListQuery, 'limit' | 'cursor'>) {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(votes).where(voteFilter(actor, q));
  return rows[0]?.n ?? 0;
}

export async function findVote(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await voteQuery(db).where(and(eq(votes.id, id), voteScope(actor, permission)));
  return rows[0];
}

/** What another domain needs to know of a decision that backs its work (a re-collection campaign). */
export async function decisionOf(db: Executor, id: number) {
  const rows = await db
    .select({
      communityId: votes.communityId,
      status: votes.status,
      passed: votes.passed,
      matterType: votes.matterType,
      buildingIds: votes.buildingIds,
    })
    .from(votes)
    .where(eq(votes.id, id));
  return rows[0] ?? null;
}

/** The vote row, locked: `update` while opening or closing, `share` while a ballot goes in. */
export async function lockVote(
  tx: Executor,
  id: number,
  mode: 'update' | 'share',
): Promise<VoteRow | undefined> {
  const rows = await tx
    .select()
    .from(votes)
    .where(eq(votes.id, id))
    .for(mode === 'update' ? 'update' : 'share');
  return rows[0];
}

export async function insertVote(tx: Executor, values: typeof votes.$inferInsert) {
  const [row] = await tx.insert(votes).values(values).returning();
  return row!;
}

export async function updateVote(
  tx: Executor,
  id: number,
  version: number,
  patch: Partial<typeof votes.$inferInsert>,
): Promise<VoteRow | undefined> {
  const rows = await tx
    .update(votes)
    .set({ ...patch, version: sql`${votes.version} + 1` })
    .where(and(eq(votes.id, id), eq(votes.version, version)))
    .returning();
  return rows[0];
}

export async function insertRoll(tx: Executor, rows: (typeof voteRoll.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(voteRoll).values(rows.slice(i, i + 1000));
}

export function rollOf(db: Executor, voteId: number) {
  return db
    .select({ unitId: voteRoll.unitId, exclusiveArea: voteRoll.exclusiveArea, ownerKey: voteRoll.ownerKey })
    .from(voteRoll)
    .where(eq(voteRoll.voteId, voteId));
}

export function ballotsOf(db: Executor, voteId: number) {
  return db
    .select({ unitId: voteBallots.unitId, choice: voteBallots.choice })
    .from(voteBallots)
    .where(eq(voteBallots.voteId, voteId));
}

export async function rollEntry(db: Executor, voteId: number, unitId: number) {
  const rows = await db
    .select()
    .from(voteRoll)
    .where(and(eq(voteRoll.voteId, voteId), eq(voteRoll.unitId, unitId)));
  return rows[0];
}

export function rollPage(
  db: Executor,
  voteId: number,
  q: { voted?: boolean; q?: string; limit: number },
  afterUnitId: number | null,
) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({ roll: voteRoll, ballot: voteBallots })
    .from(voteRoll)
    .leftJoin(
      voteBallots,
      and(eq(voteBallots.voteId, voteRoll.voteId), eq(voteBallots.unitId, voteRoll.unitId)),
    )
    .where(
      and(
        eq(voteRoll.voteId, voteId),
        q.voted === true
          ? sql`${voteBallots.id} is not null`
          : q.voted === false
            ? sql`${voteBallots.id} is null`
            : undefined,
        like
          ? sql`(${voteRoll.buildingName} || ${voteRoll.unitNumber} ilike ${like} or ${voteRoll.unitNumber} ilike ${like})`
          : undefined,
        afterUnitId === null ? undefined : sql`${voteRoll.unitId} > ${afterUnitId}`,
      ),
    )
    .orderBy(asc(voteRoll.unitId))
    .limit(q.limit + 1);
}
export type RollPageRow = Awaited<ReturnType<typeof rollPage>>[number];

/** Inserts the ballot unless the unit has one; returns it only when this call cast it. */
export async function insertBallot(tx: Executor, values: typeof voteBallots.$inferInsert) {
  const rows = await tx.insert(voteBallots).values(values).onConflictDoNothing().returning();
  return rows[0];
}

/** The paper ballots of a recorded vote, in one go (the unique key still holds one per unit). */
export async function insertBallots(tx: Executor, rows: (typeof voteBallots.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(voteBallots).values(rows.slice(i, i + 1000));
}

export function dueVotes(db: Executor, now: Date) {
  return db
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.status, 'open'), sql`${votes.closesAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(votes.id));
}

/** Votes of the given statuses on whose roll one of the units is, with those units' ballots. */
export async function votesOfUnits(db: Executor, unitIds: readonly number[], statuses: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({ voteId: voteRoll.voteId, roll: voteRoll, ballot: voteBallots })
    .from(voteRoll)
    .innerJoin(votes, eq(votes.id, voteRoll.voteId))
    .leftJoin(
      voteBallots,
      and(eq(voteBallots.voteId, voteRoll.voteId), eq(voteBallots.unitId, voteRoll.unitId)),
    )
    .where(and(inArray(voteRoll.unitId, [...unitIds]), inArray(votes.status, [...statuses])))
    .orderBy(desc(voteRoll.voteId), asc(voteRoll.unitId));
}
