import { sql } from 'drizzle-orm';
import {
  type CreateFundUseBody,
  type emergencyKinds,
  type FundUseAction,
  type FundUseListQuery,
  type FundUsePath,
  type FundUseState,
  fundUseActions,
  fundUseTransitions,
  transitionAllowed,
} from '../../../contracts/funds';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addDays, shanghaiDate } from '../../platform/dates';
import { forbidden, versionConflict } from '../../platform/errors';
import { placeFiles } from '../../platform/files/files';
import { page } from '../../platform/pagination';
import { activeUsersWithRoleForStreet } from '../auth/auth.repository';
import { findVisibleCase } from '../cases/cases.repository';
import * as emergencyRepo from '../emergency/emergency.repository';
import { findHazard } from '../hazards/hazards.repository';
import { hazardNumber } from '../hazards/hazards.workflow';
import { notifyUsers } from '../notifications/notifications.usecases';
import { reaches } from '../owners/owners.policy';
import * as owners from '../owners/owners.repository';
import { publishDisclosure } from '../owners/owners.usecases';
import { closesInPast } from '../votes/votes.errors';
import { attachableDocuments, insertDraft, openInTx } from '../votes/votes.usecases';
import * as err from './funds.errors';
import { apportion } from './funds.ledger';
import * as repo from './funds.repository';
import type { FundUseRow } from './funds.table';
import { bankSpec, hundredths, idCursor, post, unitSpec } from './funds.usecases';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'fund_use.created': { after: FundUseRow };
    'fund_use.vote_started': { before: FundUseRow; after: FundUseRow };
    'fund_use.transitioned': { before: FundUseRow; after: FundUseRow };
    'fund_use.tranche_paid': { before: FundUseRow; after: FundUseRow & { tranche: Record<string, unknown> } };
    'fund_use.disclosure_reminded': { after: { fundUseIds: number[]; cutoff: string } };
    'fund_use.disclosure_escalated': { after: { fundUseIds: number[]; today: string } };
  }
}

/** What the disclosure job writes as the actor of its events (said in words by the web). */
const DISCLOSURE_JOB = { userId: null, label: 'fund-disclosure' };

/** How long a fund-use disclosure stays on the board. */
const DISCLOSURE_DAYS = 30;

