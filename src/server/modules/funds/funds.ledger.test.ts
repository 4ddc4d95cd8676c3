import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorFor } from '../../../../test/actors';
import { setupTestApp } from '../../../../test/app';
import { tinyPdf } from '../../../../test/multipart';
import type { Actor } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { checkUpload, storeFile } from '../../platform/files/files';
import { createFundUse, payTranche, transition } from './fund-use.usecases';
import {
  apportion,
  balancedLines,
  commercialDeposit,
  commercialRateValid,
  expectedByDate,
  isDepleted,
  publicBuyerDeposit,
  sellerMinimumBp,
  UnbalancedEntryError,
} from './funds.ledger';
import {
  allocateInterest,
  backfillDeveloperShare,
  getCommunityFund,
  initialDeposit,
  listUnitFunds,
  mergePublicFunds,
  setupFund,
  withdraw,
} from './funds.usecases';

describe('apportionment by area (largest remainder)', () => {
  it('always adds up to the amount exactly, each share within one fen of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 50_000n }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const items = weights.map((weight, i) => ({ id: i + 1, weight }));
          const shares = apportion(total, items);
          const sum = [...shares.values()].reduce((a, b) => a + b, 0n);
          expect(sum).toBe(total);
          const weightSum = weights.reduce((a, b) => a + b, 0n);
          for (const { id, weight } of items) {
            const floor = (total * weight) / weightSum;
            expect(shares.get(id)! - floor >= 0n && shares.get(id)! - floor <= 1n).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the leftover fen to the largest remainders, ties to the larger area, then the smaller id', () => {
    const shares = apportion(100n, [
      { id: 1, weight: 1n },
      { id: 2, weight: 1n },
      { id: 3, weight: 1n },
    ]);
    expect([...shares.values()]).toEqual([34n, 33n, 33n]);
    const byArea = apportion(10n, [
      { id: 1, weight: 3n },
      { id: 2, weight: 3n },
      { id: 3, weight: 4n },
    ]);
    expect([...byArea.values()]).toEqual([3n, 3n, 4n]);
  });
});

describe('deposit standards (SPEC 5.6)', () => {
  it('commercial housing: area × construction cost × 5%–8%', () => {
    // 90 m² × 2,000 元/m² × 5% = 9,000 元
    expect(commercialDeposit(9_000n, 200_000n, 500)).toBe(900_000n);
    expect(commercialDeposit(9_000n, 200_000n, 800)).toBe(1_440_000n);
    expect([499, 500, 650, 800, 801].map(commercialRateValid)).toEqual([false, true, true, true, false]);
  });

  it('sold public housing: the buyer 2% of the price; the seller at least 20% multi-storey, 30% high-rise', () => {
    expect(publicBuyerDeposit(12_345_600n)).toBe(246_912n);
    expect(sellerMinimumBp(6)).toBe(2000);
    expect(sellerMinimumBp(7)).toBe(3000);
  });

  it('depleted below 30% of the first deposit: exactly 30% is not', () => {
    expect(isDepleted(300n, 1000n)).toBe(false);
    expect(isDepleted(299n, 1000n)).toBe(true);
    expect(isDepleted(0n, 0n)).toBe(false);
    expect(isDepleted(-5n, 1000n)).toBe(true);
  });

  it('re-collection instalments are all due by the deadline', () => {
    expect(expectedByDate(600n, 6, '2026-01-01', '2028-12-31', '2025-12-31')).toBe(0n);
    expect(expectedByDate(600n, 6, '2026-01-01', '2028-12-31', '2026-01-01')).toBe(100n);
    expect(expectedByDate(600n, 6, '2026-01-01', '2028-12-31', '2028-12-30')).toBe(600n);
    expect(expectedByDate(600n, 6, '2026-01-01', '2028-12-31', '2029-01-01')).toBe(600n);
  });

  it('an entry must balance', () => {
    expect(() => balancedLines([{ accountId: 1, debitFen: 5n, creditFen: 0n }])).toThrow(
      UnbalancedEntryError,
    );
    expect(() =>
      balancedLines([
        { accountId: 1, debitFen: 5n, creditFen: 5n },
        { accountId: 2, debitFen: 0n, creditFen: 0n },
      ]),
    ).toThrow(UnbalancedEntryError);
    expect(
      balancedLines([
        { accountId: 1, debitFen: 5n, creditFen: 0n },
        { accountId: 2, debitFen: 0n, creditFen: 0n },
        { accountId: 3, debitFen: 0n, creditFen: 5n },
      ]),
    ).toHaveLength(2);
  });
});

// Invariants of the ledger in PostgreSQL after random sequences of the real use cases.

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await q<T>(text, params))[0]!;

