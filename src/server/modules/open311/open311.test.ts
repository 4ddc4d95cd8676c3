import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { runCli } from '../../../../test/cli';
import { createApiClient } from '../integrations/integrations.usecases';

// Conformance with Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) and mySociety's
// servicerequestupdates: every endpoint and its errors, in JSON and XML, against the spec's field lists.

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);

const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const ATTRIBUTE_FIELDS = [
  'variable',
  'code',
  'datatype',
  'required',
  'datatype_description',
  'order',
  'description',
];
const UPDATE_FIELDS = [
  'update_id',
  'service_request_id',
  'status',
  'updated_datetime',
  'description',
  'media_url',
];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

let apiKey: string;
let community: { id: number; code: string; name: string; lat: number; lng: number };
let anon: Client;

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

function post(format: 'json' | 'xml', fields: Record<string, string>) {
  return anon.request({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
}

/** The child element names of the first `<item>` in an XML document. */
function xmlFields(xml: string, item: string): string[] {
  const m = new RegExp(`<${item}>(.*?)</${item}>`, 's').exec(xml);
  if (!m) return [];
  const names: string[] = [];
  let depth = 0;
  for (const tag of m[1]!.matchAll(/<(\/?)([a-z_]+)>/g)) {
    if (tag[1] === '/') depth--;
    else {
      if (depth === 0) names.push(tag[2]!);
      depth++;
    }
  }
  return names;
}

function xmlValue(xml: string, field: string): string | null {
  const m = new RegExp(`<${field}>(.*?)</${field}>`, 's').exec(xml);
  return m ? m[1]! : null;
}

function expectJsonError(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json() as { code: number; description: string }[];
  expect(Array.isArray(body)).toBe(true);
  expect(body[0]!.code).toBe(status);
  expect(body[0]!.description.length).toBeGreaterThan(3);
  return body;
}

function expectXmlError(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^text\/xml; charset=utf-8/);
  expect(res.body).toMatch(
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<errors><error><code>\d+<\/code><description>.+<\/description><\/error><\/errors>/,
  );
  expect(xmlValue(res.body, 'code')).toBe(String(status));
}

beforeAll(async () => {
  anon = t.anonymous();
  const created = await createApiClient(
    t.ctx,
    { userId: null, label: 'test' },
    { name: 'fixmystreet-test', channel: 'open311', callbackUrl: null, rateLimitPerMinute: 1000 },
  );
  apiKey = created.apiKey;
  const r = await q(
    `select c.id, c.code, c.name, c.lat, c.lng from community c join street s on s.id = c.street_id
     where s.name = '五里桥街道' and c.lat is not null order by c.id limit 1`,
  );
  community = r.rows[0];
});

describe('GET services', () => {
  it('lists the service types with exactly the spec fields, in JSON and XML', async () => {
    const json = await anon.get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const services = json.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) expect(Object.keys(s)).toEqual(SERVICE_FIELDS);
    const repair = services.find((s) => s.service_code === 'property_service.repair')!;
    expect(repair).toMatchObject({ metadata: true, type: 'realtime' });
    expect(repair.service_name).toBeTruthy();

    const xml = await anon.get('/open311/v2/services.xml?jurisdiction_id=310101');
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service>')).toBe(true);
    expect(xmlFields(xml.body, 'service')).toEqual(SERVICE_FIELDS);
    expect(xml.body.match(/<service>/g)!.length).toBe(services.length);
  });

  it('answers service names in English when asked', async () => {
    const res = await anon.get('/open311/v2/services.json', { 'accept-language': 'en-US' });
    const repair = (res.json() as { service_code: string; service_name: string }[]).find(
      (s) => s.service_code === 'property_service.repair',
    )!;
    expect(repair.service_name).toMatch(/^[\x20-\x7e]+$/);
  });

  it('404 for another jurisdiction, in both formats', async () => {
    expectJsonError(await anon.get('/open311/v2/services.json?jurisdiction_id=310104'), 404);
    expectXmlError(await anon.get('/open311/v2/services.xml?jurisdiction_id=sfgov.org'), 404);
  });
});

