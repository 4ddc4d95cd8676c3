import type { z } from 'zod';
import type { ResolvedUnit } from '../../../contracts/duties';
import {
  defaultReinspectionDays,
  type HazardDetail,
  type HazardGrade,
  type HazardInput,
  type HazardListQuery,
  type HazardSummary,
  type hazardAssign,
  type hazardPatch,
  type hazardReinspect,
  type hazardRepair,
  type hazardVerify,
  type PhotoStage,
  type reinspectionSettingsInput,
} from '../../../contracts/hazards';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, forbidden, versionConflict } from '../../platform/errors';
import { fileContent, placeFiles } from '../../platform/files/files';
import { decodeCursor, page } from '../../platform/pagination';
import { reportCase } from '../cases/cases.usecases';
import { communityContext } from '../duties/duties.repository';
import { resolveUnit, routeCase, ruleFor } from '../duties/duties.routing';
import { categoryCache, departmentCache, leafCategory, ruleCache } from '../duties/duties.usecases';
import { noTeamOnDuty, notRepairTeam } from '../emergency/emergency.errors';
import * as emergencyRepo from '../emergency/emergency.repository';
import { onDutyTeam } from '../emergency/emergency.usecases';
import { buildingOfCommunity, communityInScope, districtOf, reachesCommunity } from '../org/org.places';
import {
  caseAlreadyFiled,
  finderCannotRepair,
  hazardNotFound,
  invalidTransition,
  notRepairTeamMember,
  sameTeam,
  unknownAsset,
  unknownBuilding,
  unknownCommunity,
  unknownPhoto,
  verifierIsFixer,
} from './hazards.errors';
import { hazardAbilities, mayRepair } from './hazards.policy';
import * as repo from './hazards.repository';
import {
  allowed,
  type HazardAction,
  hazardNumber,
  nextReinspection,
  type ReinspectionDays,
} from './hazards.workflow';

/** The slice of a hazard the audit log keeps. */
function hazardAudit(h: repo.HazardRow) {
  return {
    id: h.id,
    status: h.status,
    grade: h.grade,
    repairTeamId: h.repairTeamId,
    repairedBy: h.repairedByLabel,
    verifiedBy: h.verifiedByLabel,
    nextReinspectionOn: h.nextReinspectionOn,
    caseId: h.caseId,
    reworkCount: h.reworkCount,
    version: h.version,
  };
}
type HazardAudit = ReturnType<typeof hazardAudit>;

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'hazard.created': { after: HazardAudit & { title: string } };
    'hazard.updated': { before: HazardAudit; after: HazardAudit };
    'hazard.assigned': { before: HazardAudit; after: HazardAudit };
    'hazard.repaired': { before: HazardAudit; after: HazardAudit };
    'hazard.verified': { before: HazardAudit; after: HazardAudit };
    'hazard.rejected': { before: HazardAudit; after: HazardAudit };
    'hazard.reinspected': { before: HazardAudit; after: HazardAudit };
    'hazard.case_filed': { before: HazardAudit; after: HazardAudit };
    'hazard.settings_updated': { before: ReinspectionDays; after: ReinspectionDays };
  }
}

export interface Clock {
  now?: Date;
}
const todayOf = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

// ---------------------------------------------------------------------------------------------
// settings

export async function reinspectionDaysOf(
  db: Executor,
  districtId: number,
): Promise<ReinspectionDays & { version: number }> {
  const s = await repo.reinspectionDays(db, districtId);
  return s
    ? { major: s.majorDays, significant: s.significantDays, general: s.generalDays, version: s.version }
    : { ...defaultReinspectionDays, version: 0 };
}

export async function getSettings(ctx: AppContext, actor: Actor) {
  const { version, ...days } = await reinspectionDaysOf(ctx.db, await districtOf(ctx.db, actor));
  return { days, version, abilities: { edit: actor.can('hazards.configure') } };
}

