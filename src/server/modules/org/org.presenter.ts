import type { CommunityProfile, CommunitySummary, HousingType, ManagementMode } from '../../../contracts/org';
import type { CommunitySummaryRow } from './org.repository';

const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

export function presentCommunitySummary(row: CommunitySummaryRow): CommunitySummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    street: { id: row.streetId, name: row.streetName },
    committee: ref(row.committeeId, row.committeeName),
    housingType: row.housingType as HousingType,
    managementMode: row.managementMode as ManagementMode,
    buildYear: row.buildYear,
    households: row.households,
    floorArea: row.floorArea,
    propertyCompany: ref(row.propertyOrgId, row.propertyOrgName),
    isMixedUse: row.isMixedUse,
    isOldHousing: row.isOldHousing,
  };
}

export function presentCommunityProfile(
  row: CommunitySummaryRow & {
    propertyOrgUscc: string | null;
    gridId: number | null;
    gridName: string | null;
    developerOrgId: number | null;
    developerName: string | null;
    lng: number | null;
    lat: number | null;
    outline: unknown;
    version: number;
  },
  buildings: CommunityProfile['buildings'],
  ownersCommittee: CommunityProfile['ownersCommittee'],
  abilities: CommunityProfile['abilities'],
): CommunityProfile {
  const areaHundredths = buildings.reduce((sum, b) => sum + BigInt(b.exclusiveArea.replace('.', '')), 0n);
  return {
    ...presentCommunitySummary(row),
    grid: ref(row.gridId, row.gridName),
    developer: ref(row.developerOrgId, row.developerName),
    propertyCompanyUscc: row.propertyOrgUscc,
    location: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
    outline: row.outline ?? null,
    buildings,
    unitCount: buildings.reduce((n, b) => n + b.unitCount, 0),
    exclusiveArea: formatHundredths(areaHundredths),
    ownersCommittee,
    version: row.version,
    abilities,
  };
}

/** 1234567n → "12345.67" */
export function formatHundredths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
