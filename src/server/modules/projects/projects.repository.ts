import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { files } from '../../platform/files/files.table';
import { placeScope } from '../org/org.places';
import { communities, organizations, streets } from '../org/org.table';
import {
  projectChoices,
  projectDefects,
  projectFunding,
  projectMenuItems,
  projectReports,
  projectSelections,
  projectStagesTable,
  projects,
  projectTasks,
  projectTranches,
  specialFundEntries,
  specialFundLines,
  specialFunds,
} from './projects.table';
import type { Posting } from './special-funds.ledger';

export type MenuItemRow = typeof projectMenuItems.$inferSelect;
export type SelectionRow = typeof projectSelections.$inferSelect;
export type ChoiceRow = typeof projectChoices.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type StageRow = typeof projectStagesTable.$inferSelect;
export type FundRow = typeof specialFunds.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Menu

export function menuYears(db: Executor, districtId: number) {
  return db
    .selectDistinct({ year: projectMenuItems.year })
    .from(projectMenuItems)
    .where(eq(projectMenuItems.districtId, districtId))
    .orderBy(desc(projectMenuItems.year))
    .then((r) => r.map((x) => x.year));
}

export function menuOf(db: Executor, districtId: number, year: number) {
  return db
    .select({ m: projectMenuItems, fundName: specialFunds.name })
    .from(projectMenuItems)
    .leftJoin(specialFunds, eq(specialFunds.id, projectMenuItems.fundId))
    .where(and(eq(projectMenuItems.districtId, districtId), eq(projectMenuItems.year, year)))
    .orderBy(asc(projectMenuItems.code));
}
export type MenuListRow = Awaited<ReturnType<typeof menuOf>>[number];

export function menuItemById(db: Executor, districtId: number, id: number) {
  return db
    .select({ m: projectMenuItems, fundName: specialFunds.name })
    .from(projectMenuItems)
    .leftJoin(specialFunds, eq(specialFunds.id, projectMenuItems.fundId))
    .where(and(eq(projectMenuItems.id, id), eq(projectMenuItems.districtId, districtId)))
    .then((r) => r[0] ?? null);
}

