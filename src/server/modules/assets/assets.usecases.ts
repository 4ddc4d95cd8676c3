import type { z } from 'zod';
import {
  type AssetDetail,
  type AssetInput,
  type AssetListQuery,
  assetBadges,
  assetInput,
  assetKinds,
  type assetPatch,
  type ImportColumn,
  importColumns,
  type maintenanceInput,
  ownerships,
  type renewalPlanInput,
  type renewalPlanPatch,
  type riskAssessmentInput,
  type statutoryInput,
} from '../../../contracts/assets';
import { languages } from '../../../contracts/auth';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, type FieldError, versionConflict } from '../../platform/errors';
import { readExcelRows } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import { decodeCursor, page } from '../../platform/pagination';
import { buildingOfCommunity, communityInScope, reachesCommunity } from '../org/org.places';
import {
  assetNotFound,
  assetOfOtherCommunity,
  codeTaken,
  dateInFuture,
  importTooLarge,
  notElevator,
  planNotFound,
  registrationCodeTaken,
  unknownAsset,
  unknownBuilding,
  unknownCommunity,
  unknownMaintenanceOrg,
  unknownRiskAssessment,
} from './assets.errors';
import { presentAssetSummary } from './assets.presenter';
import * as repo from './assets.repository';
import { addYears } from './assets.rules';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'asset.created': { after: repo.AssetRow };
    'asset.updated': { before: repo.AssetRow; after: repo.AssetRow };
    'asset.imported': { after: { count: number; ids: number[] } };
    'asset.maintained': { after: Record<string, unknown> };
    'asset.statutory_inspected': { after: Record<string, unknown> };
    'asset.risk_assessed': { after: Record<string, unknown> };
    'asset.renewal_planned': { after: Record<string, unknown> };
    'asset.renewal_plan_updated': { before: Record<string, unknown>; after: Record<string, unknown> };
  }
}

export interface Clock {
  now?: Date;
}
const todayOf = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

export const MAX_IMPORT_ROWS = 5000;

// ---------------------------------------------------------------------------------------------
// reading

export async function listAssets(ctx: AppContext, actor: Actor, q: AssetListQuery, clock: Clock = {}) {
  const today = todayOf(clock);
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, total] = await Promise.all([
    repo.listAssets(ctx.db, actor, q, today, after?.[0] ?? null),
    after ? Promise.resolve(-1) : repo.countAssets(ctx.db, actor, q, today),
  ]);
  const result = page(rows, q.limit, (r) => [r.a.id]);
  return {
    items: result.items.map((r) => presentAssetSummary(r, today)),
    nextCursor: result.nextCursor,
    total,
  };
}

export async function* iterateAssets(
  ctx: AppContext,
  actor: Actor,
  q: Omit<AssetListQuery, 'limit' | 'cursor'>,
  clock: Clock = {},
) {
  const today = todayOf(clock);
  for await (const r of repo.iterateAssets(ctx.db, actor, q, today)) yield presentAssetSummary(r, today);
}

function canEdit(actor: Actor, r: repo.AssetListRow) {
  return reachesCommunity(actor, 'assets.manage', {
    streetId: r.a.streetId,
    communityId: r.a.communityId,
    committeeId: r.committeeId,
    propertyOrgId: r.propertyOrgId,
  });
}

