import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { EVIDENCE_VALID_DAYS, type OwnerUnitListQuery } from '../../../contracts/owners';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import { type Actor, scopeFilter } from '../../platform/access';
import { addDays } from '../../platform/dates';
import { persons } from '../auth/auth.table';
import { buildings, communities, organizations, streets, units } from '../org/org.table';
import {
  committeeEvidence,
  committeeMeetings,
  committeeReminders,
  disclosures,
  fiveInOneFollowUps,
  fiveInOneIssues,
  fiveInOneMeetings,
  liaisonEvents,
  ownersCommitteeMembers,
  ownersCommittees,
  trainingRecords,
  unitOwners,
} from './owners.table';

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const inList = (ids: readonly number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

// ---------------------------------------------------------------------------------------------
// Communities as seen under a permission

/** The community if the actor reaches it under `permission`, else undefined (→ 404). */
export async function scopedCommunity(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await db
    .select({
      id: communities.id,
      communityId: communities.id, // so the row is a PlacedRecord for reaches()
      name: communities.name,
      streetId: communities.streetId,
      committeeId: communities.committeeId,
      housingType: communities.housingType,
      propertyOrgId: communities.propertyOrgId,
      developerOrgId: communities.developerOrgId,
    })
    .from(communities)
    .where(
      and(
        eq(communities.id, id),
        scopeFilter(actor, permission, {
          streetId: communities.streetId,
          communityId: communities.id,
          committeeId: communities.committeeId,
        }),
      ),
    );
  return rows[0];
}
export type ScopedCommunity = NonNullable<Awaited<ReturnType<typeof scopedCommunity>>>;

// ---------------------------------------------------------------------------------------------
// Units and owners

function unitScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, { streetId: units.streetId, communityId: units.communityId });
}

const currentOwner = (alias = 'o') =>
  sql.raw(`select 1 from unit_owner ${alias} where ${alias}.unit_id = unit.id and ${alias}.until is null`);

function ownerUnitFilter(actor: Actor, q: Omit<OwnerUnitListQuery, 'limit' | 'cursor'>): SQL {
  const conditions: SQL[] = [unitScope(actor, 'owners.read'), eq(units.communityId, q.communityId)];
  if (q.buildingId) conditions.push(eq(units.buildingId, q.buildingId));
  switch (q.status) {
    case 'developer_unsold':
      conditions.push(sql`exists (${currentOwner()} and o.kind = 'developer')`);
      break;
    case 'developer_undelivered':
      conditions.push(sql`exists (${currentOwner()} and o.kind = 'person' and not o.delivered)`);
      break;
    case 'unrecorded':
      conditions.push(sql`not exists (${currentOwner()})`);
      break;
    case 'owned':
      conditions.push(
        sql`exists (${currentOwner()} and o.kind = 'person' and o.delivered) and not exists (${currentOwner('d')} and d.kind = 'developer')`,
      );
      break;
  }
  if (q.multiUnit === 'true') {
    conditions.push(sql`exists (
      select 1 from unit_owner o join unit_owner p on p.person_id = o.person_id and p.until is null
        and p.unit_id <> o.unit_id and p.community_id = o.community_id
      where o.unit_id = unit.id and o.until is null and o.kind = 'person')`);
  }
  if (q.q) {
    conditions.push(sql`(${units.number} = ${q.q} or exists (
      select 1 from unit_owner o join person pr on pr.id = o.person_id
      where o.unit_id = unit.id and o.until is null and pr.name ilike ${likeOf(q.q)}))`);
  }
  return and(...conditions)!;
}

const unitColumns = {
  unitId: units.id,
  streetId: units.streetId,
  communityId: units.communityId,
  communityName: communities.name,
  buildingId: units.buildingId,
  buildingName: buildings.name,
  number: units.number,
  floor: units.floor,
  exclusiveArea: units.exclusiveArea,
  use: units.use,
};

function unitQuery(db: Executor) {
  return db
    .select(unitColumns)
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId));
}
export type UnitListRow = Awaited<ReturnType<typeof unitQuery>>[number];

export function listOwnerUnits(
  db: Executor,
  actor: Actor,
  q: OwnerUnitListQuery,
  afterId: number | null,
): Promise<UnitListRow[]> {
  return unitQuery(db)
    .where(and(ownerUnitFilter(actor, q), afterId === null ? undefined : sql`${units.id} > ${afterId}`))
    .orderBy(asc(units.id))
    .limit(q.limit + 1);
}

export async function countOwnerUnits(
  db: Executor,
  actor: Actor,
  q: Omit<OwnerUnitListQuery, 'limit' | 'cursor'>,
) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(units)
    .where(ownerUnitFilter(actor, q));
  return rows[0]?.n ?? 0;
}

export async function findUnit(db: Executor, actor: Actor, permission: Permission, unitId: number) {
  const rows = await unitQuery(db).where(and(eq(units.id, unitId), unitScope(actor, permission)));
  return rows[0];
}

