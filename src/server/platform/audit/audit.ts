import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { sm3 } from '../crypto';

/**
 * Audit event types and their payloads. Each domain adds its own events by declaration merging:
 *
 *   declare module '../../platform/audit/audit' {
 *     interface AuditEvents { 'case.registered': { before: CaseRow; after: CaseRow } }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each domain
export interface AuditEvents {}

export interface AuditActor {
  userId: number | null;
  label: string;
  ip?: string | null;
}

type Payload<A extends keyof AuditEvents> = AuditEvents[A] extends { before?: infer B; after?: infer F }
  ? { before?: B | null; after?: F | null }
  : { before?: unknown; after?: unknown };

export type AuditEntry<A extends keyof AuditEvents> = {
  action: A;
  entityType: string;
  entityId: string | number;
  streetId: number | null;
} & Payload<A>;

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Dates become ISO strings, bigints decimal strings: exactly what jsonb will give back. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export interface AuditRowForHash {
  chain: number;
  seq: number;
  at: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  streetId: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
}

export function auditHash(row: AuditRowForHash): string {
  return sm3(
    canonicalJson([
      row.chain,
      row.seq,
      row.at,
      row.actorUserId,
      row.actorLabel,
      row.action,
      row.entityType,
      row.entityId,
      row.streetId,
      row.before,
      row.after,
      row.ip,
      row.prevHash,
    ]),
  );
}

/** A place reserved at the head of a chain: the next sequence number and the hash before it. */
export interface AuditSlot {
  seq: number;
  prevHash: string;
}

/**
 * The statement that reserves the next place in a chain (it locks the chain head until commit).
 * Hot paths embed it in their own statement as a CTE, to save a round trip:
 * `h as (<this with $n as the chain>) ... returning seq, hash`, then call `appendAudit` with it.
 */
export function auditReserveSql(chainParam: string, when = ''): string {
  return `insert into audit_chain (chain, seq, hash) select ${chainParam}, 1, '${GENESIS}' ${when}
    on conflict (chain) do update set seq = audit_chain.seq + 1
    returning seq, hash`;
}

/**
 * Appends one audit row in the caller's transaction. Call it last in a use case: the chain head
 * stays locked until the transaction ends.
 */
export async function recordAudit<A extends keyof AuditEvents>(
  tx: Executor,
  actor: AuditActor,
  entry: AuditEntry<A>,
): Promise<void> {
  const chain = entry.streetId ?? 0;
  const head = await tx.execute<{ seq: number; hash: string }>(
    sql.raw(auditReserveSql(String(Number(chain)))),
  );
  const { seq, hash } = head.rows[0]!;
  await appendAudit(tx, actor, entry, { seq: Number(seq), prevHash: hash });
}

/** The audit row for a reserved place in its chain, with its hash. */
export function sealAuditRow<A extends keyof AuditEvents>(
  actor: AuditActor,
  entry: AuditEntry<A>,
  slot: AuditSlot,
): AuditRowForHash & { hash: string } {
  const row: AuditRowForHash = {
    chain: entry.streetId ?? 0,
    seq: slot.seq,
    at: new Date().toISOString(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    streetId: entry.streetId,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    ip: actor.ip ?? null,
    prevHash: slot.prevHash,
  };
  return { ...row, hash: auditHash(row) };
}

/**
 * Writes the audit row into a place reserved with `auditReserveSql`, and moves the chain head to it.
 * Returns the new head of the chain (valid once the transaction commits).
 */
export async function appendAudit<A extends keyof AuditEvents>(
  tx: Executor,
  actor: AuditActor,
  entry: AuditEntry<A>,
  slot: AuditSlot,
): Promise<AuditHead> {
  const row = sealAuditRow(actor, entry, slot);
  await tx.execute(sql`
    with appended as (
      insert into audit_log (chain, seq, at, actor_user_id, actor_label, action, entity_type, entity_id,
                             street_id, before, after, ip, prev_hash, hash)
      values (${row.chain}, ${row.seq}, ${row.at}, ${row.actorUserId}, ${row.actorLabel}, ${row.action},
              ${row.entityType}, ${row.entityId}, ${row.streetId}, ${jsonParam(row.before)}::jsonb,
              ${jsonParam(row.after)}::jsonb, ${row.ip}, ${row.prevHash}, ${row.hash})
    )
    update audit_chain set hash = ${row.hash} where chain = ${row.chain}`);
  return { chain: row.chain, seq: row.seq, hash: row.hash };
}

/** The head of an audit chain: its last sequence number and hash. */
export interface AuditHead {
  chain: number;
  seq: number;
  hash: string;
}

/** The audit row's values as statement parameters, in the column order of `audit_log`. */
export function auditRowParams(row: AuditRowForHash & { hash: string }): unknown[] {
  return [
    row.chain,
    row.seq,
    row.at,
    row.actorUserId,
    row.actorLabel,
    row.action,
    row.entityType,
    row.entityId,
    row.streetId,
    jsonParam(row.before),
    jsonParam(row.after),
    row.ip,
    row.prevHash,
    row.hash,
  ];
}

function jsonParam(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
