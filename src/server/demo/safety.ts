import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { AssetKind, Ownership } from '../../contracts/assets';
import type { ChecklistItem, PlanInput } from '../../contracts/inspections';
import type { AppContext } from '../context';
import { addDays, addYears } from '../modules/assets/assets.rules';
import { assetRenewalPlans, assetRiskAssessments, assets } from '../modules/assets/assets.table';
import { actOnCase, reportCase } from '../modules/cases/cases.usecases';
import * as emergencyRepo from '../modules/emergency/emergency.repository';
import {
  createMaterial,
  createTeam,
  dispatchEmergencyCases,
  moveMaterial,
  setRoster,
  stepDispatch,
} from '../modules/emergency/emergency.usecases';
import {
  closeConsultation,
  openConsultation,
  recordResponses,
} from '../modules/firesafety/firesafety.usecases';
import { assignHazard, createHazard, repairHazard, verifyHazard } from '../modules/hazards/hazards.usecases';
import * as inspectionsRepo from '../modules/inspections/inspections.repository';
import { cycleOf } from '../modules/inspections/inspections.schedule';
import { answerRound, backfillRounds, createPlan } from '../modules/inspections/inspections.usecases';
import { createItem, recordRepair } from '../modules/legacy/legacy.usecases';
import { recordAssessment, registerBuilding, reportDefect } from '../modules/warranties/warranties.usecases';
import { createPoint } from '../modules/waterlogging/waterlogging.usecases';
import { Actor, type RoleAssignment } from '../platform/access';
import { recordAudit } from '../platform/audit/audit';
import { dayFromText, dayText, shanghaiDate } from '../platform/calendar/calendar';
import { checkUpload, storeFile } from '../platform/files/files';
import { Random } from './random';

