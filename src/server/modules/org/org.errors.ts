import { AppError, fieldError } from '../../platform/errors';

export const communityNotFound = () => new AppError('not_found', 404, { entity: 'community' });
export const unknownPropertyCompany = () => fieldError('body.propertyOrgId', 'unknown_property_company');
export const gridNotFound = () => new AppError('not_found', 404, { entity: 'grid' });
