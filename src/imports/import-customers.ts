import type { z } from 'zod';
import { type CustomerInput, customerInput } from '../customers/customer.ts';
import {
  type BuiltCustomer,
  buildCustomerRows,
  resolveCustomerDefaults,
} from '../customers/customer-rows.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Result } from '../kernel/errors.ts';
import { minorUnitExponent, parseDecimalToMinor } from '../kernel/money.ts';
import type { Organization } from '../orgs/organization.ts';
import { type ColumnIndex, type CsvRow, cell } from './csv-rows.ts';
import { addCellProblem, badAmountMessage, type CellProblem, shown } from './import-problems.ts';
import { type ImportOptions, type ImportSummary, importClock, runImport } from './import-run.ts';

export const CUSTOMER_COLUMNS = [
  'ref',
  'name',
  'kind',
  'country',
  'language',
  'time_zone',
  'currency',
  'vat_id',
  'payment_terms_days',
  'credit_limit',
  'tags',
  'contact_name',
  'email',
  'phone',
  'iban',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export const REQUIRED_CUSTOMER_COLUMNS: readonly CustomerColumn[] = ['ref', 'name', 'country'];

/** `"a; b;;c"` -> `['a', 'b', 'c']`. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  if (text === '') return out;
  for (const part of text.split(';')) {
    const item = part.trim();
    if (item !== '') out.push(item);
  }
  return out;
}

/** The CSV column a customerInput issue path points at. */
function customerColumn(path: readonly PropertyKey[]): CustomerColumn {
  const [head, , sub] = path;
  switch (head) {
    case 'timeZone':
      return 'time_zone';
    case 'vatId':
      return 'vat_id';
    case 'paymentTermsDays':
      return 'payment_terms_days';
    case 'creditLimit':
      return 'credit_limit';
    case 'address': {
      const field = path[1];
      return field === 'line2'
        ? 'address_line2'
        : field === 'postalCode'
          ? 'postal_code'
          : field === 'city'
            ? 'city'
            : 'address_line1';
    }
    case 'bankAccounts':
      return 'iban';
    case 'contacts':
      return sub === 'email' ? 'email' : sub === 'phone' ? 'phone' : 'contact_name';
    default:
      return (CUSTOMER_COLUMNS as readonly PropertyKey[]).includes(head ?? '')
        ? (head as CustomerColumn)
        : 'ref';
  }
}

/** The offending value for a message: the list item for tags and IBANs, else the cell. */
function issueValue(raw: Record<string, unknown>, path: readonly PropertyKey[]): string {
  let v: unknown = raw;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

export function issueMessage(value: string, issue: z.core.$ZodIssue): string {
  return value === '' ? issue.message : `${shown(value)}: ${issue.message}`;
}

/**
 * Maps one CSV record onto the API's `customerInput` and validates it with that same schema, so a
 * customer imported from a file obeys exactly the rules of one created through the API.
 * `credit_limit` is a decimal in the customer's currency (after defaults), converted exactly.
 * A contact is made when contact_name, email or phone is given; its name defaults to the customer's.
 */
export function customerFromCsv(
  row: CsvRow,
  index: ColumnIndex<CustomerColumn>,
  org: Pick<Organization, 'baseCurrency' | 'timeZone'>,
): { ok: true; input: CustomerInput } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const line = row.line;
  for (const c of REQUIRED_CUSTOMER_COLUMNS) {
    if (cell(row, index[c]) === '') addCellProblem(problems, line, c, `${c} is required`);
  }
  const termsText = cell(row, index.payment_terms_days);
  const terms = /^-?\d{1,9}$/.test(termsText) ? Number(termsText) : undefined;
  if (termsText !== '' && terms === undefined) {
    addCellProblem(
      problems,
      line,
      'payment_terms_days',
      `${shown(termsText)}: payment terms are whole days, e.g. 30`,
    );
  }
  const contactName = cell(row, index.contact_name);
  const email = cell(row, index.email);
  const phone = cell(row, index.phone);
  const raw: Record<string, unknown> = {
    ref: cell(row, index.ref) || undefined,
    name: cell(row, index.name) || undefined,
    kind: cell(row, index.kind) || undefined,
    country: cell(row, index.country) || undefined,
    language: cell(row, index.language) || undefined,
    timeZone: cell(row, index.time_zone) || undefined,
    currency: cell(row, index.currency) || undefined,
    vatId: cell(row, index.vat_id) || undefined,
    address:
      cell(row, index.address_line1) || cell(row, index.city)
        ? {
            line1: cell(row, index.address_line1) || undefined,
            line2: cell(row, index.address_line2) || undefined,
            postalCode: cell(row, index.postal_code) || undefined,
            city: cell(row, index.city) || undefined,
          }
        : undefined,
    paymentTermsDays: terms,
    tags: splitList(cell(row, index.tags)),
    contacts:
      contactName || email || phone
        ? [
            {
              name: contactName || cell(row, index.name),
              email: email || undefined,
              phone: phone || undefined,
            },
          ]
        : [],
    bankAccounts: splitList(cell(row, index.iban)),
  };
  const parsed = customerInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      addCellProblem(
        problems,
        line,
        customerColumn(issue.path),
        issueMessage(issueValue(raw, issue.path), issue),
      );
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };

  const limitText = cell(row, index.credit_limit);
  if (limitText === '') return { ok: true, input: parsed.data };
  const { currency } = resolveCustomerDefaults(parsed.data, org);
  const minor = parseDecimalToMinor(limitText, currency);
  if (minor === undefined) {
    addCellProblem(
      problems,
      line,
      'credit_limit',
      badAmountMessage(limitText, currency, minorUnitExponent(currency)),
    );
    return { ok: false, problems };
  }
  const limit = customerInput.shape.creditLimit.safeParse(minor);
  if (!limit.success) {
    for (const issue of limit.error.issues)
      addCellProblem(problems, line, 'credit_limit', issueMessage(limitText, issue));
    return { ok: false, problems };
  }
  return { ok: true, input: { ...parsed.data, creditLimit: limit.data } };
}