/**
 * Deterministic safety demo data (seed 二(一), 二(四)): the emergency centre's teams, roster and
 * materials; an asset register for every community; five inspection plans with the rounds of the
 * last and the current cycle, most done, some late or missed; hazards found by failed items, some
 * with cases, some repaired by the on-duty team and verified by the inspector; an emergency case
 * sent to the on-duty team; warranties of the newest buildings with a defect routed to the
 * developer; Expo-600-days legacy items; waterlogging points; fire-facility consultations.
 * Hazards, cases and rounds with findings go through the use cases with a simulated clock; rounds
 * that passed every item are completed in bulk.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SEED = { userId: null, label: 'demo-seed' };

interface CommunityRow {
  id: number;
  streetId: number;
  streetName: string;
  committeeId: number | null;
  name: string;
  code: string;
  housingType: string;
  isMixedUse: boolean;
  isOldHousing: boolean;
  buildYear: number;
  propertyOrgId: number | null;
  developerOrgId: number | null;
}

interface BuildingRow {
  id: number;
  communityId: number;
  name: string;
  floors: number;
  hasElevator: boolean;
  completedOn: string;
}

const item = (
  key: string,
  text: string,
  categoryCode: string,
  extra: Partial<ChecklistItem> = {},
): ChecklistItem => ({ key, text, categoryCode, createsCase: false, grade: 'general', ...extra });

export const demoChecklists = {
  oldHousing: [
    item('structure', '承重墙、梁柱无开裂、倾斜、变形', 'housing_safety.structural_hazard', {
      grade: 'major',
      createsCase: true,
    }),
    item('external_wall', '外墙面砖、抹灰无空鼓脱落', 'housing_safety.external_wall', {
      grade: 'significant',
      createsCase: true,
    }),
    item('roof', '屋面、檐口、落水管无渗漏破损', 'housing_safety.old_housing_danger'),
    item('stairs', '楼梯、扶手、晒台栏杆牢固', 'housing_safety.structural_hazard'),
    item('wiring', '公共部位电线无私拉乱接、老化', 'equipment.power', { grade: 'significant' }),
    item('drainage', '下水管道、化粪池畅通', 'property_service.repair'),
  ],
  firePatrol: [
    item('fire_lane', '消防车通道畅通，无车辆、杂物占用', 'fire_safety.blocked_fire_lane', {
      grade: 'significant',
      createsCase: true,
    }),
    item('evacuation', '楼道、安全出口无堆物，疏散指示完好', 'fire_safety.blocked_evacuation', {
      createsCase: true,
    }),
    item('hydrant', '室内外消火栓有水、配件齐全', 'fire_safety.facility_failure', {
      assetKind: 'fire_hydrant',
      grade: 'significant',
    }),
    item('extinguisher', '灭火器在有效期内、压力正常', 'fire_safety.facility_failure', {
      assetKind: 'fire_extinguisher',
    }),
    item('alarm', '火灾报警系统运行正常', 'fire_safety.facility_failure', { assetKind: 'fire_alarm' }),
    item('charging', '无电动自行车楼内充电、飞线充电', 'fire_safety.blocked_evacuation'),
  ],
  equipment: [
    item('running', '运行正常，无异响、异常振动', 'equipment.elevator_fault', { grade: 'significant' }),
    item('certificate', '使用标志、检验合格证在有效期内', 'equipment.elevator_fault'),
    item('maintenance_log', '维保记录完整，间隔不超过15日', 'equipment.elevator_fault'),
    item('emergency_phone', '轿厢应急通话装置有效', 'equipment.elevator_trapped', { grade: 'significant' }),
  ],
  flood: [
    item('gullies', '雨水口、窨井无堵塞', 'environment.waterlogging', { createsCase: true }),
    item('pumps', '排水泵试运行正常', 'equipment.water_pump', { grade: 'significant' }),
    item('sandbags', '防汛沙袋、挡板到位', 'environment.waterlogging'),
    item('roof_drain', '屋面落水口、天沟清理', 'housing_safety.old_housing_danger'),
    item('trees', '高大树木已修剪加固', 'environment.greening_trees'),
  ],
  greening: [
    item('trees', '树木无倒伏、枯枝隐患', 'environment.greening_trees', { createsCase: true }),
    item('lawn', '绿地无侵占、毁绿种菜', 'environment.greening_trees'),
  ],
} satisfies Record<string, ChecklistItem[]>;

async function png(rng: Random): Promise<Buffer> {
  return sharp({
    create: {
      width: 64,
      height: 48,
      channels: 3,
      background: { r: rng.int(0, 255), g: rng.int(0, 255), b: rng.int(0, 255) },
    },
  })
    .png()
    .toBuffer();
}

export async function seedDemoSafety(ctx: AppContext, seed: number) {
  const rng = new Random(seed);
  const pool = ctx.database.pool;
  const now = Date.now();
  const today = shanghaiDate(now);
  const counts: Record<string, number> = {};

  // ---------------------------------------------------------------------------------- accounts
  const accounts = new Map<string, Actor>();
  const users = await pool.query(`
    select u.id, u.username, u.display_name,
           json_agg(json_build_object('role', r.role, 'districtId', r.district_id, 'streetId', r.street_id,
             'committeeId', r.committee_id, 'communityId', r.community_id, 'departmentId', r.department_id,
             'organizationId', r.organization_id, 'unitId', r.unit_id) order by r.id) as roles
    from user_account u join role_assignment r on r.user_id = u.id where u.is_demo group by u.id`);
  for (const u of users.rows)
    accounts.set(
      u.username,
      new Actor(Number(u.id), u.username, u.display_name, u.roles as RoleAssignment[]),
    );
  const account = (name: string) => {
    const a = accounts.get(name);
    if (!a) throw new Error(`demo safety: no demo account ${name}`);
    return a;
  };
  const admin = account('district_admin');
  const inspector = account('inspector');
  const emergency = account('emergency');
  const committee = account('committee');

  const photo = async (by: Actor) => {
    const checked = await checkUpload('现场照片.png', await png(rng));
    return storeFile(ctx.db, checked, by.userId, null);
  };

  const communities: CommunityRow[] = (
    await pool.query(`
      select c.id, c.street_id as "streetId", s.name as "streetName", c.committee_id as "committeeId", c.name, c.code,
             c.housing_type as "housingType", c.is_mixed_use as "isMixedUse", c.is_old_housing as "isOldHousing",
             c.build_year as "buildYear", c.property_org_id as "propertyOrgId", c.developer_org_id as "developerOrgId"
      from community c join street s on s.id = c.street_id order by c.id`)
  ).rows;
  const buildings: BuildingRow[] = (
    await pool.query(`select id, community_id as "communityId", name, floors, has_elevator as "hasElevator",
                             completed_on as "completedOn" from building order by id`)
  ).rows.map((b) => ({ ...b, id: Number(b.id) }));
  const buildingsOf = (communityId: number) => buildings.filter((b) => b.communityId === communityId);

  // ------------------------------------------------------------------------ emergency centre
  const clockOf = (ms: number) => ({ now: new Date(Math.min(ms, now - 60_000)) });
  const insp1 = await createTeam(ctx, admin, {
    kind: 'inspection',
    name: '区房屋安全巡查一队',
    leaderName: '陆建国',
    phone: '021-63011201',
    memberUserIds: [inspector.userId],
  });
  const insp2 = await createTeam(ctx, admin, {
    kind: 'inspection',
    name: '区消防与设备巡查二队',
    leaderName: '沈立新',
    phone: '021-63011202',
    memberUserIds: [inspector.userId],
  });
  const rep1 = await createTeam(ctx, admin, {
    kind: 'repair',
    name: '区应急中心抢险一队',
    leaderName: '顾海平',
    phone: '021-63011301',
    memberUserIds: [emergency.userId],
  });
  const rep2 = await createTeam(ctx, admin, {
    kind: 'repair',
    name: '区应急中心抢险二队',
    leaderName: '钱志强',
    phone: '021-63011302',
    memberUserIds: [],
  });
  counts.teams = 4;
  // the roster: team one today (the demo emergency account is on duty), alternating either side
  const todayN = dayFromText(today);
  for (let n = todayN - 60; n <= todayN + 13; n++) {
    await setRoster(ctx, admin, dayText(n), {
      teamId: (n - todayN) % 2 === 0 ? rep1.id : rep2.id,
      note: n === todayN ? '汛期24小时值守' : undefined,
    });
  }
  counts.rosterDays = 74;
  const materialSeeds: [string, string | undefined, string, number, number, string][] = [
    ['防汛沙袋', '50kg', '袋', 500, 860, '区应急中心一号仓库'],
    ['移动式排水泵', '100m³/h', '台', 10, 12, '区应急中心一号仓库'],
    ['防汛挡水板', '1.2m', '块', 60, 75, '区应急中心一号仓库'],
    ['应急照明灯', undefined, '只', 40, 56, '区应急中心二号仓库'],
    ['警戒带', '100m', '卷', 30, 18, '区应急中心二号仓库'],
    ['手提式灭火器', 'MFZ/ABC4', '具', 80, 120, '区应急中心二号仓库'],
    ['木支撑', '3m', '根', 50, 64, '区应急中心一号仓库'],
  ];
  for (const [name, spec, unit, minStock, stock, location] of materialSeeds) {
    const m = await createMaterial(ctx, admin, { name, spec, unit, minStock, location });
    await moveMaterial(ctx, emergency, m.id, { kind: 'in', quantity: stock + 20, note: '年度采购入库' });
    await moveMaterial(ctx, emergency, m.id, { kind: 'out', quantity: 20, note: '汛前演练领用' });
  }
  counts.materials = materialSeeds.length;

  // ------------------------------------------------------------------------------ assets
  const maintenanceOrgs = (
    await pool.query(`select id from organization where kind = 'maintenance_company' order by id`)
  ).rows.map((r) => Number(r.id));
  const assetRows: (typeof assets.$inferInsert)[] = [];
  const elevatorFacts: { key: string; installedOn: string; streetId: number }[] = [];
  const addAsset = (
    c: CommunityRow,
    b: BuildingRow | null,
    kind: AssetKind,
    code: string,
    name: string,
    ownership: Ownership,
    extra: Partial<{
      quantity: number;
      installedOn: string;
      manufacturer: string;
      registrationCode: string;
      maintenanceOrgId: number;
      lastStatutory: string;
      lastMaintenance: string;
      maintainerName: string;
    }> = {},
  ) => {
    assetRows.push({
      streetId: c.streetId,
      communityId: c.id,
      buildingId: b?.id ?? null,
      kind,
      code,
      name,
      ownership,
      maintainerName: ownership === 'utility' ? (extra.maintainerName ?? null) : null,
      quantity: extra.quantity ?? 1,
      installedOn: extra.installedOn ?? null,
      manufacturer: extra.manufacturer ?? null,
      registrationCode: extra.registrationCode ?? null,
      maintenanceOrgId: extra.maintenanceOrgId ?? null,
      lastStatutoryInspectionOn: extra.lastStatutory ?? null,
      lastMaintenanceOn: extra.lastMaintenance ?? null,
    });
    return `${c.id}:${code}`;
  };
  const manufacturers = [
    '上海三菱电梯有限公司',
    '奥的斯电梯（中国）有限公司',
    '日立电梯（中国）有限公司',
    '迅达（中国）电梯有限公司',
  ];
  for (const c of communities) {
    const bs = buildingsOf(c.id);
    const isPublic = ['old_public', 'scattered_public'].includes(c.housingType);
    const common: Ownership = isPublic ? 'public_housing' : 'owners_common';
    for (const b of bs) {
      if (b.hasElevator) {
        const installedOn = b.completedOn;
        const key = addAsset(
          c,
          b,
          'elevator',
          `DT-${b.name.replace('号', '')}-1`,
          `${b.name}楼电梯`,
          common,
          {
            installedOn,
            manufacturer: rng.pick(manufacturers),
            registrationCode: `31103101${String(assetRows.length + 1).padStart(8, '0')}`,
            maintenanceOrgId: rng.pick(maintenanceOrgs),
            lastMaintenance: addDays(today, rng.chance(0.85) ? -rng.int(1, 14) : -rng.int(16, 40)),
            lastStatutory: addDays(today, rng.chance(0.88) ? -rng.int(10, 360) : -rng.int(370, 520)),
          },
        );
        elevatorFacts.push({ key, installedOn, streetId: c.streetId });
      }
      addAsset(c, b, 'fire_extinguisher', `MHQ-${b.name.replace('号', '')}`, `${b.name}楼灭火器`, common, {
        quantity: b.floors * 2,
      });
      if (b.floors >= 10) {
        addAsset(c, b, 'fire_alarm', `BJ-${b.name.replace('号', '')}`, `${b.name}楼火灾报警系统`, common);
        addAsset(c, b, 'fire_sprinkler', `PL-${b.name.replace('号', '')}`, `${b.name}楼喷淋系统`, common);
      }
    }
    addAsset(c, null, 'fire_hydrant', 'XHS-1', '小区室外消火栓', common, {
      quantity: Math.max(2, bs.length),
    });
    if (c.housingType !== 'scattered_public')
      addAsset(c, null, 'fire_lane', 'XFTD-1', '小区消防车通道', common);
    addAsset(c, null, 'evacuation_route', 'SSTD-1', '楼道及安全出口', common);
    addAsset(
      c,
      null,
      'power',
      'PD-1',
      '小区配电房',
      c.housingType === 'commercial' || rng.chance(0.4) ? 'utility' : common,
      { maintainerName: '国网上海市电力公司市区供电公司' },
    );
    if (bs.some((b) => b.hasElevator)) {
      addAsset(c, null, 'water_pump', 'SB-1', '生活水泵房', common, {
        installedOn: bs[0]!.completedOn,
        lastMaintenance: addDays(today, -rng.int(5, 60)),
      });
      addAsset(c, null, 'water_tank', 'SX-1', '二次供水水箱', rng.chance(0.5) ? 'utility' : common, {
        maintainerName: '上海城投水务（集团）有限公司供水分公司',
      });
    }
    if (c.housingType === 'commercial' || c.housingType === 'mixed') {
      addAsset(
        c,
        null,
        'underground_space',
        'DX-1',
        '地下车库',
        rng.chance(0.3) ? 'developer' : 'owners_common',
      );
      addAsset(c, null, 'smoke_control', 'PY-1', '地下车库防排烟系统', 'owners_common');
    }
  }
  await ctx.db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (let i = 0; i < assetRows.length; i += 500)
      for (const a of await tx
        .insert(assets)
        .values(assetRows.slice(i, i + 500))
        .returning())
        ids.set(`${a.communityId}:${a.code}`, a.id);
    // the records behind the dates: the last two maintenance visits, the last statutory inspection
    await tx.execute(sql`
      insert into asset_maintenance (asset_id, street_id, done_on, kind, company, by_label)
      select a.id, a.street_id, d.done_on, 'routine', o.name, o.name
      from asset a join organization o on o.id = a.maintenance_org_id
      cross join lateral (values (a.last_maintenance_on), (a.last_maintenance_on - 15)) d(done_on)
      where a.kind = 'elevator'`);
    await tx.execute(sql`
      insert into asset_statutory_inspection (asset_id, street_id, inspected_on, agency, result, certificate_no, next_due_on, by_label)
      select a.id, a.street_id, a.last_statutory_inspection_on, '上海市特种设备监督检验技术研究院', 'pass',
             'TJ' || to_char(a.last_statutory_inspection_on, 'YYYYMMDD') || lpad(a.id::text, 5, '0'),
             (a.last_statutory_inspection_on + interval '1 year')::date, '上海市特种设备监督检验技术研究院'
      from asset a where a.kind = 'elevator'`);
    // old elevators: most assessed, some calling for work; most of those have a renewal plan
    const results = ['good', 'good', 'repair', 'renovate', 'replace'] as const;
    for (const e of elevatorFacts) {
      if (addYears(e.installedOn, 15) >= today || !rng.chance(0.65)) continue;
      const result = rng.pick(results);
      const [risk] = await tx
        .insert(assetRiskAssessments)
        .values({
          assetId: ids.get(e.key)!,
          streetId: e.streetId,
          assessedOn: addDays(today, -rng.int(30, 700)),
          agency: '上海市特种设备监督检验技术研究院',
          result,
          findings:
            result === 'good'
              ? '主要部件运行良好，按期维保即可'
              : '曳引机磨损、控制柜元器件老化，门系统存在安全隐患',
          byLabel: '上海市特种设备监督检验技术研究院',
        })
        .returning();
      if (result !== 'good' && rng.chance(0.6))
        await tx.insert(assetRenewalPlans).values({
          assetId: ids.get(e.key)!,
          streetId: e.streetId,
          riskAssessmentId: risk!.id,
          kind: result,
          plannedYear: Number(today.slice(0, 4)) + rng.int(0, 1),
          costFen: result === 'replace' ? rng.int(38, 55) * 10_000_00 : rng.int(6, 20) * 10_000_00,
          fundingSource: rng.pick(['maintenance_fund', 'special_fund', 'government_subsidy'] as const),
          status: rng.pick(['planned', 'approved', 'in_progress'] as const),
          byLabel: '区房管局',
        });
    }
    await recordAudit(tx, SEED, {
      action: 'asset.imported',
      entityType: 'asset',
      entityId: 'demo',
      streetId: null,
      after: { count: assetRows.length, ids: [...ids.values()] },
    });
  });
  counts.assets = assetRows.length;

  // ------------------------------------------------------------------ inspection plans, rounds
  const quarter = cycleOf('quarterly', today);
  const lastQuarterDay = addDays(quarter.start, -1);
  const lastQuarter = cycleOf('quarterly', lastQuarterDay);
  const month = cycleOf('monthly', today);
  const lastMonth = cycleOf('monthly', addDays(month.start, -1));
  const planSpecs: { input: PlanInput; from: string }[] = [
    {
      input: {
        name: '老旧住房滚动排查',
        type: 'old_housing',
        targetKind: 'building',
        filter: { oldHousingOnly: true },
        cadence: 'quarterly',
        startsOn: lastQuarter.start,
        teamId: insp1.id,
        checklist: demoChecklists.oldHousing,
      },
      from: lastQuarter.start,
    },
    {
      input: {
        name: '住宅小区消防安全巡查',
        type: 'fire_patrol',
        targetKind: 'community',
        filter: {},
        cadence: 'monthly',
        startsOn: lastMonth.start,
        teamId: insp1.id,
        checklist: demoChecklists.firePatrol,
      },
      from: lastMonth.start,
    },
    {
      input: {
        name: '电梯运行安全检查',
        type: 'equipment',
        targetKind: 'asset',
        filter: { assetKinds: ['elevator'] },
        cadence: 'quarterly',
        startsOn: lastQuarter.start,
        teamId: insp2.id,
        checklist: demoChecklists.equipment,
      },
      from: lastQuarter.start,
    },
    {
      input: {
        name: '汛前及防台风专项检查',
        type: 'flood_campaign',
        targetKind: 'community',
        filter: { oldHousingOnly: true },
        cadence: 'once',
        startsOn: addDays(today, -12),
        dueOn: addDays(today, 18),
        teamId: insp2.id,
        checklist: demoChecklists.flood,
      },
      from: addDays(today, -12),
    },
    {
      input: {
        name: '小区绿化安全巡查',
        type: 'greening',
        targetKind: 'community',
        filter: { housingTypes: ['commercial'] },
        cadence: 'monthly',
        startsOn: lastMonth.start,
        teamId: insp2.id,
        checklist: demoChecklists.greening,
      },
      from: lastMonth.start,
    },
  ];
  for (const spec of planSpecs) {
    const plan = await createPlan(ctx, admin, spec.input, clockOf(now));
    await backfillRounds(ctx, (await inspectionsRepo.planById(ctx.db, plan.id))!, spec.from, today);
  }
  counts.plans = planSpecs.length;

  // outcomes: the last cycle almost all done on time; the current one about half done so far
  const rounds = (
    await pool.query(`select r.id, r.cycle_start, r.due_on, r.checklist, p.type from inspection_round r
                      join inspection_plan p on p.id = r.plan_id order by r.id`)
  ).rows.map((r) => ({
    id: Number(r.id),
    cycleStart: r.cycle_start as string,
    dueOn: r.due_on as string,
    checklist: r.checklist as ChecklistItem[],
    type: r.type as string,
  }));
  const bulk: [number, string, number][] = [];
  const withFindings: { id: number; at: number; failKeys: string[]; checklist: ChecklistItem[] }[] = [];
  for (const r of rounds) {
    const past = r.dueOn < today;
    const roll = rng.next();
    if (!past && roll > 0.55) continue; // still open in this cycle
    if (past && roll > 0.985) continue; // missed
    const late = past && roll > 0.97;
    const startN = Math.max(dayFromText(r.cycleStart), todayN - 200);
    const endN = late ? dayFromText(r.dueOn) + rng.int(1, 6) : Math.min(dayFromText(r.dueOn), todayN);
    const dayN = Math.min(rng.int(startN, Math.max(startN, endN)), todayN);
    const at = Math.min(dayN * DAY - 8 * HOUR + rng.int(9, 16) * HOUR + rng.int(0, 59) * 60_000, now - HOUR);
    if (rng.chance(r.type === 'fire_patrol' ? 0.09 : 0.05)) {
      const fails = [rng.pick(r.checklist).key];
      withFindings.push({ id: r.id, at, failKeys: fails, checklist: r.checklist });
    } else bulk.push([r.id, new Date(at).toISOString(), r.checklist.length]);
  }
  // every item passed: answers and completion written in bulk
  if (bulk.length) {
    const ids = bulk.map((b) => b[0]).join(',');
    const ats = bulk.map((b) => b[1]).join(',');
    await ctx.db.transaction(async (tx) => {
      const done = sql`(select * from unnest(string_to_array(${ids}, ',')::bigint[], string_to_array(${ats}, ',')::timestamptz[]) as v(id, at))`;
      await tx.execute(sql`
        insert into inspection_answer (round_id, street_id, item_key, result, answered_at, answered_by)
        select r.id, r.street_id, i->>'key', 'pass', v.at, ${inspector.displayName}
        from inspection_round r join ${done} v on v.id = r.id
        cross join lateral jsonb_array_elements(r.checklist) i`);
      await tx.execute(sql`
        update inspection_round r set status = 'done', started_at = v.at - interval '40 minutes', finished_at = v.at,
               finished_by_user_id = ${inspector.userId}, finished_by = ${inspector.displayName}, version = 1
        from ${done} v where v.id = r.id`);
      // what those rounds saw of fire facilities and of the assets inspected: intact
      await tx.execute(sql`
        update asset a set condition = 'intact', condition_checked_at = x.at
        from (select r.community_id, max(r.finished_at) as at from inspection_round r
              join inspection_plan p on p.id = r.plan_id
              where p.type = 'fire_patrol' and r.status = 'done' group by r.community_id) x
        where a.community_id = x.community_id and a.kind in ('fire_hydrant', 'fire_extinguisher', 'fire_alarm')`);
      await tx.execute(sql`
        update asset a set condition = 'intact', condition_checked_at = r.finished_at
        from inspection_round r where r.asset_id = a.id and r.status = 'done'`);
      await recordAudit(tx, SEED, {
        action: 'inspection_round.finished',
        entityType: 'inspection_round',
        entityId: 'demo',
        streetId: null,
        before: { status: 'pending', version: 0 },
        after: { rounds: bulk.length },
      });
    });
  }
  // rounds with a failed item go through the phone form's use case: hazards, cases, asset conditions
  const findingNotes: Record<string, string> = {
    structure: '山墙出现斜向裂缝，宽约2毫米',
    external_wall: '北立面三层窗下墙面空鼓约2平方米，有脱落风险',
    roof: '屋面落水管断裂，雨天外墙渗水',
    stairs: '晒台栏杆锈蚀松动',
    wiring: '楼道内电线私拉乱接，绝缘层老化',
    drainage: '化粪池满溢，需清掏',
    fire_lane: '私家车长期停放占用消防车通道',
    evacuation: '楼道堆放纸箱、旧家具，堵塞疏散通道',
    hydrant: '室外消火栓无水，水带缺失',
    extinguisher: '部分灭火器压力不足',
    alarm: '报警控制器故障，无法复位',
    charging: '一楼门厅有电动自行车充电',
    running: '运行中有异响，平层不准',
    certificate: '检验合格证已过期',
    maintenance_log: '维保记录缺失近一个月',
    emergency_phone: '轿厢应急通话无应答',
    gullies: '弄堂雨水口被垃圾堵塞',
    pumps: '排水泵无法启动',
    sandbags: '沙袋数量不足',
    roof_drain: '天沟积满落叶',
    trees: '香樟树枝干开裂，台风季有倒伏风险',
    lawn: '绿地被占用种菜',
  };
  const hazardIds: number[] = [];
  for (const r of withFindings) {
    const clock = { now: new Date(r.at) };
    const items = r.checklist.map((c) => {
      const fail = r.failKeys.includes(c.key);
      return {
        key: c.key,
        result: fail ? ('fail' as const) : ('pass' as const),
        note: fail ? findingNotes[c.key] : undefined,
        photos: [] as number[],
      };
    });
    for (const i of items) if (i.result === 'fail') i.photos = [await photo(inspector)];
    const detail = await answerRound(ctx, inspector, r.id, { version: 0, items, finish: true }, clock);
    hazardIds.push(...detail.hazards.map((h) => h.id));
  }
  counts.rounds = rounds.length;
  counts.roundsDone = bulk.length + withFindings.length;

  // hazards: older ones repaired by the on-duty team and verified; newer ones in every stage
  const hazardRows = (
    await pool.query(
      `select id, found_at, status, repair_team_id, version from hazard where id = any($1::bigint[]) order by found_at`,
      [hazardIds],
    )
  ).rows;
  for (const [i, h] of hazardRows.entries()) {
    const foundAt = +new Date(h.found_at);
    const age = now - foundAt;
    const stage =
      age > 20 * DAY
        ? i % 4 === 0
          ? 'repaired'
          : 'closed'
        : ['open', 'rectifying', 'repaired', 'closed'][i % 4]!;
    if (stage === 'open') continue;
    let version = Number(h.version);
    if (Number(h.repair_team_id) !== rep1.id) {
      const d = await assignHazard(
        ctx,
        admin,
        Number(h.id),
        { version, teamId: rep1.id },
        clockOf(foundAt + 2 * HOUR),
      );
      version = d.version;
    }
    if (stage === 'rectifying') continue;
    const repaired = await repairHazard(
      ctx,
      emergency,
      Number(h.id),
      { version, note: '已现场处置完毕，恢复原状', photos: [await photo(emergency)] },
      clockOf(foundAt + rng.int(1, 3) * DAY),
    );
    if (stage === 'repaired') continue;
    await verifyHazard(
      ctx,
      inspector,
      Number(h.id),
      { version: repaired.version, passed: true, note: '复查整改到位，同意销号', photos: [] },
      clockOf(foundAt + rng.int(4, 6) * DAY),
    );
  }
  // a hazard the repair team itself found on site (it may not repair it: 查抢分离)
  const oldPublic = communities.find((c) => c.housingType === 'old_public')!;
  await createHazard(
    ctx,
    emergency,
    {
      communityId: oldPublic.id,
      categoryCode: 'housing_safety.old_housing_danger',
      grade: 'significant',
      title: '抢修时发现相邻晒台挑梁锈断',
      description: '抢修外墙时发现相邻晒台挑梁钢筋锈断，需另行排险',
      photos: [await photo(emergency)],
      fileCase: false,
    },
    clockOf(now - 3 * HOUR),
  ).catch(() => undefined);
  counts.hazards = Number((await pool.query('select count(*) from hazard')).rows[0].count);

  // an emergency case from the 962121 hotline goes to the on-duty team
  const dispatcher = account('district_admin');
  const reported = await reportCase(
    ctx,
    dispatcher,
    {
      categoryCode: 'housing_safety.old_housing_danger',
      communityId: oldPublic.id,
      title: '老式公房晒台倒塌险情',
      description: '居民来电：二楼晒台部分坍塌，下方弄堂有行人通行',
      channel: 'hotline_962121',
      urgency: 'emergency',
      attachments: [],
    },
    undefined,
    clockOf(now - 2 * HOUR),
  );
  const caseId = (reported.body as { id: number }).id;
  const version = async () =>
    Number((await pool.query('select version from case_record where id = $1', [caseId])).rows[0].version);
  await actOnCase(
    ctx,
    dispatcher,
    caseId,
    'register',
    { version: await version() },
    clockOf(now - 2 * HOUR + 5 * 60_000),
  );
  await actOnCase(
    ctx,
    dispatcher,
    caseId,
    'dispatch',
    { version: await version() },
    clockOf(now - 2 * HOUR + 9 * 60_000),
  );
  await dispatchEmergencyCases(ctx, clockOf(now - 2 * HOUR + 10 * 60_000));
  const teamIds = await emergencyRepo.teamIdsOfUser(ctx.db, emergency.userId);
  const sent = await emergencyRepo.listDispatches(
    ctx.db,
    emergency,
    teamIds,
    { mine: true, open: true, limit: 10 },
    null,
  );
  const caseDispatch = sent.find((d) => d.d.caseId === caseId);
  if (caseDispatch)
    await stepDispatch(
      ctx,
      emergency,
      caseDispatch.d.id,
      'arrive',
      { version: caseDispatch.d.version, note: '已到场设置警戒' },
      clockOf(now - 2 * HOUR + 30 * 60_000),
    );

  // ---------------------------------------------------------------------------- warranties
  const newest = communities
    .filter((c) => c.developerOrgId && (c.housingType === 'commercial' || c.housingType === 'mixed'))
    .sort((a, b) => b.buildYear - a.buildYear || a.id - b.id)
    .slice(0, 4);
  let warrantyBuildings = 0;
  for (const c of newest) {
    for (const b of buildingsOf(c.id).slice(0, 4)) {
      await registerBuilding(ctx, admin, b.id, { completionAcceptedOn: b.completedOn, designLifeYears: 50 });
      warrantyBuildings++;
      const oneYear = addYears(b.completedOn, 1);
      if (oneYear <= today)
        await recordAssessment(ctx, admin, b.id, {
          milestone: 'one_year',
          assessedOn: oneYear,
          grade: rng.pick(['good', 'qualified', 'qualified'] as const),
          findings: '主体结构未见异常；个别户型卫生间渗漏已由建设单位维修',
          assessor: '黄浦区建设工程质量监督站',
        });
      const twoYears = addYears(b.completedOn, 2);
      if (twoYears <= today && rng.chance(0.6))
        await recordAssessment(ctx, admin, b.id, {
          milestone: 'two_years',
          assessedOn: twoYears,
          grade: 'qualified',
          findings: '外墙局部裂缝已修补，设备运行正常',
          assessor: '黄浦区建设工程质量监督站',
        });
    }
  }
  const firstWarranted = buildingsOf(newest[0]!.id)[0]!;
  await reportDefect(ctx, admin, {
    buildingId: firstWarranted.id,
    component: 'roofing_waterproofing',
    title: '顶层住户屋面渗漏',
    description: '连续降雨后顶层两户卧室顶棚渗水',
    attachments: [],
  });
  await reportDefect(ctx, admin, {
    buildingId: firstWarranted.id,
    component: 'decoration',
    title: '公共走道墙面涂料起皮',
    description: '三至五层公共走道墙面涂料大面积起皮',
    attachments: [],
  });
  counts.warrantyBuildings = warrantyBuildings;

  // ------------------------------------------------------------------------ legacy items
  const expoStreets = ['南京东路街道', '外滩街道', '豫园街道', '老西门街道', '小东门街道'];
  const legacySeeds: [
    string,
    string,
    'demolish' | 'buy_back' | 'repair',
    'pending' | 'in_progress' | 'done',
  ][] = [
    ['沿街违章搭建雨棚', '世博期间临时搭建的沿街雨棚，影响消防通道', 'demolish', 'done'],
    ['屋顶违章阁楼', '屋顶加层阁楼，存在结构安全隐患', 'demolish', 'in_progress'],
    ['沿街底层商铺外立面', '世博整治时加装的外立面装饰，现已老化松动', 'repair', 'in_progress'],
    ['公共晒衣架', '世博期间统一安装的晒衣架锈蚀', 'repair', 'done'],
    ['弄堂口围墙', '围墙倾斜开裂', 'repair', 'pending'],
    ['私房搭建的临街小屋', '产权人同意由街道赎买后拆除', 'buy_back', 'in_progress'],
    ['屋面平改坡遗留问题', '平改坡后天沟渗漏未彻底解决', 'repair', 'pending'],
    ['底层违法搭建厨房', '占用公共通道的搭建，经协商赎买', 'buy_back', 'pending'],
    ['沿街空调外机支架', '世博整治统一安装的支架锈蚀', 'repair', 'done'],
    ['弄堂公共厕所加建部分', '加建部分无审批，拟拆除', 'demolish', 'pending'],
  ];
  const expoCommunities = communities.filter((c) => expoStreets.includes(c.streetName));
  for (const [i, [title, description, disposition, status]] of legacySeeds.entries()) {
    const c = expoCommunities[(i * 7) % expoCommunities.length]!;
    const decidedOn = addDays(today, -rng.int(200, 900));
    const created = await createItem(ctx, admin, {
      communityId: c.id,
      title,
      description,
      disposition,
      status,
      decidedOn,
      doneOn: status === 'done' ? addDays(today, -rng.int(10, 150)) : undefined,
    });
    if (disposition === 'repair' && status !== 'pending')
      await recordRepair(ctx, admin, created.id, {
        doneOn: addDays(today, -rng.int(5, 180)),
        description: '更换锈蚀构件、重新做防水',
        contractor: '上海黄浦房屋修缮工程有限公司',
        costFen: rng.int(2, 30) * 10_000_00,
      });
  }
  counts.legacyItems = legacySeeds.length;

  // ----------------------------------------------------------------------- waterlogging points
  const causes = [
    'municipal_drainage',
    'community_pipes',
    'low_terrain',
    'blocked_gullies',
    'other',
  ] as const;
  const statuses = ['identified', 'planned', 'in_progress', 'done'] as const;
  const lowCommunities = communities.filter((c) => c.isOldHousing);
  for (let i = 0; i < 12; i++) {
    const c = lowCommunities[(i * 5) % lowCommunities.length]!;
    const status = statuses[i % statuses.length]!;
    await createPoint(ctx, admin, {
      communityId: c.id,
      name: `${c.name}${i % 2 ? '弄堂口' : '中心通道'}`,
      location: i % 2 ? '主弄与支弄交叉处' : '3号楼前',
      cause: causes[i % causes.length]!,
      maxDepthCm: rng.int(8, 45),
      lastFloodedOn: addDays(today, -rng.int(5, 300)),
      remediationStatus: status,
      measure: ['翻排雨污水管', '加装截水沟和排水泵', '抬高地坪', '疏通雨水口'][i % 4],
      plannedOn: status === 'identified' ? undefined : addDays(today, rng.int(-60, 90)),
      doneOn: status === 'done' ? addDays(today, -rng.int(1, 60)) : undefined,
    });
  }
  counts.waterloggingPoints = 12;

  // --------------------------------------------------------------- fire-facility consultations
  const committeeId = committee.assignments[0]!.committeeId;
  const consulted = communities.filter((c) => c.committeeId === committeeId);
  const target = consulted.find((c) => buildingsOf(c.id).length >= 2) ?? consulted[0]!;
  const open = await openConsultation(
    ctx,
    committee,
    {
      communityId: target.id,
      title: '更换老旧室内消火栓并增设独立式烟感',
      description:
        '拟使用专项维修资金更换1、2号楼室内消火栓箱及配件，每户增设独立式烟感报警器，征询业主意见。',
      buildingIds: buildingsOf(target.id)
        .slice(0, 2)
        .map((b) => b.id),
      closesOn: addDays(today, 14),
    },
    clockOf(now - 6 * DAY),
  );
  const answered = open.responses.filter(() => rng.chance(0.7));
  if (answered.length)
    await recordResponses(ctx, committee, open.id, {
      version: open.version,
      responses: answered.map((r) => ({
        unitId: r.unitId,
        answer: rng.chance(0.82) ? 'agree' : rng.chance(0.5) ? 'disagree' : 'abstain',
      })),
    });
  const other = consulted.find((c) => c.id !== target.id) ?? target;
  const closed = await openConsultation(
    ctx,
    committee,
    {
      communityId: other.id,
      title: '楼道消防应急照明改造',
      description: '楼道加装消防应急照明和疏散指示标志。',
      buildingIds: [buildingsOf(other.id)[0]!.id],
      closesOn: addDays(today, 1),
    },
    clockOf(now - 40 * DAY),
  );
  const closedAnswers = await recordResponses(ctx, committee, closed.id, {
    version: closed.version,
    responses: closed.responses.map((r) => ({
      unitId: r.unitId,
      answer: rng.chance(0.9) ? 'agree' : 'disagree',
    })),
  });
  await closeConsultation(ctx, committee, closed.id, closedAnswers.version);
  counts.consultations = 2;
  return counts;
}
