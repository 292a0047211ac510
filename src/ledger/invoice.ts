import { z } from 'zod';
import { currencyCode, minorAmount } from '../customers/customer.ts';
import type { InvoiceLineRow, InvoiceRow } from '../db/schema.ts';
import { addDays, type IsoDate, isIsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { daysOverdue, deriveInvoiceStatus, type InvoiceStatus } from './invoice-status.ts';
import {
  computeLine,
  type InvoiceTotals,
  type LineAmounts,
  parseQuantityMilli,
  parseVatRateBp,
  sumLines,
} from './invoice-totals.ts';
import type { EntryDraft, InvoiceBalanceDetail, LedgerEntry } from './ledger.repository.ts';

/** Payment terms when neither the invoice nor the customer agreed any (Directive 2011/7/EU). */
export const DEFAULT_TERMS_DAYS = 30;

export const isoDate = z.string().refine(isIsoDate, 'use a calendar date as YYYY-MM-DD, e.g. 2026-03-31');

export const invoiceLineInput = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: z
    .union([z.number(), z.string()])
    .default(1)
    .transform((q, ctx) => {
      const milli = parseQuantityMilli(q);
      if (milli === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'quantity must be a positive number with at most 3 decimals',
        });
        return z.NEVER;
      }
      return milli;
    })
    .describe('Positive decimal, up to 3 places ("1.5")'),
  unitPrice: minorAmount.min(0, 'unit price cannot be negative; issue a credit note for a discount'),
  vatRate: z
    .union([z.number(), z.string()])
    .default(0)
    .transform((r, ctx) => {
      const bp = parseVatRateBp(r);
      if (bp === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'VAT rate is a percentage from 0 to 100, up to 2 decimals ("21")',
        });
        return z.NEVER;
      }
      return bp;
    })
    .describe('Percent, up to 2 decimals ("21", "10.5")'),
});

export const invoiceInput = z
  .strictObject({
    customerId: z.string().min(1),
    number: z.string().trim().min(1).max(64),
    issueDate: isoDate,
    deliveryDate: isoDate.nullish(),
    dueDate: isoDate.optional(),
    terms: z
      .number()
      .int()
      .min(0)
      .max(365)
      .optional()
      .describe('Days after the issue date; instead of dueDate'),
    currency: currencyCode.optional().describe("Defaults to the customer's currency"),
    lines: z.array(invoiceLineInput).min(1, 'an invoice needs at least one line').max(1000),
    draft: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.dueDate !== undefined && v.terms !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['terms'], message: 'give dueDate or terms, not both' });
    }
    if (v.dueDate !== undefined && v.dueDate < v.issueDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueDate'],
        message: 'the due date cannot be before the issue date',
      });
    }
  });
export type InvoiceInput = z.output<typeof invoiceInput>;

export interface InvoiceLine {
  readonly id: string;
  readonly position: number;
  readonly description: string;
  /** Decimal string, e.g. "1.5". */
  readonly quantity: string;
  readonly unitPrice: number;
  /** Percent as a decimal string, e.g. "21". */
  readonly vatRate: string;
  readonly net: number;
  readonly vat: number;
  readonly total: number;
}

export interface Invoice {
  readonly id: string;
  readonly orgId: string;
  readonly customerId: string;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly deliveryDate: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly paymentTermsDays: number | null;
  readonly currency: string;
  /** The structured payment reference printed on it (RF, KID, VS...), machine form; null: none. */
  readonly paymentReference: string | null;
  readonly subtotal: number;
  readonly vatTotal: number;
  readonly total: number;
  readonly status: InvoiceStatus;
  /** The day `status` was derived for. */
  readonly asOf: IsoDate;
  readonly amountDue: number;
  readonly amountPaid: number;
  readonly amountCredited: number;
  readonly amountWrittenOff: number;
  readonly charges: number;
  readonly daysOverdue: number;
  readonly createdAt: string;
  readonly voidedAt: string | null;
  readonly voidReason: string | null;
  readonly lines?: readonly InvoiceLine[];
  readonly history?: readonly LedgerEntry[];
}

export interface BuiltInvoice {
  readonly invoice: InvoiceRow;
  readonly lines: readonly InvoiceLineRow[];
  /** The `invoice_issued` entry, or null for a draft. */
  readonly entry: EntryDraft | null;
}

export interface InvoiceIds {
  readonly invoiceId: string;
  lineId(): string;
  /** The structured payment reference printed on it (payment-reference.ts), or null. */
  readonly paymentReference?: string | null;
}

