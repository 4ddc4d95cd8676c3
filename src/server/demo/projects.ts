import type { EligibilityRules, MenuItemInput } from '../../contracts/projects';
import type { AppContext } from '../context';
import {
  addBudget,
  closeSelection,
  createFund,
  createMenuItem,
  enterPaperChoice,
  getSelection,
  openSelection,
} from '../modules/projects/projects.usecases';
import { Actor, type RoleAssignment } from '../platform/access';
import { addDays, shanghaiDate } from '../platform/dates';

const wan = (n: number) => n * 10_000 * 100; // 万元 in fen
const anyRules: EligibilityRules = {
  housingTypes: [],
  managementModes: [],
  builtFrom: null,
  builtTo: null,
  mixedUse: 'any',
  assetsPresent: [],
};

const funds = [
  ['practical', '实事项目专项资金', 'practical', 5000],
  ['elevator', '电梯更新与改造专项资金', 'elevator', 8000],
  ['fire', '消防设施专项资金', 'fire', 2000],
  ['secondary_water', '二次供水改造专项资金', 'secondary_water', 3000],
  ['power', '光明工程专项资金', 'power', 1000],
  ['fund_topup', '维修资金补建专项资金', 'fund_topup', 1500],
  ['old_community', '老旧小区综合管理专项资金', 'old_community', 2500],
  ['training', '物业管理人员培训专项资金', 'training', 200],
] as const;

type Item = Omit<MenuItemInput, 'year' | 'fundId'> & { fund: string };
const menu: Item[] = [
  {
    code: 'roof_waterproofing',
    name: '屋面防水翻修',
    description: '拆除老化防水层，重做卷材防水和保温层，质保五年。',
    costUnit: 'roof_m2',
    unitCostFen: 18_000,
    programme: 'practical_projects',
    fund: 'practical',
    durationDays: 90,
    rules: { ...anyRules, builtTo: 2005 },
  },
  {
    code: 'secondary_water',
    name: '二次供水设施改造',
    description: '水箱、水泵和立管更新，改造后由供水企业管水到表。',
    costUnit: 'household',
    unitCostFen: 350_000,
    programme: 'secondary_water',
    fund: 'secondary_water',
    durationDays: 120,
    rules: { ...anyRules, builtTo: 2000, assetsPresent: ['water_pump'] },
  },
  {
    code: 'elevator_addition',
    name: '既有多层住宅加装电梯',
    description: '四层及以上无电梯住宅加装电梯，按幢实施。',
    costUnit: 'building_without_elevator',
    unitCostFen: 80_000_000,
    programme: 'elevator',
    fund: 'elevator',
    durationDays: 240,
    rules: { ...anyRules, housingTypes: ['sold_public_estate', 'old_public', 'mixed'], builtTo: 2000 },
  },
  {
    code: 'fire_renewal',
    name: '消防设施更新',
    description: '消火栓、报警和应急照明更新，疏散通道标识。',
    costUnit: 'building',
    unitCostFen: 6_000_000,
    programme: 'fire_renewal',
    fund: 'fire',
    durationDays: 60,
    rules: { ...anyRules, assetsPresent: ['fire_hydrant'] },
  },
  {
    code: 'rain_pipes',
    name: '雨污水管道改造',
    description: '雨落管和小区雨水管网疏通、翻排，消除积水点。',
    costUnit: 'building',
    unitCostFen: 2_500_000,
    programme: 'waterlogging',
    fund: 'practical',
    durationDays: 45,
    rules: { ...anyRules, builtTo: 2010 },
  },
  {
    code: 'corridor_lighting',
    name: '楼道照明改造',
    description: '楼道灯更换为声光控节能灯（光明工程）。',
    costUnit: 'household',
    unitCostFen: 30_000,
    programme: 'power',
    fund: 'power',
    durationDays: 30,
    rules: anyRules,
  },
  {
    code: 'vertical_greening',
    name: '立体绿化试点',
    description: '围墙、车棚和屋顶的垂直绿化试点。',
    costUnit: 'community',
    unitCostFen: 15_000_000,
    programme: 'greening',
    fund: 'practical',
    durationDays: 60,
    rules: { ...anyRules, managementModes: ['closed', 'semi_closed'], mixedUse: 'excluded' },
  },
  {
    code: 'ebike_charging_shed',
    name: '非机动车充电棚',
    description: '集中充电棚，带计量和烟感，消除飞线充电。',
    costUnit: 'community',
    unitCostFen: 8_000_000,
    programme: 'practical_projects',
    fund: 'practical',
    durationDays: 30,
    rules: { ...anyRules, managementModes: ['closed', 'semi_closed', 'combined'] },
  },
];

