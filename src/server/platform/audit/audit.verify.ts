import type pg from 'pg';
import { type AuditRowForHash, auditHash, GENESIS } from './audit';

export interface VerifyResult {
  ok: boolean;
  chains: number;
  rows: number;
  /** the first broken link, when there is one */
  broken?: {
    chain: number;
    seq: number;
    reason: 'hash_mismatch' | 'link_mismatch' | 'gap' | 'head_mismatch';
  };
}

/**
 * Recomputes every chain from its first row. Reports the first row whose stored hash is not the
 * hash of its content, whose prev_hash is not the hash of the row before, or whose seq skips.
 */
export async function verifyAuditChains(pool: pg.Pool, batch = 5000): Promise<VerifyResult> {
  const heads = await pool.query<{ chain: number; seq: string; hash: string }>(
    'select chain, seq::text, hash from audit_chain order by chain',
  );
  let rows = 0;
  for (const head of heads.rows) {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    for (;;) {
      const page = await pool.query(
        `select chain, seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                actor_user_id, actor_label, action, entity_type, entity_id, street_id, before, after, ip,
                prev_hash, hash
           from audit_log where chain = $1 and seq >= $2 order by seq limit $3`,
        [head.chain, expectedSeq, batch],
      );
      for (const r of page.rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq)
          return {
            ok: false,
            chains: heads.rowCount ?? 0,
            rows,
            broken: { chain: head.chain, seq: expectedSeq, reason: 'gap' },
          };
        if (r.prev_hash !== prevHash)
          return {
            ok: false,
            chains: heads.rowCount ?? 0,
            rows,
            broken: { chain: head.chain, seq, reason: 'link_mismatch' },
          };
        const row: AuditRowForHash = {
          chain: r.chain,
          seq,
          at: r.at,
          actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
          actorLabel: r.actor_label,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          streetId: r.street_id,
          before: r.before,
          after: r.after,
          ip: r.ip,
          prevHash: r.prev_hash,
        };
        if (auditHash(row) !== r.hash)
          return {
            ok: false,
            chains: heads.rowCount ?? 0,
            rows,
            broken: { chain: head.chain, seq, reason: 'hash_mismatch' },
          };
        prevHash = r.hash;
        expectedSeq = seq + 1;
        rows++;
      }
      if (page.rows.length < batch) break;
    }
    if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
      return {
        ok: false,
        chains: heads.rowCount ?? 0,
        rows,
        broken: { chain: head.chain, seq: expectedSeq, reason: 'head_mismatch' },
      };
    }
  }
  return { ok: true, chains: heads.rowCount ?? 0, rows };
}