describe('GET service definition', () => {
  it('defines the attributes of a service, in JSON and XML', async () => {
    const json = await anon.get('/open311/v2/services/property_service.repair.json');
    expect(json.statusCode).toBe(200);
    const def = json.json() as { service_code: string; attributes: Record<string, unknown>[] };
    expect(Object.keys(def)).toEqual(['service_code', 'attributes']);
    expect(def.service_code).toBe('property_service.repair');
    for (const a of def.attributes) expect(Object.keys(a).slice(0, 7)).toEqual(ATTRIBUTE_FIELDS);
    const urgency = def.attributes.find((a) => a.code === 'urgency')!;
    expect(urgency).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 2 });
    expect((urgency.values as { key: string }[]).map((v) => v.key)).toEqual([
      'normal',
      'urgent',
      'emergency',
    ]);
    expect(def.attributes.find((a) => a.code === 'time_limit')).toMatchObject({ variable: false, order: 1 });

    const xml = await anon.get('/open311/v2/services/property_service.repair.xml');
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain(
      '<service_definition><service_code>property_service.repair</service_code><attributes><attribute>',
    );
    expect(xmlFields(xml.body, 'attribute')).toEqual(ATTRIBUTE_FIELDS);
    expect(xml.body).toContain('<values><value><key>normal</key><name>');
  });

  it('404 for an unknown service code or jurisdiction; 404 for an unknown format', async () => {
    expectJsonError(await anon.get('/open311/v2/services/no_such.thing.json'), 404);
    expectXmlError(await anon.get('/open311/v2/services/no_such.thing.xml'), 404);
    expectXmlError(await anon.get('/open311/v2/services/property_service.repair.xml?jurisdiction_id=1'), 404);
    expectJsonError(await anon.get('/open311/v2/services/property_service.repair.csv'), 404);
    expectJsonError(await anon.get('/open311/v2/nothing.json'), 404);
  });
});

