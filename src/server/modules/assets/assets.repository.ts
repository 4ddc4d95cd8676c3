import { and, asc, desc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AssetBadge, AssetListQuery } from '../../../contracts/assets';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { placeScope } from '../org/org.places';
import { buildings, communities, organizations, streets } from '../org/org.table';
import {
  assetBreaches,
  assetMaintenance,
  assetRenewalPlans,
  assetRiskAssessments,
  assetStatutoryInspections,
  assets,
} from './assets.table';

export type AssetRow = typeof assets.$inferSelect;

const property = alias(organizations, 'property');
const developer = alias(organizations, 'developer');
const maintenanceOrg = alias(organizations, 'maintenance_org');

const riskCount = sql<number>`(select count(*)::int from asset_risk_assessment r where r.asset_id = ${assets.id})`;
const planCount = sql<number>`(select count(*)::int from asset_renewal_plan p where p.asset_id = ${assets.id})`;
const latestRisk = sql<
  string | null
>`(select r.result from asset_risk_assessment r where r.asset_id = ${assets.id}
  order by r.assessed_on desc, r.id desc limit 1)`;

/** The SQL twin of assets.rules.ts, one condition per badge, for `today` ('YYYY-MM-DD', Shanghai). */
export function badgeCondition(badge: AssetBadge, today: string): SQL {
  const elevator = sql`${assets.kind} = 'elevator' and ${assets.status} <> 'retired'`;
  switch (badge) {
    case 'maintenance_overdue':
      return sql`(${elevator} and (${assets.lastMaintenanceOn} is null or ${assets.lastMaintenanceOn} < ${today}::date - 15))`;
    case 'statutory_overdue':
      return sql`(${elevator} and (${assets.lastStatutoryInspectionOn} is null
        or (${assets.lastStatutoryInspectionOn} + interval '1 year')::date < ${today}::date))`;
    case 'risk_assessment_required':
      return sql`(${elevator} and (${assets.installedOn} + interval '15 years')::date < ${today}::date
        and not exists (select 1 from asset_risk_assessment r where r.asset_id = ${assets.id}))`;
    case 'renewal_plan_required':
      return sql`(${assets.status} <> 'retired' and ${latestRisk} in ('repair', 'renovate', 'replace')
        and not exists (select 1 from asset_renewal_plan p where p.asset_id = ${assets.id}))`;
  }
}

const allBadges: AssetBadge[] = [
  'maintenance_overdue',
  'statutory_overdue',
  'risk_assessment_required',
  'renewal_plan_required',
];

export function assetScope(
  actor: Actor,
  permission: 'assets.read' | 'assets.manage' | 'assets.export' = 'assets.read',
) {
  return placeScope(actor, permission, sql`${assets.streetId}`, sql`${assets.communityId}`);
}

const housingOffice = sql<
  string | null
>`(select d.name from department d where d.street_id = ${assets.streetId} and d.kind = 'housing_office' limit 1)`;
const streetOffice = sql<
  string | null
>`(select d.name from department d where d.street_id = ${assets.streetId} and d.kind = 'street_office' limit 1)`;

const listColumns = {
  a: assets,
  streetName: streets.name,
  communityName: communities.name,
  committeeId: communities.committeeId,
  propertyOrgId: communities.propertyOrgId,
  buildingName: buildings.name,
  propertyName: property.name,
  developerName: developer.name,
  maintenanceOrgName: maintenanceOrg.name,
  housingOffice,
  streetOffice,
  riskAssessments: riskCount,
  latestRisk,
  renewalPlans: planCount,
};

function base(db: Executor) {
  return db
    .select(listColumns)
    .from(assets)
    .innerJoin(streets, eq(streets.id, assets.streetId))
    .innerJoin(communities, eq(communities.id, assets.communityId))
    .leftJoin(buildings, eq(buildings.id, assets.buildingId))
    .leftJoin(property, eq(property.id, communities.propertyOrgId))
    .leftJoin(developer, eq(developer.id, communities.developerOrgId))
    .leftJoin(maintenanceOrg, eq(maintenanceOrg.id, assets.maintenanceOrgId));
}

