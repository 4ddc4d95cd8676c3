import type {
  CaseDetail,
  CaseState,
  CaseSummary,
  EnforcementStage,
  GroupRentingRule,
  InspectionRoom,
} from '../../../contracts/cases';
import type { DiscoveryChannel, ResolvedUnit, Stage, Urgency } from '../../../contracts/duties';
import { slaState } from '../../platform/calendar/calendar';
import type { CategoryIndex } from '../duties/duties.usecases';
import type * as repo from './cases.repository';
import { maskName } from './cases.workflow';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function categoryOf(cats: CategoryIndex, code: string) {
  const c = cats.byCode.get(code);
  const group = c?.parentCode ? cats.byCode.get(c.parentCode) : undefined;
  return { code, name: c?.name ?? code, nameEn: c?.nameEn ?? code, groupName: group?.name ?? '' };
}

export function presentCaseSummary(
  row: repo.CaseListRow,
  cats: CategoryIndex,
  now = new Date(),
): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    state: row.state as CaseState,
    category: categoryOf(cats, row.categoryCode),
    urgency: row.urgency as Urgency,
    channel: row.channel as DiscoveryChannel,
    street: { id: row.streetId, name: row.streetName },
    community: { id: row.communityId, name: row.communityName },
    committeeId: row.committeeId,
    address: row.address,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    assetId: row.assetId ?? null,
    lead: row.leadKind && row.leadName ? { kind: row.leadKind, id: row.leadId, name: row.leadName } : null,
    stage: row.stage as Stage | null,
    stageDueAt: iso(row.stageDueAt),
    sla: slaState(now, row.stageWarnAt, row.stageDueAt),
    escalationLevel: row.escalationLevel,
    reworkCount: row.reworkCount,
    wrongDispatchCount: row.wrongDispatchCount,
    isEnforcement: row.isEnforcement,
    enforcementStage: row.enforcementStage as EnforcementStage | null,
    createdAt: row.createdAt.toISOString(),
    closedAt: iso(row.closedAt),
    version: row.version,
  };
}

export function presentTask(t: repo.TaskRow, mine: boolean, now = new Date()): CaseDetail['tasks'][number] {
  const open = t.status === 'pending' || t.status === 'accepted';
  return {
    id: t.id,
    role: t.role as 'lead' | 'co',
    unit: { kind: t.unitKind, id: t.unitId, name: t.unitName },
    assigneeUserId: t.assigneeUserId,
    status: t.status as CaseDetail['tasks'][number]['status'],
    round: t.round,
    dueAt: iso(t.dueAt),
    sla: open ? slaState(now, t.warnAt, t.dueAt) : null,
    acceptedAt: iso(t.acceptedAt),
    doneAt: iso(t.doneAt),
    note: t.note,
    mine,
  };
}

type Attachment = Awaited<ReturnType<typeof repo.attachmentsOf>>[number];

export function presentAttachment(a: Attachment) {
  return {
    fileId: a.fileId,
    kind: a.kind as 'before' | 'after' | 'other',
    name: a.name,
    mime: a.mime,
    size: a.size,
    hasThumbnail: a.hasThumbnail,
  };
}

/** Whether an event of the timeline was written by the reporter of its case (its label is their name). */
export function byReporter(e: Awaited<ReturnType<typeof repo.eventsOf>>[number]): boolean {
  if (e.reporterUserId !== null) return e.actorUserId === e.reporterUserId;
  return e.reporterName !== null && e.actorLabel === e.reporterName;
}

/**
 * One timeline entry. `viewerId`: the caller; anyone but the reporter sees the reporter's name masked
 * here as on the case page (the full contact only through the audited reveal).
 */
export function presentEvent(
  e: Awaited<ReturnType<typeof repo.eventsOf>>[number],
  attachments: Attachment[],
  viewerId: number,
): CaseDetail['timeline'][number] {
  const masked = byReporter(e) && e.reporterUserId !== viewerId;
  return {
    id: e.id,
    caseId: e.caseId,
    caseNumber: e.caseNumber,
    at: e.at.toISOString(),
    action: e.action,
    fromState: e.fromState as CaseState | null,
    toState: e.toState as CaseState | null,
    actor: masked ? maskName(e.actorLabel) : e.actorLabel,
    note: e.note,
    data: (e.data as Record<string, unknown> | null) ?? null,
    attachments: attachments.filter((a) => a.eventId === e.id).map(presentAttachment),
  };
}

export function presentSupervisionOrder(
  o: Awaited<ReturnType<typeof repo.supervisionOrdersOfCase>>[number],
  canRespond: boolean,
  now = new Date(),
): CaseDetail['supervisionOrders'][number] {
  return {
    id: o.id,
    caseId: o.caseId,
    caseNumber: o.caseNumber,
    caseTitle: o.caseTitle,
    streetId: o.streetId,
    level: o.level as 'street' | 'district',
    source: o.source as 'auto' | 'manual',
    stage: o.stage as Stage | null,
    reason: o.reason,
    issuedBy: o.issuedBy,
    createdAt: o.createdAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    sla: o.respondedAt ? null : slaState(now, null, o.dueAt),
    respondedAt: iso(o.respondedAt),
    response: o.response,
    respondedBy: o.respondedBy,
    canRespond: canRespond && o.respondedAt === null,
  };
}

export function presentPenalty(p: Awaited<ReturnType<typeof repo.penaltiesOf>>[number]) {
  return {
    id: p.id,
    partyType: p.partyType as CaseDetail['penalties'][number]['partyType'],
    partyName: p.partyName,
    decisionNumber: p.decisionNumber,
    amountFen: p.amountFen,
    decidedOn: p.decidedOn,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentInspection(i: Awaited<ReturnType<typeof repo.inspectionsOf>>[number]) {
  const violations = i.violations as {
    rule: GroupRentingRule;
    room: string;
    detail: Record<string, string | number>;
  }[];
  return {
    id: i.id,
    inspectedOn: i.inspectedOn,
    address: i.address,
    rooms: i.rooms as InspectionRoom[],
    violations,
    compliant: violations.length === 0,
    inspector: i.inspector,
    createdAt: i.createdAt.toISOString(),
  };
}

export function presentCallback(c: Awaited<ReturnType<typeof repo.callbacksOf>>[number]) {
  return {
    id: c.id,
    at: c.at.toISOString(),
    by: c.by,
    outcome: c.outcome as CaseDetail['callbacks'][number]['outcome'],
    note: c.note,
  };
}

export function routingOf(row: repo.CaseRow): { lead: ResolvedUnit; coUnits: ResolvedUnit[] } {
  return row.routing as { lead: ResolvedUnit; coUnits: ResolvedUnit[] };
}