describe('POST requests', () => {
  const base = () => ({
    api_key: apiKey,
    service_code: 'property_service.repair',
    lat: String(community.lat + 0.0002),
    long: String(community.lng),
    description: '5号楼门口路灯不亮，晚上看不清路',
    first_name: '小明',
    last_name: '王',
    phone: '+86 139 0000 1234',
    email: 'wang@example.com',
    account_id: 'fms-42',
  });

  it('files a case through the intake with the nearest community, answering the spec fields (JSON)', async () => {
    const res = await post('json', base());
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(Object.keys(body[0]!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(body[0]!.service_request_id).toMatch(/^AJ\d{8}-\d{6}$/);
    expect(body[0]!.account_id).toBe('fms-42');
    expect(body[0]!.service_notice).toMatch(/预计/);
    const row = (await q('select * from case_record where number = $1', [body[0]!.service_request_id]))
      .rows[0];
    expect(row).toMatchObject({ community_id: community.id, channel: 'open311', state: 'reported' });
    expect(row.reporter_user_id).toBeNull();
    expect(row.reporter_name).toBe('王小明');
    expect(t.ctx.cipher.decrypt(row.reporter_phone_enc)).toBe('13900001234');
    const ref = (await q('select * from case_external_ref where case_id = $1', [row.id])).rows[0];
    expect(ref.source).toBe('open311');
    expect(t.ctx.cipher.decrypt(ref.reporter_email_enc)).toBe('wang@example.com');
    const audit = (
      await q(`select * from audit_log where action = 'case.reported' and entity_id = $1`, [String(row.id)])
    ).rows[0];
    expect(audit.actor_label).toBe('api:fixmystreet-test');
  });

  it('answers in XML; address_id and address_string locate the community too; urgency as an attribute', async () => {
    const xml = await post('xml', {
      ...base(),
      lat: '',
      long: '',
      address_id: community.code,
      'attribute[urgency]': 'urgent',
    });
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>AJ\d{8}-\d{6}<\/service_request_id><service_notice>.+<\/service_notice><account_id>fms-42<\/account_id><\/request><\/service_requests>/,
    );
    const number = xmlValue(xml.body, 'service_request_id');
    expect((await q('select urgency from case_record where number = $1', [number])).rows[0].urgency).toBe(
      'urgent',
    );

    const named = await post('json', {
      ...base(),
      lat: '',
      long: '',
      address_string: `上海市黄浦区${community.name}3号楼`,
    });
    expect(named.statusCode).toBe(200);
    const id = (named.json() as { service_request_id: string }[])[0]!.service_request_id;
    expect(
      (await q('select community_id from case_record where number = $1', [id])).rows[0].community_id,
    ).toBe(community.id);
  });

  it('403 without or with a wrong api_key, in both formats; nothing is filed', async () => {
    const before = (await q('select count(*)::int as n from case_record')).rows[0].n;
    const { api_key: _k, ...noKey } = base();
    expectJsonError(await post('json', noKey), 403);
    expectXmlError(await post('xml', { ...base(), api_key: 'anju_wrong' }), 403);
    expect((await q('select count(*)::int as n from case_record')).rows[0].n).toBe(before);
  });

  it('400 for a missing service_code or location, 404 for an unknown service or jurisdiction, in both formats', async () => {
    const { service_code: _s, ...noService } = base();
    const missing = expectJsonError(await post('json', noService), 400);
    expect(missing[0]!.description).toContain('service_code');
    expectXmlError(await post('xml', noService), 400);
    expectJsonError(await post('json', { ...base(), service_code: 'nope.nothing' }), 404);
    expectXmlError(await post('xml', { ...base(), jurisdiction_id: 'city.gov' }), 404);
    const { lat: _a, long: _b, ...noPlace } = base();
    expectJsonError(await post('json', noPlace), 400);
    expectXmlError(await post('xml', { ...base(), lat: '31.0', long: '121.0' }), 400);
    const { long: _l, ...onlyLat } = base();
    expectJsonError(await post('json', onlyLat), 400);
    expectJsonError(await post('json', { ...base(), 'attribute[urgency]': 'whenever' }), 400);
    expectJsonError(await post('json', { ...base(), email: 'not-an-address' }), 400);
    expectXmlError(await post('xml', { ...base(), phone: '12' }), 400);
  });

  it('rate-limits each key (429 in the GeoReport error format)', async () => {
    const slow = await createApiClient(
      t.ctx,
      { userId: null, label: 'test' },
      { name: 'slow-client', channel: 'open311', callbackUrl: null, rateLimitPerMinute: 2 },
    );
    const fields = { ...base(), api_key: slow.apiKey };
    expect((await post('json', fields)).statusCode).toBe(200);
    expect((await post('json', fields)).statusCode).toBe(200);
    expectJsonError(await post('json', fields), 429);
    expectXmlError(await post('xml', fields), 429);
  });

  it('a revoked key is refused at once', async () => {
    const gone = await createApiClient(
      t.ctx,
      { userId: null, label: 'test' },
      { name: 'gone-client', channel: 'open311', callbackUrl: null, rateLimitPerMinute: null },
    );
    expect((await post('json', { ...base(), api_key: gone.apiKey })).statusCode).toBe(200);
    const cli = await runCli(t.ctx.database, ['apikey', 'revoke', '--name', 'gone-client']);
    expect(cli.code).toBe(0);
    // the CLI ran in another "instance": its NOTIFY reaches this one's cache (or the TTL); force it here
    const { apiClientCache } = await import('../integrations/integrations.usecases');
    apiClientCache.invalidate(t.ctx);
    expectJsonError(await post('json', { ...base(), api_key: gone.apiKey }), 403);
  });
});

describe('GET requests, GET request, tokens, servicerequestupdates', () => {
  let number: string;
  let caseId: number;
  let token: string;

  beforeAll(async () => {
    const res = await post('json', {
      api_key: apiKey,
      service_code: 'property_service.repair',
      lat: String(community.lat),
      long: String(community.lng),
      description: '楼道灯坏了，联系我 13912345678',
      first_name: '敏',
      last_name: '李',
      phone: '13912345678',
      email: 'li@example.com',
      media_url: 'https://img.example.com/lamp.jpg',
    });
    number = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    const row = (await q('select id from case_record where number = $1', [number])).rows[0];
    caseId = Number(row.id);
    token = (await q('select ticket from case_external_ref where case_id = $1', [caseId])).rows[0].ticket;
  });

  it('lists requests with exactly the spec fields and no personal data (JSON and XML)', async () => {
    const json = await anon.get('/open311/v2/requests.json');
    expect(json.statusCode).toBe(200);
    const items = json.json() as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const r of items) expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    const mine = items.find((r) => r.service_request_id === number)!;
    expect(mine).toMatchObject({
      status: 'open',
      service_code: 'property_service.repair',
      address_id: community.code,
      media_url: 'https://img.example.com/lamp.jpg',
    });
    expect(mine.requested_datetime).toMatch(W3C);
    expect(mine.updated_datetime).toMatch(W3C);
    expect(mine.expected_datetime).toMatch(W3C);
    expect(mine.description).toBe('楼道灯坏了，联系我 139****5678');
    expect(mine.agency_responsible).toBeTruthy();
    const text = json.body;
    for (const secret of ['13912345678', 'li@example.com', '李敏']) expect(text).not.toContain(secret);

    const xml = await anon.get('/open311/v2/requests.xml');
    expect(xml.statusCode).toBe(200);
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request>')).toBe(
      true,
    );
    expect(xmlFields(xml.body, 'request')).toEqual(REQUEST_FIELDS);
    for (const secret of ['13912345678', 'li@example.com', '李敏']) expect(xml.body).not.toContain(secret);
  });

  it('filters by service_request_id (overriding the rest), service_code, status and dates; pages', async () => {
    const byId = (
      await anon.get(`/open311/v2/requests.json?service_request_id=${number}&status=closed&service_code=x.y`)
    ).json() as { service_request_id: string }[];
    expect(byId.map((r) => r.service_request_id)).toEqual([number]);
    const closed = (await anon.get('/open311/v2/requests.json?status=closed')).json() as { status: string }[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const open = (
      await anon.get('/open311/v2/requests.json?status=open&service_code=property_service.repair')
    ).json() as { status: string; service_code: string }[];
    expect(open.every((r) => r.status === 'open' && r.service_code === 'property_service.repair')).toBe(true);
    const future = (await anon.get('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z')).json();
    expect(future).toEqual([]);
    const p1 = (await anon.get('/open311/v2/requests.json?page_size=3&page=1')).json() as {
      service_request_id: string;
    }[];
    const p2 = (await anon.get('/open311/v2/requests.json?page_size=3&page=2')).json() as {
      service_request_id: string;
    }[];
    expect(p1).toHaveLength(3);
    expect(p2).toHaveLength(3);
    expect(p1.map((r) => r.service_request_id)).not.toContain(p2[0]!.service_request_id);
  });

  it('refuses bad filters with 400 and another jurisdiction with 404, in both formats', async () => {
    expectJsonError(
      await anon.get(
        '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      ),
      400,
    );
    expectXmlError(await anon.get('/open311/v2/requests.xml?start_date=yesterday'), 400);
    expectJsonError(await anon.get('/open311/v2/requests.json?status=pending'), 400);
    expectXmlError(await anon.get('/open311/v2/requests.xml?page_size=5000'), 400);
    expectJsonError(await anon.get('/open311/v2/requests.json?jurisdiction_id=310106'), 404);
  });

  it('GET request by id in both formats; 404 for an unknown id', async () => {
    const json = await anon.get(`/open311/v2/requests/${number}.json`);
    expect(json.statusCode).toBe(200);
    const [r] = json.json() as Record<string, unknown>[];
    expect(Object.keys(r!)).toEqual(REQUEST_FIELDS);
    expect(r!.service_request_id).toBe(number);
    const xml = await anon.get(`/open311/v2/requests/${number}.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xmlValue(xml.body, 'service_request_id')).toBe(number);
    expect(xmlFields(xml.body, 'request')).toEqual(REQUEST_FIELDS);
    expectJsonError(await anon.get('/open311/v2/requests/AJ20200101-999999.json'), 404);
    expectXmlError(await anon.get('/open311/v2/requests/whatever.xml'), 404);
  });

  it('GET tokens resolves a token to its service_request_id in both formats; 404 for an unknown one', async () => {
    const json = await anon.get(`/open311/v2/tokens/${token}.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual([{ service_request_id: number, token }]);
    const xml = await anon.get(`/open311/v2/tokens/${token}.xml`);
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${number}</service_request_id><token>${token}</token></request></service_requests>`,
    );
    expectJsonError(await anon.get('/open311/v2/tokens/nope.json'), 404);
    expectXmlError(await anon.get('/open311/v2/tokens/nope.xml'), 404);
  });

  it('follows the lifecycle: agency_responsible = lead unit, expected_datetime = handle deadline, status_notes = latest public note, closed on closing', async () => {
    const street = await t.login('street');
    const v = async () =>
      (await q('select version from case_record where id = $1', [caseId])).rows[0].version;
    expect(
      (await street.post(`/api/v1/cases/${caseId}/actions/register`, { version: await v() })).statusCode,
    ).toBe(200);
    expect(
      (await street.post(`/api/v1/cases/${caseId}/actions/dispatch`, { version: await v() })).statusCode,
    ).toBe(200);
    const c = (await q('select lead_name, stage_due_at from case_record where id = $1', [caseId])).rows[0];
    const [dispatched] = (await anon.get(`/open311/v2/requests/${number}.json`)).json() as Record<
      string,
      string
    >[];
    expect(dispatched!.agency_responsible).toBe(c.lead_name);
    expect(new Date(dispatched!.expected_datetime!).getTime()).toBe(new Date(c.stage_due_at).getTime());
    expect(dispatched!.status).toBe('open');

    const updates = (await anon.get('/open311/v2/servicerequestupdates.json')).json() as Record<
      string,
      string
    >[];
    for (const u of updates) expect(Object.keys(u)).toEqual(UPDATE_FIELDS);
    const mine = updates.filter((u) => u.service_request_id === number);
    expect(mine.map((u) => u.status)).toEqual(['open', 'open', 'open']);
    expect(mine[2]!.description).toContain(c.lead_name);
    expect(mine[0]!.updated_datetime).toMatch(W3C);

    const xml = await anon.get(
      '/open311/v2/servicerequestupdates.xml?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z',
    );
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<service_request_updates></service_request_updates>');
    const xmlNow = await anon.get('/open311/v2/servicerequestupdates.xml');
    expect(xmlFields(xmlNow.body, 'request_update')).toEqual(UPDATE_FIELDS);
    expectXmlError(await anon.get('/open311/v2/servicerequestupdates.xml?jurisdiction_id=x'), 404);
    expectJsonError(await anon.get('/open311/v2/servicerequestupdates.json?end_date=bad'), 400);
  });

  it('a rejected request is closed with the reason as status_notes', async () => {
    const res = await post('json', {
      api_key: apiKey,
      service_code: 'property_service.fees',
      address_id: community.code,
      description: '物业费怎么算',
    });
    const id = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    const caseRow = (await q('select id, version from case_record where number = $1', [id])).rows[0];
    const street = await t.login('street');
    const r = await street.post(`/api/v1/cases/${caseRow.id}/actions/reject`, {
      version: caseRow.version,
      reason: '属咨询类诉求，已电话答复',
    });
    expect(r.statusCode).toBe(200);
    const [out] = (await anon.get(`/open311/v2/requests/${id}.json`)).json() as Record<string, unknown>[];
    expect(out).toMatchObject({
      status: 'closed',
      status_notes: '属咨询类诉求，已电话答复',
      expected_datetime: null,
    });
    const xml = await anon.get(`/open311/v2/requests/${id}.xml`);
    expect(xmlValue(xml.body, 'status')).toBe('closed');
  });
});

describe('anju apikey (CLI)', () => {
  it('creates a key printed once and stored hashed, lists without keys', async () => {
    const res = await runCli(t.ctx.database, [
      'apikey',
      'create',
      '--name',
      'cli-client',
      '--rate-limit',
      '30',
    ]);
    expect(res.code).toBe(0);
    const key = /API key \(shown once, keep it secret\): (anju_\S+)/.exec(res.stdout)![1]!;
    const row = (await q(`select * from api_client where name = 'cli-client'`)).rows[0];
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await runCli(t.ctx.database, ['apikey', 'list']);
    expect(list.stdout).toContain('cli-client');
    expect(list.stdout).not.toContain(key);
    expect((await runCli(t.ctx.database, ['apikey', 'create', '--name', 'x'])).code).not.toBe(0);
  });
});
