import { describe, expect, it } from 'vitest';
import { defectCategory, inWarranty, statutoryEndsOn } from './warranties.rules';

describe('statutory minimum warranty periods from completion acceptance (SPEC 5.7)', () => {
  it('foundation and structure: the design service life', () => {
    expect(statutoryEndsOn('foundation_structure', '2024-06-15', 50)).toBe('2074-06-14');
    expect(statutoryEndsOn('foundation_structure', '2024-06-15', 70)).toBe('2094-06-14');
  });

  it('roofing and waterproofing 5 years; electrical, water, equipment and decoration 2 years', () => {
    expect(statutoryEndsOn('roofing_waterproofing', '2024-06-15', 50)).toBe('2029-06-14');
    for (const c of ['electrical', 'water_drainage', 'equipment_installation', 'decoration'] as const)
      expect(statutoryEndsOn(c, '2024-06-15', 50)).toBe('2026-06-14');
    expect(statutoryEndsOn('decoration', '2024-02-29', 50)).toBe('2026-02-27');
  });

  it('heating and cooling: two full heating and two full cooling seasons beginning after acceptance', () => {
    // accepted in the middle of a cooling season: cooling 2025 and 2026, heating 2024/25 and 2025/26
    expect(statutoryEndsOn('heating_cooling', '2024-07-10', 50)).toBe('2026-09-30');
    // accepted in spring: cooling 2024 and 2025, heating 2024/25 and 2025/26 (ends 2026-02-28)
    expect(statutoryEndsOn('heating_cooling', '2024-03-20', 50)).toBe('2026-02-28');
    // a season beginning on the acceptance day counts
    expect(statutoryEndsOn('heating_cooling', '2024-06-01', 50)).toBe('2026-02-28');
    // leap year end of February
    expect(statutoryEndsOn('heating_cooling', '2026-03-01', 50)).toBe('2028-02-29');
  });

  it('is in warranty from acceptance to the last day inclusive', () => {
    const w = { completionAcceptedOn: '2024-06-15', endsOn: '2026-06-14' };
    expect(inWarranty(w, '2024-06-14')).toBe(false);
    expect(inWarranty(w, '2024-06-15')).toBe(true);
    expect(inWarranty(w, '2026-06-14')).toBe(true);
    expect(inWarranty(w, '2026-06-15')).toBe(false);
  });

  it('within warranty a defect goes to the developer’s categories, otherwise it is a repair', () => {
    expect(defectCategory('roofing_waterproofing', true)).toBe('warranty.leak');
    expect(defectCategory('foundation_structure', true)).toBe('warranty.structure');
    expect(defectCategory('electrical', true)).toBe('warranty.defect');
    expect(defectCategory('electrical', false)).toBe('property_service.repair');
  });
});
