import { StatementError } from '../statement.ts';
import { fullYear, isoDate } from './lines.ts';

/**
 * The fixed-width records of a Czech ABO/GPC statement, 128 characters each. Layout as published
 * in Česká spořitelna's "Popis formátu ABO" and used by Fio banka's GPC export (positions 1-based,
 * both ends included):
 *
 * 074 statement header: 1-3 '074', 4-19 account number, 20-39 account name, 40-45 old balance
 *   date DDMMYY, 46-59 old balance in hellers, 60 its sign, 61-74 new balance, 75 its sign,
 *   76-89 debit turnover, 90 its sign, 91-104 credit turnover, 105 its sign, 106-108 statement
 *   number, 109-114 statement date DDMMYY, 115-128 filler. Signs are '+' or '-'; Fio writes '0'
 *   for '+' on the turnovers.
 * 075 item: 1-3 '075', 4-19 account number, 20-35 counter-account (6-digit prefix + 10-digit
 *   number), 36-48 document (transaction) number, 49-60 amount in hellers, 61 posting code,
 *   62-71 variable symbol, 72-81 '00' + counter-account bank code (4) + constant symbol (4),
 *   82-91 specific symbol, 92-97 value date DDMMYY, 98-117 counterparty name, 118 '0',
 *   119-122 ISO 4217 numeric currency code ('0203' CZK), 123-128 due (booking) date DDMMYY.
 * 078/079 (extended format): 4-38 and 39-73 carry the message for the payee (AV fields 1-4).
 */

export const RECORD_LENGTH = 128;

export interface GpcHeader {
  readonly account: string;
  readonly name: string;
  readonly oldDate: string | null;
  readonly oldBalance: number;
  readonly newBalance: number;
  readonly debitTurnover: number;
  readonly creditTurnover: number;
  readonly number: string;
  readonly date: string | null;
}

export interface GpcItem {
  readonly account: string;
  readonly counterAccount: string | null;
  readonly documentNumber: string | null;
  readonly amount: number;
  readonly postingCode: string;
  readonly vs: string | null;
  readonly ks: string | null;
  readonly ss: string | null;
  readonly valueDate: string | null;
  readonly name: string | null;
  readonly currencyCode: string;
  readonly dueDate: string | null;
}

/** ISO 4217 numeric codes of the currencies Duly books. */
export const NUMERIC_CURRENCIES: Readonly<Record<string, string>> = Object.freeze({
  '203': 'CZK',
  '978': 'EUR',
  '840': 'USD',
  '826': 'GBP',
  '348': 'HUF',
  '985': 'PLN',
  '756': 'CHF',
  '752': 'SEK',
  '208': 'DKK',
  '578': 'NOK',
  '392': 'JPY',
});

/** One record's text, with the readers of its columns that refuse a malformed value, naming it. */
class Columns {
  constructor(
    private readonly text: string,
    private readonly line: number,
  ) {}

  raw(from: number, to: number): string {
    return this.text.slice(from - 1, to);
  }

  fail(from: number, what: string, hint: string): never {
    throw new StatementError(`line ${this.line}, column ${from}`, what, hint);
  }

  digits(from: number, to: number, what: string): string {
    const v = this.raw(from, to);
    if (!/^\d+$/.test(v)) this.fail(from, `${what} '${v}' is not ${to - from + 1} digits`, LAYOUT_HINT);
    return v;
  }

  /** Hellers (minor units) with the sign at `signAt`. */
  amount(from: number, to: number, signAt: number | null, what: string): number {
    const n = Number(this.digits(from, to, what));
    if (signAt === null) return n;
    const sign = this.raw(signAt, signAt);
    if (sign === '-') return n === 0 ? 0 : -n;
    if (sign === '+' || sign === '0') return n;
    return this.fail(signAt, `the sign of the ${what} is '${sign}', not + or -`, LAYOUT_HINT);
  }

  /** DDMMYY; zeros or blanks mean no date. */
  date(from: number, what: string): string | null {
    const v = this.raw(from, from + 5);
    if (/^(0{6}| {6})$/.test(v)) return null;
    const m = /^(\d\d)(\d\d)(\d\d)$/.exec(v);
    const iso = m ? isoDate(fullYear(Number(m[3])), Number(m[2]), Number(m[1])) : null;
    if (iso === null) this.fail(from, `the ${what} '${v}' is not a date DDMMYY`, LAYOUT_HINT);
    return iso;
  }

  words(from: number, to: number): string | null {
    const v = this.raw(from, to).replace(/\s+/g, ' ').trim();
    return v === '' ? null : v;
  }
}

const LAYOUT_HINT =
  'GPC records are 128 characters in fixed columns; export the statement from the bank again.';

/** A Czech account number: `prefix-number` without leading zeros, or null when all zeros. */
export function czechAccount(sixteen: string): string | null {
  const prefix = sixteen.slice(0, 6).replace(/^0+/, '');
  const number = sixteen.slice(6).replace(/^0+/, '');
  if (number === '' && prefix === '') return null;
  return prefix === '' ? number : `${prefix}-${number.padStart(1, '0')}`;
}

function symbol(text: string): string | null {
  const v = text.replace(/^0+/, '');
  return v === '' ? null : v;
}

/**
 * @example
 *   gpcHeader('0740000002600113745Hros, Mario ...', 1).oldBalance // 31317477
 */
export function gpcHeader(text: string, line: number): GpcHeader {
  const c = new Columns(text, line);
  return {
    account: czechAccount(c.digits(4, 19, 'account number'))!,
    name: c.words(20, 39) ?? '',
    oldDate: c.date(40, 'old balance date'),
    oldBalance: c.amount(46, 59, 60, 'old balance'),
    newBalance: c.amount(61, 74, 75, 'new balance'),
    debitTurnover: c.amount(76, 89, 90, 'debit turnover'),
    creditTurnover: c.amount(91, 104, 105, 'credit turnover'),
    number: c.digits(106, 108, 'statement number'),
    date: c.date(109, 'statement date'),
  };
}

/**
 * @example
 *   gpcItem('0750000002600113745000000000777022700166598185030000001234561...', 2).amount // 123456
 */
export function gpcItem(text: string, line: number): GpcItem {
  const c = new Columns(text, line);
  const ksField = c.digits(72, 81, 'constant symbol field');
  const bank = ksField.slice(2, 6);
  const counter = czechAccount(c.digits(20, 35, 'counter-account'));
  return {
    account: czechAccount(c.digits(4, 19, 'account number'))!,
    counterAccount: counter && bank !== '0000' ? `${counter}/${bank}` : counter,
    documentNumber: symbol(c.raw(36, 48).trim()),
    amount: c.amount(49, 60, null, 'amount'),
    postingCode: c.raw(61, 61),
    vs: symbol(c.digits(62, 71, 'variable symbol')),
    ks: ksField.slice(6) === '0000' ? null : ksField.slice(6),
    ss: symbol(c.digits(82, 91, 'specific symbol')),
    valueDate: c.date(92, 'value date'),
    name: c.words(98, 117),
    currencyCode: c.digits(119, 122, 'currency code').replace(/^0+/, ''),
    dueDate: c.date(123, 'due date'),
  };
}

/** The message texts of a 078/079 record (two 35-character AV fields). */
export function gpcMessage(text: string): string[] {
  return [text.slice(3, 38), text.slice(38, 73)]
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
}
