import { AppError, fieldError } from '../../platform/errors';

export const hazardNotFound = () => new AppError('not_found', 404, { entity: 'hazard' });
export const invalidTransition = (action: string, status: string) =>
  new AppError('hazard.invalid_transition', 409, { action, status });
/** 查抢分离: the team that found a hazard may not be sent to repair it */
export const sameTeam = () => new AppError('hazard.same_team', 409);
/** 查抢分离: a member of the finding team may not record the repair */
export const finderCannotRepair = () => new AppError('hazard.finder_cannot_repair', 403);
export const notRepairTeamMember = () => new AppError('hazard.not_repair_team_member', 403);
export const verifierIsFixer = () => new AppError('hazard.verifier_is_fixer', 403);
export const caseAlreadyFiled = () => new AppError('hazard.case_already_filed', 409);
export const unknownPhoto = (path: string) => fieldError(path, 'unknown_file');
export const unknownCommunity = () => fieldError('body.communityId', 'unknown_community');
export const unknownBuilding = () => fieldError('body.buildingId', 'unknown_building');
export const unknownAsset = () => fieldError('body.assetId', 'unknown_asset');
