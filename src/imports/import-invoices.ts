import type { DatabaseHandle } from '../db/database.ts';
import type { InvoiceLineRow, InvoiceRow, LedgerEntriesTable } from '../db/schema.ts';
import type { Result } from '../kernel/errors.ts';
import { isCurrency, minorUnitExponent, parseDecimalToMinor } from '../kernel/money.ts';
import type { ReferenceScheme } from '../kernel/references/index.ts';
import { buildInvoice, invoiceInput } from '../ledger/invoice.ts';
import { entryRow } from '../ledger/ledger.repository.ts';
import { invoiceReference, referenceSchemeOf } from '../ledger/payment-reference.ts';
import type { CustomerByRef } from './bulk-session.ts';
import { type ColumnIndex, type CsvRow, cell } from './csv-rows.ts';
import { issueMessage } from './import-customers.ts';
import { addCellProblem, badAmountMessage, type CellProblem, shown } from './import-problems.ts';
import {
  type ImportClock,
  type ImportOptions,
  type ImportSummary,
  importClock,
  runImport,
} from './import-run.ts';

export const INVOICE_COLUMNS = [
  'number',
  'customer_ref',
  'issue_date',
  'delivery_date',
  'due_date',
  'terms',
  'currency',
  'description',
  'quantity',
  'unit_price',
  'vat_rate',
] as const;
export type InvoiceColumn = (typeof INVOICE_COLUMNS)[number];
export const REQUIRED_INVOICE_COLUMNS: readonly InvoiceColumn[] = [
  'number',
  'customer_ref',
  'issue_date',
  'description',
  'unit_price',
];

/** Columns that describe the invoice, not the line: the same on every row of an invoice. */
const INVOICE_LEVEL = [
  'customer_ref',
  'issue_date',
  'delivery_date',
  'due_date',
  'terms',
  'currency',
] as const;
type InvoiceLevelColumn = (typeof INVOICE_LEVEL)[number];

const FIELD_COLUMNS: Readonly<Record<string, InvoiceColumn>> = Object.freeze({
  customerId: 'customer_ref',
  number: 'number',
  issueDate: 'issue_date',
  deliveryDate: 'delivery_date',
  dueDate: 'due_date',
  terms: 'terms',
  currency: 'currency',
  description: 'description',
  quantity: 'quantity',
  unitPrice: 'unit_price',
  vatRate: 'vat_rate',
});

/** Schema messages name API fields; in a CSV report they should name columns. */
function inColumns(message: string): string {
  return message.replace(/\b(issueDate|dueDate|deliveryDate|unitPrice|vatRate)\b/g, (f) => FIELD_COLUMNS[f]!);
}

export interface ImportedInvoice {
  readonly invoice: InvoiceRow;
  readonly lines: readonly InvoiceLineRow[];
  readonly entry: LedgerEntriesTable;
}

/**
 * Validates the rows of one invoice (one row per line, all with the same number) and builds what
 * to store. The rows are mapped onto the API's `invoiceInput` and built by the shared pure
 * `buildInvoice`, so the import and the API apply the same rules; `unit_price` is a decimal in the
 * invoice's currency (its own, else the customer's), converted exactly.
 *
 * Invoice-level columns may be left empty on an invoice's later rows; where given, they must equal
 * the first value given.
 */
export function invoiceFromCsv(
  orgId: string,
  rows: readonly CsvRow[],
  index: ColumnIndex<InvoiceColumn>,
  customers: ReadonlyMap<string, CustomerByRef>,
  clock: ImportClock,
  /** The organisation's payment-reference scheme (payment-reference.ts); default RF. */
  scheme: ReferenceScheme = 'rf',
): { ok: true; value: ImportedInvoice } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];

  const first = rows[0]!;
  const number = cell(first, index.number);

  const head = {} as Record<InvoiceLevelColumn, { value: string; line: number }>;
  for (const col of INVOICE_LEVEL) {
    let given = { value: '', line: first.line };
    for (const row of rows) {
      const value = cell(row, index[col]);
      if (value === '') continue;
      if (given.value === '') given = { value, line: row.line };
      else if (value !== given.value) {
        addCellProblem(
          problems,
          row.line,
          col,
          `${shown(value)} differs from ${shown(given.value)} on line ${given.line}: all rows of invoice ${number} must agree on ${col}`,
        );
      }
    }
    head[col] = given;
  }
  for (const col of ['customer_ref', 'issue_date'] as const) {
    if (head[col].value === '') addCellProblem(problems, first.line, col, `${col} is required`);
  }

  const ref = head.customer_ref.value;
  const customer = ref === '' ? undefined : customers.get(ref);
  if (ref !== '' && !customer) {
    addCellProblem(
      problems,
      head.customer_ref.line,
      'customer_ref',
      `no customer with ref ${shown(ref)} in this organisation: import the customers first, or correct the ref`,
    );
  }
  let terms: number | undefined;
  const termsText = head.terms.value;
  if (termsText !== '') {
    if (/^\d{1,4}$/.test(termsText)) terms = Number(termsText);
    else
      addCellProblem(
        problems,
        head.terms.line,
        'terms',
        `${shown(termsText)}: terms are whole days after the issue date, e.g. 14`,
      );
  }
  const currency = head.currency.value || customer?.currency;
  const amounts = currency !== undefined && isCurrency(currency);

  const lines = rows.map((row) => {
    const description = cell(row, index.description);
    const price = cell(row, index.unit_price);
    if (description === '') addCellProblem(problems, row.line, 'description', 'description is required');
    let unitPrice = 0;
    if (price === '') addCellProblem(problems, row.line, 'unit_price', 'unit_price is required');
    else if (amounts) {
      const minor = parseDecimalToMinor(price, currency);
      if (minor === undefined) {
        addCellProblem(
          problems,
          row.line,
          'unit_price',
          badAmountMessage(price, currency, minorUnitExponent(currency)),
        );
      } else unitPrice = minor;
    }
    return {
      description: description || undefined,
      quantity: cell(row, index.quantity) || undefined,
      unitPrice,
      vatRate: cell(row, index.vat_rate) || undefined,
    };
  });

  const parsed = invoiceInput.safeParse({
    customerId: customer?.id ?? (ref || undefined),
    number,
    issueDate: head.issue_date.value || undefined,
    deliveryDate: head.delivery_date.value || undefined,
    dueDate: head.due_date.value || undefined,
    terms,
    currency: head.currency.value || undefined,
    lines,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key, i, field] = issue.path;
      if (key === 'lines' && typeof i === 'number') {
        const column = FIELD_COLUMNS[String(field)] ?? 'description';
        const row = rows[i]!;
        addCellProblem(problems, row.line, column, inColumns(issueMessage(cell(row, index[column]), issue)));
      } else {
        const column = FIELD_COLUMNS[String(key)] ?? 'number';
        const at =
          column === 'number' ? { value: number, line: first.line } : head[column as InvoiceLevelColumn];
        addCellProblem(problems, at.line, column, inColumns(issueMessage(at.value, issue)));
      }
    }
  }
  if (problems.length > 0 || !parsed.success || !customer) return { ok: false, problems };

  const built = buildInvoice(
    orgId,
    parsed.data,
    customer,
    {
      invoiceId: clock.id('invoice'),
      lineId: clock.lineId,
      paymentReference: invoiceReference(scheme, parsed.data.number),
    },
    clock.createdAt,
  );
  if (!built.ok) {
    const hint = built.error.hint ? `: ${built.error.hint}` : '';
    addCellProblem(problems, first.line, 'unit_price', `invoice ${number}: ${built.error.message}${hint}`);
    return { ok: false, problems };
  }
  const { invoice, lines: lineRows, entry } = built.value;
  return {
    ok: true,
    value: { invoice, lines: lineRows, entry: entryRow(orgId, entry!, clock.createdAt, clock.id('entry')) },
  };
}