export async function getAsset(
  ctx: AppContext,
  actor: Actor,
  id: number,
  clock: Clock = {},
): Promise<AssetDetail> {
  const r = await repo.findAsset(ctx.db, actor, id);
  if (!r) throw assetNotFound();
  const today = todayOf(clock);
  const [maintenance, statutory, risks, plans] = await Promise.all([
    repo.maintenanceOf(ctx.db, id),
    repo.statutoryOf(ctx.db, id),
    repo.risksOf(ctx.db, id),
    repo.plansOf(ctx.db, id),
  ]);
  return {
    ...presentAssetSummary(r, today),
    manufacturer: r.a.manufacturer,
    registrationCode: r.a.registrationCode,
    maintenanceOrg:
      r.a.maintenanceOrgId && r.maintenanceOrgName
        ? { id: r.a.maintenanceOrgId, name: r.maintenanceOrgName }
        : null,
    maintainerName: r.a.maintainerName,
    note: r.a.note,
    maintenance: maintenance.map((m) => ({
      id: m.id,
      doneOn: m.doneOn,
      kind: m.kind as AssetDetail['maintenance'][number]['kind'],
      company: m.company,
      note: m.note,
      by: m.byLabel,
    })),
    statutoryInspections: statutory.map((s) => ({
      id: s.id,
      inspectedOn: s.inspectedOn,
      agency: s.agency,
      result: s.result as AssetDetail['statutoryInspections'][number]['result'],
      certificateNo: s.certificateNo,
      nextDueOn: s.nextDueOn,
      note: s.note,
    })),
    riskAssessments: risks.map((x) => ({
      id: x.id,
      assessedOn: x.assessedOn,
      agency: x.agency,
      result: x.result as AssetDetail['riskAssessments'][number]['result'],
      findings: x.findings,
    })),
    renewalPlans: plans.map((p) => ({
      id: p.id,
      riskAssessmentId: p.riskAssessmentId,
      kind: p.kind as AssetDetail['renewalPlans'][number]['kind'],
      plannedYear: p.plannedYear,
      costFen: p.costFen,
      fundingSource: p.fundingSource as AssetDetail['renewalPlans'][number]['fundingSource'],
      status: p.status as AssetDetail['renewalPlans'][number]['status'],
      note: p.note,
      version: p.version,
    })),
    abilities: { edit: canEdit(actor, r) },
  };
}

export async function assetStats(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
  clock: Clock = {},
) {
  const s = await repo.stats(ctx.db, actor, q, todayOf(clock));
  return {
    total: s.byKind.reduce((n, k) => n + k.count, 0),
    byKind: assetKinds
      .map((kind) => ({ kind, count: s.byKind.find((k) => k.kind === kind)?.count ?? 0 }))
      .filter((k) => k.count > 0),
    badges: assetBadges.map((badge) => ({ badge, count: s.badges[badge] ?? 0 })),
    elevators: { total: s.elevators.total, olderThan15: s.elevators.old },
  };
}

// ---------------------------------------------------------------------------------------------
// writing

interface Problem {
  field: string;
  code: string;
}

/** The business checks of one asset (beyond its schema): used by create and by each import row. */
function assetProblems(input: AssetInput, today: string): Problem[] {
  const out: Problem[] = [];
  if (input.kind === 'elevator' && !input.registrationCode)
    out.push({ field: 'registrationCode', code: 'registration_code_required' });
  if (input.ownership === 'utility' && !input.maintainerName)
    out.push({ field: 'maintainerName', code: 'maintainer_name_required' });
  for (const f of ['installedOn', 'lastMaintenanceOn', 'lastStatutoryInspectionOn'] as const) {
    const v = input[f];
    if (v && v > today) out.push({ field: f, code: 'date_in_future' });
  }
  return out;
}

function toFieldErrors(problems: Problem[], prefix: string): FieldError[] {
  return problems.map((p) => ({
    path: `${prefix}${p.field}`,
    code: p.code,
    messageKey: `field.${p.code}`,
  }));
}

function rowValues(input: AssetInput, streetId: number): typeof import('./assets.table').assets.$inferInsert {
  return {
    streetId,
    communityId: input.communityId,
    buildingId: input.buildingId ?? null,
    kind: input.kind,
    code: input.code,
    name: input.name,
    ownership: input.ownership,
    maintainerName: input.maintainerName ?? null,
    quantity: input.quantity,
    status: input.status,
    installedOn: input.installedOn ?? null,
    manufacturer: input.manufacturer ?? null,
    registrationCode: input.registrationCode ?? null,
    maintenanceOrgId: input.maintenanceOrgId ?? null,
    lastStatutoryInspectionOn: input.lastStatutoryInspectionOn ?? null,
    lastMaintenanceOn: input.lastMaintenanceOn ?? null,
    note: input.note ?? null,
  };
}