export type AssetListRow = Awaited<ReturnType<typeof base>>[number];

function listFilter(actor: Actor, q: Omit<AssetListQuery, 'limit' | 'cursor'>, today: string): SQL {
  const c: (SQL | undefined)[] = [assetScope(actor)];
  if (q.streetId) c.push(eq(assets.streetId, q.streetId));
  if (q.communityId) c.push(eq(assets.communityId, q.communityId));
  if (q.buildingId) c.push(eq(assets.buildingId, q.buildingId));
  if (q.kind) c.push(eq(assets.kind, q.kind));
  if (q.badge === 'any')
    c.push(
      sql`(${sql.join(
        allBadges.map((b) => badgeCondition(b, today)),
        sql` or `,
      )})`,
    );
  else if (q.badge) c.push(badgeCondition(q.badge, today));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(assets.name, like), ilike(assets.code, like), ilike(assets.registrationCode, like)));
  }
  return and(...c)!;
}

export function listAssets(
  db: Executor,
  actor: Actor,
  q: AssetListQuery,
  today: string,
  after: number | null,
): Promise<AssetListRow[]> {
  return base(db)
    .where(and(listFilter(actor, q, today), after ? gt(assets.id, after) : undefined))
    .orderBy(asc(assets.id))
    .limit(q.limit + 1);
}

export async function countAssets(
  db: Executor,
  actor: Actor,
  q: Omit<AssetListQuery, 'limit' | 'cursor'>,
  today: string,
) {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assets)
    .where(listFilter(actor, q, today));
  return r[0]?.n ?? 0;
}

export async function* iterateAssets(
  db: Executor,
  actor: Actor,
  q: Omit<AssetListQuery, 'limit' | 'cursor'>,
  today: string,
): AsyncGenerator<AssetListRow> {
  let after: number | null = null;
  for (;;) {
    const rows: AssetListRow[] = await listAssets(db, actor, { ...q, limit: 1000 }, today, after);
    for (const row of rows.slice(0, 1000)) yield row;
    if (rows.length <= 1000) return;
    after = rows[999]!.a.id;
  }
}

export function findAsset(
  db: Executor,
  actor: Actor,
  id: number,
  permission: 'assets.read' | 'assets.manage' = 'assets.read',
) {
  return base(db)
    .where(and(eq(assets.id, id), assetScope(actor, permission)))
    .then((r) => r[0] ?? null);
}

export function assetById(db: Executor, id: number) {
  return db
    .select()
    .from(assets)
    .where(eq(assets.id, id))
    .then((r) => r[0] ?? null);
}

export function insertAssets(db: Executor, rows: (typeof assets.$inferInsert)[]) {
  return db.insert(assets).values(rows).onConflictDoNothing().returning();
}

