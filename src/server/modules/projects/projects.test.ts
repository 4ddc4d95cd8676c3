import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { one, rows, uploadPhoto } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../../platform/dates';
import { checkFundingMix } from './projects.usecases';

const t = setupTestApp();
const today = shanghaiDate(new Date());
const year = Number(today.slice(0, 4));

async function counts() {
  return one<Record<string, number>>(
    t,
    `select (select count(*)::int from project_choice) as choices, (select count(*)::int from project) as projects,
            (select count(*)::int from special_fund_line) as lines, (select count(*)::int from project_tranche) as tranches,
            (select count(*)::int from project_selection) as selections`,
  );
}

describe('special funds', () => {
  it('lists each fund with budget, allocated, disbursed and balance in fen', async () => {
    const admin = await t.login('district_admin');
    const res = await admin.get(`/api/v1/special-funds?year=${year}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, number>[];
    expect(items.length).toBe(8);
    for (const f of items) {
      expect(Number.isInteger(f.budgetFen)).toBe(true);
      expect(f.balanceFen).toBe(f.budgetFen! - f.disbursedFen!);
      expect(f.unallocatedFen).toBe(f.budgetFen! - f.allocatedFen!);
    }
    expect((await (await t.login('resident')).get('/api/v1/special-funds')).statusCode).toBe(403);
  });
});

describe('a community chooses, and its project runs to a paid tranche', () => {
  it('selection, tally, publication, lifecycle, funding mix and tranches', async () => {
    const street = await t.login('street');
    const resident = await t.login('resident');
    const admin = await t.login('district_admin');
    const me = await one<{ community_id: number; unit_id: number }>(
      t,
      `select ra.community_id, ra.unit_id from role_assignment ra join user_account u on u.id = ra.user_id where u.username = 'resident'`,
    );
    const eligible = await street.get(
      `/api/v1/project-menu/eligible?communityId=${me.community_id}&year=${year}`,
    );
    expect(eligible.statusCode).toBe(200);
    const offered = eligible.json().items.filter((i: { eligible: boolean }) => i.eligible);
    expect(offered.length).toBeGreaterThan(0);

    const before = await counts();
    const bad = await street.post('/api/v1/project-selections', {
      communityId: me.community_id,
      year,
      budgetCapFen: 100,
      closesOn: addDays(today, -1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.closesOn');
    const foreign = await t.login('street2');
    const refused = await foreign.post('/api/v1/project-selections', {
      communityId: me.community_id,
      year,
      budgetCapFen: 100,
      closesOn: addDays(today, 7),
    });
    expect(refused.json().errors[0].path).toBe('body.communityId');
    expect(await counts()).toEqual(before);

    const opened = await street.post('/api/v1/project-selections', {
      communityId: me.community_id,
      year,
      budgetCapFen: 1_000_000_000,
      closesOn: addDays(today, 7),
      minParticipationPct: 0,
      thresholdPct: 0,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const sel = opened.json();
    const cheapest = [...sel.options].sort((a, b) => a.costFen - b.costFen)[0];

    // foreign street: not found
    expect((await foreign.get(`/api/v1/project-selections/${sel.id}`)).statusCode).toBe(404);
    // resident: own unit only, within the cap, once
    const mine = await resident.get(`/api/v1/project-selections/${sel.id}`);
    expect(mine.json().myUnits[0]).toMatchObject({ unitId: me.unit_id, canChoose: true });
    const other = await one<{ id: number }>(
      t,
      'select id from unit where community_id = $1 and id <> $2 order by id limit 1',
      [me.community_id, me.unit_id],
    );
    const notMine = await resident.post(`/api/v1/project-selections/${sel.id}/choices`, {
      unitId: other.id,
      itemIds: [cheapest.itemId],
    });
    expect(notMine.json().errors[0].path).toBe('body.unitId');
    const chosen = await resident.post(`/api/v1/project-selections/${sel.id}/choices`, {
      unitId: me.unit_id,
      itemIds: [cheapest.itemId],
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().tally.participants).toBe(1);
    const twice = await resident.post(`/api/v1/project-selections/${sel.id}/choices`, {
      unitId: me.unit_id,
      itemIds: [],
    });
    expect(twice.statusCode).toBe(409);
    const paper = await street.post(`/api/v1/project-selections/${sel.id}/paper-choices`, {
      unitId: other.id,
      itemIds: [cheapest.itemId],
      signedBy: '王业主',
    });
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.json().tally).toMatchObject({ participants: 2, online: 1, paper: 1 });

    const closed = await street.post(`/api/v1/project-selections/${sel.id}/close`, {
      version: paper.json().version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const result = closed.json();
    expect(result.status).toBe('closed');
    expect(result.disclosureId).not.toBeNull();
    const disclosure = await one<{ title: string; source_type: string }>(
      t,
      'select title, source_type from disclosure where id = $1',
      [result.disclosureId],
    );
    expect(disclosure.source_type).toBe('project_selection');
    // the stored result is the tally of the stored choices
    const stored = await rows<{ item_ids: number[] }>(
      t,
      'select item_ids from project_choice where selection_id = $1',
      [sel.id],
    );
    expect(stored).toHaveLength(2);
    const selectedIds = result.tally.ranking.filter((r: { outcome: string }) => r.outcome === 'selected');
    expect(result.projects.length).toBe(selectedIds.length);
    expect(selectedIds[0].itemId).toBe(cheapest.itemId);

    // the project: approval → design → tender (contractor) → works (photo report) → acceptance
    const projectId = result.projects[0].id;
    expect((await foreign.get(`/api/v1/projects/${projectId}`)).statusCode).toBe(404);
    const list = await street.get(`/api/v1/projects?communityId=${me.community_id}`);
    expect(list.json().items.map((p: { id: number }) => p.id)).toContain(projectId);
    expect((await foreign.get(`/api/v1/projects?communityId=${me.community_id}`)).json().items).toEqual([]);
    let p = (await street.get(`/api/v1/projects/${projectId}`)).json();
    expect(p.stage).toBe('approval');

    // funding mix: must add up to the fen; special fund allocation
    const fund = (await admin.get(`/api/v1/special-funds?year=${year}`)).json().items[0];
    const off = await street.put(`/api/v1/projects/${projectId}/funding`, {
      version: p.version,
      lines: [{ source: 'special_fund', fundId: fund.id, amountFen: p.budgetFen - 1 }],
    });
    expect(off.json().errors[0]).toMatchObject({ path: 'body.lines', code: 'funding_mismatch' });
    const half = Math.floor(p.budgetFen / 2);
    const funded = await street.put(`/api/v1/projects/${projectId}/funding`, {
      version: p.version,
      lines: [
        { source: 'special_fund', fundId: fund.id, amountFen: half },
        { source: 'owners', amountFen: p.budgetFen - half },
      ],
    });
    expect(funded.statusCode, funded.body).toBe(200);
    p = funded.json();
    expect(p.funding.reduce((n: number, l: { amountFen: number }) => n + l.amountFen, 0)).toBe(p.budgetFen);

    const advance = async (extra: Record<string, unknown> = {}) => {
      const res = await street.post(`/api/v1/projects/${projectId}/advance`, {
        version: p.version,
        doneOn: today,
        responsible: '李工',
        ...extra,
      });
      if (res.statusCode === 200) p = res.json();
      return res;
    };
    expect((await advance()).statusCode).toBe(200);
    expect(p.stage).toBe('design');
    expect((await advance()).statusCode).toBe(200);
    const noContractor = await advance();
    expect(noContractor.json().errors[0].path).toBe('body.contractorOrgId');
    const contractor = await one<{ id: number }>(
      t,
      "select id from organization where kind = 'maintenance_company' order by id limit 1",
    );
    expect((await advance({ contractorOrgId: contractor.id })).statusCode).toBe(200);
    expect(p.stage).toBe('works');
    expect(p.contractor.id).toBe(contractor.id);

    // tranche before acceptance: refused, nothing changes
    const early = await admin.post(`/api/v1/projects/${projectId}/tranches`, {
      fundId: fund.id,
      amountFen: 100,
      paidOn: today,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('project.not_accepted');

    expect((await advance()).json().code).toBe('project.photo_required');
    const photo = await uploadPhoto(street);
    const leaf = p.tree[1].id;
    const report = await street.post(`/api/v1/projects/${projectId}/reports`, {
      reportedOn: today,
      text: '主体施工过半',
      photoFileIds: [photo],
      progress: [{ taskId: leaf, percent: 50 }],
    });
    expect(report.statusCode, report.body).toBe(200);
    p = report.json();
    expect(p.progressPct).toBe(30); // (0 + 3 × 50 + 0) / 5
    expect((await advance()).statusCode).toBe(200);
    expect(p.progressPct).toBe(100);
    expect((await advance({ defects: ['檐口局部渗水'] })).statusCode).toBe(200);
    expect(p.stage).toBe('audit');
    expect(p.acceptedOn).toBe(today);
    expect(p.defects).toHaveLength(1);

    // tranches: never beyond the allocation
    const before2 = await counts();
    const over = await admin.post(`/api/v1/projects/${projectId}/tranches`, {
      fundId: fund.id,
      amountFen: half + 1,
      paidOn: today,
    });
    expect(over.json().errors[0]).toMatchObject({ path: 'body.amountFen', code: 'exceeds_allocation' });
    expect(await counts()).toEqual(before2);
    const first = await admin.post(`/api/v1/projects/${projectId}/tranches`, {
      fundId: fund.id,
      amountFen: half - 10,
      paidOn: today,
    });
    expect(first.statusCode, first.body).toBe(200);
    const rest = await admin.post(`/api/v1/projects/${projectId}/tranches`, {
      fundId: fund.id,
      amountFen: 11,
      paidOn: today,
    });
    expect(rest.json().errors[0].code).toBe('exceeds_allocation');
    expect(
      (
        await admin.post(`/api/v1/projects/${projectId}/tranches`, {
          fundId: fund.id,
          amountFen: 10,
          paidOn: today,
        })
      ).statusCode,
    ).toBe(200);

    const ledger = (await admin.get(`/api/v1/special-funds/${fund.id}`)).json();
    const row = ledger.projects.find((x: { project: { id: number } }) => x.project.id === projectId);
    expect(row).toMatchObject({ allocatedFen: half, disbursedFen: half });
    expect(ledger.disbursedFen).toBeGreaterThanOrEqual(half);
    const unbalanced = await one<{ n: number }>(
      t,
      'select count(*)::int as n from (select entry_id from special_fund_line group by entry_id having sum(debit_fen - credit_fen) <> 0) x',
    );
    expect(unbalanced.n).toBe(0);
    // the ledger is append-only
    await expect(
      t.ctx.database.pool.query('update special_fund_line set debit_fen = debit_fen + 1'),
    ).rejects.toThrow();

    expect((await advance()).statusCode).toBe(200);
    expect(p.stage).toBe('warranty');
    expect(p.warranty).not.toBeNull();
    // the resident sees the community's project
    expect((await resident.get(`/api/v1/projects/${projectId}`)).statusCode).toBe(200);
  });

  it('the funding mix adds up to the fen', () => {
    expect(() =>
      checkFundingMix(10_001, [
        { source: 'owners', amountFen: 5_000 },
        { source: 'district_budget', amountFen: 5_001 },
      ]),
    ).not.toThrow();
    expect(() => checkFundingMix(10_001, [{ source: 'owners', amountFen: 10_000 }])).toThrow();
    expect(() => checkFundingMix(100, [{ source: 'special_fund', amountFen: 100 }])).toThrow();
    expect(() => checkFundingMix(100, [{ source: 'enterprise', amountFen: 100 }])).toThrow();
  });
});
