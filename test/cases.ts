import { Actor, type RoleAssignment } from '../src/server/platform/access';
import type { TestApp } from './app';

/** The demo account as a use case sees it (for tests that drive use cases with a simulated clock). */
export async function demoActor(t: TestApp, username: string): Promise<Actor> {
  const r = await t.ctx.database.pool.query(
    `select u.id, u.username, u.display_name,
            json_agg(json_build_object('role', r.role, 'districtId', r.district_id, 'streetId', r.street_id,
              'committeeId', r.committee_id, 'communityId', r.community_id, 'departmentId', r.department_id,
              'organizationId', r.organization_id, 'unitId', r.unit_id) order by r.id) as roles
     from user_account u join role_assignment r on r.user_id = u.id where u.username = $1 group by u.id`,
    [username],
  );
  const u = r.rows[0];
  return new Actor(Number(u.id), u.username, u.display_name, u.roles as RoleAssignment[]);
}

/** A tiny valid PNG (1×1, red). */
export const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000970485973000003e8000003e801b57b526b0000000c49444154089963f8cfc00000030101009ce3bf590000000049454e44ae426082',
  'hex',
);

/** A multipart/form-data body with one file field. */
export function multipart(name: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----anju${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
