import { describe, expect, it } from 'vitest';
import { matchLines } from './match.ts';
import {
  AS_OF,
  BERGER,
  HOLDING,
  HOLDING_ACCOUNT,
  invoice,
  line,
  NOVAK,
  NOVAK_ACCOUNT,
  rf,
} from './match-builders.test-util.ts';
import type { MatchInvoice, MatchLine } from './match-model.ts';

const match = (lines: MatchLine[], invoices: MatchInvoice[]) =>
  matchLines({ lines, invoices, customers: [NOVAK, HOLDING, BERGER], asOf: AS_OF }).proposals;

const ids = (allocations: readonly { invoiceId: string }[]) => allocations.map((a) => a.invoiceId);

/** Novák's open items, oldest first: 100.00 due 1 Feb, 200.00 due 1 Mar, 400.00 due 1 Apr. */
const LEDGER = [
  invoice({ number: '2026-0101', open: 10_000, dueDate: '2026-02-01', paymentReference: rf('20260101') }),
  invoice({ number: '2026-0102', open: 20_000, dueDate: '2026-03-01', paymentReference: rf('20260102') }),
  invoice({ number: '2026-0103', open: 40_000, dueDate: '2026-04-01', paymentReference: rf('20260103') }),
];

describe('one payment for several invoices', () => {
  it('applies the oldest items in order when they add up to the amount exactly', () => {
    const [p] = match([line({ payerAccount: NOVAK_ACCOUNT, amount: 30_000 })], LEDGER);
    expect(ids(p!.allocations)).toEqual(['inv_2026-0101', 'inv_2026-0102']);
    expect(p).toMatchObject({ overpayment: 0, shortfall: null, autoApply: true });
  });

  it('finds another combination that fits exactly, for review', () => {
    const [p] = match([line({ payerAccount: NOVAK_ACCOUNT, amount: 50_000 })], LEDGER);
    expect(ids(p!.allocations)).toEqual(['inv_2026-0101', 'inv_2026-0103']);
    expect(p!.autoApply).toBe(false);
  });

  it('never auto-applies when two combinations fit', () => {
    const ledger = [...LEDGER, invoice({ number: '2026-0104', open: 30_000, dueDate: '2026-05-01' })];
    const [p] = match([line({ payerAccount: NOVAK_ACCOUNT, amount: 60_000 })], ledger);
    expect(p!.autoApply).toBe(false);
    expect(p!.alternatives.length).toBeGreaterThan(0);
  });

  it('settles every invoice whose reference is in the text', () => {
    const text = `${rf('20260101')} ${rf('20260103')}`;
    const [p] = match([line({ text, amount: 50_000 })], LEDGER);
    expect(p).toMatchObject({ evidence: 'reference', autoApply: true });
    expect(ids(p!.allocations)).toEqual(['inv_2026-0101', 'inv_2026-0103']);
  });
});

describe('partial payments, overpayments and discounts', () => {
  it('day 10: half of 2026-0102 arrives, 100.00 stays open; day 12: the rest settles it', () => {
    const ref = { reference: rf('20260102'), referenceKind: 'RF' as const };
    const [first, second] = match(
      [
        line({ ...ref, amount: 10_000, bookingDate: '2026-03-10' }),
        line({ ...ref, amount: 10_000, bookingDate: '2026-03-12' }),
      ],
      LEDGER,
    );
    expect(first).toMatchObject({
      autoApply: false,
      shortfall: { invoiceId: 'inv_2026-0102', amount: 10_000 },
    });
    expect(second).toMatchObject({
      autoApply: true,
      allocations: [{ invoiceId: 'inv_2026-0102', amount: 10_000 }],
    });
  });

  it('keeps an overpayment as customer credit, for review', () => {
    const [p] = match([line({ reference: rf('20260101'), referenceKind: 'RF', amount: 12_500 })], LEDGER);
    expect(p).toMatchObject({
      allocations: [{ invoiceId: 'inv_2026-0101', amount: 10_000 }],
      overpayment: 2_500,
      autoApply: false,
    });
    expect(p!.reasons).toContain(
      'amount 125.00 EUR is more than the open amount of 2026-0101: 25.00 EUR is kept as customer credit',
    );
  });

  const discounted = invoice({
    number: '2026-0200',
    open: 100_000,
    paymentReference: rf('20260200'),
    discount: { until: '2026-03-11', amount: 2_000 },
  });

  it('settles an invoice paid less its early-payment discount by the deadline', () => {
    const [p] = match(
      [line({ reference: rf('20260200'), amount: 98_000, valueDate: '2026-03-11' })],
      [discounted],
    );
    expect(p).toMatchObject({
      allocations: [{ invoiceId: 'inv_2026-0200', amount: 98_000 }],
      discounts: [{ invoiceId: 'inv_2026-0200', amount: 2_000 }],
      shortfall: null,
      autoApply: true,
    });
  });

  it('treats the same amount a day after the deadline as a partial payment', () => {
    const [p] = match(
      [line({ reference: rf('20260200'), amount: 98_000, valueDate: '2026-03-12' })],
      [discounted],
    );
    expect(p).toMatchObject({ discounts: [], shortfall: { amount: 2_000 }, autoApply: false });
  });
});

