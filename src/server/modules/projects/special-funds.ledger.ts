/** The accounts of a special fund's double-entry ledger. */
export type FundAccount = 'appropriation' | 'available' | 'committed' | 'paid';

export interface Posting {
  account: FundAccount;
  projectId: number | null;
  debitFen: number;
  creditFen: number;
}

const dr = (account: FundAccount, projectId: number | null, fen: number): Posting => ({
  account,
  projectId,
  debitFen: fen,
  creditFen: 0,
});
const cr = (account: FundAccount, projectId: number | null, fen: number): Posting => ({
  account,
  projectId,
  debitFen: 0,
  creditFen: fen,
});

/** The budget appropriated to the fund becomes available. */
export const budgetPostings = (fen: number) => [dr('available', null, fen), cr('appropriation', null, fen)];
/** Allocating to a project commits available money; a negative amount releases it back. */
export const allocationPostings = (projectId: number, fen: number) =>
  fen >= 0
    ? [dr('committed', projectId, fen), cr('available', null, fen)]
    : [dr('available', null, -fen), cr('committed', projectId, -fen)];
/** Paying a tranche turns committed money into paid money. */
export const disbursementPostings = (projectId: number, fen: number) => [
  dr('paid', projectId, fen),
  cr('committed', projectId, fen),
];

export function balanced(lines: readonly Posting[]): boolean {
  return lines.length >= 2 && lines.reduce((n, l) => n + l.debitFen - l.creditFen, 0) === 0;
}

/** Totals of a fund from its account balances (debit minus credit). */
export function fundTotals(balances: { account: string; fen: number }[]) {
  const of = (a: FundAccount) => balances.filter((b) => b.account === a).reduce((n, b) => n + b.fen, 0);
  const budget = -of('appropriation');
  const committed = of('committed');
  const paid = of('paid');
  return {
    budgetFen: budget,
    allocatedFen: committed + paid,
    disbursedFen: paid,
    balanceFen: budget - paid,
    unallocatedFen: of('available'),
  };
}