function presentSummary(r: repo.FundUseListRow, today = shanghaiDate()) {
  const u = r.use;
  return {
    id: u.id,
    community: { id: u.communityId, name: r.communityName },
    path: u.path as FundUsePath,
    emergencyKind: u.emergencyKind as (typeof emergencyKinds)[number] | null,
    title: u.title,
    status: u.status as FundUseState,
    budgetFen: u.budgetFen,
    approvedFen: u.approvedFen,
    disbursedFen: Number(r.disbursedFen),
    vote: u.voteId !== null ? { id: u.voteId, status: r.voteStatus ?? '', passed: r.votePassed } : null,
    caseId: u.caseId,
    hazardId: u.hazardId,
    disclosureDueOn: u.disclosureDueOn,
    disclosureOverdue: u.status === 'accepted' && u.disclosureDueOn !== null && u.disclosureDueOn < today,
    disclosureEscalatedAt: u.disclosureEscalatedAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

const placedOf = (r: repo.FundUseListRow) => ({
  streetId: r.use.streetId,
  communityId: r.use.communityId,
  committeeId: r.committeeId,
  propertyOrgId: r.propertyOrgId,
});

/** Which actions the caller may take now: the state table, the path, and the caller's reach. */
function actionsFor(actor: Actor, r: repo.FundUseListRow): FundUseAction[] {
  const placed = placedOf(r);
  return fundUseActions.filter((a) => {
    if (!transitionAllowed(a, r.use.status as FundUseState, r.use.path as FundUsePath)) return false;
    const by = fundUseTransitions[a].by;
    if (by === 'review') return reaches(actor, 'fund_use.review', placed);
    if (!reaches(actor, 'fund_use.request', placed)) return false;
    // the owners' committee runs the normal path; the street may act for emergencies
    return r.use.path === 'emergency' || reaches(actor, 'votes.manage', placed);
  });
}

export async function listFundUses(ctx: AppContext, actor: Actor, q: FundUseListQuery) {
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.communityId ? { communityId: q.communityId } : {}),
    ...(q.streetId ? { streetId: q.streetId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.path ? { path: q.path } : {}),
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(q.hazardId ? { hazardId: q.hazardId } : {}),
    ...(q.overdue ? { overdueOn: shanghaiDate() } : {}),
  };
  const [rows, total] = await Promise.all([
    repo.listFundUses(ctx.db, actor, { ...filter, limit: q.limit }, after),
    after === null ? repo.countFundUses(ctx.db, actor, filter) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.use.id]);
  return { items: result.items.map((r) => presentSummary(r)), nextCursor: result.nextCursor, total };
}

export async function* iterateFundUses(
  ctx: AppContext,
  actor: Actor,
  q: Omit<FundUseListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listFundUses(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

export async function getFundUse(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findFundUse(ctx.db, actor, 'fund_use.read', id);
  if (!row) throw err.fundUseNotFound();
  const u = row.use;
  const [events, tranches, buildings, scope, evidence, source] = await Promise.all([
    repo.eventsOf(ctx.db, id),
    repo.tranchesOf(ctx.db, id),
    u.buildingIds ? repo.buildingsOfCommunity(ctx.db, u.communityId, u.buildingIds) : Promise.resolve([]),
    repo.unitsForPosting(ctx.db, u.communityId, u.buildingIds),
    repo.evidenceFiles(ctx.db, u.evidenceFileIds),
    sourceOf(ctx, actor, u),
  ]);
  const placed = placedOf(row);
  const area = scope.reduce((s, x) => s + hundredths(x.exclusiveArea), 0n);
  return {
    ...presentSummary(row),
    description: u.description,
    payee: u.payee,
    buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
    scopeUnits: scope.length,
    scopeArea: `${area / 100n}.${(area % 100n).toString().padStart(2, '0')}`,
    events: events.map((e) => ({
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      by: e.byLabel,
      at: e.at.toISOString(),
      note: e.note,
    })),
    tranches: tranches.map((t) => ({
      id: t.id,
      seq: t.seq,
      amountFen: t.amountFen,
      paidOn: t.paidOn,
      payee: t.payee,
      entryId: t.entryId,
    })),
    disclosureId: u.disclosureId,
    evidence,
    source,
    version: u.version,
    abilities: {
      actions: actionsFor(actor, row),
      startVote:
        u.path === 'normal' &&
        u.status === 'draft' &&
        reaches(actor, 'fund_use.request', placed) &&
        reaches(actor, 'votes.manage', placed),
      addTranche:
        ['bureau_approved', 'disbursing', 'accepted'].includes(u.status) &&
        reaches(actor, 'fund_use.review', placed),
    },
  };
}

/** The case or hazard a fund use came from, as far as the caller may see it. */
async function sourceOf(ctx: AppContext, actor: Actor, u: FundUseRow) {
  const [c, h] = await Promise.all([
    u.caseId ? findVisibleCase(ctx.db, actor, u.caseId) : null,
    u.hazardId ? visibleHazard(ctx, actor, u.hazardId) : null,
  ]);
  return {
    case: c ? { id: c.id, number: c.number, title: c.title } : null,
    hazard: h ? { id: h.h.id, number: hazardNumber(h.h.id, h.h.foundAt), title: h.h.title } : null,
  };
}

async function visibleHazard(ctx: AppContext, actor: Actor, id: number) {
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, actor.userId);
  return findHazard(ctx.db, actor, teamIds, id);
}

/**
 * The case or hazard named as the cause must exist, be visible to the caller and belong to the
 * fund use's community; evidence files must be the caller's or the community's.
 */
async function checkSources(ctx: AppContext, actor: Actor, communityId: number, body: CreateFundUseBody) {
  // the schema says so too; use cases called from elsewhere (CLI, imports) keep the rule
  if (body.path === 'emergency' && !body.evidenceFileIds.length && !body.caseId && !body.hazardId)
    throw err.emergencyEvidenceRequired();
  if (body.caseId) {
    const c = await findVisibleCase(ctx.db, actor, body.caseId);
    if (!c) throw err.unknownCase();
    if (c.communityId !== communityId) throw err.sourceOtherCommunity('body.caseId');
  }
  if (body.hazardId) {
    const h = await visibleHazard(ctx, actor, body.hazardId);
    if (!h) throw err.unknownHazard();
    if (h.h.communityId !== communityId) throw err.sourceOtherCommunity('body.hazardId');
  }
  await attachableDocuments(ctx.db, actor, communityId, body.evidenceFileIds, 'body.evidenceFileIds');
}

async function event(
  tx: Executor,
  actor: Actor,
  use: FundUseRow,
  action: string,
  from: string | null,
  to: string,
  note: string | null,
) {
  await repo.insertFundUseEvent(tx, {
    streetId: use.streetId,
    fundUseId: use.id,
    action,
    fromStatus: from,
    toStatus: to,
    note,
    byUserId: actor.userId,
    byLabel: actor.displayName,
  });
}

export async function createFundUse(ctx: AppContext, actor: Actor, body: CreateFundUseBody) {
  const community = await owners.scopedCommunity(ctx.db, actor, 'fund_use.request', body.communityId);
  if (!community) throw err.communityNotFound();
  if (body.path === 'normal' && !reaches(actor, 'votes.manage', community))
    throw err.normalPathNeedsOwnersCommittee();
  if (!(await repo.fundCommunityRow(ctx.db, community.id))) throw err.fundNotSetUp();
  let buildingIds: number[] | null = null;
  if (body.buildingIds) {
    buildingIds = [...new Set(body.buildingIds)];
    const known = new Set(
      (await repo.buildingsOfCommunity(ctx.db, community.id, buildingIds)).map((b) => b.id),
    );
    body.buildingIds.forEach((b, i) => {
      if (!known.has(b)) throw err.unknownBuilding(`body.buildingIds.${i}`);
    });
  }
  await checkSources(ctx, actor, community.id, body);
  const evidenceFileIds = [...new Set(body.evidenceFileIds)];
  const id = await ctx.db.transaction(async (tx) => {
    await placeFiles(tx, evidenceFileIds, community.streetId);
    const row = await repo.insertFundUse(tx, {
      streetId: community.streetId,
      communityId: community.id,
      path: body.path,
      emergencyKind: body.emergencyKind ?? null,
      title: body.title,
      description: body.description,
      payee: body.payee,
      budgetFen: body.budgetFen,
      buildingIds,
      caseId: body.caseId ?? null,
      hazardId: body.hazardId ?? null,
      evidenceFileIds,
      createdBy: actor.userId,
    });
    await event(tx, actor, row, 'create', null, 'draft', null);
    await recordAudit(tx, actor.audit, {
      action: 'fund_use.created',
      entityType: 'fund_use',
      entityId: row.id,
      streetId: row.streetId,
      after: row,
    });
    return row.id;
  });
  return getFundUse(ctx, actor, id);
}

async function lockVersion(tx: Executor, id: number, version: number) {
  const before = await repo.lockFundUse(tx, id);
  if (!before) throw err.fundUseNotFound();
  if (before.version !== version) throw versionConflict(before.version);
  return before;
}

/** Normal path: the plan goes to the owners as a `use_fund` vote, opened at once with its roll. */
export async function startVote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number; closesAt: string; documentFileIds?: number[] },
  now = new Date(),
) {
  const row = await repo.findFundUse(ctx.db, actor, 'fund_use.request', id);
  if (!row) throw err.fundUseNotFound();
  if (!reaches(actor, 'votes.manage', placedOf(row))) throw err.normalPathNeedsOwnersCommittee();
  if (row.use.path !== 'normal' || row.use.status !== 'draft')
    throw err.invalidTransition('start_vote', row.use.status);
  if (new Date(body.closesAt) <= now) throw closesInPast();
  await attachableDocuments(ctx.db, actor, row.use.communityId, body.documentFileIds ?? []);
  await ctx.db.transaction(async (tx) => {
    const before = await lockVersion(tx, id, body.version);
    if (before.status !== 'draft') throw err.invalidTransition('start_vote', before.status);
    const vote = await insertDraft(
      tx,
      actor,
      { id: before.communityId, streetId: before.streetId },
      {
        title: before.title,
        matterType: 'use_fund',
        description: before.description,
        closesAt: body.closesAt,
        documentFileIds: body.documentFileIds ?? [],
        // only the owners who share the cost vote on it
        buildingIds: before.buildingIds,
      },
      id,
    );
    await openInTx(tx, actor, vote.id, vote.version, now);
    const after = (await repo.updateFundUse(tx, id, before.version, { status: 'voting', voteId: vote.id }))!;
    await event(tx, actor, after, 'start_vote', 'draft', 'voting', null);
    await recordAudit(tx, actor.audit, {
      action: 'fund_use.vote_started',
      entityType: 'fund_use',
      entityId: id,
      streetId: after.streetId,
      before,
      after,
    });
  });
  return getFundUse(ctx, actor, id);
}

