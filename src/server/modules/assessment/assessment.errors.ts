import { AppError, fieldError } from '../../platform/errors';

/** The caller's places do not reach this level (a department asking for streets ...). */
export const levelNotReached = (level: string) => new AppError('kpi.level_forbidden', 403, { level });
export const rebuildFromInvalid = () => fieldError('from', 'kpi_rebuild_from');
