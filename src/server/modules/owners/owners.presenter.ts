import type {
  CommitteeSystem,
  DisclosureView,
  OwnersCommitteeSummary,
  OwnerUnit,
  OwnerView,
} from '../../../contracts/owners';
import { committeeSystems, reelectionReminderDays } from '../../../contracts/owners';
import { daysBetween } from '../../platform/dates';
import { ownerKeyOf } from '../votes/votes.tally';
import { complianceOf, evidenceCounts } from './owners.compliance';
import type {
  CommitteeListRow,
  DisclosureListRow,
  EvidenceListRow,
  OwnerRow,
  UnitListRow,
} from './owners.repository';

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 310101199001011234 → 310101********1234 */
export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
}

/** Turns an encrypted field into what the caller may see. */
export type Shown = (sealed: string | null, kind: 'phone' | 'idNumber') => string | null;

export function unitStatus(owners: readonly OwnerRow[]): OwnerUnit['status'] {
  if (owners.some((o) => o.kind === 'developer')) return 'developer_unsold';
  const people = owners.filter((o) => o.kind === 'person');
  if (people.length === 0) return 'unrecorded';
  return people.every((o) => !o.delivered) ? 'developer_undelivered' : 'owned';
}

export function presentOwner(o: OwnerRow, show: Shown): OwnerView {
  return {
    id: o.id,
    kind: o.kind as OwnerView['kind'],
    personId: o.personId,
    organizationId: o.organizationId,
    name: o.name,
    phone: show(o.phoneEnc, 'phone'),
    idNumber: show(o.idNumberEnc, 'idNumber'),
    delivered: o.delivered,
    since: o.since,
  };
}

export function presentOwnerUnit(u: UnitListRow, owners: readonly OwnerRow[], show: Shown): OwnerUnit {
  return {
    unitId: u.unitId,
    community: { id: u.communityId, name: u.communityName },
    building: { id: u.buildingId, name: u.buildingName },
    number: u.number,
    floor: u.floor,
    exclusiveArea: u.exclusiveArea,
    use: u.use,
    status: unitStatus(owners),
    owners: owners.map((o) => presentOwner(o, show)),
    ownerKey: ownerKeyOf({
      unitId: u.unitId,
      developerHeld: owners.some((o) => o.kind === 'developer'),
      owners: owners
        .filter((o) => o.kind === 'person')
        .map((o) => ({ personId: o.personId!, delivered: o.delivered })),
    }),
  };
}

export function presentCommittee(row: CommitteeListRow, today: string): OwnersCommitteeSummary {
  const daysToTermEnd = daysBetween(today, row.termEnd);
  return {
    id: row.id,
    community: { id: row.communityId, name: row.communityName },
    street: { id: row.streetId, name: row.streetName },
    name: row.name,
    status: row.status as OwnersCommitteeSummary['status'],
    electedOn: row.electedOn,
    filedOn: row.filedOn,
    termStart: row.termStart,
    termEnd: row.termEnd,
    daysToTermEnd,
    reelectionDue: row.status === 'active' && daysToTermEnd <= reelectionReminderDays[0],
    memberCount: row.memberCount,
    crossAppointedCount: row.crossAppointedCount,
    compliance: complianceOf(row.compliant),
  };
}

export function presentSystems(evidence: readonly EvidenceListRow[], today: string) {
  return committeeSystems.map((system: CommitteeSystem) => {
    const mine = evidence.filter((e) => e.system === system);
    const counting = mine.filter((e) => evidenceCounts(e, today));
    return {
      system,
      compliant: counting.length > 0,
      lastEvidenceOn: counting[0]?.evidenceOn ?? null,
      evidence: mine.map((e) => ({
        id: e.id,
        system,
        title: e.title,
        evidenceOn: e.evidenceOn,
        file: e.fileId !== null ? { id: e.fileId, name: e.fileName ?? '' } : null,
        note: e.note,
        reviewStatus: e.reviewStatus as 'pending' | 'accepted' | 'rejected',
        reviewNote: e.reviewNote,
        reviewedAt: e.reviewedAt?.toISOString() ?? null,
      })),
    };
  });
}

export function presentDisclosure(d: DisclosureListRow): DisclosureView {
  return {
    id: d.id,
    community: { id: d.communityId, name: d.communityName },
    category: d.category as DisclosureView['category'],
    title: d.title,
    body: d.body,
    data: d.data ?? null,
    attachments: d.attachments,
    source:
      d.sourceType !== null && d.sourceId !== null
        ? { type: d.sourceType, id: d.sourceId, period: d.sourcePeriod }
        : null,
    publishedAt: d.publishedAt.toISOString(),
    visibleUntil: d.visibleUntil,
    publishedBy: d.publishedByLabel,
  };
}
