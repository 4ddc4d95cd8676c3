import type { z } from 'zod';
import type {
  pointInput,
  pointPatch,
  remediationStatuses,
  waterloggingCauses,
} from '../../../contracts/waterlogging';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, fieldError, versionConflict } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { communityInScope, reachesCommunity } from '../org/org.places';
import * as repo from './waterlogging.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'waterlogging_point.created': { after: repo.PointRow };
    'waterlogging_point.updated': { before: repo.PointRow; after: repo.PointRow };
  }
}

export interface Clock {
  now?: Date;
}

type Cause = (typeof waterloggingCauses)[number];
type Status = (typeof remediationStatuses)[number];
const pointNotFound = () => new AppError('not_found', 404, { entity: 'waterlogging_point' });

function checkDates(
  v: { lastFloodedOn?: string | null; doneOn?: string | null; remediationStatus?: string },
  today: string,
) {
  if (v.lastFloodedOn && v.lastFloodedOn > today) throw fieldError('body.lastFloodedOn', 'date_in_future');
  if (v.doneOn && v.doneOn > today) throw fieldError('body.doneOn', 'date_in_future');
  if (v.remediationStatus === 'done' && !v.doneOn) throw fieldError('body.doneOn', 'required');
}

function present(actor: Actor, r: repo.PointListRow) {
  const p = r.p;
  return {
    id: p.id,
    street: { id: p.streetId, name: r.streetName },
    community: { id: p.communityId, name: r.communityName },
    name: p.name,
    location: p.location,
    cause: p.cause as Cause,
    maxDepthCm: p.maxDepthCm,
    lastFloodedOn: p.lastFloodedOn,
    remediationStatus: p.remediationStatus as Status,
    measure: p.measure,
    plannedOn: p.plannedOn,
    doneOn: p.doneOn,
    version: p.version,
    abilities: {
      edit: reachesCommunity(actor, 'waterlogging.manage', {
        streetId: p.streetId,
        communityId: p.communityId,
        committeeId: r.committeeId,
        propertyOrgId: r.propertyOrgId,
      }),
    },
  };
}

export async function listPoints(
  ctx: AppContext,
  actor: Actor,
  q: {
    streetId?: number;
    communityId?: number;
    cause?: string;
    remediationStatus?: string;
    limit: number;
    cursor?: string;
  },
) {
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, s] = await Promise.all([
    repo.listPoints(ctx.db, actor, q, before?.[0] ?? null),
    repo.summary(ctx.db, actor, q),
  ]);
  const result = page(rows, q.limit, (r) => [r.p.id]);
  return {
    items: result.items.map((r) => present(actor, r)),
    nextCursor: result.nextCursor,
    total: before ? -1 : s.total,
    byStatus: s.groups.map((g) => ({ status: g.status as Status, count: g.count })),
  };
}

/** Every point of a filtered list, page by page, for the Excel export. */
export async function* iteratePoints(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number; cause?: string; remediationStatus?: string },
) {
  let cursor: string | undefined;
  do {
    const p = await listPoints(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

export async function createPoint(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof pointInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'waterlogging.manage');
  const community = await communityInScope(ctx.db, actor, 'waterlogging.manage', input.communityId);
  if (!community) throw fieldError('body.communityId', 'unknown_community');
  checkDates(input, shanghaiDate(clock.now ?? new Date()));
  const row = await ctx.db.transaction(async (tx) => {
    const p = await repo.insertPoint(tx, {
      streetId: community.streetId,
      communityId: community.id,
      name: input.name,
      location: input.location ?? null,
      cause: input.cause,
      maxDepthCm: input.maxDepthCm ?? null,
      lastFloodedOn: input.lastFloodedOn ?? null,
      remediationStatus: input.remediationStatus,
      measure: input.measure ?? null,
      plannedOn: input.plannedOn ?? null,
      doneOn: input.doneOn ?? null,
      createdBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'waterlogging_point.created',
      entityType: 'waterlogging_point',
      entityId: p.id,
      streetId: p.streetId,
      after: p,
    });
    return p;
  });
  return present(actor, (await repo.findPoint(ctx.db, actor, row.id))!);
}

export async function updatePoint(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof pointPatch>,
  clock: Clock = {},
) {
  assertCan(actor, 'waterlogging.manage');
  const r = await repo.findPoint(ctx.db, actor, id);
  if (!r || !present(actor, r).abilities.edit) throw pointNotFound();
  const { version, ...patch } = input;
  checkDates({ ...r.p, ...patch }, shanghaiDate(clock.now ?? new Date()));
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updatePoint(tx, id, version, patch);
    if (!after) throw versionConflict(r.p.version);
    await recordAudit(tx, actor.audit, {
      action: 'waterlogging_point.updated',
      entityType: 'waterlogging_point',
      entityId: id,
      streetId: r.p.streetId,
      before: r.p,
      after,
    });
  });
  return present(actor, (await repo.findPoint(ctx.db, actor, id))!);
}