export async function createAsset(ctx: AppContext, actor: Actor, input: AssetInput, clock: Clock = {}) {
  assertCan(actor, 'assets.manage');
  const community = await communityInScope(ctx.db, actor, 'assets.manage', input.communityId);
  if (!community) throw unknownCommunity();
  if (input.buildingId && !(await buildingOfCommunity(ctx.db, input.buildingId, community.id)))
    throw unknownBuilding();
  if (
    input.maintenanceOrgId &&
    !(await repo.maintenanceCompanies(ctx.db)).some((o) => o.id === input.maintenanceOrgId)
  )
    throw unknownMaintenanceOrg();
  const problems = assetProblems(input, todayOf(clock));
  if (problems.length) throw new AppError('validation.failed', 400, {}, toFieldErrors(problems, 'body.'));
  const taken = await repo.takenCodes(
    ctx.db,
    [community.id],
    input.registrationCode ? [input.registrationCode] : [],
  );
  if (taken.codes.has(`${community.id}:${input.code}`)) throw codeTaken();
  if (input.registrationCode && taken.registrationCodes.has(input.registrationCode))
    throw registrationCodeTaken();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await repo.insertAssets(tx, [rowValues(input, community.streetId)]);
    if (!row) throw codeTaken();
    await recordAudit(tx, actor.audit, {
      action: 'asset.created',
      entityType: 'asset',
      entityId: row.id,
      streetId: row.streetId,
      after: row,
    });
    return row.id;
  });
  return getAsset(ctx, actor, id, clock);
}

async function editableAsset(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'assets.manage');
  const r = await repo.findAsset(ctx.db, actor, id, 'assets.read');
  if (!r || !canEdit(actor, r)) throw assetNotFound();
  return r;
}

export async function updateAsset(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof assetPatch>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  const { version, ...patch } = input;
  if (
    patch.maintenanceOrgId &&
    !(await repo.maintenanceCompanies(ctx.db)).some((o) => o.id === patch.maintenanceOrgId)
  )
    throw unknownMaintenanceOrg();
  const merged = { ...r.a, ...patch };
  const problems = assetProblems(
    {
      ...merged,
      buildingId: merged.buildingId ?? undefined,
      registrationCode: merged.registrationCode ?? undefined,
      maintainerName: merged.maintainerName ?? undefined,
      installedOn: merged.installedOn ?? undefined,
      lastMaintenanceOn: undefined,
      lastStatutoryInspectionOn: undefined,
    } as AssetInput,
    todayOf(clock),
  );
  if (problems.length) throw new AppError('validation.failed', 400, {}, toFieldErrors(problems, 'body.'));
  if (patch.registrationCode && patch.registrationCode !== r.a.registrationCode) {
    const taken = await repo.takenCodes(ctx.db, [], [patch.registrationCode]);
    if (taken.registrationCodes.size) throw registrationCodeTaken();
  }
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateAsset(tx, id, version, patch);
    if (!after) throw versionConflict(r.a.version);
    await recordAudit(tx, actor.audit, {
      action: 'asset.updated',
      entityType: 'asset',
      entityId: id,
      streetId: after.streetId,
      before: r.a,
      after,
    });
  });
  return getAsset(ctx, actor, id, clock);
}

export async function recordMaintenance(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof maintenanceInput>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  if (input.doneOn > todayOf(clock)) throw dateInFuture('body.doneOn');
  await ctx.db.transaction(async (tx) => {
    const m = await repo.insertMaintenance(tx, {
      assetId: id,
      streetId: r.a.streetId,
      doneOn: input.doneOn,
      kind: input.kind,
      company: input.company ?? null,
      note: input.note ?? null,
      byLabel: actor.displayName,
    });
    await repo.touchDates(tx, id, { lastMaintenanceOn: input.doneOn });
    await recordAudit(tx, actor.audit, {
      action: 'asset.maintained',
      entityType: 'asset',
      entityId: id,
      streetId: r.a.streetId,
      after: { ...m },
    });
  });
  return getAsset(ctx, actor, id, clock);
}