/**
 * Imports customers from CSV, all or nothing. `input` is CSV text or a byte stream
 * (`fs.createReadStream(file)`); the file is streamed, never held whole.
 *
 * Header line (any order, case-insensitive; only ref, name and country are required):
 * - `ref`: your customer number, unique in the organisation; the invoice import finds customers by it
 * - `name`, `kind` (business | consumer, default business), `country` (ISO code, e.g. CZ)
 * - `language`, `time_zone`, `currency`: default from the country, then from the organisation
 * - `vat_id`, `payment_terms_days` (whole days)
 * - `address_line1`, `address_line2`, `postal_code`, `city`: the postal address (line 1 and city together)
 * - `credit_limit`: decimal in the customer's currency, e.g. 5000.00
 * - `tags`: `;`-separated; `iban`: `;`-separated known payer accounts
 * - `contact_name`, `email`, `phone`: one billing contact
 *
 * A ref already in the organisation, or repeated in the file, is a problem. Any problem: nothing is
 * written and the result is `import_failed` listing each problem with its line and column.
 *
 * @example
 *   const r = await importCustomersCsv(handle, org, fs.createReadStream('customers.csv'));
 *   if (!r.ok) for (const e of r.error.errors ?? []) console.error(`line ${e.line}, ${e.column}: ${e.message}`);
 */
export async function importCustomersCsv(
  handle: DatabaseHandle,
  org: Organization,
  input: string | NodeJS.ReadableStream,
  opts: ImportOptions = {},
): Promise<Result<ImportSummary>> {
  const clock = importClock();
  return runImport<CustomerColumn, BuiltCustomer>(
    handle,
    org.id,
    input,
    {
      columns: CUSTOMER_COLUMNS,
      required: REQUIRED_CUSTOMER_COLUMNS,
      keyTable: 'customers',
      keyColumn: 'ref',
      duplicateInFile: (ref, first) =>
        `ref ${shown(ref)} is already used on line ${first}: each customer needs its own ref`,
      duplicateInDatabase: (ref) =>
        `a customer with ref ${shown(ref)} already exists in this organisation: use another ref, or leave this row out`,
      begin: async () => (rows, index, problems, emit) => {
        if (rows === 'end') return;
        for (const row of rows) {
          const r = customerFromCsv(row, index, org);
          if (!r.ok) for (const p of r.problems) problems.add(p.line, p.column, p.message);
          emit({
            key: cell(row, index.ref),
            line: row.line,
            built: r.ok
              ? buildCustomerRows(
                  org,
                  r.input,
                  { customerId: clock.id('customer'), contactId: clock.contactId },
                  clock.createdAt,
                )
              : undefined,
          });
        }
      },
      write: (session, built) => {
        session.add('customers', built.customer);
        for (const c of built.contacts) session.add('customer_contacts', c);
        for (const t of built.tags) session.add('customer_tags', t);
        for (const a of built.bankAccounts) session.add('customer_bank_accounts', a);
      },
    },
    opts,
  );
}
