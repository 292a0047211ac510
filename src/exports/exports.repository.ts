import type { Db } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { type Invoice, invoiceFromRow } from '../ledger/invoice.ts';
import { entryFromRow, invoiceBalances, type LedgerEntry } from '../ledger/ledger.repository.ts';

/**
 * The export queries: every row of one organisation, page by page in id order (ids sort by
 * creation time), so an export of a million rows holds one page in memory at a time. Each page is
 * `WHERE id > last ORDER BY id LIMIT n`, which an index walks without an OFFSET scan.
 *
 * Rows written while an export runs may or may not appear (no snapshot across pages); rows never
 * appear twice, because the cursor only moves forward.
 */
export interface ExportFilter {
  /** Inclusive lower bound on the row's date (invoices: issue date; payments: received date; ledger: effective date). */
  readonly from?: IsoDate;
  /** Inclusive upper bound on the same date. */
  readonly to?: IsoDate;
}

export const EXPORT_PAGE_SIZE = 1000;

export interface InvoiceExportRow extends Invoice {
  readonly customerName: string;
  readonly customerRef: string | null;
}

export interface PaymentExportRow {
  readonly id: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerRef: string | null;
  readonly receivedDate: IsoDate;
  readonly currency: string;
  readonly amount: number;
  /** What is left of the payment as customer credit (amount minus allocations). */
  readonly unallocated: number;
  readonly method: string;
  readonly payerName: string | null;
  readonly payerIban: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
}

export interface LedgerExportRow extends LedgerEntry {
  readonly customerName: string;
  readonly invoiceNumber: string | null;
}

/**
 * Invoices with their status and amount due on `asOf`, derived by the same functions the API
 * uses (invoiceBalances + invoiceFromRow), so an export never disagrees with the API.
 */
export async function* invoiceExportPages(
  db: Db,
  orgId: string,
  filter: ExportFilter,
  asOf: IsoDate,
  pageSize: number = EXPORT_PAGE_SIZE,
): AsyncGenerator<InvoiceExportRow[]> {
  for (let after: string | null = null; ; ) {
    let q = db
      .selectFrom('invoices')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.id', '=', 'invoices.customer_id')
          .onRef('customers.org_id', '=', 'invoices.org_id'),
      )
      .selectAll('invoices')
      .select(['customers.name as customer_name', 'customers.ref as customer_ref'])
      .where('invoices.org_id', '=', orgId);
    if (after) q = q.where('invoices.id', '>', after);
    if (filter.from) q = q.where('invoices.issue_date', '>=', filter.from);
    if (filter.to) q = q.where('invoices.issue_date', '<=', filter.to);
    const rows = await q.orderBy('invoices.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    const balances = await invoiceBalances(
      db,
      orgId,
      rows.map((r) => r.id),
    );
    yield rows.map(({ customer_name, customer_ref, ...row }) => ({
      ...invoiceFromRow(row, balances.get(row.id)!, asOf),
      customerName: customer_name,
      customerRef: customer_ref,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}

export async function* paymentExportPages(
  db: Db,
  orgId: string,
  filter: ExportFilter,
  pageSize: number = EXPORT_PAGE_SIZE,
): AsyncGenerator<PaymentExportRow[]> {
  for (let after: string | null = null; ; ) {
    let q = db
      .selectFrom('payments')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.id', '=', 'payments.customer_id')
          .onRef('customers.org_id', '=', 'payments.org_id'),
      )
      .selectAll('payments')
      .select(['customers.name as customer_name', 'customers.ref as customer_ref'])
      .where('payments.org_id', '=', orgId);
    if (after) q = q.where('payments.id', '>', after);
    if (filter.from) q = q.where('payments.received_date', '>=', filter.from);
    if (filter.to) q = q.where('payments.received_date', '<=', filter.to);
    const rows = await q.orderBy('payments.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    // A payment's unapplied rest is the sum of the credit it created and the allocations it funded.
    const rests = await db
      .selectFrom('ledger_entries')
      .select((eb) => ['source_id', eb.fn.sum<number>('credit_delta').as('rest')])
      .where('org_id', '=', orgId)
      .where('source_type', '=', 'payment')
      .where(
        'source_id',
        'in',
        rows.map((r) => r.id),
      )
      .groupBy('source_id')
      .execute();
    const restOf = new Map(rests.map((r) => [r.source_id, Number(r.rest)]));
    yield rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      customerRef: r.customer_ref,
      receivedDate: r.received_date,
      currency: r.currency,
      amount: r.amount,
      unallocated: restOf.get(r.id) ?? 0,
      method: r.method,
      payerName: r.payer_name,
      payerIban: r.payer_iban,
      reference: r.reference,
      createdAt: r.created_at,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}

/** Every ledger entry, in posting order, with the customer's name and the invoice number. */
export async function* ledgerExportPages(
  db: Db,
  orgId: string,
  filter: ExportFilter,
  pageSize: number = EXPORT_PAGE_SIZE,
): AsyncGenerator<LedgerExportRow[]> {
  for (let after: string | null = null; ; ) {
    let q = db
      .selectFrom('ledger_entries')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.id', '=', 'ledger_entries.customer_id')
          .onRef('customers.org_id', '=', 'ledger_entries.org_id'),
      )
      .leftJoin('invoices', (j) =>
        j
          .onRef('invoices.id', '=', 'ledger_entries.invoice_id')
          .onRef('invoices.org_id', '=', 'ledger_entries.org_id'),
      )
      .selectAll('ledger_entries')
      .select(['customers.name as customer_name', 'invoices.number as invoice_number'])
      .where('ledger_entries.org_id', '=', orgId);
    if (after) q = q.where('ledger_entries.id', '>', after);
    if (filter.from) q = q.where('ledger_entries.effective_date', '>=', filter.from);
    if (filter.to) q = q.where('ledger_entries.effective_date', '<=', filter.to);
    const rows = await q.orderBy('ledger_entries.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(({ customer_name, invoice_number, ...row }) => ({
      ...entryFromRow(row),
      customerName: customer_name,
      invoiceNumber: invoice_number,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}
