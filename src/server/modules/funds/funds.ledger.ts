import {
  COMMERCIAL_RATE_BP,
  DEPLETION_RATIO,
  HIGH_RISE_FROM_FLOORS,
  PUBLIC_BUYER_RATE_BP,
  PUBLIC_SELLER_MIN_BP,
} from '../../../contracts/funds';

// Pure rules of the maintenance fund: deposit standards, apportionment by area, balanced postings,
// depletion. Money is integer fen in BigInt while computing; areas are integer hundredths of m².

export interface PostingLine {
  accountId: number;
  debitFen: bigint;
  creditFen: bigint;
}

export class UnbalancedEntryError extends Error {}

/** Drops empty lines and checks the rest: one side each, nothing negative, debits = credits. */
export function balancedLines(lines: readonly PostingLine[]): PostingLine[] {
  const kept = lines.filter((l) => l.debitFen !== 0n || l.creditFen !== 0n);
  let debits = 0n;
  let credits = 0n;
  for (const l of kept) {
    if (l.debitFen < 0n || l.creditFen < 0n) throw new UnbalancedEntryError('negative amount on a line');
    if (l.debitFen !== 0n && l.creditFen !== 0n) throw new UnbalancedEntryError('a line has both sides');
    debits += l.debitFen;
    credits += l.creditFen;
  }
  if (debits !== credits) throw new UnbalancedEntryError(`debits ${debits} ≠ credits ${credits}`);
  if (kept.length === 0) throw new UnbalancedEntryError('an entry needs lines');
  return kept;
}

export const debit = (accountId: number, fen: bigint): PostingLine => ({
  accountId,
  debitFen: fen,
  creditFen: 0n,
});
export const credit = (accountId: number, fen: bigint): PostingLine => ({
  accountId,
  debitFen: 0n,
  creditFen: fen,
});

/**
 * Splits `total` fen over items in proportion to their weights by the largest-remainder method:
 * each gets the floor of its exact share, and the fen left over go one each to the largest
 * remainders (ties: larger weight, then smaller id). The parts always add up to `total` exactly.
 */
export function apportion<K extends number | string>(
  total: bigint,
  items: readonly { id: K; weight: bigint }[],
): Map<K, bigint> {
  if (total < 0n) throw new Error('cannot apportion a negative amount');
  const weightSum = items.reduce((s, i) => s + i.weight, 0n);
  const out = new Map<K, bigint>();
  if (items.length === 0) {
    if (total !== 0n) throw new Error('nothing to apportion over');
    return out;
  }
  if (items.some((i) => i.weight <= 0n)) throw new Error('weights must be positive');
  let given = 0n;
  const remainders: { id: K; weight: bigint; rem: bigint }[] = [];
  for (const i of items) {
    const exact = total * i.weight;
    const share = exact / weightSum;
    out.set(i.id, share);
    given += share;
    remainders.push({ id: i.id, weight: i.weight, rem: exact % weightSum });
  }
  remainders.sort((a, b) =>
    a.rem !== b.rem
      ? a.rem > b.rem
        ? -1
        : 1
      : a.weight !== b.weight
        ? a.weight > b.weight
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
  );
  let left = total - given;
  for (const r of remainders) {
    if (left === 0n) break;
    out.set(r.id, out.get(r.id)! + 1n);
    left--;
  }
  return out;
}

/** round(n / d) half up, for non-negative n and positive d */
export function divRound(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

export function commercialRateValid(rateBp: number): boolean {
  return Number.isInteger(rateBp) && rateBp >= COMMERCIAL_RATE_BP.min && rateBp <= COMMERCIAL_RATE_BP.max;
}

/** Commercial housing: exclusive area × construction cost per m² × 5%–8%, to the fen. */
export function commercialDeposit(areaHundredths: bigint, costFenPerM2: bigint, rateBp: number): bigint {
  return divRound(areaHundredths * costFenPerM2 * BigInt(rateBp), 100n * 10_000n);
}

/** Sold public housing, the buyer: 2% of the price. */
export function publicBuyerDeposit(priceFen: bigint): bigint {
  return divRound(priceFen * BigInt(PUBLIC_BUYER_RATE_BP), 10_000n);
}

export function isHighRise(floors: number): boolean {
  return floors >= HIGH_RISE_FROM_FLOORS;
}

/** The least the seller must put in: 20% of the proceeds for multi-storey, 30% for high-rise. */
export function sellerMinimumBp(floors: number): number {
  return isHighRise(floors) ? PUBLIC_SELLER_MIN_BP.highRise : PUBLIC_SELLER_MIN_BP.multiStorey;
}

/** Sold public housing, the seller: its rate (at least the minimum) of the building's sale proceeds. */
export function publicSellerDeposit(proceedsFen: bigint, rateBp: number): bigint {
  return divRound(proceedsFen * BigInt(rateBp), 10_000n);
}

/** Below 30% of the first deposit (and there was one): must re-collect. */
export function isDepleted(balanceFen: bigint, firstDepositFen: bigint): boolean {
  return (
    firstDepositFen > 0n &&
    balanceFen * BigInt(DEPLETION_RATIO.den) < firstDepositFen * BigInt(DEPLETION_RATIO.num)
  );
}

/** balance / first deposit as a percentage with one decimal, rounded down (display only) */
export function percentOf(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0.0';
  const negative = part < 0n;
  const abs = negative ? -part : part;
  const tenths = (abs * 1000n) / whole;
  return `${negative ? '-' : ''}${tenths / 10n}.${tenths % 10n}`;
}

/** What the instalment schedule expects paid by `today`: equal parts, the last due on the deadline. */
export function expectedByDate(
  dueFen: bigint,
  instalments: number,
  startOn: string,
  deadlineOn: string,
  today: string,
): bigint {
  if (today < startOn) return 0n;
  if (today >= deadlineOn) return dueFen;
  const span = Date.parse(`${deadlineOn}T00:00:00Z`) - Date.parse(`${startOn}T00:00:00Z`);
  const elapsed = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startOn}T00:00:00Z`);
  // instalment k (1-based) falls due at start + k/instalments of the span; the first at the start
  const paidInstalments = BigInt(Math.min(instalments, 1 + Math.floor((elapsed * instalments) / span)));
  return (dueFen * paidInstalments) / BigInt(instalments);
}

/** 2025H1 → ['2025-01-01', '2025-06-30']; the statement is due within a month after the half ends. */
export function halfYear(period: string): { from: string; to: string; dueOn: string } {
  const year = Number(period.slice(0, 4));
  return period.endsWith('H1')
    ? { from: `${year}-01-01`, to: `${year}-06-30`, dueOn: `${year}-07-31` }
    : { from: `${year}-07-01`, to: `${year}-12-31`, dueOn: `${year + 1}-01-31` };
}

export function halfYearOf(isoDate: string): string {
  return `${isoDate.slice(0, 4)}H${Number(isoDate.slice(5, 7)) <= 6 ? 1 : 2}`;
}
