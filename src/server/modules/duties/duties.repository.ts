import { and, asc, eq, sql } from 'drizzle-orm';
import type { DutyRuleInput } from '../../../contracts/duties';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { departments } from '../org/org.table';
import { ownersCommittees } from '../owners/owners.table';
import type { CommunityContext, DepartmentDirectory } from './duties.routing';
import { ruleKeyOf } from './duties.routing';
import { type CategorySeed, categorySeeds, ruleSeedInputs } from './duties.seed';
import { caseCategories, dutyRules } from './duties.table';

export type CategoryRow = typeof caseCategories.$inferSelect;
export type DutyRuleRow = typeof dutyRules.$inferSelect;

/** Writes the seeded taxonomy and rules the first time a database is used. */
export async function ensureDutiesSeeded(db: Executor): Promise<void> {
  const any = await db.select({ code: caseCategories.code }).from(caseCategories).limit(1);
  if (any.length) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('anju.duties.seed'))`);
    const again = await tx.select({ code: caseCategories.code }).from(caseCategories).limit(1);
    if (again.length) return;
    const rows: (typeof caseCategories.$inferInsert)[] = [];
    const walk = (items: CategorySeed[], parent: string | null, level: number) =>
      items.forEach((c, i) => {
        rows.push({
          code: c.code,
          parentCode: parent,
          level,
          name: c.name,
          nameEn: c.nameEn,
          enforcement: c.enforcement ?? false,
          sort: (i + 1) * 10,
        });
        if (c.children) walk(c.children, c.code, level + 1);
      });
    walk(categorySeeds, null, 1);
    await tx.insert(caseCategories).values(rows);
    await tx.insert(dutyRules).values(ruleSeedInputs().map((r) => ruleValues(r, 1, 'system')));
  });
}

function ruleValues(r: DutyRuleInput, version: number, createdBy: string): typeof dutyRules.$inferInsert {
  return {
    ruleKey: ruleKeyOf(r.categoryCode, r.housingType),
    version,
    current: true,
    categoryCode: r.categoryCode,
    housingType: r.housingType,
    lead: r.lead,
    coUnits: r.coUnits,
    channels: r.channels,
    handlingPoints: r.handlingPoints,
    operatingPath: r.operatingPath,
    legalBasis: r.legalBasis,
    defaultUrgency: r.defaultUrgency,
    limits: r.limits,
    followUpDays: r.followUpDays,
    createdBy,
  };
}

export async function loadCategories(db: Executor): Promise<CategoryRow[]> {
  await ensureDutiesSeeded(db);
  return db.select().from(caseCategories).orderBy(asc(caseCategories.level), asc(caseCategories.sort));
}

export async function loadRules(db: Executor): Promise<DutyRuleRow[]> {
  await ensureDutiesSeeded(db);
  return db.select().from(dutyRules).orderBy(asc(dutyRules.ruleKey), asc(dutyRules.version));
}

export async function loadDepartmentDirectory(db: Executor): Promise<DepartmentDirectory> {
  const rows = await db
    .select({
      id: departments.id,
      code: departments.code,
      kind: departments.kind,
      name: departments.name,
      streetId: departments.streetId,
    })
    .from(departments);
  const dir: DepartmentDirectory = { byCode: new Map(), byStreetKind: new Map() };
  for (const d of rows) {
    if (d.streetId === null)
      dir.byCode.set(d.code.slice(d.code.lastIndexOf('-') + 1), { id: d.id, name: d.name });
    else dir.byStreetKind.set(`${d.streetId}:${d.kind}`, { id: d.id, name: d.name });
  }
  return dir;
}

export function insertCategory(db: Executor, v: typeof caseCategories.$inferInsert) {
  return db
    .insert(caseCategories)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function findCategory(db: Executor, code: string) {
  return db
    .select()
    .from(caseCategories)
    .where(eq(caseCategories.code, code))
    .then((r) => r[0] ?? null);
}

export function updateCategory(
  db: Executor,
  code: string,
  version: number,
  patch: Partial<Pick<CategoryRow, 'name' | 'nameEn' | 'active' | 'sort'>>,
) {
  return db
    .update(caseCategories)
    .set({ ...patch, version: sql`${caseCategories.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(caseCategories.code, code), eq(caseCategories.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function findRule(db: Executor, id: number) {
  return db
    .select()
    .from(dutyRules)
    .where(eq(dutyRules.id, id))
    .then((r) => r[0] ?? null);
}

export function insertRule(db: Executor, r: DutyRuleInput, version: number, createdBy: string) {
  return db
    .insert(dutyRules)
    .values(ruleValues(r, version, createdBy))
    .onConflictDoNothing()
    .returning()
    .then((rows) => rows[0] ?? null);
}

/** Retires the current version; null when someone else already replaced it. */
export function retireRule(db: Executor, ruleKey: string, version: number) {
  return db
    .update(dutyRules)
    .set({ current: false })
    .where(and(eq(dutyRules.ruleKey, ruleKey), eq(dutyRules.version, version), eq(dutyRules.current, true)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** The community as routing sees it, if the actor may see it. */
export async function communityContext(
  db: Executor,
  actor: Actor | null,
  id: number,
): Promise<CommunityContext | null> {
  const scope = actor
    ? scopeFilter(
        actor,
        'org.read',
        { streetId: sql`c.street_id`, communityId: sql`c.id`, committeeId: sql`c.committee_id` },
        { organization: (orgId) => sql`c.property_org_id = ${orgId}` },
      )
    : sql`true`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.street_id, c.committee_id, cm.name as committee_name, c.property_org_id,
           p.name as property_org_name, c.developer_org_id, d.name as developer_name, c.housing_type,
           oc.id as owners_committee_id, oc.name as owners_committee_name
    from community c
    left join committee cm on cm.id = c.committee_id
    left join organization p on p.id = c.property_org_id
    left join organization d on d.id = c.developer_org_id
    left join lateral (select o.id, o.name from ${ownersCommittees} o
                       where o.community_id = c.id and o.status = 'active'
                       order by o.term_end desc limit 1) oc on true
    where c.id = ${id} and ${scope}`);
  const r = rows.rows[0];
  return r ? communityContextOf(r) : null;
}

export function communityContextOf(r: Record<string, unknown>): CommunityContext {
  return {
    id: Number(r.id),
    streetId: Number(r.street_id),
    committeeId: r.committee_id === null ? null : Number(r.committee_id),
    committeeName: (r.committee_name as string | null) ?? null,
    propertyOrgId: r.property_org_id === null ? null : Number(r.property_org_id),
    propertyOrgName: (r.property_org_name as string | null) ?? null,
    developerOrgId: r.developer_org_id === null ? null : Number(r.developer_org_id),
    developerName: (r.developer_name as string | null) ?? null,
    ownersCommitteeId:
      r.owners_committee_id === null || r.owners_committee_id === undefined
        ? null
        : Number(r.owners_committee_id),
    ownersCommitteeName: (r.owners_committee_name as string | null) ?? null,
    housingType: r.housing_type as CommunityContext['housingType'],
  };
}