export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof reinspectionSettingsInput>,
) {
  assertCan(actor, 'hazards.configure');
  const districtId = await districtOf(ctx.db, actor);
  const { version: current, ...before } = await reinspectionDaysOf(ctx.db, districtId);
  if (input.version !== current) throw versionConflict(current);
  await ctx.db.transaction(async (tx) => {
    const after = await repo.upsertSettings(tx, districtId, input.version, {
      majorDays: input.days.major,
      significantDays: input.days.significant,
      generalDays: input.days.general,
    });
    if (!after) throw versionConflict(current);
    await recordAudit(tx, actor.audit, {
      action: 'hazard.settings_updated',
      entityType: 'hazard_setting',
      entityId: districtId,
      streetId: null,
      before,
      after: input.days,
    });
  });
  return getSettings(ctx, actor);
}

// ---------------------------------------------------------------------------------------------
// presenting

async function present(ctx: AppContext, r: repo.HazardListRow, today: string): Promise<HazardSummary> {
  const h = r.h;
  const category = (await categoryCache.get(ctx)).byCode.get(h.categoryCode);
  return {
    id: h.id,
    number: hazardNumber(h.id, h.foundAt),
    title: h.title,
    grade: h.grade as HazardGrade,
    status: h.status as HazardSummary['status'],
    source: h.source as HazardSummary['source'],
    category: {
      code: h.categoryCode,
      name: category?.name ?? h.categoryCode,
      nameEn: category?.nameEn ?? h.categoryCode,
    },
    street: { id: h.streetId, name: r.streetName },
    community: { id: h.communityId, name: r.communityName },
    building: h.buildingId && r.buildingName ? { id: h.buildingId, name: r.buildingName } : null,
    asset: h.assetId && r.assetName ? { id: h.assetId, name: r.assetName } : null,
    responsibleUnit: { kind: h.responsibleUnitKind, id: h.responsibleUnitId, name: h.responsibleUnitName },
    responsiblePerson: h.responsiblePerson,
    foundByTeam: h.foundByTeamId && r.foundTeamName ? { id: h.foundByTeamId, name: r.foundTeamName } : null,
    foundBy: h.foundByLabel,
    foundAt: h.foundAt.toISOString(),
    repairTeam: h.repairTeamId && r.repairTeamName ? { id: h.repairTeamId, name: r.repairTeamName } : null,
    repairedBy: h.repairedByLabel,
    repairedAt: h.repairedAt?.toISOString() ?? null,
    verifiedBy: h.verifiedByLabel,
    closedAt: h.closedAt?.toISOString() ?? null,
    nextReinspectionOn: h.nextReinspectionOn,
    reinspectionDue: h.status !== 'closed' && h.nextReinspectionOn !== null && h.nextReinspectionOn <= today,
    reworkCount: h.reworkCount,
    case: h.caseId && r.caseNumber ? { id: h.caseId, number: r.caseNumber, state: r.caseState ?? '' } : null,
    version: h.version,
  };
}

export async function listHazards(ctx: AppContext, actor: Actor, q: HazardListQuery, clock: Clock = {}) {
  const today = todayOf(clock);
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, total] = await Promise.all([
    repo.listHazards(ctx.db, actor, teamIds, q, today, before?.[0] ?? null),
    before ? Promise.resolve(-1) : repo.countHazards(ctx.db, actor, teamIds, q, today),
  ]);
  const result = page(rows, q.limit, (r) => [r.h.id]);
  return {
    items: await Promise.all(result.items.map((r) => present(ctx, r, today))),
    nextCursor: result.nextCursor,
    total,
  };
}

export async function* iterateHazards(
  ctx: AppContext,
  actor: Actor,
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  clock: Clock = {},
) {
  const today = todayOf(clock);
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  for await (const r of repo.iterateHazards(ctx.db, actor, teamIds, q, today)) yield present(ctx, r, today);
}

