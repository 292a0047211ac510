/**
 * Money is an integer count of minor units (cents, haléře, øre) plus an ISO 4217 currency.
 *
 * Amounts are JavaScript numbers restricted to safe integers (|n| <= 2^53 - 1, about 90 trillion
 * euros in cents): every constructor and operation checks it, so a float or an overflow is a thrown
 * bug, never a silently wrong balance. Storage keeps them as BIGINT; the repository boundary converts
 * (pg returns int8 as a string) and re-checks.
 *
 * @example
 *   add(money(1050, 'EUR'), money(250, 'EUR')) // { amount: 1300, currency: 'EUR' }
 */
export type Currency = string;

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

/** Minor-unit exponent per currency (ISO 4217). Only currencies Duly's markets use plus common ones. */
const EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  EUR: 2,
  CZK: 2,
  NOK: 2,
  GBP: 2,
  SEK: 2,
  DKK: 2,
  PLN: 2,
  HUF: 2,
  CHF: 2,
  USD: 2,
  JPY: 0,
});

export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze(Object.keys(EXPONENTS));

export function isCurrency(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code);
}

export function minorUnitExponent(currency: Currency): number {
  const exp = EXPONENTS[currency];
  if (exp === undefined) throw new Error(`unsupported currency ${currency}`);
  return exp;
}

export function assertMinor(amount: unknown, what = 'amount'): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new Error(`${what} must be a safe integer of minor units, got ${String(amount)}`);
  }
}

export function money(amount: number, currency: Currency): Money {
  assertMinor(amount);
  if (!isCurrency(currency)) throw new Error(`unsupported currency ${currency}`);
  return Object.freeze({ amount, currency });
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Checked integer addition for plain minor amounts (sums in loops). */
export function addMinor(a: number, b: number): number {
  const r = a + b;
  assertMinor(r, 'sum');
  return r;
}

/**
 * Integer division rounding half away from zero, on BigInt so intermediate products never lose
 * precision. Used for every rounding in Duly (line totals, VAT, interest).
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = n / d;
  const r = n % d;
  const rounded = r * 2n >= d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

export function toSafeNumber(value: bigint, what = 'amount'): number {
  const n = Number(value);
  assertMinor(n, what);
  return n;
}

/**
 * Splits an amount into parts proportional to non-negative integer weights (line totals, say). The
 * remainder goes one unit each to the earliest parts whose exact share has a fraction, so the parts
 * add up to the amount exactly, each stays within one unit of its share, and a zero weight gets 0.
 * BigInt keeps amount x weight exact beyond 2^53.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  assertMinor(amount);
  if (!weights.every((w) => Number.isSafeInteger(w) && w >= 0)) {
    throw new Error('weights must be non-negative integers');
  }
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) throw new Error('weights must be positive');
  const products = weights.map((w) => BigInt(amount) * BigInt(w));
  const parts = products.map((p) => p / total);
  let rest = BigInt(amount) - parts.reduce((s, p) => s + p, 0n);
  const step = rest > 0n ? 1n : -1n;
  for (let i = 0; rest !== 0n; i++) {
    if (products[i]! % total === 0n) continue;
    parts[i]! += step;
    rest -= step;
  }
  return parts.map(Number);
}

/** Parses a decimal string ("1234.5", "-0.05") into minor units, exactly; rejects excess precision. */
export function parseDecimalToMinor(text: string, currency: Currency): number | undefined {
  const exp = minorUnitExponent(currency);
  const m = /^(-)?(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > exp) return undefined;
  const digits = BigInt(m[2]! + frac.padEnd(exp, '0'));
  const n = Number(m[1] ? -digits : digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Formats minor units as a plain decimal string ("1234.50"), for CSV export and messages. */
export function formatMinor(amount: number, currency: Currency): string {
  assertMinor(amount);
  const exp = minorUnitExponent(currency);
  if (exp === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(exp + 1, '0');
  return `${sign}${abs.slice(0, -exp)}.${abs.slice(-exp)}`;
}
