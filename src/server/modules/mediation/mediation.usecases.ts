import {
  type CloseMediationBody,
  type CreateMediationCaseBody,
  disputeTypes,
  MEDIATION_DEFAULT_DAYS,
  type MediationCaseListQuery,
  type MediationStatus,
} from '../../../contracts/mediation';
import type { AppContext } from '../../context';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addDays, shanghaiDate } from '../../platform/dates';
import { AppError, fieldError, versionConflict } from '../../platform/errors';
import { attachableFile } from '../../platform/files/files';
import { decodeCursor, page } from '../../platform/pagination';
import { reaches } from '../owners/owners.policy';
import { maskPhone } from '../owners/owners.presenter';
import * as owners from '../owners/owners.repository';
import * as repo from './mediation.repository';
import type { MediationCaseRow } from './mediation.table';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'mediation.committee_added': { after: Record<string, unknown> };
    'mediation.mediator_added': { after: Record<string, unknown> };
    'mediation.case_accepted': { after: MediationCaseRow };
    'mediation.session_held': {
      before: MediationCaseRow;
      after: MediationCaseRow & { session: Record<string, unknown> };
    };
    'mediation.case_extended': { before: MediationCaseRow; after: MediationCaseRow };
    'mediation.case_closed': { before: MediationCaseRow; after: MediationCaseRow };
  }
}

const notFound = (entity: string) => new AppError('not_found', 404, { entity });
const notOpen = (status: string) => new AppError('mediation.not_open', 409, { status });
const idCursor = (cursor: string | undefined) => decodeCursor<[number]>(cursor, ['number'])?.[0] ?? null;
const isOpen = (status: string) => status === 'accepted' || status === 'in_progress';

interface StoredParty {
  role: string;
  kind: string;
  name: string;
  phoneEnc: string | null;
}

export async function listCommittees(ctx: AppContext, actor: Actor) {
  const rows = await repo.listCommittees(ctx.db, actor, 'mediation.read');
  const all = await repo.mediatorsOf(
    ctx.db,
    rows.map((r) => r.committee.id),
  );
  return {
    items: rows.map(({ committee: c, streetName }) => ({
      id: c.id,
      level: c.level as 'district' | 'street',
      street: c.streetId !== null ? { id: c.streetId, name: streetName ?? '' } : null,
      name: c.name,
      mediators: all
        .filter((m) => m.committeeId === c.id)
        .map((m) => ({ id: m.id, name: m.name, userId: m.userId, active: m.active })),
    })),
  };
}

export async function addCommittee(
  ctx: AppContext,
  actor: Actor,
  body: { level: 'district' | 'street'; streetId?: number | undefined; name: string },
) {
  let streetId: number | null = null;
  let districtId = actor.assignments[0]?.districtId ?? 0;
  if (body.level === 'street') {
    if (!body.streetId) throw fieldError('body.streetId', 'required');
    const street = await owners.streetInScope(ctx.db, actor, 'mediation.admin', body.streetId);
    if (!street) throw notFound('street');
    streetId = street.id;
    districtId = street.districtId;
  } else {
    if (body.streetId) throw fieldError('body.streetId', 'district_level_has_no_street');
    if (!actor.reach('mediation.admin').some((p) => p.level === 'district'))
      throw new AppError('auth.forbidden', 403);
  }
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertCommittee(tx, { districtId, streetId, level: body.level, name: body.name });
    await recordAudit(tx, actor.audit, {
      action: 'mediation.committee_added',
      entityType: 'mediation_committee',
      entityId: row.id,
      streetId,
      after: row,
    });
  });
  return listCommittees(ctx, actor);
}

export async function addMediator(
  ctx: AppContext,
  actor: Actor,
  committeeId: number,
  body: { name: string; userId?: number | undefined },
) {
  const committee = await repo.findCommittee(ctx.db, actor, 'mediation.admin', committeeId);
  if (!committee) throw notFound('mediation_committee');
  if (committee.streetId === null && !actor.reach('mediation.admin').some((p) => p.level === 'district'))
    throw new AppError('auth.forbidden', 403);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertMediator(tx, {
      committeeId,
      streetId: committee.streetId,
      name: body.name,
      userId: body.userId ?? null,
    });
    await recordAudit(tx, actor.audit, {
      action: 'mediation.mediator_added',
      entityType: 'mediation_committee',
      entityId: committeeId,
      streetId: committee.streetId,
      after: row,
    });
  });
  return listCommittees(ctx, actor);
}

