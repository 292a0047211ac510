import type { IsoDate } from '../kernel/dates.ts';
import { daysBetween } from '../kernel/dates.ts';

export const INVOICE_STATUSES = [
  'draft',
  'open',
  'partially_paid',
  'paid',
  'overdue',
  'void',
  'written_off',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Sums over an invoice's ledger entries (see ledger.repository.ts). */
export interface InvoiceBalance {
  /** What the customer still owes on the invoice: SUM(receivable_delta). Never negative. */
  readonly open: number;
  /** Fees and interest charged on top of the invoice total. */
  readonly charged: number;
  /** Written off (a positive number). */
  readonly writtenOff: number;
}

export interface InvoiceDoc {
  readonly state: 'draft' | 'issued' | 'void';
  readonly total: number;
  readonly dueDate: IsoDate;
}

/**
 * The status of an invoice on a given day, derived from its document state and its ledger sums,
 * never stored. `overdue` wins over `partially_paid`: an overdue invoice with a part payment is
 * overdue (its `amountPaid` says the rest). Mirrored as SQL filters in invoices.repository.ts;
 * a property test keeps the two in agreement.
 *
 * @example deriveInvoiceStatus({ state: 'issued', total: 1000, dueDate: '2026-03-01' },
 *   { open: 400, charged: 0, writtenOff: 0 }, '2026-03-02') // 'overdue'
 */
export function deriveInvoiceStatus(doc: InvoiceDoc, balance: InvoiceBalance, asOf: IsoDate): InvoiceStatus {
  if (doc.state === 'draft') return 'draft';
  if (doc.state === 'void') return 'void';
  if (balance.open <= 0) return balance.writtenOff > 0 ? 'written_off' : 'paid';
  if (doc.dueDate < asOf) return 'overdue';
  return balance.open < doc.total + balance.charged ? 'partially_paid' : 'open';
}

/** Days past the due date on `asOf` (0 when not yet due). */
export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}
