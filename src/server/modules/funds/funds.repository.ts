import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { files } from '../../platform/files/files.table';
import { buildings, communities, organizations, streets, units } from '../org/org.table';
import {
  depletionAlerts,
  feeBudgets,
  feeContracts,
  feeItems,
  feeStandards,
  fundAccounts,
  fundCommunities,
  fundEntries,
  fundLines,
  fundUseEvents,
  fundUses,
  fundUseTranches,
  recollectionCampaigns,
  recollectionHouseholds,
} from './funds.table';

const inList = (ids: readonly number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

// ---------------------------------------------------------------------------------------------
// Set-up and accounts

export function fundCommunityScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, {
    streetId: fundCommunities.streetId,
    communityId: fundCommunities.communityId,
  });
}

export function fundCommunityRow(db: Executor, communityId: number) {
  return db
    .select()
    .from(fundCommunities)
    .where(eq(fundCommunities.communityId, communityId))
    .then((r) => r[0]);
}

export async function upsertFundCommunity(tx: Executor, values: typeof fundCommunities.$inferInsert) {
  const [row] = await tx
    .insert(fundCommunities)
    .values(values)
    .onConflictDoUpdate({
      target: fundCommunities.communityId,
      set: {
        scheme: values.scheme,
        primaryFundType: values.primaryFundType,
        constructionCostFenPerM2: values.constructionCostFenPerM2 ?? null,
        depositRateBp: values.depositRateBp ?? null,
        developerShareStatus: values.developerShareStatus,
        version: sql`${fundCommunities.version} + 1`,
      },
    })
    .returning();
  return row!;
}

export async function updateFundCommunity(
  tx: Executor,
  communityId: number,
  patch: Partial<typeof fundCommunities.$inferInsert>,
) {
  const [row] = await tx
    .update(fundCommunities)
    .set({ ...patch, version: sql`${fundCommunities.version} + 1` })
    .where(eq(fundCommunities.communityId, communityId))
    .returning();
  return row!;
}

export interface AccountSpec {
  kind: 'bank' | 'building' | 'unit';
  fundType: string | null;
  buildingId?: number | null;
  unitId?: number | null;
}

export const accountKey = (s: AccountSpec) =>
  `${s.kind}|${s.fundType ?? ''}|${s.buildingId ?? ''}|${s.unitId ?? ''}`;

/** The accounts for `specs`, created when missing. Returns accountKey → id. */
export async function ensureAccounts(
  tx: Executor,
  community: { id: number; streetId: number },
  specs: readonly AccountSpec[],
): Promise<Map<string, number>> {
  const unique = new Map(specs.map((s) => [accountKey(s), s]));
  const rows = [...unique.values()].map((s) => ({
    streetId: community.streetId,
    communityId: community.id,
    kind: s.kind,
    fundType: s.fundType,
    buildingId: s.buildingId ?? null,
    unitId: s.unitId ?? null,
  }));
  for (let i = 0; i < rows.length; i += 2000) {
    await tx
      .insert(fundAccounts)
      .values(rows.slice(i, i + 2000))
      .onConflictDoNothing();
  }
  const all = await tx
    .select({
      id: fundAccounts.id,
      kind: fundAccounts.kind,
      fundType: fundAccounts.fundType,
      buildingId: fundAccounts.buildingId,
      unitId: fundAccounts.unitId,
    })
    .from(fundAccounts)
    .where(eq(fundAccounts.communityId, community.id));
  const out = new Map<string, number>();
  for (const a of all) out.set(accountKey(a as AccountSpec), a.id);
  return out;
}

export function accountsOf(db: Executor, communityId: number) {
  return db
    .select({
      id: fundAccounts.id,
      kind: fundAccounts.kind,
      fundType: fundAccounts.fundType,
      buildingId: fundAccounts.buildingId,
      unitId: fundAccounts.unitId,
      debitFen: sql<number>`coalesce((select sum(l.debit_fen) from fund_journal_line l where l.account_id = "fund_account"."id"), 0)::bigint`,
      creditFen: sql<number>`coalesce((select sum(l.credit_fen) from fund_journal_line l where l.account_id = "fund_account"."id"), 0)::bigint`,
    })
    .from(fundAccounts)
    .where(eq(fundAccounts.communityId, communityId))
    .orderBy(asc(fundAccounts.id));
}
export type AccountBalanceRow = Awaited<ReturnType<typeof accountsOf>>[number];

export async function findAccount(db: Executor, actor: Actor, id: number) {
  const rows = await db
    .select({
      account: fundAccounts,
      label: sql<string>`coalesce(
        (select b.name || u.number from unit u join building b on b.id = u.building_id where u.id = "fund_account"."unit_id"),
        (select b.name from building b where b.id = "fund_account"."building_id"),
        (select c.name from community c where c.id = "fund_account"."community_id"))`,
    })
    .from(fundAccounts)
    .where(
      and(
        eq(fundAccounts.id, id),
        scopeFilter(actor, 'funds.read', {
          streetId: fundAccounts.streetId,
          communityId: fundAccounts.communityId,
        }),
      ),
    );
  return rows[0];
}

