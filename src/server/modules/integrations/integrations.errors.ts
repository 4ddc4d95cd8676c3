import { AppError, fieldError } from '../../platform/errors';

export const apiKeyMissing = () => new AppError('api_key.missing', 403);
export const apiKeyInvalid = () => new AppError('api_key.invalid', 403);
export const apiKeyWrongChannel = () => new AppError('api_key.wrong_channel', 403);
export const clientNameTaken = () => fieldError('body.name', 'client_name_taken');
export const apiClientNotFound = () => new AppError('not_found', 404, { entity: 'api_client' });
