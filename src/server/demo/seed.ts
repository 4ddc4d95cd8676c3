import type pg from 'pg';
import { DEMO_RESIDENT_PHONE } from '../../contracts/auth';
import type { HousingType } from '../../contracts/org';
import type { Role } from '../../contracts/roles';
import type { AppContext } from '../context';
import { copyRows } from '../db/copy';
import { rollUpCaseEvents } from '../modules/assessment/assessment.usecases';
import { createUser } from '../modules/auth/auth.usecases';
import { recordAudit } from '../platform/audit/audit';
import { seedDemoCases } from './cases';
import {
  buildYearFor,
  communityColumns,
  communityTree,
  hundredthsText,
  managementModeFor,
  treeTotals,
} from './generate';
import { seedGovernance } from './governance';
import * as hp from './huangpu';
import { seedDemoPlan } from './plan';
import { seedDemoProjects } from './projects';
import { blob, makeUscc, Random, rectangle, scatterPoints } from './random';
import { seedDemoSafety } from './safety';

declare module '../platform/audit/audit' {
  interface AuditEvents {
    'demo.seeded': { after: Record<string, number> };
  }
}

export const DEMO_SEED = 20150101;

export interface DemoAccount {
  username: string;
  role: Role;
  description: string;
}

/** One demo account per role of SPEC 1, named by the role key. */
export const demoAccounts: DemoAccount[] = [
  {
    username: 'district_admin',
    role: 'district_admin',
    description: 'District housing bureau administrator (区房管局)',
  },
  {
    username: 'district_leader',
    role: 'district_leader',
    description: 'District leader, read-only, supervision (区领导)',
  },
  {
    username: 'department',
    role: 'department',
    description: 'District urban management law enforcement bureau (区城管执法局)',
  },
  { username: 'street', role: 'street', description: 'Street officer, 五里桥街道 housing office' },
  { username: 'street2', role: 'street', description: 'Street officer, 外滩街道 housing office' },
  { username: 'committee', role: 'committee', description: 'Neighbourhood committee, 瞿溪居民区 (五里桥)' },
  {
    username: 'property',
    role: 'property',
    description: 'Property company staff (manages communities in 五里桥)',
  },
  {
    username: 'owners_committee',
    role: 'owners_committee',
    description: "Owners' committee member of a 五里桥 community",
  },
  { username: 'resident', role: 'resident', description: 'Resident and owner in the same community' },
  { username: 'inspector', role: 'inspector', description: 'District inspection team' },
  {
    username: 'emergency',
    role: 'emergency',
    description: 'District emergency repair team (区应急中心抢险队)',
  },
  { username: 'mediator', role: 'mediator', description: "People's mediator, 五里桥街道" },
];

// Housing type from the name where it says (公房, 新村, 花园 ...), otherwise from a cycle, so that
// every type and, through managementModeFor, every management mode appears in the district.
const typeCycle: HousingType[] = ['scattered_public', 'commercial', 'old_public', 'sold_public_estate'];

function housingTypeOf(name: string, index: number): HousingType {
  if (name.includes('商住楼') || name.includes('大厦')) return 'mixed';
  if (name.includes('公房')) return index % 2 ? 'old_public' : 'scattered_public';
  if (name.includes('新村')) return 'sold_public_estate';
  if (/花园|公寓|新城|苑/.test(name)) return 'commercial';
  if (name.endsWith('坊')) return 'old_public';
  return typeCycle[index % typeCycle.length]!;
}

function personName(rng: Random): string {
  return (
    rng.pick([...hp.familyNames]) +
    rng.pick([...hp.givenNames]) +
    (rng.chance(0.6) ? rng.pick([...hp.givenNames]) : '')
  );
}

function phone(rng: Random): string {
  return `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999999999)).padStart(9, '0')}`;
}

async function resetIdentity(client: pg.PoolClient, tables: string[]) {
  for (const t of tables) {
    await client.query(
      `select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`,
    );
  }
}

/**
 * Seeds 黄浦区: streets, committees, grids, departments, organisations, 70 communities with their
 * buildings and units, owners' committees and one account per role. Deterministic: the same seed
 * gives the same district.
 */
