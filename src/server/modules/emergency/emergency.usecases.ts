import type { z } from 'zod';
import type {
  Dispatch,
  Material,
  materialInput,
  movementInput,
  rosterInput,
  Team,
  TeamInput,
  teamPatch,
} from '../../../contracts/emergency';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { dayFromText, shanghaiDate } from '../../platform/calendar/calendar';
import { notFound, versionConflict } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { findVisibleCase } from '../cases/cases.repository';
import { districtOf } from '../org/org.places';
import {
  alreadyDispatched,
  dispatchNotFound,
  insufficientStock,
  invalidStep,
  materialNotFound,
  noTeamOnDuty,
  notEmergencyCase,
  notRepairTeam,
  notTeamMember,
  rangeTooLong,
  teamNameTaken,
  teamNotFound,
  unknownHazard,
  unknownUser,
} from './emergency.errors';
import * as repo from './emergency.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'team.created': { after: repo.TeamRow & { members: number[] } };
    'team.updated': {
      before: repo.TeamRow & { members: number[] };
      after: repo.TeamRow & { members: number[] };
    };
    'roster.set': { before: Record<string, unknown> | null; after: Record<string, unknown> };
    'material.created': { after: repo.MaterialRow };
    'material.moved': { before: { stock: number }; after: Record<string, unknown> };
    'dispatch.created': { after: repo.DispatchRow };
    'dispatch.arrive': { before: repo.DispatchRow; after: repo.DispatchRow };
    'dispatch.done': { before: repo.DispatchRow; after: repo.DispatchRow };
    'dispatch.swept': { after: { dispatches: { caseId: number; teamId: number }[] } };
  }
}

export interface Clock {
  now?: Date;
}

const today = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

// ---------------------------------------------------------------------------------------------
// teams

async function presentTeams(
  ctx: AppContext,
  actor: Actor,
  rows: repo.TeamRow[],
  day: string,
): Promise<Team[]> {
  const districtId = await districtOf(ctx.db, actor);
  const [members, duty] = await Promise.all([
    repo.membersOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    repo.rosterOn(ctx.db, districtId, day),
  ]);
  return rows.map((t) => {
    const ms = members.filter((m) => m.teamId === t.id);
    return {
      id: t.id,
      kind: t.kind as Team['kind'],
      name: t.name,
      leaderName: t.leaderName,
      phone: t.phone,
      active: t.active,
      members: ms.map((m) => ({ userId: m.userId, username: m.username, displayName: m.displayName })),
      onDutyToday: duty?.teamId === t.id,
      mine: ms.some((m) => m.userId === actor.userId),
      version: t.version,
    };
  });
}

export async function listTeams(ctx: AppContext, actor: Actor, clock: Clock = {}) {
  const districtId = await districtOf(ctx.db, actor);
  const rows = await repo.teamsOf(ctx.db, districtId);
  return {
    items: await presentTeams(ctx, actor, rows, today(clock)),
    abilities: { manage: actor.can('emergency.manage') },
  };
}

export async function teamCandidates(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'emergency.manage');
  return repo.teamCandidates(ctx.db, await districtOf(ctx.db, actor));
}

async function checkMembers(db: Executor, districtId: number, ids: number[]) {
  const found = await repo.existingUsers(db, districtId, ids);
  ids.forEach((id, i) => {
    if (!found.has(id)) throw unknownUser(i);
  });
}

export async function createTeam(ctx: AppContext, actor: Actor, input: TeamInput) {
  assertCan(actor, 'emergency.manage');
  const districtId = await districtOf(ctx.db, actor);
  await checkMembers(ctx.db, districtId, input.memberUserIds);
  const row = await ctx.db.transaction(async (tx) => {
    const team = await repo.insertTeam(tx, {
      districtId,
      kind: input.kind,
      name: input.name,
      leaderName: input.leaderName ?? null,
      phone: input.phone ?? null,
    });
    if (!team) throw teamNameTaken();
    await repo.setMembers(tx, team.id, input.memberUserIds);
    await recordAudit(tx, actor.audit, {
      action: 'team.created',
      entityType: 'team',
      entityId: team.id,
      streetId: null,
      after: { ...team, members: input.memberUserIds },
    });
    return team;
  });
  return (await presentTeams(ctx, actor, [row], today({})))[0]!;
}

