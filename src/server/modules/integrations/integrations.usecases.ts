import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  ApiClientView,
  apiClientCallbackBody,
  apiClientCreate,
  IntegrationChannel,
} from '../../../contracts/integrations';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { type AuditActor, recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { notifyReferenceChanged, referenceData } from '../../platform/refcache';
import { maskPhone } from '../cases/cases.workflow';
import { ApiClientActor } from './integrations.actor';
import { apiClientNotFound, apiKeyInvalid, apiKeyMissing, clientNameTaken } from './integrations.errors';
import * as repo from './integrations.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'api_client.created': { after: ApiClientView };
    'api_client.revoked': { before: ApiClientView; after: ApiClientView };
    'api_client.callback_changed': { before: ApiClientView; after: ApiClientView };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function presentApiClient(r: repo.ApiClientRow): ApiClientView {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel as IntegrationChannel,
    keyPrefix: r.keyPrefix,
    callbackUrl: r.callbackUrl,
    rateLimitPerMinute: r.rateLimitPerMinute,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** Active clients by key hash, in memory; a revocation reaches every instance at once. */
export const apiClientCache = referenceData(
  'api_clients',
  async (db) => new Map((await repo.activeApiClients(db)).map((c) => [c.keyHash, c])),
  60_000,
);

/**
 * Registers another system: a random API key (shown once; only its SHA-256 is kept) and, with a
 * callback URL, a random signing secret (shown once; kept SM4-encrypted to sign every callback).
 */
export async function createApiClient(
  ctx: AppContext,
  auditActor: AuditActor,
  input: z.infer<typeof apiClientCreate>,
) {
  const districtId = await repo.districtIdByCode(ctx.db, ctx.config.OPEN311_JURISDICTION_ID);
  if (!districtId)
    throw new AppError('api_client.no_district', 409, { code: ctx.config.OPEN311_JURISDICTION_ID });
  const apiKey = `anju_${randomBytes(24).toString('base64url')}`;
  const callbackSecret = input.callbackUrl ? randomBytes(32).toString('base64url') : null;
  const created = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertApiClient(tx, {
      name: input.name,
      channel: input.channel,
      districtId,
      keyPrefix: apiKey.slice(0, 12),
      keyHash: sha256(apiKey),
      callbackUrl: input.callbackUrl,
      callbackSecretEnc: callbackSecret ? ctx.cipher.encrypt(callbackSecret) : null,
      rateLimitPerMinute: input.rateLimitPerMinute,
    });
    if (!row) throw clientNameTaken();
    await notifyReferenceChanged(tx, apiClientCache.name);
    await recordAudit(tx, auditActor, {
      action: 'api_client.created',
      entityType: 'api_client',
      entityId: row.id,
      streetId: null,
      after: presentApiClient(row),
    });
    return row;
  });
  apiClientCache.invalidate(ctx);
  return { client: presentApiClient(created), apiKey, callbackSecret };
}

export async function listApiClients(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'integrations.manage');
  return { items: (await repo.listApiClients(ctx.db)).map(presentApiClient) };
}

export async function revokeApiClient(ctx: AppContext, auditActor: AuditActor, id: number) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findApiClient(tx, id);
    if (!before) throw apiClientNotFound();
    if (before.revokedAt) return before;
    const after = (await repo.updateApiClient(tx, id, { revokedAt: new Date() }))!;
    await notifyReferenceChanged(tx, apiClientCache.name);
    await recordAudit(tx, auditActor, {
      action: 'api_client.revoked',
      entityType: 'api_client',
      entityId: id,
      streetId: null,
      before: presentApiClient(before),
      after: presentApiClient(after),
    });
    return after;
  });
  apiClientCache.invalidate(ctx);
  return presentApiClient(row);
}

export async function setApiClientCallback(
  ctx: AppContext,
  auditActor: AuditActor,
  id: number,
  input: z.infer<typeof apiClientCallbackBody>,
) {
  let secret: string | null = null;
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findApiClient(tx, id);
    if (!before) throw apiClientNotFound();
    const set: Parameters<typeof repo.updateApiClient>[2] = { callbackUrl: input.callbackUrl };
    if (input.callbackUrl && (input.rotateSecret || !before.callbackSecretEnc)) {
      secret = randomBytes(32).toString('base64url');
      set.callbackSecretEnc = ctx.cipher.encrypt(secret);
    }
    const after = (await repo.updateApiClient(tx, id, set))!;
    await recordAudit(tx, auditActor, {
      action: 'api_client.callback_changed',
      entityType: 'api_client',
      entityId: id,
      streetId: null,
      before: presentApiClient(before),
      after: presentApiClient(after),
    });
    return after;
  });
  return { client: presentApiClient(row), callbackSecret: secret };
}

const lastTouched = new Map<number, number>();

/** The client holding this key, as an actor; 403 for a missing, unknown or revoked key. */
export async function authenticateApiKey(
  ctx: AppContext,
  key: string | undefined,
  ip: string | null,
): Promise<ApiClientActor> {
  if (!key) throw apiKeyMissing();
  const client = (await apiClientCache.get(ctx)).get(sha256(key));
  if (!client || client.revokedAt) throw apiKeyInvalid();
  const now = Date.now();
  if ((lastTouched.get(client.id) ?? 0) < now - 60_000) {
    lastTouched.set(client.id, now);
    void repo.touchApiClient(ctx.db, client.id).catch(() => undefined);
  }
  return new ApiClientActor(
    {
      id: client.id,
      name: client.name,
      channel: client.channel,
      districtId: client.districtId,
      rateLimitPerMinute: client.rateLimitPerMinute,
    },
    ip,
  );
}

/** The signing secret of a client's callbacks. */
export async function callbackSecretOf(ctx: AppContext, clientId: number): Promise<string | null> {
  const c = await repo.findApiClient(ctx.db, clientId);
  return c?.callbackSecretEnc ? ctx.cipher.decrypt(c.callbackSecretEnc) : null;
}

function maskTarget(kind: string, target: string): string {
  if (kind === 'sms') return maskPhone(target);
  if (kind === 'email') {
    const [user = '', domain = ''] = target.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return target;
}

/** The delivery log of outbound messages (callbacks, SMS, e-mail), newest first. */
export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  q: { apiClientId?: number; kind?: string; limit: number; cursor?: string },
) {
  assertCan(actor, 'integrations.manage');
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const { messages, attempts } = await repo.deliveryLog(ctx.db, q, before?.[0] ?? null);
  const result = page(messages, q.limit, (m) => [m.id]);
  return {
    items: result.items.map((m) => ({
      id: m.id,
      kind: m.kind as 'sms' | 'email' | 'webhook',
      topic: m.topic,
      caseId: m.caseId,
      apiClientId: m.apiClientId,
      target: maskTarget(m.kind, m.kind === 'webhook' ? m.targetEnc : ctx.cipher.decrypt(m.targetEnc)),
      status: m.status as 'pending' | 'sent' | 'failed',
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
      log: attempts
        .filter((a) => a.messageId === m.id)
        .map((a) => ({
          at: a.at.toISOString(),
          ok: a.ok,
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
    })),
    nextCursor: result.nextCursor,
  };
}
