import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { HousingType } from '../../contracts/org';
import type { AppContext } from '../context';
import { copyRows } from '../db/copy';
import { recordAudit } from '../platform/audit/audit';
import {
  type BuildingPlan,
  buildYearFor,
  communityColumns,
  communityTree,
  hundredthsText,
  managementModeFor,
  treeTotals,
} from './generate';
import * as hp from './huangpu';
import { makeUscc, Random, rectangle } from './random';
import { type CityDistrict, cityDistricts, communitySuffixes, nameStems, streetSuffix } from './shanghai';

declare module '../platform/audit/audit' {
  interface AuditEvents {
    'demo.city_seeded': { after: Record<string, number> };
  }
}

export const CITY_SEED = 20160101;

/** Shanghai with 黄浦区: 216 streets and towns, about 5,025 committees, 12,000 communities. */
export const CITY_TOTALS = { streets: 216, committees: 5025, communities: 12000 };

export interface CitySize {
  /** how many of the fifteen other districts, in code order */
  districts: number;
  /** streets and towns added, spread over the districts as their real numbers are */
  streets: number;
  /** neighbourhood committees added */
  committees: number;
  /** communities added */
  communities: number;
  /** average units per community, roughly (the building count is scaled); natural size when absent */
  unitsPerCommunity?: number;
  seed: number;
}

/** The full city on top of the demo district's 10 streets, 26 committees and 70 communities. */
export const fullCity: CitySize = {
  districts: cityDistricts.length,
  streets: cityDistricts.reduce((n, d) => n + d.streets.length, 0),
  committees: CITY_TOTALS.committees - 25,
  communities: CITY_TOTALS.communities - 70,
  seed: CITY_SEED,
};

/** Fills in what a caller left out: committees follow communities at the city's ratio. */
export function citySize(partial: Partial<CitySize> = {}): CitySize {
  const districts = partial.districts ?? fullCity.districts;
  if (!Number.isInteger(districts) || districts < 1 || districts > cityDistricts.length)
    throw new RangeError(`districts must be 1..${cityDistricts.length}`);
  const chosen = cityDistricts.slice(0, districts);
  const maxStreets = chosen.reduce((n, d) => n + d.streets.length, 0);
  const streets = partial.streets ?? maxStreets;
  if (!Number.isInteger(streets) || streets < districts || streets > maxStreets)
    throw new RangeError(`streets must be ${districts}..${maxStreets} for ${districts} districts`);
  const communities = partial.communities ?? Math.round((fullCity.communities * streets) / fullCity.streets);
  if (!Number.isInteger(communities) || communities < 0)
    throw new RangeError('communities must be 0 or more');
  const committees =
    partial.committees ??
    Math.max(streets, Math.round((communities * fullCity.committees) / fullCity.communities));
  if (!Number.isInteger(committees) || committees < streets)
    throw new RangeError(`committees must be at least one per street (${streets})`);
  const units = partial.unitsPerCommunity;
  if (units !== undefined && (!Number.isFinite(units) || units < 1))
    throw new RangeError('unitsPerCommunity must be 1 or more');
  return {
    districts,
    streets,
    committees,
    communities,
    unitsPerCommunity: units,
    seed: partial.seed ?? CITY_SEED,
  };
}

/**
 * Splits `total` over `weights` in proportion (largest shares first for what is left over), each
 * part at least `min` and at most its cap.
 */
export function apportion(total: number, weights: number[], min = 0, caps?: number[]): number[] {
  const cap = (i: number) => caps?.[i] ?? Number.POSITIVE_INFINITY;
  const capacity = weights.reduce((n, _w, i) => n + cap(i), 0);
  if (total < min * weights.length || total > capacity) throw new RangeError(`cannot split ${total}`);
  const parts = weights.map(() => min);
  let left = total - min * weights.length;
  while (left > 0) {
    const open = weights.map((_w, i) => i).filter((i) => parts[i]! < cap(i));
    const sum = open.reduce((n, i) => n + weights[i]!, 0);
    const shares = open.map((i) => ({ i, share: sum > 0 ? (weights[i]! * left) / sum : left / open.length }));
    let given = 0;
    for (const { i, share } of shares) {
      const f = Math.min(Math.floor(share), cap(i) - parts[i]!);
      parts[i]! += f;
      given += f;
    }
    if (given === 0) {
      shares.sort((a, b) => b.share - a.share || a.i - b.i);
      for (const { i } of shares.slice(0, left)) parts[i]!++;
      given = Math.min(left, shares.length);
    }
    left -= given;
  }
  return parts;
}