/** One step of the workflow in `fundUseTransitions`, with the checks each step needs. */
export async function transition(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: {
    action: FundUseAction;
    version: number;
    note?: string | undefined;
    approvedFen?: number | undefined;
  },
  now = new Date(),
) {
  const row = await repo.findFundUse(ctx.db, actor, 'fund_use.read', id);
  if (!row) throw err.fundUseNotFound();
  const t = fundUseTransitions[body.action];
  const permission = t.by === 'review' ? 'fund_use.review' : 'fund_use.request';
  if (!actor.can(permission)) throw forbidden();
  if (!actionsFor(actor, row).includes(body.action)) {
    if (!transitionAllowed(body.action, row.use.status as FundUseState, row.use.path as FundUsePath))
      throw err.invalidTransition(body.action, row.use.status);
    throw forbidden();
  }
  if (body.action === 'reject' && !body.note) throw err.noteRequired();
  if (body.action === 'approve' && body.approvedFen !== undefined && body.approvedFen > row.use.budgetFen)
    throw err.exceedsBudget();
  await ctx.db.transaction(async (tx) => {
    const before = await lockVersion(tx, id, body.version);
    if (!transitionAllowed(body.action, before.status as FundUseState, before.path as FundUsePath))
      throw err.invalidTransition(body.action, before.status);
    const patch: Partial<FundUseRow> = { status: t.to };
    if (body.action === 'confirm') {
      const vote = await tx.execute<{ status: string; passed: boolean | null }>(
        sql`select status, passed from owner_vote where id = ${before.voteId}`,
      );
      if (vote.rows[0]?.status !== 'closed' || !vote.rows[0].passed) throw err.fundUseVoteNotPassed();
    }
    if (body.action === 'approve') patch.approvedFen = body.approvedFen ?? before.budgetFen;
    // the vote was skipped, so the owners must be told afterwards: by a day the job watches
    if (body.action === 'accept' && before.path === 'emergency')
      patch.disclosureDueOn = addDays(shanghaiDate(now), ctx.config.FUND_EMERGENCY_DISCLOSURE_DAYS);
    if (body.action === 'disclose') {
      const tranches = await repo.tranchesOf(tx, id);
      const scope = await repo.unitsForPosting(tx, before.communityId, before.buildingIds);
      const disclosure = await publishDisclosure(tx, actor, {
        streetId: before.streetId,
        communityId: before.communityId,
        category: 'fund_use',
        title: before.title,
        body: [before.description, body.note].filter(Boolean).join('\n\n'),
        data: {
          path: before.path,
          emergencyKind: before.emergencyKind,
          budgetFen: before.budgetFen,
          approvedFen: before.approvedFen,
          disbursedFen: tranches.reduce((s, x) => s + x.amountFen, 0),
          tranches: tranches.map((x) => ({
            seq: x.seq,
            amountFen: x.amountFen,
            paidOn: x.paidOn,
            payee: x.payee,
          })),
          scopeUnits: scope.length,
          voteId: before.voteId,
          caseId: before.caseId,
          hazardId: before.hazardId,
        },
        visibleUntil: addDays(shanghaiDate(now), DISCLOSURE_DAYS),
        source: { type: 'fund_use', id },
        // the owners see what showed the emergency
        attachmentFileIds: before.evidenceFileIds,
      });
      patch.disclosureId = disclosure?.id ?? null;
    }
    const after = (await repo.updateFundUse(tx, id, before.version, patch))!;
    await event(tx, actor, after, body.action, before.status, after.status, body.note ?? null);
    await recordAudit(tx, actor.audit, {
      action: 'fund_use.transitioned',
      entityType: 'fund_use',
      entityId: id,
      streetId: after.streetId,
      before,
      after,
    });
  });
  return getFundUse(ctx, actor, id);
}

