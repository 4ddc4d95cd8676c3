import { and, asc, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { placeScope } from '../org/org.places';
import { buildings, communities, organizations, streets } from '../org/org.table';
import { warranties, warrantyAssessments, warrantyDefects } from './warranties.table';

export type WarrantyRow = typeof warranties.$inferSelect;

export function warrantyScope(
  actor: Actor,
  permission: 'warranties.read' | 'warranties.manage' | 'warranties.report' = 'warranties.read',
) {
  return placeScope(actor, permission, sql`${warranties.streetId}`, sql`${warranties.communityId}`);
}

const columns = {
  w: warranties,
  streetName: streets.name,
  communityName: communities.name,
  buildingName: buildings.name,
  developerId: communities.developerOrgId,
  developerName: organizations.name,
  defectCount: sql<number>`(select count(*)::int from warranty_defect d where d.warranty_id = ${warranties.id})`,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(warranties)
    .innerJoin(streets, eq(streets.id, warranties.streetId))
    .innerJoin(communities, eq(communities.id, warranties.communityId))
    .innerJoin(buildings, eq(buildings.id, warranties.buildingId))
    .leftJoin(organizations, eq(organizations.id, communities.developerOrgId));
}

export type WarrantyListRow = Awaited<ReturnType<typeof base>>[number];

export function listWarranties(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; communityId?: number; buildingId?: number; inWarranty?: boolean; limit: number },
  today: string,
  after: number | null,
) {
  const c: (SQL | undefined)[] = [warrantyScope(actor)];
  if (q.streetId) c.push(eq(warranties.streetId, q.streetId));
  if (q.communityId) c.push(eq(warranties.communityId, q.communityId));
  if (q.buildingId) c.push(eq(warranties.buildingId, q.buildingId));
  if (q.inWarranty === true)
    c.push(
      sql`${warranties.endsOn} >= ${today}::date and ${warranties.completionAcceptedOn} <= ${today}::date`,
    );
  if (q.inWarranty === false) c.push(sql`${warranties.endsOn} < ${today}::date`);
  if (after) c.push(gt(warranties.id, after));
  return base(db)
    .where(and(...c))
    .orderBy(asc(warranties.id))
    .limit(q.limit + 1);
}

export function warrantiesOfBuilding(db: Executor, buildingId: number) {
  return base(db).where(eq(warranties.buildingId, buildingId)).orderBy(asc(warranties.id));
}

export function warrantyOf(db: Executor, buildingId: number, component: string) {
  return db
    .select()
    .from(warranties)
    .where(and(eq(warranties.buildingId, buildingId), eq(warranties.component, component)))
    .then((r) => r[0] ?? null);
}

/** The building with its community, if `permission` reaches it. */
export async function buildingInScope(
  db: Executor,
  actor: Actor,
  permission: 'warranties.read' | 'warranties.manage' | 'warranties.report',
  buildingId: number,
) {
  const scope = placeScope(actor, permission, sql`c.street_id`, sql`c.id`);
  const r = await db.execute<Record<string, unknown>>(sql`
    select b.id, b.name, b.completed_on, c.id as community_id, c.name as community_name, c.street_id,
           s.name as street_name, c.developer_org_id, o.name as developer_name
    from building b join community c on c.id = b.community_id join street s on s.id = c.street_id
    left join organization o on o.id = c.developer_org_id
    where b.id = ${buildingId} and ${scope}`);
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: Number(x.id),
    name: x.name as string,
    completedOn: (x.completed_on as string | null) ?? null,
    communityId: Number(x.community_id),
    communityName: x.community_name as string,
    streetId: Number(x.street_id),
    streetName: x.street_name as string,
    developerId: x.developer_org_id === null ? null : Number(x.developer_org_id),
    developerName: (x.developer_name as string | null) ?? null,
  };
}

export function insertWarranties(db: Executor, rows: (typeof warranties.$inferInsert)[]) {
  return db.insert(warranties).values(rows).onConflictDoNothing().returning();
}

export function insertDefect(db: Executor, v: typeof warrantyDefects.$inferInsert) {
  return db
    .insert(warrantyDefects)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function defectsOf(db: Executor, buildingId: number) {
  return db
    .select({
      d: warrantyDefects,
      caseNumber: sql<string>`cr.number`,
      caseState: sql<string>`cr.state`,
      caseLead: sql<string | null>`coalesce(cr.lead_name, cr.routing->'lead'->>'name')`,
      buildingName: buildings.name,
    })
    .from(warrantyDefects)
    .innerJoin(buildings, eq(buildings.id, warrantyDefects.buildingId))
    .innerJoin(sql`case_record cr`, sql`cr.id = ${warrantyDefects.caseId}`)
    .where(eq(warrantyDefects.buildingId, buildingId))
    .orderBy(desc(warrantyDefects.id));
}

export function assessmentsOf(db: Executor, buildingId: number) {
  return db
    .select()
    .from(warrantyAssessments)
    .where(eq(warrantyAssessments.buildingId, buildingId))
    .orderBy(asc(warrantyAssessments.assessedOn));
}

export function insertAssessment(db: Executor, v: typeof warrantyAssessments.$inferInsert) {
  return db
    .insert(warrantyAssessments)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}
