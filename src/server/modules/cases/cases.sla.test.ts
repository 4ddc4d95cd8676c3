import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor } from '../../../../test/cases';
import { connect } from '../../db/client';
import type { Actor } from '../../platform/access';
import { shanghaiDate, shanghaiIso } from '../../platform/calendar/calendar';
import { caseById, escalateOverdue } from './cases.repository';
import { actOnCase, remindSuspensionReviews, reportCase, superviseOverdueCases } from './cases.usecases';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);
const DAY = 86_400_000;

let resident: Actor;
let home: number;
let streetId: number;

beforeAll(async () => {
  resident = await demoActor(t, 'resident');
  home = resident.assignments[0]!.communityId!;
  streetId = resident.assignments[0]!.streetId!;
});

/** A repair case reported by the demo resident in their community at `now`; its id. */
async function reportRepair(title: string, description: string, now: Date): Promise<number> {
  const out = await reportCase(
    t.ctx,
    resident,
    { categoryCode: 'property_service.repair', communityId: home, title, description, attachments: [] },
    undefined,
    { now },
  );
  return (out.body as { id: number }).id;
}

/** Cases reported `daysAgo` days ago and left alone: their register stage is overdue now. */
async function overdueCases(n: number, daysAgo = 10): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await reportRepair(`超期${i}`, '长期无人处理', new Date(Date.now() - daysAgo * DAY)));
  }
  return ids;
}

async function ordersOf(ids: number[]) {
  return (
    await q(
      `select case_id, level, source, stage_seq from supervision_order where case_id = any($1) order by case_id, id`,
      [ids],
    )
  ).rows;
}

