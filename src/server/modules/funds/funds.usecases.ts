import { sql } from 'drizzle-orm';
import {
  COMMERCIAL_RATE_BP,
  type CreateCampaignBody,
  type EntryKind,
  type FundSetupBody,
  type FundType,
  type InitialDepositBody,
  RECOLLECTION_MAX_YEARS,
} from '../../../contracts/funds';
import type { Permission } from '../../../contracts/permissions';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addYears, shanghaiDate } from '../../platform/dates';
import { decodeCursor, page } from '../../platform/pagination';
import { reaches } from '../owners/owners.policy';
import * as owners from '../owners/owners.repository';
import { myUnits } from '../owners/owners.usecases';
import * as votes from '../votes/votes.repository';
import { sharesOfUnits } from './fund-use.usecases';
import * as err from './funds.errors';
import {
  apportion,
  balancedLines,
  commercialDeposit,
  commercialRateValid,
  credit,
  debit,
  divRound,
  expectedByDate,
  isDepleted,
  type PostingLine,
  publicBuyerDeposit,
  publicSellerDeposit,
  sellerMinimumBp,
} from './funds.ledger';
import {
  fundCommunityAbilities,
  presentAlert,
  presentCampaign,
  presentCommunityFund,
} from './funds.presenter';
import * as repo from './funds.repository';
import type { FundCommunityRow } from './funds.table';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'fund.setup': { before: FundCommunityRow | null; after: FundCommunityRow };
    'fund.posted': {
      after: {
        entryId: number;
        kind: EntryKind;
        communityId: number;
        entryDate: string;
        totalFen: string;
        lineCount: number;
        memo: string;
        ref: { type: string; id: number } | null;
      };
    };
    'fund.alert_raised': { after: Record<string, unknown> };
    'fund.alert_resolved': { after: Record<string, unknown> };
    'recollection.created': { after: Record<string, unknown> };
  }
}

export const idCursor = (cursor: string | undefined) =>
  decodeCursor<[number]>(cursor, ['number'])?.[0] ?? null;
export const hundredths = (area: string) => BigInt(area.replace('.', ''));

export const bankSpec: repo.AccountSpec = { kind: 'bank', fundType: null };
export const unitSpec = (unitId: number, fundType: FundType | string): repo.AccountSpec => ({
  kind: 'unit',
  fundType,
  unitId,
});
export const buildingSpec = (buildingId: number, fundType: FundType): repo.AccountSpec => ({
  kind: 'building',
  fundType,
  buildingId,
});

export interface PlacedCommunity {
  id: number;
  name: string;
  streetId: number;
  committeeId: number | null;
  propertyOrgId: number | null;
  developerOrgId: number | null;
}

/** The community under `permission` (else 404) and its fund set-up (else 409). */
export async function fundOf(ctx: AppContext, actor: Actor, permission: Permission, communityId: number) {
  const community = await owners.scopedCommunity(ctx.db, actor, permission, communityId);
  if (!community) throw err.communityNotFound();
  const fund = await repo.fundCommunityRow(ctx.db, communityId);
  if (!fund) throw err.fundNotSetUp();
  return { community, fund };
}

/**
 * Posts one balanced entry and, unless the caller audits it as part of something larger, audits it
 * (call it last then). `lines` are specs with amounts; accounts are created as needed. Throws if
 * the entry does not balance (and the database trigger would too).
 */
export async function post(
  tx: Executor,
  actor: { audit: { userId: number | null; label: string; ip?: string | null } },
  community: { id: number; streetId: number },
  entry: PostingEntry,
  lines: readonly { spec: repo.AccountSpec; debitFen: bigint; creditFen: bigint }[],
  opts: { audit?: boolean } = {},
) {
  const accounts = await repo.ensureAccounts(
    tx,
    community,
    lines.map((l) => l.spec),
  );
  const posting: PostingLine[] = balancedLines(
    lines.map((l) => ({
      accountId: accounts.get(repo.accountKey(l.spec))!,
      debitFen: l.debitFen,
      creditFen: l.creditFen,
    })),
  );
  const result = await repo.postEntry(
    tx,
    {
      streetId: community.streetId,
      communityId: community.id,
      kind: entry.kind,
      entryDate: entry.entryDate,
      memo: entry.memo,
      refType: entry.ref?.type ?? null,
      refId: entry.ref?.id ?? null,
      createdBy: actor.audit.userId,
    },
    posting,
  );
  const posted = { entryId: result.id, totalFen: Number(result.totalFen), lineCount: result.lineCount };
  if (opts.audit ?? true) await auditPosting(tx, actor, community, entry, posted);
  return posted;
}

