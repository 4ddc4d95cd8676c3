import { AppError, fieldError } from '../../platform/errors';

export const planNotFound = () => new AppError('not_found', 404, { entity: 'inspection_plan' });
export const roundNotFound = () => new AppError('not_found', 404, { entity: 'inspection_round' });
export const notInspectionTeam = () => fieldError('body.teamId', 'not_inspection_team');
export const streetOutsidePlace = (i: number) => fieldError(`body.filter.streetIds.${i}`, 'unknown_street');
export const notTeamMember = () => new AppError('inspection.not_team_member', 403);
export const roundDone = () => new AppError('inspection.round_done', 409);
export const unknownItem = (i: number) => fieldError(`body.items.${i}.key`, 'unknown_item');
export const duplicateItem = (i: number) => fieldError(`body.items.${i}.key`, 'duplicate_key');
export const noteRequiredForFail = (i: number) =>
  fieldError(`body.items.${i}.note`, 'note_required_for_fail');
export const unknownPhoto = (i: number, j: number) =>
  fieldError(`body.items.${i}.photos.${j}`, 'unknown_file');
export const itemsMissing = (keys: string[]) =>
  fieldError('body.items', 'items_missing', { keys: keys.join(', ') });
export const unknownChecklistCategory = (i: number) =>
  fieldError(`body.checklist.${i}.categoryCode`, 'unknown_category');
