import type { CaseState } from '../../../contracts/cases';

/** Tag colours of the states a resident sees. */
export const stateColor: Record<CaseState, string> = {
  reported: 'default',
  registered: 'blue',
  rejected: 'default',
  dispatched: 'geekblue',
  in_progress: 'processing',
  handled: 'cyan',
  closed: 'success',
  suspended: 'warning',
  reopened: 'orange',
  merged: 'default',
};
