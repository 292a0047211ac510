import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  addMinor,
  allocateProportionally,
  divRoundHalfAwayFromZero,
  formatMinor,
  minorUnitExponent,
  money,
  parseDecimalToMinor,
  SUPPORTED_CURRENCIES,
  subtract,
  toSafeNumber,
} from './money.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const safeInt = fc.integer({ min: -MAX, max: MAX });
const currency = fc.constantFrom(...SUPPORTED_CURRENCIES);
const abs = (n: bigint) => (n < 0n ? -n : n);

/** Half away from zero written differently from the implementation: floor((2|n| + |d|) / 2|d|). */
function referenceRound(n: bigint, d: bigint): bigint {
  const magnitude = (2n * abs(n) + abs(d)) / (2n * abs(d));
  return n < 0n !== d < 0n ? -magnitude : magnitude;
}

describe('divRoundHalfAwayFromZero', () => {
  it('agrees with a BigInt reference for any numerator and non-zero denominator', () => {
    const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    const denominator = fc.oneof(
      fc.bigInt({ min: -20n, max: 20n }),
      fc.constantFrom(100n, 1000n, 10_000n, -10_000n),
      big,
    );
    fc.assert(
      fc.property(big, denominator, (n, d) => {
        fc.pre(d !== 0n);
        expect(divRoundHalfAwayFromZero(n, d)).toBe(referenceRound(n, d));
      }),
    );
  });

  it('is within half a unit of the exact quotient and rounds exact halves away from zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const q = divRoundHalfAwayFromZero(n, d);
          const error2 = 2n * abs(q * d - n); // twice the error, scaled by d
          expect(error2 <= d).toBe(true);
          if (error2 === d) expect(abs(q * d) > abs(n)).toBe(true);
        },
      ),
    );
  });

  it('rounds the textbook cases', () => {
    const cases: [bigint, bigint, bigint][] = [
      [5n, 2n, 3n],
      [-5n, 2n, -3n],
      [5n, -2n, -3n],
      [4995n, 1000n, 5n],
      [4994n, 1000n, 5n],
      [4499n, 1000n, 4n],
      [-4500n, 1000n, -5n],
      [0n, 7n, 0n],
    ];
    for (const [n, d, q] of cases) expect(divRoundHalfAwayFromZero(n, d)).toBe(q);
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(/division by zero/);
  });
});

describe('allocateProportionally', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 });

  it('splits any safe amount into parts that add up exactly, each within one unit of its share', () => {
    fc.assert(
      fc.property(safeInt, weights, (amount, ws) => {
        const total = ws.reduce((s, w) => s + w, 0);
        fc.pre(total > 0);
        const parts = allocateProportionally(amount, ws);
        expect(parts).toHaveLength(ws.length);
        expect(parts.reduce((s, p) => s + BigInt(p), 0n)).toBe(BigInt(amount));
        for (const [i, p] of parts.entries()) {
          expect(Number.isSafeInteger(p)).toBe(true);
          // |part - amount * w / total| < 1, kept in integers: |part * total - amount * w| < total
          const gap = abs(BigInt(p) * BigInt(total) - BigInt(amount) * BigInt(ws[i]!));
          expect(gap < BigInt(total)).toBe(true);
        }
      }),
    );
  });

  it('gives the remainder to the earliest parts, deterministically', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateProportionally(5, [0, 1, 1])).toEqual([0, 3, 2]);
    // The exact share of the first part is 1: the spare unit goes to the first fractional share.
    expect(allocateProportionally(2, [2, 1, 1])).toEqual([1, 1, 0]);
    // MAX x 3 is beyond 2^53: the shares are 6755399441055743.25 and 2251799813685247.75.
    expect(allocateProportionally(MAX, [3, 1])).toEqual([6755399441055744, 2251799813685247]);
  });

  it('refuses weights that are empty, all zero, negative or not finite, instead of hanging', () => {
    for (const ws of [[], [0, 0], [-1, 2], [Number.NaN], [Number.POSITIVE_INFINITY, 1]]) {
      expect(() => allocateProportionally(100, ws)).toThrow(/weights/);
    }
  });
});

