import { z } from 'zod';
import { currencyCode, minorAmount } from '../customers/customer.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { isoDate } from './invoice.ts';

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'direct_debit', 'cheque', 'other'] as const;

const positiveAmount = minorAmount.refine((n) => n > 0, 'must be a positive number of minor units');

export const allocationInput = z.strictObject({
  invoiceId: z.string().min(1),
  amount: positiveAmount,
});

export const paymentInput = z
  .strictObject({
    customerId: z.string().min(1),
    amount: positiveAmount,
    currency: currencyCode,
    receivedDate: isoDate,
    payerName: z.string().trim().min(1).max(300).nullish(),
    payerIban: z
      .string()
      .refine(isValidIban, 'not a valid IBAN (check digits do not match)')
      .transform(normalizeIban)
      .nullish(),
    reference: z.string().trim().max(500).nullish(),
    method: z.enum(PAYMENT_METHODS).default('bank_transfer'),
    allocations: z.array(allocationInput).max(1000).optional(),
    allocate: z
      .enum(['oldest_first', 'none'])
      .optional()
      .describe(
        'Without allocations: oldest_first (default) spreads the payment over open invoices; none keeps it as credit',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.allocations && v.allocate) {
      ctx.addIssue({ code: 'custom', path: ['allocate'], message: 'give allocations or allocate, not both' });
    }
  });
export type PaymentInput = z.output<typeof paymentInput>;

export const applyCreditInput = z
  .strictObject({
    currency: currencyCode,
    date: isoDate,
    allocations: z.array(allocationInput).max(1000).optional(),
  })
  .describe(
    'Applies unapplied customer credit (overpayments, credit notes) to invoices; oldest first when no allocations are given',
  );
export type ApplyCreditInput = z.output<typeof applyCreditInput>;

export const creditNoteInput = z.strictObject({
  invoiceId: z.string().min(1),
  number: z.string().trim().min(1).max(64),
  issueDate: isoDate,
  amount: positiveAmount.describe('Gross amount credited, in minor units'),
  currency: currencyCode.optional().describe("Must equal the invoice's currency when given"),
  reason: z.string().trim().min(1).max(1000),
});
export type CreditNoteInput = z.output<typeof creditNoteInput>;

export interface PaymentAllocation {
  readonly entryId: string;
  readonly invoiceId: string;
  readonly amount: number;
  readonly date: string;
}

export interface Payment {
  readonly id: string;
  readonly customerId: string;
  readonly amount: number;
  readonly currency: string;
  readonly receivedDate: string;
  readonly payerName: string | null;
  readonly payerIban: string | null;
  readonly reference: string | null;
  readonly method: string;
  readonly allocations: readonly PaymentAllocation[];
  /** The part of the payment not allocated to any invoice: customer credit, never lost. */
  readonly unallocated: number;
  /** Set when the payment bounced or was returned: its allocations were undone by reversal entries. */
  readonly reversed: { readonly date: string; readonly reason: string | null } | null;
  readonly createdAt: string;
}

export interface CreditNote {
  readonly id: string;
  readonly customerId: string;
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: string;
  readonly currency: string;
  readonly amount: number;
  /** Applied to the invoice at once (up to its open amount). */
  readonly appliedToInvoice: number;
  /** The rest, kept as customer credit. */
  readonly unapplied: number;
  readonly reason: string;
  readonly createdAt: string;
}