export async function recordStatutoryInspection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof statutoryInput>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  if (input.inspectedOn > todayOf(clock)) throw dateInFuture('body.inspectedOn');
  await ctx.db.transaction(async (tx) => {
    const s = await repo.insertStatutory(tx, {
      assetId: id,
      streetId: r.a.streetId,
      inspectedOn: input.inspectedOn,
      agency: input.agency,
      result: input.result,
      certificateNo: input.certificateNo ?? null,
      nextDueOn: addYears(input.inspectedOn, 1),
      note: input.note ?? null,
      byLabel: actor.displayName,
    });
    // a failed inspection does not count as the year's inspection
    if (input.result !== 'fail')
      await repo.touchDates(tx, id, { lastStatutoryInspectionOn: input.inspectedOn });
    await recordAudit(tx, actor.audit, {
      action: 'asset.statutory_inspected',
      entityType: 'asset',
      entityId: id,
      streetId: r.a.streetId,
      after: { ...s },
    });
  });
  return getAsset(ctx, actor, id, clock);
}

export async function recordRiskAssessment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof riskAssessmentInput>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  if (r.a.kind !== 'elevator') throw notElevator();
  if (input.assessedOn > todayOf(clock)) throw dateInFuture('body.assessedOn');
  await ctx.db.transaction(async (tx) => {
    const x = await repo.insertRisk(tx, {
      assetId: id,
      streetId: r.a.streetId,
      assessedOn: input.assessedOn,
      agency: input.agency,
      result: input.result,
      findings: input.findings,
      byLabel: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'asset.risk_assessed',
      entityType: 'asset',
      entityId: id,
      streetId: r.a.streetId,
      after: { ...x },
    });
  });
  return getAsset(ctx, actor, id, clock);
}

export async function recordRenewalPlan(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof renewalPlanInput>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  if (
    input.riskAssessmentId &&
    !(await repo.risksOf(ctx.db, id)).some((x) => x.id === input.riskAssessmentId)
  )
    throw unknownRiskAssessment();
  await ctx.db.transaction(async (tx) => {
    const p = await repo.insertPlan(tx, {
      assetId: id,
      streetId: r.a.streetId,
      riskAssessmentId: input.riskAssessmentId ?? null,
      kind: input.kind,
      plannedYear: input.plannedYear,
      costFen: input.costFen,
      fundingSource: input.fundingSource,
      note: input.note ?? null,
      byLabel: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'asset.renewal_planned',
      entityType: 'asset',
      entityId: id,
      streetId: r.a.streetId,
      after: { ...p },
    });
  });
  return getAsset(ctx, actor, id, clock);
}

export async function updateRenewalPlan(
  ctx: AppContext,
  actor: Actor,
  id: number,
  planId: number,
  input: z.infer<typeof renewalPlanPatch>,
  clock: Clock = {},
) {
  const r = await editableAsset(ctx, actor, id);
  const before = await repo.planById(ctx.db, id, planId);
  if (!before) throw planNotFound();
  const { version, ...patch } = input;
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updatePlan(tx, planId, version, patch);
    if (!after) throw versionConflict(before.version);
    await recordAudit(tx, actor.audit, {
      action: 'asset.renewal_plan_updated',
      entityType: 'asset',
      entityId: id,
      streetId: r.a.streetId,
      before: { ...before },
      after: { ...after },
    });
  });
  return getAsset(ctx, actor, id, clock);
}

// ---------------------------------------------------------------------------------------------
// Excel import: every row is checked first; any error → 400 listing each (row, column, reason)
// and nothing is written; otherwise all rows are written in one transaction.

const inputField: Partial<Record<keyof AssetInput, ImportColumn>> = {
  communityId: 'communityCode',
  buildingId: 'building',
  maintenanceOrgId: 'maintenanceOrg',
};

/** Header text (in either language, or the column key itself) → column key. */
function headerIndex(): Map<string, ImportColumn> {
  const map = new Map<string, ImportColumn>();
  for (const lang of languages) {
    const t = translator(lang);
    for (const c of importColumns) map.set(t(`assets:import.column.${c}`), c);
  }
  for (const c of importColumns) map.set(c, c);
  return map;
}

/** A label in either language, or the code itself → code. */
function labelIndex<T extends string>(values: readonly T[], ns: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const lang of languages) {
    const t = translator(lang);
    for (const v of values) map.set(t(`${ns}.${v}`).toLowerCase(), v);
  }
  for (const v of values) map.set(v, v);
  return map;
}

