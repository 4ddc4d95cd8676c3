import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { auditLog } from '../../platform/audit/audit.table';
import { streets } from '../org/org.table';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  streetId?: number;
  from?: string;
  to?: string;
  limit: number;
}

/** Newest first, keyset on (at, chain, seq). Rows of no street are district-wide and shown to district readers. */
export function listAudit(
  db: Executor,
  actor: Actor,
  f: AuditFilter,
  after: readonly [string, number, number] | null,
) {
  const scope = or(
    scopeFilter(actor, 'audit.read', { streetId: auditLog.streetId }),
    actor.reach('audit.read').some((p) => p.level === 'district')
      ? sql`${auditLog.streetId} is null`
      : sql`false`,
  );
  const conditions: (SQL | undefined)[] = [scope];
  if (f.entityType) conditions.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditLog.entityId, f.entityId));
  if (f.action)
    conditions.push(sql`${auditLog.action} like ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.actor) conditions.push(eq(auditLog.actorLabel, f.actor));
  if (f.streetId) conditions.push(eq(auditLog.streetId, f.streetId));
  if (f.from) conditions.push(gte(auditLog.at, new Date(f.from)));
  if (f.to) conditions.push(lt(auditLog.at, new Date(f.to)));
  if (after) {
    conditions.push(
      sql`(${auditLog.at}, ${auditLog.chain}, ${auditLog.seq}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]})`,
    );
  }
  return db
    .select({ row: auditLog, streetName: streets.name })
    .from(auditLog)
    .leftJoin(streets, eq(streets.id, auditLog.streetId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.chain), desc(auditLog.seq))
    .limit(f.limit + 1);
}