export function statementLines(db: Executor, accountId: number, limit: number, afterLineId: number | null) {
  return db
    .select({
      lineId: fundLines.id,
      entryId: fundEntries.id,
      entryDate: fundEntries.entryDate,
      kind: fundEntries.kind,
      memo: fundEntries.memo,
      debitFen: fundLines.debitFen,
      creditFen: fundLines.creditFen,
    })
    .from(fundLines)
    .innerJoin(fundEntries, eq(fundEntries.id, fundLines.entryId))
    .where(
      and(
        eq(fundLines.accountId, accountId),
        afterLineId === null ? undefined : lt(fundLines.id, afterLineId),
      ),
    )
    .orderBy(desc(fundLines.id))
    .limit(limit + 1);
}

// ---------------------------------------------------------------------------------------------
// Posting

export interface LineInput {
  accountId: number;
  debitFen: bigint;
  creditFen: bigint;
}

/**
 * Writes one journal entry with all its lines in a single INSERT, so the statement trigger sees
 * the whole entry (and refuses it unless it balances).
 */
export async function postEntry(
  tx: Executor,
  entry: typeof fundEntries.$inferInsert,
  lines: readonly LineInput[],
): Promise<{ id: number; totalFen: bigint; lineCount: number }> {
  if (lines.length > 12000) throw new Error('an entry of more than 12000 lines');
  const [row] = await tx.insert(fundEntries).values(entry).returning({ id: fundEntries.id });
  await tx.insert(fundLines).values(
    lines.map((l) => ({
      entryId: row!.id,
      streetId: entry.streetId,
      accountId: l.accountId,
      debitFen: Number(l.debitFen),
      creditFen: Number(l.creditFen),
    })),
  );
  const totalFen = lines.reduce((s, l) => s + l.debitFen, 0n);
  return { id: row!.id, totalFen, lineCount: lines.length };
}

const entryColumns = {
  entry: fundEntries,
  communityName: communities.name,
  totalFen: sql<number>`(select coalesce(sum(l.debit_fen), 0)::bigint from fund_journal_line l where l.entry_id = ${fundEntries.id})`,
  lineCount: sql<number>`(select count(*)::int from fund_journal_line l where l.entry_id = ${fundEntries.id})`,
};

export function listEntries(
  db: Executor,
  actor: Actor,
  q: { communityId?: number; kind?: string; limit: number },
  afterId: number | null,
) {
  return db
    .select(entryColumns)
    .from(fundEntries)
    .innerJoin(communities, eq(communities.id, fundEntries.communityId))
    .where(
      and(
        scopeFilter(actor, 'funds.read', {
          streetId: fundEntries.streetId,
          communityId: fundEntries.communityId,
        }),
        q.communityId ? eq(fundEntries.communityId, q.communityId) : undefined,
        q.kind ? eq(fundEntries.kind, q.kind) : undefined,
        afterId === null ? undefined : lt(fundEntries.id, afterId),
      ),
    )
    .orderBy(desc(fundEntries.id))
    .limit(q.limit + 1);
}
export type EntryListRow = Awaited<ReturnType<typeof listEntries>>[number];

export async function findEntry(db: Executor, actor: Actor, id: number) {
  const rows = await db
    .select(entryColumns)
    .from(fundEntries)
    .innerJoin(communities, eq(communities.id, fundEntries.communityId))
    .where(
      and(
        eq(fundEntries.id, id),
        scopeFilter(actor, 'funds.read', {
          streetId: fundEntries.streetId,
          communityId: fundEntries.communityId,
        }),
      ),
    );
  return rows[0];
}

export function linesOfEntry(db: Executor, entryId: number) {
  return db
    .select({
      line: fundLines,
      account: fundAccounts,
      label: sql<string>`coalesce(
        (select b.name || u.number from unit u join building b on b.id = u.building_id where u.id = ${fundAccounts.unitId}),
        (select b.name from building b where b.id = ${fundAccounts.buildingId}),
        (select c.name from community c where c.id = ${fundAccounts.communityId}))`,
    })
    .from(fundLines)
    .innerJoin(fundAccounts, eq(fundAccounts.id, fundLines.accountId))
    .where(eq(fundLines.entryId, entryId))
    .orderBy(asc(fundLines.id));
}

// ---------------------------------------------------------------------------------------------
// Balances (always sums of lines)

/** Money into and out of a community's bank account per entry date, oldest first. */
export async function bankMovementsByDate(db: Executor, communityId: number) {
  const r = await db.execute<{ date: string; in_fen: string; out_fen: string }>(sql`
    select e.entry_date::text as date, sum(l.debit_fen)::bigint as in_fen, sum(l.credit_fen)::bigint as out_fen
    from fund_journal_line l
    join fund_journal_entry e on e.id = l.entry_id
    join fund_account a on a.id = l.account_id
    where e.community_id = ${communityId} and a.kind = 'bank'
    group by e.entry_date
    order by e.entry_date`);
  return r.rows.map((x) => ({ date: x.date, inFen: Number(x.in_fen), outFen: Number(x.out_fen) }));
}

