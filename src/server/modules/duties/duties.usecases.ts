import type { z } from 'zod';
import { parseInstant } from '../../../contracts/calendar';
import type {
  Category,
  categoryCreate,
  categoryPatch,
  DutyRule,
  DutyRuleInput,
  dutyRuleUpdate,
  routingPreviewBody,
  UnitSpec,
  Urgency,
} from '../../../contracts/duties';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiIso } from '../../platform/calendar/calendar';
import { calendarOf } from '../../platform/calendar/calendar.usecases';
import { versionConflict } from '../../platform/errors';
import { notifyReferenceChanged, referenceData } from '../../platform/refcache';
import {
  categoryExists,
  categoryNotFound,
  categoryNotLeaf,
  noRuleForCategory,
  parentMismatch,
  ruleExists,
  ruleNotFound,
  unknownCategory,
  unknownCommunity,
  unknownDepartment,
  unknownParent,
} from './duties.errors';
import * as repo from './duties.repository';
import { previewDeadlines, type RuleRow, routeCase, ruleFor, ruleKeyOf } from './duties.routing';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'category.created': { after: repo.CategoryRow };
    'category.updated': { before: repo.CategoryRow; after: repo.CategoryRow };
    'duty_rule.created': { after: repo.DutyRuleRow };
    'duty_rule.versioned': { before: repo.DutyRuleRow; after: repo.DutyRuleRow };
  }
}

export interface CategoryIndex {
  list: repo.CategoryRow[];
  byCode: Map<string, repo.CategoryRow>;
}

export const categoryCache = referenceData<CategoryIndex>('categories', async (db) => {
  const list = await repo.loadCategories(db);
  return { list, byCode: new Map(list.map((c) => [c.code, c])) };
});

export interface RuleIndex {
  byId: Map<number, RuleRow & { row: repo.DutyRuleRow }>;
  current: Map<string, RuleRow & { row: repo.DutyRuleRow }>;
}

export const ruleCache = referenceData<RuleIndex>('duty_rules', async (db) => {
  const rows = await repo.loadRules(db);
  const index: RuleIndex = { byId: new Map(), current: new Map() };
  for (const row of rows) {
    const rule = {
      id: row.id,
      ruleKey: row.ruleKey,
      version: row.version,
      current: row.current,
      categoryCode: row.categoryCode,
      housingType: row.housingType,
      lead: row.lead as UnitSpec,
      coUnits: row.coUnits as UnitSpec[],
      defaultUrgency: row.defaultUrgency as Urgency,
      limits: row.limits as RuleRow['limits'],
      followUpDays: row.followUpDays,
      row,
    };
    index.byId.set(row.id, rule);
    if (row.current) index.current.set(row.ruleKey, rule);
  }
  return index;
});

/** Departments change rarely (the org register); a short TTL keeps routing fresh enough. */
export const departmentCache = referenceData('departments', repo.loadDepartmentDirectory, 60_000);

export function presentCategory(c: repo.CategoryRow): Category {
  return {
    code: c.code,
    parentCode: c.parentCode,
    level: c.level,
    name: c.name,
    nameEn: c.nameEn,
    enforcement: c.enforcement,
    active: c.active,
    sort: c.sort,
    version: c.version,
  };
}

export async function categoryTree(ctx: AppContext, actor: Actor) {
  const { list } = await categoryCache.get(ctx);
  const tops = list.filter((c) => c.level === 1);
  return {
    items: tops.map((t) => ({
      ...presentCategory(t),
      children: list.filter((c) => c.parentCode === t.code).map(presentCategory),
    })),
    abilities: { edit: actor.can('duties.manage') },
  };
}

/** A category a case may be filed under: an active second-level one. */
export async function leafCategory(ctx: AppContext, code: string, path = 'body.categoryCode') {
  const c = (await categoryCache.get(ctx)).byCode.get(code);
  if (!c?.active) throw unknownCategory(path);
  if (c.level !== 2) throw categoryNotLeaf(path);
  return c;
}

