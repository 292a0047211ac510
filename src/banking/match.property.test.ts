import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLines } from './match.ts';
import { AS_OF, rf } from './match-builders.test-util.ts';
import type { MatchCustomer, MatchInvoice, MatchLine, Proposal } from './match-model.ts';

/**
 * Small worlds with many collisions: few customers sharing accounts and names, amounts from a short
 * list, references, numbers and typos pointing anywhere, repeated lines, two currencies. Whatever the
 * matcher decides, money must add up and nothing may be over-allocated.
 */

const CUSTOMERS: MatchCustomer[] = [
  { customerId: 'c0', name: 'Novák Stavby s.r.o.', accounts: ['CZ01A'] },
  { customerId: 'c1', name: 'Novák Holding a.s.', accounts: ['CZ01B', 'CZ01A'] },
  { customerId: 'c2', name: 'Berger GmbH', accounts: [] },
];
const AMOUNTS = [5_000, 10_000, 15_000, 20_000, 25_000, 33_333];

const invoiceArb = (i: number) =>
  fc
    .record({
      customer: fc.nat({ max: 2 }),
      currency: fc.constantFrom('EUR', 'EUR', 'CZK'),
      open: fc.constantFrom(...AMOUNTS),
      due: fc.integer({ min: 1, max: 28 }),
      refKind: fc.constantFrom('rf', 'vs', 'none'),
      discount: fc.option(fc.constantFrom(500, 1_000), { nil: null }),
    })
    .map(
      (r): MatchInvoice => ({
        invoiceId: `i${i}`,
        customerId: `c${r.customer}`,
        number: `2026-0000${10 + i}`,
        currency: r.currency,
        open: r.open,
        total: r.open,
        issueDate: '2026-02-01',
        dueDate: `2026-03-${String(r.due).padStart(2, '0')}`,
        paymentReference:
          r.refKind === 'rf' ? rf(`2026${10 + i}`) : r.refKind === 'vs' ? `2026${10 + i}` : null,
        discount: r.discount === null ? null : { until: '2026-03-10', amount: r.discount },
      }),
    );

const worldArb = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => invoiceArb(i))).chain((invoices) => {
    const lineArb = fc
      .record({
        target: fc.nat({ max: n - 1 }),
        second: fc.nat({ max: n - 1 }),
        amount: fc.oneof(
          fc.constant('open'),
          fc.constant('two'),
          fc.constant('discounted'),
          fc.constantFrom(...AMOUNTS),
          fc.integer({ min: 1, max: 80_000 }),
        ),
        currency: fc.constantFrom('EUR', 'EUR', 'CZK'),
        how: fc.constantFrom('reference', 'vs', 'number', 'typo', 'nothing'),
        account: fc.constantFrom(null, 'CZ01A', 'CZ01B', 'DE99'),
        name: fc.constantFrom(null, 'NOVAK STAVBY', 'Novak Holding', 'Berger'),
        day: fc.integer({ min: 8, max: 12 }),
      })
      .map((r): Omit<MatchLine, 'id'> => {
        const t = invoices[r.target]!;
        const amount =
          r.amount === 'open'
            ? t.open
            : r.amount === 'two'
              ? t.open + invoices[r.second]!.open
              : r.amount === 'discounted'
                ? t.open - (t.discount?.amount ?? 0)
                : r.amount;
        const digits = `2026${10 + r.target}`;
        return {
          amount,
          currency: r.currency,
          bookingDate: `2026-03-${String(r.day).padStart(2, '0')}`,
          valueDate: null,
          reference: r.how === 'reference' ? t.paymentReference : null,
          referenceKind: r.how === 'reference' ? 'other' : null,
          symbols: r.how === 'vs' ? { vs: digits, ss: null, ks: null } : null,
          text:
            r.how === 'number'
              ? `faktura ${t.number}`
              : r.how === 'typo'
                ? `faktura 2026-000${10 + r.target}9`
                : 'platba',
          payerName: r.name,
          payerAccount: r.account,
          endToEndId: null,
        };
      });
    const linesArb = fc
      .array(fc.tuple(lineArb, fc.boolean()), { minLength: 1, maxLength: 12 })
      // Some lines are booked twice in a row.
      .map((pairs) =>
        pairs.flatMap(([l, twice]) => (twice ? [l, l] : [l])).map((l, i) => ({ ...l, id: `l${i}` })),
      );
    return fc.tuple(fc.constant(invoices), linesArb, fc.double({ min: 0.5, max: 1, noNaN: true }));
  }),
);

