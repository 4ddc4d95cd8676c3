import { and, asc, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { CaseListQuery } from '../../../contracts/cases';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { auditReserveSql } from '../../platform/audit/audit';
import { files } from '../../platform/files/files.table';
import { idempotencyKeys } from '../../platform/idempotency.table';
import { communities, streets } from '../org/org.table';
import {
  accountabilityRecords,
  caseAttachments,
  caseCallbacks,
  caseEvents,
  caseExternalRefs,
  casePenalties,
  cases,
  caseTasks,
  groupRentingInspections,
  supervisionOrders,
} from './cases.table';

export type CaseRow = typeof cases.$inferSelect;
export type TaskRow = typeof caseTasks.$inferSelect;
export type EventRow = typeof caseEvents.$inferSelect;

const OPEN_TASK = sql`('pending', 'accepted')`;

/**
 * The tasks a user acts for, as a condition on `case_task t`: their organisation's, their
 * department's, their street's offices', their committee's, their community's owners' committee's,
 * the emergency team's, and any assigned to them by name.
 */
export function taskUnitMatch(actor: Actor): SQL {
  const parts: SQL[] = [sql`t.assignee_user_id = ${actor.userId}`];
  for (const a of actor.assignments) {
    if (a.role === 'property' && a.organizationId !== null)
      parts.push(sql`(t.unit_kind = 'organization' and t.unit_id = ${a.organizationId})`);
    else if (a.role === 'department' && a.departmentId !== null)
      parts.push(sql`(t.unit_kind = 'department' and t.unit_id = ${a.departmentId})`);
    else if (a.role === 'street' && a.streetId !== null)
      parts.push(sql`(t.unit_kind = 'department' and t.unit_street_id = ${a.streetId})`);
    else if (a.role === 'committee' && a.committeeId !== null)
      parts.push(sql`(t.unit_kind = 'committee' and t.unit_id = ${a.committeeId})`);
    else if (a.role === 'owners_committee' && a.communityId !== null)
      parts.push(sql`(t.unit_kind = 'owners_committee' and t.community_id = ${a.communityId})`);
    else if (a.role === 'emergency') parts.push(sql`t.unit_kind = 'emergency_team'`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * Cases the actor may see: the place filter of `cases.read` (departments and companies: cases
 * with a task for them), plus their own reports and cases with a task for them.
 */
export function caseVisibility(actor: Actor): SQL {
  const scoped = scopeFilter(
    actor,
    'cases.read',
    { streetId: cases.streetId, communityId: cases.communityId, committeeId: cases.committeeId },
    {
      organization: (orgId) =>
        sql`exists (select 1 from case_task t where t.case_id = ${cases.id} and t.unit_kind = 'organization' and t.unit_id = ${orgId})`,
      department: (deptId) =>
        sql`exists (select 1 from case_task t where t.case_id = ${cases.id} and t.unit_kind = 'department' and t.unit_id = ${deptId})`,
    },
  );
  return sql`(${scoped} or ${cases.reporterUserId} = ${actor.userId} or exists (select 1 from case_task t where t.case_id = ${cases.id} and ${taskUnitMatch(actor)}))`;
}

const listColumns = {
  ...getTableColumns(cases),
  streetName: streets.name,
  communityName: communities.name,
};

export type CaseListRow = CaseRow & { streetName: string; communityName: string };

function listBase(db: Executor) {
  return db
    .select(listColumns)
    .from(cases)
    .innerJoin(streets, eq(streets.id, cases.streetId))
    .innerJoin(communities, eq(communities.id, cases.communityId));
}

function queueFilter(actor: Actor, queue: CaseListQuery['queue']): SQL | undefined {
  switch (queue) {
    case 'to_register':
      return sql`${cases.state} = 'reported'`;
    case 'to_dispatch':
      return sql`${cases.state} in ('registered', 'reopened')`;
    case 'my_tasks':
      return sql`${cases.state} in ('dispatched', 'in_progress') and exists (select 1 from case_task t where t.case_id = ${cases.id} and t.status in ${OPEN_TASK} and ${taskUnitMatch(actor)})`;
    case 'to_verify':
      return sql`${cases.state} = 'handled'`;
    case 'overdue':
      return sql`${cases.stageDueAt} < now()`;
    case 'warning':
      return sql`${cases.stageWarnAt} <= now() and ${cases.stageDueAt} >= now()`;
    case 'supervised':
      return sql`(${cases.escalationLevel} > 0 or exists (select 1 from supervision_order o where o.case_id = ${cases.id} and o.responded_at is null))`;
    case 'suspended':
      return sql`${cases.state} = 'suspended'`;
    case 'suspension_review_due':
      return sql`${cases.state} = 'suspended' and ${cases.suspendReviewOn} < (now() at time zone 'Asia/Shanghai')::date`;
    case 'follow_up_due':
      return sql`${cases.state} = 'closed' and ${cases.followUpDueOn} <= (now() at time zone 'Asia/Shanghai')::date and ${cases.followUpDoneAt} is null`;
    case 'reported_by_me':
      return sql`${cases.reporterUserId} = ${actor.userId}`;
    default:
      return undefined;
  }
}

export function listFilter(actor: Actor, q: Omit<CaseListQuery, 'limit' | 'cursor' | 'sort'>): SQL {
  const c: (SQL | undefined)[] = [caseVisibility(actor), queueFilter(actor, q.queue)];
  if (q.state?.length) c.push(inArray(cases.state, q.state));
  if (q.categoryCode)
    c.push(
      q.categoryCode.includes('.')
        ? eq(cases.categoryCode, q.categoryCode)
        : sql`${cases.categoryCode} like ${`${q.categoryCode.replace(/[\\%_]/g, (x) => `\\${x}`)}.%`}`,
    );
  if (q.urgency) c.push(eq(cases.urgency, q.urgency));
  if (q.sla === 'overdue') c.push(sql`${cases.stageDueAt} < now()`);
  if (q.sla === 'warning') c.push(sql`${cases.stageWarnAt} <= now() and ${cases.stageDueAt} >= now()`);
  if (q.sla === 'on_time') c.push(sql`${cases.stageWarnAt} > now()`);
  if (q.streetId) c.push(eq(cases.streetId, q.streetId));
  if (q.committeeId) c.push(eq(cases.committeeId, q.committeeId));
  if (q.communityId) c.push(eq(cases.communityId, q.communityId));
  if (q.assetId) c.push(eq(cases.assetId, q.assetId));
  if (q.gridId) c.push(sql`${cases.communityId} in (select id from community where grid_id = ${q.gridId})`);
  if (q.enforcement !== undefined) c.push(eq(cases.isEnforcement, q.enforcement));
  if (q.createdFrom) c.push(sql`${cases.createdAt} >= ${`${q.createdFrom}T00:00:00+08:00`}::timestamptz`);
  if (q.createdTo)
    c.push(sql`${cases.createdAt} < (${`${q.createdTo}T00:00:00+08:00`}::timestamptz + interval '1 day')`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(sql`(${cases.number} = ${q.q} or ${cases.title} ilike ${like} or ${cases.address} ilike ${like})`);
  }
  return and(...c)!;
}

const FAR_FUTURE = 9_000_000_000_000_000;
export const dueKey = (r: { stageDueAt: Date | null }) => (r.stageDueAt ? +r.stageDueAt : FAR_FUTURE);

export async function listCases(
  db: Executor,
  actor: Actor,
  q: CaseListQuery,
  after: readonly (string | number)[] | null,
): Promise<CaseListRow[]> {
  const filter = listFilter(actor, q);
  if (q.sort === 'due') {
    const dueMs = sql`coalesce((extract(epoch from ${cases.stageDueAt}) * 1000)::bigint, ${FAR_FUTURE}::bigint)`;
    const keyset = after
      ? sql`(${dueMs}, ${cases.id}) > (${after[0]}::bigint, ${after[1]}::bigint)`
      : undefined;
    return listBase(db)
      .where(and(filter, keyset))
      .orderBy(sql`${dueMs}`, asc(cases.id))
      .limit(q.limit + 1);
  }
  const keyset = after ? sql`${cases.id} < ${after[0]}` : undefined;
  return listBase(db)
    .where(and(filter, keyset))
    .orderBy(desc(cases.id))
    .limit(q.limit + 1);
}

export async function countCases(
  db: Executor,
  actor: Actor,
  q: Omit<CaseListQuery, 'limit' | 'cursor' | 'sort'>,
) {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(listFilter(actor, q));
  return rows[0]?.n ?? 0;
}

export async function* iterateCases(db: Executor, actor: Actor, q: Omit<CaseListQuery, 'limit' | 'cursor'>) {
  let after: (string | number)[] | null = null;
  for (;;) {
    const rows: CaseListRow[] = await listCases(db, actor, { ...q, limit: 1000 }, after);
    for (const row of rows.slice(0, 1000)) yield row;
    if (rows.length <= 1000) return;
    const last = rows[999]!;
    after = q.sort === 'due' ? [dueKey(last), last.id] : [last.id];
  }
}

export async function queueCounts(
  db: Executor,
  actor: Actor,
  queues: readonly NonNullable<CaseListQuery['queue']>[],
) {
  if (!queues.length) return [];
  const cols = queues.map((queue) => sql`count(*) filter (where ${queueFilter(actor, queue)})::int`);
  const rows = await db.execute<Record<string, number>>(
    sql`select ${sql.join(
      cols.map((c, i) => sql`${c} as ${sql.identifier(`q${i}`)}`),
      sql`, `,
    )} from ${cases} where ${caseVisibility(actor)} and (${cases.state} not in ('closed', 'rejected', 'merged') or ${cases.reporterUserId} = ${actor.userId} or (${cases.followUpDueOn} is not null and ${cases.followUpDoneAt} is null))`,
  );
  const r = rows.rows[0] ?? {};
  return queues.map((queue, i) => ({ queue, count: Number(r[`q${i}`] ?? 0) }));
}

/** A case the actor may see, with its street and community names. */
export async function findVisibleCase(db: Executor, actor: Actor, id: number): Promise<CaseListRow | null> {
  const rows = await listBase(db).where(and(eq(cases.id, id), caseVisibility(actor)));
  return rows[0] ?? null;
}

export function caseById(db: Executor, id: number) {
  return listBase(db)
    .where(eq(cases.id, id))
    .then((r) => r[0] ?? null);
}

export function tasksOf(db: Executor, caseId: number) {
  return db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.id));
}

/** Optimistic write: only when the stored version is the one the caller acted on. */
export async function updateCase(
  db: Executor,
  id: number,
  version: number,
  set: Partial<typeof cases.$inferInsert>,
) {
  const rows = await db
    .update(cases)
    .set({ ...set, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function insertEvent(db: Executor, e: typeof caseEvents.$inferInsert) {
  const rows = await db.insert(caseEvents).values(e).returning({ id: caseEvents.id });
  return rows[0]!.id;
}

export function insertTasks(db: Executor, rows: (typeof caseTasks.$inferInsert)[]) {
  if (!rows.length) return Promise.resolve([] as TaskRow[]);
  return db.insert(caseTasks).values(rows).returning();
}

export function updateTask(db: Executor, id: number, set: Partial<typeof caseTasks.$inferInsert>) {
  return db.update(caseTasks).set(set).where(eq(caseTasks.id, id));
}

export function updateTasksOfRound(
  db: Executor,
  caseId: number,
  round: number,
  set: Partial<typeof caseTasks.$inferInsert>,
  onlyStatuses?: string[],
) {
  return db
    .update(caseTasks)
    .set(set)
    .where(
      and(
        eq(caseTasks.caseId, caseId),
        eq(caseTasks.round, round),
        onlyStatuses ? inArray(caseTasks.status, onlyStatuses) : undefined,
      ),
    );
}

/** Files the actor uploaded that nothing has attached yet. */
export function attachableFiles(db: Executor, userId: number, ids: number[]) {
  return db
    .select({ id: files.id })
    .from(files)
    .leftJoin(caseAttachments, eq(caseAttachments.fileId, files.id))
    .where(
      and(
        inArray(files.id, ids),
        eq(files.createdBy, userId),
        isNull(caseAttachments.id),
        isNull(files.streetId),
      ),
    );
}

export async function linkAttachments(
  db: Executor,
  caseId: number,
  streetId: number,
  eventId: number,
  refs: { fileId: number; kind: string }[],
) {
  if (!refs.length) return;
  await db
    .insert(caseAttachments)
    .values(refs.map((r) => ({ caseId, streetId, eventId, fileId: r.fileId, kind: r.kind })));
  await db
    .update(files)
    .set({ streetId })
    .where(
      inArray(
        files.id,
        refs.map((r) => r.fileId),
      ),
    );
}

export function attachmentsOf(db: Executor, caseIds: number[]) {
  return db
    .select({
      eventId: caseAttachments.eventId,
      caseId: caseAttachments.caseId,
      fileId: caseAttachments.fileId,
      kind: caseAttachments.kind,
      name: files.name,
      mime: files.mime,
      size: files.size,
      hasThumbnail: sql<boolean>`${files.thumbnail} is not null`,
    })
    .from(caseAttachments)
    .innerJoin(files, eq(files.id, caseAttachments.fileId))
    .where(inArray(caseAttachments.caseId, caseIds))
    .orderBy(asc(caseAttachments.id));
}

export function attachmentOfCase(db: Executor, caseId: number, fileId: number) {
  return db
    .select({ fileId: caseAttachments.fileId })
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.fileId, fileId)))
    .then((r) => r[0] ?? null);
}

export function eventsOf(db: Executor, caseIds: number[]) {
  return db
    .select({
      ...getTableColumns(caseEvents),
      caseNumber: cases.number,
      reporterUserId: cases.reporterUserId,
      reporterName: cases.reporterName,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(inArray(caseEvents.caseId, caseIds))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

export function mergedInto(db: Executor, targetId: number) {
  return db
    .select({ id: cases.id, number: cases.number })
    .from(cases)
    .where(eq(cases.mergedIntoId, targetId))
    .orderBy(asc(cases.id));
}

export function caseNumberOf(db: Executor, id: number) {
  return db
    .select({ id: cases.id, number: cases.number })
    .from(cases)
    .where(eq(cases.id, id))
    .then((r) => r[0] ?? null);
}

export function supervisionOrdersOfCase(db: Executor, caseId: number) {
  return db
    .select({ ...getTableColumns(supervisionOrders), caseNumber: cases.number, caseTitle: cases.title })
    .from(supervisionOrders)
    .innerJoin(cases, eq(cases.id, supervisionOrders.caseId))
    .where(eq(supervisionOrders.caseId, caseId))
    .orderBy(asc(supervisionOrders.id));
}

export function penaltiesOf(db: Executor, caseId: number) {
  return db
    .select()
    .from(casePenalties)
    .where(eq(casePenalties.caseId, caseId))
    .orderBy(asc(casePenalties.id));
}

export function inspectionsOf(db: Executor, caseId: number) {
  return db
    .select()
    .from(groupRentingInspections)
    .where(eq(groupRentingInspections.caseId, caseId))
    .orderBy(asc(groupRentingInspections.id));
}

export function callbacksOf(db: Executor, caseId: number) {
  return db
    .select()
    .from(caseCallbacks)
    .where(eq(caseCallbacks.caseId, caseId))
    .orderBy(asc(caseCallbacks.id));
}

/**
 * Possible duplicates (SPEC: same community and category within 7 days, or within 50 m): open or
 * recent cases of the same category in the same street, reported in the last 7 days.
 */
export async function possibleDuplicates(
  db: Executor,
  c: {
    id: number;
    streetId: number;
    communityId: number;
    categoryCode: string;
    lat: number | null;
    lng: number | null;
    createdAt: Date;
  },
) {
  const rows = await db.execute<{ id: number; number: string; title: string; distance_m: number | null }>(sql`
    select k.id, k.number, k.title, ${distanceSql(c.lat, c.lng)} as distance_m
    from case_record k
    where k.street_id = ${c.streetId} and k.category_code = ${c.categoryCode} and k.id <> ${c.id}
      and k.created_at between ${c.createdAt.toISOString()}::timestamptz - interval '7 days'
                           and ${c.createdAt.toISOString()}::timestamptz + interval '7 days'
      and k.state not in ('rejected', 'merged')
      and (k.community_id = ${c.communityId} or ${nearSql(c.lat, c.lng)})
    order by k.created_at desc limit 5`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    title: r.title,
    distanceM: r.distance_m === null ? null : Math.round(Number(r.distance_m)),
  }));
}

/** Great-circle distance in metres from k.lat/k.lng (equirectangular: exact enough at 50 m). */
function distanceSql(lat: number | null, lng: number | null): SQL {
  if (lat === null || lng === null) return sql`null::float8`;
  return sql`case when k.lat is null then null else 6371000 * sqrt(power(radians(k.lat - ${lat}), 2) + power(radians(k.lng - ${lng}) * cos(radians(${lat})), 2)) end`;
}

function nearSql(lat: number | null, lng: number | null): SQL {
  if (lat === null || lng === null) return sql`false`;
  // a box of ±0.0005° (about 55 m) first, so the distance is computed for few rows
  return sql`(k.lat between ${lat - 0.0005} and ${lat + 0.0005} and k.lng between ${lng - 0.0006} and ${lng + 0.0006} and ${distanceSql(lat, lng)} <= 50)`;
}

/** Every community as routing and intake see it (cached in memory by the use cases). */
export async function loadCommunityDirectory(db: Executor) {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.street_id, s.district_id, c.committee_id, cm.name as committee_name, c.property_org_id,
           p.name as property_org_name, c.developer_org_id, d.name as developer_name, c.housing_type,
           c.name as community_name, s.name as street_name,
           oc.id as owners_committee_id, oc.name as owners_committee_name
    from community c
    join street s on s.id = c.street_id
    left join committee cm on cm.id = c.committee_id
    left join organization p on p.id = c.property_org_id
    left join organization d on d.id = c.developer_org_id
    left join lateral (select o.id, o.name from owners_committee o
                       where o.community_id = c.id and o.status = 'active'
                       order by o.term_end desc limit 1) oc on true`);
  return rows.rows;
}

/** Possible duplicates of the case being filed, as JSON ($2 street, $4 community, $5 category, $12 lat, $13 lng). */
const DUPLICATES_JSON = `
  (select coalesce(json_agg(x), '[]'::json) from (
    select k.id, k.number, k.title,
           case when $12::float8 is null or k.lat is null then null
                else round(6371000 * sqrt(power(radians(k.lat - $12), 2) + power(radians(k.lng - $13) * cos(radians($12)), 2)))
           end as "distanceM"
    from (
      -- the latest five of the same community and category (backwards on its index, so a busy
      -- community costs no more than a quiet one) ...
      (select k.id, k.number, k.title, k.lat, k.lng, k.created_at from case_record k
       where k.community_id = $4 and k.category_code = $5 and k.created_at > now() - interval '7 days'
         and k.state not in ('rejected', 'merged')
       order by k.created_at desc limit 5)
      union
      -- ... and of those within 50 m in the street, when the report has a point
      (select k.id, k.number, k.title, k.lat, k.lng, k.created_at from case_record k
       where $12::float8 is not null and k.street_id = $2 and k.category_code = $5
         and k.created_at > now() - interval '7 days' and k.state not in ('rejected', 'merged')
         and k.lat between $12 - 0.0005 and $12 + 0.0005 and k.lng between $13 - 0.0006 and $13 + 0.0006
         and 6371000 * sqrt(power(radians(k.lat - $12), 2) + power(radians(k.lng - $13) * cos(radians($12)), 2)) <= 50
       order by k.created_at desc limit 5)
    ) k
    order by k.created_at desc limit 5) x)`;

export interface IntakeRow {
  numberPrefix: string;
  streetId: number;
  committeeId: number | null;
  communityId: number;
  categoryCode: string;
  ruleId: number;
  urgency: string;
  channel: string;
  title: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  unitId: number | null;
  reporterUserId: number | null;
  reporterName: string | null;
  reporterPhoneEnc: string | null;
  routing: unknown;
  assetId: number | null;
  stageMode: string;
  stageStartedAt: Date;
  stageWarnAt: Date;
  stageDueAt: Date;
  isEnforcement: boolean;
  enforcementStage: string | null;
  followUpDays: number | null;
  createdAt: Date;
  actorLabel: string;
  eventData: unknown;
}

// The case, its first event and (with a key) the idempotency record or (with an external ticket)
// the ticket reference in one prepared statement. The id comes from the sequence inside it; the
// stored answer gets the id and number added there. A used key or ticket writes nothing.
/**
 * The intake statement. `locking`: the id comes from the sequence and the statement reserves the
 * audit slot (locking the chain head until commit); the caller appends the audit row in the same
 * transaction. `single`: the id and the sealed audit row are parameters (from $first on), and the
 * statement itself moves the chain head by compare-and-set and appends the row — one statement, no
 * transaction; it aborts (SQLSTATE AJ409, reason in the message) when the head has moved or the key
 * or ticket is taken, and then writes nothing.
 */
const INTAKE_SQL = (withKey: boolean, withRef: boolean, mode: 'locking' | 'single') => {
  const ref = withKey ? 33 : 30; // first parameter of the external ticket
  const own = ref + (withRef ? 5 : 0); // first parameter of the single-statement mode
  const single = mode === 'single';
  const gates = single
    ? ''
    : [withKey ? 'exists (select 1 from k)' : null, withRef ? 'exists (select 1 from x)' : null]
        .filter(Boolean)
        .join(' and ');
  const audit = Array.from({ length: 14 }, (_, i) => `$${own + 3 + i}`);
  audit[9] += '::jsonb';
  audit[10] += '::jsonb';
  return `
  with n as (select ${single ? `$${own}::bigint` : `nextval(pg_get_serial_sequence('case_record', 'id'))`} as id,
                    ${DUPLICATES_JSON} as duplicates),
  ${
    withKey
      ? `k as (insert into idempotency_key (user_id, scope, key, request_hash, status, response)
          select $15, 'case.intake', $30, $31, 201,
                 $32::jsonb || jsonb_build_object('id', n.id, 'number', $1 || lpad(n.id::text, greatest(6, length(n.id::text)), '0'),
                                                  'possibleDuplicates', n.duplicates)
          from n on conflict do nothing returning 1),`
      : ''
  }
  ${
    withRef
      ? `x as (insert into case_external_ref (source, ticket, case_id, street_id, api_client_id, media_url, reporter_email_enc)
          select $${ref}, $${ref + 1}, n.id, $2, $${ref + 2}, $${ref + 3}, $${ref + 4}
          from n on conflict do nothing returning 1),`
      : ''
  }
  c as (
    insert into case_record (id, number, street_id, committee_id, community_id, category_code, rule_id, urgency,
      channel, state, title, description, address, lat, lng, unit_id, reporter_user_id, reporter_name,
      reporter_phone_enc, routing, stage, stage_seq, stage_mode, stage_started_at, stage_warn_at, stage_due_at,
      is_enforcement, enforcement_stage, follow_up_days, created_at, asset_id)
    select n.id, $1 || lpad(n.id::text, greatest(6, length(n.id::text)), '0'), $2, $3, $4, $5, $6, $7, $8, 'reported', $9, $10, $11, $12, $13, $14,
      $15, $16, $17, $18::jsonb, 'register', 1, $19, $20, $21, $22, $23, $24, $25, $26, $29::bigint
    from n ${gates ? `where ${gates}` : ''}
    returning id, street_id),
  e as (
    insert into case_event (case_id, street_id, at, actor_user_id, actor_label, action, from_state, to_state, data)
    select c.id, c.street_id, $26, $15, $27, 'report', null, 'reported', $28::jsonb from c returning id),
  ${
    single
      ? `h as (update audit_chain set seq = $${own + 1}::bigint + 1, hash = $${own + 16}
          where chain = $2 and seq = $${own + 1}::bigint and hash = $${own + 2} returning seq, hash),
  a as (insert into audit_log (chain, seq, at, actor_user_id, actor_label, action, entity_type, entity_id,
                               street_id, before, after, ip, prev_hash, hash)
        values (${audit.join(', ')}) returning 1)
  select n.id::bigint as id, 1 as created, (select id from e) as event_id, n.duplicates,
         case when not exists (select 1 from h) then anju_intake_abort('chain')
              ${withKey ? `when not exists (select 1 from k) then anju_intake_abort('key')` : ''}
              ${withRef ? `when not exists (select 1 from x) then anju_intake_abort('ticket')` : ''}
              else (select count(*)::int from a) end as appended
  from n`
      : `h as (${auditReserveSql('$2::int', 'where exists (select 1 from c)')})
  select n.id::bigint as id, (select count(*) from c)::int as created, (select id from e) as event_id, n.duplicates,
         (select seq from h) as audit_seq, (select hash from h) as audit_prev_hash
  from n`
  }`;
};

export interface ExternalRefInput {
  source: string;
  ticket: string;
  apiClientId: number | null;
  mediaUrl: string | null;
  reporterEmailEnc: string | null;
}

/**
 * Writes a new case. Returns its id, and whether it was written (false: the idempotency key or the
 * external ticket was already used; a concurrent twin waits on the unique index, then finds it taken).
 */
export async function insertIntake(
  client: pg.PoolClient,
  r: IntakeRow,
  key: { value: string; requestHash: string; response: unknown } | null,
  ref: ExternalRefInput | null = null,
) {
  const res = await client.query({
    name: `anju_case_intake${key ? '_key' : ''}${ref ? '_ref' : ''}`,
    text: INTAKE_SQL(key !== null, ref !== null, 'locking'),
    values: intakeValues(r, key, ref),
  });
  return intakeResult(res.rows[0]);
}

function intakeValues(
  r: IntakeRow,
  key: { value: string; requestHash: string; response: unknown } | null,
  ref: ExternalRefInput | null,
): unknown[] {
  const values: unknown[] = [
    r.numberPrefix,
    r.streetId,
    r.committeeId,
    r.communityId,
    r.categoryCode,
    r.ruleId,
    r.urgency,
    r.channel,
    r.title,
    r.description,
    r.address,
    r.lat,
    r.lng,
    r.unitId,
    r.reporterUserId,
    r.reporterName,
    r.reporterPhoneEnc,
    JSON.stringify(r.routing),
    r.stageMode,
    r.stageStartedAt,
    r.stageWarnAt,
    r.stageDueAt,
    r.isEnforcement,
    r.enforcementStage,
    r.followUpDays,
    r.createdAt,
    r.actorLabel,
    r.eventData === null ? null : JSON.stringify(r.eventData),
    r.assetId,
  ];
  if (key) values.push(key.value, key.requestHash, JSON.stringify(key.response));
  if (ref) values.push(ref.source, ref.ticket, ref.apiClientId, ref.mediaUrl, ref.reporterEmailEnc);
  return values;
}

/**
 * Writes a new case with its id and sealed audit row given, in one statement outside any
 * transaction, if the chain head is still `head` and the key or ticket is free. Throws
 * `IntakeConflict` (having written nothing) otherwise.
 */
export async function insertIntakeSingle(
  pool: pg.Pool,
  r: IntakeRow,
  key: { value: string; requestHash: string; response: unknown } | null,
  ref: ExternalRefInput | null,
  id: number,
  head: { seq: number; hash: string },
  audit: unknown[],
) {
  const values = intakeValues(r, key, ref);
  values.push(id, head.seq, head.hash, ...audit);
  // not pool.query: it would close the connection after the expected abort, costing a new one
  const client = await pool.connect();
  try {
    const res = await client.query({
      name: `anju_case_intake_single${key ? '_key' : ''}${ref ? '_ref' : ''}`,
      text: INTAKE_SQL(key !== null, ref !== null, 'single'),
      values,
    });
    return intakeResult(res.rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === 'AJ409')
      throw new IntakeConflict((err as Error).message.includes('chain') ? 'chain' : 'taken');
    throw err;
  } finally {
    client.release();
  }
}

/** The single-statement intake wrote nothing: the chain head moved, or the key or ticket is taken. */
export class IntakeConflict extends Error {
  constructor(readonly reason: 'chain' | 'taken') {
    super(`intake conflict: ${reason}`);
  }
}

/** Case ids taken from the sequence in blocks, for statements that must know the id beforehand. */
const idBlocks = new WeakMap<pg.Pool, { next: number; end: number; pending: Promise<void> | null }>();
const ID_BLOCK = 20;

export async function nextCaseId(pool: pg.Pool): Promise<number> {
  let block = idBlocks.get(pool);
  if (!block) {
    block = { next: 0, end: 0, pending: null };
    idBlocks.set(pool, block);
  }
  while (block.next >= block.end) {
    if (!block.pending) {
      const b = block;
      b.pending = pool
        .query<{ first: string; last: string }>(
          `select min(id) as first, max(id) as last from (
             select nextval(pg_get_serial_sequence('case_record', 'id')) as id from generate_series(1, $1)) s`,
          [ID_BLOCK],
        )
        .then((res) => {
          const first = Number(res.rows[0]!.first);
          const last = Number(res.rows[0]!.last);
          // a sequence with another increment or a concurrent caller may leave gaps: use one id only then
          if (last - first + 1 === ID_BLOCK) {
            b.next = first;
            b.end = last + 1;
          } else {
            b.next = last;
            b.end = last + 1;
          }
        })
        .finally(() => {
          b.pending = null;
        });
    }
    await block.pending;
  }
  return block.next++;
}

function intakeResult(row: Record<string, unknown>) {
  return {
    id: Number(row.id),
    created: Number(row.created) > 0,
    eventId: row.event_id === null ? null : Number(row.event_id),
    /** the place in the street's audit chain, reserved by the same statement when the case was written */
    auditSlot:
      row.audit_seq === null || row.audit_seq === undefined
        ? null
        : { seq: Number(row.audit_seq), prevHash: row.audit_prev_hash as string },
    duplicates: (
      row.duplicates as { id: number; number: string; title: string; distanceM: number | null }[]
    ).map((d) => ({
      id: Number(d.id),
      number: d.number,
      title: d.title,
      distanceM: d.distanceM === null ? null : Number(d.distanceM),
    })),
  };
}

/** The case filed under another system's ticket number. */
export function caseOfExternalTicket(db: Executor, source: string, ticket: string) {
  return db
    .select({ caseId: caseExternalRefs.caseId })
    .from(caseExternalRefs)
    .where(and(eq(caseExternalRefs.source, source), eq(caseExternalRefs.ticket, ticket)))
    .then((r) => r[0]?.caseId ?? null);
}

export function findIdempotencyKey(db: Executor, userId: number, key: string) {
  return db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.scope, 'case.intake'),
        eq(idempotencyKeys.key, key),
      ),
    )
    .then((r) => r[0] ?? null);
}

export function deleteOldIdempotencyKeys(db: Executor) {
  return db.execute(sql`delete from ${idempotencyKeys} where created_at < now() - interval '24 hours'`);
}

export function insertSupervisionOrder(db: Executor, v: typeof supervisionOrders.$inferInsert) {
  return db
    .insert(supervisionOrders)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertPenalty(db: Executor, v: typeof casePenalties.$inferInsert) {
  return db
    .insert(casePenalties)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function insertInspection(db: Executor, v: typeof groupRentingInspections.$inferInsert) {
  return db
    .insert(groupRentingInspections)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertCallback(db: Executor, v: typeof caseCallbacks.$inferInsert) {
  return db
    .insert(caseCallbacks)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** Supervision orders of visible cases, newest first. */
export function listSupervisionOrders(
  db: Executor,
  actor: Actor,
  q: { open?: boolean; level?: string; limit: number },
  afterId: number | null,
) {
  return db
    .select({ ...getTableColumns(supervisionOrders), caseNumber: cases.number, caseTitle: cases.title })
    .from(supervisionOrders)
    .innerJoin(cases, eq(cases.id, supervisionOrders.caseId))
    .where(
      and(
        caseVisibility(actor),
        q.open === true ? isNull(supervisionOrders.respondedAt) : undefined,
        q.open === false ? sql`${supervisionOrders.respondedAt} is not null` : undefined,
        q.level ? eq(supervisionOrders.level, q.level) : undefined,
        afterId ? sql`${supervisionOrders.id} < ${afterId}` : undefined,
      ),
    )
    .orderBy(desc(supervisionOrders.id))
    .limit(q.limit + 1);
}

/** Suspended cases at or past their review date whose suspender has not been reminded; marks them. */
export function claimSuspensionReviews(db: Executor, today: string, now: Date) {
  return db
    .update(cases)
    .set({ suspendRemindedAt: now })
    .where(
      and(
        eq(cases.state, 'suspended'),
        sql`${cases.suspendReviewOn} <= ${today}::date`,
        isNull(cases.suspendRemindedAt),
        sql`${cases.suspendedByUserId} is not null`,
      ),
    )
    .returning({
      id: cases.id,
      streetId: cases.streetId,
      number: cases.number,
      title: cases.title,
      suspendedByUserId: sql<number>`${cases.suspendedByUserId}`.mapWith(Number),
    });
}

export function moveSupervisionOrderDue(db: Executor, id: number, dueAt: Date) {
  return db.update(supervisionOrders).set({ dueAt }).where(eq(supervisionOrders.id, id));
}

export function findSupervisionOrder(db: Executor, id: number) {
  return db
    .select()
    .from(supervisionOrders)
    .where(eq(supervisionOrders.id, id))
    .then((r) => r[0] ?? null);
}

export function respondSupervisionOrder(db: Executor, id: number, response: string, by: string) {
  return db
    .update(supervisionOrders)
    .set({ response, respondedBy: by, respondedAt: sql`now()` })
    .where(and(eq(supervisionOrders.id, id), isNull(supervisionOrders.respondedAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** A unit's own records (unit_overdue) reach the street's staff and the unit itself. */
function unitRecordVisibility(actor: Actor): SQL {
  const a = accountabilityRecords;
  return scopeFilter(
    actor,
    'cases.read',
    { streetId: a.streetId },
    {
      organization: (orgId) => sql`${a.unitKind} = 'organization' and ${a.unitId} = ${orgId}`,
      department: (deptId) => sql`${a.unitKind} = 'department' and ${a.unitId} = ${deptId}`,
    },
  );
}

export function listAccountability(db: Executor, actor: Actor, limit: number, afterId: number | null) {
  return db
    .select({ ...getTableColumns(accountabilityRecords), caseNumber: cases.number })
    .from(accountabilityRecords)
    .leftJoin(cases, eq(cases.id, accountabilityRecords.caseId))
    .where(
      and(
        sql`(case when ${accountabilityRecords.caseId} is null then ${unitRecordVisibility(actor)} else ${caseVisibility(actor)} end)`,
        afterId ? sql`${accountabilityRecords.id} < ${afterId}` : undefined,
      ),
    )
    .orderBy(desc(accountabilityRecords.id))
    .limit(limit + 1);
}

export function streetIds(db: Executor) {
  return db
    .select({ id: streets.id })
    .from(streets)
    .orderBy(asc(streets.id))
    .then((r) => r.map((x) => x.id));
}

export interface EscalationBatch {
  selected: number;
  escalated: { caseId: number; level: number }[];
}

/**
 * One set-based escalation step for one street: overdue stages with no supervision yet get a
 * street-level order, those whose street-level order ran out a district-level one, and those whose
 * district-level order ran out an accountability record. The unique keys (case, stage, level) and
 * (case, stage) make a second sweeping instance skip what the first already did; the case row is
 * only moved on for rows this statement inserted.
 */
export async function escalateOverdue(
  db: Executor,
  streetId: number,
  now: Date,
  orderDueAt: Date,
  batch: number,
): Promise<EscalationBatch> {
  const at = now.toISOString();
  const due = orderDueAt.toISOString();
  const result = await db.execute<{
    selected: number;
    escalated: { caseId: number; level: number }[] | null;
  }>(sql`
    with due as (
      select c.id, c.street_id, c.stage_seq, c.stage, c.state, c.escalation_level, c.lead_kind, c.lead_id, c.lead_name
      from case_record c
      where c.street_id = ${streetId} and c.stage_due_at < ${at}::timestamptz
        and (c.escalation_level = 0 or (c.escalation_level in (1, 2) and c.supervision_due_at < ${at}::timestamptz))
      order by c.stage_due_at
      limit ${batch}),
    orders as (
      insert into supervision_order (case_id, street_id, stage_seq, stage, level, source, reason, issued_by, due_at, created_at)
      select id, street_id, stage_seq, stage, case when escalation_level = 0 then 'street' else 'district' end,
             'auto', 'overdue', 'system', ${due}::timestamptz, ${at}::timestamptz
      from due where escalation_level in (0, 1)
      on conflict (case_id, stage_seq, level) where source = 'auto' do nothing
      returning case_id, stage_seq),
    acct as (
      insert into accountability_record (case_id, street_id, stage_seq, stage, unit_kind, unit_id, unit_name, reason, created_at)
      select id, street_id, stage_seq, stage, lead_kind, lead_id, lead_name, 'overdue_after_district_supervision', ${at}::timestamptz
      from due where escalation_level = 2
      on conflict (case_id, stage_seq) do nothing
      returning case_id, stage_seq),
    won as (select case_id, stage_seq, true as is_order from orders union all select case_id, stage_seq, false from acct),
    bumped as (
      update case_record c
      set escalation_level = c.escalation_level + 1,
          supervision_due_at = case when won.is_order then ${due}::timestamptz else null end,
          overdue_count = c.overdue_count + case when c.escalation_level = 0 then 1 else 0 end,
          updated_at = now()
      from won
      where c.id = won.case_id and c.stage_seq = won.stage_seq
      returning c.id, c.street_id, c.state, c.escalation_level, c.stage_seq, c.stage),
    events as (
      insert into case_event (case_id, street_id, at, actor_label, action, from_state, to_state, data)
      select id, street_id, ${at}::timestamptz, 'system', case when escalation_level = 3 then 'accountability' else 'escalated' end,
             state, state, jsonb_build_object('level', escalation_level, 'stage', stage, 'stageSeq', stage_seq)
      from bumped returning case_id)
    select (select count(*) from due)::int as selected,
           (select json_agg(json_build_object('caseId', id, 'level', escalation_level)) from bumped) as escalated`);
  const row = result.rows[0];
  return { selected: Number(row?.selected ?? 0), escalated: row?.escalated ?? [] };
}

/**
 * 问责 for repeated overdue work: in one street and month, each lead unit whose cases reached
 * street-level supervision (the first escalation of an overdue stage) at least `threshold` times
 * gets one accountability record listing those cases; later overdue cases of the same month are
 * added to its evidence. The unique key (street, unit, month) keeps it one record across runs and
 * instances. Answers the records written or extended.
 */
export async function holdUnitsToAccount(
  db: Executor,
  streetId: number,
  period: { key: string; from: Date; to: Date },
  threshold: number,
  now: Date,
) {
  const result = await db.execute<{ id: number; unit_name: string; cases: number }>(sql`
    with overdue as (
      select distinct c.id, c.number, c.lead_kind, c.lead_id, c.lead_name
      from supervision_order o join case_record c on c.id = o.case_id
      where o.street_id = ${streetId} and o.source = 'auto' and o.level = 'street'
        and o.created_at >= ${period.from.toISOString()}::timestamptz
        and o.created_at < ${period.to.toISOString()}::timestamptz
        and c.lead_kind is not null and c.lead_id is not null),
    units as (
      select lead_kind, lead_id, max(lead_name) as lead_name,
             jsonb_agg(jsonb_build_object('caseId', id, 'number', number) order by id) as evidence
      from overdue group by lead_kind, lead_id
      having count(*) >= ${threshold})
    insert into accountability_record (kind, street_id, unit_kind, unit_id, unit_name, reason, period, evidence, created_at)
    select 'unit_overdue', ${streetId}, lead_kind, lead_id, lead_name, 'repeated_overdue', ${period.key}, evidence,
           ${now.toISOString()}::timestamptz
    from units
    on conflict (street_id, unit_kind, unit_id, period) where kind = 'unit_overdue'
      do update set evidence = excluded.evidence
      where accountability_record.evidence is distinct from excluded.evidence
    returning id, unit_name, jsonb_array_length(evidence) as cases`);
  return result.rows.map((r) => ({ id: Number(r.id), unitName: r.unit_name, cases: Number(r.cases) }));
}

export async function unitInCommunity(db: Executor, unitId: number, communityId: number) {
  const rows = await db.execute(
    sql`select 1 from unit where id = ${unitId} and community_id = ${communityId}`,
  );
  return rows.rows.length > 0;
}

/** The name (and street, for street-level units) of a unit a dispatcher names by hand. */
export async function unitName(
  db: Executor,
  kind: string,
  id: number,
  communityId: number,
): Promise<{ name: string; streetId: number | null } | null> {
  let q: SQL;
  switch (kind) {
    case 'organization':
      q = sql`select name, null::int as street_id from organization where id = ${id}`;
      break;
    case 'department':
      q = sql`select name, street_id from department where id = ${id}`;
      break;
    case 'committee':
      q = sql`select name, null::int as street_id from committee where id = ${id}`;
      break;
    case 'owners_committee':
      q = sql`select name, null::int as street_id from owners_committee where id = ${id} and community_id = ${communityId}`;
      break;
    default:
      return null;
  }
  const rows = await db.execute<{ name: string; street_id: number | null }>(q);
  const r = rows.rows[0];
  return r ? { name: r.name, streetId: r.street_id === null ? null : Number(r.street_id) } : null;
}

/**
 * A transaction on a plain pool client, so hot statements can be prepared by name; `tx` is the
 * same connection for Drizzle-based helpers (the audit log).
 */
export async function clientTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient, tx: Executor) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client, drizzle({ client, casing: 'snake_case' }) as unknown as Executor);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
