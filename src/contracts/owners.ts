import { z } from 'zod';
import { areaString } from './org';

// ---------------------------------------------------------------------------------------------
// Shared scalars of the owners' self-governance domains (owners, votes, funds, mediation)

export const dateString = z.iso.date();
/** money in integer fen (分) */
export const fen = z.number().int().min(0).max(1e13);
export const positiveFen = z.number().int().min(1).max(1e13);
export const listLimit = z.coerce.number().int().min(1).max(200).default(50);
export const cursorParam = z.string().max(200).optional();
export const langParam = z.enum(['zh-CN', 'en-US']).optional();
export const ref = z.object({ id: z.number(), name: z.string() });
export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number() });

// ---------------------------------------------------------------------------------------------
// Grants

const staffReaders = {
  district_admin: 'district',
  district_leader: 'district',
  street: 'place',
  committee: 'place',
  owners_committee: 'place',
} as const;

export const ownersGrants = {
  /** the owner register with masked phone and ID numbers */
  'owners.read': staffReaders,
  'owners.manage': { district_admin: 'district', street: 'place', owners_committee: 'place' },
  /** unmasked phone and ID numbers; every view is audited */
  'owners.reveal': { district_admin: 'district', street: 'place', owners_committee: 'place' },
  'owners.export': staffReaders,
  'owners_committee.read': { ...staffReaders, property: 'place', resident: 'place' },
  /** members, evidence of the eight systems, meetings: the committee itself and its street */
  'owners_committee.manage': { district_admin: 'district', street: 'place', owners_committee: 'place' },
  /** register a committee's term and its filing (备案): the street's housing office and the district */
  'owners_committee.register': { district_admin: 'district', street: 'place' },
  /** guidance: review the evidence of the eight systems (residents' committee, street, district) */
  'owners_committee.guide': { district_admin: 'district', street: 'place', committee: 'place' },
  'disclosures.read': { ...staffReaders, property: 'place', resident: 'place' },
  'disclosures.publish': {
    district_admin: 'district',
    street: 'place',
    owners_committee: 'place',
    property: 'place',
  },
  'five_in_one.read': { ...staffReaders, property: 'place' },
  'five_in_one.manage': { district_admin: 'district', street: 'place', committee: 'place' },
  'liaison.read': staffReaders,
  'liaison.manage': { district_admin: 'district', street: 'place' },
  'training.read': staffReaders,
  'training.manage': { district_admin: 'district', street: 'place' },
  /** the resident's own units, votes, fund balance and disclosures (/m) */
  'me.read': { resident: 'place' },
} as const;

// ---------------------------------------------------------------------------------------------
// Units and owners

export const ownerKinds = ['person', 'developer'] as const;
/** how a unit stands for the owner count of SPEC 5.5 */
export const unitOwnershipStatuses = [
  'owned',
  'developer_unsold',
  'developer_undelivered',
  'unrecorded',
] as const;
export type UnitOwnershipStatus = (typeof unitOwnershipStatuses)[number];

export const ownerView = z.object({
  id: z.number(),
  kind: z.enum(ownerKinds),
  personId: z.number().nullable(),
  organizationId: z.number().nullable(),
  name: z.string(),
  /** masked unless revealed (138****5678) */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  delivered: z.boolean(),
  since: z.string().nullable(),
});
export type OwnerView = z.infer<typeof ownerView>;

export const ownerUnit = z.object({
  unitId: z.number(),
  community: ref,
  building: ref,
  number: z.string(),
  floor: z.number(),
  exclusiveArea: z.string(),
  use: z.string(),
  status: z.enum(unitOwnershipStatuses),
  owners: z.array(ownerView),
  /** units with the same key count as one owner (SPEC 5.5) */
  ownerKey: z.string(),
});
export type OwnerUnit = z.infer<typeof ownerUnit>;

export const ownerUnitListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive(),
  buildingId: z.coerce.number().int().positive().optional(),
  status: z.enum(unitOwnershipStatuses).optional(),
  /** only units of buyers who hold more than one unit */
  multiUnit: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type OwnerUnitListQuery = z.infer<typeof ownerUnitListQuery>;
