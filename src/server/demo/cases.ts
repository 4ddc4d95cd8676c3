import sharp from 'sharp';
import type { CaseAction, CaseActionBody, CaseState } from '../../contracts/cases';
import type { Role } from '../../contracts/roles';
import type { AppContext } from '../context';
import { currentRound } from '../modules/cases/cases.policy';
import type { TaskRow } from '../modules/cases/cases.repository';
import * as caseRepo from '../modules/cases/cases.repository';
import {
  actOnCase,
  recordGroupRentingInspection,
  recordPenalty,
  reportCase,
  superviseOverdueCases,
} from '../modules/cases/cases.usecases';
import { Actor, type RoleAssignment } from '../platform/access';
import { checkUpload, storeFile } from '../platform/files/files';
import { Random } from './random';

/**
 * Deterministic demo cases for the console: every state of the lifecycle spread over the demo
 * communities, some overdue (escalated by one run of the SLA sweep), a supervision order issued by
 * a leader, enforcement cases with penalties, a group-renting inspection, a relapse that reopened
 * a case, a merged duplicate, ratings and call-backs. Everything goes through the use cases with a
 * simulated clock, so the data keeps the same invariants as real data (events, tasks, audit).
 */
interface CommunityRow {
  id: number;
  streetId: number;
  streetName: string;
  name: string;
  committeeId: number | null;
  propertyOrgId: number | null;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Scenario {
  target: CaseState | 'rework' | 'wrong_dispatch';
  category: string;
  title: string;
  overdue?: boolean;
}

const ordinary: Scenario[] = [
  { target: 'closed', category: 'property_service.repair', title: '楼道灯不亮' },
  { target: 'reported', category: 'fire_safety.blocked_evacuation', title: '楼道堆放杂物堵塞疏散通道' },
  { target: 'dispatched', category: 'environment.waste_sorting', title: '垃圾箱房混装混运' },
  { target: 'in_progress', category: 'equipment.elevator_fault', title: '电梯异响，运行不稳' },
  { target: 'handled', category: 'environment.greening_trees', title: '树枝遮挡窗户需修剪' },
  { target: 'registered', category: 'property_service.service_quality', title: '保洁不及时' },
  { target: 'closed', category: 'fire_safety.blocked_fire_lane', title: '私家车占用消防车通道' },
  { target: 'rejected', category: 'property_service.fees', title: '咨询物业费标准' },
  { target: 'suspended', category: 'equipment.secondary_water_supply', title: '水箱老化需改造' },
  { target: 'rework', category: 'housing_safety.external_wall', title: '外墙瓷砖空鼓' },
  { target: 'closed', category: 'environment.construction_waste', title: '装修垃圾长期未清运' },
  { target: 'wrong_dispatch', category: 'equipment.power', title: '单元配电箱跳闸' },
  { target: 'in_progress', category: 'equipment.water_pump', title: '水泵故障高层停水', overdue: true },
  { target: 'reported', category: 'environment.waterlogging', title: '雨后弄堂积水', overdue: true },
  { target: 'registered', category: 'owners_committee.operation', title: '业委会长期未开会', overdue: true },
  { target: 'closed', category: 'fire_safety.facility_failure', title: '消火栓无水' },
  {
    target: 'dispatched',
    category: 'housing_safety.structural_hazard',
    title: '阳台底板开裂',
    overdue: true,
  },
  { target: 'handled', category: 'owners_committee.funds', title: '公共收益未公示' },
];

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

export async function seedDemoCases(ctx: AppContext, seed: number) {
  const rng = new Random(seed);
  const pool = ctx.database.pool;
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
    if (!a) throw new Error(`demo cases: no demo account ${name}`);
    return a;
  };
  const districtId = account('district_admin').assignments[0]!.districtId;
  const unitActor = (role: Role, name: string, place: Partial<RoleAssignment>) =>
    new Actor(0, `demo-unit`, name, [
      {
        role,
        districtId,
        streetId: null,
        committeeId: null,
        communityId: null,
        departmentId: null,
        organizationId: null,
        unitId: null,
        ...place,
      },
    ]);

