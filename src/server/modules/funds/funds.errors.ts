import { AppError, fieldError } from '../../platform/errors';

export const fundNotSetUp = () => new AppError('fund.not_set_up', 409);
export const communityNotFound = () => new AppError('not_found', 404, { entity: 'community' });
export const accountNotFound = () => new AppError('not_found', 404, { entity: 'fund_account' });
export const entryNotFound = () => new AppError('not_found', 404, { entity: 'journal_entry' });
export const campaignNotFound = () => new AppError('not_found', 404, { entity: 'recollection' });
export const fundUseNotFound = () => new AppError('not_found', 404, { entity: 'fund_use' });
export const contractNotFound = () => new AppError('not_found', 404, { entity: 'fee_contract' });
export const budgetNotFound = () => new AppError('not_found', 404, { entity: 'fee_budget' });

export const schemeMismatch = () => fieldError('body.scheme', 'scheme_mismatch');
export const rateOutOfRange = (path: string, min: number, max: number) =>
  fieldError(path, 'rate_out_of_range', { minimum: min, maximum: max });
export const belowMinimum = (path: string, minimum: number) => fieldError(path, 'below_minimum', { minimum });
export const unknownUnit = (path: string) => fieldError(path, 'unknown_unit');
export const unknownBuilding = (path: string) => fieldError(path, 'unknown_building');
export const alreadyDeposited = (path: string) => fieldError(path, 'already_deposited');
export const duplicateUnit = (path: string) => fieldError(path, 'duplicate_unit');
export const nothingToDeposit = () => fieldError('body.unitIds', 'nothing_to_deposit');
export const insufficientBalance = (availableFen: number) =>
  new AppError('fund.insufficient_balance', 409, { available: availableFen });
export const insufficientUnitBalance = (units: number) =>
  new AppError('fund.insufficient_unit_balance', 409, { units });
export const developerShareNotOpen = () => new AppError('fund.developer_share_not_uncollected', 409);
export const notSoldPublic = () => new AppError('fund.merge_not_sold_public', 409);
export const alreadyMerged = () => new AppError('fund.already_merged', 409);
export const noUnits = () => new AppError('fund.no_units', 409);

export const voteNotPassed = (path = 'body.voteId') => fieldError(path, 'vote_not_passed');
/** 续筹: the vote is of another community, another matter, or only some buildings */
export const voteScopeMismatch = () => fieldError('body.voteId', 'vote_scope_mismatch');
/** 续筹: one passed vote backs one campaign */
export const voteAlreadyBacksCampaign = () => fieldError('body.voteId', 'vote_already_backs_campaign');
export const recollectionTooLong = () => fieldError('body.deadlineOn', 'recollection_too_long', { years: 3 });
export const deadlineBeforeStart = () => fieldError('body.deadlineOn', 'date_order');
export const noDepletedUnits = () => fieldError('body.scope', 'no_depleted_units');
export const campaignNotActive = () => new AppError('recollection.not_active', 409);
export const notInCampaign = () => fieldError('body.unitId', 'not_in_campaign');
export const exceedsRemaining = (remaining: number) =>
  fieldError('body.amountFen', 'exceeds_remaining', { maximum: remaining });

export const invalidTransition = (action: string, status: string) =>
  new AppError('fund_use.invalid_transition', 409, { action, status });
export const fundUseVoteNotPassed = () => new AppError('fund_use.vote_not_passed', 409);
export const normalPathNeedsOwnersCommittee = () =>
  new AppError('fund_use.normal_needs_owners_committee', 403);
export const exceedsBudget = () => fieldError('body.approvedFen', 'exceeds_budget');
export const exceedsApproved = (remaining: number) =>
  fieldError('body.amountFen', 'exceeds_approved', { maximum: remaining });
export const noteRequired = () => fieldError('body.note', 'required');
export const emergencyEvidenceRequired = () =>
  fieldError('body.evidenceFileIds', 'emergency_evidence_required');
export const unknownCase = () => fieldError('body.caseId', 'unknown_case');
export const unknownHazard = () => fieldError('body.hazardId', 'unknown_hazard');
/** the case or hazard behind a fund use is of another community */
export const sourceOtherCommunity = (path: 'body.caseId' | 'body.hazardId') =>
  fieldError(path, 'source_other_community');

export const notPropertyCompany = () => fieldError('body.propertyOrgId', 'unknown_property_company');
export const commissionTermsRequired = (path: string) => fieldError(path, 'required');
export const commissionOnlyField = (path: string) => fieldError(path, 'commission_only');
export const contractDates = () => fieldError('body.endOn', 'date_order');
export const notCommission = () => new AppError('fees.not_commission', 409);
export const contractEnded = () => new AppError('fees.contract_ended', 409);
export const categoryKind = (path = 'body.category') => fieldError(path, 'category_kind');
export const majorRepairFromFund = (path = 'body.category') => fieldError(path, 'major_repair_from_fund');
export const outsideContract = (path: string) => fieldError(path, 'outside_contract');
export const periodNotOver = () => fieldError('body.period', 'period_not_over');
export const alreadyDisclosed = () => new AppError('fees.already_disclosed', 409);
export const budgetExists = () => new AppError('fees.budget_exists', 409);
export const budgetApproved = () => new AppError('fees.budget_approved', 409);
