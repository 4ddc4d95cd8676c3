import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { z } from 'zod';
import {
  type AccountabilityKind,
  type CaseAction,
  type CaseActionBody,
  type CaseDetail,
  type CaseIntake,
  type CaseListQuery,
  type CaseQueue,
  type CaseState,
  caseActions,
  type EnforcementStage,
  type GroupRentingForm,
  type penaltyInput,
} from '../../../contracts/cases';
import type { DiscoveryChannel, ResolvedUnit, Stage, Urgency } from '../../../contracts/duties';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import {
  type AuditHead,
  appendAudit,
  auditRowParams,
  canonicalJson,
  recordAudit,
  sealAuditRow,
} from '../../platform/audit/audit';
import { auditHeadsOf } from '../../platform/audit/audit.heads';
import { type ClockMode, shanghaiDate } from '../../platform/calendar/calendar';
import { calendarOf } from '../../platform/calendar/calendar.usecases';
import { startOfShanghaiDay } from '../../platform/dates';
import { AppError, forbidden, versionConflict } from '../../platform/errors';
import { fileContent } from '../../platform/files/files';
import { decodeCursor, page } from '../../platform/pagination';
import { referenceData } from '../../platform/refcache';
import { assetOfCase, assetRefFor } from '../assets/assets.usecases';
import { noRuleForCategory, unknownCommunity } from '../duties/duties.errors';
import { communityContext, communityContextOf } from '../duties/duties.repository';
import type { CommunityContext } from '../duties/duties.routing';
import { type RuleRow, routeCase, ruleFor } from '../duties/duties.routing';
import { categoryCache, departmentCache, leafCategory, ruleCache } from '../duties/duties.usecases';
import { notifyUsers } from '../notifications/notifications.usecases';
import { gridOfCommunity } from '../org/org.usecases';
import {
  actionForbidden,
  caseNotFound,
  channelNotAllowed,
  decisionNumberTaken,
  evidenceRequired,
  idempotencyKeyReused,
  invalidMergeTarget,
  invalidTransition,
  notEnforcement,
  notGroupRenting,
  required,
  reviewDateNotFuture,
  stageNotAfter,
  supervisionAlreadyAnswered,
  supervisionNotFound,
  unknownFile,
  unknownUnit,
  unknownUnitOfCommunity,
} from './cases.errors';
import { currentRound, isMyTask, mayTake, permissionFor, reaches, relationOf } from './cases.policy';
import {
  presentAttachment,
  presentCallback,
  presentCaseSummary,
  presentEvent,
  presentInspection,
  presentPenalty,
  presentSupervisionOrder,
  presentTask,
  routingOf,
} from './cases.presenter';
import * as repo from './cases.repository';
import {
  caseNumber,
  enforcementIndex,
  groupRentingViolations,
  maskName,
  maskPhone,
  nextState,
  remainingMs,
  resumeAt,
  ruleOf,
  type StageClock,
  startStage,
} from './cases.workflow';

/** The slice of a case the audit log keeps for each change. */
function caseAudit(r: repo.CaseRow) {
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    version: r.version,
    categoryCode: r.categoryCode,
    ruleId: r.ruleId,
    stage: r.stage,
    stageDueAt: r.stageDueAt,
    lead: r.leadName,
    reworkCount: r.reworkCount,
    wrongDispatchCount: r.wrongDispatchCount,
    escalationLevel: r.escalationLevel,
    enforcementStage: r.enforcementStage,
  };
}
type CaseAudit = ReturnType<typeof caseAudit>;
type CaseAuditEvents = { [A in CaseAction as `case.${A}`]: { before: CaseAudit; after: CaseAudit } };

declare module '../../platform/audit/audit' {
  interface AuditEvents extends CaseAuditEvents {
    'case.reported': { after: Record<string, unknown> };
    'case.reporter_revealed': { after: { caseId: number; number: string } };
    'case.escalated': { after: { cases: { caseId: number; level: number }[] } };
    'case.units_held_to_account': {
      after: { period: string; records: { id: number; unitName: string; cases: number }[] };
    };
    'case.suspension_review_reminded': { after: { cases: number[]; reviewOn: string } };
    'case.penalty_recorded': { after: Record<string, unknown> };
    'case.inspection_recorded': { after: Record<string, unknown> };
    'supervision.responded': { before: Record<string, unknown>; after: Record<string, unknown> };
  }
}

/** Supervision orders issued by the sweep are due two working days later. */
export const SUPERVISION_WORKING_DAYS = 2;
export const DEFAULT_FOLLOW_UP_DAYS = 30;

export type CommunityEntry = CommunityContext & { districtId: number; name: string; streetName: string };

/** Communities as intake sees them; a short TTL keeps a changed property company current. */
export const communityCache = referenceData(
  'community_directory',
  async (db) => {
    const map = new Map<number, CommunityEntry>();
    for (const r of await repo.loadCommunityDirectory(db)) {
      map.set(Number(r.id), {
        ...communityContextOf(r),
        districtId: Number(r.district_id),
        name: r.community_name as string,
        streetName: r.street_name as string,
      });
    }
    return map;
  },
  60_000,
);

/** The JS twin of the `cases.report` row filter, for a community from the cache. */
function mayReportIn(actor: Actor, c: CommunityEntry): boolean {
  return actor.reach('cases.report').some((p) => {
    switch (p.level) {
      case 'district':
        return p.districtId === c.districtId;
      case 'street':
        return p.streetId === c.streetId;
      case 'committee':
        return p.committeeId === c.committeeId;
      case 'community':
        return p.communityId === c.id;
      case 'organization':
        return p.organizationId === c.propertyOrgId;
      default:
        return false;
    }
  });
}

export interface Clock {
  now?: Date;
}

function defaultChannel(actor: Actor): DiscoveryChannel {
  const roles = actor.roles;
  if (roles.includes('district_admin')) return 'hotline_12345';
  if (roles.includes('street') || roles.includes('committee')) return 'grid_patrol';
  if (roles.includes('property')) return 'property_inspection';
  if (roles.includes('department') || roles.includes('inspector') || roles.includes('emergency'))
    return 'department_inspection';
  return 'resident_report';
}

/** Only residents, owners' committee members and mediators: they report as residents. */
function reportsAsResident(actor: Actor): boolean {
  return (
    actor.roles.length > 0 &&
    actor.roles.every((r) => r === 'resident' || r === 'owners_committee' || r === 'mediator')
  );
}

async function checkAttachments(ctx: AppContext, actor: Actor, refs: { fileId: number }[]) {
  if (!refs.length) return;
  const ids = refs.map((r) => r.fileId);
  const ok = new Set((await repo.attachableFiles(ctx.db, actor.userId, ids)).map((r) => r.id));
  const seen = new Set<number>();
  refs.forEach((r, i) => {
    if (!ok.has(r.fileId) || seen.has(r.fileId)) throw unknownFile(i);
    seen.add(r.fileId);
  });
}

function stageFields(clock: StageClock, seq: number) {
  return {
    stage: clock.stage,
    stageSeq: seq,
    stageMode: clock.mode,
    stageStartedAt: clock.startedAt,
    stageWarnAt: clock.warnAt,
    stageDueAt: clock.dueAt,
    stageRemainingMs: null,
    stageWarnRemainingMs: null,
    escalationLevel: 0,
    supervisionDueAt: null,
    supervisionRemainingMs: null,
  };
}

