import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoStreets, one, safetyCounts } from '../../../../test/safety';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { addDays } from '../assets/assets.rules';

const t = setupTestApp();
const today = shanghaiDate(new Date());

describe('Expo-600-days legacy items', () => {
  it('records the disposition and follow-up repairs; done needs its date; place is checked', async () => {
    const street = await t.login('street');
    const { wuliqiao, waitan } = await demoStreets(t);
    const community = await one<{ id: number }>(
      t,
      'select id from community where street_id = $1 order by id limit 1',
      [wuliqiao],
    );
    const before = await safetyCounts(t);
    const bad = await street.post('/api/v1/legacy-items', {
      communityId: community.id,
      title: '沿街违章雨棚',
      description: '世博期间搭建的雨棚',
      disposition: 'rebuild',
      status: 'done',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.disposition');
    const noDate = await street.post('/api/v1/legacy-items', {
      communityId: community.id,
      title: '沿街违章雨棚',
      description: '世博期间搭建的雨棚',
      disposition: 'demolish',
      status: 'done',
    });
    expect(noDate.json().errors[0]).toMatchObject({ path: 'body.doneOn', code: 'required' });
    expect(await safetyCounts(t)).toEqual(before);
    const created = await street.post('/api/v1/legacy-items', {
      communityId: community.id,
      title: '沿街外立面装饰',
      description: '世博整治时加装的外立面装饰老化',
      disposition: 'repair',
      status: 'in_progress',
      decidedOn: addDays(today, -30),
    });
    expect(created.statusCode).toBe(201);
    const repaired = await street.post(`/api/v1/legacy-items/${created.json().id}/repairs`, {
      doneOn: today,
      description: '更换锈蚀龙骨',
      costFen: 1_250_000,
    });
    expect(repaired.json().repairs).toEqual([
      expect.objectContaining({ description: '更换锈蚀龙骨', costFen: 1_250_000 }),
    ]);
    const done = await street.patch(`/api/v1/legacy-items/${created.json().id}`, {
      version: repaired.json().version,
      status: 'done',
      doneOn: today,
    });
    expect(done.json()).toMatchObject({ status: 'done', doneOn: today });
    const list = (await street.get('/api/v1/legacy-items?disposition=repair')).json();
    expect(
      list.items.every(
        (i: { disposition: string; street: { id: number } }) =>
          i.disposition === 'repair' && i.street.id === wuliqiao,
      ),
    ).toBe(true);
    const street2 = await t.login('street2');
    expect(
      (
        await street2.patch(`/api/v1/legacy-items/${created.json().id}`, {
          version: done.json().version,
          status: 'pending',
        })
      ).statusCode,
    ).toBe(404);
    const waitanItems = (await street2.get('/api/v1/legacy-items')).json();
    expect(waitanItems.items.every((i: { street: { id: number } }) => i.street.id === waitan)).toBe(true);
    expect((await (await t.login('inspector')).get('/api/v1/legacy-items')).statusCode).toBe(403);
  });
});

describe('waterlogging points', () => {
  it('records cause and remediation; only the manager of the place edits', async () => {
    const street = await t.login('street');
    const { wuliqiao } = await demoStreets(t);
    const community = await one<{ id: number }>(
      t,
      'select id from community where street_id = $1 order by id limit 1',
      [wuliqiao],
    );
    const bad = await street.post('/api/v1/waterlogging-points', {
      communityId: community.id,
      name: '弄堂口',
      cause: 'aliens',
      lastFloodedOn: addDays(today, 2),
    });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.cause']);
    const future = await street.post('/api/v1/waterlogging-points', {
      communityId: community.id,
      name: '弄堂口',
      cause: 'low_terrain',
      lastFloodedOn: addDays(today, 2),
    });
    expect(future.json().errors[0]).toMatchObject({ path: 'body.lastFloodedOn', code: 'date_in_future' });
    const created = await street.post('/api/v1/waterlogging-points', {
      communityId: community.id,
      name: '弄堂口',
      cause: 'community_pipes',
      maxDepthCm: 25,
      remediationStatus: 'planned',
      plannedOn: addDays(today, 20),
      measure: '翻排雨水管',
    });
    expect(created.statusCode).toBe(201);
    const fixed = await street.patch(`/api/v1/waterlogging-points/${created.json().id}`, {
      version: created.json().version,
      remediationStatus: 'done',
      doneOn: today,
    });
    expect(fixed.json()).toMatchObject({
      remediationStatus: 'done',
      doneOn: today,
      cause: 'community_pipes',
    });
    const stale = await street.patch(`/api/v1/waterlogging-points/${created.json().id}`, {
      version: 0,
      maxDepthCm: 10,
    });
    expect(stale.statusCode).toBe(409);
    const inspector = await t.login('inspector');
    const seen = (await inspector.get(`/api/v1/waterlogging-points?communityId=${community.id}`)).json();
    expect(seen.items.find((p: { id: number }) => p.id === created.json().id).abilities.edit).toBe(false);
    expect(
      (
        await inspector.patch(`/api/v1/waterlogging-points/${created.json().id}`, {
          version: fixed.json().version,
          maxDepthCm: 5,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('exports', () => {
  it('every list of these registers, and the rounds and warranties, can be exported to Excel', async () => {
    const admin = await t.login('district_admin');
    for (const [url, header] of [
      ['/api/v1/legacy-items/export.xlsx', '问题'],
      ['/api/v1/waterlogging-points/export.xlsx', '积水点'],
      ['/api/v1/warranties/export.xlsx', '小区'],
      ['/api/v1/inspections/rounds/export.xlsx?status=done', '计划'],
    ] as const) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).text, url).toBe(header);
      expect(sheet.rowCount, url).toBeGreaterThan(1);
    }
  });
});