export type UnitBalanceRow = {
  unitId: number;
  buildingId: number;
  buildingName: string;
  number: string;
  exclusiveArea: string;
  balanceFen: number;
  firstDepositFen: number;
  byFundType: { fundType: string; balanceFen: number; accountId: number }[] | null;
};

/** Per unit of a community: balance over its accounts, first deposit, by fund type. */
export async function unitBalances(
  db: Executor,
  communityId: number,
  q: { buildingId?: number; unitIds?: readonly number[]; depleted?: boolean; limit?: number },
  afterUnitId: number | null = null,
): Promise<UnitBalanceRow[]> {
  const result = await db.execute<UnitBalanceRow>(sql`
    with acc as (
      select a.id, a.unit_id, a.fund_type from fund_account a
      where a.community_id = ${communityId} and a.kind = 'unit'),
    sums as (
      select acc.unit_id, acc.fund_type, min(acc.id) as account_id,
             sum(l.credit_fen - l.debit_fen) as balance,
             sum(case when e.kind = 'initial_deposit' then l.credit_fen else 0 end) as first_deposit
      from acc join fund_journal_line l on l.account_id = acc.id
      join fund_journal_entry e on e.id = l.entry_id
      group by acc.unit_id, acc.fund_type),
    per_unit as (
      select unit_id, sum(balance)::bigint as balance, sum(first_deposit)::bigint as first_deposit,
             json_agg(json_build_object('fundType', fund_type, 'balanceFen', balance, 'accountId', account_id)
               order by fund_type) as by_type
      from sums group by unit_id)
    select u.id as "unitId", b.id as "buildingId", b.name as "buildingName", u.number,
           u.exclusive_area::text as "exclusiveArea",
           coalesce(p.balance, 0)::bigint as "balanceFen", coalesce(p.first_deposit, 0)::bigint as "firstDepositFen",
           p.by_type as "byFundType"
    from unit u join building b on b.id = u.building_id
    left join per_unit p on p.unit_id = u.id
    where u.community_id = ${communityId}
      ${q.buildingId ? sql`and u.building_id = ${q.buildingId}` : sql``}
      ${q.unitIds ? (q.unitIds.length ? sql`and u.id in (${inList(q.unitIds)})` : sql`and false`) : sql``}
      ${
        q.depleted === true
          ? sql`and coalesce(p.first_deposit, 0) > 0 and coalesce(p.balance, 0) * 10 < coalesce(p.first_deposit, 0) * 3`
          : q.depleted === false
            ? sql`and not (coalesce(p.first_deposit, 0) > 0 and coalesce(p.balance, 0) * 10 < coalesce(p.first_deposit, 0) * 3)`
            : sql``
      }
      ${afterUnitId !== null ? sql`and u.id > ${afterUnitId}` : sql``}
    order by u.id
    ${q.limit ? sql`limit ${q.limit + 1}` : sql``}`);
  return result.rows.map((r) => ({
    ...r,
    balanceFen: Number(r.balanceFen),
    firstDepositFen: Number(r.firstDepositFen),
  }));
}

export type CommunityFundRow = {
  communityId: number;
  communityName: string;
  streetId: number;
  streetName: string;
  committeeId: number | null;
  scheme: string;
  primaryFundType: string;
  developerShareStatus: string;
  mergedOn: string | null;
  constructionCostFenPerM2: number | null;
  depositRateBp: number | null;
  version: number;
  balanceFen: number;
  firstDepositFen: number;
  depletedUnits: number;
};

/**
 * Per community (in the actor's reach): owners' side balance, first deposit (what the initial
 * deposits put on the owners' side) and depleted units, from the lines.
 */
/** The row filter of communityFunds for an actor (the job passes sql`true`). */
export function communityFundScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, {
    streetId: sql`fc.street_id`,
    communityId: sql`fc.community_id`,
    committeeId: sql`c.committee_id`,
  });
}