export const ownerUnitExportQuery = ownerUnitListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const ownerUnitPage = page(ownerUnit);

export const ownerUnitDetail = ownerUnit.extend({
  abilities: z.object({ edit: z.boolean(), reveal: z.boolean() }),
});

export const unitParam = z.strictObject({ unitId: z.coerce.number().int().positive() });
export const personParam = z.strictObject({ personId: z.coerce.number().int().positive() });

/** GB 11643 resident ID number: 17 digits and a check character. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === value[17];
}
export const idNumberString = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isValidIdNumber, { message: 'id_number' });
export const phoneString = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: 'phone' });

export const ownerInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: idNumberString,
  phone: phoneString.optional(),
});

export const setUnitOwnersBody = z.strictObject({
  since: dateString,
  /** the developer's unsold unit, or a sold unit not yet delivered to its buyer */
  developer: z.enum(['unsold', 'undelivered']).nullable().default(null),
  owners: z.array(ownerInput).max(10),
});
export type SetUnitOwnersBody = z.infer<typeof setUnitOwnersBody>;

export const ownerPerson = z.object({
  personId: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  units: z.array(
    z.object({
      unitId: z.number(),
      community: ref,
      building: ref,
      number: z.string(),
      exclusiveArea: z.string(),
      coOwners: z.number(),
      since: z.string().nullable(),
    }),
  ),
  abilities: z.object({ reveal: z.boolean() }),
});

export const ownerContact = z.object({
  personId: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});

export const ownerSummary = z.object({
  communityId: z.number(),
  units: z.number(),
  exclusiveArea: z.string(),
  /** owner count of SPEC 5.5: developer's units as one, each buyer once */
  ownerCount: z.number(),
  developerUnits: z.number(),
  developerArea: z.string(),
  multiUnitBuyers: z.number(),
  coOwnedUnits: z.number(),
  unrecordedUnits: z.number(),
});

/** Column headers of the owner import workbook, by locale key under `owners:import.column`. */
export const ownerImportColumns = ['building', 'unit', 'name', 'idNumber', 'phone', 'type', 'since'] as const;
export const ownerImportTypes = ['owner', 'developer_unsold', 'developer_undelivered'] as const;

export const ownerImportResult = z.object({
  rows: z.number(),
  units: z.number(),
  owners: z.number(),
  personsCreated: z.number(),
});

export const communityParam = z.strictObject({ communityId: z.coerce.number().int().positive() });

// ---------------------------------------------------------------------------------------------
// Owners' committees (业主委员会, SPEC 5.10)

export const MAX_TERM_YEARS = 5;
/** reminders before a term ends, in days: the street starts the re-election (换届) six months ahead */
export const reelectionReminderDays = [180, 90, 30] as const;

export const committeeOffices = ['director', 'deputy_director', 'member', 'alternate'] as const;
/** the eight operating systems of seed 二(三)4 */
export const committeeSystems = [
  'reception', // 定期接待
  'regular_meetings', // 例会
  'annual_report', // 年度工作报告
  'major_matters', // 重大事项报告
  'owner_evaluation', // 业主评议
  'information_disclosure', // 信息公开
  'fund_disclosure', // 维修资金使用和账目公开公示
  'archives', // 档案管理
] as const;
export type CommitteeSystem = (typeof committeeSystems)[number];
/** evidence counts towards compliance for this many days after its date */
export const EVIDENCE_VALID_DAYS = 365;
export const evidenceStatuses = ['pending', 'accepted', 'rejected'] as const;
export const committeeStatuses = ['active', 'ended', 'dissolved'] as const;

const complianceView = z.object({
  compliant: z.number(),
  total: z.number(),
  /** "6/8" as a percentage with one decimal, for display only */
  percent: z.string(),
});

export const ownersCommitteeSummary = z.object({
  id: z.number(),
  community: ref,
  street: ref,
  name: z.string(),
  status: z.enum(committeeStatuses),
  electedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  daysToTermEnd: z.number(),
  reelectionDue: z.boolean(),
  memberCount: z.number(),
  crossAppointedCount: z.number(),
  compliance: complianceView,
});
export type OwnersCommitteeSummary = z.infer<typeof ownersCommitteeSummary>;