describe('SLA sweep and supervision', () => {
  it('two app instances sweeping at once escalate each overdue case exactly once', async () => {
    const ids = await overdueCases(6);
    const other = connect(t.ctx.database.url, 4);
    try {
      const ctx2 = { ...t.ctx, database: other, db: other.db };
      const [a, b] = await Promise.all([superviseOverdueCases(t.ctx), superviseOverdueCases(ctx2)]);
      expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(ids.length);
    } finally {
      await other.close();
    }
    const orders = await ordersOf(ids);
    expect(orders).toHaveLength(ids.length);
    expect(orders.every((o) => o.level === 'street' && o.source === 'auto')).toBe(true);
    const rows = (
      await q('select escalation_level, overdue_count from case_record where id = any($1)', [ids])
    ).rows;
    expect(rows.every((r) => r.escalation_level === 1 && r.overdue_count === 1)).toBe(true);
    const events = (
      await q(`select count(*)::int as n from case_event where action = 'escalated' and case_id = any($1)`, [
        ids,
      ])
    ).rows[0].n;
    expect(events).toBe(ids.length);
    // the same sweep again does nothing more
    await superviseOverdueCases(t.ctx);
    expect(await ordersOf(ids)).toHaveLength(ids.length);
  });

  it('the unique keys alone keep two racing escalation statements from escalating twice', async () => {
    const ids = await overdueCases(5);
    const a = connect(t.ctx.database.url, 2);
    const b = connect(t.ctx.database.url, 2);
    try {
      const now = new Date();
      const due = new Date(Date.now() + 2 * DAY);
      const [ra, rb] = await Promise.all(
        [a, b].map((d) => d.db.transaction((tx) => escalateOverdue(tx, streetId, now, due, 5000))),
      );
      const won = [...ra!.escalated, ...rb!.escalated].filter((e) => ids.includes(e.caseId));
      expect(won).toHaveLength(ids.length);
      expect(new Set(won.map((e) => e.caseId)).size).toBe(ids.length);
    } finally {
      await a.close();
      await b.close();
    }
    expect(await ordersOf(ids)).toHaveLength(ids.length);
  });

  it('escalates community → street → district, then records accountability (问责), once each', async () => {
    const ids = await overdueCases(2, 30);
    await superviseOverdueCases(t.ctx);
    expect((await ordersOf(ids)).map((o) => o.level)).toEqual(['street', 'street']);
    // the street-level orders (due in two working days) run out: district level
    await superviseOverdueCases(t.ctx, { now: new Date(Date.now() + 10 * DAY) });
    expect((await ordersOf(ids)).map((o) => o.level)).toEqual(['street', 'district', 'street', 'district']);
    await superviseOverdueCases(t.ctx, { now: new Date(Date.now() + 20 * DAY) });
    await superviseOverdueCases(t.ctx, { now: new Date(Date.now() + 30 * DAY) });
    const acc = (await q('select case_id, reason from accountability_record where case_id = any($1)', [ids]))
      .rows;
    expect(acc).toHaveLength(2);
    expect(
      (await q('select escalation_level from case_record where id = any($1)', [ids])).rows.map(
        (r) => r.escalation_level,
      ),
    ).toEqual([3, 3]);
    const leader = await t.login('district_leader');
    const list = (await leader.get('/api/v1/accountability-records?limit=200')).json();
    expect(list.items.map((r: { caseId: number }) => r.caseId)).toEqual(expect.arrayContaining(ids));
    const res = await t.login('resident');
    expect((await res.get('/api/v1/accountability-records')).statusCode).toBe(403);
  });

  it('a supervision order needs a written response from the street or the lead unit; leaders issue orders by hand', async () => {
    const [id] = await overdueCases(1);
    await superviseOverdueCases(t.ctx);
    const street = await t.login('street');
    const supervised = (await street.get('/api/v1/cases?queue=supervised&limit=200')).json();
    expect(supervised.items.map((c: { id: number }) => c.id)).toContain(id);
    const order = (await street.get(`/api/v1/cases/${id}`)).json().supervisionOrders[0];
    expect(order).toMatchObject({ level: 'street', source: 'auto', canRespond: true, respondedAt: null });
    const property = await t.login('property');
    expect(
      (await property.post(`/api/v1/supervision-orders/${order.id}/response`, { response: '我们会处理的' }))
        .statusCode,
    ).toBe(404);
    const short = await street.post(`/api/v1/supervision-orders/${order.id}/response`, { response: '好' });
    expect(short.json().errors[0].path).toBe('body.response');
    const ok = await street.post(`/api/v1/supervision-orders/${order.id}/response`, {
      response: '已安排物业明日上门维修',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ response: '已安排物业明日上门维修', canRespond: false });
    expect(
      (await street.post(`/api/v1/supervision-orders/${order.id}/response`, { response: '再次回复内容' }))
        .statusCode,
    ).toBe(409);

    const leader = await t.login('district_leader');
    const v = (await q('select version from case_record where id = $1', [id])).rows[0].version;
    expect(
      (await street.post(`/api/v1/cases/${id}/actions/supervise`, { version: v, reason: '请加快' }))
        .statusCode,
    ).toBe(403);
    const manual = await leader.post(`/api/v1/cases/${id}/actions/supervise`, {
      version: v,
      reason: '群众反映强烈',
      dueWorkingDays: 3,
    });
    expect(manual.statusCode).toBe(200);
    const orders = manual.json().supervisionOrders;
    expect(orders.map((o: { level: string; source: string }) => `${o.level}/${o.source}`)).toEqual([
      'street/auto',
      'district/manual',
    ]);
    const open = (await leader.get('/api/v1/supervision-orders?open=true&limit=200')).json();
    expect(
      open.items.some((o: { caseId: number; source: string }) => o.caseId === id && o.source === 'manual'),
    ).toBe(true);
    expect(manual.json().availableActions).toContain('supervise');
  });

  it("the demo district has overdue cases, escalated, and a leader's supervision order", async () => {
    const r = (
      await q(`select (select count(*) from supervision_order where source = 'manual')::int as manual,
                      (select count(*) from supervision_order where source = 'auto')::int as auto,
                      (select count(distinct state) from case_record)::int as states,
                      (select count(*) from case_penalty)::int as penalties,
                      (select count(*) from group_renting_inspection)::int as inspections`)
    ).rows[0];
    expect(r.manual).toBeGreaterThanOrEqual(1);
    expect(r.auto).toBeGreaterThanOrEqual(1);
    expect(r.states).toBe(10);
    expect(r.penalties).toBeGreaterThanOrEqual(1);
    expect(r.inspections).toBeGreaterThanOrEqual(1);
  });

  it('suspension pauses the clock across the National Day holidays and resumes with the time that was left', async () => {
    const street = await demoActor(t, 'street');
    const at = (iso: string) => new Date(iso);
    const id = await reportRepair('挂账测试', '挂账', at('2026-09-30T09:00:00+08:00'));
    await actOnCase(t.ctx, street, id, 'register', { version: 0 }, { now: at('2026-09-30T10:00:00+08:00') });
    // dispatch: 1 working day from Wed 09-30 → the end of Thu 10-08 (10-01..10-07 are off)
    expect(shanghaiIso((await caseById(t.ctx.db, id))!.stageDueAt!)).toBe('2026-10-08T23:59:59+08:00');
    await actOnCase(
      t.ctx,
      street,
      id,
      'suspend',
      { version: 1, reason: '等待业主配合', reviewDate: '2026-10-12' },
      { now: at('2026-09-30T12:00:00+08:00') },
    );
    const suspended = (await caseById(t.ctx.db, id))!;
    expect(suspended.stageDueAt).toBeNull();
    expect(suspended.stageRemainingMs).toBe(36 * 3600_000 - 1000); // the rest of 09-30 and all of 10-08
    // nothing to escalate while suspended, whatever the date
    await superviseOverdueCases(t.ctx, { now: at('2026-11-30T12:00:00+08:00') });
    expect((await caseById(t.ctx.db, id))!.escalationLevel).toBe(0);
    await actOnCase(t.ctx, street, id, 'resume', { version: 2 }, { now: at('2026-10-12T09:00:00+08:00') });
    const resumed = (await caseById(t.ctx.db, id))!;
    expect(resumed.state).toBe('registered');
    // 15 h left of Mon 10-12, then 21 h less a second of Tue 10-13
    expect(shanghaiIso(resumed.stageDueAt!)).toBe('2026-10-13T20:59:59+08:00');
  });
});

