import type { z } from 'zod';
import type { AssetKind } from '../../../contracts/assets';
import type {
  advanceBody,
  CostUnit,
  choiceBody,
  EligibilityRules,
  FundingSource,
  fundingBody,
  MenuItem,
  MenuItemInput,
  menuItemPatch,
  Programme,
  ProjectDetail,
  ProjectStage,
  ProjectSummary,
  paperChoiceBody,
  reportBody,
  SelectionStatus,
  selectionInput,
  Tally,
  taskBody,
  trancheBody,
} from '../../../contracts/projects';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { type Actor, assertCan } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addDays, shanghaiDate } from '../../platform/dates';
import { AppError, fieldError, versionConflict } from '../../platform/errors';
import { attachableFile, placeFiles, publishFiles } from '../../platform/files/files';
import { translator } from '../../platform/i18n';
import { decodeCursor, page } from '../../platform/pagination';
import { assetStats } from '../assets/assets.usecases';
import { communityInScope, districtOf, reachesCommunity } from '../org/org.places';
import { getCommunityProfile, listOrganizations } from '../org/org.usecases';
import { getOwnerUnit, myUnits, publishDisclosure } from '../owners/owners.usecases';
import { type CommunityFacts, hundredths, offerFor } from './projects.menu';
import * as repo from './projects.repository';
import { choiceCost, type TallyOption, tallySelection } from './projects.tally';
import {
  nextStage,
  overallPercent,
  planStages,
  progressTree,
  stageDelayed,
  stageIndex,
} from './projects.workflow';
import {
  allocationPostings,
  balanced,
  disbursementPostings,
  fundTotals,
  type Posting,
} from './special-funds.ledger';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'project_menu.item_created': { after: repo.MenuItemRow };
    'project_menu.item_updated': { before: repo.MenuItemRow; after: repo.MenuItemRow };
    'project_selection.opened': { after: repo.SelectionRow };
    'project_selection.chosen': { after: repo.ChoiceRow };
    'project_selection.closed': { after: { selectionId: number; tally: Tally; projectIds: number[] } };
    'project.created': { after: repo.ProjectRow };
    'project.advanced': { before: repo.ProjectRow; after: repo.ProjectRow };
    'project.reported': { after: Record<string, unknown> };
    'project.task_added': { after: Record<string, unknown> };
    'project.funding_set': { before: unknown; after: unknown };
    'special_fund.movement': {
      after: { entryId: number; kind: string; amountFen: number; lines: Posting[] };
    };
  }
}

export interface Clock {
  now?: Date;
}
const todayOf = (clock: Clock) => shanghaiDate(clock.now ?? new Date());

const selectionNotFound = () => new AppError('not_found', 404, { entity: 'project_selection' });
const projectNotFound = () => new AppError('not_found', 404, { entity: 'project' });
const menuItemNotFound = () => new AppError('not_found', 404, { entity: 'project_menu_item' });
const fundNotFound = () => new AppError('not_found', 404, { entity: 'special_fund' });

// ---------------------------------------------------------------------------------------------
// Menu

function presentMenuItem(r: repo.MenuListRow): MenuItem {
  const m = r.m;
  return {
    id: m.id,
    year: m.year,
    code: m.code,
    name: m.name,
    description: m.description,
    costUnit: m.costUnit as CostUnit,
    unitCostFen: m.unitCostFen,
    programme: m.programme as Programme,
    fund: m.fundId !== null && r.fundName ? { id: m.fundId, name: r.fundName } : null,
    durationDays: m.durationDays,
    rules: m.rules as EligibilityRules,
    active: m.active,
    version: m.version,
  };
}

export async function listMenu(ctx: AppContext, actor: Actor, q: { year?: number }) {
  const districtId = await districtOf(ctx.db, actor);
  const years = await repo.menuYears(ctx.db, districtId);
  const year = q.year ?? years[0] ?? Number(todayOf({}).slice(0, 4));
  const rows = await repo.menuOf(ctx.db, districtId, year);
  return { years, year, items: rows.map(presentMenuItem), abilities: { edit: actor.can('projects.menu') } };
}

async function checkFund(ctx: AppContext, districtId: number, fundId: number | null, year: number) {
  if (fundId === null) return;
  const f = await repo.fundById(ctx.db, districtId, fundId);
  if (!f || f.year !== year) throw fieldError('body.fundId', 'unknown_special_fund');
}

export async function createMenuItem(ctx: AppContext, actor: Actor, input: MenuItemInput) {
  assertCan(actor, 'projects.menu');
  const districtId = await districtOf(ctx.db, actor);
  await checkFund(ctx, districtId, input.fundId, input.year);
  checkRules(input.rules);
  const row = await ctx.db.transaction(async (tx) => {
    const m = await repo.insertMenuItem(tx, { ...input, districtId });
    if (!m) throw fieldError('body.code', 'menu_code_taken');
    await recordAudit(tx, actor.audit, {
      action: 'project_menu.item_created',
      entityType: 'project_menu_item',
      entityId: m.id,
      streetId: null,
      after: m,
    });
    return m;
  });
  return presentMenuItem((await repo.menuItemById(ctx.db, districtId, row.id))!);
}

function checkRules(rules: EligibilityRules | undefined, path = 'body.rules') {
  if (rules && rules.builtFrom !== null && rules.builtTo !== null && rules.builtFrom > rules.builtTo)
    throw fieldError(`${path}.builtTo`, 'date_order');
}