export function updateAsset(db: Executor, id: number, version: number, patch: Partial<AssetRow>) {
  return db
    .update(assets)
    .set({ ...patch, version: sql`${assets.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(assets.id, id), eq(assets.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** Codes already used in these communities, and registration codes already on record. */
export async function takenCodes(db: Executor, communityIds: number[], registrationCodes: string[]) {
  const [codes, regs] = await Promise.all([
    communityIds.length
      ? db
          .select({ communityId: assets.communityId, code: assets.code })
          .from(assets)
          .where(inArray(assets.communityId, communityIds))
      : Promise.resolve([]),
    registrationCodes.length
      ? db
          .select({ code: assets.registrationCode })
          .from(assets)
          .where(inArray(assets.registrationCode, registrationCodes))
      : Promise.resolve([]),
  ]);
  return {
    codes: new Set(codes.map((c) => `${c.communityId}:${c.code}`)),
    registrationCodes: new Set(regs.map((r) => r.code as string)),
  };
}

export function maintenanceOf(db: Executor, assetId: number) {
  return db
    .select()
    .from(assetMaintenance)
    .where(eq(assetMaintenance.assetId, assetId))
    .orderBy(desc(assetMaintenance.doneOn), desc(assetMaintenance.id))
    .limit(50);
}

export function statutoryOf(db: Executor, assetId: number) {
  return db
    .select()
    .from(assetStatutoryInspections)
    .where(eq(assetStatutoryInspections.assetId, assetId))
    .orderBy(desc(assetStatutoryInspections.inspectedOn), desc(assetStatutoryInspections.id));
}

export function risksOf(db: Executor, assetId: number) {
  return db
    .select()
    .from(assetRiskAssessments)
    .where(eq(assetRiskAssessments.assetId, assetId))
    .orderBy(desc(assetRiskAssessments.assessedOn), desc(assetRiskAssessments.id));
}

export function plansOf(db: Executor, assetId: number) {
  return db
    .select()
    .from(assetRenewalPlans)
    .where(eq(assetRenewalPlans.assetId, assetId))
    .orderBy(desc(assetRenewalPlans.id));
}

export function insertMaintenance(db: Executor, v: typeof assetMaintenance.$inferInsert) {
  return db
    .insert(assetMaintenance)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertStatutory(db: Executor, v: typeof assetStatutoryInspections.$inferInsert) {
  return db
    .insert(assetStatutoryInspections)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertRisk(db: Executor, v: typeof assetRiskAssessments.$inferInsert) {
  return db
    .insert(assetRiskAssessments)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function insertPlan(db: Executor, v: typeof assetRenewalPlans.$inferInsert) {
  return db
    .insert(assetRenewalPlans)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function planById(db: Executor, assetId: number, id: number) {
  return db
    .select()
    .from(assetRenewalPlans)
    .where(and(eq(assetRenewalPlans.id, id), eq(assetRenewalPlans.assetId, assetId)))
    .then((r) => r[0] ?? null);
}

export function updatePlan(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<typeof assetRenewalPlans.$inferSelect>,
) {
  return db
    .update(assetRenewalPlans)
    .set({ ...patch, version: sql`${assetRenewalPlans.version} + 1` })
    .where(and(eq(assetRenewalPlans.id, id), eq(assetRenewalPlans.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** Raises the asset's last maintenance / statutory inspection date when a newer record arrives. */
export async function touchDates(
  db: Executor,
  id: number,
  v: { lastMaintenanceOn?: string; lastStatutoryInspectionOn?: string },
) {
  if (v.lastMaintenanceOn)
    await db
      .update(assets)
      .set({
        lastMaintenanceOn: sql`greatest(${assets.lastMaintenanceOn}, ${v.lastMaintenanceOn}::date)`,
        version: sql`${assets.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(assets.id, id));
  if (v.lastStatutoryInspectionOn)
    await db
      .update(assets)
      .set({
        lastStatutoryInspectionOn: sql`greatest(${assets.lastStatutoryInspectionOn}, ${v.lastStatutoryInspectionOn}::date)`,
        version: sql`${assets.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(assets.id, id));
}

/**
 * What an inspection found about assets: the assets of `kind` of the round's target (one asset,
 * a building's, or a community's) become intact or defective.
 */
export async function setCondition(
  db: Executor,
  target: { assetId?: number | null; buildingId?: number | null; communityId: number },
  kind: string | null,
  condition: 'intact' | 'defective',
  at: Date,
) {
  const where = target.assetId
    ? eq(assets.id, target.assetId)
    : and(
        eq(assets.communityId, target.communityId),
        target.buildingId ? eq(assets.buildingId, target.buildingId) : undefined,
        kind ? eq(assets.kind, kind) : sql`false`,
      );
  return db
    .update(assets)
    .set({ condition, conditionCheckedAt: at })
    .where(and(where, sql`${assets.status} <> 'retired'`))
    .returning({ id: assets.id });
}

export async function stats(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
  today: string,
) {
  const filter = and(
    assetScope(actor),
    q.streetId ? eq(assets.streetId, q.streetId) : undefined,
    q.communityId ? eq(assets.communityId, q.communityId) : undefined,
  );
  const [byKind, badgeRow, elevators] = await Promise.all([
    db
      .select({ kind: assets.kind, count: sql<number>`count(*)::int` })
      .from(assets)
      .where(filter)
      .groupBy(assets.kind),
    db
      .select(
        Object.fromEntries(
          allBadges.map((b) => [b, sql<number>`count(*) filter (where ${badgeCondition(b, today)})::int`]),
        ) as Record<AssetBadge, SQL<number>>,
      )
      .from(assets)
      .where(filter),
    db
      .select({
        total: sql<number>`count(*)::int`,
        old: sql<number>`count(*) filter (where (${assets.installedOn} + interval '15 years')::date < ${today}::date)::int`,
      })
      .from(assets)
      .where(and(filter, eq(assets.kind, 'elevator'), sql`${assets.status} <> 'retired'`)),
  ]);
  return { byKind, badges: badgeRow[0] as Record<AssetBadge, number>, elevators: elevators[0]! };
}

/** Communities and buildings by code and name, for the import. */
export async function communitiesByCode(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({
      id: communities.id,
      code: communities.code,
      streetId: communities.streetId,
      committeeId: communities.committeeId,
      propertyOrgId: communities.propertyOrgId,
    })
    .from(communities)
    .where(inArray(communities.code, codes));
}

export async function buildingsOfCommunities(db: Executor, communityIds: number[]) {
  if (!communityIds.length) return [];
  return db
    .select({ id: buildings.id, communityId: buildings.communityId, name: buildings.name })
    .from(buildings)
    .where(inArray(buildings.communityId, communityIds));
}

export function maintenanceCompanies(db: Executor) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, 'maintenance_company'));
}

export function allBadgeKeys() {
  return allBadges;
}

// ---------------------------------------------------------------------------------------------
// breaches of the SPEC 5.7 rules (asset_breach)

export type BreachRow = typeof assetBreaches.$inferSelect;
export type BreachInsert = typeof assetBreaches.$inferInsert;

const housingOfficeId = sql<
  number | null
>`(select d.id from department d where d.street_id = ${assets.streetId} and d.kind = 'housing_office' limit 1)`;
const streetOfficeId = sql<
  number | null
>`(select d.id from department d where d.street_id = ${assets.streetId} and d.kind = 'street_office' limit 1)`;

/** Assets that break `rule` today, with what naming their maintainer needs. */
export function assetsInBreach(db: Executor, rule: AssetBadge, today: string) {
  return db
    .select({
      ...listColumns,
      developerOrgId: communities.developerOrgId,
      housingOfficeId,
      streetOfficeId,
    })
    .from(assets)
    .innerJoin(streets, eq(streets.id, assets.streetId))
    .innerJoin(communities, eq(communities.id, assets.communityId))
    .leftJoin(buildings, eq(buildings.id, assets.buildingId))
    .leftJoin(property, eq(property.id, communities.propertyOrgId))
    .leftJoin(developer, eq(developer.id, communities.developerOrgId))
    .leftJoin(maintenanceOrg, eq(maintenanceOrg.id, assets.maintenanceOrgId))
    .where(badgeCondition(rule, today))
    .orderBy(asc(assets.streetId), asc(assets.id));
}
export type BreachCandidate = Awaited<ReturnType<typeof assetsInBreach>>[number];

/** Opens breaches not open yet; returns only those this call opened. */
export function insertBreaches(db: Executor, rows: BreachInsert[]) {
  if (!rows.length) return Promise.resolve([] as BreachRow[]);
  return db
    .insert(assetBreaches)
    .values(rows)
    .onConflictDoNothing({
      target: [assetBreaches.assetId, assetBreaches.rule],
      where: sql`${assetBreaches.status} = 'open'`,
    })
    .returning();
}

/** Closes the open breaches of `rule` whose asset no longer breaks it (or is retired). */
export function cureBreaches(db: Executor, rule: AssetBadge, today: string) {
  return db
    .update(assetBreaches)
    .set({ status: 'cured', curedOn: today, updatedAt: sql`now()` })
    .where(
      and(
        eq(assetBreaches.status, 'open'),
        eq(assetBreaches.rule, rule),
        sql`not exists (select 1 from asset where asset.id = ${assetBreaches.assetId} and ${badgeCondition(rule, today)})`,
      ),
    )
    .returning();
}

/** Open breaches past their grace period without a case, oldest first. */
export function breachesToEscalate(db: Executor, today: string, limit = 500) {
  return db
    .select({ id: assetBreaches.id })
    .from(assetBreaches)
    .where(
      and(
        eq(assetBreaches.status, 'open'),
        sql`${assetBreaches.caseId} is null`,
        sql`${assetBreaches.escalateOn} <= ${today}::date`,
      ),
    )
    .orderBy(asc(assetBreaches.escalateOn), asc(assetBreaches.id))
    .limit(limit);
}

/** Locks one open breach still without a case (skipping one another instance holds). */
export function claimBreachForCase(db: Executor, id: number) {
  return db
    .select()
    .from(assetBreaches)
    .where(
      and(eq(assetBreaches.id, id), eq(assetBreaches.status, 'open'), sql`${assetBreaches.caseId} is null`),
    )
    .for('update', { skipLocked: true })
    .then((r) => r[0] ?? null);
}

export function setBreachCase(db: Executor, id: number, c: { id: number; number: string }, at: Date) {
  return db
    .update(assetBreaches)
    .set({ caseId: c.id, caseNumber: c.number, caseFiledAt: at, updatedAt: sql`now()` })
    .where(eq(assetBreaches.id, id))
    .returning()
    .then((r) => r[0]!);
}

export function breachById(db: Executor, id: number) {
  return db
    .select()
    .from(assetBreaches)
    .where(eq(assetBreaches.id, id))
    .then((r) => r[0] ?? null);
}

export interface BreachListFilter {
  status?: 'open' | 'cured';
  rule?: AssetBadge;
  communityId?: number;
  assetId?: number;
}

/** The breaches the actor may see (the assets.read scope), newest first, with their asset. */
export function listBreaches(
  db: Executor,
  actor: Actor,
  q: BreachListFilter & { limit: number },
  before: number | null,
) {
  return db
    .select({
      b: assetBreaches,
      assetCode: assets.code,
      assetName: assets.name,
      assetKind: assets.kind,
      installedOn: assets.installedOn,
      communityName: communities.name,
      streetName: streets.name,
    })
    .from(assetBreaches)
    .innerJoin(assets, eq(assets.id, assetBreaches.assetId))
    .innerJoin(communities, eq(communities.id, assetBreaches.communityId))
    .innerJoin(streets, eq(streets.id, assetBreaches.streetId))
    .where(
      and(
        placeScope(actor, 'assets.read', sql`${assetBreaches.streetId}`, sql`${assetBreaches.communityId}`),
        q.status ? eq(assetBreaches.status, q.status) : undefined,
        q.rule ? eq(assetBreaches.rule, q.rule) : undefined,
        q.communityId ? eq(assetBreaches.communityId, q.communityId) : undefined,
        q.assetId ? eq(assetBreaches.assetId, q.assetId) : undefined,
        before ? sql`${assetBreaches.id} < ${before}` : undefined,
      ),
    )
    .orderBy(desc(assetBreaches.id))
    .limit(q.limit + 1);
}
export type BreachListRow = Awaited<ReturnType<typeof listBreaches>>[number];

export async function districtOfStreet(db: Executor, streetId: number): Promise<number> {
  const r = await db.select({ d: streets.districtId }).from(streets).where(eq(streets.id, streetId));
  return r[0]?.d ?? 0;
}