describe('suspension (挂账) pauses supervision too', () => {
  it('a suspended case is not escalated on resume: the supervision order gets back the time it had left', async () => {
    const street = await demoActor(t, 'street');
    const [id] = await overdueCases(1);
    const now = Date.now();
    // registered back then: its dispatch stage is overdue now
    await actOnCase(t.ctx, street, id!, 'register', { version: 0 }, { now: new Date(now - 10 * DAY) });
    await superviseOverdueCases(t.ctx, { now: new Date(now) });
    const before = (await caseById(t.ctx.db, id!))!;
    expect(before.escalationLevel).toBe(1);
    const left = +before.supervisionDueAt! - now;
    await actOnCase(
      t.ctx,
      street,
      id!,
      'suspend',
      { version: before.version, reason: '等待业主配合', reviewDate: shanghaiDate(now + 40 * DAY) },
      { now: new Date(now) },
    );
    const suspended = (await caseById(t.ctx.db, id!))!;
    expect(suspended.supervisionDueAt).toBeNull();
    expect(suspended.supervisionRemainingMs).toBeGreaterThan(0);
    // a month suspended, far past the order's own deadline: nothing happens
    await superviseOverdueCases(t.ctx, { now: new Date(now + 30 * DAY) });
    expect((await caseById(t.ctx.db, id!))!.escalationLevel).toBe(1);
    const resumeAt = new Date(now + 30 * DAY);
    await actOnCase(t.ctx, street, id!, 'resume', { version: suspended.version }, { now: resumeAt });
    const resumed = (await caseById(t.ctx.db, id!))!;
    expect(+resumed.supervisionDueAt!).toBeGreaterThan(+resumeAt);
    const order = (await q('select due_at from supervision_order where case_id = $1', [id])).rows[0];
    expect(+order.due_at).toBe(+resumed.supervisionDueAt!);
    // the stage is overdue again at once, but the order still has its time: not escalated on resume
    await superviseOverdueCases(t.ctx, { now: new Date(+resumeAt + 60_000) });
    expect((await caseById(t.ctx.db, id!))!.escalationLevel).toBe(1);
    expect((await ordersOf([id!])).map((o) => o.level)).toEqual(['street']);
    // once that time has run out it goes on to the district as usual
    await superviseOverdueCases(t.ctx, { now: new Date(+resumeAt + left + 10 * DAY) });
    expect((await caseById(t.ctx.db, id!))!.escalationLevel).toBe(2);
  });

  it('reminds the suspender on the review date, once; past it the case is on the supervision board', async () => {
    const street = await demoActor(t, 'street');
    const at = new Date('2026-03-02T10:00:00+08:00');
    const id = await reportRepair('复核提醒', '挂账', at);
    await actOnCase(t.ctx, street, id, 'register', { version: 0 }, { now: at });
    await actOnCase(
      t.ctx,
      street,
      id,
      'suspend',
      { version: 1, reason: '等待统一改造', reviewDate: '2026-03-10' },
      { now: at },
    );
    const mine = () =>
      q(`select user_id, kind from notification where case_id = $1 and kind = 'suspension_review_due'`, [
        id,
      ]).then((r) => r.rows);
    await remindSuspensionReviews(t.ctx, { now: new Date('2026-03-09T09:00:00+08:00') });
    expect(await mine()).toEqual([]);
    const day = new Date('2026-03-10T08:00:00+08:00');
    await remindSuspensionReviews(t.ctx, { now: day });
    await remindSuspensionReviews(t.ctx, { now: day });
    expect(await mine()).toEqual([{ user_id: street.userId, kind: 'suspension_review_due' }]);
    const leader = await t.login('district_leader');
    const board = (await leader.get('/api/v1/cases?queue=suspension_review_due&limit=200')).json();
    expect(board.items.map((c: { id: number }) => c.id)).toContain(id);
    const client = await t.login('street');
    const inbox = (await client.get('/api/v1/notifications?limit=100')).json();
    expect(inbox.items.find((n: { caseId: number }) => n.caseId === id)).toMatchObject({
      kind: 'suspension_review_due',
      title: '挂账案件到复核日期',
    });
    // suspended with a review date still ahead: not on the board
    const fresh = await overdueCases(1, 0);
    await actOnCase(t.ctx, street, fresh[0]!, 'register', { version: 0 });
    await actOnCase(t.ctx, street, fresh[0]!, 'suspend', {
      version: 1,
      reason: '等待',
      reviewDate: shanghaiDate(Date.now() + 5 * DAY),
    });
    const again = (await leader.get('/api/v1/cases?queue=suspension_review_due&limit=200')).json();
    expect(again.items.map((c: { id: number }) => c.id)).not.toContain(fresh[0]);
  });
});

