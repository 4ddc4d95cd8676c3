import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from '../../../../test/app';
import { auditHeadsOf } from '../../platform/audit/audit.heads';
import { verifyAuditChains } from '../../platform/audit/audit.verify';

// Intake writes a case in one statement when the process knows the head of the street's audit chain,
// and falls back to a transaction when it does not, when the head moved or when the key is taken.
// Whichever path a report takes, the chain must stay whole and each key must make one case.

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);
let n = 0;
const newKey = () => `intake-${process.pid}-${++n}-${Date.now()}`;

let community: number;
let street: number;
let resident: Client;

beforeAll(async () => {
  const r = (
    await q(
      `select r.community_id, r.street_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'`,
    )
  ).rows[0];
  community = r.community_id;
  street = r.street_id;
  resident = await t.login('resident');
});

const report = (key = newKey(), title = '楼道灯坏了') =>
  resident.post(
    '/api/v1/cases',
    { categoryCode: 'property_service.repair', communityId: community, title, description: '楼道灯不亮' },
    { 'idempotency-key': key },
  );

async function chainHead() {
  const r = await q('select seq, hash from audit_chain where chain = $1', [street]);
  return { seq: Number(r.rows[0].seq), hash: r.rows[0].hash as string };
}

async function caseAudit(id: number) {
  const r = await q(
    `select count(*)::int as n from audit_log where entity_type = 'case' and entity_id = $1 and action = 'case.reported'`,
    [String(id)],
  );
  return r.rows[0].n as number;
}

describe('intake in one statement', () => {
  it('after a first report the process knows the chain head; the next report appends right after it', async () => {
    const first = await report();
    expect(first.statusCode).toBe(201);
    const heads = auditHeadsOf(t.ctx.database.pool);
    expect(heads.get(street)).toEqual(await chainHead());

    const before = await chainHead();
    const appended = heads.stats.appended;
    const second = await report();
    expect(second.statusCode).toBe(201);
    expect(heads.stats.appended).toBe(appended + 1);
    const after = await chainHead();
    expect(after.seq).toBe(before.seq + 1);
    expect(heads.get(street)).toEqual(after);
    const row = (
      await q(`select seq, prev_hash, entity_id from audit_log where chain = $1 and seq = $2`, [
        street,
        after.seq,
      ])
    ).rows[0];
    expect(row.prev_hash).toBe(before.hash);
    expect(Number(row.entity_id)).toBe(second.json().id);
    expect(second.json().number).toMatch(new RegExp(`${second.json().id}$`));
    expect(await verifyAuditChains(t.ctx.database.pool)).toMatchObject({ ok: true });
  });

  it('when another writer moved the head, the report still lands once, through the transaction, and the chain verifies', async () => {
    await report();
    const heads = auditHeadsOf(t.ctx.database.pool);
    const known = heads.get(street)!;
    // another use case (or another instance) appends to the street's chain: the cached head is stale
    const street2 = await t.login('street');
    const other = await report();
    const register = await street2.post(`/api/v1/cases/${other.json().id}/actions/register`, { version: 0 });
    expect(register.statusCode).toBe(200);
    heads.forget(street);
    heads.advance({ chain: street, ...known });
    expect((await chainHead()).seq).toBeGreaterThan(known.seq);

    const refused = heads.stats.refused;
    const res = await report();
    expect(res.statusCode).toBe(201);
    expect(heads.stats.refused).toBe(refused + 1);
    expect(await caseAudit(res.json().id)).toBe(1);
    expect(heads.get(street)).toEqual(await chainHead());
    // and the next one takes the single statement again
    const appended = heads.stats.appended;
    expect((await report()).statusCode).toBe(201);
    expect(heads.stats.appended).toBe(appended + 1);
    expect(await verifyAuditChains(t.ctx.database.pool)).toMatchObject({ ok: true });
  });

  it('a key already used is answered from the stored answer, and the single statement leaves nothing behind', async () => {
    await report();
    const key = newKey();
    const first = await report(key, '门禁坏了');
    const cases = (await q('select count(*)::int as n from case_record')).rows[0].n;
    const audit = (await q('select count(*)::int as n from audit_log')).rows[0].n;
    const heads = auditHeadsOf(t.ctx.database.pool);
    const refused = heads.stats.refused;
    const again = await report(key, '门禁坏了');
    expect(heads.stats.refused).toBe(refused + 1);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await q('select count(*)::int as n from case_record')).rows[0].n).toBe(cases);
    expect((await q('select count(*)::int as n from audit_log')).rows[0].n).toBe(audit);
  });

  it('many reports at once from one street: each lands once with its own audit row, and the chain verifies', async () => {
    await report();
    const before = await chainHead();
    const heads = auditHeadsOf(t.ctx.database.pool);
    const appended = heads.stats.appended;
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => report(newKey(), `报修 ${i}`)));
    expect(heads.stats.appended).toBe(appended + 24);
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    const ids = results.map((r) => r.json().id as number);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(await caseAudit(id)).toBe(1);
    expect((await chainHead()).seq).toBe(before.seq + ids.length);
    expect(await verifyAuditChains(t.ctx.database.pool)).toMatchObject({ ok: true });
  });
});
