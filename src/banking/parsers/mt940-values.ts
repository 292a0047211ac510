import { isCurrency, parseDecimalToMinor, SUPPORTED_CURRENCIES } from '../../kernel/money.ts';
import { StatementError } from '../statement.ts';
import { daysInMonth, fullYear, isoDate } from './lines.ts';

/**
 * Reading MT940 values: amounts with a decimal comma, YYMMDD dates and balance fields. Each reader
 * gets the place in the file so that a refusal says where.
 */

/** A date as read, plus a note when the bank wrote a day its month does not have. */
export interface ReadDate {
  readonly date: string;
  readonly note: string | null;
}

/**
 * An MT940 amount (`1234,56`, `9,`, `500`, zero-padded) in minor units of `currency`. The comma is
 * mandatory in SWIFT but some banks (Knab) leave it out of whole amounts, so it may be missing.
 *
 * @example
 *   mt940Amount('000000000147,6', 'EUR', 'line 4') // 14760
 */
export function mt940Amount(text: string, currency: string, where: string): number {
  const m = /^(\d+)(?:,(\d*))?$/.exec(text);
  const minor = m ? parseDecimalToMinor(m[2] ? `${m[1]}.${m[2]}` : m[1]!, currency) : undefined;
  if (minor === undefined) {
    throw new StatementError(
      where,
      `'${text}' is not an amount in ${currency} (digits with a decimal comma, like 1234,56)`,
      'Check the amount in the file; MT940 writes amounts as digits with a comma and no sign.',
    );
  }
  return minor;
}

/** The currency of a balance or account, refused when Duly cannot book it. */
export function mt940Currency(code: string, where: string): string {
  if (!isCurrency(code)) {
    throw new StatementError(
      where,
      `currency ${code} is not supported`,
      `Duly books ${SUPPORTED_CURRENCIES.join(', ')}; import statements of such accounts only.`,
    );
  }
  return code;
}

/**
 * A YYMMDD date. German banks settle interest and fees "on 30 February" (30/360 day count), so a
 * day past the end of its month, up to 31, is read as the month's last day, with a note saying so;
 * anything else that is not a date is refused.
 *
 * @example
 *   mt940Date('160230', 'line 6') // { date: '2016-02-29', note: 'value date 160230 ... read as 2016-02-29' }
 */
export function mt940Date(yymmdd: string, where: string, what = 'date'): ReadDate {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
  const year = fullYear(Number(m?.[1]));
  return dayOf(year, Number(m?.[2]), Number(m?.[3]), m !== null, `${what} ${yymmdd}`, where);
}

function dayOf(year: number, month: number, day: number, shaped: boolean, what: string, where: string) {
  const exact = shaped ? isoDate(year, month, day) : null;
  if (exact !== null) return { date: exact, note: null };
  if (shaped && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
    const date = isoDate(year, month, daysInMonth(year, month))!;
    return { date, note: `${where}: ${what} does not exist; read as ${date}, the last day of its month` };
  }
  throw new StatementError(where, `${what} is not a date`, 'Dates in MT940 are YYMMDD (entry dates MMDD).');
}

/**
 * The entry (booking) date MMDD of a `:61:` line. It has no year: of the previous, same and next
 * year of the value date, the one that puts it nearest the value date is taken (more than six
 * months apart means across a year end), so a value date of 31 Dec with an entry date 0102 is
 * booked on 2 January of the next year.
 *
 * @example
 *   entryDate('0102', '2025-12-31', 'line 9').date // '2026-01-02'
 */
export function entryDate(mmdd: string, valueDate: string, where: string): ReadDate {
  const m = /^(\d\d)(\d\d)$/.exec(mmdd);
  const month = Number(m?.[1]);
  const valueMonth = Number(valueDate.slice(5, 7));
  // More than half a year from the value date's month means the other side of a year end.
  const shift = month - valueMonth > 6 ? -1 : valueMonth - month > 6 ? 1 : 0;
  const year = Number(valueDate.slice(0, 4)) + shift;
  return dayOf(year, month, Number(m?.[2]), m !== null, `entry date ${mmdd}`, where);
}

export interface Mt940Balance {
  readonly date: ReadDate;
  readonly currency: string;
  /** Signed minor units: D (debit balance) is negative. */
  readonly amount: number;
}

/**
 * A balance field (`:60F:`, `:62F:`...): `C` or `D`, YYMMDD, currency, amount. A few banks leave
 * the currency out of intermediate balances; then the statement's currency is taken.
 *
 * @example
 *   mt940Balance('D140829EUR000000000147,64', 'line 4', null).amount // -14764
 */
export function mt940Balance(text: string, where: string, currency: string | null): Mt940Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})?(\d[\d,]*)$/.exec(text.trim());
  if (!m) {
    throw new StatementError(
      where,
      `'${text.trim()}' is not a balance (C or D, date YYMMDD, currency, amount like C250131EUR1234,56)`,
      'Check the balance field in the file.',
    );
  }
  const code = m[3] ?? currency;
  if (code === null) {
    throw new StatementError(where, 'the balance has no currency', 'Check the balance field in the file.');
  }
  const ccy = mt940Currency(code, where);
  const amount = mt940Amount(m[4]!, ccy, where);
  return {
    date: mt940Date(m[2]!, where, 'balance date'),
    currency: ccy,
    amount: m[1] === 'D' && amount !== 0 ? -amount : amount,
  };
}