/**
 * A tranche paid to the contractor: its amount is apportioned to the units in scope by exclusive
 * area (largest remainder, so the fen add up) and taken from their accounts in one entry.
 */
export async function payTranche(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number; amountFen: number; paidOn: string; payee: string },
) {
  const row = await repo.findFundUse(ctx.db, actor, 'fund_use.review', id);
  if (!row) throw err.fundUseNotFound();
  const fund = (await repo.fundCommunityRow(ctx.db, row.use.communityId))!;
  await ctx.db.transaction(async (tx) => {
    const before = await lockVersion(tx, id, body.version);
    if (!['bureau_approved', 'disbursing', 'accepted'].includes(before.status))
      throw err.invalidTransition('tranche', before.status);
    await tx.execute(sql`select 1 from fund_community where community_id = ${before.communityId} for update`);
    const tranches = await repo.tranchesOf(tx, id);
    const paid = tranches.reduce((s, x) => s + x.amountFen, 0);
    const remaining = (before.approvedFen ?? 0) - paid;
    if (body.amountFen > remaining) throw err.exceedsApproved(remaining);
    const scope = await repo.unitsForPosting(tx, before.communityId, before.buildingIds);
    if (scope.length === 0) throw err.noUnits();
    const shares = apportion(
      BigInt(body.amountFen),
      scope.map((u) => ({ id: u.unitId, weight: hundredths(u.exclusiveArea) })),
    );
    const balances = await repo.unitBalances(tx, before.communityId, { unitIds: scope.map((u) => u.unitId) });
    const primaryBalance = new Map(
      balances.map((b) => [
        b.unitId,
        BigInt((b.byFundType ?? []).find((t) => t.fundType === fund.primaryFundType)?.balanceFen ?? 0),
      ]),
    );
    const short = [...shares].filter(([unitId, fen]) => (primaryBalance.get(unitId) ?? 0n) < fen).length;
    if (short > 0) throw err.insufficientUnitBalance(short);
    const posted = await post(
      tx,
      actor,
      { id: before.communityId, streetId: before.streetId },
      {
        kind: 'disbursement',
        entryDate: body.paidOn,
        memo: `${before.title} #${tranches.length + 1}`,
        ref: { type: 'fund_use', id },
      },
      [
        ...[...shares].map(([unitId, fen]) => ({
          spec: unitSpec(unitId, fund.primaryFundType),
          debitFen: fen,
          creditFen: 0n,
        })),
        { spec: bankSpec, debitFen: 0n, creditFen: BigInt(body.amountFen) },
      ],
      { audit: false },
    );
    const tranche = await repo.insertTranche(tx, {
      streetId: before.streetId,
      fundUseId: id,
      seq: tranches.length + 1,
      amountFen: body.amountFen,
      paidOn: body.paidOn,
      payee: body.payee,
      entryId: posted.entryId,
    });
    const to = before.status === 'bureau_approved' ? 'disbursing' : before.status;
    const after = (await repo.updateFundUse(tx, id, before.version, { status: to }))!;
    await event(tx, actor, after, 'tranche', before.status, to, `${tranche.seq}: ${body.amountFen}`);
    await recordAudit(tx, actor.audit, {
      action: 'fund_use.tranche_paid',
      entityType: 'fund_use',
      entityId: id,
      streetId: after.streetId,
      before,
      after: { ...after, tranche: { ...tranche, lineCount: posted.lineCount } },
    });
  });
  return getFundUse(ctx, actor, id);
}