export async function updateTeam(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof teamPatch>,
) {
  assertCan(actor, 'emergency.manage');
  const districtId = await districtOf(ctx.db, actor);
  const before = await repo.teamById(ctx.db, districtId, id);
  if (!before) throw teamNotFound();
  if (input.memberUserIds) await checkMembers(ctx.db, districtId, input.memberUserIds);
  const { version, memberUserIds, ...patch } = input;
  const beforeMembers = (await repo.membersOf(ctx.db, [id])).map((m) => m.userId);
  const row = await ctx.db.transaction(async (tx) => {
    const after = await repo.updateTeam(tx, id, version, patch).catch((err) => {
      if ((err as { cause?: { code?: string } }).cause?.code === '23505') throw teamNameTaken();
      throw err;
    });
    if (!after) throw versionConflict(before.version);
    if (memberUserIds) await repo.setMembers(tx, id, memberUserIds);
    await recordAudit(tx, actor.audit, {
      action: 'team.updated',
      entityType: 'team',
      entityId: id,
      streetId: null,
      before: { ...before, members: beforeMembers },
      after: { ...after, members: memberUserIds ?? beforeMembers },
    });
    return after;
  });
  return (await presentTeams(ctx, actor, [row], today({})))[0]!;
}

/** The repair team on duty on `day` (the roster), if one is set and active. */
export async function onDutyTeam(db: Executor, districtId: number, day: string) {
  const entry = await repo.rosterOn(db, districtId, day);
  if (!entry) return null;
  const team = await repo.teamById(db, districtId, entry.teamId);
  return team?.active ? team : null;
}

export async function onDutyToday(ctx: AppContext, actor: Actor, clock: Clock = {}) {
  const districtId = await districtOf(ctx.db, actor);
  const day = today(clock);
  const team = await onDutyTeam(ctx.db, districtId, day);
  return {
    date: day,
    team: team ? (await presentTeams(ctx, actor, [team], day))[0]! : null,
    openDispatches: team ? await repo.openDispatchCount(ctx.db, team.id) : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// roster

export async function roster(ctx: AppContext, actor: Actor, from: string, to: string, clock: Clock = {}) {
  if (dayFromText(to) < dayFromText(from) || dayFromText(to) - dayFromText(from) > 92) throw rangeTooLong();
  const districtId = await districtOf(ctx.db, actor);
  const rows = await repo.rosterBetween(ctx.db, districtId, from, to);
  return {
    items: rows.map((r) => ({ date: r.day, team: { id: r.teamId, name: r.teamName }, note: r.note })),
    today: today(clock),
    abilities: { manage: actor.can('emergency.manage') },
  };
}

export async function setRoster(
  ctx: AppContext,
  actor: Actor,
  day: string,
  input: z.infer<typeof rosterInput>,
) {
  assertCan(actor, 'emergency.manage');
  const districtId = await districtOf(ctx.db, actor);
  const team = await repo.teamById(ctx.db, districtId, input.teamId);
  if (team?.kind !== 'repair' || !team.active) throw notRepairTeam('body.teamId');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.rosterOn(tx, districtId, day);
    const after = await repo.upsertRoster(tx, {
      districtId,
      day,
      teamId: team.id,
      note: input.note ?? null,
      setBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'roster.set',
      entityType: 'duty_roster',
      entityId: day,
      streetId: null,
      before: before ? { ...before } : null,
      after: { ...after },
    });
    return { date: day, team: { id: team.id, name: team.name }, note: after.note };
  });
}

// ---------------------------------------------------------------------------------------------
// materials

function presentMaterial(m: repo.MaterialRow): Material {
  return {
    id: m.id,
    name: m.name,
    spec: m.spec,
    unit: m.unit,
    stock: m.stock,
    minStock: m.minStock,
    location: m.location,
    low: m.stock < m.minStock,
    version: m.version,
  };
}

export async function listMaterials(ctx: AppContext, actor: Actor) {
  const rows = await repo.materialsOf(ctx.db, await districtOf(ctx.db, actor));
  return { items: rows.map(presentMaterial), abilities: { stock: actor.can('emergency.stock') } };
}

