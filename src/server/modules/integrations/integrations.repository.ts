import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { outboundAttempts, outboundMessages } from '../../platform/outbound/outbound.table';
import { apiClients } from './integrations.table';

export type ApiClientRow = typeof apiClients.$inferSelect;

export function listApiClients(db: Executor) {
  return db.select().from(apiClients).orderBy(apiClients.id);
}

export function activeApiClients(db: Executor) {
  return db.select().from(apiClients).where(isNull(apiClients.revokedAt));
}

export function findApiClient(db: Executor, id: number) {
  return db
    .select()
    .from(apiClients)
    .where(eq(apiClients.id, id))
    .then((r) => r[0] ?? null);
}

export function findApiClientByName(db: Executor, name: string) {
  return db
    .select()
    .from(apiClients)
    .where(eq(apiClients.name, name))
    .then((r) => r[0] ?? null);
}

export function insertApiClient(db: Executor, v: typeof apiClients.$inferInsert) {
  return db
    .insert(apiClients)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function updateApiClient(db: Executor, id: number, set: Partial<typeof apiClients.$inferInsert>) {
  return db
    .update(apiClients)
    .set(set)
    .where(eq(apiClients.id, id))
    .returning()
    .then((r) => r[0] ?? null);
}

export function touchApiClient(db: Executor, id: number) {
  return db.update(apiClients).set({ lastUsedAt: sql`now()` }).where(eq(apiClients.id, id));
}

export function districtIdByCode(db: Executor, code: string) {
  return db
    .execute<{ id: number }>(sql`select id from district where code = ${code}`)
    .then((r) => (r.rows[0] ? Number(r.rows[0].id) : null));
}

/** The external tickets of these cases, with the client whose callback URL should hear of them. */
export async function callbackTargets(db: Executor, caseIds: number[]) {
  if (!caseIds.length) return [];
  const rows = await db.execute<{
    case_id: number;
    source: string;
    ticket: string;
    client_id: number | null;
    callback_url: string | null;
  }>(sql`
    select r.case_id, r.source, r.ticket, t.id as client_id, t.callback_url
    from case_external_ref r
    left join lateral (
      select a.id, a.callback_url from api_client a
      where a.revoked_at is null and a.callback_url is not null
        and (a.id = r.api_client_id or a.channel = r.source)
      order by (a.id = r.api_client_id) desc, a.id desc limit 1) t on true
    where r.case_id in ${sql.raw(`(${caseIds.map(Number).join(',')})`)}`);
  return rows.rows.map((r) => ({
    caseId: Number(r.case_id),
    source: r.source,
    ticket: r.ticket,
    clientId: r.client_id === null ? null : Number(r.client_id),
    callbackUrl: r.callback_url,
  }));
}

/** The delivery log: outbound messages, newest first, with their attempts. */
export async function deliveryLog(
  db: Executor,
  q: { apiClientId?: number; kind?: string; limit: number },
  beforeId: number | null,
) {
  const messages = await db
    .select()
    .from(outboundMessages)
    .where(
      and(
        q.apiClientId ? eq(outboundMessages.apiClientId, q.apiClientId) : undefined,
        q.kind ? eq(outboundMessages.kind, q.kind) : undefined,
        beforeId ? lt(outboundMessages.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(outboundMessages.id))
    .limit(q.limit + 1);
  const ids = messages.map((m) => m.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(outboundAttempts)
        .where(inArray(outboundAttempts.messageId, ids))
        .orderBy(outboundAttempts.id)
    : [];
  return { messages, attempts };
}
