/**
 * Named errors with a stable code and HTTP status. The code is also the key of the message in
 * the `errors` locale namespace, so every error reaches the caller in their language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors?: FieldError[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export interface FieldError {
  path: string;
  code: string;
  /** message key in the `errors` namespace, with interpolation params */
  messageKey: string;
  params?: Record<string, unknown>;
}

export const notFound = (entity: string) => new AppError('not_found', 404, { entity });
export const forbidden = () => new AppError('auth.forbidden', 403);
export const unauthenticated = (code = 'auth.unauthenticated') => new AppError(code, 401);
export const versionConflict = (current: number) => new AppError('conflict.version', 409, { current });

/** A failed business check on one field: 400 with the field named. */
export function fieldError(path: string, code: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('validation.failed', 400, {}, [{ path, code, messageKey: `field.${code}`, params }]);
}
