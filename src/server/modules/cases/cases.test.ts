import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { multipart, PNG_1x1 } from '../../../../test/cases';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);
let key = 0;
const newKey = () => `test-key-${process.pid}-${++key}-${Date.now()}`;

let home: number; // the resident's community in 五里桥
let homeStreet: number;
let waitanCommunity: number;
let otherWuliqiao: number;

beforeAll(async () => {
  const r = (
    await q(
      `select r.community_id, r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'`,
    )
  ).rows[0];
  home = r.community_id;
  homeStreet = r.street_id;
  waitanCommunity = (
    await q(
      `select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1`,
    )
  ).rows[0].id;
  otherWuliqiao = (
    await q(`select id from community where street_id = $1 and id <> $2 order by id limit 1`, [
      homeStreet,
      home,
    ])
  ).rows[0].id;
});

async function report(c: Client, body: Record<string, unknown>, idempotencyKey = newKey()) {
  return c.post(
    '/api/v1/cases',
    {
      categoryCode: 'property_service.repair',
      communityId: home,
      title: '楼道灯坏了',
      description: '三号楼二单元楼道灯不亮',
      ...body,
    },
    { 'idempotency-key': idempotencyKey },
  );
}
async function version(id: number): Promise<number> {
  return (await q('select version from case_record where id = $1', [id])).rows[0].version;
}
async function act(c: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  return c.post(`/api/v1/cases/${id}/actions/${action}`, { version: await version(id), ...body });
}
async function upload(c: Client, content = PNG_1x1, name = 'photo.png') {
  const m = multipart(name, content, 'image/png');
  return c.request({ method: 'POST', url: '/api/v1/files', payload: m.payload, headers: m.headers });
}
async function counts() {
  const r = await q(
    `select (select count(*) from case_record)::int as cases, (select count(*) from case_event)::int as events,
            (select count(*) from audit_log)::int as audit, (select count(*) from case_task)::int as tasks`,
  );
  return r.rows[0];
}

describe('intake', () => {
  it('a resident reports: routed, with its register deadline, one case + event + audit row', async () => {
    const resident = await t.login('resident');
    const before = await counts();
    const res = await report(resident, {
      title: '单元门禁坏了',
      reporterPhone: '13912345678',
      location: { lng: 121.48, lat: 31.2 },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      state: 'reported',
      stage: 'register',
      sla: 'on_time',
      channel: 'resident_report',
      version: 0,
    });
    expect(c.number).toMatch(/^AJ\d{8}-\d{6}$/);
    expect(c.routing.lead.kind).toBe('organization');
    expect(new Date(c.stageDueAt).getTime()).toBeGreaterThan(Date.now());
    const after = await counts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const detail = (await resident.get(`/api/v1/cases/${c.id}`)).json();
    expect(detail.reporter).toEqual({
      name: expect.any(String),
      phone: '139****5678',
      isMe: true,
      canReveal: false,
    });
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['report']);
    expect(detail.availableActions).toEqual(['comment']);
    // the reporter sees their own name; staff see it masked on the page and in the timeline alike
    const fullName = detail.reporter.name as string;
    expect(fullName).not.toContain('*');
    expect(detail.timeline[0].actor).toBe(fullName);
    for (const role of ['street', 'district_leader', 'district_admin'] as const) {
      const seen = (await (await t.login(role)).get(`/api/v1/cases/${c.id}`)).json();
      expect(seen.reporter.name, role).toBe(
        `${[...fullName][0]}${'*'.repeat(Math.min([...fullName].length - 1, 3))}`,
      );
      expect(seen.timeline[0].actor, role).toBe(seen.reporter.name);
      expect(JSON.stringify(seen), role).not.toContain(fullName);
    }
    const stored = (await q('select reporter_phone_enc from case_record where id = $1', [c.id])).rows[0];
    expect(stored.reporter_phone_enc).not.toContain('13912345678');
  });

  it('idempotency: the same key twice makes one case and answers the same body; another body is refused', async () => {
    const resident = await t.login('resident');
    const k = newKey();
    const body = { title: '雨棚漏水', description: '五号楼雨棚漏水严重' };
    const first = await report(resident, body, k);
    const second = await report(resident, body, k);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect((await q(`select count(*)::int as n from case_record where title = '雨棚漏水'`)).rows[0].n).toBe(
      1,
    );
    const other = await report(resident, { ...body, title: '别的问题' }, k);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency.key_reused');
    // two at once with one key: still one case
    const k2 = newKey();
    const [a, b] = await Promise.all([
      report(resident, { title: '并发提交' }, k2),
      report(resident, { title: '并发提交' }, k2),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect((await q(`select count(*)::int as n from case_record where title = '并发提交'`)).rows[0].n).toBe(
      1,
    );
    // another user's identical key is another submission
    const committee = await t.login('committee');
    const theirs = await report(committee, body, k);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
  });

  it('bad input names the field and writes nothing', async () => {
    const resident = await t.login('resident');
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ categoryCode: 'no_such.thing' }, 'body.categoryCode'],
      [{ categoryCode: 'property_service' }, 'body.categoryCode'],
      [{ communityId: waitanCommunity }, 'body.communityId'],
      [{ reporterPhone: '12345' }, 'body.reporterPhone'],
      [{ colour: 'red' }, 'body.colour'],
      [{ channel: 'hotline_12345' }, 'body.channel'],
      [{ urgency: 'whenever' }, 'body.urgency'],
      [{ location: { lng: 0, lat: 0 } }, 'body.location.lng'],
      [{ attachments: [{ fileId: 999999, kind: 'before' }] }, 'body.attachments.0.fileId'],
      [{ unitId: 1 }, 'body.unitId'],
    ];
    for (const [body, path] of cases) {
      const res = await report(resident, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const badKey = await report(resident, {}, 'short');
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().errors[0].path).toBe('headers.idempotency-key');
    expect(await counts()).toEqual(before);
  });
});

