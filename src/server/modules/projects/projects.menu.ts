import type { AssetKind } from '../../../contracts/assets';
import type { CostUnit, EligibilityRules, IneligibleReason } from '../../../contracts/projects';

/** What the eligibility rules and the cost of a menu item read from a community's register. */
export interface CommunityFacts {
  housingType: string;
  managementMode: string;
  buildYear: number | null;
  isMixedUse: boolean;
  households: number;
  /** floor area, hundredths of m² */
  floorAreaHundredths: bigint;
  buildings: { floors: number; hasElevator: boolean; exclusiveAreaHundredths: bigint }[];
  assetCounts: Partial<Record<AssetKind, number>>;
}

/** Every rule the community breaks (empty: eligible). The build-year bounds are inclusive. */
export function ineligibility(rules: EligibilityRules, c: CommunityFacts): IneligibleReason[] {
  const out: IneligibleReason[] = [];
  if (rules.housingTypes.length && !rules.housingTypes.includes(c.housingType as never))
    out.push('housing_type');
  if (rules.managementModes.length && !rules.managementModes.includes(c.managementMode as never))
    out.push('management_mode');
  if (rules.builtFrom !== null || rules.builtTo !== null) {
    if (c.buildYear === null) out.push('build_year_unknown');
    else {
      if (rules.builtFrom !== null && c.buildYear < rules.builtFrom) out.push('built_before');
      if (rules.builtTo !== null && c.buildYear > rules.builtTo) out.push('built_after');
    }
  }
  if (rules.mixedUse === 'required' && !c.isMixedUse) out.push('mixed_use_required');
  if (rules.mixedUse === 'excluded' && c.isMixedUse) out.push('mixed_use_excluded');
  if (rules.assetsPresent.some((k) => !(c.assetCounts[k] ?? 0))) out.push('asset_missing');
  return out;
}

/**
 * The quantity of a cost unit in this community, in hundredths (m² with two decimals, or counts
 * times 100). A roof is a building's footprint: its floor area over its floors, to the hundredth.
 */
export function quantityHundredths(unit: CostUnit, c: CommunityFacts): bigint {
  switch (unit) {
    case 'roof_m2':
      return c.buildings.reduce(
        (sum, b) => sum + (b.floors > 0 ? divRound(b.exclusiveAreaHundredths, BigInt(b.floors)) : 0n),
        0n,
      );
    case 'floor_m2':
      return c.floorAreaHundredths;
    case 'building':
      return BigInt(c.buildings.length) * 100n;
    case 'building_without_elevator':
      return BigInt(c.buildings.filter((b) => !b.hasElevator && b.floors >= 4).length) * 100n;
    case 'elevator':
      return BigInt(c.assetCounts.elevator ?? 0) * 100n;
    case 'household':
      return BigInt(c.households) * 100n;
    case 'community':
      return 100n;
  }
}

/** a / b rounded half up (both non-negative) */
export function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** The cost in fen: unit cost × quantity, rounded half up to the fen. */
export function costFen(unitCostFen: number, quantity: bigint): number {
  return Number(divRound(BigInt(unitCostFen) * quantity, 100n));
}

/** 1234567n → "12345.67"; counts print without decimals. */
export function formatQuantity(unit: CostUnit, q: bigint): string {
  if (unit !== 'roof_m2' && unit !== 'floor_m2') return (q / 100n).toString();
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}`;
}

export function hundredths(decimal: string): bigint {
  const [whole = '0', frac = ''] = decimal.split('.');
  return BigInt(whole) * 100n + BigInt(`${frac}00`.slice(0, 2));
}

export interface ItemOffer {
  unitCostFen: number;
  costUnit: CostUnit;
  rules: EligibilityRules;
}

/** An item for a community: eligible or why not, the quantity and the cost. */
export function offerFor(item: ItemOffer, c: CommunityFacts) {
  const q = quantityHundredths(item.costUnit, c);
  const reasons = ineligibility(item.rules, c);
  if (q === 0n) reasons.push('nothing_to_do');
  return {
    quantity: formatQuantity(item.costUnit, q),
    costFen: costFen(item.unitCostFen, q),
    eligible: reasons.length === 0,
    reasons,
  };
}