async function demoActor(ctx: AppContext, username: string) {
  const r = await ctx.database.pool.query(
    `select u.id, u.username, u.display_name,
            json_agg(json_build_object('role', r.role, 'districtId', r.district_id, 'streetId', r.street_id,
              'committeeId', r.committee_id, 'communityId', r.community_id, 'departmentId', r.department_id,
              'organizationId', r.organization_id, 'unitId', r.unit_id) order by r.id) as roles
       from user_account u join role_assignment r on r.user_id = u.id where u.username = $1 group by u.id`,
    [username],
  );
  const u = r.rows[0];
  if (!u) throw new Error(`demo projects: no demo account ${username}`);
  return new Actor(Number(u.id), u.username, u.display_name, u.roles as RoleAssignment[]);
}

/**
 * The year's special funds with their budgets, the project menu of this year and last (prices
 * change), and one community of the demo street whose residents have chosen: a closed selection
 * with paper choices and the projects it approved.
 */
export async function seedDemoProjects(ctx: AppContext) {
  const admin = await demoActor(ctx, 'district_admin');
  const street = await demoActor(ctx, 'street');
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  const fundIds = new Map<string, number>();
  for (const y of [year - 1, year])
    for (const [code, name, kind, budget] of funds) {
      const f = await createFund(ctx, admin, { year: y, code, name: `${y}年${name}`, kind });
      await addBudget(ctx, admin, f.id, { amountFen: wan(budget), memo: `${y}年度预算下达` });
      if (y === year) fundIds.set(code, f.id);
    }
  for (const y of [year - 1, year])
    for (const { fund, ...item } of menu)
      await createMenuItem(ctx, admin, {
        ...item,
        year: y,
        // last year's prices were about 5% lower
        unitCostFen: y === year ? item.unitCostFen : Math.round(item.unitCostFen * 0.95),
        fundId: y === year ? fundIds.get(fund)! : null,
      });

  // a community of the demo street other than the demo resident's, old enough for most items
  const resident = await demoActor(ctx, 'resident');
  const residentCommunity = resident.assignments[0]?.communityId ?? 0;
  const c = await ctx.database.pool.query<{ id: number }>(
    `select c.id from community c where c.street_id = $1 and c.id <> $2 and c.build_year <= 2000
        and exists (select 1 from building b where b.community_id = c.id) order by c.id limit 1`,
    [street.assignments[0]?.streetId ?? 0, residentCommunity],
  );
  let projects = 0;
  if (c.rows[0]) {
    const communityId = Number(c.rows[0].id);
    const opened = await openSelection(ctx, street, {
      communityId,
      year,
      budgetCapFen: wan(120),
      closesOn: addDays(today, 14),
      minParticipationPct: 5,
      thresholdPct: 10,
    });
    const units = await ctx.database.pool.query<{ id: number }>(
      'select id from unit where community_id = $1 order by id',
      [communityId],
    );
    const options = opened.options;
    const need = Math.ceil((opened.households * 6) / 100);
    for (const [i, u] of units.rows.slice(0, need).entries()) {
      // households pick a few cheap items within the cap, varied by position
      const picks: number[] = [];
      let sum = 0;
      for (const [j, o] of options.entries())
        if ((i + j) % 3 !== 0 && sum + o.costFen <= opened.budgetCapFen) {
          picks.push(o.itemId);
          sum += o.costFen;
        }
      await enterPaperChoice(ctx, street, opened.id, {
        unitId: Number(u.id),
        itemIds: picks,
        signedBy: `业主${i + 1}`,
      });
    }
    const current = await getSelection(ctx, street, opened.id);
    const closed = await closeSelection(ctx, street, opened.id, { version: current.version });
    projects = closed.projects.length;
  }
  return { specialFunds: funds.length * 2, menuItems: menu.length * 2, projects };
}
