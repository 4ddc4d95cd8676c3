import type {
  AddEvidenceBody,
  AddFiveInOneMeetingBody,
  AddLiaisonBody,
  AddMeetingBody,
  AddMemberBody,
  AddTrainingBody,
  CreateOwnersCommitteeBody,
  DisclosureCategory,
  DisclosureListQuery,
  OwnersCommitteeListQuery,
  OwnerUnitListQuery,
  PatchMemberBody,
  PatchOwnersCommitteeBody,
  PublishDisclosureBody,
  SetUnitOwnersBody,
} from '../../../contracts/owners';
import {
  committeeSystems,
  MAX_TERM_YEARS,
  reelectionReminderDays,
  trainingGroups,
} from '../../../contracts/owners';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addDays, addYears, daysBetween, shanghaiDate } from '../../platform/dates';
import { fieldError, versionConflict } from '../../platform/errors';
import { attachableFile, publishFiles } from '../../platform/files/files';
import { decodeCursor, encodeCursor, page } from '../../platform/pagination';
import { notifyUsers } from '../notifications/notifications.usecases';
import { staffAt } from '../users/users.usecases';
import { formatArea, ownerKeyOf } from '../votes/votes.tally';
import { complianceOf, compliancePercent } from './owners.compliance';
import * as err from './owners.errors';
import { committeeAbilities, ownerUnitAbilities, reaches } from './owners.policy';
import {
  maskIdNumber,
  maskPhone,
  presentCommittee,
  presentDisclosure,
  presentOwnerUnit,
  presentSystems,
  type Shown,
} from './owners.presenter';
import * as repo from './owners.repository';
import type { DisclosureRow, MemberRow, OwnersCommitteeRow, UnitOwnerRow, unitOwners } from './owners.table';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'unit.owners_changed': { before: UnitOwnerRow[]; after: UnitOwnerRow[] };
    'owners.imported': {
      after: {
        communityId: number;
        rows: number;
        units: number;
        owners: number;
        personsCreated: number;
        fileSm3: string;
      };
    };
    'owner.pii_viewed': { after: { personId: number; fields: string[] } };
    'owners_committee.registered': { before: { endedCommitteeIds: number[] }; after: OwnersCommitteeRow };
    'owners_committee.updated': { before: OwnersCommitteeRow; after: OwnersCommitteeRow };
    'owners_committee.member_added': { after: MemberRow };
    'owners_committee.member_updated': { before: MemberRow; after: MemberRow };
    'owners_committee.evidence_added': { after: Record<string, unknown> };
    'owners_committee.evidence_reviewed': {
      before: { reviewStatus: string };
      after: Record<string, unknown>;
    };
    'owners_committee.reelection_reminded': {
      after: { committeeId: number; kind: string; termEnd: string; told: number[] };
    };
    'owners_committee.meeting_added': { after: Record<string, unknown> };
    'disclosure.published': { after: DisclosureRow };
    'five_in_one.meeting_added': { after: Record<string, unknown> };
    'five_in_one.follow_up_added': { after: Record<string, unknown> };
    'liaison.event_added': { after: Record<string, unknown> };
    'training.recorded': { after: Record<string, unknown> };
  }
}

const idCursor = (cursor: string | undefined) => decodeCursor<[number]>(cursor, ['number'])?.[0] ?? null;

/** What the caller sees of an encrypted phone or ID number: always masked in lists. */
export function maskedShown(ctx: AppContext): Shown {
  return (sealed, kind) => {
    if (!sealed) return null;
    const plain = ctx.cipher.decrypt(sealed);
    return kind === 'phone' ? maskPhone(plain) : maskIdNumber(plain);
  };
}

// ---------------------------------------------------------------------------------------------
// Units and owners

export async function listOwnerUnits(ctx: AppContext, actor: Actor, q: OwnerUnitListQuery) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'owners.read', q.communityId);
  if (!community) throw err.communityNotFound();
  const after = idCursor(q.cursor);
  const [rows, total] = await Promise.all([
    repo.listOwnerUnits(ctx.db, actor, q, after),
    after === null ? repo.countOwnerUnits(ctx.db, actor, q) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.unitId]);
  const owners = await repo.currentOwnersOf(
    ctx.db,
    result.items.map((u) => u.unitId),
  );
  const show = maskedShown(ctx);
  return {
    items: result.items.map((u) =>
      presentOwnerUnit(
        u,
        owners.filter((o) => o.unitId === u.unitId),
        show,
      ),
    ),
    nextCursor: result.nextCursor,
    total,
  };
}

export async function* iterateOwnerUnits(
  ctx: AppContext,
  actor: Actor,
  q: Omit<OwnerUnitListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const pageOf = await listOwnerUnits(ctx, actor, { ...q, limit: 200, cursor });
    yield* pageOf.items;
    if (!pageOf.nextCursor) return;
    cursor = pageOf.nextCursor;
  }
}

export async function getOwnerUnit(ctx: AppContext, actor: Actor, unitId: number) {
  const unit = await repo.findUnit(ctx.db, actor, 'owners.read', unitId);
  if (!unit) throw err.unitNotFound();
  const owners = await repo.currentOwnersOf(ctx.db, [unitId]);
  return {
    ...presentOwnerUnit(unit, owners, maskedShown(ctx)),
    abilities: ownerUnitAbilities(actor, unit),
  };
}