interface PostingEntry {
  kind: EntryKind;
  entryDate: string;
  memo: string;
  ref?: { type: string; id: number } | undefined;
}

/** The audit row of a posting; last in its use case. */
export async function auditPosting(
  tx: Executor,
  actor: { audit: { userId: number | null; label: string; ip?: string | null } },
  community: { id: number; streetId: number },
  entry: PostingEntry,
  posted: { entryId: number; totalFen: number; lineCount: number },
) {
  await recordAudit(tx, actor.audit, {
    action: 'fund.posted',
    entityType: 'journal_entry',
    entityId: posted.entryId,
    streetId: community.streetId,
    after: {
      entryId: posted.entryId,
      kind: entry.kind,
      communityId: community.id,
      entryDate: entry.entryDate,
      totalFen: String(posted.totalFen),
      lineCount: posted.lineCount,
      memo: entry.memo,
      ref: entry.ref ?? null,
    },
  });
}

const dr = (spec: repo.AccountSpec, fen: bigint) => ({ spec, ...debit(0, fen) });
const cr = (spec: repo.AccountSpec, fen: bigint) => ({ spec, ...credit(0, fen) });

// ---------------------------------------------------------------------------------------------
// Reading

export async function listCommunityFunds(
  ctx: AppContext,
  actor: Actor,
  q: {
    streetId?: number | undefined;
    depleted?: 'true' | 'false' | undefined;
    developerShareStatus?: string | undefined;
    scheme?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.streetId ? { streetId: q.streetId } : {}),
    ...(q.depleted ? { depleted: q.depleted === 'true' } : {}),
    ...(q.developerShareStatus ? { developerShareStatus: q.developerShareStatus } : {}),
    ...(q.scheme ? { scheme: q.scheme } : {}),
  };
  const scope = repo.communityFundScope(actor, 'funds.read');
  const [rows, total] = await Promise.all([
    repo.communityFunds(ctx.db, scope, { ...filter, limit: q.limit }, after),
    after === null ? repo.communityFunds(ctx.db, scope, filter).then((r) => r.length) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.communityId]);
  return { items: result.items.map(presentCommunityFund), nextCursor: result.nextCursor, total };
}

