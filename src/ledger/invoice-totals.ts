import { assertMinor, divRoundHalfAwayFromZero, toSafeNumber } from '../kernel/money.ts';

/**
 * Invoice arithmetic, in integer minor units. Rounding rule (documented in README):
 * 1. line net   = quantity x unit price, rounded half away from zero to the minor unit;
 * 2. line VAT   = line net x VAT rate, rounded the same way;
 * 3. line total = net + VAT;
 * 4. invoice subtotal, VAT and total are the plain sums of the lines' rounded figures.
 * Per-line rounding means the printed lines always add up to the printed totals.
 */
export interface LineAmounts {
  readonly quantityMilli: number;
  readonly unitPrice: number;
  readonly vatRateBp: number;
  readonly net: number;
  readonly vat: number;
  readonly total: number;
}

export interface InvoiceTotals {
  readonly subtotal: number;
  readonly vatTotal: number;
  readonly total: number;
}

/** `"1.5"` or `1.5` -> 1500 thousandths; undefined when not a positive decimal with <= 3 places. */
export function parseQuantityMilli(q: string | number): number | undefined {
  const text = typeof q === 'number' ? String(q) : q.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return undefined;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return milli > 0 && Number.isSafeInteger(milli) ? milli : undefined;
}

/** `"21"`, `21`, `"10.5"` (percent) -> basis points; undefined when not 0-100 with <= 2 places. */
export function parseVatRateBp(r: string | number): number | undefined {
  const text = typeof r === 'number' ? String(r) : r.trim().replace(/%$/, '');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : undefined;
}

export function computeLine(quantityMilli: number, unitPrice: number, vatRateBp: number): LineAmounts {
  assertMinor(unitPrice, 'unit price');
  const net = toSafeNumber(
    divRoundHalfAwayFromZero(BigInt(quantityMilli) * BigInt(unitPrice), 1000n),
    'line net',
  );
  const vat = toSafeNumber(divRoundHalfAwayFromZero(BigInt(net) * BigInt(vatRateBp), 10_000n), 'line VAT');
  return { quantityMilli, unitPrice, vatRateBp, net, vat, total: toSafeNumber(BigInt(net) + BigInt(vat)) };
}

export function sumLines(lines: readonly LineAmounts[]): InvoiceTotals {
  let subtotal = 0n;
  let vatTotal = 0n;
  for (const l of lines) {
    subtotal += BigInt(l.net);
    vatTotal += BigInt(l.vat);
  }
  return {
    subtotal: toSafeNumber(subtotal, 'subtotal'),
    vatTotal: toSafeNumber(vatTotal, 'VAT total'),
    total: toSafeNumber(subtotal + vatTotal, 'total'),
  };
}
