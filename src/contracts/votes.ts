import { z } from 'zod';
import { cursorParam, dateString, langParam, listLimit, page, ref } from './owners';

// Owner votes (业主表决), SPEC 5.5: which matter needs what, under the rule in force on the day the
// vote opens. The web shows these requirements next to each vote; the server tallies with them.

export const votesGrants = {
  'votes.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
    resident: 'place',
  },
  /** draft, open and close votes, enter paper ballots: the owners' committee of the community */
  'votes.manage': { owners_committee: 'place' },
  /**
   * record a vote held on paper before (an owners' assembly): the owners' committee, and the street's
   * housing office and the district housing bureau, who keep the files of past assemblies
   */
  'votes.record': { owners_committee: 'place', street: 'place', district_admin: 'district' },
  /** cast one's own ballot online */
  'votes.cast': { resident: 'place' },
  /** the roll and the ballots unit by unit */
  'votes.roll': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
  'votes.export': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    owners_committee: 'place',
  },
} as const;

export const matterTypes = [
  'rules_of_procedure', // 制定和修改业主大会议事规则
  'management_rules', // 制定和修改管理规约
  'elect_committee', // 选举业主委员会或者更换业主委员会成员
  'property_company', // 选聘和解聘物业服务企业或者其他管理人
  'use_fund', // 使用建筑物及其附属设施的维修资金
  'raise_fund', // 筹集建筑物及其附属设施的维修资金
  'rebuild', // 改建、重建建筑物及其附属设施
  'change_common_use', // 改变共有部分的用途或者利用共有部分从事经营活动
  'other', // 有关共有和共同管理权利的其他重大事项
] as const;
export type MatterType = (typeof matterTypes)[number];

/** Property Law (物权法, 2007) art. 76 before 2021-01-01; Civil Code (民法典) art. 278 from then. */
export const ruleSets = ['property_law_2007', 'civil_code_2021'] as const;
export type RuleSet = (typeof ruleSets)[number];
export const CIVIL_CODE_EFFECTIVE = '2021-01-01';

export function ruleSetOn(isoDate: string): RuleSet {
  return isoDate < CIVIL_CODE_EFFECTIVE ? 'property_law_2007' : 'civil_code_2021';
}

/** A share `num/den` that must be reached (`≥`) or passed (`>`, strict) of a base. */
export interface Threshold {
  num: number;
  den: number;
  strict: boolean;
}
export interface VoteRequirement {
  /** both area and owner count of those who voted against the totals; null when the law sets none */
  quorum: Threshold | null;
  /** `for` votes against the participating (Civil Code) or the total (Property Law) area and owners */
  approval: Threshold & { base: 'participating' | 'total' };
}

const twoThirds: Threshold = { num: 2, den: 3, strict: false };
const threeQuarters: Threshold = { num: 3, den: 4, strict: false };
const moreThanHalf: Threshold = { num: 1, den: 2, strict: true };

/** "以上" includes the number itself (Civil Code art. 1259): 2/3 and 3/4 are reached at exactly 2/3, 3/4. */
export function requirementFor(ruleSet: RuleSet, matter: MatterType): VoteRequirement {
  if (ruleSet === 'civil_code_2021') {
    const special = matter === 'raise_fund' || matter === 'rebuild' || matter === 'change_common_use';
    return {
      quorum: twoThirds,
      approval: { ...(special ? threeQuarters : moreThanHalf), base: 'participating' },
    };
  }
  const special = matter === 'raise_fund' || matter === 'use_fund' || matter === 'rebuild';
  return { quorum: null, approval: { ...(special ? twoThirds : moreThanHalf), base: 'total' } };
}

export const voteStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
export type VoteStatus = (typeof voteStatuses)[number];
export const ballotChoices = ['for', 'against', 'abstain'] as const;
export type BallotChoice = (typeof ballotChoices)[number];
export const ballotChannels = ['online', 'paper'] as const;
/** a result stays on the disclosure board at least this long (SPEC 5.5) */
export const MIN_PUBLICITY_DAYS = 7;

const thresholdView = z.object({ num: z.number(), den: z.number(), strict: z.boolean() });
export const requirementView = z.object({
  quorum: thresholdView.nullable(),
  approval: thresholdView.extend({ base: z.enum(['participating', 'total']) }),
});

/** an exact share: `value` is the reduced fraction "p/q"; `percent` is for display only */
const ratio = z.object({ value: z.string(), percent: z.string(), met: z.boolean() });
const count = z.object({ area: z.string(), owners: z.string(), units: z.number() });

export const tallyView = z.object({
  ruleSet: z.enum(ruleSets),
  matterType: z.enum(matterTypes),
  requirement: requirementView,
  total: count,
  participating: count,
  for: count,
  against: count,
  abstain: count,
  quorum: z.object({ area: ratio, owners: ratio, met: z.boolean() }).nullable(),
  approval: z.object({ area: ratio, owners: ratio, met: z.boolean() }),
  passed: z.boolean(),
});
export type TallyView = z.infer<typeof tallyView>;

