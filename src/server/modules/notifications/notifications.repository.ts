import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notificationPreferences, notifications } from './notifications.table';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

export function insertNotifications(db: Executor, rows: NotificationInsert[]) {
  if (!rows.length) return Promise.resolve([] as NotificationRow[]);
  return db.insert(notifications).values(rows).returning();
}

/** Newest first by when it happened (a catch-up after an outage writes old events late). */
export function listNotifications(
  db: Executor,
  userId: number,
  q: { unread?: boolean; limit: number },
  before: readonly [number, number] | null,
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        q.unread ? isNull(notifications.readAt) : undefined,
        before
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (to_timestamp(${before[0]} / 1000.0), ${before[1]})`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit + 1);
}

export function findNotification(db: Executor, userId: number, id: number) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
    .then((r) => r[0] ?? null);
}

export function unreadCount(db: Executor, userId: number) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .then((r) => r[0]?.n ?? 0);
}

export function markRead(db: Executor, userId: number, ids: number[] | 'all') {
  return db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [0]),
      ),
    );
}

export function preferencesOf(db: Executor, userIds: number[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
}

export function upsertPreferences(db: Executor, userId: number, events: unknown, emailEnc: string | null) {
  return db
    .insert(notificationPreferences)
    .values({ userId, events, emailEnc })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { events, emailEnc, updatedAt: sql`now()` },
    });
}

/** Language and (encrypted) phone of the users to notify. */
export async function recipients(db: Executor, userIds: number[]) {
  if (!userIds.length) return [];
  const rows = await db.execute<{
    id: number;
    lang: string;
    phone_enc: string | null;
    resident: boolean;
  }>(sql`
    select u.id, u.lang, p.phone_enc,
           exists (select 1 from role_assignment r where r.user_id = u.id and r.role = 'resident') as resident
    from user_account u left join person p on p.id = u.person_id
    where u.id in ${sql.raw(`(${userIds.map(Number).join(',')})`)} and u.status = 'active'`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    lang: r.lang,
    phoneEnc: r.phone_enc,
    resident: r.resident,
  }));
}

/** Reporter e-mail addresses Open311 clients gave for these cases. */
export async function reporterEmails(db: Executor, caseIds: number[]) {
  if (!caseIds.length) return [];
  const rows = await db.execute<{ case_id: number; reporter_email_enc: string }>(sql`
    select case_id, reporter_email_enc from case_external_ref
    where reporter_email_enc is not null and case_id in ${sql.raw(`(${caseIds.map(Number).join(',')})`)}`);
  return rows.rows.map((r) => ({ caseId: Number(r.case_id), emailEnc: r.reporter_email_enc }));
}

export function notifyChannel(db: Executor, payload: string) {
  return db.execute(sql`select pg_notify('anju_notification', ${payload})`);
}