let made = 0;
/** A small community of two buildings (6 and 12 floors) in the street officer's street. */
async function smallCommunity(areas: number[][]) {
  const { street_id } = await one<{ street_id: number }>(
    "select r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'street'",
  );
  made++;
  const { id } = await one<{ id: number }>(
    `insert into community (street_id, code, name, address, housing_type, management_mode)
     values ($1, $2, $3, '测试路1号', 'commercial', 'closed') returning id`,
    [street_id, `T-LEDGER-${process.pid}-${made}`, `账务测试小区${made}`],
  );
  for (const [b, list] of areas.entries()) {
    const { id: buildingId } = await one<{ id: number }>(
      'insert into building (street_id, community_id, name, floors) values ($1, $2, $3, $4) returning id',
      [street_id, id, `${b + 1}号`, b === 0 ? 6 : 12],
    );
    for (const [u, hundredths] of list.entries())
      await q(
        'insert into unit (street_id, community_id, building_id, number, floor, exclusive_area) values ($1, $2, $3, $4, 1, $5)',
        [street_id, id, buildingId, `01${String(u + 1).padStart(2, '0')}`, (hundredths / 100).toFixed(2)],
      );
  }
  return Number(id);
}

type Op =
  | { kind: 'interest'; amount: number }
  | { kind: 'withdraw'; unit: number; amount: number }
  | { kind: 'backfill'; amount: number }
  | { kind: 'emergency'; budget: number; tranches: number[] }
  | { kind: 'merge' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('interest' as const), amount: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    unit: fc.nat({ max: 20 }),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
  }),
  fc.record({ kind: fc.constant('backfill' as const), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record({
    kind: fc.constant('emergency' as const),
    budget: fc.integer({ min: 1, max: 3_000_000 }),
    tranches: fc.array(fc.integer({ min: 1, max: 1_500_000 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('merge' as const) }),
);

/** Runs a use case; a refusal (AppError) is fine, as long as it wrote nothing. */
async function attempt(fn: () => Promise<unknown>): Promise<boolean> {
  const before = await q<{ n: number }>('select count(*)::int as n from fund_journal_line');
  try {
    await fn();
    return true;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const after = await q<{ n: number }>('select count(*)::int as n from fund_journal_line');
    expect(after[0]!.n).toBe(before[0]!.n);
    return false;
  }
}

async function checkInvariants(communityId: number, admin: Actor) {
  // every entry balances
  const unbalanced = await q(
    `select e.id from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id
     where e.community_id = $1 group by e.id having sum(l.debit_fen) <> sum(l.credit_fen)`,
    [communityId],
  );
  expect(unbalanced).toEqual([]);
  // every balance the API reports is the sum of its lines
  const sums = await q<{ kind: string; unit_id: number | null; fund_type: string | null; balance: number }>(
    `select a.kind, a.unit_id, a.fund_type, coalesce(sum(l.credit_fen - l.debit_fen), 0)::bigint as balance
     from fund_account a left join fund_journal_line l on l.account_id = a.id
     where a.community_id = $1 group by a.id`,
    [communityId],
  );
  const detail = await getCommunityFund(t.ctx, admin, communityId);
  const bank = sums.filter((s) => s.kind === 'bank').reduce((a, s) => a - Number(s.balance), 0);
  const ownersSide = sums.filter((s) => s.kind !== 'bank').reduce((a, s) => a + Number(s.balance), 0);
  expect(detail.bankBalanceFen).toBe(bank);
  expect(detail.balanceFen).toBe(ownersSide);
  // the bank account holds exactly what the owners' side is owed
  expect(bank).toBe(ownersSide);
  const units = await listUnitFunds(t.ctx, admin, communityId, { limit: 200 });
  for (const u of units.items) {
    const expected = sums
      .filter((s) => s.kind === 'unit' && Number(s.unit_id) === u.unitId)
      .reduce((a, s) => a + Number(s.balance), 0);
    expect(u.balanceFen).toBe(expected);
    expect(u.byFundType.reduce((a, b) => a + b.balanceFen, 0)).toBe(expected);
    expect(u.balanceFen).toBeGreaterThanOrEqual(0);
  }
  // each disbursement is apportioned by area to the fen
  const disbursements = await q<{ id: number; bank: number; units: number; total_area: string }>(
    `select e.id, sum(case when a.kind = 'bank' then l.credit_fen else 0 end)::bigint as bank,
            sum(case when a.kind = 'unit' then l.debit_fen else 0 end)::bigint as units
     from fund_journal_entry e join fund_journal_line l on l.entry_id = e.id join fund_account a on a.id = l.account_id
     where e.community_id = $1 and e.kind = 'disbursement' group by e.id`,
    [communityId],
  );
  for (const d of disbursements) expect(Number(d.units)).toBe(Number(d.bank));
}

describe('ledger invariants after random sequences of operations', () => {
  it('debits equal credits in every entry, every balance is the sum of its lines, apportionment is exact', async () => {
    const admin = await actorFor(t.ctx, 'district_admin');
    const street = await actorFor(t.ctx, 'street');
    // a photo of the emergency (emergency uses need evidence)
    const evidence = await storeFile(t.ctx.db, await checkUpload('leak.pdf', tinyPdf), street.userId, null);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 2_000, max: 15_000 }), { minLength: 1, maxLength: 5 }), {
          minLength: 2,
          maxLength: 2,
        }),
        fc.constantFrom('commercial' as const, 'sold_public' as const),
        fc.boolean(),
        fc.array(opArb, { maxLength: 7 }),
        async (areas, scheme, uncollected, ops) => {
          const communityId = await smallCommunity(areas);
          await setupFund(t.ctx, admin, communityId, {
            scheme,
            developerShareStatus: scheme === 'commercial' && uncollected ? 'uncollected' : 'not_applicable',
          });
          const unitIds = (
            await q<{ id: number }>('select id from unit where community_id = $1 order by id', [communityId])
          ).map((u) => Number(u.id));
          if (scheme === 'commercial')
            await initialDeposit(t.ctx, admin, communityId, {
              scheme,
              entryDate: '2020-01-01',
              constructionCostFenPerM2: 200_000,
              depositRateBp: 600,
            });
          else
            await initialDeposit(t.ctx, admin, communityId, {
              scheme,
              entryDate: '2000-01-01',
              sales: unitIds.map((unitId, i) => ({ unitId, priceFen: 5_000_000 + i * 137_777 })),
              sellerRateBp: {},
            });
          await checkInvariants(communityId, admin);
          for (const op of ops) {
            switch (op.kind) {
              case 'interest':
                await attempt(() =>
                  allocateInterest(t.ctx, admin, communityId, {
                    entryDate: '2021-12-31',
                    amountFen: op.amount,
                    memo: '',
                  }),
                );
                break;
              case 'withdraw':
                await attempt(() =>
                  withdraw(t.ctx, admin, communityId, {
                    unitId: unitIds[op.unit % unitIds.length]!,
                    amountFen: op.amount,
                    entryDate: '2022-01-01',
                    reason: 'refund',
                    memo: '',
                  }),
                );
                break;
              case 'backfill':
                await attempt(() =>
                  backfillDeveloperShare(t.ctx, admin, communityId, {
                    entryDate: '2022-02-01',
                    amountFen: op.amount,
                    memo: '',
                  }),
                );
                break;
              case 'merge':
                await attempt(() => mergePublicFunds(t.ctx, admin, communityId, { entryDate: '2022-03-01' }));
                break;
              case 'emergency': {
                const use = await createFundUse(t.ctx, street, {
                  communityId,
                  path: 'emergency',
                  emergencyKind: 'roof_leak',
                  title: '屋面渗漏',
                  description: '',
                  budgetFen: op.budget,
                  payee: '',
                  evidenceFileIds: [evidence],
                });
                let v = (await transition(t.ctx, street, use.id, { action: 'submit', version: use.version }))
                  .version;
                v = (await transition(t.ctx, admin, use.id, { action: 'approve', version: v })).version;
                for (const amount of op.tranches)
                  await attempt(async () => {
                    v = (
                      await payTranche(t.ctx, admin, use.id, {
                        version: v,
                        amountFen: amount,
                        paidOn: '2022-04-01',
                        payee: '修缮公司',
                      })
                    ).version;
                  });
                break;
              }
            }
            await checkInvariants(communityId, admin);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('the database refuses an unbalanced entry and any change to a posted line', async () => {
    const { id } = await one<{ id: number }>('select id from fund_journal_line limit 1');
    await expect(
      t.ctx.database.pool.query('update fund_journal_line set debit_fen = debit_fen + 1 where id = $1', [id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.ctx.database.pool.query(
        'delete from fund_journal_entry where id = (select min(id) from fund_journal_entry)',
      ),
    ).rejects.toThrow(/append-only/);
    const client = await t.ctx.database.pool.connect();
    try {
      await client.query('begin');
      const [acc] = (await client.query('select id, street_id, community_id from fund_account limit 1')).rows;
      const entry = (
        await client.query(
          "insert into fund_journal_entry (street_id, community_id, kind, entry_date) values ($1, $2, 'interest', '2020-01-01') returning id",
          [acc.street_id, acc.community_id],
        )
      ).rows[0];
      await expect(
        client.query(
          'insert into fund_journal_line (entry_id, street_id, account_id, debit_fen, credit_fen) values ($1, $2, $3, 100, 0)',
          [entry.id, acc.street_id, acc.id],
        ),
      ).rejects.toThrow(/does not balance/);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