interface OwnerIdentity {
  name: string;
  idNumber: string;
  phone?: string | undefined;
}

/** Finds owners by ID number (keyed hash) or creates them, encrypting ID and phone with SM4. */
export async function resolvePersons(ctx: AppContext, tx: Executor, people: readonly OwnerIdentity[]) {
  const byId = new Map<string, OwnerIdentity>();
  for (const p of people) if (!byId.has(p.idNumber)) byId.set(p.idNumber, p);
  const indexOf = new Map([...byId.keys()].map((id) => [id, ctx.cipher.index(id)]));
  const existing = await repo.personsByIdIndex(tx, [...indexOf.values()]);
  const found = new Map(existing.map((p) => [p.idNumberIndex!, p]));
  const result = new Map<string, number>();
  const missing: OwnerIdentity[] = [];
  for (const [idNumber, p] of byId) {
    const hit = found.get(indexOf.get(idNumber)!);
    if (hit) {
      result.set(idNumber, hit.id);
      const phoneIndex = p.phone ? ctx.cipher.index(p.phone) : undefined;
      if (phoneIndex && phoneIndex !== hit.phoneIndex) {
        await repo.updatePersonContact(tx, hit.id, { phoneEnc: ctx.cipher.encrypt(p.phone!), phoneIndex });
      }
    } else missing.push(p);
  }
  const created = await repo.insertPersons(
    tx,
    missing.map((p) => ({
      name: p.name,
      idNumberEnc: ctx.cipher.encrypt(p.idNumber),
      idNumberIndex: indexOf.get(p.idNumber)!,
      phoneEnc: p.phone ? ctx.cipher.encrypt(p.phone) : null,
      phoneIndex: p.phone ? ctx.cipher.index(p.phone) : null,
    })),
  );
  const createdByIndex = new Map(created.map((c) => [c.idNumberIndex!, c.id]));
  for (const p of missing) result.set(p.idNumber, createdByIndex.get(indexOf.get(p.idNumber)!)!);
  return { ids: result, created: created.length };
}

/** New holders for one unit, validated; shared by the unit form and the import. */
export interface UnitHolding {
  unitId: number;
  developer: 'unsold' | 'undelivered' | null;
  owners: OwnerIdentity[];
  since: string;
}

/** Ends the current holders of the units and records the new ones. Returns the rows before and after. */
export async function replaceHoldings(
  ctx: AppContext,
  tx: Executor,
  community: { id: number; streetId: number; developerOrgId: number | null },
  holdings: readonly UnitHolding[],
) {
  const unitIds = holdings.map((h) => h.unitId);
  const before = await repo.currentOwnerRows(tx, unitIds);
  const persons = await resolvePersons(
    ctx,
    tx,
    holdings.flatMap((h) => h.owners),
  );
  // a transfer ends the old holding the day the new one starts
  const bySince = new Map<string, number[]>();
  for (const h of holdings) bySince.set(h.since, [...(bySince.get(h.since) ?? []), h.unitId]);
  for (const [since, ids] of bySince) await repo.endCurrentOwners(tx, ids, since);
  const rows = holdings.flatMap((h): (typeof unitOwners.$inferInsert)[] =>
    h.developer === 'unsold'
      ? [
          {
            streetId: community.streetId,
            communityId: community.id,
            unitId: h.unitId,
            kind: 'developer',
            organizationId: community.developerOrgId!,
            since: h.since,
          },
        ]
      : h.owners.map((o) => ({
          streetId: community.streetId,
          communityId: community.id,
          unitId: h.unitId,
          kind: 'person',
          personId: persons.ids.get(o.idNumber)!,
          delivered: h.developer !== 'undelivered',
          since: h.since,
        })),
  );
  const after = await repo.insertOwners(tx, rows);
  return { before, after, personsCreated: persons.created };
}

export async function setUnitOwners(ctx: AppContext, actor: Actor, unitId: number, body: SetUnitOwnersBody) {
  const unit = await repo.findUnit(ctx.db, actor, 'owners.manage', unitId);
  if (!unit) throw err.unitNotFound();
  const community = (await repo.scopedCommunity(ctx.db, actor, 'owners.manage', unit.communityId))!;
  if (body.developer === 'unsold') {
    if (body.owners.length) throw err.unsoldWithOwners();
    if (community.developerOrgId === null) throw err.developerWithoutCommunityDeveloper();
  } else if (body.owners.length === 0) throw err.ownersRequired();
  const seen = new Set<string>();
  body.owners.forEach((o, i) => {
    if (seen.has(o.idNumber)) throw err.duplicateOwner(i);
    seen.add(o.idNumber);
  });
  await ctx.db.transaction(async (tx) => {
    const { before, after } = await replaceHoldings(ctx, tx, community, [
      { unitId, developer: body.developer, owners: body.owners, since: body.since },
    ]);
    await recordAudit(tx, actor.audit, {
      action: 'unit.owners_changed',
      entityType: 'unit',
      entityId: unitId,
      streetId: unit.streetId,
      before,
      after,
    });
  });
  return getOwnerUnit(ctx, actor, unitId);
}

