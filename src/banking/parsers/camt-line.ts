import type { ReturnInfo, StatementLine } from '../statement.ts';
import type { Share } from './camt-entry.ts';
import type { EntryState, TxState } from './camt-state.ts';
import { joinText, referenceKind, symbolsFromEndToEndId } from './camt-values.ts';

/**
 * Builds the statement lines of one entry: one per transaction (TxDtls), or one for an entry
 * without details. Entry-level facts (dates, status, reversal, bank code) apply to every line;
 * a transaction's own references, parties and remittance win over the entry's.
 */

export interface LineContext {
  readonly statementId: string;
  readonly currency: string;
  readonly status: StatementLine['status'];
  /** The entry's amount and direction, for an entry without transactions. */
  readonly amount: number;
  readonly credit: boolean;
}

/** SEPA writes NOTPROVIDED where the payer gave no end-to-end id; that is no reference. */
function endToEnd(id: string | null): string | null {
  return id === null || id.toUpperCase() === 'NOTPROVIDED' ? null : id;
}

function returnInfo(tx: TxState, endToEndId: string | null): ReturnInfo | null {
  if (!tx.returned) return null;
  return {
    reasonCode: tx.returnCode,
    reason: tx.returnReason.length > 0 ? joinText(tx.returnReason) : null,
    // A SEPA return carries the original payment's end-to-end id as its own.
    originalEndToEndId: endToEnd(tx.originalEndToEndId) ?? endToEndId,
  };
}

/** The remittance of a transaction: its texts, else its additional transaction information. */
function txText(tx: TxState): string {
  const text = joinText([...tx.unstructured, ...tx.additional]);
  return text === '' ? joinText([tx.txInfo]) : text;
}

function line(
  entry: EntryState,
  tx: TxState | null,
  share: Share,
  ctx: LineContext,
  merged: readonly TxState[] = [],
): StatementLine {
  const endToEndId = tx === null ? null : endToEnd(tx.endToEndId);
  const symbols = symbolsFromEndToEndId(endToEndId);
  let reference: string | null = tx?.reference ?? null;
  let kind: StatementLine['referenceKind'] = null;
  if (reference !== null) kind = referenceKind(tx!.refCode, tx!.refProprietary, reference);
  else if (symbols?.vs) {
    reference = symbols.vs;
    kind = 'VS';
  }
  // For money out, the counterparty is the creditor; payerName/payerAccount then hold it.
  const name =
    tx === null
      ? null
      : share.credit
        ? (tx.debtorName ?? tx.ultimateDebtor)
        : (tx.creditorName ?? tx.ultimateCreditor);
  const account = tx === null ? null : share.credit ? tx.debtorAccount : tx.creditorAccount;
  // A merged line keeps every transaction's remittance and references in its text.
  let text =
    merged.length > 0
      ? joinText(merged.map((t, i) => joinText([i > 0 ? t.reference : null, txText(t)])))
      : '';
  if (text === '' && tx !== null) text = txText(tx);
  if (text === '') text = joinText([entry.entryInfo]);
  return {
    where: merged.length > 0 || tx === null ? entry.where : tx.where,
    statementId: ctx.statementId,
    entryRef: entry.acctSvcrRef ?? `Ntry[${entry.index}]`,
    amount: share.amount,
    currency: ctx.currency,
    direction: share.credit ? 'credit' : 'debit',
    reversal: entry.reversal,
    status: ctx.status,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    bankReference: tx?.acctSvcrRef ?? entry.acctSvcrRef,
    endToEndId,
    reference,
    referenceKind: kind,
    symbols,
    text,
    payerName: name,
    payerAccount: account,
    returnInfo: tx === null ? null : returnInfo(tx, endToEndId),
    bankCode: (tx?.bankCode ?? entry.bankCode).text(),
  };
}

/**
 * The lines of an entry, given its transactions' shares (see shareEntry). Without shares (null)
 * the entry is one line: the first transaction's references and parties, the entry's amount, and
 * the texts and references of all its transactions. Zero amounts give no line: a line moves money,
 * and StatementLine.amount is > 0.
 *
 * @example
 *   entryLines(entry, shares, { statementId: 'S1', currency: 'EUR', status: 'booked', amount: 885, credit: true })
 */
export function entryLines(
  entry: EntryState,
  shares: readonly Share[] | null,
  ctx: LineContext,
): StatementLine[] {
  const whole = { amount: ctx.amount, credit: ctx.credit };
  if (ctx.amount === 0 && (shares === null || entry.txs.length === 0)) return [];
  if (entry.txs.length === 0) return [line(entry, null, whole, ctx)];
  if (shares === null) return [line(entry, entry.txs[0]!, whole, ctx, entry.txs)];
  const out: StatementLine[] = [];
  for (let i = 0; i < entry.txs.length; i++) {
    const share = shares[i]!;
    if (share.amount > 0) out.push(line(entry, entry.txs[i]!, share, ctx));
  }
  return out;
}
