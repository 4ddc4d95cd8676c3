import type { CaseAction, CaseState } from '../../../contracts/cases';
import type { Permission } from '../../../contracts/permissions';
import type { Actor } from '../../platform/access';
import type { CaseRow, TaskRow } from './cases.repository';
import { allowedFrom, enforcementIndex } from './cases.workflow';

const OPEN_TASK = new Set(['pending', 'accepted']);

/** Whether the actor acts for the unit holding a task (the same rule as `taskUnitMatch` in SQL). */
export function isMyTask(
  actor: Actor,
  t: Pick<TaskRow, 'unitKind' | 'unitId' | 'unitStreetId' | 'communityId' | 'assigneeUserId'>,
) {
  if (t.assigneeUserId !== null && t.assigneeUserId === actor.userId) return true;
  return actor.assignments.some((a) => {
    switch (a.role) {
      case 'property':
        return t.unitKind === 'organization' && t.unitId === a.organizationId;
      case 'department':
        return t.unitKind === 'department' && t.unitId === a.departmentId;
      case 'street':
        return t.unitKind === 'department' && t.unitStreetId !== null && t.unitStreetId === a.streetId;
      case 'committee':
        return t.unitKind === 'committee' && t.unitId === a.committeeId;
      case 'owners_committee':
        return t.unitKind === 'owners_committee' && t.communityId === a.communityId;
      case 'emergency':
        return t.unitKind === 'emergency_team';
      default:
        return false;
    }
  });
}

/** Whether `permission` reaches this case for the actor (its street, committee, community or a task). */
export function reaches(actor: Actor, permission: Permission, c: CaseRow, tasks: TaskRow[]): boolean {
  return actor.reach(permission).some((p) => {
    switch (p.level) {
      case 'district':
        return true;
      case 'street':
        return p.streetId === c.streetId;
      case 'committee':
        return p.committeeId === c.committeeId;
      case 'community':
        return p.communityId === c.communityId;
      case 'organization':
        return tasks.some((t) => t.unitKind === 'organization' && t.unitId === p.organizationId);
      case 'department':
        return tasks.some((t) => t.unitKind === 'department' && t.unitId === p.departmentId);
      default:
        return false;
    }
  });
}

export interface CaseRelation {
  dispatcher: boolean;
  /** the actor's open tasks of the current round */
  myOpenTasks: TaskRow[];
  reporter: boolean;
  supervisor: boolean;
  enforcer: boolean;
  callback: boolean;
}

export function currentRound(tasks: TaskRow[]): number {
  return tasks.reduce((m, t) => Math.max(m, t.round), 0);
}

export function relationOf(actor: Actor, c: CaseRow, tasks: TaskRow[]): CaseRelation {
  const round = currentRound(tasks);
  const myOpenTasks = tasks.filter((t) => t.round === round && OPEN_TASK.has(t.status) && isMyTask(actor, t));
  return {
    dispatcher: reaches(actor, 'cases.dispatch', c, tasks),
    myOpenTasks: actor.can('cases.handle') ? myOpenTasks : [],
    reporter: c.reporterUserId !== null && c.reporterUserId === actor.userId,
    supervisor: reaches(actor, 'cases.supervise', c, tasks),
    enforcer:
      reaches(actor, 'cases.enforce', c, tasks) ||
      (actor.can('cases.enforce') && tasks.some((t) => isMyTask(actor, t))),
    callback: reaches(actor, 'cases.callback', c, tasks),
  };
}

/** Whether this actor, in this relation, may take `action` now (the state table is checked too). */
export function mayTake(action: CaseAction, c: CaseRow, rel: CaseRelation): boolean {
  if (!allowedFrom(action, c.state as CaseState)) return false;
  switch (action) {
    case 'register':
    case 'reject':
    case 'merge':
    case 'dispatch':
    case 'close':
    case 'rework':
    case 'suspend':
    case 'resume':
      return rel.dispatcher;
    case 'accept':
      return rel.myOpenTasks.some((t) => t.status === 'pending');
    case 'return':
      return rel.myOpenTasks.some((t) => t.role === 'lead');
    case 'handle':
      return rel.myOpenTasks.length > 0;
    case 'follow_up':
      return (
        (rel.enforcer || rel.dispatcher) &&
        c.isEnforcement &&
        c.followUpDueOn !== null &&
        c.followUpDoneAt === null
      );
    case 'advance_enforcement':
      return (
        c.isEnforcement &&
        (rel.enforcer || rel.dispatcher || rel.myOpenTasks.length > 0) &&
        enforcementIndex(c.enforcementStage as never) < enforcementIndex('handle')
      );
    case 'supervise':
      return rel.supervisor;
    case 'rate':
      return rel.reporter && c.satisfaction === null;
    case 'callback':
      return rel.callback;
    case 'comment':
      return true;
  }
}

/** The permission a role needs at all to take an action (403 without it, before any lookup). */
export function permissionFor(action: CaseAction): Permission | null {
  switch (action) {
    case 'register':
    case 'reject':
    case 'merge':
    case 'dispatch':
    case 'close':
    case 'rework':
    case 'suspend':
    case 'resume':
      return 'cases.dispatch';
    case 'accept':
    case 'return':
    case 'handle':
      return 'cases.handle';
    case 'supervise':
      return 'cases.supervise';
    case 'callback':
      return 'cases.callback';
    case 'follow_up':
    case 'advance_enforcement':
    case 'rate':
    case 'comment':
      return null;
  }
}
