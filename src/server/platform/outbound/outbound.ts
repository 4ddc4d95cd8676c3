import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { sendSms } from '../sms';
import { outboundAttempts, outboundMessages } from './outbound.table';

export type OutboundKind = 'sms' | 'email' | 'webhook';

export interface OutboundInput {
  kind: OutboundKind;
  streetId: number | null;
  topic: string;
  caseId?: number | null;
  apiClientId?: number | null;
  userId?: number | null;
  /** plain target: phone number, e-mail address or URL (phone and e-mail are encrypted here) */
  target: string;
  subject?: string | null;
  body: string;
  orderingKey?: string | null;
}

/** Queues messages in the caller's transaction; the `outbound-send` job sends them. */
export async function enqueueOutbound(ctx: AppContext, tx: Executor, items: OutboundInput[]) {
  if (!items.length) return;
  await tx.insert(outboundMessages).values(
    items.map((m) => ({
      kind: m.kind,
      streetId: m.streetId,
      topic: m.topic,
      caseId: m.caseId ?? null,
      apiClientId: m.apiClientId ?? null,
      userId: m.userId ?? null,
      targetEnc: m.kind === 'webhook' ? m.target : ctx.cipher.encrypt(m.target),
      subject: m.subject ?? null,
      body: m.body,
      orderingKey: m.orderingKey ?? null,
    })),
  );
}

export interface ClaimedMessage {
  id: number;
  kind: OutboundKind;
  topic: string;
  apiClientId: number | null;
  target: string;
  subject: string | null;
  body: string;
  attempts: number;
}

/** Sends one message; throws (with `statusCode` when there is one) when it was not accepted. */
export type Transport = (ctx: AppContext, m: ClaimedMessage) => Promise<{ statusCode?: number } | undefined>;

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** 30 s, 1 min, 2 min ... at most 6 hours between tries. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/**
 * Claims due messages (skipping those another instance holds, and those waiting behind an earlier
 * message with the same ordering key), sends each, logs the attempt, and marks it sent, or due
 * again after a backoff, or failed after the last attempt. A crash after sending and before marking
 * sends it again once the claim runs out (receivers dedupe by `X-Anju-Delivery`).
 */
export async function sendDueMessages(
  ctx: AppContext,
  transports: Partial<Record<OutboundKind, Transport>>,
  opts: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number; retried: number }> {
  const limit = opts.limit ?? 50;
  const now = opts.now ?? new Date();
  const counts = { sent: 0, failed: 0, retried: 0 };
  // claim again after each round: the next message of an ordering key becomes due once its head is sent
  for (let done = 0; done < limit; ) {
    const n = await sendRound(ctx, transports, Math.min(20, limit - done), now, counts);
    if (n === 0) break;
    done += n;
  }
  return counts;
}

async function sendRound(
  ctx: AppContext,
  transports: Partial<Record<OutboundKind, Transport>>,
  limit: number,
  now: Date,
  counts: { sent: number; failed: number; retried: number },
): Promise<number> {
  const maxAttempts = ctx.config.OUTBOUND_MAX_ATTEMPTS;
  const claimed = await ctx.db.execute<Record<string, unknown>>(sql`
    update outbound_message m set attempts = m.attempts + 1, locked_until = ${now.toISOString()}::timestamptz + interval '2 minutes'
    where m.id in (
      select d.id from outbound_message d
      where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
        and (d.locked_until is null or d.locked_until < ${now.toISOString()}::timestamptz)
        and (d.ordering_key is null or not exists (
          select 1 from outbound_message e where e.ordering_key = d.ordering_key and e.id < d.id and e.status = 'pending'))
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update skip locked)
    returning m.id, m.kind, m.topic, m.api_client_id, m.target_enc, m.subject, m.body, m.attempts`);
  for (const r of claimed.rows) {
    const kind = r.kind as OutboundKind;
    const m: ClaimedMessage = {
      id: Number(r.id),
      kind,
      topic: r.topic as string,
      apiClientId: r.api_client_id === null ? null : Number(r.api_client_id),
      target: kind === 'webhook' ? (r.target_enc as string) : ctx.cipher.decrypt(r.target_enc as string),
      subject: r.subject as string | null,
      body: r.body as string,
      attempts: Number(r.attempts),
    };
    const started = Date.now();
    let ok = false;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const transport = transports[kind];
      if (!transport) throw new DeliveryError(`no transport for ${kind}`);
      statusCode = (await transport(ctx, m))?.statusCode ?? null;
      ok = true;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      statusCode = err instanceof DeliveryError ? (err.statusCode ?? null) : null;
    }
    const last = !ok && m.attempts >= maxAttempts;
    await ctx.db.transaction(async (tx) => {
      await tx.insert(outboundAttempts).values({
        messageId: m.id,
        ok,
        statusCode,
        error: error?.slice(0, 500) ?? null,
        durationMs: Date.now() - started,
      });
      await tx.execute(sql`
        update outbound_message set
          status = ${ok ? 'sent' : last ? 'failed' : 'pending'},
          sent_at = ${ok ? sql`now()` : sql`null`},
          last_error = ${error?.slice(0, 500) ?? null},
          locked_until = null,
          next_attempt_at = ${new Date(+now + backoffMs(m.attempts)).toISOString()}::timestamptz
        where id = ${m.id}`);
    });
    if (ok) counts.sent++;
    else if (last) counts.failed++;
    else counts.retried++;
  }
  return claimed.rows.length;
}

// ---------------------------------------------------------------------------------------------
// transports

export const smsTransport: Transport = async (ctx, m) => {
  try {
    await sendSms(ctx.config, m.target, m.body);
    return {};
  } catch (err) {
    throw new DeliveryError(err instanceof Error ? err.message : String(err), 502);
  }
};

const mailers = new Map<string, nodemailer.Transporter>();

function mailerOf(config: Config) {
  const url = config.SMTP_URL!;
  let mailer = mailers.get(url);
  if (!mailer) {
    mailer = nodemailer.createTransport(url);
    mailers.set(url, mailer);
  }
  return mailer;
}

/** E-mail through SMTP (nodemailer); without SMTP_URL there is nothing to send with. */
export const emailTransport: Transport = async (ctx, m) => {
  if (!ctx.config.SMTP_URL) throw new DeliveryError('SMTP_URL is not configured');
  await mailerOf(ctx.config).sendMail({
    from: ctx.config.SMTP_FROM,
    to: m.target,
    subject: m.subject ?? '',
    text: m.body,
  });
  return {};
};

/**
 * The signature of a webhook body: hex HMAC-SHA256 with the client's secret over
 * `<timestamp>.<body>` (timestamp = the X-Anju-Timestamp header, Unix seconds).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** POSTs a JSON body signed with `secret` (headers X-Anju-Signature, X-Anju-Timestamp, X-Anju-Delivery). */
export async function postSignedWebhook(
  url: string,
  secret: string,
  m: { id: number; topic: string; body: string },
  timeoutMs: number,
): Promise<{ statusCode: number }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Anju-Callback/1',
        'x-anju-event': m.topic,
        'x-anju-delivery': String(m.id),
        'x-anju-timestamp': timestamp,
        'x-anju-signature': `sha256=${webhookSignature(secret, timestamp, m.body)}`,
      },
      body: m.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DeliveryError(err instanceof Error ? err.message : String(err));
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new DeliveryError(`HTTP ${res.status}`, res.status);
  return { statusCode: res.status };
}