/** Dates typed as text ('2015-06-01', '2015/6/1') or stored by Excel as dates. */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed) && /[A-Za-z]{3}/.test(text))
    return new Date(parsed + 8 * 3600_000).toISOString().slice(0, 10);
  return text;
}

export async function importAssets(ctx: AppContext, actor: Actor, buffer: Buffer, clock: Clock = {}) {
  assertCan(actor, 'assets.manage');
  let rows: Awaited<ReturnType<typeof readExcelRows>>;
  try {
    rows = await readExcelRows(buffer);
  } catch {
    throw new AppError('asset.import_unreadable', 400);
  }
  if (rows.length === 0) throw new AppError('asset.import_empty', 400);
  if (rows.length > MAX_IMPORT_ROWS) throw importTooLarge(MAX_IMPORT_ROWS);
  const today = todayOf(clock);
  const headers = headerIndex();
  const kinds = labelIndex(assetKinds, 'assets:kind');
  const owners = labelIndex(ownerships, 'assets:ownership');

  const byKey = rows.map((r) => {
    const v: Partial<Record<ImportColumn, string>> = {};
    for (const [header, value] of Object.entries(r.values)) {
      const key = headers.get(header);
      if (key && value !== '') v[key] = value;
    }
    return { rowNumber: r.rowNumber, v };
  });
  const communityCodes = [...new Set(byKey.map((r) => r.v.communityCode).filter(Boolean) as string[])];
  const found = await repo.communitiesByCode(ctx.db, communityCodes);
  const manageable = new Map(
    found
      .filter((c) =>
        reachesCommunity(actor, 'assets.manage', {
          streetId: c.streetId,
          communityId: c.id,
          committeeId: c.committeeId,
          propertyOrgId: c.propertyOrgId,
        }),
      )
      .map((c) => [c.code, c]),
  );
  const buildingRows = await repo.buildingsOfCommunities(
    ctx.db,
    [...manageable.values()].map((c) => c.id),
  );
  const buildingsByName = new Map(buildingRows.map((b) => [`${b.communityId}:${b.name}`, b.id]));
  const companies = new Map((await repo.maintenanceCompanies(ctx.db)).map((o) => [o.name, o.id]));

  const errors: FieldError[] = [];
  const fail = (row: number, field: string, code: string) =>
    errors.push({ path: `row.${row}.${field}`, code, messageKey: `field.${code}` });
  const valid: { row: number; input: AssetInput; streetId: number }[] = [];
  for (const { rowNumber, v } of byKey) {
    const before = errors.length;
    const community = v.communityCode ? manageable.get(v.communityCode) : undefined;
    if (!v.communityCode) fail(rowNumber, 'communityCode', 'required');
    else if (!community) fail(rowNumber, 'communityCode', 'unknown_community');
    let buildingId: number | undefined;
    if (v.building && community) {
      buildingId = buildingsByName.get(`${community.id}:${v.building}`);
      if (!buildingId) fail(rowNumber, 'building', 'unknown_building');
    }
    const kind = v.kind ? kinds.get(v.kind.toLowerCase()) : undefined;
    if (v.kind && !kind) fail(rowNumber, 'kind', 'invalid_value');
    const ownership = v.ownership ? owners.get(v.ownership.toLowerCase()) : undefined;
    if (v.ownership && !ownership) fail(rowNumber, 'ownership', 'invalid_value');
    let maintenanceOrgId: number | undefined;
    if (v.maintenanceOrg) {
      maintenanceOrgId = companies.get(v.maintenanceOrg);
      if (!maintenanceOrgId) fail(rowNumber, 'maintenanceOrg', 'unknown_maintenance_company');
    }
    if (errors.length > before) continue;
    const candidate = {
      communityId: community!.id,
      buildingId,
      kind: kind ?? v.kind,
      code: v.code,
      name: v.name,
      ownership: ownership ?? v.ownership,
      maintainerName: v.maintainerName,
      quantity: v.quantity === undefined ? undefined : Number(v.quantity),
      installedOn: v.installedOn && normalizeDate(v.installedOn),
      manufacturer: v.manufacturer,
      registrationCode: v.registrationCode,
      maintenanceOrgId,
      lastStatutoryInspectionOn: v.lastStatutoryInspectionOn && normalizeDate(v.lastStatutoryInspectionOn),
      lastMaintenanceOn: v.lastMaintenanceOn && normalizeDate(v.lastMaintenanceOn),
    };
    const parsed = assetInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row') as keyof AssetInput;
        const own = /^[a-z_]+$/.test(issue.message) ? issue.message : null;
        const code =
          own ?? (candidate[field as keyof typeof candidate] === undefined ? 'required' : issue.code);
        fail(rowNumber, inputField[field] ?? field, code);
      }
      continue;
    }
    for (const p of assetProblems(parsed.data, today)) fail(rowNumber, p.field, p.code);
    if (errors.length === before)
      valid.push({ row: rowNumber, input: parsed.data, streetId: community!.streetId });
  }

  // duplicates within the file and against the register
  const taken = await repo.takenCodes(
    ctx.db,
    [...new Set(valid.map((x) => x.input.communityId))],
    valid.map((x) => x.input.registrationCode).filter(Boolean) as string[],
  );
  const seenCodes = new Set<string>();
  const seenRegs = new Set<string>();
  for (const x of valid) {
    const key = `${x.input.communityId}:${x.input.code}`;
    if (taken.codes.has(key) || seenCodes.has(key)) fail(x.row, 'code', 'asset_code_taken');
    seenCodes.add(key);
    const reg = x.input.registrationCode;
    if (reg && (taken.registrationCodes.has(reg) || seenRegs.has(reg)))
      fail(x.row, 'registrationCode', 'registration_code_taken');
    if (reg) seenRegs.add(reg);
  }
  if (errors.length) {
    errors.sort((a, b) => Number(a.path.split('.')[1]) - Number(b.path.split('.')[1]));
    throw new AppError(
      'asset.import_failed',
      400,
      { rows: new Set(errors.map((e) => e.path.split('.')[1])).size },
      errors,
    );
  }
  const streets = new Set(valid.map((x) => x.streetId));
  const ids = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertAssets(
      tx,
      valid.map((x) => rowValues(x.input, x.streetId)),
    );
    // a concurrent import took a code meanwhile: nothing of this one is kept
    if (inserted.length !== valid.length) throw new AppError('asset.import_conflict', 409);
    await recordAudit(tx, actor.audit, {
      action: 'asset.imported',
      entityType: 'asset',
      entityId: 'import',
      streetId: streets.size === 1 ? [...streets][0]! : null,
      after: { count: inserted.length, ids: inserted.map((r) => r.id) },
    });
    return inserted.map((r) => r.id);
  });
  return { imported: ids.length };
}