export interface OwnerRow {
  id: number;
  unitId: number;
  kind: string;
  personId: number | null;
  organizationId: number | null;
  delivered: boolean;
  since: string | null;
  name: string;
  phoneEnc: string | null;
  idNumberEnc: string | null;
}

export async function currentOwnersOf(db: Executor, unitIds: readonly number[]): Promise<OwnerRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: unitOwners.id,
      unitId: unitOwners.unitId,
      kind: unitOwners.kind,
      personId: unitOwners.personId,
      organizationId: unitOwners.organizationId,
      delivered: unitOwners.delivered,
      since: unitOwners.since,
      name: sql<string>`coalesce(${persons.name}, ${organizations.name}, '')`,
      phoneEnc: persons.phoneEnc,
      idNumberEnc: persons.idNumberEnc,
    })
    .from(unitOwners)
    .leftJoin(persons, eq(persons.id, unitOwners.personId))
    .leftJoin(organizations, eq(organizations.id, unitOwners.organizationId))
    .where(and(inArray(unitOwners.unitId, [...unitIds]), isNull(unitOwners.until)))
    .orderBy(asc(unitOwners.unitId), asc(unitOwners.id));
}

/** Every unit of a community with its area and current holders: the input of owner keys and rolls. */
/** The units of a community (or of some of its buildings) with their current holders, for a vote's roll. */
export async function communityUnitsForRoll(
  db: Executor,
  communityId: number,
  buildingIds?: readonly number[] | null,
) {
  const unitRows = await db
    .select({
      unitId: units.id,
      streetId: units.streetId,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      number: units.number,
      exclusiveArea: units.exclusiveArea,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        eq(units.communityId, communityId),
        buildingIds?.length ? inArray(units.buildingId, [...buildingIds]) : undefined,
      ),
    )
    .orderBy(asc(units.id));
  const holders = await db
    .select({
      unitId: unitOwners.unitId,
      kind: unitOwners.kind,
      personId: unitOwners.personId,
      delivered: unitOwners.delivered,
    })
    .from(unitOwners)
    .where(and(eq(unitOwners.communityId, communityId), isNull(unitOwners.until)));
  return { units: unitRows, holders };
}

export async function endCurrentOwners(tx: Executor, unitIds: readonly number[], until: string) {
  if (unitIds.length === 0) return;
  await tx
    .update(unitOwners)
    .set({ until })
    .where(and(inArray(unitOwners.unitId, [...unitIds]), isNull(unitOwners.until)));
}