describe('access by role and place', () => {
  it("403 for roles that may not, 404 outside the caller's places", async () => {
    const leader = await t.login('district_leader');
    expect((await report(leader, {})).statusCode).toBe(403);
    const resident = await t.login('resident');
    const mine = (await report(resident, { title: '访问测试' })).json();
    const street2 = await t.login('street2');
    expect((await street2.get(`/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
    expect((await act(street2, mine.id, 'register')).statusCode).toBe(404);
    const property = await t.login('property');
    expect((await property.get(`/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
    expect((await act(resident, mine.id, 'register')).statusCode).toBe(403);
    expect((await act(leader, mine.id, 'register')).statusCode).toBe(403);
    const committee = await t.login('committee');
    const seen = await committee.get(`/api/v1/cases/${mine.id}`);
    expect([200, 404]).toContain(seen.statusCode);
    const inCommittee = (
      await q(
        `select c.committee_id = r.committee_id as ok from community c, role_assignment r join user_account u on u.id = r.user_id
               where c.id = $1 and u.username = 'committee'`,
        [home],
      )
    ).rows[0].ok;
    expect(seen.statusCode).toBe(inCommittee ? 200 : 404);
    // a street officer sees nothing of another street in lists either
    const street = await t.login('street');
    const list = (await street.get('/api/v1/cases?limit=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((c: { street: { id: number } }) => c.street.id === homeStreet)).toBe(true);
    const other = (await street.get(`/api/v1/cases?communityId=${waitanCommunity}`)).json();
    expect(other.items).toEqual([]);
    // residents list only their own reports
    const own = (await resident.get('/api/v1/cases?limit=200')).json();
    const me = (await q(`select id from user_account where username = 'resident'`)).rows[0].id;
    const reporters = await q('select distinct reporter_user_id from case_record where id = any($1)', [
      own.items.map((c: { id: number }) => c.id),
    ]);
    expect(reporters.rows.map((r) => Number(r.reporter_user_id))).toEqual([Number(me)]);
  });
});

describe('the whole path, with the actions each caller may take', () => {
  it('resident reports → street registers and dispatches → property handles with a photo → street closes → resident rates', async () => {
    const resident = await t.login('resident');
    const street = await t.login('street');
    const property = await t.login('property');
    const before = (await upload(resident)).json();
    const c = (
      await report(resident, { title: '全流程', attachments: [{ fileId: before.fileId, kind: 'before' }] })
    ).json();
    const id = c.id;
    expect((await street.get(`/api/v1/cases/${id}`)).json().availableActions).toEqual(
      expect.arrayContaining(['register', 'reject', 'merge', 'comment']),
    );
    expect((await act(street, id, 'register')).json()).toMatchObject({
      state: 'registered',
      stage: 'dispatch',
    });
    const dispatched = (await act(street, id, 'dispatch')).json();
    expect(dispatched).toMatchObject({ state: 'dispatched', stage: 'handle' });
    expect(dispatched.tasks[0]).toMatchObject({
      role: 'lead',
      status: 'pending',
      unit: { kind: 'organization' },
    });
    const mine = (await property.get(`/api/v1/cases/${id}`)).json();
    expect(mine.availableActions).toEqual(expect.arrayContaining(['accept', 'return', 'handle']));
    expect(mine.availableActions).not.toContain('close');
    expect(mine.tasks[0].mine).toBe(true);
    expect(
      (await property.get('/api/v1/cases?queue=my_tasks')).json().items.map((x: { id: number }) => x.id),
    ).toContain(id);
    expect((await act(property, id, 'accept')).json().state).toBe('in_progress');
    const noEvidence = await act(property, id, 'handle', { note: '已更换灯泡' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().errors[0]).toMatchObject({
      path: 'body.attachments',
      code: 'evidence_required',
    });
    const photo = (await upload(property)).json();
    expect(photo.hasThumbnail).toBe(true);
    const handled = (
      await act(property, id, 'handle', {
        note: '已更换灯泡',
        attachments: [{ fileId: photo.fileId, kind: 'after' }],
      })
    ).json();
    expect(handled).toMatchObject({ state: 'handled', stage: 'verify' });
    expect(handled.attachments.map((a: { kind: string }) => a.kind)).toEqual(['before', 'after']);
    const thumb = await street.get(`/api/v1/cases/${id}/files/${photo.fileId}?thumbnail=true`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await resident.get(`/api/v1/cases/${id}/files/${photo.fileId}`)).headers['content-type']).toBe(
      'image/png',
    );
    expect((await act(resident, id, 'rate', { score: 5 })).statusCode).toBe(409);
    const closed = (await act(street, id, 'close', { note: '核查通过' })).json();
    expect(closed).toMatchObject({ state: 'closed', stage: null, sla: null });
    const rated = (await act(resident, id, 'rate', { score: 4, note: '还算及时' })).json();
    expect(rated.satisfaction).toMatchObject({ score: 4, comment: '还算及时' });
    expect(rated.availableActions).not.toContain('rate');
    expect((await act(resident, id, 'rate', { score: 5 })).statusCode).toBe(409);
    const called = (await act(street, id, 'callback', { outcome: 'satisfied', note: '电话回访' })).json();
    expect(called.callbacks).toHaveLength(1);
    expect(called.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'register',
      'dispatch',
      'accept',
      'handle',
      'close',
      'rate',
      'callback',
    ]);
    expect(called.timeline.every((e: { actor: string }) => e.actor.length > 0)).toBe(true);
    const audit = await q(
      `select action from audit_log where entity_type = 'case' and entity_id = $1 order by seq`,
      [String(id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'case.reported',
      'case.register',
      'case.dispatch',
      'case.accept',
      'case.handle',
      'case.close',
      'case.rate',
      'case.callback',
    ]);
  });
});

describe('transitions: 409 and nothing changes', () => {
  it('an action the state does not allow, and a stale version', async () => {
    const resident = await t.login('resident');
    const street = await t.login('street');
    const c = (await report(resident, { title: '状态测试' })).json();
    const before = await counts();
    const wrong = await act(street, c.id, 'close');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('case.invalid_transition');
    const stale = await street.post(`/api/v1/cases/${c.id}/actions/register`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const noReason = await act(street, c.id, 'reject');
    expect(noReason.json().errors[0]).toMatchObject({ path: 'body.reason', code: 'required' });
    const unknownAction = await street.post(`/api/v1/cases/${c.id}/actions/teleport`, { version: 0 });
    expect(unknownAction.statusCode).toBe(400);
    expect(unknownAction.json().errors[0].path).toBe('params.action');
    expect(await counts()).toEqual(before);
    expect(await version(c.id)).toBe(0);
  });

  it('two users acting on one version: one wins, the other gets 409', async () => {
    const resident = await t.login('resident');
    const street = await t.login('street');
    const admin = await t.login('district_admin');
    const c = (await report(resident, { title: '并发动作' })).json();
    const [a, b] = await Promise.all([
      street.post(`/api/v1/cases/${c.id}/actions/register`, { version: 0 }),
      admin.post(`/api/v1/cases/${c.id}/actions/reject`, { version: 0, reason: '重复上报' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await version(c.id)).toBe(1);
    expect((await q('select count(*)::int as n from case_event where case_id = $1', [c.id])).rows[0].n).toBe(
      2,
    );
  });
});

describe('joint handling, enforcement, penalties, follow-up', () => {
  it('an illegal building: 城管执法 leads, the housing office and the property company assist; handled when every task is', async () => {
    const inspector = await t.login('inspector');
    const street = await t.login('street');
    const department = await t.login('department');
    const property = await t.login('property');
    const c = (
      await report(inspector, {
        categoryCode: 'chronic_violation.illegal_building',
        title: '顶楼违建',
        description: '顶楼搭建彩钢房',
      })
    ).json();
    expect(c).toMatchObject({
      isEnforcement: true,
      enforcementStage: 'discover',
      channel: 'department_inspection',
    });
    expect((await act(street, c.id, 'register')).json().enforcementStage).toBe('report');
    const d = (await act(street, c.id, 'dispatch')).json();
    expect(d.tasks.map((x: { role: string; unit: { name: string } }) => [x.role, x.unit.name])).toEqual([
      ['lead', '区城管执法局'],
      ['co', expect.stringMatching(/房管办$/)],
      ['co', expect.stringMatching(/公司$/)],
    ]);
    expect((await department.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect(
      (await act(department, c.id, 'advance_enforcement', { stage: 'dissuade' })).json().enforcementStage,
    ).toBe('dissuade');
    expect(
      (await act(department, c.id, 'advance_enforcement', { stage: 'discover' })).json().errors[0].path,
    ).toBe('body.stage');
    const penalty = {
      partyType: 'sub_lessor',
      partyName: '李某',
      decisionNumber: `黄城管罚字〔2026〕第${Date.now()}号`,
      amountFen: 1_234_500,
      decidedOn: '2026-03-02',
    };
    const p = await department.post(`/api/v1/cases/${c.id}/penalties`, penalty);
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ partyType: 'sub_lessor', amountFen: 1_234_500 });
    expect((await department.post(`/api/v1/cases/${c.id}/penalties`, penalty)).json().errors[0].path).toBe(
      'body.decisionNumber',
    );
    expect(
      (await department.post(`/api/v1/cases/${c.id}/penalties`, { ...penalty, partyType: 'cousin' })).json()
        .errors[0].path,
    ).toBe('body.partyType');
    expect((await property.post(`/api/v1/cases/${c.id}/penalties`, penalty)).statusCode).toBe(403);
    const photo = async (who: Client) => [{ fileId: (await upload(who)).json().fileId, kind: 'after' }];
    const one = (
      await act(department, c.id, 'handle', { note: '已拆除', attachments: await photo(department) })
    ).json();
    expect(one.state).toBe('in_progress');
    expect(one.enforcementStage).toBe('handle');
    expect(
      (await act(property, c.id, 'handle', { note: '已配合', attachments: await photo(property) })).json()
        .state,
    ).toBe('in_progress');
    // the street acts for its housing office's task
    const all = (
      await act(street, c.id, 'handle', { note: '已核实', attachments: await photo(street) })
    ).json();
    expect(all.state).toBe('handled');
    expect(all.tasks.every((x: { status: string }) => x.status === 'done')).toBe(true);
    const closed = (await act(street, c.id, 'close')).json();
    expect(closed.enforcementStage).toBe('hold');
    const expected = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(closed.followUp).toMatchObject({ days: 30, dueOn: expected, doneAt: null });
    expect(closed.penalties).toHaveLength(1);
    expect(closed.availableActions).toContain('follow_up');
    const reopened = (
      await act(department, c.id, 'follow_up', { relapse: true, note: '复查发现又搭建' })
    ).json();
    expect(reopened).toMatchObject({ state: 'reopened', stage: 'dispatch', enforcementStage: 'report' });
    expect(reopened.availableActions).not.toContain('follow_up');
    const again = (await act(street, c.id, 'dispatch')).json();
    expect(again.tasks.filter((x: { round: number }) => x.round === 2)).toHaveLength(3);
  });

  it('penalties only on enforcement cases; the group-renting form says which rules are broken', async () => {
    const resident = await t.login('resident');
    const street = await t.login('street');
    const repair = (await report(resident, { title: '非执法' })).json();
    await act(street, repair.id, 'register');
    const notEnf = await street.post(`/api/v1/cases/${repair.id}/penalties`, {
      partyType: 'landlord',
      partyName: '张某',
      decisionNumber: `X-${Date.now()}`,
      amountFen: 100,
      decidedOn: '2026-01-05',
    });
    expect(notEnf.statusCode).toBe(409);
    const g = (
      await report(resident, { categoryCode: 'chronic_violation.group_renting', title: '群租' })
    ).json();
    await act(street, g.id, 'register');
    const form = {
      inspectedOn: '2026-03-02',
      address: '某路1号101室',
      rooms: [
        { name: '主卧', kind: 'bedroom', area: '15.00', occupants: 2 },
        { name: '次卧', kind: 'bedroom', area: '8.00', occupants: 3, familyOnly: true },
        { name: '隔断', kind: 'partitioned_space', area: '6.00', occupants: 1 },
        { name: '厨房', kind: 'kitchen', area: '5.00', occupants: 1 },
        { name: '客厅', kind: 'living_room', area: '12.00', occupants: 3, letByBed: true },
      ],
    };
    const res = await street.post(`/api/v1/cases/${g.id}/group-renting-inspections`, form);
    expect(res.statusCode).toBe(201);
    const rules = res.json().violations.map((v: { rule: string; room: string }) => `${v.rule}@${v.room}`);
    expect(rules.sort()).toEqual(
      [
        'area_per_person@次卧',
        'partitioned@隔断',
        'non_living_space@厨房',
        'let_by_bed@客厅',
        'room_overcrowded@客厅',
        'area_per_person@客厅',
      ].sort(),
    );
    expect(res.json().compliant).toBe(false);
    const bad = await street.post(`/api/v1/cases/${g.id}/group-renting-inspections`, {
      ...form,
      rooms: [{ ...form.rooms[0], area: '15.555' }],
    });
    expect(bad.json().errors[0].path).toBe('body.rooms.0.area');
    expect((await street.post(`/api/v1/cases/${repair.id}/group-renting-inspections`, form)).statusCode).toBe(
      409,
    );
  });
});

describe('rework, wrong dispatch, suspension, merging', () => {
  it('counts rework and wrong dispatches; suspension pauses the clock and resumption keeps the time left', async () => {
    const resident = await t.login('resident');
    const street = await t.login('street');
    const property = await t.login('property');
    const c = (await report(resident, { title: '计数' })).json();
    await act(street, c.id, 'register');
    await act(street, c.id, 'dispatch');
    const returned = (await act(property, c.id, 'return', { reason: '不属本公司管理范围' })).json();
    expect(returned).toMatchObject({ state: 'registered', wrongDispatchCount: 1, lead: null });
    expect(returned.tasks[0].status).toBe('returned');
    await act(street, c.id, 'dispatch');
    const photo = (await upload(property)).json();
    await act(property, c.id, 'handle', {
      note: '处理',
      attachments: [{ fileId: photo.fileId, kind: 'after' }],
    });
    const rework = (await act(street, c.id, 'rework', { reason: '未修好' })).json();
    expect(rework).toMatchObject({ state: 'dispatched', reworkCount: 1, wrongDispatchCount: 1 });
    expect(rework.tasks.filter((x: { round: number }) => x.round === 3)).toHaveLength(1);

    const dueBefore = new Date((await street.get(`/api/v1/cases/${c.id}`)).json().stageDueAt).getTime();
    const past = await act(street, c.id, 'suspend', { reason: '待改造', reviewDate: '2020-01-01' });
    expect(past.json().errors[0].path).toBe('body.reviewDate');
    const s = (await act(street, c.id, 'suspend', { reason: '待统一改造', reviewDate: '2099-01-01' })).json();
    expect(s).toMatchObject({
      state: 'suspended',
      stageDueAt: null,
      sla: null,
      suspension: { previousState: 'dispatched' },
    });
    expect(s.deadlines.remainingMs).toBeGreaterThan(0);
    expect(
      (await street.get('/api/v1/cases?queue=suspended')).json().items.map((x: { id: number }) => x.id),
    ).toContain(c.id);
    expect((await act(property, c.id, 'handle', { note: 'x', attachments: [] })).statusCode).toBe(409);
    const r = (await act(street, c.id, 'resume')).json();
    expect(r.state).toBe('dispatched');
    // the little real time that passed while suspended moved the deadline by about as much, never earlier
    const dueAfter = new Date(r.stageDueAt).getTime();
    expect(dueAfter).toBeGreaterThanOrEqual(dueBefore - 1000);
    expect(dueAfter - dueBefore).toBeLessThan(60_000);
    const events = await q(`select action from case_event where case_id = $1 order by id`, [c.id]);
    const n = (a: string) => events.rows.filter((e) => e.action === a).length;
    const row = (await q('select rework_count, wrong_dispatch_count from case_record where id = $1', [c.id]))
      .rows[0];
    expect(row.rework_count).toBe(n('rework'));
    expect(row.wrong_dispatch_count).toBe(n('return'));
  });

  it('offers duplicates (same community and category in 7 days, or within 50 m) and merges keeping both timelines', async () => {
    const resident = await t.login('resident');
    const inspector = await t.login('inspector');
    const street = await t.login('street');
    const a = (
      await report(resident, {
        categoryCode: 'environment.greening_trees',
        title: '树倒了',
        location: { lng: 121.47501, lat: 31.20001 },
      })
    ).json();
    const b = (
      await report(inspector, {
        categoryCode: 'environment.greening_trees',
        title: '大树倒伏',
        location: { lng: 121.47501, lat: 31.20001 },
      })
    ).json();
    expect(b.possibleDuplicates.map((d: { id: number }) => d.id)).toContain(a.id);
    // another community of the same street, 30 m away: still offered; 200 m away: not
    const near = (
      await report(inspector, {
        categoryCode: 'environment.greening_trees',
        communityId: otherWuliqiao,
        title: '附近树倒了',
        location: { lng: 121.47501, lat: 31.20028 },
      })
    ).json();
    const nearIds = near.possibleDuplicates.map((d: { id: number }) => d.id);
    expect(nearIds).toContain(a.id);
    expect(near.possibleDuplicates.find((d: { id: number }) => d.id === a.id).distanceM).toBeLessThanOrEqual(
      50,
    );
    const far = (
      await report(inspector, {
        categoryCode: 'environment.greening_trees',
        communityId: otherWuliqiao,
        title: '远处树倒了',
        location: { lng: 121.47501, lat: 31.20201 },
      })
    ).json();
    expect(far.possibleDuplicates.map((d: { id: number }) => d.id)).not.toContain(a.id);
    expect(
      (await street.get(`/api/v1/cases/${b.id}`)).json().possibleDuplicates.map((d: { id: number }) => d.id),
    ).toContain(a.id);
    await act(street, a.id, 'comment', { note: '已联系绿化队' });
    const merged = (await act(street, b.id, 'merge', { intoCaseId: a.id, note: '重复' })).json();
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: a.id } });
    const target = (await street.get(`/api/v1/cases/${a.id}`)).json();
    expect(target.mergedCases.map((m: { id: number }) => m.id)).toEqual([b.id]);
    const byCase = target.timeline.map(
      (e: { caseId: number; action: string }) => `${e.caseId === a.id ? 'a' : 'b'}:${e.action}`,
    );
    expect(byCase).toEqual(
      expect.arrayContaining(['a:report', 'b:report', 'a:comment', 'b:merge', 'a:merged_in']),
    );
    expect((await act(street, far.id, 'merge', { intoCaseId: far.id })).json().errors[0].path).toBe(
      'body.intoCaseId',
    );
  });
});

describe('lists, queues and export', () => {
  it('filters by queue, state, category and SLA; pages with a cursor; exports the same rows', async () => {
    const street = await t.login('street');
    const all = (await street.get('/api/v1/cases?limit=200')).json();
    expect(all.total).toBeGreaterThan(5);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const body: { items: { id: number }[]; nextCursor: string | null } = (
        await street.get(`/api/v1/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...body.items.map((x) => x.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((x: { id: number }) => x.id));
    const byDue = (
      await street.get('/api/v1/cases?sort=due&limit=200&state=reported,registered,dispatched')
    ).json();
    const dues = byDue.items.map((x: { stageDueAt: string | null }) => x.stageDueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(
      byDue.items.every((x: { state: string }) => ['reported', 'registered', 'dispatched'].includes(x.state)),
    ).toBe(true);
    const fire = (await street.get('/api/v1/cases?categoryCode=chronic_violation&limit=200')).json();
    expect(
      fire.items.every((x: { category: { code: string } }) =>
        x.category.code.startsWith('chronic_violation.'),
      ),
    ).toBe(true);
    const overdue = (await street.get('/api/v1/cases?queue=overdue&limit=200')).json();
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((x: { sla: string }) => x.sla === 'overdue')).toBe(true);
    const queues = (await street.get('/api/v1/cases/queues')).json().queues;
    const count = (name: string) => queues.find((x: { queue: string }) => x.queue === name)?.count;
    expect(count('overdue')).toBe(overdue.items.length);
    expect(count('to_register')).toBe(
      (await street.get('/api/v1/cases?queue=to_register&limit=200')).json().total,
    );
    expect((await street.get('/api/v1/cases?state=flying')).json().errors[0].path).toMatch(/^query\.state/);

    const res = await street.get('/api/v1/cases/export.xlsx?queue=overdue', { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('Case number');
    expect(sheet.rowCount - 1).toBe(overdue.items.length);
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/cases/export.xlsx')).statusCode).toBe(403);
  });
});

describe('uploads are checked by content and size', () => {
  it('refuses a .jpg that is really text, a file over 10 MB, and foreign files', async () => {
    const resident = await t.login('resident');
    const before = (await q('select count(*)::int as n from file')).rows[0].n;
    const fake = multipart('photo.jpg', Buffer.from('this is not a picture at all'), 'image/jpeg');
    const r1 = await resident.request({
      method: 'POST',
      url: '/api/v1/files',
      payload: fake.payload,
      headers: fake.headers,
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().errors[0]).toMatchObject({ path: 'body.file', code: 'file_type' });
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0);
    PNG_1x1.copy(big);
    const m = multipart('big.png', big, 'image/png');
    const r2 = await resident.request({
      method: 'POST',
      url: '/api/v1/files',
      payload: m.payload,
      headers: m.headers,
    });
    expect(r2.statusCode).toBe(413);
    expect(r2.json().code).toBe('file.too_large');
    const broken = Buffer.concat([PNG_1x1.subarray(0, 16), Buffer.alloc(50, 7)]);
    const m3 = multipart('broken.png', broken, 'image/png');
    expect(
      (
        await resident.request({
          method: 'POST',
          url: '/api/v1/files',
          payload: m3.payload,
          headers: m3.headers,
        })
      ).statusCode,
    ).toBe(400);
    expect((await q('select count(*)::int as n from file')).rows[0].n).toBe(before);
    const pdf = multipart(
      'doc.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
      'application/pdf',
    );
    const ok = await resident.request({
      method: 'POST',
      url: '/api/v1/files',
      payload: pdf.payload,
      headers: pdf.headers,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ mime: 'application/pdf', hasThumbnail: false });
    expect((await resident.get(`/api/v1/files/${ok.json().fileId}`)).statusCode).toBe(200);
    const committee = await t.login('committee');
    expect((await committee.get(`/api/v1/files/${ok.json().fileId}`)).statusCode).toBe(404);
    const stolen = await report(committee, { attachments: [{ fileId: ok.json().fileId, kind: 'other' }] });
    expect(stolen.json().errors[0].path).toBe('body.attachments.0.fileId');
  });
});