/** Planned share (of the approved amount, else the budget) and what was charged, per unit in scope. */
export async function listShares(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string | undefined },
) {
  const row = await repo.findFundUse(ctx.db, actor, 'fund_use.read', id);
  if (!row) throw err.fundUseNotFound();
  const scope = await repo.unitsForPosting(ctx.db, row.use.communityId, row.use.buildingIds);
  const planned = scope.length
    ? apportion(
        BigInt(row.use.approvedFen ?? row.use.budgetFen),
        scope.map((u) => ({ id: u.unitId, weight: hundredths(u.exclusiveArea) })),
      )
    : new Map<number, bigint>();
  const charged = new Map(
    (await repo.unitMovementsOfRef(ctx.db, 'fund_use', [id])).map((m) => [
      m.unitId,
      m.debitFen - m.creditFen,
    ]),
  );
  const after = idCursor(q.cursor);
  const rest = after === null ? scope : scope.filter((u) => u.unitId > after);
  const result = page(rest, q.limit, (u) => [u.unitId]);
  return {
    items: result.items.map((u) => ({
      unitId: u.unitId,
      building: { id: u.buildingId, name: u.buildingName },
      number: u.number,
      exclusiveArea: u.exclusiveArea,
      plannedFen: Number(planned.get(u.unitId) ?? 0n),
      chargedFen: charged.get(u.unitId) ?? 0,
    })),
    nextCursor: result.nextCursor,
    total: after === null ? scope.length : -1,
  };
}