/**
 * Turns validated input into the rows to store, without touching the database. Shared by the API
 * and the bulk CSV import, so both apply exactly the same rules.
 */
export function buildInvoice(
  orgId: string,
  input: InvoiceInput,
  customer: { readonly id: string; readonly currency: string; readonly paymentTermsDays: number | null },
  ids: InvoiceIds,
  createdAt: string,
): Result<BuiltInvoice> {
  let computed: LineAmounts[];
  let totals: InvoiceTotals;
  try {
    computed = input.lines.map((l) => computeLine(l.quantity, l.unitPrice, l.vatRate));
    totals = sumLines(computed);
  } catch {
    // The arithmetic throws only when an amount leaves the safe-integer range: bad input, not a bug.
    return fail('validation_failed', 'the invoice amounts are too large', {
      field: 'lines',
      hint: 'check unit prices (in minor units) and quantities',
    });
  }
  if (totals.total <= 0) {
    return fail('validation_failed', 'the invoice total must be greater than zero', {
      field: 'lines',
      hint: 'check unit prices and quantities',
    });
  }
  const terms = input.dueDate ? null : (input.terms ?? customer.paymentTermsDays ?? DEFAULT_TERMS_DAYS);
  const dueDate = input.dueDate ?? addDays(input.issueDate, terms ?? DEFAULT_TERMS_DAYS);
  const currency = input.currency ?? customer.currency;
  const invoice: InvoiceRow = {
    id: ids.invoiceId,
    org_id: orgId,
    customer_id: customer.id,
    number: input.number,
    issue_date: input.issueDate,
    delivery_date: input.deliveryDate ?? null,
    due_date: dueDate,
    payment_terms_days: terms,
    currency,
    subtotal: totals.subtotal,
    vat_total: totals.vatTotal,
    total: totals.total,
    state: input.draft ? 'draft' : 'issued',
    created_at: createdAt,
    voided_at: null,
    void_reason: null,
    payment_reference: ids.paymentReference ?? null,
  };
  const lines: InvoiceLineRow[] = computed.map((c, i) => ({
    id: ids.lineId(),
    org_id: orgId,
    invoice_id: ids.invoiceId,
    position: i + 1,
    description: input.lines[i]!.description,
    quantity_milli: c.quantityMilli,
    unit_price: c.unitPrice,
    vat_rate_bp: c.vatRateBp,
    net: c.net,
    vat: c.vat,
    total: c.total,
  }));
  return ok({ invoice, lines, entry: input.draft ? null : issuedEntry(invoice) });
}

export function issuedEntry(invoice: InvoiceRow): EntryDraft {
  return {
    customerId: invoice.customer_id,
    kind: 'invoice_issued',
    currency: invoice.currency,
    effectiveDate: invoice.issue_date,
    invoiceId: invoice.id,
    receivableDelta: invoice.total,
    memo: `Invoice ${invoice.number}`,
  };
}

function decimal(value: number, places: number): string {
  const s = (value / 10 ** places).toFixed(places);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function lineFromRow(r: InvoiceLineRow): InvoiceLine {
  return {
    id: r.id,
    position: r.position,
    description: r.description,
    quantity: decimal(r.quantity_milli, 3),
    unitPrice: r.unit_price,
    vatRate: decimal(r.vat_rate_bp, 2),
    net: r.net,
    vat: r.vat,
    total: r.total,
  };
}

export function invoiceFromRow(row: InvoiceRow, balance: InvoiceBalanceDetail, asOf: IsoDate): Invoice {
  const status = deriveInvoiceStatus(
    { state: row.state, total: row.total, dueDate: row.due_date },
    balance,
    asOf,
  );
  return {
    id: row.id,
    orgId: row.org_id,
    customerId: row.customer_id,
    number: row.number,
    issueDate: row.issue_date,
    deliveryDate: row.delivery_date,
    dueDate: row.due_date,
    paymentTermsDays: row.payment_terms_days,
    currency: row.currency,
    paymentReference: row.payment_reference,
    subtotal: row.subtotal,
    vatTotal: row.vat_total,
    total: row.total,
    status,
    asOf,
    amountDue: row.state === 'issued' ? balance.open : 0,
    amountPaid: balance.paid,
    amountCredited: balance.credited,
    amountWrittenOff: balance.writtenOff,
    charges: balance.charged,
    daysOverdue: status === 'overdue' ? daysOverdue(row.due_date, asOf) : 0,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}