export async function insertOwners(tx: Executor, rows: (typeof unitOwners.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(unitOwners).values(rows).returning();
}

export async function personsByIdIndex(tx: Executor, indexes: readonly string[]) {
  if (indexes.length === 0) return [];
  return tx
    .select({
      id: persons.id,
      idNumberIndex: persons.idNumberIndex,
      name: persons.name,
      phoneIndex: persons.phoneIndex,
    })
    .from(persons)
    .where(inArray(persons.idNumberIndex, [...indexes]));
}

export async function insertPersons(tx: Executor, rows: (typeof persons.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(persons).values(rows).returning({ id: persons.id, idNumberIndex: persons.idNumberIndex });
}

export async function updatePersonContact(
  tx: Executor,
  id: number,
  patch: { name?: string; phoneEnc?: string; phoneIndex?: string },
) {
  await tx.update(persons).set(patch).where(eq(persons.id, id));
}

export function personRow(db: Executor, id: number) {
  return db
    .select()
    .from(persons)
    .where(eq(persons.id, id))
    .then((r) => r[0]);
}

/** The units a person currently holds, within the actor's reach. */
export async function unitsOfPerson(db: Executor, actor: Actor, permission: Permission, personId: number) {
  return db
    .select({
      ...unitColumns,
      since: unitOwners.since,
      coOwners: sql<number>`(select count(*)::int from unit_owner c where c.unit_id = ${units.id} and c.until is null)`,
    })
    .from(unitOwners)
    .innerJoin(units, eq(units.id, unitOwners.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(and(eq(unitOwners.personId, personId), isNull(unitOwners.until), unitScope(actor, permission)))
    .orderBy(asc(units.id));
}

/** The unit through which a person owns in a community, if any. */
export async function ownedUnitInCommunity(db: Executor, personId: number, communityId: number) {
  const rows = await db
    .select({ unitId: unitOwners.unitId })
    .from(unitOwners)
    .where(
      and(
        eq(unitOwners.personId, personId),
        eq(unitOwners.communityId, communityId),
        isNull(unitOwners.until),
        eq(unitOwners.kind, 'person'),
      ),
    )
    .orderBy(asc(unitOwners.unitId))
    .limit(1);
  return rows[0]?.unitId ?? null;
}

/** Units of the community by building name and number, for the import. */
export async function unitIndexOf(db: Executor, communityId: number) {
  return db
    .select({ unitId: units.id, buildingName: buildings.name, number: units.number })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(units.communityId, communityId));
}

/** The units a resident account is tied to: its assignment's unit and the units its person owns. */
export async function unitsOfResident(
  db: Executor,
  personId: number | null,
  assignedUnitIds: readonly number[],
) {
  const conditions: SQL[] = [];
  if (assignedUnitIds.length) conditions.push(inArray(units.id, [...assignedUnitIds]));
  if (personId !== null)
    conditions.push(
      sql`${units.id} in (select unit_id from unit_owner where person_id = ${personId} and until is null)`,
    );
  if (conditions.length === 0) return [];
  return unitQuery(db).where(sql.join(conditions, sql` or `)).orderBy(asc(units.id));
}

// ---------------------------------------------------------------------------------------------
// Owners' committees

export function committeeScope(actor: Actor, permission: Permission): SQL {
  return scopeFilter(actor, permission, {
    streetId: ownersCommittees.streetId,
    communityId: ownersCommittees.communityId,
  });
}

/** systems with counting evidence, per committee, as of `today` (owners.compliance.ts in SQL) */
const compliantSystems = (today: string) => sql<number>`(
  select count(distinct e.system)::int from owners_committee_evidence e
  where e.committee_id = ${ownersCommittees.id} and e.review_status <> 'rejected'
    and e.evidence_on > ${addDays(today, -EVIDENCE_VALID_DAYS)}::date and e.evidence_on <= ${today}::date)`;

const committeeColumns = (today: string) => ({
  id: ownersCommittees.id,
  streetId: ownersCommittees.streetId,
  streetName: streets.name,
  communityId: ownersCommittees.communityId,
  communityName: communities.name,
  name: ownersCommittees.name,
  status: ownersCommittees.status,
  electedOn: ownersCommittees.electedOn,
  filedOn: ownersCommittees.filedOn,
  termStart: ownersCommittees.termStart,
  termEnd: ownersCommittees.termEnd,
  version: ownersCommittees.version,
  memberCount: sql<number>`(select count(*)::int from owners_committee_member m where m.committee_id = ${ownersCommittees.id} and m.left_on is null)`,
  crossAppointedCount: sql<number>`(select count(*)::int from owners_committee_member m where m.committee_id = ${ownersCommittees.id} and m.left_on is null and m.cross_appointed)`,
  compliant: compliantSystems(today),
});

function committeeQuery(db: Executor, today: string) {
  return db
    .select(committeeColumns(today))
    .from(ownersCommittees)
    .innerJoin(communities, eq(communities.id, ownersCommittees.communityId))
    .innerJoin(streets, eq(streets.id, ownersCommittees.streetId));
}
export type CommitteeListRow = Awaited<ReturnType<typeof committeeQuery>>[number];

export interface CommitteeFilter {
  streetId?: number;
  communityId?: number;
  status?: string;
  termEndsWithinDays?: number;
}

function committeeFilter(actor: Actor, q: CommitteeFilter, today: string): SQL {
  const c: SQL[] = [committeeScope(actor, 'owners_committee.read')];
  if (q.streetId) c.push(eq(ownersCommittees.streetId, q.streetId));
  if (q.communityId) c.push(eq(ownersCommittees.communityId, q.communityId));
  if (q.status) c.push(eq(ownersCommittees.status, q.status));
  if (q.termEndsWithinDays !== undefined)
    c.push(sql`${ownersCommittees.termEnd} <= ${addDays(today, q.termEndsWithinDays)}::date`);
  return and(...c)!;
}

export function listCommittees(
  db: Executor,
  actor: Actor,
  q: CommitteeFilter & { limit: number },
  today: string,
  afterId: number | null,
) {
  return committeeQuery(db, today)
    .where(
      and(committeeFilter(actor, q, today), afterId === null ? undefined : lt(ownersCommittees.id, afterId)),
    )
    .orderBy(desc(ownersCommittees.id))
    .limit(q.limit + 1);
}

export async function countCommittees(db: Executor, actor: Actor, q: CommitteeFilter, today: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ownersCommittees)
    .where(committeeFilter(actor, q, today));
  return rows[0]?.n ?? 0;
}

export async function findCommittee(
  db: Executor,
  actor: Actor,
  permission: Permission,
  id: number,
  today: string,
) {
  const rows = await committeeQuery(db, today).where(
    and(eq(ownersCommittees.id, id), committeeScope(actor, permission)),
  );
  return rows[0];
}

export function committeeRow(db: Executor, id: number) {
  return db
    .select()
    .from(ownersCommittees)
    .where(eq(ownersCommittees.id, id))
    .then((r) => r[0]);
}

export async function insertCommittee(tx: Executor, values: typeof ownersCommittees.$inferInsert) {
  const [row] = await tx.insert(ownersCommittees).values(values).returning();
  return row!;
}

/** The previous committee of a community ends when a new term is registered. */
export async function endActiveCommittees(tx: Executor, communityId: number) {
  return tx
    .update(ownersCommittees)
    .set({ status: 'ended', version: sql`${ownersCommittees.version} + 1` })
    .where(and(eq(ownersCommittees.communityId, communityId), eq(ownersCommittees.status, 'active')))
    .returning({ id: ownersCommittees.id });
}

export async function updateCommittee(
  tx: Executor,
  id: number,
  version: number,
  patch: Partial<Pick<typeof ownersCommittees.$inferInsert, 'name' | 'termEnd' | 'filedOn' | 'status'>>,
) {
  const rows = await tx
    .update(ownersCommittees)
    .set({ ...patch, version: sql`${ownersCommittees.version} + 1` })
    .where(and(eq(ownersCommittees.id, id), eq(ownersCommittees.version, version)))
    .returning();
  return rows[0];
}

export function membersOf(db: Executor, committeeId: number) {
  return db
    .select({
      id: ownersCommitteeMembers.id,
      personId: ownersCommitteeMembers.personId,
      name: persons.name,
      phoneEnc: persons.phoneEnc,
      unitId: ownersCommitteeMembers.unitId,
      unitLabel: sql<
        string | null
      >`(select b.name || u.number from unit u join building b on b.id = u.building_id where u.id = ${ownersCommitteeMembers.unitId})`,
      office: ownersCommitteeMembers.office,
      termStart: ownersCommitteeMembers.termStart,
      termEnd: ownersCommitteeMembers.termEnd,
      crossAppointed: ownersCommitteeMembers.crossAppointed,
      crossAppointedRole: ownersCommitteeMembers.crossAppointedRole,
      leftOn: ownersCommitteeMembers.leftOn,
      version: ownersCommitteeMembers.version,
    })
    .from(ownersCommitteeMembers)
    .innerJoin(persons, eq(persons.id, ownersCommitteeMembers.personId))
    .where(eq(ownersCommitteeMembers.committeeId, committeeId))
    .orderBy(
      sql`case ${ownersCommitteeMembers.office} when 'director' then 0 when 'deputy_director' then 1 when 'member' then 2 else 3 end`,
      asc(ownersCommitteeMembers.id),
    );
}
export type MemberListRow = Awaited<ReturnType<typeof membersOf>>[number];

export async function insertMember(tx: Executor, values: typeof ownersCommitteeMembers.$inferInsert) {
  const [row] = await tx.insert(ownersCommitteeMembers).values(values).returning();
  return row!;
}

export function memberRow(db: Executor, committeeId: number, id: number) {
  return db
    .select()
    .from(ownersCommitteeMembers)
    .where(and(eq(ownersCommitteeMembers.id, id), eq(ownersCommitteeMembers.committeeId, committeeId)))
    .then((r) => r[0]);
}

export async function activeMember(db: Executor, committeeId: number, personId: number) {
  const rows = await db
    .select({ id: ownersCommitteeMembers.id })
    .from(ownersCommitteeMembers)
    .where(
      and(
        eq(ownersCommitteeMembers.committeeId, committeeId),
        eq(ownersCommitteeMembers.personId, personId),
        isNull(ownersCommitteeMembers.leftOn),
      ),
    );
  return rows[0];
}

export async function updateMember(
  tx: Executor,
  id: number,
  version: number,
  patch: Partial<
    Pick<
      typeof ownersCommitteeMembers.$inferInsert,
      'office' | 'crossAppointed' | 'crossAppointedRole' | 'leftOn'
    >
  >,
) {
  const rows = await tx
    .update(ownersCommitteeMembers)
    .set({ ...patch, version: sql`${ownersCommitteeMembers.version} + 1` })
    .where(and(eq(ownersCommitteeMembers.id, id), eq(ownersCommitteeMembers.version, version)))
    .returning();
  return rows[0];
}

export function evidenceOf(db: Executor, committeeId: number) {
  return db
    .select({
      id: committeeEvidence.id,
      system: committeeEvidence.system,
      title: committeeEvidence.title,
      evidenceOn: committeeEvidence.evidenceOn,
      fileId: committeeEvidence.fileId,
      fileName: sql<
        string | null
      >`(select f.name from file f where f.id = "owners_committee_evidence"."file_id")`,
      note: committeeEvidence.note,
      reviewStatus: committeeEvidence.reviewStatus,
      reviewNote: committeeEvidence.reviewNote,
      reviewedAt: committeeEvidence.reviewedAt,
    })
    .from(committeeEvidence)
    .where(eq(committeeEvidence.committeeId, committeeId))
    .orderBy(desc(committeeEvidence.evidenceOn), desc(committeeEvidence.id));
}
export type EvidenceListRow = Awaited<ReturnType<typeof evidenceOf>>[number];

export async function insertEvidence(tx: Executor, values: typeof committeeEvidence.$inferInsert) {
  const [row] = await tx.insert(committeeEvidence).values(values).returning();
  return row!;
}

export function evidenceRow(db: Executor, committeeId: number, id: number) {
  return db
    .select()
    .from(committeeEvidence)
    .where(and(eq(committeeEvidence.id, id), eq(committeeEvidence.committeeId, committeeId)))
    .then((r) => r[0]);
}

export async function reviewEvidence(
  tx: Executor,
  id: number,
  review: { reviewStatus: string; reviewNote: string | null; reviewedBy: number },
) {
  const [row] = await tx
    .update(committeeEvidence)
    .set({ ...review, reviewedAt: new Date() })
    .where(eq(committeeEvidence.id, id))
    .returning();
  return row!;
}

export function remindersOf(db: Executor, committeeId: number) {
  return db
    .select({
      kind: committeeReminders.kind,
      termEnd: committeeReminders.termEnd,
      createdAt: committeeReminders.createdAt,
    })
    .from(committeeReminders)
    .where(eq(committeeReminders.committeeId, committeeId))
    .orderBy(desc(committeeReminders.id));
}

export function listReminders(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; limit: number },
  afterId: number | null,
) {
  return db
    .select({
      id: committeeReminders.id,
      committeeId: committeeReminders.committeeId,
      committeeName: ownersCommittees.name,
      communityId: committeeReminders.communityId,
      communityName: communities.name,
      kind: committeeReminders.kind,
      termEnd: committeeReminders.termEnd,
      createdAt: committeeReminders.createdAt,
    })
    .from(committeeReminders)
    .innerJoin(ownersCommittees, eq(ownersCommittees.id, committeeReminders.committeeId))
    .innerJoin(communities, eq(communities.id, committeeReminders.communityId))
    .where(
      and(
        scopeFilter(actor, 'owners_committee.read', {
          streetId: committeeReminders.streetId,
          communityId: committeeReminders.communityId,
        }),
        q.streetId ? eq(committeeReminders.streetId, q.streetId) : undefined,
        afterId === null ? undefined : lt(committeeReminders.id, afterId),
      ),
    )
    .orderBy(desc(committeeReminders.id))
    .limit(q.limit + 1);
}

/** Active committees whose term ends on or before `until`. */
export function committeesEndingBy(db: Executor, until: string) {
  return db
    .select({
      id: ownersCommittees.id,
      streetId: ownersCommittees.streetId,
      communityId: ownersCommittees.communityId,
      termEnd: ownersCommittees.termEnd,
      name: ownersCommittees.name,
      communityName: communities.name,
      /** the residents' committee (居委会) of the community */
      residentsCommitteeId: communities.committeeId,
    })
    .from(ownersCommittees)
    .innerJoin(communities, eq(communities.id, ownersCommittees.communityId))
    .where(and(eq(ownersCommittees.status, 'active'), sql`${ownersCommittees.termEnd} <= ${until}::date`));
}

/** Inserts the reminder unless it exists; returns it only when this call created it. */
export async function insertReminderOnce(tx: Executor, values: typeof committeeReminders.$inferInsert) {
  const rows = await tx.insert(committeeReminders).values(values).onConflictDoNothing().returning();
  return rows[0];
}

/** Compliance of the active committees in the actor's reach, summed per street and per system. */
export async function complianceFacts(
  db: Executor,
  actor: Actor,
  streetId: number | undefined,
  today: string,
) {
  return db
    .select({
      id: ownersCommittees.id,
      streetId: ownersCommittees.streetId,
      streetName: streets.name,
      systems: sql<string[]>`coalesce((
        select array_agg(distinct e.system) from owners_committee_evidence e
        where e.committee_id = ${ownersCommittees.id} and e.review_status <> 'rejected'
          and e.evidence_on > ${addDays(today, -EVIDENCE_VALID_DAYS)}::date and e.evidence_on <= ${today}::date), '{}')`,
    })
    .from(ownersCommittees)
    .innerJoin(streets, eq(streets.id, ownersCommittees.streetId))
    .where(
      and(
        committeeScope(actor, 'owners_committee.read'),
        eq(ownersCommittees.status, 'active'),
        streetId ? eq(ownersCommittees.streetId, streetId) : undefined,
      ),
    )
    .orderBy(asc(streets.code), asc(ownersCommittees.id));
}

export function meetingsOf(db: Executor, committeeId: number, limit: number, afterId: number | null) {
  return db
    .select({
      id: committeeMeetings.id,
      committeeId: committeeMeetings.committeeId,
      kind: committeeMeetings.kind,
      heldOn: committeeMeetings.heldOn,
      title: committeeMeetings.title,
      attendees: committeeMeetings.attendees,
      minutes: committeeMeetings.minutes,
      minutesFileId: committeeMeetings.minutesFileId,
      minutesFileName: sql<
        string | null
      >`(select f.name from file f where f.id = "owners_committee_meeting"."minutes_file_id")`,
      disclosureId: committeeMeetings.disclosureId,
    })
    .from(committeeMeetings)
    .where(
      and(
        eq(committeeMeetings.committeeId, committeeId),
        afterId === null ? undefined : lt(committeeMeetings.id, afterId),
      ),
    )
    .orderBy(desc(committeeMeetings.id))
    .limit(limit + 1);
}
export type MeetingListRow = Awaited<ReturnType<typeof meetingsOf>>[number];

export async function insertMeeting(tx: Executor, values: typeof committeeMeetings.$inferInsert) {
  const [row] = await tx.insert(committeeMeetings).values(values).returning();
  return row!;
}

// ---------------------------------------------------------------------------------------------
// Disclosures

const disclosureColumns = {
  id: disclosures.id,
  streetId: disclosures.streetId,
  communityId: disclosures.communityId,
  communityName: communities.name,
  category: disclosures.category,
  title: disclosures.title,
  body: disclosures.body,
  data: disclosures.data,
  attachmentFileIds: disclosures.attachmentFileIds,
  attachments: sql<{ id: number; name: string; mime: string }[]>`coalesce((
    select json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime) order by f.id)
    from file f where f.id = any(${disclosures.attachmentFileIds})), '[]'::json)`,
  sourceType: disclosures.sourceType,
  sourceId: disclosures.sourceId,
  sourcePeriod: disclosures.sourcePeriod,
  publishedAt: disclosures.publishedAt,
  visibleUntil: disclosures.visibleUntil,
  publishedByLabel: disclosures.publishedByLabel,
};

function disclosureQuery(db: Executor) {
  return db
    .select(disclosureColumns)
    .from(disclosures)
    .innerJoin(communities, eq(communities.id, disclosures.communityId));
}
export type DisclosureListRow = Awaited<ReturnType<typeof disclosureQuery>>[number];

export interface DisclosureFilter {
  communityId?: number;
  category?: string;
  current?: boolean;
}

function disclosureFilter(actor: Actor, q: DisclosureFilter, today: string): SQL {
  return and(
    scopeFilter(actor, 'disclosures.read', {
      streetId: disclosures.streetId,
      communityId: disclosures.communityId,
    }),
    q.communityId ? eq(disclosures.communityId, q.communityId) : undefined,
    q.category ? eq(disclosures.category, q.category) : undefined,
    q.current
      ? sql`(${disclosures.visibleUntil} is null or ${disclosures.visibleUntil} >= ${today}::date)`
      : undefined,
  )!;
}

export function listDisclosures(
  db: Executor,
  actor: Actor,
  q: DisclosureFilter & { limit: number },
  today: string,
  afterId: number | null,
) {
  return disclosureQuery(db)
    .where(and(disclosureFilter(actor, q, today), afterId === null ? undefined : lt(disclosures.id, afterId)))
    .orderBy(desc(disclosures.id))
    .limit(q.limit + 1);
}

export async function countDisclosures(db: Executor, actor: Actor, q: DisclosureFilter, today: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(disclosures)
    .where(disclosureFilter(actor, q, today));
  return rows[0]?.n ?? 0;
}

export async function findDisclosure(db: Executor, actor: Actor, id: number) {
  const rows = await disclosureQuery(db).where(
    and(
      eq(disclosures.id, id),
      scopeFilter(actor, 'disclosures.read', {
        streetId: disclosures.streetId,
        communityId: disclosures.communityId,
      }),
    ),
  );
  return rows[0];
}

/** Inserts a disclosure; for a sourced one that exists already, returns undefined. */
export async function insertDisclosure(tx: Executor, values: typeof disclosures.$inferInsert) {
  const rows = await tx.insert(disclosures).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export function disclosuresOfSource(db: Executor, sourceType: string, sourceIds: readonly number[]) {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: disclosures.id,
      sourceId: disclosures.sourceId,
      sourcePeriod: disclosures.sourcePeriod,
      publishedAt: disclosures.publishedAt,
    })
    .from(disclosures)
    .where(and(eq(disclosures.sourceType, sourceType), inArray(disclosures.sourceId, [...sourceIds])));
}

