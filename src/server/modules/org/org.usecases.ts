import type {
  CommunityListQuery,
  CommunityPatch,
  DepartmentKind,
  HousingType,
  OrganizationKind,
} from '../../../contracts/org';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { versionConflict } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { communityNotFound, gridNotFound, unknownPropertyCompany } from './org.errors';
import { communityAbilities } from './org.policy';
import { presentCommunityProfile, presentCommunitySummary } from './org.presenter';
import * as repo from './org.repository';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'community.updated': { before: repo.CommunityRow; after: repo.CommunityRow };
  }
}

export async function listCommunities(ctx: AppContext, actor: Actor, query: CommunityListQuery) {
  const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
  const [rows, total] = await Promise.all([
    repo.listCommunities(ctx.db, actor, query, after),
    // the total is counted for the first page only; later pages carry it forward in the client
    after ? Promise.resolve(-1) : repo.countCommunities(ctx.db, actor, query),
  ]);
  const result = page(rows, query.limit, (r) => [r.name, r.id]);
  return { items: result.items.map(presentCommunitySummary), nextCursor: result.nextCursor, total };
}

export async function getCommunityProfile(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findCommunity(ctx.db, actor, id);
  if (!row) throw communityNotFound();
  const [buildings, ownersCommittee] = await Promise.all([
    repo.buildingsOf(ctx.db, id),
    repo.ownersCommitteeOf(ctx.db, id),
  ]);
  return presentCommunityProfile(row, buildings, ownersCommittee, communityAbilities(actor, row));
}

export async function updateCommunity(ctx: AppContext, actor: Actor, id: number, input: CommunityPatch) {
  assertCan(actor, 'org.manage');
  const visible = await repo.findCommunity(ctx.db, actor, id);
  if (!visible) throw communityNotFound();
  if (!communityAbilities(actor, visible).edit) throw communityNotFound();
  const { version, ...patch } = input;
  if (patch.propertyOrgId) {
    const org = await repo.organizationById(ctx.db, patch.propertyOrgId);
    if (org?.kind !== 'property_company') throw unknownPropertyCompany();
  }
  return ctx.db.transaction(async (tx) => {
    const before = await repo.communityRow(tx, id);
    const after = await repo.updateCommunity(tx, id, version, patch);
    if (!before || !after) throw versionConflict(before?.version ?? 0);
    await recordAudit(tx, actor.audit, {
      action: 'community.updated',
      entityType: 'community',
      entityId: id,
      streetId: after.streetId,
      before,
      after,
    });
    return after;
  });
}

export async function placeTree(ctx: AppContext, actor: Actor) {
  const districtId = actor.assignments[0]?.districtId ?? (await repo.firstDistrictId(ctx.db));
  const tree = await repo.placeTree(ctx.db, districtId ?? 0);
  if (!tree.district) throw communityNotFound();
  // only streets where the caller can see at least one community are listed
  const visible = new Set(await repo.visibleStreetIds(ctx.db, actor));
  const streets = tree.streets.filter((s) => visible.has(s.id));
  return {
    district: {
      id: tree.district.id,
      code: tree.district.code,
      name: tree.district.name,
      nameEn: tree.district.nameEn,
    },
    streets: streets.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      committees: tree.committees.filter((c) => c.streetId === s.id).map((c) => ({ id: c.id, name: c.name })),
    })),
  };
}

export const iterateCommunities = repo.iterateCommunities;

export function communityStats(ctx: AppContext, actor: Actor, streetId?: number) {
  return repo.communityStats(ctx.db, actor, streetId);
}

export async function placeMap(ctx: AppContext, actor: Actor) {
  const { points, outlines, gridOutlines } = await repo.placeMap(ctx.db, actor);
  return {
    grids: {
      type: 'FeatureCollection' as const,
      features: gridOutlines.map((g) => ({
        type: 'Feature',
        id: g.id,
        properties: { id: g.id, name: g.name, streetId: g.streetId },
        geometry: g.outline,
      })),
    },
    streets: {
      type: 'FeatureCollection' as const,
      features: outlines.map((s) => ({
        type: 'Feature',
        id: s.id,
        properties: { id: s.id, name: s.name, nameEn: s.nameEn },
        geometry: s.outline,
      })),
    },
    communities: points.map(({ streetId: _s, ...p }) => ({
      ...p,
      lng: p.lng!,
      lat: p.lat!,
      housingType: p.housingType as HousingType,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Grids (网格)

function presentGrid(
  g: Awaited<ReturnType<typeof repo.listGrids>>[number],
  members: Awaited<ReturnType<typeof repo.communitiesOfGrids>>,
) {
  const own = members.filter((c) => c.gridId === g.id);
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    street: { id: g.streetId, name: g.streetName },
    communityCount: own.length,
    households: own.reduce((n, c) => n + c.households, 0),
  };
}

export async function listGrids(ctx: AppContext, actor: Actor, q: { streetId?: number | undefined }) {
  const rows = await repo.listGrids(ctx.db, actor, q.streetId);
  const members = await repo.communitiesOfGrids(
    ctx.db,
    actor,
    rows.map((g) => g.id),
  );
  return { items: rows.map((g) => presentGrid(g, members)) };
}

export async function getGrid(ctx: AppContext, actor: Actor, id: number) {
  const g = await repo.findGrid(ctx.db, actor, id);
  if (!g) throw gridNotFound();
  const members = await repo.communitiesOfGrids(ctx.db, actor, [g.id]);
  return {
    ...presentGrid(g, members),
    outline: g.outline,
    communities: members.map((c) => ({
      id: c.id,
      name: c.name,
      housingType: c.housingType as HousingType,
      households: c.households,
    })),
  };
}

/** The grid of a community, for records placed in it (a case's grid is its community's). */
export function gridOfCommunity(ctx: AppContext, communityId: number) {
  return repo.gridOfCommunity(ctx.db, communityId);
}

export async function listDepartments(ctx: AppContext, actor: Actor) {
  const districtId = actor.assignments[0]?.districtId ?? (await repo.firstDistrictId(ctx.db)) ?? 0;
  const rows = await repo.departmentsOf(ctx.db, districtId);
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    kind: d.kind as DepartmentKind,
    name: d.name,
    nameEn: d.nameEn,
    street: d.streetId !== null && d.streetName ? { id: d.streetId, name: d.streetName } : null,
  }));
}

export async function listOrganizations(ctx: AppContext, kind?: OrganizationKind) {
  const rows = await repo.organizationList(ctx.db, kind);
  return rows.map((o) => ({
    id: o.id,
    kind: o.kind as OrganizationKind,
    name: o.name,
    uscc: o.uscc,
    parent: o.parentId !== null && o.parentName ? { id: o.parentId, name: o.parentName } : null,
  }));
}
