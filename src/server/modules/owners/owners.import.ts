import { isValidIdNumber, ownerImportColumns, ownerImportTypes } from '../../../contracts/owners';
import type { AppContext } from '../../context';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { sm3 } from '../../platform/crypto';
import { shanghaiDate } from '../../platform/dates';
import type { FieldError } from '../../platform/errors';
import { readExcelRows } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as err from './owners.errors';
import * as repo from './owners.repository';
import { replaceHoldings, type UnitHolding } from './owners.usecases';

type Column = (typeof ownerImportColumns)[number];
type ImportType = (typeof ownerImportTypes)[number];
export const MAX_IMPORT_ROWS = 20_000;
/** at most this many cell errors are reported; the count says how many there were */
const MAX_REPORTED = 500;

/** Header text (either language, or the key itself) → column key. */
function headerMap(): Map<string, Column> {
  const map = new Map<string, Column>();
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const t = translator(lang);
    for (const c of ownerImportColumns) map.set(t(`owners:import.column.${c}`).toLowerCase(), c);
  }
  for (const c of ownerImportColumns) map.set(c.toLowerCase(), c);
  return map;
}

function typeMap(): Map<string, ImportType> {
  const map = new Map<string, ImportType>();
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const t = translator(lang);
    for (const k of ownerImportTypes) map.set(t(`owners:import.type.${k}`).toLowerCase(), k);
  }
  for (const k of ownerImportTypes) map.set(k, k);
  return map;
}

function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

interface ParsedRow {
  row: number;
  unitId: number;
  type: ImportType;
  name: string;
  idNumber: string;
  phone?: string;
  since: string;
}

/**
 * Imports the owner register of one community from the first sheet of a workbook: one row per
 * owner of a unit (co-owners: several rows of the same unit). Every row is checked first; if any
 * cell is wrong the answer lists them row by row and nothing is written. Otherwise the listed units
 * get exactly the owners in the file, in one transaction.
 */
