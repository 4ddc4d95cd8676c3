import { describe, expect, it } from 'vitest';
import type { EligibilityRules } from '../../../contracts/projects';
import { type CommunityFacts, costFen, ineligibility, offerFor, quantityHundredths } from './projects.menu';
import { overallPercent, progressTree } from './projects.workflow';
import { balanced, fundTotals } from './special-funds.ledger';

const any: EligibilityRules = {
  housingTypes: [],
  managementModes: [],
  builtFrom: null,
  builtTo: null,
  mixedUse: 'any',
  assetsPresent: [],
};
const facts: CommunityFacts = {
  housingType: 'sold_public_estate',
  managementMode: 'semi_closed',
  buildYear: 1995,
  isMixedUse: false,
  households: 120,
  floorAreaHundredths: 720_000n,
  buildings: [
    { floors: 6, hasElevator: false, exclusiveAreaHundredths: 300_001n },
    { floors: 6, hasElevator: false, exclusiveAreaHundredths: 300_000n },
    { floors: 3, hasElevator: false, exclusiveAreaHundredths: 120_000n },
    { floors: 12, hasElevator: true, exclusiveAreaHundredths: 0n },
  ],
  assetCounts: { water_pump: 1, elevator: 2 },
};

describe('eligibility rules at their edges', () => {
  it('build-year bounds are inclusive', () => {
    expect(ineligibility({ ...any, builtTo: 1995 }, facts)).toEqual([]);
    expect(ineligibility({ ...any, builtTo: 1994 }, facts)).toEqual(['built_after']);
    expect(ineligibility({ ...any, builtFrom: 1995 }, facts)).toEqual([]);
    expect(ineligibility({ ...any, builtFrom: 1996 }, facts)).toEqual(['built_before']);
    expect(ineligibility({ ...any, builtFrom: 1995, builtTo: 1995 }, facts)).toEqual([]);
    expect(ineligibility({ ...any, builtTo: 2000 }, { ...facts, buildYear: null })).toEqual([
      'build_year_unknown',
    ]);
    expect(ineligibility(any, { ...facts, buildYear: null })).toEqual([]);
  });
  it('housing type, management mode, mixed use and assets', () => {
    expect(ineligibility({ ...any, housingTypes: ['sold_public_estate'] }, facts)).toEqual([]);
    expect(ineligibility({ ...any, housingTypes: ['commercial'] }, facts)).toEqual(['housing_type']);
    expect(ineligibility({ ...any, managementModes: ['closed'] }, facts)).toEqual(['management_mode']);
    expect(ineligibility({ ...any, mixedUse: 'required' }, facts)).toEqual(['mixed_use_required']);
    expect(ineligibility({ ...any, mixedUse: 'excluded' }, { ...facts, isMixedUse: true })).toEqual([
      'mixed_use_excluded',
    ]);
    expect(ineligibility({ ...any, mixedUse: 'excluded' }, facts)).toEqual([]);
    expect(ineligibility({ ...any, assetsPresent: ['water_pump'] }, facts)).toEqual([]);
    expect(ineligibility({ ...any, assetsPresent: ['water_pump', 'water_tank'] }, facts)).toEqual([
      'asset_missing',
    ]);
    expect(
      ineligibility({ ...any, assetsPresent: ['elevator'] }, { ...facts, assetCounts: { elevator: 0 } }),
    ).toEqual(['asset_missing']);
  });
  it('quantities and costs come from the register, rounded half up to the fen', () => {
    // roofs: 3000.01/6 → 500.00 (500.0016…), 3000/6 = 500, 1200/3 = 400; the tower has no area
    expect(quantityHundredths('roof_m2', facts)).toBe(140_000n);
    expect(quantityHundredths('building', facts)).toBe(400n);
    expect(quantityHundredths('building_without_elevator', facts)).toBe(200n);
    expect(quantityHundredths('elevator', facts)).toBe(200n);
    expect(quantityHundredths('household', facts)).toBe(12_000n);
    expect(quantityHundredths('community', facts)).toBe(100n);
    expect(costFen(18_000, 140_000n)).toBe(25_200_000);
    expect(costFen(3, 50n)).toBe(2); // 1.5 fen rounds up
    expect(costFen(3, 49n)).toBe(1);
    const none = offerFor(
      { unitCostFen: 100, costUnit: 'building_without_elevator', rules: any },
      {
        ...facts,
        buildings: [{ floors: 3, hasElevator: false, exclusiveAreaHundredths: 1n }],
      },
    );
    expect(none).toMatchObject({ eligible: false, reasons: ['nothing_to_do'], costFen: 0 });
  });
});

describe('ledger and progress', () => {
  it('balances and totals', () => {
    expect(balanced([{ account: 'available', projectId: null, debitFen: 5, creditFen: 0 }])).toBe(false);
    expect(
      fundTotals([
        { account: 'appropriation', fen: -1000 },
        { account: 'available', fen: 600 },
        { account: 'committed', fen: 250 },
        { account: 'paid', fen: 150 },
      ]),
    ).toEqual({
      budgetFen: 1000,
      allocatedFen: 400,
      disbursedFen: 150,
      balanceFen: 850,
      unallocatedFen: 600,
    });
  });
  it('rolls percentages up the tree by weight', () => {
    const tree = progressTree([
      { id: 1, parentId: null, name: 'a', weight: 1, percent: 100 },
      { id: 2, parentId: null, name: 'b', weight: 3, percent: 0 },
      { id: 3, parentId: 2, name: 'b1', weight: 1, percent: 50 },
      { id: 4, parentId: 2, name: 'b2', weight: 1, percent: 0 },
    ]);
    expect(tree[1]!.percent).toBe(25);
    expect(overallPercent(tree)).toBe(43); // (100 + 3 × 25) / 4 = 43.75
  });
});
