import type { Outcome, Tally } from '../../../contracts/projects';

export interface TallyOption {
  itemId: number;
  costFen: number;
  /** the menu's order (its code): the last tie-break */
  code: string;
}
export interface TallyChoice {
  unitId: number;
  itemIds: readonly number[];
  channel: 'online' | 'paper';
}
export interface TallyRules {
  budgetCapFen: number;
  households: number;
  minParticipationPct: number;
  thresholdPct: number;
}

/**
 * Participatory budgeting (after Decidim budgets), exact and reproducible from the stored choices:
 * - participation is met when participants × 100 ≥ minParticipationPct × households;
 * - an item passes the threshold when support × 100 ≥ thresholdPct × participants;
 * - items are ranked by support (more first); ties go to the cheaper item, then to the menu order
 *   (code), so the ranking is a total order;
 * - walking the ranking, an item that passes the threshold is selected when it fits in what is left
 *   of the cap; one that does not fit is skipped and the walk goes on (a cheaper item further down
 *   may still fit).
 * A unit counts once; items a choice names that are not offered are ignored.
 */
export function tallySelection(
  options: readonly TallyOption[],
  choices: readonly TallyChoice[],
  rules: TallyRules,
): Tally {
  const offered = new Map(options.map((o) => [o.itemId, o]));
  const support = new Map<number, number>(options.map((o) => [o.itemId, 0]));
  const seen = new Set<number>();
  let online = 0;
  let paper = 0;
  for (const c of choices) {
    if (seen.has(c.unitId)) continue;
    seen.add(c.unitId);
    if (c.channel === 'online') online++;
    else paper++;
    for (const id of new Set(c.itemIds)) if (offered.has(id)) support.set(id, support.get(id)! + 1);
  }
  const participants = seen.size;
  const participationMet =
    participants > 0 && participants * 100 >= rules.minParticipationPct * rules.households;
  // the smallest support that passes the threshold: ceil(thresholdPct × participants / 100)
  const supportNeeded = Math.max(1, Math.ceil((rules.thresholdPct * participants) / 100));
  const ranked = [...options].sort(
    (a, b) =>
      support.get(b.itemId)! - support.get(a.itemId)! ||
      a.costFen - b.costFen ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : a.itemId - b.itemId),
  );
  let remaining = rules.budgetCapFen;
  const ranking = ranked.map((o, i) => {
    const s = support.get(o.itemId)!;
    let outcome: Outcome;
    if (!participationMet) outcome = 'not_valid';
    else if (s < supportNeeded) outcome = 'below_threshold';
    else if (o.costFen > remaining) outcome = 'over_budget';
    else {
      outcome = 'selected';
      remaining -= o.costFen;
    }
    return { itemId: o.itemId, rank: i + 1, support: s, costFen: o.costFen, outcome };
  });
  return {
    households: rules.households,
    participants,
    online,
    paper,
    participationMet,
    supportNeeded,
    ranking,
    selectedFen: rules.budgetCapFen - remaining,
    remainingFen: remaining,
  };
}

/** The cost of a household's choice; it must be within the cap. */
export function choiceCost(options: readonly TallyOption[], itemIds: readonly number[]): number | null {
  let sum = 0;
  for (const id of itemIds) {
    const o = options.find((x) => x.itemId === id);
    if (!o) return null;
    sum += o.costFen;
  }
  return sum;
}
