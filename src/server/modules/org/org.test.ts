import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

const t = setupTestApp();

async function streetId(name: string): Promise<number> {
  return (await t.ctx.database.pool.query('select id from street where name = $1', [name])).rows[0].id;
}
async function communityIn(street: string): Promise<number> {
  return (
    await t.ctx.database.pool.query(
      'select c.id from community c join street s on s.id = c.street_id where s.name = $1 order by c.id limit 1',
      [street],
    )
  ).rows[0].id;
}
async function auditCount() {
  return (await t.ctx.database.pool.query('select count(*)::int as n from audit_log')).rows[0].n as number;
}

describe('community register: scoped by role and place', () => {
  it('a 五里桥 street officer sees only 五里桥 communities, and 404 for one of 外滩', async () => {
    const street = await t.login('street');
    const wuliqiao = await streetId('五里桥街道');
    const res = await street.get('/api/v1/communities?limit=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(body.items.length);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((c: { street: { id: number } }) => c.street.id === wuliqiao)).toBe(true);
    const waitan = await communityIn('外滩街道');
    const other = await street.get(`/api/v1/communities/${waitan}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    expect(other.body).not.toContain('外滩');
    // filtering by another street yields nothing rather than leaking
    const filtered = await street.get(`/api/v1/communities?streetId=${await streetId('外滩街道')}`);
    expect(filtered.json().items).toEqual([]);
  });

  it('district roles see the whole district; committee, property and residents see their own', async () => {
    const total = (await t.ctx.database.pool.query('select count(*)::int as n from community')).rows[0].n;
    for (const username of ['district_admin', 'district_leader', 'department', 'inspector']) {
      const c = await t.login(username);
      expect((await c.get('/api/v1/communities?limit=1')).json().total, username).toBe(total);
    }
    const committee = await t.login('committee');
    const mine = (await committee.get('/api/v1/communities?limit=200')).json();
    const committeeId = (
      await t.ctx.database.pool.query(
        "select committee_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'committee'",
      )
    ).rows[0].committee_id;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((c: { committee: { id: number } }) => c.committee.id === committeeId)).toBe(true);

    const property = await t.login('property');
    const managed = (await property.get('/api/v1/communities?limit=200')).json();
    const orgId = (
      await t.ctx.database.pool.query(
        "select organization_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'property'",
      )
    ).rows[0].organization_id;
    expect(managed.items.length).toBeGreaterThan(0);
    expect(
      managed.items.every((c: { propertyCompany: { id: number } }) => c.propertyCompany.id === orgId),
    ).toBe(true);

    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/communities')).json().total).toBe(1);
  });

  it('filters by street, housing type, management mode and text, and pages with a cursor', async () => {
    const admin = await t.login('district_admin');
    const old = (await admin.get('/api/v1/communities?housingType=old_public&limit=200')).json();
    expect(old.items.length).toBeGreaterThan(0);
    expect(old.items.every((c: { housingType: string }) => c.housingType === 'old_public')).toBe(true);
    const none = (await admin.get('/api/v1/communities?managementMode=none&limit=200')).json();
    expect(
      none.items.every(
        (c: { managementMode: string; propertyCompany: unknown }) =>
          c.managementMode === 'none' && c.propertyCompany === null,
      ),
    ).toBe(true);
    const text = (await admin.get(`/api/v1/communities?q=${encodeURIComponent('新村')}`)).json();
    expect(
      text.items.every((c: { name: string; address: string }) => `${c.name}${c.address}`.includes('新村')),
    ).toBe(true);

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/communities?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await admin.get(url)).json();
      seen.push(...body.items.map((c: { id: number }) => c.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const total = (await admin.get('/api/v1/communities?limit=1')).json().total;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const bad = await admin.get('/api/v1/communities?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
  });

  it('exports the filtered list to Excel with localized headers', async () => {
    const street = await t.login('street');
    const res = await street.get('/api/v1/communities/export.xlsx?housingType=old_public', {
      'accept-language': 'en-US',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).text).toBe('Community');
    const listed = (await street.get('/api/v1/communities?housingType=old_public&limit=200')).json();
    expect(sheet.rowCount - 1).toBe(listed.items.length);
    const names = new Set(listed.items.map((c: { name: string }) => c.name));
    for (let r = 2; r <= sheet.rowCount; r++) expect(names.has(sheet.getRow(r).getCell(2).text)).toBe(true);
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/communities/export.xlsx')).statusCode).toBe(403);
  });

  it('shows the community profile with buildings, units, areas, property company and owners committee', async () => {
    const street = await t.login('street');
    const id = (
      await t.ctx.database.pool.query(
        "select c.id from community c join owners_committee o on o.community_id = c.id join street s on s.id = c.street_id where s.name = '五里桥街道' and c.property_org_id is not null limit 1",
      )
    ).rows[0].id;
    const res = await street.get(`/api/v1/communities/${id}`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    const db = await t.ctx.database.pool.query(
      'select count(*)::int as n, sum(exclusive_area)::numeric(14,2)::text as area from unit where community_id = $1',
      [id],
    );
    expect(p.unitCount).toBe(db.rows[0].n);
    expect(p.exclusiveArea).toBe(db.rows[0].area);
    expect(p.buildings.length).toBeGreaterThan(0);
    expect(p.propertyCompany.name).toMatch(/公司$/);
    expect(p.propertyCompanyUscc).toMatch(/^[0-9A-Z]{18}$/);
    expect(p.ownersCommittee.name).toContain('业主委员会');
    expect(p.abilities).toEqual({ edit: true, export: true });
    const resident = await t.login('resident');
    const rp = (await (await resident.get('/api/v1/communities?limit=1')).json()).items[0];
    expect((await resident.get(`/api/v1/communities/${rp.id}`)).json().abilities.edit).toBe(false);
  });
});

describe('editing a community', () => {
  it('a street officer edits their own community; audited with before and after', async () => {
    const street = await t.login('street');
    const id = await communityIn('五里桥街道');
    const profile = (await street.get(`/api/v1/communities/${id}`)).json();
    const res = await street.patch(`/api/v1/communities/${id}`, {
      version: profile.version,
      households: 321,
      isMixedUse: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ households: 321, isMixedUse: true, version: profile.version + 1 });
    const audit = await t.ctx.database.pool.query(
      "select before, after, actor_label from audit_log where action = 'community.updated' and entity_id = $1 order by at desc limit 1",
      [String(id)],
    );
    expect(audit.rows[0].actor_label).toBe('street');
    expect(audit.rows[0].before.households).toBe(profile.households);
    expect(audit.rows[0].after.households).toBe(321);
  });

  it('two edits from the same version: one wins, the other gets 409 and changes nothing', async () => {
    const admin = await t.login('district_admin');
    const id = await communityIn('外滩街道');
    const { version, households } = (await admin.get(`/api/v1/communities/${id}`)).json();
    const [a, b] = await Promise.all([
      admin.patch(`/api/v1/communities/${id}`, { version, households: households + 1 }),
      admin.patch(`/api/v1/communities/${id}`, { version, households: households + 2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('conflict.version');
    const now = (await admin.get(`/api/v1/communities/${id}`)).json();
    expect(now.version).toBe(version + 1);
  });

  it('403 for a role that may not edit, 404 for a street officer on another street', async () => {
    const id = await communityIn('外滩街道');
    const leader = await t.login('district_leader');
    expect((await leader.patch(`/api/v1/communities/${id}`, { version: 0, households: 1 })).statusCode).toBe(
      403,
    );
    const street = await t.login('street');
    expect((await street.patch(`/api/v1/communities/${id}`, { version: 0, households: 1 })).statusCode).toBe(
      404,
    );
  });

  it('bad input names the field and writes nothing', async () => {
    const admin = await t.login('district_admin');
    const id = await communityIn('五里桥街道');
    const before = await auditCount();
    const cases: [unknown, string][] = [
      [{ version: 0, households: 'many' }, 'body.households'],
      [{ version: 0, colour: 'red' }, 'body.colour'],
      [{ version: 0, housingType: 'castle' }, 'body.housingType'],
      [{ households: 3 }, 'body.version'],
      [{ version: 0, propertyOrgId: 999999 }, 'body.propertyOrgId'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.patch(`/api/v1/communities/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const malformed = await admin.request({
      method: 'PATCH',
      url: `/api/v1/communities/${id}`,
      payload: '{"version": 0,',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('request.malformed_json');
    const huge = await admin.request({
      method: 'PATCH',
      url: `/api/v1/communities/${id}`,
      payload: JSON.stringify({ version: 0, name: 'x'.repeat(1024 * 1024 + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('request.too_large');
    expect(await auditCount()).toBe(before);
  });
});
