import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { one, rows, uploadPhoto } from '../../../../test/safety';
import { addDays, shanghaiDate } from '../../platform/dates';
import { superviseEmergencyDisclosures } from './fund-use.usecases';

// Emergency use of the maintenance fund (SPEC 5.6) and its link to the case or hazard behind it
// (seed 二(一)2: fire-safety findings → emergency fund use).

const t = setupTestApp();
/** noon in Shanghai on a calendar day */
const noonOn = (day: string) => new Date(`${day}T12:00:00+08:00`);

let street: Client;
let admin: Client;
/** the owners' committee's community in 五里桥 (the street account's street) */
let home: number;
/** another community of 五里桥 */
let neighbour: number;

const counts = () =>
  one<{ uses: number; events: number; audit: number }>(
    t,
    `select (select count(*)::int from fund_use) as uses, (select count(*)::int from fund_use_event) as events,
            (select count(*)::int from audit_log) as audit`,
  );
const caseIn = async (communityId: number) =>
  (
    await one<{ id: string }>(t, 'select id from case_record where community_id = $1 order by id limit 1', [
      communityId,
    ])
  ).id;
/** a fire-safety finding in a community: a hazard as the fire patrol records it */
async function fireFinding(communityId: number): Promise<number> {
  const r = await one<{ id: string }>(
    t,
    `insert into hazard (street_id, community_id, source, category_code, grade, title, description,
       responsible_unit_kind, responsible_unit_name, found_by_label, found_at)
     select street_id, id, 'inspection', 'fire_safety.facility_failure', 'major', '3 号楼消火栓无水', '消防巡查发现', 'street', '房管办', '巡查队', now()
     from community where id = $1 returning id`,
    [communityId],
  );
  return Number(r.id);
}

const emergency = (extra: Record<string, unknown>) => ({
  communityId: home,
  path: 'emergency',
  emergencyKind: 'fire_facility_failed',
  title: '3 号楼消火栓失效抢修',
  budgetFen: 150_000,
  ...extra,
});

/** An emergency use taken to `accepted` by the street and the bureau; accepted at `now`. */
async function acceptedUse(body: Record<string, unknown>) {
  let use = (await street.post('/api/v1/fund-uses', emergency(body))).json();
  expect(use.id).toBeGreaterThan(0);
  use = (
    await street.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'submit', version: use.version })
  ).json();
  use = (
    await admin.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'approve', version: use.version })
  ).json();
  use = (
    await admin.post(`/api/v1/fund-uses/${use.id}/tranches`, {
      version: use.version,
      amountFen: 150_000,
      paidOn: shanghaiDate(),
      payee: '消防维保单位',
    })
  ).json();
  use = (
    await street.post(`/api/v1/fund-uses/${use.id}/transitions`, { action: 'accept', version: use.version })
  ).json();
  expect(use.status).toBe('accepted');
  return use;
}

beforeAll(async () => {
  street = await t.login('street');
  admin = await t.login('district_admin');
  home = Number(
    (
      await one<{ id: string }>(
        t,
        "select r.community_id as id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'owners_committee'",
      )
    ).id,
  );
  neighbour = Number(
    (
      await one<{ id: string }>(
        t,
        `select c.id from community c where c.street_id = (select street_id from community where id = $1) and c.id <> $1
           and exists (select 1 from case_record r where r.community_id = c.id) order by c.id limit 1`,
        [home],
      )
    ).id,
  );
});

describe('emergency use needs its kind and evidence of the emergency', () => {
  it('without a kind or without evidence: 400 naming the field, nothing written', async () => {
    const other = await uploadPhoto(await t.login('street2'));
    const committee = await t.login('owners_committee');
    const before = await counts();
    const noKind = await street.post(
      '/api/v1/fund-uses',
      emergency({ emergencyKind: undefined, caseId: await caseIn(home) }),
    );
    expect(noKind.statusCode).toBe(400);
    expect(noKind.headers['content-type']).toContain('application/problem+json');
    expect(noKind.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.emergencyKind']);
    const noEvidence = await street.post('/api/v1/fund-uses', emergency({}));
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().errors).toEqual([
      expect.objectContaining({ path: 'body.evidenceFileIds', code: 'emergency_evidence_required' }),
    ]);
    const badKind = await street.post('/api/v1/fund-uses', emergency({ emergencyKind: 'flood', caseId: 1 }));
    expect(badKind.json().errors[0].path).toBe('body.emergencyKind');
    // a file the caller may not attach (another user's, unplaced) is refused by its index
    const foreign = await street.post('/api/v1/fund-uses', emergency({ evidenceFileIds: [other] }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ path: 'body.evidenceFileIds.0', code: 'unknown_file' });
    // evidence belongs to emergencies only
    const normal = await committee.post('/api/v1/fund-uses', {
      communityId: home,
      path: 'normal',
      title: '外墙修缮',
      budgetFen: 100,
      evidenceFileIds: [other],
    });
    expect(normal.json().errors[0]).toMatchObject({
      path: 'body.evidenceFileIds',
      code: 'emergency_evidence_only',
    });
    expect(await counts()).toEqual(before);
  });

  it('an uploaded photo is evidence enough; the bureau sees it and the disclosure carries it', async () => {
    const photo = await uploadPhoto(street);
    let use = (
      await street.post(
        '/api/v1/fund-uses',
        emergency({ emergencyKind: 'elevator_stopped', evidenceFileIds: [photo] }),
      )
    ).json();
    expect(use).toMatchObject({
      evidence: [{ id: photo, mime: 'image/png' }],
      source: { case: null, hazard: null },
    });
    expect((await admin.get(`/api/v1/files/${photo}/content`)).statusCode).toBe(200);
    expect(await one(t, 'select evidence_file_ids from fund_use where id = $1', [use.id])).toEqual({
      evidence_file_ids: [String(photo)],
    });
    use = await acceptedUse({ evidenceFileIds: [await uploadPhoto(street)] });
    const disclosed = (
      await street.post(`/api/v1/fund-uses/${use.id}/transitions`, {
        action: 'disclose',
        version: use.version,
      })
    ).json();
    expect(disclosed).toMatchObject({ status: 'disclosed', disclosureOverdue: false });
    const board = await one<{ attachment_file_ids: string[] }>(
      t,
      'select attachment_file_ids from disclosure where id = $1',
      [disclosed.disclosureId],
    );
    expect(board.attachment_file_ids.map(Number)).toEqual(use.evidence.map((e: { id: number }) => e.id));
  });
});