  const communities: CommunityRow[] = (
    await pool.query(`select c.id, c.street_id as "streetId", s.name as "streetName", c.name, c.committee_id as "committeeId",
                             c.property_org_id as "propertyOrgId"
                      from community c join street s on s.id = c.street_id order by c.id`)
  ).rows;
  const residentCommunity = account('resident').assignments[0]!.communityId!;
  const dispatcherOf = (streetId: number) =>
    [account('street'), account('street2')].find((a) => a.assignments[0]!.streetId === streetId) ??
    account('district_admin');

  const departmentStreet = new Map<number, number | null>(
    (await pool.query('select id, street_id from department')).rows.map((r) => [Number(r.id), r.street_id]),
  );
  /** who acts for a task's unit: a demo account where there is one, otherwise a stand-in of that unit */
  const handlerOf = (t: TaskRow): Actor => {
    for (const a of accounts.values()) {
      const r = a.assignments[0]!;
      if (t.unitKind === 'organization' && r.role === 'property' && r.organizationId === t.unitId) return a;
      if (t.unitKind === 'department' && r.role === 'department' && r.departmentId === t.unitId) return a;
      if (
        t.unitKind === 'department' &&
        r.role === 'street' &&
        t.unitStreetId !== null &&
        r.streetId === t.unitStreetId
      )
        return a;
      if (t.unitKind === 'committee' && r.role === 'committee' && r.committeeId === t.unitId) return a;
      if (t.unitKind === 'emergency_team' && r.role === 'emergency') return a;
    }
    switch (t.unitKind) {
      case 'organization':
        return unitActor('property', t.unitName, { organizationId: t.unitId });
      case 'department': {
        const streetId = departmentStreet.get(t.unitId ?? 0) ?? null;
        return streetId
          ? unitActor('street', t.unitName, { streetId })
          : unitActor('department', t.unitName, { departmentId: t.unitId });
      }
      case 'committee':
        return unitActor('committee', t.unitName, { committeeId: t.unitId });
      case 'owners_committee':
        return unitActor('owners_committee', t.unitName, { communityId: t.communityId });
      default:
        return account('emergency');
    }
  };

  let clock = 0;
  let pace = 2 * HOUR;
  const at = () => new Date(clock);
  /** moves the simulated clock on, never past the present */
  const step = (ms = pace) => {
    clock = Math.min(clock + ms + rng.int(0, Math.round(ms / 240_000)) * 60_000, Date.now() - 60_000);
  };
  const version = async (id: number) => (await caseRepo.caseById(ctx.db, id))!.version;
  const act = async (
    actor: Actor,
    id: number,
    action: CaseAction,
    body: Omit<CaseActionBody, 'version'> = {},
  ) => {
    await actOnCase(ctx, actor, id, action, { version: await version(id), ...body }, { now: at() });
  };
  const evidence = async (actor: Actor, kind: 'before' | 'after') => {
    const checked = await checkUpload(`${kind}.png`, await png(rng));
    return { fileId: await storeFile(ctx.db, checked, actor.userId, null), kind };
  };
  const openTasks = async (id: number) => {
    const tasks = await caseRepo.tasksOf(ctx.db, id);
    const round = currentRound(tasks);
    return tasks.filter((t) => t.round === round && (t.status === 'pending' || t.status === 'accepted'));
  };
  const acceptLead = async (id: number) => {
    const lead = (await openTasks(id)).find((t) => t.role === 'lead')!;
    step();
    await act(handlerOf(lead), id, 'accept');
  };
  const handleAll = async (id: number) => {
    for (const t of await openTasks(id)) {
      const h = handlerOf(t);
      step();
      await act(h, id, 'handle', { note: '已现场处置完毕', attachments: [await evidence(h, 'after')] });
    }
  };

