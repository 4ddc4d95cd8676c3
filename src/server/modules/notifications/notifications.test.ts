import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { multipart, PNG_1x1 } from '../../../../test/cases';
import { emailTransport, sendDueMessages, smsTransport } from '../../platform/outbound/outbound';
import { relayNotifications } from './notifications.usecases';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);

let resident: Client;
let street: Client;
let property: Client;
let home: number;
let residentId: number;
let keys = 0;

async function version(id: number): Promise<number> {
  return (await q('select version from case_record where id = $1', [id])).rows[0].version;
}
async function act(c: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await c.post(`/api/v1/cases/${id}/actions/${action}`, { version: await version(id), ...body });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  return res;
}
async function report(title: string) {
  const res = await resident.post(
    '/api/v1/cases',
    {
      categoryCode: 'property_service.repair',
      communityId: home,
      title,
      description: `${title}，请尽快修理`,
    },
    { 'idempotency-key': `notify-${++keys}-${Date.now()}` },
  );
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}
/** register, dispatch, handle (with a photo), close */
async function runToClosed(id: number) {
  await act(street, id, 'register');
  await act(street, id, 'dispatch');
  const m = multipart('after.png', PNG_1x1, 'image/png');
  const up = await property.request({
    method: 'POST',
    url: '/api/v1/files',
    payload: m.payload,
    headers: m.headers,
  });
  await act(property, id, 'handle', {
    note: '已更换灯泡',
    attachments: [{ fileId: up.json().fileId, kind: 'after' }],
  });
  await act(street, id, 'close', { note: '现场核查已修好' });
}

beforeAll(async () => {
  resident = await t.login('resident');
  street = await t.login('street');
  property = await t.login('property');
  const r = (
    await q(
      `select u.id, r.community_id from user_account u join role_assignment r on r.user_id = u.id where u.username = 'resident'`,
    )
  ).rows[0];
  home = r.community_id;
  residentId = Number(r.id);
  // the demo history is read once first (no SMS for events that old)
  await relayNotifications(t.ctx);
});

