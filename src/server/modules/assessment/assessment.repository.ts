import { inArray, type SQL, sql } from 'drizzle-orm';
import type { KpiLevel } from '../../../contracts/assessment';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import type { CaseKpiState } from './assessment.rollup';
import { kpiCaseRollups, kpiCaseStates } from './assessment.table';

export interface CaseStateRow extends CaseKpiState {
  caseId: number;
  streetId: number;
}

export async function caseStatesOf(db: Executor, caseIds: number[]): Promise<Map<number, CaseStateRow>> {
  if (!caseIds.length) return new Map();
  const rows = await db.select().from(kpiCaseStates).where(inArray(kpiCaseStates.caseId, caseIds));
  return new Map(rows.map((r) => [r.caseId, r]));
}

export async function saveCaseStates(db: Executor, rows: CaseStateRow[]) {
  if (!rows.length) return;
  await db
    .insert(kpiCaseStates)
    .values(rows.map((r) => ({ ...r, updatedAt: new Date() })))
    .onConflictDoUpdate({
      target: kpiCaseStates.caseId,
      set: {
        categoryCode: sql`excluded.category_code`,
        unitKind: sql`excluded.unit_kind`,
        unitId: sql`excluded.unit_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export type RollupRow = typeof kpiCaseRollups.$inferInsert;

/** Adds counters (already summed per key by the caller), in slices to stay under the bind limit. */
export async function addCounters(db: Executor, rows: RollupRow[]) {
  for (let i = 0; i < rows.length; i += 3000) {
    await db
      .insert(kpiCaseRollups)
      .values(rows.slice(i, i + 3000))
      .onConflictDoUpdate({
        target: [
          kpiCaseRollups.day,
          kpiCaseRollups.streetId,
          kpiCaseRollups.communityId,
          kpiCaseRollups.unitKind,
          kpiCaseRollups.unitId,
          kpiCaseRollups.categoryCode,
          kpiCaseRollups.counter,
          kpiCaseRollups.bucket,
        ],
        set: { n: sql`${kpiCaseRollups.n} + excluded.n` },
      });
  }
}

/** Clears the rollups from `from` on (all of them without it) and the per-case states. */
export async function clearRollups(db: Executor, from: string | null) {
  await db.execute(
    from ? sql`delete from kpi_case_rollup where day >= ${from}::date` : sql`truncate kpi_case_rollup`,
  );
  await db.execute(sql`truncate kpi_case_state`);
}

const groupColumn: Record<KpiLevel, SQL> = {
  street: sql`r.street_id`,
  committee: sql`r.committee_id`,
  community: sql`r.community_id`,
  department: sql`r.unit_id`,
  property: sql`r.unit_id`,
};

const levelCondition: Record<KpiLevel, SQL> = {
  street: sql`true`,
  committee: sql`r.committee_id <> 0`,
  community: sql`true`,
  department: sql`r.unit_kind = 'department'`,
  property: sql`r.unit_kind = 'organization'`,
};

/**
 * The counters of a period summed per unit of a level, within the caller's places: streets,
 * committees and communities by the row's place; departments and companies by the lead unit, whose
 * own reach is its own rows.
 */
export async function sumCounters(
  db: Executor,
  actor: Actor,
  q: { level: KpiLevel; from: string; to: string },
) {
  const scope = scopeFilter(
    actor,
    'kpis.read',
    { streetId: sql`r.street_id`, committeeId: sql`r.committee_id`, communityId: sql`r.community_id` },
    {
      organization: (id) => sql`(r.unit_kind = 'organization' and r.unit_id = ${id})`,
      department: (id) => sql`(r.unit_kind = 'department' and r.unit_id = ${id})`,
    },
  );
  const key = groupColumn[q.level];
  const rows = await db.execute<{ unit: number; counter: string; bucket: number; n: string }>(sql`
    select ${key} as unit, r.counter, r.bucket, sum(r.n)::bigint as n
    from kpi_case_rollup r
    where r.day >= ${q.from}::date and r.day < ${q.to}::date and ${levelCondition[q.level]} and ${scope}
    group by 1, 2, 3`);
  return rows.rows.map((r) => ({
    unit: Number(r.unit),
    counter: r.counter,
    bucket: Number(r.bucket),
    n: Number(r.n),
  }));
}