/** A 32-bit seed from text (FNV-1a), so each community has its own reproducible stream. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shortName(d: CityDistrict) {
  return d.name.replace(/新区$|区$/, '');
}

function shortNameEn(d: CityDistrict) {
  return d.nameEn.replace(/ New Area$| District$/, '');
}

const chineseDigits = '零一二三四五六七八九';
export function chineseNumber(n: number): string {
  if (n < 10) return chineseDigits[n]!;
  if (n < 20) return `十${n % 10 ? chineseDigits[n % 10] : ''}`;
  if (n < 100) return `${chineseDigits[Math.floor(n / 10)]}十${n % 10 ? chineseDigits[n % 10] : ''}`;
  return String(n);
}

interface StreetPlan {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  stem: string;
  district: DistrictPlan;
  box: [number, number, number, number];
  committeeIds: number[];
  /** grid ids row by row, gridSide × gridSide */
  gridIds: number[];
  gridSide: number;
  communities: number;
  firstCommunityId: number;
}

interface DistrictPlan {
  id: number;
  seed: CityDistrict;
  /** property companies for public housing (owned by the district's group) and for the rest */
  publicPropertyIds: number[];
  otherPropertyIds: number[];
  developerIds: number[];
}

interface Plan {
  districts: DistrictPlan[];
  streets: StreetPlan[];
  districtRows: unknown[][];
  streetRows: unknown[][];
  committeeRows: unknown[][];
  gridRows: unknown[][];
  departmentRows: unknown[][];
  organizationRows: unknown[][];
  communities: number;
  firstBuildingId: number;
  firstUnitId: number;
  firstOwnersCommitteeId: number;
}

export interface IdStarts {
  district: number;
  street: number;
  committee: number;
  grid: number;
  department: number;
  organization: number;
  community: number;
  building: number;
  unit: number;
  owners_committee: number;
}

function phone(rng: Random): string {
  return `021${String(rng.int(0, 99999999)).padStart(8, '0')}`;
}

function housingMix(central: boolean): [HousingType, number][] {
  return central
    ? [
        ['commercial', 0.4],
        ['sold_public_estate', 0.3],
        ['old_public', 0.14],
        ['scattered_public', 0.06],
        ['mixed', 0.1],
      ]
    : [
        ['commercial', 0.6],
        ['sold_public_estate', 0.22],
        ['old_public', 0.04],
        ['scattered_public', 0.04],
        ['mixed', 0.1],
      ];
}

function pickWeighted<T>(rng: Random, items: [T, number][]): T {
  let r = rng.next();
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return items[items.length - 1]![0];
}

/**
 * Everything but the communities and below: districts, streets, committees, grids, departments,
 * organisations, and how many communities each street gets. Small: a few thousand rows.
 */