function presentCase(ctx: AppContext, r: repo.CaseRow, today: string) {
  const c = r.c;
  return {
    id: c.id,
    committee: { id: c.committeeId, name: r.committeeName },
    street: { id: c.streetId, name: r.streetName },
    community: c.communityId !== null ? { id: c.communityId, name: r.communityName ?? '' } : null,
    mediator: c.mediatorId !== null ? { id: c.mediatorId, name: r.mediatorName ?? '' } : null,
    disputeType: c.disputeType as (typeof disputeTypes)[number],
    title: c.title,
    status: c.status as MediationStatus,
    receivedOn: c.receivedOn,
    dueOn: c.dueOn,
    closedOn: c.closedOn,
    overdue: isOpen(c.status) && c.dueOn < today,
    parties: (c.parties as StoredParty[]).map((p) => ({
      role: p.role as 'applicant',
      kind: p.kind as 'person',
      name: p.name,
      phone: p.phoneEnc ? maskPhone(ctx.cipher.decrypt(p.phoneEnc)) : null,
    })),
  };
}

export async function listCases(ctx: AppContext, actor: Actor, q: MediationCaseListQuery) {
  const today = shanghaiDate();
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.streetId ? { streetId: q.streetId } : {}),
    ...(q.committeeId ? { committeeId: q.committeeId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.disputeType ? { disputeType: q.disputeType } : {}),
    ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
  };
  const [rows, total] = await Promise.all([
    repo.listCases(ctx.db, actor, { ...filter, limit: q.limit }, today, after),
    after === null ? repo.countCases(ctx.db, actor, filter, today) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.c.id]);
  return { items: result.items.map((r) => presentCase(ctx, r, today)), nextCursor: result.nextCursor, total };
}

export async function* iterateCases(
  ctx: AppContext,
  actor: Actor,
  q: Omit<MediationCaseListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listCases(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

export async function getCase(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findCase(ctx.db, actor, 'mediation.read', id);
  if (!row) throw notFound('mediation_case');
  const sessions = await repo.sessionsOf(ctx.db, id);
  const c = row.c;
  const manage =
    isOpen(c.status) &&
    reaches(actor, 'mediation.manage', { streetId: c.streetId, communityId: c.communityId });
  const agreement = c.agreement as {
    text: string;
    signedOn: string;
    fileId: number | null;
    fulfilled: boolean | null;
  } | null;
  return {
    ...presentCase(ctx, row, shanghaiDate()),
    description: c.description,
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      place: s.place,
      notes: s.notes,
      by: s.byLabel,
    })),
    agreement,
    outcomeNote: c.outcomeNote,
    extensions: c.extensions as { days: number; reason: string; at: string }[],
    version: c.version,
    abilities: { addSession: manage, close: manage, extend: manage },
  };
}

export async function createCase(ctx: AppContext, actor: Actor, body: CreateMediationCaseBody) {
  const committee = await repo.findCommittee(ctx.db, actor, 'mediation.manage', body.committeeId);
  if (!committee) throw fieldError('body.committeeId', 'unknown_committee');
  let streetId = committee.streetId;
  if (body.communityId) {
    const community = await owners.scopedCommunity(ctx.db, actor, 'mediation.manage', body.communityId);
    if (!community) throw fieldError('body.communityId', 'unknown_community');
    if (committee.streetId !== null && committee.streetId !== community.streetId)
      throw fieldError('body.communityId', 'not_of_street');
    streetId = community.streetId;
  }
  if (streetId === null) throw fieldError('body.communityId', 'required');
  if (!body.parties.some((p) => p.role === 'applicant'))
    throw fieldError('body.parties', 'applicant_required');
  if (!body.parties.some((p) => p.role === 'respondent'))
    throw fieldError('body.parties', 'respondent_required');
  if (body.receivedOn > shanghaiDate()) throw fieldError('body.receivedOn', 'future_date');
  let mediatorId: number | null = null;
  if (body.mediatorId) {
    if (!(await repo.mediatorOfCommittee(ctx.db, committee.id, body.mediatorId)))
      throw fieldError('body.mediatorId', 'unknown_mediator');
    mediatorId = body.mediatorId;
  } else mediatorId = (await repo.mediatorForUser(ctx.db, committee.id, actor.userId))?.id ?? null;
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertCase(tx, {
      streetId,
      communityId: body.communityId ?? null,
      committeeId: committee.id,
      mediatorId,
      disputeType: body.disputeType,
      title: body.title,
      description: body.description,
      parties: body.parties.map((p) => ({
        role: p.role,
        kind: p.kind,
        name: p.name,
        phoneEnc: p.phone ? ctx.cipher.encrypt(p.phone) : null,
      })),
      receivedOn: body.receivedOn,
      dueOn: addDays(body.receivedOn, body.limitDays ?? MEDIATION_DEFAULT_DAYS),
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'mediation.case_accepted',
      entityType: 'mediation_case',
      entityId: row.id,
      streetId,
      after: row,
    });
    return row.id;
  });
  return getCase(ctx, actor, id);
}

async function openCase(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findCase(ctx.db, actor, 'mediation.manage', id);
  if (!row) throw notFound('mediation_case');
  return row;
}

