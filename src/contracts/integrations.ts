import { z } from 'zod';
import { urgencies } from './duties';

/**
 * Other systems that file and follow cases: the 12345 citizen hotline, the 962121 property hotline
 * and Open311 clients. Each holds an API key (made by `anju apikey create`, stored hashed) and may
 * have a callback URL that is told of every state change of the cases it filed.
 */
export const integrationChannels = ['hotline_12345', 'hotline_962121', 'open311'] as const;
export type IntegrationChannel = (typeof integrationChannels)[number];
export const hotlineChannels = ['hotline_12345', 'hotline_962121'] as const;
export type HotlineChannel = (typeof hotlineChannels)[number];

export const integrationsGrants = {
  'integrations.manage': { district_admin: 'district' },
  /** 热线工单导入: the district housing bureau (962121) and the streets (12345 tickets routed to them) */
  'hotline.import': { district_admin: 'district', street: 'place' },
} as const;

export const apiClient = z.object({
  id: z.number(),
  name: z.string(),
  channel: z.enum(integrationChannels),
  keyPrefix: z.string(),
  callbackUrl: z.string().nullable(),
  rateLimitPerMinute: z.number().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiClientView = z.infer<typeof apiClient>;

export const apiClientList = z.object({ items: z.array(apiClient) });

export const apiClientCreate = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_.\- ]{2,60}$/u, { message: 'client_name' }),
  channel: z.enum(integrationChannels).default('open311'),
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullable().default(null),
});

/** The key (and callback secret) are shown once, here. */
export const apiClientCreated = z.object({
  client: apiClient,
  apiKey: z.string(),
  callbackSecret: z.string().nullable(),
});

export const apiClientCallbackBody = z.strictObject({
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  /** make a new signing secret (answered once) */
  rotateSecret: z.boolean().default(false),
});

export const apiClientCallbackAnswer = z.object({ client: apiClient, callbackSecret: z.string().nullable() });

export const deliveryLogQuery = z.strictObject({
  apiClientId: z.coerce.number().int().positive().optional(),
  kind: z.enum(['sms', 'email', 'webhook']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const deliveryLogEntry = z.object({
  id: z.number(),
  kind: z.enum(['sms', 'email', 'webhook']),
  topic: z.string(),
  caseId: z.number().nullable(),
  apiClientId: z.number().nullable(),
  /** masked phone / e-mail; the URL of a callback */
  target: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  log: z.array(
    z.object({
      at: z.string(),
      ok: z.boolean(),
      statusCode: z.number().nullable(),
      error: z.string().nullable(),
      durationMs: z.number(),
    }),
  ),
});

export const deliveryLogPage = z.object({
  items: z.array(deliveryLogEntry),
  nextCursor: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// hotline tickets

const ticketNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_\-/.]{2,63}$/, { message: 'ticket_number' });

/** One hotline ticket (工单) as the batch API and the Excel import take it. */
export const hotlineTicket = z.strictObject({
  ticketNumber,
  categoryCode: z.string().max(81),
  /** the community by id, code or exact name */
  community: z.union([z.number().int().positive(), z.string().trim().min(1).max(100)]),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  address: z.string().trim().max(200).optional(),
  reporterName: z.string().trim().min(1).max(50).optional(),
  reporterPhone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone' })
    .optional(),
  urgency: z.enum(urgencies).optional(),
});
export type HotlineTicket = z.infer<typeof hotlineTicket>;

export const hotlineBatch = z.strictObject({
  /** the hotline the tickets come from; defaults to the API key's channel */
  source: z.enum(hotlineChannels).optional(),
  tickets: z.array(z.unknown()).min(1).max(500),
});

export const ticketError = z.object({
  /** position in the batch (0-based) or Excel row number */
  row: z.number(),
  ticketNumber: z.string().nullable(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type TicketError = z.infer<typeof ticketError>;

export const ticketResult = z.object({
  ticketNumber: z.string(),
  status: z.enum(['created', 'existing']),
  caseId: z.number(),
  caseNumber: z.string(),
});

/** All or nothing: with any error nothing is written and `errors` lists every problem by row. */
export const hotlineImportReport = z.object({
  ok: z.boolean(),
  rows: z.number(),
  created: z.number(),
  existing: z.number(),
  results: z.array(ticketResult),
  errors: z.array(ticketError),
});
export type HotlineImportReport = z.infer<typeof hotlineImportReport>;

export const hotlineImportQuery = z.strictObject({ source: z.enum(hotlineChannels) });

/** GeoReport v2 status: closed once the case is closed, not registered (不予立案) or merged. */
export function publicStatus(state: string): 'open' | 'closed' {
  return state === 'closed' || state === 'rejected' || state === 'merged' ? 'closed' : 'open';
}