export function planCity(size: CitySize, ids: IdStarts, usedUscc: Set<string>): Plan {
  const rng = new Random(size.seed);
  const chosen = cityDistricts.slice(0, size.districts);
  const realCounts = chosen.map((d) => d.streets.length);
  const streetsPer = apportion(size.streets, realCounts, 1, realCounts);
  // a street's share of communities and committees: suburban towns are larger
  const streetWeights: number[] = [];
  chosen.forEach((d, i) => {
    for (let s = 0; s < streetsPer[i]!; s++) {
      const kind = d.streets[s]![2];
      streetWeights.push((kind === 's' ? 1 : 1.3) * (0.6 + rng.next() * 0.8));
    }
  });
  const communitiesPer = apportion(size.communities, streetWeights);
  const committeesPer = apportion(size.committees, streetWeights, 1);

  const plan: Plan = {
    districts: [],
    streets: [],
    districtRows: [],
    streetRows: [],
    committeeRows: [],
    gridRows: [],
    departmentRows: [],
    organizationRows: [],
    communities: size.communities,
    firstBuildingId: ids.building,
    firstUnitId: ids.unit,
    firstOwnersCommitteeId: ids.owners_committee,
  };
  let districtId = ids.district - 1;
  let streetId = ids.street - 1;
  let committeeId = ids.committee - 1;
  let gridId = ids.grid - 1;
  let departmentId = ids.department - 1;
  let organizationId = ids.organization - 1;
  let communityId = ids.community;
  let streetIndex = 0;
  const uscc = (code: string, type = '91') => {
    for (;;) {
      const c = makeUscc(rng, code, type);
      if (!usedUscc.has(c)) {
        usedUscc.add(c);
        return c;
      }
    }
  };

  chosen.forEach((seed, di) => {
    const district: DistrictPlan = {
      id: ++districtId,
      seed,
      publicPropertyIds: [],
      otherPropertyIds: [],
      developerIds: [],
    };
    plan.districts.push(district);
    plan.districtRows.push([district.id, seed.code, seed.name, seed.nameEn]);
    const short = shortName(seed);
    const shortEn = shortNameEn(seed);
    const count = streetsPer[di]!;
    const districtCommunities = communitiesPer
      .slice(streetIndex, streetIndex + count)
      .reduce((a, b) => a + b, 0);

    // organisations: one enterprise group that owns the public-housing property companies,
    // other property companies, developers
    const groupId = ++organizationId;
    plan.organizationRows.push([
      groupId,
      'enterprise_group',
      `上海${short}房地（集团）有限公司`,
      uscc(seed.code),
      null,
      phone(rng),
    ]);
    const companies = Math.max(2, Math.round(districtCommunities / 30));
    const publicCompanies = Math.max(1, Math.round(companies / 4));
    for (let c = 0; c < companies; c++) {
      const id = ++organizationId;
      const isPublic = c < publicCompanies;
      const stem = nameStems[(c * 7 + di) % nameStems.length]!;
      const round = Math.floor(c / nameStems.length);
      const name = isPublic
        ? `上海${short}房地${c === 0 ? '' : chineseNumber(c + 1)}物业管理有限公司`
        : `上海${short}${stem}${round ? chineseNumber(round + 1) : ''}物业服务有限公司`;
      plan.organizationRows.push([
        id,
        'property_company',
        name,
        uscc(seed.code),
        isPublic ? groupId : null,
        phone(rng),
      ]);
      (isPublic ? district.publicPropertyIds : district.otherPropertyIds).push(id);
    }
    const developers = Math.max(1, Math.round(districtCommunities / 80));
    for (let c = 0; c < developers; c++) {
      const id = ++organizationId;
      const stem = nameStems[(c * 11 + di * 3) % nameStems.length]!;
      const round = Math.floor(c / nameStems.length);
      plan.organizationRows.push([
        id,
        'developer',
        `上海${short}${stem}${round ? chineseNumber(round + 1) : ''}置业有限公司`,
        uscc(seed.code),
        null,
        phone(rng),
      ]);
      district.developerIds.push(id);
    }

    for (const d of hp.departments) {
      plan.departmentRows.push([
        ++departmentId,
        district.id,
        null,
        `${seed.code}-${d.code}`,
        'district_department',
        `${seed.name}${d.name.slice(1)}`,
        `${shortEn} ${d.nameEn}`,
      ]);
    }

    // streets tile the district's box
    const [west, south, east, north] = seed.box;
    const cols = Math.max(1, Math.round(Math.sqrt((count * (east - west)) / (north - south))));
    const rows = Math.ceil(count / cols);
    const kindCounters = { s: 0, t: 0, x: 0 };
    for (let s = 0; s < count; s++) {
      const [stem, stemEn, kind] = seed.streets[s]!;
      const [suffix, suffixEn] = streetSuffix[kind];
      const code = `${seed.code}${{ s: '0', t: '1', x: '2' }[kind]}${String(++kindCounters[kind]).padStart(2, '0')}`;
      const cw = (east - west) / cols;
      const ch = (north - south) / rows;
      const x0 = west + (s % cols) * cw;
      const y1 = north - Math.floor(s / cols) * ch;
      const box: [number, number, number, number] = [x0, y1 - ch, x0 + cw, y1];
      const street: StreetPlan = {
        id: ++streetId,
        code,
        name: `${stem}${suffix}`,
        nameEn: `${stemEn} ${suffixEn}`,
        stem,
        district,
        box,
        committeeIds: [],
        gridIds: [],
        gridSide: Math.max(1, Math.round(Math.sqrt(communitiesPer[streetIndex]! / 8))),
        communities: communitiesPer[streetIndex]!,
        firstCommunityId: communityId,
      };
      communityId += street.communities;
      plan.streets.push(street);
      plan.streetRows.push([street.id, district.id, code, street.name, street.nameEn, rectangle(...box)]);
      for (const [kindCode, kindName, nameZh, nameEnSuffix] of [
        [
          'BSC',
          'street_office',
          kind === 's' ? '办事处' : '人民政府',
          kind === 's' ? 'Office' : 'Government',
        ],
        ['FGB', 'housing_office', '房管办', 'Housing Office'],
        ['PCS', 'police_station', '派出所', 'Police Station'],
      ] as const) {
        plan.departmentRows.push([
          ++departmentId,
          district.id,
          street.id,
          `${code}-${kindCode}`,
          kindName,
          kindCode === 'BSC' ? `${street.name}${nameZh}` : `${stem}${nameZh}`,
          `${street.nameEn} ${nameEnSuffix}`,
        ]);
      }
      for (let c = 0; c < committeesPer[streetIndex]!; c++) {
        const id = ++committeeId;
        street.committeeIds.push(id);
        plan.committeeRows.push([
          id,
          street.id,
          `${code}${String(c + 1).padStart(3, '0')}`,
          `${stem}第${chineseNumber(c + 1)}居民区`,
        ]);
      }
      const side = street.gridSide;
      for (let g = 0; g < side * side; g++) {
        const id = ++gridId;
        street.gridIds.push(id);
        const gw = (box[2] - box[0]) / side;
        const gh = (box[3] - box[1]) / side;
        const gx = box[0] + (g % side) * gw;
        const gy = box[3] - (Math.floor(g / side) + 1) * gh;
        plan.gridRows.push([
          id,
          street.id,
          `${code}-G${g + 1}`,
          `${stem}第${chineseNumber(g + 1)}网格`,
          rectangle(gx, gy, gx + gw, gy + gh),
        ]);
      }
      streetIndex++;
    }
  });
  return plan;
}

