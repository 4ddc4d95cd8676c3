import { z } from 'zod';

/**
 * What a reporter is told about their case (SPEC: at registration, dispatch, closing and when
 * asked to rate), in the app always, and by SMS and e-mail as they choose.
 */
export const notificationKinds = [
  'case_registered',
  'case_rejected',
  'case_merged',
  'case_dispatched',
  'case_closed',
  'case_rate_requested',
  /** staff: a case they suspended reaches its review date */
  'suspension_review_due',
  /** staff: an asset rule (SPEC 5.7) is breached: a task for its maintainer */
  'asset_breach_opened',
  /** staff: the breach passed its grace period and became a case */
  'asset_breach_case_filed',
  /** staff: an owners' committee's term is ending (换届提醒) */
  'reelection_due',
  /** staff: an emergency fund use they requested is due for disclosure (SPEC 5.6) */
  'fund_use_disclosure_due',
  /** staff: an emergency fund use passed its disclosure day; the housing bureau is told */
  'fund_use_disclosure_overdue',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The moments a user chooses channels for; rejection and merging count as registration. */
export const notificationEvents = ['registered', 'dispatched', 'closed', 'rate_requested'] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export function eventOfKind(kind: NotificationKind): NotificationEvent {
  switch (kind) {
    case 'case_dispatched':
      return 'dispatched';
    case 'case_closed':
      return 'closed';
    case 'case_rate_requested':
      return 'rate_requested';
    default:
      return 'registered';
  }
}

const channels = z.strictObject({ sms: z.boolean(), email: z.boolean() });

export const notificationPreferences = z.strictObject({
  /** where e-mail goes (kept SM4-encrypted); no address, no e-mail */
  email: z.email().max(200).nullable(),
  events: z.strictObject({
    registered: channels,
    dispatched: channels,
    closed: channels,
    rate_requested: channels,
  }),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const defaultPreferences: NotificationPreferences = {
  email: null,
  events: {
    registered: { sms: true, email: true },
    dispatched: { sms: true, email: true },
    closed: { sms: true, email: true },
    rate_requested: { sms: false, email: true },
  },
};

export const preferencesAnswer = notificationPreferences.extend({
  /** whether this server can send e-mail at all (SMTP configured) */
  emailAvailable: z.boolean(),
  /** the phone SMS goes to, masked */
  phone: z.string().nullable(),
});

export const notification = z.object({
  id: z.number(),
  kind: z.enum(notificationKinds),
  caseId: z.number().nullable(),
  caseNumber: z.string().nullable(),
  /** the console page it is about, when it is not a case (an asset, an owners' committee) */
  link: z.string().nullable(),
  /** the fund use it is about (fund-use notifications) */
  fundUseId: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notification>;

export const notificationListQuery = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

export const notificationPage = z.object({
  items: z.array(notification),
  nextCursor: z.string().nullable(),
  unread: z.number(),
});

export const markReadBody = z.strictObject({
  ids: z.array(z.number().int().positive()).max(200).optional(),
  all: z.boolean().optional(),
});

export const unreadAnswer = z.object({ unread: z.number() });
