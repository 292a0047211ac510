import type { StatementLine } from '../statement.ts';
import { mt940Details } from './mt940-details.ts';
import type { Mt940Entry } from './mt940-entry.ts';

/**
 * One `:61:` entry and its `:86:` details as a statement line. The payer's account comes from the
 * details, else from an IBAN the bank put in the entry's reference or supplementary details
 * (Rabobank, SNS). Without any `:86:`, the supplementary details are the text. A reversal
 * (RC/RD) or a Dutch `/RTRN/` return carries return information for the matcher.
 *
 * @example
 *   entryLine(mt940Entry(['251231C5,00NTRFNONREF'], 'line 5', 'EUR'), ['Invoice 17'], 'line 5', 'R1', '1', 'EUR').text
 *   // 'Invoice 17'
 */
export function entryLine(
  entry: Mt940Entry,
  details: readonly string[] | null,
  where: string,
  statementId: string,
  entryRef: string,
  currency: string,
): StatementLine {
  const d = mt940Details(details ?? []);
  return {
    where,
    statementId,
    entryRef,
    amount: entry.amount,
    currency,
    direction: entry.direction,
    reversal: entry.reversal,
    status: 'booked',
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    bankReference: entry.bankReference,
    endToEndId: d.endToEndId,
    reference: d.reference,
    referenceKind: d.referenceKind,
    symbols: null,
    text: details === null ? entry.supplementary.replace(/\s+/g, ' ').trim() : d.text,
    payerName: d.payerName,
    payerAccount: d.payerAccount ?? entry.counterIban,
    returnInfo:
      entry.reversal || d.returnReason
        ? { reasonCode: d.returnReason, reason: null, originalEndToEndId: d.endToEndId }
        : null,
    bankCode: d.gvc ? `${entry.typeCode}/${d.gvc}` : entry.typeCode,
  };
}
