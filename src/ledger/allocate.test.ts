import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../kernel/dates.ts';
import { allocateOldestFirst, type OpenItem } from './allocate.ts';

const pad = (n: number) => String(n).padStart(4, '0');

/** Open items with few distinct dates and numbers, so every tie-break gets exercised. */
const items = fc
  .array(
    fc.record({
      due: fc.integer({ min: 0, max: 6 }),
      issue: fc.integer({ min: 0, max: 3 }),
      number: fc.integer({ min: 0, max: 5 }),
      open: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(0, -500, 1)),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map(
      (r, i): OpenItem =>
        Object.freeze({
          invoiceId: `inv_${pad(rows.length - i)}`,
          dueDate: addDays('2026-03-01', r.due),
          issueDate: addDays('2026-02-01', r.issue),
          number: `INV-${pad(r.number)}`,
          open: r.open,
        }),
    ),
  );

/** The expected order, spelled out independently of byAge: due, issued, number, id. */
const key = (i: OpenItem) => `${i.dueDate}|${i.issueDate}|${i.number}|${i.invoiceId}`;
const oldestFirst = (xs: readonly OpenItem[]) =>
  xs.filter((i) => i.open > 0).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const amountFor = (xs: readonly OpenItem[]) => {
  const owed = xs.reduce((s, i) => s + Math.max(0, i.open), 0);
  return fc.oneof(fc.integer({ min: 0, max: owed + 1000 }), fc.constantFrom(0, owed, owed + 1));
};

describe('allocateOldestFirst', () => {
  it('never allocates more than an item has open, and allocated + rest = amount', () => {
    fc.assert(
      fc.property(
        items.chain((xs) => fc.tuple(fc.constant(xs), amountFor(xs))),
        ([xs, amount]) => {
          const { allocations, rest } = allocateOldestFirst(amount, xs);
          const byId = new Map(xs.map((i) => [i.invoiceId, i]));
          for (const a of allocations) {
            expect(a.amount).toBeGreaterThan(0);
            expect(a.amount).toBeLessThanOrEqual(byId.get(a.invoiceId)!.open);
          }
          expect(new Set(allocations.map((a) => a.invoiceId)).size).toBe(allocations.length);
          expect(allocations.reduce((s, a) => s + a.amount, 0) + rest).toBe(amount);
          expect(rest).toBeGreaterThanOrEqual(0);
          const owed = xs.reduce((s, i) => s + Math.max(0, i.open), 0);
          expect(rest).toBe(Math.max(0, amount - owed));
        },
      ),
    );
  });

  it('pays the oldest due first, settling each item in full before touching the next', () => {
    fc.assert(
      fc.property(
        items.chain((xs) => fc.tuple(fc.constant(xs), amountFor(xs))),
        ([xs, amount]) => {
          const { allocations } = allocateOldestFirst(amount, xs);
          const expected = oldestFirst(xs);
          expect(allocations.map((a) => a.invoiceId)).toEqual(
            expected.slice(0, allocations.length).map((i) => i.invoiceId),
          );
          for (const [k, a] of allocations.entries()) {
            if (k < allocations.length - 1) expect(a.amount).toBe(expected[k]!.open);
          }
          if (allocations.length < expected.length) {
            expect(allocations.reduce((s, a) => s + a.amount, 0)).toBe(amount);
          }
        },
      ),
    );
  });

  it('splits a payment over two invoices as the example says, and leaves its input untouched', () => {
    const a = {
      invoiceId: 'inv_b',
      dueDate: '2026-03-10',
      issueDate: '2026-02-10',
      number: 'A-2',
      open: 1000,
    };
    const b = {
      invoiceId: 'inv_a',
      dueDate: '2026-03-01',
      issueDate: '2026-02-01',
      number: 'A-1',
      open: 1000,
    };
    const input = Object.freeze([Object.freeze(a), Object.freeze(b)]);
    expect(allocateOldestFirst(1500, input)).toEqual({
      allocations: [
        { invoiceId: 'inv_a', amount: 1000 },
        { invoiceId: 'inv_b', amount: 500 },
      ],
      rest: 0,
    });
    expect(allocateOldestFirst(2500, input).rest).toBe(500);
    expect(allocateOldestFirst(0, input)).toEqual({ allocations: [], rest: 0 });
    expect(input.map((i) => i.invoiceId)).toEqual(['inv_b', 'inv_a']);
  });
});
