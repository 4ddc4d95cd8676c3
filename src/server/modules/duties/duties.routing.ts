import type { ResolvedUnit, StageLimits, UnitSpec, Urgency } from '../../../contracts/duties';
import type { HousingType } from '../../../contracts/org';
import type { WorkCalendar } from '../../platform/calendar/calendar';

/** What routing needs to know about the community of a case. */
export interface CommunityContext {
  id: number;
  streetId: number;
  committeeId: number | null;
  committeeName: string | null;
  propertyOrgId: number | null;
  propertyOrgName: string | null;
  developerOrgId: number | null;
  developerName: string | null;
  ownersCommitteeId: number | null;
  ownersCommitteeName: string | null;
  housingType: HousingType;
}

export interface DepartmentRef {
  id: number;
  name: string;
}

/** Departments by short code (district departments) and by street and kind (street offices). */
export interface DepartmentDirectory {
  byCode: Map<string, DepartmentRef>;
  byStreetKind: Map<string, DepartmentRef>;
}

export const EMERGENCY_TEAM_NAME = '区应急中心抢险队';

export interface RuleRow {
  id: number;
  ruleKey: string;
  version: number;
  current: boolean;
  categoryCode: string;
  housingType: string | null;
  lead: UnitSpec;
  coUnits: UnitSpec[];
  defaultUrgency: Urgency;
  limits: Record<Urgency, StageLimits>;
  followUpDays: number | null;
}

export function ruleKeyOf(categoryCode: string, housingType: string | null): string {
  return housingType ? `${categoryCode}@${housingType}` : categoryCode;
}

/** The current rule for a category in a community of this housing type: the specific one first. */
export function ruleFor<R extends { ruleKey: string }>(
  current: Map<string, R>,
  categoryCode: string,
  housingType: string,
): R | undefined {
  return current.get(ruleKeyOf(categoryCode, housingType)) ?? current.get(categoryCode);
}

function streetUnit(
  dir: DepartmentDirectory,
  streetId: number,
  kind: string,
  resolver: UnitSpec['resolver'],
  fallback: boolean,
): ResolvedUnit | null {
  const d = dir.byStreetKind.get(`${streetId}:${kind}`);
  return d ? { kind: 'department', id: d.id, name: d.name, resolver, fallback } : null;
}

/**
 * Finds the unit a rule names for one community. When it does not exist there (no property
 * company, no owners' committee ...) the street's housing office takes over, marked as fallback.
 */
export function resolveUnit(spec: UnitSpec, c: CommunityContext, dir: DepartmentDirectory): ResolvedUnit {
  const r = spec.resolver;
  const housingOffice = (fallback: boolean) =>
    streetUnit(dir, c.streetId, 'housing_office', r, fallback) ??
    ({ kind: 'department', id: null, name: '', resolver: r, fallback: true } as ResolvedUnit);
  switch (r) {
    case 'community_property_company':
      return c.propertyOrgId && c.propertyOrgName
        ? { kind: 'organization', id: c.propertyOrgId, name: c.propertyOrgName, resolver: r, fallback: false }
        : housingOffice(true);
    case 'developer':
      return c.developerOrgId && c.developerName
        ? { kind: 'organization', id: c.developerOrgId, name: c.developerName, resolver: r, fallback: false }
        : housingOffice(true);
    case 'street_housing_office':
      return housingOffice(false);
    case 'street_office':
      return streetUnit(dir, c.streetId, 'street_office', r, false) ?? housingOffice(true);
    case 'street_police_station':
      return streetUnit(dir, c.streetId, 'police_station', r, false) ?? housingOffice(true);
    case 'district_department': {
      const d = dir.byCode.get(spec.departmentCode ?? '');
      return d
        ? { kind: 'department', id: d.id, name: d.name, resolver: r, fallback: false }
        : housingOffice(true);
    }
    case 'owners_committee':
      if (c.ownersCommitteeId && c.ownersCommitteeName)
        return {
          kind: 'owners_committee',
          id: c.ownersCommitteeId,
          name: c.ownersCommitteeName,
          resolver: r,
          fallback: false,
        };
      return c.committeeId && c.committeeName
        ? { kind: 'committee', id: c.committeeId, name: c.committeeName, resolver: r, fallback: true }
        : housingOffice(true);
    case 'neighbourhood_committee':
      return c.committeeId && c.committeeName
        ? { kind: 'committee', id: c.committeeId, name: c.committeeName, resolver: r, fallback: false }
        : housingOffice(true);
    case 'emergency_team':
      return { kind: 'emergency_team', id: null, name: EMERGENCY_TEAM_NAME, resolver: r, fallback: false };
  }
}

/** Lead and co-units for a case; a co-unit that resolves to the lead is dropped. */
export function routeCase(
  rule: Pick<RuleRow, 'lead' | 'coUnits'>,
  c: CommunityContext,
  dir: DepartmentDirectory,
) {
  const lead = resolveUnit(rule.lead, c, dir);
  const seen = new Set([`${lead.kind}:${lead.id}`]);
  const coUnits: ResolvedUnit[] = [];
  for (const spec of rule.coUnits) {
    const u = resolveUnit(spec, c, dir);
    const key = `${u.kind}:${u.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    coUnits.push(u);
  }
  return { lead, coUnits };
}

/** Each stage's deadline if every earlier stage used its whole limit. */
export function previewDeadlines(cal: WorkCalendar, at: Date, limits: StageLimits) {
  const register = cal.deadline(at, limits.register);
  const dispatch = cal.deadline(register, limits.dispatch);
  const handle = cal.deadline(dispatch, limits.handle);
  const verify = cal.deadline(handle, limits.verify);
  return { register, dispatch, handle, verify };
}
