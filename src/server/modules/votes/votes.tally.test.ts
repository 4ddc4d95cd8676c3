import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatterType, matterTypes, type RuleSet, ruleSetOn } from '../../../contracts/votes';
import { type Ballot, countVotes, ownerKeyOf, type RollEntry, tallyVote } from './votes.tally';

// A straightforward reference, written apart from the implementation: the rules of SPEC 5.5 spelled
// out again, owner heads scaled to integers by the least common multiple of ballots per owner.

const special2021 = new Set<MatterType>(['raise_fund', 'rebuild', 'change_common_use']);
const special2007 = new Set<MatterType>(['raise_fund', 'use_fund', 'rebuild']);

function bigGcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : bigGcd(b, a % b);
}

function referencePassed(roll: RollEntry[], ballots: Ballot[], ruleSet: RuleSet, matter: MatterType) {
  const areaOf = new Map(roll.map((r) => [r.unitId, r.areaHundredths]));
  const keyOf = new Map(roll.map((r) => [r.unitId, r.ownerKey]));
  const totalArea = roll.reduce((s, r) => s + r.areaHundredths, 0n);
  const totalOwners = BigInt(new Set(roll.map((r) => r.ownerKey)).size);
  let partArea = 0n;
  let forArea = 0n;
  const ballotsPerKey = new Map<string, bigint>();
  const forPerKey = new Map<string, bigint>();
  for (const b of ballots) {
    const key = keyOf.get(b.unitId)!;
    partArea += areaOf.get(b.unitId)!;
    ballotsPerKey.set(key, (ballotsPerKey.get(key) ?? 0n) + 1n);
    if (b.choice === 'for') {
      forArea += areaOf.get(b.unitId)!;
      forPerKey.set(key, (forPerKey.get(key) ?? 0n) + 1n);
    }
  }
  let lcm = 1n;
  for (const n of ballotsPerKey.values()) lcm = (lcm * n) / bigGcd(lcm, n);
  let scaledFor = 0n;
  for (const [key, n] of ballotsPerKey) scaledFor += (forPerKey.get(key) ?? 0n) * (lcm / n);
  const partOwners = BigInt(ballotsPerKey.size);

  const atLeast = (part: bigint, base: bigint, p: bigint, q: bigint) => base > 0n && part * q >= p * base;
  const moreThan = (part: bigint, base: bigint, p: bigint, q: bigint) => base > 0n && part * q > p * base;

  if (ruleSet === 'civil_code_2021') {
    const quorum = atLeast(partArea, totalArea, 2n, 3n) && atLeast(partOwners, totalOwners, 2n, 3n);
    const approval = special2021.has(matter)
      ? atLeast(forArea, partArea, 3n, 4n) && atLeast(scaledFor, partOwners * lcm, 3n, 4n)
      : moreThan(forArea, partArea, 1n, 2n) && moreThan(scaledFor, partOwners * lcm, 1n, 2n);
    return quorum && approval;
  }
  return special2007.has(matter)
    ? atLeast(forArea, totalArea, 2n, 3n) && atLeast(scaledFor, totalOwners * lcm, 2n, 3n)
    : moreThan(forArea, totalArea, 1n, 2n) && moreThan(scaledFor, totalOwners * lcm, 1n, 2n);
}