export async function createCategory(ctx: AppContext, actor: Actor, input: z.infer<typeof categoryCreate>) {
  assertCan(actor, 'duties.manage');
  const cats = await categoryCache.get(ctx);
  let level = 1;
  if (input.parentCode) {
    const parent = cats.byCode.get(input.parentCode);
    if (parent?.level !== 1) throw unknownParent();
    if (!input.code.startsWith(`${parent.code}.`)) throw parentMismatch();
    level = 2;
  } else if (input.code.includes('.')) throw parentMismatch();
  const row = await ctx.db.transaction(async (tx) => {
    const parent = input.parentCode ? cats.byCode.get(input.parentCode) : undefined;
    const created = await repo.insertCategory(tx, {
      code: input.code,
      parentCode: input.parentCode,
      level,
      name: input.name,
      nameEn: input.nameEn,
      enforcement: input.enforcement || Boolean(parent?.enforcement),
      sort: input.sort,
    });
    if (!created) throw categoryExists();
    await notifyReferenceChanged(tx, categoryCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'category.created',
      entityType: 'case_category',
      entityId: created.code,
      streetId: null,
      after: created,
    });
    return created;
  });
  categoryCache.invalidate(ctx);
  return presentCategory(row);
}

export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: z.infer<typeof categoryPatch>,
) {
  assertCan(actor, 'duties.manage');
  const { version, ...patch } = input;
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findCategory(tx, code);
    if (!before) throw categoryNotFound();
    const after = await repo.updateCategory(tx, code, version, patch);
    if (!after) throw versionConflict(before.version);
    await notifyReferenceChanged(tx, categoryCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'category.updated',
      entityType: 'case_category',
      entityId: code,
      streetId: null,
      before,
      after,
    });
    return after;
  });
  categoryCache.invalidate(ctx);
  return presentCategory(row);
}

export async function presentRule(ctx: AppContext, row: repo.DutyRuleRow): Promise<DutyRule> {
  const cats = await categoryCache.get(ctx);
  return {
    id: row.id,
    ruleKey: row.ruleKey,
    version: row.version,
    current: row.current,
    categoryCode: row.categoryCode,
    categoryName: cats.byCode.get(row.categoryCode)?.name ?? row.categoryCode,
    housingType: row.housingType as DutyRule['housingType'],
    lead: row.lead as UnitSpec,
    coUnits: row.coUnits as UnitSpec[],
    channels: row.channels as DutyRule['channels'],
    handlingPoints: row.handlingPoints,
    operatingPath: row.operatingPath,
    legalBasis: row.legalBasis,
    defaultUrgency: row.defaultUrgency as Urgency,
    limits: row.limits as DutyRule['limits'],
    followUpDays: row.followUpDays,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export async function listRules(
  ctx: AppContext,
  actor: Actor,
  q: { categoryCode?: string; includeHistory?: boolean },
) {
  const rules = await ruleCache.get(ctx);
  const rows = [...rules.byId.values()]
    .filter(
      (r) =>
        (q.includeHistory || r.current) && (!q.categoryCode || r.categoryCode.startsWith(q.categoryCode)),
    )
    .sort((a, b) => (a.ruleKey === b.ruleKey ? b.version - a.version : a.ruleKey < b.ruleKey ? -1 : 1));
  return {
    items: await Promise.all(rows.map((r) => presentRule(ctx, r.row))),
    abilities: { edit: actor.can('duties.manage') },
  };
}

export async function getRule(ctx: AppContext, id: number) {
  const rule = (await ruleCache.get(ctx)).byId.get(id);
  if (!rule) throw ruleNotFound();
  return presentRule(ctx, rule.row);
}

async function checkUnits(ctx: AppContext, input: Pick<DutyRuleInput, 'lead' | 'coUnits'>) {
  const dir = await departmentCache.get(ctx);
  const all: [UnitSpec, string][] = [
    [input.lead, 'body.lead.departmentCode'],
    ...input.coUnits.map((u, i) => [u, `body.coUnits.${i}.departmentCode`] as [UnitSpec, string]),
  ];
  for (const [u, path] of all) {
    if (u.resolver === 'district_department' && !dir.byCode.has(u.departmentCode ?? ''))
      throw unknownDepartment(path);
  }
}

/** A rule for a category (and housing type) that has none yet. */
export async function createRule(ctx: AppContext, actor: Actor, input: DutyRuleInput) {
  assertCan(actor, 'duties.manage');
  await leafCategory(ctx, input.categoryCode);
  await checkUnits(ctx, input);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertRule(tx, input, 1, actor.username);
    if (!created) throw ruleExists();
    await notifyReferenceChanged(tx, ruleCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'duty_rule.created',
      entityType: 'duty_rule',
      entityId: created.id,
      streetId: null,
      after: created,
    });
    return created;
  });
  ruleCache.invalidate(ctx);
  return presentRule(ctx, row);
}

