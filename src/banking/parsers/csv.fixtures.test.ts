import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { type CsvMapping, parseCsv, validateCsvMapping } from './csv.ts';

/**
 * The CSV samples of the shared fixtures (OCA's spreadsheet import tests). Their mappings live in
 * OCA's test code, so one is written here per file; the expected amounts are the cells of the
 * files themselves. Skipped, saying so, where the shared folder is absent.
 */

const DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank/csv');
const present = fs.existsSync(DIR);
if (!present)
  console.warn(`[duly] CSV fixture tests SKIPPED: ${DIR} is absent (shared fixtures not checked out).`);

/** OCA's English exports: US dates, decimal point, thousands comma. */
const oca = {
  decimal: '.',
  thousands: ',',
  dateFormat: 'MM/DD/YYYY',
  currency: 'EUR',
  columns: {
    date: 'Date',
    amount: 'Amount',
    text: 'Label',
    payerName: 'Partner Name',
    payerAccount: 'Bank Account',
  },
} as const satisfies CsvMapping;

interface Expectation {
  readonly mapping: CsvMapping;
  /** Signed minor units with their currency, in file order. */
  readonly lines: readonly (readonly [number, string])[];
  readonly closing?: number;
  /** SOURCES.md says ACCEPT for all; a refusal by default needs a reason. */
  readonly refusal?: { readonly message: RegExp; readonly why: string };
}

const EXPECT: Readonly<Record<string, Expectation>> = {
  'balance.csv': {
    mapping: { ...oca, columns: { ...oca.columns, balance: 'Balance' } },
    lines: [
      [-3350, 'EUR'],
      [153350, 'EUR'],
    ],
    closing: 151000,
  },
  'debit_credit.csv': {
    mapping: { ...oca, columns: { ...oca.columns, direction: 'D/C', balance: 'Balance' } },
    // "-1,533.50" marked C is money in: the D/C column, not the amount's sign, decides.
    lines: [
      [-3350, 'EUR'],
      [153350, 'EUR'],
    ],
    closing: 151000,
  },
  'debit_credit_amount.csv': {
    mapping: {
      ...oca,
      columns: {
        date: 'Date',
        credit: 'Credit',
        debit: 'Debit',
        text: 'Label',
        balance: 'Balance',
        payerName: 'Partner Name',
      },
    },
    lines: [
      [2000, 'EUR'],
      [1350, 'EUR'],
      [-3350, 'EUR'],
      [-150000, 'EUR'],
    ],
    closing: 151000,
    refusal: {
      message:
        /^line 3, column Balance: the balance -23.50 EUR does not follow from the balance -10.00 EUR of line 2/,
      why: 'its Balance column does not follow from the amounts under any reading of their signs (10.00 then 1500.00 debited gives 1510.00)',
    },
  },
  'empty_statement_en.csv': {
    mapping: { ...oca, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [],
  },
  'meta_data_separated_credit_debit.csv': {
    mapping: {
      decimal: ',',
      dateFormat: 'DD/MM/YY',
      currency: 'EUR',
      skipLines: 4,
      footerLines: 1,
      columns: {
        date: 'Date',
        debit: 'Debit',
        credit: 'Credit',
        text: ['Label', 'Detail'],
        bankReference: 'Operation Number',
      },
    },
    lines: [
      [-5000, 'EUR'],
      [-10000, 'EUR'],
      [-8068, 'EUR'],
      [130000, 'EUR'],
    ],
  },
  'multi_currency.csv': {
    mapping: { ...oca, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [
      [-3350, 'USD'],
      [152500, 'EUR'],
    ],
  },
  'original_currency.csv': {
    mapping: { ...oca, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [[152500, 'EUR']],
  },
  'original_currency_empty.csv': {
    mapping: { ...oca, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [[152500, 'EUR']],
  },
  'original_currency_no_header.csv': {
    mapping: {
      ...oca,
      header: false,
      columns: {
        date: '1',
        text: '2',
        currency: '3',
        amount: '4',
        payerName: '6',
        payerAccount: '7',
        reference: '8',
      },
    },
    lines: [[152500, 'EUR']],
  },
  'sample_statement_credit_card_inverse_sign_en.csv': {
    mapping: { ...oca, invertSign: true, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [
      [-3350, 'USD'],
      [152500, 'EUR'],
    ],
  },
  'sample_statement_en.csv': {
    mapping: { ...oca, columns: { ...oca.columns, currency: 'Currency' } },
    lines: [
      [-3350, 'USD'],
      [152500, 'EUR'],
    ],
  },
};

function parseFile(file: string, options: ParseOptions = {}) {
  const stream = fs.createReadStream(path.join(DIR, file), { highWaterMark: 23 });
  return collectStatements(parseCsv(EXPECT[file]!.mapping)(stream, options));
}

describe.skipIf(!present)('parseCsv on the shared CSV fixtures', () => {
  it('has a mapping and expectation for every file of the folder, each mapping valid', () => {
    expect(fs.readdirSync(DIR).sort()).toEqual(Object.keys(EXPECT).sort());
    for (const [file, want] of Object.entries(EXPECT))
      expect(validateCsvMapping(want.mapping).ok, file).toBe(true);
  });

  for (const [file, want] of Object.entries(EXPECT)) {
    if (want.refusal) {
      it(`refuses ${file} by default: ${want.refusal.why}`, async () => {
        const error = await parseFile(file).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StatementError);
        expect((error as StatementError).message).toMatch(want.refusal!.message);
      });
    }
    it(`imports ${file}${want.refusal ? ' with tolerateImbalance' : ''}: ${want.lines.length} lines`, async () => {
      const [s, ...more] = await parseFile(file, { tolerateImbalance: want.refusal !== undefined });
      expect(more).toEqual([]);
      expect(s!.lines.map((l) => [l.direction === 'credit' ? l.amount : -l.amount, l.currency])).toEqual(
        want.lines,
      );
      expect(s!.end.closingBalance).toBe(want.closing ?? null);
      expect(s!.end.warnings).toHaveLength(want.refusal ? 1 : 0);
    });
  }

  it('reads the metadata export past its 4 lines above the header, without its footer line', async () => {
    const [s] = await parseFile('meta_data_separated_credit_debit.csv');
    expect(s!.lines.map((l) => [l.where, l.bookingDate, l.bankReference, l.text])).toEqual([
      ['line 6', '2020-04-01', 'UNIQUE OP 1', 'LABEL 1 DETAILS 1'],
      ['line 7', '2020-04-01', 'UNIQUE OP 2', 'LABEL 2 CLIENTS X'],
      ['line 8', '2020-04-02', 'UNIQUE OP 3', 'LABEL 3 DETAILS 2'],
      ['line 9', '2020-04-02', 'UNIQUE OP 4', 'LABEL 4 DETAILS 3'],
    ]);
  });
});