// ---------------------------------------------------------------------------------------------
// Five-in-one meetings

function fiveInOneQuery(db: Executor) {
  return db
    .select({
      id: fiveInOneMeetings.id,
      streetId: fiveInOneMeetings.streetId,
      communityId: fiveInOneMeetings.communityId,
      communityName: communities.name,
      heldOn: fiveInOneMeetings.heldOn,
      title: fiveInOneMeetings.title,
      parties: fiveInOneMeetings.parties,
      minutes: fiveInOneMeetings.minutes,
    })
    .from(fiveInOneMeetings)
    .innerJoin(communities, eq(communities.id, fiveInOneMeetings.communityId));
}
export type FiveInOneRow = Awaited<ReturnType<typeof fiveInOneQuery>>[number];

const fiveInOneScope = (actor: Actor) =>
  scopeFilter(actor, 'five_in_one.read', {
    streetId: fiveInOneMeetings.streetId,
    communityId: fiveInOneMeetings.communityId,
  });

export function listFiveInOne(
  db: Executor,
  actor: Actor,
  q: { communityId?: number; streetId?: number; limit: number },
  afterId: number | null,
) {
  return fiveInOneQuery(db)
    .where(
      and(
        fiveInOneScope(actor),
        q.communityId ? eq(fiveInOneMeetings.communityId, q.communityId) : undefined,
        q.streetId ? eq(fiveInOneMeetings.streetId, q.streetId) : undefined,
        afterId === null ? undefined : lt(fiveInOneMeetings.id, afterId),
      ),
    )
    .orderBy(desc(fiveInOneMeetings.id))
    .limit(q.limit + 1);
}