/**
 * Editing a rule writes its next version; cases already open keep the version they were routed
 * with, so none of their deadlines move.
 */
export async function updateRule(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof dutyRuleUpdate>,
) {
  assertCan(actor, 'duties.manage');
  await checkUnits(ctx, input);
  const row = await ctx.db.transaction(async (tx) => {
    const base = await repo.findRule(tx, id);
    if (!base) throw ruleNotFound();
    const retired = await repo.retireRule(tx, base.ruleKey, input.version);
    if (!retired) {
      const current = (await ruleCache.get(ctx)).current.get(base.ruleKey);
      throw versionConflict(current?.version ?? base.version);
    }
    const { version, ...rest } = input;
    const next = await repo.insertRule(
      tx,
      {
        ...rest,
        categoryCode: base.categoryCode,
        housingType: base.housingType as DutyRuleInput['housingType'],
      },
      version + 1,
      actor.username,
    );
    if (!next) throw versionConflict(version + 1);
    await notifyReferenceChanged(tx, ruleCache.name);
    await recordAudit(tx, actor.audit, {
      action: 'duty_rule.versioned',
      entityType: 'duty_rule',
      entityId: next.id,
      streetId: null,
      before: retired,
      after: next,
    });
    return next;
  });
  ruleCache.invalidate(ctx);
  return presentRule(ctx, row);
}

/** "This case would go to X with deadlines Y", for the current rule or an edited one. */
export async function previewRouting(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof routingPreviewBody>,
) {
  const category = await leafCategory(ctx, body.categoryCode);
  const community = await repo.communityContext(ctx.db, actor, body.communityId);
  if (!community) throw unknownCommunity();
  const rules = await ruleCache.get(ctx);
  const current = ruleFor(rules.current, category.code, community.housingType);
  if (body.rule) await checkUnits(ctx, body.rule);
  const rule = body.rule ?? current;
  if (!rule) throw noRuleForCategory();
  const urgency: Urgency = body.urgency ?? rule.defaultUrgency;
  const [dir, cal] = await Promise.all([departmentCache.get(ctx), calendarOf(ctx)]);
  const { lead, coUnits } = routeCase(rule, community, dir);
  const limits = rule.limits[urgency];
  const at = body.at ? parseInstant(body.at) : new Date();
  const d = previewDeadlines(cal, at, limits);
  return {
    rule: {
      id: body.rule ? null : (current?.id ?? null),
      ruleKey: current?.ruleKey ?? ruleKeyOf(category.code, null),
      version: body.rule ? null : (current?.version ?? null),
    },
    urgency,
    lead,
    coUnits,
    deadlines: {
      register: shanghaiIso(d.register),
      dispatch: shanghaiIso(d.dispatch),
      handle: shanghaiIso(d.handle),
      verify: shanghaiIso(d.verify),
    },
    limits,
  };
}
