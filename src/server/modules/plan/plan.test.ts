import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoStreets, one, uploadPhoto } from '../../../../test/safety';
import { DEMO_OPEN_TASK } from '../../demo/plan';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../../platform/dates';
import { phaseSeeds, taskSeeds } from './plan.seed';
import { quarterOf, stateOf } from './plan.usecases';

const t = setupTestApp();
const today = shanghaiDate(new Date());

type Unit = { id: number; kind: string; refId: number; role: string; percent: number };
type Task = { id: number; code: string; units: Unit[]; state: string; version: number; percent: number };

async function planCounts() {
  return one<Record<string, number>>(
    t,
    `select (select count(*)::int from plan_progress) as progress, (select count(*)::int from plan_review) as reviews,
            (select count(*)::int from plan_meeting) as meetings, (select count(*)::int from plan_follow_up) as follow_ups,
            (select coalesce(sum(percent), 0)::int from plan_task_unit) as percents,
            (select count(*)::int from audit_log) as audit`,
  );
}

/** A task of the seed where the 五里桥 street is a responsible unit, with no report by it yet. */
async function streetTask(code = '2.3.1-committees'): Promise<Task> {
  const admin = await t.login('district_admin');
  const all = (await admin.get('/api/v1/plan/tasks')).json().tasks as Task[];
  return all.find((x) => x.code === code)!;
}

