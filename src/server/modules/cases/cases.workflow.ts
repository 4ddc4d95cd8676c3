import type { TimeLimit } from '../../../contracts/calendar';
import {
  type CaseAction,
  type CaseState,
  caseTransitions,
  type EnforcementStage,
  enforcementStages,
  type GroupRentingRule,
  type InspectionRoom,
  type TransitionRule,
} from '../../../contracts/cases';
import type { Stage, StageLimits } from '../../../contracts/duties';
import { type ClockMode, modeOf, type WorkCalendar } from '../../platform/calendar/calendar';

/** The stage whose deadline runs in a state (SPEC 5.2: register, dispatch, handle, verify). */
export function stageOf(state: CaseState): Stage | null {
  switch (state) {
    case 'reported':
      return 'register';
    case 'registered':
    case 'reopened':
      return 'dispatch';
    case 'dispatched':
    case 'in_progress':
      return 'handle';
    case 'handled':
      return 'verify';
    default:
      return null;
  }
}

export function ruleOf(action: CaseAction): TransitionRule {
  return caseTransitions[action] as TransitionRule;
}

export function allowedFrom(action: CaseAction, state: CaseState): boolean {
  return ruleOf(action).from.includes(state);
}

/**
 * The state after `action` from `state`, or null when the table does not allow it.
 * `complete` says whether a partial action (handle, follow_up) finished the whole step.
 */
export function nextState(
  action: CaseAction,
  state: CaseState,
  opts: { complete?: boolean; previous?: CaseState | null } = {},
): CaseState | null {
  const rule = ruleOf(action);
  if (!rule.from.includes(state)) return null;
  if (rule.to === null) return state;
  if (rule.to === 'previous') return opts.previous ?? null;
  if (rule.partialTo && opts.complete === false) return rule.partialTo;
  return rule.to;
}

export interface StageClock {
  stage: Stage;
  mode: ClockMode;
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
}

/** A new stage's clock: its deadline from the rule version's limit, and when 80% is used. */
export function startStage(cal: WorkCalendar, stage: Stage, limits: StageLimits, at: Date): StageClock {
  const limit: TimeLimit = limits[stage];
  const mode = modeOf(limit.unit);
  const dueAt = cal.deadline(at, limit);
  return { stage, mode, startedAt: at, dueAt, warnAt: cal.warnAt(mode, at, dueAt) };
}

/** Pausing a clock keeps the counting time that was left; resuming adds it to the new start. */
export function remainingMs(cal: WorkCalendar, mode: ClockMode, now: Date, until: Date | null): number {
  return until ? cal.elapsed(mode, now, until) : 0;
}

export function resumeAt(cal: WorkCalendar, mode: ClockMode, now: Date, remaining: number): Date {
  return cal.advance(mode, now, remaining);
}

export function enforcementIndex(stage: EnforcementStage | null): number {
  return stage ? enforcementStages.indexOf(stage) : -1;
}

/** Case number: AJ + the Asia/Shanghai date of intake + the id. */
export function caseNumber(id: number, at: Date): string {
  const d = new Date(+at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `AJ${d}-${String(id).padStart(6, '0')}`;
}

/** 张三丰 → 张**: the family name only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

const NON_LIVING: readonly InspectionRoom['kind'][] = [
  'kitchen',
  'bathroom',
  'balcony',
  'basement',
  'storage',
];
const MIN_AREA_HUNDREDTHS_PER_PERSON = 500;

function hundredths(area: string): number {
  const [whole, frac = ''] = area.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export interface GroupRentingFinding {
  rule: GroupRentingRule;
  room: string;
  detail: Record<string, string | number>;
}

/**
 * Which rules of Shanghai's residential leasing rules (SPEC 5.8) an inspected dwelling breaks:
 * the smallest unit let for living is one room originally designed for living (no partitions, no
 * letting by bed); kitchens, bathrooms, balconies, basements and storage may not be let for
 * living; at most two people per room unless they are one family; at least 5 m² of living area
 * per person.
 */
export function groupRentingViolations(rooms: readonly InspectionRoom[]): GroupRentingFinding[] {
  const out: GroupRentingFinding[] = [];
  for (const room of rooms) {
    if (room.occupants === 0) continue;
    if (room.kind === 'partitioned_space') out.push({ rule: 'partitioned', room: room.name, detail: {} });
    if (room.letByBed) out.push({ rule: 'let_by_bed', room: room.name, detail: {} });
    if (NON_LIVING.includes(room.kind))
      out.push({ rule: 'non_living_space', room: room.name, detail: { kind: room.kind } });
    if (room.occupants > 2 && !room.familyOnly)
      out.push({ rule: 'room_overcrowded', room: room.name, detail: { occupants: room.occupants, max: 2 } });
    const area = hundredths(room.area);
    if (area < room.occupants * MIN_AREA_HUNDREDTHS_PER_PERSON)
      out.push({
        rule: 'area_per_person',
        room: room.name,
        detail: {
          areaPerPerson: (Math.floor(area / room.occupants) / 100).toFixed(2),
          min: '5.00',
        },
      });
  }
  return out;
}

/** The supervision level an overdue stage reaches next: community → street → district → 问责. */
export function nextEscalation(level: number): 'street' | 'district' | 'accountability' | null {
  return level === 0 ? 'street' : level === 1 ? 'district' : level === 2 ? 'accountability' : null;
}

/**
 * When the reporter can expect the problem handled (Open311 `expected_datetime`, the resident's
 * "expected completion"): the handle stage's deadline, projected through the stages still ahead
 * with their full limits; while it is being verified, the verify deadline. None once it is over or
 * while it is suspended.
 */
export function expectedCompletion(
  cal: WorkCalendar,
  limits: StageLimits | undefined,
  c: { state: string; stageDueAt: Date | null },
): Date | null {
  if (!c.stageDueAt) return null;
  switch (c.state) {
    case 'dispatched':
    case 'in_progress':
    case 'handled':
      return c.stageDueAt;
    case 'registered':
    case 'reopened':
      return limits ? cal.deadline(c.stageDueAt, limits.handle) : null;
    case 'reported':
      return limits ? cal.deadline(cal.deadline(c.stageDueAt, limits.dispatch), limits.handle) : null;
    default:
      return null;
  }
}