// ---------------------------------------------------------------------------------------------
// cases about an asset

/**
 * The asset a case names (`assetId`): it must exist, the caller must see it (assets.read) and it must
 * belong to the case's community; otherwise a 400 naming the field.
 */
export async function assetOfCase(
  ctx: AppContext,
  actor: Actor,
  assetId: number,
  communityId: number,
  path = 'body.assetId',
) {
  const r = actor.can('assets.read') ? await repo.findAsset(ctx.db, actor, assetId) : null;
  if (!r) throw unknownAsset(path);
  if (r.a.communityId !== communityId) throw assetOfOtherCommunity(path);
  return { id: r.a.id, code: r.a.code, name: r.a.name, kind: r.a.kind };
}

/** The asset of a case as the case page shows it; null when the caller may not see it. */
export async function assetRefFor(ctx: AppContext, actor: Actor, assetId: number) {
  const r = actor.can('assets.read') ? await repo.findAsset(ctx.db, actor, assetId) : null;
  return r ? { id: r.a.id, code: r.a.code, name: r.a.name, kind: r.a.kind } : null;
}

/** Applies what an inspection found to assets (fire facilities' intact rate); called inside its transaction. */
export function applyInspectionFinding(
  tx: Executor,
  target: { assetId?: number | null; buildingId?: number | null; communityId: number },
  kind: string | null,
  condition: 'intact' | 'defective',
  at: Date,
) {
  return repo.setCondition(tx, target, kind, condition, at);
}
