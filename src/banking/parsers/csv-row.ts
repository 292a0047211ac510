import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { isCurrency, SUPPORTED_CURRENCIES } from '../../kernel/money.ts';
import { StatementError, type StatementLine } from '../statement.ts';
import type { CsvColumns, CsvMapping } from './csv-mapping.ts';
import type { CsvRecord } from './csv-records.ts';
import { amountExample, amountReader, dateReader } from './csv-values.ts';

/**
 * One CSV row as a statement line, read through the mapping. The header decides where each mapped
 * column is; every cell that cannot be read is refused with its line and column name and what it
 * should look like.
 */

const CREDIT_CODES = ['C', 'CR', 'CRDT', 'H', '+', 'CREDIT'];
const DEBIT_CODES = ['D', 'DR', 'DBIT', 'S', '-', 'DEBIT'];

export interface CsvRow {
  readonly line: StatementLine | null;
  readonly date: string;
  readonly amount: number;
  readonly balance: number | null;
  readonly currency: string;
}

type Key = Exclude<keyof CsvColumns, 'text'>;

export class CsvRowReader {
  private readonly index = new Map<string, number>();
  private readonly amount: ReturnType<typeof amountReader>;
  private readonly date: ReturnType<typeof dateReader>;

  /** `header`: the header record, or null for a file without one (columns named "1", "2"...). */
  constructor(
    private readonly m: CsvMapping,
    header: CsvRecord | null,
  ) {
    this.amount = amountReader(m);
    this.date = dateReader(m.dateFormat);
    const names = Object.values(m.columns).flatMap((v) =>
      v === undefined ? [] : Array.isArray(v) ? v : [v],
    );
    const found = header?.fields.map((f) => f.trim()) ?? [];
    for (const name of names) {
      let i = header === null ? Number(name) - 1 : found.indexOf(name);
      if (i < 0) i = found.findIndex((f) => f.toLowerCase() === name.toLowerCase());
      if (i < 0) {
        throw new StatementError(
          `line ${header?.line ?? 1}`,
          `the header has no column '${name}' (it has ${found.map((f) => `'${f}'`).join(', ')})`,
          'Correct the column names in the CSV mapping, or the number of lines to skip above the header.',
        );
      }
      this.index.set(name, i);
    }
  }

  private cell(r: CsvRecord, name: string | undefined): string {
    if (name === undefined) return '';
    return (r.fields[this.index.get(name)!] ?? '').trim();
  }

  private fail(r: CsvRecord, name: string, message: string, hint: string): never {
    throw new StatementError(`line ${r.line}, column ${name}`, message, hint);
  }

  private money(r: CsvRecord, key: Key, currency: string): number | null {
    const name = this.m.columns[key];
    const text = this.cell(r, name);
    if (text === '') return null;
    const v = this.amount(text, currency);
    if (v === undefined) {
      const example = amountExample(this.m);
      this.fail(
        r,
        name!,
        `'${text}' is not an amount in the format ${example}`,
        `Amounts look like ${example}, with at most the currency's decimals; check the decimal mark and thousands separator of the mapping.`,
      );
    }
    return v;
  }

  private optional(r: CsvRecord, key: Key): string | null {
    const text = this.cell(r, this.m.columns[key]).replace(/\s+/g, ' ');
    return text === '' ? null : text;
  }

  /** Reads a row; `line` is null for a zero amount, which carries no money. */
  read(r: CsvRecord): CsvRow {
    const c = this.m.columns;
    const dateText = this.cell(r, c.date);
    const date = this.date(dateText);
    if (date === undefined)
      this.fail(
        r,
        c.date,
        `'${dateText}' is not a date in the format ${this.m.dateFormat}`,
        'Set the date format of the mapping to the one the file uses.',
      );
    const code = this.cell(r, c.currency).toUpperCase() || this.m.currency;
    if (code === undefined || !isCurrency(code)) {
      const shown =
        code === undefined
          ? 'the cell is empty and the mapping has no default currency'
          : `'${code}' is not a currency Duly books`;
      this.fail(r, c.currency ?? 'currency', shown, `Duly books ${SUPPORTED_CURRENCIES.join(', ')}.`);
    }
    let amount = this.signed(r, code);
    if (this.m.invertSign) amount = -amount;
    const balance = this.money(r, 'balance', code);
    const valueText = this.cell(r, c.valueDate);
    const valueDate = valueText === '' ? null : this.date(valueText);
    if (valueDate === undefined)
      this.fail(
        r,
        c.valueDate!,
        `'${valueText}' is not a date in the format ${this.m.dateFormat}`,
        'Set the date format of the mapping to the one the file uses.',
      );
    if (amount === 0) return { line: null, date, amount, balance, currency: code };
    const texts = c.text === undefined ? [] : Array.isArray(c.text) ? c.text : [c.text];
    const reference = this.optional(r, 'reference');
    const account = this.optional(r, 'payerAccount');
    const line: StatementLine = {
      where: `line ${r.line}`,
      statementId: 'csv',
      entryRef: String(r.line),
      amount: Math.abs(amount),
      currency: code,
      direction: amount > 0 ? 'credit' : 'debit',
      reversal: false,
      status: 'booked',
      bookingDate: date,
      valueDate,
      bankReference: this.optional(r, 'bankReference'),
      endToEndId: this.optional(r, 'endToEndId'),
      reference,
      referenceKind:
        reference === null ? null : (this.m.referenceKind ?? (/^RF\d\d/i.test(reference) ? 'RF' : 'other')),
      symbols: null,
      text: texts
        .map((t) => this.cell(r, t))
        .filter((t) => t !== '')
        .join(' ')
        .replace(/\s+/g, ' '),
      payerName: this.optional(r, 'payerName'),
      payerAccount: account !== null && isValidIban(account) ? normalizeIban(account) : account,
      returnInfo: null,
      bankCode: null,
    };
    return { line, date, amount, balance, currency: code };
  }

  /** The signed amount: from the amount column (signed, or signed by a D/C column) or credit/debit columns. */
  private signed(r: CsvRecord, currency: string): number {
    const c = this.m.columns;
    if (c.amount !== undefined) {
      const v = this.money(r, 'amount', currency);
      if (v === null) this.fail(r, c.amount, 'the amount is empty', 'Every row needs an amount.');
      if (c.direction === undefined) return v;
      const d = this.cell(r, c.direction).toUpperCase();
      const codes = this.m.directionCodes;
      if ((codes?.credit ?? CREDIT_CODES).some((x) => x.toUpperCase() === d)) return Math.abs(v);
      if ((codes?.debit ?? DEBIT_CODES).some((x) => x.toUpperCase() === d)) return -Math.abs(v);
      return this.fail(
        r,
        c.direction,
        `'${d}' is neither a credit nor a debit code`,
        'Set directionCodes in the mapping to the codes the bank uses.',
      );
    }
    // A credit or debit column says the direction; banks write debits with or without a minus.
    const credit = this.money(r, 'credit', currency) ?? 0;
    const debit = this.money(r, 'debit', currency) ?? 0;
    if (credit !== 0 && debit !== 0) {
      this.fail(
        r,
        c.credit!,
        `both ${c.credit} and ${c.debit} hold an amount`,
        'A row is either a credit or a debit.',
      );
    }
    return Math.abs(credit) - Math.abs(debit);
  }
}
