import { AppError } from '../../platform/errors';

export const invalidCredentials = () => new AppError('auth.invalid_credentials', 401);
export const accountLocked = (minutes: number) => new AppError('auth.locked', 423, { minutes });
export const accountDisabled = () => new AppError('auth.disabled', 403);
export const invalidTotp = () => new AppError('auth.invalid_totp', 401);
export const totpNotPending = () => new AppError('auth.totp_not_pending', 409);
export const totpRequiredInProduction = () => new AppError('auth.totp_required', 409);
export const csrfFailed = () => new AppError('auth.csrf', 403);
export const usernameTaken = () => new AppError('user.username_taken', 409);
export const invalidCode = () => new AppError('auth.invalid_code', 401);
