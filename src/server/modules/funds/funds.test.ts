import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { addDays, addYears, shanghaiDate } from '../../platform/dates';
import { checkDepletion } from './funds.usecases';

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await q<T>(text, params))[0]!;
const auditCount = async (action?: string) =>
  (
    await one<{ n: number }>(
      `select count(*)::int as n from audit_log ${action ? 'where action = $1' : ''}`,
      action ? [action] : [],
    )
  ).n;
const lineCount = async () =>
  (await one<{ n: number }>('select count(*)::int as n from fund_journal_line')).n;
const demoCommunity = async () =>
  (
    await one<{ id: number }>(
      "select r.community_id as id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'owners_committee'",
    )
  ).id;
const depletedCommunity = async () =>
  (
    await one<{ id: number }>(
      "select community_id as id from fund_depletion_alert where status = 'open' limit 1",
    )
  ).id;
/** every unit's balance, from the lines */
const unitBalances = async (communityId: number) =>
  new Map(
    (
      await q<{ unit_id: number; b: number }>(
        `select a.unit_id, coalesce(sum(l.credit_fen - l.debit_fen), 0)::bigint as b from fund_account a
         left join fund_journal_line l on l.account_id = a.id where a.community_id = $1 and a.kind = 'unit' group by a.unit_id`,
        [communityId],
      )
    ).map((r) => [Number(r.unit_id), Number(r.b)]),
  );