describe('the case or hazard behind it is a checked reference', () => {
  it('a case of another community, of another street, or none at all is refused on body.caseId', async () => {
    const before = await counts();
    const elsewhere = await street.post('/api/v1/fund-uses', emergency({ caseId: await caseIn(neighbour) }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0]).toMatchObject({ path: 'body.caseId', code: 'source_other_community' });
    const waitan = await one<{ id: string }>(
      t,
      "select r.id from case_record r join street s on s.id = r.street_id where s.name = '外滩街道' limit 1",
    );
    const hidden = await street.post('/api/v1/fund-uses', emergency({ caseId: Number(waitan.id) }));
    expect(hidden.json().errors[0]).toMatchObject({ path: 'body.caseId', code: 'unknown_case' });
    const missing = await street.post('/api/v1/fund-uses', emergency({ caseId: 999_999_999 }));
    expect(missing.json().errors[0]).toMatchObject({ path: 'body.caseId', code: 'unknown_case' });
    const typed = await street.post('/api/v1/fund-uses', emergency({ caseId: 'A-12' }));
    expect(typed.json().errors[0].path).toBe('body.caseId');
    expect(await counts()).toEqual(before);
  });

  it('a fire-safety finding of the same community links both ways; one elsewhere or unseen is refused', async () => {
    const finding = await fireFinding(home);
    const other = await fireFinding(neighbour);
    const waitanCommunity = await one<{ id: string }>(
      t,
      "select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1",
    );
    const unseen = await fireFinding(Number(waitanCommunity.id));
    const before = await counts();
    const wrong = await street.post('/api/v1/fund-uses', emergency({ hazardId: other }));
    expect(wrong.json().errors[0]).toMatchObject({ path: 'body.hazardId', code: 'source_other_community' });
    const hidden = await street.post('/api/v1/fund-uses', emergency({ hazardId: unseen }));
    expect(hidden.json().errors[0]).toMatchObject({ path: 'body.hazardId', code: 'unknown_hazard' });
    expect(await counts()).toEqual(before);

    const res = await street.post('/api/v1/fund-uses', emergency({ hazardId: finding }));
    expect(res.statusCode).toBe(200);
    const use = res.json();
    expect(use).toMatchObject({
      hazardId: finding,
      source: { hazard: { id: finding, title: '3 号楼消火栓无水' } },
    });
    expect(use.source.hazard.number).toMatch(/^YH\d{8}-\d{6}$/);
    // from the finding's side: its fund uses, and the button to open one
    const list = (await street.get(`/api/v1/fund-uses?hazardId=${finding}`)).json();
    expect(list.items.map((u: { id: number }) => u.id)).toEqual([use.id]);
    expect((await street.get(`/api/v1/hazards/${finding}`)).json().abilities.useFund).toBe(true);
    expect(
      (await (await t.login('inspector')).get(`/api/v1/hazards/${finding}`)).json().abilities.useFund,
    ).toBe(false);
    const bad = await street.get('/api/v1/fund-uses?hazardId=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.hazardId');
    // the database keeps the reference too
    await expect(
      t.ctx.database.pool.query('update fund_use set hazard_id = 999999999 where id = $1', [use.id]),
    ).rejects.toThrow(/foreign key/);
    // the case side: a case of the community is accepted and shown
    const kase = await caseIn(home);
    const withCase = (await street.post('/api/v1/fund-uses', emergency({ caseId: kase }))).json();
    expect(withCase.source.case).toMatchObject({ id: Number(kase) });
    expect((await street.get(`/api/v1/fund-uses?caseId=${kase}`)).json().items[0].id).toBe(withCase.id);
  });
});