/**
 * Imports invoices from CSV, all or nothing; one row per invoice line, and consecutive rows with
 * the same number form one invoice. `input` is CSV text or a byte stream, streamed.
 *
 * Header line (any order, case-insensitive; number, customer_ref, issue_date, description and
 * unit_price are required):
 * - invoice: `number` (unique in the organisation), `customer_ref` (a customer's ref),
 *   `issue_date`, `delivery_date`, `due_date` (YYYY-MM-DD), `terms` (days; instead of due_date;
 *   default: the customer's terms, else 30), `currency` (default: the customer's)
 * - line: `description`, `quantity` (default 1, up to 3 decimals), `unit_price` (decimal in the
 *   currency, e.g. 1234.50), `vat_rate` (percent, e.g. 21; default 0)
 *
 * A number already in the organisation, or reappearing later in the file, is a problem. Any
 * problem: nothing is written and the result is `import_failed` listing each with line and column.
 *
 * @example
 *   const r = await importInvoicesCsv(handle, org.id, fs.createReadStream('invoices.csv'), {
 *     onProgress: (rows) => bar.update(rows),
 *   });
 */
export async function importInvoicesCsv(
  handle: DatabaseHandle,
  orgId: string,
  input: string | NodeJS.ReadableStream,
  opts: ImportOptions = {},
): Promise<Result<ImportSummary>> {
  const clock = importClock();
  // Read before the import's transaction takes the (SQLite: only) connection.
  const scheme = await referenceSchemeOf(handle.db, orgId);
  return runImport<InvoiceColumn, ImportedInvoice>(
    handle,
    orgId,
    input,
    {
      columns: INVOICE_COLUMNS,
      required: REQUIRED_INVOICE_COLUMNS,
      keyTable: 'invoices',
      keyColumn: 'number',
      duplicateInFile: (number, first) =>
        `invoice number ${shown(number)} already appears on line ${first}: an invoice's rows must be consecutive, and each invoice needs its own number`,
      duplicateInDatabase: (number) =>
        `invoice number ${shown(number)} is already used in this organisation: use the next number in your series, or leave this invoice out`,
      begin: async (session) => {
        // Every customer with a ref, loaded once inside the transaction: 100,000 customers are a
        // few megabytes, and one query beats a lookup per invoice.
        const customers = await session.customersByRef(orgId);
        let group: CsvRow[] = [];
        let groupNumber = '';
        return (rows, index, problems, emit) => {
          const close = () => {
            if (group.length === 0) return;
            const r = invoiceFromCsv(orgId, group, index, customers, clock, scheme);
            if (!r.ok) for (const p of r.problems) problems.add(p.line, p.column, p.message);
            emit({ key: groupNumber, line: group[0]!.line, built: r.ok ? r.value : undefined });
            group = [];
          };
          if (rows === 'end') {
            close();
            return;
          }
          for (const row of rows) {
            const number = cell(row, index.number);
            if (group.length > 0 && number === groupNumber) {
              group.push(row);
              continue;
            }
            close();
            if (number === '') {
              problems.add(
                row.line,
                'number',
                'number is required: every row names the invoice it belongs to',
              );
              continue;
            }
            group = [row];
            groupNumber = number;
          }
        };
      },
      write: (session, built) => {
        session.add('invoices', built.invoice);
        for (const line of built.lines) session.add('invoice_lines', line);
        session.add('ledger_entries', built.entry);
      },
    },
    opts,
  );
}