describe('notifications from the case event stream', () => {
  it('catching up on old events writes in-app notifications only, no SMS', async () => {
    const inApp = (await q(`select count(*)::int as n from notification where user_id = $1`, [residentId]))
      .rows[0].n;
    expect(inApp).toBeGreaterThan(0);
    // staff reporters (the demo's inspectors and admins) are told in the app only, unless they choose more
    const staff = (
      await q(`select count(*)::int as n from outbound_message m join user_account u on u.id = m.user_id
               where u.username in ('inspector', 'district_admin')`)
    ).rows[0].n;
    expect(staff).toBe(0);
    // no SMS about a case none of whose events is recent
    const old = await q(
      `select count(*)::int as n from outbound_message m where not exists (
         select 1 from case_event e where e.case_id = m.case_id and e.at > now() - interval '48 hours')`,
    );
    expect(old.rows[0].n).toBe(0);
    expect((await q(`select count(*)::int as n from outbound_message`)).rows[0].n).toBeGreaterThan(0);
  });

  it('tells the reporter at registration, dispatch, closing and asks to rate; each once, in their language', async () => {
    const id = await report('楼道灯不亮');
    await runToClosed(id);
    expect(await relayNotifications(t.ctx)).toBeGreaterThan(0);
    expect(await relayNotifications(t.ctx)).toBe(0); // nothing is handled twice
    const kinds = (await q(`select kind from notification where case_id = $1 order by id`, [id])).rows.map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['case_registered', 'case_dispatched', 'case_closed', 'case_rate_requested']);

    const zh = (await resident.get('/api/v1/notifications?limit=4')).json();
    expect(zh.items.map((n: { kind: string }) => n.kind)).toEqual([
      'case_rate_requested',
      'case_closed',
      'case_dispatched',
      'case_registered',
    ]);
    expect(zh.items[1].body).toContain('现场核查已修好');
    expect(zh.items[2].body).toMatch(/已派给.+处理/);
    expect(zh.unread).toBeGreaterThanOrEqual(4);
    const en = (await resident.get('/api/v1/notifications?limit=1', { 'accept-language': 'en-US' })).json();
    expect(en.items[0].title).toBe('Please rate the result');

    const read = await resident.post('/api/v1/notifications/read', { ids: [zh.items[0].id] });
    expect(read.json().unread).toBe(zh.unread - 1);
    expect((await resident.post('/api/v1/notifications/read', { all: true })).json().unread).toBe(0);
    // someone else's notifications are never shown
    expect(
      (await street.get('/api/v1/notifications'))
        .json()
        .items.some((n: { caseId: number }) => n.caseId === id),
    ).toBe(false);
  });

  it('sends SMS by the default preferences to the reporter’s phone, through the gateway job', async () => {
    const id = await report('垃圾桶坏了');
    await act(street, id, 'register');
    await relayNotifications(t.ctx);
    const sms = (await q(`select * from outbound_message where case_id = $1 and kind = 'sms'`, [id])).rows;
    expect(sms).toHaveLength(1);
    expect(t.ctx.cipher.decrypt(sms[0].target_enc)).toBe('13800138000');
    expect(sms[0].body).toMatch(/^【安居】您反映的问题已受理：/);
    const sent = await sendDueMessages(t.ctx, { sms: smsTransport }, { limit: 100 });
    expect(sent.sent).toBeGreaterThan(0);
    const after = (await q(`select status, attempts from outbound_message where id = $1`, [sms[0].id]))
      .rows[0];
    expect(after).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await q(`select ok from outbound_attempt where message_id = $1`, [sms[0].id])).rows).toEqual([
      { ok: true },
    ]);
  });

  it('per-user preferences: SMS switched off for dispatch sends none', async () => {
    const prefs = (await resident.get('/api/v1/notifications/preferences')).json();
    expect(prefs.phone).toBe('138****8000');
    const saved = await resident.put('/api/v1/notifications/preferences', {
      email: null,
      events: { ...prefs.events, dispatched: { sms: false, email: false } },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().events.dispatched.sms).toBe(false);
    const id = await report('单元门禁坏了');
    await act(street, id, 'register');
    await act(street, id, 'dispatch');
    await relayNotifications(t.ctx);
    const kinds = (await q(`select topic from outbound_message where case_id = $1 and kind = 'sms'`, [id]))
      .rows;
    expect(kinds.map((r) => r.topic)).toEqual(['case.case_registered']);
    expect((await q(`select count(*)::int as n from notification where case_id = $1`, [id])).rows[0].n).toBe(
      2,
    );
    const bad = await resident.put('/api/v1/notifications/preferences', { ...prefs, email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.email');
  });

  it('live updates: the notification stream hears of a new notification (server-sent events)', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/notifications/stream`, {
      headers: { cookie: resident.cookie },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const heard = (async () => {
      while (!text.includes('event: notification')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return text;
    })();
    const id = await report('车棚漏雨');
    await act(street, id, 'register');
    await relayNotifications(t.ctx);
    const got = await Promise.race([heard, new Promise<string>((r) => setTimeout(() => r('timeout'), 5000))]);
    controller.abort();
    expect(got).toContain('event: notification');
  });
});

describe('e-mail through SMTP', () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer;

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    (t.ctx.config as { SMTP_URL?: string }).SMTP_URL = `smtp://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    (t.ctx.config as { SMTP_URL?: string }).SMTP_URL = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a reporter who gave an address gets the closing by e-mail; a real SMTP server reads it', async () => {
    const prefs = (await resident.get('/api/v1/notifications/preferences')).json();
    expect(prefs.emailAvailable).toBe(true);
    await resident.put('/api/v1/notifications/preferences', {
      email: 'resident@example.com',
      events: prefs.events,
    });
    const id = await report('电梯按钮失灵');
    await runToClosed(id);
    await relayNotifications(t.ctx);
    const emails = (
      await q(`select * from outbound_message where case_id = $1 and kind = 'email' order by id`, [id])
    ).rows;
    expect(emails.map((e) => e.topic)).toEqual([
      'case.case_registered',
      'case.case_closed',
      'case.case_rate_requested',
    ]);
    const result = await sendDueMessages(t.ctx, { email: emailTransport, sms: smsTransport }, { limit: 100 });
    expect(result.failed).toBe(0);
    expect(received.length).toBe(3);
    expect(received[0]!.to).toEqual(['resident@example.com']);
    expect(received[0]!.from).toBe('noreply@anju.invalid');
    const decoded = received.map((m) => decodeMail(m.raw)).join('\n');
    expect(decoded).toContain('您反映的问题已办结');
    expect(decoded).toContain('现场核查已修好');
    const audit = (
      await q(
        `select after from audit_log where action = 'notification.preferences_saved' order by seq desc limit 1`,
      )
    ).rows[0];
    expect(audit.after.email).toBe('r***@example.com');
  });
});

/** The decoded subject and text body of a raw MIME message (quoted-printable or base64 UTF-8). */
function decodeMail(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const subject = (/^Subject: (.*(?:\r?\n\s.*)*)/m.exec(head)?.[1] ?? '').replace(
    /=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi,
    (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
  );
  let text = body;
  if (/Content-Transfer-Encoding: quoted-printable/i.test(raw))
    text = Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  else if (/Content-Transfer-Encoding: base64/i.test(raw))
    text = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  return `${subject}\n${text}`;
}