describe('the fund seen by residents and staff', () => {
  it("a resident sees their unit's balance and its share of each fund use", async () => {
    const resident = await t.login('resident');
    const res = await resident.get('/api/v1/me/fund');
    expect(res.statusCode).toBe(200);
    const [unit] = res.json().units;
    const balances = await unitBalances(await demoCommunity());
    expect(unit.balanceFen).toBe(balances.get(unit.unitId));
    expect(unit.firstDepositFen).toBeGreaterThan(0);
    expect(unit.depleted).toBe(false);
    const wall = unit.costShares.find((s: { fundUse: { status: string } }) => s.fundUse.status === 'voting');
    expect(wall.plannedFen).toBeGreaterThan(0);
    expect(wall.chargedFen).toBe(0);
    expect((await resident.get(`/api/v1/funds/communities/${await demoCommunity()}`)).statusCode).toBe(403);
  });

  it('the balance over time adds up to the balance today, day by day', async () => {
    const oc = await t.login('owners_committee');
    const demo = await demoCommunity();
    const history = (await oc.get(`/api/v1/funds/communities/${demo}/history`)).json();
    const fund = (await oc.get(`/api/v1/funds/communities/${demo}`)).json();
    expect(history.items.length).toBeGreaterThan(1);
    const dates = history.items.map((i: { date: string }) => i.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    let balance = 0;
    for (const i of history.items) {
      balance += i.inFen - i.outFen;
      expect(i.balanceFen).toBe(balance);
    }
    expect(balance).toBe(fund.balanceFen);
    expect(balance).toBe(fund.bankBalanceFen);
    // the elevator repair of the demo community went out in tranches
    expect(history.items.some((i: { outFen: number }) => i.outFen > 0)).toBe(true);
    expect(
      (await (await t.login('street2')).get(`/api/v1/funds/communities/${demo}/history`)).statusCode,
    ).toBe(404);
  });

  it("each unit names its accounts, whose statements add up to the unit's balance", async () => {
    const oc = await t.login('owners_committee');
    const demo = await demoCommunity();
    const units = (await oc.get(`/api/v1/funds/communities/${demo}/units?limit=3`)).json();
    const balances = await unitBalances(demo);
    for (const u of units.items) {
      expect(u.byFundType.length).toBeGreaterThan(0);
      let sum = 0;
      for (const b of u.byFundType) {
        const statement = (await oc.get(`/api/v1/funds/accounts/${b.accountId}/statement?limit=200`)).json();
        expect(statement.account).toMatchObject({ kind: 'unit', unitId: u.unitId, fundType: b.fundType });
        expect(statement.balanceFen).toBe(b.balanceFen);
        sum += statement.items.reduce(
          (s: number, i: { debitFen: number; creditFen: number }) => s + i.creditFen - i.debitFen,
          0,
        );
      }
      expect(sum).toBe(u.balanceFen);
      expect(u.balanceFen).toBe(balances.get(u.unitId));
    }
  });

  it('scopes the ledger by place: 404 for another street, 403 for roles without the permission', async () => {
    const demo = await demoCommunity();
    expect((await (await t.login('street2')).get(`/api/v1/funds/communities/${demo}`)).statusCode).toBe(404);
    expect((await (await t.login('property')).get('/api/v1/funds/communities')).statusCode).toBe(403);
    const street = await t.login('street');
    const list = (await street.get('/api/v1/funds/communities?limit=200')).json();
    const streetId = (
      await one<{ street_id: number }>('select street_id from community where id = $1', [demo])
    ).street_id;
    expect(list.items.every((c: { street: { id: number } }) => c.street.id === streetId)).toBe(true);
    const detail = (await street.get(`/api/v1/funds/communities/${demo}`)).json();
    expect(detail.bankBalanceFen).toBe(detail.balanceFen);
    expect(detail.abilities).toMatchObject({ deposit: false, requestUse: true });
    const xlsx = await street.get('/api/v1/funds/communities/export.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('flags the depleted community, and the job raises one alert however often it runs', async () => {
    const street = await t.login('street');
    const depleted = (await street.get('/api/v1/funds/communities?depleted=true')).json();
    expect(depleted.items.length).toBe(1);
    expect(Number(depleted.items[0].balancePercent)).toBeLessThan(30);
    const again = await Promise.all([checkDepletion(t.ctx), checkDepletion(t.ctx)]);
    expect(again.map((r) => r.raised)).toEqual([0, 0]);
    const alerts = (await street.get('/api/v1/funds/alerts?status=open')).json();
    expect(alerts.items.map((a: { community: { id: number } }) => a.community.id)).toEqual([
      depleted.items[0].community.id,
    ]);
    const units = (
      await street.get(
        `/api/v1/funds/communities/${depleted.items[0].community.id}/units?depleted=true&limit=200`,
      )
    ).json();
    expect(units.items.length).toBe(depleted.items[0].depletedUnits);
  });
});

describe('postings by the housing bureau', () => {
  it('refuses deposits outside the standards and withdrawals beyond the balance, writing nothing', async () => {
    const admin = await t.login('district_admin');
    const demo = await demoCommunity();
    const lines = await lineCount();
    const audit = await auditCount();
    const rate = await admin.post(`/api/v1/funds/communities/${demo}/deposits`, {
      scheme: 'commercial',
      entryDate: '2026-01-01',
      constructionCostFenPerM2: 200000,
      depositRateBp: 900,
    });
    expect(rate.json().errors[0]).toMatchObject({ path: 'body.depositRateBp', code: 'rate_out_of_range' });
    const scheme = await admin.post(`/api/v1/funds/communities/${demo}/deposits`, {
      scheme: 'sold_public',
      entryDate: '2026-01-01',
      sales: [{ unitId: 1, priceFen: 100 }],
    });
    expect(scheme.json().errors[0].path).toBe('body.scheme');
    const twice = await admin.post(`/api/v1/funds/communities/${demo}/deposits`, {
      scheme: 'commercial',
      entryDate: '2026-01-01',
      constructionCostFenPerM2: 200000,
      depositRateBp: 600,
    });
    expect(twice.json().errors[0]).toMatchObject({ path: 'body.unitIds', code: 'nothing_to_deposit' });
    const unit = [...(await unitBalances(demo)).entries()][0]!;
    const over = await admin.post(`/api/v1/funds/communities/${demo}/withdrawals`, {
      unitId: unit[0],
      amountFen: unit[1] + 1,
      entryDate: '2026-01-01',
      reason: 'refund',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('fund.insufficient_balance');
    expect(await lineCount()).toBe(lines);
    expect(await auditCount()).toBe(audit);
    expect(
      (
        await (
          await t.login('street')
        ).post(`/api/v1/funds/communities/${demo}/interest`, { entryDate: '2026-01-01', amountFen: 5 })
      ).statusCode,
    ).toBe(403);
  });

  it('allocates interest by area, to the fen', async () => {
    const admin = await t.login('district_admin');
    const demo = await demoCommunity();
    const before = await unitBalances(demo);
    const res = await admin.post(`/api/v1/funds/communities/${demo}/interest`, {
      entryDate: '2026-06-30',
      amountFen: 1_000_003,
    });
    expect(res.statusCode).toBe(200);
    const after = await unitBalances(demo);
    const areas = new Map(
      (
        await q<{ id: number; a: string }>(
          'select id, exclusive_area::text as a from unit where community_id = $1',
          [demo],
        )
      ).map((u) => [Number(u.id), BigInt(u.a.replace('.', ''))]),
    );
    const total = [...areas.values()].reduce((a, b) => a + b, 0n);
    let sum = 0n;
    for (const [id, area] of areas) {
      const got = BigInt(after.get(id)! - before.get(id)!);
      sum += got;
      const floor = (1_000_003n * area) / total;
      expect(got === floor || got === floor + 1n).toBe(true);
    }
    expect(sum).toBe(1_000_003n);
    const entry = (await admin.get(`/api/v1/funds/entries/${res.json().entryId}`)).json();
    expect(entry.kind).toBe('interest');
    expect(entry.lines.reduce((s: number, l: { debitFen: number }) => s + l.debitFen, 0)).toBe(
      entry.lines.reduce((s: number, l: { creditFen: number }) => s + l.creditFen, 0),
    );
  });

  it('merges the three public-housing funds into one per unit, keeping every fen', async () => {
    const admin = await t.login('district_admin');
    const { community_id } = await one<{ community_id: number }>(
      "select community_id from fund_community where scheme = 'sold_public' order by community_id limit 1",
    );
    const before = (await admin.get(`/api/v1/funds/communities/${community_id}`)).json();
    const res = await admin.post(`/api/v1/funds/communities/${community_id}/merge`, {
      entryDate: '2026-07-01',
    });
    expect(res.statusCode).toBe(200);
    const after = (await admin.get(`/api/v1/funds/communities/${community_id}`)).json();
    expect(after.balanceFen).toBe(before.balanceFen);
    expect(after.bankBalanceFen).toBe(before.bankBalanceFen);
    expect(
      after.byFundType.filter(
        (t: { fundType: string; balanceFen: number }) => t.fundType !== 'merged' && t.balanceFen !== 0,
      ),
    ).toEqual([]);
    expect(after.buildings.every((b: { sellerShareFen: number }) => b.sellerShareFen === 0)).toBe(true);
    expect(after).toMatchObject({ primaryFundType: 'merged', mergedOn: '2026-07-01' });
    const again = await admin.post(`/api/v1/funds/communities/${community_id}/merge`, {
      entryDate: '2026-07-02',
    });
    expect(again.json().code).toBe('fund.already_merged');
  });
});

describe('fund use', () => {
  it('normal path: plan → owners vote → committee → bureau → tranche by area → acceptance → disclosure', async () => {
    const oc = await t.login('owners_committee');
    const admin = await t.login('district_admin');
    const demo = await demoCommunity();
    const { building_id } = await one<{ building_id: number }>(
      'select building_id from unit where community_id = $1 group by building_id order by building_id limit 1 offset 1',
      [demo],
    );
    const street = await t.login('street');
    const refused = await street.post('/api/v1/fund-uses', {
      communityId: demo,
      path: 'normal',
      title: '更换水泵',
      budgetFen: 100,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('fund_use.normal_needs_owners_committee');
    const created = await oc.post('/api/v1/fund-uses', {
      communityId: demo,
      path: 'normal',
      title: '2 号楼生活水泵更换',
      description: '水泵老化，噪声大。',
      budgetFen: 4_800_000,
      payee: '上海某水泵公司',
      buildingIds: [Number(building_id)],
    });
    expect(created.statusCode).toBe(200);
    let use = created.json();
    expect(use).toMatchObject({
      status: 'draft',
      abilities: { startVote: true, actions: ['cancel'] },
    });
    expect(
      (
        await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'submit', version: use.version })
      ).json().code,
    ).toBe('fund_use.invalid_transition');
    use = (
      await oc.post(`/api/v1/fund-uses/${use.id}/vote`, {
        version: use.version,
        closesAt: `${addDays(shanghaiDate(), 7)}T17:00:00+08:00`,
      })
    ).json();
    expect(use.status).toBe('voting');
    const vote = (await oc.get(`/api/v1/votes/${use.vote.id}`)).json();
    expect(vote).toMatchObject({ matterType: 'use_fund', status: 'open', fundUseId: use.id });
    // only the owners of the building that shares the cost are on the roll
    const inBuilding = await one<{ n: number }>(
      'select count(*)::int as n from unit where building_id = $1',
      [building_id],
    );
    expect(vote.rollUnits).toBe(inBuilding.n);
    expect(vote.buildings).toEqual([{ id: Number(building_id), name: expect.any(String) }]);
    const outside = await one<{ n: number }>(
      `select count(*)::int as n from owner_vote_roll r join unit u on u.id = r.unit_id
       where r.vote_id = $1 and u.building_id <> $2`,
      [use.vote.id, building_id],
    );
    expect(outside.n).toBe(0);
    // the vote cannot be confirmed before it passes
    expect(
      (
        await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'confirm', version: use.version })
      ).json().code,
    ).toBe('fund_use.vote_not_passed');
    // 80% of the owners vote for; the vote is due
    await t.ctx.database.pool.query(
      `insert into owner_vote_ballot (vote_id, unit_id, street_id, choice, channel)
       select r.vote_id, r.unit_id, r.street_id, 'for', 'paper' from owner_vote_roll r
       where r.vote_id = $1 and r.unit_id % 5 <> 0`,
      [use.vote.id],
    );
    await t.ctx.database.pool.query(
      "update owner_vote set closes_at = now() - interval '1 minute' where id = $1",
      [use.vote.id],
    );
    const closed = (
      await oc.post(`/api/v1/votes/${use.vote.id}/close`, { version: vote.version, publicityDays: 7 })
    ).json();
    expect(closed.passed).toBe(true);
    use = (
      await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'confirm', version: use.version })
    ).json();
    use = (
      await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'submit', version: use.version })
    ).json();
    expect(use.status).toBe('submitted');
    // only the housing bureau approves
    expect(
      (await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'approve', version: use.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await street.post(`/api/v1/fund-uses/${use.id}/transitions`, {
          action: 'approve',
          version: use.version,
        })
      ).statusCode,
    ).toBe(403);
    const tooMuch = await admin.post(`/api/v1/fund-uses/${use.id}/transitions`, {
      action: 'approve',
      version: use.version,
      approvedFen: 4_800_001,
    });
    expect(tooMuch.json().errors[0].path).toBe('body.approvedFen');
    use = (
      await admin.post(`/api/v1/fund-uses/${use.id}/transitions`, {
        action: 'approve',
        version: use.version,
        approvedFen: 4_500_000,
      })
    ).json();
    expect(use).toMatchObject({
      status: 'bureau_approved',
      approvedFen: 4_500_000,
      abilities: { addTranche: true },
    });

    const before = await unitBalances(demo);
    const over = await admin.post(`/api/v1/fund-uses/${use.id}/tranches`, {
      version: use.version,
      amountFen: 4_500_001,
      paidOn: '2026-08-01',
      payee: 'x',
    });
    expect(over.json().errors[0]).toMatchObject({ path: 'body.amountFen', code: 'exceeds_approved' });
    use = (
      await admin.post(`/api/v1/fund-uses/${use.id}/tranches`, {
        version: use.version,
        amountFen: 3_000_001,
        paidOn: '2026-08-01',
        payee: '上海某水泵公司',
      })
    ).json();
    expect(use).toMatchObject({ status: 'disbursing', disbursedFen: 3_000_001 });
    const after = await unitBalances(demo);
    const scope = await q<{ id: number; a: string }>(
      'select id, exclusive_area::text as a from unit where building_id = $1',
      [building_id],
    );
    const total = scope.reduce((s, u) => s + BigInt(u.a.replace('.', '')), 0n);
    let charged = 0n;
    for (const u of scope) {
      const drop = BigInt(before.get(Number(u.id))! - after.get(Number(u.id))!);
      const floor = (3_000_001n * BigInt(u.a.replace('.', ''))) / total;
      expect(drop === floor || drop === floor + 1n).toBe(true);
      charged += drop;
    }
    expect(charged).toBe(3_000_001n);
    // units outside the scope are untouched
    for (const [id, b] of before) if (!scope.some((u) => Number(u.id) === id)) expect(after.get(id)).toBe(b);
    const shares = (await oc.get(`/api/v1/fund-uses/${use.id}/shares?limit=200`)).json();
    expect(shares.items.reduce((s: number, x: { chargedFen: number }) => s + x.chargedFen, 0)).toBe(
      3_000_001,
    );
    expect(shares.items.reduce((s: number, x: { plannedFen: number }) => s + x.plannedFen, 0)).toBe(
      4_500_000,
    );

    use = (
      await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'accept', version: use.version })
    ).json();
    // the final payment after acceptance
    use = (
      await admin.post(`/api/v1/fund-uses/${use.id}/tranches`, {
        version: use.version,
        amountFen: 1_499_999,
        paidOn: '2026-09-01',
        payee: '上海某水泵公司',
      })
    ).json();
    use = (
      await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, {
        action: 'disclose',
        version: use.version,
        note: '工程已完工。',
      })
    ).json();
    expect(use).toMatchObject({ status: 'disclosed', disbursedFen: 4_500_000 });
    expect(use.tranches.map((x: { seq: number }) => x.seq)).toEqual([1, 2]);
    expect(use.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'start_vote',
      'confirm',
      'submit',
      'approve',
      'tranche',
      'accept',
      'tranche',
      'disclose',
    ]);
    const board = (await (await t.login('resident')).get('/api/v1/disclosures?category=fund_use')).json();
    expect(board.items.some((d: { id: number }) => d.id === use.disclosureId)).toBe(true);
    expect(
      (await oc.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'disclose', version: use.version }))
        .statusCode,
    ).toBe(409);
    expect(await auditCount('fund_use.transitioned')).toBeGreaterThanOrEqual(5);
    expect(await auditCount('fund_use.vote_started')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('fund_use.tranche_paid')).toBeGreaterThanOrEqual(2);
  });

  it('emergency path: no vote, straight to the bureau, disclosed afterwards; linked to its case', async () => {
    const street = await t.login('street');
    const admin = await t.login('district_admin');
    const demo = await demoCommunity();
    const missing = await street.post('/api/v1/fund-uses', {
      communityId: demo,
      path: 'emergency',
      title: '电梯停运',
      budgetFen: 100,
    });
    expect(missing.json().errors[0].path).toBe('body.emergencyKind');
    const kase = Number(
      (
        await one<{ id: string }>('select id from case_record where community_id = $1 order by id limit 1', [
          demo,
        ])
      ).id,
    );
    let use = (
      await street.post('/api/v1/fund-uses', {
        communityId: demo,
        path: 'emergency',
        emergencyKind: 'elevator_stopped',
        title: '5 号楼电梯停运抢修',
        budgetFen: 200_000,
        caseId: kase,
      })
    ).json();
    expect(use).toMatchObject({ caseId: kase, abilities: { startVote: false } });
    expect(use.abilities.actions).toContain('submit');
    expect(
      (
        await street.post(`/api/v1/fund-uses/${use.id}/vote`, {
          version: use.version,
          closesAt: '2099-01-01T00:00:00+08:00',
        })
      ).statusCode,
    ).toBe(403);
    use = (
      await street.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'submit', version: use.version })
    ).json();
    const rejected = await admin.post(`/api/v1/fund-uses/${use.id}/transitions`, {
      action: 'reject',
      version: use.version,
    });
    expect(rejected.json().errors[0].path).toBe('body.note');
    use = (
      await admin.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'approve', version: use.version })
    ).json();
    use = (
      await admin.post(`/api/v1/fund-uses/${use.id}/tranches`, {
        version: use.version,
        amountFen: 200_000,
        paidOn: '2026-08-02',
        payee: '维保单位',
      })
    ).json();
    use = (
      await street.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'accept', version: use.version })
    ).json();
    use = (
      await street.post(`/api/v1/fund-uses/${use.id}/transitions`, {
        action: 'disclose',
        version: use.version,
      })
    ).json();
    expect(use.status).toBe('disclosed');
    expect(use.vote).toBeNull();
    const stale = await street.post(`/api/v1/fund-uses/${use.id}/transitions`, {
      action: 'cancel',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    const list = (await (await t.login('street2')).get(`/api/v1/fund-uses/${use.id}`)).statusCode;
    expect(list).toBe(404);
  });
});

