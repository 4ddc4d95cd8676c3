import type { AssetBadge, RiskResult } from '../../../contracts/assets';
import { dayFromText, dayText } from '../../platform/calendar/calendar';

/**
 * The asset rules of SPEC 5.7 as pure functions of the dates on record and today (Asia/Shanghai):
 * elevator maintenance at least every 15 days, the statutory inspection every year, and an elevator
 * older than 15 years needs a risk assessment, whose findings need a renewal plan. The repository
 * applies the same rules in SQL for lists and filters; a test checks both on the boundary dates.
 */
export const MAINTENANCE_INTERVAL_DAYS = 15;
export const STATUTORY_INTERVAL_YEARS = 1;
export const RISK_ASSESSMENT_AGE_YEARS = 15;

/** `years` calendar years later; 29 February becomes 28 February in a common year (as PostgreSQL does). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dayText(dayFromText(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayFromText(to) - dayFromText(from);
}

/** Whole years from `from` to `to`. */
export function fullYears(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (addYears(from, years) > to) years--;
  return years;
}

export interface AssetFacts {
  kind: string;
  status: string;
  installedOn: string | null;
  lastMaintenanceOn: string | null;
  lastStatutoryInspectionOn: string | null;
  riskAssessments: number;
  latestRiskResult: RiskResult | null;
  renewalPlans: number;
}

export function maintenanceOverdue(a: AssetFacts, today: string): boolean {
  return (
    a.kind === 'elevator' &&
    a.status !== 'retired' &&
    (a.lastMaintenanceOn === null || daysBetween(a.lastMaintenanceOn, today) > MAINTENANCE_INTERVAL_DAYS)
  );
}

export function statutoryOverdue(a: AssetFacts, today: string): boolean {
  return (
    a.kind === 'elevator' &&
    a.status !== 'retired' &&
    (a.lastStatutoryInspectionOn === null ||
      today > addYears(a.lastStatutoryInspectionOn, STATUTORY_INTERVAL_YEARS))
  );
}

export function olderThan15Years(a: Pick<AssetFacts, 'installedOn'>, today: string): boolean {
  return a.installedOn !== null && today > addYears(a.installedOn, RISK_ASSESSMENT_AGE_YEARS);
}

export function riskAssessmentRequired(a: AssetFacts, today: string): boolean {
  return (
    a.kind === 'elevator' && a.status !== 'retired' && olderThan15Years(a, today) && a.riskAssessments === 0
  );
}

export function renewalPlanRequired(a: AssetFacts): boolean {
  return (
    a.status !== 'retired' &&
    a.latestRiskResult !== null &&
    a.latestRiskResult !== 'good' &&
    a.renewalPlans === 0
  );
}

export function badgesOf(a: AssetFacts, today: string): AssetBadge[] {
  const badges: AssetBadge[] = [];
  if (maintenanceOverdue(a, today)) badges.push('maintenance_overdue');
  if (statutoryOverdue(a, today)) badges.push('statutory_overdue');
  if (riskAssessmentRequired(a, today)) badges.push('risk_assessment_required');
  if (renewalPlanRequired(a)) badges.push('renewal_plan_required');
  return badges;
}