export async function updateMenuItem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof menuItemPatch>,
) {
  assertCan(actor, 'projects.menu');
  const districtId = await districtOf(ctx.db, actor);
  const r = await repo.menuItemById(ctx.db, districtId, id);
  if (!r) throw menuItemNotFound();
  const { version, ...patch } = input;
  if (patch.fundId !== undefined) await checkFund(ctx, districtId, patch.fundId, r.m.year);
  checkRules(patch.rules);
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateMenuItem(tx, id, version, patch);
    if (!after) throw versionConflict(r.m.version);
    await recordAudit(tx, actor.audit, {
      action: 'project_menu.item_updated',
      entityType: 'project_menu_item',
      entityId: id,
      streetId: null,
      before: r.m,
      after,
    });
  });
  return presentMenuItem((await repo.menuItemById(ctx.db, districtId, id))!);
}

/** The register's facts of a community, read through the org and assets modules' queries. */
async function communityFacts(ctx: AppContext, actor: Actor, communityId: number): Promise<CommunityFacts> {
  const [profile, assets] = await Promise.all([
    getCommunityProfile(ctx, actor, communityId),
    actor.can('assets.read')
      ? assetStats(ctx, actor, { communityId })
      : Promise.resolve({ byKind: [] as { kind: AssetKind; count: number }[] }),
  ]);
  return {
    housingType: profile.housingType,
    managementMode: profile.managementMode,
    buildYear: profile.buildYear,
    isMixedUse: profile.isMixedUse,
    households: profile.unitCount,
    floorAreaHundredths: hundredths(profile.floorArea),
    buildings: profile.buildings.map((b) => ({
      floors: b.floors,
      hasElevator: b.hasElevator,
      exclusiveAreaHundredths: hundredths(b.exclusiveArea),
    })),
    assetCounts: Object.fromEntries(assets.byKind.map((k) => [k.kind, k.count])),
  };
}

async function offersFor(ctx: AppContext, actor: Actor, communityId: number, year: number) {
  const districtId = await districtOf(ctx.db, actor);
  const [facts, menu] = await Promise.all([
    communityFacts(ctx, actor, communityId),
    repo.menuOf(ctx.db, districtId, year),
  ]);
  return menu
    .filter((r) => r.m.active)
    .map((r) => {
      const item = presentMenuItem(r);
      return { item, ...offerFor(item, facts) };
    });
}

export async function eligibleItems(ctx: AppContext, actor: Actor, q: { communityId: number; year: number }) {
  const community = await communityInScope(ctx.db, actor, 'projects.manage', q.communityId);
  if (!community) throw fieldError('query.communityId', 'unknown_community');
  return {
    community: { id: community.id, name: community.name },
    items: await offersFor(ctx, actor, community.id, q.year),
  };
}

// ---------------------------------------------------------------------------------------------
// Participatory selection

interface StoredOption {
  itemId: number;
  code: string;
  name: string;
  costUnit: CostUnit;
  quantity: string;
  costFen: number;
  fund: { id: number; name: string } | null;
  durationDays: number;
  programme: Programme;
}

const optionsOf = (s: repo.SelectionRow) => s.options as StoredOption[];
const tallyOptions = (s: repo.SelectionRow): TallyOption[] =>
  optionsOf(s).map((o) => ({ itemId: o.itemId, costFen: o.costFen, code: o.code }));

/** The tally of the stored choices under the selection's stored rules. */
export async function tallyOf(db: Executor, s: repo.SelectionRow): Promise<Tally> {
  const choices = await repo.choicesOf(db, s.id);
  return tallySelection(
    tallyOptions(s),
    choices.map((c) => ({ unitId: c.unitId, itemIds: c.itemIds, channel: c.channel as 'online' | 'paper' })),
    {
      budgetCapFen: s.budgetCapFen,
      households: s.households,
      minParticipationPct: s.minParticipationPct,
      thresholdPct: s.thresholdPct,
    },
  );
}