export async function communityFunds(
  db: Executor,
  scope: SQL,
  q: {
    communityId?: number;
    streetId?: number;
    depleted?: boolean;
    developerShareStatus?: string;
    scheme?: string;
    limit?: number;
  },
  afterCommunityId: number | null = null,
): Promise<CommunityFundRow[]> {
  const result = await db.execute<CommunityFundRow>(sql`
    with scoped as (
      select fc.*, c.name as community_name, c.committee_id, s.name as street_name
      from fund_community fc join community c on c.id = fc.community_id join street s on s.id = fc.street_id
      where ${scope}
        ${q.communityId ? sql`and fc.community_id = ${q.communityId}` : sql``}
        ${q.streetId ? sql`and fc.street_id = ${q.streetId}` : sql``}
        ${q.developerShareStatus ? sql`and fc.developer_share_status = ${q.developerShareStatus}` : sql``}
        ${q.scheme ? sql`and fc.scheme = ${q.scheme}` : sql``}
        ${afterCommunityId !== null ? sql`and fc.community_id > ${afterCommunityId}` : sql``}),
    owner_lines as (
      select a.community_id, a.unit_id, a.kind, l.credit_fen, l.debit_fen, e.kind as entry_kind
      from fund_account a join fund_journal_line l on l.account_id = a.id
      join fund_journal_entry e on e.id = l.entry_id
      where a.community_id in (select community_id from scoped) and a.kind <> 'bank'),
    totals as (
      select community_id, sum(credit_fen - debit_fen)::bigint as balance,
             sum(case when entry_kind = 'initial_deposit' then credit_fen else 0 end)::bigint as first_deposit
      from owner_lines group by community_id),
    units_ as (
      select community_id, unit_id, sum(credit_fen - debit_fen) as balance,
             sum(case when entry_kind = 'initial_deposit' then credit_fen else 0 end) as first_deposit
      from owner_lines where kind = 'unit' group by community_id, unit_id),
    depleted as (
      select community_id, count(*)::int as n from units_
      where first_deposit > 0 and balance * 10 < first_deposit * 3 group by community_id)
    select s.community_id as "communityId", s.community_name as "communityName", s.street_id as "streetId",
           s.street_name as "streetName", s.committee_id as "committeeId", s.scheme,
           s.primary_fund_type as "primaryFundType", s.developer_share_status as "developerShareStatus",
           s.merged_on::text as "mergedOn", s.construction_cost_fen_per_m2 as "constructionCostFenPerM2",
           s.deposit_rate_bp as "depositRateBp", s.version,
           coalesce(t.balance, 0)::bigint as "balanceFen", coalesce(t.first_deposit, 0)::bigint as "firstDepositFen",
           coalesce(d.n, 0) as "depletedUnits"
    from scoped s left join totals t on t.community_id = s.community_id
    left join depleted d on d.community_id = s.community_id
    where true
      ${
        q.depleted === true
          ? sql`and coalesce(t.first_deposit, 0) > 0 and coalesce(t.balance, 0) * 10 < coalesce(t.first_deposit, 0) * 3`
          : q.depleted === false
            ? sql`and not (coalesce(t.first_deposit, 0) > 0 and coalesce(t.balance, 0) * 10 < coalesce(t.first_deposit, 0) * 3)`
            : sql``
      }
    order by s.community_id
    ${q.limit ? sql`limit ${q.limit + 1}` : sql``}`);
  return result.rows.map((r) => ({
    ...r,
    balanceFen: Number(r.balanceFen),
    firstDepositFen: Number(r.firstDepositFen),
    constructionCostFenPerM2: r.constructionCostFenPerM2 === null ? null : Number(r.constructionCostFenPerM2),
  }));
}

/** Units of a community with building floors and area, for deposits and apportionment. */
export function unitsForPosting(db: Executor, communityId: number, buildingIds?: readonly number[] | null) {
  return db
    .select({
      unitId: units.id,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      number: units.number,
      floors: buildings.floors,
      exclusiveArea: units.exclusiveArea,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        eq(units.communityId, communityId),
        buildingIds?.length ? inArray(units.buildingId, [...buildingIds]) : undefined,
      ),
    )
    .orderBy(asc(units.id));
}

export function buildingsOfCommunity(db: Executor, communityId: number, ids?: readonly number[]) {
  return db
    .select({ id: buildings.id, name: buildings.name, floors: buildings.floors })
    .from(buildings)
    .where(and(eq(buildings.communityId, communityId), ids ? inArray(buildings.id, [...ids]) : undefined))
    .orderBy(asc(buildings.id));
}

/** Units that already have a first deposit, among `unitIds`. */
export async function unitsWithFirstDeposit(db: Executor, communityId: number) {
  const rows = await db.execute<{ unit_id: number }>(sql`
    select distinct a.unit_id from fund_account a
    join fund_journal_line l on l.account_id = a.id
    join fund_journal_entry e on e.id = l.entry_id
    where a.community_id = ${communityId} and a.kind = 'unit' and e.kind = 'initial_deposit'`);
  return new Set(rows.rows.map((r) => Number(r.unit_id)));
}

/** What the entries referring to `ref` took from (debit) or put on (credit) each unit. */
export async function unitMovementsOfRef(db: Executor, refType: string, refIds: readonly number[]) {
  if (refIds.length === 0) return [];
  const rows = await db.execute<{ ref_id: number; unit_id: number; debit: number; credit: number }>(sql`
    select e.ref_id, a.unit_id, sum(l.debit_fen)::bigint as debit, sum(l.credit_fen)::bigint as credit
    from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id
    join fund_account a on a.id = l.account_id
    where e.ref_type = ${refType} and e.ref_id in (${inList(refIds)}) and a.kind = 'unit'
    group by e.ref_id, a.unit_id`);
  return rows.rows.map((r) => ({
    refId: Number(r.ref_id),
    unitId: Number(r.unit_id),
    debitFen: Number(r.debit),
    creditFen: Number(r.credit),
  }));
}

