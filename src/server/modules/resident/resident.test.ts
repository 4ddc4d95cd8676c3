import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { multipart, PNG_1x1 } from '../../../../test/cases';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);

let resident: Client;
let street: Client;
let caseId: number;

async function version(id: number): Promise<number> {
  return (await q('select version from case_record where id = $1', [id])).rows[0].version;
}
async function act(c: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await c.post(`/api/v1/cases/${id}/actions/${action}`, { version: await version(id), ...body });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  resident = await t.login('resident');
  street = await t.login('street');
  const home = (await resident.get('/api/v1/resident/home')).json().places[0];
  const m = multipart('leak.png', PNG_1x1, 'image/png');
  const photo = (
    await resident.request({ method: 'POST', url: '/api/v1/files', payload: m.payload, headers: m.headers })
  ).json();
  const res = await resident.post(
    '/api/v1/cases',
    {
      categoryCode: 'property_service.repair',
      communityId: home.communityId,
      unitId: home.unit.id,
      title: '卫生间漏水',
      description: '楼上卫生间漏水到我家天花板',
      reporterName: '赵一二',
      reporterPhone: '13912340000',
      attachments: [{ fileId: photo.fileId, kind: 'before' }],
    },
    { 'idempotency-key': `resident-test-${Date.now()}` },
  );
  expect(res.statusCode).toBe(201);
  caseId = res.json().id;
});

describe('resident views', () => {
  it('the home: community, buildings and the resident’s own unit', async () => {
    const home = (await resident.get('/api/v1/resident/home')).json();
    expect(home.places).toHaveLength(1);
    const place = home.places[0];
    expect(place.communityName).toBe('蒙自雅苑');
    expect(place.buildings.length).toBeGreaterThan(0);
    expect(place.buildings.map((b: { id: number }) => b.id)).toContain(place.unit.buildingId);
  });

  it('my reports: plain-words progress, expected completion, photos; rating once closed', async () => {
    const list = (await resident.get('/api/v1/resident/cases?limit=50')).json();
    const mine = list.items.find((c: { id: number }) => c.id === caseId);
    expect(mine).toMatchObject({ state: 'reported', title: '卫生间漏水', rated: false });
    expect(new Date(mine.expectedAt).getTime()).toBeGreaterThan(Date.now());

    await act(street, caseId, 'register');
    await act(street, caseId, 'comment', { note: '内部备注：联系物业经理' });
    await act(street, caseId, 'dispatch');
    const d1 = (await resident.get(`/api/v1/resident/cases/${caseId}`)).json();
    expect(d1.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'register', 'dispatch']);
    expect(d1.timeline[2].text).toMatch(/^已派给.+处理$/);
    expect(JSON.stringify(d1)).not.toContain('内部备注');
    expect(d1.photos).toHaveLength(1);
    const due = (await q('select stage_due_at from case_record where id = $1', [caseId])).rows[0]
      .stage_due_at;
    expect(new Date(d1.expectedAt).getTime()).toBe(new Date(due).getTime());
    const en = (
      await resident.get(`/api/v1/resident/cases/${caseId}`, { 'accept-language': 'en-US' })
    ).json();
    expect(en.timeline[1].text).toBe('Accepted and registered');

    // someone else's report is not found
    const other = (
      await q(
        `select id from case_record where reporter_user_id <> (select id from user_account where username = 'resident') limit 1`,
      )
    ).rows[0].id;
    expect((await resident.get(`/api/v1/resident/cases/${other}`)).statusCode).toBe(404);
  });
});

describe('privacy of the reporter', () => {
  it('departments see name and phone masked and cannot reveal them', async () => {
    const department = await t.login('department');
    const admin = await t.login('district_admin');
    const r = await admin.post(`/api/v1/cases/${caseId}/reporter`);
    expect(r.statusCode).toBe(200);
    // a case the department holds a task for
    const row = (
      await q(`select c.id from case_record c join case_task k on k.case_id = c.id and k.unit_kind = 'department'
               join user_account u on u.username = 'department' join role_assignment ra on ra.user_id = u.id
               where k.unit_id = ra.department_id and c.reporter_name is not null limit 1`)
    ).rows[0];
    const detail = (await department.get(`/api/v1/cases/${row.id}`)).json();
    expect(detail.reporter.name).toMatch(/^.\*+$/);
    expect(detail.reporter.canReveal).toBe(false);
    if (detail.reporter.phone) expect(detail.reporter.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await department.post(`/api/v1/cases/${row.id}/reporter`)).statusCode).toBe(403);
  });

  it('the street may reveal them; every unmasked view is audited', async () => {
    const detail = (await street.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.reporter).toMatchObject({
      name: '赵**',
      phone: '139****0000',
      canReveal: true,
      isMe: false,
    });
    const before = (
      await q(`select count(*)::int as n from audit_log where action = 'case.reporter_revealed'`)
    ).rows[0].n;
    const shown = await street.post(`/api/v1/cases/${caseId}/reporter`);
    expect(shown.json()).toEqual({ name: '赵一二', phone: '13912340000' });
    const rows = (
      await q(
        `select actor_label, entity_id from audit_log where action = 'case.reporter_revealed' order by seq`,
      )
    ).rows;
    expect(rows.length).toBe(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({ actor_label: 'street', entity_id: String(caseId) });
    const street2 = await t.login('street2');
    expect((await street2.post(`/api/v1/cases/${caseId}/reporter`)).statusCode).toBe(404);
  });

  it('the resident rates once the case is closed', async () => {
    const property = await t.login('property');
    await act(property, caseId, 'accept');
    const m = multipart('fixed.png', PNG_1x1, 'image/png');
    const up = (
      await property.request({ method: 'POST', url: '/api/v1/files', payload: m.payload, headers: m.headers })
    ).json();
    await act(property, caseId, 'handle', {
      note: '已修好防水层',
      attachments: [{ fileId: up.fileId, kind: 'after' }],
    });
    await act(street, caseId, 'close', { note: '回访确认不再漏水' });
    const d = (await resident.get(`/api/v1/resident/cases/${caseId}`)).json();
    expect(d).toMatchObject({ state: 'closed', canRate: true, expectedAt: null });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'close', note: '回访确认不再漏水' });
    await act(resident, caseId, 'rate', { score: 5, note: '很及时' });
    const rated = (await resident.get(`/api/v1/resident/cases/${caseId}`)).json();
    expect(rated).toMatchObject({
      canRate: false,
      rated: true,
      satisfaction: { score: 5, comment: '很及时' },
    });
  });
});