function presentSelectionSummary(r: repo.SelectionListRow) {
  const s = r.s;
  return {
    id: s.id,
    street: { id: s.streetId, name: r.streetName },
    community: { id: s.communityId, name: r.communityName },
    year: s.year,
    status: s.status as SelectionStatus,
    budgetCapFen: s.budgetCapFen,
    closesOn: s.closesOn,
    minParticipationPct: s.minParticipationPct,
    thresholdPct: s.thresholdPct,
    households: s.households,
    participants: r.participants,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function listSelections(
  ctx: AppContext,
  actor: Actor,
  q: { communityId?: number; year?: number; status?: string; limit: number; cursor?: string },
) {
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, total] = await Promise.all([
    repo.listSelections(ctx.db, actor, q, before?.[0] ?? null),
    before ? Promise.resolve(-1) : repo.countSelections(ctx.db, actor, q),
  ]);
  const result = page(rows, q.limit, (r) => [r.s.id]);
  return { items: result.items.map(presentSelectionSummary), nextCursor: result.nextCursor, total };
}

export async function getSelection(ctx: AppContext, actor: Actor, id: number, clock: Clock = {}) {
  const r = await repo.findSelection(ctx.db, actor, 'projects.read', id);
  if (!r) throw selectionNotFound();
  const s = r.s;
  const open = s.status === 'open' && todayOf(clock) <= s.closesOn;
  const [t, projects, mine] = await Promise.all([
    s.status === 'closed' && s.result ? Promise.resolve(s.result as Tally) : tallyOf(ctx.db, s),
    repo.projectsOfSelection(ctx.db, s.id),
    actor.hasRole('resident') ? myUnits(ctx, actor) : Promise.resolve({ units: [] }),
  ]);
  const choices = mine.units.length ? await repo.choicesOf(ctx.db, s.id) : [];
  const place = { streetId: s.streetId, communityId: s.communityId, committeeId: r.committeeId };
  return {
    ...presentSelectionSummary(r),
    options: optionsOf(s).map(({ programme: _p, ...o }) => o),
    tally: t,
    closedAt: s.closedAt?.toISOString() ?? null,
    disclosureId: s.disclosureId,
    projects,
    myUnits: mine.units
      .filter((u) => u.communityId === s.communityId)
      .map((u) => {
        const c = choices.find((x) => x.unitId === u.unitId);
        return {
          unitId: u.unitId,
          label: `${u.buildingName}${u.number}`,
          itemIds: c?.itemIds ?? null,
          channel: (c?.channel ?? null) as 'online' | 'paper' | null,
          canChoose: open && !c && actor.can('projects.choose'),
        };
      }),
    abilities: {
      close: s.status === 'open' && reachesCommunity(actor, 'projects.manage', place),
      paper: open && reachesCommunity(actor, 'projects.paper', place),
    },
    version: s.version,
  };
}

export async function openSelection(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof selectionInput>,
  clock: Clock = {},
) {
  assertCan(actor, 'projects.manage');
  const community = await communityInScope(ctx.db, actor, 'projects.manage', input.communityId);
  if (!community) throw fieldError('body.communityId', 'unknown_community');
  if (input.closesOn < todayOf(clock)) throw fieldError('body.closesOn', 'past_date');
  const offers = await offersFor(ctx, actor, community.id, input.year);
  let chosen = offers.filter((o) => o.eligible);
  if (input.itemIds) {
    for (const [i, id] of input.itemIds.entries()) {
      const o = offers.find((x) => x.item.id === id);
      if (!o) throw fieldError(`body.itemIds.${i}`, 'unknown_menu_item');
      if (!o.eligible) throw fieldError(`body.itemIds.${i}`, 'item_not_eligible');
    }
    chosen = chosen.filter((o) => input.itemIds!.includes(o.item.id));
  }
  if (chosen.length === 0) throw fieldError('body.itemIds', 'no_eligible_items');
  const profile = await getCommunityProfile(ctx, actor, community.id);
  const options: StoredOption[] = chosen.map((o) => ({
    itemId: o.item.id,
    code: o.item.code,
    name: o.item.name,
    costUnit: o.item.costUnit,
    quantity: o.quantity,
    costFen: o.costFen,
    fund: o.item.fund,
    durationDays: o.item.durationDays,
    programme: o.item.programme,
  }));
  const row = await ctx.db.transaction(async (tx) => {
    const s = await repo.insertSelection(tx, {
      streetId: community.streetId,
      communityId: community.id,
      year: input.year,
      budgetCapFen: input.budgetCapFen,
      closesOn: input.closesOn,
      minParticipationPct: input.minParticipationPct,
      thresholdPct: input.thresholdPct,
      households: profile.unitCount,
      options,
      createdBy: actor.displayName,
    });
    if (!s) throw fieldError('body.year', 'selection_exists');
    await recordAudit(tx, actor.audit, {
      action: 'project_selection.opened',
      entityType: 'project_selection',
      entityId: s.id,
      streetId: s.streetId,
      after: s,
    });
    return s;
  });
  return getSelection(ctx, actor, row.id, clock);
}

async function chooseInTx(
  tx: Executor,
  actor: Actor,
  selectionId: number,
  body: { unitId: number; itemIds: number[] },
  extra: { channel: 'online' | 'paper'; signedBy: string | null; scanFileId: number | null },
  today: string,
) {
  const s = await repo.lockSelection(tx, selectionId);
  if (!s) throw selectionNotFound();
  if (s.status !== 'open' || today > s.closesOn) throw new AppError('project_selection.closed', 409);
  const options = tallyOptions(s);
  const ids = [...new Set(body.itemIds)];
  for (const [i, id] of body.itemIds.entries())
    if (!options.some((o) => o.itemId === id)) throw fieldError(`body.itemIds.${i}`, 'unknown_menu_item');
  if (ids.length !== body.itemIds.length) throw fieldError('body.itemIds', 'duplicate_item');
  const cost = choiceCost(options, ids)!;
  if (cost > s.budgetCapFen) throw fieldError('body.itemIds', 'exceeds_budget_cap', { cap: s.budgetCapFen });
  const row = await repo.insertChoice(tx, {
    selectionId,
    streetId: s.streetId,
    unitId: body.unitId,
    itemIds: ids,
    castBy: actor.userId,
    ...extra,
  });
  if (!row) throw new AppError('project_selection.already_chosen', 409);
  await recordAudit(tx, actor.audit, {
    action: 'project_selection.chosen',
    entityType: 'project_selection',
    entityId: selectionId,
    streetId: s.streetId,
    after: row,
  });
}

/** A household chooses online (/m): the unit must be one of the resident's, in this community. */
export async function choose(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof choiceBody>,
  clock: Clock = {},
) {
  assertCan(actor, 'projects.choose');
  const r = await repo.findSelection(ctx.db, actor, 'projects.choose', id);
  if (!r) throw selectionNotFound();
  const { units } = await myUnits(ctx, actor);
  if (!units.some((u) => u.unitId === body.unitId && u.communityId === r.s.communityId))
    throw fieldError('body.unitId', 'not_your_unit');
  await ctx.db.transaction((tx) =>
    chooseInTx(tx, actor, id, body, { channel: 'online', signedBy: null, scanFileId: null }, todayOf(clock)),
  );
  return getSelection(ctx, actor, id, clock);
}

/** Staff enter a household's paper selection, signed, optionally with its scan. */
export async function enterPaperChoice(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof paperChoiceBody>,
  clock: Clock = {},
) {
  assertCan(actor, 'projects.paper');
  const r = await repo.findSelection(ctx.db, actor, 'projects.paper', id);
  if (!r) throw selectionNotFound();
  const unit = await getOwnerUnit(ctx, actor, body.unitId).catch(() => null);
  if (!unit || unit.community.id !== r.s.communityId)
    throw fieldError('body.unitId', 'unknown_unit_of_community');
  if (body.scanFileId)
    await attachableFile(ctx.db, actor, body.scanFileId, r.s.communityId, 'body.scanFileId');
  await ctx.db.transaction(async (tx) => {
    await chooseInTx(
      tx,
      actor,
      id,
      body,
      { channel: 'paper', signedBy: body.signedBy, scanFileId: body.scanFileId ?? null },
      todayOf(clock),
    );
    if (body.scanFileId) await placeFiles(tx, [body.scanFileId], r.s.streetId);
  });
  return getSelection(ctx, actor, id, clock);
}

/**
 * Closes the selection: the tally of the stored choices is kept, published on the community's notice
 * board, and every selected item becomes a project in approval (立项) with its planned stages.
 */
export async function closeSelection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number },
  clock: Clock = {},
) {
  assertCan(actor, 'projects.manage');
  const r = await repo.findSelection(ctx.db, actor, 'projects.manage', id);
  if (!r) throw selectionNotFound();
  const today = todayOf(clock);
  const tr = translator(actor.lang);
  await ctx.db.transaction(async (tx) => {
    const s = await repo.lockSelection(tx, id);
    if (s?.status !== 'open') throw new AppError('project_selection.closed', 409);
    if (s.version !== body.version) throw versionConflict(s.version);
    const t = await tallyOf(tx, s);
    const options = optionsOf(s);
    const selected = t.ranking.filter((x) => x.outcome === 'selected');
    const nameOf = (itemId: number) => options.find((o) => o.itemId === itemId)!.name;
    const lines = t.ranking.map(
      (x) =>
        `${x.rank}. ${nameOf(x.itemId)} · ${x.support} · ${(x.costFen / 100).toFixed(2)} · ${tr(`projects:outcome.${x.outcome}`)}`,
    );
    const disclosure = await publishDisclosure(tx, actor, {
      streetId: s.streetId,
      communityId: s.communityId,
      category: 'notice',
      title: tr('projects:selection.resultTitle', { year: s.year, community: r.communityName }),
      body: [
        tr('projects:selection.resultSummary', {
          participants: t.participants,
          households: t.households,
          selected: selected.length,
        }),
        ...lines,
      ].join('\n'),
      data: t,
      visibleUntil: addDays(today, 30),
      source: { type: 'project_selection', id: s.id },
    });
    const projectIds: number[] = [];
    for (const x of selected) {
      const o = options.find((y) => y.itemId === x.itemId)!;
      const p = await createProjectInTx(tx, actor, {
        streetId: s.streetId,
        communityId: s.communityId,
        year: s.year,
        title: o.name,
        programme: o.programme,
        menuItemId: o.itemId,
        selectionId: s.id,
        budgetFen: o.costFen,
        durationDays: o.durationDays,
        start: today,
        fundId: o.fund?.id ?? null,
      });
      projectIds.push(p.id);
    }
    const closed = await repo.closeSelection(tx, id, s.version, {
      result: t,
      closedAt: clock.now ?? new Date(),
      disclosureId: disclosure?.id ?? null,
    });
    if (!closed) throw versionConflict(s.version);
    await recordAudit(tx, actor.audit, {
      action: 'project_selection.closed',
      entityType: 'project_selection',
      entityId: id,
      streetId: s.streetId,
      after: { selectionId: id, tally: t, projectIds },
    });
  });
  return getSelection(ctx, actor, id, clock);
}