// ---------------------------------------------------------------------------------------------
// Depletion alerts

export function listAlerts(
  db: Executor,
  actor: Actor,
  q: { status?: string; streetId?: number; communityId?: number; limit: number },
  afterId: number | null,
) {
  return db
    .select({ alert: depletionAlerts, communityName: communities.name })
    .from(depletionAlerts)
    .innerJoin(communities, eq(communities.id, depletionAlerts.communityId))
    .where(
      and(
        scopeFilter(actor, 'funds.read', {
          streetId: depletionAlerts.streetId,
          communityId: depletionAlerts.communityId,
        }),
        q.status ? eq(depletionAlerts.status, q.status) : undefined,
        q.streetId ? eq(depletionAlerts.streetId, q.streetId) : undefined,
        q.communityId ? eq(depletionAlerts.communityId, q.communityId) : undefined,
        afterId === null ? undefined : lt(depletionAlerts.id, afterId),
      ),
    )
    .orderBy(desc(depletionAlerts.id))
    .limit(q.limit + 1);
}
export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

export async function insertOpenAlert(tx: Executor, values: typeof depletionAlerts.$inferInsert) {
  const rows = await tx.insert(depletionAlerts).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function resolveOpenAlert(tx: Executor, communityId: number, on: string) {
  const rows = await tx
    .update(depletionAlerts)
    .set({ status: 'resolved', resolvedOn: on })
    .where(and(eq(depletionAlerts.communityId, communityId), eq(depletionAlerts.status, 'open')))
    .returning();
  return rows[0];
}

export function openAlertCommunities(db: Executor) {
  return db
    .select({ communityId: depletionAlerts.communityId })
    .from(depletionAlerts)
    .where(eq(depletionAlerts.status, 'open'));
}

// ---------------------------------------------------------------------------------------------
// Re-collection campaigns

const campaignColumns = {
  campaign: recollectionCampaigns,
  communityName: communities.name,
  committeeId: communities.committeeId,
  voteTitle: sql<string>`(select title from owner_vote v where v.id = ${recollectionCampaigns.voteId})`,
  households: sql<number>`(select count(*)::int from fund_recollection_household h where h.campaign_id = ${recollectionCampaigns.id})`,
  dueFen: sql<number>`(select coalesce(sum(due_fen), 0)::bigint from fund_recollection_household h where h.campaign_id = ${recollectionCampaigns.id})`,
  paidFen: sql<number>`(select coalesce(sum(l.credit_fen), 0)::bigint from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id join fund_account a on a.id = l.account_id
      where e.ref_type = 'recollection' and e.ref_id = ${recollectionCampaigns.id} and a.kind = 'unit')`,
  paidHouseholds: sql<number>`(select count(*)::int from fund_recollection_household h where h.campaign_id = ${recollectionCampaigns.id}
      and h.due_fen <= (select coalesce(sum(l.credit_fen), 0) from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id
        join fund_account a on a.id = l.account_id where e.ref_type = 'recollection' and e.ref_id = h.campaign_id and a.unit_id = h.unit_id))`,
};

function campaignQuery(db: Executor) {
  return db
    .select(campaignColumns)
    .from(recollectionCampaigns)
    .innerJoin(communities, eq(communities.id, recollectionCampaigns.communityId));
}
export type CampaignRow = Awaited<ReturnType<typeof campaignQuery>>[number];

const campaignScope = (actor: Actor, permission: Permission) =>
  scopeFilter(actor, permission, {
    streetId: recollectionCampaigns.streetId,
    communityId: recollectionCampaigns.communityId,
  });

export function listCampaigns(
  db: Executor,
  actor: Actor,
  q: { communityId?: number; status?: string; limit: number },
  afterId: number | null,
) {
  return campaignQuery(db)
    .where(
      and(
        campaignScope(actor, 'funds.read'),
        q.communityId ? eq(recollectionCampaigns.communityId, q.communityId) : undefined,
        q.status ? eq(recollectionCampaigns.status, q.status) : undefined,
        afterId === null ? undefined : lt(recollectionCampaigns.id, afterId),
      ),
    )
    .orderBy(desc(recollectionCampaigns.id))
    .limit(q.limit + 1);
}

export async function findCampaign(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await campaignQuery(db).where(
    and(eq(recollectionCampaigns.id, id), campaignScope(actor, permission)),
  );
  return rows[0];
}

export async function campaignOfVote(db: Executor, voteId: number) {
  const rows = await db
    .select({ id: recollectionCampaigns.id })
    .from(recollectionCampaigns)
    .where(eq(recollectionCampaigns.voteId, voteId));
  return rows[0]?.id ?? null;
}

export async function insertCampaign(
  tx: Executor,
  values: typeof recollectionCampaigns.$inferInsert,
  households: { unitId: number; dueFen: number }[],
) {
  const [row] = await tx.insert(recollectionCampaigns).values(values).returning();
  for (let i = 0; i < households.length; i += 2000) {
    await tx.insert(recollectionHouseholds).values(
      households.slice(i, i + 2000).map((h) => ({
        campaignId: row!.id,
        unitId: h.unitId,
        streetId: values.streetId,
        dueFen: h.dueFen,
      })),
    );
  }
  return row!;
}

export async function setCampaignStatus(tx: Executor, id: number, status: string) {
  await tx.update(recollectionCampaigns).set({ status }).where(eq(recollectionCampaigns.id, id));
}

export async function householdsOf(
  db: Executor,
  campaignId: number,
  q: { limit?: number; unitId?: number },
  afterUnitId: number | null,
) {
  const result = await db.execute<{
    unitId: number;
    buildingId: number;
    buildingName: string;
    number: string;
    exclusiveArea: string;
    dueFen: number;
    paidFen: number;
  }>(sql`
    select h.unit_id as "unitId", b.id as "buildingId", b.name as "buildingName", u.number,
           u.exclusive_area::text as "exclusiveArea", h.due_fen as "dueFen",
           coalesce((select sum(l.credit_fen) from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id
             join fund_account a on a.id = l.account_id
             where e.ref_type = 'recollection' and e.ref_id = h.campaign_id and a.unit_id = h.unit_id), 0)::bigint as "paidFen"
    from fund_recollection_household h join unit u on u.id = h.unit_id join building b on b.id = u.building_id
    where h.campaign_id = ${campaignId}
      ${q.unitId ? sql`and h.unit_id = ${q.unitId}` : sql``}
      ${afterUnitId !== null ? sql`and h.unit_id > ${afterUnitId}` : sql``}
    order by h.unit_id
    ${q.limit ? sql`limit ${q.limit + 1}` : sql``}`);
  return result.rows.map((r) => ({ ...r, dueFen: Number(r.dueFen), paidFen: Number(r.paidFen) }));
}

// ---------------------------------------------------------------------------------------------
// Fund use

const fundUseColumns = {
  use: fundUses,
  communityName: communities.name,
  committeeId: communities.committeeId,
  propertyOrgId: communities.propertyOrgId,
  voteStatus: sql<string | null>`(select status from owner_vote v where v.id = ${fundUses.voteId})`,
  votePassed: sql<boolean | null>`(select passed from owner_vote v where v.id = ${fundUses.voteId})`,
  disbursedFen: sql<number>`(select coalesce(sum(amount_fen), 0)::bigint from fund_use_tranche t where t.fund_use_id = ${fundUses.id})`,
};

function fundUseQuery(db: Executor) {
  return db
    .select(fundUseColumns)
    .from(fundUses)
    .innerJoin(communities, eq(communities.id, fundUses.communityId));
}
export type FundUseListRow = Awaited<ReturnType<typeof fundUseQuery>>[number];

const fundUseScope = (actor: Actor, permission: Permission) =>
  scopeFilter(actor, permission, { streetId: fundUses.streetId, communityId: fundUses.communityId });

export interface FundUseFilter {
  communityId?: number;
  streetId?: number;
  status?: string;
  path?: string;
  caseId?: number;
  hazardId?: number;
  /** accepted and past the disclosure deadline: `today` is the Shanghai calendar day */
  overdueOn?: string;
}

function fundUseFilter(actor: Actor, q: FundUseFilter) {
  return and(
    fundUseScope(actor, 'fund_use.read'),
    q.communityId ? eq(fundUses.communityId, q.communityId) : undefined,
    q.streetId ? eq(fundUses.streetId, q.streetId) : undefined,
    q.status ? eq(fundUses.status, q.status) : undefined,
    q.path ? eq(fundUses.path, q.path) : undefined,
    q.caseId ? eq(fundUses.caseId, q.caseId) : undefined,
    q.hazardId ? eq(fundUses.hazardId, q.hazardId) : undefined,
    q.overdueOn
      ? sql`${fundUses.status} = 'accepted' and ${fundUses.disclosureDueOn} < ${q.overdueOn}::date`
      : undefined,
  );
}

export function listFundUses(
  db: Executor,
  actor: Actor,
  q: FundUseFilter & { limit: number },
  afterId: number | null,
) {
  return fundUseQuery(db)
    .where(and(fundUseFilter(actor, q), afterId === null ? undefined : lt(fundUses.id, afterId)))
    .orderBy(desc(fundUses.id))
    .limit(q.limit + 1);
}

export async function countFundUses(db: Executor, actor: Actor, q: FundUseFilter) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(fundUses)
    .innerJoin(communities, eq(communities.id, fundUses.communityId))
    .where(fundUseFilter(actor, q));
  return rows[0]?.n ?? 0;
}

