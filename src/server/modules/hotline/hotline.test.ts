import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { multipart } from '../../../../test/cases';
import { sendDueMessages } from '../../platform/outbound/outbound';
import { relayCallbacks, webhookTransport } from '../integrations/integrations.callbacks';
import { createApiClient } from '../integrations/integrations.usecases';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);
const caseCount = async () => (await q('select count(*)::int as n from case_record')).rows[0].n as number;

let admin: Client;
let street: Client;
let wuliqiao: { id: number; code: string; name: string }[];
let waitan: { id: number; name: string };

async function workbook(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('工单');
  sheet.addRow(['工单号', '问题类别', '小区', '标题', '问题描述', '地址', '来电人', '联系电话', '紧急程度']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function importFile(c: Client, file: Buffer, source = 'hotline_12345') {
  const m = multipart(
    'tickets.xlsx',
    file,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return c.request({
    method: 'POST',
    url: `/api/v1/hotline/import?source=${source}`,
    payload: m.payload,
    headers: m.headers,
  });
}

beforeAll(async () => {
  admin = await t.login('district_admin');
  street = await t.login('street');
  wuliqiao = (
    await q(`select c.id, c.code, c.name from community c join street s on s.id = c.street_id
             where s.name = '五里桥街道' order by c.id limit 3`)
  ).rows;
  waitan = (
    await q(
      `select c.id, c.name from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1`,
    )
  ).rows[0];
});

describe('Excel import of hotline tickets', () => {
  it('imports a workbook; importing the same file twice creates nothing new', async () => {
    const file = await workbook([
      [
        '12345-20260301-0001',
        'property_service.repair',
        wuliqiao[0]!.name,
        '楼道灯不亮',
        '3号楼楼道灯坏了',
        '3号楼',
        '张先生',
        '13900001111',
        '一般',
      ],
      [
        '12345-20260301-0002',
        '电梯故障',
        wuliqiao[1]!.code,
        '电梯困人',
        '电梯停在5楼',
        '',
        '李女士',
        '021-63001234',
        '特急',
      ],
    ]);
    const before = await caseCount();
    const first = await importFile(admin, file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, rows: 2, created: 2, existing: 0, errors: [] });
    expect(await caseCount()).toBe(before + 2);
    const made = (
      await q(`select c.channel, c.urgency, c.reporter_name, c.category_code, x.source, x.ticket, x.api_client_id
               from case_external_ref x join case_record c on c.id = x.case_id where x.ticket like '12345-20260301-%' order by x.ticket`)
    ).rows;
    expect(made).toMatchObject([
      {
        channel: 'hotline_12345',
        urgency: 'normal',
        reporter_name: '张先生',
        source: 'hotline_12345',
        api_client_id: null,
      },
      { channel: 'hotline_12345', urgency: 'emergency', category_code: 'equipment.elevator_fault' },
    ]);

    const second = await importFile(admin, file);
    expect(second.json()).toMatchObject({ ok: true, created: 0, existing: 2 });
    expect(second.json().results.map((r: { caseNumber: string }) => r.caseNumber)).toEqual(
      first.json().results.map((r: { caseNumber: string }) => r.caseNumber),
    );
    expect(await caseCount()).toBe(before + 2);
  });

  it('reports every bad row by row number and field, and imports nothing', async () => {
    const before = await caseCount();
    const file = await workbook([
      [
        '12345-20260302-0001',
        'property_service.repair',
        wuliqiao[0]!.name,
        '楼道灯不亮',
        '3号楼楼道灯坏了',
        '',
        '',
        '',
        '',
      ],
      ['12345-20260302-0002', 'no_such.category', wuliqiao[0]!.name, '漏水', '楼上漏水', '', '', '12', ''],
      ['12345-20260302-0003', 'property_service.repair', '不存在的小区', '漏水', '楼上漏水', '', '', '', ''],
      [
        '12345-20260302-0001',
        'property_service.repair',
        wuliqiao[0]!.name,
        '重复',
        '重复的工单号',
        '',
        '',
        '',
        '',
      ],
    ]);
    const res = await importFile(admin, file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.created).toBe(0);
    const errors = report.errors.map((e: { row: number; field: string; code: string }) => [
      e.row,
      e.field,
      e.code,
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [3, 'reporterPhone', 'phone'],
        [4, 'community', 'unknown_community'],
        [5, 'ticketNumber', 'duplicate_ticket'],
      ]),
    );
    // the category is looked up once the row's fields are well-formed, so row 3 reports the phone only
    expect(errors.some(([row, field]: [number, string]) => row === 3 && field === 'categoryCode')).toBe(
      false,
    );
    expect(report.errors.every((e: { message: string }) => e.message.length > 2)).toBe(true);
    expect(await caseCount()).toBe(before);
  });

  it('a street officer imports tickets of their street only', async () => {
    const file = await workbook([
      ['12345-20260303-0001', 'property_service.repair', waitan.name, '漏水', '楼上漏水', '', '', '', ''],
    ]);
    const res = await importFile(street, file);
    expect(res.json().ok).toBe(false);
    expect(res.json().errors[0]).toMatchObject({ row: 2, field: 'community' });
    const ok = await importFile(
      street,
      await workbook([
        [
          '12345-20260303-0002',
          'property_service.repair',
          wuliqiao[2]!.name,
          '漏水',
          '楼上漏水',
          '',
          '',
          '',
          '',
        ],
      ]),
    );
    expect(ok.json()).toMatchObject({ ok: true, created: 1 });
    const resident = await t.login('resident');
    expect((await importFile(resident, await workbook([]))).statusCode).toBe(403);
  });

  it('serves the template; refuses what is not a workbook', async () => {
    const tpl = await admin.get('/api/v1/hotline/import/template.xlsx');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).text).toBe('工单号');
    const bad = await importFile(admin, Buffer.from('not a workbook'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('hotline.import_file');
  });
});

describe('batch intake API and signed status callbacks', () => {
  let receiver: Server;
  let receiverUrl: string;
  let respondWith = 200;
  const calls: { headers: IncomingMessage['headers']; body: string }[] = [];
  let hotlineKey: string;
  let secret: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        calls.push({ headers: req.headers, body });
        res.writeHead(respondWith).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks`;
    const created = await createApiClient(
      t.ctx,
      { userId: null, label: 'test' },
      { name: '12345-hotline', channel: 'hotline_12345', callbackUrl: receiverUrl, rateLimitPerMinute: 100 },
    );
    hotlineKey = created.apiKey;
    secret = created.callbackSecret!;
  });

  afterAll(async () => {
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  const batch = (tickets: unknown[], key = hotlineKey) =>
    t.anonymous().post('/api/v1/hotline/tickets', { tickets }, { 'x-api-key': key });
  const ticket = (n: string) => ({
    ticketNumber: n,
    categoryCode: 'property_service.repair',
    community: wuliqiao[0]!.id,
    title: '楼道灯不亮',
    description: '来电反映楼道灯坏了',
    reporterName: '王先生',
    reporterPhone: '13900002222',
  });

  it('files tickets once: sending the same batch again answers `existing`', async () => {
    const before = await caseCount();
    const first = await batch([ticket('12345-A-0001'), ticket('12345-A-0002')]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, created: 2, existing: 0 });
    const again = await batch([ticket('12345-A-0001'), ticket('12345-A-0002')]);
    expect(again.json()).toMatchObject({ ok: true, created: 0, existing: 2 });
    expect(await caseCount()).toBe(before + 2);
    const bad = await batch([ticket('12345-A-0003'), { ...ticket('12345-A-0004'), categoryCode: 'x' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({
      row: 1,
      ticketNumber: '12345-A-0004',
      field: 'categoryCode',
    });
    expect(await caseCount()).toBe(before + 2);
  });

  it('refuses a missing key, a wrong key and an Open311 key (403)', async () => {
    expect(
      (await t.anonymous().post('/api/v1/hotline/tickets', { tickets: [ticket('x-1')] })).statusCode,
    ).toBe(403);
    expect((await batch([ticket('x-1')], 'anju_nope')).statusCode).toBe(403);
    const open311 = await createApiClient(
      t.ctx,
      { userId: null, label: 'test' },
      { name: 'some-311-app', channel: 'open311', callbackUrl: null, rateLimitPerMinute: null },
    );
    const res = await batch([ticket('x-1')], open311.apiKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('api_key.wrong_channel');
  });

  it('tells the hotline of every state change, signed with HMAC-SHA256; a receiver verifies it; once each', async () => {
    const filed = await batch([ticket('12345-B-0001')]);
    const caseId = filed.json().results[0].caseId as number;
    const v = async () =>
      (await q('select version from case_record where id = $1', [caseId])).rows[0].version;
    await street.post(`/api/v1/cases/${caseId}/actions/register`, { version: await v() });
    await street.post(`/api/v1/cases/${caseId}/actions/dispatch`, { version: await v() });
    // two relays at once (two instances): each event is queued once
    await Promise.all([relayCallbacks(t.ctx), relayCallbacks(t.ctx)]);
    await relayCallbacks(t.ctx);
    const queued = (
      await q(`select * from outbound_message where case_id = $1 and kind = 'webhook' order by id`, [caseId])
    ).rows;
    expect(queued.map((m) => JSON.parse(m.body).action)).toEqual(['report', 'register', 'dispatch']);

    calls.length = 0;
    const sent = await sendDueMessages(t.ctx, { webhook: webhookTransport }, { limit: 100 });
    expect(sent.sent).toBeGreaterThanOrEqual(3);
    const mine = calls.filter((c) => JSON.parse(c.body).caseId === caseId);
    expect(mine.map((c) => JSON.parse(c.body).state)).toEqual(['reported', 'registered', 'dispatched']);
    for (const call of mine) {
      const ts = call.headers['x-anju-timestamp'] as string;
      const expected = createHmac('sha256', secret).update(`${ts}.${call.body}`).digest('hex');
      expect(call.headers['x-anju-signature']).toBe(`sha256=${expected}`);
      expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(60);
      expect(call.headers['x-anju-event']).toBe('case.state_changed');
      expect(call.headers['x-anju-delivery']).toMatch(/^\d+$/);
    }
    const last = JSON.parse(mine[2]!.body);
    expect(last).toMatchObject({
      event: 'case.state_changed',
      source: 'hotline_12345',
      ticketNumber: '12345-B-0001',
      previousState: 'registered',
      state: 'dispatched',
      status: 'open',
    });
    expect(last.agencyResponsible).toBeTruthy();
    // a forged body does not verify
    const forged = mine[0]!.body.replace('reported', 'closed');
    const ts = mine[0]!.headers['x-anju-timestamp'] as string;
    expect(createHmac('sha256', secret).update(`${ts}.${forged}`).digest('hex')).not.toBe(
      String(mine[0]!.headers['x-anju-signature']).slice(7),
    );
    // sending again sends nothing: each was delivered once
    calls.length = 0;
    await sendDueMessages(t.ctx, { webhook: webhookTransport }, { limit: 100 });
    expect(calls).toHaveLength(0);
  });

  it('retries a failing receiver with backoff, in order, and logs every attempt', async () => {
    const filed = await batch([ticket('12345-C-0001')]);
    const caseId = filed.json().results[0].caseId as number;
    const v = async () =>
      (await q('select version from case_record where id = $1', [caseId])).rows[0].version;
    await street.post(`/api/v1/cases/${caseId}/actions/register`, { version: await v() });
    await relayCallbacks(t.ctx);
    respondWith = 503;
    calls.length = 0;
    const now = new Date();
    const first = await sendDueMessages(t.ctx, { webhook: webhookTransport }, { now });
    expect(first.retried).toBe(1); // only the first of the case: the second waits behind it
    expect(calls).toHaveLength(1);
    const [m1, m2] = (await q(`select * from outbound_message where case_id = $1 order by id`, [caseId]))
      .rows;
    expect(m1).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
    expect(m2).toMatchObject({ status: 'pending', attempts: 0 });
    expect(+new Date(m1.next_attempt_at) - +now).toBe(30_000);
    // not due yet
    expect(
      (await sendDueMessages(t.ctx, { webhook: webhookTransport }, { now: new Date(+now + 10_000) })).retried,
    ).toBe(0);
    const second = await sendDueMessages(
      t.ctx,
      { webhook: webhookTransport },
      { now: new Date(+now + 31_000) },
    );
    expect(second.retried).toBe(1);
    const again = (await q(`select attempts, next_attempt_at from outbound_message where id = $1`, [m1.id]))
      .rows[0];
    expect(again.attempts).toBe(2);
    expect(+new Date(again.next_attempt_at) - (+now + 31_000)).toBe(60_000);
    respondWith = 200;
    const third = await sendDueMessages(
      t.ctx,
      { webhook: webhookTransport },
      { now: new Date(+now + 100_000) },
    );
    expect(third.sent).toBe(2);
    const log = (
      await q(`select ok, status_code from outbound_attempt where message_id = $1 order by id`, [m1.id])
    ).rows;
    expect(log).toEqual([
      { ok: false, status_code: 503 },
      { ok: false, status_code: 503 },
      { ok: true, status_code: 200 },
    ]);
    const delivered = calls.filter(
      (c) => JSON.parse(c.body).caseId === caseId && c.headers['x-anju-delivery'],
    );
    expect(delivered.map((c) => JSON.parse(c.body).action)).toEqual([
      'report',
      'report',
      'report',
      'register',
    ]);

    const api = await admin.get(`/api/v1/integrations/deliveries?kind=webhook&limit=5`);
    expect(api.statusCode).toBe(200);
    const entry = api.json().items.find((i: { id: number }) => i.id === m1.id);
    expect(entry).toMatchObject({ status: 'sent', attempts: 3, target: receiverUrl });
    expect(entry.log).toHaveLength(3);
    expect((await street.get('/api/v1/integrations/deliveries')).statusCode).toBe(403);
  });
});
