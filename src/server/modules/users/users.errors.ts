import { AppError, fieldError } from '../../platform/errors';

export const userNotFound = () => new AppError('not_found', 404, { entity: 'user' });
export const placeRequired = (index: number, field: string) =>
  fieldError(`body.roles.${index}.${field}`, 'place_required');
export const placeUnknown = (index: number, field: string) =>
  fieldError(`body.roles.${index}.${field}`, 'place_unknown');
export const cannotDisableSelf = () => fieldError('body.status', 'cannot_disable_self');