export async function ownerPerson(ctx: AppContext, actor: Actor, personId: number) {
  const units = await repo.unitsOfPerson(ctx.db, actor, 'owners.read', personId);
  if (units.length === 0) throw err.personNotFound();
  const person = (await repo.personRow(ctx.db, personId))!;
  const show = maskedShown(ctx);
  return {
    personId,
    name: person.name,
    phone: show(person.phoneEnc, 'phone'),
    idNumber: show(person.idNumberEnc, 'idNumber'),
    units: units.map((u) => ({
      unitId: u.unitId,
      community: { id: u.communityId, name: u.communityName },
      building: { id: u.buildingId, name: u.buildingName },
      number: u.number,
      exclusiveArea: u.exclusiveArea,
      coOwners: u.coOwners,
      since: u.since,
    })),
    abilities: { reveal: units.some((u) => reaches(actor, 'owners.reveal', u)) },
  };
}

/** Unmasked phone and ID number, for roles that need them; every view is written to the audit log. */
export async function revealOwner(ctx: AppContext, actor: Actor, personId: number) {
  const units = await repo.unitsOfPerson(ctx.db, actor, 'owners.reveal', personId);
  if (units.length === 0) throw err.personNotFound();
  const person = (await repo.personRow(ctx.db, personId))!;
  await ctx.db.transaction((tx) =>
    recordAudit(tx, actor.audit, {
      action: 'owner.pii_viewed',
      entityType: 'person',
      entityId: personId,
      streetId: units[0]!.streetId,
      after: { personId, fields: ['phone', 'idNumber'] },
    }),
  );
  return {
    personId,
    name: person.name,
    phone: person.phoneEnc ? ctx.cipher.decrypt(person.phoneEnc) : null,
    idNumber: person.idNumberEnc ? ctx.cipher.decrypt(person.idNumberEnc) : null,
  };
}

/** Units, area and the owner count of SPEC 5.5 for a community. */
export async function ownerSummary(ctx: AppContext, actor: Actor, communityId: number) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'owners.read', communityId);
  if (!community) throw err.communityNotFound();
  const { units, holders } = await repo.communityUnitsForRoll(ctx.db, communityId);
  const byUnit = new Map<number, typeof holders>();
  for (const h of holders) byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h]);
  const keys = new Map<string, number>();
  let area = 0n;
  let developerArea = 0n;
  let developerUnits = 0;
  let coOwned = 0;
  let unrecorded = 0;
  for (const u of units) {
    const hs = byUnit.get(u.unitId) ?? [];
    const key = ownerKeyOf({
      unitId: u.unitId,
      developerHeld: hs.some((h) => h.kind === 'developer'),
      owners: hs
        .filter((h) => h.kind === 'person')
        .map((h) => ({ personId: h.personId!, delivered: h.delivered })),
    });
    keys.set(key, (keys.get(key) ?? 0) + 1);
    const a = BigInt(u.exclusiveArea.replace('.', ''));
    area += a;
    if (key === 'developer') {
      developerUnits++;
      developerArea += a;
    }
    if (hs.filter((h) => h.kind === 'person').length > 1) coOwned++;
    if (hs.length === 0) unrecorded++;
  }
  return {
    communityId,
    units: units.length,
    exclusiveArea: formatArea(area),
    ownerCount: keys.size,
    developerUnits,
    developerArea: formatArea(developerArea),
    multiUnitBuyers: [...keys].filter(([k, n]) => k.startsWith('persons:') && n > 1).length,
    coOwnedUnits: coOwned,
    unrecordedUnits: unrecorded,
  };
}

// ---------------------------------------------------------------------------------------------
// Owners' committees

function checkTerm(termStart: string, termEnd: string) {
  if (termEnd <= termStart) throw err.termEndsBeforeStart();
  if (termEnd >= addYears(termStart, MAX_TERM_YEARS)) throw err.termTooLong();
}

export async function listCommittees(ctx: AppContext, actor: Actor, q: OwnersCommitteeListQuery) {
  const today = shanghaiDate();
  const after = idCursor(q.cursor);
  const [rows, total] = await Promise.all([
    repo.listCommittees(ctx.db, actor, q, today, after),
    after === null ? repo.countCommittees(ctx.db, actor, q, today) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map((r) => presentCommittee(r, today)), nextCursor: result.nextCursor, total };
}

export async function* iterateCommittees(
  ctx: AppContext,
  actor: Actor,
  q: Omit<OwnersCommitteeListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listCommittees(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

export async function getCommittee(ctx: AppContext, actor: Actor, id: number) {
  const today = shanghaiDate();
  const row = await repo.findCommittee(ctx.db, actor, 'owners_committee.read', id, today);
  if (!row) throw err.committeeNotFound();
  const [members, evidence, reminders, community] = await Promise.all([
    repo.membersOf(ctx.db, id),
    repo.evidenceOf(ctx.db, id),
    repo.remindersOf(ctx.db, id),
    repo.scopedCommunity(ctx.db, actor, 'owners_committee.read', row.communityId),
  ]);
  const show = maskedShown(ctx);
  const placed = {
    streetId: row.streetId,
    communityId: row.communityId,
    committeeId: community?.committeeId ?? null,
  };
  return {
    ...presentCommittee(row, today),
    version: row.version,
    members: members.map((m) => ({
      id: m.id,
      personId: m.personId,
      name: m.name,
      phone: show(m.phoneEnc, 'phone'),
      unit: m.unitId !== null ? { id: m.unitId, label: m.unitLabel ?? '' } : null,
      office: m.office as 'director',
      termStart: m.termStart,
      termEnd: m.termEnd,
      crossAppointed: m.crossAppointed,
      crossAppointedRole: m.crossAppointedRole,
      leftOn: m.leftOn,
      version: m.version,
    })),
    systems: presentSystems(evidence, today),
    reminders: reminders.map((r) => ({
      kind: r.kind,
      termEnd: r.termEnd,
      createdAt: r.createdAt.toISOString(),
    })),
    abilities: committeeAbilities(actor, { ...placed, status: row.status }),
  };
}

export async function registerCommittee(ctx: AppContext, actor: Actor, body: CreateOwnersCommitteeBody) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'owners_committee.register', body.communityId);
  if (!community) throw err.communityNotFound();
  checkTerm(body.termStart, body.termEnd);
  const id = await ctx.db.transaction(async (tx) => {
    const ended = await repo.endActiveCommittees(tx, community.id);
    const row = await repo.insertCommittee(tx, {
      streetId: community.streetId,
      communityId: community.id,
      name: body.name,
      electedOn: body.electedOn,
      termStart: body.termStart,
      termEnd: body.termEnd,
      filedOn: body.filedOn ?? null,
    });
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.registered',
      entityType: 'owners_committee',
      entityId: row.id,
      streetId: row.streetId,
      before: { endedCommitteeIds: ended.map((e) => e.id) },
      after: row,
    });
    return row.id;
  });
  return getCommittee(ctx, actor, id);
}