export async function getHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  clock: Clock = {},
): Promise<HazardDetail> {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const r = await repo.findHazard(ctx.db, actor, teamIds, id);
  if (!r) throw hazardNotFound();
  const [photos, events, planName] = await Promise.all([
    repo.photosOf(ctx.db, id),
    repo.eventsOf(ctx.db, id),
    r.h.roundId ? repo.roundPlanName(ctx.db, r.h.roundId) : Promise.resolve(null),
  ]);
  return {
    ...(await present(ctx, r, todayOf(clock))),
    description: r.h.description,
    responsiblePhone: r.h.responsiblePhone,
    round: r.h.roundId && planName ? { id: r.h.roundId, planName } : null,
    photos: photos.map((p) => ({ ...p, stage: p.stage as PhotoStage })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      actor: e.actorLabel,
      note: e.note,
      data: (e.data as Record<string, unknown> | null) ?? null,
    })),
    abilities: hazardAbilities(actor, r, teamIds),
  };
}

export async function hazardStats(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
  clock: Clock = {},
) {
  const s = await repo.stats(ctx.db, actor, q, todayOf(clock));
  return {
    unclosed: s.totals.unclosed,
    reinspectionDue: s.totals.due,
    byGradeStatus: s.groups.map((g) => ({
      grade: g.grade as HazardGrade,
      status: g.status as HazardSummary['status'],
      count: g.count,
    })),
  };
}

export async function hazardFile(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
  thumbnail: boolean,
) {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  if (!(await repo.findHazard(ctx.db, actor, teamIds, id))) throw hazardNotFound();
  if (!(await repo.photoOfHazard(ctx.db, id, fileId)))
    throw new AppError('not_found', 404, { entity: 'file' });
  const file = await fileContent(ctx.db, fileId, thumbnail);
  if (!file?.content) throw new AppError('not_found', 404, { entity: 'file' });
  return { ...file, mime: thumbnail ? 'image/webp' : file.mime, content: file.content };
}

// ---------------------------------------------------------------------------------------------
// opening

/** The unit the responsibility list names for this category in this community (the street housing office if none). */
export async function responsibleUnit(
  ctx: AppContext,
  categoryCode: string,
  communityId: number,
): Promise<ResolvedUnit> {
  const [rules, dir, community] = await Promise.all([
    ruleCache.get(ctx),
    departmentCache.get(ctx),
    communityContext(ctx.db, null, communityId),
  ]);
  if (!community) throw unknownCommunity();
  const rule = ruleFor(rules.current, categoryCode, community.housingType);
  return rule
    ? routeCase(rule, community, dir).lead
    : resolveUnit({ resolver: 'street_housing_office' }, community, dir);
}

export interface HazardSpec {
  streetId: number;
  communityId: number;
  buildingId: number | null;
  assetId: number | null;
  roundId: number | null;
  itemKey: string | null;
  source: 'inspection' | 'report';
  categoryCode: string;
  grade: HazardGrade;
  title: string;
  description: string;
  responsible: ResolvedUnit;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
  foundByTeamId: number | null;
  photos: number[];
}

/**
 * Writes a hazard, its first event and photos inside the caller's transaction (an inspection round
 * being finished, or a hazard reported by hand); a major hazard goes at once to the on-duty repair
 * team, unless that team found it (查抢分离). Null when the round item already has its hazard.
 */