describe('decimal parsing and formatting', () => {
  it('round-trips every safe amount through formatMinor and parseDecimalToMinor, in every currency', () => {
    fc.assert(
      fc.property(safeInt, currency, (amount, c) => {
        const text = formatMinor(amount, c);
        expect(parseDecimalToMinor(text, c)).toBe(amount);
        const exp = minorUnitExponent(c);
        expect(text).toMatch(exp === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${exp}}$`));
      }),
    );
  });

  it('parses any decimal with at most the currency exponent of places exactly, and formats it canonically', () => {
    const decimal = fc.record({
      negative: fc.boolean(),
      whole: fc.bigInt({ min: 0n, max: 10n ** 13n }),
      frac: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 2 }),
      comma: fc.boolean(),
    });
    fc.assert(
      fc.property(decimal, currency, ({ negative, whole, frac, comma }, c) => {
        const exp = minorUnitExponent(c);
        const text = `${negative ? '-' : ''}${whole}${frac ? (comma ? ',' : '.') + frac : ''}`;
        const parsed = parseDecimalToMinor(text, c);
        if (frac.length > exp) {
          expect(parsed).toBeUndefined();
          return;
        }
        const expected =
          (whole * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0')) * (negative ? -1n : 1n);
        expect(parsed).toBe(Number(expected));
        expect(formatMinor(parsed!, c)).toBe(
          formatMinor(Number(expected), c), // canonical: "-0" is "0.00", "1,5" is "1.50"
        );
        expect(BigInt(formatMinor(parsed!, c).replace('.', ''))).toBe(expected);
      }),
    );
  });

  it('refuses text that is not a plain decimal or does not fit a safe integer', () => {
    for (const text of ['', '-', '1.', '.5', '1.2.3', '1e3', '+5', '0x10', '1 000', '12.345', 'NaN']) {
      expect(parseDecimalToMinor(text, 'EUR'), text).toBeUndefined();
    }
    expect(parseDecimalToMinor('1.5', 'JPY')).toBeUndefined();
    expect(parseDecimalToMinor(' 12.5 ', 'EUR')).toBe(1250);
    expect(parseDecimalToMinor('90071992547409.91', 'EUR')).toBe(MAX);
    expect(parseDecimalToMinor('90071992547409.92', 'EUR')).toBeUndefined();
    expect(parseDecimalToMinor('9007199254740993', 'JPY')).toBeUndefined();
    expect(() => parseDecimalToMinor('1', 'XXX')).toThrow(/unsupported currency/);
  });
});

describe('Money', () => {
  it('refuses floats, unsafe integers and unknown currencies', () => {
    for (const bad of [0.5, -1.25, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1e300]) {
      expect(() => money(bad, 'EUR'), String(bad)).toThrow(/safe integer/);
      expect(() => formatMinor(bad, 'EUR'), String(bad)).toThrow(/safe integer/);
    }
    expect(() => money(100, 'XXX')).toThrow(/unsupported currency/);
    expect(() => money(100, 'eur')).toThrow(/unsupported currency/);
    expect(() => toSafeNumber(2n ** 53n)).toThrow(/safe integer/);
  });

  it('adds and subtracts exactly, refusing to mix currencies or to overflow', () => {
    fc.assert(
      fc.property(safeInt, safeInt, currency, (a, b, c) => {
        const exact = BigInt(a) + BigInt(b);
        if (abs(exact) > BigInt(MAX)) {
          expect(() => add(money(a, c), money(b, c))).toThrow(/safe integer/);
          expect(() => addMinor(a, b)).toThrow(/safe integer/);
        } else {
          expect(add(money(a, c), money(b, c))).toEqual({ amount: Number(exact), currency: c });
          expect(subtract(money(Number(exact), c), money(b, c)).amount).toBe(a);
        }
      }),
    );
    expect(() => add(money(1, 'EUR'), money(1, 'CZK'))).toThrow(/currency mismatch/);
    expect(() => subtract(money(1, 'EUR'), money(1, 'CZK'))).toThrow(/currency mismatch/);
  });

  it('returns frozen values', () => {
    const m = money(1050, 'EUR');
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(add(m, m))).toBe(true);
  });
});
