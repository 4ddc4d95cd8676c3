import { AppError, fieldError } from '../../platform/errors';

export const categoryNotFound = () => new AppError('not_found', 404, { entity: 'category' });
export const ruleNotFound = () => new AppError('not_found', 404, { entity: 'duty_rule' });
export const unknownCategory = (path = 'body.categoryCode') => fieldError(path, 'unknown_category');
export const categoryNotLeaf = (path = 'body.categoryCode') => fieldError(path, 'category_not_leaf');
export const categoryExists = () => fieldError('body.code', 'category_exists');
export const unknownParent = () => fieldError('body.parentCode', 'unknown_parent');
export const parentMismatch = () => fieldError('body.code', 'category_code_parent');
export const ruleExists = () => fieldError('body.categoryCode', 'rule_exists');
export const unknownDepartment = (path: string) => fieldError(path, 'unknown_department');
export const noRuleForCategory = (path = 'body.categoryCode') => fieldError(path, 'no_rule');
export const unknownCommunity = (path = 'body.communityId') => fieldError(path, 'unknown_community');
