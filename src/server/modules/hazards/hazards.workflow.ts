import type { HazardGrade, HazardStatus } from '../../../contracts/hazards';
import { addDays } from '../assets/assets.rules';

/**
 * The hazard lifecycle as data: open → rectifying (a repair team assigned) → repaired (the fixer
 * recorded the repair with evidence) → closed (verified by someone else); a failed verification
 * sends it back to rectifying as rework.
 */
export const hazardTransitions = {
  assign: { from: ['open', 'rectifying'], to: 'rectifying' },
  repair: { from: ['open', 'rectifying'], to: 'repaired' },
  verify: { from: ['repaired'], to: 'closed' },
  reject: { from: ['repaired'], to: 'rectifying' },
  reinspect: { from: ['open', 'rectifying', 'repaired'], to: null },
  edit: { from: ['open', 'rectifying', 'repaired'], to: null },
} as const satisfies Record<string, { from: readonly HazardStatus[]; to: HazardStatus | null }>;
export type HazardAction = keyof typeof hazardTransitions;

export function allowed(action: HazardAction, status: string): boolean {
  return (hazardTransitions[action].from as readonly string[]).includes(status);
}

export type ReinspectionDays = Record<HazardGrade, number>;

/** The next re-inspection: today plus the interval of the grade. */
export function nextReinspection(grade: HazardGrade, today: string, days: ReinspectionDays): string {
  return addDays(today, days[grade]);
}

export function hazardNumber(id: number, foundAt: Date): string {
  const d = new Date(+foundAt + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `YH${d}-${String(id).padStart(6, '0')}`;
}
