import { StatementError } from '../statement.ts';
import { fullYear, isoDate } from './lines.ts';

/**
 * The 80-character records of a Nets OCR giro transmission (Norway), as in Nets' "OCR giro system
 * specification" (positions 1-based, both ends included). Every record starts with 'NY', the
 * service code (00 transmission, 09 OCR giro, 21 AvtaleGiro), the transaction or assignment type,
 * and the record type:
 *
 * 10 transmission start: 9-16 data transmitter, 17-23 transmission number, 24-31 data recipient.
 * 20 assignment start: 9-17 agreement id, 18-24 assignment number, 25-35 assignment account.
 * 30 amount item 1: 9-15 transaction number, 16-21 Nets date DDMMYY, 22-31 centre, day code and
 *   partial settlement, 32 sign ('-' or '0'), 33-49 amount in øre, 50-74 KID right-aligned.
 * 31 amount item 2: 9-15 transaction number, 16-25 form number, 26-34 archive reference,
 *   35-41 filler, 42-47 bank date, 48-58 debited account.
 * 32 amount item 3 (types 20/21): 9-15 transaction number, 16-55 free text.
 * 88 assignment end: 9-16 transactions, 17-24 records (start and end included), 25-41 sum amount,
 *   42-47 Nets date, 48-53 earliest and 54-59 latest Nets date of the transactions.
 * 89 transmission end: 9-16 transactions, 17-24 records (all), 25-41 sum amount, 42-47 Nets date.
 *
 * Transaction types: 10 giro debited account, 11 standing order, 12 direct remittance, 13 business
 * terminal giro, 14 counter giro, 15 AvtaleGiro, 16 telegiro, 17 cash giro, 19 purchase with KID
 * and 21 purchase with text are incoming payments; 18 (reversing with KID) and 20 (reversing with
 * text) take a payment back, as does any amount signed '-'.
 */

export const OCR_RECORD_LENGTH = 80;
export const REVERSAL_TYPES: ReadonlySet<string> = new Set(['18', '20']);
const TRANSACTION_TYPES = /^(1\d|2[01])$/;

/** One record's text and line, with column readers that refuse a malformed value, naming it. */
export class OcrRecord {
  readonly service: string;
  readonly type: string;
  readonly kind: string;

  constructor(
    readonly text: string,
    readonly line: number,
  ) {
    if (text.length !== OCR_RECORD_LENGTH || !text.startsWith('NY')) {
      const what = text.startsWith('NY')
        ? `the record is ${text.length} characters long; OCR giro records have ${OCR_RECORD_LENGTH}`
        : `'${text.slice(0, 12)}' is not an OCR giro record (they start with NY)`;
      throw new StatementError(
        `line ${line}`,
        what,
        'Import the OCR giro file exactly as Nets delivered it.',
      );
    }
    this.service = text.slice(2, 4);
    this.type = text.slice(4, 6);
    this.kind = text.slice(6, 8);
  }

  get where(): string {
    return `line ${this.line}`;
  }

  raw(from: number, to: number): string {
    return this.text.slice(from - 1, to);
  }

  number(from: number, to: number, what: string): number {
    const v = this.raw(from, to);
    if (!/^\d+$/.test(v)) {
      throw new StatementError(
        `${this.where}, column ${from}`,
        `${what} '${v}' is not a number`,
        FORMAT_HINT,
      );
    }
    return Number(v);
  }

  /** DDMMYY; zeros mean no date. */
  date(from: number, what: string): string | null {
    const v = this.raw(from, from + 5);
    if (v === '000000') return null;
    const m = /^(\d\d)(\d\d)(\d\d)$/.exec(v);
    const iso = m ? isoDate(fullYear(Number(m[3])), Number(m[2]), Number(m[1])) : null;
    if (iso === null)
      throw new StatementError(
        `${this.where}, column ${from}`,
        `${what} '${v}' is not a date DDMMYY`,
        FORMAT_HINT,
      );
    return iso;
  }
}

const FORMAT_HINT = 'Import the OCR giro file exactly as Nets delivered it.';

export interface OcrTransaction {
  readonly line: number;
  readonly type: string;
  readonly number: string;
  readonly netsDate: string | null;
  /** Øre, >= 0; `negative` when signed '-'. */
  readonly amount: number;
  readonly negative: boolean;
  readonly kid: string | null;
  archiveReference: string | null;
  debitAccount: string | null;
  text: string;
}

/**
 * @example
 *   ocrTransaction(new OcrRecord('NY09213000000012001921320101464000000000000102000                  0000531000000', 3))
 *   // { type: '21', number: '1', netsDate: '1992-01-20', amount: 102000, kid: '0000531', ... }
 */
export function ocrTransaction(r: OcrRecord): OcrTransaction {
  if (!TRANSACTION_TYPES.test(r.type)) {
    throw new StatementError(
      `${r.where}, column 5`,
      `transaction type ${r.type} is not an OCR giro type (10-21)`,
      FORMAT_HINT,
    );
  }
  const sign = r.raw(32, 32);
  if (sign !== '0' && sign !== '-') {
    throw new StatementError(
      `${r.where}, column 32`,
      `the sign '${sign}' is neither '0' nor '-'`,
      FORMAT_HINT,
    );
  }
  const kid = r.raw(50, 74).trim();
  if (!/^[\d-]*$/.test(kid)) {
    throw new StatementError(`${r.where}, column 50`, `the KID '${kid}' is not digits`, FORMAT_HINT);
  }
  return {
    line: r.line,
    type: r.type,
    number: String(r.number(9, 15, 'transaction number')),
    netsDate: r.date(16, 'Nets date'),
    amount: r.number(33, 49, 'amount'),
    negative: sign === '-',
    kid: kid === '' ? null : kid,
    archiveReference: null,
    debitAccount: null,
    text: '',
  };
}

/** Adds amount item 2 (31) or 3 (32) to its transaction, which must have the same number. */
export function ocrItem(tx: OcrTransaction, r: OcrRecord): void {
  if (r.type !== tx.type || String(r.number(9, 15, 'transaction number')) !== tx.number) {
    throw new StatementError(
      r.where,
      `amount item ${r.kind === '31' ? 2 : 3} of transaction ${Number(r.raw(9, 15))} (type ${r.type}) follows transaction ${tx.number} (type ${tx.type})`,
      FORMAT_HINT,
    );
  }
  if (r.kind === '31') {
    const archive = r.raw(26, 34);
    const account = r.raw(48, 58);
    tx.archiveReference = /^0*$/.test(archive) ? null : archive;
    tx.debitAccount = /^0*$/.test(account) ? null : account;
  } else {
    tx.text = r.raw(16, 55).replace(/\s+/g, ' ').trim();
  }
}

/** The counts and sum of an assignment (88) or transmission (89) end record. */
export function ocrTotals(r: OcrRecord): { transactions: number; records: number; sum: number } {
  return {
    transactions: r.number(9, 16, 'number of transactions'),
    records: r.number(17, 24, 'number of records'),
    sum: r.number(25, 41, 'sum amount'),
  };
}
