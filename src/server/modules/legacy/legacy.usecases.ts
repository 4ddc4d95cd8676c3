import type { z } from 'zod';
import type {
  dispositions,
  legacyItemInput,
  legacyItemPatch,
  legacyRepairInput,
  legacyStatuses,
} from '../../../contracts/legacy';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { AppError, fieldError, versionConflict } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { buildingOfCommunity, communityInScope, reachesCommunity } from '../org/org.places';
import * as repo from './legacy.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'legacy_item.created': { after: repo.LegacyRow };
    'legacy_item.updated': { before: repo.LegacyRow; after: repo.LegacyRow };
    'legacy_item.repaired': { after: Record<string, unknown> };
  }
}

export interface Clock {
  now?: Date;
}

const itemNotFound = () => new AppError('not_found', 404, { entity: 'legacy_item' });
type Disposition = (typeof dispositions)[number];
type Status = (typeof legacyStatuses)[number];

function checkDates(
  v: { status?: string; decidedOn?: string | null; doneOn?: string | null },
  today: string,
) {
  if (v.decidedOn && v.decidedOn > today) throw fieldError('body.decidedOn', 'date_in_future');
  if (v.doneOn && v.doneOn > today) throw fieldError('body.doneOn', 'date_in_future');
  if (v.status === 'done' && !v.doneOn) throw fieldError('body.doneOn', 'required');
}

function present(actor: Actor, r: repo.LegacyListRow, repairs: Awaited<ReturnType<typeof repo.repairsOf>>) {
  const i = r.i;
  return {
    id: i.id,
    street: { id: i.streetId, name: r.streetName },
    community: { id: i.communityId, name: r.communityName },
    building: i.buildingId && r.buildingName ? { id: i.buildingId, name: r.buildingName } : null,
    title: i.title,
    description: i.description,
    disposition: i.disposition as Disposition,
    status: i.status as Status,
    decidedOn: i.decidedOn,
    doneOn: i.doneOn,
    repairs: repairs
      .filter((x) => x.itemId === i.id)
      .map((x) => ({
        id: x.id,
        doneOn: x.doneOn,
        description: x.description,
        contractor: x.contractor,
        costFen: x.costFen,
        recordedBy: x.recordedBy,
      })),
    version: i.version,
    abilities: {
      edit: reachesCommunity(actor, 'legacy.manage', {
        streetId: i.streetId,
        communityId: i.communityId,
        committeeId: r.committeeId,
        propertyOrgId: r.propertyOrgId,
      }),
    },
  };
}

export async function listItems(
  ctx: AppContext,
  actor: Actor,
  q: {
    streetId?: number;
    communityId?: number;
    disposition?: string;
    status?: string;
    limit: number;
    cursor?: string;
  },
) {
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, s] = await Promise.all([
    repo.listItems(ctx.db, actor, q, before?.[0] ?? null),
    repo.summary(ctx.db, actor, q),
  ]);
  const result = page(rows, q.limit, (r) => [r.i.id]);
  const repairs = await repo.repairsOf(
    ctx.db,
    result.items.map((r) => r.i.id),
  );
  return {
    items: result.items.map((r) => present(actor, r, repairs)),
    nextCursor: result.nextCursor,
    total: before ? -1 : s.total,
    byDisposition: s.groups.map((g) => ({
      disposition: g.disposition as Disposition,
      status: g.status as Status,
      count: g.count,
    })),
  };
}

/** Every item of a filtered list, page by page, for the Excel export. */
export async function* iterateItems(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number; communityId?: number; disposition?: string; status?: string },
) {
  let cursor: string | undefined;
  do {
    const p = await listItems(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

async function getItem(ctx: AppContext, actor: Actor, id: number) {
  const r = await repo.findItem(ctx.db, actor, id);
  if (!r) throw itemNotFound();
  return present(actor, r, await repo.repairsOf(ctx.db, [id]));
}

export async function createItem(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof legacyItemInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'legacy.manage');
  const community = await communityInScope(ctx.db, actor, 'legacy.manage', input.communityId);
  if (!community) throw fieldError('body.communityId', 'unknown_community');
  if (input.buildingId && !(await buildingOfCommunity(ctx.db, input.buildingId, community.id)))
    throw fieldError('body.buildingId', 'unknown_building');
  checkDates(input, shanghaiDate(clock.now ?? new Date()));
  const row = await ctx.db.transaction(async (tx) => {
    const item = await repo.insertItem(tx, {
      streetId: community.streetId,
      communityId: community.id,
      buildingId: input.buildingId ?? null,
      title: input.title,
      description: input.description,
      disposition: input.disposition,
      status: input.status,
      decidedOn: input.decidedOn ?? null,
      doneOn: input.doneOn ?? null,
      createdBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'legacy_item.created',
      entityType: 'legacy_item',
      entityId: item.id,
      streetId: item.streetId,
      after: item,
    });
    return item;
  });
  return getItem(ctx, actor, row.id);
}

async function editable(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'legacy.manage');
  const r = await repo.findItem(ctx.db, actor, id);
  if (!r || !present(actor, r, []).abilities.edit) throw itemNotFound();
  return r;
}

export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof legacyItemPatch>,
  clock: Clock = {},
) {
  const r = await editable(ctx, actor, id);
  const { version, ...patch } = input;
  checkDates({ ...r.i, ...patch }, shanghaiDate(clock.now ?? new Date()));
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateItem(tx, id, version, patch);
    if (!after) throw versionConflict(r.i.version);
    await recordAudit(tx, actor.audit, {
      action: 'legacy_item.updated',
      entityType: 'legacy_item',
      entityId: id,
      streetId: r.i.streetId,
      before: r.i,
      after,
    });
  });
  return getItem(ctx, actor, id);
}

export async function recordRepair(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof legacyRepairInput>,
  clock: Clock = {},
) {
  const r = await editable(ctx, actor, id);
  if (input.doneOn > shanghaiDate(clock.now ?? new Date())) throw fieldError('body.doneOn', 'date_in_future');
  await ctx.db.transaction(async (tx) => {
    const x = await repo.insertRepair(tx, {
      itemId: id,
      streetId: r.i.streetId,
      doneOn: input.doneOn,
      description: input.description,
      contractor: input.contractor ?? null,
      costFen: input.costFen ?? null,
      recordedBy: actor.displayName,
    });
    await recordAudit(tx, actor.audit, {
      action: 'legacy_item.repaired',
      entityType: 'legacy_item',
      entityId: id,
      streetId: r.i.streetId,
      after: { ...x },
    });
  });
  return getItem(ctx, actor, id);
}