/** For residents: each fund use of the community whose scope covers one of the units, with the unit's share. */
export async function sharesOfUnits(ctx: AppContext, communityId: number, unitIds: readonly number[]) {
  const uses = await repo.fundUsesOfCommunities(ctx.db, [communityId]);
  const charged = await repo.unitMovementsOfRef(
    ctx.db,
    'fund_use',
    uses.map((u) => u.id),
  );
  const out = [];
  for (const use of uses) {
    const scope = await repo.unitsForPosting(ctx.db, communityId, use.buildingIds);
    const mine = scope.filter((u) => unitIds.includes(u.unitId));
    if (mine.length === 0) continue;
    const planned = apportion(
      BigInt(use.approvedFen ?? use.budgetFen),
      scope.map((u) => ({ id: u.unitId, weight: hundredths(u.exclusiveArea) })),
    );
    const plannedFen = mine.reduce((s, u) => s + Number(planned.get(u.unitId) ?? 0n), 0);
    const chargedFen = charged
      .filter((c) => c.refId === use.id && unitIds.includes(c.unitId))
      .reduce((s, c) => s + c.debitFen - c.creditFen, 0);
    out.push({
      fundUse: {
        id: use.id,
        title: use.title,
        status: use.status as FundUseState,
        path: use.path as FundUsePath,
      },
      plannedFen,
      chargedFen,
    });
  }
  return out;
}

/**
 * Daily (SPEC 5.6): an accepted emergency use must be disclosed by its day. The requester is told
 * `FUND_EMERGENCY_REMINDER_DAYS` before it (or at once, when accepted later than that); once the
 * day has passed, the district housing bureau (区房管局) and the requester are told, and the use's
 * timeline records the escalation. Each step is claimed by an update, so a second run or a second
 * instance does nothing twice.
 */
export async function superviseEmergencyDisclosures(ctx: AppContext, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const today = shanghaiDate(now);
  const cutoff = addDays(today, ctx.config.FUND_EMERGENCY_REMINDER_DAYS);
  return ctx.db.transaction(async (tx) => {
    const due = await repo.claimDisclosureReminders(tx, cutoff, now);
    const overdue = await repo.claimDisclosureEscalations(tx, today, now);
    const names = await repo.communityNames(tx, [...new Set([...due, ...overdue].map((u) => u.communityId))]);
    const params = (u: (typeof due)[number]) => ({
      title: u.title,
      fundUseId: u.id,
      community: names.get(u.communityId) ?? '',
      dueOn: u.disclosureDueOn ?? '',
    });
    const rows: Parameters<typeof notifyUsers>[1] = [];
    for (const u of due) {
      if (u.createdBy !== null)
        rows.push({
          userId: u.createdBy,
          streetId: u.streetId,
          kind: 'fund_use_disclosure_due',
          params: params(u),
          createdAt: now,
        });
      await repo.insertFundUseEvent(tx, {
        streetId: u.streetId,
        fundUseId: u.id,
        action: 'disclosure_reminded',
        fromStatus: 'accepted',
        toStatus: 'accepted',
        note: u.disclosureDueOn,
        byUserId: null,
        byLabel: DISCLOSURE_JOB.label,
        at: now,
      });
    }
    for (const u of overdue) {
      const bureau = await activeUsersWithRoleForStreet(tx, 'district_admin', u.streetId);
      const recipients = new Set([...bureau, ...(u.createdBy !== null ? [u.createdBy] : [])]);
      for (const userId of recipients) {
        rows.push({
          userId,
          streetId: u.streetId,
          kind: 'fund_use_disclosure_overdue',
          params: params(u),
          createdAt: now,
        });
      }
      await repo.insertFundUseEvent(tx, {
        streetId: u.streetId,
        fundUseId: u.id,
        action: 'disclosure_overdue',
        fromStatus: 'accepted',
        toStatus: 'accepted',
        note: u.disclosureDueOn,
        byUserId: null,
        byLabel: DISCLOSURE_JOB.label,
        at: now,
      });
    }
    await notifyUsers(tx, rows);
    for (const streetId of new Set([...due, ...overdue].map((u) => u.streetId))) {
      const reminded = due.filter((u) => u.streetId === streetId).map((u) => u.id);
      const escalated = overdue.filter((u) => u.streetId === streetId).map((u) => u.id);
      if (reminded.length)
        await recordAudit(tx, DISCLOSURE_JOB, {
          action: 'fund_use.disclosure_reminded',
          entityType: 'street',
          entityId: streetId,
          streetId,
          after: { fundUseIds: reminded, cutoff },
        });
      if (escalated.length)
        await recordAudit(tx, DISCLOSURE_JOB, {
          action: 'fund_use.disclosure_escalated',
          entityType: 'street',
          entityId: streetId,
          streetId,
          after: { fundUseIds: escalated, today },
        });
    }
    return { reminded: due.length, escalated: overdue.length };
  });
}
