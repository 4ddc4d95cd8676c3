import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { multipartFile, tinyPdf, tinyPng } from '../../../../test/multipart';
import { isValidIdNumber } from '../../../contracts/owners';
import { addDays, addYears } from '../../platform/dates';
import { remindReelections } from './owners.usecases';

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await q<T>(text, params))[0]!;
const auditCount = async (action?: string) =>
  Number(
    (
      await one<{ n: string }>(
        `select count(*) as n from audit_log ${action ? 'where action = $1' : ''}`,
        action ? [action] : [],
      )
    ).n,
  );
const demoCommunity = async () =>
  Number(
    (
      await one<{ id: number }>(
        "select r.community_id as id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'owners_committee'",
      )
    ).id,
  );
const waitanCommunity = async () =>
  Number(
    (
      await one<{ id: number }>(
        "select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1",
      )
    ).id,
  );

function validId(seed: number): string {
  const body = `31010119800101${String(seed).padStart(3, '0')}`.slice(0, 17);
  for (const c of '0123456789X') if (isValidIdNumber(body + c)) return body + c;
  throw new Error('unreachable');
}

describe('owner register', () => {
  it('lists units with owners, phone and ID masked, and filters by status and multi-unit buyers', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const res = await oc.get(`/api/v1/owner-units?communityId=${community}&limit=200`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(
      Number(
        (await one<{ n: string }>('select count(*) as n from unit where community_id = $1', [community])).n,
      ),
    );
    const people = body.items.flatMap((u: { owners: { kind: string; phone: string; idNumber: string }[] }) =>
      u.owners.filter((o) => o.kind === 'person'),
    );
    expect(people.length).toBeGreaterThan(50);
    for (const o of people) {
      if (o.phone) expect(o.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      if (o.idNumber) expect(o.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
    const unsold = (
      await oc.get(`/api/v1/owner-units?communityId=${community}&status=developer_unsold&limit=200`)
    ).json();
    expect(unsold.items.length).toBeGreaterThan(0);
    expect(
      unsold.items.every(
        (u: { status: string; ownerKey: string }) =>
          u.status === 'developer_unsold' && u.ownerKey === 'developer',
      ),
    ).toBe(true);
    const multi = (
      await oc.get(`/api/v1/owner-units?communityId=${community}&multiUnit=true&limit=200`)
    ).json();
    expect(multi.items.length).toBeGreaterThan(1);
    const keys = multi.items.map((u: { ownerKey: string }) => u.ownerKey);
    // each multi-unit buyer's key appears at least twice
    for (const k of keys) expect(keys.filter((x: string) => x === k).length).toBeGreaterThanOrEqual(2);
  });

  it('the owner count of SPEC 5.5: the developer once, each buyer once, co-owners as one', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const s = (await oc.get(`/api/v1/communities/${community}/owner-summary`)).json();
    const rows = await q<{ unit_id: number; kind: string; person_id: number | null; delivered: boolean }>(
      'select unit_id, kind, person_id, delivered from unit_owner where community_id = $1 and until is null',
      [community],
    );
    const units = await q<{ id: number }>('select id from unit where community_id = $1', [community]);
    const keys = new Set<string>();
    for (const u of units) {
      const hs = rows.filter((r) => Number(r.unit_id) === Number(u.id));
      if (hs.some((h) => h.kind === 'developer') || (hs.length > 0 && hs.every((h) => !h.delivered)))
        keys.add('developer');
      else if (hs.length === 0) keys.add(`u${u.id}`);
      else
        keys.add(
          hs
            .map((h) => Number(h.person_id))
            .sort((a, b) => a - b)
            .join(','),
        );
    }
    expect(s.ownerCount).toBe(keys.size);
    expect(s.ownerCount).toBeLessThan(s.units);
    expect(s.developerUnits).toBeGreaterThan(0);
    expect(s.multiUnitBuyers).toBeGreaterThan(0);
    expect(s.coOwnedUnits).toBeGreaterThan(0);
  });

  it('reveals phone and ID only to roles that need them, and logs each view', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const { person_id } = await one<{ person_id: number }>(
      "select person_id from unit_owner where community_id = $1 and kind = 'person' and until is null limit 1",
      [community],
    );
    const before = await auditCount('owner.pii_viewed');
    const res = await oc.post(`/api/v1/owners/${person_id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(isValidIdNumber(res.json().idNumber)).toBe(true);
    expect(await auditCount('owner.pii_viewed')).toBe(before + 1);
    const view = await one<{ actor_label: string; entity_id: string }>(
      "select actor_label, entity_id from audit_log where action = 'owner.pii_viewed' order by at desc limit 1",
    );
    expect(view).toEqual({ actor_label: 'owners_committee', entity_id: String(person_id) });
    // the committee (居委会) reads the register but does not see the numbers; a resident may not read it
    expect((await (await t.login('committee')).post(`/api/v1/owners/${person_id}/reveal`)).statusCode).toBe(
      403,
    );
    expect((await (await t.login('resident')).get(`/api/v1/owners/${person_id}`)).statusCode).toBe(403);
    // a street officer of another street: not found
    expect((await (await t.login('street2')).post(`/api/v1/owners/${person_id}/reveal`)).statusCode).toBe(
      404,
    );
    expect(await auditCount('owner.pii_viewed')).toBe(before + 1);
  });

  it('checks role and place: 403 without the permission, 404 outside the place', async () => {
    const community = await demoCommunity();
    expect(
      (await (await t.login('property')).get(`/api/v1/owner-units?communityId=${community}`)).statusCode,
    ).toBe(403);
    expect(
      (await (await t.login('street2')).get(`/api/v1/owner-units?communityId=${community}`)).statusCode,
    ).toBe(404);
    const waitan = await waitanCommunity();
    expect(
      (await (await t.login('owners_committee')).get(`/api/v1/owner-units?communityId=${waitan}`)).statusCode,
    ).toBe(404);
  });

  it('records a transfer, ending the old owners; bad input names the field and writes nothing', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const { unit_id } = await one<{ unit_id: number }>(
      "select unit_id from unit_owner where community_id = $1 and kind = 'person' and until is null order by unit_id desc limit 1 offset 3",
      [community],
    );
    const auditBefore = await auditCount();
    for (const [body, path] of [
      [
        { since: '2026-01-01', owners: [{ name: '甲', idNumber: '310101198001010000' }] },
        'body.owners.0.idNumber',
      ],
      [{ since: '2026-13-01', owners: [{ name: '甲', idNumber: validId(1) }] }, 'body.since'],
      [{ since: '2026-01-01', owners: [] }, 'body.owners'],
      [
        { since: '2026-01-01', owners: [{ name: '甲', idNumber: validId(1), phone: '12345' }] },
        'body.owners.0.phone',
      ],
      [
        { since: '2026-01-01', developer: 'unsold', owners: [{ name: '甲', idNumber: validId(1) }] },
        'body.owners',
      ],
    ] as const) {
      const res = await oc.put(`/api/v1/owner-units/${unit_id}/owners`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await auditCount()).toBe(auditBefore);
    const res = await oc.put(`/api/v1/owner-units/${unit_id}/owners`, {
      since: '2026-06-01',
      owners: [
        { name: '新业主甲', idNumber: validId(11), phone: '13900001111' },
        { name: '新业主乙', idNumber: validId(12) },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().owners.map((o: { name: string }) => o.name)).toEqual(['新业主甲', '新业主乙']);
    expect(res.json().owners[0].phone).toBe('139****1111');
    const ended = await q('select * from unit_owner where unit_id = $1 and until = $2', [
      unit_id,
      '2026-06-01',
    ]);
    expect(ended.length).toBeGreaterThan(0);
    expect(await auditCount('unit.owners_changed')).toBeGreaterThan(0);
  });
});

async function workbook(
  rows: (string | number)[][],
  headers = ['楼栋', '室号', '业主姓名', '身份证号', '手机号', '类型', '起始日期'],
) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('业主名册');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('owner import from Excel', () => {
  it('reports every bad cell row by row and imports nothing', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const units = await q<{ building: string; number: string }>(
      'select b.name as building, u.number from unit u join building b on b.id = u.building_id where u.community_id = $1 order by u.id limit 3',
      [community],
    );
    const before = await one<{ n: string }>('select count(*) as n from unit_owner');
    const audit = await auditCount();
    const file = await workbook([
      [units[0]!.building, units[0]!.number, '王五', validId(21), '13800000001', '业主', '2025-01-01'],
      [units[1]!.building, units[1]!.number, '赵六', '310101198001011234', '', '', ''],
      ['99号', '0101', '钱七', validId(22), '', '', ''],
      [units[2]!.building, '9999', '', validId(23), '123', '租户', '2025/02/30'],
    ]);
    const upload = multipartFile(file, { filename: 'owners.xlsx' });
    const res = await oc.request({
      method: 'POST',
      url: `/api/v1/communities/${community}/owners/import`,
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('owners.import_invalid');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'row.3.idNumber',
        'row.4.building',
        'row.5.unit',
        'row.5.name',
        'row.5.phone',
        'row.5.type',
        'row.5.since',
      ]),
    );
    expect(paths).not.toContain('row.2.idNumber');
    expect(res.json().errors.find((e: { path: string }) => e.path === 'row.3.idNumber').message).toMatch(
      /身份证/,
    );
    expect((await one<{ n: string }>('select count(*) as n from unit_owner')).n).toBe(before.n);
    expect(await auditCount()).toBe(audit);
  });

  it('imports co-owners, a multi-unit buyer and a developer unit in one transaction', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const units = await q<{ id: number; building: string; number: string }>(
      'select u.id, b.name as building, u.number from unit u join building b on b.id = u.building_id where u.community_id = $1 order by u.id limit 4 offset 10',
      [community],
    );
    const buyer = validId(31);
    const file = await workbook(
      [
        [units[0]!.building, units[0]!.number, 'Co One', validId(32), '13800000032', 'owner', '2025-03-01'],
        [units[0]!.building, units[0]!.number, 'Co Two', validId(33), '', 'owner', '2025-03-01'],
        [units[1]!.building, units[1]!.number, 'Buyer', buyer, '', 'owner', '2025-03-01'],
        [units[2]!.building, Number(units[2]!.number), 'Buyer', buyer, '', 'owner', '2025-03-01'],
        [units[3]!.building, units[3]!.number, '', '', '', 'developer unsold', ''],
      ],
      ['Building', 'Unit', 'Owner name', 'ID number', 'Phone', 'Type', 'Since'],
    );
    const upload = multipartFile(file, { filename: 'owners.xlsx' });
    const res = await oc.request({
      method: 'POST',
      url: `/api/v1/communities/${community}/owners/import`,
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 5, units: 4, owners: 4, personsCreated: 3 });
    const got = await Promise.all(
      units.map(async (u) => (await oc.get(`/api/v1/owner-units/${u.id}`)).json()),
    );
    expect(got[0].owners.length).toBe(2);
    expect(got[1].ownerKey).toBe(got[2].ownerKey);
    expect(got[3]).toMatchObject({ status: 'developer_unsold', ownerKey: 'developer' });
    expect(await auditCount('owners.imported')).toBe(1);
    const template = await oc.get('/api/v1/owners/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a file that is not a workbook', async () => {
    const oc = await t.login('owners_committee');
    const upload = multipartFile(Buffer.from('not a workbook'), { filename: 'x.xlsx' });
    const res = await oc.request({
      method: 'POST',
      url: `/api/v1/communities/${await demoCommunity()}/owners/import`,
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.file', code: 'not_excel' });
  });
});

describe("owners' committees", () => {
  const demoCommittee = async () =>
    Number(
      (
        await one<{ id: number }>('select id from owners_committee where community_id = $1 and status = $2', [
          await demoCommunity(),
          'active',
        ])
      ).id,
    );

  it('shows members, the eight systems with evidence and the compliance rate', async () => {
    const street = await t.login('street');
    const id = await demoCommittee();
    const res = await street.get(`/api/v1/owners-committees/${id}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.systems).toHaveLength(8);
    expect(c.compliance).toEqual({ compliant: 5, total: 8, percent: '62.5' });
    expect(c.systems.filter((s: { compliant: boolean }) => s.compliant).length).toBe(5);
    // rejected evidence does not count
    const evaluation = c.systems.find((s: { system: string }) => s.system === 'owner_evaluation');
    expect(evaluation.compliant).toBe(false);
    expect(evaluation.evidence[0].reviewStatus).toBe('rejected');
    expect(c.members.length).toBe(7);
    expect(c.members[0].office).toBe('director');
    expect(c.crossAppointedCount).toBe(1);
    expect(c.members.every((m: { phone: string | null }) => !m.phone || /\*{4}/.test(m.phone))).toBe(true);
    expect(c.abilities).toMatchObject({ edit: true, reviewEvidence: true });
    const list = (await street.get('/api/v1/owners-committees?limit=200')).json();
    expect(list.items.find((x: { id: number }) => x.id === id).compliance.percent).toBe('62.5');
    expect((await (await t.login('street2')).get(`/api/v1/owners-committees/${id}`)).statusCode).toBe(404);
  });

  it('evidence raises the rate; the residents committee reviews it; rejected evidence stops counting', async () => {
    const oc = await t.login('owners_committee');
    const id = await demoCommittee();
    const upload = multipartFile(tinyPdf, { filename: 'archive.pdf' });
    const file = await oc.request({
      method: 'POST',
      url: `/api/v1/files?communityId=${await demoCommunity()}`,
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(file.statusCode).toBe(201);
    const added = await oc.post(`/api/v1/owners-committees/${id}/evidence`, {
      system: 'archives',
      title: '档案目录',
      evidenceOn: addDays(new Date().toISOString().slice(0, 10), -2),
      fileId: file.json().fileId,
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().compliance).toEqual({ compliant: 6, total: 8, percent: '75.0' });
    const future = await oc.post(`/api/v1/owners-committees/${id}/evidence`, {
      system: 'archives',
      title: '档案目录',
      evidenceOn: '2099-01-01',
    });
    expect(future.json().errors[0].path).toBe('body.evidenceOn');
    const evidenceId = added.json().systems.find((s: { system: string }) => s.system === 'archives')
      .evidence[0].id;
    // the owners' committee cannot review its own evidence
    expect(
      (await oc.post(`/api/v1/owners-committees/${id}/evidence/${evidenceId}/review`, { status: 'accepted' }))
        .statusCode,
    ).toBe(403);
    const committee = await t.login('committee');
    const reviewed = await committee.post(`/api/v1/owners-committees/${id}/evidence/${evidenceId}/review`, {
      status: 'rejected',
      note: '扫描件不清晰',
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().compliance.compliant).toBe(5);
    expect(
      (
        await committee.post(`/api/v1/owners-committees/${id}/evidence/${evidenceId}/review`, {
          status: 'accepted',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('terms are at most five years; members must be owners of the community', async () => {
    const street = await t.login('street');
    const community = await demoCommunity();
    const tooLong = await street.post('/api/v1/owners-committees', {
      communityId: community,
      name: '第三届业主委员会',
      electedOn: '2026-05-01',
      termStart: '2026-06-01',
      termEnd: addYears('2026-06-01', 5),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0]).toMatchObject({ path: 'body.termEnd', code: 'term_too_long' });
    const oc = await t.login('owners_committee');
    const id = await demoCommittee();
    const { id: outsider } = await one<{ id: number }>(
      'select p.id from person p where not exists (select 1 from unit_owner o where o.person_id = p.id and o.community_id = $1) and exists (select 1 from unit_owner o where o.person_id = p.id) limit 1',
      [community],
    );
    const res = await oc.post(`/api/v1/owners-committees/${id}/members`, {
      personId: outsider,
      office: 'member',
    });
    expect(res.json().errors[0]).toMatchObject({ path: 'body.personId', code: 'not_an_owner' });
    const ok = await street.post('/api/v1/owners-committees', {
      communityId: community,
      name: '第三届业主委员会',
      electedOn: '2026-05-01',
      termStart: '2026-06-01',
      termEnd: addDays(addYears('2026-06-01', 5), -1),
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (await one<{ status: string }>('select status from owners_committee where id = $1', [id])).status,
    ).toBe('ended');
  });

  it('re-election reminders are sent once per lead time, whichever instance runs the job', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await t.ctx.database.pool.query('delete from owners_committee_reminder');
    const due = Number(
      (
        await one<{ n: string }>(
          "select count(*) as n from owners_committee where status = 'active' and term_end <= $1::date",
          [addDays(today, 180)],
        )
      ).n,
    );
    expect(due).toBeGreaterThan(0);
    // three instances run the job at once: each reminder is created exactly once
    const runs = await Promise.all([1, 2, 3].map(() => remindReelections(t.ctx, today)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(due);
    expect(await remindReelections(t.ctx, today)).toBe(0);
    const dup = await one<{ n: number }>(
      'select count(*)::int as n from (select committee_id, term_end, kind from owners_committee_reminder group by 1, 2, 3 having count(*) > 1) d',
    );
    expect(dup.n).toBe(0);
    const admin = await t.login('district_admin');
    const list = (await admin.get('/api/v1/owners-committees/reminders?limit=200')).json();
    expect(list.items.length).toBe(due);
    expect(
      list.items.every((r: { kind: string }) => ['180d', '90d', '30d', 'expired'].includes(r.kind)),
    ).toBe(true);
  });

  it('the compliance report sums the systems over the committees in view', async () => {
    const admin = await t.login('district_admin');
    const r = (await admin.get('/api/v1/owners-committees/compliance')).json();
    expect(r.committees).toBeGreaterThan(10);
    expect(r.total).toBe(r.committees * 8);
    expect(r.bySystem.reduce((s: number, x: { compliant: number }) => s + x.compliant, 0)).toBe(r.compliant);
    expect(r.byStreet.reduce((s: number, x: { compliant: number }) => s + x.compliant, 0)).toBe(r.compliant);
    const street = (await (await t.login('street')).get('/api/v1/owners-committees/compliance')).json();
    expect(street.byStreet).toHaveLength(1);
  });
});

describe('disclosures, five-in-one, training and files', () => {
  it('residents read the disclosure board of their own community only', async () => {
    const resident = await t.login('resident');
    const res = (await resident.get('/api/v1/disclosures?limit=100')).json();
    const community = await demoCommunity();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((d: { community: { id: number } }) => d.community.id === community)).toBe(true);
    const other = await one<{ id: number }>('select id from disclosure where community_id <> $1 limit 1', [
      community,
    ]);
    expect((await resident.get(`/api/v1/disclosures/${other.id}`)).statusCode).toBe(404);
    expect(
      (
        await resident.post('/api/v1/disclosures', {
          communityId: community,
          category: 'notice',
          title: '通知',
          body: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the residents committee records a five-in-one meeting with issues and follows them up', async () => {
    const committee = await t.login('committee');
    const { id: community } = await one<{ id: number }>(
      "select c.id from community c join role_assignment r on r.committee_id = c.committee_id join user_account u on u.id = r.user_id where u.username = 'committee' order by c.id limit 1",
    );
    const bad = await committee.post('/api/v1/five-in-one/meetings', {
      communityId: community,
      heldOn: '2026-03-01',
      title: '联席会议',
      parties: ['owners_committee', 'property_company'],
      minutes: '……',
    });
    expect(bad.json().errors[0]).toMatchObject({
      path: 'body.parties',
      code: 'residents_committee_required',
    });
    const res = await committee.post('/api/v1/five-in-one/meetings', {
      communityId: community,
      heldOn: '2026-03-01',
      title: '联席会议',
      parties: ['residents_committee', 'owners_committee', 'property_company', 'police', 'housing_office'],
      minutes: '议定事项如下。',
      issues: [{ title: '消防通道清障', responsibleParty: 'property_company', dueOn: '2026-03-15' }],
    });
    expect(res.statusCode).toBe(200);
    const issue = res.json().issues[0];
    expect(issue).toMatchObject({ status: 'open', overdue: true });
    const follow = await committee.post(`/api/v1/five-in-one/issues/${issue.id}/follow-ups`, {
      note: '已清障',
      resolve: true,
    });
    expect(follow.json().issues[0]).toMatchObject({ status: 'resolved', overdue: false });
    expect(follow.json().issues[0].followUps).toHaveLength(1);
    expect(
      (
        await committee.post(`/api/v1/five-in-one/issues/${issue.id}/follow-ups`, {
          note: '再次',
          resolve: true,
        })
      ).statusCode,
    ).toBe(409);
    const oc = await t.login('owners_committee');
    const again = await oc.post('/api/v1/five-in-one/meetings', {
      communityId: community,
      heldOn: '2026-03-01',
      title: '联席会议',
      parties: ['residents_committee', 'owners_committee'],
      minutes: '……',
    });
    expect(again.statusCode).toBe(403);
  });

  it('training hours per group add up to person-hours', async () => {
    const street = await t.login('street');
    const { street_id } = await one<{ street_id: number }>(
      "select r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'street'",
    );
    const res = await street.post('/api/v1/trainings', {
      streetId: street_id,
      group: 'property_staff',
      title: '电梯安全管理',
      heldOn: '2031-03-01',
      hours: '2.5',
      attendees: 12,
      trainer: '区市场监管局',
    });
    expect(res.statusCode).toBe(200);
    const district = await street.post('/api/v1/trainings', {
      group: 'property_staff',
      title: '全区培训',
      heldOn: '2031-04-01',
      hours: '1',
      attendees: 3,
      trainer: 'x',
    });
    expect(district.json().errors[0].path).toBe('body.streetId');
    const summary = (await street.get('/api/v1/trainings/summary?year=2031')).json();
    expect(summary.groups.find((g: { group: string }) => g.group === 'property_staff')).toEqual({
      group: 'property_staff',
      sessions: 1,
      hours: '2.5',
      attendees: 12,
      personHours: '30.0',
    });
  });

  it('uploads are checked by content and size', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const send = (buffer: Buffer, name: string) => {
      const u = multipartFile(buffer, { filename: name, contentType: 'application/pdf' });
      return oc.request({
        method: 'POST',
        url: `/api/v1/files?communityId=${community}`,
        payload: u.payload,
        headers: u.headers,
      });
    };
    const png = await send(tinyPng, 'photo.pdf');
    expect(png.json()).toMatchObject({ mime: 'image/png', visibility: 'staff' });
    const text = await send(Buffer.from('<html>not a pdf</html>'), 'fake.pdf');
    expect(text.statusCode).toBe(400);
    expect(text.json().errors[0]).toMatchObject({ path: 'body.file', code: 'file_type' });
    const huge = await send(Buffer.concat([tinyPdf, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf');
    expect(huge.statusCode).toBe(413);
    // a file of another community is not found
    expect(
      (
        await oc.request({
          method: 'POST',
          url: `/api/v1/files?communityId=${await waitanCommunity()}`,
          ...multipartFile(tinyPdf),
        })
      ).statusCode,
    ).toBe(404);
    const content = await oc.get(`/api/v1/files/${png.json().fileId}/content`);
    expect(content.headers['content-type']).toBe('image/png');
    expect((await (await t.login('street2')).get(`/api/v1/files/${png.json().fileId}`)).statusCode).toBe(404);
  });
});
