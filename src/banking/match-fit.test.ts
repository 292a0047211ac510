import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_OF, invoice } from './match-builders.test-util.ts';
import { settle, subsetsSumming } from './match-fit.ts';
import { buildIndex } from './match-index.ts';

const amounts = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 0, maxLength: 10 });

describe('subsetsSumming', () => {
  it('finds a subset exactly when one exists, and only subsets that add up', () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: 1, max: 200 }), (values, target) => {
        let exists = false;
        for (let mask = 1; mask < 1 << values.length; mask++) {
          let s = 0;
          for (let i = 0; i < values.length; i++) if (mask & (1 << i)) s += values[i]!;
          if (s === target) exists = true;
        }
        const found = subsetsSumming(values, target, { minSize: 1, limit: 3 });
        expect(found.length > 0).toBe(exists);
        for (const subset of found) {
          expect(subset.reduce((s, i) => s + values[i]!, 0)).toBe(target);
          expect(new Set(subset).size).toBe(subset.length);
        }
      }),
    );
  });
});

describe('settle', () => {
  it('accounts for every cent: allocations plus overpayment are the amount, none above what is open', () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: 1, max: 300 }), fc.boolean(), (opens, amount, early) => {
        const invoices = opens.map((open, i) =>
          invoice({ number: `n${i}`, open, discount: open > 10 ? { until: '2026-03-10', amount: 3 } : null }),
        );
        const index = buildIndex(invoices, []);
        const targets = invoices.map((_, i) => i);
        const s = settle(index, targets, amount, early ? '2026-03-09' : AS_OF);
        expect(s.allocations.reduce((t, a) => t + a.amount, 0) + s.overpayment).toBe(amount);
        for (const a of s.allocations) {
          const discount = s.discounts.find((d) => d.idx === a.idx)?.amount ?? 0;
          expect(a.amount + discount).toBeLessThanOrEqual(opens[a.idx]!);
        }
        if (s.kind === 'exact' || s.kind === 'discount')
          expect(s.overpayment + (s.shortfall ? 1 : 0)).toBe(0);
        if (!early) expect(s.discounts).toEqual([]);
      }),
    );
  });

  it('leaves the newest invoice short when the amount runs out', () => {
    const index = buildIndex([invoice({ number: 'a', open: 100 }), invoice({ number: 'b', open: 200 })], []);
    expect(settle(index, [0, 1], 250, AS_OF)).toMatchObject({
      kind: 'partial',
      allocations: [
        { idx: 0, amount: 100 },
        { idx: 1, amount: 150 },
      ],
      shortfall: { idx: 1, amount: 50 },
    });
  });
});
