import type { z } from 'zod';
import {
  type ChecklistItem,
  type Coverage,
  higherCadence,
  type Plan,
  type PlanInput,
  type planPatch,
  type Round,
  type RoundDetail,
  type RoundListQuery,
  type roundAnswers,
  type TargetFilter,
} from '../../../contracts/inspections';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { dayFromText, dayText, shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, forbidden, versionConflict } from '../../platform/errors';
import { fileContent, placeFiles } from '../../platform/files/files';
import { decodeCursor, page } from '../../platform/pagination';
import { applyInspectionFinding } from '../assets/assets.usecases';
import { categoryCache } from '../duties/duties.usecases';
import * as emergencyRepo from '../emergency/emergency.repository';
import * as hazardsRepo from '../hazards/hazards.repository';
import { fileCaseFor, openHazard, reinspectionDaysOf, responsibleUnit } from '../hazards/hazards.usecases';
import { hazardNumber } from '../hazards/hazards.workflow';
import { districtOf } from '../org/org.places';
import {
  duplicateItem,
  itemsMissing,
  noteRequiredForFail,
  notInspectionTeam,
  notTeamMember,
  planNotFound,
  roundDone,
  roundNotFound,
  streetOutsidePlace,
  unknownChecklistCategory,
  unknownItem,
  unknownPhoto,
} from './inspections.errors';
import * as repo from './inspections.repository';
import { coverageOf, type PlanSchedule, percent, roundsDue, windowOf } from './inspections.schedule';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'inspection_plan.created': { after: repo.PlanRow };
    'inspection_plan.updated': { before: repo.PlanRow; after: repo.PlanRow };
    'inspection_round.generated': { after: { planId: number; day: string; created: number } };
    'inspection_round.saved': { before: { status: string; version: number }; after: Record<string, unknown> };
    'inspection_round.finished': {
      before: { status: string; version: number };
      after: Record<string, unknown>;
    };
  }
}

export interface Clock {
  now?: Date;
}
const todayOf = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

const SYSTEM = { userId: null, label: 'inspection-scheduler' };

function scheduleOf(p: repo.PlanRow): PlanSchedule {
  return {
    cadence: p.cadence as PlanSchedule['cadence'],
    mixedUseCadence: (p.mixedUseCadence as PlanSchedule['cadence'] | null) ?? null,
    startsOn: p.startsOn,
    dueOn: p.dueOn,
    endsOn: p.endsOn,
    active: p.active,
  };
}

// ---------------------------------------------------------------------------------------------
// plans

function planAbilities(actor: Actor, p: repo.PlanRow) {
  const edit = actor
    .reach('inspections.plan')
    .some(
      (x) =>
        x.level === 'district' || (x.level === 'street' && p.streetId !== null && x.streetId === p.streetId),
    );
  return { edit };
}

async function presentPlan(ctx: AppContext, actor: Actor, r: repo.PlanListRow): Promise<Plan> {
  const p = r.p;
  return {
    id: p.id,
    name: p.name,
    type: p.type as Plan['type'],
    targetKind: p.targetKind as Plan['targetKind'],
    filter: p.filter as TargetFilter,
    cadence: p.cadence as Plan['cadence'],
    mixedUseCadence: (p.mixedUseCadence as Plan['cadence'] | null) ?? null,
    startsOn: p.startsOn,
    dueOn: p.dueOn,
    endsOn: p.endsOn,
    street: p.streetId && r.streetName ? { id: p.streetId, name: r.streetName } : null,
    team: { id: p.teamId, name: r.teamName },
    checklist: p.checklist as ChecklistItem[],
    active: p.active,
    targetCount: await repo.countTargets(ctx.db, p),
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
    abilities: planAbilities(actor, p),
  };
}

export async function listPlans(ctx: AppContext, actor: Actor) {
  const rows = await repo.listPlans(ctx.db, actor, await districtOf(ctx.db, actor));
  return {
    items: await Promise.all(rows.map((r) => presentPlan(ctx, actor, r))),
    abilities: { create: actor.can('inspections.plan') },
  };
}

