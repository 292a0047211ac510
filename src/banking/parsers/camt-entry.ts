import { addMinor, formatMinor } from '../../kernel/money.ts';
import { StatementError } from '../statement.ts';
import type { EntryState, TxState } from './camt-state.ts';
import type { RawAmount } from './camt-values.ts';
import { parseAmount } from './camt-values.ts';

/**
 * How an entry's amount is shared among its transactions (TxDtls). Each line needs an amount in the
 * entry's currency that the file itself states; when the transactions state theirs they must add
 * up to the entry, so a matcher never sees money the bank did not book.
 */

/** A transaction's share of its entry: minor units (> 0 unless skipped) and its direction. */
export interface Share {
  readonly amount: number;
  readonly credit: boolean;
}

/**
 * The booked amount of a transaction in the entry's currency: AmtDtls/TxAmt, then the v08+
 * TxDtls/Amt, then the counter value. InstdAmt is what the payer instructed, before charges and
 * exchange, so it is never taken as the booked amount.
 */
function bookedAmount(tx: TxState, currency: string): RawAmount | null {
  if (tx.txAmount?.ccy === currency) return tx.txAmount;
  if (tx.ownAmount?.ccy === currency) return tx.ownAmount;
  if (tx.counterValue?.ccy === currency) return tx.counterValue;
  return null;
}

/**
 * One share per transaction of the entry, or null when the transactions cannot carry their own
 * amounts and the entry becomes a single line (see entryLines).
 * - All transactions state a booked amount in the entry's currency: their signed sum (each with its
 *   own CdtDbtInd, else the entry's) must equal the entry, else the file is refused at the entry.
 * - A single transaction without one gets the entry's amount.
 * - Several, not all stating one (none at all, or only in another currency, as in a batch of CHF
 *   payments booked in SEK): null. Apportioning the entry would invent amounts the bank never
 *   booked, so Duly keeps the entry whole instead.
 *
 * @example
 *   shareEntry(entry, 348300, true, 'CHF') // [{ amount: 218700, credit: true }, { amount: 129600, credit: true }]
 */
export function shareEntry(
  entry: EntryState,
  amount: number,
  credit: boolean,
  currency: string,
): Share[] | null {
  const txs = entry.txs;
  if (txs.length === 0) return [];
  const booked = txs.map((tx) => bookedAmount(tx, currency));
  if (booked.some((b) => b === null)) return txs.length === 1 ? [{ amount, credit }] : null;
  let sum = 0;
  const signed = booked.map((b, i) => {
    const minor = parseAmount(b!.text, b!.ccy, b!.where);
    const value = (txs[i]!.credit ?? credit) ? minor : -minor;
    sum = addMinor(sum, value);
    return value;
  });
  const expected = credit ? amount : -amount;
  if (sum !== expected) {
    throw new StatementError(
      entry.where,
      `the ${txs.length} transactions (TxDtls) add up to ${formatMinor(sum, currency)} ${currency} ` +
        `but the entry is ${formatMinor(expected, currency)} ${currency}`,
      'The file is inconsistent; ask the bank for a corrected statement.',
    );
  }
  return signed.map((v) => ({ amount: Math.abs(v), credit: v > 0 || (v === 0 && credit) }));
}