// ---------------------------------------------------------------------------------------------
// Projects

const defaultTasks = ['preparation', 'main_works', 'finishing'] as const;

async function createProjectInTx(
  tx: Executor,
  actor: Actor,
  v: {
    streetId: number;
    communityId: number;
    year: number;
    title: string;
    programme: Programme;
    menuItemId: number | null;
    selectionId: number | null;
    budgetFen: number;
    durationDays: number;
    start: string;
    fundId: number | null;
  },
) {
  const p = await repo.insertProject(tx, {
    streetId: v.streetId,
    communityId: v.communityId,
    year: v.year,
    title: v.title,
    programme: v.programme,
    menuItemId: v.menuItemId,
    selectionId: v.selectionId,
    budgetFen: v.budgetFen,
    createdBy: actor.displayName,
  });
  const plan = planStages(v.start, v.durationDays, addDays);
  await repo.insertStages(
    tx,
    plan.map((s) => ({ ...s, projectId: p.id, startedOn: s.stage === 'approval' ? v.start : null })),
  );
  // the register's language: stored names are data, shown as entered
  const tr = translator('zh-CN');
  for (const [i, key] of defaultTasks.entries())
    await repo.insertTask(tx, { projectId: p.id, name: tr(`projects:task.${key}`), weight: i === 1 ? 3 : 1 });
  await recordAudit(tx, actor.audit, {
    action: 'project.created',
    entityType: 'project',
    entityId: p.id,
    streetId: p.streetId,
    after: p,
  });
  return p;
}

function presentProjectSummary(r: repo.ProjectListRow): ProjectSummary {
  const p = r.p;
  return {
    id: p.id,
    street: { id: p.streetId, name: r.streetName },
    community: { id: p.communityId, name: r.communityName },
    year: p.year,
    title: p.title,
    programme: p.programme as Programme,
    stage: p.stage as ProjectStage,
    budgetFen: p.budgetFen,
    progressPct: r.progress,
    plannedEnd: r.plannedEnd,
    delayed: r.delayed,
    contractor:
      p.contractorOrgId !== null && r.contractorName
        ? { id: p.contractorOrgId, name: r.contractorName }
        : null,
  };
}

export async function listProjects(
  ctx: AppContext,
  actor: Actor,
  q: repo.ProjectFilter & { limit: number; cursor?: string },
  clock: Clock = {},
) {
  const today = todayOf(clock);
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const [rows, total] = await Promise.all([
    repo.listProjects(ctx.db, actor, q, today, before?.[0] ?? null),
    before ? Promise.resolve(-1) : repo.countProjects(ctx.db, actor, q, today),
  ]);
  const result = page(rows, q.limit, (r) => [r.p.id]);
  return { items: result.items.map(presentProjectSummary), nextCursor: result.nextCursor, total };
}