export async function getPlan(ctx: AppContext, actor: Actor, id: number) {
  const r = await repo.findPlan(ctx.db, actor, id);
  if (!r) throw planNotFound();
  return presentPlan(ctx, actor, r);
}

async function checkChecklist(ctx: AppContext, items: ChecklistItem[]) {
  const cats = (await categoryCache.get(ctx)).byCode;
  items.forEach((item, i) => {
    const c = cats.get(item.categoryCode);
    if (!c?.active || c.level !== 2) throw unknownChecklistCategory(i);
  });
}

/** Any active team may run a plan: inspection teams usually, repair teams for pre-flood campaigns. */
async function inspectionTeam(ctx: AppContext, districtId: number, teamId: number) {
  const team = await emergencyRepo.teamById(ctx.db, districtId, teamId);
  if (!team?.active) throw notInspectionTeam();
  return team;
}

export async function createPlan(ctx: AppContext, actor: Actor, input: PlanInput, clock: Clock = {}) {
  assertCan(actor, 'inspections.plan');
  const districtId = await districtOf(ctx.db, actor);
  // a street officer plans for their street; the district plans district-wide
  const reach = actor.reach('inspections.plan');
  const districtWide = reach.some((p) => p.level === 'district');
  const streetId = districtWide
    ? null
    : ((reach.find((p) => p.level === 'street') as { streetId: number } | undefined)?.streetId ?? null);
  if (!districtWide && streetId === null) throw forbidden();
  if (streetId !== null)
    input.filter.streetIds?.forEach((s, i) => {
      if (s !== streetId) throw streetOutsidePlace(i);
    });
  await inspectionTeam(ctx, districtId, input.teamId);
  await checkChecklist(ctx, input.checklist);
  const mixedUseCadence =
    input.mixedUseCadence !== undefined
      ? input.mixedUseCadence
      : input.type === 'fire_patrol' && higherCadence(input.cadence) !== input.cadence
        ? higherCadence(input.cadence)
        : null;
  const row = await ctx.db.transaction(async (tx) => {
    const p = await repo.insertPlan(tx, {
      districtId,
      streetId,
      name: input.name,
      type: input.type,
      targetKind: input.targetKind,
      filter: input.filter,
      cadence: input.cadence,
      mixedUseCadence,
      startsOn: input.startsOn,
      dueOn: input.dueOn ?? null,
      endsOn: input.endsOn ?? null,
      teamId: input.teamId,
      checklist: input.checklist,
      createdByUserId: actor.userId,
      createdBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'inspection_plan.created',
      entityType: 'inspection_plan',
      entityId: p.id,
      streetId,
      after: p,
    });
    return p;
  });
  await generateRoundsForPlan(ctx, row, todayOf(clock));
  return getPlan(ctx, actor, row.id);
}