export async function createMaterial(ctx: AppContext, actor: Actor, input: z.infer<typeof materialInput>) {
  assertCan(actor, 'emergency.stock');
  const districtId = await districtOf(ctx.db, actor);
  const row = await ctx.db.transaction(async (tx) => {
    const m = await repo.insertMaterial(tx, {
      districtId,
      name: input.name,
      spec: input.spec ?? null,
      unit: input.unit,
      minStock: input.minStock,
      location: input.location ?? null,
    });
    await recordAudit(tx, actor.audit, {
      action: 'material.created',
      entityType: 'material',
      entityId: m.id,
      streetId: null,
      after: m,
    });
    return m;
  });
  return presentMaterial(row);
}

/** One stock movement; the stock never goes below zero (the row is locked while it is computed). */
export async function moveMaterial(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof movementInput>,
) {
  assertCan(actor, 'emergency.stock');
  const districtId = await districtOf(ctx.db, actor);
  if (input.hazardId && !(await repo.hazardExists(ctx.db, input.hazardId))) throw unknownHazard();
  const row = await ctx.db.transaction(async (tx) => {
    const m = await repo.materialById(tx, districtId, id, true);
    if (!m) throw materialNotFound();
    const delta =
      input.kind === 'in'
        ? input.quantity
        : input.kind === 'out'
          ? -input.quantity
          : input.quantity - m.stock;
    if (m.stock + delta < 0) throw insufficientStock(m.stock);
    const { movement, after } = await repo.moveStock(tx, m, {
      kind: input.kind,
      delta,
      hazardId: input.hazardId ?? null,
      note: input.note ?? null,
      byUserId: actor.userId,
      byLabel: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'material.moved',
      entityType: 'material',
      entityId: m.id,
      streetId: null,
      before: { stock: m.stock },
      after: { ...movement },
    });
    return after;
  });
  return presentMaterial(row);
}

