import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceCost, type TallyChoice, type TallyOption, tallySelection } from './projects.tally';

const optionsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, costs]): TallyOption[] =>
    ids.map((itemId, i) => ({ itemId, costFen: costs[i]!, code: `c${String(itemId).padStart(2, '0')}` })),
  );

const caseArb = optionsArb.chain((options) =>
  fc.record({
    options: fc.constant(options),
    choices: fc.array(
      fc.record({
        unitId: fc.integer({ min: 1, max: 60 }),
        itemIds: fc.subarray(options.map((o) => o.itemId)),
        channel: fc.constantFrom<'online' | 'paper'>('online', 'paper'),
      }),
      { maxLength: 80 },
    ),
    budgetCapFen: fc.integer({ min: 1, max: 12_000_000 }),
    households: fc.integer({ min: 1, max: 100 }),
    minParticipationPct: fc.integer({ min: 0, max: 60 }),
    thresholdPct: fc.integer({ min: 0, max: 100 }),
  }),
);

describe('participatory selection tally', () => {
  it('fits the budget exactly, ranks by support then cost then menu order, and is reproducible', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rules = c;
        const t = tallySelection(c.options, c.choices, rules);
        // reproducible: the same stored choices in any order give the same result (first choice per unit kept)
        const firstPerUnit = new Map<number, TallyChoice>();
        for (const ch of c.choices) if (!firstPerUnit.has(ch.unitId)) firstPerUnit.set(ch.unitId, ch);
        const shuffled = [...firstPerUnit.values()].reverse();
        expect(tallySelection([...c.options].reverse(), shuffled, rules)).toEqual(t);
        expect(tallySelection(c.options, c.choices, rules)).toEqual(t);

        // participants are units, each counted once
        expect(t.participants).toBe(firstPerUnit.size);
        expect(t.online + t.paper).toBe(t.participants);

        // support is the count of households naming the item
        for (const r of t.ranking) {
          const s = [...firstPerUnit.values()].filter((ch) => ch.itemIds.includes(r.itemId)).length;
          expect(r.support).toBe(s);
        }
        // the ranking is a total order: support desc, then cost asc, then code asc
        for (let i = 1; i < t.ranking.length; i++) {
          const a = t.ranking[i - 1]!;
          const b = t.ranking[i]!;
          const ca = c.options.find((o) => o.itemId === a.itemId)!.code;
          const cb = c.options.find((o) => o.itemId === b.itemId)!.code;
          expect(
            a.support > b.support ||
              (a.support === b.support && (a.costFen < b.costFen || (a.costFen === b.costFen && ca < cb))),
          ).toBe(true);
        }
        // exact budget fit: selected items cost at most the cap, to the fen
        const selected = t.ranking.filter((r) => r.outcome === 'selected');
        const sum = selected.reduce((n, r) => n + r.costFen, 0);
        expect(sum).toBe(t.selectedFen);
        expect(sum).toBeLessThanOrEqual(c.budgetCapFen);
        expect(t.remainingFen).toBe(c.budgetCapFen - sum);
        // greedy in rank order: an item skipped as over budget did not fit what was left at its turn
        let left = c.budgetCapFen;
        for (const r of t.ranking) {
          if (r.outcome === 'selected') left -= r.costFen;
          if (r.outcome === 'over_budget') expect(r.costFen).toBeGreaterThan(left);
        }
        // threshold and participation
        const met = t.participants > 0 && t.participants * 100 >= c.minParticipationPct * c.households;
        expect(t.participationMet).toBe(met);
        for (const r of t.ranking) {
          if (!met) expect(r.outcome).toBe('not_valid');
          else if (r.outcome !== 'below_threshold')
            expect(r.support * 100).toBeGreaterThanOrEqual(c.thresholdPct * t.participants);
          else expect(r.support).toBeLessThan(t.supportNeeded);
        }
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  it('breaks a tie in support by the lower cost, then by the menu code', () => {
    const options: TallyOption[] = [
      { itemId: 1, costFen: 500, code: 'b' },
      { itemId: 2, costFen: 300, code: 'c' },
      { itemId: 3, costFen: 300, code: 'a' },
    ];
    const choices: TallyChoice[] = [
      { unitId: 1, itemIds: [1, 2, 3], channel: 'online' },
      { unitId: 2, itemIds: [1, 2, 3], channel: 'paper' },
    ];
    const t = tallySelection(options, choices, {
      budgetCapFen: 600,
      households: 2,
      minParticipationPct: 50,
      thresholdPct: 50,
    });
    expect(t.ranking.map((r) => [r.itemId, r.outcome])).toEqual([
      [3, 'selected'],
      [2, 'selected'],
      [1, 'over_budget'],
    ]);
    expect(t.selectedFen).toBe(600);
    expect(t.remainingFen).toBe(0);
  });

  it('skips an item that does not fit and takes a cheaper one further down', () => {
    const options: TallyOption[] = [
      { itemId: 1, costFen: 900, code: 'a' },
      { itemId: 2, costFen: 800, code: 'b' },
      { itemId: 3, costFen: 100, code: 'c' },
    ];
    const choices: TallyChoice[] = [
      { unitId: 1, itemIds: [1, 2, 3], channel: 'online' },
      { unitId: 2, itemIds: [1, 2], channel: 'online' },
      { unitId: 3, itemIds: [1], channel: 'paper' },
    ];
    const t = tallySelection(options, choices, {
      budgetCapFen: 1000,
      households: 10,
      minParticipationPct: 30,
      thresholdPct: 0,
    });
    expect(t.ranking.map((r) => r.outcome)).toEqual(['selected', 'over_budget', 'selected']);
    expect(t.selectedFen).toBe(1000);
    // below the minimum participation nothing is valid
    const low = tallySelection(options, choices, {
      budgetCapFen: 1000,
      households: 11,
      minParticipationPct: 30,
      thresholdPct: 0,
    });
    expect(low.participationMet).toBe(false);
    expect(low.ranking.every((r) => r.outcome === 'not_valid')).toBe(true);
    expect(low.selectedFen).toBe(0);
  });

  it('prices a choice from the offer and refuses items not offered', () => {
    const options: TallyOption[] = [
      { itemId: 1, costFen: 250, code: 'a' },
      { itemId: 2, costFen: 750, code: 'b' },
    ];
    expect(choiceCost(options, [1, 2])).toBe(1000);
    expect(choiceCost(options, [3])).toBeNull();
  });
});