export async function findFundUse(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await fundUseQuery(db).where(and(eq(fundUses.id, id), fundUseScope(actor, permission)));
  return rows[0];
}

export async function lockFundUse(tx: Executor, id: number) {
  const rows = await tx.select().from(fundUses).where(eq(fundUses.id, id)).for('update');
  return rows[0];
}

export async function insertFundUse(tx: Executor, values: typeof fundUses.$inferInsert) {
  const [row] = await tx.insert(fundUses).values(values).returning();
  return row!;
}

export async function updateFundUse(
  tx: Executor,
  id: number,
  version: number,
  patch: Partial<typeof fundUses.$inferInsert>,
) {
  const rows = await tx
    .update(fundUses)
    .set({ ...patch, version: sql`${fundUses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(fundUses.id, id), eq(fundUses.version, version)))
    .returning();
  return rows[0];
}

export async function communityNames(db: Executor, ids: readonly number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(inArray(communities.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The evidence files of a fund use, by id. */
export async function evidenceFiles(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: files.id, name: files.name, mime: files.mime })
    .from(files)
    .where(inArray(files.id, [...ids]))
    .orderBy(asc(files.id));
}

const disclosureClaim = {
  id: fundUses.id,
  streetId: fundUses.streetId,
  communityId: fundUses.communityId,
  title: fundUses.title,
  createdBy: fundUses.createdBy,
  disclosureDueOn: fundUses.disclosureDueOn,
};

/**
 * Accepted emergency uses whose disclosure is due on or before `cutoff` and whose requester has
 * not been reminded; marks them, so a second run (or a second instance) finds nothing.
 */
export function claimDisclosureReminders(tx: Executor, cutoff: string, now: Date) {
  return tx
    .update(fundUses)
    .set({ disclosureRemindedAt: now })
    .where(
      and(
        eq(fundUses.status, 'accepted'),
        sql`${fundUses.disclosureDueOn} <= ${cutoff}::date`,
        isNull(fundUses.disclosureRemindedAt),
      ),
    )
    .returning(disclosureClaim);
}

/** Accepted uses past their disclosure day (before `today`) not escalated yet; marks them. */
export function claimDisclosureEscalations(tx: Executor, today: string, now: Date) {
  return tx
    .update(fundUses)
    .set({ disclosureEscalatedAt: now })
    .where(
      and(
        eq(fundUses.status, 'accepted'),
        sql`${fundUses.disclosureDueOn} < ${today}::date`,
        isNull(fundUses.disclosureEscalatedAt),
      ),
    )
    .returning(disclosureClaim);
}

export async function insertFundUseEvent(tx: Executor, values: typeof fundUseEvents.$inferInsert) {
  await tx.insert(fundUseEvents).values(values);
}

export function eventsOf(db: Executor, fundUseId: number) {
  return db
    .select()
    .from(fundUseEvents)
    .where(eq(fundUseEvents.fundUseId, fundUseId))
    .orderBy(asc(fundUseEvents.id));
}

export function tranchesOf(db: Executor, fundUseId: number) {
  return db
    .select()
    .from(fundUseTranches)
    .where(eq(fundUseTranches.fundUseId, fundUseId))
    .orderBy(asc(fundUseTranches.seq));
}

export async function insertTranche(tx: Executor, values: typeof fundUseTranches.$inferInsert) {
  const [row] = await tx.insert(fundUseTranches).values(values).returning();
  return row!;
}

/** Fund uses whose scope covers any of the units, with the units' areas in scope. */
export function fundUsesOfCommunities(db: Executor, communityIds: readonly number[]) {
  if (communityIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(fundUses)
    .where(and(inArray(fundUses.communityId, [...communityIds]), sql`${fundUses.status} <> 'cancelled'`))
    .orderBy(desc(fundUses.id));
}

// ---------------------------------------------------------------------------------------------
// Property fees

export function feeStandardsOf(db: Executor, districtId: number) {
  return db
    .select()
    .from(feeStandards)
    .where(eq(feeStandards.districtId, districtId))
    .orderBy(asc(feeStandards.grade));
}

export async function upsertFeeStandard(
  tx: Executor,
  districtId: number,
  grade: number,
  version: number | undefined,
  values: { priceFen: number; floatBp: number; effectiveFrom: string },
) {
  const existing = await tx
    .select()
    .from(feeStandards)
    .where(and(eq(feeStandards.districtId, districtId), eq(feeStandards.grade, grade)))
    .for('update');
  const before = existing[0];
  if (!before) {
    const [row] = await tx
      .insert(feeStandards)
      .values({ districtId, grade, ...values })
      .returning();
    return { before: null, after: row! };
  }
  if (version !== undefined && version !== before.version) return { before, after: undefined };
  const [row] = await tx
    .update(feeStandards)
    .set({ ...values, version: sql`${feeStandards.version} + 1` })
    .where(eq(feeStandards.id, before.id))
    .returning();
  return { before, after: row! };
}

const contractColumns = {
  contract: feeContracts,
  communityName: communities.name,
  committeeId: communities.committeeId,
  propertyName: organizations.name,
};

function contractQuery(db: Executor) {
  return db
    .select(contractColumns)
    .from(feeContracts)
    .innerJoin(communities, eq(communities.id, feeContracts.communityId))
    .innerJoin(organizations, eq(organizations.id, feeContracts.propertyOrgId));
}
export type ContractRow = Awaited<ReturnType<typeof contractQuery>>[number];

const contractScope = (actor: Actor, permission: Permission) =>
  scopeFilter(
    actor,
    permission,
    { streetId: feeContracts.streetId, communityId: feeContracts.communityId },
    { organization: (orgId) => sql`${feeContracts.propertyOrgId} = ${orgId}` },
  );

export interface ContractFilter {
  communityId?: number;
  streetId?: number;
  model?: string;
  grade?: number;
}

function contractFilter(actor: Actor, q: ContractFilter) {
  return and(
    contractScope(actor, 'fees.read'),
    q.communityId ? eq(feeContracts.communityId, q.communityId) : undefined,
    q.streetId ? eq(feeContracts.streetId, q.streetId) : undefined,
    q.model ? eq(feeContracts.model, q.model) : undefined,
    q.grade ? eq(feeContracts.grade, q.grade) : undefined,
  );
}

export function listContracts(
  db: Executor,
  actor: Actor,
  q: ContractFilter & { limit: number },
  afterId: number | null,
) {
  return contractQuery(db)
    .where(and(contractFilter(actor, q), afterId === null ? undefined : lt(feeContracts.id, afterId)))
    .orderBy(desc(feeContracts.id))
    .limit(q.limit + 1);
}

export async function countContracts(db: Executor, actor: Actor, q: ContractFilter) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feeContracts)
    .where(contractFilter(actor, q));
  return rows[0]?.n ?? 0;
}

export async function findContract(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await contractQuery(db).where(and(eq(feeContracts.id, id), contractScope(actor, permission)));
  return rows[0];
}

export async function insertContract(tx: Executor, values: typeof feeContracts.$inferInsert) {
  const [row] = await tx.insert(feeContracts).values(values).returning();
  return row!;
}

export async function endActiveContracts(tx: Executor, communityId: number) {
  return tx
    .update(feeContracts)
    .set({ status: 'ended', version: sql`${feeContracts.version} + 1` })
    .where(and(eq(feeContracts.communityId, communityId), eq(feeContracts.status, 'active')))
    .returning({ id: feeContracts.id });
}

export async function insertFeeItem(tx: Executor, values: typeof feeItems.$inferInsert) {
  const [row] = await tx.insert(feeItems).values(values).returning();
  return row!;
}

export function feeItemsOf(
  db: Executor,
  contractId: number,
  q: { from?: string; to?: string; limit: number },
  afterId: number | null,
) {
  return db
    .select()
    .from(feeItems)
    .where(
      and(
        eq(feeItems.contractId, contractId),
        q.from ? sql`${feeItems.occurredOn} >= ${q.from}::date` : undefined,
        q.to ? sql`${feeItems.occurredOn} <= ${q.to}::date` : undefined,
        afterId === null ? undefined : lt(feeItems.id, afterId),
      ),
    )
    .orderBy(desc(feeItems.id))
    .limit(q.limit + 1);
}

/** Income and spending per half-year of a contract. */
export async function feeTotalsByHalf(db: Executor, contractId: number) {
  const rows = await db.execute<{ period: string; income: number; spending: number }>(sql`
    select extract(year from occurred_on)::int || 'H' || case when extract(month from occurred_on) <= 6 then '1' else '2' end as period,
           sum(case when kind = 'income' then amount_fen else 0 end)::bigint as income,
           sum(case when kind = 'spending' then amount_fen else 0 end)::bigint as spending
    from fee_ledger_item where contract_id = ${contractId} group by 1 order by 1`);
  return rows.rows.map((r) => ({
    period: r.period,
    incomeFen: Number(r.income),
    spendingFen: Number(r.spending),
  }));
}

export function budgetsOf(db: Executor, contractId: number) {
  return db
    .select()
    .from(feeBudgets)
    .where(eq(feeBudgets.contractId, contractId))
    .orderBy(desc(feeBudgets.year), asc(feeBudgets.kind));
}

export async function insertBudget(tx: Executor, values: typeof feeBudgets.$inferInsert) {
  const rows = await tx.insert(feeBudgets).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function budgetRow(db: Executor, contractId: number, id: number) {
  const rows = await db
    .select()
    .from(feeBudgets)
    .where(and(eq(feeBudgets.id, id), eq(feeBudgets.contractId, contractId)));
  return rows[0];
}

export async function approveBudget(tx: Executor, id: number, by: number, disclosureId: number | null) {
  const [row] = await tx
    .update(feeBudgets)
    .set({ approvedAt: new Date(), approvedBy: by, disclosureId })
    .where(and(eq(feeBudgets.id, id), sql`${feeBudgets.approvedAt} is null`))
    .returning();
  return row;
}

export { streets };
