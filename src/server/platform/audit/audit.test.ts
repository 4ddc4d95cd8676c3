import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db';
import type { Database } from '../../db/client';
import { canonicalJson, recordAudit } from './audit';
import { verifyAuditChains } from './audit.verify';

declare module './audit' {
  interface AuditEvents {
    'test.event': { before: { n: number } | null; after: { n: number; when: Date; big: bigint } };
  }
}

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function append(streetId: number | null, n: number) {
  await database.db.transaction((tx) =>
    recordAudit(
      tx,
      { userId: null, label: 'test' },
      {
        action: 'test.event',
        entityType: 'thing',
        entityId: n,
        streetId,
        before: n > 1 ? { n: n - 1 } : null,
        after: { n, when: new Date('2026-09-30T01:02:03.456Z'), big: 12345678901234567890n },
      },
    ),
  );
}

describe('audit log', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('chains rows per street, concurrently, and verifies them', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => append(i % 3 === 0 ? null : (i % 3) + 1, i + 1)));
    const result = await verifyAuditChains(database.pool);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(30);
    const chains = await database.pool.query(
      'select chain, max(seq)::int as n from audit_log group by chain order by chain',
    );
    expect(chains.rows.map((r) => r.chain)).toEqual(expect.arrayContaining([0, 2, 3]));
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(
      database.pool.query("update audit_log set action = 'x' where chain = 2 and seq = 1"),
    ).rejects.toThrow(/append-only/);
    await expect(database.pool.query('delete from audit_log where chain = 2 and seq = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link when a row is altered behind its back', async () => {
    const target = await database.pool.query(
      'select seq from audit_log where chain = 2 order by seq limit 1 offset 3',
    );
    const seq = target.rows[0].seq;
    await database.pool.query('alter table audit_log disable trigger audit_log_no_update_delete');
    await database.pool.query(
      `update audit_log set after = jsonb_set(after, '{n}', '999') where chain = 2 and seq = $1`,
      [seq],
    );
    await database.pool.query('alter table audit_log enable trigger audit_log_no_update_delete');
    const result = await verifyAuditChains(database.pool);
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual({ chain: 2, seq, reason: 'hash_mismatch' });
  });

  it('notices a deleted row as a gap', async () => {
    await database.pool.query('alter table audit_log disable trigger audit_log_no_update_delete');
    await database.pool.query('delete from audit_log where chain = 3 and seq = 2');
    await database.pool.query('alter table audit_log enable trigger audit_log_no_update_delete');
    const result = await verifyAuditChains(database.pool);
    expect(result.ok).toBe(false);
    // chain 2 is still the first broken one, chain order decides
    expect(result.broken?.chain).toBe(2);
  });
});