describe('accountability (问责) for units that keep missing deadlines', () => {
  it('a unit whose overdue cases in a month reach the configured count gets one record, the cases as evidence', async () => {
    expect(t.ctx.config.ACCOUNTABILITY_OVERDUE_CASES).toBe(3);
    const street = await demoActor(t, 'street');
    // a month no other test sweeps in, so only these cases count
    const dispatched = async (iso: string) => {
      const at = new Date(iso);
      const id = await reportRepair('反复超期', '无人处理', at);
      await actOnCase(t.ctx, street, id, 'register', { version: 0 }, { now: at });
      await actOnCase(t.ctx, street, id, 'dispatch', { version: 1 }, { now: at });
      return id;
    };
    const first = [
      await dispatched('2027-06-01T10:00:00+08:00'),
      await dispatched('2027-06-01T11:00:00+08:00'),
    ];
    const third = await dispatched('2027-06-18T10:00:00+08:00');
    const lead = (await caseById(t.ctx.db, third))!;
    expect(lead.leadKind).toBeTruthy();
    const records = () =>
      q(
        `select id, period, evidence, unit_name from accountability_record
         where kind = 'unit_overdue' and street_id = $1 and unit_kind = $2 and unit_id = $3`,
        [streetId, lead.leadKind, lead.leadId],
      ).then((r) => r.rows);
    // two overdue cases: below the count
    await superviseOverdueCases(t.ctx, { now: new Date('2027-06-21T10:00:00+08:00') });
    expect(await records()).toEqual([]);
    // the third reaches street-level supervision in the same month: one record, three cases
    await superviseOverdueCases(t.ctx, { now: new Date('2027-06-29T10:00:00+08:00') });
    await superviseOverdueCases(t.ctx, { now: new Date('2027-06-29T10:05:00+08:00') });
    const [record, ...more] = await records();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ period: '2027-06', unit_name: lead.leadName });
    expect(record.evidence.map((e: { caseId: number }) => e.caseId)).toEqual([...first, third]);
    const leader = await t.login('district_leader');
    const list = (await leader.get('/api/v1/accountability-records?limit=200')).json();
    expect(list.items.find((r: { id: number }) => r.id === Number(record.id))).toMatchObject({
      kind: 'unit_overdue',
      caseId: null,
      period: '2027-06',
      reason: 'repeated_overdue',
      unit: { kind: lead.leadKind, name: lead.leadName },
    });
  });
});

describe('OpenAPI', () => {
  it('documents the case, calendar and responsibility-list endpoints', async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json();
    for (const path of [
      '/api/v1/cases',
      '/api/v1/cases/{id}',
      '/api/v1/cases/{id}/actions/{action}',
      '/api/v1/calendar/deadline',
      '/api/v1/duty-rules/preview',
      '/api/v1/supervision-orders',
      '/api/v1/files',
    ])
      expect(doc.paths[path], path).toBeTruthy();
    const post = doc.paths['/api/v1/cases'].post;
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(
      doc.paths['/api/v1/cases/{id}/actions/{action}'].post.requestBody.content['application/json'].schema
        .required,
    ).toEqual(['version']);
    expect(
      doc.paths['/api/v1/calendar/deadline'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['from', 'workingDays']));
  });
});
