import { formatMinor } from '../kernel/money.ts';
import type { InvoiceExportRow, LedgerExportRow, PaymentExportRow } from './exports.repository.ts';

/**
 * The columns of each CSV export: a header and how to read the cell from a row. Pure, so the
 * export layout is tested without a database.
 *
 * Every amount appears twice: as a decimal in its currency (`1234.50`, for people and
 * spreadsheets) and as integer minor units (`123450`, for machines), beside a `currency` column.
 */
export type Cell = string | number | null;

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => Cell;
}

/** `total` and `total_minor` for one amount in the row's currency. */
function amount<T extends { readonly currency: string }>(
  header: string,
  get: (row: T) => number,
): Column<T>[] {
  return [
    { header, value: (r) => formatMinor(get(r), r.currency) },
    { header: `${header}_minor`, value: get },
  ];
}

export const INVOICE_COLUMNS: readonly Column<InvoiceExportRow>[] = Object.freeze([
  { header: 'id', value: (r) => r.id },
  { header: 'number', value: (r) => r.number },
  { header: 'customer_id', value: (r) => r.customerId },
  { header: 'customer_ref', value: (r) => r.customerRef },
  { header: 'customer_name', value: (r) => r.customerName },
  { header: 'issue_date', value: (r) => r.issueDate },
  { header: 'delivery_date', value: (r) => r.deliveryDate },
  { header: 'due_date', value: (r) => r.dueDate },
  { header: 'currency', value: (r) => r.currency },
  ...amount<InvoiceExportRow>('subtotal', (r) => r.subtotal),
  ...amount<InvoiceExportRow>('vat_total', (r) => r.vatTotal),
  ...amount<InvoiceExportRow>('total', (r) => r.total),
  ...amount<InvoiceExportRow>('amount_paid', (r) => r.amountPaid),
  ...amount<InvoiceExportRow>('amount_credited', (r) => r.amountCredited),
  ...amount<InvoiceExportRow>('amount_written_off', (r) => r.amountWrittenOff),
  ...amount<InvoiceExportRow>('charges', (r) => r.charges),
  ...amount<InvoiceExportRow>('amount_due', (r) => r.amountDue),
  { header: 'status', value: (r) => r.status },
  { header: 'days_overdue', value: (r) => r.daysOverdue },
  { header: 'as_of', value: (r) => r.asOf },
]);

export const PAYMENT_COLUMNS: readonly Column<PaymentExportRow>[] = Object.freeze([
  { header: 'id', value: (r) => r.id },
  { header: 'customer_id', value: (r) => r.customerId },
  { header: 'customer_ref', value: (r) => r.customerRef },
  { header: 'customer_name', value: (r) => r.customerName },
  { header: 'received_date', value: (r) => r.receivedDate },
  { header: 'currency', value: (r) => r.currency },
  ...amount<PaymentExportRow>('amount', (r) => r.amount),
  ...amount<PaymentExportRow>('allocated', (r) => r.amount - r.unallocated),
  ...amount<PaymentExportRow>('unallocated', (r) => r.unallocated),
  { header: 'method', value: (r) => r.method },
  { header: 'payer_name', value: (r) => r.payerName },
  { header: 'payer_iban', value: (r) => r.payerIban },
  { header: 'reference', value: (r) => r.reference },
  { header: 'created_at', value: (r) => r.createdAt },
]);

export const LEDGER_COLUMNS: readonly Column<LedgerExportRow>[] = Object.freeze([
  { header: 'id', value: (r) => r.id },
  { header: 'effective_date', value: (r) => r.effectiveDate },
  { header: 'kind', value: (r) => r.kind },
  { header: 'customer_id', value: (r) => r.customerId },
  { header: 'customer_name', value: (r) => r.customerName },
  { header: 'invoice_id', value: (r) => r.invoiceId },
  { header: 'invoice_number', value: (r) => r.invoiceNumber },
  { header: 'source_type', value: (r) => r.sourceType },
  { header: 'source_id', value: (r) => r.sourceId },
  { header: 'currency', value: (r) => r.currency },
  ...amount<LedgerExportRow>('receivable_delta', (r) => r.receivableDelta),
  ...amount<LedgerExportRow>('credit_delta', (r) => r.creditDelta),
  { header: 'reverses_entry_id', value: (r) => r.reversesEntryId },
  { header: 'memo', value: (r) => r.memo },
  { header: 'created_at', value: (r) => r.createdAt },
]);

export function headers<T>(columns: readonly Column<T>[]): string[] {
  return columns.map((c) => c.header);
}

export function toRecord<T>(columns: readonly Column<T>[], row: T): Cell[] {
  return columns.map((c) => c.value(row));
}