export async function openHazard(
  tx: Executor,
  actor: Actor,
  spec: HazardSpec,
  context: { districtId: number; days: ReinspectionDays; now: Date },
) {
  const today = shanghaiDate(context.now);
  let repairTeamId: number | null = null;
  if (spec.grade === 'major') {
    const team = await onDutyTeam(tx, context.districtId, today);
    if (team && team.id !== spec.foundByTeamId) repairTeamId = team.id;
  }
  const row = await repo.insertHazard(tx, {
    streetId: spec.streetId,
    communityId: spec.communityId,
    buildingId: spec.buildingId,
    assetId: spec.assetId,
    roundId: spec.roundId,
    itemKey: spec.itemKey,
    source: spec.source,
    categoryCode: spec.categoryCode,
    grade: spec.grade,
    title: spec.title,
    description: spec.description,
    responsibleUnitKind: spec.responsible.kind,
    responsibleUnitId: spec.responsible.id,
    responsibleUnitName: spec.responsible.name,
    responsiblePerson: spec.responsiblePerson,
    responsiblePhone: spec.responsiblePhone,
    foundByTeamId: spec.foundByTeamId,
    foundByUserId: actor.userId,
    foundByLabel: actor.displayName,
    foundAt: context.now,
    status: repairTeamId ? 'rectifying' : 'open',
    repairTeamId,
    nextReinspectionOn: nextReinspection(spec.grade, today, context.days),
    createdAt: context.now,
  });
  if (!row) return null;
  await repo.insertEvent(tx, {
    hazardId: row.id,
    streetId: row.streetId,
    at: context.now,
    actorUserId: actor.userId,
    actorLabel: actor.displayName,
    action: 'found',
    note: spec.description,
    data: { grade: spec.grade, responsible: spec.responsible.name, roundId: spec.roundId },
  });
  await repo.linkPhotos(tx, row.id, row.streetId, spec.photos, 'found');
  if (repairTeamId) {
    await emergencyRepo.insertDispatch(tx, {
      streetId: row.streetId,
      communityId: row.communityId,
      teamId: repairTeamId,
      hazardId: row.id,
      assignedBy: 'on-duty',
      assignedAt: context.now,
    });
    await repo.insertEvent(tx, {
      hazardId: row.id,
      streetId: row.streetId,
      at: context.now,
      actorUserId: null,
      actorLabel: 'on-duty',
      action: 'assigned',
      data: { teamId: repairTeamId, onDuty: true },
    });
  }
  return row;
}

async function checkPhotos(db: Executor, actor: Actor, ids: number[], path: string) {
  const ok = await repo.ownUnattachedFiles(db, actor.userId, ids);
  ids.forEach((id, i) => {
    if (!ok.has(id)) throw unknownPhoto(`${path}.${i}`);
  });
}

export async function createHazard(ctx: AppContext, actor: Actor, input: HazardInput, clock: Clock = {}) {
  assertCan(actor, 'hazards.report');
  const now = clock.now ?? new Date();
  const community = await communityInScope(ctx.db, actor, 'hazards.report', input.communityId);
  if (!community) throw unknownCommunity();
  await leafCategory(ctx, input.categoryCode);
  let buildingId = input.buildingId ?? null;
  if (buildingId && !(await buildingOfCommunity(ctx.db, buildingId, community.id))) throw unknownBuilding();
  if (input.assetId) {
    const a = await repo.assetOfCommunity(ctx.db, input.assetId, community.id);
    if (!a) throw unknownAsset();
    buildingId = buildingId ?? a.buildingId;
  }
  await checkPhotos(ctx.db, actor, input.photos, 'body.photos');
  const responsible = await responsibleUnit(ctx, input.categoryCode, community.id);
  const days = await reinspectionDaysOf(ctx.db, community.districtId);
  // a team member who registers a hazard found it for the team (查抢分离 applies to it)
  const [ownTeam] = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const row = await ctx.db.transaction(async (tx) => {
    const h = await openHazard(
      tx,
      actor,
      {
        streetId: community.streetId,
        communityId: community.id,
        buildingId,
        assetId: input.assetId ?? null,
        roundId: null,
        itemKey: null,
        source: 'report',
        categoryCode: input.categoryCode,
        grade: input.grade,
        title: input.title,
        description: input.description,
        responsible,
        responsiblePerson: input.responsiblePerson ?? null,
        responsiblePhone: input.responsiblePhone ?? null,
        foundByTeamId: ownTeam ?? null,
        photos: input.photos,
      },
      { districtId: community.districtId, days, now },
    );
    await recordAudit(tx, actor.audit, {
      action: 'hazard.created',
      entityType: 'hazard',
      entityId: h!.id,
      streetId: h!.streetId,
      after: { ...hazardAudit(h!), title: h!.title },
    });
    return h!;
  });
  if (input.fileCase) await fileCaseFor(ctx, actor, row.id, clock);
  await placeFiles(ctx.db, input.photos, row.streetId);
  return getHazard(ctx, actor, row.id, clock);
}

