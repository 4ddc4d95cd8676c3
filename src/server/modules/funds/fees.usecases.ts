import { sql } from 'drizzle-orm';
import {
  type AddFeeBudgetBody,
  type AddFeeItemBody,
  type CreateFeeContractBody,
  type FeeContractListQuery,
  feeIncomeCategories,
} from '../../../contracts/funds';
import type { AppContext } from '../../context';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/dates';
import { versionConflict } from '../../platform/errors';
import { page } from '../../platform/pagination';
import { reaches } from '../owners/owners.policy';
import * as owners from '../owners/owners.repository';
import { publishDisclosure } from '../owners/owners.usecases';
import * as err from './funds.errors';
import { divRound, halfYear, halfYearOf } from './funds.ledger';
import * as repo from './funds.repository';
import type { FeeContractRow } from './funds.table';
import { idCursor } from './funds.usecases';

// Property fees (SPEC 5.9): guidance prices per service grade, each community's contract, and
// under the commission model (酬金制) the owners' own income and spending, disclosed every half
// year, with a yearly budget and final accounts.

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'fees.standard_set': { before: Record<string, unknown> | null; after: Record<string, unknown> };
    'fees.contract_created': { before: { endedContractIds: number[] }; after: FeeContractRow };
    'fees.item_added': { after: Record<string, unknown> };
    'fees.budget_added': { after: Record<string, unknown> };
    'fees.budget_approved': { after: Record<string, unknown> };
    'fees.statement_disclosed': { after: Record<string, unknown> };
  }
}

const districtOf = (actor: Actor) => actor.assignments[0]?.districtId ?? 0;

export async function listStandards(ctx: AppContext, actor: Actor) {
  const rows = await repo.feeStandardsOf(ctx.db, districtOf(actor));
  return {
    items: rows.map((r) => ({
      grade: r.grade,
      priceFen: r.priceFen,
      floatBp: r.floatBp,
      effectiveFrom: r.effectiveFrom,
      version: r.version,
    })),
    canEdit: actor.can('fees.standards'),
  };
}

export async function putStandard(
  ctx: AppContext,
  actor: Actor,
  grade: number,
  body: { version?: number | undefined; priceFen: number; floatBp: number; effectiveFrom: string },
) {
  await ctx.db.transaction(async (tx) => {
    const { before, after } = await repo.upsertFeeStandard(tx, districtOf(actor), grade, body.version, {
      priceFen: body.priceFen,
      floatBp: body.floatBp,
      effectiveFrom: body.effectiveFrom,
    });
    if (!after) throw versionConflict(before?.version ?? 0);
    await recordAudit(tx, actor.audit, {
      action: 'fees.standard_set',
      entityType: 'fee_standard',
      entityId: after.id,
      streetId: null,
      before,
      after,
    });
  });
  return listStandards(ctx, actor);
}

function withinGuidance(
  c: { grade: number; priceFen: number },
  standards: readonly { grade: number; priceFen: number; floatBp: number }[],
): boolean | null {
  const s = standards.find((x) => x.grade === c.grade);
  if (!s) return null;
  // |price − guidance| ≤ guidance × float, in integers
  return Math.abs(c.priceFen - s.priceFen) * 10000 <= s.priceFen * s.floatBp;
}

function presentContract(
  r: repo.ContractRow,
  standards: readonly { grade: number; priceFen: number; floatBp: number }[],
) {
  const c = r.contract;
  return {
    id: c.id,
    community: { id: c.communityId, name: r.communityName },
    propertyCompany: { id: c.propertyOrgId, name: r.propertyName },
    grade: c.grade,
    priceFen: c.priceFen,
    model: c.model as 'lump_sum' | 'commission',
    commissionKind: c.commissionKind as 'share' | 'fixed' | null,
    commissionBp: c.commissionBp,
    commissionFixedFenPerYear: c.commissionFixedFenPerYear,
    startOn: c.startOn,
    endOn: c.endOn,
    status: c.status as 'active' | 'ended',
    withinGuidance: withinGuidance(c, standards),
  };
}