/** A closed vote with the same result as `id` (another assembly's decision), as a fixture. */
async function copyOfVote(id: number): Promise<number> {
  const cols = (
    await t.ctx.database.pool.query(
      `select string_agg(quote_ident(column_name), ', ') as c from information_schema.columns
       where table_name = 'owner_vote' and column_name <> 'id' and is_generated = 'NEVER'`,
    )
  ).rows[0].c;
  const r = await t.ctx.database.pool.query(
    `insert into owner_vote (${cols}) select ${cols} from owner_vote where id = $1 returning id`,
    [id],
  );
  return Number(r.rows[0].id);
}

describe('re-collection (续筹)', () => {
  it('needs a passed raise-fund vote and a deadline within 3 years; tracks each household', async () => {
    const admin = await t.login('district_admin');
    const depleted = await depletedCommunity();
    const { id: used } = await one<{ id: number }>(
      "select id from owner_vote where community_id = $1 and matter_type = 'raise_fund' and passed",
      [depleted],
    );
    // the demo campaign already rests on that vote; a second assembly decided this one
    const raise = await copyOfVote(used);
    const { id: other } = await one<{ id: number }>(
      "select id from owner_vote where community_id = $1 and matter_type = 'use_fund'",
      [depleted],
    );
    const base = {
      communityId: depleted,
      voteId: raise,
      title: '第二期续筹',
      scope: 'depleted_units',
      rateFenPerM2: 2000,
      startOn: '2026-01-01',
      deadlineOn: '2028-12-31',
      instalments: 3,
    };
    expect(
      (await admin.post('/api/v1/funds/recollections', { ...base, voteId: other })).json().errors[0],
    ).toMatchObject({
      path: 'body.voteId',
      code: 'vote_scope_mismatch', // a passed vote, but on using the fund, not raising it
    });
    const usedTwice = await admin.post('/api/v1/funds/recollections', { ...base, voteId: used });
    expect(usedTwice.statusCode).toBe(400);
    expect(usedTwice.json().errors[0]).toMatchObject({
      path: 'body.voteId',
      code: 'vote_already_backs_campaign',
    });
    const elsewhere = await one<{ id: number }>(
      "select id from owner_vote where community_id <> $1 and matter_type = 'raise_fund' and passed and status = 'closed' limit 1",
      [depleted],
    ).catch(() => null);
    if (elsewhere)
      expect(
        (await admin.post('/api/v1/funds/recollections', { ...base, voteId: elsewhere.id })).json().errors[0],
      ).toMatchObject({ path: 'body.voteId', code: 'vote_scope_mismatch' });
    expect(
      (
        await admin.post('/api/v1/funds/recollections', {
          ...base,
          deadlineOn: addDays(addYears('2026-01-01', 3), 1),
        })
      ).json().errors[0],
    ).toMatchObject({
      path: 'body.deadlineOn',
      code: 'recollection_too_long',
    });
    expect(
      (await (await t.login('owners_committee')).post('/api/v1/funds/recollections', base)).statusCode,
    ).toBe(404);
    const created = await admin.post('/api/v1/funds/recollections', base);
    expect(created.statusCode).toBe(200);
    const campaign = created.json();
    expect(campaign.households).toBeGreaterThan(0);
    const [h] = (await admin.get(`/api/v1/funds/recollections/${campaign.id}/households?limit=1`)).json()
      .items;
    expect(h).toMatchObject({ status: 'unpaid', paidFen: 0, behindSchedule: true });
    const over = await admin.post(`/api/v1/funds/recollections/${campaign.id}/payments`, {
      unitId: h.unitId,
      amountFen: h.dueFen + 1,
      paidOn: '2026-02-01',
    });
    expect(over.json().errors[0]).toMatchObject({ path: 'body.amountFen', code: 'exceeds_remaining' });
    const before = (await unitBalances(depleted)).get(h.unitId)!;
    await admin.post(`/api/v1/funds/recollections/${campaign.id}/payments`, {
      unitId: h.unitId,
      amountFen: 100,
      paidOn: '2026-02-01',
    });
    await admin.post(`/api/v1/funds/recollections/${campaign.id}/payments`, {
      unitId: h.unitId,
      amountFen: h.dueFen - 100,
      paidOn: '2026-03-01',
    });
    expect((await unitBalances(depleted)).get(h.unitId)).toBe(before + h.dueFen);
    const paid = (
      await admin.get(`/api/v1/funds/recollections/${campaign.id}/households?status=paid`)
    ).json();
    expect(paid.items.map((x: { unitId: number }) => x.unitId)).toEqual([h.unitId]);
    const detail = (await admin.get(`/api/v1/funds/recollections/${campaign.id}`)).json();
    expect(detail).toMatchObject({ paidHouseholds: 1, paidFen: h.dueFen });
    const street = await t.login('street');
    expect(
      (
        await street.post(`/api/v1/funds/recollections/${campaign.id}/payments`, {
          unitId: h.unitId,
          amountFen: 1,
          paidOn: '2026-03-01',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('property fees (SPEC 5.9)', () => {
  const demoContract = async () =>
    (
      await one<{ id: number }>("select id from fee_contract where community_id = $1 and status = 'active'", [
        await demoCommunity(),
      ])
    ).id;

  it('guidance prices by grade: the district sets them, contracts show whether they keep within', async () => {
    const admin = await t.login('district_admin');
    const standards = (await admin.get('/api/v1/fees/standards')).json();
    expect(standards.items.map((s: { grade: number }) => s.grade)).toEqual([1, 2, 3, 4, 5]);
    const g1 = standards.items[0];
    const set = await admin.put('/api/v1/fees/standards/1', {
      version: g1.version,
      priceFen: 250,
      floatBp: 500,
      effectiveFrom: '2026-01-01',
    });
    expect(set.json().items[0]).toMatchObject({ priceFen: 250, floatBp: 500 });
    expect(
      (
        await admin.put('/api/v1/fees/standards/1', {
          version: g1.version,
          priceFen: 260,
          floatBp: 500,
          effectiveFrom: '2026-01-01',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await (
          await t.login('street')
        ).put('/api/v1/fees/standards/1', { priceFen: 1, floatBp: 0, effectiveFrom: '2026-01-01' })
      ).statusCode,
    ).toBe(403);
    const contract = (
      await (await t.login('owners_committee')).get(`/api/v1/fees/contracts/${await demoContract()}`)
    ).json();
    expect(contract.model).toBe('commission');
    expect(typeof contract.withinGuidance).toBe('boolean');
  });

  it('commission model: the owners’ accounts, no major repairs, half-yearly disclosure once', async () => {
    const property = await t.login('property');
    const id = await demoContract();
    const major = await property.post(`/api/v1/fees/contracts/${id}/items`, {
      kind: 'spending',
      category: 'major_repair',
      amountFen: 10_000_000,
      occurredOn: shanghaiDate(),
    });
    expect(major.json().errors[0]).toMatchObject({ path: 'body.category', code: 'major_repair_from_fund' });
    const wrongKind = await property.post(`/api/v1/fees/contracts/${id}/items`, {
      kind: 'income',
      category: 'cleaning',
      amountFen: 100,
      occurredOn: shanghaiDate(),
    });
    expect(wrongKind.json().errors[0].code).toBe('category_kind');
    const detail = (await property.get(`/api/v1/fees/contracts/${id}`)).json();
    const due = detail.statements.find(
      (s: { overdue: boolean; disclosedAt: string | null }) => s.overdue && !s.disclosedAt,
    );
    expect(due).toBeDefined();
    expect(due.balanceFen).toBe(due.incomeFen - due.spendingFen - due.commissionFen);
    expect(due.commissionFen).toBe(Math.round((due.incomeFen * 1000) / 10000));
    const disclosed = await property.post(`/api/v1/fees/contracts/${id}/disclosures`, { period: due.period });
    expect(disclosed.statusCode).toBe(200);
    expect(
      disclosed.json().statements.find((s: { period: string }) => s.period === due.period),
    ).toMatchObject({ overdue: false });
    expect(
      (await property.post(`/api/v1/fees/contracts/${id}/disclosures`, { period: due.period })).json().code,
    ).toBe('fees.already_disclosed');
    const current = `${shanghaiDate().slice(0, 4)}H2`;
    expect(
      (await property.post(`/api/v1/fees/contracts/${id}/disclosures`, { period: current })).json().errors[0]
        .code,
    ).toBe('period_not_over');
    const board = (await (await t.login('resident')).get('/api/v1/disclosures?category=fee_accounts')).json();
    expect(board.items.some((d: { source: { period: string } }) => d.source.period === due.period)).toBe(
      true,
    );
    const lump = await one<{ id: number }>(
      "select id from fee_contract where model = 'lump_sum' and property_org_id = (select property_org_id from fee_contract where id = $1) limit 1",
      [id],
    );
    if (lump) {
      const res = await property.post(`/api/v1/fees/contracts/${lump.id}/items`, {
        kind: 'income',
        category: 'parking',
        amountFen: 1,
        occurredOn: shanghaiDate(),
      });
      expect(res.json().code).toBe('fees.not_commission');
    }
    expect((await (await t.login('street2')).get(`/api/v1/fees/contracts/${id}`)).statusCode).toBe(404);
  });

  it('the yearly budget and final accounts: drafted by the company, approved and disclosed by the owners', async () => {
    const property = await t.login('property');
    const oc = await t.login('owners_committee');
    const id = await demoContract();
    const lines = [
      { kind: 'income', category: 'property_fee', amountFen: 12_000_000 },
      { kind: 'spending', category: 'staff', amountFen: 5_000_000 },
    ];
    const bad = await property.post(`/api/v1/fees/contracts/${id}/budgets`, {
      year: 2027,
      kind: 'budget',
      lines: [...lines, { kind: 'spending', category: 'major_repair', amountFen: 1 }],
    });
    expect(bad.json().errors[0]).toMatchObject({
      path: 'body.lines.2.category',
      code: 'major_repair_from_fund',
    });
    const added = await property.post(`/api/v1/fees/contracts/${id}/budgets`, {
      year: 2027,
      kind: 'budget',
      lines,
    });
    expect(added.statusCode).toBe(200);
    const budget = added.json().budgets.find((b: { year: number }) => b.year === 2027);
    expect(budget).toMatchObject({ incomeFen: 12_000_000, spendingFen: 5_000_000, approvedAt: null });
    expect(
      (
        await property.post(`/api/v1/fees/contracts/${id}/budgets`, { year: 2027, kind: 'budget', lines })
      ).json().code,
    ).toBe('fees.budget_exists');
    expect(
      (await property.post(`/api/v1/fees/contracts/${id}/budgets/${budget.id}/approve`)).statusCode,
    ).toBe(403);
    const approved = (await oc.post(`/api/v1/fees/contracts/${id}/budgets/${budget.id}/approve`)).json();
    const b = approved.budgets.find((x: { id: number }) => x.id === budget.id);
    expect(b.approvedAt).not.toBeNull();
    const board = (await (await t.login('resident')).get(`/api/v1/disclosures/${b.disclosureId}`)).json();
    expect(board).toMatchObject({ category: 'fee_budget', data: { year: 2027, kind: 'budget' } });
  });
});