export interface CommunityPlan {
  id: number;
  street: StreetPlan;
  row: unknown[];
  housingType: HousingType;
  buildYear: number;
  mixedUse: boolean;
  treeSeed: number;
  ownersCommittee: { start: string; end: string } | null;
  name: string;
}

/** One community of a street, from its own seed: the same every time it is asked for. */
function communityPlan(street: StreetPlan, index: number, size: CitySize): CommunityPlan {
  const seed = seedOf(`${size.seed}:${street.code}:${index}`);
  const rng = new Random(seed);
  const district = street.district;
  const housingType = pickWeighted(rng, housingMix(district.seed.central));
  const buildYear = buildYearFor(rng, housingType);
  const managementMode = managementModeFor(rng, housingType);
  const mixedUse = housingType === 'mixed';
  const isPublic =
    housingType === 'old_public' ||
    housingType === 'scattered_public' ||
    housingType === 'sold_public_estate';
  const propertyOrgId =
    managementMode === 'none'
      ? null
      : isPublic
        ? rng.pick(district.publicPropertyIds)
        : rng.pick(district.otherPropertyIds);
  const developerOrgId =
    housingType === 'commercial' || housingType === 'mixed' ? rng.pick(district.developerIds) : null;
  const suffixes = communitySuffixes[housingType];
  const name = `${rng.pick(nameStems)}${rng.pick(suffixes)}`;
  const address = `${rng.pick(nameStems)}${rng.pick(['路', '路', '街', '大道'])}${rng.int(1, 120) * 10 + rng.int(0, 9)}弄`;
  // communities on a square layout of cells inside the street
  const [west, south, east, north] = street.box;
  const side = Math.max(1, Math.ceil(Math.sqrt(street.communities)));
  const cw = (east - west) / side;
  const ch = (north - south) / side;
  const col = index % side;
  const row = Math.floor(index / side);
  const x0 = west + col * cw + cw * 0.12;
  const y0 = north - (row + 1) * ch + ch * 0.12;
  const lng = Math.round((x0 + cw * 0.38) * 1e6) / 1e6;
  const lat = Math.round((y0 + ch * 0.38) * 1e6) / 1e6;
  const gs = street.gridSide;
  const gridCol = Math.min(gs - 1, Math.floor(((lng - west) / (east - west)) * gs));
  const gridRow = Math.min(gs - 1, Math.floor(((north - lat) / (north - south)) * gs));
  const gridId = street.gridIds[gridRow * gs + gridCol]!;
  const committeeId = street.committeeIds[index % street.committeeIds.length]!;
  const hasOwnersCommittee =
    housingType === 'commercial' ||
    ((housingType === 'sold_public_estate' || housingType === 'mixed') && rng.chance(0.8));
  let ownersCommittee: CommunityPlan['ownersCommittee'] = null;
  if (hasOwnersCommittee) {
    const startYear = rng.int(2021, 2025);
    const month = String(rng.int(1, 12)).padStart(2, '0');
    const end = new Date(Date.UTC(startYear + 5, Number(month) - 1, 1) - 86400_000)
      .toISOString()
      .slice(0, 10);
    ownersCommittee = { start: `${startYear}-${month}-01`, end };
  }
  const id = street.firstCommunityId + index;
  return {
    id,
    street,
    housingType,
    buildYear,
    mixedUse,
    name,
    treeSeed: (seed ^ 0x9e3779b9) >>> 0,
    ownersCommittee,
    row: [
      id,
      street.id,
      committeeId,
      gridId,
      `${street.code}-${String(index + 1).padStart(3, '0')}`,
      name,
      address,
      housingType,
      managementMode,
      buildYear,
      0, // households, from the tree
      '0', // floor area, from the tree
      propertyOrgId,
      developerOrgId,
      mixedUse,
      buildYear < 1990 || housingType === 'old_public' || housingType === 'scattered_public',
      lng,
      lat,
      rectangle(x0, y0, x0 + cw * 0.76, y0 + ch * 0.76),
    ],
  };
}

