import { AppError, fieldError } from '../../platform/errors';

export const buildingNotFound = () => new AppError('not_found', 404, { entity: 'building' });
export const unknownBuilding = () => fieldError('body.buildingId', 'unknown_building');
export const noDeveloper = () => new AppError('warranty.no_developer', 409);
export const warrantyExists = (component: string) => new AppError('warranty.exists', 409, { component });
export const assessmentExists = () => new AppError('warranty.assessment_exists', 409);
export const belowMinimum = (component: string, minimum: string) =>
  fieldError(`body.agreedEndsOn.${component}`, 'below_statutory_minimum', { minimum });
export const dateInFuture = (path: string) => fieldError(path, 'date_in_future');
export const unknownFile = (i: number) => fieldError(`body.attachments.${i}`, 'unknown_file');
