import { z } from 'zod';
import { fail, ok, type Result } from '../../kernel/errors.ts';
import { isValidIban } from '../../kernel/iban.ts';
import { isCurrency, SUPPORTED_CURRENCIES } from '../../kernel/money.ts';

/**
 * How one bank's CSV export is read: a mapping an organisation saves once per bank and reuses.
 * Columns are named by their header text (or by number, "1" first, for a file without a header).
 * Besides what every export needs (date, amount, decimal mark, date format), it covers the
 * variants banks use: separate credit and debit columns, a D/C indicator column, metadata lines
 * above the header and a footer below the rows, and card statements whose signs are inverted.
 */

export const CSV_DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'D.M.YYYY',
  'DD/MM/YY',
] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];

const column = z.string().trim().min(1, 'name the column by its header text');

const columnsSchema = z.strictObject({
  date: column,
  amount: column.optional(),
  credit: column.optional(),
  debit: column.optional(),
  /** A column holding a credit/debit code (C/D, CRDT/DBIT, H/S...) that gives the amount's sign. */
  direction: column.optional(),
  currency: column.optional(),
  text: z.union([column, z.array(column).min(1)]).optional(),
  payerName: column.optional(),
  payerAccount: column.optional(),
  reference: column.optional(),
  endToEndId: column.optional(),
  bankReference: column.optional(),
  balance: column.optional(),
  valueDate: column.optional(),
});

const codes = z.array(z.string().trim().min(1)).min(1);

const mappingSchema = z
  .strictObject({
    delimiter: z.enum([',', ';', '\t'], { error: 'the delimiter is one of , ; or a tab' }).optional(),
    decimal: z.enum(['.', ','], { error: 'the decimal mark is "." or ","' }),
    thousands: z
      .enum([' ', '.', ',', "'"], { error: 'the thousands separator is a space, ".", "," or "\'"' })
      .optional(),
    dateFormat: z.enum(CSV_DATE_FORMATS, {
      error: `the date format is one of ${CSV_DATE_FORMATS.join(', ')}`,
    }),
    encoding: z
      .enum(['utf-8', 'windows-1250', 'iso-8859-1'], {
        error: 'the encoding is utf-8, windows-1250 or iso-8859-1',
      })
      .optional(),
    skipLines: z.number().int().min(0, 'skipLines counts lines, 0 or more').optional(),
    footerLines: z.number().int().min(0, 'footerLines counts lines, 0 or more').optional(),
    header: z.boolean().optional(),
    columns: columnsSchema,
    currency: z
      .string()
      .refine(isCurrency, `the currency is one Duly books: ${SUPPORTED_CURRENCIES.join(', ')}`)
      .optional(),
    account: z
      .strictObject({
        iban: z.string().refine(isValidIban, 'the account IBAN is not valid (check digits)').optional(),
        number: z.string().trim().min(1).optional(),
      })
      .optional(),
    invertSign: z.boolean().optional(),
    directionCodes: z.strictObject({ credit: codes, debit: codes }).optional(),
    referenceKind: z.enum(['RF', 'KID', 'VS', 'OGM', 'QRR', 'FI', 'NL', 'other']).optional(),
  })
  .superRefine((m, ctx) => {
    const c = m.columns;
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (c.amount === undefined && c.credit === undefined && c.debit === undefined) {
      issue(['columns', 'amount'], 'name the amount column, or the credit and debit columns');
    }
    if (c.amount !== undefined && (c.credit !== undefined || c.debit !== undefined)) {
      issue(['columns', 'amount'], 'give either an amount column or credit/debit columns, not both');
    }
    if (c.direction !== undefined && c.amount === undefined) {
      issue(
        ['columns', 'direction'],
        'a direction column gives the sign of the amount column: name that too',
      );
    }
    if (c.currency === undefined && m.currency === undefined) {
      issue(['currency'], 'give the currency of the amounts, or the column that holds it');
    }
    if (m.thousands !== undefined && m.thousands === m.decimal) {
      issue(['thousands'], 'the thousands separator must differ from the decimal mark');
    }
    if (m.header === false) {
      for (const [key, value] of Object.entries(c)) {
        for (const name of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          if (!/^[1-9]\d*$/.test(name))
            issue(['columns', key], 'without a header, name columns by number: "1" is the first');
        }
      }
    }
  });

export type CsvColumns = z.infer<typeof columnsSchema>;
export type CsvMapping = Readonly<z.infer<typeof mappingSchema>>;

/**
 * Checks a mapping (from JSON, an API request or a settings form) and says what is wrong, field by
 * field.
 *
 * @example
 *   validateCsvMapping({ decimal: ',', dateFormat: 'DD.MM.YYYY', currency: 'EUR', columns: { date: 'Datum', amount: 'Betrag' } })
 *   // { ok: true, value: { ... } }
 */
export function validateCsvMapping(input: unknown): Result<CsvMapping> {
  const parsed = mappingSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const errors = parsed.error.issues.map((i) => ({
    field: i.path.length > 0 ? `mapping/${i.path.join('/')}` : 'mapping',
    message: i.message,
  }));
  const first = errors[0]!;
  return fail('validation_failed', `the CSV mapping is not valid: ${first.field}: ${first.message}`, {
    field: first.field,
    hint:
      'A mapping needs at least { "decimal": ",", "dateFormat": "DD.MM.YYYY", "currency": "EUR", ' +
      '"columns": { "date": "Datum", "amount": "Betrag" } } with the column names of your file.',
    errors,
  });
}