export async function importOwners(
  ctx: AppContext,
  actor: Actor,
  communityId: number,
  file: { filename: string; buffer: Buffer },
) {
  const community = await repo.scopedCommunity(ctx.db, actor, 'owners.manage', communityId);
  if (!community) throw err.communityNotFound();
  let raw: Awaited<ReturnType<typeof readExcelRows>>;
  try {
    raw = await readExcelRows(file.buffer);
  } catch {
    throw err.importNotExcel();
  }
  if (raw.length === 0) throw err.importEmpty();
  const errors: FieldError[] = [];
  const fail = (row: number, column: Column | 'row', code: string, params: Record<string, unknown> = {}) => {
    errors.push({ path: `row.${row}.${column}`, code, messageKey: `field.${code}`, params });
  };
  if (raw.length > MAX_IMPORT_ROWS) {
    fail(raw[MAX_IMPORT_ROWS]!.rowNumber, 'row', 'too_many_rows', { maximum: MAX_IMPORT_ROWS });
    throw err.importInvalid(errors);
  }

  const headers = headerMap();
  const types = typeMap();
  const unitIndex = new Map(
    (await repo.unitIndexOf(ctx.db, community.id)).map((u) => [`${u.buildingName}|${u.number}`, u.unitId]),
  );
  const buildingsKnown = new Set([...unitIndex.keys()].map((k) => k.split('|')[0]!));
  const today = shanghaiDate();
  const parsed: ParsedRow[] = [];

  for (const r of raw) {
    const v: Partial<Record<Column, string>> = {};
    for (const [header, value] of Object.entries(r.values)) {
      const key = headers.get(header.toLowerCase());
      if (key) v[key] = value.trim();
    }
    const before = errors.length;
    const building = v.building ?? '';
    let number = v.unit ?? '';
    if (!building) fail(r.rowNumber, 'building', 'required');
    else if (!buildingsKnown.has(building))
      fail(r.rowNumber, 'building', 'unknown_building', { value: building });
    if (!number) fail(r.rowNumber, 'unit', 'required');
    // room numbers are kept as 4 digits (0301); Excel drops the leading zero of a number cell
    if (/^\d{3}$/.test(number)) number = `0${number}`;
    const unitId = unitIndex.get(`${building}|${number}`);
    if (building && number && buildingsKnown.has(building) && unitId === undefined)
      fail(r.rowNumber, 'unit', 'unknown_unit', { value: number });
    const type = v.type ? types.get(v.type.toLowerCase()) : 'owner';
    if (!type) fail(r.rowNumber, 'type', 'invalid_value', { values: ownerImportTypes.join(', ') });
    if (type === 'developer_unsold' && community.developerOrgId === null)
      fail(r.rowNumber, 'type', 'no_developer');
    const needsOwner = type !== 'developer_unsold';
    const idNumber = (v.idNumber ?? '').toUpperCase();
    if (needsOwner) {
      if (!v.name) fail(r.rowNumber, 'name', 'required');
      if (!idNumber) fail(r.rowNumber, 'idNumber', 'required');
      else if (!isValidIdNumber(idNumber)) fail(r.rowNumber, 'idNumber', 'id_number');
    }
    if (v.phone && !/^1[3-9]\d{9}$/.test(v.phone)) fail(r.rowNumber, 'phone', 'phone');
    const since = v.since ? normalizeDate(v.since) : today;
    if (!since) fail(r.rowNumber, 'since', 'invalid_format');
    if (errors.length === before) {
      parsed.push({
        row: r.rowNumber,
        unitId: unitId!,
        type: type!,
        name: v.name ?? '',
        idNumber,
        ...(v.phone ? { phone: v.phone } : {}),
        since: since!,
      });
    }
  }

  // rows of one unit must agree; one ID number is one person with one name
  const byUnit = new Map<number, ParsedRow[]>();
  for (const p of parsed) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  for (const rows of byUnit.values()) {
    const first = rows[0]!;
    for (const p of rows.slice(1)) {
      if (p.type !== first.type) fail(p.row, 'type', 'mixed_types', { row: first.row });
      else if (p.type === 'developer_unsold') fail(p.row, 'unit', 'duplicate_unit', { row: first.row });
      else if (p.since !== first.since) fail(p.row, 'since', 'mixed_dates', { row: first.row });
      else if (rows.some((q) => q !== p && q.row < p.row && q.idNumber === p.idNumber))
        fail(p.row, 'idNumber', 'duplicate_owner');
    }
  }
  const nameOf = new Map<string, ParsedRow>();
  for (const p of parsed) {
    if (!p.idNumber) continue;
    const seen = nameOf.get(p.idNumber);
    if (seen && seen.name !== p.name) fail(p.row, 'name', 'name_mismatch', { row: seen.row });
    else if (!seen) nameOf.set(p.idNumber, p);
  }
  if (errors.length) {
    errors.sort((a, b) => Number(a.path.split('.')[1]) - Number(b.path.split('.')[1]));
    const reported = errors.slice(0, MAX_REPORTED);
    throw err.importInvalid(reported);
  }

  const holdings: UnitHolding[] = [...byUnit.entries()].map(([unitId, rows]) => ({
    unitId,
    developer:
      rows[0]!.type === 'developer_unsold'
        ? 'unsold'
        : rows[0]!.type === 'developer_undelivered'
          ? 'undelivered'
          : null,
    owners:
      rows[0]!.type === 'developer_unsold'
        ? []
        : rows.map((p) => ({ name: p.name, idNumber: p.idNumber, ...(p.phone ? { phone: p.phone } : {}) })),
    since: rows[0]!.since,
  }));
  const result = await ctx.db.transaction(async (tx) => {
    const { after, personsCreated } = await replaceHoldings(ctx, tx, community, holdings);
    const summary = {
      communityId: community.id,
      rows: raw.length,
      units: holdings.length,
      owners: after.filter((o) => o.kind === 'person').length,
      personsCreated,
      fileSm3: sm3(file.buffer),
    };
    await recordAudit(tx, actor.audit, {
      action: 'owners.imported',
      entityType: 'community',
      entityId: community.id,
      streetId: community.streetId,
      after: summary,
    });
    return summary;
  });
  return {
    rows: result.rows,
    units: result.units,
    owners: result.owners,
    personsCreated: result.personsCreated,
  };
}
