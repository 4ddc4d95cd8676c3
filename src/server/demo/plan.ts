import sharp from 'sharp';
import type { AppContext } from '../context';
import {
  finishFollowUp,
  getTask,
  planOverview,
  recordMeeting,
  reportProgress,
  reviewTask,
  seedPlan,
} from '../modules/plan/plan.usecases';
import { Actor, type RoleAssignment } from '../platform/access';
import { shanghaiDate } from '../platform/calendar/calendar';
import { addDays } from '../platform/dates';
import { checkUpload, storeFile } from '../platform/files/files';
import { Random } from './random';

/** The liaison task is left one street short of complete, so the acceptance can be shown (and tested). */
export const DEMO_OPEN_TASK = '2.3.5-liaison';

async function demoActor(ctx: AppContext, username: string): Promise<Actor> {
  const r = await ctx.database.pool.query(
    `select u.id, u.username, u.display_name,
            json_agg(json_build_object('role', r.role, 'districtId', r.district_id, 'streetId', r.street_id,
              'committeeId', r.committee_id, 'communityId', r.community_id, 'departmentId', r.department_id,
              'organizationId', r.organization_id, 'unitId', r.unit_id) order by r.id) as roles
     from user_account u join role_assignment r on r.user_id = u.id where u.username = $1 group by u.id`,
    [username],
  );
  const u = r.rows[0];
  if (!u) throw new Error(`demo plan: no demo account ${username}`);
  return new Actor(Number(u.id), u.username, u.display_name, u.roles as RoleAssignment[]);
}

/**
 * The district plan with a history: the launch tasks reported and accepted in 2015, the
 * implementation tasks at various stages, and the working group's quarterly meetings.
 */