function* communityPlans(plan: Plan, size: CitySize): Generator<CommunityPlan> {
  for (const street of plan.streets) {
    for (let i = 0; i < street.communities; i++) yield communityPlan(street, i, size);
  }
}

function treeOf(c: CommunityPlan, scale: number): BuildingPlan[] {
  return communityTree(c.treeSeed, c.housingType, c.buildYear, c.mixedUse, scale);
}

/** The building scale that gives about `unitsPerCommunity` units on average, from a sample. */
function buildingScale(plan: Plan, size: CitySize): number {
  if (!size.unitsPerCommunity) return 1;
  let units = 0;
  let n = 0;
  for (const c of communityPlans(plan, size)) {
    for (const b of treeOf(c, 1)) units += b.units.length;
    if (++n >= 400) break;
  }
  return n === 0 || units === 0 ? 1 : size.unitsPerCommunity / (units / n);
}

/** Progress of a bulk load, one bar per table (cli-progress in the CLI, nothing in tests). */
export interface LoadProgress {
  table(
    name: string,
    total: number,
    unit: string,
  ): { update(done: number, rows: number): void; stop(): void };
}

const silent: LoadProgress = { table: () => ({ update() {}, stop() {} }) };

export const cityTables = [
  'district',
  'street',
  'committee',
  'grid',
  'department',
  'organization',
  'community',
  'building',
  'unit',
  'owners_committee',
] as const;

async function nextIds(client: pg.PoolClient): Promise<IdStarts> {
  const ids = {} as IdStarts;
  for (const t of cityTables) {
    const r = await client.query(`select coalesce(max(id), 0) + 1 as next from ${t}`);
    ids[t] = Number(r.rows[0].next);
  }
  return ids;
}

/**
 * Adds the other fifteen districts of Shanghai (or the first `size.districts`) to the database:
 * streets, committees, grids, departments, property companies and developers, communities with
 * their buildings, units and owners' committees. Every table is loaded with COPY in one
 * transaction, ids assigned here and the identity sequences moved past them afterwards; buildings
 * and units are generated again per community for each table, so memory stays flat however many
 * millions of units there are. Deterministic: the same size and seed give the same rows.
 */