/**
 * Files the case for a hazard through the case intake, routed by the responsibility list (channel
 * `inspection`). Idempotent: the key is the hazard's, so a retry never makes a second case.
 */
export async function fileCaseFor(ctx: AppContext, actor: Actor, hazardId: number, clock: Clock = {}) {
  const r = await repo.hazardById(ctx.db, hazardId);
  if (!r) throw hazardNotFound();
  if (r.h.caseId) throw caseAlreadyFiled();
  const photos = (await repo.photosOf(ctx.db, hazardId))
    .filter((p) => p.stage === 'found')
    .map((p) => p.fileId);
  const attachable = await repo.ownUnattachedFiles(ctx.db, actor.userId, photos);
  const outcome = await reportCase(
    ctx,
    actor,
    {
      categoryCode: r.h.categoryCode,
      communityId: r.h.communityId,
      title: r.h.title,
      description: `${r.h.description}\n[${hazardNumber(r.h.id, r.h.foundAt)}]`,
      channel: 'inspection',
      urgency: r.h.grade === 'major' ? 'urgent' : undefined,
      // the asset the finding concerns (the round's target, or the one the inspector named)
      assetId: r.h.assetId && actor.can('assets.read') ? r.h.assetId : undefined,
      attachments: photos
        .filter((id) => attachable.has(id))
        .map((fileId) => ({ fileId, kind: 'before' as const })),
    },
    `hazard-${hazardId}`,
    clock,
  );
  const created = outcome.body as { id: number; number: string };
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateHazard(tx, hazardId, r.h.version, { caseId: created.id });
    if (!after) throw versionConflict(r.h.version);
    await repo.insertEvent(tx, {
      hazardId,
      streetId: r.h.streetId,
      at: clock.now ?? new Date(),
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action: 'case_filed',
      data: { caseId: created.id, caseNumber: created.number },
    });
    await recordAudit(tx, actor.audit, {
      action: 'hazard.case_filed',
      entityType: 'hazard',
      entityId: hazardId,
      streetId: r.h.streetId,
      before: hazardAudit(r.h),
      after: hazardAudit(after),
    });
  });
  return created;
}

export async function fileCase(ctx: AppContext, actor: Actor, id: number, clock: Clock = {}) {
  assertCan(actor, 'hazards.manage');
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const r = await repo.findHazard(ctx.db, actor, teamIds, id);
  if (!r) throw hazardNotFound();
  if (!hazardAbilities(actor, r, teamIds).fileCase) {
    if (r.h.caseId) throw caseAlreadyFiled();
    throw forbidden();
  }
  await fileCaseFor(ctx, actor, id, clock);
  return getHazard(ctx, actor, id, clock);
}

// ---------------------------------------------------------------------------------------------
// lifecycle

interface Loaded {
  r: repo.HazardListRow;
  teamIds: number[];
}

async function load(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: HazardAction,
  version: number,
): Promise<Loaded> {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const r = await repo.findHazard(ctx.db, actor, teamIds, id);
  if (!r) throw hazardNotFound();
  if (!allowed(action, r.h.status)) throw invalidTransition(action, r.h.status);
  if (version !== r.h.version) throw versionConflict(r.h.version);
  return { r, teamIds };
}