export const ownersCommitteeListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  status: z.enum(committeeStatuses).optional(),
  /** only committees whose term ends within this many days (or has ended) */
  termEndsWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type OwnersCommitteeListQuery = z.infer<typeof ownersCommitteeListQuery>;
export const ownersCommitteeExportQuery = ownersCommitteeListQuery
  .omit({ limit: true, cursor: true })
  .extend({ lang: langParam });
export const ownersCommitteePage = page(ownersCommitteeSummary);

export const committeeMember = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  unit: z.object({ id: z.number(), label: z.string() }).nullable(),
  office: z.enum(committeeOffices),
  termStart: z.string(),
  termEnd: z.string(),
  /** also a member of the residents' committee (交叉任职) */
  crossAppointed: z.boolean(),
  crossAppointedRole: z.string().nullable(),
  leftOn: z.string().nullable(),
  version: z.number(),
});

export const committeeEvidence = z.object({
  id: z.number(),
  system: z.enum(committeeSystems),
  title: z.string(),
  evidenceOn: z.string(),
  file: z.object({ id: z.number(), name: z.string() }).nullable(),
  note: z.string().nullable(),
  reviewStatus: z.enum(evidenceStatuses),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

export const ownersCommitteeDetail = ownersCommitteeSummary.extend({
  version: z.number(),
  members: z.array(committeeMember),
  systems: z.array(
    z.object({
      system: z.enum(committeeSystems),
      compliant: z.boolean(),
      lastEvidenceOn: z.string().nullable(),
      evidence: z.array(committeeEvidence),
    }),
  ),
  reminders: z.array(z.object({ kind: z.string(), termEnd: z.string(), createdAt: z.string() })),
  abilities: z.object({
    edit: z.boolean(),
    manageMembers: z.boolean(),
    addEvidence: z.boolean(),
    reviewEvidence: z.boolean(),
    addMeeting: z.boolean(),
  }),
});
export type OwnersCommitteeDetail = z.infer<typeof ownersCommitteeDetail>;

export const createOwnersCommitteeBody = z.strictObject({
  communityId: z.number().int().positive(),
  name: z.string().trim().min(2).max(100),
  electedOn: dateString,
  termStart: dateString,
  termEnd: dateString,
  filedOn: dateString.optional(),
});
export type CreateOwnersCommitteeBody = z.infer<typeof createOwnersCommitteeBody>;

export const patchOwnersCommitteeBody = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(2).max(100).optional(),
  termEnd: dateString.optional(),
  filedOn: dateString.nullable().optional(),
  status: z.enum(committeeStatuses).optional(),
});
export type PatchOwnersCommitteeBody = z.infer<typeof patchOwnersCommitteeBody>;

export const addMemberBody = z.strictObject({
  /** an owner of a unit of the community */
  personId: z.number().int().positive(),
  office: z.enum(committeeOffices),
  termStart: dateString.optional(),
  termEnd: dateString.optional(),
  crossAppointed: z.boolean().default(false),
  crossAppointedRole: z.string().trim().max(50).optional(),
});
export type AddMemberBody = z.infer<typeof addMemberBody>;

export const patchMemberBody = z.strictObject({
  version: z.number().int().nonnegative(),
  office: z.enum(committeeOffices).optional(),
  crossAppointed: z.boolean().optional(),
  crossAppointedRole: z.string().trim().max(50).nullable().optional(),
  leftOn: dateString.nullable().optional(),
});
export type PatchMemberBody = z.infer<typeof patchMemberBody>;
export const memberParam = z.strictObject({
  id: z.coerce.number().int().positive(),
  memberId: z.coerce.number().int().positive(),
});

