import type { z } from 'zod';
import type {
  ConsultationAnswer,
  consultationInput,
  consultationResponses,
} from '../../../contracts/firesafety';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, fieldError, versionConflict } from '../../platform/errors';
import { percent } from '../inspections/inspections.schedule';
import { communityInScope, reachesCommunity } from '../org/org.places';
import * as repo from './firesafety.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'fire_consultation.opened': { after: repo.ConsultationRow & { asked: number } };
    'fire_consultation.answered': {
      before: { version: number };
      after: { version: number; answers: unknown[] };
    };
    'fire_consultation.closed': { before: repo.ConsultationRow; after: repo.ConsultationRow };
  }
}

export interface Clock {
  now?: Date;
}

const consultationNotFound = () => new AppError('not_found', 404, { entity: 'fire_consultation' });

const rateOf = (c: { intact: number; defective: number; unchecked: number }) => ({
  intact: c.intact,
  defective: c.defective,
  unchecked: c.unchecked,
  rate: percent(c.intact, c.intact + c.defective),
});

/** 完好率: intact fire facilities among those checked by the latest inspections, per community and kind. */
export async function intactRates(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
) {
  const { byCommunity, byKind } = await repo.intactCounts(ctx.db, actor, q);
  const sum = (k: 'intact' | 'defective' | 'unchecked') => byCommunity.reduce((n, c) => n + c[k], 0);
  return {
    total: rateOf({ intact: sum('intact'), defective: sum('defective'), unchecked: sum('unchecked') }),
    byCommunity: byCommunity.map((c) => ({
      ...rateOf(c),
      community: { id: c.communityId, name: c.communityName },
      street: { id: c.streetId, name: c.streetName },
      lastCheckedAt: c.lastCheckedAt ? new Date(c.lastCheckedAt).toISOString() : null,
    })),
    byKind: byKind.map((k) => ({ ...rateOf(k), kind: k.kind })),
  };
}

function present(r: repo.ConsultationListRow) {
  const c = r.c;
  return {
    id: c.id,
    street: { id: c.streetId, name: r.streetName },
    community: { id: c.communityId, name: r.communityName },
    title: c.title,
    description: c.description,
    openedOn: c.openedOn,
    closesOn: c.closesOn,
    status: c.status as 'open' | 'closed',
    createdBy: c.createdBy,
    tally: {
      asked: r.asked,
      agree: r.agree,
      disagree: r.disagree,
      abstain: r.abstain,
      pending: r.asked - r.agree - r.disagree - r.abstain,
      agreeArea: r.agreeArea,
      totalArea: r.totalArea,
    },
    version: c.version,
  };
}

export async function listConsultations(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number },
) {
  return (await repo.listConsultations(ctx.db, actor, q)).map(present);
}

export async function getConsultation(ctx: AppContext, actor: Actor, id: number) {
  const r = await repo.findConsultation(ctx.db, actor, id);
  if (!r) throw consultationNotFound();
  const responses = await repo.responsesOf(ctx.db, id);
  return {
    ...present(r),
    responses: responses.map((x) => ({
      unitId: x.r.unitId,
      building: x.building,
      unit: x.unit,
      area: x.area,
      answer: x.r.answer as ConsultationAnswer,
      respondent: x.r.respondent,
      answeredAt: x.r.answeredAt?.toISOString() ?? null,
      recordedBy: x.r.recordedBy,
    })),
    abilities: {
      record:
        r.c.status === 'open' &&
        reachesCommunity(actor, 'firesafety.consult', {
          streetId: r.c.streetId,
          communityId: r.c.communityId,
          committeeId: r.committeeId,
          propertyOrgId: r.propertyOrgId,
        }),
    },
  };
}

export async function openConsultation(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof consultationInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'firesafety.consult');
  const community = await communityInScope(ctx.db, actor, 'firesafety.consult', input.communityId);
  if (!community) throw fieldError('body.communityId', 'unknown_community');
  const today = shanghaiDate(clock.now ?? new Date());
  if (input.closesOn < today) throw fieldError('body.closesOn', 'date_in_past');
  const found = new Set(
    (await repo.buildingsOfCommunity(ctx.db, community.id, input.buildingIds)).map((b) => b.id),
  );
  input.buildingIds.forEach((b, i) => {
    if (!found.has(b)) throw fieldError(`body.buildingIds.${i}`, 'unknown_building');
  });
  const id = await ctx.db.transaction(async (tx) => {
    const c = await repo.insertConsultation(tx, {
      streetId: community.streetId,
      communityId: community.id,
      title: input.title,
      description: input.description,
      buildingIds: [...new Set(input.buildingIds)],
      openedOn: today,
      closesOn: input.closesOn,
      createdBy: actor.displayName,
    });
    const asked = await repo.askUnits(tx, c.id, c.streetId, [...new Set(input.buildingIds)]);
    await recordAudit(tx, actor.audit, {
      action: 'fire_consultation.opened',
      entityType: 'fire_consultation',
      entityId: c.id,
      streetId: c.streetId,
      after: { ...c, asked },
    });
    return c.id;
  });
  return getConsultation(ctx, actor, id);
}

async function recordable(ctx: AppContext, actor: Actor, id: number, version: number) {
  assertCan(actor, 'firesafety.consult');
  const r = await repo.findConsultation(ctx.db, actor, id);
  if (!r) throw consultationNotFound();
  if (
    !reachesCommunity(actor, 'firesafety.consult', {
      streetId: r.c.streetId,
      communityId: r.c.communityId,
      committeeId: r.committeeId,
      propertyOrgId: r.propertyOrgId,
    })
  )
    throw consultationNotFound();
  if (r.c.status !== 'open') throw new AppError('fire_consultation.closed', 409);
  if (version !== r.c.version) throw versionConflict(r.c.version);
  return r;
}

export async function recordResponses(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof consultationResponses>,
  clock: Clock = {},
) {
  const r = await recordable(ctx, actor, id, input.version);
  const asked = await repo.unitIdsOf(ctx.db, id);
  input.responses.forEach((a, i) => {
    if (!asked.has(a.unitId)) throw fieldError(`body.responses.${i}.unitId`, 'unknown_unit');
  });
  await ctx.db.transaction(async (tx) => {
    const after = await repo.bumpConsultation(tx, id, input.version);
    if (!after) throw versionConflict(r.c.version);
    await repo.recordAnswers(
      tx,
      id,
      input.responses.map((a) => ({ unitId: a.unitId, answer: a.answer, respondent: a.respondent ?? null })),
      actor.displayName,
      clock.now ?? new Date(),
    );
    await recordAudit(tx, actor.audit, {
      action: 'fire_consultation.answered',
      entityType: 'fire_consultation',
      entityId: id,
      streetId: r.c.streetId,
      before: { version: r.c.version },
      after: { version: after.version, answers: input.responses },
    });
  });
  return getConsultation(ctx, actor, id);
}

export async function closeConsultation(ctx: AppContext, actor: Actor, id: number, version: number) {
  const r = await recordable(ctx, actor, id, version);
  await ctx.db.transaction(async (tx) => {
    const after = await repo.bumpConsultation(tx, id, version, { status: 'closed' });
    if (!after) throw versionConflict(r.c.version);
    await recordAudit(tx, actor.audit, {
      action: 'fire_consultation.closed',
      entityType: 'fire_consultation',
      entityId: id,
      streetId: r.c.streetId,
      before: r.c,
      after,
    });
  });
  return getConsultation(ctx, actor, id);
}
