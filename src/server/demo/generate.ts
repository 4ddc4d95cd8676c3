import type { HousingType, ManagementMode } from '../../contracts/org';
import { Random } from './random';

export interface UnitPlan {
  number: string;
  floor: number;
  areaHundredths: number;
  use: 'residential' | 'commercial';
}

export interface BuildingPlan {
  name: string;
  floors: number;
  hasElevator: boolean;
  structure: string;
  completedOn: string;
  units: UnitPlan[];
}

interface Profile {
  years: [number, number];
  buildings: [number, number];
  floors: [number, number];
  perFloor: [number, number];
  area: [number, number];
  structure: string;
  elevatorFrom: number;
}

const profiles: Record<HousingType, Profile> = {
  commercial: {
    years: [1996, 2022],
    buildings: [4, 9],
    floors: [11, 28],
    perFloor: [2, 4],
    area: [62, 158],
    structure: '钢筋混凝土',
    elevatorFrom: 7,
  },
  sold_public_estate: {
    years: [1980, 1999],
    buildings: [6, 14],
    floors: [5, 7],
    perFloor: [2, 4],
    area: [34, 72],
    structure: '砖混',
    elevatorFrom: 8,
  },
  old_public: {
    years: [1952, 1985],
    buildings: [4, 10],
    floors: [2, 5],
    perFloor: [3, 6],
    area: [12, 38],
    structure: '砖木',
    elevatorFrom: 99,
  },
  scattered_public: {
    years: [1930, 1990],
    buildings: [1, 3],
    floors: [2, 6],
    perFloor: [2, 4],
    area: [15, 45],
    structure: '砖混',
    elevatorFrom: 99,
  },
  mixed: {
    years: [1992, 2012],
    buildings: [2, 5],
    floors: [8, 24],
    perFloor: [3, 5],
    area: [40, 118],
    structure: '钢筋混凝土',
    elevatorFrom: 7,
  },
};

export function buildYearFor(rng: Random, type: HousingType): number {
  const [from, to] = profiles[type].years;
  return rng.int(from, to);
}

export function managementModeFor(rng: Random, type: HousingType): ManagementMode {
  switch (type) {
    case 'commercial':
      return 'closed';
    case 'sold_public_estate':
      return rng.chance(0.6) ? 'closed' : 'semi_closed';
    case 'old_public':
      return rng.chance(0.5) ? 'semi_closed' : 'combined';
    case 'scattered_public':
      return rng.chance(0.5) ? 'combined' : 'none';
    case 'mixed':
      return rng.chance(0.5) ? 'combined' : 'closed';
  }
}

/**
 * The buildings and units of one community, from its own seed: the same community always gets
 * the same buildings, so bulk loaders can walk it once per table without keeping it in memory.
 */
export function communityTree(
  seed: number,
  type: HousingType,
  buildYear: number,
  mixedUse: boolean,
  scale = 1,
): BuildingPlan[] {
  const rng = new Random(seed);
  const p = profiles[type];
  const count = Math.max(1, Math.round(rng.int(p.buildings[0], p.buildings[1]) * scale));
  const buildings: BuildingPlan[] = [];
  for (let b = 1; b <= count; b++) {
    const floors = rng.int(p.floors[0], p.floors[1]);
    const perFloor = rng.int(p.perFloor[0], p.perFloor[1]);
    const units: UnitPlan[] = [];
    for (let f = 1; f <= floors; f++) {
      for (let u = 1; u <= perFloor; u++) {
        const commercial = mixedUse && f <= 2;
        units.push({
          number: `${String(f).padStart(2, '0')}${String(u).padStart(2, '0')}`,
          floor: f,
          areaHundredths: commercial ? rng.areaHundredths(80, 260) : rng.areaHundredths(p.area[0], p.area[1]),
          use: commercial ? 'commercial' : 'residential',
        });
      }
    }
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    buildings.push({
      name: `${b}号`,
      floors,
      hasElevator: floors >= p.elevatorFrom,
      structure: p.structure,
      completedOn: `${buildYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      units,
    });
  }
  return buildings;
}

/** households and gross floor area (exclusive area plus about a quarter for common parts) */
export function treeTotals(tree: BuildingPlan[]) {
  let households = 0;
  let areaHundredths = 0;
  for (const b of tree) {
    for (const u of b.units) {
      if (u.use === 'residential') households++;
      areaHundredths += u.areaHundredths;
    }
  }
  const gross = Math.round(areaHundredths * 1.25);
  return { households, floorArea: hundredthsText(gross) };
}

export function hundredthsText(v: number): string {
  return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
}

/** The columns of a community row, in the order the demo and city loaders COPY them. */
export const communityColumns = [
  'id',
  'street_id',
  'committee_id',
  'grid_id',
  'code',
  'name',
  'address',
  'housing_type',
  'management_mode',
  'build_year',
  'households',
  'floor_area',
  'property_org_id',
  'developer_org_id',
  'is_mixed_use',
  'is_old_housing',
  'lng',
  'lat',
  'outline',
];
