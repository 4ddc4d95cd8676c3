import { publicStatus } from '../../../contracts/integrations';
import type { AppContext } from '../../context';
import {
  type ClaimedMessage,
  DeliveryError,
  enqueueOutbound,
  postSignedWebhook,
} from '../../platform/outbound/outbound';
import {
  type CaseStreamEvent,
  drainCaseEvents,
  isStateChange,
  PUBLIC_NOTE_ACTIONS,
} from '../cases/cases.outbox';
import * as repo from './integrations.repository';
import { callbackSecretOf } from './integrations.usecases';

export const CALLBACK_TOPIC = 'case.state_changed';

/** The JSON a callback carries (documented in docs/INTEGRATIONS.md). */
export function callbackPayload(e: CaseStreamEvent, ref: { source: string; ticket: string }) {
  const routing = e.case.routing as { lead?: { name?: string } } | null;
  return {
    event: CALLBACK_TOPIC,
    sequence: e.id,
    source: ref.source,
    ticketNumber: ref.ticket,
    serviceRequestId: e.case.number,
    caseId: e.caseId,
    action: e.action,
    previousState: e.fromState,
    state: e.toState,
    status: publicStatus(e.toState ?? 'reported'),
    at: e.at.toISOString(),
    note: (PUBLIC_NOTE_ACTIONS as readonly string[]).includes(e.action) ? e.note : null,
    agencyResponsible:
      (e.data?.lead as { name?: string } | undefined)?.name ?? e.case.leadName ?? routing?.lead?.name ?? null,
  };
}

/**
 * Reads the case event stream (consumer `callbacks`) and queues one signed callback per state
 * change of every case filed under an external ticket, to the filing client's callback URL (or the
 * channel's). Queued in the cursor's transaction: none lost, none queued twice.
 */
export function relayCallbacks(ctx: AppContext) {
  return drainCaseEvents(ctx, 'callbacks', async (tx, events) => {
    const changes = events.filter(isStateChange);
    const caseIds = [...new Set(changes.map((e) => e.caseId))];
    const targets = new Map((await repo.callbackTargets(tx, caseIds)).map((t) => [t.caseId, t]));
    const items = [];
    for (const e of changes) {
      const t = targets.get(e.caseId);
      if (!t?.clientId || !t.callbackUrl) continue;
      items.push({
        kind: 'webhook' as const,
        streetId: e.streetId,
        topic: CALLBACK_TOPIC,
        caseId: e.caseId,
        apiClientId: t.clientId,
        target: t.callbackUrl,
        body: JSON.stringify(callbackPayload(e, t)),
        orderingKey: `cb:${t.clientId}:${e.caseId}`,
      });
    }
    await enqueueOutbound(ctx, tx, items);
  });
}

/** Sends a queued callback, signed with its client's current secret. */
export async function webhookTransport(ctx: AppContext, m: ClaimedMessage) {
  if (!m.apiClientId) throw new DeliveryError('callback without a client');
  const secret = await callbackSecretOf(ctx, m.apiClientId);
  if (!secret) throw new DeliveryError('the client has no callback secret');
  return postSignedWebhook(m.target, secret, m, ctx.config.CALLBACK_TIMEOUT_MS);
}