export async function seedDemoPlan(ctx: AppContext, districtId: number, seed: number) {
  const rng = new Random(seed);
  const counts = await seedPlan(ctx, districtId);
  const admin = await demoActor(ctx, 'district_admin');
  const leader = await demoActor(ctx, 'district_leader');
  const wuliqiao = await demoActor(ctx, 'street');
  const checked = await checkUpload(
    '工作台账.png',
    await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 36, g: 112, b: 160 } } })
      .png()
      .toBuffer(),
  );
  const evidence = await storeFile(ctx.db, checked, admin.userId, null);
  const today = shanghaiDate(new Date());
  const overview = await planOverview(ctx, admin, {});
  let reports = 0;
  for (const t of overview.tasks) {
    const task = await getTask(ctx, admin, t.id);
    const launch = t.phase === 'launch';
    const evaluation = t.phase === 'evaluation';
    const at = launch ? '2015-06-20' : evaluation ? '2017-12-15' : '2017-05-31';
    const clock = { now: new Date(`${at}T10:00:00+08:00`) };
    for (const u of task.units) {
      const open =
        t.code === DEMO_OPEN_TASK && u.kind === 'street' && u.refId === wuliqiao.assignments[0]?.streetId;
      const percent = open
        ? 60
        : launch || t.code === DEMO_OPEN_TASK
          ? 100
          : evaluation
            ? rng.pick([0, 40])
            : rng.pick([100, 100, 100, 90, 80, 60, 30]);
      if (percent === 0) continue;
      if (percent < 100 && percent > 40) {
        await reportProgress(
          ctx,
          admin,
          t.id,
          {
            unitId: u.id,
            percent: 40,
            note: '已制定工作方案并落实专人负责。',
            reportedOn: '2016-03-31',
            fileIds: [],
          },
          { now: new Date('2016-04-01T10:00:00+08:00') },
        );
        reports++;
      }
      await reportProgress(
        ctx,
        admin,
        t.id,
        {
          unitId: u.id,
          percent,
          note: percent === 100 ? '任务已按方案完成，台账资料齐全。' : '按计划推进中，阶段目标已完成。',
          reportedOn: at,
          fileIds: percent === 100 ? [evidence] : [],
        },
        clock,
      );
      reports++;
    }
    const after = await getTask(ctx, admin, t.id);
    if (after.state === 'completed' && t.code !== DEMO_OPEN_TASK && (launch || rng.chance(0.6)))
      await reviewTask(
        ctx,
        leader,
        t.id,
        { version: after.version, decision: 'accept', note: '经区工作推进小组验收，任务完成。' },
        { now: new Date(`${launch ? '2015-06-28' : '2017-06-28'}T15:00:00+08:00`) },
      );
  }

  // the working group's quarterly meetings (seed 三(一)): two historical ones and one of this quarter
  const taskId = (code: string) => overview.tasks.find((x) => x.code === code)?.id;
  const unit = (code: string) => overview.byUnit.find((u) => u.kind === 'department' && u.name === code)!;
  const hb = unit('区住房保障房屋管理局');
  const jjw = unit('区建设交通委');
  const cz = unit('区财政局');
  const attendees = [
    '区分管副区长（召集人）',
    '区住房保障房屋管理局',
    '区建设交通委',
    '区综治办',
    '区公安分局',
    '区消防救援支队',
    '区司法局',
    '区城管执法局',
    '区财政局',
    '各街道办事处',
    '永业集团',
    '南房集团',
    '黄浦置地',
  ];
  const first = await recordMeeting(
    ctx,
    admin,
    {
      heldOn: '2015-06-25',
      title: '区住宅小区综合治理工作推进小组2015年第二季度工作例会',
      location: '区政府第三会议室',
      chair: '区分管副区长',
      attendees,
      decisions: [
        '审议通过《实施意见》及住宅小区综合管理责任清单。',
        '各街道于三季度完成街道层面工作机制搭建。',
      ],
      followUps: [
        {
          description: '印发责任清单并组织各街道房管办培训',
          owner: { kind: 'department', refId: hb.refId },
          dueOn: '2015-08-31',
          taskId: taskId('3.2-duty-list'),
        },
        {
          description: '拟定区应急中心物资和人员配置方案',
          owner: { kind: 'department', refId: hb.refId },
          dueOn: '2015-09-30',
          taskId: taskId('2.1.1-emergency-centre'),
        },
      ],
    },
    { now: new Date('2015-06-26T10:00:00+08:00') },
  );
  const [f1, f2] = first.followUps;
  await finishFollowUp(
    ctx,
    admin,
    first.id,
    f1!.id,
    { doneOn: '2015-08-20', note: '责任清单已印发，培训10个街道房管办。' },
    { now: new Date('2015-08-21T10:00:00+08:00') },
  );
  await finishFollowUp(
    ctx,
    admin,
    first.id,
    f2!.id,
    { doneOn: '2015-09-25', note: '配置方案经区政府常务会议通过。' },
    { now: new Date('2015-09-26T10:00:00+08:00') },
  );
  await recordMeeting(
    ctx,
    admin,
    {
      heldOn: '2017-06-28',
      title: '区住宅小区综合治理工作推进小组2017年第二季度工作例会',
      location: '区政府第三会议室',
      chair: '区分管副区长',
      attendees,
      decisions: [
        '全面实施阶段工作基本完成，三季度启动总结评估。',
        '二次供水和电梯更新改造未完成部分列入下一轮计划。',
      ],
      followUps: [
        {
          description: '形成三年行动计划实施情况总结报告',
          owner: { kind: 'department', refId: hb.refId },
          dueOn: '2017-12-15',
          taskId: taskId('4.3-evaluation'),
        },
        {
          description: '梳理二次供水改造遗留项目清单',
          owner: { kind: 'department', refId: jjw.refId },
          dueOn: '2017-09-30',
          taskId: taskId('2.4.1-water'),
        },
      ],
    },
    { now: new Date('2017-06-29T10:00:00+08:00') },
  );
  await recordMeeting(ctx, admin, {
    heldOn: addDays(today, -20),
    title: '区住宅小区综合治理工作推进小组本季度工作例会',
    location: '区住房保障房屋管理局会议室',
    chair: '区住房保障房屋管理局局长',
    attendees: attendees.slice(1, 10),
    decisions: ['通报本季度各街道案件处置和考核情况。', '电梯更新改造专项资金按季度拨付。'],
    followUps: [
      {
        description: '报送电梯更新改造专项资金使用情况',
        owner: { kind: 'department', refId: cz.refId },
        dueOn: addDays(today, -5),
        taskId: taskId('2.4.4-elevators'),
      },
      {
        description: '完成老旧小区综合管理季度考核',
        owner: { kind: 'department', refId: hb.refId },
        dueOn: addDays(today, 30),
        taskId: taskId('2.2.1-old-communities'),
      },
    ],
  });
  return { planTasks: counts.tasks, planUnits: counts.units, planReports: reports, planMeetings: 3 };
}