export function insertMenuItem(db: Executor, v: typeof projectMenuItems.$inferInsert) {
  return db
    .insert(projectMenuItems)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function updateMenuItem(db: Executor, id: number, version: number, patch: Partial<MenuItemRow>) {
  return db
    .update(projectMenuItems)
    .set({ ...patch, version: sql`${projectMenuItems.version} + 1` })
    .where(and(eq(projectMenuItems.id, id), eq(projectMenuItems.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

// ---------------------------------------------------------------------------------------------
// Selections

const selectionScope = (actor: Actor, permission: Permission) =>
  placeScope(actor, permission, sql`${projectSelections.streetId}`, sql`${projectSelections.communityId}`);

function selectionBase(db: Executor) {
  return db
    .select({
      s: projectSelections,
      streetName: streets.name,
      communityName: communities.name,
      committeeId: communities.committeeId,
      participants: sql<number>`(select count(*)::int from project_choice pc where pc.selection_id = ${projectSelections.id})`,
    })
    .from(projectSelections)
    .innerJoin(streets, eq(streets.id, projectSelections.streetId))
    .innerJoin(communities, eq(communities.id, projectSelections.communityId));
}
export type SelectionListRow = Awaited<ReturnType<typeof selectionBase>>[number];

interface SelectionFilter {
  communityId?: number;
  year?: number;
  status?: string;
}
function selectionFilter(actor: Actor, q: SelectionFilter) {
  return and(
    selectionScope(actor, 'projects.read'),
    q.communityId ? eq(projectSelections.communityId, q.communityId) : undefined,
    q.year ? eq(projectSelections.year, q.year) : undefined,
    q.status ? eq(projectSelections.status, q.status) : undefined,
  );
}

export function listSelections(
  db: Executor,
  actor: Actor,
  q: SelectionFilter & { limit: number },
  before: number | null,
) {
  return selectionBase(db)
    .where(and(selectionFilter(actor, q), before ? lt(projectSelections.id, before) : undefined))
    .orderBy(desc(projectSelections.id))
    .limit(q.limit + 1);
}

export function countSelections(db: Executor, actor: Actor, q: SelectionFilter) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(projectSelections)
    .where(selectionFilter(actor, q))
    .then((r) => r[0]?.n ?? 0);
}

export function findSelection(db: Executor, actor: Actor, permission: Permission, id: number) {
  return selectionBase(db)
    .where(and(eq(projectSelections.id, id), selectionScope(actor, permission)))
    .then((r) => r[0] ?? null);
}

export function insertSelection(db: Executor, v: typeof projectSelections.$inferInsert) {
  return db
    .insert(projectSelections)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function lockSelection(db: Executor, id: number) {
  return db
    .select()
    .from(projectSelections)
    .where(eq(projectSelections.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function closeSelection(
  db: Executor,
  id: number,
  version: number,
  v: { result: unknown; closedAt: Date; disclosureId: number | null },
) {
  return db
    .update(projectSelections)
    .set({ ...v, status: 'closed', version: sql`${projectSelections.version} + 1` })
    .where(and(eq(projectSelections.id, id), eq(projectSelections.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function choicesOf(db: Executor, selectionId: number) {
  return db
    .select()
    .from(projectChoices)
    .where(eq(projectChoices.selectionId, selectionId))
    .orderBy(asc(projectChoices.id));
}

export function insertChoice(db: Executor, v: typeof projectChoices.$inferInsert) {
  return db
    .insert(projectChoices)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

// ---------------------------------------------------------------------------------------------
// Projects

const projectScope = (actor: Actor, permission: Permission) =>
  placeScope(actor, permission, sql`${projects.streetId}`, sql`${projects.communityId}`);

/** Percent of a project's progress tree, in SQL for lists: weighted mean of the root items. */
const progressSql = sql<number>`coalesce((select floor(sum(t.weight * coalesce(
    (select floor(sum(c.weight * c.percent)::numeric / nullif(sum(c.weight), 0)) from project_task c where c.parent_id = t.id),
    t.percent))::numeric / nullif(sum(t.weight), 0)) from project_task t where t.project_id = ${projects.id} and t.parent_id is null), 0)::int`;

const delayedSql = (
  today: string,
) => sql<boolean>`exists (select 1 from project_stage ps where ps.project_id = ${projects.id}
  and ((ps.done_on is not null and ps.done_on > ps.planned_end) or (ps.done_on is null and ps.started_on is not null and ${today}::date > ps.planned_end)))`;

function projectBase(db: Executor, today: string) {
  return db
    .select({
      p: projects,
      streetName: streets.name,
      communityName: communities.name,
      committeeId: communities.committeeId,
      propertyOrgId: communities.propertyOrgId,
      contractorName: organizations.name,
      progress: progressSql,
      delayed: delayedSql(today),
      plannedEnd: sql<string>`(select max(ps.planned_end)::text from project_stage ps where ps.project_id = ${projects.id} and ps.stage <> 'warranty')`,
    })
    .from(projects)
    .innerJoin(streets, eq(streets.id, projects.streetId))
    .innerJoin(communities, eq(communities.id, projects.communityId))
    .leftJoin(organizations, eq(organizations.id, projects.contractorOrgId));
}
export type ProjectListRow = Awaited<ReturnType<typeof projectBase>>[number];

export interface ProjectFilter {
  streetId?: number;
  communityId?: number;
  year?: number;
  programme?: string;
  stage?: string;
  delayed?: 'true' | 'false';
}

function projectFilter(actor: Actor, q: ProjectFilter, today: string): SQL | undefined {
  return and(
    projectScope(actor, 'projects.read'),
    q.streetId ? eq(projects.streetId, q.streetId) : undefined,
    q.communityId ? eq(projects.communityId, q.communityId) : undefined,
    q.year ? eq(projects.year, q.year) : undefined,
    q.programme ? eq(projects.programme, q.programme) : undefined,
    q.stage ? eq(projects.stage, q.stage) : undefined,
    q.delayed === 'true'
      ? delayedSql(today)
      : q.delayed === 'false'
        ? sql`not ${delayedSql(today)}`
        : undefined,
  );
}

export function listProjects(
  db: Executor,
  actor: Actor,
  q: ProjectFilter & { limit: number },
  today: string,
  before: number | null,
) {
  return projectBase(db, today)
    .where(and(projectFilter(actor, q, today), before ? lt(projects.id, before) : undefined))
    .orderBy(desc(projects.id))
    .limit(q.limit + 1);
}

export function countProjects(db: Executor, actor: Actor, q: ProjectFilter, today: string) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(projectFilter(actor, q, today))
    .then((r) => r[0]?.n ?? 0);
}

export function findProject(db: Executor, actor: Actor, permission: Permission, id: number, today: string) {
  return projectBase(db, today)
    .where(and(eq(projects.id, id), projectScope(actor, permission)))
    .then((r) => r[0] ?? null);
}

export function projectsOfSelection(db: Executor, selectionId: number) {
  return db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(eq(projects.selectionId, selectionId))
    .orderBy(asc(projects.id));
}

export function insertProject(db: Executor, v: typeof projects.$inferInsert) {
  return db
    .insert(projects)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function lockProject(db: Executor, id: number) {
  return db
    .select()
    .from(projects)
    .where(eq(projects.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function updateProject(db: Executor, id: number, version: number, patch: Partial<ProjectRow>) {
  return db
    .update(projects)
    .set({ ...patch, version: sql`${projects.version} + 1` })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function insertStages(db: Executor, rows: (typeof projectStagesTable.$inferInsert)[]) {
  return db.insert(projectStagesTable).values(rows);
}

export function stagesOf(db: Executor, projectId: number) {
  return db
    .select()
    .from(projectStagesTable)
    .where(eq(projectStagesTable.projectId, projectId))
    .orderBy(asc(projectStagesTable.id));
}

export function updateStage(db: Executor, projectId: number, stage: string, patch: Partial<StageRow>) {
  return db
    .update(projectStagesTable)
    .set(patch)
    .where(and(eq(projectStagesTable.projectId, projectId), eq(projectStagesTable.stage, stage)));
}

export function tasksOf(db: Executor, projectId: number) {
  return db
    .select()
    .from(projectTasks)
    .where(eq(projectTasks.projectId, projectId))
    .orderBy(asc(projectTasks.id));
}

export function insertTask(db: Executor, v: typeof projectTasks.$inferInsert) {
  return db
    .insert(projectTasks)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function setTaskPercent(db: Executor, projectId: number, taskId: number, percent: number) {
  return db
    .update(projectTasks)
    .set({ percent })
    .where(and(eq(projectTasks.id, taskId), eq(projectTasks.projectId, projectId)));
}

export function reportsOf(db: Executor, projectId: number) {
  return db
    .select()
    .from(projectReports)
    .where(eq(projectReports.projectId, projectId))
    .orderBy(asc(projectReports.reportedOn), asc(projectReports.id));
}

export function insertReport(db: Executor, v: typeof projectReports.$inferInsert) {
  return db
    .insert(projectReports)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function defectsOf(db: Executor, projectId: number) {
  return db
    .select()
    .from(projectDefects)
    .where(eq(projectDefects.projectId, projectId))
    .orderBy(asc(projectDefects.id));
}

export function insertDefects(db: Executor, rows: (typeof projectDefects.$inferInsert)[]) {
  return rows.length ? db.insert(projectDefects).values(rows) : Promise.resolve();
}

export function fundingOf(db: Executor, projectId: number) {
  return db
    .select({ f: projectFunding, fundName: specialFunds.name, orgName: organizations.name })
    .from(projectFunding)
    .leftJoin(specialFunds, eq(specialFunds.id, projectFunding.fundId))
    .leftJoin(organizations, eq(organizations.id, projectFunding.organizationId))
    .where(eq(projectFunding.projectId, projectId))
    .orderBy(asc(projectFunding.id));
}

export async function replaceFunding(
  db: Executor,
  projectId: number,
  rows: (typeof projectFunding.$inferInsert)[],
) {
  await db.delete(projectFunding).where(eq(projectFunding.projectId, projectId));
  if (rows.length) await db.insert(projectFunding).values(rows);
}

export function tranchesOf(db: Executor, projectId: number) {
  return db
    .select({ t: projectTranches, fundName: specialFunds.name })
    .from(projectTranches)
    .innerJoin(specialFunds, eq(specialFunds.id, projectTranches.fundId))
    .where(eq(projectTranches.projectId, projectId))
    .orderBy(asc(projectTranches.paidOn), asc(projectTranches.id));
}

export function insertTranche(db: Executor, v: typeof projectTranches.$inferInsert) {
  return db
    .insert(projectTranches)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** Names of files by id (documents and photos of a project). */
export async function fileNames(db: Executor, ids: readonly number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: files.id, name: files.name })
    .from(files)
    .where(inArray(files.id, [...ids]));
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

// ---------------------------------------------------------------------------------------------
// Special funds

export function fundsOf(db: Executor, districtId: number, year?: number) {
  return db
    .select()
    .from(specialFunds)
    .where(and(eq(specialFunds.districtId, districtId), year ? eq(specialFunds.year, year) : undefined))
    .orderBy(desc(specialFunds.year), asc(specialFunds.code));
}

export function fundById(db: Executor, districtId: number, id: number) {
  return db
    .select()
    .from(specialFunds)
    .where(and(eq(specialFunds.id, id), eq(specialFunds.districtId, districtId)))
    .then((r) => r[0] ?? null);
}

/** Serialises the movements of one fund (allocations and tranches check its balances). */
export function lockFund(db: Executor, id: number) {
  return db
    .select()
    .from(specialFunds)
    .where(eq(specialFunds.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** Account balances (debit − credit) of funds, per account and project. */
export function balancesOf(db: Executor, fundIds: readonly number[]) {
  if (!fundIds.length) return Promise.resolve([]);
  return db
    .select({
      fundId: specialFundLines.fundId,
      account: specialFundLines.account,
      projectId: specialFundLines.projectId,
      fen: sql<number>`sum(${specialFundLines.debitFen} - ${specialFundLines.creditFen})::bigint`.mapWith(
        Number,
      ),
    })
    .from(specialFundLines)
    .where(inArray(specialFundLines.fundId, [...fundIds]))
    .groupBy(specialFundLines.fundId, specialFundLines.account, specialFundLines.projectId);
}

export async function insertEntry(
  db: Executor,
  v: typeof specialFundEntries.$inferInsert,
  lines: readonly Posting[],
) {
  const entry = await db
    .insert(specialFundEntries)
    .values(v)
    .returning()
    .then((r) => r[0]!);
  await db.insert(specialFundLines).values(lines.map((l) => ({ ...l, entryId: entry.id, fundId: v.fundId })));
  return entry;
}

export function entriesOf(db: Executor, fundId: number) {
  return db
    .select({
      e: specialFundEntries,
      projectTitle: projects.title,
      streetName: streets.name,
    })
    .from(specialFundEntries)
    .leftJoin(projects, eq(projects.id, specialFundEntries.projectId))
    .leftJoin(streets, eq(streets.id, specialFundEntries.streetId))
    .where(eq(specialFundEntries.fundId, fundId))
    .orderBy(desc(specialFundEntries.id))
    .limit(500);
}

export function linesOfEntries(db: Executor, entryIds: readonly number[]) {
  if (!entryIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(specialFundLines)
    .where(inArray(specialFundLines.entryId, [...entryIds]))
    .orderBy(asc(specialFundLines.id));
}

export function projectRefs(db: Executor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({
      id: projects.id,
      title: projects.title,
      communityId: projects.communityId,
      communityName: communities.name,
    })
    .from(projects)
    .innerJoin(communities, eq(communities.id, projects.communityId))
    .where(inArray(projects.id, [...ids]));
}

export function insertFund(db: Executor, v: typeof specialFunds.$inferInsert) {
  return db
    .insert(specialFunds)
    .values(v)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}