async function write(
  ctx: AppContext,
  actor: Actor,
  r: repo.HazardListRow,
  patch: Partial<repo.HazardRow>,
  event: { action: string; note?: string | null; data?: Record<string, unknown> | null },
  audit:
    | 'hazard.updated'
    | 'hazard.assigned'
    | 'hazard.repaired'
    | 'hazard.verified'
    | 'hazard.rejected'
    | 'hazard.reinspected',
  photos: { ids: number[]; stage: PhotoStage },
  now: Date,
  also?: (tx: Executor, after: repo.HazardRow) => Promise<void>,
) {
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateHazard(tx, r.h.id, r.h.version, patch);
    if (!after) throw versionConflict(r.h.version);
    await repo.insertEvent(tx, {
      hazardId: r.h.id,
      streetId: r.h.streetId,
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action: event.action,
      note: event.note ?? null,
      data: event.data ?? null,
    });
    await repo.linkPhotos(tx, r.h.id, r.h.streetId, photos.ids, photos.stage);
    await placeFiles(tx, photos.ids, r.h.streetId);
    if (also) await also(tx, after);
    await recordAudit(tx, actor.audit, {
      action: audit,
      entityType: 'hazard',
      entityId: r.h.id,
      streetId: r.h.streetId,
      before: hazardAudit(r.h),
      after: hazardAudit(after),
    });
  });
}

export async function updateHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof hazardPatch>,
  clock: Clock = {},
) {
  assertCan(actor, 'hazards.manage');
  const { r, teamIds } = await load(ctx, actor, id, 'edit', input.version);
  if (!hazardAbilities(actor, r, teamIds).edit) throw forbidden();
  const now = clock.now ?? new Date();
  const { version: _v, ...patch } = input;
  const set: Partial<repo.HazardRow> = { ...patch };
  if (patch.grade && patch.grade !== r.h.grade) {
    const days = await reinspectionDaysOf(ctx.db, await districtOf(ctx.db, actor));
    set.nextReinspectionOn = nextReinspection(patch.grade, todayOf(clock), days);
  }
  await write(
    ctx,
    actor,
    r,
    set,
    { action: 'updated', data: { ...patch } },
    'hazard.updated',
    { ids: [], stage: 'found' },
    now,
  );
  return getHazard(ctx, actor, id, clock);
}

/**
 * Sends the hazard to a repair team (today's on-duty team by default). 查抢分离: never to the team
 * that found it. Any earlier assignment of the hazard is closed.
 */
export async function assignHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof hazardAssign>,
  clock: Clock = {},
) {
  if (!actor.can('hazards.manage') && !actor.can('emergency.respond')) throw forbidden();
  const { r, teamIds } = await load(ctx, actor, id, 'assign', input.version);
  if (!hazardAbilities(actor, r, teamIds).assign) throw forbidden();
  const now = clock.now ?? new Date();
  const districtId = await districtOf(ctx.db, actor);
  let team: emergencyRepo.TeamRow | null;
  if (input.teamId) {
    team = await emergencyRepo.teamById(ctx.db, districtId, input.teamId);
    if (team?.kind !== 'repair' || !team.active) throw notRepairTeam('body.teamId');
  } else {
    team = await onDutyTeam(ctx.db, districtId, todayOf(clock));
    if (!team) throw noTeamOnDuty();
  }
  if (team.id === r.h.foundByTeamId) throw sameTeam();
  await write(
    ctx,
    actor,
    r,
    { status: 'rectifying', repairTeamId: team.id },
    { action: 'assigned', data: { teamId: team.id, teamName: team.name } },
    'hazard.assigned',
    { ids: [], stage: 'repair' },
    now,
    async (tx) => {
      await emergencyRepo.finishHazardDispatch(tx, id, now, null);
      await emergencyRepo.insertDispatch(tx, {
        streetId: r.h.streetId,
        communityId: r.h.communityId,
        teamId: team.id,
        hazardId: id,
        assignedBy: actor.displayName,
        assignedAt: now,
      });
    },
  );
  return getHazard(ctx, actor, id, clock);
}

