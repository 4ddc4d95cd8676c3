import type { WarrantyComponent } from '../../../contracts/warranties';
import { addDays, addYears } from '../assets/assets.rules';

/**
 * Statutory minimum warranty periods from completion acceptance (建设工程质量管理条例 art. 40,
 * SPEC 5.7): foundation and structure for the design service life; roofing and waterproofing
 * 5 years; heating and cooling 2 heating and 2 cooling seasons; electrical, water supply and
 * drainage, equipment installation and decoration 2 years. The last day is inclusive.
 */
export const statutoryYears: Record<
  Exclude<WarrantyComponent, 'foundation_structure' | 'heating_cooling'>,
  number
> = {
  roofing_waterproofing: 5,
  electrical: 2,
  water_drainage: 2,
  equipment_installation: 2,
  decoration: 2,
};

/**
 * Seasons as Shanghai runs them (no central heating): heating 1 December – end of February,
 * cooling 1 June – 30 September. Only seasons that begin on or after acceptance count.
 */
function seasonEnd(
  acceptedOn: string,
  startMonthDay: string,
  endOf: (startYear: number) => string,
  n: number,
) {
  let year = Number(acceptedOn.slice(0, 4));
  if (`${year}-${startMonthDay}` < acceptedOn) year++;
  return endOf(year + n - 1);
}

const heatingEnd = (startYear: number) => addDays(`${startYear + 1}-03-01`, -1);
const coolingEnd = (startYear: number) => `${startYear}-09-30`;

export function statutoryEndsOn(
  component: WarrantyComponent,
  acceptedOn: string,
  designLifeYears: number,
): string {
  switch (component) {
    case 'foundation_structure':
      return addDays(addYears(acceptedOn, designLifeYears), -1);
    case 'heating_cooling': {
      const heating = seasonEnd(acceptedOn, '12-01', heatingEnd, 2);
      const cooling = seasonEnd(acceptedOn, '06-01', coolingEnd, 2);
      return [heating, cooling].sort()[1]!;
    }
    default:
      return addDays(addYears(acceptedOn, statutoryYears[component]), -1);
  }
}

export function inWarranty(w: { completionAcceptedOn: string; endsOn: string }, today: string): boolean {
  return today >= w.completionAcceptedOn && today <= w.endsOn;
}

/** The case category of a defect: within warranty the developer's categories, otherwise an ordinary repair. */
export function defectCategory(component: WarrantyComponent, within: boolean): string {
  if (!within) return 'property_service.repair';
  if (component === 'roofing_waterproofing') return 'warranty.leak';
  if (component === 'foundation_structure') return 'warranty.structure';
  return 'warranty.defect';
}
