import { and, inArray, sql } from 'drizzle-orm';
import type { ScreenLevel } from '../../../contracts/screen';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { committees, communities, districts, grids, streets } from './org.table';

type Ring = [number, number][];
interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface ScreenRegion {
  id: number;
  name: string;
  nameEn: string;
  geometry: unknown;
}

/**
 * What the wall screen draws and ranks for the caller's places (`screen.read`): a viewer reaching
 * several districts gets the city (districts outlined by their streets), a district viewer the
 * district's streets with the grids over them, a street viewer the street's grids. `streetRegion`
 * and `communityRegion` say which region a rollup row of a street or community belongs to; the
 * ranking is of the regions, or of the committees for a street.
 */
export async function screenGeography(db: Executor, actor: Actor) {
  const places = actor.reach('screen.read');
  const districtIds = [...new Set(places.flatMap((p) => (p.level === 'district' ? [p.districtId] : [])))];
  const streetIds = [...new Set(places.flatMap((p) => (p.level === 'street' ? [p.streetId] : [])))];
  const level: ScreenLevel = districtIds.length > 1 ? 'city' : districtIds.length ? 'district' : 'street';

  const streetRows = await db
    .select({
      id: streets.id,
      districtId: streets.districtId,
      name: streets.name,
      nameEn: streets.nameEn,
      outline: streets.outline,
    })
    .from(streets)
    .where(level === 'street' ? inArray(streets.id, streetIds) : inArray(streets.districtId, districtIds))
    .orderBy(streets.code);
  const ids = streetRows.map((s) => s.id);
  const districtRows = await db
    .select()
    .from(districts)
    .where(
      inArray(
        districts.id,
        level === 'street' ? [...new Set(streetRows.map((s) => s.districtId))] : districtIds,
      ),
    )
    .orderBy(districts.code);

  const streetRegion = new Map<number, number>();
  const communityRegion = new Map<number, number>();
  let regions: ScreenRegion[] = [];
  let gridLines: Ring[] = [];
  let area = { name: '', nameEn: '' };
  let committeeUnits: { id: number; name: string; nameEn: string }[] = [];

  const points = ids.length
    ? await db
        .select({
          id: communities.id,
          name: communities.name,
          lng: communities.lng,
          lat: communities.lat,
          gridId: communities.gridId,
        })
        .from(communities)
        .where(and(inArray(communities.streetId, ids), level === 'city' ? sql`false` : undefined))
        .orderBy(communities.id)
    : [];

  if (level === 'city') {
    area = { name: districtRows.map((d) => d.name).join('、'), nameEn: '' };
    for (const s of streetRows) streetRegion.set(s.id, s.districtId);
    regions = districtRows.map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      geometry: {
        type: 'MultiPolygon',
        coordinates: streetRows
          .filter((s) => s.districtId === d.id && s.outline)
          .map((s) => (s.outline as Polygon).coordinates),
      },
    }));
  } else {
    const gridRows = ids.length
      ? await db
          .select({ id: grids.id, name: grids.name, outline: grids.outline })
          .from(grids)
          .where(inArray(grids.streetId, ids))
          .orderBy(grids.code)
      : [];
    if (level === 'district') {
      const d = districtRows[0];
      area = { name: d?.name ?? '', nameEn: d?.nameEn ?? '' };
      for (const s of streetRows) streetRegion.set(s.id, s.id);
      regions = streetRows
        .filter((s) => s.outline)
        .map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, geometry: s.outline }));
      gridLines = gridRows.flatMap((g) => (g.outline as Polygon).coordinates);
    } else {
      area = {
        name: streetRows.map((s) => s.name).join('、'),
        nameEn: streetRows.map((s) => s.nameEn).join(', '),
      };
      regions = gridRows.map((g) => ({ id: g.id, name: g.name, nameEn: g.name, geometry: g.outline }));
      for (const p of points) if (p.gridId !== null) communityRegion.set(p.id, p.gridId);
      committeeUnits = (
        await db
          .select({ id: committees.id, name: committees.name })
          .from(committees)
          .where(inArray(committees.streetId, ids))
          .orderBy(committees.code)
      ).map((c) => ({ ...c, nameEn: c.name }));
    }
  }

  return {
    level,
    area,
    regions,
    gridLines,
    communities: points
      .filter((p) => p.lng !== null && p.lat !== null)
      .map((p) => ({ id: p.id, name: p.name, lng: p.lng!, lat: p.lat! })),
    streetRegion,
    communityRegion,
    committeeUnits,
  };
}