export async function findFiveInOne(db: Executor, actor: Actor, id: number) {
  const rows = await fiveInOneQuery(db).where(and(eq(fiveInOneMeetings.id, id), fiveInOneScope(actor)));
  return rows[0];
}

export function issuesOfMeetings(db: Executor, meetingIds: readonly number[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(fiveInOneIssues)
    .where(inArray(fiveInOneIssues.meetingId, [...meetingIds]))
    .orderBy(asc(fiveInOneIssues.id));
}

export function followUpsOfIssues(db: Executor, issueIds: readonly number[]) {
  if (issueIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(fiveInOneFollowUps)
    .where(inArray(fiveInOneFollowUps.issueId, [...issueIds]))
    .orderBy(asc(fiveInOneFollowUps.id));
}

export async function insertFiveInOne(
  tx: Executor,
  meeting: typeof fiveInOneMeetings.$inferInsert,
  issues: Omit<typeof fiveInOneIssues.$inferInsert, 'meetingId'>[],
) {
  const [row] = await tx.insert(fiveInOneMeetings).values(meeting).returning();
  const issueRows = issues.length
    ? await tx
        .insert(fiveInOneIssues)
        .values(issues.map((i) => ({ ...i, meetingId: row!.id })))
        .returning()
    : [];
  return { meeting: row!, issues: issueRows };
}

export async function findIssue(db: Executor, actor: Actor, permission: Permission, id: number) {
  const rows = await db
    .select()
    .from(fiveInOneIssues)
    .where(
      and(
        eq(fiveInOneIssues.id, id),
        scopeFilter(actor, permission, {
          streetId: fiveInOneIssues.streetId,
          communityId: fiveInOneIssues.communityId,
        }),
      ),
    );
  return rows[0];
}

export async function insertFollowUp(tx: Executor, values: typeof fiveInOneFollowUps.$inferInsert) {
  const [row] = await tx.insert(fiveInOneFollowUps).values(values).returning();
  return row!;
}

export async function resolveIssue(tx: Executor, id: number, on: string) {
  const [row] = await tx
    .update(fiveInOneIssues)
    .set({ status: 'resolved', resolvedOn: on, version: sql`${fiveInOneIssues.version} + 1` })
    .where(and(eq(fiveInOneIssues.id, id), eq(fiveInOneIssues.status, 'open')))
    .returning();
  return row;
}

export function listIssues(
  db: Executor,
  actor: Actor,
  q: { communityId?: number; status?: string; overdue?: boolean; limit: number },
  today: string,
  afterId: number | null,
) {
  return db
    .select({
      issue: fiveInOneIssues,
      meetingHeldOn: fiveInOneMeetings.heldOn,
      meetingTitle: fiveInOneMeetings.title,
      communityName: communities.name,
    })
    .from(fiveInOneIssues)
    .innerJoin(fiveInOneMeetings, eq(fiveInOneMeetings.id, fiveInOneIssues.meetingId))
    .innerJoin(communities, eq(communities.id, fiveInOneIssues.communityId))
    .where(
      and(
        scopeFilter(actor, 'five_in_one.read', {
          streetId: fiveInOneIssues.streetId,
          communityId: fiveInOneIssues.communityId,
        }),
        q.communityId ? eq(fiveInOneIssues.communityId, q.communityId) : undefined,
        q.status ? eq(fiveInOneIssues.status, q.status) : undefined,
        q.overdue === true
          ? sql`${fiveInOneIssues.status} = 'open' and ${fiveInOneIssues.dueOn} < ${today}::date`
          : q.overdue === false
            ? sql`not (${fiveInOneIssues.status} = 'open' and ${fiveInOneIssues.dueOn} < ${today}::date)`
            : undefined,
        afterId === null ? undefined : lt(fiveInOneIssues.id, afterId),
      ),
    )
    .orderBy(desc(fiveInOneIssues.id))
    .limit(q.limit + 1);
}

// ---------------------------------------------------------------------------------------------
// Liaison events and training

export function listLiaison(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; limit: number },
  afterId: number | null,
) {
  return db
    .select({
      id: liaisonEvents.id,
      streetId: liaisonEvents.streetId,
      streetName: streets.name,
      heldOn: liaisonEvents.heldOn,
      title: liaisonEvents.title,
      kind: liaisonEvents.kind,
      notes: liaisonEvents.notes,
      committees: sql<{ id: number; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', oc.id, 'name', oc.name) order by oc.id)
        from owners_committee oc where oc.id = any(${liaisonEvents.ownersCommitteeIds})), '[]'::json)`,
    })
    .from(liaisonEvents)
    .innerJoin(streets, eq(streets.id, liaisonEvents.streetId))
    .where(
      and(
        scopeFilter(actor, 'liaison.read', { streetId: liaisonEvents.streetId }),
        q.streetId ? eq(liaisonEvents.streetId, q.streetId) : undefined,
        afterId === null ? undefined : lt(liaisonEvents.id, afterId),
      ),
    )
    .orderBy(desc(liaisonEvents.id))
    .limit(q.limit + 1);
}
export type LiaisonRow = Awaited<ReturnType<typeof listLiaison>>[number];

export async function insertLiaison(tx: Executor, values: typeof liaisonEvents.$inferInsert) {
  const [row] = await tx.insert(liaisonEvents).values(values).returning();
  return row!;
}

/** Of `ids`, those that are owners' committees of the street. */
export async function committeesOfStreet(db: Executor, streetId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: ownersCommittees.id })
    .from(ownersCommittees)
    .where(and(eq(ownersCommittees.streetId, streetId), inArray(ownersCommittees.id, [...ids])));
}

export function streetInScope(db: Executor, actor: Actor, permission: Permission, streetId: number) {
  return db
    .select({ id: streets.id, name: streets.name, districtId: streets.districtId })
    .from(streets)
    .where(and(eq(streets.id, streetId), scopeFilter(actor, permission, { streetId: streets.id })))
    .then((r) => r[0]);
}

function trainingFilter(actor: Actor, q: { streetId?: number; group?: string; year?: number }): SQL {
  // district-wide sessions (no street) are seen by everyone who may read training records
  const scope = or_(
    scopeFilter(actor, 'training.read', { streetId: trainingRecords.streetId }),
    actor.can('training.read') ? sql`${trainingRecords.streetId} is null` : sql`false`,
  );
  return and(
    scope,
    q.streetId ? eq(trainingRecords.streetId, q.streetId) : undefined,
    q.group ? eq(trainingRecords.audience, q.group) : undefined,
    q.year ? sql`extract(year from ${trainingRecords.heldOn}) = ${q.year}` : undefined,
  )!;
}

function or_(a: SQL, b: SQL): SQL {
  return sql`(${a} or ${b})`;
}

export function listTraining(
  db: Executor,
  actor: Actor,
  q: { streetId?: number; group?: string; year?: number; limit: number },
  afterId: number | null,
) {
  return db
    .select({
      id: trainingRecords.id,
      streetId: trainingRecords.streetId,
      streetName: streets.name,
      audience: trainingRecords.audience,
      title: trainingRecords.title,
      heldOn: trainingRecords.heldOn,
      hours: trainingRecords.hours,
      attendees: trainingRecords.attendees,
      trainer: trainingRecords.trainer,
      notes: trainingRecords.notes,
    })
    .from(trainingRecords)
    .leftJoin(streets, eq(streets.id, trainingRecords.streetId))
    .where(and(trainingFilter(actor, q), afterId === null ? undefined : lt(trainingRecords.id, afterId)))
    .orderBy(desc(trainingRecords.id))
    .limit(q.limit + 1);
}
export type TrainingRow = Awaited<ReturnType<typeof listTraining>>[number];

export async function insertTraining(tx: Executor, values: typeof trainingRecords.$inferInsert) {
  const [row] = await tx.insert(trainingRecords).values(values).returning();
  return row!;
}

/** Sessions, hours (Σ) and person-hours (Σ hours × attendees) per group, in tenths of hours. */
export function trainingTotals(db: Executor, actor: Actor, q: { year: number; streetId?: number }) {
  return db
    .select({
      audience: trainingRecords.audience,
      sessions: sql<number>`count(*)::int`,
      hoursTenths: sql<number>`(sum(${trainingRecords.hours}) * 10)::bigint`,
      attendees: sql<number>`sum(${trainingRecords.attendees})::bigint`,
      personHoursTenths: sql<number>`(sum(${trainingRecords.hours} * ${trainingRecords.attendees}) * 10)::bigint`,
    })
    .from(trainingRecords)
    .where(trainingFilter(actor, q))
    .groupBy(trainingRecords.audience);
}

export { inList };

export function personIdOfUser(db: Executor, userId: number) {
  return db
    .execute<{ person_id: number | null }>(sql`select person_id from user_account where id = ${userId}`)
    .then((r) => r.rows[0]?.person_id ?? null);
}

export function currentOwnerRows(db: Executor, unitIds: readonly number[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(unitOwners)
    .where(and(inArray(unitOwners.unitId, [...unitIds]), isNull(unitOwners.until)));
}

export async function setMeetingDisclosure(tx: Executor, meetingId: number, disclosureId: number) {
  await tx.update(committeeMeetings).set({ disclosureId }).where(eq(committeeMeetings.id, meetingId));
}