describe('disclosure deadline, reminder and escalation', () => {
  it('acceptance sets the deadline; the job reminds, then escalates to the bureau, each once', async () => {
    const today = shanghaiDate();
    const use = await acceptedUse({ hazardId: await fireFinding(home) });
    const due = addDays(today, t.ctx.config.FUND_EMERGENCY_DISCLOSURE_DAYS);
    expect(t.ctx.config.FUND_EMERGENCY_DISCLOSURE_DAYS).toBe(30);
    expect(use).toMatchObject({
      disclosureDueOn: due,
      disclosureOverdue: false,
      disclosureEscalatedAt: null,
    });
    const creator = Number(
      (await one<{ created_by: string }>(t, 'select created_by from fund_use where id = $1', [use.id]))
        .created_by,
    );
    const bureau = (
      await rows<{ id: string }>(
        t,
        "select distinct u.id from user_account u join role_assignment r on r.user_id = u.id where r.role = 'district_admin' and u.status = 'active'",
      )
    ).map((r) => Number(r.id));
    expect(bureau.length).toBeGreaterThan(0);
    const told = async () =>
      (
        await rows<{ user_id: string; kind: string }>(
          t,
          "select user_id, kind from notification where params->>'fundUseId' = $1 order by id",
          [String(use.id)],
        )
      ).map((n) => [Number(n.user_id), n.kind]);

    // four days before: nothing yet (reminders go three days ahead)
    await superviseEmergencyDisclosures(t.ctx, { now: noonOn(addDays(due, -4)) });
    expect(await told()).toEqual([]);
    const early = noonOn(addDays(due, -3));
    await superviseEmergencyDisclosures(t.ctx, { now: early });
    await superviseEmergencyDisclosures(t.ctx, { now: early });
    expect(await told()).toEqual([[creator, 'fund_use_disclosure_due']]);
    // on the day itself it is not overdue yet
    await superviseEmergencyDisclosures(t.ctx, { now: noonOn(due) });
    expect(await told()).toHaveLength(1);
    const late = noonOn(addDays(due, 1));
    const [a, b] = await Promise.all([
      superviseEmergencyDisclosures(t.ctx, { now: late }),
      superviseEmergencyDisclosures(t.ctx, { now: late }),
    ]);
    await superviseEmergencyDisclosures(t.ctx, { now: noonOn(addDays(due, 2)) });
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
    const after = await told();
    expect(after.filter(([, k]) => k === 'fund_use_disclosure_due')).toHaveLength(1);
    const overdue = after.filter(([, k]) => k === 'fund_use_disclosure_overdue').map(([u]) => u);
    expect(overdue.sort()).toEqual([...new Set([creator, ...bureau])].sort());
    const events = await rows<{ action: string; by_label: string }>(
      t,
      "select action, by_label from fund_use_event where fund_use_id = $1 and action like 'disclosure_%' order by id",
      [use.id],
    );
    expect(events).toEqual([
      { action: 'disclosure_reminded', by_label: 'fund-disclosure' },
      { action: 'disclosure_overdue', by_label: 'fund-disclosure' },
    ]);
    expect(
      (
        await one<{ n: number }>(
          t,
          "select count(*)::int as n from audit_log where action = 'fund_use.disclosure_escalated'",
        )
      ).n,
    ).toBe(1);
    // the bureau reads it in its inbox, in its language
    const inbox = (await admin.get('/api/v1/notifications?limit=100')).json();
    expect(inbox.items.find((n: { fundUseId: number | null }) => n.fundUseId === use.id)).toMatchObject({
      kind: 'fund_use_disclosure_overdue',
      title: '应急使用维修资金逾期未公示',
    });

    // past the day in real time: overdue on the page and in the list's overdue filter
    await t.ctx.database.pool.query('update fund_use set disclosure_due_on = $2 where id = $1', [
      use.id,
      addDays(today, -1),
    ]);
    const page = (await street.get(`/api/v1/fund-uses/${use.id}`)).json();
    expect(page).toMatchObject({ disclosureOverdue: true });
    expect(page.disclosureEscalatedAt).not.toBeNull();
    const list = (await admin.get('/api/v1/fund-uses?overdue=true&limit=100')).json();
    expect(list.items.map((u: { id: number }) => u.id)).toContain(use.id);
    expect(list.items.every((u: { disclosureOverdue: boolean }) => u.disclosureOverdue)).toBe(true);
    expect((await admin.get('/api/v1/fund-uses?overdue=yes')).json().errors[0].path).toBe('query.overdue');
    // disclosing late ends the overdue state
    const done = (
      await street.post(`/api/v1/fund-uses/${use.id}/transitions`, {
        action: 'disclose',
        version: page.version,
      })
    ).json();
    expect(done).toMatchObject({ status: 'disclosed', disclosureOverdue: false });
  });
});
