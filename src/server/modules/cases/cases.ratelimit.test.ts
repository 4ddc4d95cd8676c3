import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';

const t = setupTestApp({ RESIDENT_INTAKE_RATE_LIMIT: '2' });

describe('resident intake rate limit', () => {
  it('refuses a resident report past RESIDENT_INTAKE_RATE_LIMIT an hour with 429, writing nothing', async () => {
    const resident = await t.login('resident');
    const community = (
      await t.ctx.database.pool.query(
        `select r.community_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'`,
      )
    ).rows[0].community_id;
    const report = (n: number) =>
      resident.post(
        '/api/v1/cases',
        {
          categoryCode: 'property_service.repair',
          communityId: community,
          title: `限流 ${n}`,
          description: '楼道灯不亮',
        },
        { 'idempotency-key': `rate-limit-${n}-${Date.now()}` },
      );
    expect((await report(1)).statusCode).toBe(201);
    expect((await report(2)).statusCode).toBe(201);
    const third = await report(3);
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('rate_limited');
    const made = await t.ctx.database.pool.query(
      "select count(*)::int as n from case_record where title like '限流 %'",
    );
    expect(made.rows[0].n).toBe(2);
  });
});
