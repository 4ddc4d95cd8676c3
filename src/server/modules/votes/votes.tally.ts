import {
  type BallotChoice,
  type MatterType,
  type RuleSet,
  requirementFor,
  type TallyView,
  type Threshold,
} from '../../../contracts/votes';

// The tally of an owner vote (SPEC 5.5), pure and exact: areas are integer hundredths of m² in
// BigInt, owner counts are rationals, and every comparison is a cross-multiplication. No floating
// point value ever decides a vote.

/** One unit on the roll frozen when the vote opened. */
export interface RollEntry {
  unitId: number;
  areaHundredths: bigint;
  /** units with the same key are one owner: the developer's units, one buyer's units, co-owners */
  ownerKey: string;
}

export interface Ballot {
  unitId: number;
  choice: BallotChoice;
}

/** A non-negative rational in lowest terms. */
export class Fraction {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den <= 0n) throw new Error('fraction denominator must be positive');
    const g = gcd(num < 0n ? -num : num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  add(other: Fraction): Fraction {
    return new Fraction(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

const ZERO = new Fraction(0n);

/** Whether part/base reaches (or, strictly, passes) num/den: part·den ≥ num·base, all in integers. */
export function reaches(part: Fraction, base: Fraction, t: Threshold): boolean {
  if (base.num === 0n) return false;
  // part.num/part.den ÷ base.num/base.den  vs  t.num/t.den
  const left = part.num * base.den * BigInt(t.den);
  const right = BigInt(t.num) * base.num * part.den;
  return t.strict ? left > right : left >= right;
}

/** part/base as "p/q" reduced, and a percentage with two decimals (rounded down) for display. */
function ratioOf(part: Fraction, base: Fraction, t: Threshold) {
  if (base.num === 0n) return { value: '0', percent: '0.00', met: false };
  const value = new Fraction(part.num * base.den, part.den * base.num);
  const basisPoints = (value.num * 10000n) / value.den;
  const percent = `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}`;
  return { value: value.toString(), percent, met: reaches(part, base, t) };
}

export function formatArea(hundredths: bigint): string {
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

export interface Counts {
  area: bigint;
  owners: Fraction;
  units: number;
}

export interface Tally {
  total: Counts;
  participating: Counts;
  for: Counts;
  against: Counts;
  abstain: Counts;
}

/**
 * Counts area and owners. Each owner key is one owner; when an owner holds several units that voted,
 * their one head is shared equally among those units' ballots, so a buyer who voted `for` with one
 * unit and `against` with another counts half each way and exactly once in participation.
 */
export function countVotes(roll: readonly RollEntry[], ballots: readonly Ballot[]): Tally {
  const byUnit = new Map<number, RollEntry>();
  const keys = new Set<string>();
  let totalArea = 0n;
  for (const r of roll) {
    if (r.areaHundredths <= 0n) throw new Error(`unit ${r.unitId} has no area`);
    if (byUnit.has(r.unitId)) throw new Error(`unit ${r.unitId} is twice on the roll`);
    byUnit.set(r.unitId, r);
    keys.add(r.ownerKey);
    totalArea += r.areaHundredths;
  }
  const seen = new Set<number>();
  const perKey = new Map<string, { n: number; for: number; against: number; abstain: number }>();
  const area = { for: 0n, against: 0n, abstain: 0n };
  const units = { for: 0, against: 0, abstain: 0 };
  for (const b of ballots) {
    const entry = byUnit.get(b.unitId);
    if (!entry) throw new Error(`ballot for unit ${b.unitId}, which is not on the roll`);
    if (seen.has(b.unitId)) throw new Error(`two ballots for unit ${b.unitId}`);
    seen.add(b.unitId);
    area[b.choice] += entry.areaHundredths;
    units[b.choice] += 1;
    const k = perKey.get(entry.ownerKey) ?? { n: 0, for: 0, against: 0, abstain: 0 };
    k.n += 1;
    k[b.choice] += 1;
    perKey.set(entry.ownerKey, k);
  }
  let headsFor = ZERO;
  let headsAgainst = ZERO;
  let headsAbstain = ZERO;
  for (const k of perKey.values()) {
    const n = BigInt(k.n);
    if (k.for) headsFor = headsFor.add(new Fraction(BigInt(k.for), n));
    if (k.against) headsAgainst = headsAgainst.add(new Fraction(BigInt(k.against), n));
    if (k.abstain) headsAbstain = headsAbstain.add(new Fraction(BigInt(k.abstain), n));
  }
  return {
    total: { area: totalArea, owners: new Fraction(BigInt(keys.size)), units: roll.length },
    participating: {
      area: area.for + area.against + area.abstain,
      owners: new Fraction(BigInt(perKey.size)),
      units: seen.size,
    },
    for: { area: area.for, owners: headsFor, units: units.for },
    against: { area: area.against, owners: headsAgainst, units: units.against },
    abstain: { area: area.abstain, owners: headsAbstain, units: units.abstain },
  };
}

const asFraction = (v: bigint) => new Fraction(v);

/** The decision: quorum (Civil Code) and approval by area AND by owner count. */
export function decide(tally: Tally, ruleSet: RuleSet, matter: MatterType) {
  const requirement = requirementFor(ruleSet, matter);
  const quorum = requirement.quorum
    ? (() => {
        const areaR = ratioOf(
          asFraction(tally.participating.area),
          asFraction(tally.total.area),
          requirement.quorum,
        );
        const ownersR = ratioOf(tally.participating.owners, tally.total.owners, requirement.quorum);
        return { area: areaR, owners: ownersR, met: areaR.met && ownersR.met };
      })()
    : null;
  const base = requirement.approval.base === 'participating' ? tally.participating : tally.total;
  const areaA = ratioOf(asFraction(tally.for.area), asFraction(base.area), requirement.approval);
  const ownersA = ratioOf(tally.for.owners, base.owners, requirement.approval);
  const approval = { area: areaA, owners: ownersA, met: areaA.met && ownersA.met };
  return { requirement, quorum, approval, passed: (quorum?.met ?? true) && approval.met };
}

function presentCounts(c: Counts) {
  return { area: formatArea(c.area), owners: c.owners.toString(), units: c.units };
}

/** Counts and decides; the result is what is stored at closing and published. */
export function tallyVote(
  roll: readonly RollEntry[],
  ballots: readonly Ballot[],
  ruleSet: RuleSet,
  matter: MatterType,
): TallyView {
  const tally = countVotes(roll, ballots);
  const decision = decide(tally, ruleSet, matter);
  return {
    ruleSet,
    matterType: matter,
    requirement: decision.requirement,
    total: presentCounts(tally.total),
    participating: presentCounts(tally.participating),
    for: presentCounts(tally.for),
    against: presentCounts(tally.against),
    abstain: presentCounts(tally.abstain),
    quorum: decision.quorum,
    approval: decision.approval,
    passed: decision.passed,
  };
}

/**
 * The owner key of a unit (SPEC 5.5; SPC interpretation on building ownership art. 9): all units
 * the developer has not sold or not delivered count as one owner together; units held by the same
 * buyer (the same set of co-owners) count as one; a unit with no recorded owner counts by itself.
 */
export function ownerKeyOf(unit: {
  unitId: number;
  /** a current developer row: the developer has not sold the unit */
  developerHeld: boolean;
  /** current person owners and whether the unit was delivered to them */
  owners: readonly { personId: number; delivered: boolean }[];
}): string {
  const undelivered = unit.owners.length > 0 && unit.owners.every((o) => !o.delivered);
  if (unit.developerHeld || undelivered) return 'developer';
  if (unit.owners.length === 0) return `unit:${unit.unitId}`;
  const ids = [...new Set(unit.owners.map((o) => o.personId))].sort((a, b) => a - b);
  return `persons:${ids.join(',')}`;
}