export async function* iterateCommunityFunds(
  ctx: AppContext,
  actor: Actor,
  q: Parameters<typeof listCommunityFunds>[2],
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listCommunityFunds(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

export async function getCommunityFund(ctx: AppContext, actor: Actor, communityId: number) {
  const [row] = await repo.communityFunds(ctx.db, repo.communityFundScope(actor, 'funds.read'), {
    communityId,
  });
  if (!row) {
    if (await owners.scopedCommunity(ctx.db, actor, 'funds.read', communityId)) throw err.fundNotSetUp();
    throw err.communityNotFound();
  }
  const [accounts, buildings, alerts] = await Promise.all([
    repo.accountsOf(ctx.db, communityId),
    repo.buildingsOfCommunity(ctx.db, communityId),
    repo.listAlerts(ctx.db, actor, { communityId, limit: 20 }, null),
  ]);
  const byType = new Map<string, number>();
  const byBuilding = new Map<number, { balance: number; seller: number }>();
  const unitBuilding = new Map(
    (await repo.unitsForPosting(ctx.db, communityId)).map((u) => [u.unitId, u.buildingId] as const),
  );
  let bank = 0;
  for (const a of accounts) {
    if (a.kind === 'bank') {
      bank += Number(a.debitFen) - Number(a.creditFen);
      continue;
    }
    const balance = Number(a.creditFen) - Number(a.debitFen);
    byType.set(a.fundType!, (byType.get(a.fundType!) ?? 0) + balance);
    const buildingId = a.kind === 'building' ? a.buildingId! : unitBuilding.get(a.unitId!)!;
    const b = byBuilding.get(buildingId) ?? { balance: 0, seller: 0 };
    b.balance += balance;
    if (a.kind === 'building') b.seller += balance;
    byBuilding.set(buildingId, b);
  }
  return {
    ...presentCommunityFund(row),
    constructionCostFenPerM2: row.constructionCostFenPerM2,
    depositRateBp: row.depositRateBp,
    bankBalanceFen: bank,
    byFundType: [...byType.entries()].map(([fundType, balanceFen]) => ({
      fundType: fundType as FundType,
      balanceFen,
    })),
    buildings: buildings.map((b) => ({
      building: { id: b.id, name: b.name },
      balanceFen: byBuilding.get(b.id)?.balance ?? 0,
      sellerShareFen: byBuilding.get(b.id)?.seller ?? 0,
    })),
    alerts: alerts.map(presentAlert),
    version: row.version,
    abilities: fundCommunityAbilities(actor, row),
  };
}

/** The community's balance after each day with movements: what came in, what went out. */
export async function balanceHistory(ctx: AppContext, actor: Actor, communityId: number) {
  await fundOf(ctx, actor, 'funds.read', communityId);
  let balance = 0;
  const items = (await repo.bankMovementsByDate(ctx.db, communityId)).map((m) => {
    balance += m.inFen - m.outFen;
    return { ...m, balanceFen: balance };
  });
  return { items };
}

function presentUnitBalance(u: repo.UnitBalanceRow) {
  return {
    unitId: u.unitId,
    building: { id: u.buildingId, name: u.buildingName },
    number: u.number,
    exclusiveArea: u.exclusiveArea,
    balanceFen: u.balanceFen,
    firstDepositFen: u.firstDepositFen,
    depleted: isDepleted(BigInt(u.balanceFen), BigInt(u.firstDepositFen)),
    byFundType: (u.byFundType ?? []).map((b) => ({
      fundType: b.fundType as FundType,
      balanceFen: Number(b.balanceFen),
      accountId: Number(b.accountId),
    })),
  };
}

export async function listUnitFunds(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  q: {
    buildingId?: number | undefined;
    depleted?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  await fundOf(ctx, actor, 'funds.read', communityId);
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.buildingId ? { buildingId: q.buildingId } : {}),
    ...(q.depleted ? { depleted: q.depleted === 'true' } : {}),
  };
  const rows = await repo.unitBalances(ctx.db, communityId, { ...filter, limit: q.limit }, after);
  const result = page(rows, q.limit, (r) => [r.unitId]);
  const total = after === null ? (await repo.unitBalances(ctx.db, communityId, filter)).length : -1;
  return { items: result.items.map(presentUnitBalance), nextCursor: result.nextCursor, total };
}

export async function* iterateUnitFunds(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  q: Omit<Parameters<typeof listUnitFunds>[3], 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listUnitFunds(ctx, actor, communityId, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

function presentAccount(
  a: { id: number; kind: string; fundType: string | null; buildingId: number | null; unitId: number | null },
  label: string,
) {
  return {
    id: a.id,
    kind: a.kind as 'bank',
    fundType: a.fundType as FundType | null,
    buildingId: a.buildingId,
    unitId: a.unitId,
    label,
  };
}

export async function accountStatement(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string | undefined },
) {
  const found = await repo.findAccount(ctx.db, actor, id);
  if (!found) throw err.accountNotFound();
  const rows = await repo.statementLines(ctx.db, id, q.limit, idCursor(q.cursor));
  const result = page(rows, q.limit, (r) => [r.lineId]);
  const totals = (await repo.accountsOf(ctx.db, found.account.communityId)).find((a) => a.id === id)!;
  const balance =
    found.account.kind === 'bank'
      ? Number(totals.debitFen) - Number(totals.creditFen)
      : Number(totals.creditFen) - Number(totals.debitFen);
  return {
    account: presentAccount(found.account, found.label),
    balanceFen: balance,
    items: result.items.map((r) => ({
      entryId: r.entryId,
      entryDate: r.entryDate,
      kind: r.kind as EntryKind,
      memo: r.memo,
      debitFen: r.debitFen,
      creditFen: r.creditFen,
    })),
    nextCursor: result.nextCursor,
  };
}

function presentEntry(r: repo.EntryListRow) {
  return {
    id: r.entry.id,
    community: { id: r.entry.communityId, name: r.communityName },
    kind: r.entry.kind as EntryKind,
    entryDate: r.entry.entryDate,
    memo: r.entry.memo,
    ref: r.entry.refType && r.entry.refId !== null ? { type: r.entry.refType, id: r.entry.refId } : null,
    totalFen: Number(r.totalFen),
    lineCount: r.lineCount,
    createdAt: r.entry.createdAt.toISOString(),
  };
}

export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  q: {
    communityId?: number | undefined;
    kind?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await repo.listEntries(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
    },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.entry.id]);
  return { items: result.items.map(presentEntry), nextCursor: result.nextCursor, total: -1 };
}

