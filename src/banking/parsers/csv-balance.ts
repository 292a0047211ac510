import { formatMinor } from '../../kernel/money.ts';

/**
 * The running balance column of a CSV export, checked row by row: each row's balance must follow
 * from its neighbour's balance and the amount between them. Banks list rows oldest first
 * (previous balance + this amount = this balance) or newest first (this balance + the newer row's
 * amount = the newer row's balance); the dates tell which, and while all dates are equal the
 * order that holds is taken. Only the previous row and the first break of each order are kept.
 */

export interface BalanceRow {
  readonly line: number;
  readonly date: string;
  /** Signed minor units. */
  readonly amount: number;
  readonly balance: number;
  readonly currency: string;
}

export interface BalanceResult {
  /** The balance after the newest row; null without rows. */
  readonly closing: number | null;
  /** What breaks the running balance, with the line it breaks at; null when it holds. */
  readonly problem: { readonly line: number; readonly message: string } | null;
}

type Order = 'ascending' | 'descending';

export class RunningBalance {
  private first: BalanceRow | null = null;
  private previous: BalanceRow | null = null;
  private order: Order | null = null;
  private readonly breaks: Record<Order, BalanceResult['problem']> = { ascending: null, descending: null };

  /**
   * @example
   *   const b = new RunningBalance(); b.add(row1); b.add(row2); b.result().problem // null when it adds up
   */
  add(row: BalanceRow): void {
    const prev = this.previous;
    this.previous = row;
    if (prev === null) {
      this.first = row;
      return;
    }
    if (this.order === null && prev.date !== row.date)
      this.order = prev.date < row.date ? 'ascending' : 'descending';
    const money = (n: number) => `${formatMinor(n, row.currency)} ${row.currency}`;
    if (this.breaks.ascending === null && prev.balance + row.amount !== row.balance) {
      this.breaks.ascending = {
        line: row.line,
        message:
          `the balance ${money(row.balance)} does not follow from the balance ${money(prev.balance)} of line ` +
          `${prev.line} and this row's amount ${money(row.amount)} (expected ${money(prev.balance + row.amount)}; ` +
          `rows oldest first)`,
      };
    }
    if (this.breaks.descending === null && row.balance + prev.amount !== prev.balance) {
      this.breaks.descending = {
        line: row.line,
        message:
          `the balance ${money(row.balance)} plus the amount ${money(prev.amount)} of line ${prev.line} gives ` +
          `${money(row.balance + prev.amount)}, not that line's balance ${money(prev.balance)} (rows newest first)`,
      };
    }
  }

  result(): BalanceResult {
    const order =
      this.order ??
      (this.breaks.ascending !== null && this.breaks.descending === null ? 'descending' : 'ascending');
    const newest = order === 'ascending' ? this.previous : this.first;
    return { closing: newest?.balance ?? null, problem: this.breaks[order] };
  }
}