  const report = async (c: CommunityRow, category: string, title: string, reporter?: Actor) => {
    const who =
      reporter ??
      (c.id === residentCommunity
        ? account('resident')
        : rng.chance(0.5)
          ? account('district_admin')
          : account('inspector'));
    const out = await reportCase(
      ctx,
      who,
      {
        categoryCode: category,
        communityId: c.id,
        title,
        description: `${c.name}：${title}，请尽快处理。`,
        address: `${c.name}${rng.int(1, 20)}号`,
        attachments: [],
        ...(who.hasRole('resident')
          ? { reporterPhone: `139${String(rng.int(0, 99999999)).padStart(8, '0')}` }
          : {}),
      },
      undefined,
      { now: at() },
    );
    return { id: (out.body as { id: number }).id, reporter: who };
  };

  /** Runs a case from report to `target`; returns its id. */
  const drive = async (c: CommunityRow, s: Scenario, ageMs: number) => {
    clock = Date.now() - ageMs;
    const dispatcher = dispatcherOf(c.streetId);
    const { id, reporter } = await report(c, s.category, s.title);
    if (s.target === 'reported') return id;
    step();
    if (s.target === 'rejected') {
      await act(dispatcher, id, 'reject', { reason: '属咨询类诉求，已电话答复，不予立案' });
      return id;
    }
    await act(dispatcher, id, 'register');
    if (s.target === 'registered') return id;
    step();
    await act(dispatcher, id, 'dispatch');
    if (s.target === 'wrong_dispatch') {
      const lead = (await openTasks(id)).find((t) => t.role === 'lead')!;
      step();
      await act(handlerOf(lead), id, 'return', { reason: '不属本单位职责，请改派' });
      step();
      await act(dispatcher, id, 'dispatch');
      return id;
    }
    if (s.target === 'dispatched') return id;
    if (s.target === 'suspended') {
      step();
      const review = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
      await act(dispatcher, id, 'suspend', { reason: '需纳入年度改造计划统筹解决', reviewDate: review });
      return id;
    }
    await acceptLead(id);
    if (s.target === 'in_progress') return id;
    await handleAll(id);
    if (s.target === 'rework') {
      step();
      await act(dispatcher, id, 'rework', { reason: '核查发现整改不到位' });
      return id;
    }
    if (s.target === 'handled') return id;
    step();
    await act(dispatcher, id, 'close', { note: '现场核查，问题已解决' });
    if (reporter.hasRole('resident')) {
      step(HOUR);
      await act(reporter, id, 'rate', { score: rng.int(4, 5), note: '处理及时，满意' });
    } else if (dispatcher.hasRole('street')) {
      step(HOUR);
      await act(dispatcher, id, 'callback', { outcome: 'satisfied', note: '电话回访，居民满意' });
    }
    return id;
  };

