import { AppError, type FieldError, fieldError } from '../../platform/errors';

export const unitNotFound = () => new AppError('not_found', 404, { entity: 'unit' });
export const personNotFound = () => new AppError('not_found', 404, { entity: 'owner' });
export const communityNotFound = () => new AppError('not_found', 404, { entity: 'community' });
export const committeeNotFound = () => new AppError('not_found', 404, { entity: 'owners_committee' });
export const memberNotFound = () => new AppError('not_found', 404, { entity: 'member' });
export const evidenceNotFound = () => new AppError('not_found', 404, { entity: 'evidence' });
export const disclosureNotFound = () => new AppError('not_found', 404, { entity: 'disclosure' });
export const meetingNotFound = () => new AppError('not_found', 404, { entity: 'meeting' });
export const issueNotFound = () => new AppError('not_found', 404, { entity: 'issue' });
export const streetNotFound = () => new AppError('not_found', 404, { entity: 'street' });

export const termTooLong = () => fieldError('body.termEnd', 'term_too_long', { years: 5 });
export const termEndsBeforeStart = () => fieldError('body.termEnd', 'term_order');
export const notAnOwner = () => fieldError('body.personId', 'not_an_owner');
export const alreadyMember = () => fieldError('body.personId', 'already_member');
export const committeeNotActive = () => new AppError('owners_committee.not_active', 409);
export const evidenceAlreadyReviewed = () => new AppError('owners_committee.evidence_reviewed', 409);
export const issueAlreadyResolved = () => new AppError('five_in_one.issue_resolved', 409);
export const notOfStreet = (path: string) => fieldError(path, 'not_of_street');
export const developerWithoutCommunityDeveloper = () => fieldError('body.developer', 'no_developer');
export const ownersRequired = () => fieldError('body.owners', 'owners_required');
export const unsoldWithOwners = () => fieldError('body.owners', 'unsold_has_no_owner');
export const duplicateOwner = (i: number) => fieldError(`body.owners.${i}.idNumber`, 'duplicate_owner');
export const districtTrainingOnly = () => fieldError('body.streetId', 'required');

/** The owner import failed: every bad cell, row by row; nothing was written. */
export const importInvalid = (errors: FieldError[]) =>
  new AppError('owners.import_invalid', 400, { count: errors.length }, errors);
export const importEmpty = () => fieldError('body.file', 'import_empty');
export const importNotExcel = () => fieldError('body.file', 'not_excel');
