import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli';
import { createTestDatabase } from '../../../test/db';
import type { Database } from '../db/client';
import { verifyPassword } from '../platform/crypto';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const strong = 'Qingming-Bridge-2026';

async function writes() {
  const r = await database.pool.query(
    'select (select count(*)::int from user_account) as users, (select count(*)::int from role_assignment) as roles, (select count(*)::int from audit_log) as audit',
  );
  return r.rows[0];
}

async function assignmentOf(username: string) {
  const r = await database.pool.query(
    `select r.*, u.password_hash, u.display_name, u.is_demo from role_assignment r
       join user_account u on u.id = r.user_id where u.username = $1`,
    [username],
  );
  return r.rows;
}

describe('anju user create', () => {
  it('creates a street officer of 五里桥街道, audited', async () => {
    const before = await writes();
    const r = await runCli(database, [
      'user',
      'create',
      '--username',
      'wlq_officer',
      '--name',
      '李明',
      '--role',
      'street',
      '--street',
      '五里桥街道',
      '--password',
      strong,
    ]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created user wlq_officer .*street at 五里桥街道/);
    const [assignment] = await assignmentOf('wlq_officer');
    const street = await database.pool.query("select id, district_id from street where name = '五里桥街道'");
    expect(assignment).toMatchObject({
      role: 'street',
      street_id: street.rows[0].id,
      district_id: street.rows[0].district_id,
      committee_id: null,
      display_name: '李明',
      is_demo: false,
    });
    expect(await verifyPassword(strong, assignment.password_hash)).toBe(true);
    const after = await writes();
    expect(after).toEqual({ users: before.users + 1, roles: before.roles + 1, audit: before.audit + 1 });
    const audit = await database.pool.query(
      "select actor_label, after from audit_log where action = 'user.created' order by at desc limit 1",
    );
    expect(audit.rows[0].actor_label).toMatch(/^cli:/);
    expect(audit.rows[0].after.username).toBe('wlq_officer');
    expect(audit.rows[0].after).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(audit.rows[0].after)).not.toContain(strong);
  });

  it('reads the password from a pipe and resolves places by code or id', async () => {
    const org = await database.pool.query(
      "select id, uscc from organization where kind = 'property_company' order by id limit 1",
    );
    const r = await runCli(
      database,
      [
        'user',
        'create',
        '--username',
        'pm_staff',
        '--name',
        '张华',
        '--role',
        'property',
        '--organization',
        org.rows[0].uscc,
      ],
      `${strong}\n`,
    );
    expect(r.code).toBe(0);
    expect((await assignmentOf('pm_staff'))[0]).toMatchObject({
      role: 'property',
      organization_id: org.rows[0].id,
    });

    const unit = await database.pool.query(
      'select id, community_id, street_id from unit order by id limit 1',
    );
    const u = unit.rows[0];
    const resident = await runCli(
      database,
      [
        'user',
        'create',
        '--username',
        'owner_1',
        '--name',
        '陈静',
        '--role',
        'resident',
        '--unit',
        String(u.id),
      ],
      `${strong}\n`,
    );
    expect(resident.code).toBe(0);
    expect((await assignmentOf('owner_1'))[0]).toMatchObject({
      role: 'resident',
      unit_id: Number(u.id),
      community_id: u.community_id,
      street_id: u.street_id,
    });
  });

  it.each([
    ['an unknown role', ['--role', 'mayor'], /--role/],
    ['a street officer without --street', ['--role', 'street'], /--street is required for role "street"/],
    [
      'a place that does not fit the role',
      ['--role', 'street', '--street', '五里桥街道', '--organization', '1'],
      /--organization does not apply to role "street"/,
    ],
    ['an unknown street', ['--role', 'street', '--street', '不存在街道'], /--street: no street "不存在街道"/],
    [
      'a weak password',
      ['--role', 'street', '--street', '五里桥街道', '--password', 'short1'],
      /--password: .*at least 10 characters/,
    ],
    [
      'a password without enough kinds of characters',
      ['--role', 'street', '--street', '五里桥街道', '--password', 'alllowercaseletters'],
      /--password: .*three of/,
    ],
    [
      'a property account at a developer',
      ['--role', 'property', '--organization', '上海黄浦房地产开发有限公司'],
      /--organization: .*developer, not a property company/,
    ],
    [
      'a taken user name',
      ['--role', 'district_admin', '--password', strong, '--username', 'district_admin'],
      /--username: That user name is taken/,
    ],
    [
      'a bad user name',
      ['--role', 'district_admin', '--password', strong, '--username', 'no spaces'],
      /--username: User names may contain/,
    ],
    [
      'a resident without a community or unit',
      ['--role', 'resident', '--password', strong],
      /--community \(or --unit\) is required/,
    ],
  ])('refuses %s, naming the option, and writes nothing', async (_what, args, message) => {
    const before = await writes();
    const base = ['user', 'create', '--username', 'newcomer', '--name', '新人'];
    const r = await runCli(database, [...base, ...args], '');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(await writes()).toEqual(before);
  });

  it('refuses a missing password when nothing is piped in', async () => {
    const before = await writes();
    const r = await runCli(
      database,
      ['user', 'create', '--username', 'nopass', '--name', '无', '--role', 'inspector'],
      '',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--password: no password given/);
    expect(await writes()).toEqual(before);
  });
});

describe('anju user remove-demo', () => {
  it('deletes every demo account with an audit row each, and leaves other accounts', async () => {
    const demo = (await database.pool.query('select count(*)::int as n from user_account where is_demo'))
      .rows[0].n;
    expect(demo).toBe(12);
    const r = await runCli(database, ['user', 'remove-demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Deleted: district_admin/);
    expect(r.stdout).toMatch(/12 demo account\(s\) removed/);
    const left = await database.pool.query('select username, is_demo from user_account order by id');
    expect(left.rows.every((u) => !u.is_demo)).toBe(true);
    expect(left.rows.map((u) => u.username)).toEqual(['wlq_officer', 'pm_staff', 'owner_1']);
    const audited = await database.pool.query(
      "select count(*)::int as n from audit_log where action = 'user.demo_removed'",
    );
    expect(audited.rows[0].n).toBe(12);
    expect((await runCli(database, ['audit', 'verify'])).code).toBe(0);
    const again = await runCli(database, ['user', 'remove-demo']);
    expect(again.stdout).toMatch(/no demo accounts/);
  });
});