export async function seedDemo(ctx: AppContext, opts: { password: string; seed?: number }) {
  const rng = new Random(opts.seed ?? DEMO_SEED);
  const client = await ctx.database.pool.connect();
  const counts: Record<string, number> = {};
  let wuliqiao = { streetId: 0, committeeId: 0, communityId: 0, unitId: 0, propertyOrgId: 0 };
  let waitanStreetId = 0;
  let enforcementDeptId = 0;
  try {
    await client.query('begin');
    const districtId: number = (
      await client.query('insert into district (code, name, name_en) values ($1, $2, $3) returning id', [
        hp.district.code,
        hp.district.name,
        hp.district.nameEn,
      ])
    ).rows[0].id;

    // organisations
    const orgRows: [number, string, string, string, number | null, string][] = [];
    let orgId = 0;
    const groupIds = hp.enterpriseGroups.map((name) => {
      orgRows.push([++orgId, 'enterprise_group', name, makeUscc(rng, hp.district.code), null, phone(rng)]);
      return orgId;
    });
    const propertyIds = hp.propertyCompanies.map((c) => {
      orgRows.push([
        ++orgId,
        'property_company',
        c.name,
        makeUscc(rng, hp.district.code),
        c.group === null ? null : groupIds[c.group]!,
        phone(rng),
      ]);
      return orgId;
    });
    const developerIds = hp.developers.map((name) => {
      orgRows.push([++orgId, 'developer', name, makeUscc(rng, hp.district.code), null, phone(rng)]);
      return orgId;
    });
    for (const name of hp.maintenanceCompanies)
      orgRows.push([++orgId, 'maintenance_company', name, makeUscc(rng, hp.district.code), null, phone(rng)]);
    for (const name of hp.socialOrganizations)
      orgRows.push([
        ++orgId,
        'social_organization',
        name,
        makeUscc(rng, hp.district.code, '52'),
        null,
        phone(rng),
      ]);
    counts.organizations = await copyRows(
      client,
      'organization',
      ['id', 'kind', 'name', 'uscc', 'parent_id', 'phone'],
      orgRows,
    );

    // departments: district departments, and per street its office, housing office and police station
    const deptRows: [number, number, number | null, string, string, string, string][] = [];
    let deptId = 0;
    for (const d of hp.departments) {
      deptRows.push([
        ++deptId,
        districtId,
        null,
        `${hp.district.code}-${d.code}`,
        'district_department',
        d.name,
        d.nameEn,
      ]);
      if (d.code === 'CG') enforcementDeptId = deptId;
    }

    // streets, committees, grids, communities, buildings, units
    const streetRows: unknown[][] = [];
    const committeeRows: unknown[][] = [];
    const gridRows: unknown[][] = [];
    const communityRows: unknown[][] = [];
    const buildingRows: unknown[][] = [];
    const unitRows: unknown[][] = [];
    const ownersCommitteeRows: unknown[][] = [];
    let streetId = 0;
    let committeeId = 0;
    let gridId = 0;
    let communityId = 0;
    let buildingId = 0;
    let unitId = 0;
    let ownersCommitteeId = 0;
    for (const s of hp.streets) {
      streetId++;
      const [west, south, east, north] = s.box;
      streetRows.push([streetId, districtId, s.code, s.name, s.nameEn, rectangle(west, south, east, north)]);
      const shortName = s.name.replace('街道', '');
      const shortEn = s.nameEn.replace(' Subdistrict', '');
      deptRows.push([
        ++deptId,
        districtId,
        streetId,
        `${s.code}-BSC`,
        'street_office',
        `${s.name}办事处`,
        `${shortEn} Subdistrict Office`,
      ]);
      deptRows.push([
        ++deptId,
        districtId,
        streetId,
        `${s.code}-FGB`,
        'housing_office',
        `${shortName}房管办`,
        `${shortEn} Housing Office`,
      ]);
      deptRows.push([
        ++deptId,
        districtId,
        streetId,
        `${s.code}-PCS`,
        'police_station',
        `${shortName}派出所`,
        `${shortEn} Police Station`,
      ]);
      if (s.name === '外滩街道') waitanStreetId = streetId;

      const firstCommittee = committeeId + 1;
      s.committees.forEach((name, i) => {
        committeeRows.push([++committeeId, streetId, `${s.code}${String(i + 1).padStart(3, '0')}`, name]);
      });
      // four grids per street: the quadrants of its outline
      const midLng = (west + east) / 2;
      const midLat = (south + north) / 2;
      const firstGrid = gridId + 1;
      const quadrants: [number, number, number, number][] = [
        [west, midLat, midLng, north],
        [midLng, midLat, east, north],
        [west, south, midLng, midLat],
        [midLng, south, east, midLat],
      ];
      quadrants.forEach((q, i) => {
        gridRows.push([
          ++gridId,
          streetId,
          `${s.code}-G${i + 1}`,
          `${shortName}第${i + 1}网格`,
          rectangle(...q),
        ]);
      });

      // communities scattered over the street, kept apart, each with an irregular outline
      const roads = hp.roads[s.code] ?? [];
      const margin = Math.min(east - west, north - south) / 9;
      const positions = scatterPoints(rng, s.box, s.communities.length, margin);
      s.communities.forEach((name, i) => {
        communityId++;
        const housingType = housingTypeOf(name, i + streetId);
        const mixedUse = housingType === 'mixed';
        const buildYear = buildYearFor(rng, housingType);
        const managementMode = managementModeFor(rng, housingType);
        const [lngRaw, latRaw] = positions[i]!;
        const lng = Math.round(lngRaw * 1e6) / 1e6;
        const lat = Math.round(latRaw * 1e6) / 1e6;
        const size =
          (housingType === 'scattered_public' ? 0.35 : housingType === 'commercial' ? 0.8 : 0.6) * margin;
        const outline = blob(rng, lng, lat, size, size * 0.85);
        const grid = firstGrid + (lat >= midLat ? 0 : 2) + (lng >= midLng ? 1 : 0);
        const committee = firstCommittee + (i % s.committees.length);
        const isPublic =
          housingType === 'old_public' ||
          housingType === 'scattered_public' ||
          housingType === 'sold_public_estate';
        const propertyOrgId =
          managementMode === 'none'
            ? null
            : isPublic
              ? propertyIds[rng.int(0, 2)]!
              : propertyIds[rng.int(3, propertyIds.length - 1)]!;
        const developerOrgId =
          housingType === 'commercial' || housingType === 'mixed' ? rng.pick(developerIds) : null;
        const tree = communityTree(DEMO_SEED + communityId, housingType, buildYear, mixedUse);
        const totals = treeTotals(tree);
        const road = roads[i % roads.length] ?? s.name;
        const address = `${road}${rng.int(1, 40) * 10 + rng.int(0, 9)}弄`;
        communityRows.push([
          communityId,
          streetId,
          committee,
          grid,
          `${s.code}-${String(i + 1).padStart(3, '0')}`,
          name,
          address,
          housingType,
          managementMode,
          buildYear,
          totals.households,
          totals.floorArea,
          propertyOrgId,
          developerOrgId,
          mixedUse,
          buildYear < 1990 || housingType === 'old_public' || housingType === 'scattered_public',
          lng,
          lat,
          outline,
        ]);
        for (const b of tree) {
          buildingId++;
          buildingRows.push([
            buildingId,
            streetId,
            communityId,
            b.name,
            b.floors,
            b.hasElevator,
            b.structure,
            b.completedOn,
          ]);
          for (const u of b.units) {
            unitRows.push([
              ++unitId,
              streetId,
              communityId,
              buildingId,
              u.number,
              u.floor,
              hundredthsText(u.areaHundredths),
              u.use,
            ]);
          }
        }
        const hasOwnersCommittee =
          housingType === 'commercial' ||
          ((housingType === 'sold_public_estate' || housingType === 'mixed') && rng.chance(0.8));
        if (hasOwnersCommittee) {
          const startYear = rng.int(2021, 2025);
          const start = `${startYear}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
          const end = `${startYear + 5}-${start.slice(5, 7)}-01`;
          ownersCommitteeRows.push([
            ++ownersCommitteeId,
            streetId,
            communityId,
            `${name}业主委员会`,
            start,
            shiftDay(end, -1),
          ]);
        }
        // the demo property, owners' committee and resident accounts live in a commercial 五里桥
        // community with a property company and an owners' committee
        if (
          s.name === '五里桥街道' &&
          !wuliqiao.communityId &&
          propertyOrgId &&
          hasOwnersCommittee &&
          housingType === 'commercial'
        ) {
          wuliqiao = { streetId, committeeId: committee, communityId, unitId, propertyOrgId };
        }
      });
    }
    counts.streets = await copyRows(
      client,
      'street',
      ['id', 'district_id', 'code', 'name', 'name_en', 'outline'],
      streetRows as never,
    );
    counts.departments = await copyRows(
      client,
      'department',
      ['id', 'district_id', 'street_id', 'code', 'kind', 'name', 'name_en'],
      deptRows,
    );
    counts.committees = await copyRows(
      client,
      'committee',
      ['id', 'street_id', 'code', 'name'],
      committeeRows as never,
    );
    counts.grids = await copyRows(
      client,
      'grid',
      ['id', 'street_id', 'code', 'name', 'outline'],
      gridRows as never,
    );
    counts.communities = await copyRows(client, 'community', communityColumns, communityRows as never);
    counts.buildings = await copyRows(
      client,
      'building',
      ['id', 'street_id', 'community_id', 'name', 'floors', 'has_elevator', 'structure', 'completed_on'],
      buildingRows as never,
    );
    counts.units = await copyRows(
      client,
      'unit',
      ['id', 'street_id', 'community_id', 'building_id', 'number', 'floor', 'exclusive_area', 'use'],
      unitRows as never,
    );
    counts.ownersCommittees = await copyRows(
      client,
      'owners_committee',
      ['id', 'street_id', 'community_id', 'name', 'term_start', 'term_end'],
      ownersCommitteeRows as never,
    );
    if (!wuliqiao.communityId || !waitanStreetId || !enforcementDeptId) {
      throw new Error('demo seed: the places of the demo accounts were not generated');
    }
    await resetIdentity(client, [
      'district',
      'organization',
      'department',
      'street',
      'committee',
      'grid',
      'community',
      'building',
      'unit',
      'owners_committee',
    ]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }

  // accounts, through the same use case as `anju user create`
  const districtId = (
    await ctx.database.pool.query('select id from district where code = $1', [hp.district.code])
  ).rows[0].id as number;
  const system = { userId: null, label: 'demo-seed' };
  const placeOf: Record<
    string,
    Partial<{
      streetId: number;
      committeeId: number;
      communityId: number;
      departmentId: number;
      organizationId: number;
      unitId: number;
    }>
  > = {
    district_admin: {},
    district_leader: {},
    department: { departmentId: enforcementDeptId },
    street: { streetId: wuliqiao.streetId },
    street2: { streetId: waitanStreetId },
    committee: { streetId: wuliqiao.streetId, committeeId: wuliqiao.committeeId },
    property: { organizationId: wuliqiao.propertyOrgId },
    owners_committee: { streetId: wuliqiao.streetId, communityId: wuliqiao.communityId },
    resident: { streetId: wuliqiao.streetId, communityId: wuliqiao.communityId, unitId: wuliqiao.unitId },
    inspector: {},
    emergency: {},
    mediator: { streetId: wuliqiao.streetId },
  };
  for (const account of demoAccounts) {
    const name = personName(rng);
    const person = await ctx.database.pool.query(
      'insert into person (name, phone_enc, phone_index) values ($1, $2, $3) returning id',
      (() => {
        const generated = phone(rng);
        const p = account.username === 'resident' ? DEMO_RESIDENT_PHONE : generated;
        return [name, ctx.cipher.encrypt(p), ctx.cipher.index(p)];
      })(),
    );
    const place = placeOf[account.username] ?? {};
    await createUser(ctx.db, system, {
      username: account.username,
      displayName: name,
      password: opts.password,
      isDemo: true,
      skipPasswordRule: true,
      personId: person.rows[0].id,
      roles: [
        {
          role: account.role,
          districtId,
          streetId: place.streetId ?? null,
          committeeId: place.committeeId ?? null,
          communityId: place.communityId ?? null,
          departmentId: place.departmentId ?? null,
          organizationId: place.organizationId ?? null,
          unitId: place.unitId ?? null,
        },
      ],
    });
  }
  Object.assign(counts, await seedGovernance(ctx, { seed: opts.seed ?? DEMO_SEED }));
  counts.cases = (await seedDemoCases(ctx, (opts.seed ?? DEMO_SEED) + 1)).cases;
  Object.assign(counts, await seedDemoSafety(ctx, (opts.seed ?? DEMO_SEED) + 2));
  Object.assign(counts, await seedDemoProjects(ctx));
  Object.assign(counts, await seedDemoPlan(ctx, districtId, (opts.seed ?? DEMO_SEED) + 3));
  // the KPI pages have numbers at once (the rollup job would catch up within seconds anyway)
  await rollUpCaseEvents(ctx);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, system, {
      action: 'demo.seeded',
      entityType: 'district',
      entityId: districtId,
      streetId: null,
      after: counts,
    }),
  );
  return counts;
}

function shiftDay(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
