import { AppError, fieldError } from '../../platform/errors';

export const teamNotFound = () => new AppError('not_found', 404, { entity: 'team' });
export const materialNotFound = () => new AppError('not_found', 404, { entity: 'material' });
export const dispatchNotFound = () => new AppError('not_found', 404, { entity: 'dispatch' });
export const unknownUser = (i: number) => fieldError(`body.memberUserIds.${i}`, 'unknown_user');
export const teamNameTaken = () => fieldError('body.name', 'team_name_taken');
export const notRepairTeam = (path: string) => fieldError(path, 'not_repair_team');
export const rangeTooLong = () => fieldError('query.to', 'range_too_long');
export const insufficientStock = (stock: number) =>
  new AppError('material.insufficient_stock', 409, { stock });
export const unknownHazard = () => fieldError('body.hazardId', 'unknown_hazard');
export const notEmergencyCase = () => new AppError('emergency.not_emergency_case', 409);
export const alreadyDispatched = () => new AppError('emergency.already_dispatched', 409);
export const noTeamOnDuty = () => new AppError('emergency.no_team_on_duty', 409);
export const notTeamMember = () => new AppError('emergency.not_team_member', 403);
export const invalidStep = (step: string, status: string) =>
  new AppError('emergency.invalid_step', 409, { step, status });
