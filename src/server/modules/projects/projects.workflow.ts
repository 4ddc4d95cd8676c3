import { type ProgressNode, type ProjectStage, projectStages } from '../../../contracts/projects';

/** The stage after this one, or null after the warranty stage. */
export function nextStage(stage: ProjectStage): ProjectStage | null {
  const i = projectStages.indexOf(stage);
  return projectStages[i + 1] ?? null;
}

export function stageIndex(stage: ProjectStage): number {
  return projectStages.indexOf(stage);
}

/** Share of the typical duration each stage is planned to take (works is the rest). */
const planShare: Record<ProjectStage, number> = {
  approval: 10,
  design: 15,
  tender: 15,
  works: 40,
  acceptance: 5,
  audit: 15,
  warranty: 0,
};

/** The planned stage dates from a start day and the item's typical duration. */
export function planStages(
  start: string,
  durationDays: number,
  addDays: (day: string, n: number) => string,
): { stage: ProjectStage; plannedStart: string; plannedEnd: string }[] {
  let day = start;
  return projectStages.map((stage) => {
    const days = stage === 'warranty' ? 0 : Math.max(1, Math.round((durationDays * planShare[stage]) / 100));
    const plannedStart = day;
    const plannedEnd = stage === 'warranty' ? day : addDays(day, days - 1);
    if (stage !== 'warranty') day = addDays(plannedEnd, 1);
    return { stage, plannedStart, plannedEnd };
  });
}

/** A stage is late when it is not done by its planned end, or was done after it. */
export function stageDelayed(
  s: { plannedEnd: string; doneOn: string | null; startedOn: string | null },
  today: string,
) {
  if (s.doneOn) return s.doneOn > s.plannedEnd;
  return s.startedOn !== null && today > s.plannedEnd;
}

export interface TaskRow {
  id: number;
  parentId: number | null;
  name: string;
  weight: number;
  percent: number;
}

/**
 * The progress tree: a leaf's percent is its own; a parent's is the weighted mean of its children,
 * rounded down to a whole percent (so 100 means every leaf is done).
 */
export function progressTree(rows: readonly TaskRow[]): ProgressNode[] {
  const byParent = new Map<number | null, TaskRow[]>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const build = (parent: number | null, depth: number): ProgressNode[] =>
    depth > 10
      ? []
      : (byParent.get(parent) ?? []).map((r) => {
          const children = build(r.id, depth + 1);
          return { id: r.id, name: r.name, weight: r.weight, percent: rollUp(r.percent, children), children };
        });
  return build(null, 0);
}

function rollUp(own: number, children: readonly ProgressNode[]): number {
  if (children.length === 0) return own;
  const w = children.reduce((n, c) => n + c.weight, 0);
  return Math.floor(children.reduce((n, c) => n + c.weight * c.percent, 0) / w);
}

/** The project's overall percent: its tree's roots rolled up. */
export function overallPercent(tree: readonly ProgressNode[]): number {
  return tree.length ? rollUp(0, tree) : 0;
}