export const addEvidenceBody = z.strictObject({
  system: z.enum(committeeSystems),
  title: z.string().trim().min(2).max(200),
  evidenceOn: dateString,
  fileId: z.number().int().positive().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type AddEvidenceBody = z.infer<typeof addEvidenceBody>;
export const reviewEvidenceBody = z.strictObject({
  status: z.enum(['accepted', 'rejected']),
  note: z.string().trim().max(500).optional(),
});
export const evidenceParam = z.strictObject({
  id: z.coerce.number().int().positive(),
  evidenceId: z.coerce.number().int().positive(),
});

export const complianceQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
});
export const complianceReport = z.object({
  asOf: z.string(),
  committees: z.number(),
  compliant: z.number(),
  total: z.number(),
  /** 运作规范率: systems evidenced over systems required, across the committees in view */
  percent: z.string(),
  /** committees with all eight systems evidenced */
  fullyCompliant: z.number(),
  bySystem: z.array(z.object({ system: z.enum(committeeSystems), compliant: z.number() })),
  byStreet: z.array(
    z.object({ street: ref, committees: z.number(), compliant: z.number(), percent: z.string() }),
  ),
});

export const reminderListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const reminderView = z.object({
  id: z.number(),
  committee: ref,
  community: ref,
  kind: z.string(),
  termEnd: z.string(),
  createdAt: z.string(),
});
export const reminderPage = page(reminderView);

export const meetingKinds = ['regular', 'extraordinary', 'owners_assembly'] as const;
export const committeeMeeting = z.object({
  id: z.number(),
  committeeId: z.number(),
  kind: z.enum(meetingKinds),
  heldOn: z.string(),
  title: z.string(),
  attendees: z.number(),
  minutes: z.string(),
  minutesFile: z.object({ id: z.number(), name: z.string() }).nullable(),
  disclosureId: z.number().nullable(),
});
export const committeeMeetingPage = page(committeeMeeting);
export const addMeetingBody = z.strictObject({
  kind: z.enum(meetingKinds),
  heldOn: dateString,
  title: z.string().trim().min(2).max(200),
  attendees: z.number().int().min(0).max(100000),
  minutes: z.string().trim().min(1).max(20000),
  minutesFileId: z.number().int().positive().optional(),
  /** publish the minutes on the community's disclosure board */
  disclose: z.boolean().default(false),
});
export type AddMeetingBody = z.infer<typeof addMeetingBody>;
export const pageQuery = z.strictObject({ limit: listLimit, cursor: cursorParam });

// ---------------------------------------------------------------------------------------------
// Disclosures (公示)

export const disclosureCategories = [
  'notice',
  'meeting_minutes',
  'vote_result',
  'fund_use',
  'fund_accounts',
  'fee_accounts',
  'fee_budget',
  'annual_report',
] as const;
export type DisclosureCategory = (typeof disclosureCategories)[number];

export const disclosureView = z.object({
  id: z.number(),
  community: ref,
  category: z.enum(disclosureCategories),
  title: z.string(),
  body: z.string(),
  data: z.unknown().nullable(),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string() })),
  source: z.object({ type: z.string(), id: z.number(), period: z.string().nullable() }).nullable(),
  publishedAt: z.string(),
  visibleUntil: z.string().nullable(),
  publishedBy: z.string(),
});
export type DisclosureView = z.infer<typeof disclosureView>;
export const disclosureListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  category: z.enum(disclosureCategories).optional(),
  /** only those still on the board today */
  current: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type DisclosureListQuery = z.infer<typeof disclosureListQuery>;
export const disclosurePage = page(disclosureView);
export const publishDisclosureBody = z.strictObject({
  communityId: z.number().int().positive(),
  category: z.enum(['notice', 'meeting_minutes', 'annual_report', 'fund_accounts']),
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().min(1).max(20000),
  attachmentFileIds: z.array(z.number().int().positive()).max(10).default([]),
  visibleUntil: dateString.optional(),
});
export type PublishDisclosureBody = z.infer<typeof publishDisclosureBody>;

// ---------------------------------------------------------------------------------------------
// Five-in-one meetings (五位一体), liaison events (联谊会), training