export const voteSummary = z.object({
  id: z.number(),
  community: ref,
  title: z.string(),
  matterType: z.enum(matterTypes),
  status: z.enum(voteStatuses),
  ruleSet: z.enum(ruleSets).nullable(),
  openedOn: z.string().nullable(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  passed: z.boolean().nullable(),
  publicUntil: z.string().nullable(),
  rollUnits: z.number(),
  ballots: z.number(),
  fundUseId: z.number().nullable(),
  /** held on paper and entered afterwards (补录): the assembly day and when it was recorded */
  recorded: z.object({ assemblyOn: z.string(), recordedAt: z.string() }).nullable(),
});
export type VoteSummary = z.infer<typeof voteSummary>;

export const voteListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  streetId: z.coerce.number().int().positive().optional(),
  status: z.enum(voteStatuses).optional(),
  matterType: z.enum(matterTypes).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export type VoteListQuery = z.infer<typeof voteListQuery>;
export const voteExportQuery = voteListQuery.omit({ limit: true, cursor: true }).extend({ lang: langParam });
export const votePage = page(voteSummary);

export const myBallotView = z.object({
  unitId: z.number(),
  unitLabel: z.string(),
  choice: z.enum(ballotChoices).nullable(),
  channel: z.enum(ballotChannels).nullable(),
  castAt: z.string().nullable(),
  canCast: z.boolean(),
});

export const voteDocument = z.object({ id: z.number(), name: z.string(), mime: z.string() });

export const voteDetail = voteSummary.extend({
  description: z.string(),
  /** the buildings whose owners vote (a fund use shared by some buildings); empty: the whole community */
  buildings: z.array(ref),
  /** what the owners read before voting: the plan, quotes, drawings */
  documents: z.array(voteDocument),
  requirement: requirementView,
  /** the result as published at closing; null while the vote is not closed */
  result: tallyView.nullable(),
  /** the caller's units on the roll (residents) */
  myUnits: z.array(myBallotView),
  /** what happened to the vote, in order; a recorded vote says when it was entered after the fact */
  history: z.array(
    z.object({
      event: z.enum(['created', 'assembly', 'opened', 'closed', 'recorded']),
      /** a calendar day (assembly, the ballot period of a recorded vote) or an instant */
      at: z.string(),
    }),
  ),
  version: z.number(),
  abilities: z.object({
    edit: z.boolean(),
    open: z.boolean(),
    close: z.boolean(),
    enterPaperBallot: z.boolean(),
    viewRoll: z.boolean(),
  }),
});
export type VoteDetail = z.infer<typeof voteDetail>;

export const createVoteBody = z.strictObject({
  communityId: z.number().int().positive(),
  title: z.string().trim().min(2).max(200),
  matterType: z.enum(matterTypes),
  description: z.string().trim().max(20000).default(''),
  closesAt: z.iso.datetime({ offset: true }),
  /** uploaded first through POST /files; published to the owners when the vote opens */
  documentFileIds: z.array(z.number().int().positive()).max(10).default([]),
});
export type CreateVoteBody = z.infer<typeof createVoteBody>;

/** one paper ballot of a vote held before: who signed it, on which day, and its scan */
export const heldBallot = z.strictObject({
  unitId: z.number().int().positive(),
  choice: z.enum(ballotChoices),
  castOn: dateString,
  signedBy: z.string().trim().min(1).max(50),
  /** the scan, uploaded first through POST /files; one scanned bundle may hold several ballots */
  scanFileId: z.number().int().positive(),
});
/**
 * A vote that was held on paper (an owners' assembly) and is recorded after the fact: tallied by the
 * law in force on the first day of its ballot period, and published as recorded.
 */
export const recordHeldVoteBody = z.strictObject({
  communityId: z.number().int().positive(),
  title: z.string().trim().min(2).max(200),
  matterType: z.enum(matterTypes),
  description: z.string().trim().max(20000).default(''),
  assemblyOn: dateString,
  opensOn: dateString,
  closesOn: dateString,
  ballots: z.array(heldBallot).min(1).max(5000),
  documentFileIds: z.array(z.number().int().positive()).max(10).default([]),
  publicityDays: z.number().int().min(1).max(365).default(MIN_PUBLICITY_DAYS),
});
export type RecordHeldVoteBody = z.infer<typeof recordHeldVoteBody>;

export const versionBody = z.strictObject({ version: z.number().int().nonnegative() });
export const closeVoteBody = z.strictObject({
  version: z.number().int().nonnegative(),
  /** how long the result stays on the disclosure board: at least 7 days */
  publicityDays: z.number().int().min(1).max(365).default(MIN_PUBLICITY_DAYS),
});

export const castBallotBody = z.strictObject({
  unitId: z.number().int().positive(),
  choice: z.enum(ballotChoices),
});
export const paperBallotBody = z.strictObject({
  unitId: z.number().int().positive(),
  choice: z.enum(ballotChoices),
  /** the scanned paper ballot, uploaded first through POST /files */
  scanFileId: z.number().int().positive(),
  signedBy: z.string().trim().min(1).max(50),
});
export type PaperBallotBody = z.infer<typeof paperBallotBody>;

export const ballotView = z.object({
  id: z.number(),
  unitId: z.number(),
  choice: z.enum(ballotChoices),
  channel: z.enum(ballotChannels),
  castAt: z.string(),
});

export const rollItem = z.object({
  unitId: z.number(),
  building: z.string(),
  number: z.string(),
  exclusiveArea: z.string(),
  ownerKey: z.string(),
  ballot: z
    .object({
      choice: z.enum(ballotChoices),
      channel: z.enum(ballotChannels),
      castAt: z.string(),
      scanFileId: z.number().nullable(),
      signedBy: z.string().nullable(),
    })
    .nullable(),
});
export const rollQuery = z.strictObject({
  voted: z.enum(['true', 'false']).optional(),
  /** building or unit number, e.g. "2号" or "0301" */
  q: z.string().trim().max(50).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
export const rollExportQuery = z.strictObject({ lang: langParam });
export const rollPage = page(rollItem);

/** the stored result next to a fresh tally of the stored ballots: they must agree */
export const reproduceView = z.object({
  stored: tallyView.nullable(),
  recomputed: tallyView,
  reproducible: z.boolean(),
});

export const myVotesView = z.object({ items: z.array(voteDetail) });
export { dateString };
