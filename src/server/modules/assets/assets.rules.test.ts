import { describe, expect, it } from 'vitest';
import { type AssetFacts, addYears, badgesOf, fullYears } from './assets.rules';

const elevator = (f: Partial<AssetFacts>): AssetFacts => ({
  kind: 'elevator',
  status: 'in_use',
  installedOn: '2020-01-01',
  lastMaintenanceOn: '2026-03-01',
  lastStatutoryInspectionOn: '2026-01-10',
  riskAssessments: 0,
  latestRiskResult: null,
  renewalPlans: 0,
  ...f,
});

describe('asset rules on their boundary dates (SPEC 5.7)', () => {
  it('maintenance exactly 15 days ago is fine; 16 days ago is overdue', () => {
    expect(badgesOf(elevator({ lastMaintenanceOn: '2026-03-01' }), '2026-03-16')).toEqual([]);
    expect(badgesOf(elevator({ lastMaintenanceOn: '2026-03-01' }), '2026-03-17')).toEqual([
      'maintenance_overdue',
    ]);
    expect(badgesOf(elevator({ lastMaintenanceOn: null }), '2026-03-17')).toEqual(['maintenance_overdue']);
    // across a month end
    expect(badgesOf(elevator({ lastMaintenanceOn: '2026-02-20' }), '2026-03-07')).toEqual([]);
    expect(badgesOf(elevator({ lastMaintenanceOn: '2026-02-20' }), '2026-03-08')).toEqual([
      'maintenance_overdue',
    ]);
  });

  it('the statutory inspection exactly one year ago is fine; the day after it is overdue', () => {
    const a = elevator({ lastMaintenanceOn: '2027-01-05', lastStatutoryInspectionOn: '2026-01-10' });
    expect(badgesOf(a, '2027-01-10')).toEqual([]);
    expect(badgesOf(a, '2027-01-11')).toEqual(['statutory_overdue']);
    // 29 February: a year later is 28 February
    const leap = elevator({ lastMaintenanceOn: '2029-02-27', lastStatutoryInspectionOn: '2028-02-29' });
    expect(badgesOf(leap, '2029-02-28')).toEqual([]);
    expect(badgesOf(leap, '2029-03-01')).toEqual(['statutory_overdue']);
    expect(
      badgesOf(elevator({ lastMaintenanceOn: '2026-03-10', lastStatutoryInspectionOn: null }), '2026-03-11'),
    ).toEqual(['statutory_overdue']);
  });

  it('an elevator exactly 15 years old needs nothing yet; the day after, a risk assessment', () => {
    const a = elevator({
      installedOn: '2011-03-01',
      lastMaintenanceOn: '2026-02-25',
      lastStatutoryInspectionOn: '2025-06-01',
    });
    expect(badgesOf(a, '2026-03-01')).toEqual([]);
    expect(badgesOf(a, '2026-03-02')).toEqual(['risk_assessment_required']);
    expect(badgesOf({ ...a, riskAssessments: 1, latestRiskResult: 'good' }, '2026-03-02')).toEqual([]);
  });

  it('an assessment calling for work needs a renewal plan', () => {
    const a = elevator({ installedOn: '2005-01-01', lastMaintenanceOn: '2026-03-01', riskAssessments: 1 });
    expect(badgesOf({ ...a, latestRiskResult: 'replace' }, '2026-03-02')).toEqual(['renewal_plan_required']);
    expect(badgesOf({ ...a, latestRiskResult: 'repair', renewalPlans: 1 }, '2026-03-02')).toEqual([]);
  });

  it('only elevators in use carry the elevator rules', () => {
    expect(
      badgesOf(
        elevator({ kind: 'water_pump', lastMaintenanceOn: null, lastStatutoryInspectionOn: null }),
        '2026-03-02',
      ),
    ).toEqual([]);
    expect(badgesOf(elevator({ status: 'retired', lastMaintenanceOn: null }), '2026-03-02')).toEqual([]);
  });

  it('years are calendar years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2011-03-01', 15)).toBe('2026-03-01');
    expect(fullYears('2011-03-01', '2026-02-28')).toBe(14);
    expect(fullYears('2011-03-01', '2026-03-01')).toBe(15);
  });
});
