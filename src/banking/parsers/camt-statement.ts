import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { formatMinor } from '../../kernel/money.ts';
import {
  type StatementEnd,
  StatementError,
  type StatementFormat,
  type StatementHeader,
} from '../statement.ts';
import type { StatementState } from './camt-state.ts';
import { parseAmount } from './camt-values.ts';

/**
 * A statement's header and its control totals. The totals are the file's own promises: opening
 * balance + booked entries = closing balance, and the TxsSummry counts and sums. A broken promise
 * is reported through `tolerate`, which refuses the file unless the user asked to import it anyway.
 */

/** Refuses (throws StatementError) or, when tolerated, records a warning of the given kind. */
export type Tolerate = (kind: string, where: string, message: string, hint?: string) => void;

export function statementHeader(s: StatementState, format: StatementFormat): StatementHeader {
  if (s.id === null) {
    throw new StatementError(s.where, 'statement has no Id', 'Every Stmt/Ntfctn must carry its Id first.');
  }
  // Some banks put the IBAN in Acct/Id/Othr/Id; a valid one is an IBAN wherever it is written.
  const other = s.otherId === null ? null : normalizeIban(s.otherId);
  const iban = s.iban ?? (other !== null && isValidIban(other) ? other : null);
  return {
    format,
    where: s.where,
    statementId: s.id,
    account: { iban, number: iban === null ? s.otherId : null, currency: s.accountCurrency ?? s.currency },
    sequence: s.sequence,
    createdAt: s.createdAt,
    fromDate: s.fromDate,
    toDate: s.toDate,
    openingBalance: s.opening?.amount ?? null,
    currency: s.currency,
  };
}

function money(minor: number, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}

function checkBalances(s: StatementState, currency: string, tolerate: Tolerate): void {
  if (s.opening === null || s.closing === null) {
    const missing =
      s.opening === null ? 'opening booked balance (OPBD or PRCD)' : 'closing booked balance (CLBD)';
    tolerate(
      'balances',
      s.where,
      `statement has no ${missing}, so its entries cannot be checked against its balances`,
      'Ask the bank for the complete statement (camt.053 with OPBD and CLBD).',
    );
    return;
  }
  const expected = s.opening.amount + s.bookedNet;
  if (expected !== s.closing.amount) {
    tolerate(
      'imbalance',
      s.closing.where,
      `opening balance ${money(s.opening.amount, currency)} + booked entries ${money(s.bookedNet, currency)} = ` +
        `${money(expected, currency)}, but the closing balance (CLBD) is ${money(s.closing.amount, currency)}: ` +
        `a difference of ${money(s.closing.amount - expected, currency)}`,
      'Check that the file is complete (all pages, unmodified); import it anyway only if the bank confirms it.',
    );
  }
}

function checkSummary(s: StatementState, currency: string | null, tolerate: Tolerate): void {
  const m = s.summary;
  const where = m.where;
  const count = (label: string, stated: string | null, actual: number) => {
    if (stated !== null && Number(stated.trim()) !== actual) {
      tolerate(
        `summary ${label}`,
        where,
        `${label} says ${stated.trim()} entries, but the statement has ${actual}`,
      );
    }
  };
  const sum = (label: string, stated: string | null, actual: number) => {
    if (stated === null || currency === null) return;
    const value = parseAmount(stated, currency, where);
    const sign = label.endsWith('TtlNetNtry') && m.netCredit === false ? -1 : 1;
    if (sign * value !== actual) {
      tolerate(
        `summary ${label}`,
        where,
        `${label} says ${money(sign * value, currency)}, but the entries add up to ${money(actual, currency)}`,
      );
    }
  };
  count('TtlNtries/NbOfNtries', m.count, s.credits + s.debits);
  sum('TtlNtries/Sum', m.sum, s.creditSum + s.debitSum);
  sum('TtlNtries/TtlNetNtry', m.net, s.creditSum - s.debitSum);
  count('TtlCdtNtries/NbOfNtries', m.creditCount, s.credits);
  sum('TtlCdtNtries/Sum', m.creditSum, s.creditSum);
  count('TtlDbtNtries/NbOfNtries', m.debitCount, s.debits);
  sum('TtlDbtNtries/Sum', m.debitSum, s.debitSum);
}

/**
 * Checks the statement's control totals and returns its end event. A camt.054 notification has
 * no balances, so only its TxsSummry is checked.
 *
 * @example
 *   statementEnd(state, 'camt.053', tolerate) // { statementId, closingBalance, lines, net, warnings }
 */
export function statementEnd(s: StatementState, format: StatementFormat, tolerate: Tolerate): StatementEnd {
  if (format === 'camt.053' && s.currency !== null) checkBalances(s, s.currency, tolerate);
  else if (format === 'camt.053') tolerate('balances', s.where, 'statement has no balances and no entries');
  checkSummary(s, s.currency, tolerate);
  const warnings: string[] = [];
  for (const { message, count } of s.tolerated.values()) {
    warnings.push(count > 1 ? `${message} (and ${count - 1} more like it)` : message);
  }
  return {
    statementId: s.id ?? '',
    closingBalance: s.closing?.amount ?? null,
    lines: s.bookedLines,
    net: s.bookedNet,
    warnings,
  };
}
