import { AppError, fieldError } from '../../platform/errors';

export const assetNotFound = () => new AppError('not_found', 404, { entity: 'asset' });
export const planNotFound = () => new AppError('not_found', 404, { entity: 'renewal_plan' });
export const unknownCommunity = () => fieldError('body.communityId', 'unknown_community');
export const unknownBuilding = () => fieldError('body.buildingId', 'unknown_building');
export const unknownMaintenanceOrg = () => fieldError('body.maintenanceOrgId', 'unknown_maintenance_company');
export const codeTaken = () => fieldError('body.code', 'asset_code_taken');
export const registrationCodeTaken = () => fieldError('body.registrationCode', 'registration_code_taken');
export const registrationCodeRequired = () =>
  fieldError('body.registrationCode', 'registration_code_required');
export const maintainerNameRequired = () => fieldError('body.maintainerName', 'maintainer_name_required');
export const dateInFuture = (path: string) => fieldError(path, 'date_in_future');
export const unknownRiskAssessment = () => fieldError('body.riskAssessmentId', 'unknown_risk_assessment');
export const notElevator = () => new AppError('asset.not_elevator', 409);
export const importFileMissing = () => new AppError('file.missing', 400);
export const importTooLarge = (max: number) => new AppError('asset.import_too_large', 400, { max });
export const unknownAsset = (path: string) => fieldError(path, 'unknown_asset');
export const assetOfOtherCommunity = (path: string) => fieldError(path, 'asset_of_other_community');