export const fiveInOneParties = [
  'residents_committee',
  'owners_committee',
  'property_company',
  'police',
  'housing_office',
] as const;
export const fiveInOneIssue = z.object({
  id: z.number(),
  title: z.string(),
  responsibleParty: z.enum(fiveInOneParties),
  dueOn: z.string(),
  status: z.enum(['open', 'resolved']),
  resolvedOn: z.string().nullable(),
  overdue: z.boolean(),
  followUps: z.array(z.object({ id: z.number(), note: z.string(), at: z.string(), by: z.string() })),
});
export const fiveInOneMeeting = z.object({
  id: z.number(),
  community: ref,
  heldOn: z.string(),
  title: z.string(),
  parties: z.array(z.enum(fiveInOneParties)),
  minutes: z.string(),
  issues: z.array(fiveInOneIssue),
  abilities: z.object({ followUp: z.boolean() }),
});
export const fiveInOneListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  streetId: z.coerce.number().int().positive().optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const fiveInOneMeetingPage = page(fiveInOneMeeting);
export const addFiveInOneMeetingBody = z.strictObject({
  communityId: z.number().int().positive(),
  heldOn: dateString,
  title: z.string().trim().min(2).max(200),
  parties: z.array(z.enum(fiveInOneParties)).min(2).max(5),
  minutes: z.string().trim().min(1).max(20000),
  issues: z
    .array(
      z.strictObject({
        title: z.string().trim().min(2).max(200),
        responsibleParty: z.enum(fiveInOneParties),
        dueOn: dateString,
      }),
    )
    .max(50)
    .default([]),
});
export type AddFiveInOneMeetingBody = z.infer<typeof addFiveInOneMeetingBody>;
export const followUpBody = z.strictObject({
  note: z.string().trim().min(1).max(2000),
  resolve: z.boolean().default(false),
});
export const issueListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  status: z.enum(['open', 'resolved']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const issueListItem = fiveInOneIssue.omit({ followUps: true }).extend({
  meeting: z.object({ id: z.number(), heldOn: z.string(), title: z.string() }),
  community: ref,
});
export const issuePage = page(issueListItem);

export const liaisonKinds = ['exchange', 'training', 'visit', 'forum'] as const;
export const liaisonEvent = z.object({
  id: z.number(),
  street: ref,
  heldOn: z.string(),
  title: z.string(),
  kind: z.enum(liaisonKinds),
  committees: z.array(ref),
  notes: z.string(),
});
export const liaisonListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const liaisonPage = page(liaisonEvent);
export const addLiaisonBody = z.strictObject({
  streetId: z.number().int().positive(),
  heldOn: dateString,
  title: z.string().trim().min(2).max(200),
  kind: z.enum(liaisonKinds),
  ownersCommitteeIds: z.array(z.number().int().positive()).min(1).max(200),
  notes: z.string().trim().max(5000).default(''),
});
export type AddLiaisonBody = z.infer<typeof addLiaisonBody>;

/** the four groups of seed 二(三)3 */
export const trainingGroups = [
  'residents_committee_staff',
  'housing_office_staff',
  'owners_committee_members',
  'property_staff',
] as const;
/** hours in tenths as a decimal string, e.g. "2.5" */
export const hoursString = z.string().regex(/^\d{1,3}(\.\d)?$/, { message: 'hours' });
export const trainingRecord = z.object({
  id: z.number(),
  street: ref.nullable(),
  group: z.enum(trainingGroups),
  title: z.string(),
  heldOn: z.string(),
  hours: z.string(),
  attendees: z.number(),
  trainer: z.string(),
  notes: z.string(),
});
export const trainingListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  group: z.enum(trainingGroups).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const trainingPage = page(trainingRecord);
export const addTrainingBody = z.strictObject({
  /** absent for a district-wide session (district administrators only) */
  streetId: z.number().int().positive().optional(),
  group: z.enum(trainingGroups),
  title: z.string().trim().min(2).max(200),
  heldOn: dateString,
  hours: hoursString,
  attendees: z.number().int().min(1).max(100000),
  trainer: z.string().trim().min(1).max(100),
  notes: z.string().trim().max(5000).default(''),
});
export type AddTrainingBody = z.infer<typeof addTrainingBody>;
export const trainingSummaryQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  streetId: z.coerce.number().int().positive().optional(),
});
export const trainingSummary = z.object({
  year: z.number(),
  groups: z.array(
    z.object({
      group: z.enum(trainingGroups),
      sessions: z.number(),
      hours: z.string(),
      attendees: z.number(),
      /** Σ hours × attendees */
      personHours: z.string(),
    }),
  ),
});

export { areaString };