export async function seedCity(
  ctx: AppContext,
  partial: Partial<CitySize> = {},
  progress: LoadProgress = silent,
): Promise<Record<string, number>> {
  const size = citySize(partial);
  const counts: Record<string, number> = {};
  const client = await ctx.database.pool.connect();
  try {
    await client.query('begin');
    // nobody else may take ids from these tables while this transaction assigns them
    await client.query(`lock table ${cityTables.join(', ')} in exclusive mode`);
    const codes = cityDistricts.slice(0, size.districts).map((d) => d.code);
    const present = await client.query('select code from district where code = any($1)', [codes]);
    if (present.rowCount) {
      throw new Error(`the city data set is already there (district ${present.rows[0].code})`);
    }
    const used = new Set<string>(
      (await client.query('select uscc from organization')).rows.map((r) => r.uscc),
    );
    const plan = planCity(size, await nextIds(client), used);

    const load = async (table: string, columns: string[], rows: unknown[][]) => {
      const bar = progress.table(table, rows.length, 'rows');
      counts[table] = await copyRows(client, table, columns, rows as never);
      bar.update(rows.length, rows.length);
      bar.stop();
    };
    await load('district', ['id', 'code', 'name', 'name_en'], plan.districtRows);
    await load('street', ['id', 'district_id', 'code', 'name', 'name_en', 'outline'], plan.streetRows);
    await load('organization', ['id', 'kind', 'name', 'uscc', 'parent_id', 'phone'], plan.organizationRows);
    await load(
      'department',
      ['id', 'district_id', 'street_id', 'code', 'kind', 'name', 'name_en'],
      plan.departmentRows,
    );
    await load('committee', ['id', 'street_id', 'code', 'name'], plan.committeeRows);
    await load('grid', ['id', 'street_id', 'code', 'name', 'outline'], plan.gridRows);

    const scale = buildingScale(plan, size);
    // communities, then buildings, then units: each walk regenerates the trees it needs
    const walk = async (
      table: string,
      columns: string[],
      rowsOf: (c: CommunityPlan, tree: BuildingPlan[] | null) => Iterable<unknown[]>,
      needsTree: boolean,
    ) => {
      const bar = progress.table(table, plan.communities, 'communities');
      let done = 0;
      let rows = 0;
      function* all() {
        for (const c of communityPlans(plan, size)) {
          for (const row of rowsOf(c, needsTree ? treeOf(c, scale) : null)) {
            rows++;
            yield row;
          }
          if (++done % 50 === 0) bar.update(done, rows);
        }
      }
      counts[table] = await copyRows(client, table, columns, all() as never);
      bar.update(done, rows);
      bar.stop();
    };
    await walk(
      'community',
      communityColumns,
      (c, tree) => {
        const totals = treeTotals(tree!);
        const row = [...c.row];
        row[10] = totals.households;
        row[11] = totals.floorArea;
        return [row];
      },
      true,
    );
    let buildingId = plan.firstBuildingId - 1;
    await walk(
      'building',
      ['id', 'street_id', 'community_id', 'name', 'floors', 'has_elevator', 'structure', 'completed_on'],
      function* (c, tree) {
        for (const b of tree!) {
          yield [
            ++buildingId,
            c.street.id,
            c.id,
            b.name,
            b.floors,
            b.hasElevator,
            b.structure,
            b.completedOn,
          ];
        }
      },
      true,
    );
    buildingId = plan.firstBuildingId - 1;
    let unitId = plan.firstUnitId - 1;
    await walk(
      'unit',
      ['id', 'street_id', 'community_id', 'building_id', 'number', 'floor', 'exclusive_area', 'use'],
      function* (c, tree) {
        for (const b of tree!) {
          buildingId++;
          for (const u of b.units) {
            yield [
              ++unitId,
              c.street.id,
              c.id,
              buildingId,
              u.number,
              u.floor,
              hundredthsText(u.areaHundredths),
              u.use,
            ];
          }
        }
      },
      true,
    );
    let ownersCommitteeId = plan.firstOwnersCommitteeId - 1;
    await walk(
      'owners_committee',
      ['id', 'street_id', 'community_id', 'name', 'term_start', 'term_end'],
      function* (c) {
        if (c.ownersCommittee) {
          yield [
            ++ownersCommitteeId,
            c.street.id,
            c.id,
            `${c.name}业主委员会`,
            c.ownersCommittee.start,
            c.ownersCommittee.end,
          ];
        }
      },
      false,
    );

    for (const t of cityTables) {
      await client.query(
        `select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`,
      );
    }
    await recordAudit(
      drizzle({ client, casing: 'snake_case' }),
      { userId: null, label: 'demo-seed' },
      {
        action: 'demo.city_seeded',
        entityType: 'district',
        entityId: 'city',
        streetId: null,
        after: counts,
      },
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return counts;
}
