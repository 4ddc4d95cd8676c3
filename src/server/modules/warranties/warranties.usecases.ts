import type { z } from 'zod';
import {
  type assessmentInput,
  type buildingWarrantyInput,
  type defectInput,
  type Warranty,
  type WarrantyComponent,
  warrantyComponents,
} from '../../../contracts/warranties';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { dayFromText, shanghaiDate } from '../../platform/calendar/calendar';
import { decodeCursor, page } from '../../platform/pagination';
import { reportCase } from '../cases/cases.usecases';
import { reachesCommunity } from '../org/org.places';
import {
  assessmentExists,
  belowMinimum,
  buildingNotFound,
  dateInFuture,
  noDeveloper,
  unknownBuilding,
  warrantyExists,
} from './warranties.errors';
import * as repo from './warranties.repository';
import { defectCategory, inWarranty, statutoryEndsOn } from './warranties.rules';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'warranty.registered': { after: { buildingId: number; warranties: repo.WarrantyRow[] } };
    'warranty.defect_reported': { after: Record<string, unknown> };
    'warranty.assessed': { after: Record<string, unknown> };
  }
}

export interface Clock {
  now?: Date;
}
const todayOf = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

function present(r: repo.WarrantyListRow, today: string): Warranty {
  const w = r.w;
  const within = inWarranty(w, today);
  return {
    id: w.id,
    street: { id: w.streetId, name: r.streetName },
    community: { id: w.communityId, name: r.communityName },
    building: { id: w.buildingId, name: r.buildingName },
    developer: r.developerId && r.developerName ? { id: r.developerId, name: r.developerName } : null,
    component: w.component as WarrantyComponent,
    completionAcceptedOn: w.completionAcceptedOn,
    statutoryEndsOn: w.statutoryEndsOn,
    endsOn: w.endsOn,
    designLifeYears: w.designLifeYears,
    inWarranty: within,
    daysLeft: within ? dayFromText(w.endsOn) - dayFromText(today) : null,
    defectCount: r.defectCount,
  };
}

export async function listWarranties(
  ctx: AppContext,
  actor: Actor,
  q: {
    streetId?: number;
    communityId?: number;
    buildingId?: number;
    inWarranty?: boolean;
    limit: number;
    cursor?: string;
  },
  clock: Clock = {},
) {
  const today = todayOf(clock);
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.listWarranties(ctx.db, actor, q, today, after?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.w.id]);
  return { items: result.items.map((r) => present(r, today)), nextCursor: result.nextCursor };
}

/** Every warranty of a filtered list, page by page, for the Excel export. */
export async function* iterateWarranties(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number; buildingId?: number; inWarranty?: boolean },
) {
  let cursor: string | undefined;
  do {
    const p = await listWarranties(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

export async function buildingWarranties(
  ctx: AppContext,
  actor: Actor,
  buildingId: number,
  clock: Clock = {},
) {
  const b = await repo.buildingInScope(ctx.db, actor, 'warranties.read', buildingId);
  if (!b) throw buildingNotFound();
  const today = todayOf(clock);
  const [ws, defects, assessments] = await Promise.all([
    repo.warrantiesOfBuilding(ctx.db, buildingId),
    repo.defectsOf(ctx.db, buildingId),
    repo.assessmentsOf(ctx.db, buildingId),
  ]);
  const place = { streetId: b.streetId, communityId: b.communityId };
  return {
    building: { id: b.id, name: b.name, completedOn: b.completedOn },
    community: { id: b.communityId, name: b.communityName },
    street: { id: b.streetId, name: b.streetName },
    developer: b.developerId && b.developerName ? { id: b.developerId, name: b.developerName } : null,
    warranties: ws.map((r) => present(r, today)),
    defects: defects.map((d) => ({
      id: d.d.id,
      building: { id: d.d.buildingId, name: d.buildingName },
      component: d.d.component as WarrantyComponent,
      title: d.d.title,
      inWarranty: d.d.inWarranty,
      reportedOn: d.d.reportedOn,
      reportedBy: d.d.reportedBy,
      case: { id: d.d.caseId, number: d.caseNumber, state: d.caseState, lead: d.caseLead },
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      milestone: a.milestone as 'one_year',
      assessedOn: a.assessedOn,
      grade: a.grade as 'good',
      findings: a.findings,
      assessor: a.assessor,
      recordedBy: a.recordedBy,
    })),
    abilities: {
      manage: reachesCommunity(actor, 'warranties.manage', place),
      report: reachesCommunity(actor, 'warranties.report', place) && actor.can('cases.report'),
    },
  };
}

/** Registers a new building's warranties from its completion acceptance, per component. */
export async function registerBuilding(
  ctx: AppContext,
  actor: Actor,
  buildingId: number,
  input: z.infer<typeof buildingWarrantyInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'warranties.manage');
  const b = await repo.buildingInScope(ctx.db, actor, 'warranties.manage', buildingId);
  if (!b) throw buildingNotFound();
  if (!b.developerId) throw noDeveloper();
  if (input.completionAcceptedOn > todayOf(clock)) throw dateInFuture('body.completionAcceptedOn');
  const components = input.components ?? [...warrantyComponents];
  const rows = components.map((component) => {
    const statutory = statutoryEndsOn(component, input.completionAcceptedOn, input.designLifeYears);
    const agreed = input.agreedEndsOn?.[component];
    if (agreed && agreed < statutory) throw belowMinimum(component, statutory);
    return {
      streetId: b.streetId,
      communityId: b.communityId,
      buildingId,
      component,
      completionAcceptedOn: input.completionAcceptedOn,
      designLifeYears: component === 'foundation_structure' ? input.designLifeYears : null,
      statutoryEndsOn: statutory,
      endsOn: agreed ?? statutory,
      createdBy: actor.displayName,
    };
  });
  await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertWarranties(tx, rows);
    if (inserted.length !== rows.length) {
      const have = new Set(inserted.map((r) => r.component));
      throw warrantyExists(components.find((c) => !have.has(c)) ?? components[0]!);
    }
    await recordAudit(tx, actor.audit, {
      action: 'warranty.registered',
      entityType: 'building',
      entityId: buildingId,
      streetId: b.streetId,
      after: { buildingId, warranties: inserted },
    });
  });
  return buildingWarranties(ctx, actor, buildingId, clock);
}