describe('duplicates and repeated references', () => {
  it('does not pay an invoice twice when the same payment is booked twice', () => {
    const payment = { payerAccount: NOVAK_ACCOUNT, amount: 20_000, text: 'platba faktury' };
    const [first, second] = match([line(payment), line({ ...payment, bookingDate: '2026-03-11' })], LEDGER);
    expect(first).toMatchObject({ autoApply: true, allocations: [{ invoiceId: 'inv_2026-0102' }] });
    expect(second).toMatchObject({
      outcome: 'credit_only',
      customerId: 'cus_novak',
      overpayment: 20_000,
      autoApply: false,
    });
    expect(second!.reasons[0]).toMatch(new RegExp(`same amount, payer and text as line ${first!.lineId}`));
    // Without the repeat, the oldest items would have been proposed: they are only an alternative.
    expect(second!.alternatives[0]?.allocations.map((a) => a.invoiceId)).toContain('inv_2026-0101');
  });

  it('keeps a second payment of a settled reference as credit', () => {
    const ref = { reference: rf('20260101'), referenceKind: 'RF' as const, amount: 10_000 };
    const [, second] = match([line({ ...ref, text: 'a' }), line({ ...ref, text: 'b' })], LEDGER);
    expect(second).toMatchObject({ outcome: 'credit_only', overpayment: 10_000, autoApply: false });
  });
});

describe('a sister company paying', () => {
  it('trusts the reference over the known account, with lower confidence, and says so', () => {
    const [p] = match(
      [line({ reference: rf('20260101'), payerAccount: HOLDING_ACCOUNT, amount: 10_000 })],
      LEDGER,
    );
    expect(p).toMatchObject({
      customerId: 'cus_novak',
      allocations: [{ invoiceId: 'inv_2026-0101' }],
      autoApply: false,
    });
    expect(p!.confidence).toBeLessThan(0.95);
    expect(p!.reasons.some((r) => r.includes("is known for 'Novák Holding a.s.', not this customer"))).toBe(
      true,
    );
  });
});

describe('order and contradictions', () => {
  it('lets a later line with a reference have the invoice an earlier guess would have taken', () => {
    const [guess, byReference] = match(
      [
        line({ payerName: 'Novak Stavby', amount: 10_000 }),
        line({ reference: rf('20260101'), amount: 10_000 }),
      ],
      LEDGER,
    );
    expect(byReference).toMatchObject({ autoApply: true, allocations: [{ invoiceId: 'inv_2026-0101' }] });
    expect(guess!.allocations.some((a) => a.invoiceId === 'inv_2026-0101')).toBe(false);
  });

  it('does not auto-apply an exact account fit when the reference names another invoice', () => {
    const [p] = match(
      [line({ reference: rf('20260103'), payerAccount: NOVAK_ACCOUNT, amount: 20_000 })],
      LEDGER,
    );
    expect(p!.autoApply).toBe(false);
    expect(ids(p!.allocations)).toEqual(['inv_2026-0103']);
  });
});
