import type pg from 'pg';
import { type Role, roles } from '../../contracts/roles';
import type { RoleAssignment } from '../platform/access';
import { CliError } from './io';

/** The place options of `user create`, as typed: a name, a code or an id. */
export interface PlaceOptions {
  district?: string;
  street?: string;
  committee?: string;
  community?: string;
  department?: string;
  organization?: string;
  unit?: string;
}

type PlaceKey = keyof PlaceOptions;
const placeKeys: PlaceKey[] = [
  'district',
  'street',
  'committee',
  'community',
  'department',
  'organization',
  'unit',
];

/**
 * Which place options each role takes. `needs` must all be given (resident: community or unit);
 * `allows` may be given (a street to tell apart committees or communities of the same name, a
 * district for district-wide roles when there are several).
 */
const rolePlaces: Record<Role, { needs: PlaceKey[]; allows: PlaceKey[] }> = {
  district_admin: { needs: [], allows: ['district'] },
  district_leader: { needs: [], allows: ['district'] },
  inspector: { needs: [], allows: ['district'] },
  emergency: { needs: [], allows: ['district'] },
  department: { needs: ['department'], allows: [] },
  street: { needs: ['street'], allows: [] },
  committee: { needs: ['committee'], allows: ['street'] },
  property: { needs: ['organization'], allows: ['district'] },
  owners_committee: { needs: ['community'], allows: ['street'] },
  resident: { needs: [], allows: ['community', 'unit', 'street'] },
  mediator: { needs: [], allows: ['street', 'district'] },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

interface Found {
  id: number;
  label: string;
  districtId: number | null;
  streetId: number | null;
  extra?: Record<string, unknown>;
}

async function findOne(
  pool: pg.Pool,
  option: PlaceKey,
  value: string,
  what: string,
  query: string,
  params: unknown[] = [],
): Promise<Found> {
  const rows = (await pool.query(query, [value, ...params])).rows as Found[];
  if (rows.length === 0) throw new CliError(`--${option}: no ${what} "${value}" (give its name, code or id)`);
  if (rows.length > 1) {
    const list = rows
      .slice(0, 5)
      .map((r) => r.label)
      .join('; ');
    throw new CliError(
      `--${option}: "${value}" matches ${rows.length} ${what}s (${list}${rows.length > 5 ? '; ...' : ''}); give the code or id`,
    );
  }
  return rows[0]!;
}

// every lookup matches the id, the code and the name, and labels a row "name (code, id N)"
const idMatch = `(case when $1 ~ '^[0-9]{1,9}$' then $1::int end)`;

function findDistrict(pool: pg.Pool, value: string) {
  return findOne(
    pool,
    'district',
    value,
    'district',
    `select id, name || ' (' || code || ', id ' || id || ')' as label, id as "districtId", null as "streetId"
       from district where id = ${idMatch} or code = $1 or name = $1`,
  );
}

function findStreet(pool: pg.Pool, value: string) {
  return findOne(
    pool,
    'street',
    value,
    'street',
    `select id, name || ' (' || code || ', id ' || id || ')' as label, district_id as "districtId", id as "streetId"
       from street where id = ${idMatch} or code = $1 or name = $1`,
  );
}

function findCommittee(pool: pg.Pool, value: string, streetId: number | null) {
  return findOne(
    pool,
    'committee',
    value,
    'committee',
    `select c.id, c.name || ' (' || c.code || ', id ' || c.id || ')' as label, s.district_id as "districtId",
            c.street_id as "streetId"
       from committee c join street s on s.id = c.street_id
      where (c.id = ${idMatch} or c.code = $1 or c.name = $1) and ($2::int is null or c.street_id = $2)`,
    [streetId],
  );
}

function findCommunity(pool: pg.Pool, value: string, streetId: number | null) {
  return findOne(
    pool,
    'community',
    value,
    'community',
    `select c.id, c.name || ' (' || c.code || ', id ' || c.id || ')' as label, s.district_id as "districtId",
            c.street_id as "streetId"
       from community c join street s on s.id = c.street_id
      where (c.id = ${idMatch} or c.code = $1 or c.name = $1) and ($2::int is null or c.street_id = $2)`,
    [streetId],
  );
}

function findDepartment(pool: pg.Pool, value: string) {
  return findOne(
    pool,
    'department',
    value,
    'department',
    `select id, name || ' (' || code || ', id ' || id || ')' as label, district_id as "districtId",
            street_id as "streetId"
       from department where id = ${idMatch} or code = $1 or name = $1`,
  );
}

function findOrganization(pool: pg.Pool, value: string) {
  return findOne(
    pool,
    'organization',
    value,
    'organization',
    `select id, name || ' (' || uscc || ', id ' || id || ')' as label, null as "districtId", null as "streetId",
            json_build_object('kind', kind) as extra
       from organization where id = ${idMatch} or uscc = $1 or name = $1`,
  );
}

async function findUnit(pool: pg.Pool, value: string) {
  if (!/^[0-9]{1,15}$/.test(value))
    throw new CliError(`--unit: give the unit's id (a number), not "${value}"`);
  const r = await pool.query(
    `select u.id, u.community_id, u.street_id, s.district_id from unit u join street s on s.id = u.street_id
      where u.id = $1`,
    [value],
  );
  if (!r.rowCount) throw new CliError(`--unit: no unit with id ${value}`);
  const row = r.rows[0];
  return {
    id: Number(row.id),
    communityId: row.community_id as number,
    streetId: row.street_id as number,
    districtId: row.district_id as number,
  };
}

async function defaultDistrict(pool: pg.Pool): Promise<Found> {
  const r = await pool.query(
    `select id, name || ' (' || code || ', id ' || id || ')' as label, id as "districtId", null as "streetId"
       from district order by id limit 1`,
  );
  if (!r.rowCount) throw new CliError('the database has no district yet: run `anju seed` first');
  return r.rows[0];
}

/**
 * Turns the role and place options into a role assignment, checking that the place fits the
 * role. Nothing is written. Returns the assignment and a description for the operator.
 */
export async function resolveRolePlace(
  pool: pg.Pool,
  role: Role,
  options: PlaceOptions,
): Promise<{ assignment: Omit<RoleAssignment, 'role'> & { role: Role }; description: string }> {
  const rule = rolePlaces[role];
  for (const key of placeKeys) {
    if (options[key] !== undefined && !rule.needs.includes(key) && !rule.allows.includes(key)) {
      const fits =
        rule.needs.length || rule.allows.length
          ? ` (it takes ${[...rule.needs, ...rule.allows].map((k) => `--${k}`).join(', ')})`
          : '';
      throw new CliError(`--${key} does not apply to role "${role}"${fits}`);
    }
  }
  for (const key of rule.needs) {
    if (options[key] === undefined) throw new CliError(`--${key} is required for role "${role}"`);
  }
  if (role === 'resident' && options.community === undefined && options.unit === undefined) {
    throw new CliError('--community (or --unit) is required for role "resident"');
  }

  const assignment = {
    role,
    districtId: 0,
    streetId: null as number | null,
    committeeId: null as number | null,
    communityId: null as number | null,
    departmentId: null as number | null,
    organizationId: null as number | null,
    unitId: null as number | null,
  };
  let place: Found | null = null;
  const street = options.street !== undefined ? await findStreet(pool, options.street) : null;

  switch (role) {
    case 'street':
      place = street;
      break;
    case 'committee': {
      place = await findCommittee(pool, options.committee!, street?.id ?? null);
      assignment.committeeId = place.id;
      break;
    }
    case 'owners_committee':
    case 'resident': {
      const unit = options.unit !== undefined ? await findUnit(pool, options.unit) : null;
      if (options.community !== undefined) {
        place = await findCommunity(pool, options.community, street?.id ?? null);
        if (unit && unit.communityId !== place.id)
          throw new CliError(`--unit: unit ${unit.id} is not in community ${place.label}`);
      } else if (unit) {
        place = await findCommunity(pool, String(unit.communityId), null);
      }
      assignment.communityId = place!.id;
      assignment.unitId = unit?.id ?? null;
      break;
    }
    case 'department': {
      place = await findDepartment(pool, options.department!);
      assignment.departmentId = place.id;
      break;
    }
    case 'property': {
      const org = await findOrganization(pool, options.organization!);
      if (org.extra?.kind !== 'property_company') {
        throw new CliError(
          `--organization: ${org.label} is a ${String(org.extra?.kind).replaceAll('_', ' ')}, not a property company`,
        );
      }
      assignment.organizationId = org.id;
      place = org;
      break;
    }
    case 'mediator':
      place = street;
      break;
    default:
      break;
  }
  if (place?.streetId !== undefined) assignment.streetId = place?.streetId ?? null;
  const district =
    options.district !== undefined
      ? await findDistrict(pool, options.district)
      : place?.districtId
        ? null
        : await defaultDistrict(pool);
  if (district && place?.districtId && place.districtId !== district.id) {
    throw new CliError(`--district: ${place.label} is not in district ${district.label}`);
  }
  assignment.districtId = place?.districtId ?? district!.id;
  const where = place ? place.label : `district ${district!.label}`;
  return { assignment, description: `${role} at ${where}` };
}
