import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { addDays, shanghaiDate } from '../../platform/dates';
import { successPercent } from './mediation.usecases';

const t = setupTestApp();
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows[0] as T;
const streetOf = async (username: string) =>
  (
    await one<{ street_id: number }>(
      'select r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = $1',
      [username],
    )
  ).street_id;

describe("people's mediation", () => {
  it('the success rate leaves withdrawn cases out and rounds half up', () => {
    expect(successPercent(0, 0)).toBe('0.0');
    expect(successPercent(2, 1)).toBe('66.7');
    expect(successPercent(1, 7)).toBe('12.5');
  });

  it('mediators see the cases of their street; the district committee is seen by all readers', async () => {
    const mediator = await t.login('mediator');
    const street = await streetOf('mediator');
    const list = (await mediator.get('/api/v1/mediation/cases?limit=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((c: { street: { id: number } }) => c.street.id === street)).toBe(true);
    expect(
      list.items.every((c: { parties: { phone: string | null }[] }) =>
        c.parties.every((p) => !p.phone || p.phone.includes('****')),
      ),
    ).toBe(true);
    const committees = (await mediator.get('/api/v1/mediation/committees')).json().items;
    expect(committees.map((c: { level: string }) => c.level).sort()).toEqual(['district', 'street']);
    const waitanCase = await one<{ id: number }>(
      "select m.id from mediation_case m join street s on s.id = m.street_id where s.name = '外滩街道' limit 1",
    );
    expect((await mediator.get(`/api/v1/mediation/cases/${waitanCase.id}`)).statusCode).toBe(404);
    expect(
      (await (await t.login('street2')).get(`/api/v1/mediation/cases/${waitanCase.id}`)).statusCode,
    ).toBe(200);
    expect((await (await t.login('resident')).get('/api/v1/mediation/cases')).statusCode).toBe(403);
    const stats = (await mediator.get('/api/v1/mediation/stats')).json();
    expect(stats.successPercent).toBe(successPercent(stats.agreed, stats.failed));
    expect(stats.received).toBe(list.items.length);
  });

  it('accepts a dispute with a 30-day limit, holds sessions, and closes with an agreement', async () => {
    const mediator = await t.login('mediator');
    const street = await streetOf('mediator');
    const { id: committeeId } = await one<{ id: number }>(
      'select id from mediation_committee where street_id = $1',
      [street],
    );
    const { id: communityId } = await one<{ id: number }>(
      'select id from community where street_id = $1 order by id limit 1',
      [street],
    );
    const received = addDays(shanghaiDate(), -3);
    const parties = [
      { role: 'applicant', kind: 'person', name: '周某', phone: '13912345678' },
      { role: 'respondent', kind: 'property_company', name: '某物业公司' },
    ];
    const bad = await mediator.post('/api/v1/mediation/cases', {
      committeeId,
      communityId,
      disputeType: 'noise',
      title: '夜间施工噪声',
      receivedOn: received,
      parties: [parties[0]],
    });
    expect(bad.json().errors[0].path).toBe('body.parties');
    const created = await mediator.post('/api/v1/mediation/cases', {
      committeeId,
      communityId,
      disputeType: 'noise',
      title: '夜间施工噪声',
      receivedOn: received,
      parties,
    });
    expect(created.statusCode).toBe(200);
    let c = created.json();
    expect(c).toMatchObject({ status: 'accepted', dueOn: addDays(received, 30), overdue: false });
    expect(c.mediator).not.toBeNull();
    expect(c.parties[0].phone).toBe('139****5678');
    c = (
      await mediator.post(`/api/v1/mediation/cases/${c.id}/sessions`, {
        version: c.version,
        heldOn: shanghaiDate(),
        place: '调解室',
        notes: '双方陈述。',
      })
    ).json();
    expect(c).toMatchObject({ status: 'in_progress' });
    expect(c.sessions).toHaveLength(1);
    c = (
      await mediator.post(`/api/v1/mediation/cases/${c.id}/extend`, {
        version: c.version,
        days: 15,
        reason: '需要现场检测',
      })
    ).json();
    expect(c.dueOn).toBe(addDays(received, 45));
    const noAgreement = await mediator.post(`/api/v1/mediation/cases/${c.id}/close`, {
      version: c.version,
      outcome: 'agreed',
      closedOn: shanghaiDate(),
    });
    expect(noAgreement.json().errors[0].path).toBe('body.agreement');
    const stale = await mediator.post(`/api/v1/mediation/cases/${c.id}/close`, {
      version: c.version - 1,
      outcome: 'failed',
      closedOn: shanghaiDate(),
    });
    expect(stale.statusCode).toBe(409);
    c = (
      await mediator.post(`/api/v1/mediation/cases/${c.id}/close`, {
        version: c.version,
        outcome: 'agreed',
        closedOn: shanghaiDate(),
        agreement: { text: '施工方承诺 22 点后停止施工。', signedOn: shanghaiDate() },
      })
    ).json();
    expect(c).toMatchObject({ status: 'agreed', abilities: { close: false } });
    expect(
      (
        await mediator.post(`/api/v1/mediation/cases/${c.id}/sessions`, {
          version: c.version,
          heldOn: shanghaiDate(),
          place: 'x',
          notes: 'x',
        })
      ).json().code,
    ).toBe('mediation.not_open');
    const audit = await one<{ n: number }>(
      "select count(*)::int as n from audit_log where entity_type = 'mediation_case' and entity_id = $1",
      [String(c.id)],
    );
    expect(audit.n).toBe(4);
    // the street reads but does not mediate
    expect(
      (
        await (
          await t.login('street')
        ).post(`/api/v1/mediation/cases/${c.id}/close`, {
          version: c.version,
          outcome: 'failed',
          closedOn: shanghaiDate(),
        })
      ).statusCode,
    ).toBe(403);
    const xlsx = await mediator.get('/api/v1/mediation/cases/export.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('the district adds committees; a street officer only for their own street', async () => {
    const admin = await t.login('district_admin');
    const res = await admin.post('/api/v1/mediation/committees', {
      level: 'district',
      name: '黄浦区物业纠纷专业调解委员会',
    });
    expect(res.statusCode).toBe(200);
    const street = await t.login('street');
    expect(
      (await street.post('/api/v1/mediation/committees', { level: 'district', name: '某委员会' })).statusCode,
    ).toBe(403);
    const other = await streetOf('street2');
    expect(
      (
        await street.post('/api/v1/mediation/committees', {
          level: 'street',
          streetId: other,
          name: '某委员会',
        })
      ).statusCode,
    ).toBe(404);
  });
});
