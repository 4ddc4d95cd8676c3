import { AppError, fieldError } from '../../platform/errors';

export const caseNotFound = () => new AppError('not_found', 404, { entity: 'case' });
export const invalidTransition = (action: string, state: string) =>
  new AppError('case.invalid_transition', 409, { action, state });
export const actionForbidden = (action: string) => new AppError('case.action_forbidden', 403, { action });
export const idempotencyKeyReused = () => new AppError('idempotency.key_reused', 422);
export const notEnforcement = () => new AppError('case.not_enforcement', 409);
export const required = (field: string) => fieldError(`body.${field}`, 'required');
export const evidenceRequired = () => fieldError('body.attachments', 'evidence_required');
export const unknownFile = (i: number) => fieldError(`body.attachments.${i}.fileId`, 'unknown_file');
export const invalidMergeTarget = () => fieldError('body.intoCaseId', 'invalid_merge_target');
export const unknownUnit = (path: string) => fieldError(path, 'unknown_handling_unit');
export const stageNotAfter = () => fieldError('body.stage', 'stage_not_after');
export const reviewDateNotFuture = () => fieldError('body.reviewDate', 'date_not_future');
export const channelNotAllowed = () => fieldError('body.channel', 'channel_not_allowed');
export const unknownUnitOfCommunity = () => fieldError('body.unitId', 'unknown_unit_of_community');
export const decisionNumberTaken = () => fieldError('body.decisionNumber', 'decision_number_taken');
export const supervisionNotFound = () => new AppError('not_found', 404, { entity: 'supervision_order' });
export const supervisionAlreadyAnswered = () => new AppError('supervision.already_responded', 409);
export const notGroupRenting = () => new AppError('case.not_group_renting', 409);