describe('plan tracker', () => {
  it('holds the seed phases and every task with its units; the task state is derived', async () => {
    const admin = await t.login('district_admin');
    const res = await admin.get('/api/v1/plan/tasks');
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.phases).toEqual(phaseSeeds.map((p) => expect.objectContaining(p)));
    expect(plan.tasks.map((x: Task) => x.code)).toEqual(taskSeeds.map((s) => s.code));
    const mechanism = plan.tasks.find((x: Task) => x.code === '3.1-mechanism');
    // 三(一): the housing bureau and the construction commission lead, every street co-operates
    expect(
      mechanism.units.filter((u: Unit) => u.role === 'lead').map((u: { name: string }) => u.name),
    ).toEqual(['区住房保障房屋管理局', '区建设交通委']);
    expect(mechanism.units.filter((u: Unit) => u.kind === 'street')).toHaveLength(10);
    expect(plan.byPhase.map((p: { phase: string }) => p.phase)).toEqual([
      'launch',
      'implementation',
      'evaluation',
    ]);
    expect(stateOf('open', [])).toBe('not_started');
    expect(stateOf('open', [0, 30])).toBe('in_progress');
    expect(stateOf('open', [100, 100])).toBe('completed');
    expect(stateOf('returned', [100])).toBe('returned');
    expect(quarterOf('2015-06-25')).toBe('2015-Q2');
    expect(quarterOf('2017-10-01')).toBe('2017-Q4');
  });

  it('a street sees only its tasks and reports on its own unit; refusals name the field and change nothing', async () => {
    const street = await t.login('street');
    const { wuliqiao, waitan } = await demoStreets(t);
    const mine = (await street.get('/api/v1/plan/tasks')).json();
    expect(mine.tasks.length).toBeGreaterThan(0);
    expect(mine.tasks.length).toBeLessThan(taskSeeds.length);
    for (const task of mine.tasks as Task[])
      expect(task.units.some((u) => u.kind === 'street' && u.refId === wuliqiao)).toBe(true);
    // a launch task the streets have no part in is not found
    const opinion = (await (await t.login('district_admin')).get('/api/v1/plan/tasks'))
      .json()
      .tasks.find((x: Task) => x.code === '4.1-opinion');
    expect((await street.get(`/api/v1/plan/tasks/${opinion.id}`)).statusCode).toBe(404);
    expect(
      (await street.post(`/api/v1/plan/tasks/${opinion.id}/progress`, { percent: 10, note: '进展' }))
        .statusCode,
    ).toBe(404);

    const task = await streetTask(DEMO_OPEN_TASK);
    const own = task.units.find((u) => u.kind === 'street' && u.refId === wuliqiao)!;
    const other = task.units.find((u) => u.kind === 'street' && u.refId === waitan)!;
    const before = await planCounts();
    const url = `/api/v1/plan/tasks/${task.id}/progress`;
    const refusals: [unknown, string, string][] = [
      [{ percent: 101, note: '超过' }, 'body.percent', 'too_big'],
      [{ percent: 50, note: '' }, 'body.note', 'too_small'],
      [{ percent: 100, note: '完成了' }, 'body.fileIds', 'evidence_required'],
      [{ percent: 50, note: '进展情况', unitId: other.id }, 'body.unitId', 'not_your_unit'],
      [{ percent: 50, note: '进展情况', unitId: 999999 }, 'body.unitId', 'unknown_unit'],
      [{ percent: 50, note: '进展情况', reportedOn: addDays(today, 1) }, 'body.reportedOn', 'date_in_future'],
      [{ percent: 50, note: '进展情况', reportedOn: '2014-12-31' }, 'body.reportedOn', 'before_plan'],
      [{ percent: 50, note: '进展情况', fileIds: [987654] }, 'body.fileIds.0', 'unknown_file'],
    ];
    for (const [body, path, code] of refusals) {
      const res = await street.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path, code });
    }
    expect(await planCounts()).toEqual(before);

    const photo = await uploadPhoto(street);
    const ok = await street.post(url, { percent: 80, note: '本街道已完成半数居民区试点', fileIds: [photo] });
    expect(ok.statusCode).toBe(201);
    const detail = ok.json();
    expect(own.percent).toBe(60);
    expect(detail.units.find((u: Unit) => u.id === own.id).percent).toBe(80);
    expect(detail.progress[0]).toMatchObject({ unitId: own.id, percent: 80, evidence: [{ fileId: photo }] });
    expect(detail.abilities).toEqual({ progressUnits: [own.id], review: false });
    // the evidence is served through the task, to whoever sees the task
    const admin = await t.login('district_admin');
    const file = await admin.get(`/api/v1/plan/tasks/${task.id}/evidence/${photo}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await admin.get(`/api/v1/plan/tasks/${opinion.id}/evidence/${photo}`)).statusCode).toBe(404);
    const back = await street.post(url, { percent: 40, note: '回调进度' });
    expect(back.json().errors[0]).toMatchObject({ path: 'body.percent', code: 'below_previous' });
    const audit = await one<{ action: string; street_id: number }>(
      t,
      `select action, street_id from audit_log where entity_type = 'plan_task' and entity_id = $1 order by at desc, seq desc limit 1`,
      [String(task.id)],
    );
    expect(audit).toEqual({ action: 'plan_task.progress_reported', street_id: wuliqiao });
    // another street neither sees it as its own unit nor reports on it
    const street2 = await t.login('street2');
    const seen = (await street2.get(`/api/v1/plan/tasks/${task.id}`)).json();
    expect(seen.abilities.progressUnits).toEqual([other.id]);
    expect(
      (await street2.post(url, { percent: 70, note: '进展情况', unitId: own.id })).json().errors[0],
    ).toMatchObject({
      path: 'body.unitId',
      code: 'not_your_unit',
    });
  });

  it('a department sees its tasks; filters by unit, phase and state', async () => {
    const dept = await t.login('department');
    const mine = (await dept.get('/api/v1/plan/tasks')).json();
    const cg = await one<{ id: number }>(t, `select id from department where name = '区城管执法局'`);
    expect(mine.tasks.map((x: Task) => x.code).sort()).toEqual(['2.2.3-violations', '3.2-duty-list']);
    expect(
      mine.tasks.every((x: Task) => x.units.some((u) => u.kind === 'department' && u.refId === cg.id)),
    ).toBe(true);
    const admin = await t.login('district_admin');
    const launch = (await admin.get('/api/v1/plan/tasks?phase=launch')).json();
    expect(launch.tasks.every((x: { phase: string }) => x.phase === 'launch')).toBe(true);
    expect(launch.tasks).toHaveLength(3);
    const byCg = (await admin.get(`/api/v1/plan/tasks?departmentId=${cg.id}`)).json();
    expect(byCg.tasks.map((x: Task) => x.code).sort()).toEqual(['2.2.3-violations', '3.2-duty-list']);
    const accepted = (await admin.get('/api/v1/plan/tasks?state=accepted')).json();
    expect(accepted.tasks.length).toBeGreaterThan(0);
    expect(accepted.tasks.every((x: Task) => x.state === 'accepted')).toBe(true);
    const bad = await admin.get('/api/v1/plan/tasks?state=finished');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.state');
    for (const who of ['committee', 'property', 'resident']) {
      expect((await (await t.login(who)).get('/api/v1/plan/tasks')).statusCode).toBe(403);
    }
    const cgRow =
      admin &&
      mine.byUnit.find((u: { kind: string; refId: number }) => u.kind === 'department' && u.refId === cg.id);
    expect(cgRow.tasks).toBe(2);
  });

  it('acceptance: district-only, only when every unit reports 100%, with a note and the version read', async () => {
    const admin = await t.login('district_admin');
    const task = await streetTask('2.4.2-waterlogging');
    const url = `/api/v1/plan/tasks/${task.id}`;
    const street = await t.login('street');
    expect(
      (await street.post(`${url}/review`, { version: task.version, decision: 'accept', note: '同意' }))
        .statusCode,
    ).toBe(403);
    const early = await admin.post(`${url}/review`, {
      version: task.version,
      decision: 'accept',
      note: '同意验收',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('plan.task_not_completed');
    const photo = await uploadPhoto(admin);
    const noUnit = await admin.post(`${url}/progress`, { percent: 100, note: '完成', fileIds: [photo] });
    expect(noUnit.json().errors[0]).toMatchObject({ path: 'body.unitId', code: 'required' });
    let detail = task as unknown as Task;
    for (const u of task.units)
      detail = (
        await admin.post(`${url}/progress`, {
          unitId: u.id,
          percent: 100,
          note: '积水点改造完成',
          fileIds: [photo],
        })
      ).json();
    expect(detail.state).toBe('completed');
    const noNote = await admin.post(`${url}/review`, {
      version: detail.version,
      decision: 'accept',
      note: '',
    });
    expect(noNote.json().errors[0].path).toBe('body.note');
    const stale = await admin.post(`${url}/review`, {
      version: task.version,
      decision: 'accept',
      note: '同意验收',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const returned = await admin.post(`${url}/review`, {
      version: detail.version,
      decision: 'return',
      note: '缺少竣工资料',
    });
    expect(returned.json()).toMatchObject({
      state: 'returned',
      reviews: [{ decision: 'return', note: '缺少竣工资料' }],
    });
    const again = await admin.post(`${url}/review`, {
      version: returned.json().version,
      decision: 'accept',
      note: '同意',
    });
    expect(again.json().code).toBe('plan.task_not_completed');
    const lead = task.units.find((u) => u.role === 'lead')!;
    const resent = await admin.post(`${url}/progress`, {
      unitId: lead.id,
      percent: 100,
      note: '补充竣工资料',
      fileIds: [photo],
    });
    expect(resent.json().state).toBe('completed');
    const leader = await t.login('district_leader');
    const accepted = await leader.post(`${url}/review`, {
      version: resent.json().version,
      decision: 'accept',
      note: '验收通过',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      abilities: { progressUnits: [], review: false },
    });
    const after = await admin.post(`${url}/progress`, {
      unitId: lead.id,
      percent: 100,
      note: '再报',
      fileIds: [photo],
    });
    expect(after.json().code).toBe('plan.task_accepted');
    const actions = (
      await t.ctx.database.pool.query(
        `select action from audit_log where entity_type = 'plan_task' and entity_id = $1 and action like 'plan_task.%ed' and action <> 'plan_task.progress_reported' order by at, seq`,
        [String(task.id)],
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['plan_task.returned', 'plan_task.accepted']);
  });
});

describe('working meetings', () => {
  it('records a meeting with follow-ups linked to plan tasks; overdue shown; refusals named', async () => {
    const admin = await t.login('district_admin');
    const units = (await admin.get('/api/v1/plan/units')).json().items as {
      kind: string;
      refId: number;
      name: string;
    }[];
    const hb = units.find((u) => u.name === '区住房保障房屋管理局')!;
    const task = await streetTask('2.4.4-elevators');
    const body = {
      heldOn: addDays(today, -10),
      title: '工作推进小组季度例会',
      chair: '区分管副区长',
      attendees: ['区住房保障房屋管理局', '区建设交通委'],
      decisions: ['加快老旧电梯风险评估'],
      followUps: [
        {
          description: '完成重点小区电梯风险评估',
          owner: { kind: hb.kind, refId: hb.refId },
          dueOn: addDays(today, -1),
          taskId: task.id,
        },
        {
          description: '拟定电梯更新改造工作方案',
          owner: { kind: hb.kind, refId: hb.refId },
          dueOn: addDays(today, 20),
        },
      ],
    };
    const street = await t.login('street');
    const before = await planCounts();
    const bad: [unknown, string, string][] = [
      [{ ...body, heldOn: addDays(today, 1) }, 'body.heldOn', 'date_in_future'],
      [{ ...body, attendees: [] }, 'body.attendees', 'too_small'],
      [
        { ...body, followUps: [{ ...body.followUps[0], owner: { kind: 'department', refId: 99999 } }] },
        'body.followUps.0.owner.refId',
        'unknown_unit',
      ],
      [
        { ...body, followUps: [{ ...body.followUps[0], dueOn: addDays(today, -30) }] },
        'body.followUps.0.dueOn',
        'before_meeting',
      ],
      [
        { ...body, followUps: [{ ...body.followUps[0], taskId: 99999 }] },
        'body.followUps.0.taskId',
        'unknown_plan_task',
      ],
    ];
    for (const [b, path, code] of bad) {
      const res = await admin.post('/api/v1/plan/meetings', b);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path, code });
    }
    expect((await street.post('/api/v1/plan/meetings', body)).statusCode).toBe(403);
    expect(await planCounts()).toEqual(before);

    const created = await admin.post('/api/v1/plan/meetings', body);
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ quarter: quarterOf(body.heldOn), abilities: { manage: true } });
    expect(m.followUps.map((f: { overdue: boolean }) => f.overdue)).toEqual([true, false]);
    expect(m.followUps[0].task).toMatchObject({ id: task.id, code: '2.4.4-elevators' });
    const list = (await street.get('/api/v1/plan/meetings')).json().items;
    expect(list[0]).toMatchObject({ id: m.id, followUps: 2, open: 2, overdue: 1 });
    // the follow-up shows on the plan task it serves
    const onTask = (await admin.get(`/api/v1/plan/tasks/${task.id}`)).json().followUps;
    expect(
      onTask.some((f: { id: number; overdue: boolean }) => f.id === m.followUps[0].id && f.overdue),
    ).toBe(true);

    const doneUrl = `/api/v1/plan/meetings/${m.id}/follow-ups/${m.followUps[0].id}/done`;
    expect(
      (await admin.post(doneUrl, { doneOn: addDays(today, 1), note: '已完成' })).json().errors[0],
    ).toMatchObject({
      path: 'body.doneOn',
      code: 'date_in_future',
    });
    expect((await street.post(doneUrl, { doneOn: today, note: '已完成' })).statusCode).toBe(403);
    const done = await admin.post(doneUrl, { doneOn: today, note: '评估报告已报送' });
    expect(done.json().followUps[0]).toMatchObject({
      doneOn: today,
      overdue: false,
      doneNote: '评估报告已报送',
    });
    expect((await admin.post(doneUrl, { doneOn: today, note: '再次' })).json().code).toBe(
      'plan.follow_up_done',
    );
    expect(
      (
        await admin.post(`/api/v1/plan/meetings/${m.id}/follow-ups/999999/done`, {
          doneOn: today,
          note: '完成',
        })
      ).statusCode,
    ).toBe(404);
    expect((await (await t.login('committee')).get(`/api/v1/plan/meetings/${m.id}`)).statusCode).toBe(403);
    const audit = await one<{ n: number }>(
      t,
      `select count(*)::int as n from audit_log where action in ('plan_meeting.recorded', 'plan_follow_up.done') and (entity_id = $1 or entity_id = $2)`,
      [String(m.id), String(m.followUps[0].id)],
    );
    expect(audit.n).toBe(2);
  });
});
