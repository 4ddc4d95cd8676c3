import type { AssetBadge, AssetSummary, Ownership, RiskResult } from '../../../contracts/assets';
import { maintainerOf } from '../../../contracts/assets';
import type { AssetListRow } from './assets.repository';
import { badgesOf, fullYears } from './assets.rules';

/** Who maintains the asset, by its ownership (the community's property company, the street housing office ...). */
export function maintainerFor(r: AssetListRow): { kind: string; name: string } {
  const kind = maintainerOf[r.a.ownership as Ownership] ?? 'property_company';
  switch (kind) {
    case 'property_company':
      return r.propertyName
        ? { kind, name: r.propertyName }
        : { kind: 'housing_office', name: r.housingOffice ?? '' };
    case 'housing_office':
      return { kind, name: r.housingOffice ?? '' };
    case 'developer':
      return r.developerName
        ? { kind, name: r.developerName }
        : { kind: 'housing_office', name: r.housingOffice ?? '' };
    case 'utility':
      return { kind, name: r.a.maintainerName ?? '' };
    case 'street_office':
      return { kind, name: r.streetOffice ?? '' };
  }
}

export function badgesOfRow(r: AssetListRow, today: string): AssetBadge[] {
  return badgesOf(
    {
      kind: r.a.kind,
      status: r.a.status,
      installedOn: r.a.installedOn,
      lastMaintenanceOn: r.a.lastMaintenanceOn,
      lastStatutoryInspectionOn: r.a.lastStatutoryInspectionOn,
      riskAssessments: r.riskAssessments,
      latestRiskResult: r.latestRisk as RiskResult | null,
      renewalPlans: r.renewalPlans,
    },
    today,
  );
}

export function presentAssetSummary(r: AssetListRow, today: string): AssetSummary {
  const a = r.a;
  return {
    id: a.id,
    code: a.code,
    kind: a.kind as AssetSummary['kind'],
    name: a.name,
    street: { id: a.streetId, name: r.streetName },
    community: { id: a.communityId, name: r.communityName },
    building: a.buildingId && r.buildingName ? { id: a.buildingId, name: r.buildingName } : null,
    ownership: a.ownership as Ownership,
    maintainer: maintainerFor(r),
    quantity: a.quantity,
    status: a.status as AssetSummary['status'],
    condition: a.condition as AssetSummary['condition'],
    conditionCheckedAt: a.conditionCheckedAt?.toISOString() ?? null,
    installedOn: a.installedOn,
    ageYears: a.installedOn ? fullYears(a.installedOn, today) : null,
    lastMaintenanceOn: a.lastMaintenanceOn,
    lastStatutoryInspectionOn: a.lastStatutoryInspectionOn,
    badges: badgesOfRow(r, today),
    version: a.version,
  };
}