export async function* iterateProjects(ctx: AppContext, actor: Actor, q: repo.ProjectFilter) {
  let cursor: string | undefined;
  do {
    const p = await listProjects(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

export async function getProject(
  ctx: AppContext,
  actor: Actor,
  id: number,
  clock: Clock = {},
): Promise<ProjectDetail> {
  const today = todayOf(clock);
  const r = await repo.findProject(ctx.db, actor, 'projects.read', id, today);
  if (!r) throw projectNotFound();
  const p = r.p;
  const [stages, tasks, reports, defects, funding, tranches] = await Promise.all([
    repo.stagesOf(ctx.db, id),
    repo.tasksOf(ctx.db, id),
    repo.reportsOf(ctx.db, id),
    repo.defectsOf(ctx.db, id),
    repo.fundingOf(ctx.db, id),
    repo.tranchesOf(ctx.db, id),
  ]);
  const names = await repo.fileNames(ctx.db, [
    ...stages.flatMap((s) => s.documentFileIds),
    ...reports.flatMap((x) => x.photoFileIds),
  ]);
  const filesOf = (ids: number[]) => ids.map((fid) => ({ id: fid, name: names.get(fid) ?? String(fid) }));
  const tree = progressTree(tasks);
  const place = {
    streetId: p.streetId,
    communityId: p.communityId,
    committeeId: r.committeeId,
    propertyOrgId: r.propertyOrgId,
  };
  const timeline = [
    ...stages.flatMap((s) => [
      ...(s.startedOn
        ? [
            {
              on: s.startedOn,
              kind: 'stage_started',
              stage: s.stage as ProjectStage,
              text: s.responsible ?? '',
            },
          ]
        : []),
      ...(s.doneOn
        ? [{ on: s.doneOn, kind: 'stage_done', stage: s.stage as ProjectStage, text: s.note ?? '' }]
        : []),
    ]),
    ...reports.map((x) => ({ on: x.reportedOn, kind: 'report', stage: null, text: x.text })),
    ...tranches.map((x) => ({
      on: x.t.paidOn,
      kind: 'tranche',
      stage: null,
      text: `${x.fundName} ${(x.t.amountFen / 100).toFixed(2)}`,
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const summary = presentProjectSummary(r);
  return {
    ...summary,
    progressPct: overallPercent(tree),
    description: p.description,
    selectionId: p.selectionId,
    menuItemId: p.menuItemId,
    stages: stages.map((s) => ({
      stage: s.stage as ProjectStage,
      plannedStart: s.plannedStart,
      plannedEnd: s.plannedEnd,
      startedOn: s.startedOn,
      doneOn: s.doneOn,
      responsible: s.responsible,
      note: s.note,
      documents: filesOf(s.documentFileIds),
      delayed: s.stage !== 'warranty' && stageDelayed(s, today),
    })),
    tree,
    reports: reports.map((x) => ({
      id: x.id,
      reportedOn: x.reportedOn,
      text: x.text,
      photos: filesOf(x.photoFileIds),
      by: x.createdBy,
    })),
    defects: defects.map((d) => ({ id: d.id, text: d.text, fixedOn: d.fixedOn })),
    funding: funding.map((f) => ({
      source: f.f.source as FundingSource,
      fund: f.f.fundId !== null && f.fundName ? { id: f.f.fundId, name: f.fundName } : null,
      organization:
        f.f.organizationId !== null && f.orgName ? { id: f.f.organizationId, name: f.orgName } : null,
      amountFen: f.f.amountFen,
    })),
    tranches: tranches.map((x) => ({
      id: x.t.id,
      fund: { id: x.t.fundId, name: x.fundName },
      amountFen: x.t.amountFen,
      paidOn: x.t.paidOn,
      note: x.t.note,
      by: x.t.createdBy,
    })),
    timeline,
    warranty:
      p.warrantyComponent && p.warrantyEndsOn
        ? { component: p.warrantyComponent, endsOn: p.warrantyEndsOn }
        : null,
    acceptedOn: p.acceptedOn,
    version: p.version,
    abilities: {
      manage: reachesCommunity(actor, 'projects.manage', place),
      disburse: actor.can('special_funds.manage') && p.acceptedOn !== null,
    },
  };
}

async function managedProject(ctx: AppContext, actor: Actor, id: number, today: string) {
  assertCan(actor, 'projects.manage');
  const r = await repo.findProject(ctx.db, actor, 'projects.manage', id, today);
  if (!r) throw projectNotFound();
  return r;
}

/** Warranty after acceptance (建设工程质量管理条例 art. 40): waterproofing 5 years, the rest 2. */
const warrantyYears = (programme: string, title: string) =>
  /waterproof|防水|roof|屋面/i.test(title) || programme === 'waterlogging' ? 5 : 2;

/**
 * Completes the current stage on `doneOn` and starts the next one. Tendering names the winning
 * contractor; works need at least one progress report with a photo; acceptance records its defects
 * and the accepted date (tranches may be paid from then on); after the audit the warranty runs.
 */
export async function advanceProject(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof advanceBody>,
  clock: Clock = {},
) {
  const today = todayOf(clock);
  const r = await managedProject(ctx, actor, id, today);
  const p = r.p;
  const stage = p.stage as ProjectStage;
  const next = nextStage(stage);
  if (!next) throw new AppError('project.last_stage', 409);
  if (body.doneOn > today) throw fieldError('body.doneOn', 'date_in_future');
  const stages = await repo.stagesOf(ctx.db, id);
  const current = stages.find((s) => s.stage === stage)!;
  if (current.startedOn && body.doneOn < current.startedOn) throw fieldError('body.doneOn', 'date_order');
  for (const [i, fid] of body.documentFileIds.entries())
    await attachableFile(ctx.db, actor, fid, p.communityId, `body.documentFileIds.${i}`);
  const patch: Partial<repo.ProjectRow> = { stage: next };
  if (stage === 'tender') {
    if (!body.contractorOrgId) throw fieldError('body.contractorOrgId', 'required');
    const orgs = await listOrganizations(ctx);
    if (!orgs.some((o) => o.id === body.contractorOrgId && o.kind !== 'developer'))
      throw fieldError('body.contractorOrgId', 'unknown_contractor');
    patch.contractorOrgId = body.contractorOrgId;
  } else if (body.contractorOrgId) throw fieldError('body.contractorOrgId', 'tender_only');
  if (body.defects.length && stage !== 'acceptance') throw fieldError('body.defects', 'acceptance_only');
  if (stage === 'works') {
    const reports = await repo.reportsOf(ctx.db, id);
    if (!reports.some((x) => x.photoFileIds.length > 0)) throw new AppError('project.photo_required', 409);
  }
  if (stage === 'acceptance') patch.acceptedOn = body.doneOn;
  if (stage === 'audit') {
    const years = warrantyYears(p.programme, p.title);
    patch.warrantyComponent = years === 5 ? 'roofing_waterproofing' : 'equipment_installation';
    patch.warrantyEndsOn = addDays(addYearsTo(p.acceptedOn ?? body.doneOn, years), -1);
  }
  await ctx.db.transaction(async (tx) => {
    const after = await repo.updateProject(tx, id, body.version, patch);
    if (!after) throw versionConflict(p.version);
    await repo.updateStage(tx, id, stage, {
      doneOn: body.doneOn,
      responsible: body.responsible,
      note: body.note ?? null,
      documentFileIds: body.documentFileIds,
    });
    await repo.updateStage(tx, id, next, { startedOn: body.doneOn });
    if (stage === 'acceptance')
      await repo.insertDefects(
        tx,
        body.defects.map((text) => ({ projectId: id, text })),
      );
    if (stage === 'works') {
      // the works are accepted as done: every leaf of the tree at 100
      for (const t of await repo.tasksOf(tx, id)) await repo.setTaskPercent(tx, id, t.id, 100);
    }
    await placeFiles(tx, body.documentFileIds, p.streetId);
    await publishFiles(tx, body.documentFileIds, { streetId: p.streetId, communityId: p.communityId });
    await recordAudit(tx, actor.audit, {
      action: 'project.advanced',
      entityType: 'project',
      entityId: id,
      streetId: p.streetId,
      before: p,
      after,
    });
  });
  return getProject(ctx, actor, id, clock);
}

function addYearsTo(day: string, years: number) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

/** A dated progress report with photos, during the works; it may move sub-items' percents. */
export async function addReport(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof reportBody>,
  clock: Clock = {},
) {
  const today = todayOf(clock);
  const r = await managedProject(ctx, actor, id, today);
  if (r.p.stage !== 'works') throw new AppError('project.not_in_works', 409);
  if (body.reportedOn > today) throw fieldError('body.reportedOn', 'date_in_future');
  for (const [i, fid] of body.photoFileIds.entries()) {
    const f = await attachableFile(ctx.db, actor, fid, r.p.communityId, `body.photoFileIds.${i}`);
    if (!f.mime.startsWith('image/')) throw fieldError(`body.photoFileIds.${i}`, 'file_type');
  }
  const tasks = await repo.tasksOf(ctx.db, id);
  const parents = new Set(tasks.map((t) => t.parentId).filter((x) => x !== null));
  for (const [i, pr] of body.progress.entries())
    if (!tasks.some((t) => t.id === pr.taskId) || parents.has(pr.taskId))
      throw fieldError(`body.progress.${i}.taskId`, 'unknown_task');
  await ctx.db.transaction(async (tx) => {
    const rep = await repo.insertReport(tx, {
      projectId: id,
      reportedOn: body.reportedOn,
      text: body.text,
      photoFileIds: body.photoFileIds,
      createdBy: actor.displayName,
    });
    for (const pr of body.progress) await repo.setTaskPercent(tx, id, pr.taskId, pr.percent);
    await placeFiles(tx, body.photoFileIds, r.p.streetId);
    await publishFiles(tx, body.photoFileIds, { streetId: r.p.streetId, communityId: r.p.communityId });
    await recordAudit(tx, actor.audit, {
      action: 'project.reported',
      entityType: 'project',
      entityId: id,
      streetId: r.p.streetId,
      after: { ...rep, progress: body.progress },
    });
  });
  return getProject(ctx, actor, id, clock);
}

/** A sub-item of the progress tree (two levels: items and their parts). */
export async function addTask(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof taskBody>,
  clock: Clock = {},
) {
  const r = await managedProject(ctx, actor, id, todayOf(clock));
  if (stageIndex(r.p.stage as ProjectStage) > stageIndex('works'))
    throw new AppError('project.works_done', 409);
  if (body.parentId !== null) {
    const tasks = await repo.tasksOf(ctx.db, id);
    const parent = tasks.find((t) => t.id === body.parentId);
    if (!parent || parent.parentId !== null) throw fieldError('body.parentId', 'unknown_task');
  }
  await ctx.db.transaction(async (tx) => {
    const t = await repo.insertTask(tx, { projectId: id, ...body });
    await recordAudit(tx, actor.audit, {
      action: 'project.task_added',
      entityType: 'project',
      entityId: id,
      streetId: r.p.streetId,
      after: t,
    });
  });
  return getProject(ctx, actor, id, clock);
}

// ---------------------------------------------------------------------------------------------
// Funding and special funds

/** The funding lines add up to the budget to the fen, and name what they must. */
export function checkFundingMix(
  budgetFen: number,
  lines: readonly {
    source: FundingSource;
    fundId?: number | undefined;
    organizationId?: number | undefined;
    amountFen: number;
  }[],
) {
  for (const [i, l] of lines.entries()) {
    if (l.source === 'special_fund' && !l.fundId) throw fieldError(`body.lines.${i}.fundId`, 'required');
    if (l.source !== 'special_fund' && l.fundId)
      throw fieldError(`body.lines.${i}.fundId`, 'special_fund_only');
    if (l.source === 'enterprise' && !l.organizationId)
      throw fieldError(`body.lines.${i}.organizationId`, 'required');
    if (l.source !== 'enterprise' && l.organizationId)
      throw fieldError(`body.lines.${i}.organizationId`, 'enterprise_only');
  }
  const sum = lines.reduce((n, l) => n + BigInt(l.amountFen), 0n);
  if (sum !== BigInt(budgetFen))
    throw fieldError('body.lines', 'funding_mismatch', { budget: budgetFen, sum: Number(sum) });
}

/**
 * Sets the funding mix (before the works start). Each special-fund line allocates from that fund:
 * the change against the previous allocation is posted as one balanced entry, never beyond what is
 * unallocated, never below what was paid.
 */
export async function setFunding(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof fundingBody>,
  clock: Clock = {},
) {
  const r = await managedProject(ctx, actor, id, todayOf(clock));
  const p = r.p;
  if (stageIndex(p.stage as ProjectStage) > stageIndex('tender'))
    throw new AppError('project.funding_locked', 409);
  checkFundingMix(p.budgetFen, body.lines);
  const districtId = await districtOf(ctx.db, actor);
  const wanted = new Map<number, number>();
  for (const [i, l] of body.lines.entries()) {
    if (l.fundId) {
      const f = await repo.fundById(ctx.db, districtId, l.fundId);
      if (!f) throw fieldError(`body.lines.${i}.fundId`, 'unknown_special_fund');
      wanted.set(l.fundId, (wanted.get(l.fundId) ?? 0) + l.amountFen);
    }
    if (l.organizationId) {
      const orgs = await listOrganizations(ctx, 'enterprise_group');
      if (!orgs.some((o) => o.id === l.organizationId))
        throw fieldError(`body.lines.${i}.organizationId`, 'unknown_enterprise');
    }
  }
  const before = await repo.fundingOf(ctx.db, id);
  await ctx.db.transaction(async (tx) => {
    const locked = await repo.lockProject(tx, id);
    if (!locked || locked.version !== body.version) throw versionConflict(p.version);
    const previous = new Map<number, number>();
    for (const b of before)
      if (b.f.fundId) previous.set(b.f.fundId, (previous.get(b.f.fundId) ?? 0) + b.f.amountFen);
    const fundIds = [...new Set([...previous.keys(), ...wanted.keys()])].sort((a, b) => a - b);
    for (const fundId of fundIds) {
      const delta = (wanted.get(fundId) ?? 0) - (previous.get(fundId) ?? 0);
      if (delta === 0) continue;
      await repo.lockFund(tx, fundId);
      const balances = await repo.balancesOf(tx, [fundId]);
      const available = balances.filter((b) => b.account === 'available').reduce((n, b) => n + b.fen, 0);
      if (delta > available) {
        const i = body.lines.findIndex((l) => l.fundId === fundId);
        throw fieldError(`body.lines.${Math.max(i, 0)}.amountFen`, 'exceeds_fund_available', { available });
      }
      await postEntry(tx, actor, fundId, {
        kind: 'allocation',
        streetId: p.streetId,
        projectId: id,
        amountFen: delta,
        memo: p.title,
        lines: allocationPostings(id, delta),
      });
    }
    await repo.replaceFunding(
      tx,
      id,
      body.lines.map((l) => ({
        projectId: id,
        source: l.source,
        fundId: l.fundId ?? null,
        organizationId: l.organizationId ?? null,
        amountFen: l.amountFen,
      })),
    );
    const after = await repo.updateProject(tx, id, body.version, {});
    if (!after) throw versionConflict(p.version);
    await recordAudit(tx, actor.audit, {
      action: 'project.funding_set',
      entityType: 'project',
      entityId: id,
      streetId: p.streetId,
      before: before.map((b) => b.f),
      after: body.lines,
    });
  });
  return getProject(ctx, actor, id, clock);
}

async function postEntry(
  tx: Executor,
  actor: Actor,
  fundId: number,
  e: {
    kind: string;
    streetId: number | null;
    projectId: number | null;
    amountFen: number;
    memo: string;
    lines: Posting[];
  },
) {
  if (!balanced(e.lines)) throw new AppError('internal', 500);
  const entry = await repo.insertEntry(
    tx,
    {
      fundId,
      streetId: e.streetId,
      projectId: e.projectId,
      kind: e.kind,
      memo: e.memo,
      createdBy: actor.displayName,
    },
    e.lines,
  );
  await recordAudit(tx, actor.audit, {
    action: 'special_fund.movement',
    entityType: 'special_fund',
    entityId: fundId,
    streetId: e.streetId,
    after: { entryId: entry.id, kind: e.kind, amountFen: e.amountFen, lines: e.lines },
  });
  return entry;
}

/**
 * Pays a tranche from a special fund: only for accepted work (验收 done) and never beyond what the
 * fund allocated to this project less what it already paid.
 */
export async function payTranche(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof trancheBody>,
  clock: Clock = {},
) {
  assertCan(actor, 'special_funds.manage');
  const today = todayOf(clock);
  const r = await repo.findProject(ctx.db, actor, 'projects.read', id, today);
  if (!r) throw projectNotFound();
  if (body.paidOn > today) throw fieldError('body.paidOn', 'date_in_future');
  const districtId = await districtOf(ctx.db, actor);
  if (!(await repo.fundById(ctx.db, districtId, body.fundId)))
    throw fieldError('body.fundId', 'unknown_special_fund');
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockProject(tx, id);
    if (!p) throw projectNotFound();
    if (!p.acceptedOn) throw new AppError('project.not_accepted', 409);
    if (body.paidOn < p.acceptedOn) throw fieldError('body.paidOn', 'before_acceptance');
    await repo.lockFund(tx, body.fundId);
    const balances = await repo.balancesOf(tx, [body.fundId]);
    const committed = balances
      .filter((b) => b.account === 'committed' && b.projectId === id)
      .reduce((n, b) => n + b.fen, 0);
    if (body.amountFen > committed)
      throw fieldError('body.amountFen', 'exceeds_allocation', { remaining: committed });
    const entry = await postEntry(tx, actor, body.fundId, {
      kind: 'disbursement',
      streetId: p.streetId,
      projectId: id,
      amountFen: body.amountFen,
      memo: body.note || p.title,
      lines: disbursementPostings(id, body.amountFen),
    });
    await repo.insertTranche(tx, {
      projectId: id,
      fundId: body.fundId,
      entryId: entry.id,
      amountFen: body.amountFen,
      paidOn: body.paidOn,
      note: body.note,
      createdBy: actor.displayName,
    });
  });
  return getProject(ctx, actor, id, clock);
}

function presentFund(f: repo.FundRow, balances: { fundId: number; account: string; fen: number }[]) {
  return {
    id: f.id,
    year: f.year,
    code: f.code,
    name: f.name,
    kind: f.kind as 'elevator',
    ...fundTotals(balances.filter((b) => b.fundId === f.id)),
  };
}

export async function listFunds(ctx: AppContext, actor: Actor, q: { year?: number }) {
  const districtId = await districtOf(ctx.db, actor);
  const funds = await repo.fundsOf(ctx.db, districtId, q.year);
  const balances = await repo.balancesOf(
    ctx.db,
    funds.map((f) => f.id),
  );
  return { items: funds.map((f) => presentFund(f, balances)) };
}

export async function getFund(ctx: AppContext, actor: Actor, id: number) {
  const districtId = await districtOf(ctx.db, actor);
  const f = await repo.fundById(ctx.db, districtId, id);
  if (!f) throw fundNotFound();
  const [balances, entries] = await Promise.all([repo.balancesOf(ctx.db, [id]), repo.entriesOf(ctx.db, id)]);
  const lines = await repo.linesOfEntries(
    ctx.db,
    entries.map((e) => e.e.id),
  );
  const projectIds = [...new Set(balances.map((b) => b.projectId).filter((x): x is number => x !== null))];
  const refs = await repo.projectRefs(ctx.db, projectIds);
  const signed = (l: { debitFen: number; creditFen: number }) => l.debitFen - l.creditFen;
  return {
    ...presentFund(
      f,
      balances.map((b) => ({ ...b, fundId: id })),
    ),
    entries: entries.map((e) => {
      const own = lines.filter((l) => l.entryId === e.e.id);
      const amount =
        e.e.kind === 'budget'
          ? own.filter((l) => l.account === 'available').reduce((n, l) => n + signed(l), 0)
          : own
              .filter((l) => l.account === (e.e.kind === 'allocation' ? 'committed' : 'paid'))
              .reduce((n, l) => n + signed(l), 0);
      return {
        id: e.e.id,
        kind: e.e.kind as 'budget',
        amountFen: amount,
        project:
          e.e.projectId !== null && e.projectTitle ? { id: e.e.projectId, name: e.projectTitle } : null,
        street: e.e.streetId !== null && e.streetName ? { id: e.e.streetId, name: e.streetName } : null,
        memo: e.e.memo,
        by: e.e.createdBy,
        at: e.e.createdAt.toISOString(),
        postings: own.map((l) => ({ account: l.account, amountFen: l.debitFen - l.creditFen })),
      };
    }),
    projects: refs.map((p) => {
      const of = (a: string) =>
        balances.filter((b) => b.projectId === p.id && b.account === a).reduce((n, b) => n + b.fen, 0);
      return {
        project: { id: p.id, name: p.title },
        community: { id: p.communityId, name: p.communityName },
        allocatedFen: of('committed') + of('paid'),
        disbursedFen: of('paid'),
      };
    }),
    abilities: { manage: actor.can('special_funds.manage') },
  };
}

/** Adds to a fund's budget (an appropriation), as one balanced entry. */
export async function addBudget(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { amountFen: number; memo: string },
) {
  assertCan(actor, 'special_funds.manage');
  const districtId = await districtOf(ctx.db, actor);
  const f = await repo.fundById(ctx.db, districtId, id);
  if (!f) throw fundNotFound();
  await ctx.db.transaction(async (tx) => {
    await repo.lockFund(tx, id);
    await postEntry(tx, actor, id, {
      kind: 'budget',
      streetId: null,
      projectId: null,
      amountFen: body.amountFen,
      memo: body.memo,
      lines: [
        { account: 'available', projectId: null, debitFen: body.amountFen, creditFen: 0 },
        { account: 'appropriation', projectId: null, debitFen: 0, creditFen: body.amountFen },
      ],
    });
  });
  return getFund(ctx, actor, id);
}

/** Sets up a district's special fund for a year (demo data and the CLI's set-up). */
export async function createFund(
  ctx: AppContext,
  actor: Actor,
  v: { year: number; code: string; name: string; kind: string },
) {
  assertCan(actor, 'special_funds.manage');
  const districtId = await districtOf(ctx.db, actor);
  const f = await repo.insertFund(ctx.db, { ...v, districtId });
  if (!f) throw fieldError('body.code', 'fund_code_taken');
  return f;
}