async function committeeFor(
  ctx: AppContext,
  actor: Actor,
  id: number,
  permission: 'owners_committee.manage' | 'owners_committee.guide' | 'owners_committee.register',
) {
  const row = await repo.findCommittee(ctx.db, actor, permission, id, shanghaiDate());
  if (!row) throw err.committeeNotFound();
  return row;
}

export async function updateCommittee(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: PatchOwnersCommitteeBody,
) {
  const found = await committeeFor(ctx, actor, id, 'owners_committee.register');
  const { version, ...patch } = body;
  if (patch.termEnd) checkTerm(found.termStart, patch.termEnd);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.committeeRow(tx, id);
    const after = await repo.updateCommittee(tx, id, version, patch);
    if (!before || !after) throw versionConflict(before?.version ?? 0);
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.updated',
      entityType: 'owners_committee',
      entityId: id,
      streetId: after.streetId,
      before,
      after,
    });
  });
  return getCommittee(ctx, actor, id);
}

export async function addMember(ctx: AppContext, actor: Actor, id: number, body: AddMemberBody) {
  const c = await committeeFor(ctx, actor, id, 'owners_committee.manage');
  if (c.status !== 'active') throw err.committeeNotActive();
  const unitId = await repo.ownedUnitInCommunity(ctx.db, body.personId, c.communityId);
  if (unitId === null) throw err.notAnOwner();
  if (await repo.activeMember(ctx.db, id, body.personId)) throw err.alreadyMember();
  const termStart = body.termStart ?? c.termStart;
  const termEnd = body.termEnd ?? c.termEnd;
  if (termStart < c.termStart || termStart > c.termEnd)
    throw fieldError('body.termStart', 'outside_committee_term');
  if (termEnd > c.termEnd || termEnd <= termStart) throw fieldError('body.termEnd', 'outside_committee_term');
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertMember(tx, {
      streetId: c.streetId,
      communityId: c.communityId,
      committeeId: id,
      personId: body.personId,
      unitId,
      office: body.office,
      termStart,
      termEnd,
      crossAppointed: body.crossAppointed,
      crossAppointedRole: body.crossAppointed ? (body.crossAppointedRole ?? null) : null,
    });
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.member_added',
      entityType: 'owners_committee',
      entityId: id,
      streetId: c.streetId,
      after: row,
    });
  });
  return getCommittee(ctx, actor, id);
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  id: number,
  memberId: number,
  body: PatchMemberBody,
) {
  const c = await committeeFor(ctx, actor, id, 'owners_committee.manage');
  const { version, ...patch } = body;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.memberRow(tx, id, memberId);
    if (!before) throw err.memberNotFound();
    const after = await repo.updateMember(tx, memberId, version, patch);
    if (!after) throw versionConflict(before.version);
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.member_updated',
      entityType: 'owners_committee',
      entityId: id,
      streetId: c.streetId,
      before,
      after,
    });
  });
  return getCommittee(ctx, actor, id);
}

export async function addEvidence(ctx: AppContext, actor: Actor, id: number, body: AddEvidenceBody) {
  const c = await committeeFor(ctx, actor, id, 'owners_committee.manage');
  if (c.status !== 'active') throw err.committeeNotActive();
  if (body.evidenceOn > shanghaiDate()) throw fieldError('body.evidenceOn', 'future_date');
  if (body.fileId) await attachableFile(ctx.db, actor, body.fileId, c.communityId, 'body.fileId');
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertEvidence(tx, {
      streetId: c.streetId,
      communityId: c.communityId,
      committeeId: id,
      system: body.system,
      title: body.title,
      evidenceOn: body.evidenceOn,
      fileId: body.fileId ?? null,
      note: body.note ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.evidence_added',
      entityType: 'owners_committee',
      entityId: id,
      streetId: c.streetId,
      after: row,
    });
  });
  return getCommittee(ctx, actor, id);
}

