import { z } from 'zod';
import { isValidUscc } from './uscc';

export const housingTypes = [
  'commercial',
  'sold_public_estate',
  'old_public',
  'scattered_public',
  'mixed',
] as const;
/** 商品房, 售后公房-成片, 老式公房, 零星公房, 混合 */
export type HousingType = (typeof housingTypes)[number];

export const managementModes = ['closed', 'semi_closed', 'combined', 'none'] as const;
/** 封闭式, 半封闭式, 组合式, 无物业 */
export type ManagementMode = (typeof managementModes)[number];

export const organizationKinds = [
  'property_company',
  'enterprise_group',
  'developer',
  'social_organization',
  'maintenance_company',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const departmentKinds = [
  'district_department',
  'street_office',
  'housing_office',
  'police_station',
] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

export const orgGrants = {
  'org.read': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    resident: 'place',
    inspector: 'district',
    emergency: 'district',
    mediator: 'district',
  },
  'org.manage': { district_admin: 'district', street: 'place' },
  'org.export': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
  },
} as const;

/** Decimal m² with at most two decimals, as a string so no float ever touches an area. */
export const areaString = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, { message: 'area' });

export const usccString = z.string().refine(isValidUscc, { message: 'uscc' });

export const communityListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  committeeId: z.coerce.number().int().positive().optional(),
  housingType: z.enum(housingTypes).optional(),
  managementMode: z.enum(managementModes).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CommunityListQuery = z.infer<typeof communityListQuery>;

export const communityExportQuery = communityListQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});

const placeRef = z.object({ id: z.number(), name: z.string() });

export const communitySummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  street: placeRef,
  committee: placeRef.nullable(),
  housingType: z.enum(housingTypes),
  managementMode: z.enum(managementModes),
  buildYear: z.number().nullable(),
  households: z.number(),
  floorArea: z.string(),
  propertyCompany: placeRef.nullable(),
  isMixedUse: z.boolean(),
  isOldHousing: z.boolean(),
});
export type CommunitySummary = z.infer<typeof communitySummary>;

export const communityPage = z.object({
  items: z.array(communitySummary),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

export const buildingSummary = z.object({
  id: z.number(),
  name: z.string(),
  floors: z.number(),
  hasElevator: z.boolean(),
  completedOn: z.string().nullable(),
  unitCount: z.number(),
  exclusiveArea: z.string(),
});

export const communityProfile = communitySummary.extend({
  grid: placeRef.nullable(),
  developer: placeRef.nullable(),
  propertyCompanyUscc: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  outline: z.unknown().nullable(),
  buildings: z.array(buildingSummary),
  unitCount: z.number(),
  exclusiveArea: z.string(),
  ownersCommittee: z
    .object({ id: z.number(), name: z.string(), termStart: z.string(), termEnd: z.string() })
    .nullable(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean(), export: z.boolean() }),
});
export type CommunityProfile = z.infer<typeof communityProfile>;

export const communityPatch = z.strictObject({
  version: z.number().int().nonnegative(),
  name: z.string().trim().min(2).max(100).optional(),
  address: z.string().trim().min(2).max(200).optional(),
  housingType: z.enum(housingTypes).optional(),
  managementMode: z.enum(managementModes).optional(),
  buildYear: z.number().int().min(1850).max(2100).nullable().optional(),
  households: z.number().int().min(0).max(100000).optional(),
  propertyOrgId: z.number().int().positive().nullable().optional(),
  isMixedUse: z.boolean().optional(),
  isOldHousing: z.boolean().optional(),
});
export type CommunityPatch = z.infer<typeof communityPatch>;

export const streetRef = z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string() });
export const placeTree = z.object({
  district: z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string() }),
  streets: z.array(streetRef.extend({ committees: z.array(placeRef) })),
});

export const communityStatsQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
});

const bucket = z.object({ key: z.string(), communities: z.number(), households: z.number() });
export const communityStats = z.object({
  communities: z.number(),
  households: z.number(),
  floorArea: z.string(),
  mixedUse: z.number(),
  oldHousing: z.number(),
  withOwnersCommittee: z.number(),
  byHousingType: z.array(bucket),
  byManagementMode: z.array(bucket),
  byStreet: z.array(bucket.extend({ name: z.string(), streetId: z.number() })),
});
export type CommunityStats = z.infer<typeof communityStats>;

/** GeoJSON of the caller's streets (polygons) and communities (points), for ECharts maps. */
export const placeMap = z.object({
  streets: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
  /** the grids (网格) of those streets, for the grid layer */
  grids: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
  communities: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      lng: z.number(),
      lat: z.number(),
      housingType: z.enum(housingTypes),
    }),
  ),
});
export type PlaceMap = z.infer<typeof placeMap>;

/** A grid (网格, seed 三(三)): a part of a street with its communities, the unit of grid patrols. */
export const gridSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  street: placeRef,
  /** communities of the grid that the caller may see */
  communityCount: z.number(),
  households: z.number(),
});
export type GridSummary = z.infer<typeof gridSummary>;
export const gridListQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
});
export const gridList = z.object({ items: z.array(gridSummary) });
export const gridDetail = gridSummary.extend({
  outline: z.unknown(),
  communities: z.array(placeRef.extend({ housingType: z.enum(housingTypes), households: z.number() })),
});
export type GridDetail = z.infer<typeof gridDetail>;

export const departmentView = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(departmentKinds),
  name: z.string(),
  nameEn: z.string(),
  street: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type DepartmentView = z.infer<typeof departmentView>;

export const organizationListQuery = z.strictObject({ kind: z.enum(organizationKinds).optional() });
export const organizationView = z.object({
  id: z.number(),
  kind: z.enum(organizationKinds),
  name: z.string(),
  uscc: z.string(),
  parent: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type OrganizationView = z.infer<typeof organizationView>;