export async function getEntry(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findEntry(ctx.db, actor, id);
  if (!row) throw err.entryNotFound();
  const lines = await repo.linesOfEntry(ctx.db, id);
  return {
    ...presentEntry(row),
    lines: lines.map((l) => ({
      account: presentAccount(l.account, l.label),
      debitFen: l.line.debitFen,
      creditFen: l.line.creditFen,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Set-up and postings (the housing bureau)

export async function setupFund(ctx: AppContext, actor: Actor, communityId: number, body: FundSetupBody) {
  const community = await owners.scopedCommunity(ctx.db, actor, 'funds.manage', communityId);
  if (!community) throw err.communityNotFound();
  if (
    body.scheme === 'commercial' &&
    body.depositRateBp !== undefined &&
    !commercialRateValid(body.depositRateBp)
  )
    throw err.rateOutOfRange('body.depositRateBp', COMMERCIAL_RATE_BP.min, COMMERCIAL_RATE_BP.max);
  await ctx.db.transaction(async (tx) => {
    const before = (await repo.fundCommunityRow(tx, communityId)) ?? null;
    if (before?.mergedOn && body.scheme !== 'sold_public') throw err.schemeMismatch();
    const after = await repo.upsertFundCommunity(tx, {
      communityId,
      streetId: community.streetId,
      scheme: body.scheme,
      primaryFundType: before?.mergedOn
        ? 'merged'
        : body.scheme === 'commercial'
          ? 'commercial'
          : 'public_buyer',
      constructionCostFenPerM2: body.constructionCostFenPerM2 ?? null,
      depositRateBp: body.depositRateBp ?? null,
      developerShareStatus: body.developerShareStatus,
    });
    await repo.ensureAccounts(tx, community, [bankSpec]);
    await recordAudit(tx, actor.audit, {
      action: 'fund.setup',
      entityType: 'community',
      entityId: communityId,
      streetId: community.streetId,
      before,
      after,
    });
  });
  return getCommunityFund(ctx, actor, communityId);
}

/**
 * First deposits by the standards of SPEC 5.6. Commercial: area × construction cost × 5%–8% per
 * unit. Sold public housing: the buyer's 2% of the price to the unit, the seller's share (at least
 * 20% multi-storey, 30% high-rise, of the building's proceeds) to the building.
 */
export async function initialDeposit(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  body: InitialDepositBody,
) {
  const { community, fund } = await fundOf(ctx, actor, 'funds.manage', communityId);
  if (body.scheme !== fund.scheme) throw err.schemeMismatch();
  const units = await repo.unitsForPosting(ctx.db, communityId);
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const deposited = await repo.unitsWithFirstDeposit(ctx.db, communityId);
  const lines: { spec: repo.AccountSpec; debitFen: bigint; creditFen: bigint }[] = [];
  let total = 0n;
  if (body.scheme === 'commercial') {
    if (!commercialRateValid(body.depositRateBp))
      throw err.rateOutOfRange('body.depositRateBp', COMMERCIAL_RATE_BP.min, COMMERCIAL_RATE_BP.max);
    let targets: number[];
    if (body.unitIds) {
      const seen = new Set<number>();
      body.unitIds.forEach((id, i) => {
        if (!byId.has(id)) throw err.unknownUnit(`body.unitIds.${i}`);
        if (seen.has(id)) throw err.duplicateUnit(`body.unitIds.${i}`);
        if (deposited.has(id)) throw err.alreadyDeposited(`body.unitIds.${i}`);
        seen.add(id);
      });
      targets = body.unitIds;
    } else targets = units.filter((u) => !deposited.has(u.unitId)).map((u) => u.unitId);
    if (targets.length === 0) throw err.nothingToDeposit();
    for (const id of targets) {
      const fen = commercialDeposit(
        hundredths(byId.get(id)!.exclusiveArea),
        BigInt(body.constructionCostFenPerM2),
        body.depositRateBp,
      );
      lines.push(cr(unitSpec(id, 'commercial'), fen));
      total += fen;
    }
  } else {
    const proceeds = new Map<number, bigint>();
    const seen = new Set<number>();
    body.sales.forEach((s, i) => {
      const unit = byId.get(s.unitId);
      if (!unit) throw err.unknownUnit(`body.sales.${i}.unitId`);
      if (seen.has(s.unitId)) throw err.duplicateUnit(`body.sales.${i}.unitId`);
      if (deposited.has(s.unitId)) throw err.alreadyDeposited(`body.sales.${i}.unitId`);
      seen.add(s.unitId);
      const fen = publicBuyerDeposit(BigInt(s.priceFen));
      lines.push(cr(unitSpec(s.unitId, 'public_buyer'), fen));
      total += fen;
      proceeds.set(unit.buildingId, (proceeds.get(unit.buildingId) ?? 0n) + BigInt(s.priceFen));
    });
    const floorsOf = new Map(units.map((u) => [u.buildingId, u.floors]));
    for (const [buildingId, sum] of proceeds) {
      const floors = floorsOf.get(buildingId)!;
      const minimum = sellerMinimumBp(floors);
      const highRise = minimum === sellerMinimumBp(99);
      const given = highRise ? body.sellerRateBp.highRise : body.sellerRateBp.multiStorey;
      const rate = given ?? minimum;
      if (rate < minimum || rate > 10000)
        throw err.belowMinimum(`body.sellerRateBp.${highRise ? 'highRise' : 'multiStorey'}`, minimum);
      const fen = publicSellerDeposit(sum, rate);
      lines.push(cr(buildingSpec(buildingId, 'public_seller'), fen));
      total += fen;
    }
  }
  lines.push(dr(bankSpec, total));
  return ctx.db.transaction(async (tx) => {
    if (body.scheme === 'commercial')
      await repo.updateFundCommunity(tx, communityId, {
        constructionCostFenPerM2: body.constructionCostFenPerM2,
        depositRateBp: body.depositRateBp,
      });
    return post(
      tx,
      actor,
      community,
      { kind: 'initial_deposit', entryDate: body.entryDate, memo: '' },
      lines,
    );
  });
}

/** Splits `amount` over the community's units by exclusive area into their primary accounts. */
function byAreaLines(
  units: readonly { unitId: number; exclusiveArea: string }[],
  amount: bigint,
  fundType: string,
  side: 'credit' | 'debit',
) {
  const shares = apportion(
    amount,
    units.map((u) => ({ id: u.unitId, weight: hundredths(u.exclusiveArea) })),
  );
  return [...shares].map(([unitId, fen]) =>
    side === 'credit' ? cr(unitSpec(unitId, fundType), fen) : dr(unitSpec(unitId, fundType), fen),
  );
}

/** Interest earned by the bank account, allocated to the units by exclusive area. */
export async function allocateInterest(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  body: { entryDate: string; amountFen: number; memo: string },
) {
  const { community, fund } = await fundOf(ctx, actor, 'funds.manage', communityId);
  const units = await repo.unitsForPosting(ctx.db, communityId);
  if (units.length === 0) throw err.noUnits();
  const amount = BigInt(body.amountFen);
  const lines = [dr(bankSpec, amount), ...byAreaLines(units, amount, fund.primaryFundType, 'credit')];
  return ctx.db.transaction((tx) =>
    post(tx, actor, community, { kind: 'interest', entryDate: body.entryDate, memo: body.memo }, lines),
  );
}

/** Pays money out of one unit's accounts (refund on demolition ...), primary fund type first. */
export async function withdraw(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  body: { unitId: number; amountFen: number; entryDate: string; reason: string; memo: string },
) {
  const { community, fund } = await fundOf(ctx, actor, 'funds.manage', communityId);
  return ctx.db.transaction(async (tx) => {
    // lock the community's fund row so two withdrawals cannot both see the same balance
    await tx.execute(sql`select 1 from fund_community where community_id = ${communityId} for update`);
    const [unit] = await repo.unitBalances(tx, communityId, { unitIds: [body.unitId] });
    if (!unit) throw err.unknownUnit('body.unitId');
    const balances = (unit.byFundType ?? [])
      .map((b) => ({ fundType: b.fundType, balance: BigInt(b.balanceFen) }))
      .sort((a, b) =>
        a.fundType === fund.primaryFundType ? -1 : b.fundType === fund.primaryFundType ? 1 : 0,
      );
    let left = BigInt(body.amountFen);
    const available = balances.reduce((s, b) => s + (b.balance > 0n ? b.balance : 0n), 0n);
    if (available < left) throw err.insufficientBalance(Number(available));
    const lines = [];
    for (const b of balances) {
      if (left === 0n || b.balance <= 0n) continue;
      const take = b.balance < left ? b.balance : left;
      lines.push(dr(unitSpec(body.unitId, b.fundType), take));
      left -= take;
    }
    lines.push(cr(bankSpec, BigInt(body.amountFen)));
    return post(
      tx,
      actor,
      community,
      {
        kind: 'withdrawal',
        entryDate: body.entryDate,
        memo: `${body.reason}${body.memo ? `: ${body.memo}` : ''}`,
      },
      lines,
    );
  });
}

/** 补建: the developer's share that was never collected, paid in later and allocated by area. */
export async function backfillDeveloperShare(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  body: { entryDate: string; amountFen: number; memo: string },
) {
  const { community, fund } = await fundOf(ctx, actor, 'funds.manage', communityId);
  if (fund.developerShareStatus !== 'uncollected') throw err.developerShareNotOpen();
  const units = await repo.unitsForPosting(ctx.db, communityId);
  if (units.length === 0) throw err.noUnits();
  const amount = BigInt(body.amountFen);
  return ctx.db.transaction(async (tx) => {
    await repo.updateFundCommunity(tx, communityId, { developerShareStatus: 'backfilled' });
    return post(
      tx,
      actor,
      community,
      { kind: 'developer_backfill', entryDate: body.entryDate, memo: body.memo },
      [dr(bankSpec, amount), ...byAreaLines(units, amount, fund.primaryFundType, 'credit')],
    );
  });
}

/**
 * 三项并一项: the seller's building shares (by area to the building's units), the buyers' and the
 * re-collected balances of sold public housing become one merged account per unit.
 */
export async function mergePublicFunds(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  body: { entryDate: string },
) {
  const { community, fund } = await fundOf(ctx, actor, 'funds.manage', communityId);
  if (fund.scheme !== 'sold_public') throw err.notSoldPublic();
  if (fund.mergedOn) throw err.alreadyMerged();
  const units = await repo.unitsForPosting(ctx.db, communityId);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from fund_community where community_id = ${communityId} for update`);
    const accounts = await repo.accountsOf(tx, communityId);
    const merged = new Map<number, bigint>(units.map((u) => [u.unitId, 0n]));
    const lines: { spec: repo.AccountSpec; debitFen: bigint; creditFen: bigint }[] = [];
    for (const a of accounts) {
      if (a.kind === 'bank' || a.fundType === 'merged') continue;
      const balance = BigInt(a.creditFen) - BigInt(a.debitFen);
      if (balance === 0n) continue;
      const spec =
        a.kind === 'building'
          ? buildingSpec(a.buildingId!, a.fundType as FundType)
          : unitSpec(a.unitId!, a.fundType as FundType);
      lines.push(balance > 0n ? dr(spec, balance) : cr(spec, -balance));
      if (a.kind === 'unit') merged.set(a.unitId!, (merged.get(a.unitId!) ?? 0n) + balance);
      else {
        const inBuilding = units.filter((u) => u.buildingId === a.buildingId);
        if (inBuilding.length === 0) throw err.noUnits();
        const positive = balance > 0n ? balance : -balance;
        for (const [unitId, fen] of apportion(
          positive,
          inBuilding.map((u) => ({ id: u.unitId, weight: hundredths(u.exclusiveArea) })),
        ))
          merged.set(unitId, merged.get(unitId)! + (balance > 0n ? fen : -fen));
      }
    }
    for (const [unitId, fen] of merged) {
      if (fen > 0n) lines.push(cr(unitSpec(unitId, 'merged'), fen));
      else if (fen < 0n) lines.push(dr(unitSpec(unitId, 'merged'), -fen));
    }
    if (lines.length === 0) throw err.noUnits();
    await repo.updateFundCommunity(tx, communityId, { mergedOn: body.entryDate, primaryFundType: 'merged' });
    return post(tx, actor, community, { kind: 'merge', entryDate: body.entryDate, memo: '' }, lines);
  });
}

// ---------------------------------------------------------------------------------------------
// Depletion alerts

export async function listAlerts(
  ctx: AppContext,
  actor: Actor,
  q: {
    status?: string | undefined;
    streetId?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await repo.listAlerts(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.status ? { status: q.status } : {}),
      ...(q.streetId ? { streetId: q.streetId } : {}),
    },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.alert.id]);
  return { items: result.items.map(presentAlert), nextCursor: result.nextCursor, total: -1 };
}

/**
 * Job: raises an alert for every community whose balance, or one of whose units' balance, is below
 * 30% of its first deposit, and resolves the alerts of communities that recovered. Idempotent and
 * safe on several instances: one open alert per community (unique index).
 */
export async function checkDepletion(ctx: AppContext, today = shanghaiDate()) {
  const system = { userId: null, label: 'job:funds-depletion' };
  const rows = await repo.communityFunds(ctx.db, sql`true`, {});
  const open = new Set((await repo.openAlertCommunities(ctx.db)).map((a) => a.communityId));
  let raised = 0;
  let resolved = 0;
  for (const r of rows) {
    const depleted = isDepleted(BigInt(r.balanceFen), BigInt(r.firstDepositFen)) || r.depletedUnits > 0;
    if (depleted && !open.has(r.communityId)) {
      await ctx.db.transaction(async (tx) => {
        const alert = await repo.insertOpenAlert(tx, {
          streetId: r.streetId,
          communityId: r.communityId,
          detectedOn: today,
          balanceFen: r.balanceFen,
          firstDepositFen: r.firstDepositFen,
          depletedUnits: r.depletedUnits,
        });
        if (!alert) return;
        raised++;
        await recordAudit(tx, system, {
          action: 'fund.alert_raised',
          entityType: 'community',
          entityId: r.communityId,
          streetId: r.streetId,
          after: alert,
        });
      });
    } else if (!depleted && open.has(r.communityId)) {
      await ctx.db.transaction(async (tx) => {
        const alert = await repo.resolveOpenAlert(tx, r.communityId, today);
        if (!alert) return;
        resolved++;
        await recordAudit(tx, system, {
          action: 'fund.alert_resolved',
          entityType: 'community',
          entityId: r.communityId,
          streetId: r.streetId,
          after: alert,
        });
      });
    }
  }
  return { raised, resolved };
}

// ---------------------------------------------------------------------------------------------
// Re-collection (续筹)

export async function listCampaigns(
  ctx: AppContext,
  actor: Actor,
  q: {
    communityId?: number | undefined;
    status?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await repo.listCampaigns(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(q.status ? { status: q.status } : {}),
    },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.campaign.id]);
  return { items: result.items.map(presentCampaign), nextCursor: result.nextCursor, total: -1 };
}

export async function getCampaign(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findCampaign(ctx.db, actor, 'funds.read', id);
  if (!row) throw err.campaignNotFound();
  return {
    ...presentCampaign(row),
    abilities: {
      pay:
        row.campaign.status === 'active' &&
        reaches(actor, 'recollection.pay', {
          streetId: row.campaign.streetId,
          communityId: row.campaign.communityId,
          committeeId: row.committeeId,
        }),
    },
  };
}

/** A campaign decided by the owners' passed `raise_fund` vote; instalments end within 3 years. */
export async function createCampaign(ctx: AppContext, actor: Actor, body: CreateCampaignBody) {
  const { community, fund } = await fundOf(ctx, actor, 'recollection.manage', body.communityId);
  // one passed raise-fund vote of the whole community backs one campaign (SPEC 5.6)
  const v = await votes.decisionOf(ctx.db, body.voteId);
  if (v?.status !== 'closed' || !v.passed) throw err.voteNotPassed();
  if (v.communityId !== community.id || v.matterType !== 'raise_fund' || (v.buildingIds?.length ?? 0) > 0)
    throw err.voteScopeMismatch();
  if (await repo.campaignOfVote(ctx.db, body.voteId)) throw err.voteAlreadyBacksCampaign();
  if (body.deadlineOn <= body.startOn) throw err.deadlineBeforeStart();
  if (body.deadlineOn > addYears(body.startOn, RECOLLECTION_MAX_YEARS)) throw err.recollectionTooLong();
  const units =
    body.scope === 'all_units'
      ? await repo.unitBalances(ctx.db, community.id, {})
      : await repo.unitBalances(ctx.db, community.id, { depleted: true });
  if (units.length === 0) throw err.noDepletedUnits();
  const households = units
    .map((u) => ({
      unitId: u.unitId,
      dueFen: Number(divRound(hundredths(u.exclusiveArea) * BigInt(body.rateFenPerM2), 100n)),
    }))
    .filter((h) => h.dueFen > 0);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo
      .insertCampaign(
        tx,
        {
          streetId: community.streetId,
          communityId: community.id,
          voteId: body.voteId,
          title: body.title,
          scope: body.scope,
          rateFenPerM2: body.rateFenPerM2,
          startOn: body.startOn,
          deadlineOn: body.deadlineOn,
          instalments: body.instalments,
          createdBy: actor.userId,
        },
        households,
      )
      .catch((e) => {
        // a second request racing past the check meets the unique key on the vote
        if ((e as { cause?: { code?: string } }).cause?.code === '23505')
          throw err.voteAlreadyBacksCampaign();
        throw e;
      });
    await recordAudit(tx, actor.audit, {
      action: 'recollection.created',
      entityType: 'recollection',
      entityId: row.id,
      streetId: community.streetId,
      after: { ...row, households: households.length, fundType: fund.primaryFundType },
    });
    return row.id;
  });
  return getCampaign(ctx, actor, id);
}

function presentHousehold(
  c: { instalments: number; startOn: string; deadlineOn: string },
  h: Awaited<ReturnType<typeof repo.householdsOf>>[number],
  today: string,
) {
  const expected = Number(expectedByDate(BigInt(h.dueFen), c.instalments, c.startOn, c.deadlineOn, today));
  return {
    unitId: h.unitId,
    building: { id: h.buildingId, name: h.buildingName },
    number: h.number,
    exclusiveArea: h.exclusiveArea,
    dueFen: h.dueFen,
    paidFen: h.paidFen,
    remainingFen: Math.max(0, h.dueFen - h.paidFen),
    status: (h.paidFen >= h.dueFen ? 'paid' : h.paidFen > 0 ? 'partial' : 'unpaid') as
      | 'paid'
      | 'partial'
      | 'unpaid',
    expectedByTodayFen: expected,
    behindSchedule: h.paidFen < expected,
  };
}

export async function listHouseholds(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: {
    status?: string | undefined;
    behind?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const row = await repo.findCampaign(ctx.db, actor, 'funds.read', id);
  if (!row) throw err.campaignNotFound();
  const today = shanghaiDate();
  // progress filters need the paid sums, so the page is filtered after reading (a campaign is one community)
  const all = (await repo.householdsOf(ctx.db, id, {}, null)).map((h) =>
    presentHousehold(row.campaign, h, today),
  );
  const filtered = all.filter(
    (h) => (!q.status || h.status === q.status) && (!q.behind || h.behindSchedule === (q.behind === 'true')),
  );
  const after = idCursor(q.cursor);
  const rest = after === null ? filtered : filtered.filter((h) => h.unitId > after);
  const result = page(rest, q.limit, (h) => [h.unitId]);
  return { items: result.items, nextCursor: result.nextCursor, total: after === null ? filtered.length : -1 };
}

/** A household's instalment, into the ledger: bank debit, the unit's account credit. */
export async function payRecollection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { unitId: number; amountFen: number; paidOn: string },
) {
  const row = await repo.findCampaign(ctx.db, actor, 'recollection.pay', id);
  if (!row) throw err.campaignNotFound();
  const c = row.campaign;
  if (c.status !== 'active') throw err.campaignNotActive();
  const fund = (await repo.fundCommunityRow(ctx.db, c.communityId))!;
  const fundType =
    fund.scheme === 'sold_public' && !fund.mergedOn ? 'public_recollected' : fund.primaryFundType;
  const community = { id: c.communityId, streetId: c.streetId };
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from fund_recollection_campaign where id = ${id} for update`);
    const [h] = await repo.householdsOf(tx, id, { unitId: body.unitId }, null);
    if (!h) throw err.notInCampaign();
    const remaining = h.dueFen - h.paidFen;
    if (body.amountFen > remaining) throw err.exceedsRemaining(Math.max(0, remaining));
    const amount = BigInt(body.amountFen);
    const entry = {
      kind: 'recollection' as const,
      entryDate: body.paidOn,
      memo: c.title,
      ref: { type: 'recollection', id },
    };
    const result = await post(
      tx,
      actor,
      community,
      entry,
      [dr(bankSpec, amount), cr(unitSpec(body.unitId, fundType), amount)],
      { audit: false },
    );
    const left = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from fund_recollection_household h where h.campaign_id = ${id}
        and h.due_fen > coalesce((select sum(l.credit_fen) from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id
          join fund_account a on a.id = l.account_id where e.ref_type = 'recollection' and e.ref_id = ${id} and a.unit_id = h.unit_id), 0)`);
    if (left.rows[0]!.n === 0) await repo.setCampaignStatus(tx, id, 'completed');
    await auditPosting(tx, actor, community, entry, result);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// The resident's own (/m)

/** The resident's units: balance, first deposit, and their share of each fund use of the community. */
export async function myFund(ctx: AppContext, actor: Actor) {
  const { units } = await myUnits(ctx, actor);
  const out = [];
  for (const u of units) {
    const [b] = await repo.unitBalances(ctx.db, u.communityId, { unitIds: [u.unitId] });
    out.push({
      unitId: u.unitId,
      label: `${u.buildingName}${u.number}`,
      community: { id: u.communityId, name: u.communityName },
      exclusiveArea: u.exclusiveArea,
      balanceFen: b?.balanceFen ?? 0,
      firstDepositFen: b?.firstDepositFen ?? 0,
      depleted: b ? isDepleted(BigInt(b.balanceFen), BigInt(b.firstDepositFen)) : false,
      byFundType: (b?.byFundType ?? []).map((t) => ({
        fundType: t.fundType as FundType,
        balanceFen: Number(t.balanceFen),
      })),
      costShares: await sharesOfUnits(ctx, u.communityId, [u.unitId]),
    });
  }
  return { units: out };
}
