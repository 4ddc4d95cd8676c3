import { AppError, fieldError } from '../../platform/errors';

export const voteNotFound = () => new AppError('not_found', 404, { entity: 'vote' });
export const voteInvalidState = (status: string) => new AppError('vote.invalid_state', 409, { status });
export const voteNotDue = (closesAt: string) => new AppError('vote.not_due', 409, { closesAt });
export const voteClosedForBallots = () => new AppError('vote.closed_for_ballots', 409);
export const alreadyCast = () => new AppError('vote.already_cast', 409);
export const closesInPast = () => fieldError('body.closesAt', 'past_time');
export const publicityTooShort = (min: number) =>
  fieldError('body.publicityDays', 'publicity_too_short', { minimum: min });
export const unitNotOnRoll = () => fieldError('body.unitId', 'not_on_roll');
export const notOwnerOfUnit = () => fieldError('body.unitId', 'not_your_unit');
export const emptyRoll = () => new AppError('vote.empty_roll', 409);