/** The fixer records the repair with photos as evidence; a member of the finding team never may (查抢分离). */
export async function repairHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof hazardRepair>,
  clock: Clock = {},
) {
  assertCan(actor, 'hazards.repair');
  const { r, teamIds } = await load(ctx, actor, id, 'repair', input.version);
  if (r.h.foundByTeamId !== null && teamIds.includes(r.h.foundByTeamId)) throw finderCannotRepair();
  if (!mayRepair(actor, r, teamIds)) throw notRepairTeamMember();
  await checkPhotos(ctx.db, actor, input.photos, 'body.photos');
  const now = clock.now ?? new Date();
  await write(
    ctx,
    actor,
    r,
    {
      status: 'repaired',
      repairedByUserId: actor.userId,
      repairedByLabel: actor.displayName,
      repairedAt: now,
    },
    { action: 'repaired', note: input.note, data: { teamId: r.h.repairTeamId } },
    'hazard.repaired',
    { ids: input.photos, stage: 'repair' },
    now,
    async (tx) => {
      await emergencyRepo.finishHazardDispatch(tx, id, now, input.note);
    },
  );
  return getHazard(ctx, actor, id, clock);
}

/** Someone other than the fixer verifies: passed closes the hazard, failed sends it back as rework. */
export async function verifyHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof hazardVerify>,
  clock: Clock = {},
) {
  assertCan(actor, 'hazards.verify');
  const { r } = await load(ctx, actor, id, input.passed ? 'verify' : 'reject', input.version);
  if (r.h.repairedByUserId === actor.userId) throw verifierIsFixer();
  if (
    !reachesCommunity(actor, 'hazards.verify', {
      streetId: r.h.streetId,
      communityId: r.h.communityId,
      committeeId: r.committeeId,
      propertyOrgId: r.propertyOrgId,
    })
  )
    throw forbidden();
  await checkPhotos(ctx.db, actor, input.photos, 'body.photos');
  const now = clock.now ?? new Date();
  const base = { verifiedByUserId: actor.userId, verifiedByLabel: actor.displayName, verifiedAt: now };
  if (input.passed) {
    await write(
      ctx,
      actor,
      r,
      { ...base, status: 'closed', closedAt: now, nextReinspectionOn: null },
      { action: 'verified', note: input.note },
      'hazard.verified',
      { ids: input.photos, stage: 'verify' },
      now,
    );
  } else {
    const days = await reinspectionDaysOf(ctx.db, await districtOf(ctx.db, actor));
    await write(
      ctx,
      actor,
      r,
      {
        ...base,
        status: 'rectifying',
        reworkCount: r.h.reworkCount + 1,
        repairedByUserId: null,
        repairedByLabel: null,
        repairedAt: null,
        nextReinspectionOn: nextReinspection(r.h.grade as HazardGrade, todayOf(clock), days),
      },
      { action: 'rejected', note: input.note },
      'hazard.rejected',
      { ids: input.photos, stage: 'verify' },
      now,
      async (tx) => {
        // the same team goes back to it
        if (r.h.repairTeamId)
          await emergencyRepo.insertDispatch(tx, {
            streetId: r.h.streetId,
            communityId: r.h.communityId,
            teamId: r.h.repairTeamId,
            hazardId: id,
            assignedBy: actor.displayName,
            assignedAt: now,
            note: input.note,
          });
      },
    );
  }
  return getHazard(ctx, actor, id, clock);
}

/** A rolling re-inspection: what was seen, optionally a new grade; the next date follows the grade. */
export async function reinspectHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof hazardReinspect>,
  clock: Clock = {},
) {
  if (!actor.can('hazards.verify') && !actor.can('hazards.manage')) throw forbidden();
  const { r, teamIds } = await load(ctx, actor, id, 'reinspect', input.version);
  if (!hazardAbilities(actor, r, teamIds).reinspect) throw forbidden();
  await checkPhotos(ctx.db, actor, input.photos, 'body.photos');
  const now = clock.now ?? new Date();
  const grade = (input.grade ?? r.h.grade) as HazardGrade;
  const days = await reinspectionDaysOf(ctx.db, await districtOf(ctx.db, actor));
  await write(
    ctx,
    actor,
    r,
    { grade, nextReinspectionOn: nextReinspection(grade, todayOf(clock), days) },
    { action: 'reinspected', note: input.note, data: input.grade ? { grade } : null },
    'hazard.reinspected',
    { ids: input.photos, stage: 'reinspect' },
    now,
  );
  return getHazard(ctx, actor, id, clock);
}