const rollAndBallots = fc
  .array(
    fc.record({
      areaHundredths: fc.bigInt({ min: 1n, max: 30_000n }),
      // a small pool of keys makes developers and multi-unit buyers frequent
      owner: fc.oneof(
        fc.constant('developer'),
        fc.integer({ min: 1, max: 6 }).map((n) => `persons:${n}`),
        fc.constant(null),
      ),
      ballot: fc.option(fc.constantFrom('for', 'against', 'abstain') as fc.Arbitrary<Ballot['choice']>, {
        nil: null,
      }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((units) => {
    const roll: RollEntry[] = units.map((u, i) => ({
      unitId: i + 1,
      areaHundredths: u.areaHundredths,
      ownerKey: u.owner ?? `unit:${i + 1}`,
    }));
    const ballots: Ballot[] = units.flatMap((u, i) =>
      u.ballot ? [{ unitId: i + 1, choice: u.ballot }] : [],
    );
    return { roll, ballots };
  });

describe('tally against the reference computation', () => {
  it('decides every random roll and ballot set as the reference does, under both rule sets', () => {
    fc.assert(
      fc.property(
        rollAndBallots,
        fc.constantFrom(...matterTypes),
        fc.constantFrom<RuleSet>('property_law_2007', 'civil_code_2021'),
        ({ roll, ballots }, matter, ruleSet) => {
          const result = tallyVote(roll, ballots, ruleSet, matter);
          expect(result.passed).toBe(referencePassed(roll, ballots, ruleSet, matter));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('counts add up: participation is for + against + abstain, by area, units and owners', () => {
    fc.assert(
      fc.property(rollAndBallots, ({ roll, ballots }) => {
        const t = countVotes(roll, ballots);
        expect(t.for.area + t.against.area + t.abstain.area).toBe(t.participating.area);
        expect(t.for.units + t.against.units + t.abstain.units).toBe(t.participating.units);
        const heads = t.for.owners.add(t.against.owners).add(t.abstain.owners);
        expect(heads.toString()).toBe(t.participating.owners.toString());
        expect(t.participating.area <= t.total.area).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('is reproducible: the same ballots in any order give the same result', () => {
    fc.assert(
      fc.property(rollAndBallots, fc.constantFrom(...matterTypes), ({ roll, ballots }, matter) => {
        const a = tallyVote(roll, ballots, 'civil_code_2021', matter);
        const b = tallyVote([...roll].reverse(), [...ballots].reverse(), 'civil_code_2021', matter);
        expect(b).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });
});

/** n units of equal area, each its own owner */
function equalRoll(n: number): RollEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId: i + 1,
    areaHundredths: 10_000n,
    ownerKey: `unit:${i + 1}`,
  }));
}
function ballots(choices: Ballot['choice'][]): Ballot[] {
  return choices.map((choice, i) => ({ unitId: i + 1, choice }));
}

describe('edge cases of SPEC 5.5', () => {
  it('exactly 2/3 participation meets the quorum; one unit less does not', () => {
    const at = tallyVote(
      equalRoll(9),
      ballots(['for', 'for', 'for', 'for', 'for', 'for']),
      'civil_code_2021',
      'elect_committee',
    );
    expect(at.quorum).toMatchObject({
      met: true,
      area: { value: '2/3', met: true },
      owners: { value: '2/3' },
    });
    expect(at.passed).toBe(true);
    const below = tallyVote(
      equalRoll(9),
      ballots(['for', 'for', 'for', 'for', 'for']),
      'civil_code_2021',
      'elect_committee',
    );
    expect(below.quorum?.met).toBe(false);
    expect(below.passed).toBe(false);
  });

  it('exactly 3/4 passes a 3/4 matter; just under fails', () => {
    const at = tallyVote(
      equalRoll(4),
      ballots(['for', 'for', 'for', 'against']),
      'civil_code_2021',
      'raise_fund',
    );
    expect(at.approval).toMatchObject({ met: true, area: { value: '3/4' }, owners: { value: '3/4' } });
    expect(at.passed).toBe(true);
    // by area just under 3/4: the against unit is one hundredth of a m² larger
    const roll = equalRoll(4);
    roll[3] = { ...roll[3]!, areaHundredths: 10_001n };
    const under = tallyVote(roll, ballots(['for', 'for', 'for', 'against']), 'civil_code_2021', 'raise_fund');
    expect(under.approval.owners.met).toBe(true);
    expect(under.approval.area.met).toBe(false);
    expect(under.passed).toBe(false);
  });

  it('exactly 1/2 fails a "more than half" matter; one more vote passes', () => {
    const half = tallyVote(
      equalRoll(4),
      ballots(['for', 'for', 'against', 'against']),
      'civil_code_2021',
      'property_company',
    );
    expect(half.approval).toMatchObject({ met: false, area: { value: '1/2', percent: '50.00' } });
    expect(half.passed).toBe(false);
    const more = tallyVote(
      equalRoll(5),
      ballots(['for', 'for', 'for', 'against', 'against']),
      'civil_code_2021',
      'property_company',
    );
    expect(more.passed).toBe(true);
  });

  it('abstentions participate but do not approve', () => {
    const r = tallyVote(
      equalRoll(3),
      ballots(['for', 'abstain', 'abstain']),
      'civil_code_2021',
      'management_rules',
    );
    expect(r.quorum?.met).toBe(true);
    expect(r.approval.met).toBe(false);
  });

  it('needs both area and owner count: a large minority by heads cannot pass by area alone', () => {
    const roll: RollEntry[] = [
      { unitId: 1, areaHundredths: 100_000n, ownerKey: 'unit:1' },
      { unitId: 2, areaHundredths: 1_000n, ownerKey: 'unit:2' },
      { unitId: 3, areaHundredths: 1_000n, ownerKey: 'unit:3' },
    ];
    const r = tallyVote(roll, ballots(['for', 'against', 'against']), 'civil_code_2021', 'other');
    expect(r.approval.area.met).toBe(true);
    expect(r.approval.owners.met).toBe(false);
    expect(r.passed).toBe(false);
  });
});

describe('owner counting', () => {
  it("the developer's unsold and undelivered units count as one owner together", () => {
    expect(ownerKeyOf({ unitId: 1, developerHeld: true, owners: [] })).toBe('developer');
    expect(ownerKeyOf({ unitId: 2, developerHeld: false, owners: [{ personId: 9, delivered: false }] })).toBe(
      'developer',
    );
    expect(ownerKeyOf({ unitId: 3, developerHeld: false, owners: [{ personId: 9, delivered: true }] })).toBe(
      'persons:9',
    );
    // 6 developer units and 4 buyers: 5 owners; the developer voting with all 6 is one head
    const roll: RollEntry[] = [
      ...Array.from({ length: 6 }, (_, i) => ({
        unitId: i + 1,
        areaHundredths: 9_000n,
        ownerKey: 'developer',
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        unitId: i + 7,
        areaHundredths: 9_000n,
        ownerKey: `persons:${i + 1}`,
      })),
    ];
    const votes: Ballot[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ unitId: i + 1, choice: 'for' as const })),
      { unitId: 7, choice: 'against' },
      { unitId: 8, choice: 'against' },
    ];
    const t = countVotes(roll, votes);
    expect(t.total.owners.toString()).toBe('5');
    expect(t.participating.owners.toString()).toBe('3');
    expect(t.for.owners.toString()).toBe('1');
    expect(t.for.area).toBe(54_000n);
    const r = tallyVote(roll, votes, 'civil_code_2021', 'property_company');
    // 3/5 < 2/3 of the owners: no quorum although 80% of the area voted
    expect(r.quorum?.area.met).toBe(true);
    expect(r.quorum?.owners.met).toBe(false);
    expect(r.passed).toBe(false);
  });

  it('a buyer with several units counts once; co-owners of one unit are one owner', () => {
    const keys = [
      ownerKeyOf({ unitId: 1, developerHeld: false, owners: [{ personId: 1, delivered: true }] }),
      ownerKeyOf({ unitId: 2, developerHeld: false, owners: [{ personId: 1, delivered: true }] }),
      ownerKeyOf({
        unitId: 3,
        developerHeld: false,
        owners: [
          { personId: 3, delivered: true },
          { personId: 2, delivered: true },
        ],
      }),
      ownerKeyOf({
        unitId: 4,
        developerHeld: false,
        owners: [
          { personId: 2, delivered: true },
          { personId: 3, delivered: true },
        ],
      }),
      ownerKeyOf({ unitId: 5, developerHeld: false, owners: [{ personId: 2, delivered: true }] }),
      ownerKeyOf({ unitId: 6, developerHeld: false, owners: [] }),
    ];
    expect(keys).toEqual(['persons:1', 'persons:1', 'persons:2,3', 'persons:2,3', 'persons:2', 'unit:6']);
    const roll = keys.map((ownerKey, i) => ({ unitId: i + 1, areaHundredths: 5_000n, ownerKey }));
    const t = countVotes(roll, [
      { unitId: 1, choice: 'for' },
      { unitId: 2, choice: 'against' },
      { unitId: 3, choice: 'for' },
    ]);
    expect(t.total.owners.toString()).toBe('4');
    expect(t.participating.owners.toString()).toBe('2');
    // the buyer of units 1 and 2 split their head: half for, half against
    expect(t.for.owners.toString()).toBe('3/2');
    expect(t.against.owners.toString()).toBe('1/2');
  });
});

describe('the rule in force on the day the vote opens', () => {
  it('Property Law before 2021-01-01, Civil Code from that day', () => {
    expect(ruleSetOn('2019-06-01')).toBe('property_law_2007');
    expect(ruleSetOn('2020-12-31')).toBe('property_law_2007');
    expect(ruleSetOn('2021-01-01')).toBe('civil_code_2021');
    expect(ruleSetOn('2023-03-15')).toBe('civil_code_2021');
  });

  it('using the fund: 2/3 of all owners in 2019, more than half of those voting in 2023', () => {
    const votes = ballots(['for', 'for', 'for', 'for', 'against', 'against', 'against']);
    const in2019 = tallyVote(equalRoll(9), votes, ruleSetOn('2019-05-10'), 'use_fund');
    expect(in2019.quorum).toBeNull();
    expect(in2019.requirement.approval).toEqual({ num: 2, den: 3, strict: false, base: 'total' });
    expect(in2019.approval.area.value).toBe('4/9');
    expect(in2019.passed).toBe(false);
    const in2023 = tallyVote(equalRoll(9), votes, ruleSetOn('2023-05-10'), 'use_fund');
    expect(in2023.requirement.approval).toEqual({ num: 1, den: 2, strict: true, base: 'participating' });
    expect(in2023.approval.area.value).toBe('4/7');
    expect(in2023.passed).toBe(true);
  });

  it('changing the use of common parts: more than half of all in 2019, 3/4 of those voting in 2023', () => {
    const votes = ballots(['for', 'for', 'for', 'for', 'for', 'against', 'against', 'against', 'against']);
    expect(tallyVote(equalRoll(9), votes, 'property_law_2007', 'change_common_use').passed).toBe(true);
    expect(tallyVote(equalRoll(9), votes, 'civil_code_2021', 'change_common_use').passed).toBe(false);
  });

  it('in 2019 exactly 2/3 of all area and owners passes a fund matter, and exactly half fails an ordinary one', () => {
    expect(tallyVote(equalRoll(3), ballots(['for', 'for']), 'property_law_2007', 'raise_fund').passed).toBe(
      true,
    );
    expect(
      tallyVote(equalRoll(4), ballots(['for', 'for', 'against']), 'property_law_2007', 'elect_committee')
        .passed,
    ).toBe(false);
  });

  it('refuses a ballot for a unit not on the roll, and two ballots for one unit', () => {
    expect(() => countVotes(equalRoll(2), [{ unitId: 3, choice: 'for' }])).toThrow(/not on the roll/);
    expect(() => countVotes(equalRoll(2), ballots(['for']).concat(ballots(['against'])))).toThrow(
      /two ballots/,
    );
  });
});