const noStage = {
  stage: null,
  stageMode: null,
  stageStartedAt: null,
  stageWarnAt: null,
  stageDueAt: null,
  stageRemainingMs: null,
  stageWarnRemainingMs: null,
  escalationLevel: 0,
  supervisionDueAt: null,
  supervisionRemainingMs: null,
};

// ---------------------------------------------------------------------------------------------
// intake

export interface IntakeOutcome {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** A case filed under another system's ticket number (hotline, Open311): one case per ticket, ever. */
export interface ExternalTicket {
  source: DiscoveryChannel;
  ticket: string;
  apiClientId: number | null;
  mediaUrl?: string | null;
  reporterEmail?: string | null;
}

/** Everything intake decided before writing: the row, the answer without its id, the audit payload. */
export interface PreparedIntake {
  row: repo.IntakeRow;
  partial: Record<string, unknown>;
  requestHash: string;
  attachments: CaseIntake['attachments'];
  audit: { ruleId: number; urgency: Urgency; actor: Actor };
  external: ExternalTicket | null;
  now: Date;
}

/**
 * Checks a report and decides everything about it without writing: the reporter may report in the
 * community, the category has a rule, routing, the register stage's clock. Throws the field errors
 * a client should see. Integration actors (API clients, userId 0) report with no reporter account.
 */
export async function prepareIntake(
  ctx: AppContext,
  actor: Actor,
  input: CaseIntake,
  clock: Clock = {},
  external: ExternalTicket | null = null,
): Promise<PreparedIntake> {
  assertCan(actor, 'cases.report');
  const now = clock.now ?? new Date();
  const asResident = reportsAsResident(actor);
  if (asResident && input.channel && input.channel !== 'resident_report') throw channelNotAllowed();
  const [category, rules, dir, cal, cats, communities] = await Promise.all([
    leafCategory(ctx, input.categoryCode),
    ruleCache.get(ctx),
    departmentCache.get(ctx),
    calendarOf(ctx),
    categoryCache.get(ctx),
    communityCache.get(ctx),
  ]);
  const community = communities.get(input.communityId);
  if (!community || !mayReportIn(actor, community)) throw unknownCommunity();
  const residentUnit = actor.assignments.find(
    (a) => a.communityId === community.id && a.unitId !== null,
  )?.unitId;
  if (input.unitId !== undefined && !(await repo.unitInCommunity(ctx.db, input.unitId, community.id)))
    throw unknownUnitOfCommunity();
  if (input.assetId !== undefined) await assetOfCase(ctx, actor, input.assetId, community.id);
  await checkAttachments(ctx, actor, input.attachments);
  const rule = ruleFor(rules.current, category.code, community.housingType);
  if (!rule) throw noRuleForCategory();
  const urgency: Urgency = input.urgency ?? rule.defaultUrgency;
  const routing = routeCase(rule, community, dir);
  const stage = startStage(cal, 'register', rule.limits[urgency], now);
  const lat = input.location?.lat ?? null;
  const lng = input.location?.lng ?? null;
  const row: repo.IntakeRow = {
    numberPrefix: caseNumber(0, now).slice(0, -6),
    streetId: community.streetId,
    committeeId: community.committeeId,
    communityId: community.id,
    categoryCode: category.code,
    ruleId: rule.id,
    urgency,
    channel: external?.source ?? input.channel ?? (asResident ? 'resident_report' : defaultChannel(actor)),
    title: input.title,
    description: input.description,
    address: input.address ?? null,
    lat,
    lng,
    unitId: input.unitId ?? residentUnit ?? null,
    // API clients act as userId 0: the case has no reporter account, only the name and phone given
    reporterUserId: actor.userId > 0 ? actor.userId : null,
    reporterName: input.reporterName ?? (actor.userId > 0 ? actor.displayName : null),
    reporterPhoneEnc: input.reporterPhone ? ctx.cipher.encrypt(input.reporterPhone) : null,
    routing,
    assetId: input.assetId ?? null,
    stageMode: stage.mode,
    stageStartedAt: stage.startedAt,
    stageWarnAt: stage.warnAt,
    stageDueAt: stage.dueAt,
    isEnforcement: category.enforcement,
    enforcementStage: category.enforcement ? 'discover' : null,
    followUpDays: category.enforcement ? (rule.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS) : null,
    createdAt: now,
    actorLabel: actor.displayName,
    // the category at intake: KPI rollups attribute the report to it even if registration reclassifies
    eventData: {
      categoryCode: category.code,
      ...(input.attachments.length ? { attachments: input.attachments.length } : {}),
    },
  };
  // the summary as it will read once the id is known (id and number are added by the insert)
  const summary = presentCaseSummary(
    {
      ...row,
      id: 0,
      number: '',
      state: 'reported',
      stage: 'register',
      streetName: community.streetName,
      communityName: community.name,
      version: 0,
      leadKind: null,
      leadId: null,
      leadName: null,
      escalationLevel: 0,
      reworkCount: 0,
      wrongDispatchCount: 0,
      closedAt: null,
    } as unknown as repo.CaseListRow,
    cats,
    now,
  );
  const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
  // id, number and possible duplicates are added by the insert statement
  const partial = {
    ...summary,
    routing: { rule: { id: rule.id, version: rule.version }, lead: routing.lead, coUnits: routing.coUnits },
  };
  return {
    row,
    partial,
    requestHash,
    attachments: input.attachments,
    audit: { ruleId: rule.id, urgency, actor },
    external,
    now,
  };
}

export interface WrittenIntake {
  created: boolean;
  id: number;
  eventId: number | null;
  duplicates: { id: number; number: string; title: string; distanceM: number | null }[];
}

/**
 * Writes a prepared case in the caller's transaction: the case, its first event, the idempotency
 * key or external ticket (one statement), its attachments and the audit row. `created` is false when
 * the key or ticket was already used; nothing is written then.
 */
export async function writeIntake(
  ctx: AppContext,
  client: pg.PoolClient,
  tx: Executor,
  p: PreparedIntake,
  idempotencyKey: string | undefined,
): Promise<WrittenIntake & { auditHead?: AuditHead }> {
  const r = await repo.insertIntake(client, p.row, intakeKey(p, idempotencyKey), intakeRef(ctx, p));
  if (!r.created) {
    if (!p.external) return r;
    const existing = await repo.caseOfExternalTicket(tx, p.external.source, p.external.ticket);
    return { ...r, id: existing ?? 0 };
  }
  if (p.attachments.length) await repo.linkAttachments(tx, r.id, p.row.streetId, r.eventId!, p.attachments);
  // the intake statement already reserved the audit row's place in the street's chain
  const auditHead = await appendAudit(tx, p.audit.actor.audit, intakeAuditEntry(p, r.id), r.auditSlot!);
  return { ...r, auditHead };
}

/**
 * Writes a prepared case: in one statement and no transaction when it has no attachments and this
 * process knows the head of the street's audit chain (the statement appends the sealed audit row only
 * if the head is still there); otherwise, or when the head moved or the key or ticket is taken, in a
 * transaction that locks the chain head. Reports of one street take turns in this process, so they
 * never race each other for the head; only another instance or another use case can move it.
 */
function writeIntakeOnce(
  ctx: AppContext,
  p: PreparedIntake,
  idempotencyKey: string | undefined,
): Promise<WrittenIntake> {
  const pool = ctx.database.pool;
  const heads = auditHeadsOf(pool);
  const chain = p.row.streetId;
  return heads.exclusive(chain, async () => {
    const head = heads.get(chain);
    if (head && !p.attachments.length) {
      const id = await repo.nextCaseId(pool);
      const sealed = sealAuditRow(p.audit.actor.audit, intakeAuditEntry(p, id), {
        seq: head.seq + 1,
        prevHash: head.hash,
      });
      try {
        const r = await repo.insertIntakeSingle(
          pool,
          p.row,
          intakeKey(p, idempotencyKey),
          intakeRef(ctx, p),
          id,
          head,
          auditRowParams(sealed),
        );
        heads.advance({ chain, seq: sealed.seq, hash: sealed.hash });
        heads.stats.appended++;
        return r;
      } catch (err) {
        if (!(err instanceof repo.IntakeConflict)) throw err;
        heads.stats.refused++;
        if (err.reason === 'chain') heads.forget(chain);
      }
    }
    const w = await repo.clientTransaction(pool, (client, tx) =>
      writeIntake(ctx, client, tx, p, idempotencyKey),
    );
    // committed: the next report from this street can take the single statement
    if (w.auditHead) heads.advance(w.auditHead);
    return w;
  });
}

function intakeKey(p: PreparedIntake, idempotencyKey: string | undefined) {
  return idempotencyKey ? { value: idempotencyKey, requestHash: p.requestHash, response: p.partial } : null;
}

function intakeRef(ctx: AppContext, p: PreparedIntake) {
  return p.external
    ? {
        source: p.external.source,
        ticket: p.external.ticket,
        apiClientId: p.external.apiClientId,
        mediaUrl: p.external.mediaUrl ?? null,
        reporterEmailEnc: p.external.reporterEmail ? ctx.cipher.encrypt(p.external.reporterEmail) : null,
      }
    : null;
}

function intakeAuditEntry(p: PreparedIntake, id: number) {
  return {
    action: 'case.reported' as const,
    entityType: 'case',
    entityId: id,
    streetId: p.row.streetId,
    after: {
      id,
      categoryCode: p.row.categoryCode,
      communityId: p.row.communityId,
      ruleId: p.audit.ruleId,
      urgency: p.audit.urgency,
      ...(p.external ? { source: p.external.source, ticket: p.external.ticket } : {}),
    },
  };
}

/** The intake answer of a case written now, from what was prepared and what the insert returned. */
export function intakeAnswer(p: PreparedIntake, w: WrittenIntake) {
  return {
    ...p.partial,
    id: w.id,
    number: caseNumber(w.id, p.now),
    possibleDuplicates: w.duplicates,
  };
}

/** The intake answer of a case that already exists (its ticket was filed before). */
export async function existingIntakeAnswer(ctx: AppContext, id: number) {
  const row = await repo.caseById(ctx.db, id);
  if (!row) throw new AppError('internal', 500);
  const cats = await categoryCache.get(ctx);
  const routing = routingOf(row);
  const rule = (await ruleCache.get(ctx)).byId.get(row.ruleId);
  return {
    ...presentCaseSummary(row, cats),
    routing: {
      rule: { id: row.ruleId, version: rule?.version ?? 0 },
      lead: routing.lead,
      coUnits: routing.coUnits,
    },
    possibleDuplicates: [],
  };
}

/**
 * Files a case: checks the reporter may report in the community, routes it by the responsibility
 * list, starts the register stage's clock and writes the case, its first event, the idempotency
 * key and the audit row at once (one statement when it can, else one transaction). A retry with the same key gets the same answer; a
 * ticket filed before (`external`) answers 200 with the case it made.
 */
export async function reportCase(
  ctx: AppContext,
  actor: Actor,
  input: CaseIntake,
  idempotencyKey: string | undefined,
  clock: Clock = {},
  external: ExternalTicket | null = null,
): Promise<IntakeOutcome> {
  const p = await prepareIntake(ctx, actor, input, clock, external);
  const written = await writeIntakeOnce(ctx, p, idempotencyKey);
  if (written.created) return { status: 201, body: intakeAnswer(p, written), replayed: false };
  if (external) return { status: 200, body: await existingIntakeAnswer(ctx, written.id), replayed: true };
  const stored = await repo.findIdempotencyKey(ctx.db, actor.userId, idempotencyKey ?? '');
  if (!stored) throw new AppError('internal', 500);
  if (stored.requestHash !== p.requestHash) throw idempotencyKeyReused();
  return { status: stored.status, body: stored.response, replayed: true };
}

/**
 * Files a case in one transaction with the caller's own record of it, for work that turns into a case
 * (an asset rule breach past its grace period): `claim` runs first in the transaction (lock your row;
 * false: nothing is filed), then the case is written as `reportCase` writes it, then `filed` records the
 * case on the caller's row. The caller's audit row follows the case's in the street's chain.
 */
export async function fileCaseWithin(
  ctx: AppContext,
  actor: Actor,
  input: CaseIntake,
  clock: Clock,
  hooks: {
    claim: (tx: Executor) => Promise<boolean>;
    filed: (tx: Executor, filed: { id: number; number: string }) => Promise<void>;
  },
): Promise<{ id: number; number: string } | null> {
  const p = await prepareIntake(ctx, actor, input, clock);
  const heads = auditHeadsOf(ctx.database.pool);
  const chain = p.row.streetId;
  return heads.exclusive(chain, async () => {
    try {
      return await repo.clientTransaction(ctx.database.pool, async (client, tx) => {
        if (!(await hooks.claim(tx))) return null;
        const w = await writeIntake(ctx, client, tx, p, undefined);
        const filed = { id: w.id, number: caseNumber(w.id, p.now) };
        await hooks.filed(tx, filed);
        return filed;
      });
    } finally {
      // the caller's audit row moved the head past what the intake knew
      heads.forget(chain);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// reading

export async function listCases(ctx: AppContext, actor: Actor, q: CaseListQuery) {
  const after =
    q.sort === 'due'
      ? decodeCursor<[number, number]>(q.cursor, ['number', 'number'])
      : decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, total, cats] = await Promise.all([
    repo.listCases(ctx.db, actor, q, after),
    after ? Promise.resolve(-1) : repo.countCases(ctx.db, actor, q),
    categoryCache.get(ctx),
  ]);
  const now = new Date();
  const result = page(rows, q.limit, (r) => (q.sort === 'due' ? [repo.dueKey(r), r.id] : [r.id]));
  return {
    items: result.items.map((r) => presentCaseSummary(r, cats, now)),
    nextCursor: result.nextCursor,
    total,
  };
}

export async function* iterateCaseSummaries(
  ctx: AppContext,
  actor: Actor,
  q: Omit<CaseListQuery, 'limit' | 'cursor'>,
) {
  const cats = await categoryCache.get(ctx);
  const now = new Date();
  for await (const row of repo.iterateCases(ctx.db, actor, q)) yield presentCaseSummary(row, cats, now);
}

/** The queues this user works from, with their counts (console badges). */
export async function queueCounts(ctx: AppContext, actor: Actor) {
  const queues: CaseQueue[] = [];
  if (actor.can('cases.dispatch'))
    queues.push('to_register', 'to_dispatch', 'to_verify', 'suspended', 'suspension_review_due');
  if (actor.can('cases.handle')) queues.push('my_tasks');
  if (actor.can('cases.read') || actor.can('cases.handle')) queues.push('overdue', 'warning', 'supervised');
  if (actor.can('cases.enforce') || actor.can('cases.dispatch')) queues.push('follow_up_due');
  if (actor.can('cases.report')) queues.push('reported_by_me');
  return { queues: await repo.queueCounts(ctx.db, actor, [...new Set(queues)]) };
}

export async function getCaseDetail(ctx: AppContext, actor: Actor, id: number): Promise<CaseDetail> {
  const row = await repo.findVisibleCase(ctx.db, actor, id);
  if (!row) throw caseNotFound();
  const merged = await repo.mergedInto(ctx.db, id);
  const caseIds = [id, ...merged.map((m) => m.id)];
  const [
    tasks,
    events,
    attachments,
    orders,
    penalties,
    inspections,
    callbacks,
    mergedIntoRow,
    cats,
    asset,
    grid,
  ] = await Promise.all([
    repo.tasksOf(ctx.db, id),
    repo.eventsOf(ctx.db, caseIds),
    repo.attachmentsOf(ctx.db, caseIds),
    repo.supervisionOrdersOfCase(ctx.db, id),
    repo.penaltiesOf(ctx.db, id),
    repo.inspectionsOf(ctx.db, id),
    repo.callbacksOf(ctx.db, id),
    row.mergedIntoId ? repo.caseNumberOf(ctx.db, row.mergedIntoId) : Promise.resolve(null),
    categoryCache.get(ctx),
    row.assetId ? assetRefFor(ctx, actor, row.assetId) : Promise.resolve(null),
    gridOfCommunity(ctx, row.communityId),
  ]);
  const rel = relationOf(actor, row, tasks);
  const now = new Date();
  const duplicates =
    rel.dispatcher && (row.state === 'reported' || row.state === 'registered')
      ? await repo.possibleDuplicates(ctx.db, row)
      : [];
  const rule = (await ruleCache.get(ctx)).byId.get(row.ruleId);
  const canRespond =
    rel.dispatcher ||
    tasks.some((t) => t.role === 'lead' && t.round === currentRound(tasks) && isMyTask(actor, t));
  const plainPhone = row.reporterPhoneEnc ? ctx.cipher.decrypt(row.reporterPhoneEnc) : null;
  // masked on every case page; the name in full for the reporter only (reveal: revealReporter)
  const phone = plainPhone ? maskPhone(plainPhone) : null;
  const name = row.reporterName && !rel.reporter ? maskName(row.reporterName) : row.reporterName;
  return {
    ...presentCaseSummary(row, cats, now),
    description: row.description,
    asset,
    grid,
    reporter: {
      name,
      phone,
      isMe: rel.reporter,
      canReveal: !rel.reporter && reaches(actor, 'cases.reporter_contact', row, tasks),
    },
    rule: { id: row.ruleId, ruleKey: rule?.ruleKey ?? row.categoryCode, version: rule?.version ?? 0 },
    routing: routingOf(row),
    deadlines: {
      stage: row.stage as Stage | null,
      startedAt: row.stageStartedAt?.toISOString() ?? null,
      warnAt: row.stageWarnAt?.toISOString() ?? null,
      dueAt: row.stageDueAt?.toISOString() ?? null,
      remainingMs: row.state === 'suspended' ? row.stageRemainingMs : null,
    },
    suspension:
      row.state === 'suspended'
        ? {
            reason: row.suspendReason ?? '',
            reviewDate: row.suspendReviewOn ?? '',
            previousState: row.suspendedFrom ?? '',
          }
        : null,
    followUp: row.isEnforcement
      ? {
          days: row.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS,
          dueOn: row.followUpDueOn,
          doneAt: row.followUpDoneAt?.toISOString() ?? null,
        }
      : null,
    satisfaction:
      row.satisfaction !== null
        ? { score: row.satisfaction, comment: row.satisfactionComment, at: row.ratedAt?.toISOString() ?? '' }
        : null,
    mergedInto: mergedIntoRow,
    mergedCases: merged,
    possibleDuplicates: duplicates,
    tasks: tasks.map((t) => presentTask(t, isMyTask(actor, t), now)),
    timeline: events.map((e) => presentEvent(e, attachments, actor.userId)),
    attachments: attachments.map((a) => ({ ...presentAttachment(a), eventId: a.eventId })),
    supervisionOrders: orders.map((o) => presentSupervisionOrder(o, canRespond, now)),
    penalties: penalties.map(presentPenalty),
    inspections: inspections.map(presentInspection),
    callbacks: callbacks.map(presentCallback),
    availableActions: caseActions.filter((a) => mayTake(a, row, rel)),
    abilities: {
      recordPenalty: row.isEnforcement && (rel.enforcer || rel.dispatcher),
      recordInspection:
        row.categoryCode === 'chronic_violation.group_renting' && (rel.enforcer || rel.dispatcher),
      attach: actor.can('files.upload'),
      export: actor.can('cases.export'),
    },
  };
}

/**
 * The reporter's full name and phone, for roles that need them (回访, on-site repairs): street,
 * committee, property company of the case, district admin. Every view writes an audit row.
 */
export async function revealReporter(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisibleCase(ctx.db, actor, id);
  if (!row) throw caseNotFound();
  const tasks = await repo.tasksOf(ctx.db, id);
  if (!reaches(actor, 'cases.reporter_contact', row, tasks)) throw forbidden();
  await ctx.db.transaction((tx) =>
    recordAudit(tx, actor.audit, {
      action: 'case.reporter_revealed',
      entityType: 'case',
      entityId: id,
      streetId: row.streetId,
      after: { caseId: id, number: row.number },
    }),
  );
  return {
    name: row.reporterName,
    phone: row.reporterPhoneEnc ? ctx.cipher.decrypt(row.reporterPhoneEnc) : null,
  };
}

/** An attachment of a visible case (or of a case merged into it). */
export async function caseFile(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
  fileId: number,
  thumbnail: boolean,
) {
  const row = await repo.findVisibleCase(ctx.db, actor, caseId);
  if (!row) throw caseNotFound();
  const ids = [caseId, ...(await repo.mergedInto(ctx.db, caseId)).map((m) => m.id)];
  const linked = (await Promise.all(ids.map((id) => repo.attachmentOfCase(ctx.db, id, fileId)))).some(
    Boolean,
  );
  if (!linked) throw new AppError('not_found', 404, { entity: 'file' });
  const file = await fileContent(ctx.db, fileId, thumbnail);
  if (!file?.content) throw new AppError('not_found', 404, { entity: 'file' });
  return { ...file, mime: thumbnail ? 'image/webp' : file.mime, content: file.content };
}

// ---------------------------------------------------------------------------------------------
// actions

async function chosenUnit(
  db: Executor,
  choice: { kind: ResolvedUnit['kind']; id: number | null },
  c: repo.CaseRow,
  path: string,
): Promise<ResolvedUnit & { streetId: number | null }> {
  if (choice.kind === 'emergency_team')
    return {
      kind: 'emergency_team',
      id: null,
      name: '区应急中心抢险队',
      resolver: 'emergency_team',
      fallback: false,
      streetId: null,
    };
  if (choice.id === null) throw unknownUnit(path);
  const found = await repo.unitName(db, choice.kind, choice.id, c.communityId);
  if (!found) throw unknownUnit(path);
  return {
    kind: choice.kind,
    id: choice.id,
    name: found.name,
    resolver: 'district_department',
    fallback: false,
    streetId: found.streetId,
  };
}

async function unitStreetOf(db: Executor, u: ResolvedUnit): Promise<number | null> {
  if (u.kind !== 'department' || u.id === null) return null;
  return (await repo.unitName(db, 'department', u.id, 0))?.streetId ?? null;
}

function requireFields(action: CaseAction, body: CaseActionBody) {
  for (const field of ruleOf(action).requires) {
    const v = (body as Record<string, unknown>)[field];
    if (field === 'attachments') {
      if (!Array.isArray(v) || v.length === 0) throw evidenceRequired();
    } else if (v === undefined || v === null) throw required(field);
  }
}

export interface ActionOutcome {
  row: repo.CaseRow;
}

/**
 * Takes one action of the state table on a case: 403 when the role may never take it or this
 * user may not on this case, 404 when the case is not visible, 409 when the state does not allow
 * it or the version is stale. Writes the case, its tasks, one event and one audit row together.
 */
export async function actOnCase(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: CaseAction,
  body: CaseActionBody,
  clock: Clock = {},
): Promise<ActionOutcome> {
  const perm = permissionFor(action);
  if (perm && !actor.can(perm)) throw forbidden();
  const row = await repo.findVisibleCase(ctx.db, actor, id);
  if (!row) throw caseNotFound();
  const state = row.state as CaseState;
  if (!ruleOf(action).from.includes(state)) throw invalidTransition(action, state);
  const tasks = await repo.tasksOf(ctx.db, id);
  const rel = relationOf(actor, row, tasks);
  if (!mayTake(action, row, rel)) {
    if (action === 'rate' && rel.reporter) throw invalidTransition(action, state);
    if (action === 'follow_up' && row.followUpDoneAt) throw invalidTransition(action, state);
    if (action === 'advance_enforcement' && !row.isEnforcement) throw notEnforcement();
    throw actionForbidden(action);
  }
  if (body.version !== row.version) throw versionConflict(row.version);
  requireFields(action, body);
  const attachments = body.attachments ?? [];
  await checkAttachments(ctx, actor, attachments);

  const now = clock.now ?? new Date();
  const [cal, rules] = await Promise.all([calendarOf(ctx), ruleCache.get(ctx)]);
  let rule = rules.byId.get(row.ruleId) as RuleRow | undefined;
  if (!rule) throw new AppError('internal', 500);
  let urgency = row.urgency as Urgency;
  const limits = () => rule!.limits[urgency];
  const round = currentRound(tasks);
  const set: Partial<repo.CaseRow> = {};
  const data: Record<string, unknown> = {};
  let to: CaseState = state;
  let taskOps: ((tx: Executor) => Promise<unknown>)[] = [];
  let afterUpdate: ((tx: Executor, updated: repo.CaseRow, eventId: number) => Promise<void>) | null = null;

  switch (action) {
    case 'register': {
      if (body.categoryCode || body.urgency) {
        const category = body.categoryCode ? await leafCategory(ctx, body.categoryCode) : null;
        if (category) {
          const community = await communityContext(ctx.db, null, row.communityId);
          const dir = await departmentCache.get(ctx);
          const r = ruleFor(rules.current, category.code, community!.housingType);
          if (!r) throw noRuleForCategory();
          rule = r;
          Object.assign(set, {
            categoryCode: category.code,
            ruleId: r.id,
            routing: routeCase(r, community!, dir),
            isEnforcement: category.enforcement,
            followUpDays: category.enforcement ? (r.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS) : null,
          });
          data.categoryCode = category.code;
        }
        if (body.urgency) {
          urgency = body.urgency;
          set.urgency = urgency;
          data.urgency = urgency;
        }
      }
      to = 'registered';
      data.stageDueAt = row.stageDueAt?.toISOString() ?? null;
      const enforcement = set.isEnforcement ?? row.isEnforcement;
      Object.assign(set, {
        registeredAt: now,
        enforcementStage: enforcement ? 'report' : null,
        ...stageFields(startStage(cal, 'dispatch', limits(), now), row.stageSeq + 1),
      });
      break;
    }
    case 'reject':
      to = 'rejected';
      Object.assign(set, noStage, { closedAt: now });
      break;
    case 'merge': {
      const target = body.intoCaseId ? await repo.findVisibleCase(ctx.db, actor, body.intoCaseId) : null;
      if (
        !target ||
        target.id === row.id ||
        target.streetId !== row.streetId ||
        ['rejected', 'merged'].includes(target.state)
      )
        throw invalidMergeTarget();
      to = 'merged';
      Object.assign(set, noStage, { mergedIntoId: target.id, closedAt: now });
      data.intoCaseId = target.id;
      data.intoCaseNumber = target.number;
      afterUpdate = async (tx) => {
        await repo.insertEvent(tx, {
          caseId: target.id,
          streetId: target.streetId,
          at: now,
          actorUserId: actor.userId,
          actorLabel: actor.displayName,
          action: 'merged_in',
          fromState: target.state,
          toState: target.state,
          note: body.note ?? null,
          data: { caseId: row.id, caseNumber: row.number },
        });
      };
      break;
    }
    case 'dispatch': {
      // routing is resolved again now: the community's property company may have changed since intake
      let routing = routingOf(row);
      if (!body.lead) {
        const community = await communityContext(ctx.db, null, row.communityId);
        if (community) {
          routing = routeCase(rule, community, await departmentCache.get(ctx));
          set.routing = routing;
        }
      }
      const leadChoice = body.lead
        ? await chosenUnit(ctx.db, body.lead, row, 'body.lead')
        : { ...routing.lead, streetId: await unitStreetOf(ctx.db, routing.lead) };
      if (leadChoice.kind !== 'emergency_team' && leadChoice.id === null) throw unknownUnit('body.lead');
      const coChoices = body.coUnits
        ? await Promise.all(body.coUnits.map((u, i) => chosenUnit(ctx.db, u, row, `body.coUnits.${i}`)))
        : body.lead
          ? []
          : await Promise.all(
              routing.coUnits.map(async (u) => ({ ...u, streetId: await unitStreetOf(ctx.db, u) })),
            );
      const clockH = startStage(cal, 'handle', limits(), now);
      const nextRound = round + 1;
      const units = [
        { role: 'lead', u: leadChoice },
        ...coChoices
          .filter((u) => !(u.kind === leadChoice.kind && u.id === leadChoice.id))
          .map((u) => ({ role: 'co', u })),
      ];
      taskOps = [
        (tx) =>
          repo.insertTasks(
            tx,
            units.map(({ role, u }) => ({
              caseId: row.id,
              streetId: row.streetId,
              communityId: row.communityId,
              role,
              unitKind: u.kind,
              unitId: u.id,
              unitName: u.name,
              unitStreetId: u.streetId,
              status: 'pending',
              round: nextRound,
              dueAt: clockH.dueAt,
              warnAt: clockH.warnAt,
            })),
          ),
      ];
      to = 'dispatched';
      Object.assign(set, {
        dispatchedAt: now,
        leadKind: leadChoice.kind,
        leadId: leadChoice.id,
        leadName: leadChoice.name,
        ...stageFields(clockH, row.stageSeq + 1),
      });
      data.stageDueAt = row.stageDueAt?.toISOString() ?? null;
      data.lead = { kind: leadChoice.kind, id: leadChoice.id, name: leadChoice.name };
      data.coUnits = units
        .filter((x) => x.role === 'co')
        .map(({ u }) => ({ kind: u.kind, id: u.id, name: u.name }));
      data.round = nextRound;
      break;
    }
    case 'accept': {
      const mine = rel.myOpenTasks.filter((t) => t.status === 'pending');
      taskOps = mine.map(
        (t) => (tx: Executor) => repo.updateTask(tx, t.id, { status: 'accepted', acceptedAt: now }),
      );
      to = nextState('accept', state)!;
      data.tasks = mine.map((t) => t.id);
      break;
    }
    case 'return': {
      taskOps = [
        (tx) => repo.updateTasksOfRound(tx, row.id, round, { status: 'cancelled' }, ['pending', 'accepted']),
        ...rel.myOpenTasks
          .filter((t) => t.role === 'lead')
          .map(
            (t) => (tx: Executor) =>
              repo.updateTask(tx, t.id, { status: 'returned', note: body.reason ?? null }),
          ),
      ];
      to = 'registered';
      Object.assign(set, {
        wrongDispatchCount: row.wrongDispatchCount + 1,
        leadKind: null,
        leadId: null,
        leadName: null,
        ...stageFields(startStage(cal, 'dispatch', limits(), now), row.stageSeq + 1),
      });
      break;
    }
    case 'handle': {
      const mineIds = new Set(rel.myOpenTasks.map((t) => t.id));
      const othersOpen = tasks.filter(
        (t) => t.round === round && (t.status === 'pending' || t.status === 'accepted') && !mineIds.has(t.id),
      );
      const complete = othersOpen.length === 0;
      taskOps = rel.myOpenTasks.map(
        (t) => (tx: Executor) =>
          repo.updateTask(tx, t.id, {
            status: 'done',
            doneAt: now,
            note: body.note ?? null,
            acceptedAt: t.acceptedAt ?? now,
          }),
      );
      to = nextState('handle', state, { complete })!;
      if (complete) {
        // what KPI rollups need, fixed when it happens: the deadline met or missed, the working time used
        data.stageDueAt = row.stageDueAt?.toISOString() ?? null;
        if (row.stageStartedAt)
          data.handlingMinutes = Math.round(cal.elapsed('hours', row.stageStartedAt, now) / 60_000);
      }
      if (complete)
        Object.assign(set, {
          handledAt: now,
          ...stageFields(startStage(cal, 'verify', limits(), now), row.stageSeq + 1),
        });
      if (
        row.isEnforcement &&
        enforcementIndex(row.enforcementStage as EnforcementStage) < enforcementIndex('handle')
      )
        set.enforcementStage = 'handle';
      data.tasks = [...mineIds];
      data.complete = complete;
      break;
    }
    case 'close': {
      to = 'closed';
      data.stageDueAt = row.stageDueAt?.toISOString() ?? null;
      Object.assign(set, noStage, { closedAt: now });
      if (row.isEnforcement) {
        const days = row.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
        set.enforcementStage = 'hold';
        set.followUpDueOn = shanghaiDate(+now + days * 86_400_000);
        set.followUpDoneAt = null;
        data.followUpDueOn = set.followUpDueOn;
      }
      break;
    }
    case 'rework': {
      const clockH = startStage(cal, 'handle', limits(), now);
      const previous = tasks.filter(
        (t) => t.round === round && t.status !== 'cancelled' && t.status !== 'returned',
      );
      taskOps = [
        (tx) =>
          repo.insertTasks(
            tx,
            previous.map((t) => ({
              caseId: row.id,
              streetId: row.streetId,
              communityId: row.communityId,
              role: t.role,
              unitKind: t.unitKind,
              unitId: t.unitId,
              unitName: t.unitName,
              unitStreetId: t.unitStreetId,
              assigneeUserId: t.assigneeUserId,
              status: 'pending',
              round: round + 1,
              dueAt: clockH.dueAt,
              warnAt: clockH.warnAt,
            })),
          ),
      ];
      to = 'dispatched';
      Object.assign(set, {
        reworkCount: row.reworkCount + 1,
        handledAt: null,
        ...stageFields(clockH, row.stageSeq + 1),
      });
      data.round = round + 1;
      break;
    }
    case 'suspend': {
      const today = shanghaiDate(now);
      if (!body.reviewDate || body.reviewDate <= today) throw reviewDateNotFuture();
      const mode = (row.stageMode ?? 'day') as ClockMode;
      to = 'suspended';
      Object.assign(set, {
        suspendedFrom: state,
        suspendedAt: now,
        suspendReason: body.reason,
        suspendReviewOn: body.reviewDate,
        stageRemainingMs: remainingMs(cal, mode, now, row.stageDueAt),
        stageWarnRemainingMs: remainingMs(cal, mode, now, row.stageWarnAt),
        stageDueAt: null,
        stageWarnAt: null,
        // the supervision order's deadline pauses with the stage clock (SPEC 5.4)
        supervisionRemainingMs: row.supervisionDueAt
          ? remainingMs(cal, 'day', now, row.supervisionDueAt)
          : null,
        supervisionDueAt: null,
        suspendedByUserId: actor.userId || null,
        suspendRemindedAt: null,
      });
      data.reviewDate = body.reviewDate;
      data.remainingMs = set.stageRemainingMs;
      break;
    }
    case 'resume': {
      const mode = (row.stageMode ?? 'day') as ClockMode;
      const suspendedAt = row.suspendedAt ?? now;
      to = nextState('resume', state, { previous: row.suspendedFrom as CaseState })!;
      Object.assign(set, {
        suspendedFrom: null,
        suspendedAt: null,
        suspendReason: null,
        suspendReviewOn: null,
        stageDueAt: resumeAt(cal, mode, now, row.stageRemainingMs ?? 0),
        stageWarnAt: resumeAt(cal, mode, now, row.stageWarnRemainingMs ?? 0),
        stageRemainingMs: null,
        stageWarnRemainingMs: null,
        suspendedByUserId: null,
        suspendRemindedAt: null,
      });
      if (row.supervisionRemainingMs !== null)
        Object.assign(set, {
          supervisionDueAt: resumeAt(cal, 'day', now, row.supervisionRemainingMs),
          supervisionRemainingMs: null,
        });
      const open = tasks.filter(
        (t) => t.round === round && (t.status === 'pending' || t.status === 'accepted'),
      );
      taskOps = open.map(
        (t) => (tx: Executor) =>
          repo.updateTask(tx, t.id, {
            dueAt: t.dueAt ? resumeAt(cal, mode, now, cal.elapsed(mode, suspendedAt, t.dueAt)) : null,
            warnAt: t.warnAt ? resumeAt(cal, mode, now, cal.elapsed(mode, suspendedAt, t.warnAt)) : null,
          }),
      );
      // open supervision orders get back the working time they had left when the case was suspended
      const orders = await repo.supervisionOrdersOfCase(ctx.db, row.id);
      for (const o of orders) {
        const left = o.respondedAt ? 0 : cal.elapsed('day', suspendedAt, o.dueAt);
        if (left > 0)
          taskOps.push((tx) => repo.moveSupervisionOrderDue(tx, o.id, resumeAt(cal, 'day', now, left)));
      }
      data.pausedMs = +now - +suspendedAt;
      break;
    }
    case 'follow_up': {
      const relapse = body.relapse === true;
      to = nextState('follow_up', state, { complete: relapse })!;
      set.followUpDoneAt = now;
      if (relapse)
        Object.assign(set, {
          enforcementStage: 'report',
          closedAt: null,
          ...stageFields(startStage(cal, 'dispatch', limits(), now), row.stageSeq + 1),
        });
      data.relapse = relapse;
      break;
    }
    case 'advance_enforcement': {
      const stage = body.stage as EnforcementStage;
      const idx = enforcementIndex(stage);
      if (
        idx <= enforcementIndex(row.enforcementStage as EnforcementStage) ||
        idx > enforcementIndex('handle')
      )
        throw stageNotAfter();
      set.enforcementStage = stage;
      data.stage = stage;
      break;
    }
    case 'supervise': {
      const dueAt = cal.addWorkingDays(now, body.dueWorkingDays ?? SUPERVISION_WORKING_DAYS);
      afterUpdate = async (tx) => {
        await repo.insertSupervisionOrder(tx, {
          caseId: row.id,
          streetId: row.streetId,
          stageSeq: row.stageSeq,
          stage: row.stage,
          level: 'district',
          source: 'manual',
          reason: body.reason!,
          issuedByUserId: actor.userId,
          issuedBy: actor.displayName,
          dueAt,
          createdAt: now,
        });
      };
      data.dueAt = dueAt.toISOString();
      break;
    }
    case 'rate':
      Object.assign(set, { satisfaction: body.score, satisfactionComment: body.note ?? null, ratedAt: now });
      data.score = body.score;
      break;
    case 'callback':
      afterUpdate = async (tx) => {
        await repo.insertCallback(tx, {
          caseId: row.id,
          streetId: row.streetId,
          at: now,
          by: actor.displayName,
          outcome: body.outcome!,
          note: body.note ?? null,
        });
      };
      data.outcome = body.outcome;
      break;
    case 'comment':
      break;
  }
  set.state = to;

  const updated = await ctx.db.transaction(async (tx) => {
    const after = await repo.updateCase(tx, row.id, row.version, set);
    if (!after) throw versionConflict((await repo.caseById(tx, row.id))?.version ?? row.version);
    for (const op of taskOps) await op(tx);
    const eventId = await repo.insertEvent(tx, {
      caseId: row.id,
      streetId: row.streetId,
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action,
      fromState: state,
      toState: to,
      taskId: rel.myOpenTasks[0]?.id ?? null,
      note: body.note ?? body.reason ?? null,
      data: Object.keys(data).length ? data : null,
    });
    await repo.linkAttachments(tx, row.id, row.streetId, eventId, attachments);
    if (afterUpdate) await afterUpdate(tx, after, eventId);
    await recordAudit(tx, actor.audit, {
      action: `case.${action}`,
      entityType: 'case',
      entityId: row.id,
      streetId: row.streetId,
      before: caseAudit(row),
      after: caseAudit(after),
    });
    return after;
  });
  return { row: updated };
}

/** Dispatches several cases along their routing; each succeeds or fails on its own. */
export async function bulkDispatch(ctx: AppContext, actor: Actor, items: { id: number; version: number }[]) {
  const results = [];
  for (const item of items) {
    try {
      const { row } = await actOnCase(ctx, actor, item.id, 'dispatch', { version: item.version });
      results.push({ id: item.id, status: 200, code: null, version: row.version });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ id: item.id, status: err.status, code: err.code, version: null });
    }
  }
  return { results };
}

// ---------------------------------------------------------------------------------------------
// enforcement records

async function enforcementCase(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisibleCase(ctx.db, actor, id);
  if (!row) throw caseNotFound();
  const tasks = await repo.tasksOf(ctx.db, id);
  const rel = relationOf(actor, row, tasks);
  if (!(rel.enforcer || rel.dispatcher)) throw forbidden();
  if (!row.isEnforcement) throw notEnforcement();
  return row;
}

export async function recordPenalty(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof penaltyInput>,
) {
  assertCan(actor, 'cases.enforce');
  const row = await enforcementCase(ctx, actor, id);
  if (['reported', 'rejected', 'merged'].includes(row.state)) throw invalidTransition('penalty', row.state);
  const created = await ctx.db.transaction(async (tx) => {
    const p = await repo.insertPenalty(tx, {
      caseId: id,
      streetId: row.streetId,
      ...input,
      createdBy: actor.displayName,
    });
    if (!p) throw decisionNumberTaken();
    await repo.insertEvent(tx, {
      caseId: id,
      streetId: row.streetId,
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action: 'penalty',
      fromState: row.state,
      toState: row.state,
      data: {
        penaltyId: p.id,
        partyType: p.partyType,
        decisionNumber: p.decisionNumber,
        amountFen: p.amountFen,
      },
    });
    await recordAudit(tx, actor.audit, {
      action: 'case.penalty_recorded',
      entityType: 'case',
      entityId: id,
      streetId: row.streetId,
      after: { ...p },
    });
    return p;
  });
  return presentPenalty(created);
}

/** Records a group-renting inspection and says which SPEC 5.8 rules the dwelling breaks. */
export async function recordGroupRentingInspection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  form: GroupRentingForm,
) {
  assertCan(actor, 'cases.enforce');
  const row = await enforcementCase(ctx, actor, id);
  if (row.categoryCode !== 'chronic_violation.group_renting') throw notGroupRenting();
  const violations = groupRentingViolations(form.rooms);
  const created = await ctx.db.transaction(async (tx) => {
    const i = await repo.insertInspection(tx, {
      caseId: id,
      streetId: row.streetId,
      unitId: form.unitId ?? null,
      inspectedOn: form.inspectedOn,
      address: form.address,
      rooms: form.rooms,
      violations,
      inspector: actor.displayName,
    });
    await repo.insertEvent(tx, {
      caseId: id,
      streetId: row.streetId,
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action: 'inspection',
      fromState: row.state,
      toState: row.state,
      note: form.note ?? null,
      data: { inspectionId: i.id, violations: violations.map((v) => v.rule) },
    });
    await recordAudit(tx, actor.audit, {
      action: 'case.inspection_recorded',
      entityType: 'case',
      entityId: id,
      streetId: row.streetId,
      after: { ...i },
    });
    return i;
  });
  return presentInspection(created);
}

// ---------------------------------------------------------------------------------------------
// supervision and accountability

export async function listSupervisionOrders(
  ctx: AppContext,
  actor: Actor,
  q: { open?: boolean; level?: string; limit: number; cursor?: string },
) {
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.listSupervisionOrders(ctx.db, actor, q, after?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.id]);
  const now = new Date();
  const items = await Promise.all(
    result.items.map(async (o) => {
      const c = await repo.caseById(ctx.db, o.caseId);
      const tasks = c ? await repo.tasksOf(ctx.db, o.caseId) : [];
      const can =
        !!c &&
        (relationOf(actor, c, tasks).dispatcher ||
          tasks.some((t) => t.role === 'lead' && t.round === currentRound(tasks) && isMyTask(actor, t)));
      return presentSupervisionOrder(o, can, now);
    }),
  );
  return { items, nextCursor: result.nextCursor };
}

