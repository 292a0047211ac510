import { formatMinor, isCurrency } from '../kernel/money.ts';
import type { Settlement } from './match-fit.ts';
import type { MatchIndex } from './match-index.ts';

/**
 * The sentences a reviewer reads next to a proposal. They name invoices by their numbers and amounts
 * as printed ("1 250.00 EUR"), never by internal ids.
 */

/**
 * @example amountText(125000, 'EUR') // '1 250.00 EUR'
 */
export function amountText(minor: number, currency: string): string {
  const plain = isCurrency(currency) ? formatMinor(minor, currency) : String(minor);
  const [whole, fraction] = plain.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${currency}`;
}

/** "2026-0042", "2026-0042 and 2026-0043", "2026-0042, 2026-0043 and 2026-0044". */
export function invoiceList(index: MatchIndex, idxs: readonly number[]): string {
  const numbers = idxs.map((i) => index.invoices[i]!.number);
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** What the line's amount does to the invoices of a settlement, in one sentence. */
export function settlementReason(
  index: MatchIndex,
  settlement: Settlement,
  targets: readonly number[],
  amount: number,
  currency: string,
): string {
  const money = (m: number) => amountText(m, currency);
  const paid = settlement.allocations.map((a) => a.idx);
  const names = invoiceList(index, paid.length > 0 ? paid : targets);
  const plural = paid.length > 1;
  switch (settlement.kind) {
    case 'exact':
      return plural
        ? `amount ${money(amount)} equals the open amounts of ${names} together`
        : `amount ${money(amount)} equals the open amount of ${names}`;
    case 'discount': {
      const off = settlement.discounts.reduce((s, d) => s + d.amount, 0);
      const until = index.invoices[settlement.discounts[0]!.idx]!.discount!.until;
      return `amount ${money(amount)} is the open amount of ${names} less the early-payment discount of ${money(off)} allowed until ${until}`;
    }
    case 'partial': {
      const short = settlement.shortfall!;
      return `amount ${money(amount)} pays ${names} only in part: ${money(short.amount)} of ${index.invoices[short.idx]!.number} stays open`;
    }
    case 'over':
      return `amount ${money(amount)} is more than the open amount of ${names}: ${money(settlement.overpayment)} is kept as customer credit`;
    case 'settled':
      return `${invoiceList(index, targets)} ${targets.length > 1 ? 'are' : 'is'} already settled: the amount is kept as customer credit`;
  }
}
