import type { Language } from '../../../contracts/auth';
import {
  defaultPreferences,
  eventOfKind,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationView,
} from '../../../contracts/notifications';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { translator } from '../../platform/i18n';
import { enqueueOutbound, type OutboundInput } from '../../platform/outbound/outbound';
import { decodeCursor, page } from '../../platform/pagination';
import { type CaseStreamEvent, drainCaseEvents } from '../cases/cases.outbox';
import { maskPhone } from '../cases/cases.workflow';
import * as repo from './notifications.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'notification.preferences_saved': { after: Record<string, unknown> };
  }
}

export interface NotificationParams {
  title: string;
  number?: string;
  lead?: string | null;
  note?: string | null;
  /** an asset rule (assets:badge.*) */
  rule?: string;
  community?: string;
  /** a date ('YYYY-MM-DD'): the term end of a re-election reminder */
  date?: string;
  /** re-election reminder: 180d | 90d | 30d | expired */
  milestone?: string;
  /** the console page it is about, when it is not a case */
  link?: string;
  /** fund-use notifications */
  fundUseId?: number;
  dueOn?: string;
}

export function renderNotification(lang: Language, kind: NotificationKind, p: NotificationParams) {
  const t = translator(lang);
  const vars = {
    title: p.title,
    number: p.number,
    lead: p.lead || t('notifications:unknownLead'),
    note: p.note ?? '',
    rule: p.rule ? t(`assets:badge.${p.rule}`) : '',
    community: p.community ?? '',
    date: p.date ?? '',
    milestone: p.milestone ? t(`notifications:milestone.${p.milestone}`) : '',
    dueOn: p.dueOn ?? '',
  };
  return {
    title: t(`notifications:kind.${kind}.title`, vars),
    body: t(`notifications:kind.${kind}.body`, vars).trim(),
  };
}