async function lockOpen(tx: Parameters<typeof repo.lockCase>[0], id: number, version: number) {
  const before = (await repo.lockCase(tx, id))!;
  if (!isOpen(before.status)) throw notOpen(before.status);
  if (before.version !== version) throw versionConflict(before.version);
  return before;
}

export async function addSession(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number; heldOn: string; place: string; notes: string },
) {
  const row = await openCase(ctx, actor, id);
  if (body.heldOn < row.c.receivedOn) throw fieldError('body.heldOn', 'before_received');
  if (body.heldOn > shanghaiDate()) throw fieldError('body.heldOn', 'future_date');
  await ctx.db.transaction(async (tx) => {
    const before = await lockOpen(tx, id, body.version);
    const session = await repo.insertSession(tx, {
      streetId: before.streetId,
      caseId: id,
      heldOn: body.heldOn,
      place: body.place,
      notes: body.notes,
      byLabel: actor.displayName,
      createdBy: actor.userId,
    });
    const after = (await repo.updateCase(tx, id, before.version, { status: 'in_progress' }))!;
    await recordAudit(tx, actor.audit, {
      action: 'mediation.session_held',
      entityType: 'mediation_case',
      entityId: id,
      streetId: before.streetId,
      before,
      after: { ...after, session },
    });
  });
  return getCase(ctx, actor, id);
}

export async function extendCase(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number; days: number; reason: string },
) {
  await openCase(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const before = await lockOpen(tx, id, body.version);
    const after = (await repo.updateCase(tx, id, before.version, {
      dueOn: addDays(before.dueOn, body.days),
      extensions: [
        ...(before.extensions as unknown[]),
        { days: body.days, reason: body.reason, at: new Date().toISOString() },
      ],
    }))!;
    await recordAudit(tx, actor.audit, {
      action: 'mediation.case_extended',
      entityType: 'mediation_case',
      entityId: id,
      streetId: before.streetId,
      before,
      after,
    });
  });
  return getCase(ctx, actor, id);
}

export async function closeCase(ctx: AppContext, actor: Actor, id: number, body: CloseMediationBody) {
  const row = await openCase(ctx, actor, id);
  if (body.outcome === 'agreed' && !body.agreement) throw fieldError('body.agreement', 'required');
  if (body.outcome !== 'agreed' && body.agreement) throw fieldError('body.agreement', 'agreed_only');
  if (body.closedOn < row.c.receivedOn) throw fieldError('body.closedOn', 'before_received');
  if (body.closedOn > shanghaiDate()) throw fieldError('body.closedOn', 'future_date');
  if (body.agreement?.fileId)
    await attachableFile(
      ctx.db,
      actor,
      body.agreement.fileId,
      row.c.communityId ?? -1,
      'body.agreement.fileId',
    );
  await ctx.db.transaction(async (tx) => {
    const before = await lockOpen(tx, id, body.version);
    const after = (await repo.updateCase(tx, id, before.version, {
      status: body.outcome,
      closedOn: body.closedOn,
      outcomeNote: body.note ?? null,
      agreement: body.agreement
        ? {
            text: body.agreement.text,
            signedOn: body.agreement.signedOn,
            fileId: body.agreement.fileId ?? null,
            fulfilled: null,
          }
        : null,
    }))!;
    await recordAudit(tx, actor.audit, {
      action: 'mediation.case_closed',
      entityType: 'mediation_case',
      entityId: id,
      streetId: before.streetId,
      before,
      after,
    });
  });
  return getCase(ctx, actor, id);
}

/** 调解成功率 = agreed / (agreed + failed), one decimal, rounded half up; withdrawn cases left out. */
export function successPercent(agreed: number, failed: number): string {
  const closed = agreed + failed;
  if (closed === 0) return '0.0';
  const tenths = Math.floor((agreed * 2000 + closed) / (2 * closed));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export async function stats(
  ctx: AppContext,
  actor: Actor,
  q: { from?: string | undefined; to?: string | undefined; streetId?: number | undefined },
) {
  const rows = await repo.caseStats(
    ctx.db,
    actor,
    {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.streetId ? { streetId: q.streetId } : {}),
    },
    shanghaiDate(),
  );
  const sum = (k: 'received' | 'open' | 'overdue' | 'agreed' | 'failed' | 'withdrawn') =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    received: sum('received'),
    open: sum('open'),
    overdue: sum('overdue'),
    agreed: sum('agreed'),
    failed: sum('failed'),
    withdrawn: sum('withdrawn'),
    successPercent: successPercent(sum('agreed'), sum('failed')),
    byType: disputeTypes.map((t) => {
      const r = rows.find((x) => x.disputeType === t);
      return { disputeType: t, received: r?.received ?? 0, agreed: r?.agreed ?? 0 };
    }),
  };
}