export async function reviewEvidence(
  ctx: AppContext,
  actor: Actor,
  id: number,
  evidenceId: number,
  body: { status: 'accepted' | 'rejected'; note?: string | undefined },
) {
  const c = await committeeFor(ctx, actor, id, 'owners_committee.guide');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.evidenceRow(tx, id, evidenceId);
    if (!before) throw err.evidenceNotFound();
    if (before.reviewStatus !== 'pending') throw err.evidenceAlreadyReviewed();
    const after = await repo.reviewEvidence(tx, evidenceId, {
      reviewStatus: body.status,
      reviewNote: body.note ?? null,
      reviewedBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.evidence_reviewed',
      entityType: 'owners_committee',
      entityId: id,
      streetId: c.streetId,
      before: { reviewStatus: before.reviewStatus },
      after,
    });
  });
  return getCommittee(ctx, actor, id);
}

/** 运作规范率 across the active committees the caller sees, per street and per system. */
export async function complianceReport(ctx: AppContext, actor: Actor, streetId: number | undefined) {
  const today = shanghaiDate();
  const facts = await repo.complianceFacts(ctx.db, actor, streetId, today);
  const bySystem = committeeSystems.map((system) => ({
    system,
    compliant: facts.filter((f) => f.systems.includes(system)).length,
  }));
  const streets = new Map<
    number,
    { street: { id: number; name: string }; committees: number; compliant: number }
  >();
  for (const f of facts) {
    const s = streets.get(f.streetId) ?? {
      street: { id: f.streetId, name: f.streetName },
      committees: 0,
      compliant: 0,
    };
    s.committees++;
    s.compliant += f.systems.length;
    streets.set(f.streetId, s);
  }
  const compliant = facts.reduce((n, f) => n + f.systems.length, 0);
  const overall = complianceOf(compliant, facts.length);
  return {
    asOf: today,
    committees: facts.length,
    compliant,
    total: overall.total,
    percent: overall.percent,
    fullyCompliant: facts.filter((f) => f.systems.length === committeeSystems.length).length,
    bySystem,
    byStreet: [...streets.values()].map((s) => ({
      ...s,
      percent: compliancePercent(s.compliant, s.committees * committeeSystems.length),
    })),
  };
}

export async function listReminders(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number | undefined; limit: number; cursor?: string | undefined },
) {
  const after = idCursor(q.cursor);
  const rows = await repo.listReminders(
    ctx.db,
    actor,
    { limit: q.limit, ...(q.streetId ? { streetId: q.streetId } : {}) },
    after,
  );
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: result.items.map((r) => ({
      id: r.id,
      committee: { id: r.committeeId, name: r.committeeName },
      community: { id: r.communityId, name: r.communityName },
      kind: r.kind,
      termEnd: r.termEnd,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: result.nextCursor,
    total: -1,
  };
}

/**
 * Re-election reminders (换届提醒): for every active committee whose term ends within 180 days,
 * the most urgent of 180d / 90d / 30d / expired that applies, once per term. The owners' committee's
 * members with an account, the residents' committee (居委会) of the community and the street are told
 * in the app in the same transaction. Safe on many instances: the unique key (committee, term end,
 * kind) lets only one insert win, so each milestone is told once.
 */
export async function remindReelections(ctx: AppContext, today = shanghaiDate()) {
  const system = { userId: null, label: 'job:owners-reelection-reminders' };
  const due = await repo.committeesEndingBy(ctx.db, addDays(today, reelectionReminderDays[0]));
  let created = 0;
  for (const c of due) {
    const days = daysBetween(today, c.termEnd);
    const kind = days < 0 ? 'expired' : `${[...reelectionReminderDays].reverse().find((d) => days <= d)}d`;
    await ctx.db.transaction(async (tx) => {
      const row = await repo.insertReminderOnce(tx, {
        streetId: c.streetId,
        communityId: c.communityId,
        committeeId: c.id,
        termEnd: c.termEnd,
        kind,
      });
      if (!row) return;
      created++;
      const recipients = await staffAt(tx, [
        { role: 'owners_committee', communityId: c.communityId },
        ...(c.residentsCommitteeId !== null
          ? [{ role: 'committee', committeeId: c.residentsCommitteeId }]
          : []),
        { role: 'street', streetId: c.streetId, streetLevel: true },
      ]);
      await notifyUsers(
        tx,
        recipients.map((userId) => ({
          userId,
          streetId: c.streetId,
          kind: 'reelection_due',
          params: {
            title: c.name,
            number: '',
            community: c.communityName,
            date: c.termEnd,
            milestone: kind,
            link: `/owners-committees/${c.id}`,
          },
        })),
      );
      await recordAudit(tx, system, {
        action: 'owners_committee.reelection_reminded',
        entityType: 'owners_committee',
        entityId: c.id,
        streetId: c.streetId,
        after: { committeeId: c.id, kind, termEnd: c.termEnd, told: recipients },
      });
    });
  }
  return created;
}

export async function listMeetings(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string | undefined },
) {
  // minutes are for the staff who run and guide the committee; residents read what is disclosed
  const row = await repo.findCommittee(ctx.db, actor, 'owners.read', id, shanghaiDate());
  if (!row) throw err.committeeNotFound();
  const rows = await repo.meetingsOf(ctx.db, id, q.limit, idCursor(q.cursor));
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: result.items.map((m) => ({
      id: m.id,
      committeeId: m.committeeId,
      kind: m.kind as 'regular',
      heldOn: m.heldOn,
      title: m.title,
      attendees: m.attendees,
      minutes: m.minutes,
      minutesFile: m.minutesFileId !== null ? { id: m.minutesFileId, name: m.minutesFileName ?? '' } : null,
      disclosureId: m.disclosureId,
    })),
    nextCursor: result.nextCursor,
    total: -1,
  };
}