/** The written response a supervision order requires: by the lead unit or the street. */
export async function respondSupervision(ctx: AppContext, actor: Actor, orderId: number, response: string) {
  const order = await repo.findSupervisionOrder(ctx.db, orderId);
  if (!order) throw supervisionNotFound();
  const row = await repo.findVisibleCase(ctx.db, actor, order.caseId);
  if (!row) throw supervisionNotFound();
  const tasks = await repo.tasksOf(ctx.db, row.id);
  const may =
    relationOf(actor, row, tasks).dispatcher ||
    tasks.some((t) => t.role === 'lead' && t.round === currentRound(tasks) && isMyTask(actor, t));
  if (!may) throw forbidden();
  if (order.respondedAt) throw supervisionAlreadyAnswered();
  const updated = await ctx.db.transaction(async (tx) => {
    const after = await repo.respondSupervisionOrder(tx, orderId, response, actor.displayName);
    if (!after) throw supervisionAlreadyAnswered();
    await repo.insertEvent(tx, {
      caseId: row.id,
      streetId: row.streetId,
      actorUserId: actor.userId,
      actorLabel: actor.displayName,
      action: 'supervision_responded',
      fromState: row.state,
      toState: row.state,
      note: response,
      data: { orderId, dueAt: order.dueAt.toISOString(), orderCreatedAt: order.createdAt.toISOString() },
    });
    await recordAudit(tx, actor.audit, {
      action: 'supervision.responded',
      entityType: 'supervision_order',
      entityId: orderId,
      streetId: row.streetId,
      before: { ...order },
      after: { ...after },
    });
    return after;
  });
  return presentSupervisionOrder({ ...updated, caseNumber: row.number, caseTitle: row.title }, false);
}