  // ordinary cases: a few per community, states from the cycle
  const ids: number[] = [];
  let n = 0;
  for (const c of communities) {
    const count = c.id === residentCommunity ? 4 : rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const s = ordinary[n++ % ordinary.length]!;
      const open = !['closed', 'rejected'].includes(s.target);
      const age = s.overdue ? rng.int(12, 20) * DAY : open ? rng.int(4, 8) * HOUR : rng.int(8, 60) * DAY;
      pace = open && !s.overdue ? 15 * 60_000 : 2 * HOUR;
      ids.push(await drive(c, s, age));
    }
  }

  pace = 2 * HOUR;
  // a duplicate merged into an earlier case of the resident's community
  const home = communities.find((c) => c.id === residentCommunity)!;
  clock = Date.now() - 3 * HOUR;
  const first = await report(home, 'environment.greening_trees', '小区中心绿地树木倒伏', account('resident'));
  step(HOUR);
  const twin = await report(home, 'environment.greening_trees', '绿地里有棵树倒了', account('inspector'));
  step(HOUR);
  await act(dispatcherOf(home.streetId), twin.id, 'merge', {
    intoCaseId: first.id,
    note: '同一问题重复上报',
  });

  // enforcement: an illegal building handled by 城管执法 with a penalty, its follow-up now due
  const wuliqiao = communities.filter((c) => c.streetId === account('street').assignments[0]!.streetId);
  const street = account('street');
  const department = account('department');
  clock = Date.now() - 40 * DAY;
  const illegal = await report(
    wuliqiao[1]!,
    'chronic_violation.illegal_building',
    '屋顶违法搭建阳光房',
    account('inspector'),
  );
  step();
  await act(street, illegal.id, 'register');
  step();
  await act(street, illegal.id, 'dispatch');
  step();
  await act(department, illegal.id, 'accept');
  step();
  await act(department, illegal.id, 'advance_enforcement', {
    stage: 'dissuade',
    note: '上门劝阻，责令自行拆除',
  });
  step(DAY);
  await recordPenalty(ctx, department, illegal.id, {
    partyType: 'landlord',
    partyName: '王某',
    decisionNumber: `黄城管罚字〔${new Date(clock).getUTCFullYear()}〕第0${rng.int(100, 999)}号`,
    amountFen: 5_000_000,
    decidedOn: new Date(clock + 8 * HOUR).toISOString().slice(0, 10),
  });
  await handleAll(illegal.id);
  step();
  await act(street, illegal.id, 'close', { note: '违法建筑已拆除' });

  // group renting: an inspection that finds partitions and overcrowding, still being handled
  clock = Date.now() - 6 * HOUR;
  const group = await report(
    wuliqiao[2]!,
    'chronic_violation.group_renting',
    '疑似群租，进出人员多',
    account('resident').assignments[0]!.streetId === wuliqiao[2]!.streetId
      ? account('inspector')
      : account('inspector'),
  );
  step(HOUR);
  await act(street, group.id, 'register');
  step(HOUR);
  await act(street, group.id, 'dispatch');
  await acceptLead(group.id);
  await recordGroupRentingInspection(ctx, street, group.id, {
    inspectedOn: new Date(clock + 8 * HOUR).toISOString().slice(0, 10),
    address: `${wuliqiao[2]!.name}5号302室`,
    rooms: [
      { name: '主卧', kind: 'bedroom', area: '14.50', occupants: 2, familyOnly: true, letByBed: false },
      {
        name: '客厅隔断A',
        kind: 'partitioned_space',
        area: '6.20',
        occupants: 2,
        familyOnly: false,
        letByBed: false,
      },
      { name: '次卧', kind: 'bedroom', area: '9.80', occupants: 4, familyOnly: false, letByBed: true },
      { name: '阳台', kind: 'balcony', area: '4.00', occupants: 1, familyOnly: false, letByBed: false },
    ],
    note: '入户检查',
  });

  // a change of use closed a month ago whose follow-up inspection found a relapse: reopened
  const waitan = communities.filter((c) => c.streetId === account('street2').assignments[0]!.streetId);
  clock = Date.now() - 36 * DAY;
  const changed = await report(
    waitan[0]!,
    'chronic_violation.change_of_use',
    '住宅改作棋牌室经营',
    account('inspector'),
  );
  step();
  await act(account('street2'), changed.id, 'register');
  step();
  await act(account('street2'), changed.id, 'dispatch');
  await acceptLead(changed.id);
  await handleAll(changed.id);
  step();
  await act(account('street2'), changed.id, 'close');
  clock = Date.now() - 2 * DAY;
  await act(department, changed.id, 'follow_up', { relapse: true, note: '复查发现恢复经营' });

  // the sweep escalates the overdue cases; a leader supervises one more by hand
  await superviseOverdueCases(ctx);
  clock = Date.now() - HOUR;
  const open = ids[3]!;
  await act(account('district_leader'), open, 'supervise', {
    reason: '群众反映强烈，请加快处置',
    dueWorkingDays: 3,
  });
  return { cases: ids.length + 5 };
}
