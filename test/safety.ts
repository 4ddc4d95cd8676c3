import type { Client, TestApp } from './app';
import { multipart, PNG_1x1 } from './cases';

/** Uploads a tiny PNG as `c` and answers its file id. */
export async function uploadPhoto(c: Client): Promise<number> {
  const m = multipart('photo.png', PNG_1x1, 'image/png');
  const res = await c.request({
    method: 'POST',
    url: '/api/v1/files',
    payload: m.payload,
    headers: m.headers,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().fileId;
}

export async function one<T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  return (await t.ctx.database.pool.query(sql, params)).rows[0] as T;
}

export async function rows<T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await t.ctx.database.pool.query(sql, params)).rows as T[];
}

/** The street of the demo `street` account (五里桥街道) and of `street2` (外滩街道). */
export async function demoStreets(t: TestApp) {
  const r = await rows<{ name: string; id: number }>(
    t,
    `select id, name from street where name in ('五里桥街道', '外滩街道')`,
  );
  return {
    wuliqiao: r.find((s) => s.name === '五里桥街道')!.id,
    waitan: r.find((s) => s.name === '外滩街道')!.id,
  };
}

/** Row counts of the safety tables, to show that a refused request wrote nothing. */
export async function safetyCounts(t: TestApp) {
  return one<Record<string, number>>(
    t,
    `select (select count(*)::int from asset) as assets, (select count(*)::int from hazard) as hazards,
            (select count(*)::int from hazard_event) as hazard_events, (select count(*)::int from inspection_answer) as answers,
            (select count(*)::int from inspection_round where status = 'done') as done,
            (select count(*)::int from case_record) as cases, (select count(*)::int from emergency_dispatch) as dispatches,
            (select count(*)::int from material_movement) as movements, (select count(*)::int from audit_log) as audit`,
  );
}