export async function addMeeting(ctx: AppContext, actor: Actor, id: number, body: AddMeetingBody) {
  const c = await committeeFor(ctx, actor, id, 'owners_committee.manage');
  if (c.status !== 'active') throw err.committeeNotActive();
  if (body.minutesFileId)
    await attachableFile(ctx.db, actor, body.minutesFileId, c.communityId, 'body.minutesFileId');
  const meetingId = await ctx.db.transaction(async (tx) => {
    let disclosureId: number | null = null;
    const row = await repo.insertMeeting(tx, {
      streetId: c.streetId,
      communityId: c.communityId,
      committeeId: id,
      kind: body.kind,
      heldOn: body.heldOn,
      title: body.title,
      attendees: body.attendees,
      minutes: body.minutes,
      minutesFileId: body.minutesFileId ?? null,
      createdBy: actor.userId,
    });
    if (body.disclose) {
      const d = await publishDisclosure(tx, actor, {
        streetId: c.streetId,
        communityId: c.communityId,
        category: 'meeting_minutes',
        title: body.title,
        body: body.minutes,
        attachmentFileIds: body.minutesFileId ? [body.minutesFileId] : [],
        source: { type: 'owners_committee_meeting', id: row.id },
      });
      disclosureId = d?.id ?? null;
      if (disclosureId !== null) await repo.setMeetingDisclosure(tx, row.id, disclosureId);
    }
    await recordAudit(tx, actor.audit, {
      action: 'owners_committee.meeting_added',
      entityType: 'owners_committee',
      entityId: id,
      streetId: c.streetId,
      after: { ...row, disclosureId },
    });
    return row.id;
  });
  return { id: meetingId };
}

// ---------------------------------------------------------------------------------------------
// Disclosures (公示)

export interface DisclosureInput {
  streetId: number;
  communityId: number;
  category: DisclosureCategory;
  title: string;
  body: string;
  data?: unknown;
  attachmentFileIds?: number[];
  visibleUntil?: string | null;
  source?: { type: string; id: number; period?: string };
}

/**
 * Puts something on the community's disclosure board, in the caller's transaction; its files become
 * readable by the residents. Other modules publish vote results, fund use and accounts through
 * this. Audit is the caller's: its own audit row names the disclosure. Returns undefined when the
 * same source was disclosed before.
 */
export async function publishDisclosure(
  tx: Executor,
  publisher: { userId: number | null; displayName: string },
  input: DisclosureInput,
) {
  const files = input.attachmentFileIds ?? [];
  const row = await repo.insertDisclosure(tx, {
    streetId: input.streetId,
    communityId: input.communityId,
    category: input.category,
    title: input.title,
    body: input.body,
    data: input.data ?? null,
    attachmentFileIds: files,
    sourceType: input.source?.type ?? null,
    sourceId: input.source?.id ?? null,
    sourcePeriod: input.source?.period ?? null,
    visibleUntil: input.visibleUntil ?? null,
    publishedBy: publisher.userId,
    publishedByLabel: publisher.displayName,
  });
  if (row) await publishFiles(tx, files, { streetId: input.streetId, communityId: input.communityId });
  return row;
}