export async function listContracts(ctx: AppContext, actor: Actor, q: FeeContractListQuery) {
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.communityId ? { communityId: q.communityId } : {}),
    ...(q.streetId ? { streetId: q.streetId } : {}),
    ...(q.model ? { model: q.model } : {}),
    ...(q.grade ? { grade: q.grade } : {}),
  };
  const [rows, total, standards] = await Promise.all([
    repo.listContracts(ctx.db, actor, { ...filter, limit: q.limit }, after),
    after === null ? repo.countContracts(ctx.db, actor, filter) : Promise.resolve(-1),
    repo.feeStandardsOf(ctx.db, districtOf(actor)),
  ]);
  const result = page(rows, q.limit, (r) => [r.contract.id]);
  return {
    items: result.items.map((r) => presentContract(r, standards)),
    nextCursor: result.nextCursor,
    total,
  };
}

export async function* iterateContracts(
  ctx: AppContext,
  actor: Actor,
  q: Omit<FeeContractListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listContracts(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

/** The company's commission for a half-year: its share of the income, or half the fixed yearly sum. */
export function commissionFor(c: FeeContractRow, incomeFen: number): number {
  if (c.commissionKind === 'share')
    return Number(divRound(BigInt(incomeFen) * BigInt(c.commissionBp ?? 0), 10000n));
  if (c.commissionKind === 'fixed') return Math.round((c.commissionFixedFenPerYear ?? 0) / 2);
  return 0;
}

/** Every half-year of the contract that has ended by today (or is running), with its statement. */
async function statementsOf(ctx: AppContext, c: FeeContractRow) {
  if (c.model !== 'commission') return [];
  const today = shanghaiDate();
  const totals = new Map((await repo.feeTotalsByHalf(ctx.db, c.id)).map((t) => [t.period, t]));
  const disclosed = await owners.disclosuresOfSource(ctx.db, 'fee_statement', [c.id]);
  const last = halfYearOf([c.endOn, today].sort()[0]!);
  const out = [];
  for (let p = halfYearOf(c.startOn); p <= last; p = nextHalf(p)) {
    const t = totals.get(p) ?? { incomeFen: 0, spendingFen: 0 };
    const commission = commissionFor(c, t.incomeFen);
    const h = halfYear(p);
    const d = disclosed.find((x) => x.sourcePeriod === p);
    out.push({
      period: p,
      incomeFen: t.incomeFen,
      spendingFen: t.spendingFen,
      commissionFen: commission,
      balanceFen: t.incomeFen - t.spendingFen - commission,
      dueOn: h.dueOn,
      disclosedAt: d?.publishedAt.toISOString() ?? null,
      overdue: !d && h.dueOn < today,
    });
  }
  return out;
}

function nextHalf(p: string): string {
  const y = Number(p.slice(0, 4));
  return p.endsWith('H1') ? `${y}H2` : `${y + 1}H1`;
}

export async function getContract(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findContract(ctx.db, actor, 'fees.read', id);
  if (!row) throw err.contractNotFound();
  const [standards, statements, budgets] = await Promise.all([
    repo.feeStandardsOf(ctx.db, districtOf(actor)),
    statementsOf(ctx, row.contract),
    repo.budgetsOf(ctx.db, id),
  ]);
  const placed = {
    streetId: row.contract.streetId,
    communityId: row.contract.communityId,
    committeeId: row.committeeId,
    propertyOrgId: row.contract.propertyOrgId,
  };
  const commission = row.contract.model === 'commission' && row.contract.status === 'active';
  return {
    ...presentContract(row, standards),
    statements,
    budgets: budgets.map((b) => {
      const lines = b.lines as { kind: 'income' | 'spending'; category: string; amountFen: number }[];
      return {
        id: b.id,
        year: b.year,
        kind: b.kind as 'budget' | 'final',
        incomeFen: lines.filter((l) => l.kind === 'income').reduce((s, l) => s + l.amountFen, 0),
        spendingFen: lines.filter((l) => l.kind === 'spending').reduce((s, l) => s + l.amountFen, 0),
        lines,
        approvedAt: b.approvedAt?.toISOString() ?? null,
        disclosureId: b.disclosureId,
      };
    }),
    version: row.contract.version,
    abilities: {
      edit: reaches(actor, 'fees.contracts', placed),
      record: commission && reaches(actor, 'fees.accounts', placed),
      disclose: commission && reaches(actor, 'fees.accounts', placed),
    },
  };
}

export async function createContract(ctx: AppContext, actor: Actor, body: CreateFeeContractBody) {
  const community = await owners.scopedCommunity(ctx.db, actor, 'fees.contracts', body.communityId);
  if (!community) throw err.communityNotFound();
  const org = await ctx.db.execute<{ kind: string }>(
    sql`select kind from organization where id = ${body.propertyOrgId}`,
  );
  if (org.rows[0]?.kind !== 'property_company') throw err.notPropertyCompany();
  if (body.endOn <= body.startOn) throw err.contractDates();
  if (body.model === 'commission') {
    if (!body.commissionKind) throw err.commissionTermsRequired('body.commissionKind');
    if (body.commissionKind === 'share' && !body.commissionBp)
      throw err.commissionTermsRequired('body.commissionBp');
    if (body.commissionKind === 'fixed' && !body.commissionFixedFenPerYear)
      throw err.commissionTermsRequired('body.commissionFixedFenPerYear');
  } else {
    for (const f of ['commissionKind', 'commissionBp', 'commissionFixedFenPerYear'] as const)
      if (body[f] !== undefined) throw err.commissionOnlyField(`body.${f}`);
  }
  const id = await ctx.db.transaction(async (tx) => {
    const ended = await repo.endActiveContracts(tx, community.id);
    const row = await repo.insertContract(tx, {
      streetId: community.streetId,
      communityId: community.id,
      propertyOrgId: body.propertyOrgId,
      grade: body.grade,
      priceFen: body.priceFen,
      model: body.model,
      commissionKind: body.model === 'commission' ? (body.commissionKind ?? null) : null,
      commissionBp: body.commissionKind === 'share' ? (body.commissionBp ?? null) : null,
      commissionFixedFenPerYear:
        body.commissionKind === 'fixed' ? (body.commissionFixedFenPerYear ?? null) : null,
      startOn: body.startOn,
      endOn: body.endOn,
    });
    await recordAudit(tx, actor.audit, {
      action: 'fees.contract_created',
      entityType: 'fee_contract',
      entityId: row.id,
      streetId: row.streetId,
      before: { endedContractIds: ended.map((e) => e.id) },
      after: row,
    });
    return row.id;
  });
  return getContract(ctx, actor, id);
}

async function commissionContract(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findContract(ctx.db, actor, 'fees.accounts', id);
  if (!row) throw err.contractNotFound();
  if (row.contract.model !== 'commission') throw err.notCommission();
  if (row.contract.status !== 'active') throw err.contractEnded();
  return row;
}

function checkCategory(kind: 'income' | 'spending', category: string, path = 'body.category') {
  if (category === 'major_repair') throw err.majorRepairFromFund(path);
  const isIncome = (feeIncomeCategories as readonly string[]).includes(category);
  if (isIncome !== (kind === 'income')) throw err.categoryKind(path);
}

/** One item of the owners' income or spending (commission model only). */
export async function addItem(ctx: AppContext, actor: Actor, id: number, body: AddFeeItemBody) {
  const row = await commissionContract(ctx, actor, id);
  checkCategory(body.kind, body.category);
  const c = row.contract;
  if (body.occurredOn < c.startOn || body.occurredOn > c.endOn) throw err.outsideContract('body.occurredOn');
  await ctx.db.transaction(async (tx) => {
    const item = await repo.insertFeeItem(tx, {
      streetId: c.streetId,
      communityId: c.communityId,
      contractId: id,
      kind: body.kind,
      category: body.category,
      amountFen: body.amountFen,
      occurredOn: body.occurredOn,
      memo: body.memo,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'fees.item_added',
      entityType: 'fee_contract',
      entityId: id,
      streetId: c.streetId,
      after: item,
    });
  });
  return getContract(ctx, actor, id);
}

export async function listItems(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { period?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const row = await repo.findContract(ctx.db, actor, 'fees.read', id);
  if (!row) throw err.contractNotFound();
  const range = q.period ? halfYear(q.period) : null;
  const rows = await repo.feeItemsOf(
    ctx.db,
    id,
    { limit: q.limit, ...(range ? { from: range.from, to: range.to } : {}) },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: result.items.map((r) => ({
      id: r.id,
      kind: r.kind as 'income' | 'spending',
      category: r.category,
      amountFen: r.amountFen,
      occurredOn: r.occurredOn,
      memo: r.memo,
    })),
    nextCursor: result.nextCursor,
    total: -1,
  };
}

export async function addBudget(ctx: AppContext, actor: Actor, id: number, body: AddFeeBudgetBody) {
  const row = await commissionContract(ctx, actor, id);
  for (const [i, l] of body.lines.entries()) checkCategory(l.kind, l.category, `body.lines.${i}.category`);
  await ctx.db.transaction(async (tx) => {
    const b = await repo.insertBudget(tx, {
      streetId: row.contract.streetId,
      communityId: row.contract.communityId,
      contractId: id,
      year: body.year,
      kind: body.kind,
      lines: body.lines,
    });
    if (!b) throw err.budgetExists();
    await recordAudit(tx, actor.audit, {
      action: 'fees.budget_added',
      entityType: 'fee_contract',
      entityId: id,
      streetId: row.contract.streetId,
      after: b,
    });
  });
  return getContract(ctx, actor, id);
}

/** The owners' committee approves a budget or final accounts, which go on the disclosure board. */
export async function approveBudget(ctx: AppContext, actor: Actor, id: number, budgetId: number) {
  const row = await repo.findContract(ctx.db, actor, 'fees.contracts', id);
  if (!row) throw err.contractNotFound();
  const budget = await repo.budgetRow(ctx.db, id, budgetId);
  if (!budget) throw err.budgetNotFound();
  if (budget.approvedAt) throw err.budgetApproved();
  await ctx.db.transaction(async (tx) => {
    const disclosure = await publishDisclosure(tx, actor, {
      streetId: row.contract.streetId,
      communityId: row.contract.communityId,
      category: 'fee_budget',
      title: `${budget.year} ${budget.kind}`,
      body: '',
      data: { year: budget.year, kind: budget.kind, lines: budget.lines },
      source: { type: 'fee_budget', id: budget.id },
    });
    const approved = await repo.approveBudget(tx, budgetId, actor.userId, disclosure?.id ?? null);
    if (!approved) throw err.budgetApproved();
    await recordAudit(tx, actor.audit, {
      action: 'fees.budget_approved',
      entityType: 'fee_contract',
      entityId: id,
      streetId: row.contract.streetId,
      after: approved,
    });
  });
  return getContract(ctx, actor, id);
}

/** Publishes a finished half-year's income and spending (SPEC 5.9: every six months). */
export async function discloseStatement(ctx: AppContext, actor: Actor, id: number, period: string) {
  const row = await commissionContract(ctx, actor, id);
  const h = halfYear(period);
  if (h.to >= shanghaiDate()) throw err.periodNotOver();
  if (h.to < row.contract.startOn || h.from > row.contract.endOn) throw err.outsideContract('body.period');
  const statement = (await statementsOf(ctx, row.contract)).find((s) => s.period === period);
  if (!statement) throw err.outsideContract('body.period');
  if (statement.disclosedAt) throw err.alreadyDisclosed();
  await ctx.db.transaction(async (tx) => {
    const items = await repo.feeItemsOf(tx, id, { from: h.from, to: h.to, limit: 10000 }, null);
    const byCategory = new Map<string, number>();
    for (const i of items)
      byCategory.set(
        `${i.kind}|${i.category}`,
        (byCategory.get(`${i.kind}|${i.category}`) ?? 0) + i.amountFen,
      );
    const disclosure = await publishDisclosure(tx, actor, {
      streetId: row.contract.streetId,
      communityId: row.contract.communityId,
      category: 'fee_accounts',
      title: period,
      body: '',
      data: {
        ...statement,
        byCategory: [...byCategory].map(([k, amountFen]) => {
          const [kind, category] = k.split('|');
          return { kind, category, amountFen };
        }),
      },
      source: { type: 'fee_statement', id, period },
    });
    if (!disclosure) throw err.alreadyDisclosed();
    await recordAudit(tx, actor.audit, {
      action: 'fees.statement_disclosed',
      entityType: 'fee_contract',
      entityId: id,
      streetId: row.contract.streetId,
      after: { disclosureId: disclosure.id, ...statement },
    });
  });
  return getContract(ctx, actor, id);
}