export async function listAccountability(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; cursor?: string },
) {
  if (!actor.can('cases.read')) throw forbidden();
  const after = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.listAccountability(ctx.db, actor, q.limit, after?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: result.items.map((r) => ({
      id: r.id,
      kind: r.kind as AccountabilityKind,
      caseId: r.caseId,
      caseNumber: r.caseNumber,
      streetId: r.streetId,
      stage: r.stage as Stage | null,
      unit: r.unitKind && r.unitName ? { kind: r.unitKind, id: r.unitId, name: r.unitName } : null,
      reason: r.reason,
      period: r.period,
      evidence: (r.evidence as { caseId: number; number: string }[] | null) ?? [],
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

const SYSTEM = { userId: null, label: 'sla-sweep' };

/**
 * The SLA sweep (pg-boss job): escalates every overdue stage one level, street by street, in
 * batches of set-based SQL. Safe with several instances: a street another instance is sweeping
 * is skipped (advisory lock), and the unique keys escalate each case once even without it.
 */
export async function superviseOverdueCases(ctx: AppContext, opts: { now?: Date; batch?: number } = {}) {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 5000;
  const cal = await calendarOf(ctx);
  const orderDueAt = cal.addWorkingDays(now, SUPERVISION_WORKING_DAYS);
  let escalated = 0;
  let accountability = 0;
  for (const streetId of await repo.streetIds(ctx.db)) {
    for (;;) {
      const res = await ctx.db.transaction(async (tx) => {
        const lock = await tx.execute<{ ok: boolean }>(
          sql`select pg_try_advisory_xact_lock(hashtext('anju.sla-sweep'), ${streetId}) as ok`,
        );
        if (!lock.rows[0]?.ok) return null;
        const r = await repo.escalateOverdue(tx, streetId, now, orderDueAt, batch);
        if (r.escalated.length) {
          await recordAudit(tx, SYSTEM, {
            action: 'case.escalated',
            entityType: 'street',
            entityId: streetId,
            streetId,
            after: { cases: r.escalated },
          });
        }
        return r;
      });
      if (!res) break;
      escalated += res.escalated.filter((e) => e.level < 3).length;
      accountability += res.escalated.filter((e) => e.level === 3).length;
      if (res.selected < batch || res.escalated.length === 0) break;
    }
    accountability += await holdUnitsToAccount(ctx, streetId, now);
  }
  return { escalated, accountability };
}

/** The Asia/Shanghai calendar month of an instant: 'YYYY-MM' and its bounds. */
export function shanghaiMonth(at: Date) {
  const key = shanghaiDate(at).slice(0, 7);
  const [y, m] = key.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { key, from: startOfShanghaiDay(`${key}-01`), to: startOfShanghaiDay(`${next}-01`) };
}

/** 问责 for units that keep missing deadlines in a street this month (SPEC 5.4); returns records new or extended. */
async function holdUnitsToAccount(ctx: AppContext, streetId: number, now: Date) {
  const period = shanghaiMonth(now);
  return ctx.db.transaction(async (tx) => {
    const records = await repo.holdUnitsToAccount(
      tx,
      streetId,
      period,
      ctx.config.ACCOUNTABILITY_OVERDUE_CASES,
      now,
    );
    if (records.length)
      await recordAudit(tx, SYSTEM, {
        action: 'case.units_held_to_account',
        entityType: 'street',
        entityId: streetId,
        streetId,
        after: { period: period.key, records },
      });
    return records.length;
  });
}

/**
 * The daily reminder of suspensions (挂账) that reach their review date: the person who suspended
 * each case is told once (the claim sets `suspend_reminded_at`, so a second run or instance finds
 * nothing); suspending again resets it.
 */
export async function remindSuspensionReviews(ctx: AppContext, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const today = shanghaiDate(now);
  return ctx.db.transaction(async (tx) => {
    const due = await repo.claimSuspensionReviews(tx, today, now);
    await notifyUsers(
      tx,
      due.map((c) => ({
        userId: c.suspendedByUserId,
        streetId: c.streetId,
        kind: 'suspension_review_due',
        caseId: c.id,
        params: { title: c.title, number: c.number },
        createdAt: now,
      })),
    );
    for (const streetId of new Set(due.map((c) => c.streetId)))
      await recordAudit(
        tx,
        { userId: null, label: 'suspension-review' },
        {
          action: 'case.suspension_review_reminded',
          entityType: 'street',
          entityId: streetId,
          streetId,
          after: { cases: due.filter((c) => c.streetId === streetId).map((c) => c.id), reviewOn: today },
        },
      );
    return { reminded: due.length };
  });
}