/**
 * A defect of a building: within the warranty of its component the case goes (by the responsibility
 * list) to the developer; otherwise it is an ordinary repair for the property company.
 */
export async function reportDefect(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof defectInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'warranties.report');
  const b = await repo.buildingInScope(ctx.db, actor, 'warranties.report', input.buildingId);
  if (!b) throw unknownBuilding();
  const today = todayOf(clock);
  const warranty = await repo.warrantyOf(ctx.db, b.id, input.component);
  const within = warranty !== null && inWarranty(warranty, today);
  const outcome = await reportCase(
    ctx,
    actor,
    {
      categoryCode: defectCategory(input.component, within),
      communityId: b.communityId,
      title: input.title,
      description: `${b.name}：${input.description}`,
      unitId: input.unitId,
      attachments: input.attachments.map((fileId) => ({ fileId, kind: 'before' as const })),
    },
    undefined,
    clock,
  );
  const created = outcome.body as {
    id: number;
    number: string;
    state: string;
    routing: { lead: { kind: string; id: number | null; name: string } };
  };
  const defect = await ctx.db.transaction(async (tx) => {
    const d = await repo.insertDefect(tx, {
      streetId: b.streetId,
      communityId: b.communityId,
      buildingId: b.id,
      warrantyId: warranty?.id ?? null,
      component: input.component,
      title: input.title,
      inWarranty: within,
      caseId: created.id,
      reportedByUserId: actor.userId,
      reportedBy: actor.displayName,
      reportedOn: today,
    });
    await recordAudit(tx, actor.audit, {
      action: 'warranty.defect_reported',
      entityType: 'building',
      entityId: b.id,
      streetId: b.streetId,
      after: { ...d },
    });
    return d;
  });
  return {
    id: defect.id,
    building: { id: b.id, name: b.name },
    component: input.component,
    title: input.title,
    inWarranty: within,
    reportedOn: today,
    reportedBy: actor.displayName,
    case: { id: created.id, number: created.number, state: created.state, lead: created.routing.lead.name },
    routedTo: {
      kind: created.routing.lead.kind,
      id: created.routing.lead.id,
      name: created.routing.lead.name,
    },
  };
}

export async function recordAssessment(
  ctx: AppContext,
  actor: Actor,
  buildingId: number,
  input: z.infer<typeof assessmentInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'warranties.manage');
  const b = await repo.buildingInScope(ctx.db, actor, 'warranties.manage', buildingId);
  if (!b) throw buildingNotFound();
  if (input.assessedOn > todayOf(clock)) throw dateInFuture('body.assessedOn');
  await ctx.db.transaction(async (tx) => {
    const a = await repo.insertAssessment(tx, {
      streetId: b.streetId,
      communityId: b.communityId,
      buildingId,
      ...input,
      recordedBy: actor.displayName,
    });
    if (!a) throw assessmentExists();
    await recordAudit(tx, actor.audit, {
      action: 'warranty.assessed',
      entityType: 'building',
      entityId: buildingId,
      streetId: b.streetId,
      after: { ...a },
    });
  });
  return buildingWarranties(ctx, actor, buildingId, clock);
}