export function presentNotification(lang: Language, r: repo.NotificationRow): NotificationView {
  const params = r.params as NotificationParams;
  const text = renderNotification(lang, r.kind as NotificationKind, params);
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    caseId: r.caseId,
    caseNumber: r.caseId !== null ? (params.number ?? null) : null,
    link: params.link ?? null,
    fundUseId: params.fundUseId ?? null,
    ...text,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

/**
 * Writes in-app notifications in the caller's transaction and wakes the recipients' live streams;
 * other modules tell staff through this (the case event relay uses it too).
 */
export async function notifyUsers(tx: Executor, rows: repo.NotificationInsert[]) {
  const inserted = await repo.insertNotifications(tx, rows);
  for (const userId of new Set(inserted.map((r) => r.userId))) await repo.notifyChannel(tx, String(userId));
  return inserted;
}

/** What the reporter is told about one event, if anything. */
export function kindsOf(e: CaseStreamEvent): NotificationKind[] {
  switch (e.action) {
    case 'register':
      return ['case_registered'];
    case 'reject':
      return ['case_rejected'];
    case 'merge':
      return ['case_merged'];
    case 'dispatch':
      return ['case_dispatched'];
    case 'close':
      return ['case_closed', 'case_rate_requested'];
    default:
      return [];
  }
}

function paramsOf(e: CaseStreamEvent): NotificationParams {
  return {
    title: e.case.title,
    number: e.case.number,
    lead: (e.data?.lead as { name?: string } | undefined)?.name ?? e.case.leadName ?? null,
    note: e.note,
  };
}

/** Staff who report are told in the app; SMS and e-mail only if they choose them. */
const staffDefaults: NotificationPreferences = {
  email: null,
  events: {
    registered: { sms: false, email: false },
    dispatched: { sms: false, email: false },
    closed: { sms: false, email: false },
    rate_requested: { sms: false, email: false },
  },
};

function preferencesFrom(
  row: { events: unknown; emailEnc: string | null } | undefined,
  ctx: AppContext,
  resident = true,
) {
  const defaults = resident ? defaultPreferences : staffDefaults;
  if (!row) return defaults;
  return {
    email: row.emailEnc ? ctx.cipher.decrypt(row.emailEnc) : null,
    events: { ...defaults.events, ...(row.events as NotificationPreferences['events']) },
  };
}

/**
 * Reads the case event stream (consumer `notifications`): the reporter of each case is told in the
 * app at registration (or rejection, merging), dispatch and closing, and asked to rate; SMS and
 * e-mail follow their preferences (never for events older than NOTIFY_MAX_AGE_HOURS, so catching
 * up after an outage does not flood phones). Open311 reporters without an account get e-mail if
 * they gave an address and SMTP is configured. Every instance's live streams hear of new rows by
 * NOTIFY.
 */
export function relayNotifications(ctx: AppContext, now = new Date()) {
  const maxAge = ctx.config.NOTIFY_MAX_AGE_HOURS * 3600_000;
  return drainCaseEvents(ctx, 'notifications', async (tx, events) => {
    const wanted = events.flatMap((e) => kindsOf(e).map((kind) => ({ e, kind })));
    if (!wanted.length) return;
    const userIds = [
      ...new Set(wanted.map((w) => w.e.case.reporterUserId).filter((u): u is number => u !== null)),
    ];
    const [prefs, people, emails] = await Promise.all([
      repo.preferencesOf(tx, userIds),
      repo.recipients(tx, userIds),
      repo.reporterEmails(
        tx,
        wanted.filter((w) => w.e.case.reporterUserId === null).map((w) => w.e.caseId),
      ),
    ]);
    const prefOf = new Map(prefs.map((p) => [p.userId, p]));
    const personOf = new Map(people.map((p) => [p.id, p]));
    const emailOf = new Map(emails.map((m) => [m.caseId, m.emailEnc]));
    const rows = [];
    const outbound: OutboundInput[] = [];
    for (const { e, kind } of wanted) {
      const params = paramsOf(e);
      const fresh = +now - +e.at < maxAge;
      const userId = e.case.reporterUserId;
      if (userId !== null) {
        const person = personOf.get(userId);
        if (!person) continue;
        rows.push({
          userId,
          streetId: e.streetId,
          kind,
          caseId: e.caseId,
          eventId: e.id,
          params,
          createdAt: e.at,
        });
        if (!fresh) continue;
        const chosen = preferencesFrom(prefOf.get(userId), ctx, person.resident);
        const pref = chosen.events[eventOfKind(kind)];
        const lang = person.lang as Language;
        const text = renderNotification(lang, kind, params);
        const t = translator(lang);
        if (pref.sms && person.phoneEnc)
          outbound.push({
            kind: 'sms',
            streetId: e.streetId,
            topic: `case.${kind}`,
            caseId: e.caseId,
            userId,
            target: ctx.cipher.decrypt(person.phoneEnc),
            body: t('notifications:sms', text),
          });
        const email = chosen.email;
        if (pref.email && email && ctx.config.SMTP_URL)
          outbound.push({
            kind: 'email',
            streetId: e.streetId,
            topic: `case.${kind}`,
            caseId: e.caseId,
            userId,
            target: email,
            subject: t('notifications:email.subject', text),
            body: `${text.body}\n\n${t('notifications:email.footer')}`,
          });
      } else {
        const emailEnc = emailOf.get(e.caseId);
        if (!emailEnc || !fresh || !ctx.config.SMTP_URL) continue;
        const text = renderNotification('zh-CN', kind, params);
        const t = translator('zh-CN');
        outbound.push({
          kind: 'email',
          streetId: e.streetId,
          topic: `case.${kind}`,
          caseId: e.caseId,
          target: ctx.cipher.decrypt(emailEnc),
          subject: t('notifications:email.subject', text),
          body: `${text.body}\n\n${t('notifications:email.footer')}`,
        });
      }
    }
    await notifyUsers(tx, rows);
    await enqueueOutbound(ctx, tx, outbound);
  });
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  lang: Language,
  q: { unread?: boolean; limit: number; cursor?: string },
) {
  const before = decodeCursor<[number, number]>(q.cursor, ['number', 'number']);
  const [rows, unread] = await Promise.all([
    repo.listNotifications(ctx.db, actor.userId, q, before),
    repo.unreadCount(ctx.db, actor.userId),
  ]);
  const result = page(rows, q.limit, (r) => [+r.createdAt, r.id]);
  return {
    items: result.items.map((r) => presentNotification(lang, r)),
    nextCursor: result.nextCursor,
    unread,
  };
}

export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  body: { ids?: number[]; all?: boolean },
) {
  await repo.markRead(ctx.db, actor.userId, body.all ? 'all' : (body.ids ?? []));
  return { unread: await repo.unreadCount(ctx.db, actor.userId) };
}

export async function getPreferences(ctx: AppContext, actor: Actor) {
  const [[row], [person]] = await Promise.all([
    repo.preferencesOf(ctx.db, [actor.userId]),
    repo.recipients(ctx.db, [actor.userId]),
  ]);
  return {
    ...preferencesFrom(row, ctx, person?.resident ?? false),
    emailAvailable: Boolean(ctx.config.SMTP_URL),
    phone: person?.phoneEnc ? maskPhone(ctx.cipher.decrypt(person.phoneEnc)) : null,
  };
}

export async function savePreferences(ctx: AppContext, actor: Actor, p: NotificationPreferences) {
  await ctx.db.transaction(async (tx) => {
    await repo.upsertPreferences(tx, actor.userId, p.events, p.email ? ctx.cipher.encrypt(p.email) : null);
    await recordAudit(tx, actor.audit, {
      action: 'notification.preferences_saved',
      entityType: 'user',
      entityId: actor.userId,
      streetId: null,
      after: {
        events: p.events,
        email: p.email ? `${p.email.slice(0, 1)}***@${p.email.split('@')[1]}` : null,
      },
    });
  });
  return getPreferences(ctx, actor);
}