export async function updatePlan(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof planPatch>,
) {
  assertCan(actor, 'inspections.plan');
  const r = await repo.findPlan(ctx.db, actor, id);
  if (!r || !planAbilities(actor, r.p).edit) throw planNotFound();
  const { version, ...patch } = input;
  if (patch.teamId) await inspectionTeam(ctx, r.p.districtId, patch.teamId);
  if (patch.checklist) await checkChecklist(ctx, patch.checklist);
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updatePlan(tx, id, version, patch);
    if (!after) throw versionConflict(r.p.version);
    await recordAudit(tx, actor.audit, {
      action: 'inspection_plan.updated',
      entityType: 'inspection_plan',
      entityId: id,
      streetId: r.p.streetId,
      before: r.p,
      after,
    });
  });
  return getPlan(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// generation

function roundValues(plan: repo.PlanRow, t: repo.TargetRow, d: { cycleStart: string; dueOn: string }) {
  return {
    planId: plan.id,
    streetId: t.streetId,
    communityId: t.communityId,
    buildingId: t.buildingId,
    assetId: t.assetId,
    targetKind: t.kind,
    targetId: t.id,
    targetName: t.name,
    teamId: plan.teamId,
    cycleStart: d.cycleStart,
    dueOn: d.dueOn,
    checklist: plan.checklist,
  };
}

/** Writes the rounds a plan owes on `day` (idempotent: the unique key drops the ones that exist). */
export async function generateRoundsForPlan(ctx: AppContext, plan: repo.PlanRow, day: string) {
  const targets = await repo.targetsOf(ctx.db, plan);
  const due = roundsDue(scheduleOf(plan), targets, day);
  if (!due.length) return 0;
  const byId = new Map(targets.map((t) => [`${t.kind}:${t.id}`, t]));
  return ctx.db.transaction(async (tx) => {
    const created = await repo.insertRounds(
      tx,
      due.map((d) => roundValues(plan, byId.get(`${d.target.kind}:${d.target.id}`)!, d)),
    );
    if (created)
      await recordAudit(tx, SYSTEM, {
        action: 'inspection_round.generated',
        entityType: 'inspection_plan',
        entityId: plan.id,
        streetId: plan.streetId,
        after: { planId: plan.id, day, created },
      });
    return created;
  });
}

/** The pg-boss job: every active plan's rounds for today. Safe on several instances (unique keys). */
export async function generateRounds(ctx: AppContext, clock: Clock = {}) {
  const day = todayOf(clock);
  let created = 0;
  for (const plan of await repo.activePlans(ctx.db)) created += await generateRoundsForPlan(ctx, plan, day);
  return { created };
}

export async function generateNow(ctx: AppContext, actor: Actor, id: number, clock: Clock = {}) {
  assertCan(actor, 'inspections.plan');
  const r = await repo.findPlan(ctx.db, actor, id);
  if (!r || !planAbilities(actor, r.p).edit) throw planNotFound();
  return { created: await generateRoundsForPlan(ctx, r.p, todayOf(clock)) };
}

/**
 * Writes every round a plan owed on the days from `from` to `to` (a plan that started in the past,
 * or days the job did not run), in one go; idempotent like the daily generation.
 */
export async function backfillRounds(ctx: AppContext, plan: repo.PlanRow, from: string, to: string) {
  const targets = await repo.targetsOf(ctx.db, plan);
  const byKey = new Map<string, ReturnType<typeof roundsDue>[number]>();
  for (let n = dayFromText(from); n <= dayFromText(to); n++)
    for (const d of roundsDue(scheduleOf(plan), targets, dayText(n)))
      byKey.set(`${d.target.kind}:${d.target.id}:${d.cycleStart}`, d);
  const targetById = new Map(targets.map((t) => [`${t.kind}:${t.id}`, t]));
  return ctx.db.transaction(async (tx) => {
    const created = await repo.insertRounds(
      tx,
      [...byKey.values()].map((d) =>
        roundValues(plan, targetById.get(`${d.target.kind}:${d.target.id}`)!, d),
      ),
    );
    if (created)
      await recordAudit(tx, SYSTEM, {
        action: 'inspection_round.generated',
        entityType: 'inspection_plan',
        entityId: plan.id,
        streetId: plan.streetId,
        after: { planId: plan.id, day: `${from}..${to}`, created },
      });
    return created;
  });
}

// ---------------------------------------------------------------------------------------------
// rounds

function presentRound(r: repo.RoundListRow, today: string): Round {
  const x = r.r;
  const finishedOn = x.finishedAt ? shanghaiDate(x.finishedAt) : null;
  return {
    id: x.id,
    plan: { id: x.planId, name: r.planName, type: r.planType as Round['plan']['type'] },
    target: { kind: x.targetKind as Round['target']['kind'], id: x.targetId, name: x.targetName },
    street: { id: x.streetId, name: r.streetName },
    community: { id: x.communityId, name: r.communityName },
    team: { id: x.teamId, name: r.teamName },
    cycleStart: x.cycleStart,
    dueOn: x.dueOn,
    status: x.status as Round['status'],
    overdue: x.status !== 'done' && today > x.dueOn,
    onTime: finishedOn ? finishedOn <= x.dueOn : null,
    startedAt: x.startedAt?.toISOString() ?? null,
    finishedAt: x.finishedAt?.toISOString() ?? null,
    finishedBy: x.finishedBy,
    itemCount: r.itemCount,
    failedCount: x.failedCount,
    version: x.version,
  };
}

export async function listRounds(ctx: AppContext, actor: Actor, q: RoundListQuery, clock: Clock = {}) {
  const today = todayOf(clock);
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const after = decodeCursor<[string, number]>(q.cursor, ['string', 'number']);
  const [rows, total] = await Promise.all([
    repo.listRounds(ctx.db, actor, teamIds, q, today, after),
    after ? Promise.resolve(-1) : repo.countRounds(ctx.db, actor, teamIds, q, today),
  ]);
  const result = page(rows, q.limit, (r) => [r.r.dueOn, r.r.id]);
  return { items: result.items.map((r) => presentRound(r, today)), nextCursor: result.nextCursor, total };
}

/** Every round of a filtered list, page by page, for the Excel export. */
export async function* iterateRounds(
  ctx: AppContext,
  actor: Actor,
  q: Omit<RoundListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  do {
    const p = await listRounds(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

export async function getRound(
  ctx: AppContext,
  actor: Actor,
  id: number,
  clock: Clock = {},
): Promise<RoundDetail> {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const r = await repo.findRound(ctx.db, actor, teamIds, id);
  if (!r) throw roundNotFound();
  const [answers, photos, hazards] = await Promise.all([
    repo.answersOf(ctx.db, id),
    repo.photosOf(ctx.db, id),
    hazardsRepo.hazardsOfRound(ctx.db, id),
  ]);
  const items = (r.r.checklist as ChecklistItem[]).map((item) => {
    const a = answers.find((x) => x.itemKey === item.key);
    return {
      ...item,
      result: (a?.result as RoundDetail['items'][number]['result']) ?? null,
      note: a?.note ?? null,
      photos: photos
        .filter((p) => p.itemKey === item.key)
        .map((p) => ({ fileId: p.fileId, name: p.name, hasThumbnail: p.hasThumbnail })),
    };
  });
  return {
    ...presentRound(r, todayOf(clock)),
    address: r.address,
    items,
    hazards: hazards.map((h) => ({
      id: h.h.id,
      number: hazardNumber(h.h.id, h.h.foundAt),
      title: h.h.title,
      grade: h.h.grade as RoundDetail['hazards'][number]['grade'],
      status: h.h.status,
      case: h.h.caseId && h.caseNumber ? { id: h.h.caseId, number: h.caseNumber } : null,
    })),
    abilities: {
      perform: r.r.status !== 'done' && actor.can('inspections.perform') && teamIds.includes(r.r.teamId),
    },
  };
}

export async function roundFile(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
  thumbnail: boolean,
) {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  if (!(await repo.findRound(ctx.db, actor, teamIds, id))) throw roundNotFound();
  if (!(await repo.photoOfRound(ctx.db, id, fileId)))
    throw new AppError('not_found', 404, { entity: 'file' });
  const file = await fileContent(ctx.db, fileId, thumbnail);
  if (!file?.content) throw new AppError('not_found', 404, { entity: 'file' });
  return { ...file, mime: thumbnail ? 'image/webp' : file.mime, content: file.content };
}

/**
 * Saves answers to a round (the phone form), and with `finish` closes it: every item answered;
 * each failed item becomes a hazard (and, when the item says so, a case through the intake,
 * routed by the responsibility list); what the items found about assets is recorded (fire intact rate).
 */
export async function answerRound(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof roundAnswers>,
  clock: Clock = {},
) {
  assertCan(actor, 'inspections.perform');
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  const r = await repo.findRound(ctx.db, actor, teamIds, id);
  if (!r) throw roundNotFound();
  const round = r.r;
  if (!teamIds.includes(round.teamId)) throw notTeamMember();
  if (round.status === 'done') throw roundDone();
  if (input.version !== round.version) throw versionConflict(round.version);

  const checklist = round.checklist as ChecklistItem[];
  const keys = new Map(checklist.map((c) => [c.key, c]));
  const seen = new Set<string>();
  input.items.forEach((a, i) => {
    if (!keys.has(a.key)) throw unknownItem(i);
    if (seen.has(a.key)) throw duplicateItem(i);
    seen.add(a.key);
    if (a.result === 'fail' && !a.note) throw noteRequiredForFail(i);
  });
  const allPhotoIds = input.items.flatMap((a) => a.photos);
  const attachable = await repo.attachableToRound(ctx.db, actor.userId, id, allPhotoIds);
  const used = new Set<number>();
  input.items.forEach((a, i) => {
    a.photos.forEach((f, j) => {
      if (!attachable.has(f) || used.has(f)) throw unknownPhoto(i, j);
      used.add(f);
    });
  });

  const existing = await repo.answersOf(ctx.db, id);
  const merged = new Map<string, { result: string; note: string | null }>(
    existing.map((a) => [a.itemKey, { result: a.result, note: a.note }]),
  );
  for (const a of input.items) merged.set(a.key, { result: a.result, note: a.note ?? null });
  if (input.finish) {
    const missing = checklist.filter((c) => !merged.has(c.key)).map((c) => c.key);
    if (missing.length) throw itemsMissing(missing);
  }

  const now = clock.now ?? new Date();
  const failed = checklist.filter((c) => merged.get(c.key)?.result === 'fail');
  // what finishing needs from outside the transaction: who is responsible for each failed item
  const responsible = input.finish
    ? new Map(
        await Promise.all(
          failed.map(
            async (c) => [c.key, await responsibleUnit(ctx, c.categoryCode, round.communityId)] as const,
          ),
        ),
      )
    : new Map();
  const districtId = await districtOf(ctx.db, actor);
  const days = await reinspectionDaysOf(ctx.db, districtId);

  const opened = await ctx.db.transaction(async (tx) => {
    await repo.upsertAnswers(
      tx,
      input.items.map((a) => ({
        roundId: id,
        streetId: round.streetId,
        itemKey: a.key,
        result: a.result,
        note: a.note ?? null,
        answeredAt: now,
        answeredBy: actor.displayName,
      })),
    );
    await repo.setPhotos(
      tx,
      id,
      round.streetId,
      input.items.map((a) => ({ itemKey: a.key, fileIds: a.photos })),
    );
    const after = await repo.updateRound(tx, id, round.version, {
      status: input.finish ? 'done' : 'in_progress',
      startedAt: round.startedAt ?? now,
      ...(input.finish
        ? {
            finishedAt: now,
            finishedByUserId: actor.userId,
            finishedBy: actor.displayName,
            failedCount: failed.length,
          }
        : {}),
    });
    if (!after) throw versionConflict(round.version);
    const hazards: { id: number; createsCase: boolean }[] = [];
    if (input.finish) {
      const photos = await repo.photosOf(tx, id);
      for (const item of failed) {
        const h = await openHazard(
          tx,
          actor,
          {
            streetId: round.streetId,
            communityId: round.communityId,
            buildingId: round.buildingId,
            assetId: round.assetId,
            roundId: id,
            itemKey: item.key,
            source: 'inspection',
            categoryCode: item.categoryCode,
            grade: item.grade,
            // the inspector's note says what is wrong; the checklist item what should have been right
            title: `${round.targetName}：${merged.get(item.key)?.note ?? item.text}`.slice(0, 100),
            description: merged.get(item.key)?.note ?? item.text,
            responsible: responsible.get(item.key)!,
            responsiblePerson: null,
            responsiblePhone: null,
            foundByTeamId: round.teamId,
            photos: photos.filter((p) => p.itemKey === item.key).map((p) => p.fileId),
          },
          { districtId, days, now },
        );
        if (h) hazards.push({ id: h.id, createsCase: item.createsCase });
      }
      await recordFindings(tx, round, checklist, merged, now);
    }
    await recordAudit(tx, actor.audit, {
      action: input.finish ? 'inspection_round.finished' : 'inspection_round.saved',
      entityType: 'inspection_round',
      entityId: id,
      streetId: round.streetId,
      before: { status: round.status, version: round.version },
      after: {
        status: after.status,
        version: after.version,
        answers: input.items.map((a) => ({ key: a.key, result: a.result })),
        hazards: hazards.map((h) => h.id),
      },
    });
    return hazards;
  });

  if (input.finish) {
    for (const h of opened.filter((x) => x.createsCase)) {
      try {
        await fileCaseFor(ctx, actor, h.id, clock);
      } catch (err) {
        // the round stays finished and the hazard open; its case can be filed again from the hazard
        if (!(err instanceof AppError) || err.status >= 500) throw err;
      }
    }
    await placeFiles(
      ctx.db,
      (await repo.photosOf(ctx.db, id)).map((p) => p.fileId),
      round.streetId,
    );
  }
  return getRound(ctx, actor, id, clock);
}

/** Asset conditions from a finished round: items naming an asset kind, or the whole round for an asset target. */
async function recordFindings(
  tx: Executor,
  round: repo.RoundRow,
  checklist: ChecklistItem[],
  answers: Map<string, { result: string }>,
  at: Date,
) {
  const target = { assetId: round.assetId, buildingId: round.buildingId, communityId: round.communityId };
  if (round.targetKind === 'asset') {
    const results = checklist.map((c) => answers.get(c.key)?.result).filter((x) => x && x !== 'na');
    if (results.length)
      await applyInspectionFinding(tx, target, null, results.includes('fail') ? 'defective' : 'intact', at);
    return;
  }
  const byKind = new Map<string, boolean>();
  for (const c of checklist) {
    const result = answers.get(c.key)?.result;
    if (!c.assetKind || !result || result === 'na') continue;
    byKind.set(c.assetKind, (byKind.get(c.assetKind) ?? false) || result === 'fail');
  }
  for (const [kind, failedAny] of byKind)
    await applyInspectionFinding(
      tx,
      { ...target, assetId: null },
      kind,
      failedAny ? 'defective' : 'intact',
      at,
    );
}

// ---------------------------------------------------------------------------------------------
// coverage

export async function coverage(
  ctx: AppContext,
  actor: Actor,
  planId: number,
  on?: string,
  clock: Clock = {},
): Promise<Coverage> {
  const r = await repo.findPlan(ctx.db, actor, planId);
  if (!r) throw planNotFound();
  const today = todayOf(clock);
  const window = windowOf(scheduleOf(r.p), on ?? today);
  const rounds = await repo.roundsInWindow(ctx.db, actor, planId, window.start, window.end);
  const toCoverage = (list: typeof rounds) =>
    coverageOf(
      list.map((x) => ({
        targetKey: `${x.targetKind}:${x.targetId}`,
        dueOn: x.dueOn,
        finishedOn: x.finishedOn,
      })),
      today,
    );
  const group = <K>(key: (x: (typeof rounds)[number]) => K) => {
    const m = new Map<K, typeof rounds>();
    for (const x of rounds) {
      const k = key(x);
      m.set(k, [...(m.get(k) ?? []), x]);
    }
    return m;
  };
  const total = toCoverage(rounds);
  const byStreet = [...group((x) => x.streetId).values()].map((list) => {
    const c = toCoverage(list);
    return {
      street: { id: list[0]!.streetId, name: list[0]!.streetName },
      covered: c.covered,
      total: c.total,
      rate: c.rate,
    };
  });
  const byCommunity = [...group((x) => x.communityId).values()].map((list) => {
    const c = toCoverage(list);
    return {
      community: { id: list[0]!.communityId, name: list[0]!.communityName },
      street: { id: list[0]!.streetId, name: list[0]!.streetName },
      covered: c.covered,
      total: c.total,
      rate: c.rate,
    };
  });
  byStreet.sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || a.street.id - b.street.id);
  byCommunity.sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || a.community.id - b.community.id);
  return {
    plan: {
      id: r.p.id,
      name: r.p.name,
      type: r.p.type as Coverage['plan']['type'],
      cadence: r.p.cadence as Coverage['plan']['cadence'],
    },
    cycle: window,
    total: {
      covered: total.covered,
      total: total.total,
      rate: percent(total.covered, total.total),
      pending: total.pending,
      late: total.late,
    },
    byStreet,
    byCommunity,
  };
}
