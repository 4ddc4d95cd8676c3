import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { PUBLIC_NOTE_ACTIONS } from '../cases/cases.outbox';

export interface DirectoryCommunity {
  id: number;
  code: string;
  name: string;
  districtCode: string;
  lat: number | null;
  lng: number | null;
}

export async function loadCommunityDirectory(db: Executor): Promise<DirectoryCommunity[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.code, c.name, d.code as district_code, c.lat, c.lng
    from community c join street s on s.id = c.street_id join district d on d.id = s.district_id`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    code: r.code as string,
    name: r.name as string,
    districtCode: r.district_code as string,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
  }));
}

const PUBLIC_ACTIONS = sql.raw(`(${PUBLIC_NOTE_ACTIONS.map((a) => `'${a}'`).join(',')})`);

const REQUEST_COLUMNS = sql`
  c.id, c.number, c.state, c.category_code, c.title, c.description, c.address, c.lat, c.lng, c.urgency, c.rule_id,
  c.lead_name, c.routing->'lead'->>'name' as routed_lead, c.created_at, c.updated_at, c.closed_at, c.stage_due_at,
  c.is_enforcement, cm.code as community_code, cm.name as community_name, cm.lat as community_lat,
  cm.lng as community_lng, s.name as street_name, x.media_url,
  (select e.note from case_event e where e.case_id = c.id and e.action in ${PUBLIC_ACTIONS} and e.note is not null
   order by e.id desc limit 1) as status_notes`;

const FROM = sql`
  from case_record c
  join community cm on cm.id = c.community_id
  join street s on s.id = c.street_id
  join district d on d.id = s.district_id
  left join case_external_ref x on x.case_id = c.id`;

export interface RequestFilter {
  districtCode: string;
  numbers?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
  limit: number;
  offset: number;
}

const CLOSED = sql`('closed', 'rejected', 'merged')`;

export async function listRequests(db: Executor, f: RequestFilter) {
  const where: SQL[] = [sql`d.code = ${f.districtCode}`];
  if (f.numbers) where.push(sql`c.number in ${f.numbers}`);
  else {
    if (f.serviceCodes?.length) where.push(sql`c.category_code in ${f.serviceCodes}`);
    if (f.start) where.push(sql`c.created_at >= ${f.start.toISOString()}::timestamptz`);
    if (f.end) where.push(sql`c.created_at <= ${f.end.toISOString()}::timestamptz`);
    if (f.status?.length === 1)
      where.push(f.status[0] === 'closed' ? sql`c.state in ${CLOSED}` : sql`c.state not in ${CLOSED}`);
  }
  const rows = await db.execute<Record<string, unknown>>(sql`
    select ${REQUEST_COLUMNS} ${FROM}
    where ${sql.join(where, sql` and `)}
    order by c.created_at desc, c.id desc
    limit ${f.limit} offset ${f.offset}`);
  return rows.rows;
}

export async function findRequestByNumber(db: Executor, districtCode: string, number: string) {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select ${REQUEST_COLUMNS} ${FROM} where d.code = ${districtCode} and c.number = ${number}`);
  return rows.rows[0] ?? null;
}

export async function findToken(db: Executor, districtCode: string, token: string) {
  const rows = await db.execute<{ ticket: string; number: string }>(sql`
    select x.ticket, c.number from case_external_ref x
    join case_record c on c.id = x.case_id join street s on s.id = c.street_id join district d on d.id = s.district_id
    where x.ticket = ${token} and d.code = ${districtCode} order by x.created_at limit 1`);
  return rows.rows[0] ?? null;
}

export async function listUpdates(
  db: Executor,
  f: { districtCode: string; start: Date; end: Date; limit: number; offset: number },
) {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select e.id, e.at, e.action, e.from_state, e.to_state, e.note, e.data, c.number, c.is_enforcement, c.lead_name
    from case_event e
    join case_record c on c.id = e.case_id
    where e.street_id in (select s.id from street s join district d on d.id = s.district_id where d.code = ${f.districtCode})
      and e.at >= ${f.start.toISOString()}::timestamptz and e.at <= ${f.end.toISOString()}::timestamptz
      and (e.action = 'report' or (e.to_state is not null and e.to_state is distinct from e.from_state))
    order by e.at, e.id
    limit ${f.limit} offset ${f.offset}`);
  return rows.rows;
}
