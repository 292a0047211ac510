import fc from 'fast-check';
import { addDays } from '../src/kernel/dates.ts';

/**
 * Random ledger operations for ledger.property.test.ts, as plain data. Indices and amount specs are
 * resolved against the model when an operation runs (ledger-perform.ts), so a shrunk sequence stays
 * meaningful: "pay the exact open amount of the customer's first invoice", not a stale id.
 */
export const BASE = '2026-01-01';
export const day = (n: number) => addDays(BASE, n);
export const pad = (n: number) => String(n).padStart(4, '0');

export type AmountSpec =
  | { readonly t: 'exact' }
  | { readonly t: 'part'; readonly pct: number }
  | { readonly t: 'over'; readonly by: number }
  | { readonly t: 'abs'; readonly n: number };
const amountSpec: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'exact' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('part' as const), pct: fc.integer({ min: 1, max: 99 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('over' as const), by: fc.integer({ min: 1, max: 5000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('abs' as const), n: fc.integer({ min: 1, max: 300_000 }) }),
  },
);
export const resolve = (s: AmountSpec, ref: number): number =>
  Math.max(
    1,
    s.t === 'exact'
      ? ref
      : s.t === 'part'
        ? Math.floor((ref * s.pct) / 100)
        : s.t === 'over'
          ? ref + s.by
          : s.n,
  );

/** Where an allocation points: the payer's own invoice, another customer's, or another org's. */
const allocSpec = fc.record({
  to: fc.constantFrom('own', 'own', 'own', 'own', 'own', 'own', 'other', 'foreign'),
  i: fc.nat(),
  amount: amountSpec,
});
export type AllocSpec = typeof allocSpec extends fc.Arbitrary<infer T> ? T : never;

const invoiceTarget = fc.record({
  foreign: fc.integer({ min: 1, max: 10 }).map((n) => n === 1),
  i: fc.nat(),
});

export const QUANTITY_MILLI: Record<string, number> = {
  '1': 1000,
  '2': 2000,
  '0.5': 500,
  '1.333': 1333,
  '3': 3000,
  '0.001': 1,
};
export const VAT_BP: Record<string, number> = { '0': 0, '10': 1000, '12': 1200, '21': 2100, '10.5': 1050 };
const line = fc.record({
  quantity: fc.constantFrom(...Object.keys(QUANTITY_MILLI)),
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 250_000 }), fc.constantFrom(0, 1, 99, 100_000)),
  vatRate: fc.constantFrom(...Object.keys(VAT_BP)),
});
/** Mostly the customer's own currency, so credit and open items meet often; sometimes the other. */
const currency = fc.constantFrom('home', 'home', 'home', 'CZK', 'EUR');
const rarely = (percent: number) => fc.integer({ min: 1, max: 100 }).map((n) => n <= percent);
const when = fc.integer({ min: 0, max: 150 });

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('invoice' as const),
      customer: fc.nat(),
      currency,
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      issue: fc.integer({ min: 0, max: 90 }),
      terms: fc.integer({ min: 0, max: 40 }),
      draft: rarely(10),
      duplicate: rarely(5),
      number: fc.nat({ max: 9999 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('issue' as const), i: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      customer: fc.nat(),
      foreignCustomer: rarely(5),
      currency,
      mode: fc.constantFrom('explicit', 'explicit', 'oldest', 'none'),
      allocations: fc.array(allocSpec, { maxLength: 3 }),
      // What the payment brings beyond its allocations; -1 is the smallest shortfall.
      extra: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(-1, -100, -5000)),
      amount: amountSpec,
      date: when,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('applyCredit' as const),
      customer: fc.nat(),
      foreignCustomer: rarely(5),
      currency,
      explicit: fc.option(fc.array(allocSpec, { minLength: 1, maxLength: 2 })),
      date: when,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('creditNote' as const),
      target: invoiceTarget,
      // Crediting a paid invoice is what turns a credit note into customer credit.
      paidOnly: fc.boolean(),
      size: fc.constantFrom('within', 'open', 'beyondOpen', 'billed', 'beyondBilled'),
      pct: fc.integer({ min: 1, max: 99 }),
      currency: fc.constantFrom('same', 'same', 'none', 'none', 'wrong'),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('writeOff' as const),
      target: invoiceTarget,
      amount: fc.option(amountSpec),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fee' as const),
      target: invoiceTarget,
      amount: fc.integer({ min: 1, max: 50_000 }),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('void' as const), target: invoiceTarget, date: when }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      i: fc.nat(),
      days: fc.integer({ min: -3, max: 30 }),
    }),
  },
);
export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
export const sequence = fc.record({
  ops: fc.array(op, { minLength: 20, maxLength: 40 }),
  asOf: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
});