export async function listDisclosures(ctx: AppContext, actor: Actor, q: DisclosureListQuery) {
  const today = shanghaiDate();
  const after = idCursor(q.cursor);
  const filter = {
    ...(q.communityId ? { communityId: q.communityId } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.current ? { current: q.current === 'true' } : {}),
  };
  const [rows, total] = await Promise.all([
    repo.listDisclosures(ctx.db, actor, { ...filter, limit: q.limit }, today, after),
    after === null ? repo.countDisclosures(ctx.db, actor, filter, today) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(presentDisclosure), nextCursor: result.nextCursor, total };
}

export async function getDisclosure(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findDisclosure(ctx.db, actor, id);
  if (!row) throw err.disclosureNotFound();
  return presentDisclosure(row);
}

export async function publishByStaff(ctx: AppContext, actor: Actor, body: PublishDisclosureBody) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'disclosures.publish', body.communityId);
  if (!community) throw err.communityNotFound();
  if (body.visibleUntil && body.visibleUntil < shanghaiDate())
    throw fieldError('body.visibleUntil', 'past_date');
  for (const [i, fileId] of body.attachmentFileIds.entries())
    await attachableFile(ctx.db, actor, fileId, community.id, `body.attachmentFileIds.${i}`);
  const id = await ctx.db.transaction(async (tx) => {
    const row = (await publishDisclosure(tx, actor, {
      streetId: community.streetId,
      communityId: community.id,
      category: body.category,
      title: body.title,
      body: body.body,
      attachmentFileIds: body.attachmentFileIds,
      visibleUntil: body.visibleUntil ?? null,
    }))!;
    await recordAudit(tx, actor.audit, {
      action: 'disclosure.published',
      entityType: 'disclosure',
      entityId: row.id,
      streetId: row.streetId,
      after: row,
    });
    return row.id;
  });
  return getDisclosure(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Five-in-one meetings

async function presentFiveInOne(ctx: AppContext, actor: Actor, rows: repo.FiveInOneRow[]) {
  const today = shanghaiDate();
  const issues = await repo.issuesOfMeetings(
    ctx.db,
    rows.map((r) => r.id),
  );
  const followUps = await repo.followUpsOfIssues(
    ctx.db,
    issues.map((i) => i.id),
  );
  return rows.map((m) => ({
    id: m.id,
    community: { id: m.communityId, name: m.communityName },
    heldOn: m.heldOn,
    title: m.title,
    parties: m.parties as 'police'[],
    minutes: m.minutes,
    issues: issues
      .filter((i) => i.meetingId === m.id)
      .map((i) => ({
        id: i.id,
        title: i.title,
        responsibleParty: i.responsibleParty as 'police',
        dueOn: i.dueOn,
        status: i.status as 'open' | 'resolved',
        resolvedOn: i.resolvedOn,
        overdue: i.status === 'open' && i.dueOn < today,
        followUps: followUps
          .filter((f) => f.issueId === i.id)
          .map((f) => ({ id: f.id, note: f.note, at: f.createdAt.toISOString(), by: f.byLabel })),
      })),
    abilities: {
      followUp: reaches(actor, 'five_in_one.manage', { streetId: m.streetId, communityId: m.communityId }),
    },
  }));
}

export async function listFiveInOne(
  ctx: AppContext,
  actor: Actor,
  q: {
    communityId?: number | undefined;
    streetId?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await repo.listFiveInOne(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(q.streetId ? { streetId: q.streetId } : {}),
    },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.id]);
  return {
    items: await presentFiveInOne(ctx, actor, result.items),
    nextCursor: result.nextCursor,
    total: -1,
  };
}

export async function getFiveInOne(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findFiveInOne(ctx.db, actor, id);
  if (!row) throw err.meetingNotFound();
  return (await presentFiveInOne(ctx, actor, [row]))[0]!;
}

export async function addFiveInOne(ctx: AppContext, actor: Actor, body: AddFiveInOneMeetingBody) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'five_in_one.manage', body.communityId);
  if (!community) throw err.communityNotFound();
  if (!body.parties.includes('residents_committee'))
    throw fieldError('body.parties', 'residents_committee_required');
  const id = await ctx.db.transaction(async (tx) => {
    const { meeting, issues } = await repo.insertFiveInOne(
      tx,
      {
        streetId: community.streetId,
        communityId: community.id,
        heldOn: body.heldOn,
        title: body.title,
        parties: [...new Set(body.parties)],
        minutes: body.minutes,
        createdBy: actor.userId,
      },
      body.issues.map((i) => ({
        streetId: community.streetId,
        communityId: community.id,
        title: i.title,
        responsibleParty: i.responsibleParty,
        dueOn: i.dueOn,
      })),
    );
    await recordAudit(tx, actor.audit, {
      action: 'five_in_one.meeting_added',
      entityType: 'five_in_one_meeting',
      entityId: meeting.id,
      streetId: community.streetId,
      after: { ...meeting, issues },
    });
    return meeting.id;
  });
  return getFiveInOne(ctx, actor, id);
}

export async function addFollowUp(
  ctx: AppContext,
  actor: Actor,
  issueId: number,
  body: { note: string; resolve: boolean },
) {
  const issue = await repo.findIssue(ctx.db, actor, 'five_in_one.manage', issueId);
  if (!issue) throw err.issueNotFound();
  if (body.resolve && issue.status !== 'open') throw err.issueAlreadyResolved();
  await ctx.db.transaction(async (tx) => {
    const followUp = await repo.insertFollowUp(tx, {
      streetId: issue.streetId,
      issueId,
      note: body.note,
      byLabel: actor.displayName,
      createdBy: actor.userId,
    });
    const resolved = body.resolve ? await repo.resolveIssue(tx, issueId, shanghaiDate()) : null;
    if (body.resolve && !resolved) throw err.issueAlreadyResolved();
    await recordAudit(tx, actor.audit, {
      action: 'five_in_one.follow_up_added',
      entityType: 'five_in_one_issue',
      entityId: issueId,
      streetId: issue.streetId,
      after: { followUp, resolved },
    });
  });
  return getFiveInOne(ctx, actor, issue.meetingId);
}

export async function listIssues(
  ctx: AppContext,
  actor: Actor,
  q: {
    communityId?: number | undefined;
    status?: 'open' | 'resolved' | undefined;
    overdue?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const today = shanghaiDate();
  const rows = await repo.listIssues(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
    },
    today,
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.issue.id]);
  return {
    items: result.items.map(({ issue: i, meetingHeldOn, meetingTitle, communityName }) => ({
      id: i.id,
      title: i.title,
      responsibleParty: i.responsibleParty as 'police',
      dueOn: i.dueOn,
      status: i.status as 'open' | 'resolved',
      resolvedOn: i.resolvedOn,
      overdue: i.status === 'open' && i.dueOn < today,
      meeting: { id: i.meetingId, heldOn: meetingHeldOn, title: meetingTitle },
      community: { id: i.communityId, name: communityName },
    })),
    nextCursor: result.nextCursor,
    total: -1,
  };
}

