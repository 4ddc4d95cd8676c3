import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../test/app';
import { setupTestApp } from '../../../../test/app';
import { multipart } from '../../../../test/cases';
import { demoStreets, one, safetyCounts } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays, addYears } from './assets.rules';

const t = setupTestApp();
const today = shanghaiDate(new Date());

async function wuliqiaoCommunity() {
  const { wuliqiao } = await demoStreets(t);
  return one<{ id: number; code: string }>(
    t,
    `select c.id, c.code from community c where c.street_id = $1 and exists (select 1 from building b where b.community_id = c.id)
     order by c.id limit 1`,
    [wuliqiao],
  );
}

async function workbook(
  rows: (string | number | Date | null)[][],
  headers = [
    '小区编码',
    '楼栋',
    '类型',
    '编号',
    '名称/位置',
    '产权属性',
    '数量',
    '安装日期',
    '注册代码',
    '最近年检',
    '最近维保',
  ],
) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('设施');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, content: Buffer) {
  const m = multipart(
    'assets.xlsx',
    content,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return c.request({ method: 'POST', url: '/api/v1/assets/import', payload: m.payload, headers: m.headers });
}

describe('asset register', () => {
  it('registers an elevator; its badges follow the rules on their boundary dates, the same in the list filters', async () => {
    const street = await t.login('street');
    const c = await wuliqiaoCommunity();
    const make = async (
      code: string,
      dates: { installedOn: string; lastMaintenanceOn: string; lastStatutoryInspectionOn: string },
    ) => {
      const res = await street.post('/api/v1/assets', {
        communityId: c.id,
        kind: 'elevator',
        code,
        name: `测试电梯${code}`,
        ownership: 'owners_common',
        registrationCode: `TEST${code}0000000`,
        ...dates,
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const ok = await make('T1', {
      installedOn: addYears(today, -15),
      lastMaintenanceOn: addDays(today, -15),
      lastStatutoryInspectionOn: addYears(today, -1),
    });
    expect(ok.badges).toEqual([]);
    expect(ok.maintainer.kind).toMatch(/property_company|housing_office/);
    const late = await make('T2', {
      installedOn: addDays(addYears(today, -15), -1),
      lastMaintenanceOn: addDays(today, -16),
      lastStatutoryInspectionOn: addDays(addYears(today, -1), -1),
    });
    expect(late.badges).toEqual(['maintenance_overdue', 'statutory_overdue', 'risk_assessment_required']);
    // the SQL filters agree with the JS rules
    for (const badge of ['maintenance_overdue', 'statutory_overdue', 'risk_assessment_required'])
      for (const a of [ok, late]) {
        const listed = (
          await street.get(`/api/v1/assets?communityId=${c.id}&badge=${badge}&q=${a.code}`)
        ).json().items;
        expect(listed.some((x: { id: number }) => x.id === a.id)).toBe(a.badges.includes(badge));
      }
    // a risk assessment calling for replacement clears one badge and raises another, a renewal plan clears that
    const assessed = await street.post(`/api/v1/assets/${late.id}/risk-assessments`, {
      assessedOn: today,
      agency: '上海市特种设备监督检验技术研究院',
      result: 'replace',
      findings: '曳引机严重磨损',
    });
    expect(assessed.json().badges).toEqual([
      'maintenance_overdue',
      'statutory_overdue',
      'renewal_plan_required',
    ]);
    const planned = await street.post(`/api/v1/assets/${late.id}/renewal-plans`, {
      riskAssessmentId: assessed.json().riskAssessments[0].id,
      kind: 'replace',
      plannedYear: Number(today.slice(0, 4)) + 1,
      costFen: 45_000_000,
      fundingSource: 'maintenance_fund',
    });
    expect(planned.json().badges).toEqual(['maintenance_overdue', 'statutory_overdue']);
    const maintained = await street.post(`/api/v1/assets/${late.id}/maintenance`, {
      doneOn: today,
      company: '上海申联电梯维保有限公司',
    });
    const inspected = await street.post(`/api/v1/assets/${late.id}/statutory-inspections`, {
      inspectedOn: today,
      agency: '上海市特种设备监督检验技术研究院',
      result: 'pass',
    });
    expect(maintained.statusCode).toBe(201);
    expect(inspected.json()).toMatchObject({
      badges: [],
      lastMaintenanceOn: today,
      lastStatutoryInspectionOn: today,
    });
    expect(inspected.json().statutoryInspections[0].nextDueOn).toBe(addYears(today, 1));
  });

  it('bad input names the field and writes nothing; place and role are checked', async () => {
    const street = await t.login('street');
    const c = await wuliqiaoCommunity();
    const before = await safetyCounts(t);
    const noReg = await street.post('/api/v1/assets', {
      communityId: c.id,
      kind: 'elevator',
      code: 'T9',
      name: '电梯',
      ownership: 'owners_common',
      installedOn: addDays(today, 3),
    });
    expect(noReg.statusCode).toBe(400);
    expect(noReg.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'body.registrationCode:registration_code_required',
      'body.installedOn:date_in_future',
    ]);
    const badKind = await street.post('/api/v1/assets', {
      communityId: c.id,
      kind: 'rocket',
      code: 'bad code!',
      name: 'x',
      ownership: 'owners_common',
    });
    expect(
      badKind
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.code', 'body.kind']);
    const { waitan } = await demoStreets(t);
    const other = await one<{ id: number }>(t, 'select id from community where street_id = $1 limit 1', [
      waitan,
    ]);
    const outside = await street.post('/api/v1/assets', {
      communityId: other.id,
      kind: 'fire_lane',
      code: 'X1',
      name: '通道',
      ownership: 'owners_common',
    });
    expect(outside.json().errors[0]).toMatchObject({ path: 'body.communityId', code: 'unknown_community' });
    expect(await safetyCounts(t)).toEqual(before);

    const waitanAsset = await one<{ id: number }>(t, 'select id from asset where street_id = $1 limit 1', [
      waitan,
    ]);
    expect((await street.get(`/api/v1/assets/${waitanAsset.id}`)).statusCode).toBe(404);
    expect(
      (await street.patch(`/api/v1/assets/${waitanAsset.id}`, { version: 0, name: '改名' })).statusCode,
    ).toBe(404);
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/assets')).statusCode).toBe(403);
    const inspector = await t.login('inspector');
    expect((await inspector.get(`/api/v1/assets/${waitanAsset.id}`)).statusCode).toBe(200);
    expect(
      (
        await inspector.post('/api/v1/assets', {
          communityId: c.id,
          kind: 'fire_lane',
          code: 'X1',
          name: '通道',
          ownership: 'owners_common',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the district list shows every asset breaking a rule, with counts per badge', async () => {
    const leader = await t.login('district_leader');
    const list = (await leader.get('/api/v1/assets?badge=any&limit=200')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((a: { badges: string[] }) => a.badges.length > 0)).toBe(true);
    const stats = (await leader.get('/api/v1/assets/stats')).json();
    const sum = stats.badges.reduce((n: number, b: { count: number }) => n + b.count, 0);
    expect(sum).toBeGreaterThanOrEqual(list.total);
    expect(stats.elevators.total).toBeGreaterThan(0);
  });
});

describe('Excel import', () => {
  it('imports every row of a good workbook in one go', async () => {
    const street = await t.login('street');
    const c = await wuliqiaoCommunity();
    const building = await one<{ name: string }>(
      t,
      'select name from building where community_id = $1 order by id limit 1',
      [c.id],
    );
    const file = await workbook([
      [
        c.code,
        building.name,
        '电梯',
        'IMP-1',
        '导入电梯',
        '业主共有',
        1,
        '2012-05-01',
        '31109999000001',
        '2026-01-05',
        today,
      ],
      [c.code, null, 'fire_hydrant', 'IMP-2', '导入消火栓', 'owners_common', 6, null, null, null, null],
    ]);
    const res = await upload(street, file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ imported: 2 });
    const rows = (
      await t.ctx.database.pool.query(
        `select kind, quantity, building_id, installed_on from asset where code like 'IMP-%' order by code`,
      )
    ).rows;
    expect(rows).toMatchObject([
      { kind: 'elevator', installed_on: '2012-05-01' },
      { kind: 'fire_hydrant', quantity: 6, building_id: null },
    ]);
  });

  it('reports every bad row and column, and imports nothing', async () => {
    const street = await t.login('street');
    const c = await wuliqiaoCommunity();
    const { waitan } = await demoStreets(t);
    const foreign = await one<{ code: string }>(
      t,
      'select code from community where street_id = $1 limit 1',
      [waitan],
    );
    const file = await workbook([
      [c.code, null, '消火栓', 'OK-1', '好的一行', '业主共有', 2, null, null, null, null],
      [foreign.code, null, '消火栓', 'BAD-1', '别的街道', '业主共有', 1, null, null, null, null],
      [c.code, null, '电梯', 'BAD-2', '缺注册代码的电梯', '业主共有', 1, '2010-01-01', null, null, null],
      [c.code, null, '火箭', 'BAD-3', '未知类型', '业主共有', 1, null, null, null, null],
      [c.code, '99号', '消火栓', 'BAD-4', '没有的楼', '业主共有', 1, null, null, null, null],
      [c.code, null, '消火栓', 'OK-1', '重复编号', '业主共有', 1, null, null, null, null],
      [c.code, null, '消火栓', 'BAD-6', '将来的日期', '业主共有', 1, addDays(today, 10), null, null, null],
    ]);
    const before = await safetyCounts(t);
    const res = await upload(street, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('asset.import_failed');
    expect(res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'row.3.communityCode:unknown_community',
      'row.4.registrationCode:registration_code_required',
      'row.5.kind:invalid_value',
      'row.6.building:unknown_building',
      'row.7.code:asset_code_taken',
      'row.8.installedOn:date_in_future',
    ]);
    expect(res.json().errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect(await safetyCounts(t)).toEqual(before);
    // English headers and messages work the same
    const en = await workbook(
      [[c.code, null, 'Fire hydrant', 'EN-1', 'Hydrant', 'Owners in common', 1]],
      ['Community code', 'Building', 'Kind', 'Code', 'Name / location', 'Ownership', 'Quantity'],
    );
    expect((await upload(street, en)).statusCode).toBe(201);
    // garbage is refused
    const junk = await upload(street, Buffer.from('not a workbook'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('asset.import_unreadable');
    // the export and the template download
    const template = await street.get('/api/v1/assets/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).text).toBe('小区编码');
    expect((await street.get('/api/v1/assets/export.xlsx?badge=any')).statusCode).toBe(200);
  });
});