export async function listMovements(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string },
) {
  const districtId = await districtOf(ctx.db, actor);
  if (!(await repo.materialById(ctx.db, districtId, id))) throw materialNotFound();
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.movementsOf(ctx.db, id, q.limit, after?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: result.items.map((r) => ({
      id: r.id,
      materialId: r.materialId,
      kind: r.kind as 'in' | 'out' | 'adjust',
      delta: r.delta,
      balance: r.balance,
      hazardId: r.hazardId,
      note: r.note,
      by: r.byLabel,
      at: r.at.toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

// ---------------------------------------------------------------------------------------------
// dispatches

function hazardNumber(id: number, at: Date) {
  return `YH${shanghaiDate(at).replace(/-/g, '')}-${String(id).padStart(6, '0')}`;
}

export function presentDispatch(r: repo.DispatchListRow, myTeams: number[]): Dispatch {
  const d = r.d;
  return {
    id: d.id,
    team: { id: d.teamId, name: r.teamName },
    status: d.status as Dispatch['status'],
    case:
      d.caseId && r.caseNumber
        ? { id: d.caseId, number: r.caseNumber, title: r.caseTitle ?? '', state: r.caseState ?? '' }
        : null,
    hazard:
      d.hazardId && r.hazardTitle
        ? {
            id: d.hazardId,
            number: hazardNumber(d.hazardId, new Date(r.hazardFoundAt ?? d.assignedAt)),
            title: r.hazardTitle,
            status: r.hazardStatus ?? '',
          }
        : null,
    street: { id: d.streetId, name: r.streetName },
    community: { id: d.communityId, name: r.communityName },
    assignedAt: d.assignedAt.toISOString(),
    assignedBy: d.assignedBy,
    arrivedAt: d.arrivedAt?.toISOString() ?? null,
    doneAt: d.doneAt?.toISOString() ?? null,
    note: d.note,
    mine: myTeams.includes(d.teamId),
    version: d.version,
  };
}

export async function listDispatches(
  ctx: AppContext,
  actor: Actor,
  q: { mine?: boolean; open?: boolean; limit: number; cursor?: string },
) {
  const teamIds = await repo.teamIdsOfUser(ctx.db, actor.userId);
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.listDispatches(ctx.db, actor, teamIds, q, after?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.d.id]);
  return { items: result.items.map((r) => presentDispatch(r, teamIds)), nextCursor: result.nextCursor };
}

/** Sends an emergency case (urgency `emergency`, or an open task of the emergency team) to today's on-duty team. */
export async function dispatchCase(ctx: AppContext, actor: Actor, caseId: number, clock: Clock = {}) {
  assertCan(actor, 'emergency.respond');
  const c = (await findVisibleCase(ctx.db, actor, caseId))
    ? await repo.caseForDispatch(ctx.db, caseId)
    : null;
  if (!c) throw notFound('case');
  if (
    !(c.urgency === 'emergency' || c.emergency_task) ||
    !['dispatched', 'in_progress', 'registered'].includes(c.state)
  )
    throw notEmergencyCase();
  const districtId = await districtOf(ctx.db, actor);
  const team = await onDutyTeam(ctx.db, districtId, today(clock));
  if (!team) throw noTeamOnDuty();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertDispatch(tx, {
      streetId: Number(c.street_id),
      communityId: Number(c.community_id),
      teamId: team.id,
      caseId,
      assignedBy: actor.displayName,
      assignedAt: clock.now ?? new Date(),
    });
    if (!row) throw alreadyDispatched();
    await recordAudit(tx, actor.audit, {
      action: 'dispatch.created',
      entityType: 'emergency_dispatch',
      entityId: row.id,
      streetId: row.streetId,
      after: row,
    });
    return row.id;
  });
  const teamIds = await repo.teamIdsOfUser(ctx.db, actor.userId);
  return presentDispatch((await repo.findDispatch(ctx.db, actor, teamIds, id))!, teamIds);
}

/** The on-duty team reports arrival on site, then completion. Only its members may. */
export async function stepDispatch(
  ctx: AppContext,
  actor: Actor,
  id: number,
  step: 'arrive' | 'done',
  body: { version: number; note?: string },
  clock: Clock = {},
) {
  assertCan(actor, 'emergency.respond');
  const teamIds = await repo.teamIdsOfUser(ctx.db, actor.userId);
  const found = await repo.findDispatch(ctx.db, actor, teamIds, id);
  if (!found) throw dispatchNotFound();
  const before = found.d;
  if (!teamIds.includes(before.teamId)) throw notTeamMember();
  const allowed = step === 'arrive' ? before.status === 'assigned' : before.status !== 'done';
  if (!allowed) throw invalidStep(step, before.status);
  if (body.version !== before.version) throw versionConflict(before.version);
  // a hazard's assignment is finished by recording the repair on the hazard, with its evidence
  if (step === 'done' && before.hazardId) throw invalidStep(step, before.status);
  const now = clock.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateDispatch(
      tx,
      id,
      before.version,
      step === 'arrive'
        ? { status: 'arrived', arrivedAt: now, note: body.note ?? before.note }
        : { status: 'done', doneAt: now, arrivedAt: before.arrivedAt ?? now, note: body.note ?? before.note },
    );
    if (!after) throw versionConflict(before.version);
    await recordAudit(tx, actor.audit, {
      action: `dispatch.${step}`,
      entityType: 'emergency_dispatch',
      entityId: id,
      streetId: before.streetId,
      before,
      after,
    });
  });
  return presentDispatch((await repo.findDispatch(ctx.db, actor, teamIds, id))!, teamIds);
}

const SYSTEM = { userId: null, label: 'emergency-sweep' };

/** pg-boss job: every open emergency case goes to today's on-duty team. */
export async function dispatchEmergencyCases(ctx: AppContext, clock: Clock = {}) {
  const day = today(clock);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.dispatchOpenEmergencyCases(tx, day);
    const byStreet = new Map<number, { caseId: number; teamId: number }[]>();
    for (const r of rows) {
      const list = byStreet.get(r.streetId) ?? [];
      list.push({ caseId: r.caseId, teamId: r.teamId });
      byStreet.set(r.streetId, list);
    }
    for (const [streetId, dispatches] of byStreet)
      await recordAudit(tx, SYSTEM, {
        action: 'dispatch.swept',
        entityType: 'street',
        entityId: streetId,
        streetId,
        after: { dispatches },
      });
    return { dispatched: rows.length };
  });
}