const sum = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
const everyProposal = (ps: readonly Proposal[]) => ps.flatMap((p) => [p, ...p.alternatives]);

describe('matchLines invariants', () => {
  it('(a) conserves money: allocations plus overpayment are the line amount, in every proposal', () => {
    fc.assert(
      fc.property(worldArb, ([invoices, lines, threshold]) => {
        const { proposals } = matchLines({
          lines,
          invoices,
          customers: CUSTOMERS,
          asOf: AS_OF,
          options: { autoApplyConfidence: threshold },
        });
        expect(proposals.map((p) => p.lineId)).toEqual(lines.map((l) => l.id));
        for (const p of everyProposal(proposals)) {
          const line = lines.find((l) => l.id === p.lineId)!;
          expect(sum(p.allocations) + p.overpayment).toBe(line.amount);
          expect(p.allocations.every((a) => a.amount > 0 && Number.isSafeInteger(a.amount))).toBe(true);
          const currencies = p.allocations.map(
            (a) => invoices.find((i) => i.invoiceId === a.invoiceId)!.currency,
          );
          expect(currencies.every((c) => c === line.currency)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(b) never allocates an invoice more than its open amount across all lines of one call', () => {
    fc.assert(
      fc.property(worldArb, ([invoices, lines, threshold]) => {
        const { proposals } = matchLines({
          lines,
          invoices,
          customers: CUSTOMERS,
          asOf: AS_OF,
          options: { autoApplyConfidence: threshold },
        });
        const taken = new Map<string, number>();
        for (const p of proposals) {
          for (const a of [...p.allocations, ...p.discounts])
            taken.set(a.invoiceId, (taken.get(a.invoiceId) ?? 0) + a.amount);
        }
        for (const [invoiceId, amount] of taken) {
          expect(amount).toBeLessThanOrEqual(invoices.find((i) => i.invoiceId === invoiceId)!.open);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(c) auto-applies only zero-remainder proposals at or above the threshold that settle their invoices', () => {
    fc.assert(
      fc.property(worldArb, ([invoices, lines, threshold]) => {
        const { proposals } = matchLines({
          lines,
          invoices,
          customers: CUSTOMERS,
          asOf: AS_OF,
          options: { autoApplyConfidence: threshold },
        });
        const taken = new Map<string, number>();
        for (const p of proposals) {
          for (const a of [...p.allocations, ...p.discounts])
            taken.set(a.invoiceId, (taken.get(a.invoiceId) ?? 0) + a.amount);
        }
        for (const p of proposals.filter((x) => x.autoApply)) {
          expect(p.outcome).toBe('invoices');
          expect(p.overpayment).toBe(0);
          expect(p.shortfall).toBeNull();
          expect(p.confidence).toBeGreaterThanOrEqual(threshold);
          for (const a of p.allocations)
            expect(taken.get(a.invoiceId)).toBe(invoices.find((i) => i.invoiceId === a.invoiceId)!.open);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(d) auto-applies a line carrying an invoice’s exact reference and open amount to that invoice', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.nat(),
        fc.constantFrom(null, 'own', 'unknown'),
        ([invoices, others], pick, account) => {
          const withRef = invoices.filter((i) => i.paymentReference !== null);
          fc.pre(withRef.length > 0);
          const target = withRef[pick % withRef.length]!;
          const own = CUSTOMERS.find((c) => c.customerId === target.customerId)!.accounts;
          const payerAccount =
            account === 'own'
              ? (own.find((a) => a !== 'CZ01A') ?? null)
              : account === 'unknown'
                ? 'NO99'
                : null;
          const paying: MatchLine = {
            ...others[0]!,
            id: 'paying',
            amount: target.open,
            currency: target.currency,
            reference: target.paymentReference,
            referenceKind: 'other',
            symbols: null,
            text: 'thank you',
            payerAccount,
          };
          const { proposals } = matchLines({
            lines: [paying, ...others],
            invoices,
            customers: CUSTOMERS,
            asOf: AS_OF,
          });
          expect(proposals[0]).toMatchObject({
            autoApply: true,
            allocations: [{ invoiceId: target.invoiceId, amount: target.open }],
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input gives the same proposals', () => {
    fc.assert(
      fc.property(worldArb, ([invoices, lines]) => {
        const input = { lines, invoices, customers: CUSTOMERS, asOf: AS_OF };
        expect(matchLines(input)).toEqual(matchLines(input));
      }),
      { numRuns: 100 },
    );
  });
});