// ---------------------------------------------------------------------------------------------
// Liaison events and training

function presentLiaison(r: repo.LiaisonRow) {
  return {
    id: r.id,
    street: { id: r.streetId, name: r.streetName },
    heldOn: r.heldOn,
    title: r.title,
    kind: r.kind as 'exchange',
    committees: r.committees,
    notes: r.notes,
  };
}

export async function listLiaison(
  ctx: AppContext,
  actor: Actor,
  q: { streetId?: number | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listLiaison(
    ctx.db,
    actor,
    { limit: q.limit, ...(q.streetId ? { streetId: q.streetId } : {}) },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(presentLiaison), nextCursor: result.nextCursor, total: -1 };
}

export async function addLiaison(ctx: AppContext, actor: Actor, body: AddLiaisonBody) {
  const street = await repo.streetInScope(ctx.db, actor, 'liaison.manage', body.streetId);
  if (!street) throw err.streetNotFound();
  const ids = [...new Set(body.ownersCommitteeIds)];
  const mine = new Set((await repo.committeesOfStreet(ctx.db, street.id, ids)).map((c) => c.id));
  ids.forEach((cid, i) => {
    if (!mine.has(cid)) throw err.notOfStreet(`body.ownersCommitteeIds.${i}`);
  });
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertLiaison(tx, {
      streetId: street.id,
      heldOn: body.heldOn,
      title: body.title,
      kind: body.kind,
      ownersCommitteeIds: ids,
      notes: body.notes,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'liaison.event_added',
      entityType: 'liaison_event',
      entityId: row.id,
      streetId: street.id,
      after: row,
    });
    return row.id;
  });
  const rows = await repo.listLiaison(ctx.db, actor, { streetId: street.id, limit: 200 }, null);
  return presentLiaison(rows.find((r) => r.id === id)!);
}

function presentTraining(r: repo.TrainingRow) {
  return {
    id: r.id,
    street: r.streetId !== null ? { id: r.streetId, name: r.streetName ?? '' } : null,
    group: r.audience as (typeof trainingGroups)[number],
    title: r.title,
    heldOn: r.heldOn,
    hours: r.hours,
    attendees: r.attendees,
    trainer: r.trainer,
    notes: r.notes,
  };
}

export async function listTraining(
  ctx: AppContext,
  actor: Actor,
  q: {
    streetId?: number | undefined;
    group?: string | undefined;
    year?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const rows = await repo.listTraining(
    ctx.db,
    actor,
    {
      limit: q.limit,
      ...(q.streetId ? { streetId: q.streetId } : {}),
      ...(q.group ? { group: q.group } : {}),
      ...(q.year ? { year: q.year } : {}),
    },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(presentTraining), nextCursor: result.nextCursor, total: -1 };
}

export async function addTraining(ctx: AppContext, actor: Actor, body: AddTrainingBody) {
  let streetId: number | null = null;
  let districtId = actor.assignments[0]?.districtId ?? 0;
  if (body.streetId) {
    const street = await repo.streetInScope(ctx.db, actor, 'training.manage', body.streetId);
    if (!street) throw err.streetNotFound();
    streetId = street.id;
    districtId = street.districtId;
  } else if (!actor.reach('training.manage').some((p) => p.level === 'district')) {
    throw err.districtTrainingOnly();
  }
  const row = await ctx.db.transaction(async (tx) => {
    const r = await repo.insertTraining(tx, {
      districtId,
      streetId,
      audience: body.group,
      title: body.title,
      heldOn: body.heldOn,
      hours: body.hours,
      attendees: body.attendees,
      trainer: body.trainer,
      notes: body.notes,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor.audit, {
      action: 'training.recorded',
      entityType: 'training_record',
      entityId: r.id,
      streetId,
      after: r,
    });
    return r;
  });
  const rows = await repo.listTraining(ctx.db, actor, { limit: 1 }, row.id + 1);
  return presentTraining(rows[0]!);
}

const tenths = (v: number) => `${Math.floor(v / 10)}.${v % 10}`;

export async function trainingSummary(
  ctx: AppContext,
  actor: Actor,
  q: { year: number; streetId?: number | undefined },
) {
  const totals = await repo.trainingTotals(ctx.db, actor, {
    year: q.year,
    ...(q.streetId ? { streetId: q.streetId } : {}),
  });
  return {
    year: q.year,
    groups: trainingGroups.map((group) => {
      const t = totals.find((r) => r.audience === group);
      return {
        group,
        sessions: t?.sessions ?? 0,
        hours: tenths(Number(t?.hoursTenths ?? 0)),
        attendees: Number(t?.attendees ?? 0),
        personHours: tenths(Number(t?.personHoursTenths ?? 0)),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The resident's own (/m)

/** The units of a resident: those their person owns now and the one of their account. */
export async function myUnits(ctx: AppContext, actor: Actor) {
  const personId = await repo.personIdOfUser(ctx.db, actor.userId);
  const assigned = actor.assignments
    .filter((a) => a.role === 'resident' && a.unitId !== null)
    .map((a) => a.unitId!);
  const units = await repo.unitsOfResident(ctx.db, personId, assigned);
  return { personId, units };
}

export { encodeCursor };
